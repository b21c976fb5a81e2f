// Issue 10, item 3: a dataset's private (or draft) past must not become public with it. Every
// activity keeps who could see it when it was written, and every activity list filters on it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { sql } from 'drizzle-orm';
import { startKho, orgWithRoles } from './helpers/kho.js';
import { migrationsFolder } from '../server/db/database.js';
import { rowsOf } from '../server/db/sql-helpers.js';

const k = await startKho();
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-tai-chinh');
const other = await orgWithRoles(k, 'so-khac');

const SECRET_NOTES = 'bi-mat-ghi-chu-7f3a';
const SECRET_EXTRA = 'bi-mat-extra-91c2';
const DRAFT_SECRET = 'ban-nhap-bi-mat-44d0';

const ok = async (name: string, data: Record<string, unknown>, token: string) => {
  const r = await k.api(name, data, { token });
  if (r.status !== 200) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.result;
};

// Created private with secrets, cleaned, then published: three activities, the first two private.
const pkg = await ok('package_create', {
  name: 'ngan-sach', title: 'Ngân sách', owner_org: org.name, private: true,
  notes: `Ghi chú ${SECRET_NOTES}`, extras: [{ key: 'mat-khau', value: SECRET_EXTRA }],
}, org.editor.token);
await ok('package_patch', { id: pkg.id, notes: 'Ghi chú công khai', extras: [] }, org.editor.token);
await ok('package_patch', { id: pkg.id, private: false }, org.editor.token);

// Written as a draft (readable only by those who may edit it), then published.
const draft = await ok('package_create', {
  name: 'du-toan', title: 'Dự toán', owner_org: org.name, state: 'draft', notes: `Nháp ${DRAFT_SECRET}`,
}, org.editor.token);
await ok('package_patch', { id: draft.id, state: 'active', notes: 'Bản chính thức' }, org.editor.token);

const outsiders = [['anonymous', null], ['a user of another organization', other.admin.token]] as const;
const lists = [
  ['package_activity_list', { id: pkg.id }],
  ['package_activity_list', { id: draft.id }],
  ['organization_activity_list', { id: org.name }],
  ['recently_changed_packages_activity_list', {}],
] as const;

const bodyOf = (r: { body: unknown }) => JSON.stringify(r.body);

t.test('private-period versions stay out of every list for outsiders', async (t) => {
  for (const [who, token] of outsiders) {
    for (const [action, data] of lists) {
      for (const method of ['GET', 'POST'] as const) {
        const r = await k.api(action, data, { token, method });
        t.equal(r.status, 200, `${action} ${method}: ${who}`);
        for (const secret of [SECRET_NOTES, SECRET_EXTRA, DRAFT_SECRET]) {
          t.notOk(bodyOf(r).includes(secret), `${action} ${method} shows no ${secret} to ${who}`);
        }
      }
    }
    const acts = (await k.api('package_activity_list', { id: pkg.id }, { token })).body.result;
    t.same(acts.map((a: any) => [a.activity_type, a.data.package.private]), [['changed package', false]],
      `${who} sees only the public version of the dataset`);
    const drafts = (await k.api('package_activity_list', { id: draft.id }, { token })).body.result;
    t.same(drafts.map((a: any) => a.data.package.state), ['active'], `${who} sees only the published draft`);
  }
});

t.test('a plain member sees the private past but not the draft', async (t) => {
  const token = org.member.token;
  const acts = (await k.api('package_activity_list', { id: pkg.id }, { token })).body.result;
  t.same(acts.map((a: any) => a.activity_type), ['changed package', 'changed package', 'new package']);
  t.ok(bodyOf({ body: acts }).includes(SECRET_NOTES), 'members could read it then');
  for (const [action, data] of lists) {
    const r = await k.api(action, data, { token });
    t.equal(r.status, 200, action);
    t.notOk(bodyOf(r).includes(DRAFT_SECRET), `${action}: a draft is for those who may edit it`);
  }
});

t.test('editors and sysadmins see the whole history', async (t) => {
  for (const token of [org.editor.token, org.admin.token, k.sysadmin.token]) {
    const drafts = (await k.api('package_activity_list', { id: draft.id }, { token })).body.result;
    t.same(drafts.map((a: any) => a.data.package.state), ['active', 'draft']);
    const orgActs = await k.api('organization_activity_list', { id: org.name }, { token });
    for (const secret of [SECRET_NOTES, SECRET_EXTRA, DRAFT_SECRET]) t.ok(bodyOf(orgActs).includes(secret));
  }
});

t.test('a deleted dataset takes its history out of outsiders’ streams', async (t) => {
  const gone = await ok('package_create', { name: 'xoa-di', owner_org: org.name, notes: 'sẽ bị xoá' }, org.editor.token);
  await ok('package_delete', { id: gone.id }, org.editor.token);
  for (const action of ['organization_activity_list', 'recently_changed_packages_activity_list'] as const) {
    const anon = (await k.api(action, { id: org.name }, { token: null })).body.result;
    t.notOk(anon.some((a: any) => a.object_id === gone.id), `${action}: anonymous`);
    const member = (await k.api(action, { id: org.name }, { token: org.member.token })).body.result;
    t.same(member.filter((a: any) => a.object_id === gone.id).map((a: any) => a.activity_type), ['deleted package', 'new package'],
      `${action}: members may still read a deleted dataset of their org`);
  }
});

const db = k.kho.database.db;

t.test('rows without labels (older code) are for the organization’s members and sysadmins only', async (t) => {
  await db.execute(sql`update public.activities set permission_labels = null where object_id = ${pkg.id}`);
  const anon = (await k.api('package_activity_list', { id: pkg.id }, { token: null })).body.result;
  t.same(anon, [], 'anonymous: nothing, though the dataset is public now');
  t.same((await k.api('organization_activity_list', { id: org.name }, { token: other.admin.token })).body.result
    .filter((a: any) => a.object_id === pkg.id), [], 'another organization’s admin: nothing');
  t.equal((await k.api('package_activity_list', { id: pkg.id }, { token: org.member.token })).body.result.length, 3, 'members');
  t.equal((await k.api('package_activity_list', { id: pkg.id })).body.result.length, 3, 'sysadmin');
});

t.test('migration 0014 labels older rows as they were written', async (t) => {
  await ok('group_create', { name: 'nhom-tai-chinh' }, org.admin.token);
  const labels = async () => rowsOf<{ id: string; labels: string[] | null }>(
    await db.execute(sql`select id, permission_labels as labels from public.activities order by id`));
  await ok('package_patch', { id: pkg.id, notes: 'lần nữa' }, org.editor.token);
  const written = (await labels()).filter((r) => r.labels !== null);
  t.ok(written.length >= 10);
  t.ok(written.some((r) => r.labels!.includes('public')) && written.some((r) => r.labels!.some((l) => l.startsWith('member-')))
    && written.some((r) => r.labels!.some((l) => l.startsWith('editor-'))), 'public, private and draft rows among them');
  await db.execute(sql`update public.activities set permission_labels = null`);
  await db.execute(sql.raw(readFileSync(join(migrationsFolder, '0014_activity_permission_labels.sql'), 'utf8')));
  const backfilled = new Map((await labels()).map((r) => [r.id, r.labels]));
  t.same(written.map((r) => [r.id, backfilled.get(r.id)]), written.map((r) => [r.id, r.labels]), 'the same labels as when written');
  const anon = (await k.api('package_activity_list', { id: pkg.id }, { token: null })).body.result;
  t.same(anon.map((a: any) => a.data.package.private), [false, false], 'the public versions are public again, the private ones not');
  t.notOk(JSON.stringify(anon).includes(SECRET_NOTES));
});

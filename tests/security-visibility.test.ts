// Issue 10, items 6, 10 and 11: who reads which dataset, through every door; and one active
// account per e-mail, kept by the database under concurrent user_create.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { startKho, orgWithRoles } from './helpers/kho.js';
import { users } from '../server/db/schema.js';

const k = await startKho();
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-ke-hoach');
const other = await orgWithRoles(k, 'so-khac');

const ok = async (name: string, data: Record<string, unknown>, token: string) => {
  const r = await k.api(name, data, { token });
  if (r.status !== 200) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.result;
};
const text = (r: { body: unknown }) => JSON.stringify(r.body);

t.test('item 11: a draft is read only by those who may edit it', async (t) => {
  const SECRET = 'nhap-chua-duyet-5e1b';
  const draft = await ok('package_create', {
    name: 'quy-hoach-nhap', owner_org: org.name, state: 'draft', notes: `Ghi chú ${SECRET}`,
    resources: [{ url: `https://example.vn/${SECRET}.csv`, name: 'Bảng', format: 'CSV' }],
  }, org.editor.token);
  const rid = draft.resources[0].id;
  const table = await ok('datastore_create', {
    resource: { package_id: draft.id, name: 'Bảng dữ liệu' }, fields: [{ id: 'ghi chú', type: 'text' }], records: [{ 'ghi chú': SECRET }],
  }, org.editor.token);

  const refused = [['a plain member', org.member.token], ['another organization’s admin', other.admin.token], ['anonymous', null]] as const;
  for (const [who, token] of refused) {
    for (const [action, data] of [
      ['package_show', { id: draft.id }], ['package_show', { id: draft.name }], ['resource_show', { id: rid }],
      ['package_activity_list', { id: draft.id }], ['datastore_search', { resource_id: table.resource_id }],
      ['datastore_info', { id: table.resource_id }],
    ] as const) {
      const r = await k.api(action, data, { token });
      t.equal(r.status, 403, `${action}: ${who}`);
      t.notOk(text(r).includes(SECRET), `${action} keeps the secret from ${who}`);
    }
    for (const search of [
      { include_drafts: true, include_private: true, rows: 1000 },
      { fq: 'state:draft', include_private: true },
      { fq: '+state:(active OR draft)', include_drafts: true, include_private: true, rows: 1000 },
      { q: 'name:quy-hoach-nhap', include_drafts: true, include_private: true },
    ]) {
      const r = await k.api('package_search', search, { token });
      t.equal(r.status, 200, `package_search ${JSON.stringify(search)}: ${who}`);
      t.notOk(r.body.result.results.some((p: any) => p.id === draft.id), `package_search ${JSON.stringify(search)} finds no draft for ${who}`);
      t.notOk(text(r).includes(SECRET), `package_search ${JSON.stringify(search)} keeps the secret from ${who}`);
    }
    for (const action of ['organization_activity_list', 'recently_changed_packages_activity_list']) {
      t.notOk(text(await k.api(action, { id: org.name }, { token })).includes(SECRET), `${action}: ${who}`);
    }
    const headers: Record<string, string> = token ? { Authorization: token } : {};
    const dl = await fetch(`${k.url}/dataset/${draft.id}/resource/${rid}/download/bang.csv`, { headers, redirect: 'manual' });
    t.equal(dl.status, 403, `download: ${who}`);
    t.notOk((dl.headers.get('location') ?? '').includes(SECRET), `download redirects ${who} nowhere`);
    t.notOk((await dl.text()).includes(SECRET), `download keeps the secret from ${who}`);
  }

  for (const [who, token] of [['the editor', org.editor.token], ['the admin', org.admin.token], ['a sysadmin', k.sysadmin.token]] as const) {
    t.equal((await k.api('package_show', { id: draft.id }, { token })).status, 200, `package_show: ${who}`);
    t.equal((await k.api('resource_show', { id: rid }, { token })).status, 200, `resource_show: ${who}`);
    t.equal((await k.api('datastore_search', { resource_id: table.resource_id }, { token })).status, 200, `datastore_search: ${who}`);
    const found = (await k.api('package_search', { fq: 'state:draft', include_private: true }, { token })).body.result;
    t.same(found.results.map((p: any) => p.id), [draft.id], `package_search state:draft: ${who}`);
    const drafts = (await k.api('package_search', { include_drafts: true, rows: 1000 }, { token })).body.result;
    t.ok(drafts.results.some((p: any) => p.id === draft.id), `package_search include_drafts: ${who}`);
  }

  // A private or deleted dataset stays readable by every member, as the contract (§4) says.
  const priv = await ok('package_create', { name: 'noi-bo-ke-hoach', owner_org: org.name, private: true }, org.editor.token);
  t.equal((await k.api('package_show', { id: priv.id }, { token: org.member.token })).status, 200, 'private: members read it');
  await ok('package_delete', { id: priv.id }, org.editor.token);
  t.equal((await k.api('package_show', { id: priv.id }, { token: org.member.token })).status, 200, 'deleted: members read it');
  t.equal((await k.api('package_show', { id: priv.id }, { token: other.admin.token })).status, 403, 'deleted: outsiders do not');

  // An editor demoted to member can no longer read the org's drafts, their own included.
  await ok('organization_member_create', { id: org.name, username: org.editor.name, role: 'member' }, k.sysadmin.token);
  t.equal((await k.api('package_show', { id: draft.id }, { token: org.editor.token })).status, 403, 'demoted creator');
  const demoted = (await k.api('package_search', { include_drafts: true, fq: '+state:(active OR draft)' }, { token: org.editor.token })).body.result;
  t.notOk(demoted.results.some((p: any) => p.id === draft.id), 'demoted creator: search agrees');
  await ok('organization_member_create', { id: org.name, username: org.editor.name, role: 'editor' }, k.sysadmin.token);
});

t.test('item 6: user_show include_datasets shows only what the caller may read now', async (t) => {
  const SECRET = 'rieng-tu-cua-so-cu-8d2c';
  const leaving = await orgWithRoles(k, 'so-cu');
  const mine = await ok('package_create', { name: 'cong-khai-cua-toi', owner_org: leaving.name }, leaving.editor.token);
  const priv = await ok('package_create', {
    name: 'rieng-tu-so-cu', owner_org: leaving.name, private: true, notes: SECRET,
  }, leaving.editor.token);
  const draft = await ok('package_create', { name: 'nhap-so-cu', owner_org: leaving.name, state: 'draft', notes: SECRET }, leaving.editor.token);
  const names = async (token: string | null) => {
    const r = await k.api('user_show', { id: leaving.editor.name, include_datasets: true }, { token });
    t.equal(r.status, 200, 'user_show');
    return { names: r.body.result.datasets.map((p: any) => p.name).sort(), body: text(r) };
  };
  t.same((await names(leaving.editor.token)).names, [mine.name, draft.name, priv.name].sort(), 'while an editor, all of them');
  t.same((await names(leaving.admin.token)).names, [mine.name], 'another member of the org: the public one');

  await ok('organization_member_delete', { id: leaving.name, username: leaving.editor.name }, k.sysadmin.token);
  for (const [who, token] of [['the user, removed from the org', leaving.editor.token], ['anonymous', null], ['an outsider', other.admin.token]] as const) {
    const r = await names(token);
    t.same(r.names, [mine.name], who);
    t.notOk(r.body.includes(SECRET), `no secret for ${who}`);
  }
  t.same((await names(k.sysadmin.token)).names, [mine.name, draft.name, priv.name].sort(), 'a sysadmin sees them all');
});

t.test('item 10: one active account per e-mail, whatever the race', async (t) => {
  const expect409 = (r: { status: number; body: any }, email: string, what: string) => {
    t.equal(r.status, 409, `${what}: ${text(r)}`);
    t.same(r.body, { help: r.body.help, success: false, error: { __type: 'Validation Error', email: [`The email address '${email}' belongs to a registered user.`] } }, what);
  };

  const variants = Array.from({ length: 20 }, (_, i) => (i % 2 ? 'Trung.Nguyen@Example.VN' : 'trung.nguyen@example.vn'));
  const results = await Promise.all(variants.map((email, i) =>
    k.api('user_create', { name: `trung-${i}`, email, password: 'mat-khau-123' })));
  t.same(results.map((r) => r.status).sort(), [200, ...Array(19).fill(409)], '20 parallel user_create: one succeeds');
  results.forEach((r, i) => { if (r.status !== 200) expect409(r, variants[i]!, `parallel request ${i}`); });
  const listed = (await k.api('user_list', { email: 'TRUNG.NGUYEN@example.vn' })).body.result;
  t.equal(listed.length, 1, 'one account holds the address');

  const sameName = await Promise.all(Array.from({ length: 10 }, (_, i) =>
    k.api('user_create', { name: 'cung-ten', email: `cung-ten-${i}@example.vn`, password: 'mat-khau-123' })));
  t.same(sameName.map((r) => r.status).sort(), [200, ...Array(9).fill(409)], 'one name, ten parallel requests');
  for (const r of sameName.filter((x) => x.status !== 200)) {
    t.same(r.body.error, { __type: 'Validation Error', name: ['That login name is not available.'] }, 'the name is taken');
  }

  // An insert that commits while user_create is between its look-up and its own insert: on
  // Postgres only the unique index sees it, and its refusal must read like the look-up's.
  const db = k.kho.database.db;
  let pending!: Promise<{ status: number; body: any }>;
  await db.transaction(async (tx) => {
    await tx.insert(users).values({ id: randomUUID(), name: 'chen-ngang', email: 'Chen.Ngang@example.vn', passwordHash: null });
    pending = k.api('user_create', { name: 'den-sau', email: 'chen.ngang@EXAMPLE.vn', password: 'mat-khau-123' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
  });
  expect409(await pending, 'chen.ngang@EXAMPLE.vn', 'a concurrent insert the look-up could not see');
  t.equal((await k.api('user_show', { id: 'den-sau' })).status, 404, 'and nothing was created');

  // Only active accounts hold their address.
  await db.update(users).set({ state: 'deleted' }).where(eq(users.name, 'chen-ngang'));
  t.equal((await k.api('user_create', { name: 'nguoi-moi', email: 'chen.ngang@example.vn', password: 'mat-khau-123' })).status, 200,
    'a deleted account’s address can be used again');
});

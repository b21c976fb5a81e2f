// One home for authorization: every action has a rule the registry checks, a module cannot
// register an action without one nor open a write to everyone, and can() gives the same answer
// (and the same message) as calling the action for real over HTTP.
import t from 'tap';
import { startKho, orgWithRoles, type TestKho } from './helpers/kho.js';
import { ActionRegistry } from '../server/actions/registry.js';
import { createKho } from '../server/kho.js';
import type { ActionDef } from '../server/core/action.js';
import type { KhoModule } from '../server/core/module.js';
import { can, refusal } from '../server/auth/can.js';
import { userByName, type AuthUser } from '../server/auth/users.js';
import { requirePackage } from '../server/logic/package-store.js';
import { requireGroup } from '../server/logic/group-store.js';
import { findResource } from '../server/auth/rules/resource.js';
import { resourceOf } from '../server/modules/datastore/auth.js';
import { publicRead } from '../server/auth/rules/common.js';

const echo: ActionDef['handler'] = async (_ctx, data) => data;

t.test('registering an action without a rule, or a write open to everyone, stops the start', async (t) => {
  const registry = new ActionRegistry();
  t.throws(() => registry.add([{ name: 'no_rule', read: true, handler: echo } as unknown as ActionDef], 'module probe'),
    /Action no_rule \(module probe\) has no auth rule/);
  t.throws(() => registry.add([{ name: 'open_write', read: false, auth: publicRead, handler: echo }], 'module probe'),
    /Action open_write \(module probe\) changes things, so it cannot be publicRead/);
  t.throws(() => registry.add([{ name: 'checks_nothing', read: true, auth: {}, handler: echo }]),
    /checks_nothing .* checks nothing/);
  t.throws(() => registry.add([{ name: 'both', read: true, auth: { publicRead: true, caller: () => null }, handler: echo }]),
    /both .* one or the other/);
  t.same(registry.list(), [], 'nothing refused was registered');
  registry.add([{ name: 'fine_read', read: true, auth: publicRead, handler: echo }]);
  t.equal(registry.get('fine_read')?.name, 'fine_read');

  // Through the module seam: Kho is assembled with the module and refuses before it serves.
  const forgetful: KhoModule = {
    name: 'forgetful', description: 'forgets a rule',
    actions: [{ name: 'forgetful_write', read: false, handler: echo } as unknown as ActionDef],
  };
  t.throws(() => createKho({} as Parameters<typeof createKho>[0], [forgetful]), /forgetful_write \(module forgetful\) has no auth rule/);
});

t.test('every registered action has a rule, and no write action is public', async (t) => {
  const k = await startKho();
  t.teardown(() => k.close());
  const all = k.kho.actions.list();
  t.ok(all.length > 60, `${all.length} actions registered`);
  t.ok(all.some((a) => a.name === 'datastore_upsert'), 'the DataStore module\'s actions are among them');
  for (const def of all) {
    const rule = def.auth;
    t.ok(rule && typeof rule === 'object', `${def.name} has a rule`);
    if (rule.publicRead) t.ok(def.read, `${def.name} is public, so it is a read action`);
    else t.ok(rule.caller || rule.object, `${def.name} checks its caller or its object`);
  }
  const writes = all.filter((a) => !a.read);
  t.ok(writes.length > 25, `${writes.length} write actions`);
  t.same(writes.filter((a) => a.auth.publicRead).map((a) => a.name), [], 'no write action is publicRead');

  // An anonymous caller is refused every write before anything changes (ignoreAuth aside).
  for (const def of writes) {
    const r = await k.api(def.name, {}, { token: null });
    t.not(r.status, 200, `${def.name} refuses an anonymous caller with an empty input`);
    t.not(r.status, 500, `${def.name}: no 500`);
  }
  // Trusted internal calls skip the rules, but not the checks of the input.
  const made = await k.kho.call('organization_create', { name: 'tin-cay' }, { ignoreAuth: true });
  t.equal(made.name, 'tin-cay');
});

interface Caller { label: string; token: string | null; user: AuthUser | null }

t.test('can() answers as the action does, over HTTP, for each kind of caller', async (t) => {
  const k = await startKho();
  t.teardown(() => k.close());
  const db = k.kho.database.db;
  const org = await orgWithRoles(k, 'so-tai-chinh');
  const other = await orgWithRoles(k, 'so-xay-dung');
  const plain = await k.user('nguoi-dan');
  const extra = await k.user('them-vao');
  const pkgName = 'ngan-sach-tinh';
  const made = await k.api('package_create', { name: pkgName, owner_org: org.name, title: 'Ngân sách tỉnh' });
  t.equal(made.status, 200);
  const table = await k.api('datastore_create', {
    resource: { package_id: pkgName, name: 'Bảng chi' },
    fields: [{ id: 'khoan', type: 'text' }, { id: 'so_tien', type: 'int' }], primary_key: 'khoan',
  });
  t.equal(table.status, 200, JSON.stringify(table.body));
  const tableId = table.body.result.resource_id as string;

  const named = async (label: string, who: { name: string; token: string }): Promise<Caller> =>
    ({ label, token: who.token, user: await userByName(db, who.name) });
  const callers: Caller[] = [
    await named('editor', org.editor), await named('member', org.member), await named('admin', org.admin),
    await named('other-org editor', other.editor), await named('plain user', plain), await named('sysadmin', k.sysadmin),
    { label: 'anonymous', token: null, user: null },
  ];
  const editors = ['editor', 'admin', 'sysadmin'];
  const admins = ['admin', 'sysadmin'];

  /** One (caller, action, object): can()'s answer and message against the real call's status and message. */
  const compare = async (caller: Caller, action: string, object: unknown, call: () => ReturnType<TestKho['api']>, allowed: string[]) => {
    const asker = { kho: k.kho, user: caller.user };
    const answer = await can(asker, action, object);
    const why = await refusal(asker, action, object);
    const real = await call();
    const expected = allowed.includes(caller.label);
    t.equal(answer, expected, `can(${caller.label}, ${action}) is ${expected}`);
    t.equal(real.status, expected ? 200 : 403, `${caller.label} ${action} over HTTP: ${JSON.stringify(real.body?.error ?? '')}`);
    if (!expected) t.equal(real.body.error.message, `Access denied: ${why}`, `${caller.label} ${action}: the same message`);
    else t.equal(why, null);
  };

  for (const caller of callers) {
    const pkg = await requirePackage(db, pkgName);
    await compare(caller, 'package_update', pkg,
      () => k.api('package_update', { id: pkgName, owner_org: org.name, title: `Ngân sách (${caller.label})` }, { token: caller.token }),
      editors);

    // A fresh resource for each caller, since an allowed delete removes it.
    const res = await k.api('resource_create', { package_id: pkgName, name: `Tệp của ${caller.label}`, url: 'http://example.vn/a.csv' });
    t.equal(res.status, 200);
    const resource = await findResource({ kho: k.kho, user: null }, res.body.result.id);
    await compare(caller, 'resource_delete', resource,
      () => k.api('resource_delete', { id: res.body.result.id }, { token: caller.token }), editors);

    const group = await requireGroup(db, org.name, true);
    await compare(caller, 'organization_member_create', group,
      () => k.api('organization_member_create', { id: org.name, username: extra.name, role: 'member' }, { token: caller.token }),
      admins);

    const rows = await resourceOf({ kho: k.kho, user: null }, tableId);
    await compare(caller, 'datastore_upsert', rows,
      () => k.api('datastore_upsert', { resource_id: tableId, records: [{ khoan: caller.label, so_tien: 1 }] }, { token: caller.token }),
      editors);
  }

  // What the allowed calls did is really there.
  const search = await k.api('datastore_search', { resource_id: tableId });
  t.same(search.body.result.records.map((r: any) => r.khoan).sort(), [...editors].sort());

  // A private dataset: resource_show for members of its organization and sysadmins, as the action says.
  await k.api('package_patch', { id: pkgName, private: true });
  const kept = await k.api('resource_create', { package_id: pkgName, name: 'Giữ lại', url: 'http://example.vn/b.csv' });
  const keptRes = await findResource({ kho: k.kho, user: null }, kept.body.result.id);
  for (const caller of callers) {
    await compare(caller, 'resource_show', keptRes,
      () => k.api('resource_show', { id: kept.body.result.id }, { token: caller.token }), ['editor', 'member', 'admin', 'sysadmin']);
  }
});

t.test('a rule finds the object once and the handler uses it; nested actions get their own', async (t) => {
  const k = await startKho();
  t.teardown(() => k.close());
  const org = await orgWithRoles(k, 'so-noi-vu');
  // datastore_create with `resource` runs resource_create inside it: each call's rule found its
  // own object (the dataset for resource_create, nothing for the table of a new resource).
  await k.api('package_create', { name: 'can-bo', owner_org: org.name });
  const made = await k.api('datastore_create', {
    resource: { package_id: 'can-bo', name: 'Danh sách' }, fields: [{ id: 'ten', type: 'text' }], records: [{ ten: 'An' }],
  }, { token: org.editor.token });
  t.equal(made.status, 200, JSON.stringify(made.body));
  const denied = await k.api('datastore_create', {
    resource: { package_id: 'can-bo', name: 'Không được' }, fields: [{ id: 'ten', type: 'text' }],
  }, { token: org.member.token });
  t.equal(denied.status, 403);
  t.match(denied.body.error.message, /not authorized to create resources in package/);
  // Unknown objects are the action's 404, before any rights are asked.
  const missing = await k.api('package_update', { id: 'khong-co' }, { token: org.member.token });
  t.equal(missing.status, 404);
  t.equal(await can({ kho: k.kho, user: null }, 'no_such_action'), false, 'an unknown action is refused');
});

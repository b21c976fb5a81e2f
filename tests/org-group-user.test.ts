// Organizations, groups, members, users, tokens, tags and licenses (checklist 53–63).
import t from 'tap';
import { startKho, orgWithRoles } from './helpers/kho.js';

const k = await startKho();
t.teardown(() => k.close());
const yte = await orgWithRoles(k, 'so-y-te');
await k.api('organization_patch', { id: 'so-y-te', title: 'Sở Y tế' });
const dl = await orgWithRoles(k, 'so-du-lich');
await k.api('organization_patch', { id: 'so-du-lich', title: 'Sở Du lịch', description: 'Quản lý du lịch' });
for (let i = 0; i < 12; i++) {
  await k.api('package_create', { name: `du-lieu-${i}`, owner_org: 'so-du-lich', tags: [{ name: 'du lịch' }] });
}
await k.api('package_create', { name: 'rieng-tu', owner_org: 'so-du-lich', private: true });

t.test('organization_list: names by title, all_fields capped at 25', async (t) => {
  const names = (await k.api('organization_list', {}, { method: 'GET', token: null })).body.result;
  t.same(names, ['so-du-lich', 'so-y-te']);
  const all = (await k.api('organization_list', { all_fields: true, limit: 100 }, { method: 'GET', token: null })).body.result;
  t.ok(all.length <= 25);
  const d = all.find((o: any) => o.name === 'so-du-lich');
  t.equal(d.package_count, 12, 'private dataset not counted for anonymous');
  t.equal(d.display_name, 'Sở Du lịch');
  const bad = await k.api('organization_list', { sort: 'bogus asc' }, { method: 'GET' });
  t.equal(bad.status, 409);
});

t.test('organization_show with datasets', async (t) => {
  const r = (await k.api('organization_show', { id: 'so-du-lich', include_datasets: true }, { method: 'GET', token: null })).body.result;
  t.ok(r.packages.length <= 10);
  t.equal(r.package_count, 12);
  t.ok(Array.isArray(r.users));
  t.ok(r.users.every((u: any) => !('email' in u)));
  const asMember = (await k.api('organization_show', { id: 'so-du-lich' }, { token: dl.member.token })).body.result;
  t.equal(asMember.package_count, 13, 'members count private datasets');
  t.equal((await k.api('group_show', { id: 'so-du-lich' })).status, 404, 'an org is not a group');
});

t.test('membership roles', async (t) => {
  const u = await k.user('nguoi-moi');
  const m = await k.api('organization_member_create', { id: 'so-y-te', username: u.name, role: 'editor' }, { token: yte.admin.token });
  t.equal(m.status, 200);
  t.equal(m.body.result.capacity, 'editor');
  const bad = await k.api('organization_member_create', { id: 'so-y-te', username: u.name, role: 'boss' });
  t.equal(bad.status, 409);
  t.ok(bad.body.error.role);
  t.equal((await k.api('organization_member_create', { id: 'so-y-te', username: u.name, role: 'admin' }, { token: yte.editor.token })).status, 403);
  const mine = (await k.api('organization_list_for_user', {}, { token: u.token })).body.result;
  t.same(mine.map((o: any) => [o.name, o.capacity]), [['so-y-te', 'editor']]);
  t.same((await k.api('organization_list_for_user', {}, { token: null })).body.result, []);
  t.equal((await k.api('organization_member_delete', { id: 'so-y-te', username: u.name }, { token: yte.admin.token })).status, 200);
  t.same((await k.api('organization_list_for_user', {}, { token: u.token })).body.result, []);
});

t.test('organization_create is for sysadmins; creator becomes admin', async (t) => {
  t.equal((await k.api('organization_create', { name: 'to-chuc-moi' }, { token: yte.admin.token })).status, 403);
  const r = await k.api('organization_create', { name: 'to-chuc-moi', title: 'Tổ chức mới' });
  t.equal(r.status, 200);
  t.ok(r.body.result.users.some((u: any) => u.name === 'sysadmin' && u.capacity === 'admin'));
  const dup = await k.api('group_create', { name: 'to-chuc-moi' });
  t.equal(dup.status, 409);
  t.same(dup.body.error.name, ['Group name already exists in database']);
});

t.test('an organization owning datasets cannot be deleted', async (t) => {
  const r = await k.api('organization_delete', { id: 'so-du-lich' }, { token: dl.admin.token });
  t.equal(r.status, 409);
  const empty = await k.api('organization_delete', { id: 'to-chuc-moi' });
  t.equal(empty.status, 200);
  t.notOk((await k.api('organization_list', {})).body.result.includes('to-chuc-moi'));
});

t.test('groups: any user creates; member_create adds datasets', async (t) => {
  const g = await k.api('group_create', { name: 'van-hoa', title: 'Văn hóa' }, { token: dl.editor.token });
  t.equal(g.status, 200);
  const m = await k.api('member_create', { id: 'van-hoa', object: 'du-lieu-1', object_type: 'package', capacity: 'public' }, { token: dl.editor.token });
  t.equal(m.status, 200, JSON.stringify(m.body));
  const p = (await k.api('package_show', { id: 'du-lieu-1' })).body.result;
  t.same(p.groups.map((x: any) => x.name), ['van-hoa']);
  const gs = (await k.api('group_show', { id: 'van-hoa', include_datasets: true })).body.result;
  t.same(gs.packages.map((x: any) => x.name), ['du-lieu-1']);
  const search = (await k.api('package_search', { fq: 'groups:van-hoa' })).body.result;
  t.equal(search.count, 1);
  t.equal((await k.api('group_list', {})).body.result.includes('van-hoa'), true);
  t.equal((await k.api('member_create', { id: 'van-hoa', object: 'du-lieu-2', object_type: 'package', capacity: 'public' }, { token: yte.member.token })).status, 403);
});

t.test('users and tokens', async (t) => {
  const other = (await k.api('user_show', { id: yte.editor.name }, { token: dl.editor.token })).body.result;
  t.notOk('email' in other);
  t.notOk('password_hash' in other && 'password' in other);
  const self = (await k.api('user_show', {}, { token: dl.editor.token })).body.result;
  t.equal(self.email, `${dl.editor.name}@example.vn`);
  t.equal((await k.api('user_show', {}, { token: null })).status, 404);
  t.equal((await k.api('api_token_create', { user: yte.editor.name, name: 'x' }, { token: dl.editor.token })).status, 403);
  const own = await k.api('api_token_create', { user: dl.editor.name, name: 'x' }, { token: dl.editor.token });
  t.equal(own.status, 200);
  const list = (await k.api('api_token_list', { user_id: dl.editor.name }, { token: dl.editor.token })).body.result;
  t.ok(list.length >= 2);
  t.ok(list.every((x: any) => !('token' in x) && x.id && x.name && x.created_at));
  t.equal((await k.api('user_create', { name: 'ai-do', email: 'a@b.vn', password: '12345678' }, { token: dl.editor.token })).status, 403);
  const short = await k.api('user_create', { name: 'ai-do', email: 'a@b.vn', password: 'ngan' });
  t.equal(short.status, 409);
  t.same(short.body.error.password, ['Your password must be 8 characters or longer']);
  const badEmail = await k.api('user_create', { name: 'ai-do', email: 'khong-phai-email', password: '12345678' });
  t.same(badEmail.body.error.email, ['Email khong-phai-email is not a valid format']);
  const users = (await k.api('user_list', {}, { token: null })).body.result;
  t.ok(users.every((u: any) => !('email' in u)));
});

t.test('tags and licenses', async (t) => {
  const tags = (await k.api('tag_list', {}, { method: 'GET', token: null })).body.result;
  t.ok(tags.includes('du lịch'));
  const shown = await k.api('tag_show', { id: 'du lịch' }, { method: 'GET' });
  t.equal(shown.status, 200);
  t.equal(shown.body.result.name, 'du lịch');
  const licenses = (await k.api('license_list', {}, { method: 'GET' })).body.result;
  const ccby = licenses.find((l: any) => l.id === 'cc-by');
  t.equal(ccby.title, 'Creative Commons Attribution');
  t.type(ccby.is_generic, 'string');
});

t.test('activity lists', async (t) => {
  const org = (await k.api('organization_activity_list', { id: 'so-du-lich' }, { token: null })).body.result;
  t.ok(org.length > 0);
  t.ok(org.every((a: any) => a.activity_type !== 'new package' || a.data.package.private === false), 'no private dataset for anonymous');
  const recent = (await k.api('recently_changed_packages_activity_list', { limit: 5 }, { token: null })).body.result;
  t.equal(recent.length, 5);
  t.ok(recent[0].timestamp >= recent[4].timestamp);
});

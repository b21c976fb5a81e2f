// Dataset shapes, validation, authorisation and update semantics (checklist 14–33, 63).
import t from 'tap';
import { startKho, orgWithRoles } from './helpers/kho.js';

const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const k = await startKho();
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-du-lich');
const other = await orgWithRoles(k, 'so-y-te');
await k.api('group_create', { name: 'du-lich', title: 'Du lịch' });
await k.api('group_member_create', { id: 'du-lich', username: org.editor.name, role: 'member' });

const full = {
  name: 'khach-du-lich-hue',
  title: 'Số lượt khách du lịch đến Huế',
  notes: 'Thống kê lượt khách theo tháng',
  owner_org: org.name,
  license_id: 'cc-by',
  author: 'Sở Du lịch',
  author_email: 'sodulich@thuathienhue.gov.vn',
  tags: [{ name: 'du lịch' }, { name: 'Huế' }],
  extras: [{ key: 'tần suất', value: 'Hàng quý' }, { key: 'a_first', value: 'x' }],
  groups: [{ name: 'du-lich' }],
  resources: [{ url: 'https://example.vn/khach.csv', name: 'Khách 2024', format: 'csv', my_extra: 'giữ lại' }],
  unknown_top_level: 'dropped',
};

t.test('package_create returns every key with CKAN types', async (t) => {
  const r = await k.api('package_create', full, { token: org.editor.token });
  t.equal(r.status, 200, JSON.stringify(r.body));
  const p = r.body.result;
  for (const key of ['id', 'name', 'title', 'author', 'author_email', 'maintainer', 'maintainer_email', 'notes', 'url', 'version',
    'license_id', 'license_title', 'license_url', 'isopen', 'state', 'private', 'type', 'owner_org', 'organization', 'creator_user_id',
    'metadata_created', 'metadata_modified', 'num_resources', 'num_tags', 'resources', 'tags', 'groups', 'extras',
    'relationships_as_subject', 'relationships_as_object']) {
    t.ok(key in p, `has ${key}`);
  }
  t.match(p.metadata_created, TS);
  t.match(p.metadata_modified, TS);
  t.match(p.resources[0].created, TS);
  t.equal(p.num_resources, p.resources.length);
  t.equal(p.num_tags, p.tags.length);
  t.same(p.extras, [{ key: 'a_first', value: 'x' }, { key: 'tần suất', value: 'Hàng quý' }]);
  t.same(Object.keys(p.tags[0]).sort(), ['display_name', 'id', 'name', 'state', 'vocabulary_id']);
  t.ok(p.tags.some((x: any) => x.name === 'du lịch'));
  t.equal(p.organization.id, p.owner_org);
  t.equal(p.organization.name, org.name);
  t.equal(p.license_title, 'Creative Commons Attribution');
  t.equal(p.isopen, true);
  t.ok(p.license_url);
  t.equal(p.groups[0].name, 'du-lich');
  t.equal(p.resources[0].format, 'CSV');
  t.equal(p.resources[0].my_extra, 'giữ lại');
  t.equal(p.resources[0].hash, '');
  t.notOk('unknown_top_level' in p);
  t.equal(p.creator_user_id, org.editor.id);
  const shown = await k.api('package_show', { id: p.name }, { method: 'GET', token: null });
  t.same(shown.body.result, p, 'package_show equals the create result');
});

t.test('license and title fallbacks', async (t) => {
  const r = await k.api('package_create', { name: 'khong-tieu-de', owner_org: org.name, license_id: 'xyz' });
  t.equal(r.body.result.title, 'khong-tieu-de');
  t.equal(r.body.result.license_title, 'xyz');
  t.equal(r.body.result.isopen, false);
  t.notOk('license_url' in r.body.result);
  t.equal(r.body.result.organization.name, org.name);
});

t.test('name validation', async (t) => {
  for (const name of ['Hello World', 'a', 'x'.repeat(101), 'new', 'dữ-liệu']) {
    const r = await k.api('package_create', { name, owner_org: org.name });
    t.equal(r.status, 409, name);
    t.ok(Array.isArray(r.body.error.name), name);
  }
  const taken = await k.api('package_create', { name: 'khach-du-lich-hue', owner_org: org.name });
  t.equal(taken.status, 409);
  t.same(taken.body.error.name, ['That URL is already in use.']);
});

t.test('private needs an organization; org is required', async (t) => {
  const r = await k.api('package_create', { name: 'rieng', private: true });
  t.equal(r.status, 409);
  t.ok(r.body.error.owner_org || r.body.error.private);
  const unknownOrg = await k.api('package_create', { name: 'to-chuc-la', owner_org: 'khong-ton-tai' });
  t.equal(unknownOrg.status, 409);
  t.same(unknownOrg.body.error.owner_org, ['Organization does not exist']);
  const asUser = await k.api('package_create', { name: 'to-chuc-la', owner_org: 'khong-ton-tai' }, { token: org.editor.token });
  t.equal(asUser.status, 403);
});

t.test('tag validation is a flat list of strings', async (t) => {
  for (const tag of ['a', 'x#y']) {
    const r = await k.api('package_create', { name: 'the-sai', owner_org: org.name, tags: [{ name: tag }] });
    t.equal(r.status, 409);
    t.type(r.body.error.tags[0], 'string');
  }
  const ok = await k.api('package_create', { name: 'the-dung', owner_org: org.name, tag_string: 'du lịch,kinh tế' });
  t.equal(ok.status, 200);
  t.same(ok.body.result.tags.map((x: any) => x.name).sort(), ['du lịch', 'kinh tế']);
});

t.test('extras validation', async (t) => {
  const dup = await k.api('package_create', { name: 'extra-trung', owner_org: org.name, extras: [{ key: 'k', value: '1' }, { key: 'k', value: '2' }] });
  t.equal(dup.status, 409);
  t.same(dup.body.error.extras_validation, ['Duplicate key "k"']);
  const core = await k.api('package_create', { name: 'extra-loi', owner_org: org.name, extras: [{ key: 'name', value: '1' }] });
  t.equal(core.status, 409);
  t.ok(core.body.error.extras);
});

t.test('an unknown key holding a list of dicts is junk', async (t) => {
  const r = await k.api('package_create', { name: 'rac', owner_org: org.name, bogus: [{ a: 1 }] });
  t.equal(r.status, 409);
  t.same(r.body.error.__junk, ['The input field __junk was not expected.']);
  const plain = await k.api('package_create', { name: 'rac-2', owner_org: org.name, bogus: 'x', other: [1, 2] });
  t.equal(plain.status, 200, 'other unknown keys are dropped');
});

t.test('resource errors align with the input list', async (t) => {
  const r = await k.api('package_create', { name: 'tai-nguyen-loi', owner_org: org.name, resources: [{ url: 'a' }, { url: 'b', size: 'big' }] });
  t.equal(r.status, 409);
  t.same(r.body.error.resources, [{}, { size: ['Invalid integer'] }]);
});

t.test('who may create where', async (t) => {
  t.equal((await k.api('package_create', { name: 'sai-to-chuc', owner_org: other.name }, { token: org.editor.token })).status, 403);
  t.equal((await k.api('package_create', { name: 'thanh-vien', owner_org: org.name }, { token: org.member.token })).status, 403);
  t.equal((await k.api('package_create', { name: 'bien-tap', owner_org: org.name }, { token: org.editor.token })).status, 200);
  t.equal((await k.api('package_create', { name: 'an-danh', owner_org: org.name }, { token: null })).status, 403);
});

t.test('private datasets: org members read, others get 403', async (t) => {
  const p = (await k.api('package_create', { name: 'noi-bo', owner_org: org.name, private: true }, { token: org.editor.token })).body.result;
  t.equal((await k.api('package_show', { id: p.id }, { token: null })).status, 403);
  t.equal((await k.api('package_show', { id: p.id }, { token: other.admin.token })).status, 403);
  t.equal((await k.api('package_show', { id: p.id }, { token: org.member.token })).status, 200);
  const list = (await k.api('package_list', {}, { method: 'GET', token: null })).body.result;
  t.notOk(list.includes('noi-bo'));
  t.same([...list].sort(), list, 'package_list is sorted by name');
  const draft = await k.api('package_create', { name: 'ban-nhap', owner_org: org.name, state: 'draft' }, { token: org.editor.token });
  t.equal(draft.body.result.state, 'draft');
  t.notOk((await k.api('package_list', {}, { method: 'GET' })).body.result.includes('ban-nhap'));
  t.equal((await k.api('package_show', { id: 'ban-nhap' }, { token: null })).status, 403);
});

t.test('package_update replaces; omitted resources and groups are kept', async (t) => {
  const before = (await k.api('package_show', { id: 'khach-du-lich-hue' })).body.result;
  const r = await k.api('package_update', { id: before.id, name: before.name, owner_org: org.name, title: 'Tiêu đề mới' }, { token: org.editor.token });
  t.equal(r.status, 200, JSON.stringify(r.body));
  const p = r.body.result;
  t.same(p.tags, []);
  t.same(p.extras, []);
  t.equal(p.notes, null);
  t.equal(p.resources.length, 1);
  t.equal(p.groups.length, 1);
  t.equal(p.title, 'Tiêu đề mới');
  t.ok(p.metadata_modified > before.metadata_modified);
});

t.test('package_patch keeps what it does not name', async (t) => {
  const c = (await k.api('package_create', { ...full, name: 'patch-me', groups: [{ name: 'du-lich' }] })).body.result;
  const r = await k.api('package_patch', { id: c.id, notes: 'Ghi chú mới' }, { token: org.editor.token });
  t.equal(r.status, 200, JSON.stringify(r.body));
  const p = r.body.result;
  t.equal(p.notes, 'Ghi chú mới');
  t.same(p.tags, c.tags);
  t.same(p.extras, c.extras);
  t.same(p.groups, c.groups);
  t.equal(p.title, c.title);
  t.same(p.resources.map((x: any) => x.id), c.resources.map((x: any) => x.id));

  const same = (await k.api('package_update', { ...p })).body.result;
  t.equal(same.metadata_modified, p.metadata_modified, 'identical update keeps metadata_modified');

  const acts = (await k.api('package_activity_list', { id: c.id }, { method: 'GET' })).body.result;
  t.same(acts.map((a: any) => a.activity_type), ['changed package', 'new package']);
  t.equal(acts[0].data.package.notes, 'Ghi chú mới');
  t.equal(acts[1].data.package.notes, full.notes);
  t.match(acts[0].timestamp, TS);
});

t.test('concurrent patches lose no write', async (t) => {
  const c = (await k.api('package_create', { name: 'dong-thoi', owner_org: org.name })).body.result;
  const [a, b] = await Promise.all([
    k.api('package_patch', { id: c.id, extras: [{ key: 'a', value: '1' }] }),
    k.api('package_patch', { id: c.id, notes: 'B' }),
  ]);
  t.equal(a.status, 200);
  t.equal(b.status, 200);
  const p = (await k.api('package_show', { id: c.id })).body.result;
  t.equal(p.notes, 'B');
  t.same(p.extras, [{ key: 'a', value: '1' }]);
  const acts = (await k.api('package_activity_list', { id: c.id })).body.result;
  t.equal(acts.filter((x: any) => x.activity_type === 'changed package').length, 2);
});

t.test('delete, visibility after delete, purge and name reuse', async (t) => {
  const c = (await k.api('package_create', { name: 'se-xoa', owner_org: org.name })).body.result;
  t.equal((await k.api('package_delete', { id: c.id }, { token: null })).status, 403);
  const del = await k.api('package_delete', { id: c.id }, { token: org.editor.token });
  t.equal(del.status, 200);
  t.equal(del.body.result, null);
  t.equal((await k.api('package_show', { id: c.id })).body.result.state, 'deleted');
  t.equal((await k.api('package_show', { id: c.id }, { token: null })).status, 403);
  t.notOk((await k.api('package_list', {})).body.result.includes('se-xoa'));
  const search = (await k.api('package_search', { q: 'name:se-xoa' })).body.result;
  t.equal(search.count, 0);
  const reuse = await k.api('package_create', { name: 'se-xoa', owner_org: org.name });
  t.equal(reuse.status, 200, 'deleted name is reusable');
  t.equal((await k.api('dataset_purge', { id: c.id }, { token: org.admin.token })).status, 403);
  t.equal((await k.api('dataset_purge', { id: c.id })).status, 200);
  t.equal((await k.api('package_show', { id: c.id })).status, 404);
});

t.test('package_revise matches, filters and updates', async (t) => {
  const c = (await k.api('package_create', { name: 'revise-me', owner_org: org.name, resources: [{ url: 'http://a', name: 'A' }, { url: 'http://b', name: 'B' }] })).body.result;
  const bad = await k.api('package_revise', { match: { id: c.id, title: 'khác' }, update: { notes: 'x' } });
  t.equal(bad.status, 409);
  t.ok(bad.body.error.match);
  const r = await k.api('package_revise', { match: { id: c.id }, filter: ['-resources__1'], update: { notes: 'sửa' }, update__resources__0__name: 'A mới' });
  t.equal(r.status, 200, JSON.stringify(r.body));
  t.equal(r.body.result.package.notes, 'sửa');
  t.same(r.body.result.package.resources.map((x: any) => x.name), ['A mới']);
});

t.test('current_package_list_with_resources and autocomplete', async (t) => {
  const list = (await k.api('current_package_list_with_resources', {}, { method: 'GET', token: null })).body.result;
  t.ok(list.length > 0 && list.length <= 10);
  t.ok(list.every((p: any) => !p.private && Array.isArray(p.resources)));
  const ac = (await k.api('package_autocomplete', { q: 'khach' }, { method: 'GET' })).body.result;
  t.ok(ac.some((x: any) => x.name === 'khach-du-lich-hue'));
  t.equal((await k.api('package_autocomplete', {}, { method: 'GET' })).status, 409);
});

t.test('sysadmin may set metadata_modified (harvest imports)', async (t) => {
  const r = await k.api('package_create', { name: 'harvested', owner_org: org.name, metadata_modified: '2024-05-01T10:20:30.123456Z' });
  t.equal(r.body.result.metadata_modified, '2024-05-01T10:20:30.123456');
});

// The search entry points beside package_search: autocompletes, tag_list, resource_search and
// the /api/util routes. Each must find Vietnamese text with or without diacritics and must never
// reveal a private dataset or a draft, to anyone.
import t from 'tap';
import { startKho, orgWithRoles } from './helpers/kho.js';

const k = await startKho();
t.teardown(() => k.close());
const dl = await orgWithRoles(k, 'so-du-lich');
const yt = await orgWithRoles(k, 'so-y-te');
await k.api('organization_patch', { id: dl.name, title: 'Sở Du lịch Thừa Thiên Huế' });
await k.api('organization_patch', { id: yt.name, title: 'Sở Y tế' });
await k.api('group_create', { name: 'kinh-te', title: 'Kinh tế' });
await k.api('group_create', { name: 'du-lich-nhom', title: 'Nhóm Du lịch Huế' });

const pub = await k.api('package_create', {
  name: 'khach-san-hue', title: 'Khách sạn Huế 2024', owner_org: dl.name,
  tags: [{ name: 'du lịch' }, { name: 'khách sạn' }, { name: 'sự kiện' }],
  resources: [
    { url: 'http://x.vn/khach-san.csv', name: 'Danh sách khách sạn', description: 'Số phòng theo quận', format: 'CSV' },
    { url: 'http://x.vn/khach-san.xlsx', name: 'Bảng tổng hợp', format: 'XLSX', hash: 'abcdef0123' },
  ],
});
await k.api('package_create', {
  name: 'benh-vien', title: 'Bệnh viện tuyến huyện', owner_org: yt.name, tags: [{ name: 'y tế' }, { name: 'dữ liệu mở' }],
  resources: [{ url: 'http://x.vn/bv.csv', name: 'Bệnh viện', format: 'csv' }],
});
// Only these two datasets carry the words "bí mật" / "nháp" and the format "SECRETFMT".
await k.api('package_create', {
  name: 'rieng-tu', title: 'Hồ sơ bí mật', owner_org: dl.name, private: true, tags: [{ name: 'bí mật' }],
  resources: [{ url: 'http://x.vn/bi-mat.secretfmt', name: 'Tài liệu bí mật', format: 'SECRETFMT' }],
});
await k.api('package_create', {
  name: 'ban-nhap', title: 'Bản nháp khách sạn', owner_org: dl.name, state: 'draft', tags: [{ name: 'bản nháp' }],
  resources: [{ url: 'http://x.vn/nhap.draftfmt', name: 'Tài liệu nháp', format: 'DRAFTFMT' }],
});
const sysadmin = k.sysadmin.token;
// Everyone who must not see the private dataset or the draft through these entry points.
const callers: [string, string | null][] = [
  ['anonymous', null], ['another organization', yt.admin.token], ['member of the owner', dl.member.token],
  ['editor of the owner', dl.editor.token], ['sysadmin', sysadmin],
];

const call = async (name: string, data: Record<string, unknown>, token: string | null = null) => {
  const r = await k.api(name, data, { token, method: 'GET' });
  return r;
};
const util = async (path: string, token: string | null = null) => {
  const res = await fetch(`${k.url}${path}`, { headers: token ? { Authorization: token } : {} });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
};

t.test('tag_autocomplete', async (t) => {
  t.same((await call('tag_autocomplete', { q: 'du lich' })).body.result, ['du lịch'], 'folded query finds the tag');
  t.same((await call('tag_autocomplete', { query: 'KHÁCH' })).body.result, ['khách sạn'], 'query alias, any case');
  t.same((await call('tag_autocomplete', { q: 's' })).body.result, ['sự kiện', 'khách sạn'], 'tags that begin with the text come first');
  t.same((await call('tag_autocomplete', { q: 'e', limit: 1 })).body.result.length, 1, 'limit');
  t.same((await call('tag_autocomplete', {})).body.result, [], 'no query, no tags');
  t.equal((await call('tag_autocomplete', { q: 'x', limit: -1 })).status, 409);
});

t.test('format_autocomplete', async (t) => {
  const r = await call('format_autocomplete', { q: 's' });
  t.same(r.body.result, ['csv', 'xlsx'], 'lower-cased, most used first (csv twice)');
  t.same((await call('format_autocomplete', { q: 'XL' })).body.result, ['xlsx']);
  t.same((await call('format_autocomplete', { q: 's', limit: 1 })).body.result, ['csv']);
  const missing = await call('format_autocomplete', {});
  t.equal(missing.status, 409);
  t.same(missing.body.error.q, ['Missing value']);
});

t.test('organization_autocomplete and group_autocomplete', async (t) => {
  const orgs = (await call('organization_autocomplete', { q: 'hue' })).body.result;
  t.same(orgs, [{ id: dl.id, name: dl.name, title: 'Sở Du lịch Thừa Thiên Huế' }], 'matches the title without diacritics');
  const both = (await call('organization_autocomplete', { q: 'so' })).body.result.map((o: any) => o.name);
  t.same(both, ['so-du-lich', 'so-y-te'], 'Vietnamese title order');
  t.same((await call('organization_autocomplete', { q: 'so', limit: 1 })).body.result.length, 1);
  t.same((await call('group_autocomplete', { q: 'du lich' })).body.result.map((g: any) => g.name), ['du-lich-nhom'],
    'groups only, never organizations');
  t.equal((await call('group_autocomplete', {})).status, 409);
  await k.api('group_delete', { id: 'kinh-te' });
  t.same((await call('group_autocomplete', { q: 'kinh' })).body.result, [], 'deleted groups are not offered');
});

t.test('user_autocomplete', async (t) => {
  const r = (await call('user_autocomplete', { q: 'so-y-te-adm' })).body.result;
  t.same(r.map((u: any) => u.name), ['so-y-te-admin']);
  t.same(Object.keys(r[0]).sort(), ['fullname', 'id', 'name'], 'no e-mail address');
});

t.test('package_autocomplete', async (t) => {
  const r = (await call('package_autocomplete', { q: 'khach san' })).body.result;
  t.same(r.map((x: any) => x.name), ['khach-san-hue'], 'the draft titled "Bản nháp khách sạn" is not offered');
  t.same(r[0], { name: 'khach-san-hue', title: 'Khách sạn Huế 2024', match_field: 'title', match_displayed: 'Khách sạn Huế 2024 (khach-san-hue)' });
  t.same((await call('package_autocomplete', { q: 'khach-san' })).body.result[0].match_field, 'name');
  const byTitle = (await call('package_autocomplete', { q: 'tuyến' })).body.result[0];
  t.same(byTitle.match_field, 'title');
  t.same(byTitle.match_displayed, 'Bệnh viện tuyến huyện (benh-vien)');
});

t.test('resource_search', async (t) => {
  const byName = (await call('resource_search', { query: 'name:khach san' })).body.result;
  t.equal(byName.count, 1);
  t.equal(byName.results[0].name, 'Danh sách khách sạn');
  t.equal(byName.results[0].package_id, pub.body.result.id);
  const shown = pub.body.result.resources[0];
  t.same(byName.results[0], shown, 'a result equals the resource inside package_show');
  const anded = (await k.api('resource_search', { query: ['format:csv', 'name:benh'] }, { token: null })).body.result;
  t.same(anded.results.map((r: any) => r.name), ['Bệnh viện'], 'a list of terms is ANDed; text is case-insensitive');
  t.equal((await call('resource_search', { query: 'hash:ABCDEF' })).body.result.count, 1, 'hash is a prefix');
  t.equal((await call('resource_search', { query: 'hash:cdef' })).body.result.count, 0, 'and only a prefix');
  const all = (await call('resource_search', { query: 'url:x.vn', order_by: 'name' })).body.result;
  t.equal(all.count, 3);
  t.same(all.results.map((r: any) => r.name), ['Bảng tổng hợp', 'Bệnh viện', 'Danh sách khách sạn'].sort());
  const page = (await call('resource_search', { query: 'url:x.vn', order_by: 'name', offset: 1, limit: 1 })).body.result;
  t.equal(page.count, 3, 'count ignores paging');
  t.same(page.results.map((r: any) => r.name), [all.results[1].name]);
  t.equal((await call('resource_search', { fields: JSON.stringify({ format: 'xlsx' }) })).body.result.count, 1, 'the older fields form');

  const unknown = await call('resource_search', { query: 'colour:red' });
  t.equal(unknown.status, 409);
  t.match(unknown.body.error.query[0], /Field "colour" not recognised/);
  const bare = await call('resource_search', { query: 'khach' });
  t.equal(bare.status, 409);
  t.same(bare.body.error.query, ['Must be <field>:<value> pair(s)']);
  t.same((await call('resource_search', {})).body.error.query, ['Missing value']);
  t.equal((await k.api('resource_search', { query: 'a:b', fields: { a: 'b' } })).status, 409, 'query and fields together');
  t.equal((await call('resource_search', { query: 'size:lots' })).body.result.count, 0, 'a non-number size matches nothing');
});

t.test('private datasets and drafts leak through no entry point', async (t) => {
  for (const [who, token] of callers) {
    t.same((await call('tag_autocomplete', { q: 'bi mat' }, token)).body.result, [], `tag_autocomplete: ${who}`);
    t.same((await call('tag_autocomplete', { q: 'ban nhap' }, token)).body.result, [], `tag_autocomplete draft: ${who}`);
    t.notOk((await call('tag_list', {}, token)).body.result.some((n: string) => n === 'bí mật' || n === 'bản nháp'), `tag_list: ${who}`);
    t.same((await call('tag_list', { query: 'mat' }, token)).body.result, [], `tag_list query: ${who}`);
    t.same((await call('format_autocomplete', { q: 'fmt' }, token)).body.result, [], `format_autocomplete: ${who}`);
    t.same((await call('package_autocomplete', { q: 'bi mat' }, token)).body.result, [], `package_autocomplete: ${who}`);
    t.same((await call('package_autocomplete', { q: 'ban-nhap' }, token)).body.result, [], `package_autocomplete draft: ${who}`);
    const res = (await call('resource_search', { query: 'name:tai lieu' }, token)).body.result;
    t.same(res, { count: 0, results: [] }, `resource_search: ${who}`);
    t.equal((await call('resource_search', { query: 'format:fmt' }, token)).body.result.count, 0, `resource_search format: ${who}`);
    t.same((await util('/api/2/util/tag/autocomplete?incomplete=bi%20mat', token)).body, { ResultSet: { Result: [] } }, `util tag: ${who}`);
    t.same((await util('/api/2/util/resource/format_autocomplete?incomplete=fmt', token)).body, { ResultSet: { Result: [] } }, `util format: ${who}`);
    t.same((await util('/api/2/util/dataset/autocomplete?incomplete=nhap', token)).body, { ResultSet: { Result: [] } }, `util dataset: ${who}`);
  }
  // A deleted dataset leaves every entry point too.
  await k.api('package_delete', { id: 'benh-vien' });
  t.same((await call('tag_autocomplete', { q: 'y te' })).body.result, [], 'deleted dataset: tags');
  t.equal((await call('resource_search', { query: 'name:benh' })).body.result.count, 0, 'deleted dataset: resources');
  t.same((await call('package_autocomplete', { q: 'benh' })).body.result, [], 'deleted dataset: autocomplete');
});

t.test('/api/util routes answer in CKAN’s older shapes', async (t) => {
  const ds = await util('/api/2/util/dataset/autocomplete?incomplete=khach&limit=5');
  t.equal(ds.status, 200);
  t.equal(ds.type, 'application/json;charset=utf-8');
  t.same(ds.body, { ResultSet: { Result: [{ name: 'khach-san-hue', title: 'Khách sạn Huế 2024', match_field: 'name', match_displayed: 'khach-san-hue' }] } });
  t.same((await util('/api/util/tag/autocomplete?incomplete=du%20lich')).body, { ResultSet: { Result: [{ Name: 'du lịch' }] } });
  t.same((await util('/api/2/util/resource/format_autocomplete?incomplete=xl')).body, { ResultSet: { Result: [{ Format: 'xlsx' }] } });
  t.same((await util('/api/2/util/dataset/autocomplete')).body, { ResultSet: { Result: [] } }, 'nothing typed yet');
  t.same((await util('/api/2/util/organization/autocomplete?q=y%20te')).body, [{ id: yt.id, name: yt.name, title: 'Sở Y tế' }]);
  t.same((await util('/api/2/util/group/autocomplete?q=nhom')).body.map((g: any) => g.name), ['du-lich-nhom']);
  t.same((await util('/api/1/util/user/autocomplete?q=so-du-lich-m')).body.map((u: any) => u.name), ['so-du-lich-member']);
  const bad = await util('/api/2/util/tag/autocomplete?incomplete=a&limit=-2');
  t.equal(bad.status, 409, 'a bad limit is a validation error, not a 500');
  const jsonp = await fetch(`${k.url}/api/2/util/tag/autocomplete?incomplete=du&callback=cb`);
  t.equal(jsonp.headers.get('content-type'), 'application/javascript;charset=utf-8');
  t.equal(await jsonp.text(), 'cb({"ResultSet":{"Result":[{"Name":"du lịch"}]}});');
});

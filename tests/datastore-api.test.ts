// The DataStore API as CKAN clients use it (checklist 64–69): create with records, search with
// filters / q / fields / sort / formats, upsert, delete, info, the dump, and who may do what.
import t from 'tap';
import { startKho, orgWithRoles } from './helpers/kho.js';

const k = await startKho();
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-y-te');
const pkg = (await k.api('package_create', { name: 'benh-vien', owner_org: org.name })).body.result;
const priv = (await k.api('package_create', { name: 'rieng', owner_org: org.name, private: true })).body.result;
const outsider = await k.user('nguoi-ngoai');

const records = [
  { 'tỉnh': 'Huế', 'tên': 'Bệnh viện Trung ương Huế', 'giường': 2000, 'mở cửa': '1894-01-01', 'đánh giá': 4.5 },
  { 'tỉnh': 'Đà Nẵng', 'tên': 'Bệnh viện Đà Nẵng', 'giường': 1500, 'mở cửa': '1900-05-01', 'đánh giá': 4.1 },
  { 'tỉnh': 'Huế', 'tên': 'Bệnh viện Đa khoa tỉnh', 'giường': 700, 'mở cửa': '1975-03-26', 'đánh giá': 3.9 },
];
const created = await k.api('datastore_create', {
  resource: { package_id: pkg.id, name: 'Danh sách bệnh viện' },
  fields: [{ id: 'tỉnh', type: 'text', info: { label: 'Tỉnh/thành', notes: 'Tên tỉnh' } }, { id: 'tên' }, { id: 'giường', type: 'int' },
    { id: 'mở cửa', type: 'date' }, { id: 'đánh giá', type: 'numeric' }],
  records,
  primary_key: ['tên'],
});
const rid: string = created.body.result?.resource_id;

t.test('datastore_create with a new resource (checklist 64)', async (t) => {
  t.equal(created.status, 200, JSON.stringify(created.body.error ?? ''));
  t.equal(created.body.result.method, 'insert');
  t.notOk('records' in created.body.result, 'records are not echoed unless asked');
  const res = (await k.api('resource_show', { id: rid })).body.result;
  t.equal(res.datastore_active, true);
  t.equal(res.url_type, 'datastore');
  const both = await k.api('datastore_create', { resource_id: rid, resource: { package_id: pkg.id } });
  t.equal(both.status, 409);
  t.equal((await k.api('datastore_create', {})).status, 409, 'neither resource nor resource_id');
  const bad = await k.api('datastore_create', { resource_id: rid, fields: [{ id: '_secret', type: 'text' }] });
  t.equal(bad.status, 409);
  t.match(bad.body.error.fields[0], /not a valid field name/);
  t.equal((await k.api('datastore_create', { resource_id: rid, fields: [{ id: 'x', type: 'blob' }] })).status, 409, 'unknown type');
});

t.test('datastore_search basics (checklist 65, 66)', async (t) => {
  const zero = (await k.api('datastore_search', { resource_id: rid, limit: 0 }, { method: 'GET' })).body.result;
  t.same(zero.fields[0], { id: '_id', type: 'int' });
  t.same(zero.records, []);
  t.equal(zero.total, 3);
  t.same(zero.fields.map((f: any) => [f.id, f.type]), [['_id', 'int'], ['tỉnh', 'text'], ['tên', 'text'], ['giường', 'int4'], ['mở cửa', 'date'], ['đánh giá', 'numeric']]);
  t.same(zero.fields[1].info, { label: 'Tỉnh/thành', notes: 'Tên tỉnh' }, 'the data dictionary travels with the field');
  const hue = (await k.api('datastore_search', { resource_id: rid, filters: JSON.stringify({ 'tỉnh': 'Huế' }) }, { method: 'GET', token: null })).body.result;
  t.equal(hue.total, 2);
  t.same(hue.records.map((r: any) => r['tên']), ['Bệnh viện Trung ương Huế', 'Bệnh viện Đa khoa tỉnh']);
  t.same(hue.records[0], { _id: 1, 'tỉnh': 'Huế', 'tên': 'Bệnh viện Trung ương Huế', 'giường': 2000, 'mở cửa': '1894-01-01', 'đánh giá': 4.5 });
  t.equal((await k.api('datastore_search', { resource_id: rid, limit: 40000 }, { method: 'GET' })).body.result.limit, 32000);
  const either = (await k.api('datastore_search', { resource_id: rid, filters: { 'tỉnh': ['Huế', 'Đà Nẵng'] } })).body.result;
  t.equal(either.total, 3, 'a list is any of its values');
  const gt = (await k.api('datastore_search', { resource_id: rid, filters: { 'giường': { gte: 1500 } } })).body.result;
  t.equal(gt.total, 2);
  const unknown = await k.api('datastore_search', { resource_id: rid, filters: { 'màu': 'đỏ' } });
  t.equal(unknown.status, 409);
  t.match(unknown.body.error.filters[0], /field "màu" not in table/);
  t.equal((await k.api('datastore_search', { resource_id: rid, filters: { 'giường': 'nhiều' } })).status, 409, 'a value of the wrong type is a 409');
  t.equal((await k.api('datastore_search', { resource_id: 'khong-co' })).status, 404);
});

t.test('q, fields, sort, distinct, paging and record formats', async (t) => {
  const q = (await k.api('datastore_search', { resource_id: rid, q: 'da nang' })).body.result;
  t.same(q.records.map((r: any) => r['tên']), ['Bệnh viện Đà Nẵng'], 'full text without diacritics');
  t.ok(q.fields.some((f: any) => f.id === 'rank'), 'q adds a rank column');
  const perField = (await k.api('datastore_search', { resource_id: rid, q: { 'tên': 'trung uong' } })).body.result;
  t.equal(perField.total, 1);
  const sorted = (await k.api('datastore_search', { resource_id: rid, fields: 'tên,giường', sort: 'giường desc' })).body.result;
  t.same(sorted.records.map((r: any) => r['giường']), [2000, 1500, 700]);
  t.same(Object.keys(sorted.records[0]), ['tên', 'giường']);
  t.equal((await k.api('datastore_search', { resource_id: rid, sort: 'màu asc' })).status, 409);
  const distinct = (await k.api('datastore_search', { resource_id: rid, fields: ['tỉnh'], distinct: true, sort: 'tỉnh' })).body.result;
  t.same(distinct.records, [{ 'tỉnh': 'Huế' }, { 'tỉnh': 'Đà Nẵng' }]);
  const page = (await k.api('datastore_search', { resource_id: rid, limit: 1, offset: 1 })).body.result;
  t.equal(page.records[0]._id, 2);
  t.match(page._links, { start: /^\/api\/3\/action\/datastore_search\?/, next: /offset=2$/, prev: /offset=0$/ });
  const lists = (await k.api('datastore_search', { resource_id: rid, records_format: 'lists', fields: ['_id', 'tỉnh'] })).body.result;
  t.same(lists.records[0], [1, 'Huế']);
  const csv = (await k.api('datastore_search', { resource_id: rid, records_format: 'csv', fields: ['tên', 'giường'], limit: 2 })).body.result;
  t.equal(csv.records, 'Bệnh viện Trung ương Huế,2000\nBệnh viện Đà Nẵng,1500\n');
  const tsv = (await k.api('datastore_search', { resource_id: rid, records_format: 'tsv', fields: ['tên'], limit: 1 })).body.result;
  t.equal(tsv.records, 'Bệnh viện Trung ương Huế\n');
});

t.test('datastore_upsert (checklist 67)', async (t) => {
  const up = await k.api('datastore_upsert', {
    resource_id: rid, method: 'upsert', force: true,
    records: [{ 'tên': 'Bệnh viện Đà Nẵng', 'giường': 1600 }, { 'tên': 'Bệnh viện Mắt Huế', 'tỉnh': 'Huế', 'giường': 120 }],
  });
  t.equal(up.status, 200, JSON.stringify(up.body.error ?? ''));
  const all = (await k.api('datastore_search', { resource_id: rid, sort: '_id' })).body.result;
  t.equal(all.total, 4);
  t.equal(all.records.find((r: any) => r['tên'] === 'Bệnh viện Đà Nẵng')['giường'], 1600, 'updated by key');
  t.equal(all.records.find((r: any) => r['tên'] === 'Bệnh viện Đà Nẵng')['tỉnh'], 'Đà Nẵng', 'fields not given are kept');
  const missing = await k.api('datastore_upsert', { resource_id: rid, method: 'update', records: [{ 'tên': 'Không có', 'giường': 1 }], force: true });
  t.equal(missing.status, 409);
  t.match(missing.body.error.key[0], /not found/);
  const dup = await k.api('datastore_upsert', { resource_id: rid, method: 'insert', records: [{ 'tên': 'Bệnh viện Mắt Huế' }], force: true });
  t.equal(dup.status, 409, 'a duplicate key on insert');
  const badType = await k.api('datastore_upsert', { resource_id: rid, method: 'insert', records: [{ 'tên': 'X', 'giường': 'nhiều' }], force: true });
  t.equal(badType.status, 409);
  t.match(badType.body.error.records[0], /integer/);
  const extra = await k.api('datastore_upsert', { resource_id: rid, method: 'insert', records: [{ 'tên': 'Y', 'màu': 'đỏ' }], force: true });
  t.match(extra.body.error.records[0], /has extra keys "màu"/);
  const dry = await k.api('datastore_upsert', { resource_id: rid, method: 'insert', records: [{ 'tên': 'Thử' }], dry_run: true, force: true });
  t.equal(dry.status, 200);
  t.equal((await k.api('datastore_search', { resource_id: rid, limit: 0 })).body.result.total, 4, 'a dry run leaves nothing, and no failed write half-wrote');
});

t.test('who may read and write', async (t) => {
  const anon = await k.api('datastore_upsert', { resource_id: rid, records: [], force: true }, { token: null });
  t.equal(anon.status, 403);
  t.equal((await k.api('datastore_upsert', { resource_id: rid, records: [], force: true }, { token: outsider.token })).status, 403);
  t.equal((await k.api('datastore_upsert', { resource_id: rid, records: [], force: true }, { token: org.editor.token })).status, 200);
  t.equal((await k.api('datastore_upsert', { resource_id: rid, records: [], force: true }, { token: org.member.token })).status, 403, 'members read, editors write');
  const hidden = (await k.api('datastore_create', { resource: { package_id: priv.id }, records: [{ a: 1 }] })).body.result.resource_id;
  t.equal((await k.api('datastore_search', { resource_id: hidden }, { token: null })).status, 403, 'a private dataset’s table is private');
  t.equal((await k.api('datastore_search', { resource_id: hidden }, { token: org.member.token })).status, 200);
  t.equal((await fetch(`${k.url}/datastore/dump/${hidden}`)).status, 404, 'and its dump is not there for anonymous users');
  // A file-backed resource is read-only without force.
  const linked = (await k.api('resource_create', { package_id: pkg.id, url: 'http://x.vn/a.csv' })).body.result;
  const ro = await k.api('datastore_create', { resource_id: linked.id, records: [{ a: 1 }] });
  t.equal(ro.status, 409);
  t.ok(ro.body.error['read-only']);
  t.equal((await k.api('datastore_create', { resource_id: linked.id, records: [{ a: 1 }], force: true })).status, 200);
});

t.test('datastore_info', async (t) => {
  const info = (await k.api('datastore_info', { id: rid }, { method: 'GET' })).body.result;
  t.equal(info.meta.count, 4);
  t.equal(info.meta.id, rid);
  t.ok(info.meta.size >= 0);
  t.same(info.fields.map((f: any) => f.id), ['tỉnh', 'tên', 'giường', 'mở cửa', 'đánh giá'], 'no _id');
  const key = info.fields.find((f: any) => f.id === 'tên');
  t.equal(key.schema.is_index, true);
  t.equal(key.schema.uniquekey, true);
  t.equal(info.fields[0].info.label, 'Tỉnh/thành');
});

t.test('the dump (checklist 69)', async (t) => {
  const csv = await fetch(`${k.url}/datastore/dump/${rid}`);
  t.equal(csv.status, 200);
  t.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
  t.equal(csv.headers.get('content-disposition'), `attachment; filename="${rid}.csv"`);
  const text = await csv.text();
  t.ok(text.startsWith('_id,tỉnh,tên,giường,mở cửa,đánh giá\n'), 'header starts with _id');
  t.match(text, /1,Huế,Bệnh viện Trung ương Huế,2000,1894-01-01,4.5/);
  const bom = await (await fetch(`${k.url}/datastore/dump/${rid}?bom=true&format=tsv`)).arrayBuffer();
  t.same([...new Uint8Array(bom).slice(0, 3)], [0xef, 0xbb, 0xbf], 'bom=true starts with the UTF-8 BOM');
  const json = await (await fetch(`${k.url}/datastore/dump/${rid}?format=json&fields=_id,tên&limit=2`)).json() as any;
  t.same(json.fields.map((f: any) => f.id), ['_id', 'tên']);
  t.same(json.records, [[1, 'Bệnh viện Trung ương Huế'], [2, 'Bệnh viện Đà Nẵng']]);
  const xml = await (await fetch(`${k.url}/datastore/dump/${rid}?format=xml&filters=${encodeURIComponent(JSON.stringify({ 'giường': 120 }))}`)).text();
  t.match(xml, /<row _id="4"><value key="tỉnh">Huế<\/value>/);
  t.equal((await fetch(`${k.url}/datastore/dump/khong-co`)).status, 404);
  t.equal((await fetch(`${k.url}/datastore/dump/${rid}?format=pdf`)).status, 400);
  t.equal((await fetch(`${k.url}/datastore/dump/${rid}?fields=màu`)).status, 400);
});

t.test('datastore_records_delete and datastore_delete', async (t) => {
  const noFilters = await k.api('datastore_records_delete', { resource_id: rid, force: true });
  t.equal(noFilters.status, 409);
  t.equal((await k.api('datastore_records_delete', { resource_id: rid, filters: { 'tỉnh': 'Đà Nẵng' }, force: true })).status, 200);
  t.equal((await k.api('datastore_search', { resource_id: rid, limit: 0 })).body.result.total, 3);
  t.equal((await k.api('datastore_delete', { resource_id: rid, force: true })).status, 200);
  t.equal((await k.api('datastore_search', { resource_id: rid })).status, 404, 'no filters drops the table');
  t.equal((await k.api('resource_show', { id: rid })).body.result.datastore_active, false);
});

t.test('a deleted resource or purged dataset takes its table with it', async (t) => {
  const one = (await k.api('datastore_create', { resource: { package_id: pkg.id }, records: [{ a: 1 }] })).body.result.resource_id;
  await k.api('resource_delete', { id: one });
  const { findTable } = await import('../server/modules/datastore/tables.js');
  t.equal(await findTable(k.kho.database.db, one), null);
  const other = (await k.api('package_create', { name: 'tam-thoi', owner_org: org.name })).body.result;
  const two = (await k.api('datastore_create', { resource: { package_id: other.id }, records: [{ a: 1 }] })).body.result.resource_id;
  await k.api('dataset_purge', { id: other.id });
  t.equal(await findTable(k.kho.database.db, two), null);
});

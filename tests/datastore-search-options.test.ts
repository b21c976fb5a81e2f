// datastore_search beyond filters and q: aliases (a table named by another name, in search, SQL
// and writes, kept across reloads), keyset paging with next_page, a text search language, and q
// in Postgres's own query syntax when plain is false.
import t from 'tap';
import { startKho, orgWithRoles } from './helpers/kho.js';
import { loadHelpers } from './helpers/datastore-load.js';

const k = await startKho({ env: { KHO_DATASTORE_AUTOLOAD: '1' } });
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-van-hoa');
const pkg = (await k.api('package_create', { name: 'di-tich', owner_org: org.name })).body.result;
const { upload, loaded } = loadHelpers(k, pkg.id);

const records = [
  { 'tên': 'Kinh thành Huế', 'tỉnh': 'Thừa Thiên Huế', 'mô tả': 'The citadel where the emperors lived' },
  { 'tên': 'Phố cổ Hội An', 'tỉnh': 'Quảng Nam', 'mô tả': 'An old trading port with running lanterns' },
  { 'tên': 'Thánh địa Mỹ Sơn', 'tỉnh': 'Quảng Nam', 'mô tả': 'Temples of the Cham kings' },
  { 'tên': 'Lăng Tự Đức', 'tỉnh': 'Thừa Thiên Huế', 'mô tả': 'A tomb where an emperor runs his court' },
  { 'tên': 'Chùa Thiên Mụ', 'tỉnh': 'Thừa Thiên Huế', 'mô tả': 'A pagoda by the river' },
];
const created = await k.api('datastore_create', {
  resource: { package_id: pkg.id, name: 'Di tích' },
  fields: [{ id: 'tên', type: 'text' }, { id: 'tỉnh', type: 'text' }, { id: 'mô tả', type: 'text' }],
  records, aliases: 'di-tich-mien-trung',
});
const rid: string = created.body.result.resource_id;
const search = (params: Record<string, unknown>, token?: string | null) => k.api('datastore_search', params, token === undefined ? {} : { token });

t.test('an alias names the table in search, in SQL, in writes and in info', async (t) => {
  t.equal(created.status, 200, JSON.stringify(created.body.error ?? ''));
  const byAlias = await search({ resource_id: 'di-tich-mien-trung', filters: { 'tỉnh': 'Quảng Nam' } });
  t.equal(byAlias.status, 200, JSON.stringify(byAlias.body.error ?? ''));
  t.equal(byAlias.body.result.resource_id, 'di-tich-mien-trung', 'the id is echoed as given, as CKAN does');
  t.same(byAlias.body.result.records.map((r: any) => r['tên']), ['Phố cổ Hội An', 'Thánh địa Mỹ Sơn']);
  const viaSql = await k.api('datastore_search_sql', { sql: `SELECT count(*) AS n FROM "di-tich-mien-trung" WHERE "tỉnh" = 'Thừa Thiên Huế'` });
  t.equal(viaSql.status, 200, JSON.stringify(viaSql.body.error ?? ''));
  t.equal(Number(viaSql.body.result.records[0].n), 3);
  const up = await k.api('datastore_upsert', { resource_id: 'di-tich-mien-trung', method: 'insert', records: [{ 'tên': 'Cầu Trường Tiền', 'tỉnh': 'Thừa Thiên Huế' }] });
  t.equal(up.status, 200, JSON.stringify(up.body.error ?? ''));
  t.equal((await search({ resource_id: rid, limit: 0 })).body.result.total, 6);
  t.same((await k.api('datastore_info', { id: 'di-tich-mien-trung' })).body.result.meta.aliases, ['di-tich-mien-trung']);
  // A column added later shows through the alias too.
  t.equal((await k.api('datastore_create', { resource_id: rid, force: true, fields: [{ id: 'năm', type: 'int' }], aliases: ['di-tich-hue'] })).status, 200);
  const fields = (await search({ resource_id: 'di-tich-hue', limit: 0 })).body.result.fields.map((f: any) => f.id);
  t.same(fields, ['_id', 'tên', 'tỉnh', 'mô tả', 'năm']);
  t.same((await k.api('datastore_info', { id: rid })).body.result.meta.aliases, ['di-tich-mien-trung', 'di-tich-hue']);
});

t.test('aliases that are taken or not names are refused', async (t) => {
  const other = await k.api('datastore_create', { resource: { package_id: pkg.id, name: 'Khác' }, fields: [{ id: 'a', type: 'text' }] });
  const otherId = other.body.result.resource_id;
  const taken = await k.api('datastore_create', { resource_id: otherId, force: true, aliases: ['di-tich-hue'] });
  t.equal(taken.status, 409);
  t.match(taken.body.error.aliases[0], /already names another resource/);
  for (const bad of ['a"b', '_private', 'pg_class', rid, 'x'.repeat(64)]) {
    const r = await k.api('datastore_create', { resource_id: otherId, force: true, aliases: [bad] });
    t.equal(r.status, 409, `${bad.slice(0, 20)} refused`);
  }
  t.equal((await search({ resource_id: 'khong-co' })).status, 404, 'an unknown name is 404');
});

t.test('a private dataset\'s table stays private under an alias', async (t) => {
  const priv = (await k.api('package_create', { name: 'rieng-tu', owner_org: org.name, private: true })).body.result;
  const r = await k.api('datastore_create', { resource: { package_id: priv.id, name: 'Kín' }, fields: [{ id: 'a', type: 'text' }], records: [{ a: 'bí mật' }], aliases: ['bang-kin'] });
  t.equal(r.status, 200);
  t.equal((await search({ resource_id: 'bang-kin' }, null)).status, 403);
  t.equal((await k.api('datastore_search_sql', { sql: 'SELECT * FROM "bang-kin"' }, { token: null })).status, 403);
  t.equal((await search({ resource_id: 'bang-kin' })).status, 200, 'the sysadmin reads it');
});

t.test('a reloaded file keeps its aliases', async (t) => {
  const id = await upload('le-hoi.csv', Buffer.from('Lễ hội,Tháng\nFestival Huế,6\n'));
  t.equal((await loaded(id)).status, 'complete');
  t.equal((await k.api('datastore_create', { resource_id: id, force: true, aliases: ['le-hoi'] })).status, 200);
  const form = new FormData();
  form.append('id', id);
  form.append('upload', new Blob([Buffer.from('Lễ hội,Tháng,Địa điểm\nFestival Huế,6,Huế\nLễ hội pháo hoa,4,Đà Nẵng\n')]), 'le-hoi.csv');
  t.equal((await fetch(`${k.url}/api/action/resource_patch`, { method: 'POST', headers: { Authorization: k.sysadmin.token }, body: form })).status, 200);
  t.equal((await loaded(id)).status, 'complete');
  const r = (await search({ resource_id: 'le-hoi' })).body.result;
  t.equal(r.total, 2, 'the alias reads the new table');
  t.same(r.fields.map((f: any) => f.id), ['_id', 'Lễ hội', 'Tháng', 'Địa điểm']);
  t.equal((await k.api('datastore_delete', { resource_id: id, force: true })).status, 200);
  t.equal((await search({ resource_id: 'le-hoi' })).status, 404, 'deleting the table deletes its aliases');
});

t.test('next_page: keyset paging by _id, either way, in every format', async (t) => {
  const seen: string[] = [];
  let filters: Record<string, unknown> = {};
  for (let i = 0; i < 10; i++) {
    const r = (await search({ resource_id: rid, limit: 2, include_next_page: true, filters, fields: ['tên'] })).body.result;
    if (!r.records.length) {
      t.notOk('next_page' in r, 'no next page after the last');
      break;
    }
    seen.push(...r.records.map((x: any) => x['tên']));
    t.ok(r.next_page?._id?.gt, 'a filter for the next page');
    filters = { ...filters, ...r.next_page };
  }
  t.equal(seen.length, 6, 'every row once');
  t.equal(new Set(seen).size, 6);
  const desc = (await search({ resource_id: rid, sort: '_id desc', limit: 3, include_next_page: true })).body.result;
  t.same(desc.next_page, { _id: { lt: 4 } });
  for (const records_format of ['lists', 'csv']) {
    const r = (await search({ resource_id: rid, limit: 2, include_next_page: true, records_format })).body.result;
    t.same(r.next_page, { _id: { gt: 2 } }, records_format);
  }
  t.notOk('next_page' in (await search({ resource_id: rid, limit: 2 })).body.result, 'only when asked');
  t.notOk('next_page' in (await search({ resource_id: rid, limit: 2, sort: 'tên', include_next_page: true })).body.result, 'not when sorted by another field');
});

t.test('language: a Postgres text search configuration, with stemming', async (t) => {
  const simple = (await search({ resource_id: rid, q: 'emperor' })).body.result;
  t.same(simple.records.map((r: any) => r['tên']), ['Lăng Tự Đức'], 'simple: the exact word only');
  const english = await search({ resource_id: rid, q: 'emperor', language: 'english' });
  t.equal(english.status, 200, JSON.stringify(english.body.error ?? ''));
  t.same(english.body.result.records.map((r: any) => r['tên']).sort(), ['Kinh thành Huế', 'Lăng Tự Đức'], 'english: emperors and emperor');
  t.equal(english.body.result.language, 'english');
  const bad = await search({ resource_id: rid, q: 'x', language: 'klingon' });
  t.equal(bad.status, 409);
  t.match(bad.body.error.language[0], /klingon/);
});

t.test('plain false: q in tsquery syntax, folded for Vietnamese; bad syntax is a 409', async (t) => {
  const or = await search({ resource_id: rid, q: 'hoi & an | my & son', plain: false, fields: ['tên'] });
  t.equal(or.status, 200, JSON.stringify(or.body.error ?? ''));
  t.same(or.body.result.records.map((r: any) => r['tên']).sort(), ['Phố cổ Hội An', 'Thánh địa Mỹ Sơn']);
  const prefix = (await search({ resource_id: rid, q: 'Thiê:*', plain: false, fields: ['tên'] })).body.result;
  t.ok(prefix.records.length >= 3, `a prefix matches (${prefix.records.length})`);
  const not = (await search({ resource_id: rid, q: 'hue & !kinh', plain: false, fields: ['tên'], sort: '_id' })).body.result;
  t.notOk(not.records.some((r: any) => r['tên'] === 'Kinh thành Huế'), 'negation');
  t.ok(not.records.length > 0);
  const plainText = (await search({ resource_id: rid, q: 'hoi & an', fields: ['tên'] })).body.result;
  t.same(plainText.records.map((r: any) => r['tên']), ['Phố cổ Hội An'], 'plain (default): & is just punctuation');
  const bad = await search({ resource_id: rid, q: 'hue & (', plain: false });
  t.equal(bad.status, 409);
  t.ok(bad.body.error.q, 'the error names q');
});

t.test('a q per column ranks per column, as CKAN names them', async (t) => {
  const r = (await search({ resource_id: rid, q: { 'tỉnh': 'hue', 'mô tả': 'emperor' } })).body.result;
  t.same(r.fields.slice(-2).map((f: any) => [f.id, f.type]), [['rank tỉnh', 'float'], ['rank mô tả', 'float']]);
  t.same(r.records.map((x: any) => x['tên']), ['Lăng Tự Đức']);
  t.type(r.records[0]['rank mô tả'], 'number');
  const sorted = await search({ resource_id: rid, q: { 'tỉnh': 'hue' }, sort: '"rank tỉnh" desc, _id' });
  t.equal(sorted.status, 200, JSON.stringify(sorted.body.error ?? ''));
});

t.test('the dump takes q with language and plain too, ordered by rank', async (t) => {
  const dump = async (query: string) => {
    const res = await fetch(`${k.url}/datastore/dump/${rid}?${query}`, { headers: { Authorization: k.sysadmin.token } });
    return { status: res.status, text: await res.text() };
  };
  const byRank = await dump(`q=${encodeURIComponent('Huế')}&fields=${encodeURIComponent('tên')}`);
  t.equal(byRank.status, 200, byRank.text);
  const lines = byRank.text.trim().split('\n');
  t.equal(lines[0], 'tên');
  t.ok(lines.length >= 4, `the rows of Huế (${lines.length - 1})`);
  t.equal(lines[1], 'Kinh thành Huế', 'best rank first');
  const english = await dump(`q=emperor&language=english&format=json&fields=${encodeURIComponent('tên')}`);
  t.same(JSON.parse(english.text).records.map((r: unknown[]) => r[0]).sort(), ['Kinh thành Huế', 'Lăng Tự Đức']);
  const prefix = await dump(`q=${encodeURIComponent('thiê:*')}&plain=false&format=json`);
  t.equal(prefix.status, 200, prefix.text);
  t.ok(JSON.parse(prefix.text).records.length >= 3);
  t.equal((await dump('q=x&language=klingon')).status, 400);
  const badQuery = await dump(`q=${encodeURIComponent('hue & (')}&plain=false`);
  t.equal(badQuery.status, 400, 'q that does not parse: a 400 before any row is sent');
  t.match(badQuery.text, /tsquery/);
});

t.test('a resource whose table has aliases can be deleted, and its dataset purged', async (t) => {
  const made = await k.api('datastore_create', { resource: { package_id: pkg.id, name: 'Tạm' }, fields: [{ id: 'a', type: 'text' }], aliases: ['bang-tam'] });
  t.equal(made.status, 200);
  const del = await k.api('resource_delete', { id: made.body.result.resource_id });
  t.equal(del.status, 200, JSON.stringify(del.body.error ?? ''));
  t.equal((await search({ resource_id: 'bang-tam' })).status, 404, 'the alias went with the table');
  const other = (await k.api('package_create', { name: 'xoa-han', owner_org: org.name })).body.result;
  t.equal((await k.api('datastore_create', { resource: { package_id: other.id, name: 'X' }, fields: [{ id: 'a', type: 'text' }], aliases: ['bang-xoa'] })).status, 200);
  const purge = await k.api('dataset_purge', { id: other.id });
  t.equal(purge.status, 200, JSON.stringify(purge.body.error ?? ''));
  t.equal((await search({ resource_id: 'bang-xoa' })).status, 404);
});

// Analysts' downloads: every DataStore table as CSV (optionally with a BOM for Excel) and as XLSX,
// made once and kept until the table changes, with formula-like text neutralised; and the
// dump's xlsx format. The workbooks are read back with SheetJS, as a spreadsheet would.
import t from 'tap';
import * as XLSX from 'xlsx';
import { startKho, orgWithRoles } from './helpers/kho.js';

const k = await startKho();
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-tai-chinh');
const pkg = (await k.api('package_create', { name: 'ngan-sach', owner_org: org.name })).body.result;
const priv = (await k.api('package_create', { name: 'noi-bo', owner_org: org.name, private: true })).body.result;
const created = await k.api('datastore_create', {
  resource: { package_id: pkg.id, name: 'Chi ngân sách' },
  fields: [{ id: 'Khoản chi', type: 'text' }, { id: 'Số tiền', type: 'numeric' }, { id: 'Ngày', type: 'date' }, { id: 'Lúc', type: 'timestamp' }],
  records: [
    { 'Khoản chi': 'Bệnh viện Đà Nẵng', 'Số tiền': 1500.5, 'Ngày': '2024-05-01', 'Lúc': '2024-05-01T08:30:00' },
    { 'Khoản chi': '=SUM(A1:A9)', 'Số tiền': -5, 'Ngày': '2024-06-01', 'Lúc': null },
    { 'Khoản chi': '@cmd', 'Số tiền': 0, 'Ngày': null, 'Lúc': null },
  ],
});
const rid: string = created.body.result.resource_id;
const hidden = (await k.api('datastore_create', { resource: { package_id: priv.id }, records: [{ a: 1 }] })).body.result.resource_id;

const get = (path: string, token?: string) => fetch(`${k.url}${path}`, { headers: token ? { Authorization: token } : {} });

t.test('the dump as XLSX opens as a spreadsheet, with types kept', async (t) => {
  const res = await get(`/datastore/dump/${rid}?format=xlsx`);
  t.equal(res.status, 200);
  t.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const wb = XLSX.read(Buffer.from(await res.arrayBuffer()), { type: 'buffer', cellDates: true });
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true });
  t.same(rows[0], ['_id', 'Khoản chi', 'Số tiền', 'Ngày', 'Lúc']);
  t.equal(rows[1]![1], 'Bệnh viện Đà Nẵng', 'Vietnamese intact');
  t.equal(rows[1]![2], 1500.5, 'numbers are numbers');
  t.ok(rows[1]![3] instanceof Date, 'dates are dates');
  t.equal((rows[1]![3] as Date).toISOString().slice(0, 10), '2024-05-01');
  t.equal(ws['E2']?.t, 'd');
  t.equal(rows[2]![1], "'=SUM(A1:A9)", 'a formula is neutralised');
  t.equal(rows[2]![2], -5, 'a negative number is left alone');
  t.equal(rows[3]![1], "'@cmd");
});

t.test('cached CSV and XLSX exports of the resource', async (t) => {
  const csv = await get(`/dataset/${pkg.id}/resource/${rid}/export/chi-ngan-sach.csv?bom=true`);
  t.equal(csv.status, 200);
  t.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
  t.match(csv.headers.get('content-disposition'), /filename\*=UTF-8''Chi%20ng%C3%A2n%20s%C3%A1ch\.csv/);
  const bytes = Buffer.from(await csv.arrayBuffer());
  t.same([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'with a BOM for Excel');
  const text = bytes.toString('utf8');
  t.match(text, /'=SUM\(A1:A9\),-5,2024-06-01,/, 'neutralised in CSV too');
  t.match(text, /Bệnh viện Đà Nẵng,1500\.5,2024-05-01,2024-05-01T08:30:00/);

  const xlsx = await get(`/dataset/${pkg.id}/resource/${rid}/export/x.xlsx`);
  t.equal(xlsx.status, 200);
  const wb = XLSX.read(Buffer.from(await xlsx.arrayBuffer()), { type: 'buffer' });
  t.equal(XLSX.utils.sheet_to_json<any>(wb.Sheets[wb.SheetNames[0]!]!)[0]['Khoản chi'], 'Bệnh viện Đà Nẵng');

  const { findTable } = await import('../server/modules/datastore/tables.js');
  const before = (await findTable(k.kho.database.db, rid))!.exportKeys;
  t.equal(before.length, 2, 'each export made once and kept');
  await get(`/dataset/${pkg.id}/resource/${rid}/export/x.xlsx`);
  t.same((await findTable(k.kho.database.db, rid))!.exportKeys, before, 'the second download is the kept one');

  await k.api('datastore_upsert', { resource_id: rid, method: 'insert', records: [{ 'Khoản chi': 'Mới' }], force: true });
  const fresh = await (await get(`/dataset/${pkg.id}/resource/${rid}/export/x.csv`)).text();
  t.match(fresh, /Mới/, 'a change to the table makes a new export');
  const after = (await findTable(k.kho.database.db, rid))!.exportKeys;
  t.equal(after.length, 1, 'and the old ones go');
  for (const key of before) t.equal(await k.kho.blobs.stat(key), null, `${key} removed from storage`);
});

t.test('exports follow read rights', async (t) => {
  t.equal((await get(`/dataset/${priv.id}/resource/${hidden}/export/a.csv`)).status, 404);
  t.equal((await get(`/dataset/${priv.id}/resource/${hidden}/export/a.csv`, org.member.token)).status, 200);
  t.equal((await get(`/dataset/${pkg.id}/resource/${rid}/export/a.pdf`)).status, 404);
});

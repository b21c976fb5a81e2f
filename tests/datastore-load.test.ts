// Uploaded or linked tables load into the DataStore in the background: encodings (UTF-8 with
// and without BOM, UTF-16, Windows-1258 as Excel writes Vietnamese), delimiters, spreadsheets
// with dates and merged headers, inferred types; and bad files end as a clear error on the
// resource's load status, never a half-filled table.
import t from 'tap';
import * as XLSX from 'xlsx';
import { startKho, orgWithRoles } from './helpers/kho.js';
import { windows1258 } from './helpers/windows-1258.js';
import { loadHelpers } from './helpers/datastore-load.js';

const k = await startKho({ env: { KHO_DATASTORE_AUTOLOAD: '1' } });
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-y-te');
const pkg = (await k.api('package_create', { name: 'benh-vien', owner_org: org.name })).body.result;

const { upload, loaded, search } = loadHelpers(k, pkg.id);

const rows = [
  ['Tỉnh', 'Tên bệnh viện', 'Số giường', 'Ngày thành lập', 'Đánh giá', 'Mã'],
  ['Thừa Thiên Huế', 'Bệnh viện Trung ương Huế', '2000', '01/01/1894', '4.5', '001'],
  ['Đà Nẵng', 'Bệnh viện Đà Nẵng', '1500', '15/05/1900', '4.1', '002'],
  ['Quảng Trị', 'Bệnh viện Đa khoa "tỉnh"', '700', '26/03/1975', '', '010'],
];
const csvOf = (delimiter: string) => rows.map((r) => r.map((v) => (v.includes('"') || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v)).join(delimiter)).join('\r\n') + '\r\n';

t.test('a Vietnamese CSV exported from Excel in Windows-1258', async (t) => {
  const id = await upload('benh-vien.csv', windows1258(csvOf(',')));
  const status = await loaded(id);
  t.equal(status.status, 'complete', JSON.stringify(status.error ?? ''));
  t.equal(status.rows_done, 3);
  const r = await search(id);
  t.same(r.fields.map((f: any) => [f.id, f.type]), [['_id', 'int'], ['Tỉnh', 'text'], ['Tên bệnh viện', 'text'], ['Số giường', 'int8'],
    ['Ngày thành lập', 'date'], ['Đánh giá', 'numeric'], ['Mã', 'text']], 'types inferred; codes with leading zeros stay text');
  t.same(r.records[0], { _id: 1, 'Tỉnh': 'Thừa Thiên Huế', 'Tên bệnh viện': 'Bệnh viện Trung ương Huế', 'Số giường': 2000, 'Ngày thành lập': '1894-01-01', 'Đánh giá': 4.5, 'Mã': '001' });
  t.equal(r.records[2]['Tên bệnh viện'], 'Bệnh viện Đa khoa "tỉnh"');
  t.equal(r.records[2]['Đánh giá'], null, 'an empty cell is null');
  t.equal((await k.api('resource_show', { id })).body.result.datastore_active, true);
  const sqlRows = await k.api('datastore_search_sql', { sql: `SELECT "Tỉnh" FROM "${id}" WHERE "Số giường" > 1000 ORDER BY "Số giường"` });
  t.same(sqlRows.body.result.records, [{ 'Tỉnh': 'Đà Nẵng' }, { 'Tỉnh': 'Thừa Thiên Huế' }]);
  const info = (await k.api('datastore_info', { id })).body.result;
  t.equal(info.load.status, 'complete');
});

t.test('UTF-8 with a BOM and semicolons, UTF-16 with and without a BOM, tabs', async (t) => {
  const bom = await upload('a.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvOf(';'))]));
  const le = await upload('b.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvOf(','), 'utf16le')]));
  const leNoBom = await upload('c.csv', Buffer.from(csvOf(','), 'utf16le'));
  const be = await upload('d.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csvOf(','), 'utf16le').swap16()]));
  const tsv = await upload('e.tsv', Buffer.from(csvOf('\t')));
  for (const [name, id] of [['bom', bom], ['utf16le', le], ['utf16le without bom', leNoBom], ['utf16be', be], ['tsv', tsv]] as const) {
    const status = await loaded(id);
    t.equal(status.status, 'complete', `${name}: ${JSON.stringify(status.error ?? '')}`);
    const r = await search(id, { fields: ['Tỉnh', 'Số giường'], limit: 1 });
    t.same(r.records, [{ 'Tỉnh': 'Thừa Thiên Huế', 'Số giường': 2000 }], name);
  }
});

t.test('an XLSX: first sheet, dates as dates, a merged two-row header flattened', async (t) => {
  const ws = XLSX.utils.aoa_to_sheet([
    ['Bệnh viện', 'Giường bệnh', null, 'Ngày'],
    [null, 'Nội trú', 'Ngoại trú', null],
    ['Bệnh viện Trung ương Huế', 1800, 200, new Date(Date.UTC(1994, 0, 1))],
    ['Bệnh viện Đà Nẵng', 1400, 100, new Date(Date.UTC(1900, 4, 15))],
  ], { cellDates: true });
  ws['!merges'] = [{ s: { r: 0, c: 1 }, e: { r: 0, c: 2 } }, { s: { r: 0, c: 0 }, e: { r: 1, c: 0 } }, { s: { r: 0, c: 3 }, e: { r: 1, c: 3 } }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Dữ liệu');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['khác'], ['x']]), 'Khác');
  const id = await upload('benh-vien.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
  const status = await loaded(id);
  t.equal(status.status, 'complete', JSON.stringify(status.error ?? ''));
  const r = await search(id);
  t.same(r.fields.map((f: any) => f.id), ['_id', 'Bệnh viện', 'Giường bệnh Nội trú', 'Giường bệnh Ngoại trú', 'Ngày']);
  t.same(r.fields.map((f: any) => f.type), ['int', 'text', 'int8', 'int8', 'date']);
  t.same(r.records[1], { _id: 2, 'Bệnh viện': 'Bệnh viện Đà Nẵng', 'Giường bệnh Nội trú': 1400, 'Giường bệnh Ngoại trú': 100, 'Ngày': '1900-05-15' });
});

t.test('bad files end as a clear error, and never replace a good table', async (t) => {
  const id = await upload('tot.csv', Buffer.from('a,b\n1,x\n2,y\n'));
  t.equal((await loaded(id)).status, 'complete');
  // A new version with malformed rows: the status says which lines; the old rows stay.
  const form = new FormData();
  form.append('id', id);
  form.append('upload', new Blob([Buffer.from('a,b\n1,x\n2,y,z,w\n3,z\n4,q,extra\n')]), 'tot.csv');
  t.equal((await fetch(`${k.url}/api/action/resource_patch`, { method: 'POST', headers: { Authorization: k.sysadmin.token }, body: form })).status, 200);
  const status = await loaded(id);
  t.equal(status.status, 'error');
  t.match(status.error.message, /2 malformed rows \(lines 3, 5\)/);
  t.same(status.error.lines.map((l: any) => l.line), [3, 5]);
  t.equal((await search(id)).total, 2, 'the previous table is still whole');

  const cases: [string, Buffer, RegExp][] = [
    ['empty.csv', Buffer.alloc(0), /empty/],
    ['binary.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 7]), /not text/],
    ['long-line.csv', Buffer.from(`a,b\n${'x'.repeat(1024 * 1024 + 10)},1\n`), /Line 2 is longer than the limit/],
    ['wide.csv', Buffer.from(`${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',')}\n`), /5000 columns/],
    ['broken.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'), /not a valid zip|could not be read/],
  ];
  for (const [name, bytes, why] of cases) {
    const bad = await upload(name, bytes);
    const s = await loaded(bad);
    t.equal(s.status, 'error', name);
    t.match(s.error.message, why, name);
    t.equal((await k.api('datastore_search', { resource_id: bad })).status, 404, `${name}: no table at all`);
  }
});

t.test('a zip bomb and a sheet too wide are refused before they are opened', async (t) => {
  const { checkZip } = await import('../server/modules/datastore/loader/spreadsheet-rows.js');
  // A real zip holding 300 MiB of zeros (a few hundred KiB compressed).
  const { deflateRawSync, crc32 } = await import('node:zlib') as any;
  const data = Buffer.alloc(300 * 1024 * 1024);
  const packed: Buffer = deflateRawSync(data, { level: 9 });
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const crc = typeof crc32 === 'function' ? crc32(data) : 0;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc >>> 0, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc >>> 0, 16); central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + packed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12); end.writeUInt32LE(cdOffset, 16);
  const bomb = Buffer.concat([local, name, packed, central, name, end]);
  t.ok(bomb.length < 2 * 1024 * 1024, `the bomb is small (${bomb.length} bytes)`);
  t.throws(() => checkZip(bomb), /zip bomb/);
  const id = await upload('bomb.xlsx', bomb);
  const s = await loaded(id);
  t.equal(s.status, 'error');
  t.match(s.error.message, /zip bomb/);

  const ws = XLSX.utils.aoa_to_sheet([['a'], [1]]);
  ws['!ref'] = 'A1:XFD2';
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'S');
  const wide = await upload('wide.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
  const w = await loaded(wide);
  t.equal(w.status, 'error');
  t.match(w.error.message, /16384 columns/);
});

t.test('a value past the sampled rows that breaks the guessed type reloads that column as text', async (t) => {
  const lines = ['n,v'];
  for (let i = 0; i < 12_000; i++) lines.push(`${i},${i}`);
  lines.push('12000,khong-phai-so');
  const id = await upload('mixed.csv', Buffer.from(`${lines.join('\n')}\n`));
  const s = await loaded(id);
  t.equal(s.status, 'complete', JSON.stringify(s.error ?? ''));
  t.equal(s.rows_done, 12_001);
  const r = await search(id, { limit: 0 });
  t.same(r.fields.map((f: any) => f.type), ['int', 'int8', 'text']);
  t.equal(r.total, 12_001);
});

t.test('the publisher edits the data dictionary; a changed type reloads the table', async (t) => {
  const id = await upload('ma.csv', Buffer.from('ma,so\n1,5\n2,6\n'));
  t.equal((await loaded(id)).status, 'complete');
  t.same((await search(id, { limit: 0 })).fields.map((f: any) => f.type), ['int', 'int8', 'int8']);
  const first = (await k.api('xloader_status', { resource_id: id })).body.result.job_id;
  const edit = await k.api('datastore_create', {
    resource_id: id, force: true,
    fields: [{ id: 'ma', info: { label: 'Mã đơn vị', notes: 'Mã do tỉnh cấp', unit: '', type_override: 'text' } }, { id: 'so', info: { label: 'Số lượng', unit: 'người' } }],
  });
  t.equal(edit.status, 200, JSON.stringify(edit.body.error ?? ''));
  t.ok(Number((await k.api('xloader_status', { resource_id: id })).body.result.job_id) > Number(first), 'the type change queued a reload');
  t.equal((await loaded(id)).status, 'complete');
  const r = await search(id, { limit: 0 });
  t.same(r.fields.map((f: any) => [f.id, f.type]), [['_id', 'int'], ['ma', 'text'], ['so', 'int8']]);
  t.same(r.fields[1].info, { label: 'Mã đơn vị', notes: 'Mã do tỉnh cấp', unit: '', type_override: 'text' }, 'the dictionary survives the reload');
  t.equal(r.fields[2].info.unit, 'người');
});

t.test('status and resubmission', async (t) => {
  const id = await upload('lai.csv', Buffer.from('a\n1\n'));
  const queued = (await k.api('xloader_status', { resource_id: id })).body.result;
  t.ok(['pending', 'running', 'complete'].includes(queued.status), `queued at once (${queued.status})`);
  t.equal((await loaded(id)).status, 'complete');
  t.equal((await k.api('xloader_submit', { resource_id: id })).body.result, true);
  const again = (await k.api('xloader_status', { resource_id: id })).body.result;
  t.ok(Number(again.job_id) > Number(queued.job_id), 'a new load was queued');
  t.equal((await loaded(id)).status, 'complete');
  t.equal((await k.api('xloader_submit', { resource_id: id }, { token: null })).status, 403);
  const pdf = (await k.api('resource_create', { package_id: pkg.id, url: 'http://x.vn/a.pdf' })).body.result.id;
  t.equal((await k.api('xloader_status', { resource_id: pdf })).status, 404, 'nothing is queued for a PDF');
});

t.test('a zip that understates its sizes is refused before SheetJS opens it', async (t) => {
  const { checkZip, checkZipInflation } = await import('../server/modules/datastore/loader/spreadsheet-rows.js');
  const { deflateRawSync } = await import('node:zlib');
  const data = Buffer.alloc(100 * 1024 * 1024);
  const packed = deflateRawSync(data, { level: 9 });
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const claimed = 1000; // the directory says 1000 bytes; it inflates to 100 MiB
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(claimed, 22); local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(claimed, 24); central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12); end.writeUInt32LE(local.length + name.length + packed.length, 16);
  const liar = Buffer.concat([local, name, packed, central, name, end]);
  t.doesNotThrow(() => checkZip(liar), 'its directory alone looks harmless');
  await t.rejects(checkZipInflation(liar), /zip bomb/);
  const id = await upload('noi-doi.xlsx', liar);
  const s = await loaded(id);
  t.equal(s.status, 'error');
  t.match(s.error.message, /more than its zip directory says/);
  // A real workbook passes the same check.
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['a'], [1]]), 'S');
  await t.resolves(checkZipInflation(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true })));
});

t.test('XLS (BIFF8) and ODS load like XLSX: Vietnamese text, numbers, dates', async (t) => {
  const aoa = [
    ['Huyện', 'Dân số', 'Ngày thống kê'],
    ['Phú Vang', 180000, new Date(Date.UTC(2024, 11, 31))],
    ['Hương Thủy', 110500, new Date(Date.UTC(2025, 0, 15))],
  ];
  for (const bookType of ['xls', 'ods'] as const) {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa, { cellDates: true }), 'Dân số');
    const bytes = XLSX.write(wb, { type: 'buffer', bookType });
    const id = await upload(`dan-so.${bookType}`, bytes);
    const s = await loaded(id);
    t.equal(s.status, 'complete', `${bookType}: ${JSON.stringify(s.error ?? '')}`);
    t.equal(s.method, 'spreadsheet rows', bookType);
    const r = await search(id);
    t.same(r.fields.map((f: any) => [f.id, f.type]), [['_id', 'int'], ['Huyện', 'text'], ['Dân số', 'int8'], ['Ngày thống kê', 'date']], bookType);
    t.same(r.records.map((x: any) => [x['Huyện'], x['Dân số'], x['Ngày thống kê']]), [['Phú Vang', 180000, '2024-12-31'], ['Hương Thủy', 110500, '2025-01-15']], bookType);
  }
});

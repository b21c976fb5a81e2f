// Delimited files that are plain enough go straight into COPY; the rest are loaded row by row.
// Either way the table must come out the same, so each case here checks both which way a file
// went (the load status's `method`) and what landed in the table.
import t from 'tap';
import Papa from 'papaparse';
import { startKho, orgWithRoles } from './helpers/kho.js';
import { windows1258 } from './helpers/windows-1258.js';
import { loadHelpers } from './helpers/datastore-load.js';
import { recordBlocks } from '../server/db/database.js';

const k = await startKho({ env: { KHO_DATASTORE_AUTOLOAD: '1' } });
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-tai-chinh');
const pkg = (await k.api('package_create', { name: 'ngan-sach', owner_org: org.name })).body.result;
const { upload, loaded, search } = loadHelpers(k, pkg.id);

async function load(name: string, bytes: Buffer) {
  const id = await upload(name, bytes);
  const status = await loaded(id);
  return { id, status, table: await search(id, { limit: 100, sort: '_id' }) };
}

const types = (table: any) => table.fields.map((f: any) => [f.id, f.type]);

t.test('a plain CSV goes straight into COPY: quotes, day-first dates, nulls, padding, CRLF, trailing blank lines', async (t) => {
  const csv = [
    'Đơn vị,Số tiền,Ngày chi,Ghi chú,Đã duyệt',
    'Sở Tài chính,1500,31/12/2024,"Chi ""thường xuyên"", quý IV",true',
    'Sở Y tế,,05/01/2025,"Hai dòng\r\nghi chú",false',
    'UBND Huế,"",2025-02-01,  có khoảng trắng  ,TRUE',
  ].join('\r\n') + '\r\n\r\n\r\n';
  const { status, table } = await load('chi.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]));
  t.equal(status.status, 'complete', JSON.stringify(status.error ?? ''));
  t.equal(status.method, 'direct copy');
  t.equal(status.rows_done, 3);
  t.same(types(table), [['_id', 'int'], ['Đơn vị', 'text'], ['Số tiền', 'int8'], ['Ngày chi', 'date'], ['Ghi chú', 'text'], ['Đã duyệt', 'bool']]);
  t.same(table.records, [
    { _id: 1, 'Đơn vị': 'Sở Tài chính', 'Số tiền': 1500, 'Ngày chi': '2024-12-31', 'Ghi chú': 'Chi "thường xuyên", quý IV', 'Đã duyệt': true },
    { _id: 2, 'Đơn vị': 'Sở Y tế', 'Số tiền': null, 'Ngày chi': '2025-01-05', 'Ghi chú': 'Hai dòng\r\nghi chú', 'Đã duyệt': false },
    { _id: 3, 'Đơn vị': 'UBND Huế', 'Số tiền': null, 'Ngày chi': '2025-02-01', 'Ghi chú': '  có khoảng trắng  ', 'Đã duyệt': true },
  ], 'day-first dates read as such; "" is null in a number column; text kept as written');
});

t.test('Windows-1258, UTF-16 and text in decomposed form come out as NFC through COPY', async (t) => {
  const csv = 'Tỉnh;Dân số\nThừa Thiên Huế;1128620\nĐà Nẵng;1220190\n';
  const cases: [string, Buffer][] = [
    ['windows-1258', windows1258(csv)],
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')])],
    ['utf-8 NFD', Buffer.from(csv.normalize('NFD'))],
  ];
  for (const [name, bytes] of cases) {
    const { status, table } = await load(`${name}.csv`, bytes);
    t.equal(status.method, 'direct copy', name);
    t.same(table.records.map((r: any) => [r['Tỉnh'], r['Dân số']]), [['Thừa Thiên Huế', 1128620], ['Đà Nẵng', 1220190]], name);
    t.equal(table.records[0]['Tỉnh'], 'Thừa Thiên Huế'.normalize('NFC'), `${name}: NFC`);
    t.same(table.fields.map((f: any) => f.id), ['_id', 'Tỉnh', 'Dân số'], `${name}: header in NFC`);
  }
});

t.test('what COPY would read differently from a CSV parser goes row by row', async (t) => {
  const cases: [string, string, RegExp, unknown[][]][] = [
    // COPY would open a quoted value at the inch mark and run the two lines together.
    ['a stray quote', 'Ống,Số\nỐng 5" inch,10\nỐng 3" inch,20\n', /quote/, [['Ống 5" inch', 10], ['Ống 3" inch', 20]]],
    // COPY would stop reading at a line that is just \. (its end-of-data mark).
    ['a line that is \\.', 'Ký hiệu\na\n\\.\nb\n', /\\\./, [['a'], ['\\.'], ['b']]],
    ['a blank line inside', 'Tên,Số\na,1\n\nb,2\n', /./, [['a', 1], ['b', 2]]],
    ['a short row', 'Tên,Số\na,1\nb\n', /./, [['a', 1], ['b', null]]],
    // The row-by-row path reads a blank number as null; COPY refuses it.
    ['a blank number past the sample', `Tên,Số\n${Array.from({ length: 10_050 }, (_, i) => `a${i},${i === 10_040 ? '   ' : i}`).join('\n')}\n`, /   /, []],
  ];
  for (const [n, [name, csv, why, expected]] of cases.entries()) {
    const { id, status, table } = await load(`case-${n}.csv`, Buffer.from(csv));
    t.equal(status.status, 'complete', `${name}: ${JSON.stringify(status.error ?? '')}`);
    t.match(status.method, /^row by row/, name);
    t.match(status.method, why, `${name}: ${status.method}`);
    if (expected.length) t.same(table.records.map((r: any) => Object.values(r).slice(1)), expected, name);
    else {
      t.same(types(table), [['_id', 'int'], ['Tên', 'text'], ['Số', 'int8']], `${name}: the column stays a number`);
      t.equal((await search(id, { filters: { 'Tên': 'a10040' } })).records[0]['Số'], null, `${name}: the blank is null`);
    }
  }
});

t.test('a value past the sample that breaks its type makes the column text, still through COPY', async (t) => {
  const lines = ['Mã,Số'];
  for (let i = 0; i < 10_500; i++) lines.push(`m${i},${i}`);
  lines.push('m10500,không rõ');
  const { id, status } = await load('lech.csv', Buffer.from(`${lines.join('\n')}\n`));
  t.equal(status.status, 'complete', JSON.stringify(status.error ?? ''));
  t.equal(status.method, 'direct copy');
  t.equal(status.rows_done, 10_501);
  const r = await search(id, { filters: { 'Mã': 'm10500' } });
  t.same(types(r), [['_id', 'int'], ['Mã', 'text'], ['Số', 'text']]);
  t.equal(r.records[0]['Số'], 'không rõ');
  t.equal((await search(id, { filters: { 'Mã': 'm7' } })).records[0]['Số'], '7');
});

t.test('malformed rows are still reported by line, after COPY refuses them', async (t) => {
  const { status } = await load('hong.csv', Buffer.from('a,b\n1,x\n2,y,z\n3,z\n'));
  t.equal(status.status, 'error');
  t.match(status.error.message, /1 malformed row \(lines 3\)/);
});

t.test('PGlite gets COPY in blocks that end where a record ends', async (t) => {
  const rows: string[][] = [];
  for (let i = 0; i < 500; i++) rows.push([`r${i}`, i % 7 === 0 ? `nhiều\ndòng, "trích" ${i}` : `giá trị ${i}`, String(i)]);
  const text = Papa.unparse(rows, { newline: '\n' }) + '\n';
  const bytes = Buffer.from(text);
  // Chunks of awkward sizes, cutting through quoted values and multi-byte letters.
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += 37) yield bytes.subarray(at, at + 37);
  }
  const blocks: Buffer[] = [];
  for await (const parts of recordBlocks(chunks(), 512)) blocks.push(Buffer.concat(parts));
  t.ok(blocks.length > 10, `${blocks.length} blocks`);
  t.equal(Buffer.concat(blocks).toString(), text, 'nothing lost or reordered');
  let total = 0;
  for (const block of blocks) {
    const parsed = Papa.parse<string[]>(block.toString(), { skipEmptyLines: true });
    t.same(parsed.errors, [], 'each block parses on its own');
    total += parsed.data.length;
  }
  t.equal(total, rows.length);
});

t.test('TCVN3, VNI and VISCII files are recognised and read as Vietnamese', async (t) => {
  const expected = [['Ủy ban nhân dân tỉnh Thừa Thiên Huế', 12, '2024-12-31'], ['Sở Kế hoạch và Đầu tư', 7, '2025-02-01']];
  const files: [string, string][] = [
    // as glibc's iconv -t TCVN5712-1 writes it
    ['tcvn3', 'Tªn ®¬n vÞ,Sè l\xadîng,Ngµy\n\x9ey ban nh©n d©n tØnh Thõa Thiªn HuÕ,12,31/12/2024\nSë KÕ ho¹ch vµ §Çu t\xad,7,01/02/2025\n'],
    // as the VNI-Windows fonts write it: a letter, then its marks
    ['vni', 'Teân ñôn vò,Soá löôïng,Ngaøy\nUÛy ban nhaân daân tænh Thöøa Thieân Hueá,12,31/12/2024\nSôû Keá hoaïch vaø Ñaàu tö,7,01/02/2025\n'],
    // as glibc's iconv -t VISCII writes it
    ['viscii', 'Tên ð½n v¸,S¯ lßþng,Ngày\n\x9cy ban nhân dân tïnh Th×a Thiên Huª,12,31/12/2024\nS· Kª hoÕch và Ð¥u tß,7,01/02/2025\n'],
  ];
  for (const [name, text] of files) {
    const { status, table } = await load(`${name}.csv`, Buffer.from(text, 'latin1'));
    t.equal(status.status, 'complete', `${name}: ${JSON.stringify(status.error ?? '')}`);
    t.equal(status.method, 'direct copy', name);
    t.same(table.fields.map((f: any) => f.id), ['_id', 'Tên đơn vị', 'Số lượng', 'Ngày'], `${name}: header`);
    t.same(table.records.map((r: any) => [r['Tên đơn vị'], r['Số lượng'], r['Ngày']]), expected, `${name}: rows`);
  }
});

t.test('a file without a header row gets numbered columns; year headers stay headers; the publisher may say', async (t) => {
  const headerless = await load('ds.csv', Buffer.from('1,Nguyễn Văn An,1990-05-01,Hà Nội\n2,Trần Thị Bình,1985-11-20,Huế\n'));
  t.equal(headerless.status.method, 'direct copy');
  t.same(types(headerless.table), [['_id', 'int'], ['column_1', 'int8'], ['column_2', 'text'], ['column_3', 'date'], ['column_4', 'text']]);
  t.equal(headerless.table.records.length, 2, 'the first row is data');
  t.equal(headerless.table.records[0].column_2, 'Nguyễn Văn An');

  const years = await load('nam.csv', Buffer.from('Chỉ tiêu,2019,2020\nDân số,1128,1135\nDiện tích,4947,4947\n'));
  t.same(years.table.fields.map((f: any) => f.id), ['_id', 'Chỉ tiêu', '2019', '2020']);
  t.equal(years.table.records.length, 2);

  const quoted = await load('ong.csv', Buffer.from('1,Ống 5" inch,2024-01-01\n2,Ống 3" inch,2024-02-01\n'));
  t.match(quoted.status.method, /^row by row/);
  t.same(quoted.table.records.map((r: any) => [r.column_1, r.column_2, r.column_3]), [[1, 'Ống 5" inch', '2024-01-01'], [2, 'Ống 3" inch', '2024-02-01']]);

  const id = await upload('noi-bo.csv', Buffer.from('Mã,Tên\nA,B\n'), { datastore_header: 'false' });
  t.equal((await loaded(id)).status, 'complete');
  const told = await search(id);
  t.same(told.fields.map((f: any) => f.id), ['_id', 'column_1', 'column_2'], 'datastore_header=false');
  t.same(told.records.map((r: any) => r.column_1), ['Mã', 'A']);
});

t.test('a VNI mark cut off from its letter by a chunk boundary still joins it', async (t) => {
  const { vniDecoder } = await import('../server/modules/datastore/loader/legacy-vietnamese.js');
  const bytes = Buffer.from('Thöøa Thieân Hueá\n', 'latin1');
  for (let cut = 1; cut < bytes.length; cut++) {
    const d = vniDecoder();
    const text = d.decode(bytes.subarray(0, cut), { stream: true }) + d.decode(bytes.subarray(cut));
    if (text !== 'Thừa Thiên Huế\n') t.fail(`cut at ${cut}: ${text}`);
  }
  t.pass('every cut decodes whole');
});

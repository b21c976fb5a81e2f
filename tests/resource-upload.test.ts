// Resources, multipart uploads and downloads (checklist 49–52; issue: uploads stream, land
// atomically, Range, Content-Disposition, size limit, cut-off uploads).
import t from 'tap';
import { createHash } from 'node:crypto';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { startKho, orgWithRoles } from './helpers/kho.js';
import { resources } from '../server/db/schema.js';

const k = await startKho({ maxUploadMb: 1 });
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-tai-nguyen');
const pkg = (await k.api('package_create', { name: 'chat-luong-nuoc', title: 'Chất lượng nước', owner_org: org.name })).body.result;

const csv = '\uFEFFTên trạm,Huyện,pH\nTrạm Hương Trà,Hương Trà,7.1\nTrạm Phú Vang,Phú Vang,6.8\n';
const csvBytes = Buffer.from(csv, 'utf8');

async function upload(fields: Record<string, string>, file: { name: string; bytes: Buffer; type?: string }, token = org.editor.token, action = 'resource_create') {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('upload', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'text/csv' }), file.name);
  const res = await fetch(`${k.url}/api/action/${action}`, { method: 'POST', headers: { Authorization: token }, body: form });
  return { status: res.status, body: await res.json() };
}

function filesOnDisk(): string[] {
  const root = join(k.kho.config.dataDir, 'files', 'resources');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name);
}

t.test('multipart resource_create stores the file and describes it', async (t) => {
  const r = await upload({ package_id: pkg.id, name: 'Số liệu quan trắc', url: 'dummy-value' }, { name: 'Quan trắc nước Huế.csv', bytes: csvBytes });
  t.equal(r.status, 200, JSON.stringify(r.body));
  const res = r.body.result;
  t.equal(res.url_type, 'upload');
  t.equal(res.size, csvBytes.length);
  t.equal(res.hash, createHash('sha256').update(csvBytes).digest('hex'));
  t.equal(res.format, 'CSV');
  t.equal(res.mimetype, 'text/csv');
  t.equal(res.url, `${k.url}/dataset/${pkg.id}/resource/${res.id}/download/quan-trac-nuoc-hue.csv`);

  const dl = await fetch(res.url);
  t.equal(dl.status, 200);
  t.equal(dl.headers.get('content-type'), 'text/csv');
  t.match(dl.headers.get('content-disposition'), /filename\*=UTF-8''Quan%20tr%E1%BA%AFc%20n%C6%B0%E1%BB%9Bc%20Hu%E1%BA%BF\.csv/);
  t.same(Buffer.from(await dl.arrayBuffer()), csvBytes, 'byte-identical download');

  const head = await fetch(res.url, { method: 'HEAD' });
  t.equal(head.status, 200);
  t.equal(head.headers.get('content-length'), String(csvBytes.length));
  t.equal(head.headers.get('accept-ranges'), 'bytes');

  const range = await fetch(res.url, { headers: { Range: 'bytes=3-10' } });
  t.equal(range.status, 206);
  t.equal(range.headers.get('content-range'), `bytes 3-10/${csvBytes.length}`);
  t.same(Buffer.from(await range.arrayBuffer()), csvBytes.subarray(3, 11));
  const bad = await fetch(res.url, { headers: { Range: `bytes=${csvBytes.length + 5}-` } });
  t.equal(bad.status, 416);

  const patched = await k.api('resource_patch', { id: res.id, description: 'Mô tả' }, { token: org.editor.token });
  t.equal(patched.status, 200);
  t.equal(patched.body.result.name, 'Số liệu quan trắc');
  t.equal(patched.body.result.url, res.url, 'patch keeps the upload url');
  t.equal(patched.body.result.description, 'Mô tả');
  const again = await fetch(res.url);
  t.same(Buffer.from(await again.arrayBuffer()), csvBytes);

  const shown = await k.api('package_show', { id: pkg.id });
  t.equal(shown.body.result.resources[0].url, res.url, 'a package_update round trip keeps the upload');
  const roundTrip = await k.api('package_update', shown.body.result);
  t.equal(roundTrip.status, 200);
  t.equal(roundTrip.body.result.resources[0].url_type, 'upload');
  t.same(Buffer.from(await (await fetch(res.url)).arrayBuffer()), csvBytes);
});

t.test('resource_update with a new file replaces the bytes', async (t) => {
  const r = (await upload({ package_id: pkg.id, name: 'Thay thế' }, { name: 'a.csv', bytes: Buffer.from('a,b\n1,2\n') })).body.result;
  const u = await upload({ id: r.id }, { name: 'b.csv', bytes: Buffer.from('a,b\n3,4\n') }, org.editor.token, 'resource_update');
  t.equal(u.status, 200, JSON.stringify(u.body));
  t.equal(u.body.result.name, 'Thay thế', 'name kept by resource_update');
  t.equal(await (await fetch(u.body.result.url)).text(), 'a,b\n3,4\n');
});

t.test('link resources redirect; anonymous cannot read private downloads', async (t) => {
  const link = (await k.api('resource_create', { package_id: pkg.id, url: 'https://data.example.vn/file.json' }, { token: org.editor.token })).body.result;
  t.equal(link.format, 'JSON', 'format guessed from the URL');
  const dl = await fetch(`${k.url}/dataset/${pkg.id}/resource/${link.id}/download`, { redirect: 'manual' });
  t.equal(dl.status, 302);
  t.equal(dl.headers.get('location'), 'https://data.example.vn/file.json');

  const priv = (await k.api('package_create', { name: 'rieng', owner_org: org.name, private: true })).body.result;
  const up = (await upload({ package_id: priv.id }, { name: 'mat.csv', bytes: Buffer.from('x\n1\n') })).body.result;
  t.equal((await fetch(up.url)).status, 403);
  t.equal((await fetch(up.url, { headers: { Authorization: org.member.token } })).status, 200);
});

t.test('uploads over the limit are refused with nothing left behind', async (t) => {
  const before = filesOnDisk().length;
  const rowsBefore = (await k.kho.database.db.select().from(resources)).length;
  const big = Buffer.alloc(1024 * 1024 + 10, 65);
  const r = await upload({ package_id: pkg.id, name: 'quá lớn' }, { name: 'big.csv', bytes: big });
  t.equal(r.status, 413);
  t.equal(r.body.error.__type, 'Validation Error');
  t.same(r.body.error.upload, ['File upload too large']);
  t.equal(filesOnDisk().length, before, 'no file kept');
  t.equal((await k.kho.database.db.select().from(resources)).length, rowsBefore, 'no resource row');
});

t.test('an upload cut off midway leaves no resource and no file', async (t) => {
  // Local storage writes an upload into files/.tmp while it streams in and renames it into
  // files/resources only when complete; a cut-off upload must leave neither behind.
  const tmpDir = join(k.kho.config.dataDir, 'files', '.tmp');
  const tmpFiles = () => (existsSync(tmpDir) ? readdirSync(tmpDir) : []);
  const resourceRows = async () => (await k.kho.database.db.select().from(resources)).length;
  /** Polls `check` until it holds; a generous bound, since the machine may be busy. */
  const until = async (what: string, check: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 30_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  t.same(tmpFiles(), [], 'no temporary file to begin with');
  const before = filesOnDisk().length;
  const rowsBefore = await resourceRows();
  const boundary = '----khoBoundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="package_id"\r\n\r\n${pkg.id}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="cut.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  const req = httpRequest(`${k.url}/api/action/resource_create`, {
    method: 'POST',
    headers: { Authorization: org.editor.token, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': '100000' },
  });
  const ended = new Promise<string>((resolve) => {
    req.on('error', (err) => resolve(`connection closed (${err.message})`));
    req.on('response', (res) => { res.resume(); res.on('end', () => resolve(`answered ${res.statusCode}`)); });
  });
  req.write(head);
  req.write('a,b\n'.repeat(1000));
  // The first part of the file has reached the disk: the upload really is under way.
  await until('the partial upload to appear in files/.tmp', () => tmpFiles().length === 1);
  req.destroy();
  t.match(await ended, /^connection closed/, 'the client gave up midway');
  await until('the server to remove the partial upload from files/.tmp', () => tmpFiles().length === 0);
  t.same(tmpFiles(), [], 'no temporary file left in files/.tmp');
  t.equal(filesOnDisk().length, before, 'nothing added to files/resources');
  t.equal(await resourceRows(), rowsBefore, 'no resource row');
});

t.test('resource_delete and resource_show', async (t) => {
  const r = (await k.api('resource_create', { package_id: pkg.id, url: 'http://x.vn/a.pdf', name: 'PDF' }, { token: org.editor.token })).body.result;
  const n = (await k.api('package_show', { id: pkg.id })).body.result.num_resources;
  t.equal((await k.api('resource_show', { id: r.id }, { method: 'GET', token: null })).body.result.name, 'PDF');
  t.equal((await k.api('resource_delete', { id: r.id }, { token: org.member.token })).status, 403);
  const del = await k.api('resource_delete', { id: r.id }, { token: org.editor.token });
  t.equal(del.status, 200);
  t.equal(del.body.result, null);
  t.equal((await k.api('resource_show', { id: r.id })).status, 404);
  t.equal((await k.api('package_show', { id: pkg.id })).body.result.num_resources, n - 1);
});

t.test('resource_create needs package_id and edit rights', async (t) => {
  t.equal((await k.api('resource_create', { url: 'http://a' })).status, 409);
  t.equal((await k.api('resource_create', { package_id: 'khong-co', url: 'http://a' })).status, 404);
  t.equal((await k.api('resource_create', { package_id: pkg.id, url: 'http://a' }, { token: org.member.token })).status, 403);
});

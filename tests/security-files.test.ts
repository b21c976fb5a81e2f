// Issue 10, items 7, 8 and 12b: files and exports. Who may cache a download (private or
// authenticated answers never in a shared cache), what is left behind (temp files of an upload cut
// by kill -9, exports and uploads of deleted and purged resources, checked on disk and in an S3
// bucket), and what a download's name may contain (no bidi or control characters).
import t from 'tap';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { S3Client, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { eq } from 'drizzle-orm';
import { startKho, orgWithRoles, freshPostgresDatabase, backendName, type TestKho } from './helpers/kho.js';
import { resources } from '../server/db/schema.js';
import { freePort } from './helpers/ports.js';

const k = await startKho();
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-xay-dung');

async function upload(kho: TestKho, packageId: string, name: string, bytes: Buffer, token: string, type = 'text/csv') {
  const form = new FormData();
  form.append('package_id', packageId);
  form.append('upload', new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await fetch(`${kho.url}/api/3/action/resource_create`, { method: 'POST', headers: { Authorization: token }, body: form });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`upload failed: ${JSON.stringify(body)}`);
  return body.result;
}

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${k.url}${path}`, { headers, redirect: 'manual' });
const as = (token: string) => ({ Authorization: token });

/** Files under the local store's folder (files/resources/<id>, files/exports/<id>, files/.tmp). */
function filesIn(kho: TestKho, ...parts: string[]): string[] {
  const dir = join(kho.kho.config.dataDir, 'files', ...parts);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name);
}

const SHARED = 'public, max-age=60';
const PRIVATE = 'private, no-store';
const VARY = 'Authorization, X-CKAN-API-Key';

t.test('item 7: private and authenticated files, exports and dumps stay out of shared caches', async (t) => {
  const pub = (await k.api('package_create', { name: 'quy-hoach', owner_org: org.name })).body.result;
  const priv = (await k.api('package_create', { name: 'quy-hoach-noi-bo', owner_org: org.name, private: true })).body.result;
  const draft = (await k.api('package_create', { name: 'quy-hoach-nhap', owner_org: org.name, state: 'draft' }, { token: org.editor.token })).body.result;
  t.equal(draft.state, 'draft');
  const bytes = Buffer.from('xa,dien_tich\nHương Thủy,458\n');
  const pubFile = await upload(k, pub.id, 'cong-khai.csv', bytes, org.editor.token);
  const privFile = await upload(k, priv.id, 'mat.csv', bytes, org.editor.token);
  const draftFile = await upload(k, draft.id, 'nhap.csv', bytes, org.editor.token);
  const privLink = (await k.api('resource_create', { package_id: priv.id, url: 'https://noi-bo.example.vn/bao-cao.pdf' })).body.result;
  const tableOf = async (pkgId: string) => (await k.api('datastore_create', {
    resource: { package_id: pkgId, name: 'Bảng' }, records: [{ xa: 'Phú Bài', so: 1 }],
  })).body.result.resource_id as string;
  const pubTable = await tableOf(pub.id);
  const privTable = await tableOf(priv.id);

  const check = async (label: string, path: string, headers: Record<string, string>, status: number, cache: string) => {
    const res = await get(path, headers);
    await res.arrayBuffer();
    t.equal(res.status, status, `${label}: status`);
    t.equal(res.headers.get('cache-control'), cache, `${label}: Cache-Control`);
    t.equal(res.headers.get('vary'), VARY, `${label}: Vary`);
  };
  const dl = (pkg: { id: string }, res: { id: string }) => `/dataset/${pkg.id}/resource/${res.id}/download`;

  // Uploaded files.
  await check('public file, anonymous', dl(pub, pubFile), {}, 200, SHARED);
  await check('public file, with a token', dl(pub, pubFile), as(org.member.token), 200, PRIVATE);
  await check('public file, with an unknown token', dl(pub, pubFile), as('khong-phai-token'), 200, PRIVATE);
  await check('public file, X-CKAN-API-Key', dl(pub, pubFile), { 'X-CKAN-API-Key': org.member.token }, 200, PRIVATE);
  await check('private file, member', dl(priv, privFile), as(org.member.token), 200, PRIVATE);
  await check('private file, member, a range', dl(priv, privFile), { ...as(org.member.token), Range: 'bytes=0-3' }, 206, PRIVATE);
  await check('private file, anonymous', dl(priv, privFile), {}, 403, PRIVATE);
  await check('draft file, its editor', dl(draft, draftFile), as(org.editor.token), 200, PRIVATE);
  await check('draft file, anonymous', dl(draft, draftFile), {}, 403, PRIVATE);
  await check('private link, member', dl(priv, privLink), as(org.member.token), 302, PRIVATE);
  await check('a file of another dataset', dl(pub, privFile), as(org.member.token), 404, PRIVATE);

  // Exports and dumps.
  for (const file of ['bang.csv', 'bang.xlsx']) {
    await check(`public export ${file}, anonymous`, `/dataset/${pub.id}/resource/${pubTable}/export/${file}`, {}, 200, SHARED);
    await check(`public export ${file}, with a token`, `/dataset/${pub.id}/resource/${pubTable}/export/${file}`, as(org.member.token), 200, PRIVATE);
    await check(`private export ${file}, member`, `/dataset/${priv.id}/resource/${privTable}/export/${file}`, as(org.member.token), 200, PRIVATE);
    await check(`private export ${file}, anonymous`, `/dataset/${priv.id}/resource/${privTable}/export/${file}`, {}, 404, PRIVATE);
  }
  await check('export under another dataset', `/dataset/${pub.id}/resource/${privTable}/export/bang.csv`, as(org.member.token), 404, PRIVATE);
  for (const format of ['csv', 'json', 'xlsx']) {
    await check(`public dump ${format}, anonymous`, `/datastore/dump/${pubTable}?format=${format}`, {}, 200, SHARED);
    await check(`public dump ${format}, with a token`, `/datastore/dump/${pubTable}?format=${format}`, as(org.member.token), 200, PRIVATE);
    await check(`private dump ${format}, member`, `/datastore/dump/${privTable}?format=${format}`, as(org.member.token), 200, PRIVATE);
    await check(`private dump ${format}, anonymous`, `/datastore/dump/${privTable}?format=${format}`, {}, 404, PRIVATE);
  }

  // A dataset made private later: what was shared is no longer.
  await k.api('package_patch', { id: pub.id, private: true });
  await check('file of a dataset made private', dl(pub, pubFile), as(org.member.token), 200, PRIVATE);
  await check('dump of a dataset made private', `/datastore/dump/${pubTable}`, as(org.member.token), 200, PRIVATE);
});

t.test('item 12b: bidi and control characters never reach Content-Disposition; Vietnamese stays (NFC)', async (t) => {
  const pkg = (await k.api('package_create', { name: 'ten-tep', owner_org: org.name })).body.result;
  // "Báo cáo" decomposed (NFD), an RLO making "fdp.exe" read as "exe.pdf", and the rest of the family.
  const hostile = 'Ba\u0301o ca\u0301o \u2066Hu\u1ebf\u2069\u200F\u061C\u200E\u202A\u202B\u202C\u202D\u2067\u2068\u0007\u007F\u0085\u2028\u202Efdp.exe';
  const res = await upload(k, pkg.id, hostile, Buffer.from('a\n1\n'), org.editor.token, 'application/octet-stream');
  const dl = await get(`/dataset/${pkg.id}/resource/${res.id}/download`);
  t.equal(dl.status, 200);
  t.equal(dl.headers.get('content-disposition'),
    `attachment; filename="bao-cao-hue-fdp.exe"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20Hu%E1%BA%BFfdp.exe`);
  const stored = (await k.kho.database.db.select({ f: resources.uploadFilename }).from(resources).where(eq(resources.id, res.id)))[0]!;
  t.equal(stored.f, 'Báo cáo Huếfdp.exe'.normalize('NFC'), 'the stored name is clean too');

  // RFC 8187 has no ' ( ) * in a value: a "'" would end the charset'language' part early.
  const quoted = await upload(k, pkg.id, "Dân số (2024)'s *.csv", Buffer.from('a\n1\n'), org.editor.token);
  const q = await get(`/dataset/${pkg.id}/resource/${quoted.id}/download`);
  t.equal(q.headers.get('content-disposition'),
    `attachment; filename="dan-so-2024s-.csv"; filename*=UTF-8''D%C3%A2n%20s%E1%BB%91%20%282024%29%27s%20%2A.csv`);

  // A resource's name is the export's file name.
  const rid = (await k.api('datastore_create', {
    resource: { package_id: pkg.id, name: 'Chi tiêu\u202Egpj.exe' }, records: [{ a: 1 }],
  })).body.result.resource_id;
  const exp = await get(`/dataset/${pkg.id}/resource/${rid}/export/x.csv`);
  t.equal(exp.status, 200);
  t.equal(exp.headers.get('content-disposition'), `attachment; filename="${rid}.csv"; filename*=UTF-8''Chi%20ti%C3%AAugpj.exe.csv`);
});

t.test('item 8b/8c: resource_delete removes its upload and its cached exports, and nothing serves them', async (t) => {
  const pkg = (await k.api('package_create', { name: 'xoa-tai-nguyen', owner_org: org.name })).body.result;
  const file = await upload(k, pkg.id, 'ho-so.csv', Buffer.from('ten,so\nAn,1\n'), org.editor.token);
  t.same(filesIn(k, 'resources', file.id).length, 1, 'the upload is on disk');
  const rid = (await k.api('datastore_create', { resource: { package_id: pkg.id, name: 'Bảng' }, records: [{ ten: 'Bí mật', so: 1 }] })).body.result.resource_id;
  for (const f of ['a.csv', 'a.xlsx']) t.equal((await get(`/dataset/${pkg.id}/resource/${rid}/export/${f}`)).status, 200);
  t.equal((await get(`/dataset/${pkg.id}/resource/${rid}/export/a.csv?bom=1`)).status, 200);
  t.equal(filesIn(k, 'exports', rid).length, 3, 'three exports cached on disk');

  t.equal((await k.api('resource_delete', { id: rid }, { token: org.editor.token })).status, 200);
  t.same(filesIn(k, 'exports', rid), [], 'the exports are gone from disk');
  t.equal((await get(`/dataset/${pkg.id}/resource/${rid}/export/a.csv`)).status, 404);
  t.equal((await get(`/datastore/dump/${rid}`)).status, 404);

  t.equal((await k.api('resource_delete', { id: file.id }, { token: org.editor.token })).status, 200);
  t.same(filesIn(k, 'resources', file.id), [], 'the upload is gone from disk');
  t.equal((await get(`/dataset/${pkg.id}/resource/${file.id}/download`)).status, 404);
});

t.test('item 8b: datastore_delete of the whole table removes its exports', async (t) => {
  const pkg = (await k.api('package_create', { name: 'xoa-bang', owner_org: org.name })).body.result;
  const rid = (await k.api('datastore_create', { resource: { package_id: pkg.id }, records: [{ a: 1 }] })).body.result.resource_id;
  t.equal((await get(`/dataset/${pkg.id}/resource/${rid}/export/a.csv`)).status, 200);
  t.equal(filesIn(k, 'exports', rid).length, 1);
  t.equal((await k.api('datastore_delete', { resource_id: rid, force: true })).status, 200);
  t.same(filesIn(k, 'exports', rid), []);
});

t.test('item 8c: an upload replaced by a link is removed from disk', async (t) => {
  const pkg = (await k.api('package_create', { name: 'doi-lien-ket', owner_org: org.name })).body.result;
  const file = await upload(k, pkg.id, 'cu.csv', Buffer.from('a\n1\n'), org.editor.token);
  t.equal(filesIn(k, 'resources', file.id).length, 1);
  const patched = await k.api('resource_patch', { id: file.id, url: 'https://data.example.vn/moi.csv' }, { token: org.editor.token });
  t.equal(patched.body.result.url_type, null);
  t.same(filesIn(k, 'resources', file.id), [], 'nothing serves it any more');
});

t.test('item 8b/8c: dataset_purge removes every upload and export; package_delete keeps them', async (t) => {
  const pkg = (await k.api('package_create', { name: 'xoa-han', owner_org: org.name, private: true })).body.result;
  const kept = await upload(k, pkg.id, 'giu.csv', Buffer.from('a\n1\n'), org.editor.token);
  const rid = (await k.api('datastore_create', { resource: { package_id: pkg.id }, records: [{ ten: 'Bí mật' }] })).body.result.resource_id;
  for (const f of ['a.csv', 'a.xlsx']) t.equal((await get(`/dataset/${pkg.id}/resource/${rid}/export/${f}`, as(org.member.token))).status, 200);
  // A file another edit orphaned in the past (written straight into the store, as an older
  // version of Kho left it): the purge removes it with the rest of the resource.
  await k.kho.blobs.put(`resources/${kept.id}/orphan`, (await import('node:stream')).Readable.from([Buffer.from('cu')]));
  t.equal(filesIn(k, 'resources', kept.id).length, 2);
  t.equal(filesIn(k, 'exports', rid).length, 2);

  t.equal((await k.api('package_delete', { id: pkg.id })).status, 200);
  t.equal(filesIn(k, 'resources', kept.id).length, 2, 'a deleted dataset can be restored: its files stay');
  t.equal((await get(`/dataset/${pkg.id}/resource/${kept.id}/download`, as(k.sysadmin.token))).status, 200);

  t.equal((await k.api('dataset_purge', { id: pkg.id })).status, 200);
  t.same(filesIn(k, 'resources', kept.id), [], 'uploads gone');
  t.same(filesIn(k, 'exports', rid), [], 'exports gone');
  t.equal((await get(`/dataset/${pkg.id}/resource/${rid}/export/a.csv`, as(k.sysadmin.token))).status, 404);
  t.equal((await get(`/dataset/${pkg.id}/resource/${kept.id}/download`, as(k.sysadmin.token))).status, 404);
});

t.test('item 8b/8c on S3: dataset_purge and resource_delete empty the bucket of the resource', async (t) => {
  const s3dir = mkdtempSync(join(tmpdir(), 'kho-s3rver-'));
  const s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3dir });
  const { port } = await s3rver.run();
  t.teardown(async () => {
    await s3rver.close();
    rmSync(s3dir, { recursive: true, force: true });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const s3k = await startKho({
    env: {
      KHO_STORAGE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: 'kho-files', S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER',
    },
  });
  t.teardown(() => s3k.close());
  const lister = new S3Client({
    region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  const keys = async (prefix: string) =>
    ((await lister.send(new ListObjectsV2Command({ Bucket: 'kho-files', Prefix: prefix }))).Contents ?? []).map((o) => o.Key);
  await s3k.api('organization_create', { name: 'so-s3' });
  const pkg = (await s3k.api('package_create', { name: 'tren-s3', owner_org: 'so-s3' })).body.result;
  const file = await upload(s3k, pkg.id, 'a.csv', Buffer.from('a\n1\n'), s3k.sysadmin.token);
  const gone = await upload(s3k, pkg.id, 'b.csv', Buffer.from('b\n2\n'), s3k.sysadmin.token);
  const rid = (await s3k.api('datastore_create', { resource: { package_id: pkg.id }, records: [{ a: 1 }] })).body.result.resource_id;
  for (const f of ['a.csv', 'a.xlsx']) t.equal((await fetch(`${s3k.url}/dataset/${pkg.id}/resource/${rid}/export/${f}`)).status, 200);
  t.equal((await keys(`exports/${rid}/`)).length, 2);
  t.equal((await keys(`resources/${file.id}/`)).length, 1);

  t.equal((await s3k.api('resource_delete', { id: gone.id })).status, 200);
  t.same(await keys(`resources/${gone.id}/`), [], 'resource_delete removed the object');
  t.equal((await s3k.api('dataset_purge', { id: pkg.id })).status, 200);
  t.same(await keys(''), [], 'the bucket is empty');
});

// ---- item 8a: a server killed mid-upload, started again ----


async function startServer(env: NodeJS.ProcessEnv): Promise<{ proc: ChildProcess; out: () => string }> {
  const root = new URL('..', import.meta.url).pathname;
  const proc = spawn(process.execPath, [join(root, 'bin/kho.js'), 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    proc.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('Kho is serving')) { clearTimeout(timer); resolve(); }
    });
    proc.stderr!.on('data', (d) => { out += d; });
    proc.once('exit', () => { clearTimeout(timer); reject(new Error(`server exited: ${out}`)); });
  });
  return { proc, out: () => out };
}

const waitFor = async (what: string, test: () => boolean, ms = 20_000) => {
  const until = Date.now() + ms;
  while (!test()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

t.test(`item 8a: temp files of an upload cut by kill -9 are cleaned at the next start (${backendName})`, async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kho-kill-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env, KHO_DATA_DIR: dataDir, KHO_SEED: '0', KHO_STORAGE: 'local', KHO_DATASTORE_AUTOLOAD: '0', HOST: '127.0.0.1',
  };
  delete env.MEILI_URL;
  let drop: (() => Promise<void>) | null = null;
  if (process.env.DATABASE_URL) {
    const fresh = await freshPostgresDatabase(process.env.DATABASE_URL);
    env.DATABASE_URL = fresh.url;
    drop = fresh.drop;
  } else delete env.DATABASE_URL;
  const procs: ChildProcess[] = [];
  t.teardown(async () => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  env.PORT = String(await freePort());
  const first = await startServer(env);
  procs.push(first.proc);
  const token = /Its API token \(send it as the Authorization header\): (\S+)/.exec(first.out())?.[1];
  t.ok(token, 'the first start printed a sysadmin token');
  const base = `http://127.0.0.1:${env.PORT}`;
  const call = async (action: string, data: Record<string, unknown>) => (await fetch(`${base}/api/3/action/${action}`, {
    method: 'POST', headers: { Authorization: token!, 'Content-Type': 'application/json' }, body: JSON.stringify(data),
  })).json();
  await call('organization_create', { name: 'so-kill' });
  const pkg = (await call('package_create', { name: 'dang-tai', owner_org: 'so-kill' })).result;

  // Half of a 10 MB upload, then the server dies without a chance to clean up.
  const boundary = '----khoKill';
  const req: ClientRequest = httpRequest(`${base}/api/3/action/resource_create`, {
    method: 'POST',
    headers: { Authorization: token!, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(10 * 1024 * 1024) },
  });
  req.on('error', () => {});
  req.write(`--${boundary}\r\nContent-Disposition: form-data; name="package_id"\r\n\r\n${pkg.id}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="lon.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  req.write('so,ten\n'.repeat(200_000));
  const tmp = join(dataDir, 'files', '.tmp');
  const tmpFiles = () => (existsSync(tmp) ? readdirSync(tmp) : []);
  await waitFor('the upload to reach the temp file', () => tmpFiles().some((f) => statSync(join(tmp, f)).size > 0));
  first.proc.kill('SIGKILL');
  await new Promise((r) => first.proc.once('exit', r));
  req.destroy();
  const cut = tmpFiles();
  t.equal(cut.length, 1, 'kill -9 left the partial upload in files/.tmp');

  // Another process's upload in progress (just written to) and one abandoned for two hours.
  writeFileSync(join(tmp, 'dang-ghi-boi-tien-trinh-khac'), 'x');
  const old = (Date.now() - 2 * 3600_000) / 1000;
  utimesSync(join(tmp, cut[0]!), old, old);
  writeFileSync(join(tmp, 'bo-do'), 'x');
  utimesSync(join(tmp, 'bo-do'), old, old);

  env.PORT = String(await freePort());
  const second = await startServer(env);
  procs.push(second.proc);
  if (process.env.DATABASE_URL) {
    // Processes on one Postgres may share the data dir: only what has been idle past the grace goes.
    t.same(tmpFiles(), ['dang-ghi-boi-tien-trinh-khac'], 'idle temp files removed, a live one kept');
  } else {
    // The embedded database's lock makes this process the data dir's only user.
    t.same(tmpFiles(), [], 'every temp file removed');
  }
  const res = await fetch(`http://127.0.0.1:${env.PORT}/api/3/action/package_show?id=dang-tai`);
  t.equal((await res.json()).result.num_resources, 0, 'the cut upload made no resource');
  second.proc.kill('SIGTERM');
  await new Promise((r) => second.proc.once('exit', r));
});

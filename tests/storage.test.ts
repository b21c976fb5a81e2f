// One BlobStore contract, run against local disk and against S3 over real HTTP (an s3rver on
// loopback; the SDK is never stubbed). Then the whole upload path of Kho on S3.
import t from 'tap';
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { S3Client, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { LocalDiskBlobStore } from '../server/storage/local-disk-store.js';
import { S3BlobStore } from '../server/storage/s3-store.js';
import { UploadTooLargeError, type BlobStore } from '../server/storage/blob-store.js';
import { startKho } from './helpers/kho.js';

const s3dir = mkdtempSync(join(tmpdir(), 'kho-s3rver-'));
const s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3dir });
const { port } = await s3rver.run();
const endpoint = `http://127.0.0.1:${port}`;
t.teardown(async () => {
  await s3rver.close();
  rmSync(s3dir, { recursive: true, force: true });
});

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

/** A body of `size` pseudo-random bytes, produced in chunks, never held whole. */
function generated(size: number, seed = 1): { stream: Readable; sha256: string } {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let left = size;
  let x = seed;
  while (left > 0) {
    const n = Math.min(left, 1 << 20);
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i += 4) { x = (x * 1103515245 + 12345) >>> 0; b.writeUInt32LE(x, i < n - 3 ? i : n - 4); }
    hash.update(b);
    chunks.push(b);
    left -= n;
  }
  return { stream: Readable.from(chunks), sha256: hash.digest('hex') };
}

function failingStream(after: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= after) { this.destroy(new Error('connection reset')); return; }
      sent += 64 * 1024;
      this.push(Buffer.alloc(64 * 1024, 1));
    },
  });
}

/** `leftovers(prefix)`: how many stored objects start with prefix, plus (local disk) temp files. */
async function contract(t: typeof import('tap').default, name: string, store: BlobStore, leftovers: (prefix: string) => Promise<number>) {
  t.test(`${name}: round trip, hash, size, ranges`, async (t) => {
    const bytes = randomBytes(300_000);
    const put = await store.put('resources/a/1', Readable.from([bytes]));
    t.equal(put.size, bytes.length);
    t.equal(put.sha256, createHash('sha256').update(bytes).digest('hex'));
    const got = await store.get('resources/a/1');
    t.same(await readAll(got!.stream), bytes);
    t.equal(got!.size, bytes.length);
    const part = await store.get('resources/a/1', { start: 1000, end: 1999 });
    t.same(await readAll(part!.stream), bytes.subarray(1000, 2000));
    t.equal(part!.size, bytes.length, 'size is the whole object');
    t.same(await store.stat('resources/a/1'), { size: bytes.length });
  });

  t.test(`${name}: a 20 MB streamed body`, async (t) => {
    const body = generated(20 * 1024 * 1024 + 123, 7);
    const put = await store.put('resources/b/big', body.stream);
    t.equal(put.size, 20 * 1024 * 1024 + 123);
    t.equal(put.sha256, body.sha256);
    const back = createHash('sha256');
    for await (const c of (await store.get('resources/b/big'))!.stream) back.update(c);
    t.equal(back.digest('hex'), body.sha256);
  });

  t.test(`${name}: over the limit leaves nothing`, async (t) => {
    const body = generated(3 * 1024 * 1024, 3);
    await t.rejects(store.put('resources/c/too-big', body.stream, { maxBytes: 1024 * 1024 }), UploadTooLargeError);
    t.equal(await store.stat('resources/c/too-big'), null);
    t.equal(await leftovers('resources/c/'), 0, 'nothing stored, no temporary files');
  });

  t.test(`${name}: a source that breaks midway leaves nothing`, async (t) => {
    await t.rejects(store.put('resources/d/cut', failingStream(9 * 1024 * 1024)));
    t.equal(await store.stat('resources/d/cut'), null);
    t.equal(await leftovers('resources/d/'), 0, 'nothing stored, no temporary files');
  });

  t.test(`${name}: missing keys, delete, Vietnamese keys`, async (t) => {
    t.equal(await store.get('resources/none/x'), null);
    t.equal(await store.stat('resources/none/x'), null);
    await store.delete('resources/none/x');
    await store.put('resources/x/dân-số.csv', Readable.from([Buffer.from('Huyện,Dân số\nA Lưới,50000\n')]));
    t.equal((await readAll((await store.get('resources/x/dân-số.csv'))!.stream)).toString(), 'Huyện,Dân số\nA Lưới,50000\n');
    await store.delete('resources/x/dân-số.csv');
    t.equal(await store.stat('resources/x/dân-số.csv'), null);
  });
}

const localRoot = mkdtempSync(join(tmpdir(), 'kho-local-'));
t.teardown(() => rmSync(localRoot, { recursive: true, force: true }));
const localStore = new LocalDiskBlobStore(localRoot);
await contract(t, 'local disk', localStore, async (prefix) => {
  const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }) : []);
  return files(join(localRoot, '.tmp')).length + files(join(localRoot, prefix)).length;
});

t.test('local disk: keys cannot leave the root', async (t) => {
  for (const key of ['../escape', 'resources/../../escape', '/etc/escape', '']) {
    await t.rejects(localStore.put(key, Readable.from([Buffer.from('x')])), /Invalid blob key/, JSON.stringify(key));
  }
  t.notOk(existsSync(join(localRoot, '..', 'escape')), 'nothing written outside the root');
  t.same(readdirSync(join(localRoot, '.tmp')), [], 'no temporary files');
});

const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const s3 = new S3BlobStore({ endpoint, bucket: 'kho-test', region: 'us-east-1', forcePathStyle: true, ...credentials });
await s3.ensureBucket();
await s3.ensureBucket(); // a second time finds the bucket and leaves it be
const lister = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
t.teardown(() => lister.destroy());
// s3rver implements neither AbortMultipartUpload nor ListMultipartUploads, so parts of an aborted
// upload stay on its disk; what must not exist is an object, which a listing shows.
await contract(t, 's3', s3, async (prefix) =>
  (await lister.send(new ListObjectsV2Command({ Bucket: 'kho-test', Prefix: prefix }))).KeyCount ?? 0);

t.test('Kho with KHO_STORAGE=s3: upload and download through the API', async (t) => {
  const k = await startKho({
    env: {
      KHO_STORAGE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: 'kho-files', S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER',
    },
  });
  t.teardown(() => k.close());
  t.equal(k.kho.blobs.kind, 's3');
  await k.api('organization_create', { name: 'so-y-te' });
  const pkg = (await k.api('package_create', { name: 'ds', owner_org: 'so-y-te' })).body.result;
  const bytes = Buffer.from('\uFEFFTên,Số giường\nBệnh viện Trung ương Huế,3500\n', 'utf8');
  const form = new FormData();
  form.append('package_id', pkg.id);
  form.append('upload', new Blob([new Uint8Array(bytes)]), 'benh-vien.csv');
  const res = await fetch(`${k.url}/api/action/resource_create`, { method: 'POST', headers: { Authorization: k.sysadmin.token }, body: form });
  const body = await res.json();
  t.equal(res.status, 200, JSON.stringify(body));
  t.equal(body.result.size, bytes.length);
  const dl = await fetch(body.result.url);
  t.same(Buffer.from(await dl.arrayBuffer()), bytes);
  const range = await fetch(body.result.url, { headers: { Range: 'bytes=0-2' } });
  t.equal(range.status, 206);
  t.same(Buffer.from(await range.arrayBuffer()), bytes.subarray(0, 3));
});

// Core catalog benchmark (npm run bench): against a real Postgres, with Kho in its own process.
//  - package_create rate while loading 10,000 datasets over HTTP
//  - package_show requests/s with 10,000 datasets loaded, side by side with a minimal Fastify +
//    postgres-js route serving the same stored dicts (bench/raw-show-server.ts), same run
//  - a 1 GiB upload: server memory growth and speed beside the raw disk write speed
// Prints each figure beside its target.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, createWriteStream, statSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { open } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';

const root = new URL('..', import.meta.url).pathname;
const DATASETS = Number(process.env.BENCH_DATASETS ?? 10_000);
// BENCH_UPLOAD_MB=0 leaves the upload out (while working on the other figures).
const UPLOAD_BYTES = Number(process.env.BENCH_UPLOAD_MB ?? 1024) * 1024 * 1024;
// Rounds of package_show, each measuring Kho and the reference for SHOW_SECONDS one after the other.
const SHOW_ROUNDS = Number(process.env.BENCH_SHOW_ROUNDS ?? 3);
const SHOW_SECONDS = Number(process.env.BENCH_SHOW_SECONDS ?? 10);
// Both servers get the same number of database connections.
const POOL = process.env.DATABASE_POOL_MAX ?? '10';

export interface Figure { name: string; value: number; unit: string; target: string; ok: boolean }

export function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // the process has gone
  }
}

/**
 * Starts a node process running `args`, its output going to `logFile` (Kho's request log: a pipe
 * would be read by this process, which also generates the load), and waits until it says `ready`.
 */
async function startProcess(args: string[], env: NodeJS.ProcessEnv, ready: string, logFile: string): Promise<ChildProcess> {
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', out, 'inherit'] });
  closeSync(out);
  let exited: number | null | undefined;
  child.once('exit', (code) => { exited = code; });
  for (;;) {
    if (readFileSync(logFile, 'utf8').includes(ready)) return child;
    if (exited !== undefined) throw new Error(`${args.join(' ')} exited (${exited}): ${readFileSync(logFile, 'utf8')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Kho serving in its own process. BENCH_KHO_NODE_ARGS adds node flags to it alone, e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its time goes.
 */
export function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const nodeArgs = (process.env.BENCH_KHO_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const logFile = join(env.KHO_DATA_DIR ?? tmpdir(), `kho-${port}.log`);
  return startProcess([...nodeArgs, join(root, 'bin/kho.js'), 'serve'], { ...env, PORT: String(port) }, 'Kho is serving', logFile);
}

/** The reference package_show route (bench/raw-show-server.ts) on the same database. */
export function startRawServer(databaseUrl: string, port: number, dir: string): Promise<ChildProcess> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), DATABASE_POOL_MAX: POOL };
  return startProcess(['--import', 'tsx', join(root, 'bench/raw-show-server.ts')], env, 'raw show is serving', join(dir, `raw-${port}.log`));
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** package_show answers per second over keep-alive connections, going round the given names. */
export async function showRate(url: string, names: string[], seconds: number, headers: Record<string, string> = {}): Promise<number> {
  let k = 0;
  const run = await autocannon({
    url, connections: 16, duration: seconds, pipelining: 1, headers,
    requests: [{ method: 'GET', setupRequest: (req: any) => ({ ...req, path: `/api/3/action/package_show?id=${names[k++ % names.length]}` }) }],
  });
  if (run.non2xx || run.errors) throw new Error(`package_show on ${url}: ${run.non2xx} non-2xx answers, ${run.errors} errors`);
  return run.requests.average;
}

export async function post(url: string, token: string, name: string, body: unknown) {
  const res = await fetch(`${url}/api/3/action/${name}`, {
    method: 'POST', headers: { Authorization: token, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = await res.json() as any;
  if (!json.success) throw new Error(`${name}: ${JSON.stringify(json.error)}`);
  return json.result;
}

/** A body of the given size made of repeated random blocks: produced as it is sent. */
function generatedBody(size: number): Readable {
  const block = randomBytes(1 << 20);
  let left = size;
  return new Readable({
    read() {
      if (left <= 0) return this.push(null);
      const n = Math.min(left, block.length);
      left -= n;
      this.push(n === block.length ? block : block.subarray(0, n));
    },
  });
}

async function rawDiskWrite(dir: string, size: number): Promise<number> {
  const file = join(dir, 'raw-disk-test.bin');
  const started = performance.now();
  await pipeline(generatedBody(size), createWriteStream(file));
  // The upload path fsyncs before it renames into place; so does the reference.
  const fh = await open(file, 'r');
  await fh.sync();
  await fh.close();
  const { size: written } = statSync(file);
  const secs = (performance.now() - started) / 1000;
  rmSync(file);
  return written / secs / 1024 / 1024;
}

async function streamUpload(url: string, token: string, packageId: string, size: number, serverPid: number) {
  const boundary = '----khoBench' + randomBytes(8).toString('hex');
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="package_id"\r\n\r\n${packageId}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="lon.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const baseline = rssKb(serverPid);
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, rssKb(serverPid)); }, 50);
  const started = performance.now();
  const result = await new Promise<any>((resolve, reject) => {
    const req = request(`${url}/api/action/resource_create`, {
      method: 'POST',
      headers: { Authorization: token, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(head.length + size + tail.length) },
    }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', reject);
    req.write(head);
    const body = generatedBody(size);
    body.pipe(req, { end: false });
    body.on('end', () => req.end(tail));
  });
  const secs = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (!result.success) throw new Error(`upload failed: ${JSON.stringify(result.error)}`);
  return { mbPerSec: size / secs / 1024 / 1024, growthMb: (peak - baseline) / 1024 };
}

/** A fresh database, Kho serving it in its own process, and an admin token; `close` undoes it all. */
export async function benchServer(databaseUrl: string, extraEnv: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kho-bench-'));
  const { default: postgres } = await import('postgres');
  const dbName = `kho_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const u = new URL(databaseUrl);
  u.pathname = `/${dbName}`;
  const port = 5600 + Math.floor(Math.random() * 300);
  const env = {
    ...process.env, DATABASE_URL: u.toString(), KHO_DATA_DIR: dataDir, KHO_STORAGE: 'local', KHO_ADMIN_PASSWORD: 'bench-password',
    DATABASE_POOL_MAX: POOL, ...extraEnv,
  };
  const server = await startServer(env, port);
  const close = async () => {
    await stopProcess(server);
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const token = await new Promise<string>((resolve, reject) => {
      const c = spawn(process.execPath, [join(root, 'bin/kho.js'), 'token', 'create', 'admin'], { env });
      let out = '';
      c.stdout.on('data', (d) => { out += d; });
      c.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error('token create failed'))));
    });
    return { url: `http://127.0.0.1:${port}`, token, server, dataDir, databaseUrl: u.toString(), close };
  } catch (err) {
    await close();
    throw err;
  }
}

export async function benchCore(databaseUrl: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  // The links below point nowhere; loading them into the DataStore is not what this measures.
  const { url, token, server, dataDir, databaseUrl: dbUrl, close } = await benchServer(databaseUrl, { KHO_MAX_UPLOAD_MB: '4096', KHO_DATASTORE_AUTOLOAD: '0' });
  let rawServer: ChildProcess | null = null;
  try {
    await post(url, token, 'organization_create', { name: 'so-bench', title: 'Sở Benchmark' });

    // package_create: DATASETS datasets over HTTP, 8 at a time.
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < DATASETS) {
        const i = next++;
        await post(url, token, 'package_create', {
          name: `bo-du-lieu-${i}`, title: `Bộ dữ liệu số ${i} về du lịch Huế`, owner_org: 'so-bench', notes: 'Số liệu thống kê '.repeat(5),
          tags: [{ name: 'du lịch' }, { name: `nhóm ${i % 50}` }], extras: [{ key: 'tần suất', value: 'Hàng quý' }],
          resources: [{ url: `https://example.vn/${i}.csv`, name: 'CSV' }],
        });
      }
    }));
    const createRate = DATASETS / ((performance.now() - started) / 1000);
    figures.push({ name: `package_create over HTTP (8 clients, ${DATASETS} datasets)`, value: createRate, unit: 'datasets/s', target: '≥ 200/s', ok: createRate >= 200 });

    // package_show: Kho anonymous, Kho with the admin's token, and the reference route on the same
    // database, taking turns (the order rotating each round) so that whatever else the machine
    // does falls on all three alike; each after a short warm-up.
    const names = Array.from({ length: 200 }, (_, i) => `bo-du-lieu-${Math.floor((i * 7919) % DATASETS)}`);
    const rawUrl = `http://127.0.0.1:${Number(new URL(url).port) + 1}`;
    rawServer = await startRawServer(dbUrl, Number(new URL(rawUrl).port), dataDir);
    const sides = [
      { key: 'kho', run: (s: number) => showRate(url, names, s) },
      { key: 'token', run: (s: number) => showRate(url, names, s, { Authorization: token }) },
      { key: 'raw', run: (s: number) => showRate(rawUrl, names, s) },
    ];
    for (const side of sides) await side.run(2);
    const rates: Record<string, number[]> = { kho: [], token: [], raw: [] };
    for (let round = 0; round < SHOW_ROUNDS; round++) {
      for (let j = 0; j < sides.length; j++) {
        const side = sides[(round + j) % sides.length];
        rates[side.key].push(await side.run(SHOW_SECONDS));
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const [kho, withToken, reference] = [mean(rates.kho), mean(rates.token), mean(rates.raw)];
    const each = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
    console.log(`package_show rounds (requests/s): Kho ${each(rates.kho)}; Kho with a token ${each(rates.token)}; reference ${each(rates.raw)}`);
    const loaded = `16 connections, ${DATASETS} datasets loaded`;
    figures.push({ name: `package_show (${loaded})`, value: kho, unit: 'requests/s', target: '≥ 2,000/s', ok: kho >= 2000 });
    figures.push({ name: `package_show with an API token (${loaded})`, value: withToken, unit: 'requests/s', target: '≥ 2,000/s', ok: withToken >= 2000 });
    figures.push({ name: `reference: Fastify + postgres-js route, same rows (${loaded})`, value: reference, unit: 'requests/s', target: '(reference)', ok: true });
    figures.push({ name: 'package_show over the reference, anonymous', value: kho / reference, unit: '×', target: '≥ 0.7×', ok: kho / reference >= 0.7 });
    figures.push({ name: 'package_show over the reference, with a token', value: withToken / reference, unit: '×', target: '≥ 0.7×', ok: withToken / reference >= 0.7 });
    await stopProcess(rawServer);
    rawServer = null;

    // A 1 GiB upload: memory growth of the server process and speed beside raw disk speed.
    if (!UPLOAD_BYTES) return figures;
    const pkg = await post(url, token, 'package_create', { name: 'tai-lon', owner_org: 'so-bench' });
    const raw = await rawDiskWrite(dataDir, UPLOAD_BYTES);
    const up = await streamUpload(url, token, pkg.id, UPLOAD_BYTES, server.pid!);
    figures.push({ name: `raw disk write (${UPLOAD_BYTES / 2 ** 20} MiB, same disk)`, value: raw, unit: 'MiB/s', target: '(reference)', ok: true });
    figures.push({ name: `upload ${UPLOAD_BYTES / 2 ** 20} MiB through resource_create`, value: up.mbPerSec, unit: 'MiB/s', target: `≥ 50% of raw (${(raw / 2).toFixed(0)} MiB/s)`, ok: up.mbPerSec >= raw / 2 });
    figures.push({ name: 'server memory growth during that upload', value: up.growthMb, unit: 'MiB', target: '< 100 MiB', ok: up.growthMb < 100 });
  } finally {
    if (rawServer) await stopProcess(rawServer);
    await close();
  }
  return figures;
}

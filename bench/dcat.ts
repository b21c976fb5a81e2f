// DCAT benchmark (BENCH_ONLY=dcat): the generated catalog bulk-loaded with its stored dicts and
// search index (bench/search.ts's bulkLoad), Kho serving it in its own process, then
//  - /catalog.ttl p95 with 1 client at page 1 and at page 1,000 (the last page when there are fewer)
//  - the full catalog files (/catalog/full.{nt,ttl,jsonld}.gz) rebuilt by the server's job, with
//    the server's RSS sampled from before the job is queued to its end.
//   BENCH_DCAT_DATASETS=100000  datasets in the catalog
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { bulkLoad } from './search.js';
import { rssKb, startServer, type Figure } from './core.js';

const DATASETS = Number(process.env.BENCH_DCAT_DATASETS ?? 100_000);
const PAGE_REQUESTS = 40;
const JOB = 'dcat_full_catalog';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** p50/p95 of one client asking for the same page again and again, after two warm-up requests. */
async function pageTimes(url: string): Promise<{ p50: number; p95: number; bytes: number }> {
  let bytes = 0;
  const get = async () => {
    const res = await fetch(url);
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${Buffer.from(body).toString().slice(0, 300)}`);
    bytes = body.byteLength;
  };
  await get();
  await get();
  const times: number[] = [];
  for (let i = 0; i < PAGE_REQUESTS; i++) {
    const t0 = performance.now();
    await get();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), bytes };
}

/** Queues a full catalog build on the server's queue and waits for it, sampling the server's RSS. */
async function rebuild(sql: postgres.Sql, server: ChildProcess) {
  const baseline = rssKb(server.pid!);
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, rssKb(server.pid!)); }, 50);
  try {
    const [job] = await sql`insert into jobs (kind, key) values (${JOB}, 'catalog') returning id`;
    const queued = Date.now();
    const waitUntil = queued + 600_000;
    for (;;) {
      const [row] = await sql`select state, rows_done, error,
        extract(epoch from (finished - started))::float8 as secs from jobs where id = ${job!.id}`;
      if (row!.state === 'complete') return { secs: row!.secs as number, datasets: Number(row!.rows_done), growthMb: (peak - baseline) / 1024, baselineMb: baseline / 1024 };
      if (row!.state === 'error') throw new Error(`the build failed: ${JSON.stringify(row!.error)}`);
      if (row!.state === 'pending' && Date.now() > queued + 30_000) throw new Error(`the server has not started the ${JOB} job in 30 s: does the DCAT module run it (server/modules/dcat/index.ts)?`);
      if (Date.now() > waitUntil) throw new Error(`the build did not finish in 10 minutes (${row!.state}, ${row!.rows_done} datasets)`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    clearInterval(sampler);
  }
}

export async function benchDcat(databaseUrl: string, log: (s: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const dbName = `kho_bench_dcat_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${dbName}`);
  const u = new URL(databaseUrl);
  u.pathname = `/${dbName}`;
  const url = u.toString();
  const dataDir = mkdtempSync(join(tmpdir(), 'kho-bench-dcat-'));
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  let server: ChildProcess | null = null;
  try {
    log(`DCAT benchmark: ${DATASETS} datasets`);
    // No periodic build while loading, nor at the server's start: the benchmark queues the one it times.
    await bulkLoad(url, DATASETS, log, { KHO_DCAT_FULL_EVERY_MIN: '0' });
    await sql`vacuum analyze`;
    const port = 5700 + Math.floor(Math.random() * 200);
    server = await startServer({
      ...process.env, DATABASE_URL: url, KHO_DATA_DIR: dataDir, KHO_STORAGE: 'local', KHO_DATASTORE_AUTOLOAD: '0', KHO_DCAT_FULL_EVERY_MIN: '0',
    }, port);
    const base = `http://127.0.0.1:${port}`;
    const lastPage = Math.ceil(DATASETS / 100);
    for (const page of [1, Math.min(1000, lastPage)]) {
      const { p50, p95, bytes } = await pageTimes(`${base}/catalog.ttl?page=${page}`);
      log(`  /catalog.ttl?page=${page}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ${(bytes / 1024).toFixed(0)} KiB`);
      figures.push({ name: `/catalog.ttl page ${page} p95, 1 client (${DATASETS} datasets)`, value: p95, unit: 'ms', target: '≤ 50 ms', ok: p95 <= 50 });
    }

    const built = await rebuild(sql, server);
    const sizes = await Promise.all(['nt', 'ttl', 'jsonld'].map(async (f) => {
      const res = await fetch(`${base}/catalog/full.${f}.gz`, { method: 'HEAD' });
      if (res.status !== 200) throw new Error(`/catalog/full.${f}.gz after the build: ${res.status}`);
      return `${f} ${(Number(res.headers.get('content-length')) / 2 ** 20).toFixed(1)} MiB`;
    }));
    log(`  full catalog: ${built.datasets} datasets in ${built.secs.toFixed(1)} s; gzipped ${sizes.join(', ')}; server RSS ${built.baselineMb.toFixed(0)} MiB before, +${built.growthMb.toFixed(0)} MiB at most`);
    if (built.datasets !== DATASETS) throw new Error(`the build wrote ${built.datasets} datasets, not ${DATASETS}`);
    figures.push({ name: `full catalog rebuild, 3 files (${DATASETS} datasets)`, value: built.secs, unit: 's', target: '≤ 60 s', ok: built.secs <= 60 });
    figures.push({ name: 'server memory growth during that rebuild', value: built.growthMb, unit: 'MiB', target: '< 150 MB', ok: built.growthMb * 1.048576 < 150 });
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    await sql.end();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

// Search benchmark: a generated catalog bulk-loaded into a real Postgres, the index built
// (datasets/s), then a fixed query mix timed through the HTTP API with 1 and 8 clients, each
// beside the raw SQL it becomes, run on the same database in the same run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { bootKho } from '../server/boot.js';
import { packages, packageTags, resources, tags as tagsTable, groups, users } from '../server/db/schema.js';
import { reindexAll } from '../server/logic/reindex.js';
import { packageDicts } from '../server/logic/dictize.js';
import { storeShowCaches } from '../server/logic/show-cache.js';
import { inArray } from 'drizzle-orm';
import { generateDatasets, generateOrganizations, generateTags } from '../seed/generate-catalog.js';
import type { Figure } from './core.js';

const root = new URL('..', import.meta.url).pathname;

interface Query { name: string; params: Record<string, string> }
const QUERIES: Query[] = [
  { name: 'free text "du lich hue"', params: { q: 'du lich hue' } },
  { name: 'fq organization', params: { fq: 'organization:so-y-te-1' } },
  { name: 'facets org/tags/res_format/license', params: { 'facet.field': '["organization","tags","res_format","license_id"]', rows: '10' } },
  { name: 'free text + facets', params: { q: 'dan so', 'facet.field': '["organization","tags","res_format","license_id"]' } },
  { name: 'date range', params: { fq: 'metadata_modified:[2025-01-01T00:00:00Z TO *]', sort: 'metadata_modified asc' } },
  { name: 'deep paging start=10000', params: { start: '10000', rows: '10', sort: 'metadata_modified desc' } },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `iterations` calls over `clients` concurrent loops, or fewer once `budgetMs` is spent. */
async function timeLoop(clients: number, iterations: number, run: () => Promise<void>, budgetMs = 20_000): Promise<number[]> {
  const times: number[] = [];
  let left = iterations;
  const until = performance.now() + budgetMs;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (left-- > 0 && (performance.now() < until || times.length < clients * 5)) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
  }));
  return times.sort((a, b) => a - b);
}

/** `env`: settings for the loading process beside the database's (the DCAT benchmark turns its periodic build off). */
export async function bulkLoad(url: string, count: number, log: (s: string) => void, env: Record<string, string> = {}) {
  const kho = await bootKho({ env: { ...process.env, ...env, DATABASE_URL: url, KHO_DATA_DIR: mkdtempSync(join(tmpdir(), 'kho-bs-')) } });
  const db = kho.database.db;
  const adminId = randomUUID();
  await db.insert(users).values({ id: adminId, name: 'admin', email: 'admin@kho.local', sysadmin: true });
  const orgs = generateOrganizations(50);
  // Organization names are generated; a stable one is needed for the fq query.
  orgs[1]!.name = 'so-y-te-1';
  const orgIds = new Map(orgs.map((o) => [o.name, randomUUID()]));
  await db.insert(groups).values(orgs.map((o) => ({ id: orgIds.get(o.name)!, name: o.name, title: o.title, type: 'organization', isOrganization: true })));
  const tagNames = generateTags(2000);
  const tagIds = new Map(tagNames.map((t) => [t, randomUUID()]));
  await db.insert(tagsTable).values(tagNames.map((t) => ({ id: tagIds.get(t)!, name: t })));
  const started = performance.now();
  let batch: ReturnType<typeof generateDatasets> extends Generator<infer T> ? T[] : never = [];
  let loaded = 0;
  const flush = async () => {
    const rows = batch.map((d) => ({ ...d, id: randomUUID() }));
    await db.transaction(async (tx) => {
      await tx.insert(packages).values(rows.map((d) => ({
        id: d.id, name: d.name, title: d.title, notes: d.notes, ownerOrg: orgIds.get(d.owner_org)!, licenseId: d.license_id,
        extras: d.extras, creatorUserId: adminId, metadataCreated: d.metadata_created, metadataModified: d.metadata_modified,
      })));
      await tx.insert(resources).values(rows.flatMap((d) => d.resources.map((r, position) => ({
        id: randomUUID(), packageId: d.id, position, url: r.url, name: r.name, description: r.description, format: r.format,
        created: d.metadata_created, metadataModified: d.metadata_modified,
      }))));
      await tx.insert(packageTags).values(rows.flatMap((d) => d.tags.map((t) => ({ packageId: d.id, tagId: tagIds.get(t)! }))));
      // Loading a dataset includes building the dict package_show serves; indexing reads it.
      const stored = await tx.select().from(packages).where(inArray(packages.id, rows.map((r) => r.id)));
      await storeShowCaches(tx, kho.config.siteUrl, await packageDicts(tx, kho.config.siteUrl, stored));
    });
    loaded += batch.length;
    batch = [];
  };
  for (const d of generateDatasets(count, orgs, tagNames)) {
    batch.push(d);
    if (batch.length === 1000) {
      await flush();
      if (loaded % 20000 === 0) log(`  loaded ${loaded}/${count}`);
    }
  }
  if (batch.length) await flush();
  const loadSecs = (performance.now() - started) / 1000;
  const t0 = performance.now();
  await reindexAll(kho, ({ done, total }) => { if (done % 20000 === 0) log(`  indexed ${done}/${total}`); }, 1000);
  const indexRate = count / ((performance.now() - t0) / 1000);
  await kho.close();
  return { loadRate: count / loadSecs, indexRate };
}

export async function benchSearch(databaseUrl: string, count: number, log: (s: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const dbName = `kho_bench_search_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${dbName}`);
  const u = new URL(databaseUrl);
  u.pathname = `/${dbName}`;
  const url = u.toString();
  let server: ChildProcess | null = null;
  const raw = postgres(url, { max: 8, onnotice: () => {}, connection: { TimeZone: 'UTC' } });
  try {
    log(`search benchmark: ${count} datasets`);
    const { indexRate } = await bulkLoad(url, count, log);
    figures.push({ name: `index build (${count} datasets)`, value: indexRate, unit: 'datasets/s', target: '≥ 5,000/s', ok: indexRate >= 5000 });

    // Capture the SQL each query becomes, to time it raw beside the API.
    const captured: { query: string; params: unknown[] }[] = [];
    const probe = await bootKho({ env: { ...process.env, DATABASE_URL: url, KHO_DATA_DIR: mkdtempSync(join(tmpdir(), 'kho-bs-')) }, migrate: false, logQuery: (query, params) => captured.push({ query, params }) });
    const rawSql: Record<string, { query: string; params: unknown[] }[]> = {};
    for (const q of QUERIES) {
      captured.length = 0;
      await probe.call('package_search', { ...q.params });
      rawSql[q.name] = [...captured];
    }
    await probe.close();

    const port = 5900 + Math.floor(Math.random() * 90);
    server = spawn(process.execPath, [join(root, 'bin/kho.js'), 'serve'], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), KHO_DATA_DIR: mkdtempSync(join(tmpdir(), 'kho-bs-')) }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      server!.stdout!.on('data', (d) => { out += d; if (out.includes('Kho is serving')) resolve(); });
      server!.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
    const base = `http://127.0.0.1:${port}/api/3/action/package_search`;
    for (const clients of [1, 8]) {
      for (const q of QUERIES) {
        const qs = new URLSearchParams(q.params).toString();
        await fetch(`${base}?${qs}`).then((r) => r.text()); // warm
        const api = await timeLoop(clients, clients * 40, async () => {
          const r = await fetch(`${base}?${qs}`);
          if (r.status !== 200) throw new Error(`${q.name}: ${r.status} ${await r.text()}`);
          await r.arrayBuffer();
        });
        const stmts = rawSql[q.name]!;
        const rawTimes = await timeLoop(clients, clients * 40, async () => {
          await Promise.all(stmts.map((s) => raw.unsafe(s.query, s.params as any[])));
        });
        const p95 = percentile(api, 95);
        const rawP95 = percentile(rawTimes, 95);
        const faceted = 'facet.field' in q.params;
        log(`  ${clients} client(s) ${q.name.padEnd(36)} n=${String(api.length).padStart(3)} API p50 ${percentile(api, 50).toFixed(1)} p95 ${p95.toFixed(1)} p99 ${percentile(api, 99).toFixed(1)} ms | raw SQL p50 ${percentile(rawTimes, 50).toFixed(1)} p95 ${rawP95.toFixed(1)} p99 ${percentile(rawTimes, 99).toFixed(1)} ms | overhead ${(p95 / rawP95).toFixed(2)}×`);
        if (faceted) figures.push({ name: `p95 ${q.name}, ${clients} client(s), ${count} datasets`, value: p95, unit: 'ms', target: '≤ 50 ms', ok: p95 <= 50 });
        figures.push({ name: `API overhead over raw SQL (p95), ${q.name}, ${clients} client(s)`, value: p95 / rawP95, unit: '×', target: '≤ 1.5×', ok: p95 / rawP95 <= 1.5 });
      }
    }
  } finally {
    server?.kill('SIGTERM');
    if (server) await new Promise((r) => server!.once('exit', r));
    await raw.end();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
  return figures;
}

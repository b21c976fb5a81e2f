// The full catalog file for bulk harvesters (/catalog/full.{nt,ttl,jsonld}.gz): each file, fetched
// over HTTP and gunzipped, reads back (n3 for N-Triples and Turtle, jsonld for JSON-LD) as exactly
// the triples of the public datasets' own graphs plus the catalog's, built in one batch or in
// many; nothing private, draft, deleted or of an excluded type; ETag, Last-Modified, 304 and
// HEAD; 404 before the first build; a change queues one debounced build; a new build replaces the
// files and removes the old ones.
import t from 'tap';
import { gunzipSync } from 'node:zlib';
import { Parser as N3Parser, Writer as N3Writer, type Quad } from 'n3';
import jsonld from 'jsonld';
import { sql } from 'drizzle-orm';
import { orgWithRoles, startKho } from './helpers/kho.js';
import type { KhoModule } from '../server/core/module.js';
import type { Kho } from '../server/core/kho.js';
import { dcatModule } from '../server/modules/dcat/index.js';
import {
  buildFullCatalog, currentManifest, DEBOUNCE_MS, fullCatalog, FULL_CATALOG_JOB, type FullManifest,
} from '../server/modules/dcat/full-catalog/index.js';
import { catalogGraph, datasetGraph, resolveProfiles } from '../server/modules/dcat/graph.js';
import { dcatSite } from '../server/modules/dcat/site.js';

const rowsOf = (r: any): any[] => (Array.isArray(r) ? r : r.rows);
const FORMATS = ['nt', 'ttl', 'jsonld'] as const;

// Until server/modules/dcat/index.ts adds the full catalog's parts, a probe module carries them.
const wired = Object.keys(dcatModule.jobs?.({} as Kho) ?? {}).includes(FULL_CATALOG_JOB);
const probe: KhoModule = { name: 'dcat-full-probe', description: 'the full catalog parts, until the DCAT module adds them', ...fullCatalog };
const k = await startKho({ modules: wired ? [dcatModule] : [dcatModule, probe], env: { KHO_DCAT_FULL_EVERY_MIN: '0' } });
t.teardown(() => k.close());
const db = k.kho.database.db;
const as = { user: k.sysadmin.name };
const org = await orgWithRoles(k, 'so-full');

/** Parses a file's text into quads, each format with its own reader. */
async function quadsOf(format: string, body: string): Promise<Quad[]> {
  if (format !== 'jsonld') return new N3Parser({ format: format === 'nt' ? 'application/n-triples' : 'text/turtle' }).parse(body);
  const documentLoader = async (url: string) => { throw new Error(`remote context ${url}`); };
  const nquads = await jsonld.toRDF(JSON.parse(body), { format: 'application/n-quads', documentLoader } as any) as unknown as string;
  return new N3Parser({ format: 'application/n-quads' }).parse(nquads);
}

/** The graph in canonical N-Quads (RDFC-1.0): equal exactly when the graphs are the same up to blank node labels. */
async function canonical(quads: Quad[]): Promise<string> {
  const w = new N3Writer({ format: 'application/n-quads' });
  const text: string = await new Promise((resolve, reject) => { w.addQuads(quads); w.end((e, out) => (e ? reject(e) : resolve(out))); });
  const unique = [...new Set(text.split('\n').filter(Boolean))].join('\n') + '\n';
  return jsonld.canonize(unique as any, { algorithm: 'URDNA2015', inputFormat: 'application/n-quads', format: 'application/n-quads' } as any) as unknown as Promise<string>;
}

/** What the file must say: each public dataset's own graph, and the catalog's triples once. */
async function expectedGraph(ids: string[]): Promise<string> {
  const site = dcatSite(k.kho.config);
  const profiles = resolveProfiles(k.kho.config.dcatProfiles);
  const dicts = await Promise.all(ids.map((id) => k.kho.call('package_show', { id }, as)));
  const catalog = catalogGraph(site, dicts, profiles);
  const catalogNode = catalog.find((q) => q.predicate.value.endsWith('#type') && q.object.value === 'http://www.w3.org/ns/dcat#Catalog')!.subject;
  return canonical([
    ...dicts.flatMap((d) => datasetGraph(site, d, profiles)),
    ...catalogGraph(site, [], profiles),
    // dct:modified (the newest dataset's) and the links to every dataset
    ...catalog.filter((q) => q.subject.equals(catalogNode)),
  ] as Quad[]);
}

async function download(format: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(`${k.url}/catalog/full.${format}.gz`, { headers, method });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes };
}

// ---- the catalog: public datasets with blank nodes of every kind, and what must stay out -------

const publicIds: string[] = [];
for (let i = 0; i < 11; i++) {
  const ds = await k.kho.call('package_create', {
    name: `toan-bo-${i}`, title: `Dữ liệu toàn bộ ${i}`, owner_org: org.name, notes: `Mô tả "${i}"\ncó dòng mới`, license_id: 'cc-by',
    tags: [{ name: 'dân số' }], frequency: 'QUARTERLY', temporal_start: '2020', temporal_end: '2024-12-31', spatial_text: `Phường ${i}`,
    contact_name: 'Phòng Thống kê', contact_email: 'thongke@example.vn', language: ['vi', 'en'], version: `1.${i}`,
    resources: i % 3 ? [] : [{ url: `https://example.vn/tep ${i}.csv`, name: `Tệp ${i}`, format: 'CSV' }, { url: `https://example.vn/${i}.xlsx`, format: 'XLSX' }],
  }, as);
  publicIds.push(ds.id);
}
const hidden = {
  private: await k.kho.call('package_create', { name: 'full-rieng-tu', title: 'Markerriengtu', owner_org: org.name, private: true }, as),
  draft: await k.kho.call('package_create', { name: 'full-nhap', title: 'Markerbannhap', owner_org: org.name, state: 'draft' }, as),
  deleted: await k.kho.call('package_create', { name: 'full-da-xoa', title: 'Markerdaxoa', owner_org: org.name }, as),
  harvest: await k.kho.call('package_create', { name: 'full-nguon-thu', title: 'Markernguonthu', owner_org: org.name }, as),
};
await k.kho.call('package_delete', { id: hidden.deleted.id }, as);
// A harvest source is a dataset of its own type (written here as the harvester will store it).
await db.execute(sql`update packages set type = 'harvest' where id = ${hidden.harvest.id}`);
const markers = Object.values(hidden).flatMap((d: any) => [d.id, d.name, d.title]);
const leaked = (text: string) => markers.filter((m) => text.toLowerCase().includes(m.toLowerCase()));

const pendingJobs = async () => rowsOf(await db.execute(sql`select id, run_at,
  extract(epoch from (run_at - timezone('utc', clock_timestamp())))::float8 as due_in_s
  from jobs where kind = ${FULL_CATALOG_JOB} and state = 'pending' order by id`));

t.test('before the first build: 404, as every unknown URL', async (t) => {
  for (const format of FORMATS) {
    const res = await download(format);
    t.equal(res.status, 404, `/catalog/full.${format}.gz`);
    t.same(JSON.parse(res.bytes.toString()), 'Not found');
    t.equal((await download(format, {}, 'HEAD')).status, 404);
  }
});

t.test('the dataset changes queued exactly one build, about a minute ahead', async (t) => {
  const pending = await pendingJobs();
  t.equal(pending.length, 1, 'one job for all those writes');
  t.ok(pending[0].due_in_s > 30 && pending[0].due_in_s <= DEBOUNCE_MS / 1000, `due in ${pending[0].due_in_s} s`);
});

let first: FullManifest;
const files: Record<string, { etag: string; lastModified: string; text: string }> = {};

t.test('the job builds the three files; each reads back as the datasets\' graphs and the catalog', async (t) => {
  // Run the waiting build now, through the worker, as the queue would a minute later.
  await db.execute(sql`update jobs set run_at = timezone('utc', clock_timestamp()) where kind = ${FULL_CATALOG_JOB} and state = 'pending'`);
  await k.kho.jobs!.runPending();
  const done = rowsOf(await db.execute(sql`select state, rows_done from jobs where kind = ${FULL_CATALOG_JOB} order by id desc limit 1`));
  t.same(done, [{ state: 'complete', rows_done: publicIds.length }], 'the job completed with every public dataset');
  first = (await currentManifest(k.kho, true))!;
  t.equal(first.datasets, publicIds.length);

  const expected = await expectedGraph(publicIds);
  for (const format of FORMATS) {
    const res = await download(format);
    t.equal(res.status, 200, format);
    t.equal(res.headers.get('content-type'), 'application/gzip');
    t.equal(res.headers.get('content-disposition'), `attachment; filename="catalog-full.${format}.gz"`);
    t.equal(res.headers.get('content-length'), String(res.bytes.length));
    t.equal(res.headers.get('etag'), `"${first.files[format].sha256}"`);
    t.equal(res.headers.get('last-modified'), new Date(first.built).toUTCString());
    const text = gunzipSync(res.bytes).toString('utf8');
    files[format] = { etag: res.headers.get('etag')!, lastModified: res.headers.get('last-modified')!, text };
    t.same(leaked(text), [], `${format}: nothing private, draft, deleted or a harvest source`);
    t.equal(await canonical(await quadsOf(format, text)), expected, `${format}: the same triples as the datasets' graphs and the catalog`);
  }
  const doc = JSON.parse(files.jsonld!.text);
  t.same(Object.keys(doc), ['@context', '@graph'], 'JSON-LD: one document, the items in @graph');
});

t.test('ETag, Last-Modified, 304 and HEAD', async (t) => {
  for (const format of FORMATS) {
    const { etag, lastModified } = files[format]!;
    const byTag = await download(format, { 'If-None-Match': etag });
    t.equal(byTag.status, 304, `${format}: If-None-Match`);
    t.equal(byTag.bytes.length, 0);
    t.equal(byTag.headers.get('etag'), etag);
    t.equal((await download(format, { 'If-None-Match': `"other", W/${etag}` })).status, 304, 'a list, and a weak tag');
    t.equal((await download(format, { 'If-None-Match': '"other"' })).status, 200);
    t.equal((await download(format, { 'If-Modified-Since': lastModified })).status, 304, `${format}: If-Modified-Since`);
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    t.equal((await download(format, { 'If-Modified-Since': earlier })).status, 200);
    t.equal((await download(format, { 'If-None-Match': '"other"', 'If-Modified-Since': lastModified })).status, 200, 'If-None-Match decides when both are sent');
    const head = await download(format, {}, 'HEAD');
    t.equal(head.status, 200, `${format}: HEAD`);
    t.equal(head.bytes.length, 0);
    t.equal(head.headers.get('etag'), etag);
    t.equal(head.headers.get('content-length'), String(first.files[format].size));
    t.equal(head.headers.get('content-type'), 'application/gzip');
  }
});

t.test('a change to a private dataset queues nothing; public changes queue one build', async (t) => {
  t.same(await pendingJobs(), [], 'nothing waiting after the build');
  await k.kho.call('package_patch', { id: hidden.private.id, notes: 'vẫn riêng tư' }, as);
  t.same(await pendingJobs(), [], 'the file does not hold it');
  await k.kho.call('package_patch', { id: publicIds[3], title: 'Tên mới của bộ 3' }, as);
  await k.kho.call('package_patch', { id: publicIds[5], notes: 'sửa lần nữa' }, as);
  const pending = await pendingJobs();
  t.equal(pending.length, 1, 'two changes, one waiting build');
  t.ok(pending[0].due_in_s > 30, 'still a minute ahead');
  // A dataset that leaves the public catalog changes the file too.
  await db.execute(sql`delete from jobs where kind = ${FULL_CATALOG_JOB}`);
  await k.kho.call('package_patch', { id: publicIds[10], private: true }, as);
  t.equal((await pendingJobs()).length, 1, 'made private: a build is queued');
});

t.test('a second build, in many batches, replaces the files and removes the old ones', async (t) => {
  const stillPublic = publicIds.filter((id) => id !== publicIds[10]);
  const second = await buildFullCatalog(k.kho, { batchSize: 4 });
  t.not(second.id, first.id);
  t.equal(second.datasets, stillPublic.length);
  for (const format of FORMATS) {
    t.equal(await k.kho.blobs.stat(first.files[format].key), null, `${format}: the first build's file is gone`);
    t.ok(await k.kho.blobs.stat(second.files[format].key), `${format}: the second's is there`);
  }
  t.equal(await k.kho.blobs.stat('dcat/full/building.json'), null, 'no build is marked as under way');
  const expected = await expectedGraph(stillPublic);
  for (const format of FORMATS) {
    const res = await download(format, { 'If-None-Match': files[format]!.etag });
    t.equal(res.status, 200, `${format}: the old ETag no longer matches`);
    t.equal(res.headers.get('etag'), `"${second.files[format].sha256}"`);
    const text = gunzipSync(res.bytes).toString('utf8');
    t.match(text, 'Tên mới của bộ 3', `${format}: the change is in`);
    t.same(leaked(text), []);
    t.notMatch(text, publicIds[10]!, `${format}: the dataset made private is out`);
    t.equal(await canonical(await quadsOf(format, text)), expected, `${format}: built in 3 batches, the same triples as the graphs`);
  }
});

t.test('the periodic task queues a build due now; KHO_DCAT_FULL_EVERY_MIN=0 turns it off', async (t) => {
  t.same(fullCatalog.periodic(k.kho), [], 'off');
  const hourly = fullCatalog.periodic({ ...k.kho, config: { ...k.kho.config, dcatFullEveryMin: 60 } } as Kho);
  t.equal(hourly.length, 1);
  t.equal(hourly[0]!.everyMs, 3_600_000);
  await db.execute(sql`delete from jobs where kind = ${FULL_CATALOG_JOB}`);
  await hourly[0]!.run();
  await hourly[0]!.run();
  const pending = await pendingJobs();
  t.equal(pending.length, 1, 'one waiting build, however often it runs');
  t.ok(pending[0].due_in_s <= 0, 'due now');
  await db.execute(sql`delete from jobs where kind = ${FULL_CATALOG_JOB}`);
});

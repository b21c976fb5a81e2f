// The demo catalog that `npm start` loads into a new database: it loads whole, through the
// action registry, and what it publishes is what a visitor sees.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { startKho } from './helpers/kho.js';
import { loadDemo } from '../seed/load-demo.js';

const k = await startKho();
t.teardown(() => k.close());
const counts = await loadDemo(k.kho, { sysadmin: k.sysadmin.name });

t.test('everything in the catalog is loaded', async (t) => {
  t.equal(counts.organizations, 10);
  t.equal(counts.groups, 7);
  t.ok(counts.datasets >= 40, `${counts.datasets} datasets`);
  const all = (await k.api('package_search', { include_private: true, rows: 1000 })).body.result;
  t.equal(all.count, counts.datasets, 'the sysadmin sees every dataset');
  const visible = (await k.api('package_search', { rows: 1000 }, { token: null })).body.result;
  t.ok(visible.count < all.count, 'private datasets are hidden from visitors');
  t.ok(visible.results.every((p: any) => p.private === false));
  t.equal((await k.api('organization_list', {}, { token: null })).body.result.length, 10);
});

t.test('uploaded demo files download byte-identical', async (t) => {
  const r = (await k.api('package_search', { fq: 'res_format:CSV', rows: 1000 }, { token: null })).body.result.results;
  const upload = r.flatMap((p: any) => p.resources).find((x: any) => x.url_type === 'upload' && x.format === 'CSV');
  t.ok(upload, 'a public uploaded CSV');
  const res = await fetch(upload.url);
  t.equal(res.status, 200);
  const bytes = Buffer.from(await res.arrayBuffer());
  t.equal(bytes.length, upload.size);
  const file = readFileSync(new URL(`../seed/demo/files/${upload.url.split('/').pop()}`, import.meta.url));
  t.same(bytes, file);
});

t.test('Vietnamese search over the demo catalog', async (t) => {
  const r = (await k.api('package_search', { q: 'du lich hue' }, { token: null })).body.result;
  t.ok(r.count > 0);
  t.match(r.results[0].title.toLowerCase(), /du lịch|tourism|khách/);
});

t.test('search reindex rebuilds what was lost, while serving', async (t) => {
  const { searchDocuments, packages, facetCounts, facetDeltas } = await import('../server/db/schema.js');
  const { reindexAll } = await import('../server/logic/reindex.js');
  const before = (await k.api('package_search', { rows: 0 }, { token: null })).body.result.count;
  await k.kho.database.db.delete(searchDocuments);
  await k.kho.database.db.delete(facetCounts);
  await k.kho.database.db.delete(facetDeltas);
  await k.kho.database.db.update(packages).set({ showCache: null });
  t.equal((await k.api('package_search', { rows: 0 }, { token: null })).body.result.count, 0);
  const seen: number[] = [];
  const n = await reindexAll(k.kho, (p) => seen.push(p.done), 7);
  t.equal(n, counts.datasets);
  t.equal(seen[seen.length - 1], counts.datasets, 'progress reaches the total');
  t.equal((await k.api('package_search', { rows: 0 }, { token: null })).body.result.count, before);
});

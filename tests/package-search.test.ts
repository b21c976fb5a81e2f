// package_search as the core issue needs it (checklist 34–48, 72): shape, paging, filters,
// sorting, Vietnamese folding, visibility, and a harvester-style gather.
import t from 'tap';
import { startKho, orgWithRoles } from './helpers/kho.js';

const k = await startKho();
t.teardown(() => k.close());
const dl = await orgWithRoles(k, 'so-du-lich');
const yt = await orgWithRoles(k, 'so-y-te');
const titles = ['Du lịch Huế 2024', 'Khách sạn Đà Nẵng', 'Bệnh viện tuyến huyện', 'Lễ hội Huế', 'Tourism statistics'];
for (const [i, title] of titles.entries()) {
  await k.api('package_create', {
    name: `ds-${i}`, title, owner_org: i % 2 ? yt.name : dl.name, license_id: i % 2 ? 'cc-by' : 'odc-odbl',
    tags: [{ name: i % 2 ? 'y tế' : 'du lịch' }],
    resources: [{ url: `http://x.vn/${i}.${i % 2 ? 'xlsx' : 'csv'}` }],
  });
}
for (let i = 0; i < 20; i++) await k.api('package_create', { name: `bulk-${String(i).padStart(2, '0')}`, owner_org: dl.name });
await k.api('package_create', { name: 'an-rieng', title: 'Du lịch nội bộ', owner_org: dl.name, private: true });
await k.api('package_create', { name: 'nhap', title: 'Du lịch bản nháp', owner_org: dl.name, state: 'draft' });
const PUBLIC = 25;

const search = async (params: Record<string, unknown>, token: string | null = null, method: 'GET' | 'POST' = 'GET') =>
  k.api('package_search', params, { token, method });

t.test('result shape and defaults', async (t) => {
  const r = await search({});
  t.equal(r.status, 200);
  t.same(Object.keys(r.body.result).sort(), ['count', 'facets', 'results', 'search_facets', 'sort']);
  t.equal(r.body.result.sort, 'score desc, metadata_modified desc');
  t.equal(r.body.result.count, PUBLIC);
  t.equal(r.body.result.results.length, 10);
  const first = r.body.result.results[0];
  const shown = (await k.api('package_show', { id: first.id }, { token: null })).body.result;
  t.same(first, shown, 'a result equals package_show');
});

t.test('rows and start', async (t) => {
  t.equal((await search({ rows: 1001 })).body.result.results.length, PUBLIC);
  t.equal((await search({ rows: -1 })).status, 409);
  t.equal((await search({ rows: 'x' })).status, 409);
  const past = (await search({ start: 500 })).body.result;
  t.same(past.results, []);
  t.equal(past.count, PUBLIC);
});

t.test('bad parameters', async (t) => {
  const foo = await search({ foo: 'bar' });
  t.equal(foo.status, 400);
  t.equal(foo.body.error.__type, 'Search Query Error');
  t.equal((await search({ 'facet.field': 'tags' })).status, 409);
  t.equal((await search({ 'facet.field': '["tags"]' })).status, 200);
  t.equal((await search({ sort: 'name sideways' })).status, 400);
  t.equal((await search({ q: '{!lucene}x' })).status, 409);
  t.equal((await search({ q: 'title:(unbalanced' })).status, 409);
});

t.test('facets with display names', async (t) => {
  const r = (await search({ 'facet.field': JSON.stringify(['organization', 'tags', 'res_format', 'license_id']), 'facet.limit': -1 })).body.result;
  t.equal(r.facets.organization['so-du-lich'], 23);
  t.equal(r.facets.res_format.CSV, 3);
  t.equal(r.facets.tags['y tế'], 2);
  const org = r.search_facets.organization.items.find((x: any) => x.name === 'so-y-te');
  t.equal(org.display_name, 'Tổ chức so-y-te');
  t.equal(org.count, 2);
  const lic = r.search_facets.license_id.items.find((x: any) => x.name === 'cc-by');
  t.equal(lic.display_name, 'Creative Commons Attribution');
  const one = (await search({ 'facet.field': '["organization"]', 'facet.limit': 1 })).body.result;
  t.equal(Object.keys(one.facets.organization).length, 1);
});

t.test('fq filters', async (t) => {
  t.equal((await search({ fq: 'organization:so-y-te' })).body.result.count, 2);
  t.equal((await search({ fq: '-organization:so-y-te' })).body.result.count, PUBLIC - 2);
  t.equal((await search({ fq: 'organization:so-y-te OR organization:so-du-lich' })).body.result.count, PUBLIC);
  t.equal((await search({ fq: 'tags:"du lịch"' })).body.result.count, 3);
  t.equal((await search({ fq: 'res_format:CSV' })).body.result.count, 3);
  t.equal((await search({ fq: 'res_format:csv' })).body.result.count, 0);
});

t.test('metadata_modified ranges', async (t) => {
  const all = (await search({ rows: 1000, sort: 'metadata_modified asc' })).body.result.results;
  const pivot = all[10].metadata_modified;
  const after = (await search({ fq: `metadata_modified:[${pivot}Z TO *]`, rows: 1000 })).body.result;
  t.equal(after.count, PUBLIC - 10);
  t.ok(after.results.every((p: any) => p.metadata_modified >= pivot));
  const before = (await search({ fq: `metadata_modified:[* TO ${pivot}Z}`, rows: 1000 })).body.result;
  t.equal(before.count, 10);
});

t.test('Vietnamese free text, with and without diacritics', async (t) => {
  const names = async (q: string) => (await search({ q })).body.result.results.map((p: any) => p.name).sort();
  // The organization's name also says "du lich", so its datasets match too, below the title match.
  for (const q of ['du lich', 'Du lịch', 'DU LICH']) {
    const r = (await search({ q })).body.result.results;
    t.equal(r[0].name, 'ds-0', `${q}: title match ranks first`);
  }
  // Three words need two of them (CKAN's mm): the org's datasets match "du lich" too, ranked below.
  t.equal((await search({ q: 'du lich 2024' })).body.result.results[0].name, 'ds-0');
  t.same(await names('lễ hội'), ['ds-3']);
  t.same(await names('le hoi'), ['ds-3']);
  t.same(await names('hue'), ['ds-0', 'ds-3']);
  t.same(await names('da nang'), ['ds-1']);
  t.same(await names('tourism'), ['ds-4']);
});

t.test('sorting', async (t) => {
  const byName = (await search({ sort: 'name asc', rows: 1000 })).body.result.results.map((p: any) => p.name);
  t.same(byName, [...byName].sort());
  const newest = (await search({ sort: 'metadata_modified desc', rows: 1000 })).body.result.results.map((p: any) => p.metadata_modified);
  t.same(newest, [...newest].sort().reverse());
});

t.test('private and drafts', async (t) => {
  t.equal((await search({ include_private: true })).body.result.count, PUBLIC, 'anonymous sees no private');
  t.equal((await search({ include_private: true }, yt.admin.token)).body.result.count, PUBLIC, 'other org sees no private');
  t.equal((await search({ include_private: true }, dl.member.token)).body.result.count, PUBLIC + 1);
  t.equal((await search({}, dl.member.token)).body.result.count, PUBLIC, 'private needs include_private');
  t.equal((await search({ include_drafts: true }, yt.admin.token)).body.result.count, PUBLIC, 'no drafts of others');
  t.equal((await search({ include_drafts: true }, dl.editor.token)).body.result.count, PUBLIC + 1);
  const facets = (await search({ 'facet.field': '["organization"]' })).body.result.facets;
  t.equal(facets.organization['so-du-lich'], 23, 'facet counts exclude private and drafts');
});

t.test('harvester gather: rows=100 sort=id asc visits each dataset once', async (t) => {
  const seen: string[] = [];
  for (let start = 0; ; start += 7) {
    const page = (await search({ rows: 7, start, sort: 'id asc' })).body.result.results;
    if (!page.length) break;
    seen.push(...page.map((p: any) => p.id));
  }
  t.equal(seen.length, PUBLIC);
  t.equal(new Set(seen).size, PUBLIC);
  t.same(seen, [...seen].sort());
});

// Facets over the whole catalog come from kept counts (facet_counts), not from counting. After
// every kind of write they must equal what counting the matching documents gives, for every
// kind of caller; a query with any fq is always counted, so it is the reference here.
import t from 'tap';
import { sql } from 'drizzle-orm';
import { startKho, orgWithRoles } from './helpers/kho.js';
import { reindexAll } from '../server/logic/reindex.js';
import { compactFacetCounts } from '../server/search/facet-counts.js';

const k = await startKho();
t.teardown(() => k.close());
const a = await orgWithRoles(k, 'so-a');
const b = await orgWithRoles(k, 'so-b');
await k.api('group_create', { name: 'nhom-1', title: 'Nhóm 1' });
const outsider = await k.user('nguoi-ngoai');

const FIELDS = ['organization', 'tags', 'res_format', 'license_id', 'groups', 'dataset_type'];
const callers: [string, string | null][] = [
  ['anonymous', null], ['outsider', outsider.token], ['member of a', a.member.token], ['editor of b', b.editor.token],
  ['sysadmin', k.sysadmin.token],
];

async function compare(t: { same: (a: unknown, b: unknown, m: string) => void }, when: string) {
  for (const [who, token] of callers) {
    for (const includePrivate of [false, true]) {
      const params = { 'facet.field': JSON.stringify(FIELDS), 'facet.limit': -1, include_private: includePrivate, rows: 0 };
      const kept = (await k.api('package_search', params, { token })).body.result;
      const counted = (await k.api('package_search', { ...params, fq: '*:*' }, { token })).body.result;
      t.same({ count: kept.count, facets: kept.facets }, { count: counted.count, facets: counted.facets },
        `${when}: ${who}${includePrivate ? ', include_private' : ''}`);
    }
  }
}

let n = 0;
const make = (extra: Record<string, unknown>) => k.api('package_create', {
  name: `ds-${n++}`, license_id: n % 2 ? 'cc-by' : 'odc-odbl', tags: [{ name: `tag ${n % 3}` }, { name: 'chung' }],
  resources: [{ url: `http://x.vn/${n}.${n % 2 ? 'csv' : 'xlsx'}` }, { url: `http://x.vn/${n}.csv` }], ...extra,
});

t.test('creates of public, private and draft datasets', async (t) => {
  for (let i = 0; i < 6; i++) await make({ owner_org: i % 2 ? a.name : b.name });
  await make({ owner_org: a.name, private: true, tags: [{ name: 'rieng' }] });
  await make({ owner_org: b.name, private: true });
  await make({ owner_org: a.name, state: 'draft', tags: [{ name: 'nhap' }] });
  await k.api('member_create', { id: 'nhom-1', object: 'ds-0', object_type: 'package', capacity: 'public' });
  await compare(t, 'after creates');
  const kept = (await k.api('package_search', { 'facet.field': '["tags"]' }, { token: null })).body.result;
  t.notOk('rieng' in kept.facets.tags, 'a private dataset’s tag is not counted for the public');
  t.notOk('nhap' in kept.facets.tags, 'nor a draft’s');
  t.equal(kept.facets.tags.chung, 6);
});

t.test('updates that move a dataset between values and scopes', async (t) => {
  await k.api('package_patch', { id: 'ds-0', private: true });
  await k.api('package_patch', { id: 'ds-1', owner_org: b.name, license_id: 'cc-zero' });
  await k.api('package_patch', { id: 'ds-2', tags: [{ name: 'moi' }], resources: [] });
  await k.api('package_patch', { id: 'ds-6', private: false });
  await k.api('package_patch', { id: 'ds-8', state: 'active' });
  await compare(t, 'after updates');
});

t.test('deletes, purges and organization changes', async (t) => {
  await k.api('package_delete', { id: 'ds-3' });
  await k.api('dataset_purge', { id: 'ds-4' });
  await k.api('organization_patch', { id: b.name, name: 'so-b-moi' });
  await compare(t, 'after delete, purge and org rename');
  await k.api('organization_purge', { id: a.name });
  await compare(t, 'after purging an organization with datasets');
  const orphan = (await k.api('package_show', { id: 'ds-5' })).body.result;
  t.equal(orphan.owner_org, null, 'its datasets no longer name it');
  t.equal(orphan.organization, null);
});

t.test('a full reindex recounts to the same figures', async (t) => {
  const db = k.kho.database.db;
  const snapshot = async () => (await db.execute(sql`select scope, field, value, sum(n)::int as n from
    (select scope, field, value, count as n from facet_counts union all select scope, field, value, n from facet_deltas) c
    group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`) as any);
  const rowsOf = (r: any) => (Array.isArray(r) ? r : r.rows).map((x: any) => ({ ...x, n: Number(x.n) }));
  const before = rowsOf(await snapshot());
  t.ok(before.length > 10, 'there are counts to compare');
  await compactFacetCounts(k.kho.database);
  t.equal(rowsOf(await db.execute(sql`select count(*)::int as n from facet_deltas`))[0].n, 0, 'compaction folds every delta in');
  t.same(rowsOf(await snapshot()), before, 'and changes no figure');
  await db.execute(sql`update facet_counts set count = count + 5`);
  const params = { 'facet.field': '["tags"]', rows: 0 };
  const drifted = (await k.api('package_search', params, { token: null })).body.result;
  const counted = (await k.api('package_search', { ...params, fq: '*:*' }, { token: null })).body.result;
  t.not(drifted.count, counted.count, 'whole-catalog figures are read from the kept counts');
  await reindexAll(k.kho);
  t.same(rowsOf(await snapshot()), before, 'reindex repairs counts that drifted');
  await compare(t, 'after reindex');
});

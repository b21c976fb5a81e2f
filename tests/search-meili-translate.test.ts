// What MeiliSearchIndex sends: the query tree as a Meilisearch filter, the caller's visibility,
// sorting and facets, and the document it indexes. These run without a Meilisearch server; the
// shared behaviour suite (search-backends.test.ts) runs them against one when MEILI_URL is set.
import t from 'tap';
import { parseQuery } from '../server/search/query/parser.js';
import { meiliFilter, meiliRequest, visibilityFilter } from '../server/search/meili-query.js';
import { epochMicros, meiliDocument } from '../server/search/meili-document.js';
import type { SearchParams } from '../server/search/search-index.js';
import { ANONYMOUS, TRUSTED } from '../server/core/visibility.js';
import { meiliMatches } from './helpers/meili-filter.js';

const NOW = new Date('2025-01-01T00:00:00Z');
const f = (q: string) => meiliFilter(parseQuery(q), NOW);

t.test('exact fields, booleans and negation', async (t) => {
  t.equal(f('organization:so-y-te'), 'organization = "so-y-te"');
  t.equal(f('tags:"du lịch"'), 'tags = "du lịch"');
  t.equal(f('dataset_type:dataset'), 'type = "dataset"');
  t.equal(f('title_string:"Lễ hội Huế"'), 'title = "Lễ hội Huế"', 'the whole title, exactly');
  t.equal(f('organization:a OR organization:b'), '(organization = "a") OR (organization = "b")');
  t.equal(f('organization:a AND -tags:x'), '(organization = "a") AND (NOT (tags = "x"))');
  t.equal(f('-organization:a'), 'NOT (organization = "a")', 'a lone negation needs no anchor in Meilisearch');
  t.equal(f('tags:"say \\"hi\\" \\\\"'), 'tags = "say \\"hi\\" \\\\"', 'quotes and backslashes are escaped');
  t.equal(f('capacity:public'), 'private = false');
  t.equal(f('extras_theme:finance'), 'extras.theme = "finance"');
  t.equal(f('*:*'), null);
  t.equal(f('organization:*'), 'organization EXISTS AND organization IS NOT NULL AND organization IS NOT EMPTY');
});

t.test('dates and numbers become numeric comparisons', async (t) => {
  const from = epochMicros('2024-01-01T00:00:00');
  t.equal(f('metadata_modified:[2024-01-01T00:00:00Z TO *]'), `metadata_modified >= ${from}`);
  t.equal(f('metadata_modified:{NOW-1DAY TO NOW]'),
    `metadata_modified > ${epochMicros('2024-12-31T00:00:00')} AND metadata_modified <= ${epochMicros('2025-01-01T00:00:00')}`);
  t.equal(f('num_resources:[1 TO 5}'), 'num_resources >= 1 AND num_resources < 5');
  t.equal(epochMicros('2024-06-01T08:00:00.000005') - epochMicros('2024-06-01T08:00:00'), 5, 'microseconds are kept');
  t.throws(() => f('num_tags:[a TO 5]'), /expected a number/);
});

t.test('what Meilisearch filters cannot say is answered by Postgres', async (t) => {
  for (const q of ['title:hue', 'notes:"du lich"', 'hue AND organization:x', 'name:ha*', 'name:[a TO m]', 'extras_chủ_đề:x']) {
    t.throws(() => f(q), { name: 'MeiliUnsupported' }, q);
  }
});

const params = (over: Partial<SearchParams> = {}): SearchParams => ({
  q: '', fq: [], sort: 'score desc, metadata_modified desc', rows: 10, start: 0, facetFields: [], facetLimit: 50,
  facetMincount: 1, includePrivate: false, includeDrafts: false, ...over,
});

t.test('visibility as PostgresSearch applies it', async (t) => {
  // What each filter selects, read by an evaluator of the grammar (tests/visibility-rule.test.ts
  // holds every combination to the one rule; these are the cases CKAN users meet).
  const doc = (state: string, priv: boolean, owner: string | null, creator = 'u9') =>
    meiliDocument({ id: `${state}-${priv}-${owner}-${creator}`, name: 'x', title: 'x', type: 'dataset', state, private: priv,
      owner_org: owner, creator_user_id: creator, tags: [], groups: [], resources: [], extras: [], num_resources: 0, num_tags: 0,
      metadata_created: '2024-01-01T00:00:00', metadata_modified: '2024-01-01T00:00:00' });
  const sees = (filter: string | null, d: Record<string, unknown>) => meiliMatches(filter, d);
  const anon = ANONYMOUS;
  const anonPrivate = visibilityFilter(params({ includePrivate: true }), anon, false);
  t.ok(sees(anonPrivate, doc('active', false, 'o1')));
  t.notOk(sees(anonPrivate, doc('active', true, 'o1')), 'anonymous: no private dataset even with include_private');
  t.notOk(sees(anonPrivate, doc('draft', false, 'o1')));
  const member = { userId: 'u1', sysadmin: false, memberOf: ['o1', 'o2'], editorOf: ['o2'] };
  const drafts = visibilityFilter(params({ includePrivate: true, includeDrafts: true }), member, false);
  t.ok(sees(drafts, doc('active', true, 'o1')), 'private datasets of the member\'s organizations');
  t.notOk(sees(drafts, doc('active', true, 'o3')));
  t.ok(sees(drafts, doc('draft', false, 'o2')), 'drafts where they are an editor');
  t.notOk(sees(drafts, doc('draft', false, 'o1')), 'not drafts where they are only a member');
  t.ok(sees(drafts, doc('draft', false, null, 'u1')), 'their own draft without an organization');
  t.notOk(sees(drafts, doc('deleted', false, 'o1')), 'deleted ones are not listed by default');
  const named = visibilityFilter(params(), member, true);
  t.ok(sees(named, doc('deleted', false, 'o1')), 'an explicit state filter lists their organization\'s deleted datasets');
  t.notOk(sees(named, doc('draft', false, 'o1')), 'explicit state filters never reveal others’ drafts');
  t.notOk(sees(named, doc('draft', false, null)), 'nor drafts of other creators');
  t.notOk(sees(named, doc('active', true, 'o1')), 'without include_private, no private one');
  t.equal(visibilityFilter(params({ includePrivate: true }), TRUSTED, true), null, 'sysadmins: no filter at all');
});

t.test('the request: free text, filters, sort and facets', async (t) => {
  const anon = ANONYMOUS;
  const r = meiliRequest(params({ q: 'du lich hue', fq: ['organization:a'], facetFields: ['tags', 'dataset_type'] }), anon, NOW);
  t.equal(r.q, 'du lich hue');
  t.equal(r.matchingStrategy, 'frequency', 'three words or more need not all match');
  t.equal(r.filter, `(organization = "a") AND (${visibilityFilter(params(), anon, false)})`, 'the query, then the caller\'s visibility');
  t.equal(r.sort, undefined, 'relevance first: Meilisearch ranks');
  t.same(r.facets, ['tags', 'type']);
  const sorted = meiliRequest(params({ sort: 'title_string asc, metadata_modified desc' }), anon, NOW);
  t.same(sorted.sort, ['title_sort:asc', 'metadata_modified:desc', 'id:asc']);
  t.equal(meiliRequest(params({ q: 'hue' }), anon, NOW).matchingStrategy, 'all');
  t.throws(() => meiliRequest(params({ facetFields: ['res_name'] }), anon, NOW), { name: 'MeiliUnsupported' });
});

t.test('the document', async (t) => {
  const doc = meiliDocument({
    id: 'p1', name: 'le-hoi-hue', title: 'Lễ hội Huế', notes: 'Festival', type: 'dataset', state: 'active', private: false,
    owner_org: 'o1', organization: { name: 'so-du-lich', title: 'Sở Du lịch' }, creator_user_id: 'u1', license_id: 'cc-by',
    tags: [{ name: 'du lịch' }], groups: [{ name: 'van-hoa' }], extras: [{ key: 'theme', value: 'culture' }],
    resources: [{ name: 'Danh sách', description: 'Đủ', format: 'CSV', url: 'http://x.vn/a.csv' }],
    num_resources: 1, num_tags: 1, metadata_created: '2024-01-01T00:00:00.5', metadata_modified: '2024-02-01T00:00:00',
  });
  t.equal(doc.title_folded, 'le hoi hue');
  t.same(doc.tags_folded, ['du lich']);
  t.same(doc.res_format, ['CSV']);
  t.same(doc.extras, { theme: 'culture' });
  t.equal(doc.metadata_created, epochMicros('2024-01-01T00:00:00') + 500000);
  t.equal(doc.organization, 'so-du-lich');
});

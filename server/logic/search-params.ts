// package_search as CKAN answers it: parameter checks, implicit visibility, facets with display
// names. The query itself runs in whichever SearchIndex is configured.
import { inArray } from 'drizzle-orm';
import type { ActionContext } from '../core/kho.js';
import { SearchError, SearchQueryError } from '../core/errors.js';
import { groups } from '../db/schema.js';
import { readerOf } from './permissions.js';
import { licenseFields } from './licenses.js';
import { DEFAULT_SORT } from '../search/sort.js';
import { QuerySyntaxError } from '../search/query/parser.js';
import { checkQueryBounds } from '../search/query/bounds.js';
import type { SearchCaller } from '../search/search-index.js';

const ALLOWED = new Set([
  'q', 'fq', 'fq_list', 'sort', 'rows', 'start', 'facet', 'facet.field', 'facet.limit', 'facet.mincount',
  'include_private', 'include_drafts', 'include_deleted', 'fl', 'qf', 'defType', 'mm', 'tie', 'bf', 'boost',
  'wt', 'df', 'use_default_schema', 'callback', '_', 'q.op', 'hl', 'indent',
]);
const MAX_ROWS = 1000;

export function searchCaller(ctx: ActionContext): Promise<SearchCaller> {
  return readerOf(ctx.kho.database.db, ctx.user, ctx.ignoreAuth);
}

export async function searchPackages(ctx: ActionContext, data: Record<string, any>) {
  const unknown = Object.keys(data).filter((k) => !ALLOWED.has(k) && !k.startsWith('ext_'));
  if (unknown.length) throw new SearchQueryError(`Invalid search parameters: [${unknown.map((k) => `'${k}'`).join(', ')}]`);
  const q = typeof data.q === 'string' ? data.q : '';
  const fq: string[] = [];
  if (typeof data.fq === 'string') fq.push(data.fq);
  if (data.fq_list !== undefined) fq.push(...(Array.isArray(data.fq_list) ? data.fq_list : [data.fq_list]).map(String));
  for (const text of [q, ...fq]) if (/\{!/.test(text)) throw new SearchError('Local parameters are not supported');
  const sort = typeof data.sort === 'string' && data.sort.trim() ? data.sort.trim() : DEFAULT_SORT;
  const facetOn = data.facet !== false;
  const facetFields: string[] = facetOn && Array.isArray(data['facet.field']) ? data['facet.field'].map(String) : [];
  const params = {
    q,
    fq,
    sort,
    rows: Math.min(data.rows ?? 10, MAX_ROWS),
    start: data.start ?? 0,
    facetFields,
    facetLimit: data['facet.limit'] ?? 50,
    facetMincount: data['facet.mincount'] ?? 1,
    includePrivate: data.include_private === true,
    includeDrafts: data.include_drafts === true,
  };
  let result;
  try {
    checkQueryBounds(q, fq);
    result = await ctx.kho.search.search(params, await searchCaller(ctx));
  } catch (err) {
    if (err instanceof QuerySyntaxError) throw new SearchError(err.message);
    throw err;
  }
  let results = result.results;
  if (data.fl !== undefined) {
    const fl: string[] = Array.isArray(data.fl) ? data.fl : String(data.fl).split(/[\s,]+/).filter(Boolean);
    results = results.map((r) => Object.fromEntries(fl.filter((f) => f in r).map((f) => [f, r[f]])));
  }
  return {
    count: result.count,
    facets: result.facets,
    results,
    sort,
    search_facets: await searchFacets(ctx, result.facets),
  };
}

async function searchFacets(ctx: ActionContext, facets: Record<string, Record<string, number>>) {
  const names = [...new Set([...Object.keys(facets.organization ?? {}), ...Object.keys(facets.groups ?? {})])];
  const titles = new Map<string, string>();
  if (names.length) {
    const rows = await ctx.kho.database.db.select({ name: groups.name, title: groups.title }).from(groups).where(inArray(groups.name, names));
    for (const r of rows) titles.set(r.name, r.title || r.name);
  }
  const out: Record<string, { title: string; items: { name: string; display_name: string; count: number }[] }> = {};
  for (const [field, counts] of Object.entries(facets)) {
    const items = Object.entries(counts).map(([name, count]) => {
      let display = name;
      if (field === 'organization' || field === 'groups') display = titles.get(name) ?? name;
      else if (field === 'license_id') display = licenseFields(name).license_title ?? name;
      return { name, display_name: display, count };
    });
    items.sort((a, b) => (a.display_name < b.display_name ? 1 : a.display_name > b.display_name ? -1 : 0));
    out[field] = { title: field, items };
  }
  return out;
}

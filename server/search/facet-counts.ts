// Facet counts over the whole catalog, read from facet_counts (plus the deltas not folded in yet)
// instead of counted per query. PostgresSearch's document writes append deltas; this file knows
// which facets are kept, how a document turns into its rows, how the deltas are folded in, and
// how a caller's view sums them.
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../db/database.js';
import { facetCounts, facetDeltas, searchDocuments } from '../db/schema.js';
import type { SearchCaller, SearchParams } from './search-index.js';
import { rowsOf, tryAdvisoryXactLock } from '../db/sql-helpers.js';
import { ANONYMOUS, labelSql, readerLabels, type AccessColumns } from '../core/visibility.js';

/** package_search facet names the table holds, and the stored field each reads. */
const STORED: Record<string, string> = {
  organization: 'organization', license_id: 'license_id', type: 'type', dataset_type: 'type',
  tags: 'tags', groups: 'groups', res_format: 'res_format',
};

/**
 * A document's scope is its permission label (server/core/visibility.ts), so a caller's view sums
 * the scopes of the labels they hold. Organization labels are stored as 'org:<id>', the spelling
 * the table had before the labels, so counts kept by older processes stay valid; a document only
 * sysadmins may see keeps the old 'org:' too.
 */
const scopeOfLabel = (label: string): string => label.replace(/^member-/, 'org:');
const SOURCE_COLUMNS: AccessColumns = {
  state: sql`s.state`, private: sql`s.private`, ownerOrg: sql`s.owner_org`, creatorUserId: sql`s.creator_user_id`,
};

/**
 * The (scope, field, value, sign) rows of the documents in `source`, a select list that has
 * package_id, state, private, owner_org, creator_user_id, organization, license_id, type, tags,
 * groups, res_formats and sign. Only active datasets count; drafts are read by counting.
 */
export function facetRowsOf(source: SQL): SQL {
  return sql`select coalesce(regexp_replace(${labelSql(SOURCE_COLUMNS)}, '^member-', 'org:'), 'org:') as scope,
      f.field, f.value, s.sign
    from (${source}) s cross join lateral (
      select '' as field, '' as value union all select 'organization', s.organization union all select 'license_id', s.license_id
      union all select 'type', s.type union all select 'tags', unnest(s.tags) union all select 'groups', unnest(s.groups)
      union all select 'res_format', unnest(s.res_formats)) f
    where s.state = 'active' and f.value is not null and (f.value <> '' or f.field = '')`;
}

/** Appends the signed rows as deltas: an insert only, so concurrent writers never wait on each other. */
export function applyFacetRows(rows: SQL): SQL {
  return sql`insert into ${facetDeltas} (scope, field, value, n)
    select scope, field, value, sum(sign)::int from (${rows}) r group by 1, 2, 3 having sum(sign) <> 0`;
}

const COMPACT_LOCK = 0x6b686f02;

/** Folds the deltas into the counts (one process at a time; a no-op when another is at it). */
export async function compactFacetCounts(database: Database): Promise<void> {
  await database.db.transaction(async (tx) => {
    if (!(await tryAdvisoryXactLock(tx, COMPACT_LOCK))) return;
    await tx.execute(sql`with moved as (delete from ${facetDeltas} returning scope, field, value, n)
      insert into ${facetCounts} (scope, field, value, count)
      select scope, field, value, sum(n)::int from moved group by 1, 2, 3 order by 1, 2, 3
      on conflict (scope, field, value) do update set count = ${facetCounts}.count + excluded.count`);
  });
}

/** Recounts everything from the search documents (after a full reindex, or to repair). */
export async function rebuildFacetCounts(tx: Tx): Promise<void> {
  const d = searchDocuments;
  await tx.execute(sql`lock table ${facetCounts}, ${facetDeltas} in exclusive mode`);
  await tx.execute(sql`delete from ${facetDeltas}`);
  await tx.execute(sql`delete from ${facetCounts}`);
  await tx.execute(sql`insert into ${facetCounts} (scope, field, value, count)
    select scope, field, value, sum(sign)::int from (${facetRowsOf(sql`select ${d.packageId} as package_id, ${d.state} as state, ${d.private} as private,
    ${d.ownerOrg} as owner_org, ${d.creatorUserId} as creator_user_id, ${d.organization} as organization, ${d.licenseId} as license_id, ${d.type} as type,
    ${d.tags} as tags, ${d.groups} as groups, ${d.resFormats} as res_formats, 1 as sign from ${d}`)}) r group by 1, 2, 3`);
}

/**
 * Whether a search can be answered from the table: the whole catalog the caller sees (no q, no
 * fq, no drafts) and only facets the table holds.
 */
export function answeredByCounts(params: SearchParams, hasQuery: boolean): boolean {
  return !hasQuery && params.fq.every((f) => !f.trim()) && !params.includeDrafts
    && params.facetFields.every((f) => f in STORED);
}

/** The hit count and facets for the caller's view of the whole catalog. */
export async function readFacetCounts(database: Database, params: SearchParams, caller: SearchCaller) {
  // Without include_private only what anyone may see; with it, every label the caller holds.
  const scopes = params.includePrivate ? readerLabels(caller).map(scopeOfLabel) : [scopeOfLabel(readerLabels(ANONYMOUS)[0]!)];
  const everyScope = params.includePrivate && caller.sysadmin;
  const fields = ['', ...new Set(params.facetFields.map((f) => STORED[f]!))];
  const where = sql`${everyScope ? sql`true` : sql`scope = any(${sql.param(scopes)}::text[])`} and field = any(${sql.param(fields)}::text[])`;
  const res = await database.db.execute<{ field: string; value: string; n: number }>(sql`
    select field, value, sum(n)::int as n from (
      select field, value, count as n from ${facetCounts} where ${where}
      union all select field, value, n from ${facetDeltas} where ${where}) c
    group by field, value having sum(n) > 0`);
  const rows = rowsOf<{ field: string; value: string; n: number }>(res);
  const byField = new Map<string, { value: string; n: number }[]>();
  let count = 0;
  for (const r of rows) {
    if (r.field === '') count = Number(r.n);
    else (byField.get(r.field) ?? byField.set(r.field, []).get(r.field)!).push({ value: r.value, n: Number(r.n) });
  }
  const min = Math.max(1, params.facetMincount);
  const facets: Record<string, Record<string, number>> = {};
  for (const f of params.facetFields) {
    const list = (byField.get(STORED[f]!) ?? []).filter((x) => x.n >= min)
      .sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    facets[f] = Object.fromEntries((params.facetLimit < 0 ? list : list.slice(0, params.facetLimit)).map((x) => [x.value, x.n]));
  }
  return { count, facets };
}

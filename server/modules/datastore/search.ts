// datastore_search: filters, full-text q (all columns, or per column), fields, distinct, sort,
// paging, and the four record formats, answered as CKAN answers. Records are built as JSON by
// Postgres, so types (numbers, timestamps "YYYY-MM-DDTHH:MM:SS") come out as CKAN's do.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { ValidationError } from '../../core/errors.js';
import { pgType, quoteIdent } from './fields.js';
import { filterSql, parseJsonParam, requireColumn } from './filters.js';
import { tableRef, type TableMeta } from './tables.js';
import { foldSql } from '../../text/fold-sql.js';
import { fold } from '../../text/fold.js';
import { rowsOf } from '../../db/sql-helpers.js';

export const SEARCH_LIMIT_CAP = 32000;


/** What datastore_search reports for a column: the Postgres type name, `_id` as int. */
export function reportedFields(table: TableMeta, ids?: string[]) {
  const all = [{ id: '_id', type: 'int' } as { id: string; type: string; info?: Record<string, unknown> },
    ...table.fields.map((f) => ({ id: f.id, type: pgType(f.type)!, ...(f.info ? { info: f.info } : {}) }))];
  return ids ? ids.map((id) => all.find((f) => f.id === id)!) : all;
}

function listParam(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') {
    const parsed = value.trim().startsWith('[') ? parseJsonParam(value, name) : value.split(',');
    return (Array.isArray(parsed) ? parsed : [parsed]).map((s) => String(s).trim()).filter(Boolean);
  }
  throw new ValidationError({ [name]: ['Not a list'] });
}

/**
 * A q as a tsquery over folded text. Plain (CKAN's default): every word required. Not plain:
 * Postgres's own tsquery syntax (& | ! <-> and :*), folded too so it matches without diacritics.
 */
function tsQuery(q: string, config: string, plain: boolean): SQL | null {
  if (!plain) return q.trim() ? sql`to_tsquery(${config}::regconfig, ${fold(q)})` : null;
  const words = fold(q).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!words.length) return null;
  return sql`to_tsquery(${config}::regconfig, ${words.map((w) => `'${w}'`).join(' & ')})`;
}

const rowText = (alias: string) => sql.raw(`(select coalesce(string_agg(value, ' '), '') from json_each_text(row_to_json(${alias})) where key <> '_id')`);

function hasFilters(raw: unknown): boolean {
  const f = parseJsonParam(raw ?? {}, 'filters');
  return !!f && typeof f === 'object' && Object.keys(f).length > 0;
}

export interface SearchInput {
  filters?: unknown;
  q?: unknown;
  /** a Postgres text search configuration (CKAN's `language`); 'simple' unless given */
  language?: string;
  /** false: q is in Postgres's tsquery syntax */
  plain?: boolean;
  fields?: unknown;
  sort?: unknown;
  distinct?: boolean;
  limit: number;
  offset: number;
  includeTotal: boolean;
}

export interface PlannedSearch {
  columns: string[];
  /** no filters and no q: the whole table */
  plain: boolean;
  where: SQL;
  /** q's rank columns: "rank" for a q over the whole row, "rank <column>" for each column's q */
  ranks: { name: string; value: SQL }[];
  /** q's tsqueries, to check before the search runs (q in tsquery syntax may not parse) */
  queries: SQL[];
  order: string;
  distinct: boolean;
}

/** Checks every parameter against the table and turns them into SQL pieces. */
export function planSearch(table: TableMeta, input: Omit<SearchInput, 'limit' | 'offset' | 'includeTotal'>): PlannedSearch {
  const columns = listParam(input.fields, 'fields') ?? ['_id', ...table.fields.map((f) => f.id)];
  for (const c of columns) requireColumn(table, c, 'fields');
  const conds: SQL[] = [filterSql(table, input.filters)];
  const ranks: { name: string; value: SQL }[] = [];
  const queries: SQL[] = [];
  const config = input.language ?? 'simple';
  const plainQ = input.plain !== false;
  // q is text, or (as JSON text from a query string) a dict of per-column texts.
  const q = typeof input.q === 'string' && input.q.trim().startsWith('{') ? parseJsonParam(input.q, 'q') : input.q;
  const match = (name: string, text: SQL, value: string) => {
    const query = tsQuery(value, config, plainQ);
    if (!query) return;
    const vector = sql`to_tsvector(${config}::regconfig, ${foldSql(text)})`;
    conds.push(sql`${vector} @@ ${query}`);
    ranks.push({ name, value: sql`ts_rank(${vector}, ${query})` });
    queries.push(query);
  };
  if (typeof q === 'string') {
    match('rank', rowText('t'), q);
  } else if (q && typeof q === 'object' && !Array.isArray(q)) {
    for (const [col, value] of Object.entries(q as Record<string, unknown>)) {
      match(`rank ${col}`, sql.raw(`t.${requireColumn(table, col, 'q')}::text`), String(value ?? ''));
    }
  } else if (q !== undefined && q !== null && q !== '') {
    throw new ValidationError({ q: ['Must be a string or a dict'] });
  }
  const sorts = listParam(input.sort, 'sort');
  let order = '';
  if (sorts?.length) {
    order = sorts.map((s) => {
      const m = /^\s*(?:"((?:[^"]|"")+)"|([^\s"]+))(?:\s+(asc|desc))?\s*$/i.exec(s);
      if (!m) throw new ValidationError({ sort: [`invalid sort "${s}"`] });
      const id = m[1]?.replace(/""/g, '"') ?? m[2]!;
      if (ranks.some((r) => r.name === id)) return `${quoteIdent(id)} ${(m[3] ?? 'desc').toLowerCase()}`;
      return `${requireColumn(table, id, 'sort')} ${(m[3] ?? 'asc').toLowerCase()}`;
    }).join(', ');
  } else if (ranks.length) order = [...ranks.map((r) => `${quoteIdent(r.name)} desc`), '"_id" asc'].join(', ');
  else if (!input.distinct) order = '"_id" asc';
  const plain = conds.length === 1 && !hasFilters(input.filters);
  return { columns, where: sql.join(conds, sql` and `), ranks, queries, order, distinct: !!input.distinct, plain: plain && !input.distinct };
}

/** Refuses, as CKAN's validation error on q, a q in tsquery syntax that Postgres cannot parse. */
export async function checkQueries(db: Tx, plan: PlannedSearch): Promise<void> {
  if (!plan.queries.length) return;
  try {
    await db.execute(sql`select ${sql.join(plan.queries, sql`, `)}`);
  } catch (err) {
    const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
    const code = e.code ?? e.cause?.code;
    if (code !== '42601' && code !== '22023') throw err;
    throw new ValidationError({ q: [String(e.cause?.message ?? e.message ?? 'invalid query').split('\n')[0]!] });
  }
}

/** The `_id` filter operator that continues after this page (CKAN's next_page), if the order allows. */
export function nextPageOperator(plan: PlannedSearch): 'gt' | 'lt' | null {
  if (plan.distinct) return null;
  if (plan.order === '"_id" asc') return 'gt';
  if (plan.order === '"_id" desc') return 'lt';
  return null;
}

/** One page of records as JSON values (objects or lists), the total when asked, and the page's last _id. */
export async function searchRecords(db: Tx, table: TableMeta, plan: PlannedSearch, input: SearchInput & { nextPage?: boolean }, asLists: boolean) {
  const ref = sql.raw(`${tableRef(table.resourceId)} t`);
  const select = sql.raw(plan.columns.map((c) => `t.${quoteIdent(c)}`).join(', '));
  const rankCols = plan.ranks.map((r) => sql`, ${r.value} as ${sql.raw(quoteIdent(r.name))}`);
  const next = input.nextPage ? nextPageOperator(plan) : null;
  const order = plan.order ? sql.raw(`order by ${plan.order}`) : sql``;
  const inner = sql`select ${plan.distinct ? sql`distinct` : sql``} ${select}${sql.join(rankCols, sql``)}${next ? sql`, t._id as "__kho_page_id"` : sql``}
    from ${ref} where ${plan.where} ${order} limit ${input.limit} offset ${input.offset}`;
  const keys = [...plan.columns, ...plan.ranks.map((r) => r.name)];
  const json = asLists
    ? sql.raw(`json_build_array(${keys.map((k) => `p.${quoteIdent(k)}`).join(', ')})`)
    : sql.raw(`json_build_object(${keys.map((k) => `'${k.replace(/'/g, "''")}', p.${quoteIdent(k)}`).join(', ')})`);
  const last = next ? sql.raw(`, ${next === 'gt' ? 'max' : 'min'}(p."__kho_page_id") as last`) : sql``;
  const [page, total] = await Promise.all([
    input.limit > 0
      ? db.execute(sql`select coalesce(json_agg(${json}), '[]'::json)::text as records${last} from (${inner}) p`)
      : Promise.resolve(null),
    input.includeTotal
      ? db.execute(plan.distinct
        ? sql`select count(*)::int as n from (select distinct ${select} from ${ref} where ${plan.where}) d`
        : sql`select count(*)::int as n from ${ref} where ${plan.where}`)
      : Promise.resolve(null),
  ]);
  const row = page ? rowsOf<{ records: string; last?: number | string | null }>(page)[0]! : null;
  const records: unknown[] = row ? JSON.parse(row.records) : [];
  const nextPage = next && row?.last !== undefined && row.last !== null ? { _id: { [next]: Number(row.last) } } : undefined;
  return { records, total: total ? Number(rowsOf<{ n: number }>(total)[0]!.n) : undefined, keys, nextPage };
}

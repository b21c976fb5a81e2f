// /datastore/dump/{resource_id}: every row (no search cap), streamed page by page so memory stays
// flat whatever the table's size. Pages follow _id (keyset) in the default order, OFFSET otherwise.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { quoteIdent } from './fields.js';
import { nextPageOperator, reportedFields, type PlannedSearch } from './search.js';
import { tableRef, type TableMeta } from './tables.js';
import { delimitedLine } from './delimited.js';
import { xlsxChunks, type XlsxCellKind } from './xlsx-stream.js';
import { rowsOf } from '../../db/sql-helpers.js';

const PAGE = 5000;
// XLSX cells are several times the size of their JSON; smaller pages keep the garbage each page
// leaves (and so the heap V8 grows to) small.
const XLSX_PAGE = 1000;

export type DumpFormat = 'csv' | 'tsv' | 'json' | 'xml' | 'xlsx';

export const DUMP_TYPES: Record<DumpFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function cellKind(type: string): XlsxCellKind {
  if (/^(int|float|numeric)/.test(type)) return 'number';
  if (type === 'date') return 'date';
  if (type.startsWith('timestamp')) return 'timestamp';
  return 'text';
}

/** Rows as arrays of JSON values, in pages. */
async function* pages(db: Tx, table: TableMeta, plan: PlannedSearch, offset: number, limit: number | null, pageSize = PAGE): AsyncGenerator<unknown[][]> {
  const ref = sql.raw(`${tableRef(table.resourceId)} t`);
  const cols = plan.columns.map((c) => `t.${quoteIdent(c)}`).join(', ');
  const keyset = nextPageOperator(plan) === 'gt';
  // q's ranks are selected (not dumped) so the order can name them.
  const ranks = sql.join(plan.ranks.map((r) => sql`, ${r.value} as ${sql.raw(quoteIdent(r.name))}`), sql``);
  let left = limit ?? Number.POSITIVE_INFINITY;
  let after = 0;
  let skip = offset;
  while (left > 0) {
    const n = Math.min(pageSize, left);
    const where: SQL = keyset && after > 0 ? sql`${plan.where} and t._id > ${after}` : plan.where;
    const order = plan.order ? sql.raw(`order by ${plan.order}`) : sql``;
    const page = keyset && after > 0 ? sql`limit ${n}` : sql`limit ${n} offset ${skip}`;
    const res = await db.execute(sql`select t._id as k, json_build_array(${sql.raw(cols)})::text as j${ranks} from ${ref}
      where ${where} ${order} ${page}`);
    const rows = rowsOf<{ k: number; j: string }>(res);
    if (!rows.length) return;
    yield rows.map((r) => JSON.parse(r.j) as unknown[]);
    after = Number(rows[rows.length - 1]!.k);
    skip += rows.length;
    left -= rows.length;
    if (rows.length < n) return;
  }
}

const xmlEscape = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function xmlValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => `<value>${xmlValue(v)}</value>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => `<value key="${xmlEscape(k)}">${xmlValue(v)}</value>`).join('');
  }
  return xmlEscape(String(value));
}

/** The dump as text chunks in the chosen format. */
export async function* dumpChunks(db: Tx, table: TableMeta, plan: PlannedSearch, opts: { format: DumpFormat; bom: boolean; offset: number; limit: number | null }, copyOut?: (query: string, options: string) => AsyncIterable<Buffer>): AsyncGenerator<string | Buffer> {
  const fields = reportedFields(table, plan.columns);
  if (opts.format === 'xlsx') {
    yield* xlsxChunks(table.resourceId.slice(0, 31), plan.columns, fields.map((f) => cellKind(f.type)), pages(db, table, plan, opts.offset, opts.limit, XLSX_PAGE));
    return;
  }
  if (opts.bom) yield '\uFEFF';
  const { format } = opts;
  if ((format === 'csv' || format === 'tsv') && copyOut && plan.plain) {
    // A whole table, unfiltered: Postgres writes the CSV itself, neutralising formula-like text.
    const cols = plan.columns.map((c) => {
      const id = quoteIdent(c);
      const type = fields.find((f) => f.id === c)?.type ?? 'text';
      if (type === 'text') {
        return `case when ${id} ~ '^[-=+@\t\r]' and ${id} !~ '^[+-]?[0-9]+([.][0-9]+)?([eE][+-]?[0-9]+)?$' then '''' || ${id} else ${id} end as ${id}`;
      }
      // Timestamps as the JSON formats write them: 2024-05-01T08:30:00.
      return type.startsWith('timestamp') ? `replace(${id}::text, ' ', 'T') as ${id}` : id;
    });
    const limit = opts.limit === null ? '' : ` limit ${opts.limit}`;
    const query = `select ${cols.join(', ')} from ${tableRef(table.resourceId)} order by ${plan.order || '"_id" asc'}${limit} offset ${opts.offset}`;
    yield* copyOut(query, `format csv, header true${format === 'tsv' ? `, delimiter E'\\t'` : ''}`);
    return;
  }
  if (format === 'csv' || format === 'tsv') {
    const d = format === 'csv' ? ',' : '\t';
    yield `${delimitedLine(plan.columns, d)}\n`;
    for await (const rows of pages(db, table, plan, opts.offset, opts.limit)) {
      yield rows.map((r) => `${delimitedLine(r, d, true)}\n`).join('');
    }
  } else if (format === 'json') {
    yield `{"fields": ${JSON.stringify(fields)}, "records": [`;
    let first = true;
    for await (const rows of pages(db, table, plan, opts.offset, opts.limit)) {
      yield (first ? '' : ',') + rows.map((r) => JSON.stringify(r)).join(',');
      first = false;
    }
    yield ']}\n';
  } else {
    yield '<data xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n';
    for await (const rows of pages(db, table, plan, opts.offset, opts.limit)) {
      yield rows.map((r) => {
        const id = plan.columns.indexOf('_id');
        const attrs = id >= 0 ? ` _id="${xmlEscape(String(r[id]))}"` : '';
        const cells = plan.columns.map((c, i) => {
          if (c === '_id') return '';
          return XML_NAME.test(c) ? `<${c}>${xmlValue(r[i])}</${c}>` : `<value key="${xmlEscape(c)}">${xmlValue(r[i])}</value>`;
        }).join('');
        return `<row${attrs}>${cells}</row>\n`;
      }).join('');
    }
    yield '</data>\n';
  }
}

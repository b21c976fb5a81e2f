// datastore_search's `filters`: {"col": value} is equality, {"col": [a, b]} is any of them,
// {"col": {"gt"|"gte"|"lt"|"lte": v}} compares (CKAN 2.12), and "$or" / "$and" combine lists of
// filters. Values are bound parameters; Postgres types them from the column. How deep the lists
// nest and how many values they hold in all are bounded (LIMITS): each becomes a nested or a
// further condition of one statement, and the embedded database overflows its stack on a few
// hundred nested conditions.
import { sql, type SQL } from 'drizzle-orm';
import { ValidationError } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import { parseRequestJson } from '../../logic/validators.js';
import { quoteIdent } from './fields.js';

interface FieldsOf { fields: { id: string }[] }

const OPS: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=', ne: '<>' };

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function parseJsonParam(value: unknown, name: string): unknown {
  if (typeof value !== 'string') return value;
  const parsed = parseRequestJson(value);
  if (parsed.ok) return parsed.value;
  throw new ValidationError({ [name]: [parsed.syntax ? 'Could not parse as valid JSON' : parsed.reason] });
}

export function requireColumn(table: FieldsOf, id: string, param: string): string {
  if (id !== '_id' && !table.fields.some((f) => f.id === id)) throw new ValidationError({ [param]: [`field "${id}" not in table`] });
  return quoteIdent(id);
}

export function filterSql(table: FieldsOf, raw: unknown): SQL {
  return filterDict(table, parseJsonParam(raw ?? {}, 'filters'), 0, { values: 0 });
}

const tooMany = () => new ValidationError({
  filters: [`filters may hold at most ${LIMITS.filterValues} values and conditions in all`],
});

/** One dict of filters, `depth` lists of `$or` / `$and` down; `seen` counts values across all. */
function filterDict(table: FieldsOf, filters: unknown, depth: number, seen: { values: number }): SQL {
  if (!filters || typeof filters !== 'object' || Array.isArray(filters)) throw new ValidationError({ filters: ['Not a dict'] });
  const count = (n: number) => {
    if ((seen.values += n) > LIMITS.filterValues) throw tooMany();
  };
  const parts: SQL[] = [];
  for (const [key, value] of Object.entries(filters as Record<string, unknown>)) {
    if (key === '$or' || key === '$and') {
      if (!Array.isArray(value)) throw new ValidationError({ filters: [`${key} needs a list of filters`] });
      if (depth >= LIMITS.filterDepth) {
        throw new ValidationError({ filters: [`$or and $and may be nested at most ${LIMITS.filterDepth} deep`] });
      }
      count(value.length);
      const subs = value.map((v) => sql`(${filterDict(table, v, depth + 1, seen)})`);
      if (subs.length) parts.push(sql`(${sql.join(subs, key === '$or' ? sql` or ` : sql` and `)})`);
      continue;
    }
    const col = sql.raw(requireColumn(table, key, 'filters'));
    if (Array.isArray(value)) {
      count(Math.max(1, value.length));
      if (!value.length) parts.push(sql`false`);
      else parts.push(sql`${col} in (${sql.join(value.map((v) => sql`${text(v)}`), sql`, `)})`);
    } else if (value && typeof value === 'object') {
      for (const [op, v] of Object.entries(value)) {
        if (!OPS[op]) throw new ValidationError({ filters: [`unknown operator "${op}"`] });
        count(1);
        parts.push(sql`${col} ${sql.raw(OPS[op]!)} ${text(v)}`);
      }
    } else if (value === null) {
      count(1);
      parts.push(sql`${col} is null`);
    } else {
      count(1);
      parts.push(sql`${col} = ${text(value)}`);
    }
  }
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

// datastore_search's `filters`: {"col": value} is equality, {"col": [a, b]} is any of them,
// {"col": {"gt"|"gte"|"lt"|"lte": v}} compares (CKAN 2.12), and "$or" / "$and" combine lists of
// filters. Values are bound parameters; Postgres types them from the column.
import { sql, type SQL } from 'drizzle-orm';
import { ValidationError } from '../actions/errors.js';
import { quoteIdent } from './fields.js';

interface FieldsOf { fields: { id: string }[] }

const OPS: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=', ne: '<>' };

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function parseJsonParam(value: unknown, name: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new ValidationError({ [name]: ['Could not parse as valid JSON'] });
  }
}

export function requireColumn(table: FieldsOf, id: string, param: string): string {
  if (id !== '_id' && !table.fields.some((f) => f.id === id)) throw new ValidationError({ [param]: [`field "${id}" not in table`] });
  return quoteIdent(id);
}

export function filterSql(table: FieldsOf, raw: unknown): SQL {
  const filters = parseJsonParam(raw ?? {}, 'filters');
  if (!filters || typeof filters !== 'object' || Array.isArray(filters)) throw new ValidationError({ filters: ['Not a dict'] });
  const parts: SQL[] = [];
  for (const [key, value] of Object.entries(filters as Record<string, unknown>)) {
    if (key === '$or' || key === '$and') {
      if (!Array.isArray(value)) throw new ValidationError({ filters: [`${key} needs a list of filters`] });
      const subs = value.map((v) => sql`(${filterSql(table, v)})`);
      if (subs.length) parts.push(sql`(${sql.join(subs, key === '$or' ? sql` or ` : sql` and `)})`);
      continue;
    }
    const col = sql.raw(requireColumn(table, key, 'filters'));
    if (Array.isArray(value)) {
      if (!value.length) parts.push(sql`false`);
      else parts.push(sql`${col} in (${sql.join(value.map((v) => sql`${text(v)}`), sql`, `)})`);
    } else if (value && typeof value === 'object') {
      for (const [op, v] of Object.entries(value)) {
        if (!OPS[op]) throw new ValidationError({ filters: [`unknown operator "${op}"`] });
        parts.push(sql`${col} ${sql.raw(OPS[op]!)} ${text(v)}`);
      }
    } else if (value === null) {
      parts.push(sql`${col} is null`);
    } else {
      parts.push(sql`${col} = ${text(value)}`);
    }
  }
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

// DataStore fields: which ids are allowed, which types, and how a type is guessed from a value,
// as CKAN's DataStore does. Field ids go into SQL only through quoteIdent.
import { ValidationError } from '../../core/errors.js';

export interface FieldDef {
  id: string;
  type: string;
  info?: Record<string, unknown>;
}

/** The Postgres type for each name a client may give, and the name Postgres reports back. */
const TYPES: Record<string, string> = {
  text: 'text', int: 'int4', integer: 'int4', int4: 'int4', int8: 'int8', bigint: 'int8', smallint: 'int2', int2: 'int2',
  numeric: 'numeric', float: 'float8', float8: 'float8', 'double precision': 'float8', real: 'float4', float4: 'float4',
  bool: 'bool', boolean: 'bool', date: 'date', time: 'time', timestamp: 'timestamp', timestamptz: 'timestamptz',
  json: 'json', jsonb: 'jsonb', nested: 'jsonb', interval: 'interval',
};

/** The Postgres type a client's type name means; arrays are `_type` or `type[]`. null: unknown. */
export function pgType(name: string): string | null {
  const t = name.trim().toLowerCase();
  const array = /^_(.+)$/.exec(t) ?? /^(.+)\[\]$/.exec(t);
  if (array) {
    const base = TYPES[array[1]!];
    return base && base !== 'json' && base !== 'jsonb' ? `_${base}` : null;
  }
  return TYPES[t] ?? null;
}

/** SQL spelling of a Postgres type name (`_text` → `text[]`). */
export function sqlType(pg: string): string {
  return pg.startsWith('_') ? `${pg.slice(1)}[]` : pg;
}

export function quoteIdent(id: string): string {
  return `"${id.replace(/"/g, '""')}"`;
}

export function fieldIdError(id: unknown): string | null {
  if (typeof id !== 'string' || id === '') return 'field id is required';
  if (id.startsWith('_')) return `"${id}" is not a valid field name: it may not start with "_"`;
  if (id.includes('"') || /[\u0000-\u001f\u007f]/.test(id)) return `"${id}" is not a valid field name`;
  if (id.trim() !== id) return `"${id}" is not a valid field name: no spaces at either end`;
  if (Buffer.byteLength(id) > 63) return `Column heading "${id}" exceeds limit of 63 characters.`;
  return null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A type from a first-record value: int → int, float → float, numeric text → integer/numeric, ISO date → timestamp. */
export function guessType(value: unknown): string {
  if (value !== null && typeof value === 'object') return 'nested';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') {
    const v = value.trim();
    if (/^[+-]?\d+$/.test(v)) return 'integer';
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return 'numeric';
    if (ISO_DATE.test(v) && !Number.isNaN(Date.parse(v.replace(' ', 'T')))) return 'timestamp';
  }
  return 'text';
}

/** Checks and completes the fields of datastore_create; types missing are guessed from the first record. */
export function cleanFields(raw: unknown, firstRecord: Record<string, unknown> | undefined, existing: FieldDef[] = []): FieldDef[] {
  if (raw === undefined) raw = [];
  if (!Array.isArray(raw)) throw new ValidationError({ fields: ['Not a list'] });
  const errors: string[] = [];
  const out: FieldDef[] = [];
  for (const f of raw) {
    if (!f || typeof f !== 'object' || Array.isArray(f)) {
      errors.push('Each field must be a dict');
      continue;
    }
    const err = fieldIdError(f.id);
    if (err) {
      errors.push(err);
      continue;
    }
    // A field the table has already keeps its type when none is given (dictionary edits).
    let type = typeof f.type === 'string' && f.type ? f.type : existing.find((e) => e.id === f.id)?.type ?? null;
    if (!type) {
      if (!firstRecord || !(f.id in firstRecord)) {
        errors.push(`"${f.id}" type not guessable`);
        continue;
      }
      type = guessType(firstRecord[f.id]);
    }
    if (!pgType(type)) {
      errors.push(`"${type}" is not a valid field type`);
      continue;
    }
    const info = f.info && typeof f.info === 'object' && !Array.isArray(f.info) ? f.info : undefined;
    out.push({ id: f.id, type, ...(info ? { info } : {}) });
  }
  if (new Set(out.map((f) => f.id)).size !== out.length) throw new ValidationError({ fields: ['Duplicate column names are not supported'] });
  if (errors.length) throw new ValidationError({ fields: errors });
  // Keys of the first record that no field names become fields too.
  if (firstRecord) {
    for (const [key, value] of Object.entries(firstRecord)) {
      if (out.some((f) => f.id === key) || key === '_id') continue;
      const err = fieldIdError(key);
      if (err) throw new ValidationError({ records: [err] });
      out.push({ id: key, type: guessType(value) });
    }
  }
  return out;
}

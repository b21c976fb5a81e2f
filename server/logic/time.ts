// CKAN's timestamps: naive UTC in Python isoformat() — six fraction digits, none when zero.
// Postgres hands `timestamp` columns back as text, so microseconds survive untouched.

export function isoTimestamp(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) value = value.toISOString().replace('Z', '');
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?/.exec(value);
  if (!m) return value;
  const frac = (m[3] ?? '').padEnd(6, '0').slice(0, 6);
  return `${m[1]}T${m[2]}${/^0*$/.test(frac) ? '' : `.${frac}`}`;
}

/**
 * Parses an ISO 8601 input (any fraction, optional offset) into a naive-UTC timestamp string for
 * Postgres; null for "" and null; undefined when it is not a date.
 */
export function parseTimestampInput(value: unknown): string | null | undefined {
  if (value === null || value === '' || value === undefined) return null;
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', tz] = m;
  const micros = frac.padEnd(6, '0').slice(0, 6);
  const base = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s);
  if (Number.isNaN(base)) return undefined;
  const check = new Date(base);
  if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d!) return undefined;
  let shifted = base;
  if (tz && tz.toUpperCase() !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    shifted -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  const iso = new Date(shifted).toISOString().slice(0, 19);
  return `${iso}.${micros}`;
}

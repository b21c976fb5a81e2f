// Solr date math for range bounds and date terms: `NOW`, `NOW-1DAY`, `NOW+2HOURS`, `NOW/DAY`,
// `2024-01-01T00:00:00Z-1DAY`, `2024-05-01T10:20:30.123456Z`. Computed on whole microseconds
// (never through a JS Date), so a bound written with microseconds compares exactly against the
// microsecond timestamps in the database.
import { QuerySyntaxError } from './errors.js';

const US_PER_MS = 1000n;
const US_PER_SECOND = 1_000_000n;
const US_PER_MINUTE = 60n * US_PER_SECOND;
const US_PER_HOUR = 60n * US_PER_MINUTE;
const US_PER_DAY = 24n * US_PER_HOUR;

type Unit = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'milli';

const UNITS: Record<string, Unit> = {
  YEAR: 'year', YEARS: 'year',
  MONTH: 'month', MONTHS: 'month',
  DAY: 'day', DAYS: 'day', DATE: 'day',
  HOUR: 'hour', HOURS: 'hour',
  MINUTE: 'minute', MINUTES: 'minute',
  SECOND: 'second', SECONDS: 'second',
  MILLI: 'milli', MILLIS: 'milli', MILLISECOND: 'milli', MILLISECONDS: 'milli',
};

const UNIT_US: Partial<Record<Unit, bigint>> = {
  day: US_PER_DAY, hour: US_PER_HOUR, minute: US_PER_MINUTE, second: US_PER_SECOND, milli: US_PER_MS,
};

// Date, optional time (seconds and fraction optional) with optional Z / offset, then the math.
const DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?((?:[+-]\d+[A-Za-z]+|\/[A-Za-z]+)*)$/;
const NOW_RE = /^NOW((?:[+-]\d+[A-Za-z]+|\/[A-Za-z]+)*)$/i;
const OP_RE = /([+-])(\d+)([A-Za-z]+)|\/([A-Za-z]+)/gy;

// Proleptic Gregorian day numbers (days since 1970-01-01), after H. Hinnant's civil algorithms.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function daysInMonth(y: number, m: number): number {
  return daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1);
}

/** Floor division and remainder for bigint (the remainder takes the divisor's sign). */
function divmod(a: bigint, b: bigint): [bigint, bigint] {
  let q = a / b;
  let r = a % b;
  if (r < 0n) { q -= 1n; r += b; }
  return [q, r];
}

interface Parts { y: number; mo: number; d: number; timeUs: bigint }

function toParts(us: bigint): Parts {
  const [days, timeUs] = divmod(us, US_PER_DAY);
  const [y, mo, d] = civilFromDays(Number(days));
  return { y, mo, d, timeUs };
}

function fromParts(p: Parts): bigint {
  return BigInt(daysFromCivil(p.y, p.mo, p.d)) * US_PER_DAY + p.timeUs;
}

const MIN_US = fromParts({ y: 1, mo: 1, d: 1, timeUs: 0n });
const MAX_US = fromParts({ y: 10000, mo: 1, d: 1, timeUs: 0n }) - 1n;

function format(us: bigint): string {
  const { y, mo, d, timeUs } = toParts(us);
  const [h, r1] = divmod(timeUs, US_PER_HOUR);
  const [mi, r2] = divmod(r1, US_PER_MINUTE);
  const [s, frac] = divmod(r2, US_PER_SECOND);
  const p = (n: number | bigint, w = 2) => String(n).padStart(w, '0');
  return `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}.${p(frac, 6)}`;
}

function addMonths(us: bigint, months: bigint): bigint {
  const p = toParts(us);
  const total = BigInt(p.y) * 12n + BigInt(p.mo - 1) + months;
  if (total < 0n || total > 12n * 10000n) return total < 0n ? MIN_US - 1n : MAX_US + 1n;
  const [y, m0] = divmod(total, 12n);
  const yn = Number(y);
  const mo = Number(m0) + 1;
  // As Solr (java.time): Jan 31 + 1 MONTH = Feb 28/29, the day clamped to the month's end.
  return fromParts({ y: yn, mo, d: Math.min(p.d, daysInMonth(yn, mo)), timeUs: p.timeUs });
}

function roundDown(us: bigint, unit: Unit): bigint {
  const p = toParts(us);
  switch (unit) {
    case 'year': return fromParts({ y: p.y, mo: 1, d: 1, timeUs: 0n });
    case 'month': return fromParts({ y: p.y, mo: p.mo, d: 1, timeUs: 0n });
    default: {
      const size = UNIT_US[unit]!;
      return us - divmod(us, size)[1];
    }
  }
}

function unitOf(name: string, value: string): Unit {
  const unit = UNITS[name.toUpperCase()];
  if (!unit) {
    throw new QuerySyntaxError(
      `Unknown date math unit '${name}' in '${value}' (use YEAR, MONTH, DAY, HOUR, MINUTE, SECOND or MILLI)`);
  }
  return unit;
}

function invalid(value: string, why?: string): QuerySyntaxError {
  return new QuerySyntaxError(
    `Invalid date '${value}'${why ? ` (${why})` : ''}: expected ISO 8601 such as 2024-05-01T10:20:30Z, ` +
    'optionally with date math, or NOW, NOW-1DAY, NOW/DAY');
}

/**
 * Resolves a Solr date (ISO 8601 or NOW, plus date math) to naive UTC `YYYY-MM-DDTHH:MM:SS.ffffff`.
 * A trailing Z is dropped, an offset converted to UTC, a plain date is midnight, and fraction
 * digits written in the input are kept exactly (beyond six they are truncated). Throws
 * QuerySyntaxError for anything else.
 */
export function resolveDateMath(value: string, now: Date): string {
  const text = value.trim();
  let us: bigint;
  let math: string;
  const nowMatch = NOW_RE.exec(text);
  if (nowMatch) {
    const ms = now.getTime();
    if (!Number.isFinite(ms)) throw new TypeError('resolveDateMath: `now` is an invalid Date');
    us = BigInt(ms) * US_PER_MS;
    math = nowMatch[1] ?? '';
  } else {
    const m = DATE_RE.exec(text);
    if (!m) throw invalid(value);
    const [, ys, mos, ds, hs = '0', mis = '0', ss = '0', frac = '', offset, rest = ''] = m;
    const y = Number(ys), mo = Number(mos), d = Number(ds), h = Number(hs), mi = Number(mis), s = Number(ss);
    if (y < 1) throw invalid(value, 'year 0000');
    if (mo < 1 || mo > 12) throw invalid(value, `month ${mos}`);
    if (d < 1 || d > daysInMonth(y, mo)) throw invalid(value, `day ${ds}`);
    if (h > 23 || mi > 59 || s > 59) throw invalid(value, 'time of day');
    const timeUs = BigInt(h) * US_PER_HOUR + BigInt(mi) * US_PER_MINUTE + BigInt(s) * US_PER_SECOND +
      BigInt((frac.slice(0, 6) || '0').padEnd(6, '0'));
    us = fromParts({ y, mo, d, timeUs });
    if (offset && offset.toUpperCase() !== 'Z') {
      const om = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset)!;
      const oh = Number(om[2]), omi = Number(om[3] ?? '0');
      if (oh > 23 || omi > 59) throw invalid(value, `offset ${offset}`);
      const off = BigInt(oh) * US_PER_HOUR + BigInt(omi) * US_PER_MINUTE;
      us = om[1] === '+' ? us - off : us + off;
    }
    math = rest;
  }

  OP_RE.lastIndex = 0;
  let op: RegExpExecArray | null;
  while ((op = OP_RE.exec(math))) {
    if (op[4] !== undefined) {
      us = roundDown(us, unitOf(op[4], value));
    } else {
      const amount = BigInt(op[2]!) * (op[1] === '-' ? -1n : 1n);
      const unit = unitOf(op[3]!, value);
      if (unit === 'year') us = addMonths(us, amount * 12n);
      else if (unit === 'month') us = addMonths(us, amount);
      else us += amount * UNIT_US[unit]!;
    }
    if (us < MIN_US || us > MAX_US) throw invalid(value, 'outside years 0001-9999');
  }
  if (us < MIN_US || us > MAX_US) throw invalid(value, 'outside years 0001-9999');
  return format(us);
}

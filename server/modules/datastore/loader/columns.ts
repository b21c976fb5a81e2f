// From a file's header row to clean field ids, and from its values to a type per column: the
// data dictionary a loaded table starts with. Each type has a normaliser that turns a cell into
// what COPY accepts for that type (Vietnamese day-first dates become ISO), or says it does not fit.

export type ColumnType = 'int8' | 'numeric' | 'date' | 'timestamp' | 'bool' | 'text';

export function cleanHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    let id = String(h ?? '').normalize('NFC').replace(/[\u0000-\u001f\u007f"]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^_+/, '').trim();
    while (Buffer.byteLength(id) > 63) id = id.slice(0, -1);
    if (!id) id = `column_${i + 1}`;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    if (n) {
      let candidate = `${id}_${n + 1}`;
      while (seen.has(candidate)) candidate += '_';
      seen.set(candidate, 1);
      id = candidate;
    }
    return id;
  });
}

const INT = /^[+-]?(0|[1-9]\d{0,17})$/;
const NUM = /^[+-]?((0|[1-9]\d*)(\.\d+)?|\.\d+)([eE][+-]?\d{1,3})?$/; // no leading zeros: codes stay text
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DMY_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_TS = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DMY_TS = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const BOOL = /^(true|false)$/i;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n: string | number, w = 2) => String(n).padStart(w, '0');

/** The cell as COPY should see it for the type; undefined when it does not fit. '' is null. */
export const NORMALISE: Record<ColumnType, (v: string) => string | undefined> = {
  text: (v) => v,
  int8: (v) => (INT.test(v) ? v : undefined),
  numeric: (v) => (NUM.test(v) ? v : undefined),
  bool: (v) => (BOOL.test(v) ? v.toLowerCase() : undefined),
  date: (v) => {
    let m = ISO_DATE.exec(v);
    if (m) return validDate(+m[1]!, +m[2]!, +m[3]!) ? v : undefined;
    m = DMY_DATE.exec(v);
    if (m) return validDate(+m[3]!, +m[2]!, +m[1]!) ? `${m[3]}-${pad(m[2]!)}-${pad(m[1]!)}` : undefined;
    return undefined;
  },
  timestamp: (v) => {
    let m = ISO_TS.exec(v);
    if (m) {
      if (!validDate(+m[1]!, +m[2]!, +m[3]!) || +m[4]! > 23 || +m[5]! > 59 || +(m[6] ?? 0) > 59) return undefined;
      return v.replace(' ', 'T');
    }
    m = DMY_TS.exec(v);
    if (m) {
      if (!validDate(+m[3]!, +m[2]!, +m[1]!) || +m[4]! > 23 || +m[5]! > 59 || +(m[6] ?? 0) > 59) return undefined;
      return `${m[3]}-${pad(m[2]!)}-${pad(m[1]!)}T${pad(m[4]!)}:${m[5]}:${pad(m[6] ?? '0')}`;
    }
    return NORMALISE.date(v);
  },
};

/** Narrower types first: the first that fits every value seen wins. */
const ORDER: ColumnType[] = ['bool', 'int8', 'numeric', 'date', 'timestamp', 'text'];

/** Keeps, per column, the types every value seen so far fits. */
export class TypeGuesser {
  private readonly fits: Set<ColumnType>[];
  private readonly seen: boolean[];

  constructor(columns: number) {
    this.fits = Array.from({ length: columns }, () => new Set(ORDER));
    this.seen = Array.from({ length: columns }, () => false);
  }

  add(row: string[]): void {
    for (let i = 0; i < this.fits.length; i++) {
      const v = (row[i] ?? '').trim();
      if (v === '') continue;
      this.seen[i] = true;
      const fits = this.fits[i]!;
      if (fits.size === 1) continue;
      for (const t of fits) if (t !== 'text' && NORMALISE[t](v) === undefined) fits.delete(t);
    }
  }

  types(): ColumnType[] {
    return this.fits.map((fits, i) => (this.seen[i] ? ORDER.find((t) => fits.has(t))! : 'text'));
  }
}

/** A Postgres column type as the data dictionary names it. */
export const DICTIONARY_TYPE: Record<ColumnType, string> = {
  int8: 'int8', numeric: 'numeric', date: 'date', timestamp: 'timestamp', bool: 'bool', text: 'text',
};

/**
 * Whether a delimited file's first row names its columns. It does not when every typed column
 * (typed by the rows after it) reads the first row's value as its type, and at least one such
 * value is something no header would be: a date, a decimal, a long number, a boolean. Small
 * whole numbers alone prove nothing, as year headers (2019, 2020…) are common in statistics.
 */
export function firstRowIsHeader(first: string[], rest: string[][]): boolean {
  if (!rest.length) return true;
  const guesser = new TypeGuesser(first.length);
  for (const row of rest) guesser.add(row);
  let typed = 0;
  let fitting = 0;
  let telling = 0;
  guesser.types().forEach((type, i) => {
    if (type === 'text') return;
    typed++;
    const value = (first[i] ?? '').trim();
    if (value === '') { fitting++; return; }
    if (NORMALISE[type](value) === undefined) return;
    fitting++;
    if (!/^\d{1,4}$/.test(value)) telling++;
  });
  return !(typed > 0 && fitting === typed && telling > 0);
}

/** Column ids for a file without a header row. */
export const numberedColumns = (width: number) => Array.from({ length: width }, (_, i) => `column_${i + 1}`);

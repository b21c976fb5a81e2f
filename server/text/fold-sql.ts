// The same folding as fold.ts, as a SQL expression, for matching columns that have no folded
// copy (tag, format, organization names). translate() with a generated table keeps it to plain
// SQL, so no unaccent extension is needed on PGlite or Postgres.
import { sql, type SQL } from 'drizzle-orm';
import { fold } from './fold.js';
import { escapeLike } from '../db/like.js';

function foldTable(): { from: string; to: string } {
  let from = '';
  let to = '';
  const ranges: [number, number][] = [[0x00c0, 0x024f], [0x1e00, 0x1eff]];
  for (const [lo, hi] of ranges) {
    for (let code = lo; code <= hi; code++) {
      const ch = String.fromCharCode(code);
      const base = fold(ch);
      if (base.length === 1 && base !== ch && base !== ch.toLowerCase() && /^[a-z]$/.test(base)) {
        from += ch;
        to += base;
      }
    }
  }
  return { from, to };
}

const TABLE = foldTable();

export function foldSql(expr: SQL): SQL {
  return sql`lower(translate(${expr}, ${TABLE.from}, ${TABLE.to}))`;
}

/** A LIKE pattern matching folded text that contains the folded needle. */
export function containsPattern(needle: string): string {
  return `%${escapeLike(fold(needle))}%`;
}

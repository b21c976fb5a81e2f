// Small pieces every raw-SQL caller needs, whichever driver runs underneath.
import { sql } from 'drizzle-orm';
import type { Tx } from './database.js';

/** Rows of a db.execute result: postgres-js returns an array, PGlite an object with `rows`. */
export function rowsOf<T>(res: unknown): T[] {
  return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
}

/** The current time as Kho stores times (naive UTC), for set() and values(). */
export const NOW_UTC = sql`timezone('utc', clock_timestamp())` as unknown as string;

/** Takes a transaction-scoped advisory lock if nobody holds it; false when another process does. */
export async function tryAdvisoryXactLock(tx: Tx, key: number): Promise<boolean> {
  return !!rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${key}) as ok`))[0]?.ok;
}

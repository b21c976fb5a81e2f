// drizzle sends every query it builds to postgres-js as an unnamed statement, and postgres-js must
// then learn the parameter types first: Parse + Describe, wait for the answer, then Bind +
// Execute. Every parameterized query cost two round trips to Postgres (and two wake-ups of its
// backend), which was most of package_create's time. A statement that repeats is promoted to a
// named one that postgres-js keeps per connection, so from then on it takes one round trip and
// Postgres parses it once.
//
// Promotion is bounded, because Postgres keeps every named statement for the connection's life:
// only a text seen twice is promoted, at most MAX_PROMOTED texts per process; and text built
// around DataStore tables (created, altered and dropped while Kho runs, and read under a
// changed search_path) is never promoted.
//
// A named statement may get one generic plan after five runs, which is right for lookups by key
// and writes but not for search, whose best plan depends on the words asked for (a generic plan
// made free-text search twice as slow under load: bench/results/2026-12-03-prepared-statements.txt).
// Such a query starts with PLAN_EACH_RUN and stays unnamed, planned for its values on each run.
import { sql } from 'drizzle-orm';
import type { Sql } from 'postgres';

const PLAN_EACH_RUN_MARK = '/* kho:plan-each-run */';
/** Put first in a query whose plan must suit its values (search): it is never named. */
export const PLAN_EACH_RUN = sql.raw(`${PLAN_EACH_RUN_MARK} `);

const MAX_PROMOTED = 400;
const MAX_TEXT = 16_384;
const MAX_SEEN = 4_096;

export class StatementPromotion {
  private readonly seen = new Set<string>();
  private readonly promoted = new Set<string>();

  /** `enabled` false (DATABASE_PREPARED_STATEMENTS=0): nothing is named, for poolers that cannot keep named statements. */
  constructor(readonly enabled = true) {}

  /** Whether this query text should run as a named statement. */
  promote(text: string, parameterCount: number): boolean {
    if (!this.enabled) return false;
    if (this.promoted.has(text)) return true;
    if (parameterCount === 0 || text.length > MAX_TEXT || this.promoted.size >= MAX_PROMOTED) return false;
    if (text.startsWith(PLAN_EACH_RUN_MARK) || /datastore/i.test(text)) return false;
    if (!this.seen.has(text)) {
      // Texts seen once are forgotten wholesale when there are many: one-off texts must not pile up.
      if (this.seen.size >= MAX_SEEN) this.seen.clear();
      this.seen.add(text);
      return false;
    }
    this.seen.delete(text);
    this.promoted.add(text);
    return true;
  }
}

type UnsafeOptions = { prepare?: boolean } & Record<string, unknown>;

/**
 * The client drizzle is given: the same postgres-js client, whose `unsafe` (the one call drizzle
 * makes) asks the policy whether to name the statement, inside transactions and savepoints too.
 */
export function promotingClient(client: Sql, policy: StatementPromotion): Sql {
  const unsafe = (text: string, params: unknown[] = [], options: UnsafeOptions = {}) => {
    if (!Array.isArray(params)) return client.unsafe(text, params);
    // drizzle's own named statements (.prepare(name)) ask for prepare: true; the switch overrides them too.
    const prepare = options.prepare === true ? policy.enabled : policy.promote(text, params.length);
    return client.unsafe(text, params as never[], { ...options, prepare });
  };
  const scoped = (scope: unknown) => typeof scope !== 'function' ? scope : (...args: unknown[]) => {
    const body = args[args.length - 1] as (tx: Sql) => unknown;
    return (scope as (...a: unknown[]) => unknown).apply(client, [...args.slice(0, -1), (tx: Sql) => body(promotingClient(tx, policy))]);
  };
  const own: Record<string | symbol, unknown> = {
    unsafe,
    begin: scoped(Reflect.get(client, 'begin')),
    savepoint: scoped(Reflect.get(client, 'savepoint')),
  };
  return new Proxy(client, {
    get: (target, prop) => (prop in own ? own[prop] : Reflect.get(target, prop, target)),
  });
}

// Periodic tasks run once per interval across every process on the database: before running one,
// a process moves its `last_run` forward with a conditional upsert. Postgres locks the task's row
// for that statement, so of two processes asking at once exactly one sees its condition hold; the
// other finds the row just moved and runs nothing. `running_until` keeps a slow run from being
// started again by another process before it ends (or, if its process died, until the lease ends).
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { periodicTasks } from '../db/schema.js';
import { rowsOf } from '../db/sql-helpers.js';

/** True when this process may run the task now (and holds it for at most `leaseMs`). */
export async function claimPeriodic(db: Tx, name: string, everyMs: number, leaseMs: number): Promise<boolean> {
  const now = sql`timezone('utc', clock_timestamp())`;
  const rows = rowsOf<{ name: string }>(await db.execute(sql`
    insert into ${periodicTasks} as t (name, last_run, running_until)
    values (${name}, ${now}, ${now} + make_interval(secs => ${leaseMs / 1000}))
    on conflict (name) do update set last_run = excluded.last_run, running_until = excluded.running_until
      where t.last_run <= excluded.last_run - make_interval(secs => ${everyMs / 1000})
        and (t.running_until is null or t.running_until < excluded.last_run)
    returning t.name`));
  return rows.length > 0;
}

/** The run is over: another process may take the task at its next interval. */
export async function releasePeriodic(db: Tx, name: string): Promise<void> {
  await db.execute(sql`update ${periodicTasks} set running_until = null where name = ${name}`);
}

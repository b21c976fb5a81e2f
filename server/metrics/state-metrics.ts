// Figures read from the database when Prometheus scrapes: the job queue and the connections.
// The jobs table is shared by every Kho process, so reading it gives figures that are right for
// the whole deployment (a counter in this process would see only the jobs this process ran, and
// be lost on restart). They are gauges, not counters: clearing old jobs (job_clear) lowers them.
import { Gauge, type Registry } from 'prom-client';
import { sql } from 'drizzle-orm';
import type { Kho } from '../core/kho.js';
import { rowsOf } from '../db/sql-helpers.js';
import { jobs } from '../db/schema.js';
import { withDeadline } from '../core/timeout.js';

/** A scrape must answer even when the database does not. */
const QUERY_TIMEOUT_MS = 2000;

export interface StateMetrics {
  /** Reads the figures anew; call before each scrape. */
  refresh(): Promise<void>;
}

export function stateMetrics(registry: Registry, kho: Kho): StateMetrics {
  const registers = [registry];
  const up = new Gauge({ name: 'kho_database_up', help: '1 when the database answered this scrape\'s queries, else 0', registers });
  const jobCount = new Gauge({
    name: 'kho_jobs', help: 'Jobs in the queue by kind and state (pending and running: the queue depth; DataStore loads are kind="datastore_load")',
    labelNames: ['kind', 'state'], registers,
  });
  const attempts = new Gauge({ name: 'kho_job_attempts', help: 'Runs started, by job kind, over the jobs the table holds', labelNames: ['kind'], registers });
  const failures = new Gauge({
    name: 'kho_job_failures', help: 'Jobs whose last run failed (failed for good, or waiting to retry), by kind',
    labelNames: ['kind'], registers,
  });
  const poolSize = new Gauge({ name: 'kho_db_pool_size', help: 'Database connections this process may open at once (1 on the embedded database)', registers });
  const connections = new Gauge({
    name: 'kho_db_connections',
    help: 'Connections Kho processes hold to this Postgres database, by state (from pg_stat_activity; this scrape\'s own query is one active)',
    labelNames: ['state'], registers,
  });

  async function readJobs() {
    const rows = rowsOf<{ kind: string; state: string; n: number; attempts: number; failed: number }>(await kho.database.db.execute(sql`
      select kind, state, count(*)::int as n, coalesce(sum(attempts), 0)::int as attempts,
             (count(*) filter (where error is not null and state <> 'complete'))::int as failed
      from ${jobs} group by kind, state`));
    jobCount.reset();
    attempts.reset();
    failures.reset();
    for (const r of rows) {
      jobCount.set({ kind: r.kind, state: r.state }, Number(r.n));
      attempts.inc({ kind: r.kind }, Number(r.attempts));
      failures.inc({ kind: r.kind }, Number(r.failed));
    }
  }

  async function readConnections() {
    connections.reset();
    if (kho.database.kind !== 'postgres') return;
    const rows = rowsOf<{ state: string | null; n: number }>(await kho.database.db.execute(sql`
      select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity
      where datname = current_database() and application_name = 'kho' group by 1`));
    for (const r of rows) connections.set({ state: r.state ?? 'unknown' }, Number(r.n));
  }

  return {
    async refresh() {
      poolSize.set(kho.database.poolSize);
      try {
        await withDeadline(Promise.all([readJobs(), readConnections()]), QUERY_TIMEOUT_MS);
        up.set(1);
      } catch {
        up.set(0);
      }
    },
  };
}

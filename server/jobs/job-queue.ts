// A durable job queue in Postgres. Jobs are written in the transaction of the change that calls
// for them, claimed with FOR UPDATE SKIP LOCKED so each runs in one process only, kept alive by a
// heartbeat, and taken up again when the heartbeat of a running job stops.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/database.js';
import { jobs } from '../db/schema.js';
import { NOW_UTC } from '../db/sql-helpers.js';

export type Job = typeof jobs.$inferSelect;
export type JobKind = 'datastore_load';

const STALE_AFTER_S = 60;
const MAX_ATTEMPTS = 3;

/** Queues a job for a resource; a pending one for the same resource is superseded by it. */
export async function enqueueJob(tx: Tx, kind: JobKind, resourceId: string): Promise<void> {
  await tx.update(jobs).set({ state: 'superseded', finished: NOW_UTC })
    .where(and(eq(jobs.kind, kind), eq(jobs.resourceId, resourceId), eq(jobs.state, 'pending')));
  await tx.insert(jobs).values({ kind, resourceId });
}

/** The latest job of a resource, for status reports. */
export async function latestJob(db: Tx, kind: JobKind, resourceId: string): Promise<Job | null> {
  const rows = await db.select().from(jobs).where(and(eq(jobs.kind, kind), eq(jobs.resourceId, resourceId), sql`${jobs.state} <> 'superseded'`))
    .orderBy(desc(jobs.id)).limit(1);
  return rows[0] ?? null;
}

/** Whether a newer job for the same resource has been queued since this one (its work would be stale). */
export async function superseded(db: Tx, job: Job): Promise<boolean> {
  const rows = await db.select({ id: jobs.id }).from(jobs)
    .where(and(eq(jobs.kind, job.kind), eq(jobs.resourceId, job.resourceId), sql`${jobs.id} > ${job.id}`, inArray(jobs.state, ['pending', 'running'])))
    .limit(1);
  return rows.length > 0;
}

/**
 * Claims the oldest pending job, skipping kinds in `busy` (this process runs as many of them as it
 * may) and resources that already have a job running (a load's successor waits for it).
 */
async function claim(db: Tx, busy: string[]): Promise<Job | null> {
  // Running jobs whose process stopped beating go back to the queue (or fail after a few tries).
  await db.execute(sql`update ${jobs} set state = case when attempts >= ${MAX_ATTEMPTS} then 'error' else 'pending' end,
      error = case when attempts >= ${MAX_ATTEMPTS} then '{"message": "the load was interrupted too many times"}'::jsonb else error end
    where state = 'running' and heartbeat < timezone('utc', clock_timestamp()) - make_interval(secs => ${STALE_AFTER_S})`);
  const notBusy = busy.length ? sql`and p.kind not in (${sql.join(busy.map((k) => sql`${k}`), sql`, `)})` : sql``;
  const [job] = await db.update(jobs)
    .set({ state: 'running', attempts: sql`${jobs.attempts} + 1`, rowsDone: 0, error: null, started: NOW_UTC, heartbeat: NOW_UTC })
    .where(eq(jobs.id, sql`(select p.id from ${jobs} p where p.state = 'pending' ${notBusy}
      and not exists (select 1 from ${jobs} r where r.kind = p.kind and r.resource_id = p.resource_id and r.state = 'running')
      order by p.id limit 1 for update of p skip locked)`))
    .returning();
  return job ?? null;
}

export interface JobProgress {
  /** records rows done so far and keeps the job's heartbeat going */
  rows(done: number): Promise<void>;
}

export type JobHandler = ((job: Job, progress: JobProgress) => Promise<{ rows: number; method?: string }>) & {
  /** jobs of this kind one process runs at once (1 unless given) */
  slots?: number;
};

/** A job's failure that is the input's fault: reported on the job, not retried. */
export class JobInputError extends Error {
  constructor(message: string, readonly lines: { line: number; message: string }[] = []) {
    super(message);
  }
}

/**
 * Runs jobs in this process, each kind at most its handler's `slots` at once: loads share the
 * process (and on the embedded database its one connection) with the API, so how many run at
 * once is bounded, however many are queued.
 */
export class JobWorker {
  private stopped = true;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  /** jobs running now, per kind, and their promises */
  private readonly active = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  /** claims one at a time, so two callers never both take the last free slot */
  private claiming: Promise<unknown> = Promise.resolve();

  private readonly lastRun = new Map<string, number>();

  constructor(
    private readonly database: Database,
    private readonly handlers: Partial<Record<JobKind, JobHandler>>,
    private readonly log: (msg: string) => void = () => {},
    /** housekeeping run between jobs, each at most every `everyMs` */
    private readonly periodic: { name: string; everyMs: number; run: () => Promise<void> }[] = [],
  ) {}

  /** How many jobs of a kind may run at once in this process. */
  slots(kind: string): number {
    return Math.max(1, Math.floor(this.handlers[kind as JobKind]?.slots ?? 1));
  }

  /** How many jobs (of a kind, or of every kind) this process is running now. */
  runningCount(kind?: string): number {
    if (kind) return this.active.get(kind) ?? 0;
    let n = 0;
    for (const v of this.active.values()) n += v;
    return n;
  }

  private async housekeeping(): Promise<void> {
    for (const task of this.periodic) {
      const now = Date.now();
      if (now - (this.lastRun.get(task.name) ?? 0) < task.everyMs) continue;
      this.lastRun.set(task.name, now);
      try {
        await task.run();
      } catch (err) {
        this.log(`${task.name}: ${err instanceof Error ? err.message : err}`);
      }
    }
  }

  /**
   * Claims a job for a free slot and starts it: `done` settles when the job has finished;
   * 'empty' when no job is waiting that a free slot could take.
   */
  private startOne(): Promise<{ done: Promise<void> } | 'empty'> {
    const attempt = this.claiming.then(async () => {
      const busy = [...this.active].filter(([kind, n]) => n >= this.slots(kind)).map(([kind]) => kind);
      const job = await claim(this.database.db, busy);
      if (!job) return 'empty' as const;
      this.active.set(job.kind, (this.active.get(job.kind) ?? 0) + 1);
      const done = this.run(job).finally(() => {
        this.active.set(job.kind, (this.active.get(job.kind) ?? 1) - 1);
        this.inFlight.delete(done);
        // A slot is free: look for the next job now rather than at the next poll.
        this.kick();
      });
      this.inFlight.add(done);
      return { done };
    });
    this.claiming = attempt.catch(() => {});
    return attempt;
  }

  /**
   * Runs jobs until none is pending, in parallel up to each kind's slots (shared with the
   * background loop). Returns how many this call started.
   */
  async runPending(): Promise<number> {
    let n = 0;
    const mine = new Set<Promise<void>>();
    for (;;) {
      const started = await this.startOne();
      if (started !== 'empty') {
        const { done } = started;
        n++;
        mine.add(done);
        void done.finally(() => mine.delete(done));
        continue;
      }
      // Nothing a free slot could take: done, unless jobs still running may free a slot (or,
      // once done, be followed by the jobs queued behind them).
      if (!mine.size && !this.inFlight.size) return n;
      if (!mine.size && !(await this.anyPending())) return n;
      // (Those jobs may have finished meanwhile: then look again at once.)
      const running = [...mine, ...this.inFlight];
      if (running.length) await Promise.race(running);
    }
  }

  private async anyPending(): Promise<boolean> {
    const rows = await this.database.db.select({ id: jobs.id }).from(jobs).where(eq(jobs.state, 'pending')).limit(1);
    return rows.length > 0;
  }

  private async run(job: Job): Promise<void> {
    const db = this.database.db;
    const handler = this.handlers[job.kind as JobKind];
    let lastBeat = 0;
    const progress: JobProgress = {
      async rows(done) {
        const now = Date.now();
        if (now - lastBeat < 1000) return;
        lastBeat = now;
        await db.update(jobs).set({ rowsDone: done, heartbeat: NOW_UTC }).where(eq(jobs.id, job.id));
      },
    };
    try {
      if (!handler) throw new JobInputError(`no handler for jobs of kind ${job.kind}`);
      const { rows, method } = await handler(job, progress);
      await db.update(jobs).set({ state: 'complete', rowsDone: rows, method: method ?? null, finished: NOW_UTC })
        .where(eq(jobs.id, job.id));
    } catch (err) {
      const input = err instanceof JobInputError;
      if (!input) this.log(`job ${job.id} (${job.kind} ${job.resourceId}) failed: ${err instanceof Error ? err.stack : err}`);
      const message = input ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
      await db.update(jobs).set({
        state: 'error', finished: NOW_UTC,
        error: { message, ...(input && err.lines.length ? { lines: err.lines } : {}) },
      }).where(eq(jobs.id, job.id)).catch(() => {});
    }
  }

  /** Polls for jobs in the background; `kick()` makes it look at once. */
  start(intervalMs = 1000): void {
    this.stopped = false;
    const tick = async () => {
      try {
        await this.housekeeping();
        // Fill the free slots; the jobs run on while this loop waits for the next poll.
        while (!this.stopped && (await this.startOne()) !== 'empty') { /* started one */ }
      } catch (err) {
        this.log(`job worker: ${err instanceof Error ? err.message : err}`);
      }
      if (this.stopped) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, intervalMs);
      });
      this.wake = null;
      if (!this.stopped) this.running = tick();
    };
    this.running = tick();
  }

  kick(): void {
    this.wake?.();
  }

  /** Stops polling and waits for the jobs this process is running. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.running;
    await Promise.allSettled([...this.inFlight]);
  }
}

// A durable job queue in Postgres. Jobs are written in the transaction of the change that calls
// for them, claimed with FOR UPDATE SKIP LOCKED so each runs in one process only, kept alive by a
// heartbeat, taken up again when the heartbeat of a running job stops, and retried after a
// backoff when they fail. Any kind a module registers on the worker (worker.ts) can be queued;
// this file is the SQL of the queue itself.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { jobs } from '../db/schema.js';
import { NOW_UTC } from '../db/sql-helpers.js';


export type Job = typeof jobs.$inferSelect;
/** The kind of a job: any name a module registers on the worker (`datastore_load`, `harvest_run`…). */
export type JobKind = string;

/** A job in one of these states is still to be done. */
export const QUEUED_STATES = ['pending', 'running'];
export type JobError = NonNullable<Job['error']>;

/** How long a running job's heartbeat may be silent before its process is taken to have stopped. */
export const STALE_AFTER_S = 60;
export const DEFAULT_MAX_ATTEMPTS = 3;

/** A job's failure that is the input's fault: reported on the job, never retried. */
export class JobInputError extends Error {
  constructor(message: string, readonly lines: { line: number; message: string }[] = []) {
    super(message);
  }
}

/**
 * A failure of something outside Kho that may pass (a source that timed out, a server error):
 * reported on the job in its own words and retried after the backoff, not logged as a bug.
 */
export class JobTransientError extends Error {}

/** Thrown into a handler (by its progress calls) once its job was cancelled or taken over. */
export class JobCancelled extends Error {
  constructor(readonly jobId: number) {
    super(`job ${jobId} was cancelled`);
  }
}

/** Waits before the next attempt: 10 s, 1 min, 6 min, 36 min, then every hour. */
export function defaultBackoff(attempt: number): number {
  return Math.min(10_000 * 6 ** Math.max(0, attempt - 1), 3_600_000);
}

export interface EnqueueOptions {
  payload?: Record<string, unknown>;
  /** not claimed before this moment (a Date, or a naive-UTC ISO timestamp as Kho stores them) */
  runAt?: Date | string;
  /** id of the user who queued it; the job's work is recorded in their name */
  createdBy?: string | null;
}

const naiveUtc = (at: Date | string) => (at instanceof Date ? at.toISOString().replace('Z', '') : at);

/**
 * Queues a job of `kind` about `key`. For kinds registered with `supersede`, an older pending job
 * for the same key is replaced when the worker gets to them (see claim), so callers need not know.
 */
export async function enqueueJob(tx: Tx, kind: JobKind, key: string, opts: EnqueueOptions = {}): Promise<Job> {
  const [job] = await tx.insert(jobs).values({
    kind,
    key,
    payload: opts.payload ?? {},
    createdBy: opts.createdBy ?? null,
    ...(opts.runAt !== undefined ? { runAt: naiveUtc(opts.runAt) } : {}),
  }).returning();
  return job!;
}

/** The latest job of a kind about a key, for status reports. */
export async function latestJob(db: Tx, kind: JobKind, key: string): Promise<Job | null> {
  const rows = await db.select().from(jobs).where(and(eq(jobs.kind, kind), eq(jobs.key, key), sql`${jobs.state} <> 'superseded'`))
    .orderBy(desc(jobs.id)).limit(1);
  return rows[0] ?? null;
}

/** The row of a job while this attempt of it still owns it (running, not cancelled, not taken over). */
const ownAttempt = (job: Job): SQL => and(eq(jobs.id, job.id), eq(jobs.state, 'running'), eq(jobs.attempts, job.attempts))!;

/**
 * Whether this attempt's work would be stale: a newer job for the same key has been queued since,
 * or this one was cancelled (or taken over after its heartbeat stopped).
 */
export async function superseded(db: Tx, job: Job): Promise<boolean> {
  const newer = await db.select({ id: jobs.id }).from(jobs)
    .where(and(eq(jobs.kind, job.kind), eq(jobs.key, job.key), sql`${jobs.id} > ${job.id}`, inArray(jobs.state, QUEUED_STATES)))
    .limit(1);
  if (newer.length) return true;
  const mine = await db.select({ id: jobs.id }).from(jobs).where(ownAttempt(job));
  return mine.length === 0;
}

/** What a worker may claim: the kinds it runs with a free slot, and each kind's rules. */
export interface ClaimRules {
  kinds: string[];
  /** kinds whose newest pending job for a key replaces the older pending ones */
  superseding: ReadonlySet<string>;
  maxAttempts: (kind: string) => number;
}

const list = (values: string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** Running jobs whose process stopped beating go back to the queue, or fail once out of attempts. */
export async function requeueStale(db: Tx): Promise<void> {
  await db.execute(sql`update ${jobs} set
      state = case when attempts >= max_attempts then 'error' else 'pending' end,
      run_at = ${NOW_UTC},
      heartbeat = null,
      error = case when attempts >= max_attempts
        then jsonb_build_object('message', 'the job was interrupted ' || attempts || ' times (its process stopped)')
        else '{"message": "the job was interrupted (its process stopped)"}'::jsonb end,
      finished = case when attempts >= max_attempts then ${NOW_UTC} else null end
    where state = 'running' and heartbeat < ${NOW_UTC} - make_interval(secs => ${STALE_AFTER_S})`);
}

/**
 * Claims the oldest due pending job of the given kinds whose key has no job of its kind running
 * (a key's next job waits for the one running). Of a superseding kind only the newest pending job
 * for a key is taken; the older ones are marked superseded.
 */
export async function claimJob(db: Tx, rules: ClaimRules): Promise<Job | null> {
  if (!rules.kinds.length) return null;
  const superseding = rules.kinds.filter((k) => rules.superseding.has(k));
  const newestOnly = superseding.length
    ? sql`and not (p.kind in (${list(superseding)}) and exists (select 1 from ${jobs} n
        where n.kind = p.kind and n.key = p.key and n.state = 'pending' and n.id > p.id))`
    : sql``;
  const maxAttempts = sql`case ${jobs.kind} ${sql.join(rules.kinds.map((k) => sql`when ${k} then ${rules.maxAttempts(k)}::int`), sql` `)} else ${jobs.maxAttempts} end`;
  const [job] = await db.update(jobs)
    .set({
      state: 'running', attempts: sql`${jobs.attempts} + 1`, maxAttempts: maxAttempts as unknown as number,
      rowsDone: 0, started: NOW_UTC, heartbeat: NOW_UTC, finished: null,
    })
    .where(eq(jobs.id, sql`(select p.id from ${jobs} p where p.state = 'pending' and p.kind in (${list(rules.kinds)})
      and p.run_at <= ${NOW_UTC}
      and not exists (select 1 from ${jobs} r where r.kind = p.kind and r.key = p.key and r.state = 'running')
      ${newestOnly}
      order by p.id limit 1 for update of p skip locked)`))
    .returning();
  if (!job) return null;
  if (rules.superseding.has(job.kind)) {
    await db.update(jobs).set({ state: 'superseded', finished: NOW_UTC })
      .where(and(eq(jobs.kind, job.kind), eq(jobs.key, job.key), eq(jobs.state, 'pending'), sql`${jobs.id} < ${job.id}`));
  }
  return job;
}

/** Whether a job of these kinds is due now (another may be claimable once a slot frees). */
export async function anyDue(db: Tx, kinds: string[]): Promise<boolean> {
  if (!kinds.length) return false;
  const rows = await db.select({ id: jobs.id }).from(jobs)
    .where(and(eq(jobs.state, 'pending'), inArray(jobs.kind, kinds), sql`${jobs.runAt} <= ${NOW_UTC}`))
    .limit(1);
  return rows.length > 0;
}

/** Keeps a running job's heartbeat (and its progress); false once the job is no longer this attempt's. */
export async function beat(db: Tx, job: Job, rowsDone?: number): Promise<boolean> {
  const rows = await db.update(jobs).set({ heartbeat: NOW_UTC, ...(rowsDone !== undefined ? { rowsDone } : {}) })
    .where(ownAttempt(job)).returning({ id: jobs.id });
  return rows.length > 0;
}

/** Records a finished attempt; nothing when the job was cancelled or taken over meanwhile. */
export async function completeJob(db: Tx, job: Job, result: { rows?: number; method?: string }): Promise<boolean> {
  const rows = await db.update(jobs)
    .set({ state: 'complete', rowsDone: result.rows ?? 0, method: result.method ?? null, error: null, finished: NOW_UTC })
    .where(ownAttempt(job)).returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * Records a failed attempt: back to pending after `retryInMs` (the error kept meanwhile), or, with
 * `retryInMs` null, failed for good.
 */
export async function failJob(db: Tx, job: Job, error: JobError, retryInMs: number | null): Promise<void> {
  const set = retryInMs === null
    ? { state: 'error', error, finished: NOW_UTC }
    : {
      state: 'pending', error, heartbeat: null,
      runAt: sql`${NOW_UTC} + make_interval(secs => ${retryInMs / 1000})` as unknown as string,
    };
  await db.update(jobs).set(set).where(ownAttempt(job));
}

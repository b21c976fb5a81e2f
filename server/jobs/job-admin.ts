// What a sysadmin sees and does with the queue (CKAN's job_list, job_show, job_clear,
// job_cancel). Jobs are never deleted here: a cleared or cancelled job stays, marked `cancelled`,
// so its history can still be looked up; a running one keeps running until its next heartbeat
// or progress report, and its result is not recorded.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { jobs } from '../db/schema.js';
import { NOW_UTC } from '../db/sql-helpers.js';
import { QUEUED_STATES, type Job } from './job-queue.js';


/** A job id as clients send it ("42" or 42); null when it cannot be one. */
export function jobId(raw: unknown): number | null {
  const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!/^\d{1,15}$/.test(s)) return null;
  return Number(s);
}

export async function listJobs(db: Tx, opts: { kinds?: string[]; states?: string[]; limit: number }): Promise<Job[]> {
  const where = [inArray(jobs.state, opts.states?.length ? opts.states : QUEUED_STATES)];
  if (opts.kinds?.length) where.push(inArray(jobs.kind, opts.kinds));
  return db.select().from(jobs).where(and(...where)).orderBy(asc(jobs.id)).limit(opts.limit);
}

export async function findJob(db: Tx, id: number): Promise<Job | null> {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  return job ?? null;
}

/** Cancels the pending jobs (of the given kinds, or of every kind); the kinds it cancelled some of. */
export async function clearPending(db: Tx, kinds?: string[]): Promise<string[]> {
  const where = [eq(jobs.state, 'pending')];
  if (kinds?.length) where.push(inArray(jobs.kind, kinds));
  const rows = await db.update(jobs).set({ state: 'cancelled', finished: NOW_UTC }).where(and(...where))
    .returning({ kind: jobs.kind });
  return [...new Set(rows.map((r) => r.kind))].sort();
}

/**
 * Cancels one job if it is pending or running; the job as it now is (its state says whether it
 * was cancelled or had already finished), null when there is no such job.
 */
export async function cancelJob(db: Tx, id: number): Promise<Job | null> {
  const [cancelled] = await db.update(jobs).set({ state: 'cancelled', finished: NOW_UTC })
    .where(and(eq(jobs.id, id), inArray(jobs.state, QUEUED_STATES))).returning();
  return cancelled ?? findJob(db, id);
}

// CKAN's background-job actions, for sysadmins: a "queue" in CKAN is a job kind in Kho. The job
// dict has CKAN's fields (id, title, created, queue) and Kho's (kind, key, state, attempts…).
import type { ActionDef } from './registry.js';
import { jobRules as rules } from '../auth/rules/job.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { cancelJob, clearPending, findJob, jobId, listJobs } from '../jobs/job-admin.js';
import type { Job } from '../jobs/job-queue.js';
import { isoTimestamp } from '../logic/time.js';

/** job_list answers at most this many jobs (the oldest first). */
const LIST_LIMIT = 1000;

export function jobDict(job: Job) {
  return {
    id: String(job.id),
    title: `${job.kind} ${job.key}`,
    // As CKAN writes it: naive UTC to the second.
    created: isoTimestamp(job.created)!.slice(0, 19),
    queue: job.kind,
    kind: job.kind,
    key: job.key,
    state: job.state,
    payload: job.payload,
    run_at: isoTimestamp(job.runAt),
    attempts: job.attempts,
    max_attempts: job.maxAttempts,
    started: isoTimestamp(job.started),
    finished: isoTimestamp(job.finished),
    heartbeat: isoTimestamp(job.heartbeat),
    rows_done: job.rowsDone,
    method: job.method,
    error: job.error,
    created_by: job.createdBy,
  };
}

const asList = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);

async function requireJob(db: Parameters<typeof findJob>[0], raw: unknown): Promise<Job> {
  const id = jobId(raw);
  const job = id === null ? null : await findJob(db, id);
  if (!job) throw new NotFoundError(`job ${String(raw)}`);
  return job;
}

export const jobActions: ActionDef[] = [
  {
    // The jobs waiting or running (Kho: `states` asks for others), oldest first.
    name: 'job_list', read: true, auth: rules.job_list, schema: 'job#/definitions/job_list',
    async handler(ctx, data) {
      const jobs = await listJobs(ctx.kho.database.db, {
        kinds: asList(data.queues),
        states: asList(data.states),
        limit: Math.min(data.limit ?? LIST_LIMIT, LIST_LIMIT),
      });
      return jobs.map(jobDict);
    },
  },
  {
    name: 'job_show', read: true, auth: rules.job_show, schema: 'job#/definitions/job_show',
    async handler(ctx, data) {
      return jobDict(await requireJob(ctx.kho.database.db, data.id));
    },
  },
  {
    // Cancels the waiting jobs of the given queues (all when none is given); the queues cleared.
    name: 'job_clear', read: false, auth: rules.job_clear, schema: 'job#/definitions/job_clear',
    async handler(ctx, data) {
      const asked = asList(data.queues)?.filter(Boolean);
      const cleared = await clearPending(ctx.kho.database.db, asked?.length ? asked : undefined);
      if (asked?.length) return [...new Set(asked)];
      return [...new Set([...cleared, ...(ctx.kho.jobs?.registeredKinds() ?? [])])].sort();
    },
  },
  {
    // A waiting job will not run; a running one's result is not recorded (it stops at its next report).
    name: 'job_cancel', read: false, auth: rules.job_cancel, schema: 'job#/definitions/job_show',
    async handler(ctx, data) {
      const id = jobId(data.id);
      const job = id === null ? null : await cancelJob(ctx.kho.database.db, id);
      if (!job) throw new NotFoundError(`job ${String(data.id)}`);
      if (job.state !== 'cancelled') throw new ValidationError({ id: [`Job ${job.id} has already finished (${job.state})`] });
      return null;
    },
  },
];

// The worker that runs queued jobs in this process. Modules register the kinds they own, each
// with how many run at once here, how often it is tried and how long to wait between tries; jobs
// of a kind this process did not register stay queued for a process that did. Periodic
// housekeeping registered with `every` runs once per interval across all processes.
import type { Database } from '../db/database.js';
import {
  anyDue, beat, claimJob, completeJob, DEFAULT_MAX_ATTEMPTS, defaultBackoff, failJob, JobCancelled, JobInputError, JobTransientError,
  requeueStale, STALE_AFTER_S, type Job, type JobError,
} from './job-queue.js';
import { claimPeriodic, releasePeriodic } from './periodic.js';

/** How often the background poll looks for jobs whose process stopped. */
const REQUEUE_EVERY_MS = 15_000;

export interface JobProgress {
  /** records rows done so far and keeps the job's heartbeat; throws JobCancelled once cancelled */
  rows(done: number): Promise<void>;
  /** aborted when the job is cancelled (or taken over), for handlers that can stop midway */
  signal: AbortSignal;
}

export interface KindOptions {
  /** jobs of this kind one process runs at once (1 unless given) */
  slots?: number;
  /** attempts before the job fails for good (3 unless given) */
  maxAttempts?: number;
  /** milliseconds to wait after failed attempt `n` (1, 2, …) before the next */
  backoff?: (attempt: number) => number;
  /** a newer pending job for the same key replaces an older pending one (its work would be stale) */
  supersede?: boolean;
}

export type JobResult = { rows?: number; method?: string } | void;

/** Runs one job; the options may also be set on the function itself (read each time they are needed). */
export type JobHandler = ((job: Job, progress: JobProgress) => Promise<JobResult>) & KindOptions;

interface PeriodicTask {
  name: string;
  everyMs: number;
  run: () => Promise<void>;
  /** how long one run may hold the task before another process may take it up */
  leaseMs: number;
  /** when this process last asked for it (so it asks the database at most once per interval) */
  lastAsked: number;
}

/**
 * Runs jobs in this process, each kind at most its `slots` at once: jobs share the process (and
 * on the embedded database its one connection) with the API, so how many run at once is bounded,
 * however many are queued.
 */
export class JobWorker {
  private stopped = true;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  private readonly kinds = new Map<string, { handler: JobHandler; opts: KindOptions }>();
  private readonly tasks: PeriodicTask[] = [];
  /** jobs running now, per kind, and their promises */
  private readonly active = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  /** jobs this process has finished, so a caller can tell a slot freed while it was claiming */
  private finishedCount = 0;
  private lastRequeue = 0;
  /** claims one at a time, so two callers never both take the last free slot */
  private claiming: Promise<unknown> = Promise.resolve();

  /**
   * `handlers` and `periodic` are the older way to register (kinds with their options set on the
   * handler function); `register` and `every` are the same.
   */
  constructor(
    private readonly database: Database,
    handlers: Record<string, JobHandler> = {},
    private readonly log: (msg: string) => void = () => {},
    periodic: { name: string; everyMs: number; run: () => Promise<void> }[] = [],
  ) {
    for (const [kind, handler] of Object.entries(handlers)) this.register(kind, handler);
    for (const p of periodic) this.every(p.name, p.everyMs, p.run);
  }

  /** Runs jobs of `kind` in this process. */
  register(kind: string, handler: JobHandler, opts: KindOptions = {}): this {
    if (!kind) throw new Error('a job kind needs a name');
    if (this.kinds.has(kind)) throw new Error(`job kind ${kind} is registered twice`);
    this.kinds.set(kind, { handler, opts });
    return this;
  }

  /** Runs `run` about every `everyMs`, once per interval across every process on the database. */
  every(name: string, everyMs: number, run: () => Promise<void>, opts: { leaseMs?: number } = {}): this {
    if (this.tasks.some((t) => t.name === name)) throw new Error(`periodic task ${name} is registered twice`);
    if (!(everyMs > 0)) throw new Error(`periodic task ${name}: the interval must be positive`);
    this.tasks.push({ name, everyMs, run, leaseMs: opts.leaseMs ?? Math.max(everyMs, 5 * 60_000), lastAsked: 0 });
    return this;
  }

  /** The kinds this process runs. */
  registeredKinds(): string[] {
    return [...this.kinds.keys()].sort();
  }

  private option<K extends keyof KindOptions>(kind: string, name: K): KindOptions[K] | undefined {
    const k = this.kinds.get(kind);
    return k?.opts[name] ?? k?.handler[name];
  }

  /** How many jobs of a kind may run at once in this process. */
  slots(kind: string): number {
    return Math.max(1, Math.floor(this.option(kind, 'slots') ?? 1));
  }

  private maxAttempts(kind: string): number {
    return Math.max(1, Math.floor(this.option(kind, 'maxAttempts') ?? DEFAULT_MAX_ATTEMPTS));
  }

  /** How many jobs (of a kind, or of every kind) this process is running now. */
  runningCount(kind?: string): number {
    if (kind) return this.active.get(kind) ?? 0;
    let n = 0;
    for (const v of this.active.values()) n += v;
    return n;
  }

  /**
   * Runs the periodic tasks that are due and that no other process has run within their interval;
   * returns the names of those this call ran.
   */
  async runPeriodic(): Promise<string[]> {
    const ran: string[] = [];
    for (const task of this.tasks) {
      const now = Date.now();
      if (now - task.lastAsked < task.everyMs) continue;
      task.lastAsked = now;
      try {
        if (!(await claimPeriodic(this.database.db, task.name, task.everyMs, task.leaseMs))) continue;
        try {
          await task.run();
          ran.push(task.name);
        } finally {
          await releasePeriodic(this.database.db, task.name);
        }
      } catch (err) {
        this.log(`${task.name}: ${err instanceof Error ? err.message : err}`);
      }
    }
    return ran;
  }

  /** Kinds this process runs that have a free slot now. */
  private freeKinds(): string[] {
    return [...this.kinds.keys()].filter((kind) => (this.active.get(kind) ?? 0) < this.slots(kind));
  }

  /**
   * Claims a job for a free slot and starts it: `done` settles when the job has finished;
   * 'empty' when no job is waiting that a free slot could take.
   */
  private startOne(): Promise<{ done: Promise<void> } | 'empty'> {
    const attempt = this.claiming.then(async () => {
      const superseding = new Set([...this.kinds.keys()].filter((k) => this.option(k, 'supersede')));
      const job = await claimJob(this.database.db, {
        kinds: this.freeKinds(), superseding, maxAttempts: (k) => this.maxAttempts(k),
      });
      if (!job) return 'empty' as const;
      this.active.set(job.kind, (this.active.get(job.kind) ?? 0) + 1);
      const done = this.run(job).finally(() => {
        this.finishedCount++;
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
   * Runs due jobs until none is left, in parallel up to each kind's slots (shared with the
   * background loop). Returns how many this call started. Jobs waiting for a later time (a retry's
   * backoff) are not waited for.
   */
  async runPending(): Promise<number> {
    await this.putBackStale(true);
    let n = 0;
    const mine = new Set<Promise<void>>();
    for (;;) {
      const finishedBefore = this.finishedCount;
      const started = await this.startOne();
      if (started !== 'empty') {
        const { done } = started;
        n++;
        mine.add(done);
        void done.finally(() => mine.delete(done));
        continue;
      }
      // Nothing a free slot could take: done, unless a job finished while this looked (its slot
      // and its key are free now) or jobs still running may free a slot (or, once done, be
      // followed by the jobs queued behind them).
      if (this.finishedCount !== finishedBefore) continue;
      if (!mine.size && !this.inFlight.size) return n;
      if (!mine.size && !(await anyDue(this.database.db, [...this.kinds.keys()]))) return n;
      // (Those jobs may have finished meanwhile: then look again at once.)
      const running = [...mine, ...this.inFlight];
      if (running.length) await Promise.race(running);
    }
  }

  private async run(job: Job): Promise<void> {
    const db = this.database.db;
    const handler = this.kinds.get(job.kind)!.handler;
    const cancel = new AbortController();
    // Four beats in the time after which a running job counts as abandoned.
    const heartbeatMs = (STALE_AFTER_S * 1000) / 4;
    let lastBeat = Date.now();
    const keepAlive = async (rows?: number) => {
      lastBeat = Date.now();
      if (!(await beat(db, job, rows))) cancel.abort(new JobCancelled(job.id));
    };
    // The heartbeat goes on while the handler works, whether or not it reports progress.
    const beating = setInterval(() => {
      if (Date.now() - lastBeat >= heartbeatMs) keepAlive().catch(() => {});
    }, heartbeatMs);
    beating.unref();
    const progress: JobProgress = {
      signal: cancel.signal,
      async rows(done) {
        if (cancel.signal.aborted) throw new JobCancelled(job.id);
        if (Date.now() - lastBeat < 1000) return;
        await keepAlive(done);
        if (cancel.signal.aborted) throw new JobCancelled(job.id);
      },
    };
    try {
      const result = await handler(job, progress);
      if (!(await completeJob(db, job, result ?? {})) && !cancel.signal.aborted) {
        this.log(`job ${job.id} (${job.kind} ${job.key}) finished after it was cancelled or taken over; its result is not recorded`);
      }
    } catch (err) {
      if (err instanceof JobCancelled || cancel.signal.aborted) return;
      const input = err instanceof JobInputError;
      const transient = err instanceof JobTransientError;
      if (!input && !transient) this.log(`job ${job.id} (${job.kind} ${job.key}) attempt ${job.attempts} failed: ${err instanceof Error ? err.stack : err}`);
      const error: JobError = input
        ? { message: err.message, ...(err.lines.length ? { lines: err.lines } : {}) }
        : transient ? { message: err.message }
        : { message: `internal error: ${err instanceof Error ? err.message : String(err)}` };
      const retry = !input && job.attempts < job.maxAttempts
        ? Math.max(0, (this.option(job.kind, 'backoff') ?? defaultBackoff)(job.attempts))
        : null;
      await failJob(db, job, error, retry).catch((e) => this.log(`job ${job.id}: its failure was not recorded: ${e instanceof Error ? e.message : e}`));
    } finally {
      clearInterval(beating);
    }
  }

  /** Polls for jobs in the background; `kick()` makes it look at once. */
  start(intervalMs = 1000): void {
    this.stopped = false;
    const tick = async () => {
      try {
        await this.runPeriodic();
        await this.putBackStale(false);
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

  /**
   * Puts jobs whose process stopped back in the queue. It looks at every running job, so the
   * poll does it every REQUEUE_EVERY_MS rather than before every claim: a stale job waits
   * STALE_AFTER_S anyway.
   */
  private async putBackStale(now: boolean): Promise<void> {
    if (!now && Date.now() - this.lastRequeue < REQUEUE_EVERY_MS) return;
    this.lastRequeue = Date.now();
    await requeueStale(this.database.db);
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

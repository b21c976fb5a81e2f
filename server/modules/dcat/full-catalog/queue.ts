// When the full catalog is rebuilt: by a job of its own kind, so that two builds never run at once
// across processes (one job per kind and key runs at a time), queued every so often by a periodic
// task and, debounced, after a change to a dataset the file holds.
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/database.js';
import type { DatasetHooks } from '../../../core/hooks.js';
import type { Kho } from '../../../core/kho.js';
import type { PeriodicTask } from '../../../core/module.js';
import { jobs } from '../../../db/schema.js';
import { NOW_UTC } from '../../../db/sql-helpers.js';
import { enqueueJob } from '../../../jobs/job-queue.js';
import type { JobHandler } from '../../../jobs/worker.js';
import { affectsFullCatalog } from './batches.js';
import { buildFullCatalog } from './build.js';

export const FULL_CATALOG_JOB = 'dcat_full_catalog';
/** One file, so one key: the queue runs one build at a time. */
export const FULL_CATALOG_KEY = 'catalog';
/** A change waits this long for the changes that usually follow it (a harvest, a bulk edit). */
export const DEBOUNCE_MS = 60_000;

/**
 * Queues a build due after `delayMs` unless one is already waiting. Only a waiting job counts: a
 * running build may have read past the dataset that just changed. Two writes that commit at the
 * same moment may both queue one; the kind supersedes, so the newest replaces the other.
 */
export async function requestBuild(tx: Tx, delayMs: number): Promise<boolean> {
  const waiting = await tx.select({ id: jobs.id }).from(jobs)
    .where(and(eq(jobs.kind, FULL_CATALOG_JOB), eq(jobs.key, FULL_CATALOG_KEY), eq(jobs.state, 'pending'))).limit(1);
  if (waiting.length) return false;
  await enqueueJob(tx, FULL_CATALOG_JOB, FULL_CATALOG_KEY, {
    // The database's clock, as the queue's own retries use: processes' clocks may differ.
    runAt: sql`${NOW_UTC} + make_interval(secs => ${delayMs / 1000})` as unknown as string,
  });
  return true;
}

export const fullCatalogHooks: DatasetHooks = {
  // In the write's transaction: the job exists exactly when the change does.
  async afterDatasetWrite({ tx, before, after }) {
    if (affectsFullCatalog(before) || affectsFullCatalog(after)) await requestBuild(tx, DEBOUNCE_MS);
  },
  // A purged dataset leaves no dict to look at; it may have been in the file.
  async resourcesRemoved({ tx, purge }) {
    if (purge) await requestBuild(tx, DEBOUNCE_MS);
  },
};

export function fullCatalogJobs(kho: Kho): Record<string, JobHandler> {
  const handler: JobHandler = async (_job, progress) => {
    const manifest = await buildFullCatalog(kho, { progress: (done) => progress.rows(done) });
    return { rows: manifest.datasets };
  };
  // A newer waiting build makes an older waiting one pointless.
  handler.supersede = true;
  return { [FULL_CATALOG_JOB]: handler };
}

export function fullCatalogPeriodic(kho: Kho): PeriodicTask[] {
  const everyMin = kho.config.dcatFullEveryMin;
  if (!everyMin) return [];
  return [{
    name: 'dcat full catalog',
    everyMs: everyMin * 60_000,
    run: async () => { await kho.database.db.transaction((tx) => requestBuild(tx, 0)); },
  }];
}

// The DataStore follows the catalog's writes: a tabular file that is new or changed is (re)loaded
// in the background, and a resource removed for good takes its table and exports with it.
import type { DatasetHooks } from '../../core/hooks.js';
import { enqueueJob } from '../../jobs/job-queue.js';
import { tabularKind } from './loader/tabular.js';
import { dropTable } from './tables.js';
import { deleteExports } from './exports.js';

export const LOAD_JOB = 'datastore_load';

export const datastoreHooks: DatasetHooks = {
  async afterDatasetWrite({ kho, tx, user, before, after }) {
    if (!kho.config.datastoreAutoload) return;
    for (const r of after.resources) {
      const old = before?.resources.find((b: any) => b.id === r.id);
      const changed = !old || old.url !== r.url || old.hash !== r.hash || old.format !== r.format;
      if (changed && r.url_type !== 'datastore' && tabularKind(r.format ?? '', r.url ?? '')) await enqueueJob(tx, LOAD_JOB, r.id, { createdBy: user?.id ?? null });
    }
  },
  // Its rows go with it, as CKAN's DataStore drops a deleted resource's table.
  async resourcesRemoved({ tx, resourceIds }) {
    for (const id of resourceIds) await dropTable(tx, id);
  },
  // Cached exports are copies of the dropped rows.
  async afterResourcesRemoved(kho, resourceIds) {
    await deleteExports(kho, resourceIds);
  },
};

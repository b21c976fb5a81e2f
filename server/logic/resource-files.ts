// The files kept for a resource, removed when it can never be shown again.
import type { Kho } from '../core/kho.js';
import { isUuid } from './validators.js';

/**
 * Removes every file kept for these resources: each upload (also one a later edit left behind)
 * and what modules keep of it (the DataStore's exports). For resources that can never be shown again.
 */
export async function deleteResourceFiles(kho: Kho, resourceIds: string[]): Promise<void> {
  // Only ids that cannot name a parent folder of another resource's files.
  for (const id of resourceIds.filter((r) => isUuid(r))) {
    try {
      await kho.blobs.deleteUnder(`resources/${id}/`);
      await kho.hooks.afterResourcesRemoved(kho, [id]);
    } catch (err) {
      // The delete has committed and cannot be repeated: a file left over is reported, not a 500.
      process.stderr.write(`could not remove the files of deleted resource ${id}: ${err instanceof Error ? err.message : err}\n`);
    }
  }
}

// What happens around a dataset write, announced to whoever subscribes: the core's stored show
// dict and search document, the activity stream, the DataStore's autoload, and next the
// approval workflow and harvesters. Subscribers run inside the write's transaction, so their
// effects commit or roll back with it.
import type { Tx } from '../db/database.js';
import type { AuthUser } from '../auth/users.js';
import type { Kho } from './kho.js';

export type ActivityType = 'new package' | 'changed package' | 'deleted package';

/** What every dataset write hook is told. */
interface DatasetWrite {
  kho: Kho;
  tx: Tx;
  user: AuthUser | null;
  mode: 'create' | 'update';
  /** the dataset dict as package_show showed it before the write; null on create */
  before: Record<string, any> | null;
}

export interface DatasetWriteStart extends DatasetWrite {
  /** the input about to be validated and written */
  data: Record<string, any>;
}

export interface DatasetWritten extends DatasetWrite {
  /** the dataset as package_show shows it after the write */
  after: Record<string, any>;
  activityType: ActivityType;
}

export interface ResourcesRemoved {
  kho: Kho;
  tx: Tx;
  resourceIds: string[];
  /** true when the dataset itself is purged */
  purge: boolean;
}

export interface DatasetHooks {
  /** May refuse the write (throw an action error) or return the input changed. */
  beforeDatasetWrite?: (w: DatasetWriteStart) => Promise<Record<string, any> | void>;
  /** Side effects of a write, in its transaction. */
  afterDatasetWrite?: (w: DatasetWritten) => Promise<void>;
  /** Resources deleted for good (resource_delete, dataset_purge), in the transaction. */
  resourcesRemoved?: (r: ResourcesRemoved) => Promise<void>;
  /** After that transaction committed: files and other things outside the database. */
  afterResourcesRemoved?: (kho: Kho, resourceIds: string[]) => Promise<void>;
}

/** The subscribers of one Kho, in the order they were added (the core's first). */
export class HookBus {
  private readonly subscribers: DatasetHooks[] = [];

  add(hooks: DatasetHooks): void {
    this.subscribers.push(hooks);
  }

  async beforeDatasetWrite(w: DatasetWriteStart): Promise<Record<string, any>> {
    let data = w.data;
    for (const s of this.subscribers) {
      if (s.beforeDatasetWrite) data = (await s.beforeDatasetWrite({ ...w, data })) ?? data;
    }
    return data;
  }

  /** Independent side effects: sent together, so they pipeline on the transaction's connection. */
  async afterDatasetWrite(w: DatasetWritten): Promise<void> {
    await Promise.all(this.subscribers.map((s) => s.afterDatasetWrite?.(w)));
  }

  async resourcesRemoved(r: ResourcesRemoved): Promise<void> {
    if (!r.resourceIds.length) return;
    for (const s of this.subscribers) await s.resourcesRemoved?.(r);
  }

  async afterResourcesRemoved(kho: Kho, resourceIds: string[]): Promise<void> {
    if (!resourceIds.length) return;
    for (const s of this.subscribers) await s.afterResourcesRemoved?.(kho, resourceIds);
  }
}

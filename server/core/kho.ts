// What every layer may know about a running Kho: its settings, its outside parts and how to run
// an action. The object itself is assembled at the top (server/kho.ts); lower layers only see
// this shape, so they never import the action layer.
import type { KhoConfig } from '../config.js';
import type { Database } from '../db/database.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { SearchIndex } from '../search/search-index.js';
import type { OutboxPusher } from '../search/search-outbox.js';
import type { JobWorker } from '../jobs/worker.js';
import type { AuthUser } from '../auth/users.js';
import type { ActionCatalog } from './action.js';
import type { HookBus } from './hooks.js';
import type { KhoModule } from './module.js';

export interface Kho {
  config: KhoConfig;
  database: Database;
  blobs: BlobStore;
  search: SearchIndex;
  /** Pushes search updates to Meilisearch, when it is the search backend. */
  outbox?: OutboxPusher;
  /** Runs background jobs in this process; absent in one-off CLI commands. */
  jobs?: JobWorker;
  /** the actions of this instance: the core's and the enabled modules' */
  actions: ActionCatalog;
  /** subscribers to dataset writes */
  hooks: HookBus;
  /** the enabled modules, in the order KHO_MODULES gives */
  modules: readonly KhoModule[];
  /** Runs an action as `user` (a user name; null/absent = anonymous; ignoreAuth for trusted callers). */
  call<T = any>(action: string, data: Record<string, unknown>, opts?: { user?: string | null; ignoreAuth?: boolean }): Promise<T>;
  run<T = any>(user: AuthUser | null, action: string, data: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/** Who runs an action, on which Kho. */
export interface ActionContext {
  kho: Kho;
  user: AuthUser | null;
  /** Set for internal calls (seed, CLI, jobs) that skip the action's auth rule. */
  ignoreAuth?: boolean;
  /** What the running action's auth rule found (the dataset, the resource…), set per call by the registry. */
  found?: unknown;
}

/** A file sent with an action (multipart upload), read as it streams in. */
export interface Upload {
  filename: string;
  stream: import('node:stream').Readable;
  mimetype?: string;
}

// The application object: configuration plus the three outside parts (database, blob store,
// search index), and `call` to run an action as a named user.
import type { KhoConfig } from './config.js';
import type { Database } from './db/database.js';
import type { BlobStore } from './storage/blob-store.js';
import type { SearchIndex } from './search/search-index.js';
import type { OutboxPusher } from './search/search-outbox.js';
import type { JobWorker } from './jobs/job-queue.js';
import { runAction, type ActionContext } from './actions/registry.js';
import { userByName, type AuthUser } from './auth/users.js';
import { NotFoundError } from './actions/errors.js';
import './actions/index.js';

export interface Kho {
  config: KhoConfig;
  database: Database;
  blobs: BlobStore;
  search: SearchIndex;
  /** Pushes search updates to Meilisearch, when it is the search backend. */
  outbox?: OutboxPusher;
  /** Runs background jobs (DataStore loads) in this process; absent in one-off CLI commands. */
  jobs?: JobWorker;
  /** Runs an action as `user` (a user name; null/absent = anonymous; ignoreAuth for trusted callers). */
  call<T = any>(action: string, data: Record<string, unknown>, opts?: { user?: string | null; ignoreAuth?: boolean }): Promise<T>;
  run<T = any>(user: AuthUser | null, action: string, data: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export function createKho(parts: { config: KhoConfig; database: Database; blobs: BlobStore; search: SearchIndex; outbox?: OutboxPusher }): Kho {
  const kho: Kho = {
    ...parts,
    async call(action, data, opts = {}) {
      let user: AuthUser | null = null;
      if (opts.user) {
        user = await userByName(parts.database.db, opts.user);
        if (!user) throw new NotFoundError(`user ${opts.user}`);
      }
      const ctx: ActionContext = { kho, user, ignoreAuth: opts.ignoreAuth };
      return (await runAction(ctx, action, data)) as any;
    },
    async run(user, action, data) {
      return (await runAction({ kho, user }, action, data)) as any;
    },
    async close() {
      await kho.jobs?.stop();
      await parts.outbox?.stop();
      await parts.database.close();
    },
  };
  return kho;
}

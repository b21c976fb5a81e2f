// The application object: configuration plus the three outside parts (database, blob store,
// search index), and `call` to run an action as a named user.
import { runAction } from './actions/registry.js';
import type { ActionContext, Kho } from './core/kho.js';
export type { Kho } from './core/kho.js';
import { userByName, type AuthUser } from './auth/users.js';
import { NotFoundError } from './core/errors.js';
import './actions/index.js';


export function createKho(parts: Pick<Kho, 'config' | 'database' | 'blobs' | 'search' | 'outbox'>): Kho {
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

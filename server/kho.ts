// Assembles the application object: configuration, the outside parts (database, blob store,
// search index), this instance's action registry and write hooks filled from the core and the
// enabled modules, and `call` to run an action as a named user.
import { ActionRegistry } from './actions/registry.js';
import { coreActions } from './actions/index.js';
import type { ActionContext, Kho } from './core/kho.js';
import type { KhoModule } from './core/module.js';
import { HookBus } from './core/hooks.js';
import { userByName, type AuthUser } from './auth/users.js';
import { NotFoundError } from './core/errors.js';
import { activitySubscribers, catalogSubscribers } from './logic/dataset-subscribers.js';
export type { Kho } from './core/kho.js';

type Parts = Pick<Kho, 'config' | 'database' | 'blobs' | 'search' | 'outbox'>;

export function createKho(parts: Parts, modules: readonly KhoModule[] = []): Kho {
  const actions = new ActionRegistry();
  actions.add(coreActions);
  for (const m of modules) actions.add(m.actions ?? [], `module ${m.name}`);
  // Wrappers come after every action is known, in module order, so each wraps the one before.
  for (const m of modules) for (const w of m.wraps ?? []) actions.wrap(w, `module ${m.name}`);

  const hooks = new HookBus();
  hooks.add(catalogSubscribers);
  hooks.add(activitySubscribers);
  for (const m of modules) if (m.hooks) hooks.add(m.hooks);

  const kho: Kho = {
    ...parts,
    actions,
    hooks,
    modules,
    async call(action, data, opts = {}) {
      let user: AuthUser | null = null;
      if (opts.user) {
        user = await userByName(parts.database.db, opts.user);
        if (!user) throw new NotFoundError(`user ${opts.user}`);
      }
      const ctx: ActionContext = { kho, user, ignoreAuth: opts.ignoreAuth };
      return (await actions.run(ctx, action, data)) as any;
    },
    async run(user, action, data) {
      return (await actions.run({ kho, user }, action, data)) as any;
    },
    async close() {
      await kho.jobs?.stop();
      await parts.outbox?.stop();
      await parts.database.close();
    },
  };
  return kho;
}

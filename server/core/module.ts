// A module: one folder under server/modules/ that declares, here in one object, everything it
// adds to Kho. It is enabled by naming it in KHO_MODULES (server/modules/index.ts lists the
// modules there are). Nothing in the core names a module.
import type { FastifyInstance } from 'fastify';
import type { ActionDef, ActionWrapper } from './action.js';
import type { DatasetHooks } from './hooks.js';
import type { Kho } from './kho.js';
import type { JobHandler } from '../jobs/worker.js';

export interface PeriodicTask {
  name: string;
  everyMs: number;
  run: () => Promise<void>;
}

export interface KhoModule {
  /** as KHO_MODULES and status_show's `extensions` name it */
  name: string;
  /** one line for `kho modules` and the README */
  description: string;
  actions?: ActionDef[];
  /** actions of the core or of modules enabled before this one, wrapped */
  wraps?: ActionWrapper[];
  hooks?: DatasetHooks;
  /** job kinds this module's jobs run as, by kind */
  jobs?: (kho: Kho) => Record<string, JobHandler>;
  /** tasks that run every so often, once across all processes */
  periodic?: (kho: Kho) => PeriodicTask[];
  /** HTTP routes beside the action API */
  routes?: (app: FastifyInstance, kho: Kho) => void | Promise<void>;
  // Tables: a module's drizzle tables live in its own schema.ts, which drizzle.config.ts picks
  // up, so its migrations are generated into the one history (they exist whether or not the
  // module is enabled, as an installed but disabled extension's tables would).
}

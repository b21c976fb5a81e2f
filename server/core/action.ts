// The shape of an action, as modules declare them and the registry runs them. Kept below the
// action layer so modules, routes and jobs can name it without importing the registry.
import type { ActionContext } from './kho.js';

export type ActionHandler = (ctx: ActionContext, data: Record<string, any>) => Promise<unknown>;

/** Coarse rules checked before the handler; object-level checks happen inside handlers. */
export type AuthRule = 'anyone' | 'authenticated' | 'sysadmin';

export interface ActionDef {
  name: string;
  /** read actions accept GET as well as POST */
  read: boolean;
  auth: AuthRule;
  /** schema reference in /schemas, e.g. "package#/definitions/package_show" */
  schema?: string;
  handler: ActionHandler;
}

/**
 * Wraps an action someone else registered (CKAN's chained_action): `next` is the action as it
 * was before this wrapper, so wrappers stack in the order modules are enabled.
 */
export interface ActionWrapper {
  name: string;
  wrap: (next: ActionHandler) => ActionHandler;
}

/** The actions of one Kho instance. */
export interface ActionCatalog {
  get(name: string): ActionDef | undefined;
  /** every action, sorted by name */
  list(): ActionDef[];
  /** validates, checks the auth rule, runs; the one way any caller runs an action */
  run(ctx: ActionContext, name: string, data: Record<string, unknown>): Promise<unknown>;
}

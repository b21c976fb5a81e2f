// The logic layer's single entry point. Every CKAN action is registered here once, with its auth
// rule and input schema; HTTP, the CLI, the seed loader and tests all run actions through
// `runAction`, so they share one behaviour.
import type { ActionContext } from '../core/kho.js';
import { AuthorizationError, BadRequest } from '../core/errors.js';
import { validateInput } from './validate.js';

export type { ActionContext, Upload } from '../core/kho.js';

/** Coarse rules checked before the handler; object-level checks happen inside handlers. */
export type AuthRule = 'anyone' | 'authenticated' | 'sysadmin';

export interface ActionDef {
  name: string;
  /** read actions accept GET as well as POST */
  read: boolean;
  auth: AuthRule;
  /** schema reference in /schemas, e.g. "package#/definitions/package_show" */
  schema?: string;
  handler: (ctx: ActionContext, data: Record<string, any>) => Promise<unknown>;
}

const registry = new Map<string, ActionDef>();

export function defineActions(...defs: ActionDef[]): void {
  for (const def of defs) {
    if (registry.has(def.name)) throw new Error(`Action ${def.name} registered twice`);
    registry.set(def.name, def);
  }
}

export function getAction(name: string): ActionDef | undefined {
  return registry.get(name);
}

export function actionNames(): string[] {
  return [...registry.keys()].sort();
}

export async function runAction(ctx: ActionContext, name: string, data: Record<string, unknown>): Promise<unknown> {
  const def = registry.get(name);
  if (!def) throw new BadRequest(`Bad request - Action name not known: ${name}`);
  if (!ctx.ignoreAuth) {
    if (def.auth === 'authenticated' && !ctx.user) {
      throw new AuthorizationError(`Action ${name} requires an authenticated user`);
    }
    if (def.auth === 'sysadmin' && !ctx.user?.sysadmin) {
      throw new AuthorizationError(`User ${ctx.user?.name ?? ''} not authorized to run ${name}`);
    }
  }
  const input = def.schema ? validateInput(def.schema, data) : data;
  return def.handler(ctx, input);
}

// The logic layer's single entry point. Each Kho instance has its own registry, filled once at
// start with the core's actions and those of the enabled modules; HTTP, pages, the CLI, jobs and
// tests all run actions through it, so they share one behaviour.
import type { ActionContext } from '../core/kho.js';
import type { ActionCatalog, ActionDef, ActionWrapper } from '../core/action.js';
import { AuthorizationError, BadRequest } from '../core/errors.js';
import { validateInput } from './validate.js';

export type { ActionContext, Upload } from '../core/kho.js';
export type { ActionDef, AuthRule } from '../core/action.js';

export class ActionRegistry implements ActionCatalog {
  private readonly defs = new Map<string, ActionDef>();
  private sorted: ActionDef[] | null = null;

  add(defs: readonly ActionDef[], owner = 'the core'): void {
    for (const def of defs) {
      if (this.defs.has(def.name)) throw new Error(`Action ${def.name} (${owner}) is registered twice`);
      this.defs.set(def.name, def);
    }
    this.sorted = null;
  }

  /** Replaces an action's handler by a wrapper around it (CKAN's chained_action). */
  wrap(wrapper: ActionWrapper, owner = 'the core'): void {
    const def = this.defs.get(wrapper.name);
    if (!def) throw new Error(`${owner} wraps ${wrapper.name}, which no enabled module registers`);
    this.defs.set(def.name, { ...def, handler: wrapper.wrap(def.handler) });
    this.sorted = null;
  }

  get(name: string): ActionDef | undefined {
    return this.defs.get(name);
  }

  list(): ActionDef[] {
    this.sorted ??= [...this.defs.values()].sort((a, b) => a.name.localeCompare(b.name));
    return this.sorted;
  }

  async run(ctx: ActionContext, name: string, data: Record<string, unknown>): Promise<unknown> {
    const def = this.defs.get(name);
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
}

/** Runs an action on the context's Kho. */
export function runAction(ctx: ActionContext, name: string, data: Record<string, unknown>): Promise<unknown> {
  return ctx.kho.actions.run(ctx, name, data);
}

// The logic layer's single entry point. Each Kho instance has its own registry, filled once at
// start with the core's actions and those of the enabled modules; HTTP, pages, the CLI, jobs and
// tests all run actions through it, so they share one behaviour.
import type { ActionContext } from '../core/kho.js';
import type { ActionCatalog, ActionDef, ActionWrapper, AuthRule, Refusal } from '../core/action.js';
import { AuthorizationError, BadRequest } from '../core/errors.js';
import { validateInput } from './validate.js';
import { parsedResult } from '../core/raw-json.js';

export type { ActionContext, Upload } from '../core/kho.js';
export type { ActionDef, AuthRule } from '../core/action.js';
export { found } from '../core/action.js';

export class ActionRegistry implements ActionCatalog {
  private readonly defs = new Map<string, ActionDef>();
  private sorted: ActionDef[] | null = null;

  add(defs: readonly ActionDef[], owner = 'the core'): void {
    for (const def of defs) {
      if (this.defs.has(def.name)) throw new Error(`Action ${def.name} (${owner}) is registered twice`);
      checkRule(def, owner);
      this.defs.set(def.name, def);
    }
    this.sorted = null;
  }

  /** Replaces an action's handler by a wrapper around it (CKAN's chained_action). */
  wrap(wrapper: ActionWrapper, owner = 'the core'): void {
    const def = this.defs.get(wrapper.name);
    if (!def) throw new Error(`${owner} wraps ${wrapper.name}, which no enabled module registers`);
    // A wrapper gets the action's result as an object, never as RawJson text.
    const next = def.handler;
    this.defs.set(def.name, { ...def, handler: wrapper.wrap(async (ctx, data) => parsedResult(await next(ctx, data))) });
    this.sorted = null;
  }

  get(name: string): ActionDef | undefined {
    return this.defs.get(name);
  }

  list(): ActionDef[] {
    this.sorted ??= [...this.defs.values()].sort((a, b) => a.name.localeCompare(b.name));
    return this.sorted;
  }

  async run(ctx: ActionContext, name: string, data: Record<string, unknown>, rawJson = false): Promise<unknown> {
    const def = this.defs.get(name);
    if (!def) throw new BadRequest(`Bad request - Action name not known: ${name}`);
    const rule = def.auth;
    const checked = !ctx.ignoreAuth;
    if (checked && rule.caller) refuseIf(await rule.caller(ctx, data));
    const input = def.schema ? validateInput(def.schema, data) : data;
    // Each call gets its own context when it carries a found object, so an action run from
    // inside another never sees its caller's.
    let callCtx = ctx;
    if (rule.find) {
      const object = await rule.find(ctx, input);
      if (checked && rule.object) refuseIf(await rule.object(ctx, object, input));
      callCtx = { ...ctx, found: object };
    } else {
      if (checked && rule.object) refuseIf(await rule.object(ctx, undefined, input));
      if (ctx.found !== undefined) callCtx = { ...ctx, found: undefined };
    }
    const result = await def.handler(callCtx, input);
    return rawJson ? result : parsedResult(result);
  }
}

function refuseIf(refusal: Refusal): void {
  if (refusal !== null) throw new AuthorizationError(refusal);
}

/** A module cannot forget a rule, nor open a write to everyone. */
function checkRule(def: ActionDef, owner: string): void {
  const rule = def.auth as AuthRule | undefined;
  const where = `Action ${def.name} (${owner})`;
  if (!rule || typeof rule !== 'object') throw new Error(`${where} has no auth rule`);
  const checks = !!(rule.caller || rule.object);
  if (rule.publicRead) {
    if (!def.read) throw new Error(`${where} changes things, so it cannot be publicRead`);
    if (checks) throw new Error(`${where} is publicRead and checks the caller: it must be one or the other`);
  } else if (!checks) {
    throw new Error(`${where} has an auth rule that checks nothing: say publicRead (read actions only) or give a check`);
  }
}

/** Runs an action on the context's Kho. */
export function runAction(ctx: ActionContext, name: string, data: Record<string, unknown>): Promise<unknown> {
  return ctx.kho.actions.run(ctx, name, data);
}

// The shape of an action, as modules declare them and the registry runs them. Kept below the
// action layer so modules, routes and jobs can name it without importing the registry.
import type { ActionContext } from './kho.js';

export type ActionHandler = (ctx: ActionContext, data: Record<string, any>) => Promise<unknown>;

/** Why a call is refused (CKAN's message, answered with a 403), or null when it is allowed. */
export type Refusal = string | null;

/**
 * Who may run an action (CKAN's auth functions, server/auth/rules/ and a module's auth.ts). The
 * registry asks it on every call that is not a trusted internal one (ignoreAuth), in this order:
 * `caller` before the input is validated, then `find` on the valid input, then `object`. `can()`
 * (server/auth/can.ts) asks `caller` and `object` about an object the asker already has.
 */
export interface AuthRule<O = unknown> {
  /** Read-only and open to everyone (what it answers is filtered inside): nothing to check. */
  readonly publicRead?: true;
  /** Whether this caller may run the action at all, whatever it is about. */
  caller?(ctx: ActionContext, data: Record<string, any>): Refusal | Promise<Refusal>;
  /**
   * The object the action is about, from its input, with the errors the action gives when it is
   * missing or unknown. It also runs for trusted calls: the handler gets it as `ctx.found`.
   */
  find?(ctx: ActionContext, data: Record<string, any>): Promise<O>;
  /** Whether this caller may do the action to this object (`data`: the input, {} from `can()`). */
  object?(ctx: ActionContext, object: O, data: Record<string, any>): Refusal | Promise<Refusal>;
}

export interface ActionDef {
  name: string;
  /** read actions accept GET as well as POST */
  read: boolean;
  /** required: an action without a rule cannot be registered */
  auth: AuthRule<any>;
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
  /**
   * validates, checks the auth rule, runs; the one way any caller runs an action. `rawJson`: the
   * HTTP layer takes a RawJson result (server/core/raw-json.ts) as it is; everyone else gets objects.
   */
  run(ctx: ActionContext, name: string, data: Record<string, unknown>, rawJson?: boolean): Promise<unknown>;
}

/**
 * What the action's rule found (CKAN's context['package']), typed by the rule, so the handler
 * does not load it a second time.
 */
export function found<R extends AuthRule<any>>(ctx: ActionContext, _rule: R): FoundBy<R> {
  if (ctx.found === undefined) throw new Error('this action\'s auth rule found nothing for the handler');
  return ctx.found as FoundBy<R>;
}

/** What a rule's `find` gives. */
export type FoundBy<R> = R extends { find?(ctx: ActionContext, data: Record<string, any>): Promise<infer O> } ? O : never;

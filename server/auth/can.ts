// The one question actions, routes and pages ask: may this user do this action to this object?
// It is answered by the action's own rule (the one the registry checks on every call), given an
// object the asker already holds instead of finding it from an input: `can(ctx,
// 'package_update', pkg)`, `can(ctx, 'resource_show', res)`, `can(ctx, 'datastore_upsert', res)`.
import type { ActionContext } from '../core/kho.js';
import type { Refusal } from '../core/action.js';
import { AuthorizationError } from '../core/errors.js';

/** Who is asking: an action's context, or just the Kho and the user (a route, a page). */
export type Asker = Pick<ActionContext, 'kho' | 'user' | 'ignoreAuth'>;

/** CKAN's refusal message, or null when the asker may do it. Unknown actions are refused. */
export async function refusal(asker: Asker, action: string, object?: unknown): Promise<Refusal> {
  if (asker.ignoreAuth) return null;
  const rule = asker.kho.actions.get(action)?.auth;
  if (!rule) return `Action ${action} is not known here`;
  if (rule.publicRead) return null;
  const ctx: ActionContext = { kho: asker.kho, user: asker.user };
  const first = rule.caller ? await rule.caller(ctx, {}) : null;
  if (first !== null) return first;
  return rule.object ? rule.object(ctx, object, {}) : null;
}

export async function can(asker: Asker, action: string, object?: unknown): Promise<boolean> {
  return (await refusal(asker, action, object)) === null;
}

/** As `can`, but a refusal is the 403 the action itself would answer. */
export async function authorize(asker: Asker, action: string, object?: unknown): Promise<void> {
  const why = await refusal(asker, action, object);
  if (why !== null) throw new AuthorizationError(why);
}

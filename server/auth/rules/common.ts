// Rules shared by every family: open reads, signed-in callers, sysadmins. CKAN's messages name the
// caller ("User alice not authorized to …"; an anonymous caller is an empty name).
import type { ActionContext } from '../../core/kho.js';
import type { AuthRule, Refusal } from '../../core/action.js';

/** A read-only action anyone may call; what it answers is filtered by the caller inside. */
export const publicRead: AuthRule<never> = Object.freeze({ publicRead: true as const });

export const callerName = (ctx: Pick<ActionContext, 'user'>): string => ctx.user?.name ?? '';

export function signedInRefusal(ctx: ActionContext, action: string): Refusal {
  return ctx.user ? null : `Action ${action} requires an authenticated user`;
}

export function sysadminRefusal(ctx: ActionContext, action: string): Refusal {
  return ctx.user?.sysadmin ? null : `User ${callerName(ctx)} not authorized to run ${action}`;
}

/** Only sysadmins may run it (purges, user creation, the job queue…). */
export function sysadminOnly(action: string): AuthRule<never> {
  return { caller: (ctx) => sysadminRefusal(ctx, action) };
}

/** Any signed-in user may run it; the handler decides nothing more about who. */
export function signedIn(action: string): AuthRule<never> {
  return { caller: (ctx) => signedInRefusal(ctx, action) };
}

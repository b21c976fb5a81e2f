// Who may make, list and revoke API tokens: the user they belong to, and sysadmins.
import { eq, or } from 'drizzle-orm';
import type { ActionContext } from '../../core/kho.js';
import type { AuthRule } from '../../core/action.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { apiTokens, users } from '../../db/schema.js';
import { hashToken } from '../users.js';
import { addError, type Errors } from '../../logic/validators.js';
import { callerName, signedInRefusal } from './common.js';

const db = (ctx: ActionContext) => ctx.kho.database.db;

export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;

/** A user by id or name; the one whose id it is when a name and an id collide. */
export async function findUserRow(ctx: ActionContext, ref: string): Promise<UserRow | null> {
  const rows = await db(ctx).select().from(users).where(or(eq(users.id, ref), eq(users.name, ref))).limit(2);
  return rows.find((r) => r.id === ref) ?? rows[0] ?? null;
}

const mayManage = (ctx: ActionContext, userId: string) => !!ctx.user?.sysadmin || ctx.user?.id === userId;

export const tokenRules = {
  api_token_create: {
    caller: (ctx) => signedInRefusal(ctx, 'api_token_create'),
    async find(ctx, data) {
      const errors: Errors = {};
      if (!data.user) addError(errors, 'user', 'Missing value');
      if (!data.name) addError(errors, 'name', 'Missing value');
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const u = await findUserRow(ctx, data.user);
      if (!u || u.state !== 'active') throw new NotFoundError('User not found');
      return u;
    },
    object: (ctx, u) => (mayManage(ctx, u.id) ? null : `User ${callerName(ctx)} not authorized to create tokens for ${u.name}`),
  } satisfies AuthRule<UserRow>,
  api_token_list: {
    caller: (ctx) => signedInRefusal(ctx, 'api_token_list'),
    async find(ctx, data) {
      const ref = data.user_id ?? data.user ?? ctx.user?.id;
      const u = ref ? await findUserRow(ctx, ref) : null;
      if (!u) throw new NotFoundError('User not found');
      return u;
    },
    object: (ctx, u) => (mayManage(ctx, u.id) ? null : `User ${callerName(ctx)} not authorized to list tokens of ${u.name}`),
  } satisfies AuthRule<UserRow>,
  api_token_revoke: {
    caller: (ctx) => signedInRefusal(ctx, 'api_token_revoke'),
    async find(ctx, data) {
      if (!data.token && !data.jti) throw new ValidationError({ token: ['Missing value'] });
      const where = data.token ? eq(apiTokens.secretHash, hashToken(data.token)) : eq(apiTokens.id, data.jti);
      const row = (await db(ctx).select().from(apiTokens).where(where).limit(1))[0];
      if (!row) throw new NotFoundError('Token not found');
      return row;
    },
    object: (ctx, t) => (mayManage(ctx, t.userId) ? null : `User ${callerName(ctx)} not authorized to revoke this token`),
  } satisfies AuthRule<TokenRow>,
} as const;

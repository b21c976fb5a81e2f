// Users and API tokens.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, or, sql, ne } from 'drizzle-orm';
import { type ActionContext } from './registry.js';
import { found, type ActionDef } from '../core/action.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { apiTokens, packages, users } from '../db/schema.js';
import { hashPassword, hashToken, newToken, revokeToken, SITE_USER_NAME } from '../auth/users.js';
import { addError, cleanEmail, nameErrors, optText, type Errors } from '../logic/validators.js';
import { userDict } from '../logic/user-dict.js';
import { recordActivity } from '../logic/activity.js';
import { isoTimestamp } from '../logic/time.js';
import { packageDicts } from '../logic/dictize.js';
import { readerOf } from '../logic/permissions.js';
import { ACTIVE_PUBLIC, ANONYMOUS, listedSql } from '../core/visibility.js';
import { containsPattern, foldSql } from '../text/fold-sql.js';
import { userRules } from '../auth/rules/user.js';
import { findUserRow, tokenRules } from '../auth/rules/token.js';

const rules = { ...userRules, ...tokenRules };

const db = (ctx: ActionContext) => ctx.kho.database.db;

async function createdCount(ctx: ActionContext, userId: string): Promise<number> {
  const r = await db(ctx).select({ n: sql<number>`count(*)::int` }).from(packages)
    .where(and(eq(packages.creatorUserId, userId), listedSql(ANONYMOUS, ACTIVE_PUBLIC)));
  return Number(r[0]?.n ?? 0);
}

export const emailTakenMessage = (email: string) => `The email address '${email}' belongs to a registered user.`;

async function emailTaken(ctx: ActionContext, email: string): Promise<boolean> {
  const taken = await db(ctx).select({ id: users.id }).from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, eq(users.state, 'active'))).limit(1);
  return taken.length > 0;
}

/**
 * The look-up above cannot see a user being created at the same moment; the unique indexes can.
 * A write they refuse is answered as the look-up would have answered it. Any future action that
 * changes a user's name or e-mail goes through this too.
 */
export function userConflict(err: unknown, email: string | null): ValidationError | null {
  const constraint = uniqueViolation(err);
  if (constraint === 'users_active_email_key') return new ValidationError({ email: [emailTakenMessage(email ?? '')] });
  if (constraint === 'users_name_key') return new ValidationError({ name: ['That login name is not available.'] });
  return null;
}

/** The constraint a unique violation (23505) names, from postgres-js or PGlite, through drizzle's wrapper. */
function uniqueViolation(err: unknown): string | null {
  for (let e: any = err, depth = 0; e && depth < 4; e = e.cause, depth++) {
    if (e.code !== '23505') continue;
    const named = e.constraint_name ?? e.constraint;
    if (typeof named === 'string') return named;
    const m = /unique constraint "([^"]+)"/.exec(String(e.message ?? ''));
    return m ? m[1]! : '';
  }
  return null;
}

function mayManage(ctx: ActionContext, userId: string): boolean {
  return !!ctx.ignoreAuth || !!ctx.user?.sysadmin || ctx.user?.id === userId;
}

/** Creates a token for a user; the secret is returned once and only its hash is kept. */
export async function createToken(ctx: ActionContext, userId: string, name: string, expiresInSeconds?: number) {
  const id = randomUUID();
  const token = newToken(id);
  await db(ctx).insert(apiTokens).values({
    id,
    userId,
    name,
    secretHash: hashToken(token),
    ...(expiresInSeconds ? { expiresAt: sql`timezone('utc', now()) + make_interval(secs => ${expiresInSeconds})` as any } : {}),
  });
  return { id, token };
}

export const userActions: ActionDef[] = [
  {
    name: 'user_create', read: false, auth: rules.user_create, schema: 'user#/definitions/user_create',
    async handler(ctx, data) {
      const errors: Errors = {};
      const nErr = nameErrors(data.name);
      if (nErr.length) errors.name = nErr;
      // Kho's site user (who background work acts as) may not exist yet, but its name is taken.
      else if (data.name === SITE_USER_NAME || await findUserRow(ctx, data.name)) addError(errors, 'name', 'That login name is not available.');
      const email = cleanEmail(errors, 'email', data.email);
      if (!email && !errors.email) addError(errors, 'email', 'Missing value');
      else if (email && !errors.email && await emailTaken(ctx, email)) addError(errors, 'email', emailTakenMessage(email));
      if (typeof data.password !== 'string' || data.password === '') addError(errors, 'password', 'Missing value');
      else if (data.password.length < 8) addError(errors, 'password', 'Your password must be 8 characters or longer');
      if (typeof data.about === 'string' && /https?:\/\/|www\./i.test(data.about)) addError(errors, 'about', 'Edit not allowed as it looks like spam. Please avoid links in your description.');
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const row = {
        id: randomUUID(),
        name: data.name,
        email,
        fullname: optText(data.fullname),
        about: optText(data.about),
        imageUrl: optText(data.image_url),
        passwordHash: await hashPassword(data.password),
        sysadmin: (ctx.ignoreAuth || ctx.user?.sysadmin) ? data.sysadmin === true : false,
      };
      const created = await db(ctx).transaction(async (tx) => {
        await tx.insert(users).values(row);
        const fresh = (await tx.select().from(users).where(eq(users.id, row.id)))[0]!;
        await recordActivity(tx, ctx.user, 'new user', fresh.id, { user: userDict(ctx.kho.config.siteUrl, fresh, false) });
        return fresh;
      }).catch((err: unknown) => { throw userConflict(err, row.email) ?? err; });
      const dict = userDict(ctx.kho.config.siteUrl, created, true);
      if (data.with_apitoken) dict.token = (await createToken(ctx, created.id, 'default')).token;
      return dict;
    },
  },
  {
    name: 'user_show', read: true, auth: rules.user_show, schema: 'user#/definitions/user_show',
    async handler(ctx, data) {
      const ref = data.id ?? ctx.user?.id;
      if (!ref) throw new NotFoundError('User not found');
      const u = await findUserRow(ctx, ref);
      if (!u || (u.state === 'deleted' && !ctx.user?.sysadmin)) throw new NotFoundError('User not found');
      const dict = userDict(ctx.kho.config.siteUrl, u, mayManage(ctx, u.id), await createdCount(ctx, u.id));
      if (data.include_datasets) {
        // The datasets the user created, as the caller's own search would find them (CKAN runs
        // package_search): drafts and private ones only when the caller is the user or a
        // sysadmin, and even then only those the caller may read now; a user who left an
        // organization no longer sees its private datasets here.
        const self = mayManage(ctx, u.id);
        // Anyone else sees only public datasets here, whoever they are: no need to ask who.
        const reader = self ? await readerOf(db(ctx), ctx.user, ctx.ignoreAuth) : ANONYMOUS;
        const rows = await db(ctx).select().from(packages)
          .where(and(
            eq(packages.creatorUserId, u.id),
            listedSql(reader, self ? { includePrivate: true, states: ['active', 'draft'] } : ACTIVE_PUBLIC),
          ))
          .orderBy(asc(packages.name)).limit(50);
        dict.datasets = await packageDicts(db(ctx), ctx.kho.config.siteUrl, rows);
      }
      if (data.include_num_followers) dict.num_followers = 0;
      return dict;
    },
  },
  {
    // Active users whose name or full name contains the text, diacritics ignored.
    name: 'user_autocomplete', read: true, auth: rules.user_autocomplete, schema: 'misc#/definitions/autocomplete',
    async handler(ctx, data) {
      if (typeof data.q !== 'string' || !data.q) throw new ValidationError({ q: ['Missing value'] });
      const like = containsPattern(data.q);
      const rows = await db(ctx).select({ id: users.id, name: users.name, fullname: users.fullname }).from(users)
        .where(and(eq(users.state, 'active'),
          or(sql`${foldSql(sql`${users.name}`)} like ${like}`, sql`${foldSql(sql`${users.fullname}`)} like ${like}`)))
        .orderBy(asc(users.name)).limit(data.limit ?? 20);
      return rows.map((r) => ({ id: r.id, name: r.name, fullname: r.fullname }));
    },
  },
  {
    name: 'user_list', read: true, auth: rules.user_list, schema: 'user#/definitions/user_list',
    async handler(ctx, data) {
      const orderBy = String(data.order_by ?? 'display_name');
      if (!['display_name', 'name', 'fullname', 'created', 'sysadmin', 'state', 'email', 'id'].includes(orderBy)) {
        throw new ValidationError({ order_by: [`Cannot sort by field ${orderBy}`] });
      }
      // As CKAN hides its site user: it is the site's machinery, not a person.
      const conds = [eq(users.state, 'active'), ne(users.name, SITE_USER_NAME)];
      if (data.q) {
        const like = containsPattern(String(data.q));
        conds.push(or(sql`${foldSql(sql`${users.name}`)} like ${like}`, sql`${foldSql(sql`${users.fullname}`)} like ${like}`)!);
      }
      if (data.email) conds.push(sql`lower(${users.email}) = lower(${data.email})`);
      const sortCol = orderBy === 'display_name' ? sql`coalesce(nullif(${users.fullname}, ''), ${users.name})`
        : orderBy === 'name' ? sql`${users.name}` : sql`${(users as any)[orderBy === 'fullname' ? 'fullname' : orderBy] ?? users.name}`;
      const rows = await db(ctx).select().from(users).where(and(...conds)).orderBy(sortCol, asc(users.name));
      if (data.all_fields === false) return rows.map((r) => r.name);
      return Promise.all(rows.map(async (r) => userDict(ctx.kho.config.siteUrl, r, mayManage(ctx, r.id), await createdCount(ctx, r.id))));
    },
  },
  {
    name: 'api_token_create', read: false, auth: rules.api_token_create, schema: 'user#/definitions/api_token_create',
    async handler(ctx, data) {
      const u = found(ctx, rules.api_token_create);
      const seconds = data.expires_in ? data.expires_in * (data.unit ?? 1) : undefined;
      const { id, token } = await createToken(ctx, u.id, String(data.name), seconds);
      return { token, id };
    },
  },
  {
    name: 'api_token_list', read: true, auth: rules.api_token_list, schema: 'user#/definitions/api_token_list',
    async handler(ctx, data) {
      const u = found(ctx, rules.api_token_list);
      const rows = await db(ctx).select().from(apiTokens).where(eq(apiTokens.userId, u.id)).orderBy(asc(apiTokens.createdAt));
      return rows.map((t) => ({
        id: t.id, name: t.name, user_id: t.userId, created_at: isoTimestamp(t.createdAt), last_access: isoTimestamp(t.lastAccess),
        ...(t.expiresAt ? { expires_at: isoTimestamp(t.expiresAt) } : {}),
      }));
    },
  },
  {
    name: 'api_token_revoke', read: false, auth: rules.api_token_revoke, schema: 'user#/definitions/api_token_revoke',
    async handler(ctx, data) {
      const row = found(ctx, rules.api_token_revoke);
      await revokeToken(db(ctx), row.id);
      return null;
    },
  },
];

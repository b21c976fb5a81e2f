// Who is calling: users, password hashes (scrypt) and API tokens (only their sha256 is stored).
import { randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual, createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { apiTokens, users } from '../db/schema.js';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number) => Promise<Buffer>;

export interface AuthUser {
  id: string;
  name: string;
  sysadmin: boolean;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 64);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [scheme, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length);
  return timingSafeEqual(key, expected);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new opaque API token: the id it is known by (jti) travels inside it, then the secret. */
export function newToken(tokenId: string): string {
  return `kho_${tokenId.replace(/-/g, '')}_${randomBytes(24).toString('base64url')}`;
}

/** Resolves a raw token to its active user; anything unknown, expired or revoked is anonymous. */
export async function userForToken(db: Db, token: string): Promise<AuthUser | null> {
  if (!token || token.length > 512) return null;
  const rows = await db
    .select({ id: users.id, name: users.name, sysadmin: users.sysadmin })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(
      eq(apiTokens.secretHash, hashToken(token)),
      eq(users.state, 'active'),
      or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`timezone('utc', now())`)),
    ))
    .limit(1);
  return rows[0] ?? null;
}

export async function userByName(db: Db, nameOrId: string): Promise<AuthUser | null> {
  const rows = await db
    .select({ id: users.id, name: users.name, sysadmin: users.sysadmin })
    .from(users)
    .where(and(or(eq(users.name, nameOrId), eq(users.id, nameOrId)), eq(users.state, 'active')))
    .limit(1);
  return rows[0] ?? null;
}

/** The name of Kho's own account (CKAN names its site user after its site id, which Kho has not). */
export const SITE_USER_NAME = 'kho-site';

/**
 * Kho's own sysadmin account (CKAN's get_site_user), created on first need: what the system does
 * on nobody's behalf — a background job queued by a trusted internal call — is recorded in its
 * name, never as an empty user. It has no password and no e-mail, so nobody can sign in as it.
 */
export async function siteUser(db: Db): Promise<AuthUser> {
  const find = () => db.select({ id: users.id, name: users.name, sysadmin: users.sysadmin, state: users.state })
    .from(users).where(eq(users.name, SITE_USER_NAME));
  let [row] = await find();
  if (!row) {
    // Two processes may create it at once: the unique name keeps one.
    await db.insert(users).values({ id: randomUUID(), name: SITE_USER_NAME, fullname: 'Kho', sysadmin: true })
      .onConflictDoNothing({ target: users.name });
    [row] = await find();
  }
  // Someone registered the name first: their account must not act for the site.
  if (!row?.sysadmin || row.state !== 'active') throw new Error(`the user "${SITE_USER_NAME}" is not Kho's site user (it is not an active sysadmin)`);
  return { id: row.id, name: row.name, sysadmin: true };
}

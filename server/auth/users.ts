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

/**
 * How long this process trusts what it last read about a token. Revocation in this process clears
 * the token at once (revokeToken); another process's revocation, a user made inactive, or a token
 * deleted straight in the database take effect here within this time.
 */
export const TOKEN_TRUST_MS = 1000;
/** How stale a token's stored last_access may be before a use writes it again. */
export const LAST_ACCESS_EVERY_MS = 60_000;
const TRUSTED_TOKENS_MAX = 10_000;

interface TrustedToken {
  user: AuthUser;
  tokenId: string;
  /** when this process stops trusting the entry (ms since epoch) */
  until: number;
  /** when this process last knew last_access to have been written (ms since epoch), 0 for never */
  lastAccess: number;
}

/** Per database (tests run several Kho instances in one process), by token hash. */
const trusted = new WeakMap<Db, Map<string, TrustedToken>>();
/** Revocations so far, per database: a lookup that overlapped one is not remembered. */
const revocations = new WeakMap<Db, number>();
const lookups = new WeakMap<Db, ReturnType<typeof prepareTokenLookup>>();

// Prepared once per database: a lookup on every signed-in request should not rebuild its SQL, nor
// have Postgres parse and plan it again.
function prepareTokenLookup(db: Db) {
  return db
    .select({
      id: users.id, name: users.name, sysadmin: users.sysadmin,
      tokenId: apiTokens.id, lastAccess: apiTokens.lastAccess, expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(
      eq(apiTokens.secretHash, sql.placeholder('hash')),
      eq(users.state, 'active'),
      or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`timezone('utc', now())`)),
    ))
    .limit(1)
    .prepare('kho_token_user');
}

/** Kho's timestamps are naive UTC ('2026-12-03 13:45:01.123456'). */
const utcMs = (ts: string) => Date.parse(`${ts.replace(' ', 'T')}Z`);

/**
 * Resolves a raw token to its active user; anything unknown, expired or revoked is anonymous.
 * A token found is trusted for TOKEN_TRUST_MS (never past its expiry) and its last_access is
 * brought up to date at most once a minute, after the answer and without waiting for it.
 */
export async function userForToken(db: Db, token: string): Promise<AuthUser | null> {
  if (!token || token.length > 512) return null;
  const hash = hashToken(token);
  let known = trusted.get(db);
  const now = Date.now();
  let entry = known?.get(hash);
  if (!entry || entry.until <= now) {
    let lookup = lookups.get(db);
    if (!lookup) lookups.set(db, (lookup = prepareTokenLookup(db)));
    const revoked = revocations.get(db) ?? 0;
    const row = (await lookup.execute({ hash }))[0];
    if (!row) {
      known?.delete(hash);
      return null;
    }
    const user = { id: row.id, name: row.name, sysadmin: row.sysadmin };
    // A revocation while this was read may have been of this very token: answer, do not remember.
    if ((revocations.get(db) ?? 0) !== revoked) return user;
    if (!known) trusted.set(db, (known = new Map()));
    // Unknown tokens are never remembered, so guessing cannot grow this; known ones are bounded too.
    if (known.size >= TRUSTED_TOKENS_MAX) known.clear();
    const until = Math.min(Date.now() + TOKEN_TRUST_MS, row.expiresAt ? utcMs(row.expiresAt) : Infinity);
    entry = {
      user, tokenId: row.tokenId, until,
      lastAccess: Math.max(entry?.lastAccess ?? 0, row.lastAccess ? utcMs(row.lastAccess) : 0),
    };
    known.set(hash, entry);
  }
  if (now - entry.lastAccess >= LAST_ACCESS_EVERY_MS) {
    entry.lastAccess = now;
    recordTokenUse(db, entry.tokenId);
  }
  return entry.user;
}

/**
 * Writes the token's last_access, unless another request (or process) did in the last minute.
 * Not awaited: the caller's answer does not wait for it, and a failure only means an older
 * last_access, so it never fails the request.
 */
function recordTokenUse(db: Db, tokenId: string): void {
  db.update(apiTokens)
    .set({ lastAccess: sql`timezone('utc', now())` })
    .where(and(eq(apiTokens.id, tokenId), or(
      isNull(apiTokens.lastAccess),
      sql`${apiTokens.lastAccess} < timezone('utc', now()) - make_interval(secs => ${LAST_ACCESS_EVERY_MS / 1000})`,
    )))
    .then(() => {}, () => { /* the database is closing or unreachable; the next use tries again */ });
}

/** Deletes a token; in this process it is refused from the next request on. */
export async function revokeToken(db: Db, tokenId: string): Promise<void> {
  revocations.set(db, (revocations.get(db) ?? 0) + 1);
  await db.delete(apiTokens).where(eq(apiTokens.id, tokenId));
  revocations.set(db, (revocations.get(db) ?? 0) + 1);
  const known = trusted.get(db);
  if (!known) return;
  for (const [hash, entry] of known) if (entry.tokenId === tokenId) known.delete(hash);
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

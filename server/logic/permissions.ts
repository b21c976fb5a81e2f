// CKAN's authorisation model: org roles member ⊂ editor ⊂ admin, sysadmins pass everything.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { members } from '../db/schema.js';
import type { AuthUser } from '../auth/users.js';
import { ANONYMOUS, datasetLabel, TRUSTED, type DatasetAccess, type Reader } from '../core/visibility.js';

export type { Reader } from '../core/visibility.js';

export type Capacity = 'member' | 'editor' | 'admin';
const RANK: Record<string, number> = { member: 1, editor: 2, admin: 3 };

export function atLeast(capacity: string | null | undefined, wanted: Capacity): boolean {
  return !!capacity && (RANK[capacity] ?? 0) >= RANK[wanted]!;
}

/** The user's capacity in each organization or group they belong to. */
export async function userCapacities(db: Tx, userId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ groupId: members.groupId, capacity: members.capacity })
    .from(members)
    .where(and(eq(members.tableName, 'user'), eq(members.tableId, userId), eq(members.state, 'active')));
  return new Map(rows.map((r) => [r.groupId, r.capacity]));
}

export async function capacityIn(db: Tx, userId: string, groupId: string): Promise<string | null> {
  const rows = await db
    .select({ capacity: members.capacity })
    .from(members)
    .where(and(eq(members.tableName, 'user'), eq(members.tableId, userId), eq(members.groupId, groupId), eq(members.state, 'active')))
    .limit(1);
  return rows[0]?.capacity ?? null;
}

export async function hasCapacity(db: Tx, user: AuthUser | null, groupId: string | null, wanted: Capacity): Promise<boolean> {
  if (!user) return false;
  if (user.sysadmin) return true;
  if (!groupId) return false;
  return atLeast(await capacityIn(db, user.id, groupId), wanted);
}

export type PackageAccessRow = DatasetAccess;

/**
 * Whether the user may read the dataset: the rule of server/core/visibility.ts. A public active
 * dataset is answered without asking the database who the user is.
 */
export async function canReadPackage(db: Tx, user: AuthUser | null, pkg: PackageAccessRow): Promise<boolean> {
  const label = datasetLabel(pkg);
  if (label === 'public') return true;
  if (!user) return false;
  if (user.sysadmin) return true;
  if (label === null) return false;
  // Only the one membership the label names is asked about, not all of the user's.
  if (label.kind === 'creator') return label.id === user.id;
  return hasCapacity(db, user, label.id, label.kind);
}

export async function canEditPackage(db: Tx, user: AuthUser | null, pkg: PackageAccessRow): Promise<boolean> {
  if (!user) return false;
  if (user.sysadmin) return true;
  if (pkg.ownerOrg) return hasCapacity(db, user, pkg.ownerOrg, 'editor');
  return pkg.creatorUserId === user.id;
}

/** Trusted internal calls (ignoreAuth) read as a sysadmin does. */
export async function readerOf(db: Tx, user: AuthUser | null, ignoreAuth = false): Promise<Reader> {
  if (!user) return ignoreAuth ? TRUSTED : ANONYMOUS;
  if (user.sysadmin || ignoreAuth) return { userId: user.id, sysadmin: true, memberOf: [], editorOf: [] };
  const caps = await userCapacities(db, user.id);
  return {
    userId: user.id,
    sysadmin: false,
    memberOf: [...caps.keys()],
    editorOf: [...caps].filter(([, c]) => atLeast(c, 'editor')).map(([g]) => g),
  };
}

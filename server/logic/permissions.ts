// CKAN's authorisation model: org roles member ⊂ editor ⊂ admin, sysadmins pass everything.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { members } from '../db/schema.js';
import type { AuthUser } from '../auth/users.js';
import { AuthorizationError } from '../actions/errors.js';

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

export interface PackageAccessRow {
  ownerOrg: string | null;
  private: boolean;
  state: string;
  creatorUserId: string | null;
}

/** Public active datasets are for everyone; private, draft or deleted ones for their org's members. */
export async function canReadPackage(db: Tx, user: AuthUser | null, pkg: PackageAccessRow): Promise<boolean> {
  if (!pkg.private && pkg.state === 'active') return true;
  if (!user) return false;
  if (user.sysadmin) return true;
  if (pkg.ownerOrg) return hasCapacity(db, user, pkg.ownerOrg, 'member');
  return pkg.creatorUserId === user.id;
}

export async function canEditPackage(db: Tx, user: AuthUser | null, pkg: PackageAccessRow): Promise<boolean> {
  if (!user) return false;
  if (user.sysadmin) return true;
  if (pkg.ownerOrg) return hasCapacity(db, user, pkg.ownerOrg, 'editor');
  return pkg.creatorUserId === user.id;
}

export async function requireReadPackage(db: Tx, user: AuthUser | null, pkg: PackageAccessRow & { id: string }) {
  if (!(await canReadPackage(db, user, pkg))) {
    throw new AuthorizationError(`User ${user?.name ?? ''} not authorized to read package ${pkg.id}`);
  }
}

export async function requireEditPackage(db: Tx, user: AuthUser | null, pkg: PackageAccessRow & { id: string }) {
  if (!(await canEditPackage(db, user, pkg))) {
    throw new AuthorizationError(`User ${user?.name ?? ''} not authorized to edit package ${pkg.id}`);
  }
}

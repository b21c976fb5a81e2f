// CKAN's authorisation model: org roles member ⊂ editor ⊂ admin, sysadmins pass everything.
import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { members, packages } from '../db/schema.js';
import type { AuthUser } from '../auth/users.js';
import { AuthorizationError } from '../core/errors.js';

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

/**
 * Public active datasets are for everyone. A draft is still being written, so it is read only by
 * those who may edit it (CKAN's package_show checks package_update for drafts); a private or
 * deleted one by any member of its org (or its creator when it has no org). `readablePackageSql`
 * is the same rule for lists.
 */
export async function canReadPackage(db: Tx, user: AuthUser | null, pkg: PackageAccessRow): Promise<boolean> {
  if (!pkg.private && pkg.state === 'active') return true;
  if (!user) return false;
  if (user.sysadmin) return true;
  if (pkg.state === 'draft') return canEditPackage(db, user, pkg);
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

/** Who is asking, resolved once for list queries: their organizations by the rights they give. */
export interface Reader {
  userId: string | null;
  sysadmin: boolean;
  /** organizations and groups the user is an active member of, in any capacity */
  memberOf: string[];
  /** those where they are editor or admin */
  editorOf: string[];
}

/** Trusted internal calls (ignoreAuth) read as a sysadmin does. */
export async function readerOf(db: Tx, user: AuthUser | null, ignoreAuth = false): Promise<Reader> {
  if (!user) return { userId: null, sysadmin: ignoreAuth, memberOf: [], editorOf: [] };
  if (user.sysadmin || ignoreAuth) return { userId: user.id, sysadmin: true, memberOf: [], editorOf: [] };
  const caps = await userCapacities(db, user.id);
  return {
    userId: user.id,
    sysadmin: false,
    memberOf: [...caps.keys()],
    editorOf: [...caps].filter(([, c]) => atLeast(c, 'editor')).map(([g]) => g),
  };
}

const inList = (col: typeof packages.ownerOrg, ids: string[]): SQL => (ids.length ? inArray(col, ids) : sql`false`);

/** canReadPackage as a condition on the packages table. */
export function readablePackageSql(reader: Reader): SQL {
  if (reader.sysadmin) return sql`true`;
  const p = packages;
  const parts: SQL[] = [and(eq(p.state, 'active'), eq(p.private, false))!];
  if (reader.userId) {
    parts.push(
      and(eq(p.state, 'draft'), inList(p.ownerOrg, reader.editorOf))!,
      and(sql`${p.state} <> 'draft'`, inList(p.ownerOrg, reader.memberOf))!,
      and(isNull(p.ownerOrg), eq(p.creatorUserId, reader.userId))!,
    );
  }
  return or(...parts)!;
}

/**
 * CKAN's permission labels: who may see a dataset as it is in `pkg` (a package dict). An activity
 * keeps the labels of the dataset as it was written, so a version that was private stays private
 * after the dataset is published. Same rule as canReadPackage.
 */
export function datasetPermissionLabels(pkg: { state?: unknown; private?: unknown; owner_org?: unknown; creator_user_id?: unknown }): string[] {
  if (pkg.state === 'active' && pkg.private === false) return ['public'];
  if (typeof pkg.owner_org === 'string' && pkg.owner_org) {
    return [`${pkg.state === 'draft' ? 'editor' : 'member'}-${pkg.owner_org}`];
  }
  if (typeof pkg.creator_user_id === 'string' && pkg.creator_user_id) return [`creator-${pkg.creator_user_id}`];
  return [];
}

/** The labels a reader holds; a sysadmin passes every label and is not asked. */
export function readerPermissionLabels(reader: Reader): string[] {
  const labels = ['public'];
  if (!reader.userId) return labels;
  labels.push(`creator-${reader.userId}`);
  for (const g of reader.memberOf) labels.push(`member-${g}`);
  for (const g of reader.editorOf) labels.push(`editor-${g}`);
  return labels;
}

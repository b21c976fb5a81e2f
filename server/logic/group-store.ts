// Organizations and groups: lookups, dicts as CKAN shows them, and counting what a caller sees.
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { groups, members, packages, users } from '../db/schema.js';
import type { AuthUser } from '../auth/users.js';
import { groupRowDict, imageDisplayUrl, packageDicts, sortedExtras, type GroupRow } from './dictize.js';
import { readerOf } from './permissions.js';
import { ACTIVE, listedSql } from '../core/visibility.js';
import { userDict } from './user-dict.js';
import { NotFoundError } from '../core/errors.js';

export async function findGroup(db: Tx, idOrName: string, isOrganization: boolean): Promise<GroupRow | null> {
  const rows = await db.select().from(groups)
    .where(and(or(eq(groups.id, idOrName), eq(groups.name, idOrName)), eq(groups.isOrganization, isOrganization)))
    .limit(2);
  return rows.find((r) => r.id === idOrName) ?? rows[0] ?? null;
}

export async function requireGroup(db: Tx, idOrName: unknown, isOrganization: boolean, includeDeleted = false): Promise<GroupRow> {
  if (typeof idOrName !== 'string' || !idOrName) throw new NotFoundError(isOrganization ? 'Organization was not found.' : 'Group was not found.');
  const g = await findGroup(db, idOrName, isOrganization);
  if (!g || (!includeDeleted && g.state === 'deleted')) throw new NotFoundError(isOrganization ? 'Organization was not found.' : 'Group was not found.');
  return g;
}

/** Datasets of each group/org that the caller may see, counted as package_count. */
export async function visibleDatasetCounts(db: Tx, user: AuthUser | null, groupRows: GroupRow[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (!groupRows.length) return counts;
  // Active datasets, private ones included for those who may read them (CKAN counts with include_private).
  const visible = listedSql(await readerOf(db, user), ACTIVE);
  const orgIds = groupRows.filter((g) => g.isOrganization).map((g) => g.id);
  const groupIds = groupRows.filter((g) => !g.isOrganization).map((g) => g.id);
  if (orgIds.length) {
    const rows = await db.select({ id: packages.ownerOrg, n: sql<number>`count(*)::int` }).from(packages)
      .where(and(inArray(packages.ownerOrg, orgIds), visible))
      .groupBy(packages.ownerOrg);
    for (const r of rows) counts.set(r.id!, Number(r.n));
  }
  if (groupIds.length) {
    const rows = await db.select({ id: members.groupId, n: sql<number>`count(*)::int` }).from(members)
      .innerJoin(packages, eq(packages.id, members.tableId))
      .where(and(inArray(members.groupId, groupIds), eq(members.tableName, 'package'), eq(members.state, 'active'), visible))
      .groupBy(members.groupId);
    for (const r of rows) counts.set(r.id, Number(r.n));
  }
  return counts;
}

export interface GroupShowOptions {
  includeDatasets?: boolean;
  includeDatasetCount?: boolean;
  includeExtras?: boolean;
  includeUsers?: boolean;
  includeGroups?: boolean;
  includeFollowers?: boolean;
  includeMemberCount?: boolean;
}

export async function groupShowDict(db: Tx, siteUrl: string, user: AuthUser | null, g: GroupRow, opts: GroupShowOptions = {}) {
  const dict: Record<string, any> = {
    ...groupRowDict(g),
    display_name: g.title || g.name,
    image_display_url: imageDisplayUrl(siteUrl, g.imageUrl),
  };
  if (opts.includeDatasetCount !== false) dict.package_count = (await visibleDatasetCounts(db, user, [g])).get(g.id) ?? 0;
  if (opts.includeExtras !== false) dict.extras = sortedExtras(g.extras);
  if (opts.includeUsers !== false) {
    const rows = await db.select({ user: users, capacity: members.capacity }).from(members)
      .innerJoin(users, eq(users.id, members.tableId))
      .where(and(eq(members.groupId, g.id), eq(members.tableName, 'user'), eq(members.state, 'active'), eq(users.state, 'active')));
    dict.users = rows.map((r) => ({ ...userDict(siteUrl, r.user, false), capacity: r.capacity }))
      .sort((a: any, b: any) => (a.name < b.name ? -1 : 1));
  }
  if (opts.includeGroups !== false) dict.groups = [];
  if (opts.includeFollowers !== false) dict.num_followers = 0;
  if (opts.includeMemberCount) {
    const n = await db.select({ n: sql<number>`count(*)::int` }).from(members)
      .where(and(eq(members.groupId, g.id), eq(members.tableName, 'user'), eq(members.state, 'active')));
    dict.member_count = Number(n[0]?.n ?? 0);
  }
  if (opts.includeDatasets) {
    const visible = listedSql(await readerOf(db, user), ACTIVE);
    const scope = g.isOrganization
      ? eq(packages.ownerOrg, g.id)
      : inArray(packages.id, db.select({ id: members.tableId }).from(members)
        .where(and(eq(members.groupId, g.id), eq(members.tableName, 'package'), eq(members.state, 'active'))));
    const rows = await db.select().from(packages).where(and(scope, visible))
      .orderBy(sql`${packages.metadataModified} desc`).limit(10);
    dict.packages = await packageDicts(db, siteUrl, rows);
  }
  return dict;
}

export async function nameTaken(db: Tx, name: string, exceptId?: string): Promise<boolean> {
  const rows = await db.select({ id: groups.id }).from(groups)
    .where(exceptId ? and(eq(groups.name, name), ne(groups.id, exceptId)) : eq(groups.name, name)).limit(1);
  return rows.length > 0;
}

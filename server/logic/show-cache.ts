// package_show reads one row: the dict the last write produced. Anything else that changes what
// a dataset embeds (its organization, its groups) rebuilds the stored dict of the datasets
// concerned; a dict built for another site URL is rebuilt on read.
import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { members, packages } from '../db/schema.js';
import { packageDicts } from './dictize.js';

export async function storeShowCache(tx: Tx, siteUrl: string, dict: Record<string, any>): Promise<void> {
  await tx.update(packages).set({ showCache: dict, showCacheSite: siteUrl }).where(eq(packages.id, dict.id));
}

/** Stores many dicts in one statement. */
export async function storeShowCaches(tx: Tx, siteUrl: string, dicts: Record<string, any>[]): Promise<void> {
  if (!dicts.length) return;
  const rows = JSON.stringify(dicts.map((d) => ({ id: d.id, d })));
  await tx.execute(sql`update ${packages} set show_cache = x.d, show_cache_site = ${siteUrl}
    from jsonb_to_recordset(${rows}::jsonb) as x(id text, d jsonb) where ${packages.id} = x.id`);
}

/** The dataset's access fields and, when still valid, its cached dict. */
export async function cachedPackage(db: Tx, siteUrl: string, idOrName: string) {
  const rows = await db.select({
    id: packages.id, name: packages.name, ownerOrg: packages.ownerOrg, private: packages.private, state: packages.state,
    creatorUserId: packages.creatorUserId, showCache: packages.showCache, showCacheSite: packages.showCacheSite,
  }).from(packages).where(or(eq(packages.id, idOrName), eq(packages.name, idOrName))).limit(2);
  const row = rows.find((r) => r.id === idOrName) ?? rows[0];
  if (!row) return null;
  return { ...row, dict: row.showCacheSite === siteUrl ? row.showCache : null };
}

/** Datasets that embed this organization or group. */
export function embeddingGroup(groupId: string): SQL {
  return or(eq(packages.ownerOrg, groupId), inArray(packages.id,
    sql`(select ${members.tableId} from ${members} where ${members.groupId} = ${groupId} and ${members.tableName} = 'package')`))!;
}

/**
 * The package_show dicts of these datasets, in the order given (ids of datasets that no longer
 * exist are left out); a dict missing or built for another site URL is rebuilt.
 */
export async function storedDicts(db: Tx, siteUrl: string, ids: string[]): Promise<Record<string, any>[]> {
  if (!ids.length) return [];
  const rows = await db.select({ id: packages.id, dict: packages.showCache, site: packages.showCacheSite })
    .from(packages).where(inArray(packages.id, ids));
  const byId = new Map(rows.filter((r) => r.dict && r.site === siteUrl).map((r) => [r.id, r.dict as Record<string, any>]));
  const stale = rows.filter((r) => !byId.has(r.id)).map((r) => r.id);
  if (stale.length) {
    for (const d of await packageDicts(db, siteUrl, await db.select().from(packages).where(inArray(packages.id, stale)))) byId.set(d.id, d);
  }
  return ids.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
}

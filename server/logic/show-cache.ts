// package_show reads one row: the dict the last write produced. Anything else that changes what
// a dataset embeds (its organization, its groups) rebuilds the stored dict of the datasets
// concerned; a dict built for another site URL is rebuilt on read.
import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { members, packages } from '../db/schema.js';
import { packageDicts } from './dictize.js';
import { RawJson } from '../core/raw-json.js';

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

// package_show's one query, prepared once per database: the most frequent request should not
// rebuild its SQL each time, nor have Postgres parse and plan it again.
const showQueries = new WeakMap<Tx, ReturnType<typeof prepareShowQuery>>();

function prepareShowQuery(db: Tx) {
  const ref = sql.placeholder('ref');
  return db.select({
    id: packages.id, name: packages.name, ownerOrg: packages.ownerOrg, private: packages.private, state: packages.state,
    // As text: the HTTP answer splices it in, so it is never parsed only to be serialized again.
    creatorUserId: packages.creatorUserId, showCache: sql<string | null>`${packages.showCache}::text`, showCacheSite: packages.showCacheSite,
  }).from(packages).where(or(eq(packages.id, ref), eq(packages.name, ref))).limit(2).prepare('kho_package_show');
}

/** The dataset's access fields and, when still valid, its cached dict as JSON text. */
export async function cachedPackage(db: Tx, siteUrl: string, idOrName: string) {
  let query = showQueries.get(db);
  if (!query) showQueries.set(db, (query = prepareShowQuery(db)));
  const rows = await query.execute({ ref: idOrName });
  const row = rows.find((r) => r.id === idOrName) ?? rows[0];
  if (!row) return null;
  const { showCache, ...access } = row;
  return { ...access, dict: showCache !== null && row.showCacheSite === siteUrl ? new RawJson(showCache) : null };
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

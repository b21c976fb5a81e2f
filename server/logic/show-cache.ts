// package_show reads one row: the dict the last write produced. Anything else that changes what
// a dataset embeds (its organization, its groups) rebuilds the stored dict of the datasets
// concerned; a dict built for another site URL is rebuilt on read.
import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database, Tx } from '../db/database.js';
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

// package_show's one query. It is sent as text rather than built by drizzle: the most frequent
// request should not rebuild its SQL nor map its row field by field, and Postgres names it once
// per connection. The dict comes as text: the HTTP answer splices it in, never parsing it only
// to serialize it again.
const p = packages;
const SHOW_SQL = new PgDialect().sqlToQuery(sql`select ${p.id}, ${p.name}, ${p.ownerOrg}, ${p.private}, ${p.state}, ${p.creatorUserId},
  ${p.showCache}::text as show_cache, ${p.showCacheSite} from ${p} where ${p.id} = ${sql.placeholder('ref')} or ${p.name} = ${sql.placeholder('ref')} limit 2`).sql;

interface ShowRow {
  id: string; name: string; owner_org: string | null; private: boolean; state: string;
  creator_user_id: string | null; show_cache: string | null; show_cache_site: string | null;
}

/** The dataset's access fields and, when still valid, its cached dict as JSON text. */
export async function cachedPackage(database: Database, siteUrl: string, idOrName: string) {
  const rows = await database.rows<ShowRow>(SHOW_SQL, [idOrName, idOrName]);
  const row = rows.find((r) => r.id === idOrName) ?? rows[0];
  if (!row) return null;
  return {
    id: row.id, name: row.name, ownerOrg: row.owner_org, private: row.private, state: row.state, creatorUserId: row.creator_user_id,
    showCacheSite: row.show_cache_site,
    dict: row.show_cache !== null && row.show_cache_site === siteUrl ? new RawJson(row.show_cache) : null,
  };
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

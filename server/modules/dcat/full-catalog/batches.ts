// The datasets of the full catalog, a batch at a time: the same set /catalog.ttl pages through
// (public and active by the one visibility rule, harvest sources and showcases left out), newest
// change first, read with keyset paging so the 200th batch costs what the first does.
import { and, desc, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Kho } from '../../../core/kho.js';
import { packages } from '../../../db/schema.js';
import { ACTIVE_PUBLIC, ANONYMOUS, accessOfDict, listed, listedSql } from '../../../core/visibility.js';
import { storedDicts } from '../../../logic/show-cache.js';

/** Dataset types ckanext-dcat leaves out of the catalog (catalog-page.ts's fq says the same). */
export const EXCLUDED_TYPES = ['harvest', 'showcase'];

export type Dict = Record<string, any>;

/** A dataset dict may go in: checked again on the dict, which may have changed since its row was read. */
export const inFullCatalog = (d: Dict): boolean =>
  listed(ANONYMOUS, ACTIVE_PUBLIC, accessOfDict(d)) && !EXCLUDED_TYPES.includes(String(d.type ?? 'dataset'));

/** Whether the full catalog holds this dataset as the dict shows it (null: not there at all). */
export const affectsFullCatalog = (d: Dict | null | undefined): boolean => !!d && inFullCatalog(d);

export async function* publicDatasetBatches(kho: Kho, size: number): AsyncGenerator<Dict[]> {
  const db = kho.database.db;
  const visible = and(listedSql(ANONYMOUS, ACTIVE_PUBLIC), notInArray(packages.type, EXCLUDED_TYPES))!;
  let after: { modified: string; id: string } | null = null;
  for (;;) {
    const where: SQL = after
      ? and(visible, sql`(${packages.metadataModified}, ${packages.id}) < (${after.modified}::timestamp, ${after.id})`)!
      : visible;
    const rows: { id: string; modified: string }[] = await db
      // As text, to come back as the next batch's bound with its microseconds intact.
      .select({ id: packages.id, modified: sql<string>`${packages.metadataModified}::text`.as('modified_text') })
      .from(packages).where(where)
      .orderBy(desc(packages.metadataModified), desc(packages.id))
      .limit(size);
    if (!rows.length) return;
    after = rows[rows.length - 1]!;
    // storedDicts keeps the order given and rebuilds a dict that is missing or stale.
    const dicts = (await storedDicts(db, kho.config.siteUrl, rows.map((r) => r.id))).filter(inFullCatalog);
    if (dicts.length) yield dicts;
    if (rows.length < size) return;
  }
}

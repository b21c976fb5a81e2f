// CSV and XLSX downloads of every table in the DataStore, whatever the resource's own format:
// made once from the table as it is, kept in the BlobStore, and made again after the table
// changes (its `modified` is part of the key). Older exports are removed when a new one is made,
// and all of a resource's exports when its table goes (they are copies of its rows).
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import type { Kho } from '../../core/kho.js';
import { datastoreTables } from './schema.js';
import { dumpChunks, DUMP_TYPES } from './dump.js';
import { planSearch } from './search.js';
import type { TableMeta } from './tables.js';
import { NotFoundError } from '../../core/errors.js';

export type ExportFormat = 'csv' | 'xlsx';

export async function exportBlob(kho: Kho, table: TableMeta, format: ExportFormat, bom: boolean) {
  const token = table.modified.replace(/[^0-9]/g, '');
  const key = `exports/${table.resourceId}/${token}${bom ? '-bom' : ''}.${format}`;
  let stat = await kho.blobs.stat(key);
  if (!stat) {
    const plan = planSearch(table, {});
    const chunks = dumpChunks(kho.database.db, table, plan, { format, bom, offset: 0, limit: null }, kho.database.copyOut?.bind(kho.database));
    await kho.blobs.put(key, Readable.from(chunks), { contentType: DUMP_TYPES[format] });
    // Record it, and let go of exports of earlier versions of the table.
    const [row] = await kho.database.db.update(datastoreTables)
      .set({ exportKeys: sql`array(select distinct k from unnest(array_append(${datastoreTables.exportKeys}, ${key})) k)` as unknown as string[] })
      .where(eq(datastoreTables.resourceId, table.resourceId)).returning({ keys: datastoreTables.exportKeys });
    if (!row) {
      // The table was dropped (resource_delete, dataset_purge) while the export was being made.
      await kho.blobs.delete(key).catch(() => {});
      throw new NotFoundError(`Resource "${table.resourceId}" was not found.`);
    }
    const stale = row.keys.filter((k) => !k.startsWith(`exports/${table.resourceId}/${token}`));
    for (const k of stale) await kho.blobs.delete(k).catch(() => {});
    if (stale.length) {
      await kho.database.db.update(datastoreTables)
        .set({ exportKeys: sql`array(select k from unnest(${datastoreTables.exportKeys}) k where not k = any(${sql.param(stale)}::text[]))` as unknown as string[] })
        .where(eq(datastoreTables.resourceId, table.resourceId));
    }
    stat = await kho.blobs.stat(key);
  }
  const obj = await kho.blobs.get(key);
  return { stream: obj!.stream, size: stat!.size, contentType: DUMP_TYPES[format] };
}

/** Removes every export of these resources, the stale ones a crash left included. */
export async function deleteExports(kho: Kho, resourceIds: string[]): Promise<void> {
  for (const id of resourceIds) await kho.blobs.deleteUnder(`exports/${id}/`);
}

// Rebuilds every dataset's search document from its stored package_show dict, in batches of
// their own transactions, so it can run while the server serves. A dict that is missing or was
// built for another site URL is rebuilt from the catalog tables first. The next batch is read
// while the previous one is written, so reading and indexing overlap.
import { asc, gt, inArray, sql } from 'drizzle-orm';
import type { Kho } from '../core/kho.js';
import { packages } from '../db/schema.js';
import { packageDicts } from './dictize.js';
import { storeShowCaches } from './show-cache.js';

export interface ReindexProgress {
  done: number;
  total: number;
}

export async function reindexAll(kho: Kho, onProgress: (p: ReindexProgress) => void = () => {}, batchSize = 500): Promise<number> {
  const db = kho.database.db;
  const siteUrl = kho.config.siteUrl;
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(packages) as [{ n: number }];
  let done = 0;
  let after = '';
  // Batches written at once: a server indexes several while the next is read; PGlite has one session.
  const inFlight = kho.database.kind === 'pglite' ? 1 : 3;
  const writing: Promise<void>[] = [];
  for (;;) {
    const rows = await db.select({ id: packages.id, dict: packages.showCache, site: packages.showCacheSite }).from(packages)
      .where(gt(packages.id, after)).orderBy(asc(packages.id)).limit(batchSize);
    if (!rows.length) break;
    after = rows[rows.length - 1]!.id;
    if (writing.length >= inFlight) await writing.shift();
    const batch = db.transaction(async (tx) => {
      const stale = rows.filter((r) => !r.dict || r.site !== siteUrl).map((r) => r.id);
      const rebuilt = stale.length
        ? await packageDicts(tx, siteUrl, await tx.select().from(packages).where(inArray(packages.id, stale)))
        : [];
      if (rebuilt.length) await storeShowCaches(tx, siteUrl, rebuilt);
      const byId = new Map(rebuilt.map((d) => [d.id, d]));
      await kho.search.indexMany(tx, rows.map((r) => byId.get(r.id) ?? r.dict!));
    }).then(() => {
      done += rows.length;
      onProgress({ done, total: Math.max(Number(n), done) });
    });
    batch.catch(() => {}); // its failure is thrown where it is awaited
    writing.push(batch);
  }
  for (const w of writing) await w;
  await kho.search.afterReindex?.();
  return done;
}

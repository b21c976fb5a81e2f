// Rebuilds every dataset's stored dict and search document from the catalog tables, in batches
// of their own transactions, so it can run while the server serves.
import { asc, gt, inArray, sql } from 'drizzle-orm';
import type { Kho } from '../kho.js';
import { packages } from '../db/schema.js';
import { refreshPackages } from '../logic/package-store.js';

export interface ReindexProgress {
  done: number;
  total: number;
}

export async function reindexAll(kho: Kho, onProgress: (p: ReindexProgress) => void = () => {}, batchSize = 500): Promise<number> {
  const db = kho.database.db;
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(packages) as [{ n: number }];
  let done = 0;
  let after = '';
  for (;;) {
    const ids = (await db.select({ id: packages.id }).from(packages)
      .where(gt(packages.id, after)).orderBy(asc(packages.id)).limit(batchSize)).map((r) => r.id);
    if (!ids.length) break;
    await db.transaction((tx) => refreshPackages(kho, tx, inArray(packages.id, ids)));
    done += ids.length;
    after = ids[ids.length - 1]!;
    onProgress({ done, total: Math.max(Number(n), done) });
  }
  return done;
}

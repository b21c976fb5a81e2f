// The durable way from Postgres to Meilisearch. Dataset writes add a row to search_outbox in their
// own transaction; a pusher takes rows in order, sends each dataset as it is now (so repeated
// changes collapse and nothing stale can overtake a newer write), waits until Meilisearch has
// applied it, and only then deletes exactly the rows it sent. If Meilisearch is down the rows
// wait, and the pusher retries with backoff. With several server processes, a transaction-scoped
// advisory lock lets one push at a time, so two pushes of one dataset never race.
import { inArray, sql } from 'drizzle-orm';
import type { Meilisearch } from 'meilisearch';
import type { Database, Tx } from '../db/database.js';
import { searchOutbox } from '../db/schema.js';
import type { DictSource } from './search-index.js';
import { meiliDocument, MEILI_SETTINGS } from './meili-document.js';
import { tryAdvisoryXactLock } from '../db/sql-helpers.js';

const PUSH_LOCK = 0x6b686f01; // "kho" + 1: one pusher at a time across processes
const TASK_TIMEOUT_MS = 60_000;

export async function enqueueSearchUpdates(tx: Tx, packageIds: string[]): Promise<void> {
  if (!packageIds.length) return;
  await tx.execute(sql`insert into ${searchOutbox} (package_id) select unnest(${sql.param(packageIds)}::text[])`);
}

export async function outboxLength(database: Database): Promise<number> {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(searchOutbox);
  return Number(row!.n);
}

/** Creates the index if needed and applies the settings; safe to repeat. */
export async function ensureMeiliIndex(client: Meilisearch, uid: string): Promise<void> {
  try {
    await client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: TASK_TIMEOUT_MS });
  } catch {
    // It exists already (or the next call will say what is wrong).
  }
  const task = await client.index(uid).updateSettings(MEILI_SETTINGS).waitTask({ timeout: TASK_TIMEOUT_MS });
  if (task.status !== 'succeeded') throw new Error(`Meilisearch settings: ${task.error?.message ?? task.status}`);
}

export class OutboxPusher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = true;
  private failures = 0;
  private settingsApplied = false;
  lastError: string | null = null;

  constructor(
    private readonly database: Database,
    private readonly client: Meilisearch,
    private readonly indexUid: string,
    private readonly dicts: DictSource,
    private readonly log: (msg: string) => void = () => {},
  ) {}

  /** Pushes one batch. Returns how many outbox rows it cleared (0: nothing to do, or another process is pushing). */
  async pushOnce(batchSize = 500): Promise<number> {
    if (!this.settingsApplied) {
      await ensureMeiliIndex(this.client, this.indexUid);
      this.settingsApplied = true;
    }
    return this.database.db.transaction(async (tx) => {
      if (!(await tryAdvisoryXactLock(tx, PUSH_LOCK))) return 0;
      const rows = await tx.select({ id: searchOutbox.id, packageId: searchOutbox.packageId }).from(searchOutbox)
        .orderBy(searchOutbox.id).limit(batchSize);
      if (!rows.length) return 0;
      const ids = [...new Set(rows.map((r) => r.packageId))];
      const dicts = (await this.dicts(tx, ids)).filter((d) => d.state !== 'deleted');
      const keep = new Set(dicts.map((d) => d.id));
      const gone = ids.filter((id) => !keep.has(id));
      const index = this.client.index(this.indexUid);
      for (const task of [
        dicts.length ? await index.addDocuments(dicts.map(meiliDocument), { primaryKey: 'id' }).waitTask({ timeout: TASK_TIMEOUT_MS }) : null,
        gone.length ? await index.deleteDocuments(gone).waitTask({ timeout: TASK_TIMEOUT_MS }) : null,
      ]) {
        if (task && task.status !== 'succeeded') throw new Error(`Meilisearch task ${task.uid}: ${task.error?.message ?? task.status}`);
      }
      // Exactly the rows read: a row committed meanwhile with a lower id is still to be sent.
      await tx.delete(searchOutbox).where(inArray(searchOutbox.id, rows.map((r) => r.id)));
      return rows.length;
    });
  }

  /** Pushes until the outbox is empty (reindex, tests). */
  async drain(onProgress: (left: number) => void = () => {}): Promise<void> {
    for (;;) {
      const left = await outboxLength(this.database);
      onProgress(left);
      if (left === 0) return;
      if ((await this.pushOnce(1000)) === 0) await new Promise((r) => setTimeout(r, 200));
    }
  }

  start(intervalMs = 500): void {
    this.stopped = false;
    const tick = async () => {
      let delay = intervalMs;
      try {
        while (!this.stopped && (await this.pushOnce()) > 0) { /* keep going while there is work */ }
        if (this.failures) this.log('search outbox: Meilisearch is reachable again');
        this.failures = 0;
        this.lastError = null;
      } catch (err) {
        this.failures++;
        this.lastError = err instanceof Error ? err.message : String(err);
        delay = Math.min(30_000, intervalMs * 2 ** Math.min(this.failures, 6));
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.log(`search outbox: cannot reach Meilisearch (${this.lastError}); retrying, nothing is lost`);
        }
      }
      if (!this.stopped) this.timer = setTimeout(() => { this.running = tick(); }, delay);
    };
    this.running = tick();
  }

  /** Stops pushing, after the push under way (if any) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}

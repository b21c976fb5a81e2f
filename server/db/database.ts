// Opens the catalog database: embedded PGlite when DATABASE_URL is unset, real Postgres through
// postgres-js when it is set. Both get the same drizzle schema and the same migrations.
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgTransaction } from 'drizzle-orm/pg-core';
import * as schema from './schema.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { databaseSettings, type DatabaseSettings } from '../config.js';
import { promotingClient, StatementPromotion } from './statement-promotion.js';
import { describeDbError } from './connection-errors.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>> | Db;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** connections queries can run on at once (1 for the embedded database) */
  readonly poolSize: number;
  /** true when this process created the embedded database just now (so demo data may be loaded) */
  readonly fresh: boolean;
  migrate(): Promise<void>;
  /**
   * One statement's rows, as the driver gives them (snake_case columns, text/bool/number values),
   * on the pool and outside any transaction. For the hottest reads, where drizzle's mapping of
   * each row costs more than the query (package_show); everything else goes through `db`.
   */
  rows<T>(text: string, params: unknown[]): Promise<T[]>;
  /**
   * Bulk-loads CSV into a table with COPY … FROM STDIN, streamed (Postgres) or in blocks cut at
   * record boundaries (PGlite). `target` is the quoted table with its quoted column list, e.g.
   * `datastore."x" ("a", "b")`. The whole load is one transaction on Postgres.
   */
  copyIn(target: string, source: AsyncIterable<Buffer | string>, options?: CopyInOptions): Promise<void>;
  /**
   * Streams a query's rows out with COPY … TO STDOUT (CSV). Postgres only: PGlite has no way to
   * stream it out, so callers page through the rows there instead.
   */
  copyOut?(query: string, options: string): AsyncIterable<Buffer>;
  close(): Promise<void>;
}

export interface CopyInOptions {
  /** one character; a comma unless given */
  delimiter?: string;
  /** the first line names the columns and is skipped */
  header?: boolean;
  /** quoted column names whose quoted empty values are null too, e.g. `"a", "b"` */
  forceNull?: string;
  /** DateStyle for this load alone, e.g. 'ISO, DMY' so that 05/01/2024 is the 5th of January */
  dateStyle?: string;
}

function copyWith(o: CopyInOptions, header: boolean): string {
  const parts = ['format csv'];
  if (o.delimiter && o.delimiter !== ',') parts.push(`delimiter '${o.delimiter.replace(/'/g, "''")}'`);
  if (header) parts.push('header true');
  if (o.forceNull) parts.push(`force_null (${o.forceNull})`);
  return parts.join(', ');
}

const setDateStyle = (style: string) => `set local datestyle = '${style.replace(/'/g, "''")}'`;

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenOptions {
  databaseUrl?: string;
  /** embedded database directory; 'memory://' keeps it in memory (tests) */
  pgliteDir?: string;
  /** who is opening the embedded database, recorded in the lock file */
  holder?: string;
  /** sees every SQL statement drizzle sends (benchmarks compare API time with raw SQL time) */
  logQuery?: (query: string, params: unknown[]) => void;
  /** Postgres: seconds to wait for a connection, and connections at most (the config's; DATABASE_* when not given) */
  connectTimeoutS?: number;
  poolMax?: number;
  preparedStatements?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const defaults = databaseSettings();
    return openPostgres(opts.databaseUrl, {
      connectTimeoutS: opts.connectTimeoutS ?? defaults.connectTimeoutS,
      poolMax: opts.poolMax ?? defaults.poolMax,
      preparedStatements: opts.preparedStatements ?? defaults.preparedStatements,
    }, opts.logQuery);
  }
  return openPglite(opts.pgliteDir ?? 'memory://', opts.holder ?? 'kho');
}

/** The database cannot be reached or refuses Kho; the message is one line for the operator. */
export class DatabaseConnectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseConnectError';
  }
}

/** Checks that the server answers before anything is built on it: one clear line when it does not. */
async function checkConnection(client: import('postgres').Sql, url: string, timeoutS: number): Promise<void> {
  try {
    await client`select 1`;
  } catch (err) {
    await client.end({ timeout: 0 }).catch(() => {});
    const u = new URL(url);
    throw new DatabaseConnectError(`cannot connect to ${u.hostname || 'localhost'}:${u.port || 5432}: ${describeDbError(err, timeoutS)}`);
  }
}

async function openPostgres(url: string, conn: DatabaseSettings, logQuery?: OpenOptions['logQuery']): Promise<Database> {
  if (!/^postgres(ql)?:\/\//i.test(url)) throw new DatabaseConnectError('DATABASE_URL must start with postgres:// or postgresql://');
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const settings = {
    connect_timeout: conn.connectTimeoutS,
    idle_timeout: 60,
    onnotice: () => {},
    connection: { TimeZone: 'UTC', application_name: 'kho' },
    // Off: postgres-js names none of its own statements either (begin, commit, its type lookup).
    prepare: conn.preparedStatements,
  };
  const poolSize = conn.poolMax;
  const client = postgres(url, { ...settings, max: poolSize });
  await checkConnection(client, url, conn.connectTimeoutS);
  const db = drizzle(promotingClient(client, new StatementPromotion(conn.preparedStatements)), { schema, logger: logQuery ? { logQuery } : false }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    poolSize,
    fresh: false,
    migrate: () => migrate(db as any, { migrationsFolder }),
    // Named once per connection (postgres-js keys it by its text) unless switched off.
    rows: <T>(text: string, params: unknown[]) => client.unsafe(text, params as never[], { prepare: conn.preparedStatements }) as unknown as Promise<T[]>,
    async copyIn(target, source, options = {}) {
      const { pipeline } = await import('node:stream/promises');
      const { Readable } = await import('node:stream');
      await client.begin(async (tx) => {
        if (options.dateStyle) await tx.unsafe(setDateStyle(options.dateStyle));
        const query = tx.unsafe(`copy ${target} from stdin with (${copyWith(options, !!options.header)})`);
        // postgres-js (3.4.9) never settles the writable when the server refuses the data after
        // the last chunk was sent (porsager/postgres#1173): the error only reaches the query's
        // own reject, which is called regardless. Listen there too, so such a COPY fails.
        const internal = query as unknown as { reject: (err: unknown) => void };
        const refused = new Promise<never>((_, fail) => {
          const reject = internal.reject;
          internal.reject = (err) => { fail(err); reject(err); };
        });
        refused.catch(() => {});
        const sink = await query.writable();
        await Promise.race([pipeline(Readable.from(source), sink), refused]);
      });
    },
    async *copyOut(query, options) {
      // Each dump has a connection of its own, closed after it: a slow reader then holds no
      // pooled connection, and what postgres-js (3.4.9) leaves behind never reaches the pool.
      const own = postgres(url, { ...settings, max: 1 });
      const copy = own.unsafe(`copy (${query}) to stdout with (${options})`);
      let source: import('node:stream').Readable | null = null;
      let finished = false;
      try {
        source = await copy.readable();
        // Not for-await: leaving that early would destroy the stream under the connection.
        const chunks = source[Symbol.asyncIterator]();
        for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value as Buffer;
        finished = true;
      } finally {
        if (source && !finished) {
          // The reader left early: cancel, and read on until the server stops, so it is never
          // left blocked writing to a socket nobody reads.
          await copy.cancel();
          try { for await (const _ of source) { /* discarded */ } } catch { /* the cancel */ }
        }
        // The connection pauses its socket when the stream's buffer is full and may never resume
        // it once the COPY is done (porsager/postgres#1016); the stream's own read resumes it, so
        // the connection can close.
        (source as unknown as { _read?: (n: number) => void } | null)?._read?.(0);
        await own.end({ timeout: 5 });
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dir: string, holder: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const { existsSync } = await import('node:fs');
  let lock: DataDirLock | null = null;
  let fresh = true;
  let dataDir: string | undefined;
  if (dir !== 'memory://') {
    mkdirSync(dir, { recursive: true });
    dataDir = join(dir, 'pgdata');
    // An embedded database must have exactly one process writing it.
    lock = acquireDataDirLock(dir, holder);
    fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  }
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const client = new PGlite({ dataDir, extensions: { pg_trgm } });
  await client.waitReady;
  await client.exec(`SET TIME ZONE 'UTC'`);
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    poolSize: 1,
    fresh,
    migrate: () => migrate(db as any, { migrationsFolder }),
    rows: async <T>(text: string, params: unknown[]) => (await client.query<T>(text, params)).rows,
    async copyIn(target, source, options = {}) {
      // PGlite copies from a blob: blocks cut where a record ends, each its own short transaction.
      // It runs in this thread and cannot be interrupted, so while a block is copied nothing else
      // runs, not even the event loop: blocks are sized to take about PGLITE_COPY_BLOCK_MS (from
      // the rate of the one before), and after each the load gives way to the queries that
      // arrived meanwhile, for up to as long as the block took: other work gets at least half of
      // the database while a load runs, and the load all of it when nothing else wants it.
      let first = true;
      let size = PGLITE_COPY_BLOCK.start;
      const copyBlock = async (parts: Buffer[]) => {
        const sql = `copy ${target} from '/dev/blob' with (${copyWith(options, first && !!options.header)})`;
        first = false;
        const blob = new Blob(parts as Uint8Array<ArrayBuffer>[]);
        if (!options.dateStyle) return void await client.query(sql, [], { blob });
        await client.transaction(async (tx) => {
          await tx.exec(setDateStyle(options.dateStyle!));
          await tx.query(sql, [], { blob });
        });
      };
      for await (const block of recordBlocks(source, () => size, 8 * PGLITE_COPY_BLOCK.max)) {
        const started = performance.now();
        await copyBlock(block);
        const ms = performance.now() - started;
        const bytes = block.reduce((n, b) => n + b.length, 0);
        size = Math.round(Math.min(PGLITE_COPY_BLOCK.max, Math.max(PGLITE_COPY_BLOCK.min, (bytes * PGLITE_COPY_BLOCK_MS) / Math.max(ms, 1))));
        await giveWay(client, ms);
      }
    },
    close: async () => {
      await client.close();
      lock?.release();
    },
  };
}

/** Bytes per COPY block on PGlite: the first block's, and the bounds of those sized from its rate. */
const PGLITE_COPY_BLOCK = { start: 1024 * 1024, min: 128 * 1024, max: 8 * 1024 * 1024 };
/** How long one COPY block on PGlite should hold the process (and so every request). */
const PGLITE_COPY_BLOCK_MS = 40;

/**
 * Lets the queries that are waiting for PGlite run before the next COPY block: each turn of the
 * event loop lets requests that arrived read their input and queue their queries; a no-op queued
 * behind them returns when they are done. Stops when the database is idle (the no-op did not
 * wait), or after `budgetMs`.
 */
async function giveWay(client: { _runExclusiveTransaction?<T>(fn: () => Promise<T>): Promise<T> }, budgetMs: number): Promise<void> {
  const until = performance.now() + budgetMs;
  do {
    await new Promise((resolve) => setImmediate(resolve));
    if (!client._runExclusiveTransaction) return;
    const asked = performance.now();
    await client._runExclusiveTransaction(async () => {});
    if (performance.now() - asked < 0.5) return;
  } while (performance.now() < until);
}

/**
 * Groups CSV chunks into blocks of about `size` bytes (a number, or asked before each block) that
 * end where a record ends: after a line break outside quotes (quotes are '"', doubled inside a
 * quoted value, so counting them is enough). A chunk larger than a block is cut inside, so blocks
 * stay near `size` whatever the chunks. A file whose quotes never close is sent in one block of at
 * most `unclosedLimit` bytes (8 × `size` unless given); COPY then reports it.
 */
export async function* recordBlocks(source: AsyncIterable<Buffer | string>, blockSize: number | (() => number),
  unclosedLimit?: number): AsyncGenerator<Buffer[]> {
  const sizeNow = typeof blockSize === 'number' ? () => blockSize : blockSize;
  let size = sizeNow();
  const limit = () => unclosedLimit ?? size * 8;
  let parts: Buffer[] = [];
  let pending = 0;
  let quoted = false;
  for await (const piece of source) {
    let chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    for (;;) {
      const ends = recordEnds(chunk, quoted, size - pending);
      if (pending + chunk.length >= size) {
        // Cut at the last record end that keeps the block within its size, else the first after.
        const cut = ends.before > 0 ? ends.before : ends.after;
        if (cut > 0) {
          parts.push(chunk.subarray(0, cut));
          yield parts;
          size = sizeNow();
          parts = [];
          pending = 0;
          chunk = chunk.subarray(cut);
          quoted = false;
          if (chunk.length) continue;
          break;
        }
        if (pending + chunk.length >= limit()) {
          parts.push(chunk);
          yield parts;
          size = sizeNow();
          parts = [];
          pending = 0;
          quoted = ends.quoted;
          break;
        }
      }
      if (chunk.length) {
        parts.push(chunk);
        pending += chunk.length;
      }
      quoted = ends.quoted;
      break;
    }
  }
  if (pending) yield parts;
}

/**
 * Where records end in a chunk that starts inside quotes or not: the last end at or before
 * `within` bytes and the first one after it (each the offset just past a line break; -1 if none),
 * and whether the chunk ends inside quotes.
 */
function recordEnds(chunk: Buffer, quoted: boolean, within: number): { before: number; after: number; quoted: boolean } {
  let before = -1;
  let after = -1;
  for (let pos = 0; ;) {
    const q = chunk.indexOf(0x22, pos);
    if (!quoted) {
      // Line breaks in pos..end are outside quotes.
      const end = q === -1 ? chunk.length : q;
      if (end > pos) {
        const upTo = Math.min(end, within);
        if (upTo > pos) {
          const nl = chunk.lastIndexOf(0x0a, upTo - 1);
          if (nl >= pos) before = nl + 1;
        }
        if (after === -1 && end > within) {
          const nl = chunk.indexOf(0x0a, Math.max(pos, within));
          if (nl !== -1 && nl < end) after = nl + 1;
        }
      }
    }
    if (q === -1) break;
    quoted = !quoted;
    pos = q + 1;
  }
  return { before, after, quoted };
}

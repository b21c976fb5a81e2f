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

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>> | Db;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** true when this process created the embedded database just now (so demo data may be loaded) */
  readonly fresh: boolean;
  migrate(): Promise<void>;
  /**
   * Bulk-loads CSV text into a table with COPY, streamed (Postgres) or in large blocks (PGlite).
   * `target` is the quoted table with its quoted column list, e.g. `datastore."x" ("a", "b")`.
   */
  copyCsv(target: string, chunks: AsyncIterable<string>): Promise<void>;
  /**
   * Streams a query's rows out with COPY … TO STDOUT (CSV). Postgres only: PGlite has no way to
   * stream it out, so callers page through the rows there instead.
   */
  copyOut?(query: string, options: string): AsyncIterable<Buffer>;
  close(): Promise<void>;
}

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenOptions {
  databaseUrl?: string;
  /** embedded database directory; 'memory://' keeps it in memory (tests) */
  pgliteDir?: string;
  /** who is opening the embedded database, recorded in the lock file */
  holder?: string;
  /** sees every SQL statement drizzle sends (benchmarks compare API time with raw SQL time) */
  logQuery?: (query: string, params: unknown[]) => void;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.logQuery);
  return openPglite(opts.pgliteDir ?? 'memory://', opts.holder ?? 'kho');
}

async function openPostgres(url: string, logQuery?: OpenOptions['logQuery']): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, {
    max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    connect_timeout: Number(process.env.DATABASE_CONNECT_TIMEOUT ?? 5),
    idle_timeout: 60,
    onnotice: () => {},
    connection: { TimeZone: 'UTC', application_name: 'kho' },
  });
  const db = drizzle(client, { schema, logger: logQuery ? { logQuery } : false }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    fresh: false,
    migrate: () => migrate(db as any, { migrationsFolder }),
    async copyCsv(target, chunks) {
      const { pipeline } = await import('node:stream/promises');
      const { Readable } = await import('node:stream');
      const sink = await client.unsafe(`copy ${target} from stdin with (format csv)`).writable();
      await pipeline(Readable.from(chunks), sink);
    },
    async *copyOut(query, options) {
      const source = await client.unsafe(`copy (${query}) to stdout with (${options})`).readable();
      for await (const chunk of source) yield chunk as Buffer;
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
    fresh,
    migrate: () => migrate(db as any, { migrationsFolder }),
    async copyCsv(target, chunks) {
      // PGlite copies from a blob: blocks of a few MiB keep memory bounded.
      const BLOCK = 8 * 1024 * 1024;
      let parts: string[] = [];
      let size = 0;
      const flush = async () => {
        if (!size) return;
        await client.query(`copy ${target} from '/dev/blob' with (format csv)`, [], { blob: new Blob(parts) });
        parts = [];
        size = 0;
      };
      for await (const chunk of chunks) {
        parts.push(chunk);
        size += chunk.length;
        if (size >= BLOCK) await flush();
      }
      await flush();
    },
    close: async () => {
      await client.close();
      lock?.release();
    },
  };
}

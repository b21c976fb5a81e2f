// Assembles a Kho from the environment: database (PGlite or Postgres), blob store (disk or S3),
// search index, migrations; on a new embedded database, the sysadmin and the demo catalog.
import { loadConfig, type KhoConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { createBlobStore, prepareBlobStore } from './storage/index.js';
import { PostgresSearch } from './search/postgres-search.js';
import { createKho, type Kho } from './kho.js';

export interface BootOptions {
  env?: NodeJS.ProcessEnv;
  config?: Partial<KhoConfig>;
  /** who opens the embedded database (shown to a second process that finds it locked) */
  holder?: string;
  /** use an in-memory embedded database instead of KHO_DATA_DIR (tests) */
  inMemory?: boolean;
  migrate?: boolean;
  logQuery?: (query: string, params: unknown[]) => void;
}

export async function bootKho(opts: BootOptions = {}): Promise<Kho> {
  const env = opts.env ?? process.env;
  const config = { ...loadConfig(env), ...opts.config };
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: opts.inMemory ? 'memory://' : config.dataDir,
    holder: opts.holder,
    logQuery: opts.logQuery,
  });
  try {
    if (opts.migrate !== false) await database.migrate();
    const blobs = createBlobStore(env, config.dataDir);
    await prepareBlobStore(blobs);
    const search = new PostgresSearch(database, () => config.siteUrl);
    return createKho({ config, database, blobs, search });
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
}

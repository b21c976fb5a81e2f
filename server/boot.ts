// Assembles a Kho from the environment: database (PGlite or Postgres), blob store (disk or S3),
// search index, migrations; on a new embedded database, the sysadmin and the demo catalog.
import { loadConfig, type KhoConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { createBlobStore, prepareBlobStore } from './storage/index.js';
import { Meilisearch } from 'meilisearch';
import { PostgresSearch } from './search/postgres-search.js';
import { MeiliSearchIndex } from './search/meili-search.js';
import { OutboxPusher } from './search/search-outbox.js';
import type { DictSource } from './search/search-index.js';
import { storedDicts } from './logic/show-cache.js';
import { JobWorker } from './jobs/worker.js';
import { compactFacetCounts } from './search/facet-counts.js';
import { createKho, type Kho } from './kho.js';
import { enabledModules } from './modules/index.js';
import type { JobHandler } from './jobs/worker.js';
import type { KhoModule } from './core/module.js';

export interface BootOptions {
  env?: NodeJS.ProcessEnv;
  config?: Partial<KhoConfig>;
  /** who opens the embedded database (shown to a second process that finds it locked) */
  holder?: string;
  /** use an in-memory embedded database instead of KHO_DATA_DIR (tests) */
  inMemory?: boolean;
  migrate?: boolean;
  logQuery?: (query: string, params: unknown[]) => void;
  /** the modules to run, instead of those KHO_MODULES names (tests of the module seam) */
  modules?: readonly KhoModule[];
  /** push search updates to Meilisearch and run jobs in the background (servers); not in CLI commands */
  pushSearch?: boolean;
}

export async function bootKho(opts: BootOptions = {}): Promise<Kho> {
  const env = opts.env ?? process.env;
  const config = { ...loadConfig(env), ...opts.config };
  // Before anything is opened: a misnamed module stops the start.
  const modules = opts.modules ?? enabledModules(config.modules);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    connectTimeoutS: config.databaseConnectTimeoutS,
    poolMax: config.databasePoolMax,
    preparedStatements: config.databasePreparedStatements,
    pgliteDir: opts.inMemory ? 'memory://' : config.dataDir,
    holder: opts.holder,
    logQuery: opts.logQuery,
  });
  try {
    if (opts.migrate !== false) await database.migrate();
    const blobs = createBlobStore(config.storage, config.dataDir);
    // An embedded database on the data dir is locked to this process, and with it files/.tmp.
    await prepareBlobStore(blobs, { holdsDataDir: database.kind === 'pglite' && !opts.inMemory });
    const dicts: DictSource = (db, ids) => storedDicts(db, config.siteUrl, ids);
    const postgresSearch = new PostgresSearch(database, () => config.siteUrl, dicts);
    if (!config.meili) return withJobs(createKho({ config, database, blobs, search: postgresSearch }, modules), opts);
    // Meilisearch answers searches; Postgres keeps its documents for fallback and autocomplete.
    const client = new Meilisearch({ host: config.meili.url, apiKey: config.meili.key });
    const log = (msg: string) => process.stderr.write(`${msg}\n`);
    const search = new MeiliSearchIndex(postgresSearch, client, config.meili.index, log);
    const outbox = new OutboxPusher(database, client, config.meili.index, dicts, log);
    if (opts.pushSearch !== false) outbox.start();
    return withJobs(createKho({ config, database, blobs, search, outbox }, modules), opts);
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
}

/** The background job worker, in server processes: the job kinds and periodic tasks of the core and the modules. */
function withJobs(kho: Kho, opts: BootOptions): Kho {
  if (opts.pushSearch === false) return kho;
  const log = (msg: string) => process.stderr.write(`${msg}\n`);
  const handlers: Record<string, JobHandler> = {};
  const periodic = [{ name: 'facet counts', everyMs: 2000, run: () => compactFacetCounts(kho.database) }];
  for (const m of kho.modules) {
    Object.assign(handlers, m.jobs?.(kho));
    periodic.push(...(m.periodic?.(kho) ?? []));
  }
  kho.jobs = new JobWorker(kho.database, handlers, log, periodic);
  kho.jobs.start();
  return kho;
}

// Settings, all from the environment, read once.
import { resolve } from 'node:path';

export type DatastoreSqlAccess = 'off' | 'signed-in' | 'everyone';
const SQL_ACCESS: readonly DatastoreSqlAccess[] = ['off', 'signed-in', 'everyone'];

/** A positive number from the environment, or undefined when unset; a bad value stops the start. */
function positive(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return n;
}

function sqlAccess(raw: string | undefined): DatastoreSqlAccess | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!(SQL_ACCESS as string[]).includes(raw)) throw new Error(`KHO_DATASTORE_SQL must be one of ${SQL_ACCESS.join(', ')}, not "${raw}"`);
  return raw as DatastoreSqlAccess;
}

export interface FetchSettings {
  /** hosts, addresses or CIDR ranges that may be fetched although they are internal (KHO_FETCH_ALLOW) */
  allow: string[];
  /** largest response body, in bytes (KHO_FETCH_MAX_MB) */
  maxBytes: number;
  /** KHO_FETCH_CONNECT_TIMEOUT_S, KHO_FETCH_HEADERS_TIMEOUT_S, KHO_FETCH_IDLE_TIMEOUT_S */
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  idleTimeoutMs: number;
  /** KHO_FETCH_MAX_REDIRECTS */
  maxRedirects: number;
}

export interface KhoConfig {
  host: string;
  port: number;
  siteUrl: string;
  siteTitle: string;
  siteDescription: string;
  dataDir: string;
  databaseUrl?: string;
  maxUploadBytes: number;
  corsOrigins: string[] | '*';
  locale: string;
  /** load tabular resources into the DataStore in the background as they are uploaded or linked */
  datastoreAutoload: boolean;
  /** how long one datastore_search_sql query may run */
  datastoreSqlTimeoutMs: number;
  /** who may run datastore_search_sql; unset: signed-in users on the embedded database, everyone on Postgres */
  datastoreSql?: DatastoreSqlAccess;
  /** largest planner cost a datastore_search_sql plan may have; unset: 250,000 embedded, no limit on Postgres */
  datastoreSqlMaxCost?: number;
  /** largest datastore_search_sql answer, in bytes of JSON records */
  datastoreSqlMaxBytes: number;
  /** DataStore queries (search and SQL) one process runs at once; unset: half the database pool (2 embedded) */
  datastoreQuerySlots?: number;
  /** DataStore loads one process runs at once; unset: 1 on the embedded database, 2 on Postgres */
  datastoreLoadSlots?: number;
  /** the modules to enable, by name, in order (KHO_MODULES, comma-separated); unset: every module there is */
  modules?: string[];
  /** Outbound requests to URLs users give (DataStore loads, harvests): see server/net/. */
  fetch: FetchSettings;
  /** Meilisearch, when set: search is answered there, fed through the outbox. */
  meili?: { url: string; key?: string; index: string };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): KhoConfig {
  const host = env.HOST ?? '127.0.0.1';
  const port = Number(env.PORT ?? 5000);
  const siteUrl = (env.KHO_SITE_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  const cors = env.KHO_CORS_ORIGINS ?? '*';
  return {
    host,
    port,
    siteUrl,
    siteTitle: env.KHO_SITE_TITLE ?? 'Kho dữ liệu mở',
    siteDescription: env.KHO_SITE_DESCRIPTION ?? 'Cổng dữ liệu mở của tỉnh',
    dataDir: resolve(env.KHO_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    maxUploadBytes: Math.round(Number(env.KHO_MAX_UPLOAD_MB ?? 1024) * 1024 * 1024),
    corsOrigins: cors === '*' ? '*' : cors.split(',').map((s) => s.trim()).filter(Boolean),
    locale: env.KHO_LOCALE ?? 'vi',
    datastoreAutoload: env.KHO_DATASTORE_AUTOLOAD !== '0',
    datastoreSqlTimeoutMs: Number(env.KHO_DATASTORE_SQL_TIMEOUT_MS ?? 10_000),
    datastoreSql: sqlAccess(env.KHO_DATASTORE_SQL),
    datastoreSqlMaxCost: positive(env, 'KHO_DATASTORE_SQL_MAX_COST'),
    datastoreSqlMaxBytes: Math.round((positive(env, 'KHO_DATASTORE_SQL_MAX_MB') ?? 50) * 1024 * 1024),
    datastoreQuerySlots: positive(env, 'KHO_DATASTORE_QUERY_SLOTS'),
    datastoreLoadSlots: positive(env, 'KHO_DATASTORE_LOAD_SLOTS'),
    modules: env.KHO_MODULES === undefined ? undefined : env.KHO_MODULES.split(',').map((s) => s.trim()).filter(Boolean),
    fetch: {
      allow: (env.KHO_FETCH_ALLOW ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      maxBytes: Math.round((positive(env, 'KHO_FETCH_MAX_MB') ?? 200) * 1024 * 1024),
      connectTimeoutMs: (positive(env, 'KHO_FETCH_CONNECT_TIMEOUT_S') ?? 10) * 1000,
      headersTimeoutMs: (positive(env, 'KHO_FETCH_HEADERS_TIMEOUT_S') ?? 30) * 1000,
      idleTimeoutMs: (positive(env, 'KHO_FETCH_IDLE_TIMEOUT_S') ?? 30) * 1000,
      maxRedirects: Math.floor(positive(env, 'KHO_FETCH_MAX_REDIRECTS') ?? 5),
    },
    meili: env.MEILI_URL
      ? { url: env.MEILI_URL, key: env.MEILI_MASTER_KEY || undefined, index: env.KHO_MEILI_INDEX ?? 'kho-datasets' }
      : undefined,
  };
}

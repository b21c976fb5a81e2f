// Settings, all from the environment, read once and checked before anything starts. This is the
// only module that reads the environment (the one exception is KHO_DRIZZLE_KIT in db/table.ts: a
// switch `npm run db:generate` sets for drizzle-kit, which loads that file on its own, never Kho).
// A bad value stops the start with a KhoConfigError: one line naming the variable.
import type { S3Options } from './storage/s3-store.js';
import { resolve } from 'node:path';
import ipaddr from 'ipaddr.js';

export type DatastoreSqlAccess = 'off' | 'signed-in' | 'everyone';
const SQL_ACCESS: readonly DatastoreSqlAccess[] = ['off', 'signed-in', 'everyone'];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A setting that cannot be used; `message` is the one line to show, naming the variable. */
export class KhoConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(message);
    this.name = 'KhoConfigError';
  }
}

type Env = NodeJS.ProcessEnv;

/** The raw value, or undefined when unset or empty (an empty variable means "the default"). */
function raw(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}

const shown = (v: string) => JSON.stringify(v);

/** A positive number from the environment, or undefined when unset. */
function positive(env: Env, name: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const v = raw(env, name);
  if (v === undefined) return undefined;
  const n = Number(v.trim());
  if (!/^\s*[0-9.eE+]+\s*$/.test(v) || !Number.isFinite(n) || n <= 0) {
    throw new KhoConfigError(name, `${name} must be a positive number, not ${shown(v)}`);
  }
  if (n > max) throw new KhoConfigError(name, `${name} must be at most ${max}, not ${shown(v)}`);
  return n;
}

/** A whole number within [min, max], or undefined when unset. */
function whole(env: Env, name: string, min: number, max: number): number | undefined {
  const v = raw(env, name);
  if (v === undefined) return undefined;
  const n = /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new KhoConfigError(name, `${name} must be a whole number from ${min} to ${max}, not ${shown(v)}`);
  }
  return n;
}

/** Exactly 1/0, true/false or yes/no, in any case: anything else is a mistake, not "false". */
function bool(env: Env, name: string, fallback: boolean): boolean {
  const v = raw(env, name);
  if (v === undefined) return fallback;
  const s = v.trim().toLowerCase();
  if (s === '1' || s === 'true' || s === 'yes') return true;
  if (s === '0' || s === 'false' || s === 'no') return false;
  throw new KhoConfigError(name, `${name} must be one of 1, 0, true, false, yes, no, not ${shown(v)}`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[]): T | undefined {
  const v = raw(env, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new KhoConfigError(name, `${name} must be one of ${allowed.join(', ')}, not ${shown(v)}`);
  return v as T;
}

/** An http(s) URL, or undefined when unset. */
function httpUrl(env: Env, name: string): string | undefined {
  const v = raw(env, name);
  if (v === undefined) return undefined;
  let url: URL | null = null;
  try { url = new URL(v); } catch { /* reported below */ }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new KhoConfigError(name, `${name} must be an http:// or https:// URL, not ${shown(v)}`);
  }
  return v;
}

function list(env: Env, name: string): string[] {
  return (raw(env, name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** KHO_FETCH_ALLOW: host names, addresses and CIDR ranges (server/net/address-policy.ts applies them). */
function fetchAllow(env: Env): string[] {
  const entries = list(env, 'KHO_FETCH_ALLOW');
  for (const e of entries) {
    const ok = e.includes('/') ? ipaddr.isValidCIDR(e) : ipaddr.isValid(e) || /^[a-z0-9_]([a-z0-9_.-]{0,251}[a-z0-9_])?\.?$/i.test(e);
    if (!ok) throw new KhoConfigError('KHO_FETCH_ALLOW', `KHO_FETCH_ALLOW must list host names, addresses or CIDR ranges, not ${shown(e)}`);
  }
  return entries;
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

/** Where files go: the data dir's files/ folder, or an S3-compatible bucket. */
export type StorageSettings =
  | { kind: 'local' }
  | ({ kind: 's3' } & S3Options);

/** The connection to a Postgres server (DATABASE_URL), when there is one. */
export interface DatabaseSettings {
  /** seconds to wait for a connection (DATABASE_CONNECT_TIMEOUT) */
  connectTimeoutS: number;
  /** connections per process (DATABASE_POOL_MAX) */
  poolMax: number;
  /** name repeated statements so Postgres parses them once (DATABASE_PREPARED_STATEMENTS; off behind PgBouncer's transaction pooling) */
  preparedStatements: boolean;
}

export interface KhoConfig {
  host: string;
  port: number;
  siteUrl: string;
  siteTitle: string;
  siteDescription: string;
  dataDir: string;
  databaseUrl?: string;
  /** DATABASE_CONNECT_TIMEOUT, DATABASE_POOL_MAX, DATABASE_PREPARED_STATEMENTS */
  databaseConnectTimeoutS: number;
  databasePoolMax: number;
  databasePreparedStatements: boolean;
  /** KHO_STORAGE and the S3_* settings */
  storage: StorageSettings;
  maxUploadBytes: number;
  corsOrigins: string[] | '*';
  locale: string;
  /** the level of the server's JSON log (LOG_LEVEL); 'silent' turns it off */
  logLevel: LogLevel;
  /** the first sysadmin's password (KHO_ADMIN_PASSWORD); unset: a random one, printed once */
  adminPassword?: string;
  /** the first sysadmin's e-mail address (KHO_ADMIN_EMAIL) */
  adminEmail: string;
  /** load the demo catalog into a new embedded database (KHO_SEED) */
  seed: boolean;
  /** when set, /metrics answers only requests with `Authorization: Bearer <this>` (KHO_METRICS_TOKEN) */
  metricsToken?: string;
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
  /** DCAT profiles, in the order they stack (KHO_DCAT_PROFILES); unset: the module's default. The DCAT module checks the names at start. */
  dcatProfiles?: string[];
  /** the catalog's URI and the base of dataset URIs in DCAT (KHO_DCAT_BASE_URI); unset: the site URL */
  dcatBaseUri?: string;
  /** minutes between rebuilds of /catalog/full.*.gz (KHO_DCAT_FULL_EVERY_MIN); 0: only after changes */
  dcatFullEveryMin: number;
  /** Meilisearch, when set: search is answered there, fed through the outbox. */
  meili?: { url: string; key?: string; index: string };
}

const MB = 1024 * 1024;

function databaseUrl(env: Env): string | undefined {
  const v = raw(env, 'DATABASE_URL');
  if (v === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//i.test(v)) throw new KhoConfigError('DATABASE_URL', 'DATABASE_URL must start with postgres:// or postgresql://');
  try { new URL(v); } catch { throw new KhoConfigError('DATABASE_URL', 'DATABASE_URL is not a valid URL (a password with @, / or # must be percent-encoded)'); }
  return v;
}

/** DATABASE_CONNECT_TIMEOUT and DATABASE_POOL_MAX, for openDatabase when it is not given them. */
export function databaseSettings(env: Env = process.env): DatabaseSettings {
  return {
    connectTimeoutS: whole(env, 'DATABASE_CONNECT_TIMEOUT', 1, 600) ?? 5,
    poolMax: whole(env, 'DATABASE_POOL_MAX', 1, 1000) ?? 10,
    preparedStatements: bool(env, 'DATABASE_PREPARED_STATEMENTS', true),
  };
}

/** KHO_STORAGE and, for s3, the bucket's settings. */
export function storageSettings(env: Env = process.env): StorageSettings {
  const kind = oneOf(env, 'KHO_STORAGE', ['local', 's3'] as const) ?? 'local';
  if (kind === 'local') return { kind };
  const bucket = raw(env, 'S3_BUCKET');
  if (!bucket) throw new KhoConfigError('S3_BUCKET', 'S3_BUCKET must be set when KHO_STORAGE=s3 (and S3_ENDPOINT for MinIO or another S3-compatible server)');
  return {
    kind,
    endpoint: httpUrl(env, 'S3_ENDPOINT'),
    bucket,
    region: raw(env, 'S3_REGION') ?? 'us-east-1',
    forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', false),
    accessKeyId: raw(env, 'AWS_ACCESS_KEY_ID'),
    secretAccessKey: raw(env, 'AWS_SECRET_ACCESS_KEY'),
    prefix: raw(env, 'S3_PREFIX'),
  };
}

function corsOrigins(env: Env): string[] | '*' {
  const v = raw(env, 'KHO_CORS_ORIGINS') ?? '*';
  if (v.trim() === '*') return '*';
  const origins = list(env, 'KHO_CORS_ORIGINS');
  for (const o of origins) {
    let origin = '';
    try { origin = new URL(o).origin; } catch { /* reported below */ }
    if (origin !== o) throw new KhoConfigError('KHO_CORS_ORIGINS', `KHO_CORS_ORIGINS must be * or origins like https://data.example.vn, not ${shown(o)}`);
  }
  return origins;
}

/**
 * KHO_DCAT_PROFILES: profile names, comma-separated. Only their shape is checked here (this file
 * knows no module); the DCAT module checks that each is one of its profiles when it starts.
 */
function dcatProfiles(env: Env): string[] | undefined {
  if (raw(env, 'KHO_DCAT_PROFILES') === undefined) return undefined;
  const names = list(env, 'KHO_DCAT_PROFILES');
  const bad = names.find((n) => !/^[a-z][a-z0-9_]*$/.test(n));
  if (!names.length || bad !== undefined) {
    throw new KhoConfigError('KHO_DCAT_PROFILES', `KHO_DCAT_PROFILES must be profile names separated by commas, such as euro_dcat_ap_3,dcat_vn, not ${shown(env.KHO_DCAT_PROFILES ?? '')}`);
  }
  return names;
}

function locale(env: Env): string {
  const v = raw(env, 'KHO_LOCALE') ?? 'vi';
  if (!/^[a-z]{2,3}([_-][A-Za-z]{2,4})?$/.test(v)) throw new KhoConfigError('KHO_LOCALE', `KHO_LOCALE must be a language code such as vi or en_GB, not ${shown(v)}`);
  return v;
}

export function loadConfig(env: Env = process.env): KhoConfig {
  const host = raw(env, 'HOST') ?? '127.0.0.1';
  const port = whole(env, 'PORT', 0, 65535) ?? 5000;
  const siteUrl = (httpUrl(env, 'KHO_SITE_URL') ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  const database = databaseSettings(env);
  const meiliUrl = httpUrl(env, 'MEILI_URL');
  return {
    host,
    port,
    siteUrl,
    siteTitle: raw(env, 'KHO_SITE_TITLE') ?? 'Kho dữ liệu mở',
    siteDescription: raw(env, 'KHO_SITE_DESCRIPTION') ?? 'Cổng dữ liệu mở của tỉnh',
    dataDir: resolve(raw(env, 'KHO_DATA_DIR') ?? './data'),
    databaseUrl: databaseUrl(env),
    databaseConnectTimeoutS: database.connectTimeoutS,
    databasePoolMax: database.poolMax,
    databasePreparedStatements: database.preparedStatements,
    storage: storageSettings(env),
    maxUploadBytes: Math.round((positive(env, 'KHO_MAX_UPLOAD_MB', 1024 * 1024) ?? 1024) * MB),
    corsOrigins: corsOrigins(env),
    locale: locale(env),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS) ?? 'info',
    adminPassword: raw(env, 'KHO_ADMIN_PASSWORD'),
    adminEmail: raw(env, 'KHO_ADMIN_EMAIL') ?? 'admin@kho.local',
    seed: bool(env, 'KHO_SEED', true),
    metricsToken: raw(env, 'KHO_METRICS_TOKEN'),
    datastoreAutoload: bool(env, 'KHO_DATASTORE_AUTOLOAD', true),
    datastoreSqlTimeoutMs: whole(env, 'KHO_DATASTORE_SQL_TIMEOUT_MS', 1, 3_600_000) ?? 10_000,
    datastoreSql: oneOf(env, 'KHO_DATASTORE_SQL', SQL_ACCESS),
    datastoreSqlMaxCost: positive(env, 'KHO_DATASTORE_SQL_MAX_COST'),
    datastoreSqlMaxBytes: Math.round((positive(env, 'KHO_DATASTORE_SQL_MAX_MB', 100 * 1024) ?? 50) * MB),
    datastoreQuerySlots: positive(env, 'KHO_DATASTORE_QUERY_SLOTS', 1000),
    datastoreLoadSlots: positive(env, 'KHO_DATASTORE_LOAD_SLOTS', 1000),
    modules: env.KHO_MODULES === undefined ? undefined : list(env, 'KHO_MODULES'),
    fetch: {
      allow: fetchAllow(env),
      maxBytes: Math.round((positive(env, 'KHO_FETCH_MAX_MB') ?? 200) * MB),
      connectTimeoutMs: (positive(env, 'KHO_FETCH_CONNECT_TIMEOUT_S') ?? 10) * 1000,
      headersTimeoutMs: (positive(env, 'KHO_FETCH_HEADERS_TIMEOUT_S') ?? 30) * 1000,
      idleTimeoutMs: (positive(env, 'KHO_FETCH_IDLE_TIMEOUT_S') ?? 30) * 1000,
      maxRedirects: Math.floor(positive(env, 'KHO_FETCH_MAX_REDIRECTS') ?? 5),
    },
    dcatProfiles: dcatProfiles(env),
    dcatBaseUri: httpUrl(env, 'KHO_DCAT_BASE_URI')?.replace(/\/+$/, ''),
    dcatFullEveryMin: whole(env, 'KHO_DCAT_FULL_EVERY_MIN', 0, 10_080) ?? 60,
    meili: meiliUrl
      ? { url: meiliUrl, key: raw(env, 'MEILI_MASTER_KEY'), index: raw(env, 'KHO_MEILI_INDEX') ?? 'kho-datasets' }
      : undefined,
  };
}

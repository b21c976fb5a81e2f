// Settings, all from the environment, read once.
import { resolve } from 'node:path';

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
    meili: env.MEILI_URL
      ? { url: env.MEILI_URL, key: env.MEILI_MASTER_KEY || undefined, index: env.KHO_MEILI_INDEX ?? 'kho-datasets' }
      : undefined,
  };
}

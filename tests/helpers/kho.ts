// A real Kho for tests: embedded PGlite in memory by default, or a fresh database on the Postgres
// server named by DATABASE_URL; files in a temp dir; served over HTTP on a loopback port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { bootKho } from '../../server/boot.js';
import { buildApp } from '../../server/http/app.js';
import type { Kho } from '../../server/kho.js';
import type { KhoModule } from '../../server/core/module.js';
import { createToken } from '../../server/actions/user.js';

export interface TestKho {
  kho: Kho;
  app: FastifyInstance;
  url: string;
  sysadmin: { name: string; id: string; token: string };
  /** POSTs JSON (or GETs a query) to an action; returns status and parsed body. */
  api(name: string, data?: Record<string, unknown>, opts?: { token?: string | null; method?: 'GET' | 'POST'; prefix?: string }): Promise<{ status: number; body: any; headers: Headers }>;
  /** Creates a user and an API token for them. */
  user(name: string, opts?: { sysadmin?: boolean }): Promise<{ name: string; id: string; token: string }>;
  close(): Promise<void>;
}

export async function freshPostgresDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: postgres } = await import('postgres');
  const name = `kho_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export const backendName = process.env.DATABASE_URL ? 'postgres' : 'pglite';

export async function startKho(opts: { env?: Record<string, string>; maxUploadMb?: number; modules?: readonly KhoModule[] } = {}): Promise<TestKho> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kho-test-'));
  const pg = process.env.DATABASE_URL ? await freshPostgresDatabase(process.env.DATABASE_URL) : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KHO_DATA_DIR: dataDir,
    KHO_STORAGE: 'local',
    ...(opts.maxUploadMb ? { KHO_MAX_UPLOAD_MB: String(opts.maxUploadMb) } : {}),
    ...opts.env,
  };
  // Meilisearch only where a test asks for it: its index is eventually consistent.
  if (!opts.env?.MEILI_URL) delete env.MEILI_URL;
  // Background DataStore loads only where a test asks: they add activity to the datasets.
  if (!opts.env?.KHO_DATASTORE_AUTOLOAD) env.KHO_DATASTORE_AUTOLOAD = '0';
  // The complete DCAT files only where a test asks: each build writes files under files/.
  if (!opts.env?.KHO_DCAT_FULL_EVERY_MIN) env.KHO_DCAT_FULL_EVERY_MIN = '0';
  // Fixture servers listen on loopback, which Kho refuses to fetch unless allowed; '' allows nothing.
  if (opts.env?.KHO_FETCH_ALLOW === undefined) env.KHO_FETCH_ALLOW = '127.0.0.1,::1,localhost';
  if (pg) env.DATABASE_URL = pg.url;
  else delete env.DATABASE_URL;
  const kho = await bootKho({ env, inMemory: !pg, holder: 'test', config: { siteUrl: 'http://kho.test' }, modules: opts.modules });
  const app = await buildApp(kho);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${addr.port}`;
  // The site URL is what links are built from; point it at this server.
  kho.config.siteUrl = url;

  const makeUser = async (name: string, o: { sysadmin?: boolean } = {}) => {
    const u = await kho.call('user_create', {
      name, email: `${name}@example.vn`, password: 'mat-khau-123', sysadmin: !!o.sysadmin,
    }, { ignoreAuth: true });
    const { token } = await createToken({ kho, user: null, ignoreAuth: true }, u.id, 'test');
    return { name, id: u.id as string, token };
  };
  const sysadmin = await makeUser('sysadmin', { sysadmin: true });

  const api: TestKho['api'] = async (name, data = {}, o = {}) => {
    const token = o.token === undefined ? sysadmin.token : o.token;
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = token;
    const prefix = o.prefix ?? '/api/3/action';
    let res: Response;
    if (o.method === 'GET') {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(data)) {
        if (Array.isArray(v)) v.forEach((x) => qs.append(k, String(x)));
        else if (v !== undefined) qs.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
      }
      res = await fetch(`${url}${prefix}/${name}?${qs}`, { headers });
    } else {
      headers['Content-Type'] = 'application/json';
      res = await fetch(`${url}${prefix}/${name}`, { method: 'POST', headers, body: JSON.stringify(data) });
    }
    const text = await res.text();
    let body: any = text;
    try { body = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, body, headers: res.headers };
  };

  return {
    kho, app, url, sysadmin, api, user: makeUser,
    async close() {
      await app.close();
      await kho.close();
      await pg?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An organization with an admin, an editor and a member, each with a token. */
export async function orgWithRoles(k: TestKho, org: string) {
  const res = await k.api('organization_create', { name: org, title: `Tổ chức ${org}` });
  if (res.status !== 200) throw new Error(`organization_create failed: ${JSON.stringify(res.body)}`);
  const admin = await k.user(`${org}-admin`);
  const editor = await k.user(`${org}-editor`);
  const member = await k.user(`${org}-member`);
  for (const [u, role] of [[admin, 'admin'], [editor, 'editor'], [member, 'member']] as const) {
    const r = await k.api('organization_member_create', { id: org, username: u.name, role });
    if (r.status !== 200) throw new Error(`member_create failed: ${JSON.stringify(r.body)}`);
  }
  return { id: res.body.result.id as string, name: org, admin, editor, member };
}

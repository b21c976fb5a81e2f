// kho serve | db migrate | user create | token create | seed — all through the same action
// registry as the HTTP API, reading the same environment as the server.
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { bootKho } from '../boot.js';
import { buildApp } from '../http/app.js';
import { DataDirBusyError } from '../db/data-dir-lock.js';
import { ActionError } from '../core/errors.js';
import { users, packages } from '../db/schema.js';
import { createToken } from '../actions/user.js';
import type { Kho } from '../core/kho.js';

const USAGE = `Usage:
  kho serve                         start the server (PORT, HOST, KHO_DATA_DIR, DATABASE_URL, ...)
  kho db migrate                    apply database migrations
  kho user create NAME --email E --password P [--sysadmin] [--fullname F]
  kho token create NAME [--name TOKEN_NAME]   print a new API token for user NAME
  kho seed [--force]                load the demo catalog
  kho search reindex                rebuild every dataset's search document (safe while serving)
`;

function fail(message: string, code = 1): never {
  process.stderr.write(`kho: ${message}\n`);
  process.exit(code);
}

async function withKho<T>(holder: string, fn: (kho: Kho) => Promise<T>): Promise<T> {
  const kho = await bootKho({ holder, pushSearch: false });
  try {
    return await fn(kho);
  } finally {
    await kho.close();
  }
}

/** A sysadmin to act as: the first one there is, created (and announced) if there is none. */
export async function ensureSysadmin(kho: Kho, log: (s: string) => void): Promise<string> {
  const existing = await kho.database.db.select({ name: users.name }).from(users)
    .where(eq(users.sysadmin, true)).orderBy(users.created).limit(1);
  if (existing[0]) return existing[0].name;
  const password = process.env.KHO_ADMIN_PASSWORD || randomBytes(9).toString('base64url');
  const created = await kho.call('user_create', {
    name: 'admin', email: process.env.KHO_ADMIN_EMAIL || 'admin@kho.local', password, fullname: 'Quản trị hệ thống', sysadmin: true,
  }, { ignoreAuth: true });
  const { token } = await createToken({ kho, user: null, ignoreAuth: true }, created.id, 'bootstrap');
  log(`Created sysadmin "admin" with password ${password}`);
  log(`Its API token (send it as the Authorization header): ${token}`);
  return 'admin';
}

async function loadDemoCatalog(kho: Kho, log: (s: string) => void) {
  const sysadmin = await ensureSysadmin(kho, log);
  const { loadDemo } = await import('../../seed/load-demo.js');
  const counts = await loadDemo(kho, { sysadmin, log: () => {} });
  log(`Loaded demo data: ${counts.organizations} organizations, ${counts.groups} groups, ${counts.datasets} datasets, ${counts.resources} resources`);
}

async function serve() {
  const kho = await bootKho({ holder: 'kho serve' });
  const log = (s: string) => process.stdout.write(`${s}\n`);
  if (kho.database.fresh && process.env.KHO_SEED !== '0') await loadDemoCatalog(kho, log);
  else await ensureSysadmin(kho, log);
  const app = await buildApp(kho, { logger: process.env.KHO_LOG === '1' });
  const shutdown = async () => {
    await app.close().catch(() => {});
    await kho.close().catch(() => {});
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: kho.config.port, host: kho.config.host });
  log(`Kho is serving ${kho.config.siteUrl}  (API: ${kho.config.siteUrl}/api/3/action/status_show)`);
  log(`Database: ${kho.database.kind}, files: ${kho.blobs.kind}, search: ${kho.search.kind}`);
  log(`Sysadmin: log in with the API token printed when the catalog was created, or make a new one with: npx kho token create admin`);
}

async function main(argv: string[]) {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve();
    case 'db':
      if (sub !== 'migrate') fail(USAGE, 2);
      return withKho('kho db migrate', async () => process.stdout.write('Database is up to date.\n'));
    case 'user': {
      if (sub !== 'create') fail(USAGE, 2);
      const { values, positionals } = parseArgs({
        args: rest, allowPositionals: true,
        options: { email: { type: 'string' }, password: { type: 'string' }, sysadmin: { type: 'boolean' }, fullname: { type: 'string' } },
      });
      if (!positionals[0]) fail('user create needs a NAME');
      return withKho('kho user create', async (kho) => {
        const u = await kho.call('user_create', {
          name: positionals[0], email: values.email, password: values.password, fullname: values.fullname, sysadmin: !!values.sysadmin,
        }, { ignoreAuth: true });
        process.stdout.write(`Created user ${u.name}${u.sysadmin ? ' (sysadmin)' : ''} with id ${u.id}\n`);
      });
    }
    case 'token': {
      if (sub !== 'create') fail(USAGE, 2);
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { name: { type: 'string' } } });
      if (!positionals[0]) fail('token create needs a user NAME');
      return withKho('kho token create', async (kho) => {
        const rows = await kho.database.db.select({ id: users.id }).from(users)
          .where(sql`${users.name} = ${positionals[0]} and ${users.state} = 'active'`).limit(1);
        if (!rows[0]) fail(`no active user named ${positionals[0]}`);
        const { token } = await createToken({ kho, user: null, ignoreAuth: true }, rows[0].id, values.name ?? 'cli');
        process.stdout.write(`${token}\n`);
      });
    }
    case 'search': {
      if (sub !== 'reindex') fail(USAGE, 2);
      return withKho('kho search reindex', async (kho) => {
        const { reindexAll } = await import('../search/reindex.js');
        const started = performance.now();
        const n = await reindexAll(kho, ({ done, total }) => {
          const width = 30;
          const filled = Math.round((done / Math.max(total, 1)) * width);
          const rate = done / ((performance.now() - started) / 1000);
          process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} datasets, ${rate.toFixed(0)}/s`);
        });
        process.stderr.write('\n');
        if (kho.outbox) {
          // Meilisearch takes the rebuilt documents from the outbox, like every other change.
          let first = -1;
          await kho.outbox.drain((left) => {
            if (first < 0) first = left;
            process.stderr.write(`\rMeilisearch: ${first - left}/${first} datasets sent`);
          });
          process.stderr.write('\n');
        }
        process.stdout.write(`Reindexed ${n} datasets.\n`);
      });
    }
    case 'seed': {
      const { values } = parseArgs({ args: sub ? [sub, ...rest] : rest, options: { force: { type: 'boolean' } } });
      return withKho('kho seed', async (kho) => {
        const any = await kho.database.db.select({ id: packages.id }).from(packages).limit(1);
        if (any.length && !values.force) fail('the catalog already has datasets; use --force to load the demo data anyway');
        await loadDemoCatalog(kho, (s) => process.stdout.write(`${s}\n`));
      });
    }
    default:
      process.stdout.write(USAGE);
      if (command && command !== 'help' && command !== '--help') process.exit(2);
  }
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof DataDirBusyError) fail(err.message, 3);
  if (err instanceof ActionError) fail(`${err.type}: ${JSON.stringify(err.body())}`);
  fail(err?.stack ?? String(err));
});

// The kho command, run as a user runs it: a separate process on the same environment as the
// server, including the guard that keeps a second process off an embedded database in use.
import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPostgresDatabase } from './helpers/kho.js';
import { freePort } from './helpers/ports.js';

const root = new URL('..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'kho-cli-'));
const env: NodeJS.ProcessEnv = { ...process.env, KHO_DATA_DIR: dataDir, KHO_SEED: '0', KHO_STORAGE: 'local' };
let dropDb: (() => Promise<void>) | null = null;
if (process.env.DATABASE_URL) {
  const fresh = await freshPostgresDatabase(process.env.DATABASE_URL);
  env.DATABASE_URL = fresh.url;
  dropDb = fresh.drop;
}
t.teardown(async () => {
  await dropDb?.();
  rmSync(dataDir, { recursive: true, force: true });
});

const kho = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/kho.js'), ...args], { env, encoding: 'utf8', timeout: 60_000 });


t.test('db migrate, user create, token create', async (t) => {
  const m = kho('db', 'migrate');
  t.equal(m.status, 0, m.stderr);
  const u = kho('user', 'create', 'chuyen-vien', '--email', 'cv@hue.gov.vn', '--password', 'mat-khau-dai', '--sysadmin');
  t.equal(u.status, 0, u.stderr);
  t.match(u.stdout, /Created user chuyen-vien \(sysadmin\)/);
  const bad = kho('user', 'create', 'x', '--email', 'khong-hop-le', '--password', 'ngan');
  t.not(bad.status, 0);
  t.match(bad.stderr, /Validation Error/);
  const tok = kho('token', 'create', 'chuyen-vien');
  t.equal(tok.status, 0, tok.stderr);
  t.match(tok.stdout, /^kho_[0-9a-f]{32}_[\w-]+\n$/, 'the token alone on stdout');
  const re = kho('search', 'reindex');
  t.equal(re.status, 0, re.stderr);
  t.match(re.stdout, /Reindexed 0 datasets/);
  const none = kho('token', 'create', 'khong-ai');
  t.not(none.status, 0);
});

t.test('serve uses what the CLI created; a second process is kept off an embedded database', async (t) => {
  const token = kho('token', 'create', 'chuyen-vien').stdout.trim();
  const port = await freePort();
  const server = spawn(process.execPath, [join(root, 'bin/kho.js'), 'serve'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => { server.kill('SIGTERM'); });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    server.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Kho is serving')) { clearTimeout(timer); resolve(); }
    });
    server.stderr.on('data', (d) => { out += d; });
    server.on('exit', () => { clearTimeout(timer); reject(new Error(`server exited: ${out}`)); });
  });
  t.match(out, new RegExp(`http://127.0.0.1:${port}`));
  const me = await fetch(`http://127.0.0.1:${port}/api/3/action/user_show`, { headers: { Authorization: token } });
  t.equal((await me.json()).result.name, 'chuyen-vien');

  const second = kho('token', 'create', 'chuyen-vien');
  if (env.DATABASE_URL) {
    t.equal(second.status, 0, 'with Postgres the CLI works beside a running server');
  } else {
    t.equal(second.status, 3, 'refused while the server holds the embedded database');
    t.match(second.stderr, /in use by kho serve \(pid \d+\)/);
  }
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  const after = kho('token', 'create', 'chuyen-vien');
  t.equal(after.status, 0, 'works again once the server stopped');
});

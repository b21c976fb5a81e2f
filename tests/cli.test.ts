// The kho command, run as a user runs it: a separate process on the same environment as the
// server, including the guard that keeps a second process off an embedded database in use.
import t, { type Test } from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPostgresDatabase } from './helpers/kho.js';
import { freePort } from './helpers/ports.js';

// Every case here starts processes of its own; on a busy machine that takes longer than tap's
// default per-file limit.
t.setTimeout(10 * 60_000);

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
  // The request log is buffered, and written out by the time the process has stopped.
  const logged = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  const userShow = logged.find((l) => l.action === 'user_show');
  t.ok(userShow, 'the user_show request has its JSON log line');
  t.equal(userShow?.status, 200);
  t.equal(typeof userShow?.ms, 'number');
  t.notMatch(out, token, 'the token is never logged');
  const after = kho('token', 'create', 'chuyen-vien');
  t.equal(after.status, 0, 'works again once the server stopped');
});

t.test('--help on every command and subcommand, and --version, touch nothing', async (t) => {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const v = kho('--version');
  t.equal(v.status, 0, v.stderr);
  t.equal(v.stdout, `kho ${version}\n`);
  const helps: [string[], RegExp][] = [
    [['--help'], /^Usage: kho COMMAND/],
    [['help'], /^Usage: kho COMMAND/],
    [['serve', '--help'], /^Usage: kho serve\n/],
    [['serve', '-h'], /^Usage: kho serve\n/],
    [['db', '--help'], /^Usage: kho db SUBCOMMAND/],
    [['db', 'migrate', '--help'], /^Usage: kho db migrate\n/],
    [['user', '--help'], /^Usage: kho user SUBCOMMAND/],
    [['user', 'create', '--help'], /^Usage: kho user create NAME --email E --password P/],
    [['token', '--help'], /^Usage: kho token SUBCOMMAND/],
    [['token', 'create', '--help'], /^Usage: kho token create NAME/],
    [['seed', '--help'], /^Usage: kho seed \[--force\]/],
    [['search', '--help'], /^Usage: kho search SUBCOMMAND/],
    [['search', 'reindex', '--help'], /^Usage: kho search reindex\n/],
    [['help', 'user', 'create'], /^Usage: kho user create NAME/],
  ];
  // Help must not need a working setup: with a setting that would stop any command, it answers.
  for (const [args, usage] of helps) {
    const r = spawnSync(process.execPath, [join(root, 'bin/kho.js'), ...args], { env: { ...env, PORT: 'abc' }, encoding: 'utf8', timeout: 60_000 });
    t.equal(r.status, 0, `kho ${args.join(' ')} exits 0 ${r.stderr}`);
    t.match(r.stdout, usage, `kho ${args.join(' ')} prints its usage`);
    t.equal(r.stderr, '', `kho ${args.join(' ')} writes nothing else`);
  }
});

/** The first line of stderr, and that nothing in it looks like a stack trace. */
function oneLine(t: Test, r: { stderr: string }, expected: RegExp | string) {
  const first = r.stderr.split('\n')[0];
  if (typeof expected === 'string') t.equal(first, expected);
  else t.match(first, expected);
  t.notMatch(r.stderr, /^\s+at /m, 'no stack trace');
}

t.test('a wrong command line: one line, the usage, exit 2', async (t) => {
  for (const [args, message] of [
    [['frobnicate'], 'kho: unknown command "frobnicate"'],
    [['--frob'], 'kho: unknown option --frob'],
    [['user'], 'kho: user needs a subcommand: create'],
    [['user', 'delete', 'x'], 'kho: unknown command "user delete" (there is: create)'],
    [['user', 'create', 'x', '--admin'], /^kho: user create: Unknown option '--admin'/],
    [['user', 'create'], 'kho: user create needs a NAME'],
    [['token', 'create', 'a', 'b'], 'kho: token create: unexpected argument "b"'],
    [['serve', '--port', '80'], /^kho: serve: Unknown option '--port'/],
    [[], 'kho: no command given'],
  ] as [string[], string | RegExp][]) {
    const r = kho(...args);
    t.equal(r.status, 2, `kho ${args.join(' ')} exits 2`);
    oneLine(t, r, message);
    t.match(r.stderr, /\n\nUsage: kho /, 'then the usage');
  }
});

t.test('a bad setting stops any command with one line naming it', async (t) => {
  for (const [name, value, message] of [
    ['PORT', 'abc', 'kho: PORT must be a whole number from 0 to 65535, not "abc"'],
    ['KHO_SEED', 'nope', 'kho: KHO_SEED must be one of 1, 0, true, false, yes, no, not "nope"'],
    ['KHO_MAX_UPLOAD_MB', 'abc', 'kho: KHO_MAX_UPLOAD_MB must be a positive number, not "abc"'],
    ['DATABASE_URL', 'mysql://kho@127.0.0.1/kho', 'kho: DATABASE_URL must start with postgres:// or postgresql://'],
  ]) {
    for (const command of [['serve'], ['db', 'migrate']]) {
      const r = spawnSync(process.execPath, [join(root, 'bin/kho.js'), ...command], { env: { ...env, [name]: value }, encoding: 'utf8', timeout: 60_000 });
      t.equal(r.status, 1, `${name}=${value} kho ${command.join(' ')} exits 1`);
      t.equal(r.stderr, `${message}\n`, `${name}=${value}: one line`);
      t.equal(r.stdout, '');
    }
  }
});

t.test('an unreachable database: one line saying where and why', async (t) => {
  const port = await freePort();
  for (const command of [['serve'], ['token', 'create', 'chuyen-vien']]) {
    const r = spawnSync(process.execPath, [join(root, 'bin/kho.js'), ...command], {
      env: { ...env, DATABASE_URL: `postgres://kho:kho@127.0.0.1:${port}/kho` }, encoding: 'utf8', timeout: 60_000,
    });
    t.equal(r.status, 1);
    t.equal(r.stderr, `kho: cannot connect to 127.0.0.1:${port}: connection refused\n`);
    t.equal(r.stdout, '');
  }
});

t.test('serve on a port in use: one line, and nothing created (no sysadmin, no database)', async (t) => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
  t.teardown(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
  const port = (blocker.address() as { port: number }).port;
  // A new, empty place: without the check, serve would create the catalog and its sysadmin here.
  const emptyDir = mkdtempSync(join(tmpdir(), 'kho-cli-port-'));
  t.teardown(() => rmSync(emptyDir, { recursive: true, force: true }));
  const fresh = process.env.DATABASE_URL ? await freshPostgresDatabase(process.env.DATABASE_URL) : null;
  t.teardown(async () => { await fresh?.drop(); });
  const runEnv = { ...env, KHO_DATA_DIR: emptyDir, PORT: String(port), KHO_SEED: '1', ...(fresh ? { DATABASE_URL: fresh.url } : {}) };
  const r = spawnSync(process.execPath, [join(root, 'bin/kho.js'), 'serve'], { env: runEnv, encoding: 'utf8', timeout: 60_000 });
  t.equal(r.status, 1);
  t.equal(r.stderr, `kho: port ${port} on 127.0.0.1 is in use\n`);
  t.notMatch(r.stdout, /Created sysadmin|password/, 'no sysadmin was made or announced');
  t.same(readdirSync(emptyDir), [], 'the data dir is untouched');
  if (fresh) {
    // Nothing on the Postgres server either: there is no admin to make a token for.
    const tok = spawnSync(process.execPath, [join(root, 'bin/kho.js'), 'token', 'create', 'admin'], { env: runEnv, encoding: 'utf8', timeout: 60_000 });
    t.equal(tok.status, 1);
    t.equal(tok.stderr, 'kho: no active user named admin\n');
  }
});

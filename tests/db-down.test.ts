// A database that goes away answers 503 with a clear message, quickly, and service comes back
// with the database. Needs a real Postgres server (DATABASE_URL): Kho reaches it through a TCP
// relay this test controls, then the relay is cut.
import t from 'tap';
import { createServer, connect, type Socket, type Server } from 'node:net';
import { startKho } from './helpers/kho.js';

if (!process.env.DATABASE_URL) {
  t.comment('SKIPPED: the database-down test needs DATABASE_URL (CI runs it against a real Postgres)');
  t.test('database down → 503', { skip: 'needs DATABASE_URL (a real Postgres server)' }, async () => {});
} else {
  const target = new URL(process.env.DATABASE_URL);
  const sockets = new Set<Socket>();
  let relay: Server | null = null;
  let relayPort = 0;
  const openRelay = () => new Promise<void>((resolve) => {
    relay = createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => { client.destroy(); upstream.destroy(); };
      client.on('error', drop);
      upstream.on('error', drop);
    });
    relay.listen(relayPort, '127.0.0.1', () => {
      relayPort = (relay!.address() as { port: number }).port;
      resolve();
    });
  });
  const cutRelay = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    relay!.close(() => resolve());
  });

  await openRelay();
  // startKho makes a fresh database on the real server; a second Kho reaches it through the relay.
  const k = await startKho();
  t.teardown(() => k.close().catch(() => {}));
  const { bootKho } = await import('../server/boot.js');
  const { buildApp } = await import('../server/http/app.js');
  const relayed = new URL(k.kho.config.databaseUrl!);
  relayed.host = `127.0.0.1:${relayPort}`;
  const viaRelay = await bootKho({ env: { ...process.env, DATABASE_URL: relayed.toString(), DATABASE_CONNECT_TIMEOUT: '2' }, holder: 'test' });
  const app = await buildApp(viaRelay);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  t.teardown(async () => { await app.close(); await viaRelay.close().catch(() => {}); if (relay?.listening) await cutRelay(); });

  t.test('answers while the database is there', async (t) => {
    const r = await fetch(`${url}/api/3/action/package_list`);
    t.equal(r.status, 200);
  });

  t.test('503 with a clear message when the database is gone, not a hang', async (t) => {
    await cutRelay();
    const started = Date.now();
    const r = await fetch(`${url}/api/3/action/package_list`);
    const elapsed = Date.now() - started;
    t.equal(r.status, 503);
    const body = await r.json();
    t.equal(body.success, false);
    t.match(body.error.message, /database is not available/);
    t.ok(elapsed < 15_000, `answered in ${elapsed} ms`);
  });

  t.test('service comes back with the database', async (t) => {
    await openRelay();
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await fetch(`${url}/api/3/action/package_list`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    t.equal(status, 200);
  });
}

// kho serve. The order matters: settings are checked, then the port, then the database is
// opened, then the port is bound, and only then is anything created (the sysadmin, the demo
// catalog). A start that fails says why in one line and leaves nothing behind.
import { createServer } from 'node:net';
import { loadConfig } from '../config.js';
import { CliError } from './cli-errors.js';

export async function serve(): Promise<void> {
  const config = loadConfig();
  // Before the database is opened (a new embedded one is created on open): is the port free?
  await probePort(config.host, config.port);
  const { bootKho } = await import('../boot.js');
  const { buildApp } = await import('../http/app.js');
  const { ensureSysadmin, loadDemoCatalog } = await import('./sysadmin.js');
  const kho = await bootKho({ holder: 'kho serve' });
  const app = await buildApp(kho, { logger: true }).catch(async (err) => { await kho.close().catch(() => {}); throw err; });
  const log = (s: string) => process.stdout.write(`${s}\n`);
  try {
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (err) {
      // Taken between the probe and now.
      throw listenError(err, config.host, config.port);
    }
    if (kho.database.fresh && kho.config.seed) await loadDemoCatalog(kho, log);
    else await ensureSysadmin(kho, log);
  } catch (err) {
    await app.close().catch(() => {});
    await kho.close().catch(() => {});
    throw err;
  }
  const shutdown = async () => {
    await app.close().catch(() => {});
    await kho.close().catch(() => {});
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  log(`Kho is serving ${kho.config.siteUrl}  (API: ${kho.config.siteUrl}/api/3/action/status_show)`);
  log(`Database: ${kho.database.kind}, files: ${kho.blobs.kind}, search: ${kho.search.kind}`);
  log(`Sysadmin: log in with the API token printed when the catalog was created, or make a new one with: npx kho token create admin`);
}

/** Binds the port for a moment to learn whether it is free, and says why not in one line. */
function probePort(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err) => reject(listenError(err, host, port)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

function listenError(err: unknown, host: string, port: number): Error {
  const code = (err as { code?: string } | null)?.code;
  if (code === 'EADDRINUSE') return new CliError(`port ${port} on ${host} is in use`);
  if (code === 'EACCES') return new CliError(`port ${port} on ${host} needs more privileges (choose PORT 1024 or above)`);
  if (code === 'EADDRNOTAVAIL') return new CliError(`cannot listen on ${host}: this machine has no such address (HOST)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new CliError(`cannot listen on ${host}: host not found (HOST)`);
  return err instanceof Error ? err : new Error(String(err));
}

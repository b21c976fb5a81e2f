// Probes for orchestrators: /healthz says the process answers (restart it if not); /readyz says
// the database answers too (send it traffic only then). Docker's health check uses /readyz.
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Kho } from '../core/kho.js';
import { describeDbError } from '../db/connection-errors.js';
import { DeadlineError, withDeadline } from '../core/timeout.js';

/** Longer than a healthy database ever takes for `select 1`, shorter than the probe's own timeout. */
const READY_TIMEOUT_MS = 2000;

const JSON_TYPE = 'application/json;charset=utf-8';

export function registerHealthRoutes(app: FastifyInstance, kho: Kho) {
  app.get('/healthz', async (_request, reply) =>
    reply.header('Cache-Control', 'no-store').type(JSON_TYPE).send(JSON.stringify({ status: 'ok' })));

  app.get('/readyz', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store').type(JSON_TYPE);
    const problem = await databaseProblem(kho);
    if (!problem) return reply.send(JSON.stringify({ status: 'ok' }));
    return reply.code(503).header('Retry-After', '5').send(JSON.stringify({ status: 'unavailable', reason: `database: ${problem}` }));
  });
}

/** null when the database answers `select 1` in time; else what is wrong, in a few words. */
async function databaseProblem(kho: Kho): Promise<string | null> {
  try {
    await withDeadline(kho.database.db.execute(sql`select 1`), READY_TIMEOUT_MS);
    return null;
  } catch (err) {
    return err instanceof DeadlineError ? err.message : describeDbError(err);
  }
}

// Turns anything an action throws into CKAN's answer. Known faults get their CKAN status; a
// database that cannot be reached is a 503; nothing leaks a stack trace to the caller, and every
// 5xx is logged with its cause.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ActionError, BadRequest, ServiceUnavailableError, ValidationError } from '../core/errors.js';
import { isConnectionFailure } from '../db/connection-errors.js';


/** Maps database driver errors to CKAN errors; null when it is not a database fault we know. */
export function translateDbError(err: any): ActionError | null {
  const code: string | undefined = err?.code ?? err?.cause?.code;
  if (!code) return null;
  if (isConnectionFailure(err)) {
    return new ServiceUnavailableError('The database is not available right now. Please try again shortly.');
  }
  if (code === '23505') return new ValidationError({ message: 'That record already exists (a concurrent write got there first)' } as any);
  if (code === '40001' || code === '40P01') return new ValidationError({ message: 'The record was changed by a concurrent write; please retry' } as any);
  if (code.startsWith('22')) return new ValidationError({ message: 'Invalid value for the database' } as any);
  return null;
}

export function sendError(request: FastifyRequest, reply: FastifyReply, err: unknown, help: string) {
  if (err instanceof BadRequest) return reply.code(err.status).type('application/json;charset=utf-8').send(JSON.stringify(err.message));
  let known = err instanceof ActionError ? err : translateDbError(err);
  if (!known) known = new ActionError(500, 'Internal Server Error', 'Internal Server Error');
  // The request's log line carries what went wrong, with its stack (request-log.ts); the
  // answer never does.
  if (known.status >= 500) request.khoError = err;
  if (known.status === 503) reply.header('Retry-After', '5');
  return reply.code(known.status).type('application/json;charset=utf-8')
    .send(JSON.stringify({ help, success: false, error: known.body() }));
}

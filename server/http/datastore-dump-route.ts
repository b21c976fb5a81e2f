// /datastore/dump/{resource_id}: the whole table as CSV, TSV, JSON or XML, streamed.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Kho } from '../kho.js';
import { prepareDump } from '../actions/datastore.js';
import { ActionError, ValidationError } from '../actions/errors.js';
import { parsePairs } from './request-input.js';
import { requestUser } from './request-user.js';

export function registerDatastoreDumpRoutes(app: FastifyInstance, kho: Kho) {
  app.get<{ Params: { id: string } }>('/datastore/dump/:id', async (request, reply) => {
    const params = parsePairs(request.url.split('?')[1] ?? '');
    try {
      const user = await requestUser(kho, request);
      const dump = await prepareDump({ kho, user }, request.params.id, params);
      reply.header('Content-Type', dump.contentType);
      reply.header('Content-Disposition', `attachment; filename="${dump.filename}"`);
      return reply.send(Readable.from(dump.chunks));
    } catch (err) {
      // Unknown or unreadable resources are 404 (the dump exists for readers only); bad params 400.
      const status = err instanceof ValidationError ? 400 : err instanceof ActionError ? 404 : 500;
      if (status === 500) request.log.error({ err }, 'dump failed');
      const message = err instanceof ValidationError ? JSON.stringify(err.body()) : status === 404 ? 'Not found' : 'Internal Server Error';
      return reply.code(status).type('text/plain; charset=utf-8').send(message);
    }
  });
}

// /datastore/dump/{resource_id}: the whole table as CSV, TSV, JSON or XML, streamed.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Kho } from '../../core/kho.js';
import { prepareDump, prepareExport } from './actions.js';
import { ActionError, ValidationError } from '../../core/errors.js';
import { queryOf } from '../../http/request-input.js';
import { asBool } from '../../text/as-bool.js';
import { requestUser } from '../../http/request-user.js';
import { cacheHeaders } from '../../http/download-route.js';
import { contentDisposition } from '../../storage/filenames.js';

export function registerDatastoreDumpRoutes(app: FastifyInstance, kho: Kho) {
  // The table as CSV or XLSX whatever the resource's own format; the name is the extension's carrier.
  app.get<{ Params: { id: string; rid: string; file: string } }>('/dataset/:id/resource/:rid/export/:file', async (request, reply) => {
    const params = queryOf(request);
    const format = /\.xlsx$/i.test(request.params.file) ? 'xlsx' : /\.csv$/i.test(request.params.file) ? 'csv' : null;
    const notFound = () => {
      cacheHeaders(request, reply, false);
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    };
    if (!format) return notFound();
    try {
      const user = await requestUser(kho, request);
      const bom = format === 'csv' && asBool(params.bom);
      // A deleted resource (or one of a purged dataset) has no export, whatever is still cached.
      const file = await prepareExport({ kho, user }, request.params.id, request.params.rid, format, bom);
      cacheHeaders(request, reply, file.public);
      reply.header('Content-Type', file.contentType);
      reply.header('Content-Length', String(file.size));
      reply.header('Content-Disposition', contentDisposition(file.filename, `${request.params.rid}.${format}`));
      return reply.send(file.stream);
    } catch (err) {
      if (err instanceof ActionError) return notFound();
      request.log.error({ err }, 'export failed');
      cacheHeaders(request, reply, false);
      return reply.code(500).type('text/plain; charset=utf-8').send('Internal Server Error');
    }
  });

  app.get<{ Params: { id: string } }>('/datastore/dump/:id', async (request, reply) => {
    const params = queryOf(request);
    try {
      const user = await requestUser(kho, request);
      const dump = await prepareDump({ kho, user }, request.params.id, params);
      cacheHeaders(request, reply, dump.public);
      reply.header('Content-Type', dump.contentType);
      // The resource's id and the format: nothing a caller named.
      reply.header('Content-Disposition', `attachment; filename="${dump.filename}"`);
      return reply.send(Readable.from(dump.chunks));
    } catch (err) {
      // Unknown or unreadable resources are 404 (the dump exists for readers only); bad params 400.
      const status = err instanceof ValidationError ? 400 : err instanceof ActionError ? 404 : 500;
      if (status === 500) request.log.error({ err }, 'dump failed');
      const message = err instanceof ValidationError ? JSON.stringify(err.body()) : status === 404 ? 'Not found' : 'Internal Server Error';
      cacheHeaders(request, reply, false);
      return reply.code(status).type('text/plain; charset=utf-8').send(message);
    }
  });
}

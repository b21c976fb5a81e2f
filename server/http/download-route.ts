// /dataset/{id}/resource/{rid}/download[/{filename}]: uploaded bytes, streamed with Range
// support, or a redirect to a linked resource's URL.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kho } from '../kho.js';
import { runAction } from '../actions/registry.js';
import { requestUser } from './request-user.js';
import { ActionError } from '../actions/errors.js';
import { resources } from '../db/schema.js';
import { eq } from 'drizzle-orm';
import { translateDbError } from './reply-errors.js';

function contentDisposition(filename: string, fallback: string): string {
  const ascii = fallback.replace(/["\\]/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Parses a single "bytes=" range against the object size; null = whole, 'bad' = unsatisfiable. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'bad' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'bad';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'bad';
  return { start, end };
}

export function registerDownloadRoutes(app: FastifyInstance, kho: Kho) {
  const handler = async (request: FastifyRequest<{ Params: { id: string; rid: string } }>, reply: FastifyReply) => {
    try {
      const user = await requestUser(kho, request);
      const res: any = await runAction({ kho, user }, 'resource_show', { id: request.params.rid });
      if (res.package_id !== request.params.id) {
        const pkg: any = await runAction({ kho, user }, 'package_show', { id: request.params.id });
        if (pkg.id !== res.package_id) return reply.code(404).send('Not found');
      }
      if (res.url_type !== 'upload') {
        if (!res.url) return reply.code(404).type('text/plain; charset=utf-8').send('No download is available for this resource');
        return reply.redirect(res.url, 302);
      }
      const row = (await kho.database.db.select({ key: resources.blobKey, original: resources.uploadFilename, url: resources.url })
        .from(resources).where(eq(resources.id, res.id)))[0];
      const stat = row?.key ? await kho.blobs.stat(row.key) : null;
      if (!row?.key || !stat) return reply.code(404).type('text/plain; charset=utf-8').send('File not found');
      const range = parseRange(request.headers.range, stat.size);
      if (range === 'bad') return reply.code(416).header('Content-Range', `bytes */${stat.size}`).send();
      const obj = await kho.blobs.get(row.key, range ?? undefined);
      if (!obj) return reply.code(404).send('File not found');
      reply
        .header('Content-Type', res.mimetype || 'application/octet-stream')
        .header('Content-Disposition', contentDisposition(row.original || row.url, row.url))
        .header('Accept-Ranges', 'bytes')
        .header('Cache-Control', res.state === 'active' ? 'public, max-age=60' : 'private, no-store')
        .header('ETag', `"${res.hash}"`);
      if (range) {
        reply.code(206).header('Content-Range', `bytes ${range.start}-${range.end}/${stat.size}`)
          .header('Content-Length', String(range.end - range.start + 1));
      } else reply.header('Content-Length', String(stat.size));
      return reply.send(obj.stream);
    } catch (err) {
      const known = err instanceof ActionError ? err : translateDbError(err);
      if (known) return reply.code(known.status).type('text/plain; charset=utf-8').send(known.message);
      request.log.error({ err }, 'download failed');
      return reply.code(500).type('text/plain; charset=utf-8').send('Internal Server Error');
    }
  };
  app.get('/dataset/:id/resource/:rid/download', handler);
  app.get('/dataset/:id/resource/:rid/download/:filename', handler);
}

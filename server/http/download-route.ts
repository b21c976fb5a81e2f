// /dataset/{id}/resource/{rid}/download[/{filename}]: uploaded bytes, streamed with Range
// support, or a redirect to a linked resource's URL.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kho } from '../core/kho.js';
import { requestUser, tokenOf } from './request-user.js';
import { ActionError } from '../core/errors.js';
import { translateDbError } from './reply-errors.js';
import { contentDisposition } from '../storage/filenames.js';
import { isPublic } from '../core/visibility.js';
import { resourceDict } from '../logic/dictize.js';
import { authorize } from '../auth/can.js';
import { findResource } from '../auth/rules/resource.js';

// Who is asking decides the answer on these routes (a private file to a member, 403/404 to
// anyone else), so caches must key on the credentials headers.
const CALLER_HEADERS = ['Authorization', 'X-CKAN-API-Key'];

function addVary(reply: FastifyReply, names: string[]) {
  const current = reply.getHeader('Vary');
  const have = (Array.isArray(current) ? current.join(',') : String(current ?? '')).split(',').map((v) => v.trim()).filter(Boolean);
  const add = names.filter((n) => !have.some((h) => h.toLowerCase() === n.toLowerCase()));
  reply.header('Vary', [...have, ...add].join(', '));
}

/**
 * Cache headers for a file, an export or a dump. Shared caches may keep only what anyone may
 * read and was asked for without credentials: a response to a request carrying a token (valid or
 * not) or about a private, draft or deleted dataset must never be served to someone else.
 */
export function cacheHeaders(request: FastifyRequest, reply: FastifyReply, publicObject: boolean) {
  reply.header('Cache-Control', publicObject && tokenOf(request) === null ? 'public, max-age=60' : 'private, no-store');
  addVary(reply, CALLER_HEADERS);
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
    const text = (status: number, message: string) => {
      cacheHeaders(request, reply, false);
      return reply.code(status).type('text/plain; charset=utf-8').send(message);
    };
    try {
      const user = await requestUser(kho, request);
      // Whoever may see the resource (resource_show's rule, with its 404 and 403) may download it.
      const asker = { kho, user };
      const resource = await findResource(asker, request.params.rid);
      await authorize(asker, 'resource_show', resource);
      const res: any = resourceDict(kho.config.siteUrl, resource.row);
      // The rule already loaded the resource and its dataset: nothing to look up again.
      const pkg = resource.pkg;
      if (pkg.id !== request.params.id && pkg.name !== request.params.id) return text(404, 'Not found');
      const publicObject = isPublic(pkg);
      if (res.url_type !== 'upload') {
        if (!res.url) return text(404, 'No download is available for this resource');
        cacheHeaders(request, reply, publicObject);
        return reply.redirect(res.url, 302);
      }
      const row = { key: resource.row.blobKey, original: resource.row.uploadFilename, url: resource.row.url };
      const stat = row?.key ? await kho.blobs.stat(row.key) : null;
      if (!row?.key || !stat) return text(404, 'File not found');
      const range = parseRange(request.headers.range, stat.size);
      if (range === 'bad') {
        cacheHeaders(request, reply, false);
        return reply.code(416).header('Content-Range', `bytes */${stat.size}`).send();
      }
      const obj = await kho.blobs.get(row.key, range ?? undefined);
      if (!obj) return text(404, 'File not found');
      cacheHeaders(request, reply, publicObject);
      reply
        .header('Content-Type', res.mimetype || 'application/octet-stream')
        .header('Content-Disposition', contentDisposition(row.original || row.url, row.url))
        .header('Accept-Ranges', 'bytes')
        .header('ETag', `"${res.hash}"`);
      if (range) {
        reply.code(206).header('Content-Range', `bytes ${range.start}-${range.end}/${stat.size}`)
          .header('Content-Length', String(range.end - range.start + 1));
      } else reply.header('Content-Length', String(stat.size));
      return reply.send(obj.stream);
    } catch (err) {
      const known = err instanceof ActionError ? err : translateDbError(err);
      if (known) return text(known.status, known.message);
      request.log.error({ err }, 'download failed');
      return text(500, 'Internal Server Error');
    }
  };
  app.get('/dataset/:id/resource/:rid/download', handler);
  app.get('/dataset/:id/resource/:rid/download/:filename', handler);
}

// /catalog/full.{nt,ttl,jsonld}.gz: the last build's file from the BlobStore, as a download
// (application/gzip, the way a harvester fetching a .gz expects it: it gunzips the file itself, so
// no Content-Encoding that an HTTP client would undo on the way), with the ETag its put gave and
// the build's time as Last-Modified, so a harvester polling it downloads it only when it changed.
// Everyone gets the same file (public datasets only), so caches may keep it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kho } from '../../../core/kho.js';
import { currentManifest, FULL_FORMATS, type FullFormat, type FullManifest } from './manifest.js';

const etagOf = (sha256: string) => `"${sha256}"`;

/** If-None-Match names this ETag (or *); weak comparison, as RFC 9110 asks for GET and HEAD. */
function matchesEtag(header: string, etag: string): boolean {
  return header.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === '*' || t === etag);
}

/** The response would be the caller's copy: If-None-Match decides when it is there, else If-Modified-Since. */
function notModified(request: FastifyRequest, etag: string, built: Date): boolean {
  const inm = request.headers['if-none-match'];
  if (typeof inm === 'string' && inm) return matchesEtag(inm, etag);
  const ims = request.headers['if-modified-since'];
  if (typeof ims !== 'string' || !ims) return false;
  const since = Date.parse(ims);
  // HTTP dates have whole seconds: the build's time is compared at that precision.
  return Number.isFinite(since) && Math.floor(built.getTime() / 1000) * 1000 <= since;
}

export function registerFullCatalogRoutes(app: FastifyInstance, kho: Kho): void {
  const send = async (request: FastifyRequest, reply: FastifyReply, format: FullFormat) => {
    let manifest: FullManifest | null = await currentManifest(kho);
    // Before the first build there is no file: Kho's own 404.
    if (!manifest) return reply.callNotFound();
    let file = manifest.files[format];
    let body = request.method === 'HEAD' ? null : await kho.blobs.get(file.key);
    if (request.method !== 'HEAD' && !body) {
      // A newer build replaced this one (and removed its files) since the manifest was cached.
      manifest = await currentManifest(kho, true);
      if (!manifest) return reply.callNotFound();
      file = manifest.files[format];
      body = await kho.blobs.get(file.key);
      if (!body) return reply.callNotFound();
    }
    const etag = etagOf(file.sha256);
    const built = new Date(manifest.built);
    reply
      .header('ETag', etag)
      .header('Last-Modified', built.toUTCString())
      .header('Cache-Control', 'public, max-age=60');
    if (notModified(request, etag, built)) {
      body?.stream.destroy();
      return reply.code(304).send();
    }
    reply
      .type('application/gzip')
      .header('Content-Disposition', `attachment; filename="catalog-full.${format}.gz"`)
      .header('Content-Length', String(file.size));
    return body ? reply.send(body.stream) : reply.send();
  };
  for (const format of FULL_FORMATS) {
    // HEAD has a route of its own: fastify's automatic one would read the whole file to throw it
    // away, and say Content-Length: 0.
    const url = `/catalog/full.${format}.gz`;
    app.get(url, { exposeHeadRoute: false }, (request, reply) => send(request, reply, format));
    app.head(url, (request, reply) => send(request, reply, format));
  }
}

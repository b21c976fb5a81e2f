// The bytes of a resource's file for the loader: from the BlobStore when it was uploaded, through
// the outbound fetch helper (server/net) when it is a link; either way streamed, and cut off at a
// size limit.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kho } from '../../../core/kho.js';
import type { resources } from '../../../db/schema.js';
import { JobInputError, JobTransientError } from '../../../jobs/job-queue.js';
import { FetchError, safeFetch } from '../../../net/safe-fetch.js';

async function* capped(source: AsyncIterable<Buffer | Uint8Array>, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw new JobInputError(`The file is larger than the ${Math.round(maxBytes / 1048576)} MiB limit`);
    yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
  }
}

/**
 * What stops a link: a refused address, a bad URL, the size or redirect cap or a 4xx status are
 * the publisher's to fix and final; a timeout, a dropped connection or a 5xx may pass, so the
 * load is tried again after the job's backoff.
 */
function asInputError(err: unknown): unknown {
  if (!(err instanceof FetchError)) return err;
  const passing = err.kind === 'timeout' || err.kind === 'network' || (err.kind === 'http' && (err.status ?? 0) >= 500);
  return passing ? new JobTransientError(err.message) : new JobInputError(err.message);
}

/** A link's body; the request is made (and refused) here, the body read as the loader asks. */
async function linked(kho: Kho, url: string): Promise<AsyncIterable<Buffer>> {
  const response = await safeFetch(url, kho.config.fetch).catch((err) => { throw asInputError(err); });
  return (async function* () {
    try {
      yield* response.body;
    } catch (err) {
      throw asInputError(err);
    }
  })();
}

/**
 * A link's file saved once for the length of one load: the loader reads it several times (its
 * head, then the COPY, then row by row when the COPY cannot take it, again when a value does not
 * fit its column), and the publisher's server should be asked for it once. Uploads need no copy.
 */
export interface LinkedCopy {
  path: string;
  dispose(): Promise<void>;
}

export async function copyOfLink(kho: Kho, res: typeof resources.$inferSelect, maxBytes: number): Promise<LinkedCopy | null> {
  if (res.urlType === 'upload') return null;
  if (!/^https?:\/\//i.test(res.url)) throw new JobInputError(`Cannot fetch "${res.url}": only http and https links are loaded`);
  const dir = await mkdtemp(join(tmpdir(), 'kho-load-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'file');
  try {
    await pipeline(Readable.from(capped(await linked(kho, res.url), maxBytes)), createWriteStream(path));
    return { path, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}

export async function resourceBytes(kho: Kho, res: typeof resources.$inferSelect, maxBytes: number, copy?: LinkedCopy | null): Promise<AsyncIterable<Buffer>> {
  if (copy) return capped(createReadStream(copy.path, { highWaterMark: 1024 * 1024 }), maxBytes);
  if (res.urlType === 'upload') {
    const obj = res.blobKey ? await kho.blobs.get(res.blobKey) : null;
    if (!obj) throw new JobInputError('The uploaded file is missing from storage');
    return capped(obj.stream, maxBytes);
  }
  if (!/^https?:\/\//i.test(res.url)) throw new JobInputError(`Cannot fetch "${res.url}": only http and https links are loaded`);
  return capped(await linked(kho, res.url), maxBytes);
}

/** A whole file in memory: for spreadsheets, which SheetJS reads whole (bounded by their limits). */
export async function readAll(bytes: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of bytes) parts.push(b);
  return Buffer.concat(parts);
}

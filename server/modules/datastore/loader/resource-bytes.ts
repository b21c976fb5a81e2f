// The bytes of a resource's file for the loader: from the BlobStore when it was uploaded, over
// HTTP(S) when it is a link; either way streamed, and cut off at a size limit.
import type { Kho } from '../../../core/kho.js';
import type { resources } from '../../../db/schema.js';
import { JobInputError } from '../../../jobs/job-queue.js';

async function* capped(source: AsyncIterable<Buffer | Uint8Array>, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw new JobInputError(`The file is larger than the ${Math.round(maxBytes / 1048576)} MiB limit`);
    yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
  }
}

export async function resourceBytes(kho: Kho, res: typeof resources.$inferSelect, maxBytes: number): Promise<AsyncIterable<Buffer>> {
  if (res.urlType === 'upload') {
    const obj = res.blobKey ? await kho.blobs.get(res.blobKey) : null;
    if (!obj) throw new JobInputError('The uploaded file is missing from storage');
    return capped(obj.stream, maxBytes);
  }
  if (!/^https?:\/\//i.test(res.url)) throw new JobInputError(`Cannot fetch "${res.url}": only http and https links are loaded`);
  let response: Response;
  try {
    response = await fetch(res.url, { signal: AbortSignal.timeout(120_000), redirect: 'follow' });
  } catch (err) {
    throw new JobInputError(`Cannot fetch ${res.url}: ${err instanceof Error ? err.message : err}`);
  }
  if (!response.ok || !response.body) throw new JobInputError(`Cannot fetch ${res.url}: HTTP ${response.status}`);
  return capped(response.body as unknown as AsyncIterable<Uint8Array>, maxBytes);
}

/** A whole file in memory: for spreadsheets, which SheetJS reads whole (bounded by their limits). */
export async function readAll(bytes: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of bytes) parts.push(b);
  return Buffer.concat(parts);
}

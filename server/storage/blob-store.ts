// Where uploaded files live. Writes are atomic: a put that fails or is cut off leaves nothing.
import { Transform, type Readable } from 'node:stream';
import { createHash } from 'node:crypto';

export interface PutResult {
  size: number;
  sha256: string;
}

export interface BlobRange {
  start: number;
  end: number; // inclusive, as in HTTP Range
}

export interface BlobObject {
  stream: Readable;
  size: number; // total size of the object, not of the range
}

export interface BlobStore {
  readonly kind: 'local' | 's3';
  /** Streams body to key. Rejects with UploadTooLargeError past maxBytes, leaving nothing behind. */
  put(key: string, body: Readable, opts?: { maxBytes?: number; contentType?: string }): Promise<PutResult>;
  /** null when the key does not exist. */
  get(key: string, range?: BlobRange): Promise<BlobObject | null>;
  stat(key: string): Promise<{ size: number } | null>;
  delete(key: string): Promise<void>;
  /** Deletes every object under a folder (prefix ends with "/"); what belonged to a purged resource. */
  deleteUnder(prefix: string): Promise<void>;
}

export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`File upload too large (limit ${maxBytes} bytes)`);
    this.name = 'UploadTooLargeError';
  }
}

/**
 * A pass-through that hashes and counts what streams through it and fails with
 * UploadTooLargeError past maxBytes; both stores put their bodies through one.
 */
export function byteMeter(maxBytes = Infinity): { stream: Transform; result(): PutResult } {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new UploadTooLargeError(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ size, sha256: hash.digest('hex') }) };
}

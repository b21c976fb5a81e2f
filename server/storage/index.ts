// Chooses the BlobStore from the environment: local disk by default, S3 with KHO_STORAGE=s3.
import { join } from 'node:path';
import type { BlobStore } from './blob-store.js';
import { LocalDiskBlobStore } from './local-disk-store.js';
import { S3BlobStore } from './s3-store.js';

const truthy = (v: string | undefined) => /^(1|true|yes|on)$/i.test(v ?? '');

export function createBlobStore(env: NodeJS.ProcessEnv, dataDir: string): BlobStore {
  if (env.KHO_STORAGE === 's3') {
    if (!env.S3_BUCKET) throw new Error('KHO_STORAGE=s3 needs S3_BUCKET (and S3_ENDPOINT for MinIO or another S3-compatible server)');
    return new S3BlobStore({
      endpoint: env.S3_ENDPOINT || undefined,
      bucket: env.S3_BUCKET,
      region: env.S3_REGION || 'us-east-1',
      forcePathStyle: truthy(env.S3_FORCE_PATH_STYLE),
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      prefix: env.S3_PREFIX,
    });
  }
  if (env.KHO_STORAGE && env.KHO_STORAGE !== 'local') throw new Error(`Unknown KHO_STORAGE ${env.KHO_STORAGE} (use local or s3)`);
  return new LocalDiskBlobStore(join(dataDir, 'files'));
}

/** An upload that has written nothing for this long is dead: no client pauses an hour midway. */
export const TEMP_GRACE_MS = 60 * 60 * 1000;

/**
 * Readies the store at start. On local disk this also clears temp files of uploads cut off by a
 * crash (kill -9 leaves them; only a failed or refused put cleans up after itself): all of them
 * when this process holds the data dir (the embedded database's lock), else only idle ones, as
 * other processes on Postgres may be streaming into the same folder. S3 has no temp files: a
 * multipart upload is invisible until complete (a bucket lifecycle rule aborts abandoned ones).
 */
export async function prepareBlobStore(store: BlobStore, opts: { holdsDataDir?: boolean } = {}): Promise<void> {
  if (store instanceof S3BlobStore) await store.ensureBucket();
  if (store instanceof LocalDiskBlobStore) await store.sweepTemp({ all: !!opts.holdsDataDir, graceMs: TEMP_GRACE_MS });
}

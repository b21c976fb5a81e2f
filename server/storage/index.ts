// Chooses the BlobStore from the settings: local disk by default, S3 with KHO_STORAGE=s3.
import { join } from 'node:path';
import type { BlobStore } from './blob-store.js';
import { LocalDiskBlobStore } from './local-disk-store.js';
import { S3BlobStore } from './s3-store.js';
import type { StorageSettings } from '../config.js';

export function createBlobStore(storage: StorageSettings, dataDir: string): BlobStore {
  if (storage.kind === 's3') return new S3BlobStore(storage);
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

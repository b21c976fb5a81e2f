// Chooses the BlobStore from the environment: local disk by default, S3 with KHO_STORAGE=s3.
import { join } from 'node:path';
import type { BlobStore } from './blob-store.js';
import { LocalDiskBlobStore } from './local-disk-store.js';

export function createBlobStore(env: NodeJS.ProcessEnv, dataDir: string): BlobStore {
  if (env.KHO_STORAGE === 's3') throw new Error('S3 storage is not available yet');
  return new LocalDiskBlobStore(join(dataDir, 'files'));
}

export async function prepareBlobStore(_store: BlobStore): Promise<void> {}

// Files on local disk under one root. A put streams into a temp file beside the target, hashing
// as it goes, and renames into place only when complete, so readers never see half a file.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, open, readdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { byteMeter, type BlobObject, type BlobRange, type BlobStore, type PutResult } from './blob-store.js';

export class LocalDiskBlobStore implements BlobStore {
  readonly kind = 'local' as const;
  private readonly root: string;

  constructor(rootDir: string) {
    this.root = resolve(rootDir);
  }

  private pathOf(key: string): string {
    if (!key || key.includes('\0') || key.startsWith('/') || key.split('/').includes('..')) throw new Error(`Invalid blob key ${key}`);
    const p = resolve(this.root, key);
    if (!p.startsWith(this.root + sep)) throw new Error(`Invalid blob key ${key}`);
    return p;
  }

  async put(key: string, body: Readable, opts: { maxBytes?: number } = {}): Promise<PutResult> {
    const target = this.pathOf(key);
    const tmpDir = join(this.root, '.tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomUUID());
    const meter = byteMeter(opts.maxBytes);
    try {
      // The file is created before any byte flows: a stream that opens it itself may still be
      // opening when a failed body ends the pipeline, and would create it after the rm below.
      // flush: the stream syncs the file to disk before it closes it, so a rename never
      // publishes a file the disk does not yet hold.
      const out = await open(tmp, 'wx');
      await pipeline(body, meter.stream, createWriteStream(tmp, { fd: out, flush: true }));
      await mkdir(dirname(target), { recursive: true });
      await rename(tmp, target);
      return meter.result();
    } catch (err) {
      // pipeline() has already destroyed the source (also when the meter refused it with
      // UploadTooLargeError); all that is left is the half-written temp file.
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async get(key: string, range?: BlobRange): Promise<BlobObject | null> {
    const s = await this.stat(key);
    if (!s) return null;
    // Reads of 1 MiB: a DataStore load streams the file into COPY about 10% faster than with
    // Node's 64 KiB default, for 1 MiB held per open stream.
    const stream = createReadStream(this.pathOf(key), { highWaterMark: 1024 * 1024, ...(range ? { start: range.start, end: range.end } : {}) });
    return { stream, size: s.size };
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const s = await stat(this.pathOf(key));
      return s.isFile() ? { size: s.size } : null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async deleteUnder(prefix: string): Promise<void> {
    if (!prefix.endsWith('/')) throw new Error(`Invalid blob folder ${prefix}`);
    await rm(this.pathOf(prefix.slice(0, -1)), { recursive: true, force: true });
  }

  /**
   * Removes temp files that a killed process left half-written. Only a process that holds the
   * data dir may remove them all; where others may share the folder (Postgres and a shared
   * disk), a temp file written to within `graceMs` may be a live upload of another process.
   * Every write touches a temp file's mtime, so its age is how long it has been idle.
   */
  async sweepTemp(opts: { all: boolean; graceMs: number }): Promise<number> {
    const tmpDir = join(this.root, '.tmp');
    let names: string[];
    try {
      names = await readdir(tmpDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    const cutoff = Date.now() - opts.graceMs;
    let removed = 0;
    for (const name of names) {
      const path = join(tmpDir, name);
      try {
        if (!opts.all && (await stat(path)).mtimeMs > cutoff) continue;
        await rm(path, { recursive: true, force: true });
        removed++;
      } catch (err) {
        // Another process finished (renamed) or removed it first.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    return removed;
  }
}

// Builds the full catalog files: every public dataset, read a batch at a time (the next batch
// while this one is written) and turned into triples and text 50 datasets at a time, written into
// three gzip streams that go straight into the BlobStore: never more than two batches of dicts and
// one chunk's graph in memory, whatever the catalog's size. The new files are complete before the manifest names them; the previous
// build's files go only after that.
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { createGzip, type Gzip } from 'node:zlib';
import type { Kho } from '../../../core/kho.js';
import type { PutResult } from '../../../storage/blob-store.js';
import { resolveProfiles } from '../graph.js';
import { dcatSite } from '../site.js';
import { batchTriples, type CatalogLinks } from './batch-graph.js';
import { publicDatasetBatches } from './batches.js';
import {
  BUILDING_KEY, buildFolder, currentManifest, fileKey, FULL_FORMATS, publishManifest, readJsonBlob, writeJsonBlob,
  type FullFile, type FullFormat, type FullManifest,
} from './manifest.js';
import { bySubject, JSONLD_FILE_CONTEXT, jsonLdItems, turtleChunk, turtlePrefixes } from '../rdf/text-writers.js';

export const DEFAULT_BATCH = 500;
/** datasets turned into text at once */
const CHUNK = 50;

const GZIP_OPTIONS = { chunkSize: 1 << 20, writableHighWaterMark: 4 << 20 };

/** One compressed file being written into the store. */
class GzipSink {
  // Output in 1 MiB pieces: with zlib's 16 KiB, compressing a gigabyte takes 65,000 round trips
  // between the thread pool and the main thread. Up to 4 MiB may wait to be compressed, so the
  // next chunk's graph is made while zlib works on this one (with the default 16 KiB every write
  // would wait for its whole chunk to be compressed).
  // (zlib hands its options on to Transform; @types/node does not list the stream's own.)
  private readonly gz: Gzip = createGzip(GZIP_OPTIONS);
  readonly stored: Promise<PutResult>;
  constructor(kho: Kho, key: string) {
    this.stored = kho.blobs.put(key, this.gz, { contentType: 'application/gzip' });
    this.stored.catch(() => {}); // awaited in end(); a failure also surfaces in write()
  }

  /** Waits while zlib is behind, so what is waiting to be compressed stays a few MiB. */
  async write(text: string): Promise<void> {
    if (this.gz.write(text)) return;
    await Promise.race([once(this.gz, 'drain'), this.stored.then(() => { throw new Error('the store stopped reading'); })]);
  }

  async end(): Promise<PutResult> {
    this.gz.end();
    return this.stored;
  }

  abort(err: Error): void {
    this.gz.destroy(err);
  }
}

export interface BuildOptions {
  batchSize?: number;
  /** told the number of datasets written so far, after each batch (the job's heartbeat) */
  progress?: (done: number) => Promise<void>;
}

/** Removes the files of a build that died before its manifest was written. */
async function sweepUnfinished(kho: Kho, current: FullManifest | null): Promise<void> {
  const building = await readJsonBlob<{ id: string }>(kho, BUILDING_KEY).catch(() => null);
  if (building?.id && building.id !== current?.id) await kho.blobs.deleteUnder(buildFolder(building.id));
}

export async function buildFullCatalog(kho: Kho, opts: BuildOptions = {}): Promise<FullManifest> {
  const previous = await currentManifest(kho, true);
  await sweepUnfinished(kho, previous);
  const id = `${new Date().toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`;
  await writeJsonBlob(kho, BUILDING_KEY, { id });
  const built = new Date().toISOString();
  const site = dcatSite(kho.config);
  const profiles = resolveProfiles(kho.config.dcatProfiles);
  const sinks = Object.fromEntries(FULL_FORMATS.map((f) => [f, new GzipSink(kho, fileKey(id, f))])) as Record<FullFormat, GzipSink>;
  let datasets = 0;
  try {
    await sinks.ttl.write(turtlePrefixes());
    await sinks.jsonld.write(`{"@context":${JSON.stringify(JSONLD_FILE_CONTEXT)},"@graph":[\n`);
    // Graphs and text are made a chunk of datasets at a time (a batch's would be ~100 MB of
    // strings at once); blank nodes are renamed per chunk.
    let chunk = 0;
    let links: CatalogLinks | undefined;
    const writeChunk = async (dicts: Record<string, any>[]) => {
      const made = batchTriples(site, profiles, links, dicts, chunk);
      const { quads, lines } = made;
      links = made.links;
      const groups = bySubject(quads);
      await Promise.all([
        sinks.nt.write(lines.join('')),
        sinks.ttl.write(turtleChunk(groups)),
        sinks.jsonld.write((chunk ? ',\n' : '') + jsonLdItems(groups).join(',\n')),
      ]);
      chunk++;
    };
    // The next batch is read while this one is written.
    const batches = publicDatasetBatches(kho, opts.batchSize ?? DEFAULT_BATCH);
    let next = batches.next();
    for (;;) {
      const { value: dicts, done } = await next;
      if (done) break;
      next = batches.next();
      next.catch(() => {}); // awaited on the next turn; a failure meanwhile must not go unhandled
      for (let i = 0; i < dicts.length; i += CHUNK) await writeChunk(dicts.slice(i, i + CHUNK));
      datasets += dicts.length;
      await opts.progress?.(datasets);
    }
    if (!chunk) await writeChunk([]); // no public dataset: the catalog alone
    await sinks.jsonld.write('\n]}\n');
    const stored = await Promise.all(FULL_FORMATS.map(async (f) => [f, { key: fileKey(id, f), ...(await sinks[f].end()) }] as const));
    const manifest: FullManifest = { id, built, datasets, files: Object.fromEntries(stored) as Record<FullFormat, FullFile> };
    await publishManifest(kho, manifest);
    if (previous && previous.id !== id) await kho.blobs.deleteUnder(buildFolder(previous.id));
    await kho.blobs.delete(BUILDING_KEY);
    return manifest;
  } catch (err) {
    for (const s of Object.values(sinks)) s.abort(err instanceof Error ? err : new Error(String(err)));
    await Promise.allSettled(Object.values(sinks).map((s) => s.stored));
    await kho.blobs.deleteUnder(buildFolder(id)).catch(() => {});
    throw err;
  }
}

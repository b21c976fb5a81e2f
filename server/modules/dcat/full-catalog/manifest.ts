// Which files are the full catalog now: a small manifest blob that a build writes only after its
// files are complete, so switching to a new build is one atomic put, and the route never serves
// half a build. Read through a cache of a few seconds per process: every download would otherwise
// read it from the store first.
import { Readable } from 'node:stream';
import type { Kho } from '../../../core/kho.js';

export const FULL_FORMATS = ['nt', 'ttl', 'jsonld'] as const;
export type FullFormat = (typeof FULL_FORMATS)[number];

export interface FullFile {
  key: string;
  size: number;
  sha256: string;
}

export interface FullManifest {
  /** the build's id; its files are under `dcat/full/<id>/` */
  id: string;
  /** when the build started reading datasets (ISO 8601, UTC): what Last-Modified says */
  built: string;
  datasets: number;
  files: Record<FullFormat, FullFile>;
}

export const FULL_ROOT = 'dcat/full/';
export const MANIFEST_KEY = `${FULL_ROOT}manifest.json`;
/** names the build under way, so the next build can remove what a build that died left */
export const BUILDING_KEY = `${FULL_ROOT}building.json`;

export const buildFolder = (id: string) => `${FULL_ROOT}${id}/`;
export const fileKey = (id: string, format: FullFormat) => `${buildFolder(id)}catalog.${format}.gz`;

export async function readJsonBlob<T>(kho: Kho, key: string): Promise<T | null> {
  const obj = await kho.blobs.get(key);
  if (!obj) return null;
  const chunks: Buffer[] = [];
  for await (const c of obj.stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}

export async function writeJsonBlob(kho: Kho, key: string, value: unknown): Promise<void> {
  await kho.blobs.put(key, Readable.from([Buffer.from(JSON.stringify(value))]), { contentType: 'application/json' });
}

const CACHE_MS = 5_000;
const cache = new WeakMap<Kho, { manifest: FullManifest | null; at: number }>();

/** The manifest as this process last saw it, at most a few seconds old; `fresh` reads the store. */
export async function currentManifest(kho: Kho, fresh = false): Promise<FullManifest | null> {
  const hit = cache.get(kho);
  if (!fresh && hit && Date.now() - hit.at < CACHE_MS) return hit.manifest;
  const manifest = await readJsonBlob<FullManifest>(kho, MANIFEST_KEY);
  cache.set(kho, { manifest, at: Date.now() });
  return manifest;
}

/** Switches to a new build: the process that built it serves it at once. */
export async function publishManifest(kho: Kho, manifest: FullManifest): Promise<void> {
  await writeJsonBlob(kho, MANIFEST_KEY, manifest);
  cache.set(kho, { manifest, at: Date.now() });
}

// Validation and normalisation of one resource dict as it arrives in package_* or resource_*.
import { isUuid, optText, type Errors } from './validators.js';
import { parseTimestampInput } from './time.js';
import { guessFormat, normalizeFormat } from './formats.js';

/** Core resource keys; every other key is a resource extra, kept as given. */
const CORE = new Set([
  'id', 'package_id', 'position', 'state', 'url', 'url_type', 'name', 'description', 'format', 'mimetype',
  'mimetype_inner', 'resource_type', 'hash', 'size', 'cache_url', 'cache_last_updated', 'created',
  'metadata_modified', 'last_modified', 'upload', 'clear_upload', 'revision_id', 'tracking_summary',
]);

/**
 * Marks a resource dict whose bytes were just stored in the BlobStore. A symbol, so no client
 * input (which is JSON) can ever claim another resource's file.
 */
export const STORED_BLOB = Symbol('storedBlob');

export interface ResourceInput {
  id?: string;
  url: string;
  urlType: string | null;
  name: string | null;
  description: string | null;
  format: string;
  mimetype: string | null;
  mimetypeInner: string | null;
  resourceType: string | null;
  hash: string;
  size: number | null;
  cacheUrl: string | null;
  cacheLastUpdated: string | null;
  created?: string | null;
  lastModified: string | null;
  extras: Record<string, unknown>;
  /** set when the bytes live in the BlobStore */
  blobKey?: string | null;
  uploadFilename?: string | null;
}

export function cleanResource(raw: Record<string, any>, errors: Errors): ResourceInput {
  if (raw.id !== undefined && raw.id !== null && raw.id !== '' && !isUuid(raw.id)) {
    (errors.id ??= []).push('Invalid id: must be a UUID');
  }
  let size: number | null = null;
  if (raw.size !== undefined && raw.size !== null && raw.size !== '') {
    const n = typeof raw.size === 'number' ? raw.size : /^\s*\d+\s*$/.test(String(raw.size)) ? Number(raw.size) : NaN;
    if (!Number.isInteger(n) || n < 0) (errors.size ??= []).push('Invalid integer');
    else size = n;
  }
  const dateField = (key: string): string | null | undefined => {
    const parsed = parseTimestampInput(raw[key]);
    if (parsed === undefined) {
      (errors[key] ??= []).push('Date format incorrect');
      return null;
    }
    return parsed;
  };
  const url = typeof raw.url === 'string' ? raw.url.trim() : raw.url == null ? '' : String(raw.url);
  let format = optText(raw.format)?.trim() ?? '';
  format = format ? normalizeFormat(format) : guessFormat(url);
  const extras: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!CORE.has(k)) extras[k] = v;
  return {
    id: isUuid(raw.id) ? raw.id.toLowerCase() : undefined,
    url,
    urlType: optText(raw.url_type) || null,
    name: optText(raw.name),
    description: optText(raw.description),
    format,
    mimetype: optText(raw.mimetype),
    mimetypeInner: optText(raw.mimetype_inner),
    resourceType: optText(raw.resource_type),
    hash: optText(raw.hash) ?? '',
    size,
    cacheUrl: optText(raw.cache_url),
    cacheLastUpdated: dateField('cache_last_updated') ?? null,
    created: raw.created === undefined ? undefined : dateField('created'),
    lastModified: dateField('last_modified') ?? null,
    extras,
    blobKey: raw[STORED_BLOB as any]?.key ?? undefined,
    uploadFilename: raw[STORED_BLOB as any]?.filename ?? undefined,
    ...(raw[STORED_BLOB as any] ? { urlType: 'upload' } : {}),
  };
}

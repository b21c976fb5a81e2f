// Resource actions. Each is a change of its dataset's resource list through the dataset write
// path; uploads stream into the BlobStore first and are removed again if the write fails.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { type ActionContext, type Upload } from './registry.js';
import { found, type ActionDef } from '../core/action.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { packages, resources } from '../db/schema.js';
import { packageDict, resourceDict, type PackageRow } from '../logic/dictize.js';
import { ACTIVE_PUBLIC, ANONYMOUS, listedSql } from '../core/visibility.js';
import { cleanFilename, guessFormat, guessMimetype } from '../logic/formats.js';
import { STORED_BLOB } from '../logic/resource-input.js';
import { UploadTooLargeError } from '../storage/blob-store.js';
import { updatePackage } from './package.js';
import { asBool } from '../text/as-bool.js';
import { escapeLike } from '../db/like.js';
import { deleteResourceFiles } from '../logic/resource-files.js';
import { safeFilename } from '../storage/filenames.js';
import { containsPattern, foldSql } from '../text/fold-sql.js';
import { resourceRules as rules } from '../auth/rules/resource.js';

const db = (ctx: ActionContext) => ctx.kho.database.db;

function isUpload(v: unknown): v is Upload {
  return !!v && typeof v === 'object' && typeof (v as Upload).filename === 'string' && typeof (v as Upload).stream?.pipe === 'function';
}

interface Stored {
  fields: Record<string | symbol, unknown>;
  key: string;
}

/** Streams an upload into the BlobStore; the resource fields that describe it. */
async function storeUpload(ctx: ActionContext, resourceId: string, upload: Upload): Promise<Stored> {
  const filename = cleanFilename(upload.filename);
  const key = `resources/${resourceId}/${randomUUID()}`;
  const mimetype = guessMimetype(filename) ?? (upload.mimetype && upload.mimetype !== 'application/octet-stream' ? upload.mimetype : null);
  try {
    const put = await ctx.kho.blobs.put(key, upload.stream, { maxBytes: ctx.kho.config.maxUploadBytes, contentType: mimetype ?? undefined });
    return {
      key,
      fields: {
        url: filename,
        url_type: 'upload',
        size: put.size,
        hash: put.sha256,
        mimetype,
        last_modified: new Date().toISOString(),
        [STORED_BLOB]: { key, filename: safeFilename(upload.filename.split(/[\\/]/).pop() ?? '') || filename },
      },
    };
  } catch (err) {
    if (err instanceof UploadTooLargeError) throw new ValidationError({ upload: ['File upload too large'] }, 413);
    throw err;
  }
}


/** Runs a write that may have stored a blob: the blob goes away again if the write fails. */
async function withUpload<T>(ctx: ActionContext, stored: Stored | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (stored) await ctx.kho.blobs.delete(stored.key).catch(() => {});
    throw err;
  }
}

function resourceInputOf(data: Record<string, any>): Record<string, any> {
  const { upload: _u, clear_upload: _c, package_id: _p, ...rest } = data;
  return rest;
}

/** Resources of active public datasets: all that resource_search and format_autocomplete read. */
const publicResource = and(eq(resources.state, 'active'), sql`exists (select 1 from ${packages} where ${packages.id} = ${resources.packageId}
  and ${listedSql(ANONYMOUS, ACTIVE_PUBLIC)})`)!;

const TEXT_FIELDS: Record<string, SQL> = {
  id: sql`${resources.id}`, package_id: sql`${resources.packageId}`, url: sql`${resources.url}`, format: sql`${resources.format}`,
  description: sql`${resources.description}`, name: sql`${resources.name}`, resource_type: sql`${resources.resourceType}`,
  mimetype: sql`${resources.mimetype}`, mimetype_inner: sql`${resources.mimetypeInner}`, cache_url: sql`${resources.cacheUrl}`,
  url_type: sql`${resources.urlType}`, state: sql`${resources.state}`,
};
const NUMBER_FIELDS: Record<string, SQL> = { size: sql`${resources.size}`, position: sql`${resources.position}` };
const TIME_FIELDS: Record<string, SQL> = {
  created: sql`${resources.created}`, last_modified: sql`${resources.lastModified}`,
  metadata_modified: sql`${resources.metadataModified}`, cache_last_updated: sql`${resources.cacheLastUpdated}`,
};
const RESOURCE_SEARCH_CAP = 1000;

/** The field:term pairs of resource_search, from `query` or the older `fields`. */
function resourceTerms(data: Record<string, any>): [string, string][] {
  if (data.query === undefined && data.fields === undefined) throw new ValidationError({ query: ['Missing value'] });
  if (data.query !== undefined && data.fields !== undefined) {
    throw new ValidationError({ fields: ['Do not specify if using "query" parameter'] });
  }
  if (data.query !== undefined) {
    const list: string[] = Array.isArray(data.query) ? data.query.map(String) : [String(data.query)];
    return list.map((pair) => {
      const at = pair.indexOf(':');
      if (at < 0) throw new ValidationError({ query: ['Must be <field>:<value> pair(s)'] });
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()] as [string, string];
    });
  }
  let fields = data.fields;
  if (typeof fields === 'string') {
    try {
      fields = JSON.parse(fields);
    } catch {
      throw new ValidationError({ fields: ['Could not parse as valid JSON'] });
    }
  }
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) throw new ValidationError({ fields: ['Must be a dict'] });
  return Object.entries(fields).flatMap(([f, v]) => (Array.isArray(v) ? v : [v]).map((t) => [f, String(t)] as [string, string]));
}

/** One field:term condition as CKAN reads it: text contains (case and diacritics ignored), hash as a prefix. */
function resourceCondition(field: string, term: string): SQL {
  if (field === 'hash') return sql`lower(${resources.hash}) like ${escapeLike(term.toLowerCase()) + '%'}`;
  const text = TEXT_FIELDS[field];
  if (text) return sql`${foldSql(text)} like ${containsPattern(term)}`;
  const num = NUMBER_FIELDS[field];
  if (num) return /^-?\d{1,15}$/.test(term) ? sql`${num} = ${Number(term)}` : sql`false`;
  const time = TIME_FIELDS[field];
  // Timestamps match on their ISO text, so a date or a date and hour is a prefix.
  if (time) return sql`to_char(${time}, 'YYYY-MM-DD"T"HH24:MI:SS.US') like ${escapeLike(term) + '%'}`;
  throw new ValidationError({ query: [`Field "${field}" not recognised in resource_search.`] });
}

export const resourceActions: ActionDef[] = [
  {
    name: 'resource_search', read: true, auth: rules.resource_search, schema: 'misc#/definitions/resource_search',
    async handler(ctx, data) {
      const where = and(publicResource, ...resourceTerms(data).map(([f, t]) => resourceCondition(f, t)))!;
      const orderField = typeof data.order_by === 'string' ? data.order_by : '';
      const orderCol = TEXT_FIELDS[orderField] ?? NUMBER_FIELDS[orderField] ?? TIME_FIELDS[orderField] ?? (orderField === 'hash' ? sql`${resources.hash}` : null);
      const limit = Math.min(data.limit ?? RESOURCE_SEARCH_CAP, RESOURCE_SEARCH_CAP);
      const [countRows, rows] = await Promise.all([
        db(ctx).select({ n: sql<number>`count(*)::int` }).from(resources).where(where),
        db(ctx).select().from(resources).where(where)
          .orderBy(...(orderCol ? [asc(orderCol)] : []), asc(resources.packageId), asc(resources.position))
          .limit(limit).offset(data.offset ?? 0),
      ]);
      return { count: Number(countRows[0]!.n), results: rows.map((r) => resourceDict(ctx.kho.config.siteUrl, r)) };
    },
  },
  {
    // Formats in use on public datasets that contain the text, the most used first.
    name: 'format_autocomplete', read: true, auth: rules.format_autocomplete, schema: 'misc#/definitions/autocomplete',
    async handler(ctx, data) {
      if (typeof data.q !== 'string' || !data.q) throw new ValidationError({ q: ['Missing value'] });
      const format = sql<string>`lower(${resources.format})`;
      const rows = await db(ctx).select({ format, n: sql<number>`count(*)` }).from(resources)
        .where(and(publicResource, sql`${resources.format} <> ''`, sql`${format} like ${'%' + escapeLike(data.q.toLowerCase()) + '%'}`))
        .groupBy(format).orderBy(sql`count(*) desc`, asc(format)).limit(data.limit ?? 5);
      return rows.map((r) => r.format);
    },
  },
  {
    name: 'resource_show', read: true, auth: rules.resource_show, schema: 'resource#/definitions/resource_show',
    async handler(ctx) {
      const { row, pkg } = found(ctx, rules.resource_show);
      const dict = await packageDict(db(ctx), ctx.kho.config.siteUrl, pkg);
      return dict.resources.find((r: any) => r.id === row.id);
    },
  },
  {
    name: 'resource_create', read: false, auth: rules.resource_create, schema: 'resource#/definitions/resource_write',
    async handler(ctx, data) {
      const pkg = found(ctx, rules.resource_create);
      const id = randomUUID();
      const stored = isUpload(data.upload) ? await storeUpload(ctx, id, data.upload) : null;
      const input: Record<string | symbol, any> = { ...resourceInputOf(data), id, ...(stored?.fields ?? {}) };
      if (!stored && typeof input.url !== 'string') input.url = '';
      if (!input.format) input.format = guessFormat(stored ? String(stored.fields.url) : String(input.url ?? '')) || undefined;
      const after = await withUpload(ctx, stored, () =>
        updatePackage(ctx, pkg, (current) => ({ ...current, resources: [...current.resources, input] })));
      return after.resources.find((r: any) => r.id === id);
    },
  },
  {
    name: 'resource_update', read: false, auth: rules.resource_update, schema: 'resource#/definitions/resource_write',
    async handler(ctx, data) {
      const { row, pkg } = found(ctx, rules.resource_update);
      return replaceResource(ctx, row, pkg, data, (current) => {
        // Replace: name, format and datastore_active survive; the rest is what was sent.
        const next: Record<string | symbol, any> = { ...resourceInputOf(data), id: row.id };
        for (const keep of ['name', 'format', 'datastore_active']) if (next[keep] === undefined && current[keep] !== undefined) next[keep] = current[keep];
        if (next.url === undefined && current.url_type === 'upload' && !asBool(data.clear_upload)) {
          next.url = current.url;
          next.url_type = 'upload';
          next.size = next.size ?? current.size;
          next.hash = next.hash ?? current.hash;
          next.mimetype = next.mimetype ?? current.mimetype;
          next.last_modified = next.last_modified ?? current.last_modified;
        }
        return next;
      });
    },
  },
  {
    name: 'resource_patch', read: false, auth: rules.resource_patch, schema: 'resource#/definitions/resource_write',
    async handler(ctx, data) {
      const { row, pkg } = found(ctx, rules.resource_patch);
      return replaceResource(ctx, row, pkg, data, (current) => ({ ...current, ...resourceInputOf(data), id: row.id }));
    },
  },
  {
    name: 'resource_delete', read: false, auth: rules.resource_delete, schema: 'resource#/definitions/resource_show',
    async handler(ctx) {
      const { row, pkg } = found(ctx, rules.resource_delete);
      await updatePackage(ctx, pkg, (current) => ({
        ...current, resources: current.resources.filter((r: any) => r.id !== row.id),
      }));
      // What modules keep of it (the DataStore's table) goes with it.
      await db(ctx).transaction((tx) => ctx.kho.hooks.resourcesRemoved({ kho: ctx.kho, tx, resourceIds: [row.id], purge: false }));
      // A deleted resource cannot be shown, downloaded or restored again (its id stays taken),
      // so its file is of no use to anyone and must not outlive it as a copy of what the
      // publisher withdrew: CKAN's maintainers call for the same (ckan/ckan#5446). A deleted
      // dataset keeps its files, as it can be restored; dataset_purge removes them.
      await deleteResourceFiles(ctx.kho, [row.id]);
      return null;
    },
  },
];

async function replaceResource(
  ctx: ActionContext,
  row: typeof resources.$inferSelect,
  pkg: PackageRow,
  data: Record<string, any>,
  build: (current: Record<string, any>) => Record<string | symbol, any>,
) {
  const stored = isUpload(data.upload) ? await storeUpload(ctx, row.id, data.upload) : null;
  const after = await withUpload(ctx, stored, () =>
    updatePackage(ctx, pkg, (current) => {
      const currentRes = current.resources.find((r: any) => r.id === row.id);
      if (!currentRes) throw new NotFoundError('Resource was not found.');
      const next = { ...build(currentRes), ...(stored?.fields ?? {}) };
      if (asBool(data.clear_upload) && !stored && currentRes.url_type === 'upload') {
        if (next.url === currentRes.url) next.url = '';
        next.url_type = null;
      }
      return { ...current, resources: current.resources.map((r: any) => (r.id === row.id ? next : r)) };
    }));
  // The old file is dropped only once the new one is in place, or once the resource links
  // elsewhere (nothing serves it then).
  if (row.blobKey) {
    const now = (await db(ctx).select({ key: resources.blobKey }).from(resources).where(eq(resources.id, row.id)))[0];
    if (now?.key !== row.blobKey) await ctx.kho.blobs.delete(row.blobKey).catch(() => {});
  }
  return after.resources.find((r: any) => r.id === row.id);
}

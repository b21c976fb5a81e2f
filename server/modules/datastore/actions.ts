// DataStore actions: a queryable table per resource, as CKAN's datastore plugin offers it.
// Writes need edit rights on the resource's dataset, reads need read rights; a resource whose
// rows come from its file (not url_type "datastore") is read-only unless `force` is given.
import { sql } from 'drizzle-orm';
import { runAction } from '../../actions/registry.js';
import type { ActionContext } from '../../core/kho.js';
import { found as foundBy, type ActionDef } from '../../core/action.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { resources } from '../../db/schema.js';
import { eq } from 'drizzle-orm';
import { authorize } from '../../auth/can.js';
import { datastoreRules as rules, resourceOf, type DatastoreResource } from './auth.js';
import { cleanFields } from './fields.js';
import { addAliases, createOrAlterTable, dataError, type TableMeta, deleteRows, dropTable, findTable, requireTable, writeRecords, type WriteMethod } from './tables.js';
import { checkQueries, planSearch, reportedFields, searchRecords, SEARCH_LIMIT_CAP } from './search.js';
import { EMBEDDED_MAX_COST, runSearchSql, type SqlLimits } from './search-sql.js';
import { callerClass, QueryGate } from './query-gate.js';
import type { Kho } from '../../core/kho.js';
import { tableInfo } from './info.js';
import { csvRecords } from './delimited.js';
import { enqueueJob, latestJob, type Job } from '../../jobs/job-queue.js';
import { tabularKind } from './loader/tabular.js';
import { isoTimestamp } from '../../logic/time.js';
import { asBool } from '../../text/as-bool.js';
import { isPublic } from '../../core/visibility.js';
import { rowsOf } from '../../db/sql-helpers.js';

const db = (ctx: ActionContext) => ctx.kho.database.db;

/** A resource found outside an action (dumps, exports), checked as datastore_search checks it. */
async function readable(ctx: ActionContext, id: unknown): Promise<DatastoreResource> {
  const row = await resourceOf(ctx, id);
  await authorize(ctx, 'datastore_search', row);
  return row;
}

/** A resource the rule allowed the caller to write: its rows must be the DataStore's own, unless forced. */
function writable(row: DatastoreResource, force: boolean | undefined): DatastoreResource {
  if (!force && row.r.urlType !== 'datastore') {
    throw new ValidationError({ 'read-only': ['Cannot edit read-only resource. Either pass"force=True" or change url_type to "datastore"'] });
  }
  return row;
}

/**
 * A search checked against the table, as datastore_search and the dump both take it: `language`
 * must be a text search configuration the database has, and q's tsqueries must parse.
 */
async function plannedSearch(ctx: ActionContext, table: TableMeta, input: Parameters<typeof planSearch>[1]) {
  const language = input.language === undefined || input.language === null || input.language === '' ? undefined : String(input.language);
  if (language !== undefined) {
    const rows = rowsOf<{ n: number }>(await db(ctx).execute(sql`select count(*)::int as n from pg_ts_config where cfgname = ${language}`));
    if (!Number(rows[0]?.n)) throw new ValidationError({ language: [`"${language}" is not a text search language this database has`] });
  }
  const plan = planSearch(table, { ...input, language });
  await checkQueries(db(ctx), plan);
  return plan;
}

/** Runs a write; Postgres's complaints about values become CKAN's validation errors. */
async function writing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw dataError(err) ?? err;
  }
}

async function setDatastoreActive(ctx: ActionContext, resourceId: string, active: boolean) {
  const [res] = await db(ctx).select({ extras: resources.extras }).from(resources).where(eq(resources.id, resourceId));
  if (res && Boolean(res.extras.datastore_active) === active) return;
  await runAction({ kho: ctx.kho, user: ctx.user, ignoreAuth: true }, 'resource_patch', { id: resourceId, datastore_active: active });
}

const rid = (data: Record<string, any>) => data.resource_id ?? data.id;

/** One gate per Kho: DataStore queries get a bounded share of the database's connections. */
const gates = new WeakMap<Kho, QueryGate>();
function queryGate(kho: Kho): QueryGate {
  let gate = gates.get(kho);
  if (!gate) {
    const { database, config } = kho;
    const slots = Math.max(1, Math.floor(config.datastoreQuerySlots ?? (database.kind === 'pglite' ? 2 : database.poolSize / 2)));
    gate = new QueryGate({ slots, anonymousSlots: Math.max(1, Math.floor(slots / 2)), waitMs: 10_000, queue: slots * 8 });
    gates.set(kho, gate);
  }
  return gate;
}

/** The DataStore table behind each name a SQL statement reads, each checked readable by the caller. */
async function sqlTables(ctx: ActionContext, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const row = await resourceOf(ctx, name).catch((err) => {
      if (err instanceof NotFoundError) return null;
      throw err;
    });
    if (!row || !(await findTable(db(ctx), row.r.id))) {
      throw new ValidationError({ query: [`relation "${name}" is not a DataStore table or alias`] });
    }
    await authorize(ctx, 'datastore_search', row);
    ids.push(row.r.id);
  }
  return ids;
}

export const datastoreActions: ActionDef[] = [
  {
    name: 'datastore_create', read: false, auth: rules.datastore_create, schema: 'datastore#/definitions/create',
    async handler(ctx, data) {
      let resourceId: string = data.resource_id;
      let resource: typeof resources.$inferSelect | null = null;
      const records: Record<string, unknown>[] | undefined = data.records;
      const first = records?.[0];
      if (first !== undefined && (!first || typeof first !== 'object' || Array.isArray(first))) {
        throw new ValidationError({ records: ['The first row is not a json object'] });
      }
      // The rule checked the rights first: what the table holds is nobody's business before.
      const target = foundBy(ctx, rules.datastore_create);
      if (target) {
        resource = writable(target, data.force).r;
        resourceId = resource.id;
      }
      const before = resource ? await findTable(db(ctx), resource.id) : null;
      const fields = cleanFields(data.fields, first, before?.fields);
      if (data.resource) {
        const given = data.resource as Record<string, unknown>;
        const created = await runAction(ctx, 'resource_create', {
          ...given, ...(given.url ? {} : { url: '', url_type: 'datastore', last_modified: new Date().toISOString() }),
        }) as { id: string };
        resourceId = created.id;
      }
      const made = await writing(() => db(ctx).transaction(async (tx) => {
        const made = await createOrAlterTable(tx, resourceId, fields, data.primary_key, data.indexes);
        if (data.aliases?.length) await addAliases(tx, resourceId, data.aliases);
        const table = (await findTable(tx, resourceId))!;
        await writeRecords(tx, table, records, 'insert');
        return made;
      }));
      await setDatastoreActive(ctx, resourceId, true);
      // A publisher changing a column's type in the dictionary of a loaded file: load it again.
      const overrides = (defs: { id: string; info?: Record<string, unknown> }[] | undefined) =>
        JSON.stringify((defs ?? []).map((f) => [f.id, f.info?.type_override ?? null]));
      if (before && resource && resource.urlType !== 'datastore' && tabularKind(resource.format, resource.url)
        && overrides(before.fields) !== overrides(made.fields)) {
        await db(ctx).transaction((tx) => enqueueJob(tx, 'datastore_load', resourceId, { createdBy: ctx.user?.id ?? null }));
        ctx.kho.jobs?.kick();
      }
      const out: Record<string, unknown> = { resource_id: resourceId, fields, method: 'insert' };
      if (data.primary_key) out.primary_key = data.primary_key;
      if (data.indexes) out.indexes = data.indexes;
      if (data.aliases) out.aliases = data.aliases;
      if (data.include_records && records) out.records = records;
      return out;
    },
  },
  {
    name: 'datastore_upsert', read: false, auth: rules.datastore_upsert, schema: 'datastore#/definitions/upsert',
    async handler(ctx, data) {
      const { r } = writable(foundBy(ctx, rules.datastore_upsert), data.force);
      const table = await requireTable(db(ctx), r.id);
      const method: WriteMethod = data.method ?? 'upsert';
      const dryRun = data.dry_run === true;
      await writing(() => db(ctx).transaction(async (tx) => {
        await writeRecords(tx, table, data.records ?? [], method);
        if (dryRun) tx.rollback();
      })).catch((err) => {
        if (dryRun && /rollback/i.test(String(err?.message))) return;
        throw err;
      });
      const out: Record<string, unknown> = { resource_id: r.id, method };
      if (data.include_records) out.records = data.records ?? [];
      return out;
    },
  },
  {
    name: 'datastore_delete', read: false, auth: rules.datastore_delete, schema: 'datastore#/definitions/delete',
    async handler(ctx, data) {
      const { r } = writable(foundBy(ctx, rules.datastore_delete), data.force);
      const table = await requireTable(db(ctx), r.id);
      if (data.filters === undefined) {
        await db(ctx).transaction((tx) => dropTable(tx, r.id));
        // Cached exports are copies of the dropped rows.
        await (await import('./exports.js')).deleteExports(ctx.kho, [r.id]);
        await setDatastoreActive(ctx, r.id, false);
        return { resource_id: r.id };
      }
      await writing(() => db(ctx).transaction((tx) => deleteRows(tx, table, data.filters)));
      return { resource_id: r.id, filters: data.filters };
    },
  },
  {
    name: 'datastore_records_delete', read: false, auth: rules.datastore_records_delete, schema: 'datastore#/definitions/delete',
    async handler(ctx, data) {
      const { r } = writable(foundBy(ctx, rules.datastore_records_delete), data.force);
      const table = await requireTable(db(ctx), r.id);
      await writing(() => db(ctx).transaction((tx) => deleteRows(tx, table, data.filters)));
      return { resource_id: r.id, filters: data.filters };
    },
  },
  {
    name: 'datastore_search', read: true, auth: rules.datastore_search, schema: 'datastore#/definitions/search',
    async handler(ctx, data) {
      const { r } = foundBy(ctx, rules.datastore_search);
      const table = await requireTable(db(ctx), r.id);
      const limit = Math.min(data.limit ?? 100, SEARCH_LIMIT_CAP);
      const offset = data.offset ?? 0;
      const format = data.records_format ?? 'objects';
      const plan = await plannedSearch(ctx, table, {
        filters: data.filters, q: data.q ?? data.full_text, fields: data.fields, sort: data.sort, distinct: data.distinct,
        language: data.language, plain: data.plain !== false,
      });
      const includeTotal = data.include_total !== false;
      const found = await queryGate(ctx.kho).run(callerClass(ctx.user), () => writing(() => searchRecords(db(ctx), table, plan,
        { limit, offset, includeTotal, nextPage: data.include_next_page === true }, format !== 'objects')));
      const fields = [...reportedFields(table, plan.columns), ...plan.ranks.map((r) => ({ id: r.name, type: 'float' }))];
      const records = format === 'csv' || format === 'tsv'
        ? csvRecords(found.records as unknown[][], format === 'csv' ? ',' : '\t')
        : found.records;
      const out: Record<string, unknown> = {
        include_total: includeTotal, limit, records_format: format, resource_id: rid(data), fields, records,
        ...(data.filters !== undefined ? { filters: data.filters } : {}),
        ...(data.q !== undefined ? { q: data.q } : {}),
        ...(data.sort !== undefined ? { sort: data.sort } : {}),
        ...(offset ? { offset } : {}),
        ...(data.distinct ? { distinct: true } : {}),
        ...(data.language ? { language: data.language } : {}),
        ...(data.plain === false ? { plain: false } : {}),
        _links: links(data, offset, limit),
        ...(found.nextPage ? { next_page: found.nextPage } : {}),
      };
      if (includeTotal) {
        out.total = found.total;
        out.total_was_estimated = false;
      }
      return out;
    },
  },
  {
    name: 'datastore_search_sql', read: true, auth: rules.datastore_search_sql, schema: 'datastore#/definitions/search_sql',
    async handler(ctx, data) {
      const { config, database } = ctx.kho;
      const limits: SqlLimits = {
        timeoutMs: config.datastoreSqlTimeoutMs,
        maxCost: config.datastoreSqlMaxCost ?? (database.kind === 'pglite' ? EMBEDDED_MAX_COST : undefined),
        maxBytes: config.datastoreSqlMaxBytes,
      };
      const result = await queryGate(ctx.kho).run(callerClass(ctx.user), () =>
        runSearchSql(database, data.sql, limits, (names) => sqlTables(ctx, names)));
      return { sql: data.sql, fields: result.fields, records: result.records, ...(result.truncated ? { records_truncated: true } : {}) };
    },
  },
  {
    // Where the background load of a resource's file stands (CKAN's XLoader answers the same).
    name: 'xloader_status', read: true, auth: rules.xloader_status, schema: 'datastore#/definitions/info',
    async handler(ctx, data) {
      const { r } = foundBy(ctx, rules.xloader_status);
      const job = await latestJob(db(ctx), 'datastore_load', r.id);
      if (!job) throw new NotFoundError(`No load of resource "${r.id}" has been queued`);
      return loadStatus(job);
    },
  },
  {
    // Queues the resource's file to be (re)loaded into the DataStore.
    name: 'xloader_submit', read: false, auth: rules.xloader_submit, schema: 'datastore#/definitions/info',
    async handler(ctx, data) {
      const { r } = writable(foundBy(ctx, rules.xloader_submit), true);
      if (!tabularKind(r.format, r.url)) throw new ValidationError({ resource_id: [`Resources in format "${r.format}" are not loaded into the DataStore`] });
      await db(ctx).transaction((tx) => enqueueJob(tx, 'datastore_load', r.id, { createdBy: ctx.user?.id ?? null }));
      ctx.kho.jobs?.kick();
      return true;
    },
  },
  {
    name: 'datastore_info', read: true, auth: rules.datastore_info, schema: 'datastore#/definitions/info',
    async handler(ctx, data) {
      const { r } = foundBy(ctx, rules.datastore_info);
      const table = await requireTable(db(ctx), r.id);
      const info = await tableInfo(db(ctx), table, { meta: data.include_meta !== false, schema: data.include_fields_schema !== false });
      const job = await latestJob(db(ctx), 'datastore_load', r.id);
      return job ? { ...info, load: loadStatus(job) } : info;
    },
  },
];

function loadStatus(job: Job) {
  return {
    job_id: String(job.id),
    status: job.state,
    rows_done: job.rowsDone,
    ...(job.method ? { method: job.method } : {}),
    last_updated: isoTimestamp(job.finished ?? job.heartbeat ?? job.created),
    created: isoTimestamp(job.created),
    started: isoTimestamp(job.started),
    finished: isoTimestamp(job.finished),
    ...(job.error ? { error: job.error } : {}),
  };
}

/** CKAN's paging links (≤ 2.11): relative URLs with the offset rewritten. */
function links(data: Record<string, any>, offset: number, limit: number) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(data)) {
    if (k === 'offset' || v === undefined) continue;
    params.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  const base = `/api/3/action/datastore_search?${params}`;
  const at = (n: number) => `${base}${params.toString() ? '&' : ''}offset=${n}`;
  return { start: base, next: at(offset + limit), ...(offset > 0 ? { prev: at(Math.max(0, offset - limit)) } : {}) };
}

/** Drops the DataStore tables of resources that are going away (resource_delete, dataset_purge). */
/**
 * What /datastore/dump streams: checked as datastore_search checks (read rights, known columns),
 * then handed to the HTTP layer as chunks.
 */
export async function prepareDump(ctx: ActionContext, resourceId: string, params: Record<string, unknown>) {
  const { r, p } = await readable(ctx, resourceId);
  const table = await requireTable(db(ctx), r.id);
  const format = String(params.format ?? 'csv').toLowerCase();
  if (!['csv', 'tsv', 'json', 'xml', 'xlsx'].includes(format)) throw new ValidationError({ format: [`format "${format}" is not one of csv, tsv, json, xml, xlsx`] });
  const int = (name: string) => {
    const v = params[name];
    if (v === undefined || v === '') return null;
    if (!/^\d+$/.test(String(v))) throw new ValidationError({ [name]: ['Must be a natural number'] });
    return Number(v);
  };
  const plan = await plannedSearch(ctx, table, {
    filters: params.filters, q: params.q, fields: params.fields, sort: params.sort,
    language: params.language as string | undefined, plain: params.plain === undefined || params.plain === '' || asBool(params.plain),
  });
  const { dumpChunks, DUMP_TYPES } = await import('./dump.js');
  const bom = asBool(params.bom);
  return {
    /** anyone may read it, so shared caches may keep it */
    public: isPublic(p),
    filename: `${r.id}.${format}`,
    contentType: DUMP_TYPES[format as keyof typeof DUMP_TYPES],
    chunks: dumpChunks(db(ctx), table, plan, { format: format as any, bom, offset: int('offset') ?? 0, limit: int('limit') }, ctx.kho.database.copyOut?.bind(ctx.kho.database)),
  };
}

/** A cached CSV or XLSX export of a resource's table, for a reader of the resource. */
export async function prepareExport(ctx: ActionContext, datasetRef: string, resourceId: string, format: 'csv' | 'xlsx', bom: boolean) {
  const { r, p } = await readable(ctx, resourceId);
  // The URL names the dataset too: a resource asked for under another dataset is not there.
  if (p.id !== datasetRef && p.name !== datasetRef) throw new NotFoundError(`Resource "${resourceId}" was not found.`);
  const table = await requireTable(db(ctx), r.id);
  const { exportBlob } = await import('./exports.js');
  const base = (r.name || r.id).normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim() || r.id;
  return { ...(await exportBlob(ctx.kho, table, format, bom)), filename: `${base}.${format}`, public: isPublic(p) };
}

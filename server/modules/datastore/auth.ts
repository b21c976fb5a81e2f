// The DataStore's auth rules, declared with its actions: a table is read by whoever may read its
// resource's dataset and written by whoever may edit it; datastore_search_sql is open as
// KHO_DATASTORE_SQL says. The tables named inside a statement are checked as datastore_search.
import { and, eq } from 'drizzle-orm';
import type { ActionContext } from '../../core/kho.js';
import type { AuthRule, Refusal } from '../../core/action.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { packages, resources } from '../../db/schema.js';
import { canEditPackage, canReadPackage } from '../../logic/permissions.js';
import { callerName } from '../../auth/rules/common.js';
import { resolveAlias } from './tables.js';
import { readerRoleReady, READER_ROLE } from './search-sql.js';

const db = (ctx: ActionContext) => ctx.kho.database.db;

/** A resource and its dataset (r, p): the object of every DataStore rule. */
export interface DatastoreResource {
  r: typeof resources.$inferSelect;
  p: typeof packages.$inferSelect;
}

/** The resource (and its dataset) by id, or by one of its table's aliases. */
export async function resourceOf(ctx: ActionContext, id: unknown): Promise<DatastoreResource> {
  if (typeof id !== 'string' || !id) throw new ValidationError({ resource_id: ['Missing value'] });
  const find = (rid: string) => db(ctx).select({ r: resources, p: packages }).from(resources)
    .innerJoin(packages, eq(packages.id, resources.packageId))
    .where(and(eq(resources.id, rid), eq(resources.state, 'active'))).limit(1);
  let rows = await find(id);
  if (!rows.length) {
    const aliased = await resolveAlias(db(ctx), id);
    if (aliased) rows = await find(aliased);
  }
  const row = rows[0];
  if (!row || row.p.state === 'deleted') throw new NotFoundError(`Resource "${id}" was not found.`);
  return row;
}

const resourceId = (data: Record<string, any>) => data.resource_id ?? data.id;

async function mayRead(ctx: ActionContext, res: DatastoreResource): Promise<Refusal> {
  return (await canReadPackage(db(ctx), ctx.user, res.p)) ? null : `User ${callerName(ctx)} not authorized to read resource ${res.r.id}`;
}

async function mayWrite(ctx: ActionContext, res: DatastoreResource | null): Promise<Refusal> {
  // null: a table in a resource being created, which resource_create's own rule decides.
  if (!res) return null;
  return (await canEditPackage(db(ctx), ctx.user, res.p)) ? null : `User ${callerName(ctx)} not authorized to update resource ${res.r.id}`;
}

const reading: AuthRule<DatastoreResource> = { find: (ctx, data) => resourceOf(ctx, resourceId(data)), object: mayRead };
const writing: AuthRule<DatastoreResource> = { find: (ctx, data) => resourceOf(ctx, resourceId(data)), object: mayWrite };

/**
 * Who may run datastore_search_sql (KHO_DATASTORE_SQL). CKAN keeps it off unless configured with
 * a read-only database user; Kho opens it to signed-in users on the embedded database, to
 * everyone on Postgres, and to sysadmins alone where the reader role is missing.
 */
async function mayUseSql(ctx: ActionContext): Promise<Refusal> {
  const { config, database } = ctx.kho;
  const access = config.datastoreSql ?? (database.kind === 'pglite' ? 'signed-in' : 'everyone');
  if (access === 'off') return 'datastore_search_sql is turned off on this site';
  if (access === 'signed-in' && !ctx.user) return 'datastore_search_sql needs a signed-in user on this site';
  if (!ctx.user?.sysadmin && !(await readerRoleReady(database))) {
    return `datastore_search_sql needs the database role ${READER_ROLE}, which this site lacks`;
  }
  return null;
}

export const datastoreRules = {
  datastore_create: {
    // The table of an existing resource, or (with `resource`) of one this call creates.
    async find(ctx, data) {
      if (data.resource && data.resource_id) throw new ValidationError({ resource: ['resource cannot be used with resource_id'] });
      if (!data.resource && !data.resource_id) throw new ValidationError({ resource_id: ['resource_id or resource required'] });
      return data.resource ? null : resourceOf(ctx, data.resource_id);
    },
    object: mayWrite,
  } satisfies AuthRule<DatastoreResource | null>,
  datastore_upsert: writing,
  datastore_delete: writing,
  datastore_records_delete: {
    async find(ctx, data) {
      if (data.filters === undefined) throw new ValidationError({ filters: ['Missing value'] });
      return resourceOf(ctx, resourceId(data));
    },
    object: mayWrite,
  } satisfies AuthRule<DatastoreResource>,
  xloader_submit: writing,
  datastore_search: reading,
  datastore_info: reading,
  xloader_status: reading,
  datastore_search_sql: {
    // The object is the statement; the tables it reads are each checked as datastore_search.
    async find(_ctx, data) {
      if (typeof data.sql !== 'string' || !data.sql.trim()) throw new ValidationError({ sql: ['Missing value'] });
      return data.sql;
    },
    object: (ctx) => mayUseSql(ctx),
  } satisfies AuthRule<string>,
} as const;

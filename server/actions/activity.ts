// Activity streams, newest first, limited to objects the caller can read.
import { and, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { defineActions, type ActionContext } from './registry.js';
import { ValidationError } from './errors.js';
import { activities, packages } from '../db/schema.js';
import { requirePackage } from '../logic/package-store.js';
import { requireGroup } from '../logic/group-store.js';
import { requireReadPackage, userCapacities } from '../logic/permissions.js';
import { isoTimestamp, parseTimestampInput } from '../logic/time.js';

const db = (ctx: ActionContext) => ctx.kho.database.db;

function activityDict(a: typeof activities.$inferSelect) {
  return {
    id: a.id,
    timestamp: isoTimestamp(a.timestamp),
    user_id: a.userId,
    object_id: a.objectId,
    activity_type: a.activityType,
    data: a.data,
  };
}

function asList(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.map(String) : String(v).split(',').map((s) => s.trim()).filter(Boolean);
}

/** Paging and type filters shared by every activity list. */
function listFilters(data: Record<string, any>): { conds: SQL[]; limit: number; offset: number } {
  const types = asList(data.activity_types);
  const excluded = asList(data.exclude_activity_types);
  if (types && excluded) throw new ValidationError({ activity_types: ['Cannot be used together with `exclude_activity_types'] });
  const conds: SQL[] = [];
  if (types) conds.push(inArray(activities.activityType, types));
  if (excluded?.length) conds.push(sql`${activities.activityType} not in (${sql.join(excluded.map((t) => sql`${t}`), sql`, `)})`);
  const bound = (v: unknown) => {
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'number' || /^\d+(\.\d+)?$/.test(String(v))) {
      return new Date(Number(v) * 1000).toISOString().replace('Z', '');
    }
    const ts = parseTimestampInput(v);
    if (!ts) throw new ValidationError({ after: ['Date format incorrect'] });
    return ts;
  };
  const after = bound(data.after);
  const before = bound(data.before);
  if (after) conds.push(gt(activities.timestamp, after));
  if (before) conds.push(lt(activities.timestamp, before));
  return { conds, limit: Math.min(data.limit ?? 31, 100), offset: data.offset ?? 0 };
}

async function list(ctx: ActionContext, where: SQL[], data: Record<string, any>) {
  const { conds, limit, offset } = listFilters(data);
  const rows = await db(ctx).select().from(activities).where(and(...where, ...conds))
    .orderBy(desc(activities.timestamp), desc(activities.id)).limit(limit).offset(offset);
  return rows.map(activityDict);
}

defineActions(
  {
    name: 'package_activity_list', read: true, auth: 'anyone', schema: 'misc#/definitions/activity_list',
    async handler(ctx, data) {
      const row = await requirePackage(db(ctx), data.id);
      if (!ctx.ignoreAuth) await requireReadPackage(db(ctx), ctx.user, row);
      return list(ctx, [eq(activities.objectId, row.id)], data);
    },
  },
  {
    name: 'organization_activity_list', read: true, auth: 'anyone', schema: 'misc#/definitions/activity_list',
    async handler(ctx, data) {
      const org = await requireGroup(db(ctx), data.id, true);
      const member = ctx.user?.sysadmin || (ctx.user && (await userCapacities(db(ctx), ctx.user.id)).has(org.id));
      const visible = member ? sql`true`
        : or(sql`${activities.objectId} = ${org.id}`, inArray(activities.objectId,
          db(ctx).select({ id: packages.id }).from(packages).where(and(eq(packages.private, false), eq(packages.state, 'active')))))!;
      return list(ctx, [or(eq(activities.groupId, org.id), eq(activities.objectId, org.id))!, visible], data);
    },
  },
  {
    name: 'recently_changed_packages_activity_list', read: true, auth: 'anyone', schema: 'misc#/definitions/activity_list',
    async handler(ctx, data) {
      const publicPackages = db(ctx).select({ id: packages.id }).from(packages).where(and(eq(packages.private, false), eq(packages.state, 'active')));
      return list(ctx, [sql`${activities.activityType} like '% package'`, inArray(activities.objectId, publicPackages)], data);
    },
  },
);

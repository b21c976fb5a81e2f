// Activity streams, newest first, limited to what the caller could and can read.
import { and, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { type ActionContext } from './registry.js';
import { found, type ActionDef } from '../core/action.js';
import { ValidationError } from '../core/errors.js';
import { activities, packages } from '../db/schema.js';
import { requireGroup } from '../logic/group-store.js';
import { readerOf } from '../logic/permissions.js';
import { readableSql } from '../core/visibility.js';
import { visibleActivitiesSql } from '../logic/activity.js';
import { isoTimestamp, parseTimestampInput } from '../logic/time.js';
import { activityRules as rules } from '../auth/rules/activity.js';

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

/**
 * Every activity list shows only what the caller could read when it was written (its labels) and
 * may read now: a dataset withdrawn from view (made private, deleted, purged) takes its history
 * out of the streams of those who can no longer read it, as package_activity_list does for it.
 */
async function list(ctx: ActionContext, where: SQL[], data: Record<string, any>) {
  const { conds, limit, offset } = listFilters(data);
  const reader = await readerOf(db(ctx), ctx.user, ctx.ignoreAuth);
  const visible: SQL[] = [];
  if (!reader.sysadmin) {
    visible.push(visibleActivitiesSql(reader), or(
      sql`${activities.activityType} not like '% package'`,
      inArray(activities.objectId, db(ctx).select({ id: packages.id }).from(packages).where(readableSql(reader))),
    )!);
  }
  const rows = await db(ctx).select().from(activities).where(and(...where, ...visible, ...conds))
    .orderBy(desc(activities.timestamp), desc(activities.id)).limit(limit).offset(offset);
  return rows.map(activityDict);
}

export const activityActions: ActionDef[] = [
  {
    name: 'package_activity_list', read: true, auth: rules.package_activity_list, schema: 'misc#/definitions/activity_list',
    async handler(ctx, data) {
      const row = found(ctx, rules.package_activity_list);
      return list(ctx, [eq(activities.objectId, row.id)], data);
    },
  },
  {
    name: 'organization_activity_list', read: true, auth: rules.organization_activity_list, schema: 'misc#/definitions/activity_list',
    async handler(ctx, data) {
      const org = await requireGroup(db(ctx), data.id, true);
      return list(ctx, [or(eq(activities.groupId, org.id), eq(activities.objectId, org.id))!], data);
    },
  },
  {
    name: 'recently_changed_packages_activity_list', read: true, auth: rules.recently_changed_packages_activity_list, schema: 'misc#/definitions/activity_list',
    async handler(ctx, data) {
      return list(ctx, [sql`${activities.activityType} like '% package'`], data);
    },
  },
];

// organization_* and group_* actions: one family, told apart by is_organization, as in CKAN.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { type ActionContext, type ActionDef } from './registry.js';
import { AuthorizationError, NotFoundError, ValidationError } from '../core/errors.js';
import { foundGroup, groupRules } from '../auth/rules/group.js';
import { memberRules } from '../auth/rules/member.js';
import { groups, members, packages, users } from '../db/schema.js';
import { groupShowDict, nameTaken, requireGroup, visibleDatasetCounts } from '../logic/group-store.js';
import { atLeast, capacityIn, userCapacities } from '../logic/permissions.js';
import { addError, cleanExtras, nameErrors, optText, type Errors } from '../logic/validators.js';
import { recordActivity } from '../logic/activity.js';
import { groupRowDict, imageDisplayUrl, type GroupRow } from '../logic/dictize.js';
import type { Tx } from '../db/database.js';
import { refreshPackages } from '../logic/package-store.js';
import { embeddingGroup } from '../logic/show-cache.js';
import type { AuthUser } from '../auth/users.js';
import { containsPattern, foldSql } from '../text/fold-sql.js';
import { viSortKey } from '../text/vi-sort-key.js';

const db = (ctx: ActionContext) => ctx.kho.database.db;
const ROLES = ['admin', 'editor', 'member'];
const GROUP_CORE = new Set(['id', 'name', 'title', 'description', 'image_url', 'type', 'state', 'extras', 'users', 'groups', 'packages', 'created', 'is_organization', 'approval_status']);

function kind(isOrg: boolean) {
  return isOrg ? 'organization' : 'group';
}

async function findUser(tx: Tx, ref: string) {
  const rows = await tx.select().from(users).where(and(or(eq(users.id, ref), eq(users.name, ref)), eq(users.state, 'active'))).limit(1);
  return rows[0] ?? null;
}

async function upsertMember(tx: Tx, groupId: string, tableName: string, tableId: string, capacity: string) {
  const existing = await tx.select().from(members)
    .where(and(eq(members.groupId, groupId), eq(members.tableName, tableName), eq(members.tableId, tableId))).limit(1);
  if (existing[0]) {
    await tx.update(members).set({ capacity, state: 'active' }).where(eq(members.id, existing[0].id));
    return { ...existing[0], capacity, state: 'active' };
  }
  const row = { id: randomUUID(), groupId, tableName, tableId, capacity, state: 'active' };
  await tx.insert(members).values(row);
  return row;
}

function memberDict(m: { id: string; groupId: string; tableName: string; tableId: string; capacity: string; state: string }) {
  return { id: m.id, table_name: m.tableName, table_id: m.tableId, group_id: m.groupId, capacity: m.capacity, state: m.state };
}

/** Validates an org/group dict; the row values it describes. */
async function cleanGroup(tx: Tx, data: Record<string, any>, isOrg: boolean, existing?: GroupRow) {
  const errors: Errors = {};
  const name = data.name ?? existing?.name;
  const nErr = nameErrors(name);
  if (nErr.length) errors.name = nErr;
  else if (await nameTaken(tx, name, existing?.id)) addError(errors, 'name', 'Group name already exists in database');
  const extras = cleanExtras(errors, data.extras, GROUP_CORE);
  if (existing && data.type !== undefined && data.type !== existing.type) addError(errors, 'type', 'Cannot change the type');
  let userRefs: { name: string; capacity: string }[] | undefined;
  if (Array.isArray(data.users)) {
    userRefs = [];
    for (const u of data.users) {
      const ref = String(u?.name ?? u?.id ?? '');
      const capacity = String(u?.capacity ?? 'member');
      if (!ROLES.includes(capacity)) addError(errors, 'users', `Role ${capacity} does not exist`);
      else userRefs.push({ name: ref, capacity });
    }
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return {
    values: {
      name,
      title: optText(data.title),
      description: optText(data.description),
      imageUrl: optText(data.image_url),
      type: existing?.type ?? (typeof data.type === 'string' && data.type ? data.type : kind(isOrg)),
      isOrganization: isOrg,
      state: typeof data.state === 'string' && ['active', 'deleted'].includes(data.state) ? data.state : existing?.state ?? 'active',
      extras: extras ?? (existing && data.extras === undefined ? existing.extras : {}),
    },
    userRefs,
  };
}

async function setUsers(tx: Tx, groupId: string, refs: { name: string; capacity: string }[], keep?: AuthUser | null) {
  const wanted = new Map<string, string>();
  for (const r of refs) {
    const u = await findUser(tx, r.name);
    if (!u) throw new ValidationError({ users: [`User ${r.name} not found`] });
    wanted.set(u.id, r.capacity);
  }
  // The editing admin keeps their place even if the list forgot them.
  if (keep && !keep.sysadmin && !wanted.has(keep.id)) {
    const cap = await capacityIn(tx, keep.id, groupId);
    if (cap) wanted.set(keep.id, cap);
  }
  await tx.delete(members).where(and(eq(members.groupId, groupId), eq(members.tableName, 'user'),
    wanted.size ? sql`${members.tableId} not in (${sql.join([...wanted.keys()].map((k) => sql`${k}`), sql`, `)})` : sql`true`));
  for (const [id, cap] of wanted) await upsertMember(tx, groupId, 'user', id, cap);
}

function showOpts(data: Record<string, any>) {
  return {
    includeDatasets: data.include_datasets === true,
    includeDatasetCount: data.include_dataset_count !== false,
    includeExtras: data.include_extras !== false,
    includeUsers: data.include_users !== false,
    includeGroups: data.include_groups !== false,
    includeFollowers: data.include_followers !== false,
    includeMemberCount: data.include_member_count === true,
  };
}

function familyActions(isOrg: boolean): ActionDef[] {
  const k = kind(isOrg);
  const show = (ctx: ActionContext, g: GroupRow, data: Record<string, any> = {}) =>
    groupShowDict(db(ctx), ctx.kho.config.siteUrl, ctx.user, g, showOpts(data));

  const write = async (ctx: ActionContext, data: Record<string, any>, existing?: GroupRow) => {
    const actor = ctx.user;
    const row = await db(ctx).transaction(async (tx) => {
      const clean = await cleanGroup(tx, data, isOrg, existing);
      let id: string;
      if (existing) {
        id = existing.id;
        await tx.update(groups).set(clean.values).where(eq(groups.id, id));
      } else {
        id = randomUUID();
        await tx.insert(groups).values({ id, ...clean.values });
        if (actor) await upsertMember(tx, id, 'user', actor!.id, 'admin');
      }
      if (clean.userRefs) await setUsers(tx, id, clean.userRefs, existing ? actor : null);
      if (!existing && clean.userRefs && actor) await upsertMember(tx, id, 'user', actor.id, 'admin');
      const fresh = (await tx.select().from(groups).where(eq(groups.id, id)))[0]!;
      // Datasets embed their organization and groups: their stored dicts follow the change.
      if (existing) await refreshPackages(ctx.kho, tx, embeddingGroup(id));
      await recordActivity(tx, actor, `${existing ? 'changed' : 'new'} ${k}` as any, id, { group: groupRowDict(fresh) }, id);
      return fresh;
    });
    return show(ctx, row);
  };

  return [
    {
      name: `${k}_list`, read: true, auth: groupRules[`${k}_list`], schema: 'group#/definitions/group_list',
      async handler(ctx, data) {
        const allFields = data.all_fields === true;
        const limit = Math.min(data.limit ?? (allFields ? 25 : 1000), allFields ? 25 : 1000);
        const offset = data.offset ?? 0;
        const sortText = String(data.sort ?? 'title asc').trim();
        const [field, dirRaw = 'asc'] = sortText.split(/\s+/);
        if (!['name', 'title', 'package_count'].includes(field!) || !['asc', 'desc'].includes(dirRaw.toLowerCase())) {
          throw new ValidationError({ message: `Cannot sort by field \`${field}\`` } as any);
        }
        const dir = dirRaw.toLowerCase() === 'desc' ? desc : asc;
        const filterNames = data[isOrg ? 'organizations' : 'groups'];
        const names: string[] | undefined = filterNames === undefined ? undefined
          : Array.isArray(filterNames) ? filterNames.map(String) : String(filterNames).split(',').map((s) => s.trim()).filter(Boolean);
        const conds = [eq(groups.isOrganization, isOrg), eq(groups.state, 'active')];
        if (typeof data.q === 'string' && data.q) {
          const like = containsPattern(data.q);
          conds.push(or(sql`${foldSql(sql`${groups.name}`)} like ${like}`, sql`${foldSql(sql`${groups.title}`)} like ${like}`,
            sql`${foldSql(sql`${groups.description}`)} like ${like}`)!);
        }
        if (names) conds.push(names.length ? inArray(groups.name, names) : sql`false`);
        let rows = await db(ctx).select().from(groups).where(and(...conds))
          .orderBy(field === 'name' ? dir(groups.name) : dir(sql`coalesce(nullif(${groups.title}, ''), ${groups.name})`), asc(groups.name));
        const counts = field === 'package_count' || allFields ? await visibleDatasetCounts(db(ctx), ctx.user, rows) : new Map();
        if (field === 'package_count') {
          rows = rows.sort((a, b) => ((counts.get(a.id) ?? 0) - (counts.get(b.id) ?? 0)) * (dirRaw.toLowerCase() === 'desc' ? -1 : 1));
        }
        rows = rows.slice(offset, offset + limit);
        if (!allFields) return rows.map((r) => r.name);
        return Promise.all(rows.map((r) => groupShowDict(db(ctx), ctx.kho.config.siteUrl, ctx.user, r, {
          includeDatasetCount: data.include_dataset_count !== false,
          includeExtras: data.include_extras === true,
          includeUsers: data.include_users === true,
          includeGroups: data.include_groups === true,
          includeFollowers: true,
        })));
      },
    },
    {
      // Active organizations or groups whose name or title contains the text, diacritics
      // ignored, in Vietnamese title order.
      name: `${k}_autocomplete`, read: true, auth: groupRules[`${k}_autocomplete`], schema: 'misc#/definitions/autocomplete',
      async handler(ctx, data) {
        if (typeof data.q !== 'string' || !data.q) throw new ValidationError({ q: ['Missing value'] });
        const like = containsPattern(data.q);
        const rows = await db(ctx).select({ id: groups.id, name: groups.name, title: groups.title }).from(groups)
          .where(and(eq(groups.isOrganization, isOrg), eq(groups.state, 'active'),
            or(sql`${foldSql(sql`${groups.name}`)} like ${like}`, sql`${foldSql(sql`${groups.title}`)} like ${like}`)));
        const key = (r: { name: string; title: string | null }) => viSortKey(r.title || r.name);
        return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).slice(0, data.limit ?? 20)
          .map((r) => ({ id: r.id, name: r.name, title: r.title ?? '' }));
      },
    },
    {
      name: `${k}_show`, read: true, auth: groupRules[`${k}_show`], schema: 'group#/definitions/group_show',
      async handler(ctx, data) {
        const g = await requireGroup(db(ctx), data.id, isOrg, !!ctx.user?.sysadmin);
        return show(ctx, g, data);
      },
    },
    {
      name: `${k}_create`, read: false, auth: groupRules[`${k}_create`], schema: 'group#/definitions/group_write',
      handler: (ctx, data) => write(ctx, data),
    },
    {
      name: `${k}_update`, read: false, auth: groupRules[`${k}_update`], schema: 'group#/definitions/group_write',
      async handler(ctx, data) {
        const g = foundGroup(ctx);
        return write(ctx, data, g);
      },
    },
    {
      name: `${k}_patch`, read: false, auth: groupRules[`${k}_patch`], schema: 'group#/definitions/group_write',
      async handler(ctx, data) {
        const g = foundGroup(ctx);
        const current = await show(ctx, g, { include_users: false });
        const { id: _id, ...changes } = data;
        return write(ctx, { ...current, users: undefined, groups: undefined, ...changes }, g);
      },
    },
    {
      name: `${k}_delete`, read: false, auth: groupRules[`${k}_delete`], schema: 'group#/definitions/group_id',
      async handler(ctx) {
        const g = foundGroup(ctx);
        await db(ctx).transaction(async (tx) => {
          if (isOrg) {
            const owned = await tx.select({ id: packages.id }).from(packages)
              .where(and(eq(packages.ownerOrg, g.id), ne(packages.state, 'deleted'))).limit(1);
            if (owned.length) throw new ValidationError({ message: 'Organization cannot be deleted while it still has datasets' } as any);
          }
          await tx.update(groups).set({ state: 'deleted' }).where(eq(groups.id, g.id));
          await refreshPackages(ctx.kho, tx, embeddingGroup(g.id));
          await recordActivity(tx, ctx.user, `deleted ${k}` as any, g.id, { group: { ...groupRowDict(g), state: 'deleted' } }, g.id);
        });
        return null;
      },
    },
    {
      name: `${k}_purge`, read: false, auth: groupRules[`${k}_purge`], schema: 'group#/definitions/group_id',
      async handler(ctx, data) {
        const g = await requireGroup(db(ctx), data.id, isOrg, true);
        await db(ctx).transaction(async (tx) => {
          // Found before the datasets let go of it, so their stored dicts are rebuilt without it.
          const affected = await tx.select({ id: packages.id }).from(packages).where(embeddingGroup(g.id));
          if (isOrg) await tx.update(packages).set({ ownerOrg: null }).where(eq(packages.ownerOrg, g.id));
          await tx.delete(members).where(eq(members.groupId, g.id));
          await tx.delete(groups).where(eq(groups.id, g.id));
          if (affected.length) await refreshPackages(ctx.kho, tx, inArray(packages.id, affected.map((a) => a.id)));
        });
        return null;
      },
    },
    {
      name: `${k}_member_create`, read: false, auth: groupRules[`${k}_member_create`], schema: 'group#/definitions/member_role',
      async handler(ctx, data) {
        const g = foundGroup(ctx);
        const errors: Errors = {};
        if (!data.username) addError(errors, 'username', 'Missing value');
        if (!data.role) addError(errors, 'role', 'Missing value');
        else if (!ROLES.includes(data.role) || (!isOrg && data.role === 'editor')) addError(errors, 'role', 'role does not exist.');
        if (Object.keys(errors).length) throw new ValidationError(errors);
        const u = await findUser(db(ctx), data.username);
        if (!u) throw new ValidationError({ username: ['User not found'] });
        if (!ctx.ignoreAuth && ctx.user?.id === u.id && !ctx.user.sysadmin && data.role !== 'admin') {
          throw new AuthorizationError('You cannot demote yourself');
        }
        return memberDict(await upsertMember(db(ctx), g.id, 'user', u.id, data.role));
      },
    },
    {
      name: `${k}_member_delete`, read: false, auth: groupRules[`${k}_member_delete`], schema: 'group#/definitions/member_role',
      async handler(ctx, data) {
        const g = foundGroup(ctx);
        const ref = data.username ?? data.user_id;
        if (!ref) throw new ValidationError({ username: ['Missing value'] });
        const u = await findUser(db(ctx), ref);
        if (!u) throw new NotFoundError('User not found');
        await db(ctx).delete(members).where(and(eq(members.groupId, g.id), eq(members.tableName, 'user'), eq(members.tableId, u.id)));
        return null;
      },
    },
  ];
}

async function resolveMemberObject(ctx: ActionContext, objectType: string, ref: string): Promise<string> {
  if (objectType === 'user') {
    const u = await findUser(db(ctx), ref);
    if (!u) throw new NotFoundError('User not found');
    return u.id;
  }
  if (objectType === 'package') {
    const rows = await db(ctx).select({ id: packages.id }).from(packages).where(or(eq(packages.id, ref), eq(packages.name, ref))).limit(1);
    if (!rows[0]) throw new NotFoundError('Dataset not found');
    return rows[0].id;
  }
  const rows = await db(ctx).select({ id: groups.id }).from(groups).where(or(eq(groups.id, ref), eq(groups.name, ref))).limit(1);
  if (!rows[0]) throw new NotFoundError('Group not found');
  return rows[0].id;
}

/** The group (found and checked by the member rule) and the id of the object named. */
async function memberArgs(ctx: ActionContext, data: Record<string, any>) {
  const g = foundGroup(ctx);
  const objectId = await resolveMemberObject(ctx, data.object_type, data.object);
  return { g, objectId };
}

async function reindexPackage(ctx: ActionContext, packageId: string) {
  await db(ctx).transaction((tx) => refreshPackages(ctx.kho, tx, eq(packages.id, packageId)));
}

export const groupActions: ActionDef[] = [
  ...familyActions(true),
  ...familyActions(false),
  {
    name: 'member_create', read: false, auth: memberRules.member_create, schema: 'group#/definitions/member',
    async handler(ctx, data) {
      const { g, objectId } = await memberArgs(ctx, data);
      if (data.object_type === 'user' && !ROLES.includes(data.capacity)) throw new ValidationError({ capacity: ['role does not exist.'] });
      const m = await upsertMember(db(ctx), g.id, data.object_type, objectId, data.capacity);
      if (data.object_type === 'package') await reindexPackage(ctx, objectId);
      return memberDict(m);
    },
  },
  {
    name: 'member_delete', read: false, auth: memberRules.member_delete, schema: 'group#/definitions/member',
    async handler(ctx, data) {
      const { g, objectId } = await memberArgs(ctx, data);
      await db(ctx).delete(members).where(and(eq(members.groupId, g.id), eq(members.tableName, data.object_type), eq(members.tableId, objectId)));
      if (data.object_type === 'package') await reindexPackage(ctx, objectId);
      return null;
    },
  },
  {
    name: 'organization_list_for_user', read: true, auth: groupRules.organization_list_for_user, schema: 'group#/definitions/organization_list_for_user',
    async handler(ctx, data) {
      let user = ctx.user;
      if (data.id) {
        const u = await findUser(db(ctx), data.id);
        if (!u) throw new NotFoundError('User not found');
        user = { id: u.id, name: u.name, sysadmin: u.sysadmin };
      }
      if (!user) return [];
      const orgs = await db(ctx).select().from(groups).where(and(eq(groups.isOrganization, true), eq(groups.state, 'active')));
      const caps = user.sysadmin ? new Map(orgs.map((o) => [o.id, 'admin'])) : await userCapacities(db(ctx), user.id);
      const permission = String(data.permission ?? 'manage_group');
      const wanted = permission === 'manage_group' || permission === 'read' ? 'member'
        : ['create_dataset', 'update_dataset', 'delete_dataset'].includes(permission) ? 'editor' : 'admin';
      const mine = orgs.filter((o) => atLeast(caps.get(o.id), wanted as any));
      const counts = data.include_dataset_count ? await visibleDatasetCounts(db(ctx), user, mine) : null;
      return mine
        .map((o) => ({
          ...groupRowDict(o),
          display_name: o.title || o.name,
          image_display_url: imageDisplayUrl(ctx.kho.config.siteUrl, o.imageUrl),
          capacity: caps.get(o.id),
          ...(counts ? { package_count: counts.get(o.id) ?? 0 } : {}),
        }))
        .sort((a, b) => a.display_name.localeCompare(b.display_name, 'vi'));
    },
  },
];

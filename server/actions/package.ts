// Dataset actions: list, show, create, update, patch, revise, delete, purge, autocomplete, search.
import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import { type ActionContext } from './registry.js';
import { found, type ActionDef } from '../core/action.js';
import { ValidationError } from '../core/errors.js';
import { members, packages, resources, searchDocuments } from '../db/schema.js';
import { packageDict, packageDicts } from '../logic/dictize.js';
import { findPackage, requirePackage, writePackageTx } from '../logic/package-store.js';
import { ACTIVE, ACTIVE_PUBLIC, ANONYMOUS, listedSql, SEARCH_DOCUMENT_COLUMNS, TRUSTED } from '../core/visibility.js';
import { storeShowCache } from '../logic/show-cache.js';
import { reviseInput } from '../logic/revise.js';
import { deleteResourceFiles } from '../logic/resource-files.js';
import { searchPackages } from '../logic/search-params.js';
import { containsPattern } from '../text/fold-sql.js';
import { fold } from '../text/fold.js';
import type { AuthUser } from '../auth/users.js';
import type { PackageRow } from '../logic/dictize.js';
import { packageRules as rules } from '../auth/rules/package.js';

const db = (ctx: ActionContext) => ctx.kho.database.db;
/** Active public datasets: what everyone may list (the same SQL every time). */
const PUBLIC_LIST = listedSql(ANONYMOUS, ACTIVE_PUBLIC);

function editorOf(ctx: ActionContext): AuthUser | null {
  // Trusted internal callers act with full rights.
  return ctx.ignoreAuth ? { id: ctx.user?.id ?? '', name: ctx.user?.name ?? 'site', sysadmin: true } : ctx.user;
}

/**
 * The update path shared by package_update, package_patch, package_revise and the resource
 * actions, for a dataset their rule found and allowed the caller to edit.
 */
export async function updatePackage(
  ctx: ActionContext,
  row: PackageRow,
  build: (current: Record<string, any>) => Record<string, any> | Promise<Record<string, any>>,
) {
  return writePackageTx(ctx.kho, editorOf(ctx), { mode: 'update', lockId: row.id }, async (existing, tx) => {
    const current = await packageDict(tx, ctx.kho.config.siteUrl, existing!);
    const data = await build(current);
    if (data.id !== undefined && data.id !== existing!.id && data.id !== existing!.name) {
      throw new ValidationError({ id: ['Cannot change value of key from ' + existing!.id + ' to ' + data.id + '. This key is read-only'] });
    }
    if (data.type !== undefined && data.type !== existing!.type) {
      throw new ValidationError({ type: ['Cannot change value of key from ' + existing!.type + ' to ' + data.type + '. This key is read-only'] });
    }
    return { ...data, id: existing!.id };
  });
}

export const packageActions: ActionDef[] = [
  {
    name: 'package_list', read: true, auth: rules.package_list, schema: 'package#/definitions/package_list',
    async handler(ctx, data) {
      const q = db(ctx).select({ name: packages.name }).from(packages)
        .where(and(PUBLIC_LIST, eq(packages.type, 'dataset')))
        .orderBy(asc(packages.name)).offset(data.offset ?? 0);
      const rows = data.limit !== undefined ? await q.limit(data.limit) : await q;
      return rows.map((r) => r.name);
    },
  },
  {
    name: 'current_package_list_with_resources', read: true, auth: rules.current_package_list_with_resources,
    schema: 'package#/definitions/current_package_list_with_resources',
    async handler(ctx, data) {
      const limit = data.limit ?? 10;
      const offset = data.offset ?? (data.page ? (data.page - 1) * limit : 0);
      // CKAN lists private datasets here for sysadmins only.
      const visible = ctx.ignoreAuth || ctx.user?.sysadmin ? listedSql(TRUSTED, ACTIVE) : PUBLIC_LIST;
      const rows = await db(ctx).select().from(packages).where(visible)
        .orderBy(desc(packages.metadataModified)).limit(limit).offset(offset);
      return packageDicts(db(ctx), ctx.kho.config.siteUrl, rows);
    },
  },
  {
    name: 'package_show', read: true, auth: rules.package_show, schema: 'package#/definitions/package_show',
    async handler(ctx) {
      const siteUrl = ctx.kho.config.siteUrl;
      // The rule read the dataset's one row (access fields and stored dict) and checked it.
      const cached = found(ctx, rules.package_show);
      if (cached.dict) return cached.dict;
      const dict = await packageDict(db(ctx), siteUrl, (await findPackage(db(ctx), cached.id))!);
      await storeShowCache(db(ctx), siteUrl, dict);
      return dict;
    },
  },
  {
    name: 'package_create', read: false, auth: rules.package_create, schema: 'package#/definitions/package_write',
    async handler(ctx, data) {
      return writePackageTx(ctx.kho, editorOf(ctx), { mode: 'create' }, () => data);
    },
  },
  {
    name: 'package_update', read: false, auth: rules.package_update, schema: 'package#/definitions/package_write',
    async handler(ctx, data) {
      return updatePackage(ctx, found(ctx, rules.package_update), (current) => {
        // Omitted resources and groups are kept; everything else is replaced.
        const next: Record<string, any> = { ...data };
        if (next.resources === undefined) next.resources = current.resources;
        if (next.groups === undefined) next.groups = current.groups;
        if (next.owner_org === undefined) next.owner_org = current.owner_org;
        if (next.private === undefined) next.private = current.private;
        return next;
      });
    },
  },
  {
    name: 'package_patch', read: false, auth: rules.package_patch, schema: 'package#/definitions/package_write',
    async handler(ctx, data) {
      const { id: _id, ...changes } = data;
      return updatePackage(ctx, found(ctx, rules.package_patch), (current) => ({ ...current, ...changes }));
    },
  },
  {
    name: 'package_revise', read: false, auth: rules.package_revise, schema: 'package#/definitions/package_revise',
    async handler(ctx, data) {
      const pkg = await updatePackage(ctx, found(ctx, rules.package_revise), (current) => reviseInput(current, data));
      return { package: pkg };
    },
  },
  {
    name: 'package_delete', read: false, auth: rules.package_delete, schema: 'package#/definitions/package_id',
    async handler(ctx) {
      const row = found(ctx, rules.package_delete);
      if (row.state === 'deleted') return null;
      await ctx.kho.database.db.transaction(async (tx) => {
        const before = await packageDict(tx, ctx.kho.config.siteUrl, row);
        await tx.update(packages).set({ state: 'deleted', metadataModified: sql`timezone('utc', clock_timestamp())` }).where(eq(packages.id, row.id));
        const fresh = (await tx.select().from(packages).where(eq(packages.id, row.id)))[0]!;
        const after = await packageDict(tx, ctx.kho.config.siteUrl, fresh);
        // The same subscribers as any write: stored dict, search document, activity.
        await ctx.kho.hooks.afterDatasetWrite({
          kho: ctx.kho, tx, user: ctx.user, mode: 'update', before, after, activityType: 'deleted package',
        });
      });
      return null;
    },
  },
  {
    name: 'dataset_purge', read: false, auth: rules.dataset_purge, schema: 'package#/definitions/package_id',
    async handler(ctx, data) {
      const row = await requirePackage(db(ctx), data.id);
      const blobs = await ctx.kho.database.db.transaction(async (tx) => {
        const owned = await tx.select({ id: resources.id, key: resources.blobKey }).from(resources).where(eq(resources.packageId, row.id));
        const keys = owned.map((r) => r.key).filter((k): k is string => !!k);
        await ctx.kho.hooks.resourcesRemoved({ kho: ctx.kho, tx, resourceIds: owned.map((r) => r.id), purge: true });
        await ctx.kho.search.remove(tx, row.id);
        await tx.delete(members).where(and(eq(members.tableName, 'package'), eq(members.tableId, row.id)));
        await tx.delete(packages).where(eq(packages.id, row.id));
        return { keys, ids: owned.map((r) => r.id) };
      });
      for (const key of blobs.keys) await ctx.kho.blobs.delete(key).catch(() => {});
      // Also files an edit left behind and the DataStore exports: nothing may outlive a purge.
      await deleteResourceFiles(ctx.kho, blobs.ids);
      return null;
    },
  },
  {
    name: 'package_autocomplete', read: true, auth: rules.package_autocomplete, schema: 'package#/definitions/package_autocomplete',
    async handler(ctx, data) {
      if (!data.q) throw new ValidationError({ q: ['Missing value'] });
      const limit = data.limit ?? 10;
      const needle = containsPattern(String(data.q));
      const d = searchDocuments;
      // Title words (weight A of the search vector) starting as typed, found through its index,
      // and names containing the text.
      const words = fold(String(data.q)).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      const titleMatch = words.length
        ? sql`${d.tsv} @@ to_tsquery('simple', ${words.map((w, i) => (i === words.length - 1 ? `${w}:*A` : `${w}:A`)).join(' & ')})`
        : sql`false`;
      const rows = await db(ctx).select({ name: d.name, title: d.title }).from(d)
        .where(and(listedSql(ANONYMOUS, ACTIVE_PUBLIC, SEARCH_DOCUMENT_COLUMNS), or(sql`${d.name} like ${needle}`, titleMatch)))
        .orderBy(sql`case when ${d.name} like ${needle} then 0 else 1 end`, asc(d.name))
        .limit(limit);
      const folded = fold(String(data.q));
      return rows.map((r) => {
        const byName = r.name.includes(folded);
        return {
          name: r.name,
          title: r.title,
          match_field: byName ? 'name' : 'title',
          match_displayed: byName ? r.name : `${r.title} (${r.name})`,
        };
      });
    },
  },
  {
    name: 'package_search', read: true, auth: rules.package_search, schema: 'package#/definitions/package_search',
    handler: (ctx, data) => searchPackages(ctx, data),
  },
];


// Who may list, show, create, change and delete datasets (CKAN's package_* auth functions).
import type { ActionContext } from '../../core/kho.js';
import type { AuthRule, Refusal } from '../../core/action.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { requirePackage } from '../../logic/package-store.js';
import { canEditPackage, canReadPackage, userCapacities, type PackageAccessRow } from '../../logic/permissions.js';
import { cachedPackage } from '../../logic/show-cache.js';
import { callerName, publicRead, sysadminOnly } from './common.js';

type Dataset = PackageAccessRow & { id: string };
const db = (ctx: ActionContext) => ctx.kho.database.db;

/** Editors of the dataset's organization (or its creator, without one) and sysadmins. */
export function mayEditDataset(verb: string) {
  return async (ctx: ActionContext, pkg: Dataset): Promise<Refusal> =>
    (await canEditPackage(db(ctx), ctx.user, pkg)) ? null : `User ${callerName(ctx)} not authorized to ${verb} package ${pkg.id}`;
}

/** Whoever may see the dataset: the one visibility rule (server/core/visibility.ts). */
export async function mayReadDataset(ctx: ActionContext, pkg: Dataset): Promise<Refusal> {
  return (await canReadPackage(db(ctx), ctx.user, pkg)) ? null : `User ${callerName(ctx)} not authorized to read this package`;
}

/** The dataset package_update and package_patch name by id or name. */
async function datasetToUpdate(ctx: ActionContext, data: Record<string, any>) {
  if (!data.id && !data.name) throw new ValidationError({ id: ['Missing value'] });
  return requirePackage(db(ctx), data.id ?? data.name);
}

const edit = mayEditDataset('edit');

export const packageRules = {
  package_list: publicRead,
  current_package_list_with_resources: publicRead,
  package_autocomplete: publicRead,
  package_search: publicRead,
  package_show: {
    // One row: the access fields and the stored dict, which the handler answers with.
    async find(ctx, data) {
      const id = data.id ?? data.name_or_id;
      if (typeof id !== 'string' || id === '') throw new ValidationError({ [data.id === undefined ? 'name_or_id' : 'id']: ['Missing value'] });
      const cached = await cachedPackage(ctx.kho.database, ctx.kho.config.siteUrl, id);
      if (!cached) throw new NotFoundError('Dataset not found');
      return cached;
    },
    // A public dataset is answered without a query.
    object: mayReadDataset,
  } satisfies AuthRule<NonNullable<Awaited<ReturnType<typeof cachedPackage>>>>,
  package_create: {
    // Sysadmins, and editors or admins of some organization (which one is checked on the write).
    async object(ctx) {
      if (ctx.user?.sysadmin) return null;
      if (!ctx.user) return 'User  not authorized to create packages';
      const caps = await userCapacities(db(ctx), ctx.user.id);
      return [...caps.values()].some((c) => c === 'editor' || c === 'admin') ? null : `User ${ctx.user.name} not authorized to create packages`;
    },
  } satisfies AuthRule<unknown>,
  package_update: { find: datasetToUpdate, object: edit } satisfies AuthRule<Dataset>,
  package_patch: { find: datasetToUpdate, object: edit } satisfies AuthRule<Dataset>,
  package_revise: {
    async find(ctx, data) {
      const match = data.match as Record<string, any>;
      const ref = match.id ?? match.name;
      if (!ref) throw new ValidationError({ match: ['Missing id or name'] });
      return requirePackage(db(ctx), ref);
    },
    object: edit,
  } satisfies AuthRule<Dataset>,
  package_delete: { find: (ctx, data) => requirePackage(db(ctx), data.id), object: mayEditDataset('delete') } satisfies AuthRule<Dataset>,
  dataset_purge: sysadminOnly('dataset_purge'),
} as const;

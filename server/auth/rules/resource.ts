// Who may see and change a dataset's resources: the dataset decides (CKAN's resource_* auth
// functions ask the package's).
import { and, eq } from 'drizzle-orm';
import type { ActionContext } from '../../core/kho.js';
import type { AuthRule } from '../../core/action.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { resources } from '../../db/schema.js';
import { findPackage, requirePackage } from '../../logic/package-store.js';
import type { PackageRow } from '../../logic/dictize.js';
import { mayEditDataset, mayReadDataset } from './package.js';
import { publicRead } from './common.js';

const db = (ctx: ActionContext) => ctx.kho.database.db;

export type ResourceRow = typeof resources.$inferSelect;
/** A resource and its dataset: what resource rules find and decide on. */
export interface ResourceObject {
  row: ResourceRow;
  pkg: PackageRow;
}

/** An active resource of a dataset that is not deleted (sysadmins still see a deleted dataset's). */
export async function findResource(ctx: ActionContext, id: unknown): Promise<ResourceObject> {
  if (typeof id !== 'string' || !id) throw new ValidationError({ id: ['Missing value'] });
  const row = (await db(ctx).select().from(resources).where(and(eq(resources.id, id), eq(resources.state, 'active'))).limit(1))[0];
  if (!row) throw new NotFoundError('Resource was not found.');
  const pkg = await findPackage(db(ctx), row.packageId);
  if (!pkg || pkg.state === 'deleted' && !ctx.user?.sysadmin) throw new NotFoundError('Resource was not found.');
  return { row, pkg };
}

const byId = (ctx: ActionContext, data: Record<string, any>) => findResource(ctx, data.id);
const onDataset = (verb: string) => {
  const check = mayEditDataset(verb);
  return (ctx: ActionContext, res: ResourceObject) => check(ctx, res.pkg);
};

export const resourceRules = {
  resource_search: publicRead,
  format_autocomplete: publicRead,
  resource_show: { find: byId, object: (ctx, res) => mayReadDataset(ctx, res.pkg) } satisfies AuthRule<ResourceObject>,
  resource_create: {
    // The object is the dataset the resource goes into.
    async find(ctx, data) {
      if (!data.package_id) throw new ValidationError({ package_id: ['Missing value'] });
      return requirePackage(db(ctx), data.package_id);
    },
    object: mayEditDataset('create resources in'),
  } satisfies AuthRule<PackageRow>,
  resource_update: { find: byId, object: onDataset('update resources of') } satisfies AuthRule<ResourceObject>,
  resource_patch: { find: byId, object: onDataset('update resources of') } satisfies AuthRule<ResourceObject>,
  resource_delete: { find: byId, object: onDataset('delete resources of') } satisfies AuthRule<ResourceObject>,
} as const;

// Activity streams: a dataset's stream for those who may read the dataset; the others are open,
// each activity in them filtered by what the caller could and can see.
import type { ActionContext } from '../../core/kho.js';
import type { AuthRule } from '../../core/action.js';
import { requirePackage } from '../../logic/package-store.js';
import type { PackageRow } from '../../logic/dictize.js';
import { mayReadDataset } from './package.js';
import { publicRead } from './common.js';

const db = (ctx: ActionContext) => ctx.kho.database.db;

export const activityRules = {
  package_activity_list: { find: (ctx, data) => requirePackage(db(ctx), data.id), object: mayReadDataset } satisfies AuthRule<PackageRow>,
  organization_activity_list: publicRead,
  recently_changed_packages_activity_list: publicRead,
} as const;

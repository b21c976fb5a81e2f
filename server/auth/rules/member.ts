// Who may add and remove members (users, datasets, groups) of an organization or group
// (CKAN's member_create and member_delete auth functions).
import { and, eq, ne, or } from 'drizzle-orm';
import type { ActionContext } from '../../core/kho.js';
import type { AuthRule } from '../../core/action.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { groups } from '../../db/schema.js';
import type { GroupRow } from '../../logic/dictize.js';
import { addError, type Errors } from '../../logic/validators.js';
import { signedInRefusal } from './common.js';
import { refusedUnless } from './group.js';

const db = (ctx: ActionContext) => ctx.kho.database.db;

/** member_create and member_delete: the group by id or name, checked as the handler's input. */
async function memberGroup(ctx: ActionContext, data: Record<string, any>, needCapacity: boolean): Promise<GroupRow> {
  const errors: Errors = {};
  for (const f of ['id', 'object', 'object_type', ...(needCapacity ? ['capacity'] : [])]) if (!data[f]) addError(errors, f, 'Missing value');
  if (data.object_type && !['user', 'package', 'group'].includes(data.object_type)) addError(errors, 'object_type', 'Invalid object type');
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const rows = await db(ctx).select().from(groups).where(and(or(eq(groups.id, data.id), eq(groups.name, data.id)), ne(groups.state, 'deleted'))).limit(1);
  if (!rows[0]) throw new NotFoundError('Group was not found.');
  return rows[0];
}

/** Adding datasets to a group needs any role in it; managing users (and an organization's datasets) needs admin. */
function memberRule(action: string, needCapacity: boolean): AuthRule<GroupRow> {
  return {
    caller: (ctx) => signedInRefusal(ctx, action),
    find: (ctx, data) => memberGroup(ctx, data, needCapacity),
    object: (ctx, g, data) => refusedUnless(ctx, g, data.object_type === 'package' && !g.isOrganization ? 'member' : 'admin', 'edit group'),
  };
}

export const memberRules = {
  member_create: memberRule('member_create', true),
  member_delete: memberRule('member_delete', false),
} as const;

// Who may change organizations and groups and their members (CKAN's group_* and organization_*
// auth functions): their admins and sysadmins; creating an organization is for sysadmins.
import type { ActionContext } from '../../core/kho.js';
import { found, type AuthRule, type Refusal } from '../../core/action.js';
import { requireGroup } from '../../logic/group-store.js';
import type { GroupRow } from '../../logic/dictize.js';
import { hasCapacity, type Capacity } from '../../logic/permissions.js';
import { callerName, publicRead, signedIn, signedInRefusal, sysadminOnly } from './common.js';

const db = (ctx: ActionContext) => ctx.kho.database.db;
type Kind = 'organization' | 'group';

export async function refusedUnless(ctx: ActionContext, g: GroupRow, wanted: Capacity, what: string): Promise<Refusal> {
  return (await hasCapacity(db(ctx), ctx.user, g.id, wanted)) ? null : `User ${callerName(ctx)} not authorized to ${what} ${g.id}`;
}

function familyRules<K extends Kind>(k: K) {
  const isOrg = k === 'organization';
  /** Admins of the organization or group (sysadmins pass), for a signed-in caller. */
  const admin = (action: string, what: string, ref: (data: Record<string, any>) => unknown): AuthRule<GroupRow> => ({
    caller: (ctx) => signedInRefusal(ctx, `${k}_${action}`),
    find: (ctx, data) => requireGroup(db(ctx), ref(data), isOrg),
    object: (ctx, g) => refusedUnless(ctx, g, 'admin', `${what} ${k}`),
  });
  const rules = {
    list: publicRead,
    autocomplete: publicRead,
    show: publicRead,
    create: isOrg ? sysadminOnly(`${k}_create`) : signedIn(`${k}_create`),
    update: admin('update', 'edit', (d) => d.id ?? d.name),
    patch: admin('patch', 'edit', (d) => d.id ?? d.name),
    delete: admin('delete', 'delete', (d) => d.id),
    purge: sysadminOnly(`${k}_purge`),
    member_create: admin('member_create', 'manage members of', (d) => d.id),
    member_delete: admin('member_delete', 'manage members of', (d) => d.id),
  };
  return Object.fromEntries(Object.entries(rules).map(([action, rule]) => [`${k}_${action}`, rule])) as
    { [A in keyof typeof rules as `${K}_${A}`]: (typeof rules)[A] };
}

export const groupRules = {
  ...familyRules('organization'),
  ...familyRules('group'),
  organization_list_for_user: publicRead,
} as const;

/** The organization or group a group rule found, for the handler. */
export const foundGroup = (ctx: ActionContext): GroupRow => found(ctx, groupRules.organization_update);

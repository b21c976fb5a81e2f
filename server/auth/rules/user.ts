// Who may create and list users (CKAN's user_* auth functions). What a user dict shows of a user
// (e-mail, tokens) is the dict's business, not a rule's.
import type { AuthRule } from '../../core/action.js';
import { publicRead, sysadminOnly } from './common.js';

export const userRules = {
  user_create: sysadminOnly('user_create'),
  user_show: publicRead,
  user_autocomplete: publicRead,
  user_list: {
    // Anyone may list users; finding one by e-mail address is for sysadmins.
    object: (ctx, _none, data) => (data.email && !ctx.user?.sysadmin ? 'Only sysadmins may filter users by email' : null),
  } satisfies AuthRule<unknown>,
} as const;

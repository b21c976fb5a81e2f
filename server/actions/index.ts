// The core's actions: the catalog CKAN's API serves without any extension. Modules add theirs
// (server/modules/*/index.ts).
import type { ActionDef } from '../core/action.js';
import { siteActions } from './site.js';
import { packageActions } from './package.js';
import { resourceActions } from './resource.js';
import { groupActions } from './group.js';
import { userActions } from './user.js';
import { tagActions } from './tag.js';
import { activityActions } from './activity.js';
import { jobActions } from './job.js';

export const coreActions: readonly ActionDef[] = [
  ...siteActions, ...packageActions, ...resourceActions, ...groupActions, ...userActions, ...tagActions, ...activityActions,
  ...jobActions,
];

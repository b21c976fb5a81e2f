// The core's own subscribers to dataset writes: the stored package_show dict, the search
// document and the activity stream follow every write, in its transaction.
import type { DatasetHooks } from '../core/hooks.js';
import { storeShowCache } from './show-cache.js';
import { recordActivity } from './activity.js';

export const catalogSubscribers: DatasetHooks = {
  async afterDatasetWrite({ kho, tx, after }) {
    await Promise.all([storeShowCache(tx, kho.config.siteUrl, after), kho.search.index(tx, after)]);
  },
};

export const activitySubscribers: DatasetHooks = {
  async afterDatasetWrite({ tx, user, activityType, after }) {
    await recordActivity(tx, user, activityType, after.id, { package: after }, after.owner_org);
  },
};

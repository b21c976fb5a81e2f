// The background job queue is the site's machinery: sysadmins only, as in CKAN.
import { sysadminOnly } from './common.js';

export const jobRules = {
  job_list: sysadminOnly('job_list'),
  job_show: sysadminOnly('job_show'),
  job_clear: sysadminOnly('job_clear'),
  job_cancel: sysadminOnly('job_cancel'),
} as const;

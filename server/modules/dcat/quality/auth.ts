// Who may ask for quality scores. Both actions only read, and read through the catalog's own
// actions as the caller: dcat_quality_show gets the dataset from package_show, whose rule answers
// 403 or 404 exactly as for the dataset itself; dcat_quality_organization scores what
// package_search shows the caller. So the visibility rule stays written once, and these say
// publicRead.
import { publicRead } from '../../../auth/rules/common.js';

export const qualityRules = {
  dcat_quality_show: publicRead,
  dcat_quality_organization: publicRead,
} as const;

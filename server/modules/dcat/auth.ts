// Who may run the DCAT actions: everyone. They are reads whose answers are filtered inside, and
// more tightly than the caller's own rights: DCAT publishes public, active datasets only, to
// sysadmins too (ckanext-dcat's dcat_auth lets anyone in and relies on package_search/show).
import { publicRead } from '../../auth/rules/common.js';

export const dcatRules = {
  dcat_dataset_show: publicRead,
  dcat_catalog_show: publicRead,
  dcat_catalog_search: publicRead,
  dcat_datasets_list: publicRead,
} as const;

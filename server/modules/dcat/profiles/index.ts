// The profiles there are, by the name `profiles=` and KHO_DCAT_PROFILES use. A new profile is
// one file and one line here.
import type { DcatProfile } from './profile.js';
import { EuroDcatAp2Profile } from './euro-dcat-ap-2.js';
import { EuroDcatAp3Profile } from './euro-dcat-ap-3.js';
import { SchemaOrgProfile } from './schemaorg.js';
import { DcatVnProfile } from './dcat-vn.js';
import { DcatUs3Profile } from './dcat-us-3.js';

export const PROFILE_FACTORIES: Readonly<Record<string, () => DcatProfile>> = {
  euro_dcat_ap_3: () => new EuroDcatAp3Profile(),
  euro_dcat_ap_2: () => new EuroDcatAp2Profile(),
  dcat_us_3: () => new DcatUs3Profile(),
  schemaorg: () => new SchemaOrgProfile(),
  dcat_vn: () => new DcatVnProfile(),
};

export { DcatProfile } from './profile.js';
export type { CatalogContext, DatasetContext, ParseContext } from './profile.js';
export { EuroDcatAp2Profile, EuroDcatAp3Profile, DcatUs3Profile, SchemaOrgProfile, DcatVnProfile };

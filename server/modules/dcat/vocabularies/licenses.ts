// Licences → the URIs DCAT consumers recognise. data.europa.eu matches licences against the EU
// licence authority table, so the Creative Commons and Open Data Commons licences of CKAN's
// register map there; the rest use their publisher's canonical URI. A licence with no canonical
// URI ("Other (Open)") is described by a node of its own instead (see the profiles).
export const EU_LICENCE = 'http://publications.europa.eu/resource/authority/licence/';

/** CKAN register id (and common SPDX-style aliases) → canonical URI */
const BY_ID: Record<string, string> = {
  'odc-pddl': EU_LICENCE + 'ODC_PDDL',
  'odc-odbl': EU_LICENCE + 'ODC_BL',
  'odc-by': EU_LICENCE + 'ODC_BY',
  'cc-zero': EU_LICENCE + 'CC0',
  'cc-by': EU_LICENCE + 'CC_BY_4_0',
  'cc-by-sa': EU_LICENCE + 'CC_BY_SA_4_0',
  'cc-nc': EU_LICENCE + 'CC_BY_NC_4_0',
  gfdl: 'http://www.gnu.org/licenses/fdl-1.3.html',
  'uk-ogl': 'http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
  'cc-by-4.0': EU_LICENCE + 'CC_BY_4_0',
  'cc-by-sa-4.0': EU_LICENCE + 'CC_BY_SA_4_0',
  'cc0-1.0': EU_LICENCE + 'CC0',
  'odbl-1.0': EU_LICENCE + 'ODC_BL',
};

/** Other spellings of the same licences met when reading other catalogs back. */
const ALSO: Record<string, string> = {
  'http://www.opendefinition.org/licenses/odc-pddl': 'odc-pddl',
  'http://www.opendefinition.org/licenses/odc-odbl': 'odc-odbl',
  'http://www.opendefinition.org/licenses/odc-by': 'odc-by',
  'http://www.opendefinition.org/licenses/cc-zero': 'cc-zero',
  'http://www.opendefinition.org/licenses/cc-by': 'cc-by',
  'http://www.opendefinition.org/licenses/cc-by-sa': 'cc-by-sa',
  'http://www.opendefinition.org/licenses/gfdl': 'gfdl',
  'http://reference.data.gov.uk/id/open-government-licence': 'uk-ogl',
  'http://creativecommons.org/licenses/by-nc/2.0/': 'cc-nc',
  'https://creativecommons.org/licenses/by/4.0/': 'cc-by',
  'http://creativecommons.org/licenses/by/4.0/': 'cc-by',
  'https://creativecommons.org/licenses/by-sa/4.0/': 'cc-by-sa',
  'https://creativecommons.org/publicdomain/zero/1.0/': 'cc-zero',
  'http://creativecommons.org/publicdomain/zero/1.0/': 'cc-zero',
};

const ID_BY_URI = new Map<string, string>(Object.entries(ALSO));
for (const [id, u] of Object.entries(BY_ID)) if (!ID_BY_URI.has(u) && !id.includes('.')) ID_BY_URI.set(u, id);

/** The licence URI for a dataset: its register id's canonical URI, else its own licence URL. */
export function licenseUri(licenseId: unknown, licenseUrl?: unknown): string | null {
  if (typeof licenseId === 'string' && licenseId) {
    const known = BY_ID[licenseId] ?? BY_ID[licenseId.toLowerCase()];
    if (known) return known;
    if (/^https?:\/\//.test(licenseId)) return licenseId;
  }
  if (typeof licenseUrl === 'string' && /^https?:\/\//.test(licenseUrl)) return licenseUrl;
  return null;
}

/** A licence URI back to the register id (the URI itself when no id has it). */
export function licenseIdFromUri(u: string): string {
  return ID_BY_URI.get(u) ?? u;
}

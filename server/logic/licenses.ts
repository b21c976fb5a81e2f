// CKAN's built-in license register, in its order. Values are strings, as CKAN serves them.
export interface License {
  id: string;
  title: string;
  url: string;
  family: string;
  maintainer: string;
  status: string;
  is_generic: string;
  domain_content: string;
  domain_data: string;
  domain_software: string;
  od_conformance: string;
  osd_conformance: string;
}

function lic(id: string, title: string, url: string, open: boolean, extra: Partial<License> = {}): License {
  return {
    id, title, url, family: '', maintainer: '', status: 'active', is_generic: 'False',
    domain_content: 'False', domain_data: 'False', domain_software: 'False',
    od_conformance: open ? 'approved' : 'not reviewed', osd_conformance: 'not reviewed', ...extra,
  };
}

export const LICENSES: License[] = [
  lic('notspecified', 'License not specified', '', false, { is_generic: 'True', domain_content: 'True', domain_data: 'True' }),
  lic('odc-pddl', 'Open Data Commons Public Domain Dedication and License (PDDL)', 'http://www.opendefinition.org/licenses/odc-pddl', true, { domain_data: 'True' }),
  lic('odc-odbl', 'Open Data Commons Open Database License (ODbL)', 'http://www.opendefinition.org/licenses/odc-odbl', true, { domain_data: 'True' }),
  lic('odc-by', 'Open Data Commons Attribution License', 'http://www.opendefinition.org/licenses/odc-by', true, { domain_data: 'True' }),
  lic('cc-zero', 'Creative Commons CCZero', 'http://www.opendefinition.org/licenses/cc-zero', true, { domain_content: 'True', domain_data: 'True' }),
  lic('cc-by', 'Creative Commons Attribution', 'http://www.opendefinition.org/licenses/cc-by', true, { domain_content: 'True' }),
  lic('cc-by-sa', 'Creative Commons Attribution Share-Alike', 'http://www.opendefinition.org/licenses/cc-by-sa', true, { domain_content: 'True' }),
  lic('gfdl', 'GNU Free Documentation License', 'http://www.opendefinition.org/licenses/gfdl', true, { domain_content: 'True' }),
  lic('other-open', 'Other (Open)', '', true, { is_generic: 'True', domain_content: 'True' }),
  lic('other-pd', 'Other (Public Domain)', '', true, { is_generic: 'True', domain_content: 'True' }),
  lic('other-at', 'Other (Attribution)', '', true, { is_generic: 'True', domain_content: 'True' }),
  lic('uk-ogl', 'UK Open Government Licence (OGL)', 'http://reference.data.gov.uk/id/open-government-licence', true, { domain_content: 'True' }),
  lic('cc-nc', 'Creative Commons Non-Commercial (Any)', 'http://creativecommons.org/licenses/by-nc/2.0/', false, { domain_content: 'True' }),
  lic('other-nc', 'Other (Non-Commercial)', '', false, { is_generic: 'True', domain_content: 'True' }),
  lic('other-closed', 'Other (Not Open)', '', false, { is_generic: 'True', domain_content: 'True' }),
];

const byId = new Map(LICENSES.map((l) => [l.id, l]));

export function licenseFields(licenseId: string | null): { license_title: string | null; license_url?: string; isopen: boolean } {
  if (!licenseId) return { license_title: null, isopen: false };
  const l = byId.get(licenseId);
  if (!l) return { license_title: licenseId, isopen: false };
  const out: { license_title: string; license_url?: string; isopen: boolean } = {
    license_title: l.title,
    isopen: l.od_conformance === 'approved',
  };
  if (l.url) out.license_url = l.url;
  return out;
}

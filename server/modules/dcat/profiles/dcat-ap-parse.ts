// The DCAT-AP parse side (graph → dataset dict), shared by euro_dcat_ap_2 and euro_dcat_ap_3: it
// reads both versions' forms (owl:versionInfo or dcat:version, a literal or a node geometry, an
// identifier node or text), so the coming DCAT harvester reads any DCAT-AP catalog with it. The
// dict has §8's CKAN keys at top level; vocabulary values come back as the codes Kho stores.
import type { NamedNode, Quad_Object, Term } from '@rdfjs/types';
import { ns } from '../rdf/namespaces.js';
import type { GraphReader } from '../rdf/graph-reader.js';
import { frequencyFromUri } from '../vocabularies/frequencies.js';
import { languageCode } from '../vocabularies/languages.js';
import { accessRightFromUri } from '../vocabularies/access-rights.js';
import { licenseIdFromUri } from '../vocabularies/licenses.js';
import { formatFromUri, mediaTypeFromUri } from '../vocabularies/file-types.js';
import { geoJsonFromWkt } from '../rdf/wkt.js';
import type { Dict } from './fields.js';
import type { ParseContext } from './profile.js';
import { DATASET_LINKS } from './dcat-ap-links.js';

const { dcat, dct, foaf, vcard, adms, owl, skos, locn, spdx, rdfs, dcatap, gsp } = ns;

export function parseDcatApDataset({ graph, node, dict }: ParseContext): void {
  const str = (s: Term, p: NamedNode) => graph.value(s, p);
  dict.uri = node.value;
  readTranslatable(graph, node, dct('title'), dict, 'title');
  readTranslatable(graph, node, dct('description'), dict, 'notes');
  setIf(dict, 'url', str(node, dcat('landingPage')));
  setIf(dict, 'identifier', str(node, dct('identifier')));
  setIf(dict, 'version', str(node, owl('versionInfo')) ?? str(node, dcat('version')));
  setIf(dict, 'version_notes', str(node, adms('versionNotes')));
  const freq = str(node, dct('accrualPeriodicity'));
  if (freq) dict.frequency = frequencyFromUri(freq);
  setIf(dict, 'dcat_type', str(node, dct('type')));
  if (graph.hasType(node, dcat('DatasetSeries'))) dict.type = 'dataset_series';
  const keywords = graph.values(node, dcat('keyword'));
  if (keywords.length) dict.tags = [...new Set(keywords)].sort().map((name) => ({ name }));
  setIf(dict, 'issued', str(node, dct('issued')));
  setIf(dict, 'modified', str(node, dct('modified')));
  setList(dict, 'language', graph.values(node, dct('language')).map(languageCode));
  setList(dict, 'theme', graph.values(node, dcat('theme')));
  setList(dict, 'conforms_to', graph.all(node, dct('conformsTo')).map((o) => describedValue(graph, o)));
  for (const [key, p] of DATASET_LINKS) setList(dict, key, graph.values(node, p));
  setList(dict, 'alternate_identifier', graph.all(node, adms('identifier')).map((o) => (
    o.termType === 'Literal' || o.termType === 'NamedNode' && !graph.one(o, skos('notation')) ? o.value : graph.value(o, skos('notation')) ?? o.value)));
  const access = graph.one(node, dct('accessRights'));
  if (access) dict.access_rights = access.termType === 'NamedNode' ? accessRightFromUri(access.value) : describedValue(graph, access);
  const prov = graph.one(node, dct('provenance'));
  if (prov) dict.provenance = describedValue(graph, prov);

  const contact = graph.one(node, dcat('contactPoint'));
  if (contact) {
    if (contact.termType === 'NamedNode') dict.contact_uri = contact.value;
    setIf(dict, 'contact_name', str(contact, vcard('fn')));
    const mail = str(contact, vcard('hasEmail'));
    if (mail) dict.contact_email = mail.replace(/^mailto:/, '');
  }
  for (const role of ['publisher', 'creator'] as const) {
    const a = graph.one(node, dct(role));
    if (!a) continue;
    if (a.termType === 'NamedNode') dict[`${role}_uri`] = a.value;
    setIf(dict, `${role}_name`, str(a, foaf('name')));
    const mbox = str(a, foaf('mbox'));
    if (mbox) dict[`${role}_email`] = mbox.replace(/^mailto:/, '');
    setIf(dict, `${role}_url`, str(a, foaf('homepage')));
    setIf(dict, `${role}_type`, str(a, dct('type')));
    setIf(dict, `${role}_identifier`, str(a, dct('identifier')));
  }
  const temporal = graph.one(node, dct('temporal'));
  if (temporal) {
    setIf(dict, 'temporal_start', str(temporal, dcat('startDate')) ?? str(temporal, ns.schema('startDate')));
    setIf(dict, 'temporal_end', str(temporal, dcat('endDate')) ?? str(temporal, ns.schema('endDate')));
  }
  for (const s of graph.all(node, dct('spatial'))) {
    // A location carrying a code is an administrative unit (dcat_vn reads those).
    if (graph.value(s, dct('identifier'))) continue;
    if (s.termType === 'NamedNode') dict.spatial_uri = s.value;
    setIf(dict, 'spatial_text', str(s, skos('prefLabel')));
    for (const [p, key] of [[locn('geometry'), 'spatial'], [dcat('bbox'), 'spatial_bbox'], [dcat('centroid'), 'spatial_centroid']] as const) {
      const o = graph.one(s, p);
      // a wktLiteral, or (DCAT-AP 3) a locn:Geometry node carrying it as gsp:asWKT
      const w = o?.termType === 'Literal' ? o.value : o ? graph.value(o, gsp('asWKT')) : undefined;
      const gj = w ? geoJsonFromWkt(w) : null;
      if (gj) dict[key] = JSON.stringify(gj);
    }
  }
  setIf(dict, 'spatial_resolution_in_meters', str(node, dcat('spatialResolutionInMeters')));
  setIf(dict, 'temporal_resolution', str(node, dcat('temporalResolution')));

  const resources: Dict[] = [];
  for (const d of graph.all(node, dcat('distribution'))) resources.push(parseDistribution(graph, d));
  if (resources.length) {
    dict.resources = resources;
    // The dataset's licence is the one its distributions share.
    const licences = new Set(resources.map((r) => r.license).filter(Boolean));
    if (licences.size === 1) {
      dict.license_id = [...licences][0];
      for (const r of resources) delete r.license;
    }
  }
}

export function parseDistribution(graph: GraphReader, d: Quad_Object): Dict {
  const str = (p: NamedNode) => graph.value(d, p);
  const r: Dict = {};
  if (d.termType === 'NamedNode') r.uri = d.value;
  setIf(r, 'name', str(dct('title')));
  setIf(r, 'description', str(dct('description')));
  const access = str(dcat('accessURL'));
  const download = str(dcat('downloadURL'));
  setIf(r, 'url', access ?? download);
  if (download && download !== r.url) r.download_url = download;
  const format = graph.one(d, dct('format'));
  if (format) r.format = format.termType === 'NamedNode' ? formatFromUri(format.value) ?? format.value : graph.value(format, rdfs('label')) ?? format.value;
  const mt = str(dcat('mediaType'));
  if (mt) r.mimetype = mediaTypeFromUri(mt);
  const lic = graph.one(d, dct('license'));
  if (lic) r.license = lic.termType === 'NamedNode' ? licenseIdFromUri(lic.value) : graph.value(lic, dct('identifier')) ?? graph.value(lic, rdfs('label'));
  const rights = graph.one(d, dct('rights'));
  if (rights) r.rights = describedValue(graph, rights);
  setIf(r, 'status', str(adms('status')));
  setList(r, 'documentation', graph.values(d, foaf('page')));
  setList(r, 'language', graph.values(d, dct('language')).map(languageCode));
  setList(r, 'conforms_to', graph.all(d, dct('conformsTo')).map((o) => describedValue(graph, o)));
  setIf(r, 'availability', str(dcatap('availability')));
  const cf = str(dcat('compressFormat'));
  if (cf) r.compress_format = mediaTypeFromUri(cf);
  const pf = str(dcat('packageFormat'));
  if (pf) r.package_format = mediaTypeFromUri(pf);
  setIf(r, 'issued', str(dct('issued')));
  setIf(r, 'modified', str(dct('modified')));
  const size = str(dcat('byteSize'));
  if (size && /^\d+(\.0+)?$/.test(size)) r.size = Number.parseInt(size, 10);
  const checksum = graph.one(d, spdx('checksum'));
  if (checksum) {
    setIf(r, 'hash', graph.value(checksum, spdx('checksumValue')));
    const alg = graph.value(checksum, spdx('algorithm'));
    if (alg) r.hash_algorithm = alg.startsWith(ns.spdx('checksumAlgorithm_').value) ? alg.slice(ns.spdx('checksumAlgorithm_').value.length) : alg;
  }
  return r;
}

function setIf(dict: Dict, key: string, value: string | undefined): void {
  if (value !== undefined && value !== '') dict[key] = value;
}

function setList(dict: Dict, key: string, values: string[]): void {
  if (values.length) dict[key] = [...new Set(values)];
}

/** A URI as itself, a described node (rdfs:label) as its label. */
function describedValue(graph: GraphReader, o: Quad_Object): string {
  if (o.termType === 'NamedNode' || o.termType === 'Literal') return o.value;
  return graph.value(o, rdfs('label')) ?? o.value;
}

function readTranslatable(graph: GraphReader, node: Term, p: NamedNode, dict: Dict, key: string): void {
  const byLang = graph.byLanguage(node, p);
  if (byLang.size === 0) return;
  const [first] = byLang.values();
  dict[key] = first;
  if (byLang.size > 1) dict[`${key}_translated`] = Object.fromEntries(byLang);
}

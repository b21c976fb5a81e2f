// DCAT-AP 2 (euro_dcat_ap_2), following the field mapping of the contract's §8 (ckanext-dcat's
// table). It is also the base of euro_dcat_ap_3, which overrides the few places where the two
// versions differ (version, byte size, checksum algorithms, geometry, hasVersion).
// Every node a range shape checks is typed with the exact class the shape names, so a validator
// needs no ontology to see it conforms.
import { DataFactory } from 'n3';
import type { Literal, NamedNode } from '@rdfjs/types';
import { ns } from '../rdf/namespaces.js';
import {
  dateLiteral, iri, mailto, stableBlank, text, typed, uri, type GraphBuilder, type Subject,
} from '../rdf/graph-builder.js';
import { frequencyUri } from '../vocabularies/frequencies.js';
import { languageUri } from '../vocabularies/languages.js';
import { accessRightUri } from '../vocabularies/access-rights.js';
import { licenseUri } from '../vocabularies/licenses.js';
import { fileTypeUri, looksLikeMediaType, mediaTypeUri } from '../vocabularies/file-types.js';
import { themeLabels, themesForGroups, themeUri } from '../vocabularies/themes.js';
import { field, firstField, listField, stringField, translated, type Dict } from './fields.js';
import { DcatProfile, type CatalogContext, type DatasetContext, type ParseContext } from './profile.js';
import { distributionUri, organizationUri } from './uris.js';
import type { DcatSite } from './site.js';
import { wktFromGeoJson } from '../rdf/wkt.js';
import { parseDcatApDataset } from './dcat-ap-parse.js';
import { DATASET_LINKS } from './dcat-ap-links.js';

const { literal } = DataFactory;
/** Every IRI here comes from data or tables: made safe to write (see safeIri). */
const namedNode = iri;
const { dcat, dct, foaf, vcard, adms, owl, skos, locn, spdx, rdfs, dcatap, gsp } = ns;

/** The language literals of a dataset are in: its own language when it names exactly one we
 *  know, else the site's first language. */
export function textLanguage(site: DcatSite, dataset: Dict): string {
  const own = listField(dataset, 'language').filter((l) => /^[a-z]{2}$/i.test(l));
  return own.length === 1 ? own[0]!.toLowerCase() : site.languages[0] ?? 'vi';
}

/** Checksum algorithms by digest length, for hashes given without `hash_algorithm`. */
const ALGORITHM_BY_HEX_LENGTH: Record<number, string> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };

export class EuroDcatAp2Profile extends DcatProfile {
  readonly name: string = 'euro_dcat_ap_2';

  // ---- the places AP 3 differs -------------------------------------------------------------

  protected addVersion(g: GraphBuilder, node: Subject, version: string): void {
    g.add(node, owl('versionInfo'), literal(version));
  }

  protected byteSize(size: string): Literal | null {
    return typed(size, 'decimal');
  }

  /** AP 2 says a checksum is SHA-1 (its shapes require spdx:checksumAlgorithm_sha1), so other
   *  digests (Kho's uploads are SHA-256) are left out there rather than written non-conforming. */
  protected checksumAllowed(algorithm: string): boolean {
    return algorithm === 'sha1';
  }

  /** locn:geometry as a gsp:wktLiteral, as DCAT-AP 2 shows it. */
  protected addGeometry(g: GraphBuilder, location: Subject, wkt: string): void {
    g.add(location, locn('geometry'), literal(wkt, gsp('wktLiteral')));
  }

  // ---- dataset → graph ---------------------------------------------------------------------

  override graphDataset({ site, g, dataset, node }: DatasetContext): void {
    const lang = textLanguage(site, dataset);
    g.type(node, dataset.type === 'dataset_series' ? dcat('DatasetSeries') : dcat('Dataset'));

    this.addTranslatable(g, node, dct('title'), dataset, 'title', lang);
    this.addTranslatable(g, node, dct('description'), dataset, 'notes', lang);

    const landing = uri(stringField(dataset, 'url'));
    if (landing) { g.add(node, dcat('landingPage'), landing); g.type(landing, foaf('Document')); }

    // Always a literal, even when it is an http(s) value (§8 would make that a URI): both APs'
    // shapes require dct:identifier to be a literal.
    g.add(node, dct('identifier'), text(firstField(dataset, 'identifier', 'guid') ?? dataset.id));
    const version = stringField(dataset, 'version');
    if (version) this.addVersion(g, node, version);
    g.add(node, adms('versionNotes'), text(stringField(dataset, 'version_notes'), lang));

    const freq = frequencyUri(firstField(dataset, 'frequency', 'update_frequency'));
    if (freq) { const f = namedNode(freq); g.add(node, dct('accrualPeriodicity'), f); g.type(f, dct('Frequency')); }
    const dtype = uri(stringField(dataset, 'dcat_type'));
    if (dtype) { g.add(node, dct('type'), dtype); g.type(dtype, skos('Concept')); }

    for (const t of Array.isArray(dataset.tags) ? dataset.tags : []) {
      g.add(node, dcat('keyword'), text(t?.name, lang));
    }
    g.add(node, dct('issued'), dateLiteral(firstField(dataset, 'issued', 'metadata_created')));
    g.add(node, dct('modified'), dateLiteral(firstField(dataset, 'modified', 'metadata_modified')));

    for (const l of listField(dataset, 'language')) {
      const u = languageUri(l);
      if (u) { const n = namedNode(u); g.add(node, dct('language'), n); g.type(n, dct('LinguisticSystem')); }
    }
    this.addThemes(g, node, dataset);
    for (const c of listField(dataset, 'conforms_to')) this.addDescribed(g, node, dct('conformsTo'), dct('Standard'), c, 'conforms_to');
    for (const [key, p, cls] of DATASET_LINKS) {
      for (const v of listField(dataset, key)) {
        const u = uri(v);
        if (!u) continue;
        g.add(node, p, u);
        if (cls) g.type(u, cls);
      }
    }
    for (const a of listField(dataset, 'alternate_identifier')) {
      // Both APs' range shapes want an adms:Identifier node, its value as skos:notation.
      const id = stableBlank(node.value, 'alternate_identifier', a);
      g.add(node, adms('identifier'), id);
      g.type(id, adms('Identifier'));
      g.add(id, skos('notation'), text(a));
    }

    const access = stringField(dataset, 'access_rights');
    if (access) this.addDescribed(g, node, dct('accessRights'), dct('RightsStatement'), accessRightUri(access) ?? access, 'access_rights');
    const provenance = stringField(dataset, 'provenance');
    if (provenance) this.addDescribed(g, node, dct('provenance'), dct('ProvenanceStatement'), provenance, 'provenance');

    this.addContactPoint(g, node, dataset, site);
    this.addAgent(g, node, dct('publisher'), dataset, 'publisher', site);
    this.addAgent(g, node, dct('creator'), dataset, 'creator', site);
    this.addTemporal(g, node, dataset);
    this.addSpatial(g, node, dataset, lang);

    const res = stringField(dataset, 'spatial_resolution_in_meters');
    if (res && /^\d+(\.\d+)?$/.test(res)) g.add(node, dcat('spatialResolutionInMeters'), typed(res, 'decimal'));
    const tres = stringField(dataset, 'temporal_resolution');
    if (tres && /^-?P/.test(tres)) g.add(node, dcat('temporalResolution'), typed(tres, 'duration'));

    for (const r of Array.isArray(dataset.resources) ? dataset.resources : []) {
      const d = distributionUri(site, dataset, r);
      g.add(node, dcat('distribution'), d);
      this.graphDistribution(g, d, r, dataset, lang);
    }
  }

  protected addTranslatable(g: GraphBuilder, node: Subject, p: NamedNode, dataset: Dict, key: string, lang: string): void {
    const tr = translated(dataset, key);
    if (tr) for (const [l, v] of Object.entries(tr)) g.add(node, p, text(v, l));
    else g.add(node, p, text(dataset[key], lang));
  }

  protected addThemes(g: GraphBuilder, node: Subject, dataset: Dict): void {
    const groups = Array.isArray(dataset.groups) ? dataset.groups.map((x: Dict) => String(x?.name ?? '')) : [];
    const themes = new Set([...listField(dataset, 'theme').map(themeUri), ...themesForGroups(groups)]);
    for (const t of themes) {
      if (!t) continue;
      const n = namedNode(t);
      g.add(node, dcat('theme'), n);
      g.type(n, skos('Concept'));
      for (const [l, label] of Object.entries(themeLabels(t))) g.add(n, skos('prefLabel'), text(label, l));
    }
  }

  /** A URI typed with the class, or a node of that class labelled with the text. */
  protected addDescribed(g: GraphBuilder, node: Subject, p: NamedNode, cls: NamedNode, value: string, role: string): void {
    const target = uri(value) ?? stableBlank(node.value, role, value);
    g.add(node, p, target);
    g.type(target, cls);
    if (target.termType === 'BlankNode') g.add(target, rdfs('label'), text(value));
  }

  protected addContactPoint(g: GraphBuilder, node: Subject, dataset: Dict, site: DcatSite): void {
    const name = firstField(dataset, 'contact_name', 'maintainer', 'author') ?? dataset.organization?.title;
    const email = firstField(dataset, 'contact_email', 'maintainer_email', 'author_email');
    const own = uri(stringField(dataset, 'contact_uri'));
    if (!name && !email && !own) return;
    const c = own ?? stableBlank(node.value, 'contactPoint');
    g.add(node, dcat('contactPoint'), c);
    g.type(c, vcard('Organization'));
    g.add(c, vcard('fn'), text(name, site.languages[0]));
    if (email) g.add(c, vcard('hasEmail'), mailto(email));
  }

  /** dct:publisher / dct:creator from `publisher_*` / `creator_*`, the publisher else from the
   *  dataset's organization. */
  protected addAgent(g: GraphBuilder, node: Subject, p: NamedNode, dataset: Dict, role: 'publisher' | 'creator', site: DcatSite): void {
    const f = (k: string) => stringField(dataset, `${role}_${k}`);
    const org: Dict | null = role === 'publisher' && dataset.organization && typeof dataset.organization === 'object' ? dataset.organization : null;
    const name = f('name') ?? (org ? org.title || org.name : undefined);
    const own = uri(f('uri'));
    if (!name && !own) return;
    const agent = own ?? (org && !f('name') ? organizationUri(site, org.id) : stableBlank(node.value, role));
    g.add(node, p, agent);
    g.type(agent, foaf('Agent'), foaf('Organization'));
    g.add(agent, foaf('name'), text(name, site.languages[0]));
    const email = f('email');
    if (email) g.add(agent, foaf('mbox'), mailto(email));
    const home = uri(f('url'));
    if (home) { g.add(agent, foaf('homepage'), home); g.type(home, foaf('Document')); }
    const type = uri(f('type'));
    if (type) { g.add(agent, dct('type'), type); g.type(type, skos('Concept')); }
    g.add(agent, dct('identifier'), text(f('identifier')));
  }

  protected addTemporal(g: GraphBuilder, node: Subject, dataset: Dict): void {
    const start = dateLiteral(stringField(dataset, 'temporal_start'));
    const end = dateLiteral(stringField(dataset, 'temporal_end'));
    if (!start && !end) return;
    const t = stableBlank(node.value, 'temporal');
    g.add(node, dct('temporal'), t);
    g.type(t, dct('PeriodOfTime'));
    g.add(t, dcat('startDate'), start);
    g.add(t, dcat('endDate'), end);
  }

  protected addSpatial(g: GraphBuilder, node: Subject, dataset: Dict, lang: string): void {
    const own = uri(stringField(dataset, 'spatial_uri'));
    const label = stringField(dataset, 'spatial_text');
    const geom = wktFromGeoJson(field(dataset, 'spatial'));
    const bbox = wktFromGeoJson(field(dataset, 'spatial_bbox'));
    const centroid = wktFromGeoJson(field(dataset, 'spatial_centroid'));
    if (!own && !label && !geom && !bbox && !centroid) return;
    const s = own ?? stableBlank(node.value, 'spatial');
    g.add(node, dct('spatial'), s);
    g.type(s, dct('Location'));
    g.add(s, skos('prefLabel'), text(label, lang));
    if (geom) this.addGeometry(g, s, geom);
    if (bbox) g.add(s, dcat('bbox'), literal(bbox, gsp('wktLiteral')));
    if (centroid) g.add(s, dcat('centroid'), literal(centroid, gsp('wktLiteral')));
  }

  protected graphDistribution(g: GraphBuilder, d: Subject, r: Dict, dataset: Dict, lang: string): void {
    g.type(d, dcat('Distribution'));
    g.add(d, dct('title'), text(r.name, lang));
    g.add(d, dct('description'), text(r.description, lang));

    const download = uri(r.download_url) ?? (r.url_type === 'upload' ? uri(r.url) : null);
    const access = uri(r.access_url) ?? uri(r.url);
    g.add(d, dcat('accessURL'), access ?? download);
    g.add(d, dcat('downloadURL'), download);

    const format = typeof r.format === 'string' ? r.format.trim() : '';
    if (format && !looksLikeMediaType(format)) {
      const ft = fileTypeUri(format);
      const f = ft ? namedNode(ft) : stableBlank(d.value, 'format');
      g.add(d, dct('format'), f);
      g.type(f, dct('MediaTypeOrExtent'));
      if (!ft) g.add(f, rdfs('label'), text(format));
    }
    const mt = mediaTypeUri(typeof r.mimetype === 'string' && r.mimetype ? r.mimetype : format);
    if (mt) { const m = namedNode(mt); g.add(d, dcat('mediaType'), m); g.type(m, dct('MediaType')); }

    // The dataset's licence applies to each distribution unless it names its own (SHACL and
    // data.europa.eu look for the licence on the distribution).
    this.addLicense(g, d, typeof r.license === 'string' && r.license ? { license_id: r.license } : dataset);
    const rights = typeof r.rights === 'string' ? r.rights.trim() : '';
    if (rights) this.addDescribed(g, d, dct('rights'), dct('RightsStatement'), rights, 'rights');
    const status = uri(r.status);
    if (status) { g.add(d, adms('status'), status); g.type(status, skos('Concept')); }
    for (const v of asList(r.documentation)) { const u = uri(v); if (u) { g.add(d, foaf('page'), u); g.type(u, foaf('Document')); } }
    for (const v of asList(r.language)) {
      const u = languageUri(v);
      if (u) { const n = namedNode(u); g.add(d, dct('language'), n); g.type(n, dct('LinguisticSystem')); }
    }
    for (const v of asList(r.conforms_to)) this.addDescribed(g, d, dct('conformsTo'), dct('Standard'), v, 'conforms_to');
    const availability = uri(r.availability);
    if (availability) { g.add(d, dcatap('availability'), availability); g.type(availability, skos('Concept')); }
    for (const [key, p] of [['compress_format', dcat('compressFormat')], ['package_format', dcat('packageFormat')]] as const) {
      const u = typeof r[key] === 'string' && r[key] ? mediaTypeUri(r[key]) : null;
      if (u) { const n = namedNode(u); g.add(d, p, n); g.type(n, dct('MediaType')); }
    }

    g.add(d, dct('issued'), dateLiteral(r.issued ?? r.created));
    g.add(d, dct('modified'), dateLiteral(r.modified ?? r.metadata_modified));
    if (r.size !== null && r.size !== undefined && /^\d+$/.test(String(r.size))) g.add(d, dcat('byteSize'), this.byteSize(String(r.size)));

    const hash = typeof r.hash === 'string' ? r.hash.trim() : '';
    const algorithm = (typeof r.hash_algorithm === 'string' && r.hash_algorithm.trim()) || ALGORITHM_BY_HEX_LENGTH[hash.length];
    if (hash && /^([0-9a-fA-F]{2})+$/.test(hash) && algorithm && this.checksumAllowed(algorithm.toLowerCase())) {
      const c = stableBlank(d.value, 'checksum');
      g.add(d, spdx('checksum'), c);
      g.type(c, spdx('Checksum'));
      g.add(c, spdx('checksumValue'), typed(hash, 'hexBinary'));
      const alg = uri(algorithm) ?? spdx(`checksumAlgorithm_${algorithm.toLowerCase().replace(/[^a-z0-9]/g, '')}`);
      g.add(c, spdx('algorithm'), alg);
      g.type(alg, spdx('ChecksumAlgorithm'));
    }
  }

  protected addLicense(g: GraphBuilder, d: Subject, holder: Dict): void {
    const id = typeof holder.license_id === 'string' ? holder.license_id : '';
    if (!id || id === 'notspecified') return;
    const u = licenseUri(id, holder.license_url);
    const l = u ? namedNode(u) : stableBlank(d.value, 'license');
    g.add(d, dct('license'), l);
    g.type(l, dct('LicenseDocument'));
    if (!u) {
      // A licence with no canonical URI ("Other (Open)") keeps its register id and title.
      g.add(l, dct('identifier'), text(id));
      g.add(l, rdfs('label'), text(holder.license_title ?? id));
    }
  }

  // ---- catalog → graph ---------------------------------------------------------------------

  override graphCatalog({ site, g, node, datasets }: CatalogContext): void {
    const lang = site.languages[0];
    g.type(node, dcat('Catalog'));
    g.add(node, dct('title'), text(site.title, lang));
    g.add(node, dct('description'), text(site.description, lang));
    // The catalog's URI is usually the site URL itself; its homepage is the page at "/", a
    // different IRI, so that typing it foaf:Document does not say the catalog is a document.
    const home = uri(site.siteUrl.endsWith('/') ? site.siteUrl : `${site.siteUrl}/`);
    if (home) {
      g.add(node, foaf('homepage'), home);
      if (!home.equals(node)) g.type(home, foaf('Document'));
    }
    for (const l of site.languages) {
      const u = languageUri(l);
      if (u) { const n = namedNode(u); g.add(node, dct('language'), n); g.type(n, dct('LinguisticSystem')); }
    }
    const modified = datasets.map(({ dataset }) => String(dataset.metadata_modified ?? '')).filter(Boolean).sort().pop();
    g.add(node, dct('modified'), dateLiteral(modified));

    const p = site.publisher ?? { name: site.title, uri: `${site.catalogUri.replace(/\/+$/, '')}/about` };
    const agent = uri(p.uri) ?? stableBlank(node.value, 'publisher');
    g.add(node, dct('publisher'), agent);
    g.type(agent, foaf('Agent'), foaf('Organization'));
    g.add(agent, foaf('name'), text(p.name, lang));
    if (p.email) g.add(agent, foaf('mbox'), mailto(p.email));
    const ph = uri(p.url);
    if (ph) { g.add(agent, foaf('homepage'), ph); g.type(ph, foaf('Document')); }
    g.add(agent, dct('identifier'), text(p.identifier));

    for (const { node: d } of datasets) g.add(node, dcat('dataset'), d);
  }

  // ---- graph → dataset (dcat-ap-parse.ts) ----------------------------------------------------

  parseDataset(ctx: ParseContext): void {
    parseDcatApDataset(ctx);
  }
}

function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String).filter(Boolean);
  if (typeof v !== 'string' || !v.trim()) return [];
  return listField({ v }, 'v');
}

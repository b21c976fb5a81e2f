// DCAT-US 3 (dcat_us_3), as ckanext-dcat's profile of that name: DCAT-AP 3's mapping with the US
// profile's differences — the publisher is an org:Organization with a skos:prefLabel, landing
// pages and documentation pages are not typed foaf:Document (DCAT-US types a Document only when
// it has a title), a geographic bounding box node from `bbox` (or the extent of `spatial_bbox`),
// a data dictionary (`data_dictionary`) as dcat-us:describedBy, a liability statement, and each
// distribution's identifier. /data.json (Project Open Data JSON) is the HTTP side's; this is the
// RDF one.
import { DataFactory } from 'n3';
import type { Quad_Object, Term } from '@rdfjs/types';
import { ns } from '../rdf/namespaces.js';
import { stableBlank, text, typed, uri, type GraphBuilder, type Subject } from '../rdf/graph-builder.js';
import { fileTypeUri } from '../vocabularies/file-types.js';
import { field, firstField, stringField, type Dict } from './fields.js';
import type { DatasetContext, ParseContext } from './profile.js';
import { EuroDcatAp3Profile } from './euro-dcat-ap-3.js';
import { distributionUri } from './uris.js';
import { wktFromGeoJson, geoJsonFromWkt } from '../rdf/wkt.js';
import type { GraphReader } from '../rdf/graph-reader.js';

const { dcat, dct, foaf, skos, rdf, rdfs, dcatus, org } = ns;
const SIDES = ['west', 'east', 'north', 'south'] as const;
type Bbox = Record<(typeof SIDES)[number], string>;

/** `bbox` as a list of {west, east, north, south} (JSON text or array), else the extent of a
 *  GeoJSON `spatial_bbox`. */
function bboxes(dataset: Dict): Bbox[] {
  let v = field(dataset, 'bbox');
  if (typeof v === 'string') { try { v = JSON.parse(v); } catch { v = undefined; } }
  if (Array.isArray(v)) {
    return v.filter((b): b is Record<string, unknown> => !!b && typeof b === 'object')
      .map((b) => Object.fromEntries(SIDES.map((s) => [s, String(b[s] ?? '')])) as Bbox)
      .filter((b) => SIDES.every((s) => /^-?\d+(\.\d+)?$/.test(b[s])));
  }
  const wkt = wktFromGeoJson(field(dataset, 'spatial_bbox'));
  const geo = wkt ? geoJsonFromWkt(wkt) : null;
  if (!geo || geo.type === 'Point') return [];
  const points = JSON.stringify(geo.coordinates).match(/-?\d+(\.\d+)?(e[-+]?\d+)?,-?\d+(\.\d+)?(e[-+]?\d+)?/gi) ?? [];
  const xy = points.map((p) => p.split(',').map(Number) as [number, number]);
  const xs = xy.map((p) => p[0]);
  const ys = xy.map((p) => p[1]);
  return [{ west: String(Math.min(...xs)), east: String(Math.max(...xs)), north: String(Math.max(...ys)), south: String(Math.min(...ys)) }];
}

export class DcatUs3Profile extends EuroDcatAp3Profile {
  override readonly name: string = 'dcat_us_3';

  override graphDataset(ctx: DatasetContext): void {
    super.graphDataset(ctx);
    const { g, dataset, node, site } = ctx;
    for (const p of [dcat('landingPage'), foaf('page')]) {
      for (const page of g.objects(node, p)) if (page.termType === 'NamedNode') g.remove(page, rdf('type'), foaf('Document'));
    }
    for (const pub of g.objects(node, dct('publisher'))) {
      if (pub.termType !== 'NamedNode' && pub.termType !== 'BlankNode') continue;
      g.remove(pub, rdf('type'));
      g.type(pub, org('Organization'));
      for (const name of g.objects(pub, foaf('name'))) g.add(pub, skos('prefLabel'), name);
    }
    for (const b of bboxes(dataset)) {
      const box = stableBlank(node.value, 'dcatus:bbox', ...SIDES.map((s) => b[s]));
      g.add(node, dcatus('geographicBoundingBox'), box);
      g.type(box, dcatus('geographicBoundingBox'));
      g.add(box, dcatus('westBoundingLongitude'), typed(b.west, 'decimal'));
      g.add(box, dcatus('eastBoundingLongitude'), typed(b.east, 'decimal'));
      g.add(box, dcatus('northBoundingLatitude'), typed(b.north, 'decimal'));
      g.add(box, dcatus('southBoundingLatitude'), typed(b.south, 'decimal'));
    }
    this.addDataDictionary(g, node, field(dataset, 'data_dictionary'));
    const liability = stringField(dataset, 'liability');
    if (liability) {
      const l = stableBlank(node.value, 'dcatus:liability');
      g.add(node, dcatus('liabilityStatement'), l);
      g.type(l, dcatus('LiabilityStatement'));
      g.add(l, rdfs('label'), text(liability));
    }
    for (const r of Array.isArray(dataset.resources) ? dataset.resources : []) {
      const d = distributionUri(site, dataset, r);
      g.add(d, dct('identifier'), text(firstField(r, 'identifier', 'guid', 'id')));
      this.addDataDictionary(g, d, r.data_dictionary);
    }
  }

  /** A data dictionary given as text, or as [{url, format, license}] (the first is written). */
  private addDataDictionary(g: GraphBuilder, subject: Subject, value: unknown): void {
    let v = value;
    if (typeof v === 'string' && v.trim().startsWith('[')) { try { v = JSON.parse(v); } catch { /* text */ } }
    if (typeof v === 'string' && v.trim()) { g.add(subject, dcatus('describedBy'), text(v)); return; }
    const first: unknown = Array.isArray(v) ? v[0] : undefined;
    if (!first || typeof first !== 'object') return;
    const dd = first as Record<string, unknown>;
    const url = uri(dd.url);
    if (!url) return;
    const node = stableBlank(subject.value, 'dcatus:describedBy');
    g.add(subject, dcatus('describedBy'), node);
    g.type(node, dcat('Distribution'));
    g.add(node, dcat('accessURL'), url);
    if (typeof dd.format === 'string' && dd.format) {
      const ft = fileTypeUri(dd.format);
      g.add(node, dct('format'), ft ? DataFactory.namedNode(ft) : text(dd.format));
    }
    const lic = uri(dd.license);
    if (lic) g.add(node, dct('license'), lic);
  }

  override parseDataset(ctx: ParseContext): void {
    super.parseDataset(ctx);
    const { graph, node, dict } = ctx;
    const boxes = graph.all(node, dcatus('geographicBoundingBox')).map((b) => ({
      west: graph.value(b, dcatus('westBoundingLongitude')),
      east: graph.value(b, dcatus('eastBoundingLongitude')),
      north: graph.value(b, dcatus('northBoundingLatitude')),
      south: graph.value(b, dcatus('southBoundingLatitude')),
    }));
    if (boxes.length) dict.bbox = boxes;
    const liability = graph.one(node, dcatus('liabilityStatement'));
    if (liability) dict.liability = liability.termType === 'Literal' ? liability.value : graph.value(liability, rdfs('label'));
    const dd = readDataDictionary(graph, node);
    if (dd) dict.data_dictionary = dd;
    for (const r of Array.isArray(dict.resources) ? dict.resources as Dict[] : []) {
      if (!r.uri) continue;
      const d = DataFactory.namedNode(String(r.uri));
      const id = graph.value(d, dct('identifier'));
      if (id) r.identifier = id;
      const rdd = readDataDictionary(graph, d);
      if (rdd) r.data_dictionary = rdd;
    }
    // The publisher's name: DCAT-US says it as skos:prefLabel too; foaf:name was read already.
    const pub = graph.one(node, dct('publisher'));
    if (pub && !dict.publisher_name) dict.publisher_name = graph.value(pub, skos('prefLabel'));
  }
}

function readDataDictionary(graph: GraphReader, subject: Term): string | Dict[] | undefined {
  const refs: Quad_Object[] = graph.all(subject, dcatus('describedBy'));
  if (!refs.length) return undefined;
  const literal = refs.find((r) => r.termType === 'Literal');
  if (literal) return literal.value;
  return refs.map((r) => {
    const out: Dict = {};
    const url = graph.value(r, dcat('accessURL'));
    if (url) out.url = url;
    const format = graph.value(r, dct('format'));
    if (format) out.format = format;
    const license = graph.value(r, dct('license'));
    if (license) out.license = license;
    return out;
  });
}

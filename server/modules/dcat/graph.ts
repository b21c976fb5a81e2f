// The DCAT module's public API: dataset and catalog dicts → RDF graphs through the configured
// profile stack, graphs → text in each format, and graphs → dataset dicts (the parse side the
// round-trip test and the coming DCAT harvester use). The HTTP side (routes, actions, paging,
// content negotiation) codes against this file only.
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { GraphBuilder, iri } from './rdf/graph-builder.js';
import { GraphReader } from './rdf/graph-reader.js';
import { ns } from './rdf/namespaces.js';
import { serializeQuads, type RdfFormat } from './rdf/serialize.js';
import { PROFILE_FACTORIES, type DcatProfile } from './profiles/index.js';
import { catalogNode, datasetUri } from './profiles/uris.js';
import type { Dict } from './profiles/fields.js';
import type { CatalogPaging, DcatSite } from './profiles/site.js';

export type { RdfFormat } from './rdf/serialize.js';
export type { CatalogPaging, DcatAgent, DcatSite } from './profiles/site.js';
export { DcatProfile } from './profiles/index.js';
export type { CatalogContext, DatasetContext, ParseContext } from './profiles/index.js';
export type { Quad } from '@rdfjs/types';

export const MEDIA_TYPES: Record<RdfFormat, string> = {
  ttl: 'text/turtle',
  nt: 'application/n-triples',
  n3: 'text/n3',
  jsonld: 'application/ld+json',
  rdf: 'application/rdf+xml',
};

/** A URL extension → the format ('xml' is RDF/XML too, as ckanext-dcat serves it); null if none. */
export function parseFormat(ext: string): RdfFormat | null {
  const e = ext.toLowerCase().replace(/^\./, '');
  if (e === 'xml') return 'rdf';
  return e in MEDIA_TYPES ? (e as RdfFormat) : null;
}

export const AVAILABLE_PROFILES: readonly string[] = Object.keys(PROFILE_FACTORIES);
export const DEFAULT_PROFILES: readonly string[] = ['euro_dcat_ap_3'];

export class UnknownProfileError extends Error {
  constructor(readonly profile: string) {
    super(`Unknown DCAT profile: ${profile}. Available profiles are: ${AVAILABLE_PROFILES.join(', ')}`);
    this.name = 'UnknownProfileError';
  }
}

/** Profile names (as `profiles=a,b` lists them) → the stack, in order; none → the default. */
export function resolveProfiles(names: readonly string[] | undefined): DcatProfile[] {
  const list = (names ?? []).flatMap((n) => n.split(',')).map((n) => n.trim()).filter(Boolean);
  return (list.length ? list : DEFAULT_PROFILES).map((name) => {
    const make = PROFILE_FACTORIES[name];
    if (!make) throw new UnknownProfileError(name);
    return make();
  });
}

function addDataset(g: GraphBuilder, site: DcatSite, dataset: Dict, profiles: DcatProfile[]) {
  const node = datasetUri(site, dataset);
  for (const p of profiles) p.graphDataset({ site, g, dataset, node });
  return node;
}

/** dataset = a CKAN package_show dict (public only; callers guarantee visibility) */
export function datasetGraph(site: DcatSite, dataset: Record<string, any>, profiles: DcatProfile[]): Quad[] {
  const g = new GraphBuilder();
  addDataset(g, site, dataset, profiles);
  return g.toQuads();
}

/** The Hydra paging block exactly as ckanext-dcat writes it: current and legacy predicates, the
 *  page URLs as plain string literals. */
function addPaging(g: GraphBuilder, paging: CatalogPaging): void {
  const { hydra, xsd } = ns;
  const page = iri(paging.pageUrl);
  const lit = (v: string) => DataFactory.literal(v);
  g.type(page, hydra('PagedCollection'));
  g.add(page, hydra('totalItems'), DataFactory.literal(String(paging.totalItems), xsd('integer')));
  g.add(page, hydra('itemsPerPage'), DataFactory.literal(String(paging.itemsPerPage), xsd('integer')));
  const links: [string, string, string | undefined][] = [
    ['first', 'firstPage', paging.firstUrl],
    ['last', 'lastPage', paging.lastUrl],
    ['next', 'nextPage', paging.nextUrl],
    ['previous', 'previousPage', paging.previousUrl],
  ];
  for (const [now, legacy, url] of links) {
    if (!url) continue;
    g.add(page, hydra(now), lit(url));
    g.add(page, hydra(legacy), lit(url));
  }
}

/** the catalog node, its dcat:dataset links and every dataset's triples, plus the Hydra paging
 *  block when paging is given */
export function catalogGraph(site: DcatSite, datasets: Record<string, any>[], profiles: DcatProfile[], paging?: CatalogPaging): Quad[] {
  const g = new GraphBuilder();
  const node = catalogNode(site);
  const placed = datasets.map((dataset) => ({ dataset, node: addDataset(g, site, dataset, profiles) }));
  for (const p of profiles) p.graphCatalog({ site, g, node, datasets: placed });
  // ckanext-dcat adds the block only when there is something to page through.
  if (paging && paging.totalItems > 0) addPaging(g, paging);
  return g.toQuads();
}

export async function serialize(quads: Quad[], format: RdfFormat): Promise<string> {
  return serializeQuads(quads, format);
}

/** the parse side (graph -> dataset dict) for each profile that has one; used by the round-trip
 *  test and the coming DCAT harvester. One dict per dcat:Dataset / dcat:DatasetSeries node. */
export function parseDatasets(quads: Quad[], profiles: DcatProfile[]): Record<string, any>[] {
  const graph = new GraphReader(quads);
  const nodes = [...graph.subjectsOfType(ns.dcat('Dataset')), ...graph.subjectsOfType(ns.dcat('DatasetSeries'))];
  const seen = new Set<string>();
  const out: Dict[] = [];
  for (const node of nodes) {
    if (seen.has(node.value)) continue;
    seen.add(node.value);
    const dict: Dict = {};
    for (const p of profiles) p.parseDataset?.({ graph, node, dict });
    out.push(dict);
  }
  return out;
}

// The vocabularies DCAT documents use, with the prefixes every serialisation writes (Turtle
// prefixes, the JSON-LD context, RDF/XML xmlns). One table so the three never disagree.
import { DataFactory } from 'n3';
import type { NamedNode } from '@rdfjs/types';

export const PREFIXES = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatap: 'http://data.europa.eu/r5r/',
  adms: 'http://www.w3.org/ns/adms#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  schema: 'http://schema.org/',
  locn: 'http://www.w3.org/ns/locn#',
  gsp: 'http://www.opengis.net/ont/geosparql#',
  spdx: 'http://spdx.org/rdf/terms#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  prov: 'http://www.w3.org/ns/prov#',
  time: 'http://www.w3.org/2006/time#',
  dcatus: 'http://resources.data.gov/ontology/dcat-us#',
  org: 'http://www.w3.org/ns/org#',
} as const;

export type Prefix = keyof typeof PREFIXES;

/** `ns.dct('title')` → the NamedNode http://purl.org/dc/terms/title */
function namespace(base: string): (local: string) => NamedNode {
  return (local) => DataFactory.namedNode(base + local);
}

export const ns = Object.fromEntries(
  Object.entries(PREFIXES).map(([p, base]) => [p, namespace(base)]),
) as Record<Prefix, (local: string) => NamedNode>;

export const RDF_TYPE = ns.rdf('type');
export const RDF_LANG_STRING = PREFIXES.rdf + 'langString';
export const XSD_STRING = PREFIXES.xsd + 'string';

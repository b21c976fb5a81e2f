// The dataset link fields of §8 that are lists of URIs, written and read back the same way by the
// DCAT-AP profiles: CKAN key → predicate, and the class its range shape expects of the object.
import { DataFactory } from 'n3';
import type { NamedNode } from '@rdfjs/types';
import { ns } from '../rdf/namespaces.js';

const { dcat, dct, foaf, adms, skos, dcatap } = ns;

export const DATASET_LINKS: [key: string, predicate: NamedNode, cls: NamedNode | null][] = [
  ['documentation', foaf('page'), foaf('Document')],
  ['related_resource', dct('relation'), null],
  ['has_version', dct('hasVersion'), dcat('Dataset')],
  ['is_version_of', dct('isVersionOf'), dcat('Dataset')],
  ['source', dct('source'), dcat('Dataset')],
  ['sample', adms('sample'), dcat('Distribution')],
  ['is_referenced_by', dct('isReferencedBy'), null],
  ['applicable_legislation', dcatap('applicableLegislation'), DataFactory.namedNode('http://data.europa.eu/eli/ontology#LegalResource')],
  ['hvd_category', dcatap('hvdCategory'), skos('Concept')],
];

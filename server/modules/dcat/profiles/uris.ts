// The URIs §8 gives things: catalog = the configured base URI or the site URL, dataset = its
// `uri` field/extra or {catalog}/dataset/{id}, distribution = its `uri` or
// {catalog}/dataset/{package_id}/resource/{id}, publisher fallback {catalog}/organization/{org id}.
import type { NamedNode } from '@rdfjs/types';
import { iri, isUri } from '../rdf/graph-builder.js';
import { stringField, type Dict } from './fields.js';
import type { DcatSite } from './site.js';

const base = (site: DcatSite) => site.catalogUri.replace(/\/+$/, '');

export function datasetUri(site: DcatSite, dataset: Dict): NamedNode {
  const own = stringField(dataset, 'uri');
  return iri(own && isUri(own) ? own : `${base(site)}/dataset/${dataset.id}`);
}

export function distributionUri(site: DcatSite, dataset: Dict, resource: Dict): NamedNode {
  const own = typeof resource.uri === 'string' ? resource.uri.trim() : '';
  return iri(isUri(own) ? own : `${base(site)}/dataset/${resource.package_id ?? dataset.id}/resource/${resource.id}`);
}

export function organizationUri(site: DcatSite, orgId: string): NamedNode {
  return iri(`${base(site)}/organization/${orgId}`);
}

export function catalogNode(site: DcatSite): NamedNode {
  return iri(site.catalogUri);
}

// The profile family, as ckanext-dcat's RDFProfile: each profile adds its triples for a dataset
// and for the catalog to one shared graph, in the configured order, so a later profile can add
// to or override (GraphBuilder.remove) what an earlier one said. The optional parse side reads a
// dataset dict back out of a graph; parse sides run in the same order, each filling the dict.
import type { Term } from '@rdfjs/types';
import { GraphBuilder, type Subject } from '../rdf/graph-builder.js';
import type { GraphReader } from '../rdf/graph-reader.js';
import type { Dict } from './fields.js';
import type { DcatSite } from './site.js';

export interface DatasetContext {
  site: DcatSite;
  g: GraphBuilder;
  dataset: Dict;
  /** the dataset's node (its URI) */
  node: Subject;
}

export interface CatalogContext {
  site: DcatSite;
  g: GraphBuilder;
  node: Subject;
  /** the datasets on this page, with the node each was given */
  datasets: { dataset: Dict; node: Subject }[];
}

export interface ParseContext {
  graph: GraphReader;
  node: Term;
  /** the dict being filled; earlier profiles' parse sides have already written to it */
  dict: Dict;
}

export abstract class DcatProfile {
  /** as `profiles=` and KHO_DCAT_PROFILES name it */
  abstract readonly name: string;

  graphDataset(_ctx: DatasetContext): void { /* a profile may add nothing at dataset level */ }

  graphCatalog(_ctx: CatalogContext): void { /* nor at catalog level */ }

  /** Present only on profiles that can read a dataset back (DCAT-AP, DCAT-VN). */
  parseDataset?(ctx: ParseContext): void;
}

// One chunk of the full catalog's datasets as triples: what catalogGraph says of these datasets,
// with the catalog's own triples (title, languages, publisher, modified…) only once in the file.
//
// The file's first dataset (the newest change, so its date is the catalog's dct:modified) goes
// through catalogGraph, which gives the catalog's triples and its links to a dataset (dcat:dataset,
// and schema:dataset where that profile stacks). Every later dataset goes through datasetGraph,
// plus the same links: catalogGraph would describe the catalog again for each (a sixth of the
// work), and over many datasets at once its GraphBuilder's override (`remove`, which scans the
// whole graph) grows with the square of their number. Blank nodes are renamed per call (a chunk
// of a batch), so labels can never meet across chunks whatever a writer does with them.
import { DataFactory } from 'n3';
import type { BlankNode, NamedNode, Quad, Term } from '@rdfjs/types';
import { catalogGraph, datasetGraph, type DcatProfile, type DcatSite } from '../graph.js';
import { catalogNode, datasetUri } from '../profiles/uris.js';
import { ntLine } from '../rdf/text-writers.js';

/** How the catalog names its datasets: its node, and the predicates of its links to one. */
export interface CatalogLinks {
  catalog: NamedNode;
  predicates: NamedNode[];
}

/** The file's first dataset with the catalog's triples, and the links the others get. */
function opening(site: DcatSite, profiles: DcatProfile[], dataset: Record<string, any>): { quads: Quad[]; links: CatalogLinks } {
  const quads = catalogGraph(site, [dataset], profiles);
  const catalog = catalogNode(site);
  const node = datasetUri(site, dataset);
  const predicates = quads.filter((q) => q.subject.equals(catalog) && q.object.equals(node)).map((q) => q.predicate as NamedNode);
  return { quads, links: { catalog, predicates } };
}

function datasetTriples(site: DcatSite, profiles: DcatProfile[], links: CatalogLinks, dataset: Record<string, any>): Quad[] {
  const quads = datasetGraph(site, dataset, profiles);
  const node = datasetUri(site, dataset);
  for (const p of links.predicates) quads.push(DataFactory.quad(links.catalog, p, node) as Quad);
  return quads;
}

export interface BatchTriples {
  quads: Quad[];
  /** their N-Triples lines, one per distinct triple */
  lines: string[];
}

/**
 * The triples of one chunk, each once. `links` is undefined for the chunk that opens the file:
 * its first dataset brings the catalog's triples and the links the rest get (with no datasets at
 * all, the file is the catalog alone).
 */
export function batchTriples(site: DcatSite, profiles: DcatProfile[], links: CatalogLinks | undefined, datasets: Record<string, any>[], chunk: number): BatchTriples & { links?: CatalogLinks } {
  const graphs: Quad[][] = [];
  if (!datasets.length) graphs.push(catalogGraph(site, [], profiles));
  for (const d of datasets) {
    if (links) {
      graphs.push(datasetTriples(site, profiles, links, d));
    } else {
      const first = opening(site, profiles, d);
      graphs.push(first.quads);
      links = first.links;
    }
  }
  const labels = new Map<string, BlankNode>();
  const relabel = <T extends Term>(t: T): T => {
    if (t.termType !== 'BlankNode') return t;
    let b = labels.get(t.value);
    if (!b) labels.set(t.value, (b = DataFactory.blankNode(`b${chunk}_${labels.size}`)));
    return b as unknown as T;
  };
  const seen = new Set<string>();
  const quads: Quad[] = [];
  const lines: string[] = [];
  for (const g of graphs) {
    for (const q of g) {
      const r = q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode'
        ? DataFactory.quad(relabel(q.subject), q.predicate, relabel(q.object)) as Quad
        : q;
      const line = ntLine(r);
      if (seen.has(line)) continue; // the same licence or language, described by several datasets
      seen.add(line);
      quads.push(r);
      lines.push(line);
    }
  }
  return { quads, lines, links };
}

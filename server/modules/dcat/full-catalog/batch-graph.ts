// One batch of the full catalog as triples: what catalogGraph says of these datasets, with the
// catalog's own triples (title, languages, publisher, modified…) only once in the whole file.
//
// Each dataset goes through catalogGraph alone: the GraphBuilder's override (`remove`) scans the
// whole graph, so one graph of 500 datasets costs several times 500 graphs of one. The first
// dataset of the file (the newest change, so its date is the catalog's dct:modified) keeps the
// catalog's triples; every later one keeps only the catalog's links to it (dcat:dataset, and
// schema:dataset where that profile stacks). Blank nodes are renamed per batch, so labels can never
// meet across batches whatever a writer does with them.
import { DataFactory } from 'n3';
import type { BlankNode, Quad, Term } from '@rdfjs/types';
import { catalogGraph, type DcatProfile, type DcatSite } from '../graph.js';
import { catalogNode } from '../profiles/uris.js';
import { ntLine } from './writers.js';

/** The catalog's own triples (those of a catalog without datasets), by their N-Triples line. */
export interface CatalogHeader {
  catalog: string;
  lines: Set<string>;
  subjects: Set<string>;
}

const subjectKey = (t: Term) => `${t.termType[0]}${t.value}`;

export function catalogHeader(site: DcatSite, profiles: DcatProfile[]): CatalogHeader {
  const quads = catalogGraph(site, [], profiles);
  return { catalog: catalogNode(site).value, lines: new Set(quads.map(ntLine)), subjects: new Set(quads.map((q) => subjectKey(q.subject))) };
}

/** A dataset's triples without the catalog's own, keeping the catalog's links to it. */
function withoutHeader(quads: Quad[], header: CatalogHeader): Quad[] {
  return quads.filter((q) => {
    const aboutCatalog = q.subject.termType === 'NamedNode' && q.subject.value === header.catalog;
    // The catalog's triples that name a dataset: its links (a literal such as dct:modified is the catalog's own).
    if (aboutCatalog) return q.object.termType !== 'Literal' && !header.lines.has(ntLine(q));
    return !header.subjects.has(subjectKey(q.subject)) || !header.lines.has(ntLine(q));
  });
}

export interface BatchTriples {
  quads: Quad[];
  /** their N-Triples lines, one per distinct triple */
  lines: string[];
}

/**
 * The triples of one batch, each once. `first`: the batch opens the file, and keeps the catalog's
 * triples (with no datasets at all, the file is those alone).
 */
export function batchTriples(site: DcatSite, profiles: DcatProfile[], header: CatalogHeader, datasets: Record<string, any>[], batch: number, first: boolean): BatchTriples {
  const graphs = datasets.length ? datasets.map((d, i) => {
    const quads = catalogGraph(site, [d], profiles);
    return first && i === 0 ? quads : withoutHeader(quads, header);
  }) : [catalogGraph(site, [], profiles)];
  const labels = new Map<string, BlankNode>();
  const relabel = <T extends Term>(t: T): T => {
    if (t.termType !== 'BlankNode') return t;
    let b = labels.get(t.value);
    if (!b) labels.set(t.value, (b = DataFactory.blankNode(`b${batch}_${labels.size}`)));
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
  return { quads, lines };
}

// Quads → text in each format Kho serves. Turtle, N-Triples and N3 come from n3's Writer; JSON-LD
// (the prefixes as its context, no term definitions, so every consumer expands it back to exactly
// the same triples) and RDF/XML from our own writers.
import { Writer } from 'n3';
import type { Quad } from '@rdfjs/types';
import { PREFIXES } from './namespaces.js';
import { writeRdfXml } from './rdfxml-writer.js';
import { writeJsonLd } from './jsonld-writer.js';

export type RdfFormat = 'ttl' | 'nt' | 'n3' | 'jsonld' | 'rdf';

function writeN3(quads: readonly Quad[], format: 'Turtle' | 'N-Triples' | 'N3'): Promise<string> {
  const writer = new Writer({ format, prefixes: format === 'N-Triples' ? {} : { ...PREFIXES } });
  writer.addQuads([...quads]);
  return new Promise((resolve, reject) => writer.end((err, out) => (err ? reject(err) : resolve(out))));
}

export const JSONLD_CONTEXT: Record<string, string> = { ...PREFIXES };

/** Each subject's triples together, subjects in the order they first appear: Turtle then says
 *  each subject once, and every format reads top-down as the graph was built. */
function bySubject(quads: readonly Quad[]): Quad[] {
  const groups = new Map<string, Quad[]>();
  for (const q of quads) {
    const k = `${q.subject.termType}:${q.subject.value}`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(q);
  }
  return [...groups.values()].flat();
}

export async function serializeQuads(input: readonly Quad[], format: RdfFormat): Promise<string> {
  const quads = bySubject(input);
  switch (format) {
    case 'ttl': return writeN3(quads, 'Turtle');
    case 'nt': return writeN3(quads, 'N-Triples');
    case 'n3': return writeN3(quads, 'N3');
    case 'jsonld': return writeJsonLd(quads, JSONLD_CONTEXT);
    case 'rdf': return writeRdfXml(quads);
  }
}

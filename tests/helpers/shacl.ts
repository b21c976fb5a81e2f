// DCAT test helpers: the official DCAT-AP SHACL shapes (../shared/dcat-ap, which CI has beside
// the repository: missing shapes fail the run, they never skip it), a validator over them, the
// parsers that read each of Kho's serialisations back, and a canonical form of a graph so two
// parses can be compared as sets of triples up to blank-node names.
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DataFactory, Parser, Store } from 'n3';
import jsonld from 'jsonld';
import SHACLValidator from 'rdf-validate-shacl';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import type { Quad, Term } from '@rdfjs/types';
import type { RdfFormat } from '../../server/modules/dcat/graph.js';

export const SHAPES_DIR = fileURLToPath(new URL('../../../shared/dcat-ap/', import.meta.url));

export const SHAPE_SETS = {
  '2.1.1': ['2.1.1/dcat-ap_2.1.1_shacl_shapes.ttl', '2.1.1/dcat-ap_2.1.1_shacl_range.ttl'],
  '3.0.1': ['3.0.1/dcat-ap-SHACL.ttl', '3.0.1/ranges.ttl'],
} as const;
export type ShapeVersion = keyof typeof SHAPE_SETS;

/** The class hierarchy facts the range shapes need and that live in the FOAF and vCard
 *  ontologies, not in the data (the shapes README names them). */
const SUBCLASS_FACTS: [string, string][] = [
  ['http://xmlns.com/foaf/0.1/Organization', 'http://xmlns.com/foaf/0.1/Agent'],
  ['http://www.w3.org/2006/vcard/ns#Organization', 'http://www.w3.org/2006/vcard/ns#Kind'],
  ['http://www.w3.org/2006/vcard/ns#Individual', 'http://www.w3.org/2006/vcard/ns#Kind'],
];

function parseTurtleFile(path: string): Quad[] {
  return new Parser({ format: 'text/turtle', baseIRI: `file://${path}` }).parse(readFileSync(path, 'utf8'));
}

const validators = new Map<ShapeVersion, SHACLValidator>();

/** Throws (failing the test) when ../shared/dcat-ap is not there. */
export function shapesValidator(version: ShapeVersion): SHACLValidator {
  let v = validators.get(version);
  if (v) return v;
  const files = SHAPE_SETS[version].map((f) => SHAPES_DIR + f);
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`DCAT-AP SHACL shapes missing (CI has ../shared/dcat-ap beside the repository): ${missing.join(', ')}`);
  v = new SHACLValidator(new Store(files.flatMap(parseTurtleFile)));
  validators.set(version, v);
  return v;
}

export interface ShaclProblem { severity: string; focus: string; path: string; message: string; shape: string }

/** Validates a data graph; returns every result, sh:Violation or not. */
export async function validateShacl(quads: readonly Quad[], version: ShapeVersion): Promise<ShaclProblem[]> {
  const { namedNode, quad } = DataFactory;
  const sub = namedNode('http://www.w3.org/2000/01/rdf-schema#subClassOf');
  const data = new Store([...quads, ...SUBCLASS_FACTS.map(([a, b]) => quad(namedNode(a), sub, namedNode(b)))]);
  const report = await shapesValidator(version).validate(data);
  return report.results.map((r) => ({
    severity: r.severity?.value.split('#').pop() ?? '?',
    focus: r.focusNode?.value ?? '',
    path: r.path?.value ?? '',
    message: r.message.map((m) => m.value).join('; '),
    shape: r.sourceConstraintComponent?.value.split('#').pop() ?? '',
  }));
}

export async function parseRdf(text: string, format: RdfFormat, baseIRI = 'http://kho.test/'): Promise<Quad[]> {
  switch (format) {
    case 'ttl': return new Parser({ format: 'text/turtle', baseIRI }).parse(text);
    case 'nt': return new Parser({ format: 'application/n-triples', baseIRI }).parse(text);
    case 'n3': return new Parser({ format: 'text/n3', baseIRI }).parse(text);
    case 'jsonld': {
      const nquads = await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads' });
      return new Parser({ format: 'application/n-quads' }).parse(nquads as unknown as string);
    }
    case 'rdf': {
      const parser = new RdfXmlParser({ baseIRI });
      const out: Quad[] = [];
      await new Promise<void>((resolve, reject) => {
        parser.on('data', (q: Quad) => out.push(q));
        parser.on('error', reject);
        parser.on('end', () => resolve());
        parser.write(text);
        parser.end();
      });
      return out;
    }
  }
}

function termString(t: Term, label: (b: Term) => string): string {
  switch (t.termType) {
    case 'NamedNode': return `<${t.value}>`;
    case 'BlankNode': return label(t);
    case 'Literal': return `${JSON.stringify(t.value)}${t.language ? '@' + t.language : t.datatype.value === 'http://www.w3.org/2001/XMLSchema#string' ? '' : '^^<' + t.datatype.value + '>'}`;
    default: return t.value;
  }
}

/**
 * The graph as a sorted list of N-Triples-like lines in which each blank node is named by a hash
 * of what it says (its outgoing triples, recursively) and of where it hangs (the subject and
 * predicate pointing at it). Two graphs give the same list when they are the same up to blank
 * node names (Kho's graphs are trees of blank nodes, with no blank-node cycles).
 */
export function canonicalTriples(quads: readonly Quad[]): string[] {
  const out = new Map<string, Quad[]>();
  const incoming = new Map<string, Quad[]>();
  for (const q of quads) {
    if (q.subject.termType === 'BlankNode') (out.get(q.subject.value) ?? out.set(q.subject.value, []).get(q.subject.value)!).push(q);
    if (q.object.termType === 'BlankNode') (incoming.get(q.object.value) ?? incoming.set(q.object.value, []).get(q.object.value)!).push(q);
  }
  const content = new Map<string, string>();
  const contentOf = (b: string, stack: Set<string>): string => {
    const known = content.get(b);
    if (known) return known;
    if (stack.has(b)) throw new Error('blank-node cycle: the canonical form here handles trees only');
    stack.add(b);
    const lines = (out.get(b) ?? []).map((q) => `${q.predicate.value} ${termString(q.object, (o) => `[${contentOf(o.value, stack)}]`)}`).sort();
    stack.delete(b);
    const h = createHash('sha1').update(lines.join('\n')).digest('hex');
    content.set(b, h);
    return h;
  };
  const labels = new Map<string, string>();
  const labelOf = (b: string, stack: Set<string> = new Set()): string => {
    const known = labels.get(b);
    if (known) return known;
    if (stack.has(b)) throw new Error('blank-node cycle');
    stack.add(b);
    const where = (incoming.get(b) ?? [])
      .map((q) => `${q.subject.termType === 'BlankNode' ? labelOf(q.subject.value, stack) : q.subject.value} ${q.predicate.value}`).sort();
    const l = '_:' + createHash('sha1').update(contentOf(b, new Set()) + '|' + where.join('|')).digest('hex').slice(0, 16);
    labels.set(b, l);
    return l;
  };
  const lines = new Set(quads.map((q) => [q.subject, q.predicate, q.object].map((t) => termString(t, (b) => labelOf(b.value))).join(' ')));
  return [...lines].sort();
}

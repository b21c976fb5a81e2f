// Quads → Turtle, N-Triples and JSON-LD text, written directly (for the full catalog file and pages):
// at 100,000 datasets that file is millions of triples, and jsonld's compaction takes ~25 s per
// 500 datasets, n3's Writer ~0.1 s per format. These write the same triples (the test parses
// every file and compares), directly: N-Triples line by line, Turtle grouped by subject with the
// module's prefixes, JSON-LD as one node object per subject under the prefixes as @context.
import type { Literal, NamedNode, Quad, Term } from '@rdfjs/types';
import { PREFIXES, RDF_LANG_STRING, XSD_STRING } from './namespaces.js';

const RDF_TYPE = `${PREFIXES.rdf}type`;

/** Characters IRIREF may not hold raw (RDF 1.1 N-Triples/Turtle), written as \u escapes. */
const IRI_BAD = /[\u0000-\u0020<>"{}|^`\\]/;
const IRI_BAD_ALL = /[\u0000-\u0020<>"{}|^`\\]/g;
const uchar = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Characters a quoted literal may not hold raw. */
const LIT_BAD = /["\\\n\r]/;
const LIT_BAD_ALL = /["\\\n\r]/g;
const LIT_ESC: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r' };

export function ntIri(value: string): string {
  return IRI_BAD.test(value) ? `<${value.replace(IRI_BAD_ALL, uchar)}>` : `<${value}>`;
}

function quoted(value: string): string {
  return LIT_BAD.test(value) ? `"${value.replace(LIT_BAD_ALL, (c) => LIT_ESC[c]!)}"` : `"${value}"`;
}

// Each part of a literal is read once: n3's terms work them out from their id on every read.
function literal(t: Literal, iri: (v: string) => string): string {
  const value = quoted(t.value);
  const language = t.language;
  if (language) return `${value}@${language}`;
  const dt = t.datatype.value;
  return dt === XSD_STRING || dt === RDF_LANG_STRING ? value : `${value}^^${iri(dt)}`;
}

/** One term in N-Triples (also valid Turtle). */
export function ntTerm(t: Term): string {
  if (t.termType === 'NamedNode') return ntIri(t.value);
  if (t.termType === 'BlankNode') return `_:${t.value}`;
  if (t.termType === 'Literal') return literal(t, ntIri);
  throw new Error(`cannot write a ${t.termType} in the catalog file`);
}

export const ntLine = (q: Quad): string => `${ntTerm(q.subject)} ${ntTerm(q.predicate)} ${ntTerm(q.object)} .\n`;

// ---- Turtle ------------------------------------------------------------------------------------

const PREFIX_OF = new Map<string, string>(Object.entries(PREFIXES).map(([p, base]) => [base, p]));
/** A local name every Turtle reader takes as it is (a safe subset of PN_LOCAL); others stay <IRI>. */
const SAFE_LOCAL = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const COMPACTED = new Map<string, string>();

/** `dct:title` for an IRI under one of the module's prefixes, null when it has no such short form. */
export function compactIri(value: string): string | null {
  const known = COMPACTED.get(value);
  if (known !== undefined) return known;
  const cut = Math.max(value.lastIndexOf('#'), value.lastIndexOf('/')) + 1;
  const prefix = cut > 0 ? PREFIX_OF.get(value.slice(0, cut)) : undefined;
  const local = value.slice(cut);
  const short = prefix && SAFE_LOCAL.test(local) ? `${prefix}:${local}` : null;
  // Predicates, classes and datatypes come back millions of times; dataset URIs once each.
  if (short !== null && COMPACTED.size < 10_000) COMPACTED.set(value, short);
  return short;
}

const ttlIri = (value: string): string => compactIri(value) ?? ntIri(value);

function ttlTerm(t: Term): string {
  if (t.termType === 'NamedNode') return ttlIri(t.value);
  if (t.termType === 'Literal') return literal(t, ttlIri);
  return ntTerm(t);
}

/** The @prefix lines, written once at the top of the file. */
export function turtlePrefixes(): string {
  return Object.entries(PREFIXES).map(([p, base]) => `@prefix ${p}: <${base}> .\n`).join('') + '\n';
}

export interface SubjectGroup { subject: Quad['subject']; byPredicate: Map<string, Quad['object'][]> }

/** Quads grouped by subject (then predicate), in the order each first appears: Turtle and JSON-LD both write from this. */
export function bySubject(quads: readonly Quad[]): SubjectGroup[] {
  const out = new Map<string, SubjectGroup>();
  for (const q of quads) {
    // The value alone tells subjects apart: an IRI is absolute (it has a colon), a blank node's
    // label here never has one (batch-graph.ts names them b<chunk>_<n>).
    const k = q.subject.value;
    let s = out.get(k);
    if (!s) out.set(k, (s = { subject: q.subject, byPredicate: new Map() }));
    const list = s.byPredicate.get(q.predicate.value);
    if (list) list.push(q.object);
    else s.byPredicate.set(q.predicate.value, [q.object]);
  }
  return [...out.values()];
}

/** A batch's triples as Turtle statements (the prefixes are the file's, written once). */
export function turtleChunk(groups: readonly SubjectGroup[]): string {
  let out = '';
  for (const { subject, byPredicate } of groups) {
    const parts: string[] = [];
    for (const [p, objects] of byPredicate) {
      parts.push(`${p === RDF_TYPE ? 'a' : ttlIri(p)} ${objects.map(ttlTerm).join(', ')}`);
    }
    out += `${ttlTerm(subject)} ${parts.join(' ;\n    ')} .\n\n`;
  }
  return out;
}

// ---- JSON-LD -----------------------------------------------------------------------------------

/** The file's @context: the module's prefixes, as its JSON-LD documents have. */
export const JSONLD_FILE_CONTEXT: Readonly<Record<string, string>> = { ...PREFIXES };

const jsonKey = (iri: string): string => compactIri(iri) ?? iri;
const nodeId = (t: Term): string => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);

function jsonValue(t: Quad['object']): Record<string, string> {
  if (t.termType !== 'Literal') return { '@id': nodeId(t) };
  const value = t.value;
  const language = t.language;
  if (language) return { '@value': value, '@language': language };
  const dt = t.datatype.value;
  return dt === XSD_STRING || dt === RDF_LANG_STRING ? { '@value': value } : { '@value': value, '@type': jsonKey(dt) };
}

/**
 * A batch's triples as the items of the file's @graph, one node object per subject, each as JSON
 * text. Values are always objects (never native JSON numbers or booleans), so every literal comes
 * back with its own datatype.
 */
export function jsonLdItems(groups: readonly SubjectGroup[]): string[] {
  const items: string[] = [];
  for (const { subject, byPredicate } of groups) {
    const node: Record<string, unknown> = { '@id': nodeId(subject) };
    for (const [p, objects] of byPredicate) {
      if (p === RDF_TYPE && objects.every((o) => o.termType === 'NamedNode')) {
        node['@type'] = objects.map((o) => jsonKey((o as NamedNode).value));
      } else {
        node[jsonKey(p)] = objects.map(jsonValue);
      }
    }
    items.push(JSON.stringify(node));
  }
  return items;
}

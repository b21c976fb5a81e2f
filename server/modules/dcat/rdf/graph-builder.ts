// A set of triples being built for one document. Profiles add to it (and a later profile may
// remove what an earlier one said), so it is a set keyed by the triple's N-Triples form: adding
// the same statement twice is harmless, which is what lets profiles stack.
import { createHash } from 'node:crypto';
import { DataFactory } from 'n3';
import type { BlankNode, Literal, NamedNode, Quad, Quad_Object, Quad_Subject } from '@rdfjs/types';
import { PREFIXES, RDF_TYPE } from './namespaces.js';
import { dateDatatype, normalizeDate } from './dates.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

export type Subject = NamedNode | BlankNode;

function termKey(t: Quad_Subject | Quad_Object | NamedNode): string {
  if (t.termType === 'Literal') return `"${t.value}"@${t.language}^^${t.datatype.value}`;
  return `${t.termType[0]}:${t.value}`;
}

export class GraphBuilder {
  private readonly quads = new Map<string, Quad>();

  add(s: Subject, p: NamedNode, o: Quad_Object | null | undefined): void {
    if (!o) return;
    const q = quad(s, p, o);
    this.quads.set(`${termKey(s)} ${p.value} ${termKey(o)}`, q);
  }

  type(s: Subject, ...classes: NamedNode[]): void {
    for (const c of classes) this.add(s, RDF_TYPE, c);
  }

  /** Removes the subject's triples with the predicate (and that object, when given): how a
   *  later profile overrides. */
  remove(s: Subject, p: NamedNode, o?: Quad_Object): void {
    for (const [k, q] of this.quads) {
      if (q.subject.equals(s) && q.predicate.equals(p) && (!o || q.object.equals(o))) this.quads.delete(k);
    }
  }

  objects(s: Subject, p: NamedNode): Quad_Object[] {
    const out: Quad_Object[] = [];
    for (const q of this.quads.values()) if (q.subject.equals(s) && q.predicate.equals(p)) out.push(q.object);
    return out;
  }

  toQuads(): Quad[] {
    return [...this.quads.values()];
  }
}

/** A plain or language-tagged literal; null for empty text so callers need not test. */
// Control characters XML 1.0 cannot carry at all (pasted from old files into descriptions):
// replaced here, once, so that the RDF/XML document says the same as every other serialisation.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function text(value: unknown, lang?: string): Literal | null {
  if (value === null || value === undefined) return null;
  const s = String(value).replace(NOT_XML, '\uFFFD').trim();
  if (!s) return null;
  return lang ? literal(s, lang) : literal(s);
}

export function typed(value: unknown, xsdLocal: string): Literal | null {
  if (value === null || value === undefined || String(value).trim() === '') return null;
  return literal(String(value).trim(), namedNode(PREFIXES.xsd + xsdLocal));
}

/** A date typed by its shape, or null when it has no date shape (SHACL refuses untyped dates). */
export function dateLiteral(value: unknown): Literal | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const v = normalizeDate(value);
  const dt = dateDatatype(v);
  return dt ? literal(v, namedNode(dt)) : null;
}

export function isUri(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const v = value.trim();
  // A URL may hold spaces people typed (written percent-encoded by `uri`); a URN or mailto may not.
  return /^(https?|ftp):\/\/[^\s/?#]+/i.test(v) || /^(urn|mailto):\S+$/i.test(v);
}

/** Characters an IRI may not hold (RFC 3987) that people leave in URLs ("a b.csv"): written
 *  percent-encoded, as a browser sends them, so every serialisation stays parseable. */
const NOT_IN_IRI = /[\u0000-\u0020<>"{}|\\^`\u007f]/g;

export function safeIri(value: string): string {
  return value.replace(NOT_IN_IRI, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A NamedNode for an IRI made from data (a dataset's own `uri`, a licence URL): never one a
 *  serialisation could not write. */
export function iri(value: string): NamedNode {
  return namedNode(safeIri(value));
}

/** The mailto: IRI of an address given with or without the scheme. */
export function mailto(email: string): NamedNode {
  return iri(email.startsWith('mailto:') ? email : `mailto:${email}`);
}

export function uri(value: unknown): NamedNode | null {
  return isUri(value) ? namedNode(safeIri(value.trim())) : null;
}

/** §8: an http(s) value becomes a URI reference, anything else a literal. */
export function uriOrLiteral(value: unknown): NamedNode | Literal | null {
  return uri(value) ?? text(value);
}

/**
 * A blank node whose label is derived from what it hangs off, so the same dict always gives the
 * same document (stable ETags, diffable dumps) and labels never collide across datasets in one
 * catalog page.
 */
export function stableBlank(...parts: string[]): BlankNode {
  return blankNode('b' + createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 20));
}

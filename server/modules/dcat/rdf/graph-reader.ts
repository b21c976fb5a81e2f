// Reading a parsed graph back (the parse side of the profiles, and the coming DCAT harvester):
// the objects of a subject's predicate, first or all, as terms or as text.
import { Store } from 'n3';
import type { NamedNode, Quad, Quad_Object, Term } from '@rdfjs/types';
import { RDF_TYPE } from './namespaces.js';

export class GraphReader {
  readonly store: Store;

  constructor(quads: readonly Quad[]) {
    this.store = new Store([...quads]);
  }

  all(s: Term, p: NamedNode): Quad_Object[] {
    return this.store.getObjects(s, p, null) as Quad_Object[];
  }

  one(s: Term, p: NamedNode): Quad_Object | undefined {
    return this.all(s, p)[0];
  }

  /** The value of the first object (a literal's text or a node's IRI). */
  value(s: Term, p: NamedNode): string | undefined {
    return this.one(s, p)?.value;
  }

  values(s: Term, p: NamedNode): string[] {
    return this.all(s, p).map((o) => o.value);
  }

  /** Literals by language tag ('' for untagged). */
  byLanguage(s: Term, p: NamedNode): Map<string, string> {
    const out = new Map<string, string>();
    for (const o of this.all(s, p)) if (o.termType === 'Literal' && !out.has(o.language)) out.set(o.language, o.value);
    return out;
  }

  subjectsOfType(type: NamedNode): Term[] {
    return this.store.getSubjects(RDF_TYPE, type, null);
  }

  hasType(s: Term, type: NamedNode): boolean {
    return this.store.countQuads(s, RDF_TYPE, type, null) > 0;
  }
}

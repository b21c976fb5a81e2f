// The parsed form of package_search's q / fq / fq_list (the Solr/Lucene subset of spec section 6).
// The parser produces it once; each search backend translates it and never reads query text.
//
// Shape guarantees of a tree returned by parseQuery (after normalize()):
//  - `and` / `or` have at least two children and never a direct child of their own kind;
//  - `all` appears only as the whole query or as the first child of an `and` whose other children
//    are all `not` (the "everything minus …" anchor);
//  - every `not` is a child of an `and` that also has a positive (non-`not`) child, so a backend
//    never meets a bare negation: `-organization:x` is and(all, not(term)).
//  - `field` is the name as written (aliases such as dataset_type/type are the backend's business),
//    except that an explicit `text:` becomes null, the default field.

/** The name CKAN's Solr schema gives the catch-all field that field-less words search. */
export const DEFAULT_FIELD = 'text';

/** `*:*`, an empty query, or a bare `*`. */
export interface AllNode {
  kind: 'all';
}

/** `field:value`, `field:"a phrase"`, or a bare word (field null = the default field). */
export interface TermNode {
  kind: 'term';
  field: string | null;
  /** unescaped value; for a phrase, the text between the quotes */
  value: string;
  /** written in double quotes (exact fields compare the whole value either way) */
  phrase: boolean;
}

/** `field:val*`: a trailing unescaped `*` (value excludes it, is never empty). */
export interface PrefixNode {
  kind: 'prefix';
  field: string | null;
  value: string;
}

/** `field:*` (or `field:[* TO *]`): the field has a value. */
export interface ExistsNode {
  kind: 'exists';
  field: string;
}

/** `field:[a TO b]`, `{a TO b}`, mixed `[a TO b}`; a `*` bound is null. Bounds are raw text
 *  (date math such as NOW-1DAY is resolved by the backend, which knows the field's type). */
export interface RangeNode {
  kind: 'range';
  field: string;
  lower: string | null;
  upper: string | null;
  includeLower: boolean;
  includeUpper: boolean;
}

export interface AndNode {
  kind: 'and';
  children: QueryNode[];
}

export interface OrNode {
  kind: 'or';
  children: QueryNode[];
}

export interface NotNode {
  kind: 'not';
  child: QueryNode;
}

export type LeafNode = AllNode | TermNode | PrefixNode | ExistsNode | RangeNode;
export type QueryNode = LeafNode | AndNode | OrNode | NotNode;

export const ALL: AllNode = Object.freeze({ kind: 'all' }) as AllNode;

/**
 * Simplifies a tree and establishes the shape guarantees above: flattens nested and/or, removes
 * double negation, drops `all` from conjunctions and collapses disjunctions containing it, and
 * anchors negations that have no positive sibling with `all`.
 */
export function normalize(node: QueryNode): QueryNode {
  return anchorNegations(simplify(node));
}

function simplify(node: QueryNode): QueryNode {
  switch (node.kind) {
    case 'not': {
      const child = simplify(node.child);
      return child.kind === 'not' ? child.child : { kind: 'not', child };
    }
    case 'and': {
      const children: QueryNode[] = [];
      for (const c of node.children.map(simplify)) {
        if (c.kind === 'and') children.push(...c.children);
        else if (c.kind !== 'all') children.push(c);
      }
      if (children.length === 0) return { kind: 'all' };
      return children.length === 1 ? children[0]! : { kind: 'and', children };
    }
    case 'or': {
      const children: QueryNode[] = [];
      for (const c of node.children.map(simplify)) {
        if (c.kind === 'all') return { kind: 'all' };
        if (c.kind === 'or') children.push(...c.children);
        else children.push(c);
      }
      return children.length === 1 ? children[0]! : { kind: 'or', children };
    }
    default:
      return node;
  }
}

/** Wraps every negation lacking a positive sibling as and(all, not …). */
function anchorNegations(node: QueryNode): QueryNode {
  switch (node.kind) {
    case 'not':
      return { kind: 'and', children: [{ kind: 'all' }, { kind: 'not', child: anchorNegations(node.child) }] };
    case 'and': {
      const children: QueryNode[] = node.children.map((c): QueryNode =>
        c.kind === 'not' ? { kind: 'not', child: anchorNegations(c.child) } : anchorNegations(c));
      if (!children.some((c) => c.kind !== 'not')) children.unshift({ kind: 'all' });
      return { kind: 'and', children };
    }
    case 'or':
      return { kind: 'or', children: node.children.map(anchorNegations) };
    default:
      return node;
  }
}

// ---- printing -------------------------------------------------------------------------------

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'TO']);

function escapeText(s: string): string {
  let out = s.replace(/[\\():"[\]{}^~*\s]/gu, (c) => `\\${c}`);
  if (/^[+\-!]/.test(out) || /^(&&|\|\|)/.test(out) || KEYWORDS.has(out)) out = `\\${out}`;
  return out;
}

function quote(s: string): string {
  return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function bound(s: string | null): string {
  if (s === null) return '*';
  return s === '' || s === '*' || KEYWORDS.has(s) || /[\s"\\\]}[{]/u.test(s) ? quote(s) : s;
}

/**
 * A canonical, fully parenthesised query string for a tree, in the same language: parsing it
 * again gives the same tree. For logs, error messages and tests.
 */
export function formatQuery(node: QueryNode): string {
  const f = (field: string | null) => (field === null ? '' : `${field === '*' ? '*' : escapeText(field)}:`);
  switch (node.kind) {
    case 'all':
      return '*:*';
    case 'term':
      return f(node.field) + (node.phrase || node.value === '' ? quote(node.value) : escapeText(node.value));
    case 'prefix':
      return `${f(node.field)}${escapeText(node.value)}*`;
    case 'exists':
      return `${f(node.field)}*`;
    case 'range':
      return `${f(node.field)}${node.includeLower ? '[' : '{'}${bound(node.lower)} TO ${bound(node.upper)}${node.includeUpper ? ']' : '}'}`;
    case 'and':
      return `(${node.children.map(formatQuery).join(' AND ')})`;
    case 'or':
      return `(${node.children.map(formatQuery).join(' OR ')})`;
    case 'not':
      return `NOT ${formatQuery(node.child)}`;
  }
}

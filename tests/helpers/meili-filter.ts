// A small evaluator of the Meilisearch filter grammar Kho emits, so tests can check what a filter
// selects without a Meilisearch server (none can be installed here). It follows Meilisearch's
// documented semantics: NOT binds tighter than AND, AND tighter than OR; `=` on an array matches
// when any element does; `!=` is the negation of `=` (so it matches a missing attribute);
// IS NULL / IS EMPTY / EXISTS look at the value itself. Anything else is refused loudly, so a
// filter Kho starts emitting in a new shape cannot be silently misread here.

type Doc = Record<string, unknown>;
type Node =
  | { op: 'and' | 'or'; children: Node[] }
  | { op: 'not'; child: Node }
  | { op: 'cmp'; attr: string; cmp: '=' | '!=' | '>' | '>=' | '<' | '<='; value: string }
  | { op: 'in'; attr: string; values: string[]; negated: boolean }
  | { op: 'is'; attr: string; what: 'NULL' | 'EMPTY'; negated: boolean }
  | { op: 'exists'; attr: string; negated: boolean };

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if ('()[],'.includes(c)) { tokens.push(c); i++; continue; }
    if (c === '!' && text[i + 1] === '=') { tokens.push('!='); i += 2; continue; }
    if ((c === '>' || c === '<') && text[i + 1] === '=') { tokens.push(c + '='); i += 2; continue; }
    if (c === '=' || c === '>' || c === '<') { tokens.push(c); i++; continue; }
    if (c === '"') {
      let v = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        v += text[i++];
      }
      if (text[i] !== '"') throw new Error(`unterminated string in ${text}`);
      i++;
      tokens.push(`"${v}`); // a leading quote marks a quoted value (its content follows)
      continue;
    }
    const m = /^[^\s()[\],=!<>"]+/.exec(text.slice(i));
    if (!m) throw new Error(`cannot read ${text.slice(i)}`);
    tokens.push(m[0]);
    i += m[0].length;
  }
  return tokens;
}

export function parseMeiliFilter(text: string): Node {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    const t = tokens[pos++];
    if (t === undefined) throw new Error(`unexpected end of ${text}`);
    return t;
  };
  const expect = (t: string) => {
    const got = next();
    if (got !== t) throw new Error(`expected ${t}, got ${got} in ${text}`);
  };
  const value = () => {
    const t = next();
    return t.startsWith('"') ? t.slice(1) : t;
  };
  const orExpr = (): Node => {
    const children = [andExpr()];
    while (peek() === 'OR') { pos++; children.push(andExpr()); }
    return children.length === 1 ? children[0]! : { op: 'or', children };
  };
  const andExpr = (): Node => {
    const children = [notExpr()];
    while (peek() === 'AND') { pos++; children.push(notExpr()); }
    return children.length === 1 ? children[0]! : { op: 'and', children };
  };
  const notExpr = (): Node => {
    if (peek() === 'NOT') { pos++; return { op: 'not', child: notExpr() }; }
    if (peek() === '(') { pos++; const e = orExpr(); expect(')'); return e; }
    return condition();
  };
  const condition = (): Node => {
    const attr = next();
    const t = next();
    if (t === 'EXISTS') return { op: 'exists', attr, negated: false };
    if (t === 'IN') return { op: 'in', attr, values: list(), negated: false };
    if (t === 'NOT') {
      const u = next();
      if (u === 'EXISTS') return { op: 'exists', attr, negated: true };
      if (u === 'IN') return { op: 'in', attr, values: list(), negated: true };
      throw new Error(`unknown NOT ${u} in ${text}`);
    }
    if (t === 'IS') {
      let negated = false;
      let u = next();
      if (u === 'NOT') { negated = true; u = next(); }
      if (u !== 'NULL' && u !== 'EMPTY') throw new Error(`unknown IS ${u} in ${text}`);
      return { op: 'is', attr, what: u, negated };
    }
    if (['=', '!=', '>', '>=', '<', '<='].includes(t)) return { op: 'cmp', attr, cmp: t as any, value: value() };
    throw new Error(`unknown operator ${t} in ${text}`);
  };
  const list = (): string[] => {
    expect('[');
    const values: string[] = [];
    while (peek() !== ']') {
      values.push(value());
      if (peek() === ',') pos++;
    }
    expect(']');
    return values;
  };
  const tree = orExpr();
  if (pos !== tokens.length) throw new Error(`trailing ${tokens.slice(pos).join(' ')} in ${text}`);
  return tree;
}

function lookup(doc: Doc, attr: string): { found: boolean; value: unknown } {
  let cur: unknown = doc;
  for (const part of attr.split('.')) {
    if (!cur || typeof cur !== 'object' || !(part in (cur as Doc))) return { found: false, value: undefined };
    cur = (cur as Doc)[part];
  }
  return { found: true, value: cur };
}

const scalars = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const same = (v: unknown, filterValue: string) => v !== null && v !== undefined && typeof v !== 'object' && String(v) === filterValue;

function evaluate(node: Node, doc: Doc): boolean {
  switch (node.op) {
    case 'and': return node.children.every((c) => evaluate(c, doc));
    case 'or': return node.children.some((c) => evaluate(c, doc));
    case 'not': return !evaluate(node.child, doc);
    case 'exists': return lookup(doc, node.attr).found !== node.negated;
    case 'is': {
      const { found, value } = lookup(doc, node.attr);
      const yes = found && (node.what === 'NULL'
        ? value === null
        : value === '' || (Array.isArray(value) && value.length === 0) || (!!value && typeof value === 'object' && Object.keys(value).length === 0));
      return yes !== node.negated;
    }
    case 'in': {
      const { value } = lookup(doc, node.attr);
      return scalars(value).some((v) => node.values.some((f) => same(v, f))) !== node.negated;
    }
    case 'cmp': {
      const { value } = lookup(doc, node.attr);
      if (node.cmp === '=' || node.cmp === '!=') return scalars(value).some((v) => same(v, node.value)) === (node.cmp === '=');
      const n = Number(node.value);
      return scalars(value).some((v) => typeof v === 'number' && (node.cmp === '>' ? v > n : node.cmp === '>=' ? v >= n : node.cmp === '<' ? v < n : v <= n));
    }
  }
}

/** Whether the document passes the filter (null or '' passes everything, as in Meilisearch). */
export function meiliMatches(filter: string | null, doc: Doc): boolean {
  if (filter === null || filter.trim() === '') return true;
  return evaluate(parseMeiliFilter(filter), doc);
}

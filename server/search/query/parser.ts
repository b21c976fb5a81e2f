// Parses the query language CKAN clients send in q, fq and fq_list (spec section 6), once, into
// the tree of ast.ts. Supported:
//   *:*  (and empty/blank)            everything
//   word, field:value, field:"phrase"  terms (bare words search the default field `text`)
//   field:(a OR b)                     the field applies to the whole group
//   AND OR NOT, && || !, + and -       boolean operators; implicit operator AND (q.op=AND)
//   ( … )                              grouping
//   field:[a TO b] {a TO b} [a TO b}   ranges, `*` for an open end, date math left to backends
//   field:val*  field:*                trailing-wildcard prefix, existence
//   \: \" \( \  \uXXXX …               backslash escapes
//   ^2 ~ ~2                            boosts and fuzziness/slop: accepted and ignored
// Precedence NOT > AND > OR. Negations standing alone mean "everything minus" (see ast.ts).
// `?` and a `*` anywhere but at the end of a value are taken literally. A value may contain
// further colons (`metadata_modified:2024-05-01T10:20:30Z`). Local params `{!…}` are refused.
import { DEFAULT_FIELD, normalize, type QueryNode } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { LIMITS } from '../../core/limits.js';

export { QuerySyntaxError } from './errors.js';
export { resolveDateMath } from './date-math.js';
export type { QueryNode } from './ast.js';

const MAX_DEPTH = LIMITS.queryDepth;

type Token =
  | { t: 'lparen' | 'rparen'; pos: number }
  | { t: 'and' | 'or' | 'not' | 'plus' | 'minus'; pos: number; text: string }
  | { t: 'field'; pos: number; name: string }
  /** stars: the value was nothing but unescaped `*`; prefix: it ended in an unescaped `*`
   *  (removed from value) */
  | { t: 'term'; pos: number; value: string; prefix: boolean; stars: boolean }
  | { t: 'phrase'; pos: number; value: string }
  | { t: 'range'; pos: number; lower: string | null; upper: string | null; includeLower: boolean; includeUpper: boolean };

type TokenType = Token['t'];

const WS = /\s/u;
/** Characters that end a bare term (a `:` ends it too, except in a field's value). */
const TERM_END = new Set(['(', ')', '"', '[', ']', '{', '}', '^', '~']);

const col = (pos: number) => `column ${pos + 1}`;

function describe(tok: Token | undefined): string {
  if (!tok) return 'end of query';
  switch (tok.t) {
    case 'lparen': return `'(' at ${col(tok.pos)}`;
    case 'rparen': return `')' at ${col(tok.pos)}`;
    case 'field': return `'${tok.name}:' at ${col(tok.pos)}`;
    case 'term': return `'${tok.value}${tok.prefix ? '*' : ''}' at ${col(tok.pos)}`;
    case 'phrase': return `"${tok.value}" at ${col(tok.pos)}`;
    case 'range': return `range at ${col(tok.pos)}`;
    default: return `'${tok.text}' at ${col(tok.pos)}`;
  }
}

class Lexer {
  private i = 0;
  readonly tokens: Token[] = [];

  constructor(private readonly src: string) {}

  run(): Token[] {
    const s = this.src;
    while (true) {
      const start = this.i;
      while (this.i < s.length && WS.test(s[this.i]!)) this.i++;
      if (this.i >= s.length) break;
      const pos = this.i;
      const c = s[pos]!;
      const prev = this.tokens[this.tokens.length - 1];
      // Right after `field:` a value may contain colons; written without a space after the colon
      // it is a value even when it looks like an operator (`num_resources:-1`, `name:AND`).
      const valuePosition = prev?.t === 'field';
      const literal = valuePosition && pos === start;

      if (c === '{' && s[pos + 1] === '!') {
        throw new QuerySyntaxError(`Local parameters ('{!…}' at ${col(pos)}) are not supported`);
      }
      if (c === '(') { this.push({ t: 'lparen', pos }); this.i++; continue; }
      if (c === ')') { this.push({ t: 'rparen', pos }); this.i++; continue; }
      if (c === '"') { this.push({ t: 'phrase', pos, value: this.quoted() }); continue; }
      if (c === '[' || c === '{') { this.push(this.range()); continue; }
      if (c === ']' || c === '}') {
        throw new QuerySyntaxError(`Unexpected '${c}' at ${col(pos)} outside a range (escape it as \\${c})`);
      }
      if (c === '^' || c === '~') { this.modifier(prev); continue; }
      if (!literal) {
        const two = s.slice(pos, pos + 2);
        if (two === '&&' || two === '||') {
          this.push({ t: two === '&&' ? 'and' : 'or', pos, text: two });
          this.i += 2;
          continue;
        }
        if (c === '+' || c === '-' || c === '!') {
          this.push({ t: c === '+' ? 'plus' : c === '-' ? 'minus' : 'not', pos, text: c });
          this.i++;
          continue;
        }
      }
      this.term(valuePosition, literal);
    }
    return this.tokens;
  }

  private push(tok: Token) {
    this.tokens.push(tok);
  }

  /** One escaped character after a backslash at this.i; advances past it. */
  private escape(): string {
    const s = this.src;
    const next = s[this.i + 1];
    if (next === undefined) throw new QuerySyntaxError(`Dangling backslash at ${col(this.i)}: nothing to escape`);
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(this.i + 2, this.i + 6))) {
      const ch = String.fromCharCode(parseInt(s.slice(this.i + 2, this.i + 6), 16));
      this.i += 6;
      return ch;
    }
    const cp = s.codePointAt(this.i + 1)!;
    const ch = String.fromCodePoint(cp);
    this.i += 1 + ch.length;
    return ch;
  }

  /** A double-quoted string starting at this.i; returns its unescaped content. */
  private quoted(): string {
    const s = this.src;
    const start = this.i;
    this.i++;
    let out = '';
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === '"') { this.i++; return out; }
      if (c === '\\') { out += this.escape(); continue; }
      out += c;
      this.i++;
    }
    throw new QuerySyntaxError(`Unterminated quoted phrase starting at ${col(start)}: missing closing '"'`);
  }

  /** A bare term, or a field name when an unescaped ':' ends it. */
  private term(valuePosition: boolean, literal: boolean) {
    const s = this.src;
    const pos = this.i;
    let value = '';
    let escaped = false;
    let lastStar = false;
    let stars = true;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (WS.test(c) || TERM_END.has(c)) break;
      if (c === ':' && !valuePosition) {
        if (value === '' && !escaped) throw new QuerySyntaxError(`Missing field name before ':' at ${col(this.i)}`);
        this.i++;
        this.push({ t: 'field', pos, name: value });
        return;
      }
      if (c === '\\') {
        value += this.escape();
        escaped = true;
        lastStar = false;
        stars = false;
        continue;
      }
      value += c;
      lastStar = c === '*';
      if (c !== '*') stars = false;
      this.i++;
    }
    if (!escaped && !literal) {
      if (value === 'AND' || value === 'OR' || value === 'NOT') {
        this.push({ t: value.toLowerCase() as 'and' | 'or' | 'not', pos, text: value });
        return;
      }
      if (value === 'TO') {
        throw new QuerySyntaxError(`'TO' at ${col(pos)} is only valid inside a range such as field:[a TO b]`);
      }
    }
    if (stars) {
      this.push({ t: 'term', pos, value: '', prefix: true, stars: true });
      return;
    }
    if (lastStar) value = value.slice(0, -1);
    this.push({ t: 'term', pos, value, prefix: lastStar, stars: false });
  }

  /** `[a TO b]`, `{a TO b}` or mixed, starting at this.i. */
  private range(): Token {
    const s = this.src;
    const pos = this.i;
    const open = s[pos]!;
    this.i++;
    const parts: { text: string; bare: boolean; pos: number }[] = [];
    let close: string | null = null;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (WS.test(c)) { this.i++; continue; }
      if (c === ']' || c === '}') { close = c; this.i++; break; }
      const partPos = this.i;
      if (c === '"') { parts.push({ text: this.quoted(), bare: false, pos: partPos }); continue; }
      let text = '';
      let bare = true;
      while (this.i < s.length) {
        const d = s[this.i]!;
        if (WS.test(d) || d === ']' || d === '}' || d === '"') break;
        if (d === '[' || d === '{') {
          throw new QuerySyntaxError(`Unexpected '${d}' inside the range starting at ${col(pos)}`);
        }
        if (d === '\\') { text += this.escape(); bare = false; continue; }
        text += d;
        this.i++;
      }
      parts.push({ text, bare, pos: partPos });
    }
    const shape = `a range is written field:[lower TO upper] (or with '{' '}' to exclude an end, '*' for an open end)`;
    if (close === null) {
      throw new QuerySyntaxError(`Unterminated range starting at ${col(pos)}: missing ']' or '}'; ${shape}`);
    }
    const isTo = (p: { text: string; bare: boolean } | undefined) => p !== undefined && p.bare && p.text === 'TO';
    if (parts.length !== 3 || !isTo(parts[1]) || isTo(parts[0]) || isTo(parts[2])) {
      const toCount = parts.filter(isTo).length;
      const why = toCount === 0 ? "missing 'TO'" : toCount > 1 ? "more than one 'TO'"
        : isTo(parts[0]) ? 'missing lower bound' : isTo(parts[parts.length - 1]) ? 'missing upper bound'
        : 'exactly one value is allowed on each side of TO (quote values with spaces)';
      throw new QuerySyntaxError(`Invalid range at ${col(pos)} (${why}); ${shape}`);
    }
    const b = (p: { text: string; bare: boolean }) => (p.bare && p.text === '*' ? null : p.text);
    return {
      t: 'range', pos, lower: b(parts[0]!), upper: b(parts[2]!),
      includeLower: open === '[', includeUpper: close === ']',
    };
  }

  /** `^boost` or `~[number]` right after a term, phrase, range or ')': accepted, ignored. */
  private modifier(prev: Token | undefined) {
    const s = this.src;
    const pos = this.i;
    const c = s[pos]!;
    const attached = prev !== undefined && pos > 0 && !WS.test(s[pos - 1]!) &&
      (prev.t === 'term' || prev.t === 'phrase' || prev.t === 'range' || prev.t === 'rparen');
    const num = /^\d+(?:\.\d+)?|^\.\d+/.exec(s.slice(pos + 1));
    if (!attached || (c === '^' && !num)) {
      throw new QuerySyntaxError(c === '^'
        ? `Misplaced '^' at ${col(pos)}: a boost is written term^2 (escape a literal caret as \\^)`
        : `Misplaced '~' at ${col(pos)}: fuzziness is written term~ or "a phrase"~2 (escape a literal tilde as \\~)`);
    }
    this.i = pos + 1 + (num ? num[0].length : 0);
  }
}

const STARTS_CLAUSE: ReadonlySet<TokenType> = new Set(['lparen', 'not', 'plus', 'minus', 'field', 'term', 'phrase', 'range']);

class Parser {
  private p = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.p];
  }

  private next(): Token {
    return this.tokens[this.p++]!;
  }

  parse(): QueryNode {
    const first = this.peek();
    if (first && (first.t === 'and' || first.t === 'or')) {
      throw new QuerySyntaxError(`Query cannot start with ${describe(first)}: '${first.text}' needs a term on each side`);
    }
    const node = this.parseOr(null);
    const rest = this.peek();
    if (rest) {
      if (rest.t === 'rparen') throw new QuerySyntaxError(`Unbalanced parentheses: ${describe(rest)} has no matching '('`);
      throw new QuerySyntaxError(`Unexpected ${describe(rest)}`);
    }
    return node;
  }

  /** The clause after an operator must exist. */
  private expectClause(op: Token & { text: string }) {
    const tok = this.peek();
    if (!tok || !STARTS_CLAUSE.has(tok.t)) {
      throw new QuerySyntaxError(`'${op.text}' at ${col(op.pos)} must be followed by a search term, found ${describe(tok)}`);
    }
  }

  private parseOr(field: string | null): QueryNode {
    const children = [this.parseAnd(field)];
    while (this.peek()?.t === 'or') {
      const op = this.next() as Token & { text: string };
      this.expectClause(op);
      children.push(this.parseAnd(field));
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }

  private parseAnd(field: string | null): QueryNode {
    const children = [this.parseUnary(field)];
    for (;;) {
      const tok = this.peek();
      if (tok?.t === 'and') {
        this.next();
        this.expectClause(tok);
      } else if (!tok || !STARTS_CLAUSE.has(tok.t)) {
        break;
      }
      children.push(this.parseUnary(field));
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }

  private parseUnary(field: string | null): QueryNode {
    let negate = false;
    let tok = this.peek();
    while (tok && (tok.t === 'not' || tok.t === 'minus' || tok.t === 'plus')) {
      this.next();
      this.expectClause(tok);
      if (tok.t !== 'plus') negate = !negate;
      tok = this.peek();
    }
    const node = this.parsePrimary(field);
    return negate ? { kind: 'not', child: node } : node;
  }

  private parsePrimary(field: string | null): QueryNode {
    const tok = this.next();
    switch (tok?.t) {
      case 'lparen':
        return this.group(tok, field);
      case 'field':
        return this.fieldClause(tok);
      case 'term':
        if (tok.stars) return field === null ? { kind: 'all' } : { kind: 'exists', field };
        if (tok.prefix) return { kind: 'prefix', field, value: tok.value };
        return { kind: 'term', field, value: tok.value, phrase: false };
      case 'phrase':
        return { kind: 'term', field, value: tok.value, phrase: true };
      case 'range':
        if (field === null) {
          throw new QuerySyntaxError(`The range at ${col(tok.pos)} needs a field other than the full-text field, ` +
            'e.g. metadata_modified:[NOW-1DAY TO NOW]');
        }
        if (tok.lower === null && tok.upper === null) return { kind: 'exists', field };
        return { kind: 'range', field, lower: tok.lower, upper: tok.upper, includeLower: tok.includeLower, includeUpper: tok.includeUpper };
      case 'rparen':
        throw new QuerySyntaxError(`Unbalanced parentheses: ${describe(tok)} has no matching '(' or closes an empty group`);
      default:
        throw new QuerySyntaxError(`Expected a search term, found ${describe(tok)}`);
    }
  }

  private group(open: Token, field: string | null): QueryNode {
    if (++this.depth > MAX_DEPTH) throw new QuerySyntaxError(`Query is nested too deeply (more than ${MAX_DEPTH} levels of parentheses)`);
    const first = this.peek();
    if (first?.t === 'rparen') throw new QuerySyntaxError(`Empty parentheses at ${col(open.pos)}`);
    if (first && (first.t === 'and' || first.t === 'or')) {
      throw new QuerySyntaxError(`${describe(first)} needs a search term before it`);
    }
    if (!first) throw new QuerySyntaxError(`Unbalanced parentheses: '(' at ${col(open.pos)} is never closed`);
    const inner = this.parseOr(field);
    const close = this.next();
    if (close?.t !== 'rparen') {
      throw new QuerySyntaxError(close
        ? `Expected ')' to close '(' at ${col(open.pos)}, found ${describe(close)}`
        : `Unbalanced parentheses: '(' at ${col(open.pos)} is never closed`);
    }
    this.depth--;
    return inner;
  }

  private fieldClause(tok: Token & { t: 'field' }): QueryNode {
    const name = tok.name === DEFAULT_FIELD ? null : tok.name;
    const value = this.peek();
    if (!value || !(value.t === 'lparen' || value.t === 'term' || value.t === 'phrase' || value.t === 'range')) {
      throw new QuerySyntaxError(`Missing value after '${tok.name}:' at ${col(tok.pos)}`);
    }
    if (name === '*') {
      if (value.t === 'term' && value.stars) { this.next(); return { kind: 'all' }; }
      throw new QuerySyntaxError(`A '*' field name at ${col(tok.pos)} is only allowed in '*:*'`);
    }
    return this.parsePrimary(name);
  }
}

/**
 * Parses q / fq text into a normalized tree (see ast.ts for its guarantees). Blank and `*:*`
 * mean everything. Throws QuerySyntaxError, with a message fit for the API caller, on bad input.
 */
export function parseQuery(input: string): QueryNode {
  if (input.trim() === '') return { kind: 'all' };
  const tokens = new Lexer(input).run();
  return normalize(new Parser(tokens).parse());
}

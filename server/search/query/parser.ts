// Parses the query language CKAN clients send in q and fq: field:value, "phrases", AND/OR/NOT,
// + and -, parentheses, [a TO b] / {a TO b} ranges, trailing wildcards, *:* and field:*.
// Implicit operator AND; precedence NOT > AND > OR.
import type { QueryNode } from './ast.js';

export class QuerySyntaxError extends Error {}

type Token =
  | { t: 'word'; v: string; quoted: boolean; wildcard: boolean }
  | { t: 'lparen' } | { t: 'rparen' }
  | { t: 'and' } | { t: 'or' } | { t: 'not' }
  | { t: 'plus' } | { t: 'minus' }
  | { t: 'colon' }
  | { t: 'range'; lower: string | null; upper: string | null; includeLower: boolean; includeUpper: boolean };

const SPECIAL = new Set(['(', ')', ':', '"', '[', ']', '{', '}', ' ', '\t', '\n', '\r']);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(') { tokens.push({ t: 'lparen' }); i++; continue; }
    if (c === ')') { tokens.push({ t: 'rparen' }); i++; continue; }
    if (c === ':') { tokens.push({ t: 'colon' }); i++; continue; }
    if (c === '&' && input[i + 1] === '&') { tokens.push({ t: 'and' }); i += 2; continue; }
    if (c === '|' && input[i + 1] === '|') { tokens.push({ t: 'or' }); i += 2; continue; }
    if ((c === '+' || c === '-' || c === '!') && (tokens.length === 0 || prevAllowsPrefix(tokens[tokens.length - 1]!)) && i + 1 < input.length && !/\s/.test(input[i + 1]!)) {
      tokens.push(c === '+' ? { t: 'plus' } : c === '-' ? { t: 'minus' } : { t: 'not' });
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let v = '';
      while (j < input.length && input[j] !== '"') {
        if (input[j] === '\\' && j + 1 < input.length) { v += input[j + 1]; j += 2; } else { v += input[j]; j++; }
      }
      if (j >= input.length) throw new QuerySyntaxError('Unterminated quoted phrase');
      tokens.push({ t: 'word', v, quoted: true, wildcard: false });
      i = j + 1;
      continue;
    }
    if (c === '[' || c === '{') {
      const close = input.slice(i + 1).search(/[\]}]/);
      if (close < 0) throw new QuerySyntaxError('Unterminated range');
      const body = input.slice(i + 1, i + 1 + close).trim();
      const end = input[i + 1 + close];
      const m = /^(\S+)\s+TO\s+(\S+)$/.exec(body);
      if (!m) throw new QuerySyntaxError(`Invalid range ${c}${body}${end}`);
      const unq = (s: string) => (s === '*' ? null : s.replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1'));
      tokens.push({ t: 'range', lower: unq(m[1]!), upper: unq(m[2]!), includeLower: c === '[', includeUpper: end === ']' });
      i = i + 2 + close;
      continue;
    }
    if (c === ']' || c === '}') throw new QuerySyntaxError(`Unexpected ${c}`);
    let v = '';
    let wildcard = false;
    while (i < input.length && !SPECIAL.has(input[i]!)) {
      if (input[i] === '\\' && i + 1 < input.length) { v += input[i + 1]; i += 2; continue; }
      if (input[i] === '*' && (i + 1 >= input.length || SPECIAL.has(input[i + 1]!))) { wildcard = true; i++; continue; }
      v += input[i];
      i++;
    }
    if (!wildcard && v === 'AND') tokens.push({ t: 'and' });
    else if (!wildcard && v === 'OR') tokens.push({ t: 'or' });
    else if (!wildcard && v === 'NOT') tokens.push({ t: 'not' });
    else tokens.push({ t: 'word', v, quoted: false, wildcard });
  }
  return tokens;
}

function prevAllowsPrefix(tok: Token): boolean {
  return tok.t !== 'word' && tok.t !== 'rparen' && tok.t !== 'range' && tok.t !== 'colon';
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  parse(): QueryNode {
    const node = this.parseOr();
    if (this.pos < this.tokens.length) throw new QuerySyntaxError(`Unexpected ${this.describe(this.peek()!)}`);
    return node;
  }

  private describe(tok: Token): string {
    return tok.t === 'word' ? `"${tok.v}"` : tok.t === 'rparen' ? '")"' : tok.t;
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peek()?.t === 'or') {
      this.pos++;
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }

  private parseAnd(): QueryNode {
    const children: QueryNode[] = [this.parseUnary()];
    for (;;) {
      const tok = this.peek();
      if (!tok || tok.t === 'or' || tok.t === 'rparen') break;
      if (tok.t === 'and') this.pos++;
      children.push(this.parseUnary());
    }
    // A clause list of only negations means "everything except".
    if (children.every((c): boolean => c.kind === 'not')) children.unshift({ kind: 'all' });
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }

  private parseUnary(): QueryNode {
    const tok = this.peek();
    if (!tok) throw new QuerySyntaxError('Query ends where a term was expected');
    if (tok.t === 'not' || tok.t === 'minus') {
      this.pos++;
      return { kind: 'not', child: this.parseUnary() };
    }
    if (tok.t === 'plus') {
      this.pos++;
      return this.parseUnary();
    }
    return this.parsePrimary(null);
  }

  private parsePrimary(field: string | null): QueryNode {
    const tok = this.peek();
    if (!tok) throw new QuerySyntaxError('Query ends where a term was expected');
    if (tok.t === 'lparen') {
      this.pos++;
      const inner = field === null ? this.parseOr() : this.withField(field, () => this.parseOr());
      if (this.peek()?.t !== 'rparen') throw new QuerySyntaxError('Missing closing parenthesis');
      this.pos++;
      return inner;
    }
    if (tok.t === 'range') {
      if (!field && !this.fieldStack.length) throw new QuerySyntaxError('A range needs a field');
      this.pos++;
      return { kind: 'range', field: field ?? this.fieldStack[this.fieldStack.length - 1]!, lower: tok.lower, upper: tok.upper, includeLower: tok.includeLower, includeUpper: tok.includeUpper };
    }
    if (tok.t !== 'word') throw new QuerySyntaxError(`Unexpected ${this.describe(tok)}`);
    this.pos++;
    if (!tok.quoted && this.peek()?.t === 'colon') {
      this.pos++;
      if (field !== null) throw new QuerySyntaxError('Nested field');
      const name = tok.v || (tok.wildcard ? '*' : '');
      if (!name) throw new QuerySyntaxError('Empty field name');
      const next = this.peek();
      if (name === '*' && next?.t === 'word' && next.wildcard && next.v === '') {
        this.pos++;
        return { kind: 'all' };
      }
      if (!next) throw new QuerySyntaxError(`Field ${name} has no value`);
      if (next.t === 'word' && next.wildcard && next.v === '' && !next.quoted) {
        this.pos++;
        return { kind: 'exists', field: name };
      }
      if (next.t === 'lparen' || next.t === 'range' || next.t === 'word') return this.parsePrimary(name);
      throw new QuerySyntaxError(`Field ${name} has no value`);
    }
    const f = field ?? (this.fieldStack.length ? this.fieldStack[this.fieldStack.length - 1]! : null);
    if (tok.wildcard && !tok.quoted) {
      if (tok.v === '') return f ? { kind: 'exists', field: f } : { kind: 'all' };
      return { kind: 'prefix', field: f, value: tok.v };
    }
    if (tok.v === '' && !tok.quoted) throw new QuerySyntaxError('Empty term');
    return { kind: 'term', field: f, value: tok.v, phrase: tok.quoted };
  }

  private fieldStack: string[] = [];
  private withField<T>(field: string, fn: () => T): T {
    this.fieldStack.push(field);
    try { return fn(); } finally { this.fieldStack.pop(); }
  }
}

export function parseQuery(input: string): QueryNode {
  const text = input.trim();
  if (text === '' || text === '*:*' || text === '""' || text === "''") return { kind: 'all' };
  if (text.includes('{!')) throw new QuerySyntaxError('Local parameters are not supported');
  return new Parser(tokenize(text)).parse();
}

const UNIT_MS: Record<string, number> = { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000, DATE: 86_400_000, MILLI: 1, MILLISECOND: 1 };

/**
 * Solr date math (`NOW`, `NOW-1DAY`, `NOW/DAY`, `2024-01-01T00:00:00Z+1MONTH`) → naive-UTC
 * `YYYY-MM-DDTHH:MM:SS.ffffff`. Microseconds written in the input are kept exactly.
 */
export function resolveDateMath(value: string, now: Date = new Date()): string {
  const m = /^(NOW|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?Z?)((?:[+-]\d+[A-Z]+|\/[A-Z]+)*)$/.exec(value.trim());
  if (!m) throw new QuerySyntaxError(`Invalid date: ${value}`);
  let micros = 0;
  let t: Date;
  if (m[1] === 'NOW') t = new Date(now.getTime());
  else {
    const base = m[1]!.replace(/Z$/, '');
    const [datePart, timePart = '00:00:00'] = base.split('T');
    const [hms, frac = ''] = timePart.split('.');
    const full = hms!.length === 5 ? `${hms}:00` : hms!;
    t = new Date(`${datePart}T${full}Z`);
    if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== datePart) throw new QuerySyntaxError(`Invalid date: ${value}`);
    micros = Number(frac.padEnd(6, '0').slice(0, 6));
  }
  for (const op of (m[2] ?? '').match(/[+-]\d+[A-Z]+|\/[A-Z]+/g) ?? []) {
    const unit = op.replace(/^[+-]?\/?\d*/, '').replace(/S$/, '');
    if (op.startsWith('/')) {
      micros = 0;
      if (unit === 'YEAR') t = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
      else if (unit === 'MONTH') t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
      else if (UNIT_MS[unit]) t = new Date(Math.floor(t.getTime() / UNIT_MS[unit]!) * UNIT_MS[unit]!);
      else throw new QuerySyntaxError(`Invalid date unit in ${value}`);
      continue;
    }
    const n = Number(op.slice(0, op.length - op.replace(/^[+-]\d+/, '').length));
    if (unit === 'YEAR') t = new Date(Date.UTC(t.getUTCFullYear() + n, t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds(), t.getUTCMilliseconds()));
    else if (unit === 'MONTH') t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + n, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds(), t.getUTCMilliseconds()));
    else if (UNIT_MS[unit]) t = new Date(t.getTime() + n * UNIT_MS[unit]!);
    else throw new QuerySyntaxError(`Invalid date unit in ${value}`);
  }
  const iso = t.toISOString();
  const us = m[1] === 'NOW' ? t.getUTCMilliseconds() * 1000 : micros;
  return `${iso.slice(0, 19)}.${String(us).padStart(6, '0')}`;
}

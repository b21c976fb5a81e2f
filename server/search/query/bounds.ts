// How much a package_search may ask for, checked before any backend starts on it (LIMITS in
// core/limits.ts): the length of q and of each fq, the number of clauses in them all, and
// the words of free text. Beyond a bound the search is refused with a QuerySyntaxError, a 409,
// as Solr refuses a query past maxBooleanClauses.
import { LIMITS } from '../../core/limits.js';
import { fold } from '../../text/fold.js';
import type { QueryNode } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { parseQuery } from './parser.js';

/** q names a field (an unescaped `:`), so it is read as a query; otherwise it is free text. */
export function namesAField(q: string): boolean {
  return /(^|[^\\]):/.test(q);
}

/** q as nothing to search for: everything matches. */
export function matchesAll(q: string): boolean {
  return q === '' || q === '*:*' || q === '""' || q === "''";
}

/** The distinct words of free text, folded, in the order written (the words search looks for). */
export function freeTextWords(q: string): string[] {
  return [...new Set(q.toLowerCase().normalize('NFC').split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean).map(fold))];
}

/** Clauses of a parsed query: each leaf, and each word of a multi-word value (a phrase). */
function clauses(node: QueryNode): number {
  let n = 0;
  const stack: QueryNode[] = [node];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === 'and' || x.kind === 'or') stack.push(...x.children);
    else if (x.kind === 'not') stack.push(x.child);
    else if (x.kind === 'term' || x.kind === 'prefix') n += Math.max(1, x.value.split(/\s+/u).filter(Boolean).length);
    else n += 1;
  }
  return n;
}

const count = (n: number) => n.toLocaleString('en');

/** Throws QuerySyntaxError when q and fq ask for more than a search may. */
export function checkQueryBounds(q: string, fq: string[]): void {
  for (const [name, text] of [['q', q] as const, ...fq.map((f) => ['fq', f] as const)]) {
    if (text.length > LIMITS.queryChars) {
      throw new QuerySyntaxError(`${name} is ${count(text.length)} characters long; at most ${count(LIMITS.queryChars)} are accepted`);
    }
  }
  let total = 0;
  const text = q.trim();
  if (!matchesAll(text)) {
    if (namesAField(text)) total += clauses(parseQuery(text));
    else {
      const words = freeTextWords(text).length;
      if (words > LIMITS.freeTextWords) {
        throw new QuerySyntaxError(`q has ${count(words)} different words; at most ${LIMITS.freeTextWords} are searched for`);
      }
      total += words;
    }
  }
  for (const f of fq) if (f.trim()) total += clauses(parseQuery(f));
  if (total > LIMITS.queryClauses) {
    throw new QuerySyntaxError(`too many clauses: q and fq have ${count(total)} terms together; at most ${count(LIMITS.queryClauses)} are allowed (maxBooleanClauses)`);
  }
}

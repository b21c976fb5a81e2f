// package_search as a Meilisearch request: the parsed query (query/ast.ts) becomes a filter
// expression, free text becomes `q`, and the caller's visibility is added as CKAN adds it. What
// Meilisearch filters cannot express (a word in one text field, prefixes, string ranges) raises
// MeiliUnsupported, and that search is answered by Postgres instead.
import type { QueryNode } from './query/ast.js';
import { parseQuery } from './query/parser.js';
import { matchesAll, namesAField } from './query/bounds.js';
import { resolveDateMath } from './query/date-math.js';
import { QuerySyntaxError } from './query/errors.js';
import { epochMicros } from './meili-document.js';
import { parseSort } from './sort.js';
import type { SearchCaller, SearchParams } from './search-index.js';
import { listedMeili, meiliQuote } from '../core/visibility.js';
import { namesState, searchListing } from './search-listing.js';

export class MeiliUnsupported extends Error {
  override name = 'MeiliUnsupported';
}

const EXACT: Record<string, string> = {
  id: 'id', name: 'name', type: 'type', dataset_type: 'type', state: 'state', license_id: 'license_id',
  owner_org: 'owner_org', organization: 'organization', creator_user_id: 'creator_user_id', tags: 'tags',
  groups: 'groups', res_format: 'res_format', res_url: 'res_url', res_type: 'res_type', url: 'url', version: 'version',
  author_email: 'author_email', maintainer_email: 'maintainer_email', title_string: 'title',
};
const TIMES = new Set(['metadata_created', 'metadata_modified']);
const NUMBERS = new Set(['num_resources', 'num_tags']);
const TEXT = new Set(['text', 'title', 'notes', 'author', 'maintainer', 'res_name', 'res_description']);
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/;

export const quoteValue = meiliQuote;

/** The Meilisearch attribute an exact field maps to; extras keys must be plain identifiers. */
function attribute(field: string): string {
  if (EXACT[field]) return EXACT[field]!;
  const key = field.startsWith('extras_') ? field.slice('extras_'.length) : field;
  if (TEXT.has(field) || !/^[A-Za-z0-9_]+$/.test(key)) throw new MeiliUnsupported(`field ${field}`);
  return `extras.${key}`;
}

function bound(field: string, value: string, now: Date): string {
  if (TIMES.has(field)) return String(epochMicros(resolveDateMath(value, now)));
  if (NUMBERS.has(field)) {
    if (!NUMBER.test(value.trim())) throw new QuerySyntaxError(`Invalid value '${value}' for ${field}: expected a number`);
    return String(Number(value.trim()));
  }
  throw new MeiliUnsupported(`range on ${field}`);
}

/** A filter expression for a tree; null means "everything". */
export function meiliFilter(node: QueryNode, now = new Date()): string | null {
  switch (node.kind) {
    case 'all':
      return null;
    case 'and': {
      const parts = node.children.map((c) => (c.kind === 'not' ? negate(c.child, now) : meiliFilter(c, now))).filter((p): p is string => p !== null);
      if (parts.length <= 1) return parts[0] ?? null;
      return parts.map((p) => `(${p})`).join(' AND ');
    }
    case 'or': {
      const parts = node.children.map((c) => meiliFilter(c, now));
      if (parts.some((p) => p === null)) return null;
      return parts.map((p) => `(${p})`).join(' OR ');
    }
    case 'not':
      return negate(node.child, now);
    case 'exists': {
      if (node.field === 'capacity') return null;
      const a = TIMES.has(node.field) || NUMBERS.has(node.field) ? node.field : attribute(node.field);
      return `${a} EXISTS AND ${a} IS NOT NULL AND ${a} IS NOT EMPTY`;
    }
    case 'range': {
      if (!TIMES.has(node.field) && !NUMBERS.has(node.field)) throw new MeiliUnsupported(`range on ${node.field}`);
      const parts: string[] = [];
      if (node.lower !== null) parts.push(`${node.field} ${node.includeLower ? '>=' : '>'} ${bound(node.field, node.lower, now)}`);
      if (node.upper !== null) parts.push(`${node.field} ${node.includeUpper ? '<=' : '<'} ${bound(node.field, node.upper, now)}`);
      return parts.length ? parts.join(' AND ') : `${node.field} EXISTS`;
    }
    case 'prefix':
      throw new MeiliUnsupported('prefix');
    case 'term': {
      const field = node.field ?? 'text';
      if (field === 'capacity') {
        if (node.value === 'public') return 'private = false';
        if (node.value === 'private') return 'private = true';
        return 'id IS NULL'; // matches nothing
      }
      if (TIMES.has(field) || NUMBERS.has(field)) return `${field} = ${bound(field, node.value, now)}`;
      return `${attribute(field)} = ${quoteValue(node.value)}`;
    }
  }
}

function negate(node: QueryNode, now: Date): string {
  const inner = meiliFilter(node, now);
  return inner === null ? 'id IS NULL' : `NOT (${inner})`;
}

/** What the caller may see (the one rule), as PostgresSearch adds it; null when nothing is hidden. */
export function visibilityFilter(params: SearchParams, caller: SearchCaller, fqNamesState: boolean): string | null {
  return listedMeili(caller, searchListing(params, fqNamesState));
}

const SORTS: Record<string, string> = {
  metadata_modified: 'metadata_modified', metadata_created: 'metadata_created', name: 'name', title_string: 'title_sort',
  title: 'title_sort', id: 'id', num_resources: 'num_resources', num_tags: 'num_tags',
};

const FACET_ATTRIBUTES: Record<string, string> = {
  organization: 'organization', tags: 'tags', groups: 'groups', res_format: 'res_format', license_id: 'license_id',
  type: 'type', dataset_type: 'type', state: 'state', name: 'name', owner_org: 'owner_org',
};

export function facetAttribute(field: string): string {
  if (FACET_ATTRIBUTES[field]) return FACET_ATTRIBUTES[field]!;
  if (field.startsWith('extras_') && /^[A-Za-z0-9_]+$/.test(field.slice(7))) return `extras.${field.slice(7)}`;
  throw new MeiliUnsupported(`facet ${field}`);
}

export interface MeiliRequest {
  q: string;
  filter: string;
  sort: string[] | undefined;
  matchingStrategy: 'all' | 'frequency';
  facets: string[];
}

export function meiliRequest(params: SearchParams, caller: SearchCaller, now = new Date()): MeiliRequest {
  const filters: string[] = [];
  let q = '';
  const text = params.q.trim();
  if (!matchesAll(text)) {
    if (namesAField(text)) {
      const f = meiliFilter(parseQuery(text), now);
      if (f) filters.push(f);
    } else q = text;
  }
  for (const fq of params.fq) {
    if (!fq.trim()) continue;
    const f = meiliFilter(parseQuery(fq), now);
    if (f) filters.push(f);
  }
  const visible = visibilityFilter(params, caller, namesState(params.fq));
  if (visible) filters.push(visible);
  const clauses = parseSort(params.sort);
  // Relevance first means Meilisearch's own ranking; it cannot put a field after relevance.
  const sort = clauses[0]!.field === 'score' || clauses[0]!.field === 'rank'
    ? undefined
    : clauses.filter((c) => SORTS[c.field]).map((c) => `${SORTS[c.field]}:${c.dir}`).concat('id:asc');
  const words = q.split(/\s+/).filter(Boolean).length;
  return {
    q,
    filter: filters.map((f) => `(${f})`).join(' AND '),
    sort,
    matchingStrategy: words <= 2 ? 'all' : 'frequency',
    facets: [...new Set(params.facetFields.map(facetAttribute))],
  };
}

// Translates a parsed query (ast.ts) into a boolean condition over search_documents.
//
// Exact fields compare exactly, case- and accent-sensitive, as Solr's string fields do; text
// fields go through the folded full-text vector `tsv`. Every user value is a bound parameter.
//
// Field → column:
//   name id type|dataset_type state license_id owner_org organization creator_user_id
//   title_string, url version author_email maintainer_email (from the stored dict)   exact string
//   capacity                                            public ↔ private = false, private ↔ true
//   tags groups res_format, res_url res_type (over the stored resources)            exact, any of
//   metadata_created metadata_modified                       timestamps; bounds use date math
//   num_resources num_tags                                                              numbers
//   text (and bare words) title notes author maintainer res_name res_description      full text
//   extras_<key>, and any other name as a bare extras key                        exact extras value
//
// Full-text fields are scoped through the weights postgres-search.ts gives the vector's parts
// (A: title and name, B: tags, groups, organization, C: notes, author, maintainer, extras,
// D: resource names, descriptions, formats): `title:hue` matches Huế in the title only.
//
// Result semantics: the SQL is true for matching rows and false or NULL for the rest (use it in
// WHERE). A negation coalesces its operand, so rows lacking a value (no organization, no such
// extra) count as "not matching" and are kept by `-organization:x`.
import { sql, type SQL } from 'drizzle-orm';
import { packages, searchDocuments as d } from '../../db/schema.js';
import { fold } from '../../text/fold.js';
import type { QueryNode, RangeNode } from './ast.js';
import { resolveDateMath } from './date-math.js';
import { QuerySyntaxError } from './errors.js';
import { escapeLike } from '../../db/like.js';

export interface QueryToSqlOptions {
  /** the instant NOW means in date math (default: the current time) */
  now?: Date;
}

type FieldSpec =
  /** one string value per dataset */
  | { kind: 'string'; expr: SQL; exists?: SQL }
  | { kind: 'capacity' }
  /** several string values per dataset; `elements` is a set usable as `from <elements> as u(v)` */
  | { kind: 'array'; elements: SQL; contains?: (value: string) => SQL; exists: SQL }
  | { kind: 'timestamp'; expr: SQL }
  | { kind: 'number'; expr: SQL }
  /** folded full text; weights restrict which parts of the vector count ('' = all) */
  | { kind: 'text'; weights: string; exists: SQL };

const TRUE = sql`true`;
const FALSE = sql`false`;

// Fields without a column of their own are read from the dataset's stored package_show dict.
const storedDict = sql`(select ${packages.showCache} from ${packages} where ${packages.id} = ${d.packageId})`;
const dataText = (key: string) => sql`(${storedDict} ->> ${key}::text)`;
const nonEmpty = (expr: SQL) => sql`coalesce(${expr}, '') <> ''`;

/** The values of one key over the stored dict's resources, as a set. */
const resourceValues = (key: string) => sql`(select r ->> ${key}::text from jsonb_array_elements(case when jsonb_typeof(${storedDict} -> 'resources') = 'array' then ${storedDict} -> 'resources' end) r)`;

const arrayColumn = (column: typeof d.tags | typeof d.groups | typeof d.resFormats): FieldSpec => ({
  kind: 'array',
  elements: sql`unnest(${column})`,
  contains: (value) => sql`${column} @> array[${value}::text]`,
  exists: sql`cardinality(${column}) > 0`,
});

const resourceArray = (key: string): FieldSpec => ({
  kind: 'array',
  elements: resourceValues(key),
  exists: sql`exists (select 1 from ${resourceValues(key)} as u(v) where coalesce(u.v, '') <> '')`,
});

function extrasField(key: string): FieldSpec {
  return { kind: 'string', expr: sql`(${d.extras} ->> ${key}::text)`, exists: sql`${d.extras} ? ${key}::text` };
}

function fieldSpec(field: string | null): FieldSpec {
  switch (field) {
    case null:
    case 'text':
      return { kind: 'text', weights: '', exists: TRUE };
    case 'title':
      return { kind: 'text', weights: 'A', exists: nonEmpty(sql`${d.title}`) };
    case 'notes':
    case 'author':
    case 'maintainer':
      return { kind: 'text', weights: 'C', exists: nonEmpty(dataText(field)) };
    case 'res_name':
    case 'res_description':
      return {
        kind: 'text', weights: 'D',
        exists: sql`exists (select 1 from ${resourceValues(field.slice(4))} as u(v) where coalesce(u.v, '') <> '')`,
      };
    case 'name': return { kind: 'string', expr: sql`${d.name}` };
    case 'id': return { kind: 'string', expr: sql`${d.packageId}` };
    case 'type':
    case 'dataset_type': return { kind: 'string', expr: sql`${d.type}` };
    case 'state': return { kind: 'string', expr: sql`${d.state}` };
    case 'license_id': return { kind: 'string', expr: sql`${d.licenseId}` };
    case 'owner_org': return { kind: 'string', expr: sql`${d.ownerOrg}` };
    case 'organization': return { kind: 'string', expr: sql`${d.organization}` };
    case 'creator_user_id': return { kind: 'string', expr: sql`${d.creatorUserId}` };
    case 'title_string': return { kind: 'string', expr: sql`${d.title}` };
    case 'url':
    case 'version':
    case 'author_email':
    case 'maintainer_email':
      return { kind: 'string', expr: dataText(field) };
    case 'capacity': return { kind: 'capacity' };
    case 'tags': return arrayColumn(d.tags);
    case 'groups': return arrayColumn(d.groups);
    case 'res_format': return arrayColumn(d.resFormats);
    case 'res_url': return resourceArray('url');
    case 'res_type': return resourceArray('resource_type');
    case 'metadata_created': return { kind: 'timestamp', expr: sql`${d.metadataCreated}` };
    case 'metadata_modified': return { kind: 'timestamp', expr: sql`${d.metadataModified}` };
    case 'num_resources': return { kind: 'number', expr: sql`${d.numResources}` };
    case 'num_tags': return { kind: 'number', expr: sql`${d.numTags}` };
    default:
      // extras_<key>, or a bare extras key; a name that is neither simply matches nothing.
      return extrasField(field.startsWith('extras_') ? field.slice('extras_'.length) : field);
  }
}

function likePrefix(value: string): string {
  return `${escapeLike(value)}%`;
}

/** Postgres text cannot hold NUL: a value containing one cannot equal anything stored. */
const hasNul = (s: string) => s.includes('\0');

/**
 * The to_tsquery text for one term: the folded value as a single quoted lexeme group (Postgres's
 * parser splits it exactly as it split the indexed text, several words giving a `<->` phrase),
 * with `:*` for a prefix and the field's weights. Quote and backslash, the only characters special
 * inside quotes, become spaces, so no input can make a tsquery syntax error. null when nothing
 * searchable is left.
 */
export function tsqueryText(value: string, prefix: boolean, weights = ''): string | null {
  const folded = fold(value).replace(/['\\\0]/g, ' ');
  if (!/[\p{L}\p{N}]/u.test(folded)) return null;
  const suffix = prefix || weights ? `:${prefix ? '*' : ''}${weights}` : '';
  return `'${folded}'${suffix}`;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/;

function numberValue(field: string, value: string): string {
  const v = value.trim();
  if (!NUMBER.test(v)) throw new QuerySyntaxError(`Invalid value '${value}' for ${field}: expected a number`);
  return v;
}

function dateValue(field: string, value: string, now: Date): string {
  try {
    return resolveDateMath(value, now);
  } catch (err) {
    if (err instanceof QuerySyntaxError) throw new QuerySyntaxError(`${field}: ${err.message}`);
    throw err;
  }
}

function comparisons(expr: SQL, lower: SQL | null, upper: SQL | null, node: RangeNode): SQL {
  const parts: SQL[] = [];
  if (lower) parts.push(node.includeLower ? sql`${expr} >= ${lower}` : sql`${expr} > ${lower}`);
  if (upper) parts.push(node.includeUpper ? sql`${expr} <= ${upper}` : sql`${expr} < ${upper}`);
  return parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` and `)})`;
}

/** String comparisons in code-point order, as Solr compares string fields. */
function stringRange(expr: SQL, node: RangeNode): SQL {
  const b = (v: string | null) => (v === null ? null : sql`${v.replace(/\0/g, '')}::text`);
  return comparisons(sql`(${expr}) collate "C"`, b(node.lower), b(node.upper), node);
}

function anyElement(elements: SQL, cond: (v: SQL) => SQL): SQL {
  return sql`exists (select 1 from ${elements} as u(v) where ${cond(sql`u.v`)})`;
}

function capacity(test: (value: 'public' | 'private') => boolean): SQL {
  const pub = test('public');
  const priv = test('private');
  if (pub && priv) return TRUE;
  if (pub) return sql`${d.private} = false`;
  if (priv) return sql`${d.private} = true`;
  return FALSE;
}

function inRange(value: string, node: RangeNode): boolean {
  const { lower, upper, includeLower, includeUpper } = node;
  if (lower !== null && (includeLower ? value < lower : value <= lower)) return false;
  if (upper !== null && (includeUpper ? value > upper : value >= upper)) return false;
  return true;
}

function noWildcards(field: string, kind: string): never {
  throw new QuerySyntaxError(`Wildcard queries are not supported on the ${kind} field ${field}; use a range instead`);
}

/** null: the clause has nothing to search for (e.g. only punctuation) and is left out. */
function leaf(node: Exclude<QueryNode, { kind: 'and' | 'or' | 'not' }>, now: Date): SQL | null {
  if (node.kind === 'all') return TRUE;
  if (node.field !== null && hasNul(node.field)) return FALSE; // no such key can be stored
  const name = node.field ?? 'text';
  const spec = fieldSpec(node.field);

  if (node.kind === 'exists') {
    switch (spec.kind) {
      case 'string': return spec.exists ?? sql`${spec.expr} is not null`;
      case 'capacity': return TRUE;
      case 'array': case 'text': return spec.exists;
      case 'timestamp': case 'number': return sql`${spec.expr} is not null`;
    }
  }

  if (node.kind === 'range') {
    switch (spec.kind) {
      case 'string': return stringRange(spec.expr, node);
      case 'capacity': return capacity((v) => inRange(v, node));
      case 'array': return anyElement(spec.elements, (v) => stringRange(v, node));
      case 'timestamp': {
        const b = (v: string | null) => (v === null ? null : sql`${dateValue(name, v, now)}::timestamp`);
        return comparisons(spec.expr, b(node.lower), b(node.upper), node);
      }
      case 'number': {
        const b = (v: string | null) => (v === null ? null : sql`${numberValue(name, v)}::numeric`);
        return comparisons(spec.expr, b(node.lower), b(node.upper), node);
      }
      case 'text':
        throw new QuerySyntaxError(`Range queries are not supported on the full-text field ${name}`);
    }
  }

  const value = node.value;
  const prefix = node.kind === 'prefix';
  switch (spec.kind) {
    case 'text': {
      const q = tsqueryText(value, prefix, spec.weights);
      return q === null ? null : sql`${d.tsv} @@ to_tsquery('simple', ${q})`;
    }
    case 'string':
      if (hasNul(value)) return FALSE;
      return prefix ? sql`${spec.expr} like ${likePrefix(value)} escape '\\'` : sql`${spec.expr} = ${value}`;
    case 'capacity':
      return capacity((v) => (prefix ? v.startsWith(value) : v === value));
    case 'array':
      if (hasNul(value)) return FALSE;
      if (prefix) return anyElement(spec.elements, (v) => sql`${v} like ${likePrefix(value)} escape '\\'`);
      return spec.contains ? spec.contains(value) : anyElement(spec.elements, (v) => sql`${v} = ${value}`);
    case 'timestamp':
      if (prefix) noWildcards(name, 'date');
      return sql`${spec.expr} = ${dateValue(name, value, now)}::timestamp`;
    case 'number':
      if (prefix) noWildcards(name, 'numeric');
      return sql`${spec.expr} = ${numberValue(name, value)}::numeric`;
  }
}

function build(node: QueryNode, now: Date): SQL | null {
  switch (node.kind) {
    case 'and':
    case 'or': {
      // `all` only anchors negations inside an and; it adds nothing to the SQL there.
      const children = node.kind === 'and' ? node.children.filter((c) => c.kind !== 'all') : node.children;
      const parts = children.map((c) => build(c, now)).filter((p): p is SQL => p !== null);
      if (parts.length === 0) return node.kind === 'and' && children.length < node.children.length ? TRUE : null;
      if (parts.length === 1) return parts[0]!;
      return sql`(${sql.join(parts.map((p) => sql`(${p})`), node.kind === 'and' ? sql` and ` : sql` or `)})`;
    }
    case 'not': {
      const inner = build(node.child, now);
      return inner === null ? null : sql`not coalesce((${inner}), false)`;
    }
    default:
      return leaf(node, now);
  }
}

/**
 * The SQL condition over search_documents for a parsed query. Throws QuerySyntaxError when a
 * value does not fit its field (invalid date, non-number for num_resources, a wildcard on a
 * date). Clauses with nothing searchable in them (a full-text term of only punctuation) are
 * left out of their group; a query made only of such clauses matches everything.
 */
export function queryToSql(node: QueryNode, opts: QueryToSqlOptions = {}): SQL {
  return build(node, opts.now ?? new Date()) ?? TRUE;
}

// Translates a parsed query into a condition over search_documents. Exact fields compare
// exactly (case- and accent-sensitive, as Solr's string fields); text fields go through the
// folded full-text vector. Every value is a bound parameter.
import { sql, type SQL } from 'drizzle-orm';
import { searchDocuments as d } from '../../db/schema.js';
import { fold } from '../../text/fold.js';
import type { QueryNode } from './ast.js';
import { QuerySyntaxError, resolveDateMath } from './parser.js';

const SCALAR: Record<string, SQL> = {
  name: sql`${d.name}`,
  id: sql`${d.packageId}`,
  type: sql`${d.type}`,
  dataset_type: sql`${d.type}`,
  state: sql`${d.state}`,
  license_id: sql`${d.licenseId}`,
  owner_org: sql`${d.ownerOrg}`,
  organization: sql`${d.organization}`,
  creator_user_id: sql`${d.creatorUserId}`,
  title_string: sql`${d.title}`,
};
const ARRAY: Record<string, SQL> = { tags: sql`${d.tags}`, groups: sql`${d.groups}`, res_format: sql`${d.resFormats}` };
const DATES: Record<string, SQL> = { metadata_created: sql`${d.metadataCreated}`, metadata_modified: sql`${d.metadataModified}` };
const INTS: Record<string, SQL> = { num_resources: sql`${d.numResources}`, num_tags: sql`${d.numTags}` };
const TEXT = new Set(['text', 'title', 'notes', 'res_name', 'res_description', 'res_url', 'author', 'maintainer', 'url', 'version']);

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function words(value: string): string[] {
  return fold(value).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function fullText(value: string, mode: 'term' | 'phrase' | 'prefix'): SQL {
  const ws = words(value);
  if (!ws.length) return sql`true`;
  if (mode === 'phrase') return sql`${d.tsv} @@ to_tsquery('simple', ${ws.join(' <-> ')})`;
  const last = ws.length - 1;
  return sql`${d.tsv} @@ to_tsquery('simple', ${ws.map((w, i) => (mode === 'prefix' && i === last ? `${w}:*` : w)).join(' & ')})`;
}

function extraKey(field: string): string {
  return field.startsWith('extras_') ? field.slice(7) : field;
}

function dateBound(v: string | null, now: Date): string | null {
  return v === null ? null : resolveDateMath(v, now);
}

function intBound(field: string, v: string | null): number | null {
  if (v === null) return null;
  if (!/^-?\d+$/.test(v)) throw new QuerySyntaxError(`${field} needs a whole number, not ${v}`);
  return Number(v);
}

function range(col: SQL, lower: unknown, upper: unknown, incL: boolean, incU: boolean, cast: SQL): SQL {
  const parts: SQL[] = [];
  if (lower !== null) parts.push(incL ? sql`${col} >= ${lower}${cast}` : sql`${col} > ${lower}${cast}`);
  if (upper !== null) parts.push(incU ? sql`${col} <= ${upper}${cast}` : sql`${col} < ${upper}${cast}`);
  return parts.length ? sql.join(parts, sql` and `) : sql`${col} is not null`;
}

export function queryToSql(node: QueryNode, opts: { now?: Date } = {}): SQL {
  const now = opts.now ?? new Date();
  const walk = (n: QueryNode): SQL => {
    switch (n.kind) {
      case 'all':
        return sql`true`;
      case 'and':
        return sql`(${sql.join(n.children.map(walk), sql` and `)})`;
      case 'or':
        return sql`(${sql.join(n.children.map(walk), sql` or `)})`;
      case 'not':
        return sql`not coalesce(${walk(n.child)}, false)`;
      case 'exists': {
        const f = n.field;
        if (SCALAR[f]) return sql`${SCALAR[f]} is not null and ${SCALAR[f]} <> ''`;
        if (ARRAY[f]) return sql`cardinality(${ARRAY[f]}) > 0`;
        if (DATES[f] || INTS[f]) return sql`true`;
        if (TEXT.has(f)) return sql`true`;
        return sql`(${d.extras} ->> ${extraKey(f)}) is not null`;
      }
      case 'term':
      case 'prefix': {
        const f = n.field ?? 'text';
        const prefix = n.kind === 'prefix';
        const phrase = n.kind === 'term' && n.phrase;
        if (f === 'capacity') {
          if (n.value === 'public') return sql`${d.private} = false`;
          if (n.value === 'private') return sql`${d.private} = true`;
          return sql`false`;
        }
        if (SCALAR[f]) return prefix ? sql`${SCALAR[f]} like ${likeEscape(n.value) + '%'}` : sql`${SCALAR[f]} = ${n.value}`;
        if (ARRAY[f]) {
          return prefix
            ? sql`exists (select 1 from unnest(${ARRAY[f]}) v where v like ${likeEscape(n.value) + '%'})`
            : sql`${ARRAY[f]} @> array[${n.value}]::text[]`;
        }
        if (DATES[f]) return sql`${DATES[f]} = ${resolveDateMath(n.value, now)}::timestamp`;
        if (INTS[f]) return sql`${INTS[f]} = ${intBound(f, n.value)}`;
        if (TEXT.has(f)) return fullText(n.value, phrase ? 'phrase' : prefix ? 'prefix' : 'term');
        const key = extraKey(f);
        return prefix ? sql`(${d.extras} ->> ${key}) like ${likeEscape(n.value) + '%'}` : sql`(${d.extras} ->> ${key}) = ${n.value}`;
      }
      case 'range': {
        const f = n.field;
        if (DATES[f]) return range(DATES[f], dateBound(n.lower, now), dateBound(n.upper, now), n.includeLower, n.includeUpper, sql`::timestamp`);
        if (INTS[f]) return range(INTS[f], intBound(f, n.lower), intBound(f, n.upper), n.includeLower, n.includeUpper, sql``);
        if (SCALAR[f]) return range(SCALAR[f], n.lower, n.upper, n.includeLower, n.includeUpper, sql`::text`);
        return range(sql`(${d.extras} ->> ${extraKey(f)})`, n.lower, n.upper, n.includeLower, n.includeUpper, sql`::text`);
      }
    }
  };
  return walk(node);
}

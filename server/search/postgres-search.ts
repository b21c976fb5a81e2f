// Search on Postgres full-text: one row per dataset in search_documents, maintained in the same
// transaction as the dataset, with folded text so Vietnamese matches with or without diacritics.
import { and, sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../db/database.js';
import { packages, searchDocuments, searchTerms } from '../db/schema.js';
import { answeredByCounts, applyFacetRows, facetRowsOf, readFacetCounts, rebuildFacetCounts } from './facet-counts.js';
import { fold } from '../text/fold.js';
import { viSortKey } from '../text/vi-sort-key.js';
import { editDistance } from '../text/edit-distance.js';
import { parseQuery } from './query/parser.js';
import { freeTextWords, matchesAll, namesAField } from './query/bounds.js';
import { LIMITS } from '../core/limits.js';
import { queryToSql } from './query/to-sql.js';
import type { PackageDict, SearchCaller, SearchIndex, SearchParams, SearchResult, DictSource } from './search-index.js';
import { parseSort, type SortClause } from './sort.js';
import { rowsOf } from '../db/sql-helpers.js';
import { PLAN_EACH_RUN } from '../db/statement-promotion.js';
import { searchableFields } from './dict-fields.js';
import { listedSql, SEARCH_DOCUMENT_COLUMNS } from '../core/visibility.js';
import { namesState, searchListing } from './search-listing.js';

/** One search document as it travels to SQL; the t_* texts become the weighted vector. */
type DocumentValues = Record<string, unknown>;

function docText(parts: (string | null | undefined)[]): string {
  return fold(parts.filter(Boolean).join(' '));
}

/**
 * a + b + c … as a balanced tree. Postgres nests a chain of `+` once per operand, and the
 * embedded database (WebAssembly, with a small stack and no working depth check) silently
 * returns no rows for a chain of about 280 and then spins; a balanced tree nests log2(n) deep.
 */
function balancedSum(terms: SQL[]): SQL {
  if (terms.length === 1) return terms[0]!;
  const mid = terms.length >> 1;
  return sql`(${balancedSum(terms.slice(0, mid))} + ${balancedSum(terms.slice(mid))})`;
}

export class PostgresSearch implements SearchIndex {
  readonly kind = 'postgres';

  constructor(private readonly database: Database, private readonly siteUrl: () => string, private readonly dicts: DictSource) {}

  async index(tx: Tx, pkg: PackageDict): Promise<void> {
    return this.indexMany(tx, [pkg]);
  }

  /**
   * Writes the search documents of many datasets in one statement: the rows travel as one JSON
   * parameter, the vectors are built in SQL, and the facet counts move by the difference between
   * each old document and its new one.
   */
  async indexMany(tx: Tx, pkgs: PackageDict[]): Promise<void> {
    const latest = [...new Map(pkgs.map((p) => [p.id, p])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    const gone = latest.filter((p) => p.state === 'deleted').map((p) => p.id);
    const docs = latest.filter((p) => p.state !== 'deleted').map((p) => this.documentOf(p));
    const terms = [...new Set(docs.flatMap((d) => d.terms))];
    await Promise.all([
      this.writeDocuments(tx, docs.map((d) => d.values), gone),
      terms.length
        ? tx.execute(sql`insert into ${searchTerms} (term) select unnest(${sql.param(terms)}::text[]) on conflict do nothing`)
        : Promise.resolve(),
    ]);
  }

  private async writeDocuments(tx: Tx, docs: DocumentValues[], gone: string[]): Promise<void> {
    if (!docs.length && !gone.length) return;
    const d = searchDocuments;
    const cols = ['package_id', 'name', 'title', 'type', 'state', 'private', 'owner_org', 'organization', 'creator_user_id',
      'license_id', 'tags', 'groups', 'res_formats', 'extras', 'num_resources', 'num_tags', 'metadata_created',
      'metadata_modified', 'title_sort'];
    const facetCols = sql`package_id, state, private, owner_org, creator_user_id, organization, license_id, type, tags, groups, res_formats`;
    await tx.execute(sql`
      with new as (select * from jsonb_to_recordset(${JSON.stringify(docs)}::jsonb) as x(package_id text, name text, title text,
          type text, state text, private boolean, owner_org text, organization text, creator_user_id text, license_id text,
          tags text[], groups text[], res_formats text[], extras jsonb, num_resources int, num_tags int,
          metadata_created timestamp, metadata_modified timestamp, title_sort text,
          t_title text, t_exact text, t_tags text, t_notes text, t_res text)),
        old as (select ${facetCols} from ${d} where ${d.packageId} = any(array(select package_id from new) || ${sql.param(gone)}::text[])),
        removed as (delete from ${d} where ${d.packageId} = any(${sql.param(gone)}::text[])),
        written as (insert into ${d} (${sql.raw(cols.join(', '))}, tsv)
          select ${sql.raw(cols.join(', '))}, setweight(to_tsvector('simple', t_title), 'A') || setweight(to_tsvector('simple', t_exact), 'A')
            || setweight(to_tsvector('simple', t_tags), 'B') || setweight(to_tsvector('simple', t_notes), 'C')
            || setweight(to_tsvector('simple', t_res), 'D')
          from new order by package_id
          on conflict (package_id) do update set ${sql.raw([...cols.slice(1), 'tsv'].map((c) => `${c} = excluded.${c}`).join(', '))})
      ${applyFacetRows(facetRowsOf(sql`select ${facetCols}, 1 as sign from new union all select ${facetCols}, -1 from old`))}`);
  }

  /** The row search reads for one dataset, and the words it adds to the vocabulary. */
  private documentOf(pkg: PackageDict): { values: DocumentValues; terms: string[] } {
    const tags: string[] = pkg.tags.map((t: any) => t.name);
    const groupNames: string[] = pkg.groups.map((g: any) => g.name);
    const resourcesText = pkg.resources.map((r: any) => [r.name, r.description, r.format].filter(Boolean).join(' '));
    const { fields: extras, listWords } = searchableFields(pkg);
    const titleText = docText([pkg.title, pkg.name.replace(/[-_]/g, ' ')]);
    // The title's own spelling too, so an exact-diacritic match can rank above a folded one.
    const titleExact = pkg.title.toLowerCase() === titleText ? '' : pkg.title.toLowerCase();
    const tagsText = docText([...tags, ...groupNames, pkg.organization?.title, pkg.organization?.name]);
    const notesText = docText([pkg.notes, pkg.author, pkg.maintainer, ...Object.values(extras), ...listWords]);
    const resText = docText(resourcesText);
    const values: DocumentValues = {
      package_id: pkg.id,
      name: pkg.name,
      title: pkg.title,
      type: pkg.type,
      state: pkg.state,
      private: pkg.private,
      owner_org: pkg.owner_org,
      organization: pkg.organization?.name ?? null,
      creator_user_id: pkg.creator_user_id,
      license_id: pkg.license_id,
      tags,
      groups: groupNames,
      res_formats: [...new Set<string>(pkg.resources.map((r: any) => r.format).filter(Boolean))],
      extras,
      num_resources: pkg.num_resources,
      num_tags: pkg.num_tags,
      metadata_created: pkg.metadata_created,
      metadata_modified: pkg.metadata_modified,
      title_sort: viSortKey(pkg.title),
      t_title: titleText,
      t_exact: titleExact,
      t_tags: tagsText,
      t_notes: notesText,
      t_res: resText,
    };
    const terms = [...new Set(`${titleText} ${tagsText} ${notesText}`.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && w.length <= 40))];
    return { values, terms };
  }

  async afterReindex(): Promise<void> {
    await this.database.db.transaction((tx) => rebuildFacetCounts(tx));
  }

  async remove(tx: Tx, packageId: string): Promise<void> {
    await this.writeDocuments(tx, [], [packageId]);
  }
  /** What the caller may see (the one rule), added around their own query as CKAN adds capacity and state. */
  private visibility(params: SearchParams, caller: SearchCaller, fqNamesState: boolean): SQL {
    return listedSql(caller, searchListing(params, fqNamesState), SEARCH_DOCUMENT_COLUMNS);
  }

  /**
   * Free text as CKAN's edismax reads it: up to two words all required, three to five all but
   * one, more than five 80% of them. Words match folded (so "hue" finds "Huế"), the last one as
   * a prefix while it is being typed; words spelled with their diacritics earn a bonus.
   */
  private async freeText(q: string): Promise<{ where: SQL; rank: SQL } | null> {
    const exact = q.toLowerCase().normalize('NFC').split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
    const words = freeTextWords(q);
    if (!words.length) return null;
    const fixes = await this.corrections(words);
    const lexeme = (w: string, i: number) => {
      const own = i === words.length - 1 ? `${w}:*` : w;
      const near = fixes.get(w);
      return near?.length ? `(${[own, ...near].join(' | ')})` : own;
    };
    const d = searchDocuments;
    const n = words.length;
    const need = n <= 2 ? n : n <= 5 ? n - 1 : Math.ceil(n * 0.8);
    const all = sql`to_tsquery('simple', ${words.map(lexeme).join(' & ')})`;
    let where: SQL;
    if (need === n) where = sql`${d.tsv} @@ ${all}`;
    else {
      const any = sql`to_tsquery('simple', ${words.map(lexeme).join(' | ')})`;
      const hits = balancedSum(words.map((w, i) => sql`(${d.tsv} @@ to_tsquery('simple', ${lexeme(w, i)}))::int`));
      where = sql`(${d.tsv} @@ ${any} and ${hits} >= ${need})`;
    }
    const accented = [...new Set(exact.filter((w) => fold(w) !== w))];
    const bonus = accented.length
      ? sql` + 0.5 * ts_rank(${d.tsv}, to_tsquery('simple', ${accented.join(' | ')}))`
      : sql``;
    const any = sql`to_tsquery('simple', ${words.map(lexeme).join(' | ')})`;
    return { where, rank: sql`(ts_rank(${d.tsv}, ${any})${bonus})` };
  }

  /**
   * Typo tolerance: a word of four letters or more that the index has never seen is matched
   * also as the nearest word it has seen, one slip away (a letter added, dropped, changed or two
   * swapped), so "benh vein" finds "bệnh viện". Candidates come from the words sharing its first
   * letter and length give or take one, and from trigram neighbours. Only the first few unknown
   * words (LIMITS.fuzzyWords) are expanded: each costs a look through the vocabulary, and a
   * query of hundreds of made-up words must cost no more than one of a few.
   */
  private async corrections(words: string[]): Promise<Map<string, string[]>> {
    const candidates = words.filter((w) => w.length >= 4 && w.length <= 40);
    if (!candidates.length) return new Map();
    const t = searchTerms;
    const res = await this.database.db.execute<{ w: string; term: string }>(sql`${PLAN_EACH_RUN}
      with unknown as materialized (
        select w from unnest(${sql.param(candidates)}::text[]) with ordinality as c(w, i)
        where not exists (select 1 from ${t} where ${t.term} = w)
        order by i limit ${LIMITS.fuzzyWords})
      select u.w, c.term from unknown u cross join lateral (
        (select ${t.term} as term from ${t} where left(${t.term}, 1) = left(u.w, 1)
           and length(${t.term}) between length(u.w) - 1 and length(u.w) + 1 limit 2000)
        union
        (select ${t.term} as term from ${t} where ${t.term} % u.w limit 200)) c`);
    const rows = rowsOf<{ w: string; term: string }>(res);
    // Every word one slip away joins the query (up to five): ranking sorts out which was meant.
    const near = new Map<string, string[]>();
    for (const { w, term } of rows) {
      if (!/^[\p{L}\p{N}]+$/u.test(term) || editDistance(w, term, 1) > 1) continue;
      const list = near.get(w) ?? near.set(w, []).get(w)!;
      if (list.length < 5 && !list.includes(term)) list.push(term);
    }
    return near;
  }

  async search(params: SearchParams, caller: SearchCaller): Promise<SearchResult> {
    const conds: SQL[] = [];
    let rank: SQL | null = null;
    const q = params.q.trim();
    if (!matchesAll(q)) {
      if (namesAField(q)) conds.push(queryToSql(parseQuery(q)));
      else {
        const ft = await this.freeText(q);
        if (ft) {
          conds.push(ft.where);
          rank = ft.rank;
        }
      }
    }
    for (const fq of params.fq) if (fq.trim()) conds.push(sql`(${queryToSql(parseQuery(fq))})`);
    const fqNamesState = namesState(params.fq);
    const narrowed = conds.length > 0 || fqNamesState;
    conds.push(this.visibility(params, caller, fqNamesState));
    const where = and(...conds)!;

    const keys = this.sortKeys(parseSort(params.sort), rank);
    const counting = answeredByCounts(params, narrowed)
      ? readFacetCounts(this.database, params, caller)
      : this.countAndFacets(where, params);
    const [counted, results] = await Promise.all([
      counting,
      params.rows > 0 ? this.page(where, keys, params.rows, params.start) : Promise.resolve([]),
    ]);
    return { count: counted.count, results, facets: counted.facets };
  }

  /**
   * The stored package_show dicts of the hits, in hit order. Ranking selects ids only, so the
   * sort carries narrow rows; a dict built for another site URL is rebuilt.
   */
  async dictsFor(ids: string[]): Promise<Record<string, unknown>[]> {
    return this.dicts(this.database.db, ids);
  }

  /** The sort as keys: expression, direction, and whether it compares byte-wise. */
  private sortKeys(clauses: SortClause[], rank: SQL | null): { expr: SQL; dir: 'asc' | 'desc'; bytewise?: boolean }[] {
    const d = searchDocuments;
    const out: { expr: SQL; dir: 'asc' | 'desc'; bytewise?: boolean }[] = [];
    for (const { field, dir } of clauses) {
      const key = (() => {
        switch (field) {
          case 'score': case 'rank': return rank ? { expr: rank } : null;
          case 'metadata_modified': return { expr: sql`${d.metadataModified}` };
          case 'metadata_created': return { expr: sql`${d.metadataCreated}` };
          case 'name': return { expr: sql`${d.name}` };
          case 'title_string': case 'title': return { expr: sql`${d.titleSort}`, bytewise: true };
          case 'id': return { expr: sql`${d.packageId}` };
          case 'num_resources': return { expr: sql`${d.numResources}` };
          case 'num_tags': return { expr: sql`${d.numTags}` };
          default: return null; // every name is a valid Solr field; unknown ones just don't sort
        }
      })();
      if (key) out.push({ ...key, dir });
    }
    out.push({ expr: sql`${d.packageId}`, dir: 'asc' });
    return out;
  }

  /**
   * One page of hits with their stored dicts, in one statement: the page is chosen over narrow
   * rows (ids and sort keys only), then joined to the dicts.
   */
  private async page(where: SQL, keys: ReturnType<PostgresSearch['sortKeys']>, rows: number, start: number) {
    const d = searchDocuments;
    const c = (bytewise?: boolean) => (bytewise ? sql` collate "C"` : sql``);
    const inner = sql.join(keys.map((k) => sql`${k.expr}${c(k.bytewise)} ${sql.raw(k.dir)}`), sql`, `);
    const outer = sql.join(keys.map((k, i) => sql`${sql.raw(`top.o${i}`)}${c(k.bytewise)} ${sql.raw(k.dir)}`), sql`, `);
    const res = await this.database.db.execute<{ id: string; dict: Record<string, unknown> | null; site: string | null }>(sql`${PLAN_EACH_RUN}
      with top as materialized (select ${d.packageId} as id, ${sql.join(keys.map((k, i) => sql`${k.expr} as ${sql.raw(`o${i}`)}`), sql`, `)}
        from ${d} where ${where} order by ${inner} limit ${rows} offset ${start})
      select top.id, ${packages.showCache} as dict, ${packages.showCacheSite} as site
      from top join ${packages} on ${packages.id} = top.id order by ${outer}`);
    const hits = rowsOf<{ id: string; dict: Record<string, unknown> | null; site: string | null }>(res);
    const site = this.siteUrl();
    const stale = hits.filter((h) => !h.dict || h.site !== site).map((h) => h.id);
    if (!stale.length) return hits.map((h) => h.dict!);
    const fresh = new Map((await this.dictsFor(stale)).map((x) => [x.id as string, x]));
    return hits.map((h) => fresh.get(h.id) ?? h.dict!);
  }

  /** The column a facet reads, and the (set-returning) expression over it that it counts. */
  private facetSource(field: string): { column: string; expr: SQL } | null {
    const arrays: Record<string, string> = { tags: 'tags', groups: 'groups', res_format: 'res_formats' };
    const scalars: Record<string, string> = {
      organization: 'organization', license_id: 'license_id', type: 'type', dataset_type: 'type', state: 'state',
      name: 'name', owner_org: 'owner_org',
    };
    if (arrays[field]) return { column: arrays[field]!, expr: sql.raw(`unnest(f.${arrays[field]})`) };
    if (scalars[field]) return { column: scalars[field]!, expr: sql.raw(`f.${scalars[field]}`) };
    if (field.startsWith('extras_')) return { column: 'extras', expr: sql`f.extras ->> ${field.slice(7)}` };
    return null;
  }

  /**
   * The hit count and every facet in one statement: the query's matches are found once, with
   * just the columns the facets read, and counted per facet from there.
   */
  private async countAndFacets(where: SQL, params: SearchParams): Promise<{ count: number; facets: Record<string, Record<string, number>> }> {
    const d = searchDocuments;
    const facets: Record<string, Record<string, number>> = Object.fromEntries(params.facetFields.map((f) => [f, {}]));
    const sources = params.facetFields.map((f) => this.facetSource(f));
    const columns = [...new Set(sources.filter((x) => x).map((x) => x!.column))];
    if (!columns.length) {
      const [row] = rowsOf<{ n: number }>(await this.database.db.execute(sql`${PLAN_EACH_RUN}select count(*)::int as n from ${d} where ${where}`));
      // A count always has one row; none means the database failed without saying so (PGlite
      // does on an expression nested too deep for its stack): an error, not a TypeError.
      if (!row) throw new Error('search: the count query returned no row');
      return { count: Number(row.n), facets };
    }
    const parts: SQL[] = [sql`(select '' as field, null::text as value, count(*)::int as n from f)`];
    for (const [i, source] of sources.entries()) {
      if (!source) continue;
      const limit = params.facetLimit < 0 ? sql`` : sql`limit ${params.facetLimit}`;
      parts.push(sql`(select ${String(i)} as field, value, count(*)::int as n from (select ${source.expr} as value from f) v
        where value is not null and value <> '' group by value having count(*) >= ${params.facetMincount}
        order by n desc, value asc ${limit})`);
    }
    const res = await this.database.db.execute<{ field: string; value: string | null; n: number }>(sql`${PLAN_EACH_RUN}
      with f as materialized (select ${sql.raw(columns.map((c) => `"search_documents"."${c}"`).join(', '))} from ${d} where ${where})
      ${sql.join(parts, sql` union all `)}`);
    const rows = rowsOf<{ field: string; value: string | null; n: number }>(res);
    let count = 0;
    for (const r of rows) {
      if (r.field === '') count = Number(r.n);
      else facets[params.facetFields[Number(r.field)]!]![r.value!] = Number(r.n);
    }
    return { count, facets };
  }
}

// Search answered by Meilisearch. Postgres keeps its own search documents too, written in the
// dataset's transaction as always: they feed the autocompletes, answer any query Meilisearch
// filters cannot express, and answer everything while Meilisearch is unreachable. Meilisearch
// itself is fed through the outbox (search-outbox.ts).
import type { Meilisearch, MultiSearchResponse } from 'meilisearch';
import type { Tx } from '../db/database.js';
import type { PackageDict, SearchCaller, SearchIndex, SearchParams, SearchResult } from './search-index.js';
import type { PostgresSearch } from './postgres-search.js';
import { enqueueSearchUpdates } from './search-outbox.js';
import { facetAttribute, meiliRequest, MeiliUnsupported } from './meili-query.js';
import { QuerySyntaxError } from './query/errors.js';

export class MeiliSearchIndex implements SearchIndex {
  readonly kind = 'meilisearch';
  /** How searches were answered, for operators and tests. */
  readonly answered = { meilisearch: 0, postgresUnsupported: 0, postgresUnreachable: 0 };

  constructor(
    private readonly postgres: PostgresSearch,
    private readonly client: Meilisearch,
    private readonly indexUid: string,
    private readonly log: (msg: string) => void = () => {},
  ) {}

  async index(tx: Tx, pkg: PackageDict): Promise<void> {
    await this.indexMany(tx, [pkg]);
  }

  async indexMany(tx: Tx, pkgs: PackageDict[]): Promise<void> {
    await this.postgres.indexMany(tx, pkgs);
    await enqueueSearchUpdates(tx, [...new Set(pkgs.map((p) => p.id))]);
  }

  async remove(tx: Tx, packageId: string): Promise<void> {
    await this.postgres.remove(tx, packageId);
    await enqueueSearchUpdates(tx, [packageId]);
  }

  async afterReindex(): Promise<void> {
    await this.postgres.afterReindex();
  }

  async search(params: SearchParams, caller: SearchCaller): Promise<SearchResult> {
    let request;
    try {
      request = meiliRequest(params, caller);
    } catch (err) {
      if (!(err instanceof MeiliUnsupported)) throw err;
      this.answered.postgresUnsupported++;
      return this.postgres.search(params, caller);
    }
    let response: MultiSearchResponse;
    try {
      const common = { indexUid: this.indexUid, q: request.q, filter: request.filter || undefined, matchingStrategy: request.matchingStrategy };
      response = await this.client.multiSearch({
        queries: [
          { ...common, sort: request.sort, offset: params.start, limit: params.rows, attributesToRetrieve: ['id'] },
          // Page mode at page 0 returns no hits but the exhaustive count and facet distribution.
          { ...common, page: 0, facets: request.facets },
        ],
      });
    } catch (err) {
      if (err instanceof QuerySyntaxError) throw err;
      this.answered.postgresUnreachable++;
      this.log(`search: Meilisearch did not answer (${err instanceof Error ? err.message : err}); answered from Postgres`);
      return this.postgres.search(params, caller);
    }
    this.answered.meilisearch++;
    const [hits, counted] = response.results as any[];
    const facets: Record<string, Record<string, number>> = {};
    for (const field of params.facetFields) {
      const attr = facetAttribute(field);
      const dist: Record<string, number> = counted.facetDistribution?.[attr] ?? {};
      const list = Object.entries(dist).filter(([v, n]) => v !== '' && n >= Math.max(1, params.facetMincount))
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      facets[field] = Object.fromEntries(params.facetLimit < 0 ? list : list.slice(0, params.facetLimit));
    }
    const results = await this.postgres.dictsFor(hits.hits.map((h: { id: string }) => h.id));
    return { count: counted.totalHits ?? counted.estimatedTotalHits ?? 0, results, facets };
  }
}

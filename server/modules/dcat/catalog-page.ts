// One page of the DCAT catalog: which datasets (the package_search input) and the Hydra paging
// block's URLs, as ckanext-dcat computes them (spec §8): 100 datasets a page, newest change
// first, `modified_since` as a metadata_modified range, harvest sources and showcases left out.
//
// What a walk along hydra:next sees while datasets change (offset paging in order of the last
// change, ckanext-dcat's contract): a dataset edited after the walk passed it moves to page 1,
// behind the walker, and nothing ahead moves; one edited ahead of the walker moves there too, so
// that walk misses it (and sees the dataset at the page boundary twice) and the next walk from
// `modified_since` = this walk's start gets it. No numbering of pages avoids that while the order
// is by the time of the last change; tests/dcat-endpoints.test.ts holds both halves.
import { ValidationError } from '../../core/errors.js';
import type { CatalogPaging } from './graph.js';

export const DATASETS_PER_PAGE = 100;

/** The request parameters a page URL carries on, in the order the caller gave them (then `page`). */
const CARRIED = new Set(['modified_since', 'profiles', 'q', 'fq']);

export const PAGE_MESSAGE = 'Page param must be a positive integer starting in 1';
export const DATE_MESSAGE = 'Wrong modified date format. Use ISO-8601 format';

/** ISO 8601 as dateutil reads the usual shapes: a date, a date and time, optional seconds, fraction and zone. */
const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/**
 * `modified_since` as the UTC instant Solr date syntax wants (`2024-05-01T00:00:00Z`). A time
 * without a zone is UTC, as CKAN stores metadata_modified; one with an offset is moved to UTC
 * (ckanext-dcat appends the Z to whatever the caller wrote, which Solr then refuses).
 */
export function modifiedSinceBound(value: string): string {
  const m = ISO.exec(value.trim());
  if (!m) throw new ValidationError({ modified_since: [DATE_MESSAGE] });
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac.slice(0, 4)}${offset}`);
  // Date.parse rolls 2024-02-30 over into March; a date that is not on the calendar is refused.
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (!Number.isFinite(ms) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    throw new ValidationError({ modified_since: [DATE_MESSAGE] });
  }
  const iso = new Date(ms).toISOString(); // 2024-05-01T00:00:00.000Z
  return `${iso.slice(0, 19)}${frac && zone === 'Z' ? frac.slice(0, 7) : ''}Z`;
}

export interface PageQuery {
  /** a whole number once valid; the schema lets text through so the answer is ckanext-dcat's message */
  page?: number | string;
  modified_since?: string;
  q?: string;
  fq?: string;
}

/** The page asked for (1 when none); anything but a whole number from 1 is CKAN's 409. */
export function pageNumber(page: unknown): number {
  if (page === undefined || page === null || page === '') return 1;
  if (typeof page !== 'number' || !Number.isSafeInteger(page) || page < 1) throw new ValidationError({ page: [PAGE_MESSAGE] });
  return page;
}

/** The package_search input for a page. Never include_private or include_drafts: DCAT is public only. */
export function searchInput(input: PageQuery): Record<string, unknown> {
  const page = pageNumber(input.page);
  const fqList = ['-dataset_type:harvest', '-dataset_type:showcase'];
  if (input.modified_since) fqList.push(`metadata_modified:[${modifiedSinceBound(input.modified_since)} TO NOW]`);
  const search: Record<string, unknown> = {
    q: input.q || '*:*',
    fq_list: fqList,
    // The id breaks ties, so two datasets changed in the same microsecond keep their pages.
    sort: 'metadata_modified desc, id desc',
    rows: DATASETS_PER_PAGE,
    start: DATASETS_PER_PAGE * (page - 1),
    facet: false,
  };
  if (input.fq) search.fq = input.fq;
  return search;
}

/**
 * The paging block of a page that found `count` datasets (none when it found none), with URLs
 * `{catalog}{path}?[carried params&]page=N`. Values are percent-encoded: the current page's URL
 * is the subject of the block, and must be a valid IRI whatever `q` holds.
 */
export function pagingOf(opts: {
  catalogUri: string; path: string; params: Record<string, unknown>; page: number; count: number; shown: number;
}): CatalogPaging | undefined {
  const { count, page, shown } = opts;
  if (count <= 0) return undefined;
  const carried = Object.entries(opts.params)
    .filter(([k, v]) => CARRIED.has(k) && v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length))
    .map(([k, v]) => `${k}=${encodeURIComponent(Array.isArray(v) ? v.join(',') : String(v))}&`)
    .join('');
  const url = (n: number) => `${opts.catalogUri.replace(/\/+$/, '')}${opts.path}?${carried}page=${n}`;
  const last = Math.ceil(count / DATASETS_PER_PAGE) || 1;
  const paging: CatalogPaging = {
    pageUrl: url(page), firstUrl: url(1), lastUrl: url(last), totalItems: count, itemsPerPage: DATASETS_PER_PAGE,
  };
  // Past the end, "previous" is the last page (not page - 1, which would be past the end too).
  if (page > 1) paging.previousUrl = url((page - 1) * DATASETS_PER_PAGE + shown <= count ? page - 1 : last);
  if (page * DATASETS_PER_PAGE < count) paging.nextUrl = url(page + 1);
  return paging;
}

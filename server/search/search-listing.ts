// What package_search lists, on either backend: the one visibility rule narrowed as CKAN narrows
// it (active datasets only unless include_drafts, private ones only with include_private), and
// the state left to the caller's own fq when it names one.
import type { Listing } from '../core/visibility.js';
import type { SearchParams } from './search-index.js';

/** Whether a filter query names the state (then it, not the default, chooses the states). */
export const namesState = (fq: string[]): boolean => fq.some((f) => /(^|[\s(+])state:/.test(f));

export function searchListing(params: SearchParams, fqNamesState = namesState(params.fq)): Listing {
  return {
    includePrivate: params.includePrivate,
    states: fqNamesState ? 'any' : params.includeDrafts ? ['active', 'draft'] : ['active'],
  };
}

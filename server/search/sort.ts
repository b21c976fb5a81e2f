// package_search's `sort`: "field dir, field dir". Directions are required, as in Solr.
import { SearchQueryError } from '../core/errors.js';

export interface SortClause {
  field: string;
  dir: 'asc' | 'desc';
}

export const DEFAULT_SORT = 'score desc, metadata_modified desc';

export function parseSort(sort: string): SortClause[] {
  const text = sort.trim() || DEFAULT_SORT;
  return text.split(',').map((part) => {
    const [field, dir, ...rest] = part.trim().split(/\s+/);
    if (!field || !dir || rest.length || !/^(asc|desc)$/i.test(dir) || !/^[\w.]+$/.test(field)) {
      throw new SearchQueryError(`Invalid sort: ${JSON.stringify(part.trim())}`);
    }
    return { field, dir: dir.toLowerCase() as 'asc' | 'desc' };
  });
}

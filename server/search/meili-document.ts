// One dataset as a Meilisearch document, and the index settings that make its fields searchable,
// filterable, sortable and facetable. Text is kept both as written and folded, so "hue" finds
// "Huế" whether or not Meilisearch strips Vietnamese diacritics itself, while a query spelt with
// them still matches the original exactly.
import type { Settings } from 'meilisearch';
import { fold } from '../text/fold.js';
import { viSortKey } from '../text/vi-sort-key.js';
import type { PackageDict } from './search-index.js';
import { searchableFields } from './dict-fields.js';

/** Naive UTC `YYYY-MM-DDTHH:MM:SS[.ffffff]` as microseconds since the epoch (exact in a double). */
export function epochMicros(iso: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?/.exec(iso);
  if (!m) return Number.NaN;
  return Date.parse(`${m[1]}Z`) * 1000 + Number((m[2] ?? '').padEnd(6, '0'));
}

export function meiliDocument(pkg: PackageDict): Record<string, unknown> {
  const tags: string[] = pkg.tags.map((t: any) => t.name);
  const resources: any[] = pkg.resources ?? [];
  const resText = resources.map((r) => [r.name, r.description, r.format].filter(Boolean).join(' ')).join(' ');
  const { fields: extras, listWords } = searchableFields(pkg);
  const notes = [pkg.notes, pkg.author, pkg.maintainer, ...Object.values(extras), ...listWords].filter(Boolean).join(' ');
  return {
    id: pkg.id,
    name: pkg.name,
    name_words: pkg.name.replace(/[-_]/g, ' '),
    title: pkg.title,
    title_folded: fold(pkg.title),
    title_sort: viSortKey(pkg.title),
    tags,
    tags_folded: tags.map(fold),
    groups: pkg.groups.map((g: any) => g.name),
    organization: pkg.organization?.name ?? null,
    organization_title: pkg.organization?.title ?? null,
    notes,
    notes_folded: fold(notes),
    res_text: resText,
    res_text_folded: fold(resText),
    res_format: [...new Set(resources.map((r) => r.format).filter(Boolean))],
    res_url: resources.map((r) => r.url).filter(Boolean),
    res_type: resources.map((r) => r.resource_type).filter(Boolean),
    license_id: pkg.license_id ?? null,
    state: pkg.state,
    private: !!pkg.private,
    owner_org: pkg.owner_org ?? null,
    creator_user_id: pkg.creator_user_id ?? null,
    type: pkg.type,
    url: pkg.url ?? null,
    version: pkg.version ?? null,
    author_email: pkg.author_email ?? null,
    maintainer_email: pkg.maintainer_email ?? null,
    extras,
    num_resources: pkg.num_resources,
    num_tags: pkg.num_tags,
    metadata_created: epochMicros(pkg.metadata_created),
    metadata_modified: epochMicros(pkg.metadata_modified),
  };
}

/** Exact-value fields a filter may name, as Meilisearch attributes. */
export const FILTERABLE = [
  'id', 'name', 'title', 'type', 'state', 'private', 'license_id', 'owner_org', 'organization', 'creator_user_id', 'tags',
  'groups', 'res_format', 'res_url', 'res_type', 'url', 'version', 'author_email', 'maintainer_email', 'extras',
  'num_resources', 'num_tags', 'metadata_created', 'metadata_modified',
];

export const MEILI_SETTINGS: Settings = {
  // Earlier attributes weigh more: title > tags, groups, organization > notes > resources.
  searchableAttributes: [
    'title', 'title_folded', 'name_words', 'tags', 'tags_folded', 'groups', 'organization_title', 'organization',
    'notes', 'notes_folded', 'res_text', 'res_text_folded',
  ],
  filterableAttributes: FILTERABLE,
  sortableAttributes: ['metadata_modified', 'metadata_created', 'name', 'title_sort', 'id', 'num_resources', 'num_tags'],
  faceting: { maxValuesPerFacet: 10_000, sortFacetValuesBy: { '*': 'count' } },
  // Harvesters page deep (start=10000 and beyond) and CKAN counts are exact.
  pagination: { maxTotalHits: 100_000_000 },
};

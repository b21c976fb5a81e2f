// What search reads as "extras" of a dataset: its extras, and the schema fields the dataset
// schema declares (schemas/dataset-fields.json: frequency, temporal_start, contact_name, …),
// which package_show gives at the top level. CKAN's Solr index takes such top-level fields the same
// way, so `fq=frequency:QUARTERLY` and a search for a contact's name work as they do there.
import { STORED_FIELDS } from '../core/dataset-fields-file.js';
import type { PackageDict } from './search-index.js';

const SCHEMA_FIELDS: readonly string[] = STORED_FIELDS.map((f) => f.name);

/**
 * Extras and single-valued schema fields by key, for fq's exact match and the notes text; a list
 * field (language, theme, …) joins the notes text only (`listWords`), since fq compares one value.
 */
export function searchableFields(pkg: PackageDict): { fields: Record<string, string>; listWords: string[] } {
  const fields: Record<string, string> = Object.fromEntries((pkg.extras ?? []).map((e: { key: string; value: string }) => [e.key, e.value]));
  const listWords: string[] = [];
  for (const name of SCHEMA_FIELDS) {
    const v: unknown = (pkg as Record<string, unknown>)[name];
    if (typeof v === 'string' && v !== '') fields[name] = v;
    else if (Array.isArray(v)) listWords.push(...v.filter((x): x is string => typeof x === 'string'));
  }
  return { fields, listWords };
}

// The bounds every request is held to, so that no single request can make the server do
// unbounded work or store a record too large to show again. Below every layer: the search
// parser, the validators and the HTTP layer all read them.

/**
 * Every bound on request input, in one place. Each is generous for what real CKAN clients and
 * portals send, and small enough that one request cannot hold the (single-threaded) embedded
 * database or the event loop for long. A request beyond a bound is refused before any work
 * starts, with a message that names the bound.
 */
export const LIMITS = {
  /** Nesting of objects and arrays in a JSON body or JSON parameter. CKAN's own dicts need
   *  about 6 (a dataset, its resources, a resource's extra holding JSON); the JSON parser and
   *  the validator recurse once per level. */
  jsonDepth: 32,
  /** multipart/form-data: form fields beside the file (a resource has about 20). */
  multipartFields: 1000,
  /** multipart/form-data: files per request (CKAN takes one, `upload`). */
  multipartFiles: 1,

  /** Tags on one dataset. Harvested DCAT and ISO records carry up to a few hundred keywords. */
  datasetTags: 1000,
  /** Extras on one dataset (data.gov's harvested datasets carry about 40). */
  datasetExtras: 500,
  /** Length of one extra's key. */
  extraKeyChars: 1000,
  /** Length of one extra's value (as stored: JSON text for non-string values); room for a
   *  harvested GeoJSON footprint. */
  extraValueChars: 100_000,
  /** Resources of one dataset (daily files for a few years). */
  datasetResources: 1000,
  /** A dataset as written, serialized as JSON (UTF-8 bytes). Each activity row and each
   *  package_show answer carries the whole dataset, so this bounds them too. */
  datasetBytes: 1024 * 1024,

  /** datastore_search `filters`: how deep `$or` / `$and` may nest. */
  filterDepth: 10,
  /** datastore_search `filters`: values and conditions in all, lists included. */
  filterValues: 1000,

  /** package_search: characters in q and in each fq. */
  queryChars: 10_000,
  /** package_search: clauses (terms, phrases, ranges) in q and the fqs together, as Solr's
   *  maxBooleanClauses (1024 by default, also in CKAN's solrconfig). */
  queryClauses: 1024,
  /** package_search: words of free text in q. Every word is tested on every candidate row to
   *  count how many match (edismax's mm); CKAN's Solr, with five query fields per word, already
   *  passes maxBooleanClauses at about 200 words. */
  freeTextWords: 100,
  /** package_search: words not in the index that get typo-tolerant expansion; the rest are
   *  matched as written. Each costs a scan of the vocabulary for its neighbours. */
  fuzzyWords: 5,
  /** `(` nesting in q / fq. Each level nests the SQL it becomes, and the embedded database
   *  overflows its stack without a word at a few hundred levels of nested expressions. */
  queryDepth: 20,
  /** The text typed into an autocomplete. */
  autocompleteChars: 200,
} as const;

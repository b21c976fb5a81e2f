// The one interface both search backends implement. Index writes take the open transaction so
// the search document changes atomically with the dataset.
import type { Tx } from '../db/database.js';
import type { Reader } from '../core/visibility.js';

export type PackageDict = Record<string, any>;

/** Who is searching: the reader of the one visibility rule (server/core/visibility.ts). */
export type SearchCaller = Reader;

export interface SearchParams {
  q: string;
  fq: string[];
  sort: string;
  rows: number;
  start: number;
  facetFields: string[];
  facetLimit: number;
  facetMincount: number;
  includePrivate: boolean;
  includeDrafts: boolean;
  fl?: string[];
}

export interface SearchResult {
  count: number;
  results: PackageDict[];
  facets: Record<string, Record<string, number>>;
}

export interface SearchIndex {
  readonly kind: string;
  index(tx: Tx, pkg: PackageDict): Promise<void>;
  /** The same for many datasets at once (reindexing, bulk loads). */
  indexMany(tx: Tx, pkgs: PackageDict[]): Promise<void>;
  remove(tx: Tx, packageId: string): Promise<void>;
  search(params: SearchParams, caller: SearchCaller): Promise<SearchResult>;
  /** After a full reindex: rebuilds anything the backend derives from all documents at once. */
  afterReindex?(): Promise<void>;
}

/**
 * The stored package_show dicts of these datasets, in the order given. Search owns no dicts: the
 * catalog lends it this reader when Kho is assembled (server/boot.ts).
 */
export type DictSource = (db: Tx, ids: string[]) => Promise<PackageDict[]>;

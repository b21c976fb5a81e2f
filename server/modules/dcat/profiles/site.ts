// What a profile knows about the portal itself: the catalog's identity and languages.
export interface DcatAgent {
  name: string;
  uri?: string;
  email?: string;
  url?: string;
  /** e.g. the agency code of the body that runs the portal (000.00.14.H57) */
  identifier?: string;
}

export interface DcatSite {
  siteUrl: string;
  catalogUri: string;
  title: string;
  description: string;
  /** ISO 639-1 codes, the site's own first: ['vi', 'en'] */
  languages: string[];
  /** Who runs the catalog. DCAT-AP requires a catalog publisher; without one the site itself
   *  (its title, at `{catalogUri}/about`) is named. */
  publisher?: DcatAgent;
}

export interface CatalogPaging {
  pageUrl: string;
  firstUrl: string;
  lastUrl: string;
  nextUrl?: string;
  previousUrl?: string;
  totalItems: number;
  itemsPerPage: number;
}

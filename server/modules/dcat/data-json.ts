// /data.json: the catalog in Project Open Data 1.1 (DCAT-US), which data.gov's harvester and many
// national ones read. Every public dataset, read through package_search a page at a time and
// written out as it is read, so the catalog never sits whole in memory.
import type { Kho } from '../../core/kho.js';
import { dcatSite } from './site.js';

type Dict = Record<string, any>;

export const POD_SCHEMA = 'https://project-open-data.cio.gov/v1.1/schema';
const PAGE_ROWS = 500;

/** Media types of the formats publishers usually name, for distributions without a mimetype. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv', tsv: 'text/tab-separated-values', json: 'application/json', geojson: 'application/geo+json',
  xml: 'application/xml', xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf', zip: 'application/zip', doc: 'application/msword', html: 'text/html', txt: 'text/plain',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ods: 'application/vnd.oasis.opendocument.spreadsheet',
  shp: 'application/x-shapefile', kml: 'application/vnd.google-earth.kml+xml', rdf: 'application/rdf+xml', ttl: 'text/turtle',
};

/** A field's value whether it is a top-level field or an extra (ckanext-dcat's lookup order). */
function field(pkg: Dict, key: string): string | undefined {
  const top = pkg[key];
  if (typeof top === 'string' && top.trim()) return top.trim();
  const extra = (Array.isArray(pkg.extras) ? pkg.extras : []).find((e: Dict) => e.key === key || e.key === `dcat_${key}`);
  return typeof extra?.value === 'string' && extra.value.trim() ? extra.value.trim() : undefined;
}

/** A stored timestamp (naive UTC, as CKAN shows it) as ISO 8601 with its zone. */
const utc = (ts: unknown): string | undefined => (typeof ts === 'string' && ts ? (/[Zz]|[+-]\d\d:\d\d$/.test(ts) ? ts : `${ts}Z`) : undefined);

function distribution(r: Dict): Dict {
  const out: Dict = { '@type': 'dcat:Distribution' };
  if (r.name) out.title = r.name;
  if (r.description) out.description = r.description;
  const format = typeof r.format === 'string' ? r.format.trim() : '';
  const mediaType = (typeof r.mimetype === 'string' && r.mimetype) || MEDIA_TYPES[format.toLowerCase()];
  // An uploaded file is a download; a link may be a page or an API, so it is an access URL
  // unless it names a file type (POD requires mediaType beside a downloadURL).
  if (r.url && (r.url_type === 'upload' || mediaType)) out.downloadURL = r.url;
  else if (r.url) out.accessURL = r.url;
  if (mediaType && out.downloadURL) out.mediaType = mediaType;
  if (format) out.format = format;
  return out;
}

/** One dataset in POD 1.1, from its package_show dict. */
export function podDataset(site: { catalogUri: string; siteUrl: string; title: string }, pkg: Dict): Dict {
  const org: Dict | null = pkg.organization ?? null;
  const keywords: string[] = (pkg.tags ?? []).map((t: Dict) => t.name).filter(Boolean);
  // POD needs at least one keyword: the dataset's groups, else its publisher, stand in.
  if (!keywords.length) keywords.push(...(pkg.groups ?? []).map((g: Dict) => g.display_name || g.title || g.name).filter(Boolean));
  if (!keywords.length) keywords.push(org?.title || site.title);
  const contactName = field(pkg, 'contact_name') ?? pkg.maintainer ?? pkg.author ?? org?.title ?? site.title;
  const contactEmail = field(pkg, 'contact_email') ?? pkg.maintainer_email ?? pkg.author_email;
  const out: Dict = {
    '@type': 'dcat:Dataset',
    title: pkg.title || pkg.name,
    description: pkg.notes || pkg.title || pkg.name,
    keyword: keywords,
    modified: utc(field(pkg, 'modified') ?? pkg.metadata_modified),
    publisher: { '@type': 'org:Organization', name: field(pkg, 'publisher_name') ?? org?.title ?? site.title },
    contactPoint: { '@type': 'vcard:Contact', fn: contactName, ...(contactEmail ? { hasEmail: `mailto:${contactEmail}` } : {}) },
    identifier: field(pkg, 'uri') ?? `${site.catalogUri}/dataset/${pkg.id}`,
    accessLevel: 'public',
    landingPage: `${site.siteUrl}/dataset/${pkg.name}`,
  };
  if (pkg.license_url) out.license = pkg.license_url;
  const issued = utc(field(pkg, 'issued') ?? pkg.metadata_created);
  if (issued) out.issued = issued;
  const distributions = (pkg.resources ?? []).map(distribution);
  if (distributions.length) out.distribution = distributions;
  return out;
}

/**
 * The whole data.json, in pieces. Pages are read anonymously and in id order (ids never change,
 * so an edit during the walk moves nothing); `first` is read before the first piece is given, so a
 * failing search is still an error answer, not a truncated document.
 */
export async function dataJson(kho: Kho): Promise<AsyncIterable<string>> {
  const site = dcatSite(kho.config);
  const page = (start: number) => kho.actions.run({ kho, user: null }, 'package_search', {
    q: '*:*', fq_list: ['-dataset_type:harvest', '-dataset_type:showcase'], sort: 'id asc', rows: PAGE_ROWS, start, facet: false,
  }) as Promise<{ results: Dict[] }>;
  const first = await page(0);
  return (async function* () {
    yield `{"@context":"${POD_SCHEMA}/catalog.jsonld","@id":${JSON.stringify(`${site.siteUrl}/data.json`)},"@type":"dcat:Catalog",`
      + `"conformsTo":"${POD_SCHEMA}","describedBy":"${POD_SCHEMA}/catalog.json","dataset":[`;
    let results = first.results;
    let start = 0;
    let n = 0;
    for (;;) {
      const parts = results.filter((p) => p.private === false && p.state === 'active').map((p) => JSON.stringify(podDataset(site, p)));
      if (parts.length) yield (n ? ',' : '') + parts.join(',');
      n += parts.length;
      if (results.length < PAGE_ROWS) break;
      start += PAGE_ROWS;
      results = (await page(start)).results;
    }
    yield ']}';
  })();
}

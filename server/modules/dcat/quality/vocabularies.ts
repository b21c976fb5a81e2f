// The controlled vocabularies the MQA checks values against, reduced to what Kho's datasets can
// hold. data.europa.eu reads them from the EU Publications Office authority tables (file types,
// licences, access rights) and from its own curated lists (edp-vocabularies:
// edp-non-proprietary-format.rdf, edp-machine-readable-format.rdf); Kho carries the entries
// here as data, so scoring never fetches anything.

const FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';
const LICENCE = 'http://publications.europa.eu/resource/authority/licence/';
const ACCESS_RIGHT = 'http://publications.europa.eu/resource/authority/access-right/';

/**
 * Kho's format names (server/logic/formats.ts normalises what publishers type to these) and
 * common spellings, to their code in the EU file-type table. A format that is already a code
 * or a file-type URI is read as that code.
 */
const FORMAT_CODES: Record<string, string> = {
  CSV: 'CSV', TSV: 'TSV', XLSX: 'XLSX', XLS: 'XLS', ODS: 'ODS', JSON: 'JSON', GEOJSON: 'GEOJSON',
  XML: 'XML', PDF: 'PDF', DOC: 'DOC', DOCX: 'DOCX', ZIP: 'ZIP', HTML: 'HTML', HTM: 'HTML',
  TXT: 'TXT', RDF: 'RDF_XML', 'RDF/XML': 'RDF_XML', RDF_XML: 'RDF_XML', TTL: 'RDF_TURTLE',
  TURTLE: 'RDF_TURTLE', RDF_TURTLE: 'RDF_TURTLE', 'JSON-LD': 'JSON_LD', JSONLD: 'JSON_LD',
  JSON_LD: 'JSON_LD', NT: 'RDF_N_TRIPLES', 'N-TRIPLES': 'RDF_N_TRIPLES', RDF_N_TRIPLES: 'RDF_N_TRIPLES',
  SHP: 'SHP', KML: 'KML', KMZ: 'KMZ', PNG: 'PNG', JPEG: 'JPEG', JPG: 'JPEG', GIF: 'GIF',
  TIFF: 'TIFF', TIF: 'TIFF', ODT: 'ODT', RTF: 'RTF', PPTX: 'PPTX', PPT: 'PPT', GZIP: 'GZIP',
  GZ: 'GZIP', TAR: 'TAR', '7Z': '7Z', RAR: 'RAR', NETCDF: 'NETCDF', GML: 'GML', GPKG: 'GPKG',
  ICS: 'ICS', RSS: 'RSS', ATOM: 'ATOM', DBF: 'DBF', SQL: 'SQL', MDB: 'MDB', WMS: 'WMS_SRVC',
  WMS_SRVC: 'WMS_SRVC', WFS: 'WFS_SRVC', WFS_SRVC: 'WFS_SRVC', PARQUET: 'PARQUET',
};

/** edp-non-proprietary-format.rdf: formats anyone can read without a vendor's software. */
const NON_PROPRIETARY = new Set([
  'BMP', 'CSV', 'DBF', 'GEOJSON', 'GZIP', 'HTML', 'ICS', 'JPEG2000', 'JSON', 'JSON_LD', 'KML', 'KMZ',
  'NETCDF', 'ODS', 'PNG', 'RDF_N_QUADS', 'RDF_N_TRIPLES', 'RDF_TRIG', 'RDF_TURTLE', 'RDF_XML', 'RSS',
  'RTF', 'TAR', 'TIFF', 'TSV', 'TXT', 'WMS_SRVC', 'XML', 'ZIP',
]);

/** edp-machine-readable-format.rdf: formats a program can parse into data. */
const MACHINE_READABLE = new Set([
  'CSV', 'GEOJSON', 'ICS', 'JSON', 'JSON_LD', 'KML', 'KMZ', 'NETCDF', 'ODS', 'RDFA', 'RDF_N_QUADS',
  'RDF_N_TRIPLES', 'RDF_TRIG', 'RDF_TURTLE', 'RDF_XML', 'RSS', 'SHP', 'XLS', 'XLSX', 'XML',
]);

/** The EU file-type code of a format as a publisher gave it, or null when it has none. */
export function fileTypeCode(format: string): string | null {
  const clean = format.trim();
  if (clean.startsWith(FILE_TYPE)) return clean.slice(FILE_TYPE.length) || null;
  return FORMAT_CODES[clean.toUpperCase()] ?? null;
}

export const isNonProprietary = (code: string | null): boolean => code !== null && NON_PROPRIETARY.has(code);
export const isMachineReadable = (code: string | null): boolean => code !== null && MACHINE_READABLE.has(code);

const IANA = /^https?:\/\/www\.iana\.org\/assignments\/media-types\//;
// IANA's top-level types; a subtype under "x-" or "x." is by definition not registered.
const MEDIA_TYPE = /^(application|audio|font|example|image|message|model|multipart|text|video)\/(?!x[-.])[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** A media type as a publisher wrote it (or as an IANA URI), lower-cased, without parameters. */
export function mediaTypeOf(value: string): string {
  return value.trim().replace(IANA, '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Whether a media type is one IANA registers. Kho does not carry the whole registry: it checks
 * the registered top-level types and refuses unregistered ("x-") subtypes, which is what
 * separates the media types publishers actually use from the ones no vocabulary holds.
 */
export const isIanaMediaType = (value: string): boolean => MEDIA_TYPE.test(mediaTypeOf(value));

/** A format written as a media type ("text/csv"), which DCAT puts in dcat:mediaType. */
export const looksLikeMediaType = (value: string): boolean => /^[a-z]+\/[^\s/]+$/i.test(mediaTypeOf(value));

/**
 * Kho's licence ids (server/logic/licenses.ts) that name a licence in the EU licence authority
 * table. The generic ones ("other-open", "notspecified"…) name no particular licence, and the UK
 * OGL is a national licence the table does not hold, so they are not in any vocabulary.
 */
const LICENCE_CODES: Record<string, string> = {
  'cc-by': 'CC_BY_4_0', 'cc-by-sa': 'CC_BYSA_4_0', 'cc-zero': 'CC0', 'cc-nc': 'CC_BYNC_4_0',
  'odc-pddl': 'ODC_PDDL', 'odc-odbl': 'ODC_BL', 'odc-by': 'ODC_BY', gfdl: 'GFDL_1_3',
};

/** The licence's URI in the EU licence authority table, or null when it is in no vocabulary. */
export function licenceUri(licenseId: string): string | null {
  const id = licenseId.trim();
  if (id.startsWith(LICENCE)) return id;
  const code = LICENCE_CODES[id.toLowerCase()];
  return code ? LICENCE + code : null;
}

/** Licence ids that say no licence was chosen: as good as none. */
export const NO_LICENCE = new Set(['', 'notspecified']);

const ACCESS_RIGHTS = ['PUBLIC', 'RESTRICTED', 'NON_PUBLIC'];

/** Whether access rights name an entry of the EU access-right table (its URI, or its code). */
export function isAccessRightTerm(value: string): boolean {
  const v = value.trim();
  const code = v.startsWith(ACCESS_RIGHT) ? v.slice(ACCESS_RIGHT.length) : v.toUpperCase();
  return ACCESS_RIGHTS.includes(code);
}

// Resource formats → the EU file-type authority table (dct:format) and IANA media types
// (dcat:mediaType). Only registered media types are given an IANA URI: an x- type would point at
// a page that does not exist.
export const EU_FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';
export const IANA = 'https://www.iana.org/assignments/media-types/';

/** Kho's canonical format name (server/logic/formats.ts) → [EU file-type code, IANA media type] */
const TABLE: Record<string, [euCode: string | null, mediaType: string | null]> = {
  CSV: ['CSV', 'text/csv'],
  TSV: ['TSV', 'text/tab-separated-values'],
  XLSX: ['XLSX', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  XLS: ['XLS', 'application/vnd.ms-excel'],
  ODS: ['ODS', 'application/vnd.oasis.opendocument.spreadsheet'],
  JSON: ['JSON', 'application/json'],
  GeoJSON: ['GEOJSON', 'application/geo+json'],
  XML: ['XML', 'application/xml'],
  PDF: ['PDF', 'application/pdf'],
  DOC: ['DOC', 'application/msword'],
  DOCX: ['DOCX', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ZIP: ['ZIP', 'application/zip'],
  HTML: ['HTML', 'text/html'],
  TXT: ['TXT', 'text/plain'],
  RDF: ['RDF_XML', 'application/rdf+xml'],
  TTL: ['RDF_TURTLE', 'text/turtle'],
  'JSON-LD': ['JSON_LD', 'application/ld+json'],
  SHP: ['SHP', null],
  KML: ['KML', 'application/vnd.google-earth.kml+xml'],
  PNG: ['PNG', 'image/png'],
  JPEG: ['JPEG', 'image/jpeg'],
  GML: ['GML', 'application/gml+xml'],
  WMS: ['WMS_SRVC', null],
};

const BY_MEDIA_TYPE = new Map<string, string>();
const BY_EU_CODE = new Map<string, string>();
/** lower-cased format name → the name as Kho writes it ("geojson" → "GeoJSON") */
const BY_LOWER = new Map<string, string>();
for (const [fmt, [eu, mt]] of Object.entries(TABLE)) {
  BY_LOWER.set(fmt.toLowerCase(), fmt);
  if (mt) BY_MEDIA_TYPE.set(mt, fmt);
  if (eu) BY_EU_CODE.set(eu, fmt);
}

function entry(format: string): [string | null, string | null] | undefined {
  const f = format.trim();
  const name = BY_LOWER.get(f.toLowerCase()) ?? BY_MEDIA_TYPE.get(f.toLowerCase());
  return name ? TABLE[name] : undefined;
}

/** The EU file-type URI of a format ("CSV", "csv", "text/csv"), or null. */
export function fileTypeUri(format: string): string | null {
  if (format.startsWith(EU_FILE_TYPE)) return format;
  const code = entry(format)?.[0];
  return code ? EU_FILE_TYPE + code : null;
}

export function looksLikeMediaType(value: string): boolean {
  return /^[a-z]+\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i.test(value.trim());
}

/** The IANA URI of a media type, or of a format's registered media type; null when none. */
export function mediaTypeUri(formatOrType: string): string | null {
  const v = formatOrType.trim();
  if (v.startsWith(IANA)) return v;
  if (looksLikeMediaType(v)) return /^[a-z]+\/x-/i.test(v) ? null : IANA + v.toLowerCase();
  const mt = entry(v)?.[1];
  return mt ? IANA + mt : null;
}

/** An EU file-type URI back to Kho's format name. */
export function formatFromUri(u: string): string | null {
  if (u.startsWith(EU_FILE_TYPE)) return BY_EU_CODE.get(u.slice(EU_FILE_TYPE.length)) ?? u.slice(EU_FILE_TYPE.length);
  if (u.startsWith(IANA)) return u.slice(IANA.length);
  return null;
}

export function mediaTypeFromUri(u: string): string {
  return u.startsWith(IANA) ? u.slice(IANA.length) : u;
}

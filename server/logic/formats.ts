// Resource formats: CKAN normalises what publishers type ("csv", "text/csv") to one canonical name
// and guesses it from the URL's extension when none is given.

const CANONICAL: [format: string, mimetype: string, aliases: string[]][] = [
  ['CSV', 'text/csv', ['csv', 'text/csv', 'comma separated values']],
  ['TSV', 'text/tab-separated-values', ['tsv', 'text/tab-separated-values']],
  ['XLSX', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']],
  ['XLS', 'application/vnd.ms-excel', ['xls', 'application/vnd.ms-excel', 'excel']],
  ['ODS', 'application/vnd.oasis.opendocument.spreadsheet', ['ods', 'application/vnd.oasis.opendocument.spreadsheet']],
  ['JSON', 'application/json', ['json', 'application/json']],
  ['GeoJSON', 'application/geo+json', ['geojson', 'application/geo+json']],
  ['XML', 'application/xml', ['xml', 'application/xml', 'text/xml']],
  ['PDF', 'application/pdf', ['pdf', 'application/pdf']],
  ['DOC', 'application/msword', ['doc', 'application/msword']],
  ['DOCX', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']],
  ['ZIP', 'application/zip', ['zip', 'application/zip']],
  ['HTML', 'text/html', ['html', 'htm', 'text/html']],
  ['TXT', 'text/plain', ['txt', 'text/plain']],
  ['RDF', 'application/rdf+xml', ['rdf', 'application/rdf+xml']],
  ['TTL', 'text/turtle', ['ttl', 'text/turtle', 'turtle']],
  ['JSON-LD', 'application/ld+json', ['jsonld', 'json-ld', 'application/ld+json']],
  ['SHP', 'application/x-shapefile', ['shp', 'shapefile', 'esri shapefile']],
  ['KML', 'application/vnd.google-earth.kml+xml', ['kml', 'application/vnd.google-earth.kml+xml']],
  ['PNG', 'image/png', ['png', 'image/png']],
  ['JPEG', 'image/jpeg', ['jpg', 'jpeg', 'image/jpeg']],
  ['API', '', ['api']],
];

const byAlias = new Map<string, { format: string; mimetype: string }>();
for (const [format, mimetype, aliases] of CANONICAL) {
  for (const a of aliases) byAlias.set(a, { format, mimetype });
}

export function normalizeFormat(format: string): string {
  const clean = format.trim();
  return byAlias.get(clean.toLowerCase())?.format ?? clean;
}

function extensionOf(urlOrName: string): string {
  const path = urlOrName.split(/[?#]/)[0] ?? '';
  const last = path.split('/').pop() ?? '';
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
}

export function guessFormat(urlOrName: string): string {
  const ext = extensionOf(urlOrName);
  return ext ? byAlias.get(ext)?.format ?? '' : '';
}

export function guessMimetype(urlOrName: string): string | null {
  const ext = extensionOf(urlOrName);
  const m = ext ? byAlias.get(ext)?.mimetype : undefined;
  return m || null;
}

/**
 * The stored name of an uploaded file: lower-case, ASCII-folded, spaces to dashes, only
 * [a-z0-9_.-], at most 100 characters with the extension kept.
 */
export function cleanFilename(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().trim().replace(/\s+/g, '-')
    .replace(/[^a-z0-9_.-]/g, '').replace(/^[.]+/, '');
  let clean = base || 'upload';
  if (clean.length > 100) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
    clean = clean.slice(0, 100 - ext.length) + ext;
  }
  return clean;
}

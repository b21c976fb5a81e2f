// The controlled vocabularies the MQA checks values against, reduced to what Kho's datasets can
// hold. data.europa.eu reads them from the EU Publications Office authority tables (file types,
// licences, access rights) and from its own curated lists (edp-vocabularies:
// edp-non-proprietary-format.rdf, edp-machine-readable-format.rdf); Kho carries the entries
// here as data, so scoring never fetches anything. The tables the DCAT output itself uses
// (file types, licences) are the profile's, read from ../vocabularies, so what is scored is
// what is published.
import { EU_FILE_TYPE, fileTypeUri } from '../vocabularies/file-types.js';
import { EU_LICENCE, licenseUri } from '../vocabularies/licenses.js';

const ACCESS_RIGHT = 'http://publications.europa.eu/resource/authority/access-right/';

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

/**
 * The EU file-type code a format is published with (the DCAT profile's own table, so the score
 * and the output agree), or null when it goes out as a plain label.
 */
export function fileTypeCode(format: string): string | null {
  const uri = fileTypeUri(format);
  return uri ? uri.slice(EU_FILE_TYPE.length) : null;
}

export const isNonProprietary = (code: string | null): boolean => code !== null && NON_PROPRIETARY.has(code);
export const isMachineReadable = (code: string | null): boolean => code !== null && MACHINE_READABLE.has(code);

/** The licence's URI in the EU licence authority table (as the profile publishes it), or null. */
export function euLicenceUri(licenseId: string, licenseUrl?: unknown): string | null {
  const uri = licenseUri(licenseId, licenseUrl);
  return uri && uri.startsWith(EU_LICENCE) ? uri : null;
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

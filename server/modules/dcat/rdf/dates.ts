// Dates go out typed by their shape (DCAT-AP's SHACL accepts gYear, gYearMonth, date and
// dateTime), so "2024" stays a year and Kho's naive-UTC timestamps stay exactly as CKAN writes
// them (harvesters compare metadata_modified as strings).
import { PREFIXES } from './namespaces.js';

const SHAPES: [RegExp, string][] = [
  [/^\d{4}$/, 'gYear'],
  [/^\d{4}-(0[1-9]|1[0-2])$/, 'gYearMonth'],
  [/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date'],
  [/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/, 'dateTime'],
];

/** The XSD datatype IRI for a date-looking value, or null when it has none of the shapes. */
export function dateDatatype(value: string): string | null {
  for (const [re, type] of SHAPES) if (re.test(value)) return PREFIXES.xsd + type;
  return null;
}

/** Accepts what people type ("2024-01-05 10:00") by turning a space separator into the T. */
export function normalizeDate(value: string): string {
  const v = value.trim();
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(v) ? v.replace(' ', 'T') : v;
}

// Which resources are tables the DataStore loads: delimited text and spreadsheets.
import { guessFormat, normalizeFormat } from '../../../logic/formats.js';

/** What a resource's file is, from its format or, failing that, its URL; null when not tabular. */
export type TabularKind = 'delimited' | 'tsv' | 'spreadsheet';

export function tabularKind(format: string, url: string): TabularKind | null {
  const f = normalizeFormat(format || guessFormat(url) || '').toUpperCase();
  if (f === 'CSV') return 'delimited';
  if (f === 'TSV') return 'tsv';
  if (f === 'XLSX' || f === 'XLS' || f === 'ODS') return 'spreadsheet';
  return null;
}

// Update frequency → the EU frequency vocabulary (the regulations require update-frequency
// metadata; DCAT-AP wants it as a URI of this authority table). Kho's `frequency` field stores
// the vocabulary's code (schemas/dataset-fields.json); older datasets and harvested records say
// it in words, in Vietnamese or English, which are read here too.
import { fold } from '../../../text/fold.js';
import { findTerm, vocabularyBase } from './schema-terms.js';

export const EU_FREQUENCY = vocabularyBase('frequency');

/** Words people use that are not the vocabulary's own labels (folded: no diacritics, lower case). */
const MORE_WORDS: Record<string, string[]> = {
  HOURLY: ['hang gio', 'moi gio'],
  DAILY: ['hang ngay', 'moi ngay'],
  WEEKLY: ['hang tuan', 'moi tuan'],
  MONTHLY: ['hang thang', 'moi thang'],
  BIMONTHLY: ['2 thang mot lan'],
  QUARTERLY: ['hang quy', 'moi quy', 'ba thang mot lan', '3 thang mot lan'],
  ANNUAL_2: ['semi-annual', 'sau thang mot lan', '6 thang mot lan', 'nua nam'],
  ANNUAL: ['annually', 'yearly', 'hang nam', 'moi nam'],
  IRREG: ['irregularly', 'khong thuong xuyen', 'dot xuat'],
  CONT: ['continuously', 'thoi gian thuc', 'real time', 'realtime'],
};
const byWord = new Map<string, string>();
for (const [code, words] of Object.entries(MORE_WORDS)) for (const w of words) byWord.set(w, code);

/** The EU frequency URI for what the dataset says, or null when it is not one we know. */
export function frequencyUri(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const term = findTerm('frequency', value);
  if (term) return term.uri;
  const code = byWord.get(fold(value.trim()).replace(/\s+/g, ' '));
  return code ? EU_FREQUENCY + code : null;
}

/** A frequency URI read back: the vocabulary's code, as Kho stores it (other URIs stay URIs). */
export function frequencyFromUri(u: string): string {
  return findTerm('frequency', u)?.code ?? u;
}

// Update frequency → the EU frequency vocabulary (the regulations require update-frequency
// metadata, DCAT-AP wants it as a URI from this authority table). Publishers type it in
// Vietnamese or English, in any case, or give the code or the URI itself.
import { fold } from '../../../text/fold.js';

export const EU_FREQUENCY = 'http://publications.europa.eu/resource/authority/frequency/';

/** code → the words (folded: lower case, no diacritics) that mean it */
const WORDS: Record<string, string[]> = {
  CONT: ['continuous', 'continuously', 'lien tuc', 'thoi gian thuc', 'real time', 'realtime'],
  UPDATE_CONT: ['continuously updated', 'cap nhat lien tuc'],
  HOURLY: ['hourly', 'hang gio', 'moi gio'],
  DAILY: ['daily', 'hang ngay', 'moi ngay'],
  WEEKLY: ['weekly', 'hang tuan', 'moi tuan'],
  BIWEEKLY: ['biweekly', 'fortnightly', 'hai tuan mot lan', '2 tuan mot lan'],
  MONTHLY: ['monthly', 'hang thang', 'moi thang'],
  BIMONTHLY: ['bimonthly', 'hai thang mot lan', '2 thang mot lan'],
  QUARTERLY: ['quarterly', 'hang quy', 'moi quy', 'ba thang mot lan', '3 thang mot lan'],
  ANNUAL_2: ['semiannual', 'semi-annual', 'biannual', 'half-yearly', 'sau thang mot lan', '6 thang mot lan', 'nua nam'],
  ANNUAL: ['annual', 'annually', 'yearly', 'hang nam', 'moi nam'],
  BIENNIAL: ['biennial', 'hai nam mot lan', '2 nam mot lan'],
  TRIENNIAL: ['triennial', 'ba nam mot lan', '3 nam mot lan'],
  IRREG: ['irregular', 'irregularly', 'khong dinh ky', 'khong thuong xuyen', 'dot xuat'],
  NEVER: ['never', 'khong cap nhat'],
  UNKNOWN: ['unknown', 'khong ro'],
  OTHER: ['other', 'khac'],
};

const byWord = new Map<string, string>();
for (const [code, words] of Object.entries(WORDS)) {
  byWord.set(code.toLowerCase(), code);
  for (const w of words) byWord.set(w, code);
}

/** The EU frequency URI for what the dataset says, or null when it is not one we know. */
export function frequencyUri(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const v = value.trim();
  if (v.startsWith(EU_FREQUENCY)) return v;
  const code = byWord.get(fold(v).replace(/\s+/g, ' '));
  return code ? EU_FREQUENCY + code : null;
}

/** The Dublin Core / older EU URIs some harvested catalogs use, read back as the EU code. */
export function frequencyFromUri(u: string): string | null {
  if (u.startsWith(EU_FREQUENCY)) return u;
  const local = u.split(/[#/]/).pop() ?? '';
  const code = byWord.get(local.toLowerCase());
  return code ? EU_FREQUENCY + code : null;
}

// The controlled vocabularies Kho's dataset fields use (frequency, access right, language) are
// declared once, in schemas/dataset-fields.json; DCAT reads the same terms from there, so a code
// the form offers and validation accepts is always a code DCAT can write out as its EU URI.
import { DATASET_FIELDS_FILE, type Vocabulary, type VocabularyTerm } from '../../../core/dataset-fields-file.js';
import { fold } from '../../../text/fold.js';

export type VocabularyName = 'frequency' | 'access_right' | 'language';

export interface Term { code: string; uri: string; label: Readonly<Record<string, string>> }

function vocabulary(name: VocabularyName): Vocabulary {
  const v = DATASET_FIELDS_FILE.vocabularies[name];
  if (!v) throw new Error(`schemas/dataset-fields.json declares no vocabulary "${name}"`);
  return v;
}

const toTerm = (v: Vocabulary, t: VocabularyTerm): Term => ({ code: t.code, uri: v.uri_base + (t.uri_code ?? t.code), label: t.label });
const httpless = (u: string) => u.replace(/^https?:\/\//i, '').toLowerCase();

/** A term given as its code, its URI (http or https, any case) or one of its labels (any case,
 *  with or without Vietnamese diacritics: "Hằng quý", "hang quy", "Quarterly"). */
export function findTerm(name: VocabularyName, value: string): Term | null {
  // Every dataset of a page or of the complete file asks again for the same few values, and the
  // label comparison folds every label: remembered (a bounded map, forgotten wholesale when full).
  const key = `${name}\u0000${value}`;
  const known = found.get(key);
  if (known !== undefined) return known;
  if (found.size >= FOUND_MAX) found.clear();
  const term = lookUp(name, value);
  found.set(key, term);
  return term;
}

const FOUND_MAX = 4096;
const found = new Map<string, Term | null>();

function lookUp(name: VocabularyName, value: string): Term | null {
  const v = vocabulary(name);
  const raw = value.trim();
  if (/^https?:\/\//i.test(raw)) {
    const base = httpless(v.uri_base);
    const rest = httpless(raw);
    if (!rest.startsWith(base)) return null;
    const code = rest.slice(base.length);
    const t = v.terms.find((x) => (x.uri_code ?? x.code).toLowerCase() === code);
    return t ? toTerm(v, t) : null;
  }
  const lower = raw.toLowerCase();
  const folded = fold(raw).replace(/\s+/g, ' ');
  const t = v.terms.find((x) => x.code.toLowerCase() === lower || (x.uri_code ?? '').toLowerCase() === lower)
    ?? v.terms.find((x) => Object.values(x.label).some((l) => fold(l) === folded));
  return t ? toTerm(v, t) : null;
}

export function vocabularyBase(name: VocabularyName): string {
  return vocabulary(name).uri_base;
}

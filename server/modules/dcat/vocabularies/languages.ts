// Language codes (ISO 639-1, as Kho's `language` field and the site locales hold them) ↔ the EU
// language authority table DCAT-AP wants for dct:language; the terms are those of
// schemas/dataset-fields.json.
import { findTerm, vocabularyBase } from './schema-terms.js';

export const EU_LANGUAGE = vocabularyBase('language');

/** `vi`, `vi-VN`, `VIE` or the URI → the EU URI; null for what is not a language we know. */
export function languageUri(code: string): string | null {
  const c = code.trim();
  const t = findTerm('language', c) ?? findTerm('language', c.split(/[-_]/)[0] ?? '');
  if (t) return t.uri;
  // An EU language URI of a language outside the table is kept (the field accepts those too).
  return /^https?:\/\/publications\.europa\.eu\/resource\/authority\/language\/[A-Z]{3}$/.test(c) ? c : null;
}

/** The EU URI back to the two-letter code Kho stores (the URI itself if it has none). */
export function languageCode(u: string): string {
  return findTerm('language', u)?.code ?? u;
}

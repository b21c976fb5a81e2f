// Language codes (ISO 639-1 as Kho's `language` field and the site locales hold them) ↔ the EU
// language authority table DCAT-AP wants for dct:language.
export const EU_LANGUAGE = 'http://publications.europa.eu/resource/authority/language/';

const ISO1_TO_EU: Record<string, string> = {
  vi: 'VIE', en: 'ENG', fr: 'FRA', de: 'DEU', zh: 'ZHO', ja: 'JPN', ko: 'KOR', ru: 'RUS',
  es: 'SPA', pt: 'POR', it: 'ITA', nl: 'NLD', th: 'THA', lo: 'LAO', km: 'KHM', id: 'IND', ms: 'MSA',
};
const EU_TO_ISO1 = new Map(Object.entries(ISO1_TO_EU).map(([k, v]) => [v, k]));

/** `vi`, `vi-VN`, `VIE` or the URI → the EU URI; null for what is not a language we know. */
export function languageUri(code: string): string | null {
  const c = code.trim();
  if (c.startsWith(EU_LANGUAGE)) return c;
  if (/^[A-Za-z]{3}$/.test(c) && EU_TO_ISO1.has(c.toUpperCase())) return EU_LANGUAGE + c.toUpperCase();
  const iso1 = c.toLowerCase().split(/[-_]/)[0] ?? '';
  const eu = ISO1_TO_EU[iso1];
  return eu ? EU_LANGUAGE + eu : null;
}

/** The EU URI back to the two-letter code Kho stores (the URI itself if it is not one we know). */
export function languageCode(u: string): string {
  if (!u.startsWith(EU_LANGUAGE)) return u;
  return EU_TO_ISO1.get(u.slice(EU_LANGUAGE.length)) ?? u;
}

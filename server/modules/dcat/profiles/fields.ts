// Reading a CKAN dataset dict the way §8 of the contract says: a key is looked up at top level,
// then among the extras as `key`, then as `dcat_key`. Lists come as a JSON array text, as
// comma-separated text, or as a single value.
export type Dict = Record<string, any>;

function extra(dict: Dict, key: string): unknown {
  const extras: unknown = dict.extras;
  if (!Array.isArray(extras)) return undefined;
  for (const e of extras) if (e && typeof e === 'object' && e.key === key) return e.value;
  return undefined;
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '') && !(Array.isArray(v) && v.length === 0);
}

/** The value for `key`, or undefined when neither the dict nor its extras hold it. */
export function field(dict: Dict, key: string): unknown {
  for (const v of [dict[key], extra(dict, key), extra(dict, `dcat_${key}`)]) if (present(v)) return v;
  return undefined;
}

export function stringField(dict: Dict, key: string): string | undefined {
  const v = field(dict, key);
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** The first of several keys that is set (as `contact_name` → `maintainer` → `author`). */
export function firstField(dict: Dict, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = stringField(dict, k);
    if (v) return v;
  }
  return undefined;
}

export function listField(dict: Dict, key: string): string[] {
  const v = field(dict, key);
  if (v === undefined) return [];
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  const s = String(v).trim();
  if (s.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (Array.isArray(parsed)) return parsed.map((x) => String(x).trim()).filter(Boolean);
    } catch { /* not JSON: read it as comma-separated text */ }
  }
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

/** `title_translated` (ckanext-fluent's shape: {vi: '…', en: '…'}) as language → text. */
export function translated(dict: Dict, key: string): Record<string, string> | undefined {
  let v = field(dict, `${key}_translated`);
  if (typeof v === 'string') {
    try { v = JSON.parse(v); } catch { return undefined; }
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [lang, text] of Object.entries(v as Record<string, unknown>)) {
    if (typeof text === 'string' && text.trim() && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(lang)) out[lang] = text;
  }
  return Object.keys(out).length ? out : undefined;
}

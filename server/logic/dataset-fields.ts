// The DCAT-AP dataset fields (frequency, temporal coverage, spatial coverage, contact, language,
// theme, …) as schemas/dataset-fields.json declares them. That file is the one definition: this
// module validates and normalises what package_create/update/patch receive with it, and the DCAT
// profiles and the portal's forms read the same file (server/core/dataset-fields-file.ts).
import { LIMITS } from '../core/limits.js';
import { type DatasetFieldDef, type Vocabulary, type DatasetFieldValues, DATASET_FIELDS_FILE, STORED_FIELDS, DATASET_FIELD_NAMES } from '../core/dataset-fields-file.js';
import { addError, cleanEmail, parseRequestJson, type Errors } from './validators.js';

/** Most values a list field takes; a harvested record rarely has more than a dozen. */
const MAX_LIST_ITEMS = 100;
const URI_MAX = 2000;
const URI = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** Date.UTC, but years 0–99 stay those years (Date.UTC reads them as 1900–1999). */
function utc(year: number, month: number, day: number): number {
  const t = new Date(0);
  t.setUTCFullYear(year, month, day);
  return t.getTime();
}

/** The first and last instant a date of any precision covers (ms), or null when it is no date. */
export function dateBounds(value: string): [number, number] | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  const year = Number(y);
  const month = mo === undefined ? undefined : Number(mo);
  if (month !== undefined && (month < 1 || month > 12)) return null;
  const lastDay = new Date(utc(year, month ?? 12, 0)).getUTCDate();
  if (d !== undefined && (Number(d) < 1 || Number(d) > lastDay)) return null;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) return null;
  if (h !== undefined) {
    const t = Date.parse(zone ? value : `${value}Z`);
    return Number.isNaN(t) ? null : [t, t];
  }
  const start = utc(year, (month ?? 1) - 1, d === undefined ? 1 : Number(d));
  const end = d !== undefined ? start + 86_400_000 - 1 : utc(year, month ?? 12, 1) - 1;
  return [start, end];
}

function vocabularyOf(def: DatasetFieldDef): Vocabulary {
  return DATASET_FIELDS_FILE.vocabularies[def.vocabulary!]!;
}

/** A term's URI. The DCAT profiles write a stored code out with this. */
export function termUri(vocabularyName: string, code: string): string {
  const v = DATASET_FIELDS_FILE.vocabularies[vocabularyName];
  if (!v || /^https?:/.test(code)) return code;
  const term = v.terms.find((t) => t.code === code);
  return v.uri_base + (term?.uri_code ?? code);
}

/**
 * A vocabulary value's canonical form: the term's code (`QUARTERLY`, `PUBLIC`, `vi`), whether the
 * code or its EU URI was given (http or https, any case); for a vocabulary with `other_uris`, an EU
 * URI of a term not listed is kept as the URI. Null when the value is not in the vocabulary.
 */
function canonicalTerm(v: Vocabulary, raw: string): string | null {
  const uri = /^https?:\/\/(.*)$/i.exec(raw);
  const base = v.uri_base.replace(/^https?:\/\//, '').toLowerCase();
  if (uri && !uri[1]!.toLowerCase().startsWith(base)) return null;
  const code = (uri ? uri[1]!.slice(base.length) : raw).toLowerCase();
  const term = v.terms.find((t) => (uri ? t.uri_code ?? t.code : t.code).toLowerCase() === code);
  if (term) return term.code;
  if (uri && v.other_uris && /^[a-z]{3}$/.test(code)) return v.uri_base + code.toUpperCase();
  return null;
}

function vocabularyMessage(def: DatasetFieldDef, value: string): string {
  const v = vocabularyOf(def);
  const codes = v.terms.map((t) => t.code).join(', ');
  return `Value "${value}" is not in the ${v.title.en}: use one of ${codes} or ${v.other_uris ? 'an EU' : 'its'} URI ${v.uri_base}…`;
}

/** One value checked against its field's type: the canonical form, or an error message. */
function canonical(def: DatasetFieldDef, value: string): { ok: string } | { error: string } {
  switch (def.type) {
    case 'text': {
      const max = def.max_length ?? LIMITS.extraValueChars;
      return value.length > max ? { error: `Must be a maximum of ${max} characters long` } : { ok: value };
    }
    case 'email': {
      const e: Errors = {};
      const email = cleanEmail(e, def.name, value) ?? '';
      return e[def.name] ? { error: e[def.name][0] } : { ok: email };
    }
    case 'uri': {
      if (value.length > URI_MAX || !URI.test(value) || !URL.canParse(value)) return { error: `Please provide a valid URL: "${value.slice(0, 200)}"` };
      return { ok: value };
    }
    case 'date':
      return dateBounds(value) ? { ok: value } : { error: `Date format incorrect: "${value.slice(0, 100)}" (YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time)` };
    case 'vocabulary': {
      const term = canonicalTerm(vocabularyOf(def), value);
      return term ? { ok: term } : { error: vocabularyMessage(def, value.slice(0, 200)) };
    }
  }
}

/** A list field's input: an array of strings, JSON array text, or comma-separated text. */
function listItems(raw: unknown): string[] | string {
  let list: unknown = raw;
  if (typeof raw === 'string') {
    const s = raw.trim();
    if (s.startsWith('[')) {
      const parsed = parseRequestJson(s);
      if (!parsed.ok) return parsed.syntax ? 'Could not parse as valid JSON' : parsed.reason;
      list = parsed.value;
    } else list = s.split(',');
  }
  if (!Array.isArray(list)) return 'Not a list';
  if (list.some((x) => typeof x !== 'string')) return 'Must be a list of strings';
  const items = [...new Set((list as string[]).map((x) => x.trim()).filter(Boolean))];
  if (items.length > MAX_LIST_ITEMS) return `At most ${MAX_LIST_ITEMS} values are allowed; ${items.length} were given`;
  return items;
}

const isUnset = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/**
 * The stored fields' values from a dataset's input, canonical; unset fields (absent, null, "" or
 * []) are left out. Messages go to `errors` under each field's key, as CKAN reports field errors.
 */
export function cleanDatasetFields(errors: Errors, data: Record<string, unknown>): DatasetFieldValues {
  const out: DatasetFieldValues = {};
  for (const def of STORED_FIELDS) {
    const raw = data[def.name];
    if (isUnset(raw)) continue;
    if (def.multiple) {
      const items = listItems(raw);
      if (typeof items === 'string') { addError(errors, def.name, items); continue; }
      const values: string[] = [];
      for (const item of items) {
        const r = canonical(def, item);
        if ('error' in r) addError(errors, def.name, r.error);
        else if (!values.includes(r.ok)) values.push(r.ok);
      }
      if (values.length) out[def.name] = values;
      continue;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number') { addError(errors, def.name, 'Must be a string'); continue; }
    const r = canonical(def, String(raw).trim());
    if ('error' in r) addError(errors, def.name, r.error);
    else out[def.name] = r.ok;
  }
  for (const def of STORED_FIELDS) {
    const start = def.not_before && out[def.not_before];
    const end = out[def.name];
    if (typeof start !== 'string' || typeof end !== 'string') continue;
    if (dateBounds(start)![0] > dateBounds(end)![1]) addError(errors, def.name, `Must not be before ${def.not_before} (${start})`);
  }
  return out;
}

/** The stored fields as package_show shows them: set ones only, in the file's order. */
export function datasetFieldsDict(stored: DatasetFieldValues | null | undefined): DatasetFieldValues {
  const out: DatasetFieldValues = {};
  if (!stored) return out;
  for (const def of STORED_FIELDS) {
    const v = stored[def.name];
    if (v !== undefined && v !== null) out[def.name] = Array.isArray(v) ? [...v] : v;
  }
  return out;
}

/**
 * Extras that name a dataset field. CKAN refuses them (409 under `extras`), and so does Kho for
 * new ones. An extra a dataset already had before the field existed is kept as it was while the
 * client only sends it back (as package_patch and every edit of a fetched dict do), so old
 * datasets stay editable; once the field itself is set, that old extra is dropped, so a value is
 * never shown twice. Returns the extras to validate and the keys to let through.
 */
export function extrasBesideFields(extras: unknown, stored: Record<string, string>, data: Record<string, unknown>): { extras: unknown; keep: Set<string> } {
  const keep = new Set<string>();
  if (!Array.isArray(extras)) return { extras, keep };
  const kept = extras.filter((item: unknown) => {
    if (!item || typeof item !== 'object') return true;
    const { key, value } = item as { key?: unknown; value?: unknown };
    if (typeof key !== 'string' || !DATASET_FIELD_NAMES.has(key) || !Object.hasOwn(stored, key) || stored[key] !== value) return true;
    if (!isUnset(data[key])) return false;
    keep.add(key);
    return true;
  });
  return { extras: kept, keep };
}

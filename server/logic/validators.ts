// CKAN's field rules shared by datasets, organizations, groups and users; messages are CKAN's own.

export const NAME_PATTERN = /^[a-z0-9_-]+$/;
const RESERVED_NAMES = new Set(['new', 'edit', 'search']);
// HTML5's e-mail pattern, as CKAN uses it.
const EMAIL_PATTERN = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Errors = Record<string, any>;

export function addError(errors: Errors, field: string, message: string) {
  (errors[field] ??= []).push(message);
}

/** Slug names of datasets, organizations, groups and users. */
export function nameErrors(name: unknown): string[] {
  if (name === undefined || name === null || name === '') return ['Missing value'];
  if (typeof name !== 'string') return ['Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_'];
  const out: string[] = [];
  if (name.length < 2) out.push('Must be at least 2 characters long');
  if (name.length > 100) out.push('Name must be a maximum of 100 characters long');
  if (!NAME_PATTERN.test(name)) out.push('Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_');
  if (RESERVED_NAMES.has(name)) out.push('That name cannot be used');
  return out;
}

export function cleanEmail(errors: Errors, field: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const email = String(value).trim();
  if (email === '') return '';
  if (!EMAIL_PATTERN.test(email)) addError(errors, field, `Email ${email} is not a valid format`);
  return email;
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/** Optional free-text field: absent/null → null, anything else → its string form. */
export function optText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : String(value);
}

const TAG_PATTERN = /^[\p{L}\p{N}\p{M} \-_.]+$/u;

/** Tag names from `tags` ([{name}]) or `tag_string` ("a,b"); errors are a flat list of strings. */
export function cleanTags(errors: Errors, data: Record<string, any>): string[] | undefined {
  let names: string[] | undefined;
  if (Array.isArray(data.tags)) {
    names = data.tags.map((t: any) => (t && typeof t === 'object' ? String(t.name ?? '') : String(t)));
  } else if (typeof data.tag_string === 'string') {
    names = data.tag_string.split(',').map((s: string) => s.trim()).filter(Boolean);
  }
  if (!names) return undefined;
  const messages: string[] = [];
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (name.length < 2) messages.push(`Tag "${name}" length is less than minimum 2`);
    else if (name.length > 100) messages.push(`Tag "${name}" length is more than maximum 100`);
    else if (!TAG_PATTERN.test(name)) {
      messages.push(`Tag "${name}" can only contain alphanumeric characters, spaces (" "), hyphens ("-"), underscores ("_") or dots (".")`);
    } else if (!out.includes(name)) out.push(name);
  }
  if (messages.length) errors.tags = messages;
  return out;
}

/**
 * Extras `[{key, value}]` → `{key: value}`; non-string values stored as JSON text. `reserved`
 * lists core field names an extra may not shadow.
 */
export function cleanExtras(errors: Errors, extras: unknown, reserved: Set<string>): Record<string, string> | undefined {
  if (extras === undefined || extras === null) return undefined;
  if (!Array.isArray(extras)) {
    errors.extras = ['Not a list'];
    return undefined;
  }
  const out: Record<string, string> = {};
  const itemErrors: Record<string, string[]>[] = [];
  let bad = false;
  const dupes: string[] = [];
  for (const item of extras) {
    const e: Record<string, string[]> = {};
    const key = item && typeof item === 'object' ? item.key : undefined;
    const value = item && typeof item === 'object' ? item.value : undefined;
    if (typeof key !== 'string' || key.trim() === '') e.key = ['Missing value'];
    else if (reserved.has(key)) e.key = ['There is a schema field with the same name'];
    if (value === undefined || value === null) e.value = ['Missing value'];
    if (Object.keys(e).length) bad = true;
    else if (key in out) dupes.push(`Duplicate key "${key}"`);
    else out[key] = typeof value === 'string' ? value : JSON.stringify(value);
    itemErrors.push(e);
  }
  if (bad) errors.extras = itemErrors;
  if (dupes.length) errors.extras_validation = dupes;
  return out;
}

// CKAN's field rules shared by datasets, organizations, groups and users; messages are CKAN's own.
// The bounds every request is held to are in core/limits.ts.

import { LIMITS } from '../core/limits.js';

/**
 * Whether JSON text nests objects and arrays deeper than `max`. One pass over the characters,
 * no recursion, so it can be asked before the text is parsed.
 */
export function jsonTooDeep(text: string, max: number = LIMITS.jsonDepth): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * The first `__proto__` key anywhere in a parsed JSON value, or null. JSON.parse keeps it as a
 * plain key, but code that copies keys one by one would turn it into the object's prototype.
 * Walks without recursion; the caller has already bounded the depth.
 */
export function findProtoKey(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) if (x && typeof x === 'object') stack.push(x);
      continue;
    }
    for (const key of Object.keys(v)) {
      if (key === '__proto__') return key;
      const x = (v as Record<string, unknown>)[key];
      if (x && typeof x === 'object') stack.push(x);
    }
  }
  return null;
}

/**
 * Parses JSON that came from a request: refused (with the reason, fit for the caller) when it
 * is not JSON, nests deeper than LIMITS.jsonDepth, or has a `__proto__` key. The depth is
 * checked before parsing, so the parse and everything after it stay shallow.
 */
export function parseRequestJson(text: string): { ok: true; value: unknown } | { ok: false; syntax: boolean; reason: string } {
  if (jsonTooDeep(text)) {
    return { ok: false, syntax: false, reason: `JSON nested more than ${LIMITS.jsonDepth} levels deep is not accepted` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, syntax: true, reason: (err as Error).message };
  }
  // Only text that could spell the key (literally or escaped) is walked.
  if ((text.includes('proto') || text.includes('\\u')) && findProtoKey(value) !== null) {
    return { ok: false, syntax: false, reason: 'the key "__proto__" is not accepted' };
  }
  return { ok: true, value };
}

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
  if (names.length > LIMITS.datasetTags) {
    // One message, not one per tag: 20,000 tags must not make a 20,000-line answer.
    errors.tags = [`A dataset may have at most ${LIMITS.datasetTags} tags; ${names.length} were given`];
    return [];
  }
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
  if (extras.length > LIMITS.datasetExtras) {
    errors.extras = [`At most ${LIMITS.datasetExtras} extras are allowed; ${extras.length} were given`];
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
    // Stored in a plain object below, where this key would replace its prototype.
    else if (key === '__proto__') e.key = ['That key is not allowed'];
    else if (key.length > LIMITS.extraKeyChars) e.key = [`Must be a maximum of ${LIMITS.extraKeyChars} characters long`];
    const stored = value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);
    if (stored === null) e.value = ['Missing value'];
    else if (stored.length > LIMITS.extraValueChars) e.value = [`Must be a maximum of ${LIMITS.extraValueChars} characters long`];
    if (Object.keys(e).length) bad = true;
    else if (Object.hasOwn(out, key)) dupes.push(`Duplicate key "${key}"`);
    else out[key] = stored!;
    itemErrors.push(e);
  }
  if (bad) errors.extras = itemErrors;
  if (dupes.length) errors.extras_validation = dupes;
  return out;
}

/**
 * The bounds of a whole dataset, checked on what is about to be written (for package_patch and
 * the resource actions, the dataset with the change merged in): its resources and its size.
 * Tags and extras are counted by cleanTags and cleanExtras.
 */
export function datasetLimitErrors(errors: Errors, data: Record<string, unknown>): void {
  if (Array.isArray(data.resources) && data.resources.length > LIMITS.datasetResources) {
    errors.resources = [`A dataset may have at most ${LIMITS.datasetResources} resources; it would have ${data.resources.length}`];
  }
  // A file sent with a dataset action it does not belong to is not part of the dataset.
  const bytes = Buffer.byteLength(JSON.stringify(data, (_key, v) => (v && typeof v === 'object' && typeof v.pipe === 'function' ? undefined : v)));
  if (bytes > LIMITS.datasetBytes) {
    // Not one field's fault: CKAN puts such text under `message`.
    errors.message = `The dataset would be ${kib(bytes)} as JSON; at most ${kib(LIMITS.datasetBytes)} is allowed`;
  }
}

const kib = (bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString('en')} KiB`;

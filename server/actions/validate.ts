// Input validation with ajv against the JSON schemas in /schemas, turned into CKAN's error shapes:
// `{field: [messages]}` (409), lists aligned with the input for nested lists, a flat list of
// strings for tags, and "Integrity Error" (400) where the structure itself is wrong.
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asBool } from '../text/as-bool.js';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { IntegrityError, ValidationError } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import { parseRequestJson } from '../logic/validators.js';

const schemaDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas');

// verbose: errors carry their schema, where the x-messages (CKAN's own wording) are.
const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false, verbose: true });
// Custom keywords carry CKAN's exact messages and structural flags; ajv only stores them.
ajv.addKeyword({ keyword: 'x-messages' });
ajv.addKeyword({ keyword: 'x-integrity' });
ajv.addKeyword({ keyword: 'x-flat-errors' });
ajv.addKeyword({ keyword: 'x-max-length' });

/**
 * `"x-max-length": "<name>"` in a schema is LIMITS[name] as its maxLength, so the bounds stay
 * in one place (logic/validators.ts) and the schemas only name them.
 */
function withLimits(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withLimits);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = withLimits(v);
  const name = out['x-max-length'];
  if (typeof name === 'string') {
    const limit = (LIMITS as Record<string, number>)[name];
    if (typeof limit !== 'number') throw new Error(`schema names an unknown limit ${name}`);
    out.maxLength = limit;
  }
  return out;
}

for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.json'))) {
  ajv.addSchema(withLimits(JSON.parse(readFileSync(join(schemaDir, file), 'utf8'))) as object);
}

const compiled = new Map<string, ValidateFunction>();
function validator(ref: string): ValidateFunction {
  let v = compiled.get(ref);
  if (!v) {
    const fn = ajv.getSchema(ref);
    if (!fn) throw new Error(`No schema ${ref}`);
    v = fn;
    compiled.set(ref, v);
  }
  return v;
}


function schemaOf(ref: string): any {
  return validator(ref).schema;
}

function resolve(schema: any): any {
  if (schema && typeof schema.$ref === 'string') {
    const s = ajv.getSchema(schema.$ref)?.schema;
    return s ?? schema;
  }
  return schema;
}

/**
 * Query strings and form fields arrive as strings: convert them where the schema asks for a
 * boolean, an integer or JSON (lists, objects), following CKAN's conversions.
 */
function coerce(data: Record<string, unknown>, schema: any): Record<string, unknown> {
  const props = schema?.properties ?? {};
  const out: Record<string, unknown> = { ...data };
  for (const [key, raw] of Object.entries(data)) {
    const prop = resolve(props[key]);
    if (!prop || raw === null || raw === undefined) continue;
    const types: string[] = Array.isArray(prop.type) ? prop.type : [prop.type];
    if (types.includes('boolean') && !types.includes('string')) {
      if (typeof raw === 'string' || typeof raw === 'number') out[key] = asBool(raw);
    } else if ((types.includes('integer') || types.includes('number')) && typeof raw === 'string') {
      const s = raw.trim();
      if (/^[+-]?\d+$/.test(s)) out[key] = Number(s);
      else if (types.includes('number') && s !== '' && !Number.isNaN(Number(s))) out[key] = Number(s);
    } else if ((types.includes('array') || types.includes('object')) && typeof raw === 'string' && (!types.includes('string') || prop['x-csv'])) {
      const s = raw.trim();
      if (s.startsWith('[') || s.startsWith('{')) {
        const parsed = parseRequestJson(s);
        if (parsed.ok) out[key] = parsed.value;
        else if (!parsed.syntax) throw new ValidationError({ [key]: [parsed.reason] });
        // Not JSON: left as it is, for ajv to report the type.
      } else if (types.includes('array') && prop['x-csv']) {
        out[key] = s === '' ? [] : s.split(',').map((x) => x.trim());
      }
    }
  }
  return out;
}

function messageFor(err: ErrorObject): string {
  const custom = (err.parentSchema as any)?.['x-messages'];
  if (custom?.[err.keyword]) return custom[err.keyword];
  switch (err.keyword) {
    case 'required': return 'Missing value';
    case 'type': {
      const t = (err.params as any).type;
      if (t === 'integer' || t === 'number') return 'Invalid integer';
      if (t === 'boolean') return 'Invalid boolean';
      if (t === 'array') return 'Not a list';
      if (t === 'object') return 'Not a dict';
      return `Must be a ${t}`;
    }
    case 'minimum': return 'Must be a natural number';
    case 'enum': return 'Value must be one of: ' + ((err.params as any).allowedValues ?? []).join(', ');
    case 'minLength': return `Must be at least ${(err.params as any).limit} characters long`;
    case 'maxLength': return `Must be a maximum of ${(err.params as any).limit} characters long`;
    case 'format': return `Invalid ${(err.params as any).format}`;
    default: return err.message ?? 'Invalid value';
  }
}

/** Puts a message at a JSON path inside a CKAN error dict, aligning lists with the input. */
function place(target: any, path: (string | number)[], message: string, input: any, flatKeys: Set<string>) {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0 || flatKeys.has(String(head))) {
    const key = String(head);
    const list = Array.isArray(target[key]) && typeof target[key][0] !== 'object' ? target[key] : (target[key] = []);
    if (!list.includes(message)) list.push(message);
    return;
  }
  const next = rest[0];
  const key = String(head);
  if (typeof next === 'number') {
    const inputList: unknown[] = Array.isArray(input?.[key]) ? input[key] : [];
    if (!Array.isArray(target[key])) target[key] = inputList.map(() => ({}));
    const [, ...deeper] = rest;
    if (deeper.length === 0) {
      target[key][next] = { __item: [message] };
      return;
    }
    target[key][next] ??= {};
    place(target[key][next], deeper, message, inputList[next], flatKeys);
  } else {
    target[key] ??= {};
    place(target[key], rest, message, input?.[key], flatKeys);
  }
}

function pathOf(err: ErrorObject): (string | number)[] {
  const parts = err.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path: (string | number)[] = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (err.keyword === 'required') path.push((err.params as any).missingProperty);
  if (err.keyword === 'additionalProperties') path.push((err.params as any).additionalProperty);
  return path;
}

/**
 * Validates and coerces an action's input. Throws IntegrityError for structural misuse (a list of
 * dicts given as something else) and ValidationError with CKAN field messages otherwise.
 */
export function validateInput(ref: string, data: Record<string, unknown>): Record<string, unknown> {
  const v = validator(ref);
  const schema = schemaOf(ref);
  const input = coerce(data, schema);
  if (v(input)) return input;
  const errors = v.errors ?? [];
  for (const err of errors) {
    const top = err.instancePath.split('/')[1];
    const propSchema = top !== undefined ? resolve(schema.properties?.[top]) : undefined;
    const integrity = (err.parentSchema as any)?.['x-integrity'] || (propSchema?.['x-integrity'] && err.instancePath === `/${top}`);
    if (integrity && err.keyword === 'type') {
      throw new IntegrityError(`Only lists of dicts can be placed against subschema ${err.instancePath.slice(1)}, not ${typeof (input as any)[err.instancePath.slice(1)]}`);
    }
  }
  const flatKeys = new Set<string>(
    Object.entries(schema.properties ?? {}).filter(([, s]: [string, any]) => resolve(s)?.['x-flat-errors']).map(([k]) => k),
  );
  const fields: Record<string, any> = {};
  for (const err of errors) {
    if (err.keyword === 'if' || err.keyword === 'anyOf' || err.keyword === 'oneOf') continue;
    place(fields, pathOf(err), messageFor(err), input, flatKeys);
  }
  throw new ValidationError(fields);
}

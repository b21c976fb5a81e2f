// Request → the action's input dict, following CKAN's rules: query strings and form fields as
// strings (lists when repeated), JSON bodies must be objects, and CKAN's `curl -d '{...}'` quirk.
import { BadRequest } from '../actions/errors.js';

export type InputDict = Record<string, unknown>;

export function parsePairs(text: string): InputDict {
  const out: InputDict = {};
  for (const [k, v] of new URLSearchParams(text)) addField(out, k, v);
  return out;
}

export function addField(out: InputDict, key: string, value: unknown) {
  if (!(key in out)) out[key] = value;
  else if (Array.isArray(out[key])) (out[key] as unknown[]).push(value);
  else out[key] = [out[key], value];
}

export function parseJsonBody(raw: string): InputDict {
  if (raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw new BadRequest(`Bad request - JSON Error: Error decoding JSON data. Error: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BadRequest('Bad request - JSON Error: Request data JSON decoded to ' + JSON.stringify(parsed) + ' but it needs to be a dictionary.');
  }
  return parsed as InputDict;
}

/** Form bodies; a single field whose value is "" or "1" carries a JSON body in its name. */
export function parseFormBody(raw: string): InputDict {
  const pairs = [...new URLSearchParams(raw)];
  if (pairs.length === 1 && (pairs[0]![1] === '' || pairs[0]![1] === '1')) {
    const name = pairs[0]![0].trim();
    if (name.startsWith('{')) return parseJsonBody(name);
  }
  return parsePairs(raw);
}

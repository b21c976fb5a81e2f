// package_revise: check `match`, drop what `filter` names, deep-merge `update` (also given as
// flattened `update__a__0__b` keys), all onto the dataset as it is.
import { ValidationError } from '../core/errors.js';

type Json = any;

function isObject(v: unknown): v is Record<string, Json> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function mismatches(current: Json, match: Json, path: string[] = []): string[] {
  if (isObject(match)) {
    return Object.entries(match).flatMap(([k, v]) => mismatches(isObject(current) ? current[k] : undefined, v, [...path, k]));
  }
  if (Array.isArray(match)) {
    return match.flatMap((v, i) => mismatches(Array.isArray(current) ? current[i] : undefined, v, [...path, String(i)]));
  }
  return JSON.stringify(current) === JSON.stringify(match) ? [] : [path.join('__')];
}

/** Finds a list item by index or by an id prefix of at least 5 characters. */
function listIndex(list: Json[], key: string): number {
  if (/^-?\d+$/.test(key)) {
    const i = Number(key);
    return i < 0 ? list.length + i : i;
  }
  if (key.length >= 5) return list.findIndex((x) => isObject(x) && typeof x.id === 'string' && x.id.startsWith(key));
  return -1;
}

function deepMerge(target: Json, update: Json): Json {
  if (isObject(target) && isObject(update)) {
    const out: Record<string, Json> = { ...target };
    for (const [k, v] of Object.entries(update)) out[k] = deepMerge(target[k], v);
    return out;
  }
  return update;
}

function setPath(obj: Json, path: string[], value: Json): void {
  let node = obj;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (Array.isArray(node)) {
      const idx = listIndex(node, key);
      if (idx < 0 || idx > node.length) throw new ValidationError({ update: [`Unmatched key ${path.slice(0, i + 1).join('__')}`] });
      node[idx] ??= {};
      node = node[idx];
    } else {
      node[key] ??= /^\d+$/.test(path[i + 1]!) ? [] : {};
      node = node[key];
    }
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(node)) {
    if (last === 'extend') node.push(...(Array.isArray(value) ? value : [value]));
    else {
      const idx = listIndex(node, last);
      if (idx < 0 || idx > node.length) throw new ValidationError({ update: [`Unmatched key ${path.join('__')}`] });
      node[idx] = isObject(node[idx]) && isObject(value) ? { ...node[idx], ...value } : value;
    }
  } else node[last] = isObject(node[last]) && isObject(value) ? deepMerge(node[last], value) : value;
}

function removePath(obj: Json, path: string[]): void {
  let node = obj;
  for (let i = 0; i < path.length - 1; i++) {
    node = Array.isArray(node) ? node[listIndex(node, path[i]!)] : node?.[path[i]!];
    if (node === undefined) return;
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(node)) {
    const idx = listIndex(node, last);
    if (idx >= 0) node.splice(idx, 1);
  } else if (isObject(node)) delete node[last];
}

export function reviseInput(current: Record<string, Json>, data: Record<string, Json>): Record<string, Json> {
  const bad = mismatches(current, data.match);
  if (bad.length) throw new ValidationError({ match: bad });
  let next: Record<string, Json> = structuredClone(current);
  const filters: string[] = typeof data.filter === 'string' ? data.filter.split(',') : data.filter ?? [];
  for (const f of filters) {
    const sign = f.trim()[0];
    const path = f.trim().slice(1).split('__');
    if (sign === '-') removePath(next, path);
    else if (sign !== '+') throw new ValidationError({ filter: [`Filter must start with + or -: ${f}`] });
  }
  if (isObject(data.update)) next = deepMerge(next, data.update);
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith('update__')) continue;
    let v = value;
    if (typeof v === 'string' && /^\s*[[{]/.test(v)) { try { v = JSON.parse(v); } catch { /* plain string */ } }
    setPath(next, key.slice('update__'.length).split('__'), v);
  }
  return next;
}

// CKAN's reading of a flag sent as text, used wherever input says yes or no.
const TRUE_WORDS = new Set(['true', 'yes', 't', 'y', '1', 'on']);
/** CKAN's asbool: true/yes/t/y/1 in any case; everything else is false. */
export function asBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return TRUE_WORDS.has(v.trim().toLowerCase());
  return false;
}

// Access rights → the EU access-right vocabulary (PUBLIC, RESTRICTED, NON_PUBLIC), the terms of
// schemas/dataset-fields.json. Anything else is kept as a URI or described by its text.
import { findTerm } from './schema-terms.js';

export function accessRightUri(value: string): string | null {
  return findTerm('access_right', value)?.uri ?? null;
}

/** A URI read back: the code Kho stores, or the URI itself when it is not in the vocabulary. */
export function accessRightFromUri(u: string): string {
  return findTerm('access_right', u)?.code ?? u;
}

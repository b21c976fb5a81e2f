// The DCAT-AP dataset fields as schemas/dataset-fields.json declares them: the file read and
// checked once, with its types. Validation (logic/dataset-fields.ts), search (which reads the
// fields as CKAN's index does) and the DCAT profiles all read the declaration from here.
import { readFileSync } from 'node:fs';

export type Localized = { vi: string; en: string };
export type DatasetFieldType = 'text' | 'email' | 'uri' | 'date' | 'vocabulary';

export interface DatasetFieldDef {
  name: string;
  type: DatasetFieldType;
  /** a list (JSON array, or a comma-separated string on input); returned as an array */
  multiple?: boolean;
  /** for type 'vocabulary': a key of `vocabularies` */
  vocabulary?: string;
  max_length?: number;
  /** for dates: the field this one may not precede */
  not_before?: string;
  /** a column of CKAN's own (version): validated and stored by the core, listed for forms and DCAT */
  core?: boolean;
  /** the DCAT property (a path of prefixed names) the field maps to */
  dcat: string;
  label: Localized;
  help: Localized;
}

export interface VocabularyTerm { code: string; label: Localized; /** the code in the EU URI when it differs */ uri_code?: string }

export interface Vocabulary {
  title: Localized;
  /** a term's URI is uri_base + (uri_code ?? code) */
  uri_base: string;
  /** any URI under uri_base is accepted (kept as the URI) besides the listed terms */
  other_uris?: boolean;
  terms: VocabularyTerm[];
}

export interface DatasetFieldsFile {
  prefixes: Record<string, string>;
  vocabularies: Record<string, Vocabulary>;
  fields: DatasetFieldDef[];
}

/** A field's stored value: always the canonical form (see `canonical` below). */
export type DatasetFieldValue = string | string[];
export type DatasetFieldValues = Record<string, DatasetFieldValue>;

const TYPES: readonly string[] = ['text', 'email', 'uri', 'date', 'vocabulary'];

/** Reads and checks the file once at start: a broken definition must stop Kho, not a request. */
function load(): DatasetFieldsFile {
  const file = JSON.parse(readFileSync(new URL('../../schemas/dataset-fields.json', import.meta.url), 'utf8')) as DatasetFieldsFile;
  for (const f of file.fields) {
    if (!TYPES.includes(f.type)) throw new Error(`schemas/dataset-fields.json: ${f.name} has an unknown type ${f.type}`);
    if (f.type === 'vocabulary' && !(f.vocabulary && file.vocabularies[f.vocabulary])) {
      throw new Error(`schemas/dataset-fields.json: ${f.name} names no known vocabulary`);
    }
    if (!f.label?.vi || !f.label?.en || !f.help?.vi || !f.help?.en || !f.dcat) throw new Error(`schemas/dataset-fields.json: ${f.name} lacks labels, help or dcat`);
  }
  return file;
}

export const DATASET_FIELDS_FILE: DatasetFieldsFile = load();
/** Every declared field, in the file's order (the order package_show shows them in). */
export const DATASET_FIELDS: readonly DatasetFieldDef[] = DATASET_FIELDS_FILE.fields;
/** Fields Kho stores in packages.fields (all but CKAN's own columns). */
export const STORED_FIELDS: readonly DatasetFieldDef[] = DATASET_FIELDS.filter((f) => !f.core);
export const DATASET_FIELD_NAMES: ReadonlySet<string> = new Set(DATASET_FIELDS.map((f) => f.name));

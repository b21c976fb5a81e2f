// Which datasets a caller may see: the one rule, written once as a table of permission labels
// (CKAN's model) and turned from that table into every form a read path needs — a yes/no for one
// dataset row, a SQL condition, a Meilisearch filter, and the labels an activity keeps. Because
// all of them are read off the same table, they cannot drift apart; tests/visibility-rule.test.ts
// checks that they agree on every kind of dataset and reader.
//
// The rule (unchanged from canReadPackage's): public active datasets are for everyone; a draft
// only for those who may edit it; a private or deleted dataset for the members of its
// organization, or its creator when it has none; sysadmins and trusted internal calls see all.
import { and, eq, inArray, or, sql, type Column, type SQL } from 'drizzle-orm';
import { packages, searchDocuments } from '../db/schema.js';

/** Who is asking, resolved once: the organizations they belong to, by the rights they have there. */
export interface Reader {
  userId: string | null;
  /** sysadmins, and trusted internal calls (ignoreAuth), read everything */
  sysadmin: boolean;
  /** organizations and groups the user is an active member of, in any capacity */
  memberOf: string[];
  /** those where they are editor or admin */
  editorOf: string[];
}

export const ANONYMOUS: Reader = Object.freeze({ userId: null, sysadmin: false, memberOf: [], editorOf: [] }) as Reader;
export const TRUSTED: Reader = Object.freeze({ userId: null, sysadmin: true, memberOf: [], editorOf: [] }) as Reader;

/** What the rule looks at in a dataset (a packages row, a search document, a stored dict). */
export interface DatasetAccess {
  state: string;
  private: boolean;
  ownerOrg: string | null;
  creatorUserId: string | null;
}

type Field = keyof DatasetAccess;

/** One fact about a dataset; `negated` flips it (how a later rule says "no earlier rule matched"). */
type Test =
  | { field: 'state'; equals: string; negated?: boolean }
  | { field: 'private'; equals: boolean; negated?: boolean }
  | { field: 'ownerOrg' | 'creatorUserId'; present: true; negated?: boolean };

/** The label a matching dataset gets: a fixed one, or a kind followed by one of its own ids. */
type LabelOf = { fixed: 'public' } | { kind: LabelKind; of: 'ownerOrg' | 'creatorUserId' };
type LabelKind = 'member' | 'editor' | 'creator';

interface LabelRule {
  when: Test[];
  label: LabelOf;
}

/**
 * The table. Rules are tried in order and the first whose facts all hold gives the dataset its
 * one label; a dataset no rule labels is for sysadmins only. A reader may see a dataset when
 * they hold its label.
 */
const RULES: readonly LabelRule[] = [
  { when: [{ field: 'state', equals: 'active' }, { field: 'private', equals: false }], label: { fixed: 'public' } },
  // Drafts are still being written: read by those who may edit them (CKAN checks package_update).
  { when: [{ field: 'ownerOrg', present: true }, { field: 'state', equals: 'draft' }], label: { kind: 'editor', of: 'ownerOrg' } },
  { when: [{ field: 'ownerOrg', present: true }], label: { kind: 'member', of: 'ownerOrg' } },
  { when: [{ field: 'creatorUserId', present: true }], label: { kind: 'creator', of: 'creatorUserId' } },
];

/** The ids behind each kind of label a reader holds. */
function heldIds(reader: Reader, kind: LabelKind): string[] {
  if (kind === 'creator') return reader.userId ? [reader.userId] : [];
  return kind === 'member' ? reader.memberOf : reader.editorOf;
}

const negate = (t: Test): Test => ({ ...t, negated: !t.negated });

/**
 * Each rule as the facts under which it, and no rule before it, labels a dataset. `all` holds
 * when every fact does, `any` when one does: rule i applies when all of its own facts hold and,
 * for each earlier rule, one of that rule's facts fails.
 */
interface Applies {
  all: Test[];
  noneBefore: Test[][];
}
const APPLIES: readonly { applies: Applies; label: LabelOf }[] = RULES.map((rule, i) => ({
  applies: { all: rule.when, noneBefore: RULES.slice(0, i).map((earlier) => earlier.when.map(negate)) },
  label: rule.label,
}));

// ---- (a) one dataset ------------------------------------------------------------------------

const present = (v: unknown): v is string => typeof v === 'string' && v !== '';

function holds(t: Test, d: DatasetAccess): boolean {
  const v = 'present' in t ? present(d[t.field]) : d[t.field] === t.equals;
  return t.negated ? !v : v;
}

/** The one rule that labels this dataset: 'public', who else may see it, or null (sysadmins only). */
export function datasetLabel(d: DatasetAccess): 'public' | { kind: LabelKind; id: string } | null {
  for (const { applies, label } of APPLIES) {
    if (!applies.all.every((t) => holds(t, d)) || !applies.noneBefore.every((any) => any.some((t) => holds(t, d)))) continue;
    return 'fixed' in label ? label.fixed : { kind: label.kind, id: d[label.of] as string };
  }
  return null;
}

function labelOfRow(d: DatasetAccess): string | null {
  const label = datasetLabel(d);
  return label === null || label === 'public' ? label : `${label.kind}-${label.id}`;
}

/** (d) The permission labels of a dataset as it is in `d`: who may see it. */
export function datasetLabels(d: DatasetAccess): string[] {
  const label = labelOfRow(d);
  return label ? [label] : [];
}

/** (d) The labels a reader holds; a sysadmin passes every label and is not asked. */
export function readerLabels(reader: Reader): string[] {
  const labels = ['public'];
  for (const kind of ['creator', 'member', 'editor'] as const) {
    for (const id of heldIds(reader, kind)) labels.push(`${kind}-${id}`);
  }
  return labels;
}

/** (a) May this reader see this dataset? */
export function mayRead(reader: Reader, d: DatasetAccess): boolean {
  if (reader.sysadmin) return true;
  const label = labelOfRow(d);
  return label !== null && readerLabels(reader).includes(label);
}

/** Readable by anyone at all: what may be cached publicly, listed and counted for everyone. */
export const isPublic = (d: DatasetAccess): boolean => datasetLabel(d) === 'public';

/** A package dict (or the `package` an activity recorded) as the rule reads it. */
export function accessOfDict(pkg: { state?: unknown; private?: unknown; owner_org?: unknown; creator_user_id?: unknown }): DatasetAccess {
  return {
    state: typeof pkg.state === 'string' ? pkg.state : '',
    // anything but a real false is not public: an unreadable record errs on the private side
    private: pkg.private !== false,
    ownerOrg: present(pkg.owner_org) ? pkg.owner_org : null,
    creatorUserId: present(pkg.creator_user_id) ? pkg.creator_user_id : null,
  };
}

// ---- (b) SQL ----------------------------------------------------------------------------------

/** The columns the rule reads, in whichever table holds them. */
export type AccessColumns = { [F in Field]: Column | SQL };

export const PACKAGE_COLUMNS: AccessColumns = {
  state: packages.state, private: packages.private, ownerOrg: packages.ownerOrg, creatorUserId: packages.creatorUserId,
};

/** A search document keeps the same four facts (server/search/postgres-search.ts). */
export const SEARCH_DOCUMENT_COLUMNS: AccessColumns = {
  state: searchDocuments.state, private: searchDocuments.private,
  ownerOrg: searchDocuments.ownerOrg, creatorUserId: searchDocuments.creatorUserId,
};

function testSql(t: Test, cols: AccessColumns): SQL {
  const c = cols[t.field];
  let s: SQL;
  if ('present' in t) s = sql`(${c} is not null and ${c} <> '')`;
  else s = sql`${c} = ${t.equals}`;
  return t.negated ? sql`not (${s})` : s;
}

function appliesSql(a: Applies, cols: AccessColumns): SQL {
  return and(...a.all.map((t) => testSql(t, cols)), ...a.noneBefore.map((any) => or(...any.map((t) => testSql(t, cols)))!))!;
}

/** (b) mayRead as a condition on a table with the dataset's columns (the packages table by default). */
export function readableSql(reader: Reader, cols: AccessColumns = PACKAGE_COLUMNS): SQL {
  if (reader.sysadmin) return sql`true`;
  const parts: SQL[] = [];
  for (const { applies, label } of APPLIES) {
    if ('fixed' in label) parts.push(appliesSql(applies, cols));
    else {
      const ids = heldIds(reader, label.kind);
      if (ids.length) parts.push(and(appliesSql(applies, cols), inArray(cols[label.of] as Column, ids))!);
    }
  }
  return parts.length ? or(...parts)! : sql`false`;
}

/** The dataset's one label as a SQL expression (null when only sysadmins may see it). */
export function labelSql(cols: AccessColumns = PACKAGE_COLUMNS): SQL {
  const whens = APPLIES.map(({ applies, label }) =>
    sql`when ${appliesSql(applies, cols)} then ${'fixed' in label ? sql`${label.fixed}` : sql`${`${label.kind}-`} || ${cols[label.of]}`}`);
  return sql`(case ${sql.join(whens, sql` `)} else null end)`;
}

// ---- (c) Meilisearch ----------------------------------------------------------------------------

/** The attribute each field is indexed as (server/search/meili-document.ts). */
const MEILI_ATTRIBUTE: Record<Field, string> = {
  state: 'state', private: 'private', ownerOrg: 'owner_org', creatorUserId: 'creator_user_id',
};

export const meiliQuote = (value: string): string => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;

function testMeili(t: Test): string {
  const a = MEILI_ATTRIBUTE[t.field];
  if ('present' in t) return t.negated ? `(${a} NOT EXISTS OR ${a} IS NULL OR ${a} IS EMPTY)` : `(${a} EXISTS AND ${a} IS NOT NULL AND ${a} IS NOT EMPTY)`;
  const value = typeof t.equals === 'boolean' ? String(t.equals) : meiliQuote(t.equals);
  return `${a} ${t.negated ? '!=' : '='} ${value}`;
}

function appliesMeili(a: Applies): string {
  const parts = [...a.all.map(testMeili), ...a.noneBefore.map((any) => `(${any.map(testMeili).join(' OR ')})`)];
  return parts.join(' AND ');
}

/** Matches no document: every document has an id. */
export const MEILI_NOTHING = 'id IS NULL';

/** (c) mayRead as a Meilisearch filter; null for a reader who sees everything. */
export function readableMeili(reader: Reader): string | null {
  if (reader.sysadmin) return null;
  const parts: string[] = [];
  for (const { applies, label } of APPLIES) {
    if ('fixed' in label) parts.push(`(${appliesMeili(applies)})`);
    else {
      const ids = heldIds(reader, label.kind);
      if (ids.length) parts.push(`(${appliesMeili(applies)} AND ${MEILI_ATTRIBUTE[label.of]} IN [${ids.map(meiliQuote).join(', ')}])`);
    }
  }
  return parts.length ? parts.join(' OR ') : MEILI_NOTHING;
}

// ---- lists --------------------------------------------------------------------------------------

/**
 * What a list shows besides what the reader may see: lists show active datasets unless they say
 * otherwise, and private ones only when asked (CKAN's include_private, include_drafts). These
 * narrow the rule; they never widen it.
 */
export interface Listing {
  includePrivate: boolean;
  /** the states listed; 'any' when the caller's own filter names the state */
  states: readonly string[] | 'any';
}

export const ACTIVE_PUBLIC: Listing = { includePrivate: false, states: ['active'] };
export const ACTIVE: Listing = { includePrivate: true, states: ['active'] };

/** The datasets a list shows this reader, as a condition (the packages table by default). */
export function listedSql(reader: Reader, listing: Listing, cols: AccessColumns = PACKAGE_COLUMNS): SQL {
  const parts = [readableSql(reader, cols)];
  if (!listing.includePrivate) parts.push(eq(cols.private as Column, false));
  if (listing.states !== 'any') parts.push(listing.states.length ? inArray(cols.state as Column, [...listing.states]) : sql`false`);
  return and(...parts)!;
}

/** The same as a Meilisearch filter; null when the list shows everything. */
export function listedMeili(reader: Reader, listing: Listing): string | null {
  const parts: string[] = [];
  const readable = readableMeili(reader);
  if (readable) parts.push(readable);
  if (!listing.includePrivate) parts.push(`${MEILI_ATTRIBUTE.private} = false`);
  if (listing.states !== 'any') {
    parts.push(listing.states.length ? `${MEILI_ATTRIBUTE.state} IN [${listing.states.map(meiliQuote).join(', ')}]` : MEILI_NOTHING);
  }
  return parts.length ? parts.map((p) => `(${p})`).join(' AND ') : null;
}

/** The same for one row, so tests can hold the SQL and the filter to it. */
export function listed(reader: Reader, listing: Listing, d: DatasetAccess): boolean {
  return mayRead(reader, d) && (listing.includePrivate || !d.private) && (listing.states === 'any' || listing.states.includes(d.state));
}

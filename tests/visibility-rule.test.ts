// The one visibility rule (server/core/visibility.ts) in all its forms, held to each other and to
// the rule as canReadPackage's comment states it, over every kind of dataset and reader: the
// yes/no for one row, the SQL condition evaluated by the real database (PGlite, or Postgres when
// DATABASE_URL is set), the Meilisearch filter evaluated by an evaluator of its grammar, and the
// permission labels an activity keeps.
import t from 'tap';
import { PgDialect } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import {
  ACTIVE, ACTIVE_PUBLIC, ANONYMOUS, TRUSTED, accessOfDict, datasetLabels, labelSql, listed, listedMeili, listedSql,
  mayRead, readableMeili, readableSql, readerLabels, type AccessColumns, type DatasetAccess, type Listing, type Reader,
} from '../server/core/visibility.js';
import { meiliDocument } from '../server/search/meili-document.js';
import { meiliMatches } from './helpers/meili-filter.js';

interface Row extends DatasetAccess { id: string }

// Every combination: state × private × organization (none, empty, the reader's, another) × creator
// (none, the reader, someone else).
const rows: Row[] = [];
for (const state of ['active', 'draft', 'deleted']) {
  for (const priv of [false, true]) {
    for (const ownerOrg of [null, '', 'o1', 'o2', 'o3']) {
      for (const creatorUserId of [null, 'u1', 'u2']) {
        rows.push({ id: `d${rows.length}`, state, private: priv, ownerOrg, creatorUserId });
      }
    }
  }
}

const readers: Record<string, Reader> = {
  anonymous: ANONYMOUS,
  trusted: TRUSTED,
  sysadmin: { userId: 'u9', sysadmin: true, memberOf: [], editorOf: [] },
  'plain user': { userId: 'u1', sysadmin: false, memberOf: [], editorOf: [] },
  'member of o1': { userId: 'u1', sysadmin: false, memberOf: ['o1'], editorOf: [] },
  'editor of o1': { userId: 'u1', sysadmin: false, memberOf: ['o1'], editorOf: ['o1'] },
  'member of o1, editor of o2': { userId: 'u1', sysadmin: false, memberOf: ['o1', 'o2', 'g1'], editorOf: ['o2'] },
  'other user, editor of o3': { userId: 'u2', sysadmin: false, memberOf: ['o3'], editorOf: ['o3'] },
};

/** The rule as canReadPackage's comment states it, written out plainly as the reference. */
function reference(r: Reader, d: DatasetAccess): boolean {
  if (d.state === 'active' && !d.private) return true;
  if (r.sysadmin) return true;
  if (!r.userId) return false;
  const org = d.ownerOrg || null;
  if (d.state === 'draft') return org ? r.editorOf.includes(org) : d.creatorUserId === r.userId;
  return org ? r.memberOf.includes(org) : d.creatorUserId === r.userId;
}

const listings: Record<string, Listing> = {
  'active public': ACTIVE_PUBLIC,
  'active with private': ACTIVE,
  'with drafts': { includePrivate: true, states: ['active', 'draft'] },
  'state named by the caller': { includePrivate: false, states: 'any' },
  'everything': { includePrivate: true, states: 'any' },
  'no state': { includePrivate: true, states: [] },
};

const docOf = (d: Row) => meiliDocument({
  id: d.id, name: d.id, title: d.id, type: 'dataset', state: d.state, private: d.private, owner_org: d.ownerOrg,
  creator_user_id: d.creatorUserId, tags: [], groups: [], resources: [], extras: [], num_resources: 0, num_tags: 0,
  metadata_created: '2024-01-01T00:00:00', metadata_modified: '2024-01-01T00:00:00',
});
const dictOf = (d: Row) => ({ state: d.state, private: d.private, owner_org: d.ownerOrg, creator_user_id: d.creatorUserId });

/** Runs a condition over the generated rows in the real database; the ids it keeps. */
type Query = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
async function openDatabase(): Promise<{ query: Query; close: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const { default: postgres } = await import('postgres');
    const client = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    return { query: async (text, params) => [...(await client.unsafe(text, params as any[]))], close: () => client.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite();
  return { query: async (text, params) => (await db.query<Record<string, unknown>>(text, params)).rows, close: () => db.close() };
}

const dialect = new PgDialect();
const COLS: AccessColumns = { state: sql`t.state`, private: sql`t.private`, ownerOrg: sql`t.owner_org`, creatorUserId: sql`t.creator_user_id` };
const rowsJson = JSON.stringify(rows.map((d) => ({ id: d.id, state: d.state, private: d.private, owner_org: d.ownerOrg, creator_user_id: d.creatorUserId })));

t.test('every form of the rule agrees with the rule, for every dataset and reader', async (t) => {
  const database = await openDatabase();
  t.teardown(() => database.close());
  const run = async (select: ReturnType<typeof sql>) => {
    const q = dialect.sqlToQuery(sql`select t.id, ${select} as v from jsonb_to_recordset(${rowsJson}::text::jsonb)
      as t(id text, state text, private boolean, owner_org text, creator_user_id text) order by t.id`);
    return new Map((await database.query(q.sql, q.params)).map((r) => [String(r.id), r.v]));
  };

  // (d) The labels as SQL are the labels in JavaScript, and a stored dict labels as its row does.
  const labelsInDb = await run(labelSql(COLS));
  let labelMismatches = 0;
  for (const d of rows) {
    const js = datasetLabels(d);
    if (JSON.stringify(js) !== JSON.stringify(labelsInDb.get(d.id) === null ? [] : [labelsInDb.get(d.id)])) labelMismatches++;
    if (JSON.stringify(datasetLabels(accessOfDict(dictOf(d)))) !== JSON.stringify(js)) labelMismatches++;
  }
  t.equal(labelMismatches, 0, `labels: SQL, rows and dicts agree on ${rows.length} datasets`);

  for (const [name, reader] of Object.entries(readers)) {
    const inDb = await run(sql`(${readableSql(reader, COLS)})`);
    const filter = readableMeili(reader);
    const wrong: string[] = [];
    for (const d of rows) {
      const expected = reference(reader, d);
      const forms: Record<string, boolean> = {
        '(a) mayRead': mayRead(reader, d),
        '(b) SQL': inDb.get(d.id) === true,
        '(c) Meilisearch': meiliMatches(filter, docOf(d)),
        '(d) labels': reader.sysadmin || datasetLabels(d).some((l) => readerLabels(reader).includes(l)),
      };
      for (const [form, got] of Object.entries(forms)) {
        if (got !== expected) wrong.push(`${form} says ${got} for ${JSON.stringify(d)}`);
      }
    }
    t.same(wrong, [], `${name}: all four forms give the rule's answer for ${rows.length} datasets`);
    t.ok(rows.some((d) => reference(reader, d)) && (reader.sysadmin || rows.some((d) => !reference(reader, d))),
      `${name}: the generated datasets include ones they may and may not see`);

    for (const [listingName, listing] of Object.entries(listings)) {
      const listedInDb = await run(sql`(${listedSql(reader, listing, COLS)})`);
      const listFilter = listedMeili(reader, listing);
      const off: string[] = [];
      for (const d of rows) {
        const expected = reference(reader, d) && (listing.includePrivate || !d.private)
          && (listing.states === 'any' || listing.states.includes(d.state));
        if (listed(reader, listing, d) !== expected) off.push(`listed ${d.id}`);
        if ((listedInDb.get(d.id) === true) !== expected) off.push(`SQL ${d.id}`);
        if (meiliMatches(listFilter, docOf(d)) !== expected) off.push(`Meilisearch ${d.id}`);
      }
      t.same(off, [], `${name}, ${listingName}: lists never show more (or less) than the rule allows`);
    }
  }
});

t.test('the reference itself: a few answers stated outright', async (t) => {
  const d = (state: string, priv: boolean, ownerOrg: string | null, creatorUserId: string | null = 'u2'): DatasetAccess =>
    ({ state, private: priv, ownerOrg, creatorUserId });
  t.ok(mayRead(ANONYMOUS, d('active', false, 'o1')), 'public active: everyone');
  t.notOk(mayRead(ANONYMOUS, d('active', true, 'o1')), 'private: not anonymous');
  t.ok(mayRead(readers['member of o1']!, d('active', true, 'o1')), 'private: members');
  t.ok(mayRead(readers['member of o1']!, d('deleted', false, 'o1')), 'deleted: members');
  t.notOk(mayRead(readers['member of o1']!, d('draft', false, 'o1')), 'draft: not a mere member');
  t.ok(mayRead(readers['editor of o1']!, d('draft', false, 'o1')), 'draft: editors');
  t.ok(mayRead(readers['plain user']!, d('draft', false, null, 'u1')), 'no organization: the creator');
  t.notOk(mayRead(readers['plain user']!, d('draft', false, null, 'u2')), 'no organization: not someone else');
  t.ok(mayRead(TRUSTED, d('deleted', true, null, null)), 'trusted callers: everything');
  t.same(datasetLabels(d('draft', true, 'o1')), ['editor-o1']);
  t.same(datasetLabels(d('deleted', false, null, null)), [], 'nobody to go on: sysadmins only');
});

// COPY in and out through the Database interface, against the database the tests run on. On
// Postgres this also guards the two postgres-js COPY faults worked around in database.ts: a
// refused COPY FROM that never settled, and a connection left unusable after COPY TO.
import t from 'tap';
import { openDatabase } from '../server/db/database.js';
import { freshPostgresDatabase } from './helpers/kho.js';

const base = process.env.DATABASE_URL;
const fresh = base ? await freshPostgresDatabase(base) : null;
// One connection in the pool: a connection COPY left unusable would hang the very next query.
process.env.DATABASE_POOL_MAX = '1';
const database = await openDatabase({ databaseUrl: fresh?.url });
delete process.env.DATABASE_POOL_MAX;
t.teardown(async () => {
  await database.close();
  await fresh?.drop();
});
const run = (q: string) => database.db.execute(q as any) as Promise<any>;
const rows = async (q: string) => { const r = await run(q); return (Array.isArray(r) ? r : r.rows) as any[]; };
const within = <T>(p: Promise<T>, what: string) => Promise.race([p, new Promise<T>((_, fail) => setTimeout(() => fail(new Error(`${what} did not settle in 10 s`)), 10_000).unref())]);

await run('create table copy_test (id int8, name text, day date)');

t.test('COPY FROM with a header, day-first dates and quoted nulls', async (t) => {
  async function* csv() { yield 'id;name;day\n1;"Huế";31/12/2024\n'; yield Buffer.from('2;"";05/01/2025\n'); }
  await database.copyIn('copy_test (id, name, day)', csv(), { delimiter: ';', header: true, forceNull: 'name', dateStyle: 'ISO, DMY' });
  t.same(await rows(`select id::int, name, day::text from copy_test order by id`), [
    { id: 1, name: 'Huế', day: '2024-12-31' }, { id: 2, name: null, day: '2025-01-05' },
  ]);
  t.same(await rows(`select current_setting('datestyle') as s`), [{ s: 'ISO, MDY' }], 'the DateStyle was for the COPY alone');
});

t.test('a COPY FROM the server refuses fails with its error, and leaves nothing behind', async (t) => {
  async function* csv() { yield '3,a,2025-01-01\n4,b,not a date\n'; }
  const err = await within(database.copyIn('copy_test (id, name, day)', csv()).then(() => null, (e) => e), 'the refused COPY');
  t.ok(err, 'it failed');
  t.match(String(err?.where ?? ''), /column day: "not a date"/, 'with the line and column');
  t.same(await within(rows('select count(*)::int as n from copy_test where id >= 3'), 'the next query'), [{ n: 0 }], 'no row of it landed');
});

t.test('COPY TO, read slowly or left early, leaves the database usable', { skip: database.copyOut ? false : 'PGlite has no COPY TO STDOUT; dumps page through rows there' }, async (t) => {
  await run(`insert into copy_test select g, repeat('x', 200), date '2025-01-01' from generate_series(10, 60000) g`);
  let bytes = 0;
  for await (const chunk of database.copyOut!('select * from copy_test', 'format csv')) {
    bytes += chunk.length;
    await new Promise((r) => setImmediate(r));
  }
  t.ok(bytes > 10_000_000, `${bytes} bytes out`);
  t.same(await within(rows('select 1 as one'), 'a query after a slow COPY TO'), [{ one: 1 }]);
  for await (const chunk of database.copyOut!('select * from copy_test', 'format csv')) {
    t.ok(chunk.length > 0);
    break;
  }
  t.same(await within(rows('select 1 as one'), 'a query after a COPY TO left early'), [{ one: 1 }]);
});

// Which statements Kho names on Postgres (so they take one round trip instead of two), and that
// the bound holds: repeated parameterized text only, never DataStore text, at most a fixed number,
// and nothing at all when DATABASE_PREPARED_STATEMENTS is off.
import t from 'tap';
import { eq } from 'drizzle-orm';
import { PLAN_EACH_RUN, StatementPromotion } from '../server/db/statement-promotion.js';
import { PgDialect } from 'drizzle-orm/pg-core';

const PLAN_EACH_RUN_TEXT = new PgDialect().sqlToQuery(PLAN_EACH_RUN).sql;
import { openDatabase } from '../server/db/database.js';
import { packages } from '../server/db/schema.js';
import { freshPostgresDatabase } from './helpers/kho.js';

t.test('the policy names text the second time it is seen', async (t) => {
  const p = new StatementPromotion();
  const q = 'select * from "packages" where "packages"."id" = $1';
  t.equal(p.promote(q, 1), false, 'first time: unnamed');
  t.equal(p.promote(q, 1), true, 'second time: named');
  t.equal(p.promote(q, 1), true, 'and from then on');
  t.equal(p.promote('select 1', 0), false, 'no parameters: postgres-js sends it in one round trip already');
  t.equal(p.promote('select 1', 0), false);
  const ds = 'select * from datastore."abc" where "a" = $1';
  p.promote(ds, 1);
  t.equal(p.promote(ds, 1), false, 'DataStore tables change under their statements: never named');
  const search = `${PLAN_EACH_RUN_TEXT}select id from search_documents where tsv @@ $1`;
  p.promote(search, 1);
  t.equal(p.promote(search, 1), false, 'a query marked PLAN_EACH_RUN (search) is never named');
});

t.test('the policy names at most 400 texts, and forgets one-off texts instead of piling them up', async (t) => {
  const p = new StatementPromotion();
  let named = 0;
  for (let i = 0; i < 1000; i++) {
    const q = `select $1::int + ${i}`;
    p.promote(q, 1);
    if (p.promote(q, 1)) named++;
  }
  t.equal(named, 400);
  const seen = (p as unknown as { seen: Set<string> }).seen;
  for (let i = 0; i < 10_000; i++) p.promote(`select $1::int - ${i}`, 1);
  t.ok(seen.size <= 4096, `texts seen once are bounded (${seen.size})`);
});

t.test('switched off, nothing is named', async (t) => {
  const p = new StatementPromotion(false);
  const q = 'select $1::int';
  p.promote(q, 1);
  t.equal(p.promote(q, 1), false);
});

const base = process.env.DATABASE_URL;
t.test('on Postgres: a repeated drizzle query becomes one named statement on the connection', { skip: !base && 'needs DATABASE_URL (Postgres)' }, async (t) => {
  const fresh = await freshPostgresDatabase(base!);
  t.teardown(() => fresh.drop());
  for (const preparedStatements of [true, false]) {
    const database = await openDatabase({ databaseUrl: fresh.url, poolMax: 1, preparedStatements });
    try {
      await database.migrate();
      for (let i = 0; i < 3; i++) {
        await database.db.select({ id: packages.id }).from(packages).where(eq(packages.name, `khong-co-${i}`));
        await database.db.transaction(async (tx) => {
          await tx.select({ id: packages.id }).from(packages).where(eq(packages.id, `00000000-0000-0000-0000-00000000000${i}`));
        });
      }
      const named = await database.db.execute('select statement from pg_prepared_statements' as never) as unknown as { statement: string }[];
      const texts = named.map((r) => r.statement);
      if (preparedStatements) {
        t.ok(texts.some((s) => /where "public"\."packages"\."name" = \$1/.test(s)), 'the query outside a transaction is named');
        t.ok(texts.some((s) => /where "public"\."packages"\."id" = \$1/.test(s)), 'the query inside a transaction is named');
      } else {
        t.same(texts, [], 'DATABASE_PREPARED_STATEMENTS=0: none');
      }
    } finally {
      await database.close();
    }
  }
});

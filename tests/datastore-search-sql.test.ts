// datastore_search_sql answers one reading SELECT over DataStore tables and nothing else
// (checklist 68). The classic escapes are tried here; each is refused and nothing changes.
import t from 'tap';
import { startKho, orgWithRoles, backendName } from './helpers/kho.js';

const k = await startKho({ env: { KHO_DATASTORE_SQL: 'everyone' } });
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-y-te');
const pkg = (await k.api('package_create', { name: 'benh-vien', owner_org: org.name })).body.result;
const priv = (await k.api('package_create', { name: 'rieng', owner_org: org.name, private: true })).body.result;
const rid = (await k.api('datastore_create', {
  resource: { package_id: pkg.id },
  records: [{ 'tỉnh': 'Huế', 'giường': 2000 }, { 'tỉnh': 'Huế', 'giường': 700 }, { 'tỉnh': 'Đà Nẵng', 'giường': 1500 }],
})).body.result.resource_id as string;
const hidden = (await k.api('datastore_create', { resource: { package_id: priv.id }, records: [{ secret: 'x' }] })).body.result.resource_id as string;

const run = (sqlText: string, token: string | null = null) => k.api('datastore_search_sql', { sql: sqlText }, { token, method: 'GET' });

t.test('a SELECT over DataStore tables', async (t) => {
  const r = await run(`SELECT "tỉnh", sum("giường") AS tong FROM "${rid}" GROUP BY "tỉnh" ORDER BY tong DESC`);
  t.equal(r.status, 200, JSON.stringify(r.body.error ?? ''));
  t.same(r.body.result.records, [{ 'tỉnh': 'Huế', tong: 2700 }, { 'tỉnh': 'Đà Nẵng', tong: 1500 }]);
  t.same(r.body.result.fields, [{ id: 'tỉnh', type: 'text' }, { id: 'tong', type: 'int8' }]);
  t.notOk('records_truncated' in r.body.result);
  const cte = await run(`WITH h AS (SELECT * FROM "${rid}" WHERE "tỉnh" = 'Huế') SELECT count(*) AS n FROM h;`);
  t.same(cte.body.result.records, [{ n: 2 }], 'a reading WITH and a trailing semicolon are fine');
  t.equal((await run(`SELECT $$;$$ AS s, 'a;b' AS t`)).body.result.records[0].s, ';', 'semicolons inside strings are text');
  const series = await run('SELECT count(*) AS n FROM generate_series(1, 10) g');
  t.same(series.body.result?.records, [{ n: 10 }], 'an allowed function may be read from in FROM');
});

t.test('results are capped at 32000 rows', async (t) => {
  const r = await run('SELECT generate_series(1, 40000) AS n');
  t.equal(r.body.result.records.length, 32000);
  t.equal(r.body.result.records_truncated, true);
});

t.test('the classic escapes are refused', async (t) => {
  const refusals: [string, number][] = [
    [`DROP TABLE "${rid}"`, 409],
    [`DELETE FROM "${rid}"`, 409],
    [`UPDATE "${rid}" SET "giường" = 0`, 409],
    [`SELECT 1; DROP TABLE "${rid}"`, 409],
    [`SELECT 1 --\n; DROP TABLE "${rid}"`, 409],
    [`SELECT 1 /* ; */ ; DELETE FROM "${rid}"`, 409],
    [`WITH gone AS (DELETE FROM "${rid}" RETURNING *) SELECT * FROM gone`, 409],
    [`SELECT * INTO copy_of FROM "${rid}"`, 409],
    [`SELECT * FROM "${rid}" FOR UPDATE`, 409],
    [`COPY "${rid}" TO STDOUT`, 409],
    [`SET search_path = public`, 409],
    ['SELECT * FROM users', 409],
    ['SELECT name, password_hash FROM public.users', 403],
    ['SELECT * FROM pg_user', 403],
    ['SELECT * FROM pg_catalog.pg_roles', 403],
    ['SELECT * FROM "PG_SHADOW"', 403],
    ['SELECT table_name FROM information_schema.tables', 403],
    [`SELECT pg_read_file('/etc/passwd')`, 403],
    [`SELECT pg_sleep(30)`, 403],
    [`SELECT current_setting('data_directory')`, 403],
    [`SELECT set_config('search_path', 'public', true)`, 403],
    [`SELECT lo_import('/etc/passwd')`, 403],
    [`SELECT public.gen_random_uuid()`, 403],
    [`SELECT * FROM "${rid}" t, LATERAL (SELECT * FROM api_tokens) x`, 409],
    [`SELECT * FROM "${hidden}"`, 403],
    ['', 409],
  ];
  for (const [text, status] of refusals) {
    const r = await run(text);
    t.equal(r.status, status, `${JSON.stringify(text)} → ${status}`);
    t.notOk(r.body.success, 'refused');
  }
  const rows = (await k.api('datastore_search', { resource_id: rid, limit: 0 })).body.result.total;
  t.equal(rows, 3, 'the table is untouched');
  t.equal((await k.api('user_show', { id: org.admin.name })).status, 200, 'and so are the catalog’s own tables');
});

t.test("a statement Postgres cannot run gets Postgres's own sentence, in CKAN's shape", async (t) => {
  const cases: [string, string][] = [
    [`SELECT "năm" FROM "${rid}"`, 'column "năm" does not exist'],
    [`SELECT upper("giường") FROM "${rid}"`, 'function upper(integer) does not exist'],
    [`SELECT "tỉnh" + 1 FROM "${rid}"`, 'operator does not exist: text + integer'],
    [`SELECT 'abc'::int`, 'invalid input syntax for type integer: "abc"'],
    [`SELECT "giường" / 0 FROM "${rid}"`, 'division by zero'],
    [`SELECT "tỉnh" FROM "${rid}" WHERE`, 'syntax error at end of input'],
    [`SELECT "tỉnh" FROM "${rid}" ORDER "tỉnh"`, 'syntax error at or near ""tỉnh""'],
  ];
  for (const [text, message] of cases) {
    const r = await run(text);
    t.equal(r.status, 409, text);
    t.equal(r.body.error.__type, 'Validation Error');
    t.same(r.body.error.query, [message], text);
    t.same(r.body.error.info, { statement: [text] }, 'info.statement is the statement as sent');
    t.notMatch(JSON.stringify(r.body.error), /explain|Failed query|row_to_json|32001|select \* from \(/i, 'nothing of the query Kho wraps around it');
  }
  const unknown = await run('SELECT * FROM "khong-co-bang"');
  t.equal(unknown.status, 409);
  t.same(unknown.body.error.query, ['relation "khong-co-bang" is not a DataStore table or alias'], 'only the name the caller wrote');
});

t.test('a statement over a table the caller may not read is refused before Postgres sees it', async (t) => {
  for (const text of [`SELECT "năm" FROM "${hidden}"`, `SELECT secret FROM "${rid}", "${hidden}"`, `SELECT "nope" FROM "${hidden}" WHERE 1/0 = 1`]) {
    const r = await run(text);
    t.equal(r.status, 403, text);
    t.equal(r.body.error.__type, 'Authorization Error');
    t.match(r.body.error.message, new RegExp(`^Access denied: User\\s*not authorized to read resource ${hidden}$`));
    t.notMatch(JSON.stringify(r.body.error), /năm|nope|secret|does not exist|division/, 'no sign of what the table holds');
  }
});

t.test('a member of the owning organization may query its private table', async (t) => {
  const r = await run(`SELECT secret FROM "${hidden}"`, org.member.token);
  t.equal(r.status, 200);
  t.same(r.body.result.records, [{ secret: 'x' }]);
});

// Embedded PGlite runs each statement to its end on the JavaScript thread: nothing can interrupt
// it, so there a plan that costs too much is refused before it runs, and statement_timeout
// stops the rest on Postgres servers.
t.test('a query that runs too long is stopped', async (t) => {
  const quick = await startKho({ env: { KHO_DATASTORE_SQL_TIMEOUT_MS: '100' } });
  t.teardown(() => quick.close());
  const r = await quick.api('datastore_search_sql', { sql: 'SELECT count(*) FROM generate_series(1, 5000) a, generate_series(1, 5000) b' });
  t.equal(r.status, 409);
  t.match(r.body.error.query[0], backendName === 'pglite' ? /estimated cost/ : /^Query took too long$/);
});

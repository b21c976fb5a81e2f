// A property of datastore_search_sql's check (issue 10): generated statements that mix comments
// ended by \n, \r and \r\n, U& identifiers and strings with UESCAPE, dollar quoting, nested calls
// and casts are either refused (403/409, never a 500) or read only the DataStore tables the caller
// may read — checked against what Postgres itself reports in the plan, and against the answer.
import t from 'tap';
import { sql } from 'drizzle-orm';
import { startKho, orgWithRoles } from './helpers/kho.js';
import { rowsOf } from '../server/db/sql-helpers.js';

const k = await startKho({ env: { KHO_DATASTORE_SQL: 'everyone' } });
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-xay-dung');
const pub = (await k.api('package_create', { name: 'cong-trinh', owner_org: org.name })).body.result;
const priv = (await k.api('package_create', { name: 'kin', owner_org: org.name, private: true })).body.result;
const rid = (await k.api('datastore_create', {
  resource: { package_id: pub.id }, aliases: ['cong_trinh'], records: [{ ten: 'Cầu Trường Tiền', nam: 1899 }, { ten: 'Chợ Đông Ba', nam: 1899 }],
})).body.result.resource_id as string;
const hidden = (await k.api('datastore_create', {
  resource: { package_id: priv.id }, aliases: ['kin_dao'], records: [{ ten: 'BÍ-MẬT-77', nam: 1 }],
})).body.result.resource_id as string;

// A small seeded generator, so a failure can be replayed.
let seed = 20261203;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** Mostly from the first list, so that plenty of statements get through to be checked. */
const mostly = <T>(safe: readonly T[], unsafe: readonly T[]): T => pick(random() < 0.85 ? safe : unsafe);

const publicTables = [`"${rid}"`, 'cong_trinh', `datastore."${rid}"`, `U&"cong!005ftrinh" UESCAPE '!'`];
const otherTables = [
  `"${hidden}"`, 'kin_dao', `datastore."${hidden}"`, `U&"kin\\005fdao"`,
  'users', 'public.users', 'api_tokens', 'pg_catalog.pg_authid', 'pg_settings', `U&"\\0075sers"`, 'information_schema.tables',
];
const comments = ['', ' ', '\n', ' -- c\n', ' --c\r', ' --c\r\n', ' /* c */ ', ' /* a /* b */ c */ ', ` --\r, query_to_xml('select email from public.users', true, true, '')\n`];
const strings = [`'Huế'`, `$$ -- not a comment $$`, `$q$ ' $q$`, `E'\\''`, `U&'\\0041'`, `U&'!0041' UESCAPE '!'`, `'a''b'`];
const safeFunctions = ['lower', 'upper', 'md5', 'length', '"lower"', `U&"\\006cower"`];
const unsafeFunctions = [
  'query_to_xml', 'pg_read_file', 'set_config', 'current_setting', `U&"query!005fto!005fxml" UESCAPE '!'`, '"pg_ls_dir"', 'ts_stat',
];
const safeCasts = ['', '::text', '::varchar(10)', '::pg_catalog.text'];
const unsafeCasts = ['::regclass', '::regproc', '::public.citext'];
const cast = () => mostly(safeCasts, unsafeCasts);
const table = () => mostly(publicTables, otherTables);
const comment = () => mostly(comments.slice(0, -1), comments.slice(-1));

function expr(depth: number): string {
  const c = comment();
  switch (Math.floor(random() * (depth > 2 ? 3 : 5))) {
    case 0: return `ten${c}`;
    case 1: return `${pick(strings)}${cast()}`;
    case 2: return `nam${c}${pick(['+', '*', '||'])}${c}1`;
    case 3: return `${mostly(safeFunctions, unsafeFunctions)}${c}(${expr(depth + 1)})${cast()}`;
    default: return `(${c}SELECT ${expr(depth + 1)} FROM ${table()} LIMIT 1)`;
  }
}

function statement(): string {
  const from = table();
  const body = `SELECT ${expr(0)} AS a${comment()}, ${expr(0)} AS b FROM ${from}${comment()}`;
  const where = random() < 0.3 ? ` WHERE ${expr(0)} IS NOT NULL` : '';
  const withs = random() < 0.2 ? `WITH w AS (SELECT * FROM ${table()}) ` : '';
  return `${withs}${body}${where}${comment()}${random() < 0.2 ? ';' : ''}`;
}

/** The tables Postgres's planner says the statement reads, run as Kho's own user with the same path. */
async function planRelations(text: string): Promise<string[]> {
  const plan = await k.kho.database.db.transaction(async (tx) => {
    await tx.execute(sql.raw('set transaction read only'));
    await tx.execute(sql.raw('set local search_path = datastore'));
    return rowsOf<Record<string, unknown>>(await tx.execute(sql.raw(`explain (verbose, format json) select * from (\n${text.replace(/;\s*$/, '')}\n) q`)));
  });
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (typeof n['Relation Name'] === 'string') out.push(`${String(n.Schema)}.${n['Relation Name']}`);
      Object.values(n).forEach(walk);
    }
  };
  walk(plan.map((r) => r['QUERY PLAN']));
  return out;
}

t.test('every generated statement is refused or reads only what the caller may read', async (t) => {
  let accepted = 0;
  let refused = 0;
  for (let i = 0; i < 400; i++) {
    const text = statement();
    const r = await k.api('datastore_search_sql', { sql: text }, { token: null });
    const body = JSON.stringify(r.body);
    if (r.status !== 200) {
      refused++;
      if (![403, 409].includes(r.status)) t.fail(`${JSON.stringify(text)} → ${r.status} ${body}`);
      if (/BÍ-MẬT-77|@example\.vn|scrypt\$/.test(body)) t.fail(`the refusal of ${JSON.stringify(text)} leaks: ${body}`);
      continue;
    }
    accepted++;
    if (/BÍ-MẬT-77|@example\.vn|scrypt\$/.test(body)) t.fail(`${JSON.stringify(text)} leaked: ${body}`);
    const read = await planRelations(text);
    const outside = read.filter((rel) => rel !== `datastore.${rid}`);
    if (outside.length) t.fail(`${JSON.stringify(text)} was accepted but reads ${outside.join(', ')}`);
  }
  t.ok(accepted > 40, `${accepted} statements ran, each reading only the public table`);
  t.ok(refused > 40, `${refused} were refused, none with a 500`);
});

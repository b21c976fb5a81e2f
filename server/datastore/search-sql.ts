// datastore_search_sql, read-only and fenced in, in layers that each stop the classic escapes:
//  1. the text: one statement, starting SELECT or WITH; no comments hiding a second one; no
//     words that write, lock or change settings; no `pg_` / information_schema names; only
//     functions from an allow-list (file readers, setting readers, sleeps and the like are not on it);
//  2. the plan: EXPLAIN names every table the query reads; each must be a DataStore table the
//     caller may read (views and aliases cannot hide one);
//  3. the run: a READ ONLY transaction with search_path = datastore, a statement timeout, a row
//     cap, and (where the server lets Kho create it) a role that can read nothing but DataStore
//     tables.
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/database.js';
import { AuthorizationError, ValidationError } from '../actions/errors.js';
import { ALLOWED_FUNCTIONS } from './allowed-functions.js';
import { rowsOf } from '../db/sql-helpers.js';

export const SQL_ROW_CAP = 32000;
export const READER_ROLE = 'kho_datastore_reader';

const FORBIDDEN_WORDS = new Set([
  'insert', 'update', 'delete', 'merge', 'drop', 'alter', 'create', 'truncate', 'grant', 'revoke', 'copy', 'call',
  'do', 'set', 'reset', 'lock', 'vacuum', 'analyze', 'analyse', 'explain', 'listen', 'notify', 'unlisten', 'prepare',
  'execute', 'deallocate', 'into', 'comment', 'security', 'checkpoint', 'discard', 'load', 'refresh', 'reindex',
  'cluster', 'import', 'declare', 'fetch', 'move', 'close', 'begin', 'commit', 'rollback', 'savepoint', 'release',
  'abort', 'start', 'end_transaction', 'share', 'nowait', 'skip',
]);

/** Words that are followed by "(" without being function calls. */
const NOT_FUNCTIONS = new Set([
  'select', 'from', 'where', 'in', 'exists', 'any', 'all', 'some', 'values', 'cast', 'array', 'row', 'coalesce', 'nullif',
  'greatest', 'least', 'extract', 'over', 'filter', 'within', 'as', 'and', 'or', 'not', 'on', 'join', 'using', 'case',
  'when', 'then', 'else', 'lateral', 'by', 'distinct', 'union', 'intersect', 'except', 'position', 'substring', 'trim',
  'overlay', 'interval', 'timestamp', 'date', 'time', 'numeric', 'decimal', 'varchar', 'char', 'character', 'float',
  'with', 'recursive', 'is', 'like', 'ilike', 'similar', 'between', 'having', 'group', 'order', 'limit', 'offset',
  'partition', 'rows', 'range', 'groups', 'tablesample', 'only', 'asc', 'desc', 'nulls', 'first', 'last', 'collate',
  'grouping', 'cube', 'rollup', 'sets', 'materialized', 'ordinality', 'xmlparse',
]);

interface Token { kind: 'word' | 'quoted' | 'string' | 'symbol' | 'number'; text: string }

/** Splits SQL into tokens, honouring strings, quoted names, dollar quotes and comments. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new ValidationError({ query: ['Unterminated comment'] });
      i = end + 2;
      continue;
    }
    if (c === "'" || ((c === 'e' || c === 'E') && text[i + 1] === "'")) {
      let j = c === "'" ? i + 1 : i + 2;
      const escapes = c !== "'";
      for (;;) {
        if (j >= text.length) throw new ValidationError({ query: ['Unterminated string'] });
        if (escapes && text[j] === '\\') { j += 2; continue; }
        if (text[j] === "'") {
          if (text[j + 1] === "'") { j += 2; continue; }
          break;
        }
        j++;
      }
      out.push({ kind: 'string', text: text.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let name = '';
      for (;;) {
        if (j >= text.length) throw new ValidationError({ query: ['Unterminated quoted name'] });
        if (text[j] === '"') {
          if (text[j + 1] === '"') { name += '"'; j += 2; continue; }
          break;
        }
        name += text[j++];
      }
      out.push({ kind: 'quoted', text: name });
      i = j + 1;
      continue;
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
      if (m) {
        const end = text.indexOf(m[0], i + m[0].length);
        if (end < 0) throw new ValidationError({ query: ['Unterminated dollar-quoted string'] });
        out.push({ kind: 'string', text: text.slice(i, end + m[0].length) });
        i = end + m[0].length;
        continue;
      }
    }
    const word = /^[\p{L}_][\p{L}\p{N}_$]*/u.exec(text.slice(i));
    if (word) { out.push({ kind: 'word', text: word[0].toLowerCase() }); i += word[0].length; continue; }
    const num = /^\d+(\.\d*)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (num) { out.push({ kind: 'number', text: num[0] }); i += num[0].length; continue; }
    out.push({ kind: 'symbol', text: c });
    i++;
  }
  return out;
}

/** Layer 1: what the text itself may contain. */
export function checkSqlText(text: string): void {
  const tokens = tokenize(text);
  const first = tokens[0];
  if (!first || first.kind !== 'word' || (first.text !== 'select' && first.text !== 'with')) {
    throw new ValidationError({ query: ['Only a single SELECT statement is allowed'] });
  }
  const semicolon = tokens.findIndex((t) => t.kind === 'symbol' && t.text === ';');
  if (semicolon >= 0 && semicolon !== tokens.length - 1) throw new ValidationError({ query: ['Only a single SELECT statement is allowed'] });
  for (const [i, t] of tokens.entries()) {
    const name = t.kind === 'word' || t.kind === 'quoted' ? t.text.toLowerCase() : null;
    if (!name) continue;
    if (name.startsWith('pg_') || name === 'information_schema' || name === 'pg_catalog') {
      throw new AuthorizationError('Not authorized to access system tables');
    }
    if (t.kind === 'word' && FORBIDDEN_WORDS.has(name)) {
      // FOR UPDATE / FOR SHARE lock rows; SET, INTO and the rest write or change the session.
      throw new ValidationError({ query: [`"${name.toUpperCase()}" is not allowed: only reading SELECT statements are`] });
    }
    const next = tokens[i + 1];
    if (next?.kind === 'symbol' && next.text === '(' && !(t.kind === 'word' && NOT_FUNCTIONS.has(name))) {
      const prev = tokens[i - 1];
      const qualified = prev?.kind === 'symbol' && prev.text === '.';
      if (qualified || !ALLOWED_FUNCTIONS.has(name)) throw new AuthorizationError(`Not authorized to call function ${name}`);
    }
  }
}

/** Every table a query reads, from its plan (schema, name). */
function relationsOf(plan: unknown, out: { schema: string; name: string }[] = []) {
  if (Array.isArray(plan)) for (const p of plan) relationsOf(p, out);
  else if (plan && typeof plan === 'object') {
    const node = plan as Record<string, unknown>;
    if (typeof node['Relation Name'] === 'string') out.push({ schema: String(node.Schema ?? ''), name: node['Relation Name'] });
    for (const v of Object.values(node)) if (v && typeof v === 'object') relationsOf(v, out);
  }
  return out;
}


/** The reader role, where the server lets Kho create it; false when it cannot. Remembered per database. */
const roleReady = new WeakMap<Database, Promise<boolean>>();
function readerRole(database: Database): Promise<boolean> {
  let ready = roleReady.get(database);
  if (!ready) {
    ready = (async () => {
      try {
        await database.db.transaction(async (tx) => {
          const exists = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from pg_roles where rolname = ${READER_ROLE}`))[0]!.n;
          if (!Number(exists)) await tx.execute(sql.raw(`create role ${READER_ROLE} nologin`));
          await tx.execute(sql.raw(`grant usage on schema datastore to ${READER_ROLE}`));
          await tx.execute(sql.raw(`grant select on all tables in schema datastore to ${READER_ROLE}`));
          await tx.execute(sql.raw(`alter default privileges in schema datastore grant select on tables to ${READER_ROLE}`));
          await tx.execute(sql.raw(`grant ${READER_ROLE} to current_user`));
        });
        return true;
      } catch {
        return false; // no CREATEROLE here: the other layers still hold
      }
    })();
    roleReady.set(database, ready);
  }
  return ready;
}

export interface SqlResult {
  fields: { id: string; type: string }[];
  records: Record<string, unknown>[];
  truncated: boolean;
}

/**
 * Runs the query after the three layers; `mayRead(resourceIds)` says whether the caller may read
 * those DataStore tables (it throws otherwise).
 */
export async function runSearchSql(database: Database, text: string, timeoutMs: number, mayRead: (resourceIds: string[]) => Promise<void>): Promise<SqlResult> {
  const query = text.trim().replace(/;\s*$/, '');
  checkSqlText(query);
  const useRole = await readerRole(database);
  // Fenced like the run itself, so even planning happens as the reader.
  const fenced = async <T>(fn: (tx: Tx) => Promise<T>) => database.db.transaction(async (tx: Tx) => {
    await tx.execute(sql.raw('set transaction read only'));
    await tx.execute(sql.raw(`set local statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`));
    await tx.execute(sql.raw('set local search_path = datastore'));
    if (useRole) await tx.execute(sql.raw(`set local role ${READER_ROLE}`));
    return fn(tx);
  });
  const wrapped = `select * from (${query}) as q limit ${SQL_ROW_CAP + 1}`;
  try {
    const plan = await fenced(async (tx) => rowsOf<Record<string, unknown>>(await tx.execute(sql.raw(`explain (verbose, format json) ${wrapped}`))));
    const relations = relationsOf(plan.map((r) => r['QUERY PLAN']));
    // Functions in FROM were vetted against the allow-list with the text; tables are vetted here.
    if (relations.some((r) => r.schema !== 'datastore')) {
      throw new AuthorizationError('Not authorized to read anything but DataStore tables');
    }
    // Checked outside the fenced transaction: the embedded database has one session.
    await mayRead([...new Set(relations.map((r) => r.name))]);
    return await fenced(async (tx) => {
      const rows = rowsOf<{ j: string }>(await tx.execute(sql.raw(`select row_to_json(r)::text as j from (${wrapped}) r`)));
      const records = rows.map((r) => JSON.parse(r.j) as Record<string, unknown>);
      const truncated = records.length > SQL_ROW_CAP;
      if (truncated) records.length = SQL_ROW_CAP;
      return { fields: await columnTypes(tx, query), records, truncated };
    });
  } catch (err: any) {
    if (err instanceof AuthorizationError || err instanceof ValidationError) throw err;
    const code: string | undefined = err?.code ?? err?.cause?.code;
    if (code === '57014') throw new ValidationError({ query: ['Query took too long'] });
    if (code === '42501') throw new AuthorizationError('Not authorized to read resource.');
    if (code && /^(42|22|0A|25|2F|38|39|54)/.test(code)) {
      throw new ValidationError({ query: [String(err.message ?? err.cause?.message).split('\n')[0]] });
    }
    throw err;
  }
}

/** Result column names and Postgres type names, from the driver's description of a zero-row run. */
async function columnTypes(tx: Tx, query: string): Promise<{ id: string; type: string }[]> {
  const res: any = await tx.execute(sql.raw(`select * from (${query}) q limit 0`));
  const cols: { name: string; oid: number }[] = (res.columns ?? res.fields ?? [])
    .map((c: any) => ({ name: String(c.name), oid: Number(c.type ?? c.dataTypeID) }));
  if (!cols.length) return [];
  const names = new Map(rowsOf<{ oid: number; typname: string }>(await tx.execute(
    sql`select oid::int as oid, typname from pg_catalog.pg_type where oid = any(${sql.param(cols.map((c) => c.oid))}::oid[])`))
    .map((r) => [Number(r.oid), r.typname]));
  return cols.map((c) => ({ id: c.name, type: names.get(c.oid) ?? 'text' }));
}

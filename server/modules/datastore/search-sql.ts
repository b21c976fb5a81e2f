// datastore_search_sql, read-only and fenced in, in layers that each stop the classic escapes:
//  1. the grammar: Postgres's own parser reads the text (sql-check.ts); one SELECT, every node,
//     function, type and operator on an allow-list, every relation named in it a DataStore table
//     or alias the caller may read (`authorize`);
//  2. the plan: EXPLAIN names every table the query really reads (views and aliases unfolded);
//     each must be one of the tables the caller was authorized for; on the embedded database
//     a plan that costs too much is refused before it runs, since PGlite cannot stop a statement;
//  3. the run: a READ ONLY transaction whose settings are all SET LOCAL (role, search_path,
//     statement timeout), so nothing outlives it on a pooled connection; as the reader role,
//     which can read the datastore schema and nothing else; capped in rows and in bytes.
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.js';
import { AuthorizationError, ValidationError } from '../../core/errors.js';
import { rowsOf } from '../../db/sql-helpers.js';
import { checkSelect } from './sql-check.js';

export const SQL_ROW_CAP = 32000;
export const READER_ROLE = 'kho_datastore_reader';
/**
 * Planner cost above which the embedded database refuses a query: about a second of PGlite's
 * time, during which it answers nobody else (sorting a million rows costs ~170,000).
 */
export const EMBEDDED_MAX_COST = 250_000;

export interface SqlLimits {
  timeoutMs: number;
  /** largest planner cost of any plan node; none when undefined */
  maxCost?: number;
  /** largest answer, in bytes of JSON records */
  maxBytes: number;
}

export interface SqlResult {
  fields: { id: string; type: string }[];
  records: Record<string, unknown>[];
  truncated: boolean;
}

/**
 * Whether Kho's database user may switch to the reader role (the migrations grant it where they
 * may). Asked once per database: granting it later needs a restart.
 */
const roleReady = new WeakMap<Database, Promise<boolean>>();
export function readerRoleReady(database: Database): Promise<boolean> {
  let ready = roleReady.get(database);
  if (!ready) {
    ready = (async () => {
      const rows = rowsOf<{ ok: boolean }>(await database.db.execute(sql`
        select exists (select from pg_catalog.pg_roles where rolname = ${READER_ROLE})
           and pg_catalog.pg_has_role(current_user, ${READER_ROLE}, 'MEMBER') as ok`));
      return !!rows[0]?.ok;
    })();
    ready.catch(() => roleReady.delete(database));
    roleReady.set(database, ready);
  }
  return ready;
}

/** Every function name the database knows, for vetting attribute notation (`x.f` calls f(x)). */
const functionNames = new WeakMap<Database, Promise<Set<string>>>();
function knownFunctions(database: Database): Promise<Set<string>> {
  let names = functionNames.get(database);
  if (!names) {
    names = (async () => new Set(rowsOf<{ proname: string }>(
      await database.db.execute(sql`select distinct proname from pg_catalog.pg_proc`)).map((r) => r.proname)))();
    names.catch(() => functionNames.delete(database));
    functionNames.set(database, names);
  }
  return names;
}

interface PlanNode { relations: { schema: string; name: string }[]; maxCost: number }

function walkPlan(plan: unknown, out: PlanNode = { relations: [], maxCost: 0 }): PlanNode {
  if (Array.isArray(plan)) for (const p of plan) walkPlan(p, out);
  else if (plan && typeof plan === 'object') {
    const node = plan as Record<string, unknown>;
    if (typeof node['Relation Name'] === 'string') out.relations.push({ schema: String(node.Schema ?? ''), name: node['Relation Name'] });
    if (typeof node['Total Cost'] === 'number') out.maxCost = Math.max(out.maxCost, node['Total Cost']);
    for (const v of Object.values(node)) if (v && typeof v === 'object') walkPlan(v, out);
  }
  return out;
}

/**
 * Runs the query after the three layers. `authorize(names)` resolves each relation the statement
 * names to the DataStore table (resource id) behind it, and throws unless the caller may read it.
 */
export async function runSearchSql(
  database: Database, text: string, limits: SqlLimits, authorize: (names: string[]) => Promise<string[]>,
): Promise<SqlResult> {
  const functions = await knownFunctions(database);
  const checked = await checkSelect(text, { isFunctionName: (name) => functions.has(name) });
  const allowedTables = new Set(await authorize(checked.relations));
  // The line breaks end any `--` comment the statement closes with, so it cannot swallow Kho's SQL.
  const query = `select * from (\n${checked.statement}\n) as q limit ${SQL_ROW_CAP + 1}`;
  const useRole = await readerRoleReady(database);
  const fenced = <T>(fn: (tx: Tx) => Promise<T>) => database.db.transaction(async (tx: Tx) => {
    await tx.execute(sql.raw('set transaction read only'));
    await tx.execute(sql.raw(`set local statement_timeout = ${Math.max(1, Math.floor(limits.timeoutMs))}`));
    await tx.execute(sql.raw('set local search_path = datastore'));
    if (useRole) await tx.execute(sql.raw(`set local role ${READER_ROLE}`));
    return fn(tx);
  });
  try {
    // The caller was authorized before planning, so plan, check and run share one fenced transaction.
    return await fenced(async (tx) => {
      const plan = rowsOf<Record<string, unknown>>(await tx.execute(sql.raw(`explain (verbose, format json) ${query}`)));
      const { relations, maxCost } = walkPlan(plan.map((r) => r['QUERY PLAN']));
      if (relations.some((r) => r.schema !== 'datastore' || !allowedTables.has(r.name))) {
        throw new AuthorizationError('Not authorized to read anything but the DataStore tables the query names');
      }
      if (limits.maxCost !== undefined && maxCost > limits.maxCost) {
        throw new ValidationError({ query: [`The query would take too long here (estimated cost ${Math.round(maxCost)}, at most ${limits.maxCost}): filter or aggregate more, or use datastore_search`] });
      }
      const { records, truncated } = await cappedRecords(tx, query, limits.maxBytes);
      return { fields: await columnTypes(tx, query), records, truncated };
    });
  } catch (err: unknown) {
    if (err instanceof AuthorizationError || err instanceof ValidationError) throw err;
    const pg = databaseError(err);
    if (pg?.code === '57014') throw new ValidationError({ query: ['Query took too long'] });
    if (pg?.code === '42501') throw new AuthorizationError('Not authorized to read resource.');
    if (pg && /^(42|22|0A|25|2F|38|39|54|53)/.test(pg.code)) {
      // Postgres's own sentence about the caller's statement (`column "năm" does not exist`), as
      // CKAN answers; never the query Kho wrapped around it (EXPLAIN, the row cap, the JSON).
      throw new ValidationError({ query: [pg.message.split('\n')[0]!], info: { statement: [checked.statement] } });
    }
    throw err;
  }
}

/**
 * The database's own error under the ones wrapped around it: drizzle reports a failed query as
 * a DrizzleQueryError whose message is the whole SQL it sent, with the driver's error (postgres-js
 * or PGlite, each with a SQLSTATE `code`) as its cause.
 */
function databaseError(err: unknown): { code: string; message: string } | null {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | null, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.message === 'string') return { code: e.code, message: e.message };
  }
  return null;
}

/**
 * The rows as JSON, stopping at SQL_ROW_CAP rows or `maxBytes` bytes, whichever comes first. The
 * byte count runs in Postgres, so rows past the cap never leave the database: a query of 1 GB
 * answers with its first `maxBytes` and records_truncated.
 */
async function cappedRecords(tx: Tx, query: string, maxBytes: number) {
  const rows = rowsOf<{ j: string | null; over: boolean }>(await tx.execute(sql.raw(`
    select case when upto > ${maxBytes} then null else j end as j, upto > ${maxBytes} as over
    from (
      select j, n, sum(octet_length(j)) over (order by n rows unbounded preceding) as upto
      from (select row_to_json(r)::text as j, row_number() over () as n from (${query}) r) numbered
    ) counted
    where upto - octet_length(j) <= ${maxBytes}
    order by n`)));
  let truncated = false;
  if (rows.length && rows[rows.length - 1]!.over) {
    rows.pop();
    truncated = true;
  }
  if (rows.length > SQL_ROW_CAP) {
    rows.length = SQL_ROW_CAP;
    truncated = true;
  }
  return { records: rows.map((r) => JSON.parse(r.j!) as Record<string, unknown>), truncated };
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

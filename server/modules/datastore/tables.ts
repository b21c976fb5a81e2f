// The DataStore's tables: creating and altering them, writing records, deleting rows. Each
// resource's rows live in datastore."<resource id>" with a serial _id; the data dictionary and
// key live in datastore_tables. Records reach Postgres as one JSON parameter and are typed by
// Postgres itself (jsonb_populate_recordset), so a bad value is Postgres's clear error, not ours.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { datastoreTables } from './schema.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { pgType, quoteIdent, sqlType, type FieldDef } from './fields.js';
import { filterSql } from './filters.js';
import { rowsOf, NOW_UTC } from '../../db/sql-helpers.js';
import { isUuid } from '../../logic/validators.js';

export type TableMeta = typeof datastoreTables.$inferSelect;

export const tableRef = (resourceId: string) => `datastore.${quoteIdent(resourceId)}`;


export async function findTable(db: Tx, resourceId: string): Promise<TableMeta | null> {
  const rows = await db.select().from(datastoreTables).where(eq(datastoreTables.resourceId, resourceId)).limit(1);
  return rows[0] ?? null;
}

export async function requireTable(db: Tx, resourceId: string): Promise<TableMeta> {
  const table = await findTable(db, resourceId);
  if (!table) throw new NotFoundError(`Resource "${resourceId}" was not found.`);
  return table;
}

/** The resource an alias names, if any. */
export async function resolveAlias(db: Tx, name: string): Promise<string | null> {
  const rows = await db.select({ id: datastoreTables.resourceId }).from(datastoreTables)
    .where(sql`${name} = any(${datastoreTables.aliases})`).limit(1);
  return rows[0]?.id ?? null;
}

/**
 * Whether a table, view or other relation outside the datastore schema has this name (in any
 * case): an alias must never be mistaken for one of the catalog's tables, whatever the search path.
 */
async function namesOutsideDatastore(tx: Tx, name: string): Promise<boolean> {
  const rows = rowsOf<{ n: number }>(await tx.execute(sql`
    select count(*)::int as n from pg_catalog.pg_class c join pg_catalog.pg_namespace s on s.oid = c.relnamespace
    where lower(c.relname) = lower(${name}) and s.nspname <> 'datastore'`));
  return Number(rows[0]?.n) > 0;
}

/**
 * Adds aliases to a table. Each is a view over it in the datastore schema, so datastore_search
 * and datastore_search_sql can name the table by it, as CKAN's aliases are.
 */
export async function addAliases(tx: Tx, resourceId: string, aliases: string[]): Promise<string[]> {
  const table = await requireTable(tx, resourceId);
  const bad: string[] = [];
  for (const alias of aliases) {
    // Names Kho keeps for itself: resource ids, staging tables, "_" tables, Postgres's own.
    if (!alias || Buffer.byteLength(alias) > 63 || /["%\u0000]/.test(alias) || alias.startsWith('_')
      || /^pg_/i.test(alias) || alias.endsWith('__load') || isUuid(alias)) {
      bad.push(`"${alias}" is not a valid alias name`);
      continue;
    }
    if (await namesOutsideDatastore(tx, alias)) {
      bad.push(`"${alias}" is not a valid alias name: it names a table outside the DataStore`);
      continue;
    }
    const owner = await resolveAlias(tx, alias);
    if (owner && owner !== resourceId) bad.push(`alias "${alias}" already names another resource`);
  }
  if (bad.length) throw new ValidationError({ aliases: bad });
  const all = [...new Set([...table.aliases, ...aliases])];
  await tx.update(datastoreTables).set({ aliases: all }).where(eq(datastoreTables.resourceId, resourceId));
  await refreshAliasViews(tx, resourceId, all);
  return all;
}

/** (Re)creates the alias views, after the table's columns changed or the table was replaced. */
export async function refreshAliasViews(tx: Tx, resourceId: string, aliases: string[]): Promise<void> {
  for (const alias of aliases) {
    const view = `datastore.${quoteIdent(alias)}`;
    await tx.execute(sql.raw(`drop view if exists ${view}`));
    await tx.execute(sql.raw(`create view ${view} as select * from ${tableRef(resourceId)}`));
  }
}

/** Postgres's own message for a data error, as CKAN reports it. */
export function dataError(err: any): ValidationError | null {
  const code: string | undefined = err?.code ?? err?.cause?.code;
  if (!code || !/^(22|23|42804|42P18)/.test(code)) return null;
  const message = String(err.cause?.message ?? err.message ?? 'invalid value').split('\n')[0]!;
  if (code === '23505') return new ValidationError({ records: [`duplicate key value violates unique constraint: ${err.detail ?? message}`] } as any);
  return new ValidationError({ records: [message] });
}

/**
 * Creates the table, or adds the fields it lacks; the dictionary (info) of every field given is
 * replaced. Changing a field's type is refused: a loader reload does that.
 */
export async function createOrAlterTable(tx: Tx, resourceId: string, fields: FieldDef[], primaryKey: string[] | undefined, indexes: string[] | undefined) {
  const existing = await findTable(tx, resourceId);
  const ref = tableRef(resourceId);
  let all: FieldDef[];
  if (!existing) {
    const cols = fields.map((f) => `${quoteIdent(f.id)} ${sqlType(pgType(f.type)!)}`);
    await tx.execute(sql.raw(`create table ${ref} (_id serial primary key${cols.map((c) => `, ${c}`).join('')})`));
    all = fields;
  } else {
    all = existing.fields.map((f) => {
      const given = fields.find((g) => g.id === f.id);
      if (given && pgType(given.type) !== pgType(f.type)) {
        throw new ValidationError({ fields: [`field "${f.id}" already exists with type ${f.type}; it cannot become ${given.type}`] });
      }
      return given ? { ...f, ...(given.info ? { info: given.info } : {}) } : f;
    });
    const added = fields.filter((g) => !existing.fields.some((e) => e.id === g.id));
    for (const f of added) {
      await tx.execute(sql.raw(`alter table ${ref} add column ${quoteIdent(f.id)} ${sqlType(pgType(f.type)!)}`));
      all.push(f);
    }
    if (added.length) await refreshAliasViews(tx, resourceId, existing.aliases);
  }
  const key = primaryKey ?? existing?.primaryKey ?? [];
  for (const k of key) if (!all.some((f) => f.id === k)) throw new ValidationError({ primary_key: [`field "${k}" is not in the table`] });
  if (primaryKey && primaryKey.join('\u0000') !== (existing?.primaryKey ?? []).join('\u0000')) {
    const name = quoteIdent(`${resourceId.slice(0, 40)}_pk`);
    await tx.execute(sql.raw(`drop index if exists datastore.${name}`));
    if (primaryKey.length) await tx.execute(sql.raw(`create unique index ${name} on ${ref} (${primaryKey.map(quoteIdent).join(', ')})`));
  }
  for (const col of indexes ?? []) {
    if (!all.some((f) => f.id === col)) throw new ValidationError({ indexes: [`field "${col}" is not in the table`] });
    await tx.execute(sql.raw(`create index if not exists ${quoteIdent(`${resourceId.slice(0, 40)}_${col}`.slice(0, 63))} on ${ref} (${quoteIdent(col)})`));
  }
  await saveTableMeta(tx, resourceId, all, key);
  return { fields: all, primaryKey: key };
}

/** Records the table's fields and key as of now (a new table, or one changed or loaded again). */
export async function saveTableMeta(tx: Tx, resourceId: string, fields: FieldDef[], primaryKey: string[]): Promise<void> {
  const values = { fields, primaryKey, modified: NOW_UTC };
  await tx.insert(datastoreTables).values({ resourceId, ...values })
    .onConflictDoUpdate({ target: datastoreTables.resourceId, set: values });
}

/** Marks the table changed, so exports made from it are made again. */
export async function touchTable(tx: Tx, resourceId: string): Promise<void> {
  await tx.update(datastoreTables).set({ modified: NOW_UTC })
    .where(eq(datastoreTables.resourceId, resourceId));
}

export type WriteMethod = 'insert' | 'upsert' | 'update';

/** Writes records as CKAN's datastore_upsert does; all or nothing (the caller's transaction). */
export async function writeRecords(tx: Tx, table: TableMeta, records: unknown, method: WriteMethod): Promise<void> {
  if (records === undefined || records === null) return;
  if (!Array.isArray(records)) throw new ValidationError({ records: ['Not a list'] });
  if (!records.length) return;
  await touchTable(tx, table.resourceId);
  const names = new Set(table.fields.map((f) => f.id));
  records.forEach((r, i) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) throw new ValidationError({ records: [`row "${i + 1}" is not a json object`] });
    const extra = Object.keys(r).filter((k) => !names.has(k) && k !== '_id');
    if (extra.length) throw new ValidationError({ records: [`row "${i + 1}" has extra keys "${extra.join(', ')}"`] });
  });
  const ref = tableRef(table.resourceId);
  const payload = JSON.stringify(records);
  const source = sql.raw(`jsonb_populate_recordset(null::${ref}, `);
  if (method === 'insert') {
    const cols = table.fields.map((f) => quoteIdent(f.id));
    const explicitIds = records.some((r: any) => r._id !== undefined);
    const list = (explicitIds ? ['_id', ...cols] : cols).join(', ');
    await tx.execute(sql`insert into ${sql.raw(ref)} (${sql.raw(list)}) select ${sql.raw(list)} from ${source}${payload}::jsonb) r`);
    if (explicitIds) await tx.execute(sql.raw(`select setval(pg_get_serial_sequence('${ref.replace(/'/g, "''")}', '_id'), greatest((select max(_id) from ${ref}), 1))`));
    return;
  }
  const key = table.primaryKey.length ? table.primaryKey : null;
  for (const [i, record] of (records as Record<string, unknown>[]).entries()) {
    const keyCols = key && key.every((k) => k in record) ? key : '_id' in record ? ['_id'] : null;
    if (!keyCols) {
      if (!key) throw new ValidationError({ table: ['unique key must be passed for update/upsert'] });
      throw new ValidationError({ key: [`fields "${key.filter((k) => !(k in record)).join(', ')}" are missing but needed as key`] });
    }
    const setCols = Object.keys(record).filter((k) => k !== '_id' && !keyCols.includes(k));
    const one = JSON.stringify(record);
    const match = keyCols.map((k) => `t.${quoteIdent(k)} is not distinct from r.${quoteIdent(k)}`).join(' and ');
    const updated = setCols.length
      ? rowsOf<{ n: number }>(await tx.execute(sql`with r as (select * from ${source}${`[${one}]`}::jsonb)),
          u as (update ${sql.raw(ref)} t set ${sql.raw(setCols.map((c) => `${quoteIdent(c)} = r.${quoteIdent(c)}`).join(', '))}
            from r where ${sql.raw(match)} returning 1) select count(*)::int as n from u`))[0]!.n
      : rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from ${sql.raw(ref)} t, ${source}${`[${one}]`}::jsonb) r where ${sql.raw(match)}`))[0]!.n;
    if (Number(updated) > 0) continue;
    if (method === 'update') {
      throw new ValidationError({ key: [`key "${JSON.stringify(keyCols.map((k) => record[k]))}" not found`], records_row: i } as any);
    }
    if (keyCols[0] === '_id' && !key) {
      throw new ValidationError({ key: [`key "${JSON.stringify([record._id])}" not found`], records_row: i } as any);
    }
    const cols = Object.keys(record).filter((k) => k !== '_id').map(quoteIdent).join(', ');
    await tx.execute(sql`insert into ${sql.raw(ref)} (${sql.raw(cols)}) select ${sql.raw(cols)} from ${source}${`[${one}]`}::jsonb) r`);
  }
}

/** Deletes the rows matching filters ({} = all); returns how many went. */
export async function deleteRows(tx: Tx, table: TableMeta, filters: unknown): Promise<number> {
  const where = filterSql(table, filters);
  await touchTable(tx, table.resourceId);
  const res = rowsOf<{ n: number }>(await tx.execute(sql`with d as (delete from ${sql.raw(tableRef(table.resourceId))} where ${where} returning 1) select count(*)::int as n from d`));
  return Number(res[0]!.n);
}

export async function dropTable(tx: Tx, resourceId: string): Promise<void> {
  // cascade: the alias views go with it
  await tx.execute(sql.raw(`drop table if exists ${tableRef(resourceId)} cascade`));
  await tx.delete(datastoreTables).where(eq(datastoreTables.resourceId, resourceId));
}

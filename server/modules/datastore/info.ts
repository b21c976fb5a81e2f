// datastore_info: the table's size and row count, and each field with its dictionary entry and
// how Postgres holds it (native type, index, not null, unique).
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { pgType } from './fields.js';
import { tableRef, type TableMeta } from './tables.js';
import { rowsOf } from '../../db/sql-helpers.js';


export async function tableInfo(db: Tx, table: TableMeta, opts: { meta: boolean; schema: boolean }) {
  const ref = tableRef(table.resourceId);
  const out: Record<string, unknown> = {};
  if (opts.meta) {
    const [m] = rowsOf<{ count: number; size: number; idx: number; db: number }>(await db.execute(sql.raw(
      `select (select count(*) from ${ref})::bigint as count, pg_relation_size('${ref.replace(/'/g, "''")}')::bigint as size,
        pg_indexes_size('${ref.replace(/'/g, "''")}')::bigint as idx, pg_database_size(current_database())::bigint as db`)));
    out.meta = {
      id: table.resourceId, count: Number(m!.count), table_type: 'BASE TABLE', size: Number(m!.size),
      db_size: Number(m!.db), idx_size: Number(m!.idx), aliases: table.aliases,
    };
  }
  // Columns covered alone by an index, and whether that index is unique.
  const indexed = new Map<string, { name: string; unique: boolean }>();
  if (opts.schema) {
    const rows = rowsOf<{ col: string; name: string; uniq: boolean }>(await db.execute(sql`
      select a.attname as col, ic.relname as name, i.indisunique as uniq
      from pg_index i join pg_class ic on ic.oid = i.indexrelid
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
      where i.indrelid = ${ref}::regclass and i.indnatts = 1`));
    for (const r of rows) indexed.set(r.col, { name: r.name, unique: !!r.uniq });
  }
  out.fields = table.fields.map((f) => {
    const native = pgType(f.type)!;
    const idx = indexed.get(f.id);
    return {
      id: f.id, type: native, ...(f.info ? { info: f.info } : {}),
      ...(opts.schema ? {
        schema: {
          native_type: native, index_name: idx?.name ?? null, is_index: !!idx, notnull: false,
          uniquekey: !!idx?.unique || (table.primaryKey.length === 1 && table.primaryKey[0] === f.id),
        },
      } : {}),
    };
  });
  return out;
}

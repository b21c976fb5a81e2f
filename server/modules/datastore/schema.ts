// The DataStore module's own tables (drizzle.config.ts reads every module's schema.ts).
import { sql } from 'drizzle-orm';
import { jsonb, text } from 'drizzle-orm/pg-core';
import { khoTable as pgTable, nowUtc, ts } from '../../db/table.js';

// The DataStore: one table per resource in the `datastore` schema, named by the resource id, and
// here what Postgres's catalog does not hold: the data dictionary (field ids in order, the type
// asked for, the publisher's label/notes/unit), the primary key and aliases.
export const datastoreTables = pgTable('datastore_tables', {
  resourceId: text('resource_id').primaryKey(),
  fields: jsonb('fields').$type<{ id: string; type: string; info?: Record<string, unknown> }[]>().notNull(),
  primaryKey: text('primary_key').array().notNull().default(sql`'{}'::text[]`),
  aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
  // Blob keys of the CSV/XLSX exports made from the table as it now is (removed when it changes).
  exportKeys: text('export_keys').array().notNull().default(sql`'{}'::text[]`),
  created: ts('created').notNull().default(nowUtc),
  modified: ts('modified').notNull().default(nowUtc),
});

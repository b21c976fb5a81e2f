// How Kho declares a table, shared by the core's schema and each module's own schema.ts.
import { sql } from 'drizzle-orm';
import { PgSchema, pgTable as unqualifiedTable, timestamp } from 'drizzle-orm/pg-core';

// Naive UTC with microseconds, read back as Postgres text so no precision is lost in a JS Date.
export const ts = (name: string) => timestamp(name, { mode: 'string', precision: 6 });
export const nowUtc = sql`timezone('utc', clock_timestamp())`;

// Every catalog table is named with its schema in the SQL Kho sends, so no search_path (and no
// DataStore table or alias that takes a catalog table's name) can redirect Kho's own queries.
// drizzle's pgSchema() refuses 'public' only to keep drizzle-kit's output tidy, and drizzle-kit
// cannot diff tables declared that way: `npm run db:generate` sets KHO_DRIZZLE_KIT so it sees the
// same tables unqualified (the generated SQL is the same). A build-time switch for drizzle-kit,
// so it is read here and not in server/config.ts.
export const khoTable = (process.env.KHO_DRIZZLE_KIT ? unqualifiedTable : new PgSchema('public').table) as PgSchema<'public'>['table'];

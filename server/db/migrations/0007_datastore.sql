CREATE TABLE "datastore_tables" (
	"resource_id" text PRIMARY KEY NOT NULL,
	"fields" jsonb NOT NULL,
	"primary_key" text[] DEFAULT '{}'::text[] NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"created" timestamp(6) DEFAULT timezone('utc', clock_timestamp()) NOT NULL,
	"modified" timestamp(6) DEFAULT timezone('utc', clock_timestamp()) NOT NULL
);
--> statement-breakpoint
CREATE SCHEMA IF NOT EXISTS "datastore";

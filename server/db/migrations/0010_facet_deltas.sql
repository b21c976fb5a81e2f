CREATE TABLE "facet_deltas" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "facet_deltas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"scope" text NOT NULL,
	"field" text NOT NULL,
	"value" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "facet_counts" DROP CONSTRAINT "facet_counts_scope_field_value_shard_pk";--> statement-breakpoint
CREATE TEMP TABLE "facet_counts_merged" AS SELECT "scope", "field", "value", sum("count")::int AS "count" FROM "facet_counts" GROUP BY 1, 2, 3;--> statement-breakpoint
DELETE FROM "facet_counts";--> statement-breakpoint
ALTER TABLE "facet_counts" DROP COLUMN "shard";--> statement-breakpoint
INSERT INTO "facet_counts" ("scope", "field", "value", "count") SELECT "scope", "field", "value", "count" FROM "facet_counts_merged";--> statement-breakpoint
DROP TABLE "facet_counts_merged";--> statement-breakpoint
ALTER TABLE "facet_counts" ADD CONSTRAINT "facet_counts_scope_field_value_pk" PRIMARY KEY("scope","field","value");

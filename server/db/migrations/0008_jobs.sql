CREATE TABLE "jobs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"resource_id" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"rows_done" bigint DEFAULT 0 NOT NULL,
	"error" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"heartbeat" timestamp(6),
	"created" timestamp(6) DEFAULT timezone('utc', clock_timestamp()) NOT NULL,
	"started" timestamp(6),
	"finished" timestamp(6)
);
--> statement-breakpoint
CREATE INDEX "jobs_state_idx" ON "jobs" USING btree ("state","id");--> statement-breakpoint
CREATE INDEX "jobs_resource_idx" ON "jobs" USING btree ("resource_id","id");
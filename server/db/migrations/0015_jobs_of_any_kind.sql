CREATE TABLE "periodic_tasks" (
	"name" text PRIMARY KEY NOT NULL,
	"last_run" timestamp(6) NOT NULL,
	"running_until" timestamp(6)
);
--> statement-breakpoint
ALTER TABLE "jobs" RENAME COLUMN "resource_id" TO "key";--> statement-breakpoint
DROP INDEX "jobs_resource_idx";--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "payload" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "run_at" timestamp(6) DEFAULT timezone('utc', clock_timestamp()) NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "max_attempts" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "created_by" text;--> statement-breakpoint
CREATE INDEX "jobs_key_idx" ON "jobs" USING btree ("key","id");
ALTER TABLE "packages" ADD COLUMN "show_cache" jsonb;--> statement-breakpoint
ALTER TABLE "packages" ADD COLUMN "show_cache_site" text;
CREATE TABLE "activities" (
	"id" text PRIMARY KEY NOT NULL,
	"timestamp" timestamp(6) DEFAULT timezone('utc', clock_timestamp()) NOT NULL,
	"user_id" text,
	"object_id" text NOT NULL,
	"activity_type" text NOT NULL,
	"group_id" text,
	"permission_labels" text[],
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp(6) DEFAULT timezone('utc', clock_timestamp()) NOT NULL,
	"last_access" timestamp(6),
	"expires_at" timestamp(6)
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"type" text NOT NULL,
	"description" text,
	"image_url" text,
	"is_organization" boolean NOT NULL,
	"approval_status" text DEFAULT 'approved' NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"extras" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created" timestamp(6) DEFAULT timezone('utc', clock_timestamp()) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"table_name" text NOT NULL,
	"table_id" text NOT NULL,
	"capacity" text NOT NULL,
	"state" text DEFAULT 'active' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "package_tags" (
	"package_id" text NOT NULL,
	"tag_id" text NOT NULL,
	CONSTRAINT "package_tags_package_id_tag_id_pk" PRIMARY KEY("package_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "packages" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"type" text DEFAULT 'dataset' NOT NULL,
	"owner_org" text,
	"private" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"author" text,
	"author_email" text,
	"maintainer" text,
	"maintainer_email" text,
	"notes" text,
	"url" text,
	"version" text,
	"license_id" text,
	"creator_user_id" text,
	"extras" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metadata_created" timestamp(6) DEFAULT timezone('utc', clock_timestamp()) NOT NULL,
	"metadata_modified" timestamp(6) DEFAULT timezone('utc', clock_timestamp()) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" text PRIMARY KEY NOT NULL,
	"package_id" text NOT NULL,
	"position" integer NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"url" text DEFAULT '' NOT NULL,
	"url_type" text,
	"name" text,
	"description" text,
	"format" text DEFAULT '' NOT NULL,
	"mimetype" text,
	"mimetype_inner" text,
	"resource_type" text,
	"hash" text DEFAULT '' NOT NULL,
	"size" bigint,
	"cache_url" text,
	"cache_last_updated" timestamp(6),
	"last_modified" timestamp(6),
	"blob_key" text,
	"upload_filename" text,
	"extras" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created" timestamp(6) DEFAULT timezone('utc', clock_timestamp()) NOT NULL,
	"metadata_modified" timestamp(6) DEFAULT timezone('utc', clock_timestamp()) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_documents" (
	"package_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"state" text NOT NULL,
	"private" boolean NOT NULL,
	"owner_org" text,
	"organization" text,
	"creator_user_id" text,
	"license_id" text,
	"tags" text[] NOT NULL,
	"groups" text[] NOT NULL,
	"res_formats" text[] NOT NULL,
	"extras" jsonb NOT NULL,
	"num_resources" integer NOT NULL,
	"num_tags" integer NOT NULL,
	"metadata_created" timestamp(6) NOT NULL,
	"metadata_modified" timestamp(6) NOT NULL,
	"folded_text" text NOT NULL,
	"tsv" "tsvector" NOT NULL,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"vocabulary_id" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"fullname" text,
	"email" text,
	"password_hash" text,
	"about" text,
	"image_url" text,
	"sysadmin" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"created" timestamp(6) DEFAULT timezone('utc', clock_timestamp()) NOT NULL,
	"last_active" timestamp(6)
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_tags" ADD CONSTRAINT "package_tags_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_tags" ADD CONSTRAINT "package_tags_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packages" ADD CONSTRAINT "packages_owner_org_groups_id_fk" FOREIGN KEY ("owner_org") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_object_idx" ON "activities" USING btree ("object_id","timestamp");--> statement-breakpoint
CREATE INDEX "activities_group_idx" ON "activities" USING btree ("group_id","timestamp");--> statement-breakpoint
CREATE INDEX "activities_time_idx" ON "activities" USING btree ("timestamp");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_secret_key" ON "api_tokens" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "groups_name_key" ON "groups" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "members_unique" ON "members" USING btree ("group_id","table_name","table_id");--> statement-breakpoint
CREATE INDEX "members_table_idx" ON "members" USING btree ("table_name","table_id");--> statement-breakpoint
CREATE INDEX "package_tags_tag_idx" ON "package_tags" USING btree ("tag_id");--> statement-breakpoint
CREATE UNIQUE INDEX "packages_name_key" ON "packages" USING btree ("name");--> statement-breakpoint
CREATE INDEX "packages_owner_idx" ON "packages" USING btree ("owner_org");--> statement-breakpoint
CREATE INDEX "packages_modified_idx" ON "packages" USING btree ("metadata_modified");--> statement-breakpoint
CREATE INDEX "resources_package_idx" ON "resources" USING btree ("package_id","position");--> statement-breakpoint
CREATE INDEX "search_documents_tsv_idx" ON "search_documents" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_documents_modified_idx" ON "search_documents" USING btree ("metadata_modified");--> statement-breakpoint
CREATE INDEX "search_documents_tags_idx" ON "search_documents" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "search_documents_formats_idx" ON "search_documents" USING gin ("res_formats");--> statement-breakpoint
CREATE INDEX "search_documents_org_idx" ON "search_documents" USING btree ("organization");--> statement-breakpoint
CREATE UNIQUE INDEX "tags_name_vocab_key" ON "tags" USING btree ("name",coalesce("vocabulary_id", ''));--> statement-breakpoint
CREATE UNIQUE INDEX "users_name_key" ON "users" USING btree ("name");
CREATE TABLE "facet_counts" (
	"scope" text NOT NULL,
	"field" text NOT NULL,
	"value" text NOT NULL,
	"shard" smallint NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "facet_counts_scope_field_value_shard_pk" PRIMARY KEY("scope","field","value","shard")
);
--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "folded_text";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "data";--> statement-breakpoint
INSERT INTO "facet_counts" ("scope", "field", "value", "shard", "count")
SELECT x.scope, x.field, x.value, x.shard, count(*)::int FROM (
  SELECT CASE WHEN d.private THEN 'org:' || coalesce(d.owner_org, '') ELSE 'public' END AS scope,
         f.field, f.value, (hashtext(d.package_id) & 3)::smallint AS shard
  FROM "search_documents" d CROSS JOIN LATERAL (
    SELECT '', '' UNION ALL SELECT 'organization', d.organization UNION ALL SELECT 'license_id', d.license_id
    UNION ALL SELECT 'type', d.type UNION ALL SELECT 'tags', unnest(d.tags) UNION ALL SELECT 'groups', unnest(d.groups)
    UNION ALL SELECT 'res_format', unnest(d.res_formats)) f(field, value)
  WHERE d.state = 'active' AND f.value IS NOT NULL AND (f.value <> '' OR f.field = '')
) x GROUP BY 1, 2, 3, 4;

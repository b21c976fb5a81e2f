-- Each activity says who could see it when it was written (server/logic/activity.ts), and every
-- activity list filters on that. Rows written before this change are labelled here from the
-- dataset as their own `data` recorded it then, which is exactly what was visible at the time;
-- labelling them from the dataset's current state instead would publish a once-private version
-- of a dataset that has since been made public. The rules are those of datasetPermissionLabels.
UPDATE activities SET permission_labels = CASE
  WHEN activity_type NOT LIKE '% package' THEN ARRAY['public']
  WHEN data->'package'->>'state' = 'active' AND data->'package'->'private' = 'false'::jsonb THEN ARRAY['public']
  WHEN coalesce(data->'package'->>'owner_org', '') <> '' THEN ARRAY[
    CASE WHEN data->'package'->>'state' = 'draft' THEN 'editor-' ELSE 'member-' END || (data->'package'->>'owner_org')]
  WHEN coalesce(data->'package'->>'creator_user_id', '') <> '' THEN ARRAY['creator-' || (data->'package'->>'creator_user_id')]
  -- nothing to go on: sysadmins only
  ELSE ARRAY[]::text[]
END
WHERE permission_labels IS NULL;

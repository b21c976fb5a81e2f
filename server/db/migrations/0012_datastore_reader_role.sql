-- datastore_search_sql runs as kho_datastore_reader, a role that can read the datastore schema and
-- nothing else. Creating a role needs CREATEROLE (or superuser); where Kho's database user lacks it
-- a DBA runs the statements in the README's security section once, and these steps leave a notice.
-- Roles belong to the whole server, so databases migrating at the same moment may race here.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'kho_datastore_reader') THEN
    CREATE ROLE kho_datastore_reader NOLOGIN NOINHERIT;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
  WHEN insufficient_privilege THEN
    RAISE NOTICE 'kho_datastore_reader could not be created here; see the README (security)';
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'kho_datastore_reader')
     AND NOT pg_catalog.pg_has_role(current_user, 'kho_datastore_reader', 'MEMBER') THEN
    EXECUTE pg_catalog.format('GRANT kho_datastore_reader TO %I', current_user);
  END IF;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'kho_datastore_reader could not be granted to %: %', current_user, SQLERRM;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'kho_datastore_reader') THEN
    GRANT USAGE ON SCHEMA "datastore" TO kho_datastore_reader;
    GRANT SELECT ON ALL TABLES IN SCHEMA "datastore" TO kho_datastore_reader;
    ALTER DEFAULT PRIVILEGES IN SCHEMA "datastore" GRANT SELECT ON TABLES TO kho_datastore_reader;
  END IF;
END $$;

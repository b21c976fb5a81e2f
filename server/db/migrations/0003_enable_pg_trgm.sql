-- Trigram matching for typo-tolerant search (a trusted extension: no superuser needed).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

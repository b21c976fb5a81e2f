// The catalog's tables, as code. Migrations under server/db/migrations are generated from this
// file by drizzle-kit and applied the same way to PGlite and to a real Postgres.
import { sql } from 'drizzle-orm';
import { khoTable, nowUtc, ts } from './table.js';
import {
  text, boolean, integer, bigint, jsonb, timestamp, index, uniqueIndex, primaryKey,
  customType,
} from 'drizzle-orm/pg-core';

const pgTable = khoTable;

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  fullname: text('fullname'),
  email: text('email'),
  passwordHash: text('password_hash'),
  about: text('about'),
  imageUrl: text('image_url'),
  sysadmin: boolean('sysadmin').notNull().default(false),
  state: text('state').notNull().default('active'),
  created: ts('created').notNull().default(nowUtc),
  lastActive: ts('last_active'),
}, (t) => [
  uniqueIndex('users_name_key').on(t.name),
  // The database, not a look-up before the insert, keeps an e-mail to one active account:
  // concurrent user_create calls all pass a look-up made before any of them commits.
  // The condition names its column bare: drizzle-kit compares it as text, and a column reference
  // would be written with the table's schema here but without it in the migration's snapshot.
  uniqueIndex('users_active_email_key').on(sql`lower(${t.email})`).where(sql`${sql.identifier('state')} = 'active'`),
]);

export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  secretHash: text('secret_hash').notNull(),
  createdAt: ts('created_at').notNull().default(nowUtc),
  lastAccess: ts('last_access'),
  expiresAt: ts('expires_at'),
}, (t) => [uniqueIndex('api_tokens_secret_key').on(t.secretHash), index('api_tokens_user_idx').on(t.userId)]);

// Organizations and groups share one table and one name space, as in CKAN.
export const groups = pgTable('groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  title: text('title'),
  type: text('type').notNull(),
  description: text('description'),
  imageUrl: text('image_url'),
  isOrganization: boolean('is_organization').notNull(),
  approvalStatus: text('approval_status').notNull().default('approved'),
  state: text('state').notNull().default('active'),
  extras: jsonb('extras').$type<Record<string, string>>().notNull().default({}),
  created: ts('created').notNull().default(nowUtc),
}, (t) => [uniqueIndex('groups_name_key').on(t.name)]);

// Memberships: users in orgs/groups, datasets and sub-groups in groups.
export const members = pgTable('members', {
  id: text('id').primaryKey(),
  groupId: text('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
  tableName: text('table_name').notNull(),
  tableId: text('table_id').notNull(),
  capacity: text('capacity').notNull(),
  state: text('state').notNull().default('active'),
}, (t) => [
  uniqueIndex('members_unique').on(t.groupId, t.tableName, t.tableId),
  index('members_table_idx').on(t.tableName, t.tableId),
]);

export const packages = pgTable('packages', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  title: text('title'),
  type: text('type').notNull().default('dataset'),
  ownerOrg: text('owner_org').references(() => groups.id),
  private: boolean('private').notNull().default(false),
  state: text('state').notNull().default('active'),
  author: text('author'),
  authorEmail: text('author_email'),
  maintainer: text('maintainer'),
  maintainerEmail: text('maintainer_email'),
  notes: text('notes'),
  url: text('url'),
  version: text('version'),
  licenseId: text('license_id'),
  creatorUserId: text('creator_user_id'),
  extras: jsonb('extras').$type<Record<string, string>>().notNull().default({}),
  // The DCAT-AP fields schemas/dataset-fields.json declares (frequency, temporal_start, language…),
  // canonical and validated, set ones only; one column so a new field needs no migration.
  fields: jsonb('fields').$type<Record<string, string | string[]>>().notNull().default({}),
  metadataCreated: ts('metadata_created').notNull().default(nowUtc),
  metadataModified: ts('metadata_modified').notNull().default(nowUtc),
  // package_show's dict as last written, so a read is one row; cleared when something it embeds
  // (organization, groups) changes. Tied to the site URL its links were built with.
  showCache: jsonb('show_cache').$type<Record<string, unknown>>(),
  showCacheSite: text('show_cache_site'),
}, (t) => [
  // Unique among live datasets only: a deleted dataset's name is given up on reuse.
  uniqueIndex('packages_name_key').on(t.name),
  index('packages_owner_idx').on(t.ownerOrg),
  index('packages_modified_idx').on(t.metadataModified),
]);

export const resources = pgTable('resources', {
  id: text('id').primaryKey(),
  packageId: text('package_id').notNull().references(() => packages.id, { onDelete: 'cascade' }),
  position: integer('position').notNull(),
  state: text('state').notNull().default('active'),
  url: text('url').notNull().default(''),
  urlType: text('url_type'),
  name: text('name'),
  description: text('description'),
  format: text('format').notNull().default(''),
  mimetype: text('mimetype'),
  mimetypeInner: text('mimetype_inner'),
  resourceType: text('resource_type'),
  hash: text('hash').notNull().default(''),
  size: bigint('size', { mode: 'number' }),
  cacheUrl: text('cache_url'),
  cacheLastUpdated: ts('cache_last_updated'),
  lastModified: ts('last_modified'),
  blobKey: text('blob_key'),
  // The name the file was uploaded under, kept for Content-Disposition (the URL uses a clean one).
  uploadFilename: text('upload_filename'),
  extras: jsonb('extras').$type<Record<string, unknown>>().notNull().default({}),
  created: ts('created').notNull().default(nowUtc),
  metadataModified: ts('metadata_modified').notNull().default(nowUtc),
}, (t) => [index('resources_package_idx').on(t.packageId, t.position)]);

export const tags = pgTable('tags', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  vocabularyId: text('vocabulary_id'),
}, (t) => [uniqueIndex('tags_name_vocab_key').on(t.name, sql`coalesce(${t.vocabularyId}, '')`)]);

export const packageTags = pgTable('package_tags', {
  packageId: text('package_id').notNull().references(() => packages.id, { onDelete: 'cascade' }),
  tagId: text('tag_id').notNull().references(() => tags.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.packageId, t.tagId] }), index('package_tags_tag_idx').on(t.tagId)]);

export const activities = pgTable('activities', {
  id: text('id').primaryKey(),
  timestamp: ts('timestamp').notNull().default(nowUtc),
  userId: text('user_id'),
  objectId: text('object_id').notNull(),
  activityType: text('activity_type').notNull(),
  // For dataset activities, the owning org at the time, so org streams need no JSON digging.
  groupId: text('group_id'),
  permissionLabels: text('permission_labels').array(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
}, (t) => [
  index('activities_object_idx').on(t.objectId, t.timestamp),
  index('activities_group_idx').on(t.groupId, t.timestamp),
  index('activities_time_idx').on(t.timestamp),
]);

// One row per dataset that search may return: the package_show dict it returns plus the
// columns filters, facets and sorts read. Written in the same transaction as the dataset.
export const searchDocuments = pgTable('search_documents', {
  packageId: text('package_id').primaryKey().references(() => packages.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  title: text('title').notNull(),
  type: text('type').notNull(),
  state: text('state').notNull(),
  private: boolean('private').notNull(),
  ownerOrg: text('owner_org'),
  organization: text('organization'),
  creatorUserId: text('creator_user_id'),
  licenseId: text('license_id'),
  tags: text('tags').array().notNull(),
  groups: text('groups').array().notNull(),
  resFormats: text('res_formats').array().notNull(),
  extras: jsonb('extras').$type<Record<string, string>>().notNull(),
  numResources: integer('num_resources').notNull(),
  numTags: integer('num_tags').notNull(),
  metadataCreated: ts('metadata_created').notNull(),
  metadataModified: ts('metadata_modified').notNull(),
  // Vietnamese dictionary order of the title, compared byte-wise (see server/text/vi-sort-key.ts).
  titleSort: text('title_sort').notNull().default(''),
  // The folded words, weighted title > tags > notes > resources.
  tsv: tsvector('tsv').notNull(),
}, (t) => [
  index('search_documents_tsv_idx').using('gin', t.tsv),
  index('search_documents_modified_idx').on(t.metadataModified),
  index('search_documents_tags_idx').using('gin', t.tags),
  index('search_documents_formats_idx').using('gin', t.resFormats),
  index('search_documents_org_idx').on(t.organization),
]);

// How many active datasets carry each facet value, per visibility scope ('public', or 'org:<id>'
// for an organization's private datasets), so that facets over the whole catalog are read, not
// counted. Writers only append their differences to facet_deltas (no two writers ever wait on the
// same row); a compactor folds the deltas into facet_counts every few seconds, and readers add
// up both.
export const facetCounts = pgTable('facet_counts', {
  scope: text('scope').notNull(),
  field: text('field').notNull(),
  value: text('value').notNull(),
  count: integer('count').notNull(),
}, (t) => [primaryKey({ columns: [t.scope, t.field, t.value] })]);

export const facetDeltas = pgTable('facet_deltas', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  scope: text('scope').notNull(),
  field: text('field').notNull(),
  value: text('value').notNull(),
  n: integer('n').notNull(),
});

// Datasets whose search document must reach Meilisearch (when it is the search backend). A row
// is written in the dataset's own transaction and removed only once Meilisearch has taken the
// dataset as it then is, so an outage loses nothing and is caught up afterwards.
export const searchOutbox = pgTable('search_outbox', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  packageId: text('package_id').notNull(),
  enqueuedAt: ts('enqueued_at').notNull().default(nowUtc),
});

// Background work that must survive restarts and run once across server processes, of any kind
// a module registers on the worker (DataStore loads today; harvest runs, exports, reminders next).
// A worker claims a due pending job with SKIP LOCKED and keeps a heartbeat; a running job whose
// heartbeat stops (its process died) is taken up again; a failure is retried after a backoff.
export const jobs = pgTable('jobs', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  kind: text('kind').notNull(),
  // what the job is about (a resource id, a harvest source id…): one job per kind and key runs at once
  key: text('key').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  // pending, running, complete, error, cancelled, superseded (a newer job for the same key replaced it)
  state: text('state').notNull().default('pending'),
  // not claimed before this moment (a job for later, or a retry waiting out its backoff)
  runAt: ts('run_at').notNull().default(nowUtc),
  rowsDone: bigint('rows_done', { mode: 'number' }).notNull().default(0),
  // the last attempt's failure, kept while the job waits for its retry and once it has failed
  error: jsonb('error').$type<{ message: string; lines?: { line: number; message: string }[] }>(),
  attempts: integer('attempts').notNull().default(0),
  maxAttempts: integer('max_attempts').notNull().default(3),
  // how the job did its work, for the publisher (e.g. whether a file went straight into COPY)
  method: text('method'),
  // the user who queued it (null: a trusted internal call); its work is done in their name
  createdBy: text('created_by'),
  heartbeat: ts('heartbeat'),
  created: ts('created').notNull().default(nowUtc),
  started: ts('started'),
  finished: ts('finished'),
}, (t) => [index('jobs_state_idx').on(t.state, t.id), index('jobs_key_idx').on(t.key, t.id)]);

// Housekeeping every process schedules (facet-count compaction…) but that must run once per
// interval across all of them: a process runs a task only after moving `last_run` forward with a
// conditional update, and holds it until `running_until` so a slow run is not started twice.
export const periodicTasks = pgTable('periodic_tasks', {
  name: text('name').primaryKey(),
  lastRun: ts('last_run').notNull(),
  runningUntil: ts('running_until'),
});

// Every word the search index has seen (folded), for suggesting the nearest one when a query
// word is misspelt. Grows only; a stale word costs nothing but a candidate.
export const searchTerms = pgTable('search_terms', {
  term: text('term').primaryKey(),
}, (t) => [
  index('search_terms_trgm_idx').using('gin', t.term.op('gin_trgm_ops')),
  // Same first letter and about the same length: where one-letter slips are looked for.
  index('search_terms_shape_idx').on(sql`left(${t.term}, 1)`, sql`length(${t.term})`),
]);

// Reading and writing datasets. One write path serves package_create/update/patch and every
// resource action: validate, persist in one transaction with the search document and the
// activity, and leave metadata_modified alone when nothing really changed.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { groups, members, packages, packageTags, resources, tags } from '../db/schema.js';
import type { AuthUser } from '../auth/users.js';
import type { Kho } from '../core/kho.js';
import { AuthorizationError, NotFoundError, ValidationError } from '../core/errors.js';
import { packageDict, packageDicts, type PackageRow } from './dictize.js';
import { storeShowCaches } from './show-cache.js';
import { atLeast, capacityIn, hasCapacity } from './permissions.js';
import { addError, cleanEmail, cleanExtras, cleanTags, datasetLimitErrors, isUuid, nameErrors, optText, type Errors } from './validators.js';
import { cleanResource, type ResourceInput } from './resource-input.js';
import { cleanDatasetFields, extrasBesideFields } from './dataset-fields.js';
import { DATASET_FIELD_NAMES } from '../core/dataset-fields-file.js';
import { isoTimestamp, parseTimestampInput } from './time.js';
import { asBool } from '../text/as-bool.js';
import { NOW_UTC } from '../db/sql-helpers.js';


/** Keys of a dataset that an extra may not shadow. */
export const PACKAGE_CORE_KEYS = new Set([
  'id', 'name', 'title', 'author', 'author_email', 'maintainer', 'maintainer_email', 'notes', 'url',
  'version', 'license_id', 'state', 'private', 'type', 'owner_org', 'extras', 'tags', 'groups', 'resources',
  'metadata_created', 'metadata_modified', 'creator_user_id', 'organization', 'num_resources', 'num_tags',
  'tag_string', 'license_title', 'license_url', 'isopen', 'relationships_as_subject', 'relationships_as_object',
]);

/** Every top-level key of a dataset: CKAN's own and the DCAT-AP fields of schemas/dataset-fields.json. */
const DATASET_KEYS: Set<string> = new Set([...PACKAGE_CORE_KEYS, ...DATASET_FIELD_NAMES]);

export async function findPackage(db: Tx, idOrName: string): Promise<PackageRow | null> {
  const rows = await db.select().from(packages)
    .where(or(eq(packages.id, idOrName), eq(packages.name, idOrName))).limit(2);
  return rows.find((r) => r.id === idOrName) ?? rows[0] ?? null;
}

export async function requirePackage(db: Tx, idOrName: unknown): Promise<PackageRow> {
  if (typeof idOrName !== 'string' || !idOrName) throw new ValidationError({ id: ['Missing value'] });
  const row = await findPackage(db, idOrName);
  if (!row) throw new NotFoundError('Dataset not found');
  return row;
}

export async function findOrganization(db: Tx, idOrName: string) {
  const rows = await db.select().from(groups)
    .where(and(or(eq(groups.id, idOrName), eq(groups.name, idOrName)), eq(groups.isOrganization, true), ne(groups.state, 'deleted')))
    .limit(1);
  return rows[0] ?? null;
}

class NoChange extends Error {}

export interface WriteOptions {
  /** 'create' makes a new dataset; 'update' replaces the given one with CKAN's update rules. */
  mode: 'create' | 'update';
  existing?: PackageRow;
  /** extra work inside the same transaction once the dataset is written (e.g. cleanup hooks) */
  activityType?: 'new package' | 'changed package' | 'deleted package';
}

interface CleanPackage {
  row: Omit<typeof packages.$inferInsert, 'metadataCreated' | 'metadataModified'> & { metadataModified?: string };
  tags?: string[];
  groupRefs?: string[];
  resources?: ResourceInput[];
}

async function cleanPackage(tx: Tx, user: AuthUser | null, data: Record<string, any>, opts: WriteOptions): Promise<CleanPackage> {
  const errors: Errors = {};
  const existing = opts.existing;
  const sysadmin = !!user?.sysadmin;

  // id: sysadmins may choose it on create; on update it is read-only.
  let id = existing?.id ?? randomUUID();
  if (opts.mode === 'create' && data.id !== undefined && data.id !== null && data.id !== '') {
    if (!sysadmin) addError(errors, 'id', 'The input field id was not expected.');
    else if (!isUuid(data.id)) addError(errors, 'id', 'Invalid id: must be a UUID');
    else if (await findPackage(tx, data.id)) addError(errors, 'id', 'Dataset id already exists');
    else id = data.id.toLowerCase();
  }

  // owner_org: an org where the caller can create datasets (looked up while the name is checked).
  const ownerInput = data.owner_org === undefined && opts.mode === 'update' ? existing?.ownerOrg : data.owner_org;
  const hasOwner = !(ownerInput === undefined || ownerInput === null || ownerInput === '');
  const orgLookup = hasOwner ? findOrganization(tx, String(ownerInput)) : Promise.resolve(null);

  const name = data.name ?? existing?.name;
  const nameErr = nameErrors(name);
  if (nameErr.length) errors.name = nameErr;
  else {
    const clash = await tx.select({ id: packages.id, state: packages.state }).from(packages)
      .where(and(eq(packages.name, name), ne(packages.id, id))).limit(1);
    if (clash[0]) {
      // A deleted dataset gives its name up: it is renamed to its id.
      if (clash[0].state === 'deleted') await tx.update(packages).set({ name: clash[0].id }).where(eq(packages.id, clash[0].id));
      else addError(errors, 'name', 'That URL is already in use.');
    }
  }

  const version = optText(data.version);
  if (version && version.length > 100) addError(errors, 'version', 'Must be a maximum of 100 characters long');

  let ownerOrg: string | null = null;
  if (!hasOwner) {
    addError(errors, 'owner_org', 'An organization must be provided');
  } else {
    const org = await orgLookup;
    if (!org) {
      if (!sysadmin) throw new AuthorizationError(`User ${user?.name ?? ''} not authorized to add dataset to organization ${ownerInput}`);
      addError(errors, 'owner_org', 'Organization does not exist');
    } else {
      ownerOrg = org.id;
      if (ownerOrg !== existing?.ownerOrg && !(await hasCapacity(tx, user, org.id, 'editor'))) {
        throw new AuthorizationError(`User ${user?.name ?? ''} not authorized to add dataset to this organization`);
      }
    }
  }

  const isPrivate = data.private === undefined ? (opts.mode === 'update' ? existing!.private : false) : asBool(data.private);
  if (isPrivate && !ownerOrg && !errors.owner_org) addError(errors, 'private', "Datasets with no organization can't be private.");

  let state = existing?.state ?? 'active';
  if (typeof data.state === 'string' && ['active', 'draft', 'deleted'].includes(data.state)) state = data.state;
  else if (data.state !== undefined && data.state !== null && data.state !== '') addError(errors, 'state', 'Invalid state');
  if (opts.mode === 'update' && existing?.state === 'deleted' && data.state === undefined) state = 'deleted';

  let type = existing?.type ?? (typeof data.type === 'string' && data.type ? data.type : 'dataset');
  if (opts.mode === 'create' && typeof data.type === 'string' && data.type) type = data.type;

  let metadataModified: string | undefined;
  if (sysadmin && data.metadata_modified) {
    const parsed = parseTimestampInput(data.metadata_modified);
    if (parsed === undefined) addError(errors, 'metadata_modified', 'Date format incorrect');
    // Sending back the value a dataset already has is no change (clients echo package_show).
    else if (parsed && isoTimestamp(parsed) !== isoTimestamp(existing?.metadataModified)) metadataModified = parsed;
  }

  // Unknown keys are dropped, as CKAN's default schema does, except a list of dicts: CKAN
  // flattens those and reports them as junk.
  if (Object.entries(data).some(([k, v]) => !DATASET_KEYS.has(k) && Array.isArray(v) && v.some((x) => x && typeof x === 'object'))) {
    addError(errors, '__junk', 'The input field __junk was not expected.');
  }
  const tagNames = cleanTags(errors, data);
  const fields = cleanDatasetFields(errors, data);
  // An extra may not take a field's name, except one the dataset had before the field existed.
  const beside = extrasBesideFields(data.extras, existing?.extras ?? {}, data);
  const reserved = beside.keep.size ? new Set([...DATASET_KEYS].filter((k) => !beside.keep.has(k))) : DATASET_KEYS;
  const extras = cleanExtras(errors, beside.extras, reserved);
  datasetLimitErrors(errors, data);

  let resourceInputs: ResourceInput[] | undefined;
  if (Array.isArray(data.resources)) {
    const resErrors: Errors[] = [];
    resourceInputs = data.resources.map((r: Record<string, any>) => {
      const e: Errors = {};
      const clean = cleanResource(r, e);
      resErrors.push(e);
      return clean;
    });
    if (resErrors.some((e) => Object.keys(e).length)) errors.resources = resErrors;
  }

  let groupRefs: string[] | undefined;
  if (Array.isArray(data.groups)) {
    groupRefs = data.groups.map((g: any) => String((g && typeof g === 'object' ? g.id ?? g.name : g) ?? ''));
  }

  const row = {
    id,
    name,
    title: optText(data.title),
    type,
    ownerOrg,
    private: isPrivate,
    state,
    author: optText(data.author),
    authorEmail: cleanEmail(errors, 'author_email', data.author_email),
    maintainer: optText(data.maintainer),
    maintainerEmail: cleanEmail(errors, 'maintainer_email', data.maintainer_email),
    notes: optText(data.notes),
    url: optText(data.url),
    version,
    licenseId: optText(data.license_id),
    creatorUserId: existing ? existing.creatorUserId : user?.id ?? null,
    // update: omitted extras are removed
    extras: extras ?? {},
    // update: omitted fields are removed too (package_patch sends the current ones back)
    fields,
    metadataModified,
  };
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { row, tags: tagNames ?? [], groupRefs, resources: resourceInputs };
}

async function resolveGroups(tx: Tx, user: AuthUser | null, refs: string[], current: Set<string>): Promise<string[]> {
  const ids: string[] = [];
  for (const ref of refs) {
    const g = (await tx.select().from(groups)
      .where(and(or(eq(groups.id, ref), eq(groups.name, ref)), eq(groups.isOrganization, false), eq(groups.state, 'active'))).limit(1))[0];
    if (!g) throw new NotFoundError('Group was not found.');
    if (!current.has(g.id) && !user?.sysadmin) {
      const cap = user ? await capacityIn(tx, user.id, g.id) : null;
      if (!atLeast(cap, 'member')) throw new AuthorizationError(`User ${user?.name ?? ''} not authorized to edit group ${g.name}`);
    }
    if (!ids.includes(g.id)) ids.push(g.id);
  }
  return ids;
}

async function setTags(tx: Tx, packageId: string, names: string[], isNew: boolean) {
  if (!isNew) await tx.delete(packageTags).where(eq(packageTags.packageId, packageId));
  if (!names.length) return;
  const free = sql`${tags.vocabularyId} is null`;
  let found = await tx.select().from(tags).where(and(inArray(tags.name, names), free));
  const missing = names.filter((n) => !found.some((t) => t.name === n));
  if (missing.length) {
    // Concurrent writers may create the same new tag: whoever loses keeps the winner's row.
    await tx.insert(tags).values(missing.map((n) => ({ id: randomUUID(), name: n, vocabularyId: null }))).onConflictDoNothing();
    found = await tx.select().from(tags).where(and(inArray(tags.name, names), free));
  }
  const byName = new Map(found.map((t) => [t.name, t.id]));
  await tx.insert(packageTags).values(names.map((n) => ({ packageId, tagId: byName.get(n)! })));
}

async function setGroups(tx: Tx, packageId: string, groupIds: string[]) {
  const current = await tx.select({ id: members.id, groupId: members.groupId }).from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .where(and(eq(members.tableName, 'package'), eq(members.tableId, packageId), eq(groups.isOrganization, false)));
  const drop = current.filter((m) => !groupIds.includes(m.groupId)).map((m) => m.id);
  if (drop.length) await tx.delete(members).where(inArray(members.id, drop));
  const have = new Set(current.map((m) => m.groupId));
  const add = groupIds.filter((g) => !have.has(g));
  if (add.length) {
    await tx.insert(members).values(add.map((groupId) => ({
      id: randomUUID(), groupId, tableName: 'package', tableId: packageId, capacity: 'public', state: 'active',
    })));
  }
}

/** Replaces the dataset's resource list: known ids are updated, new ones added, absent ones deleted. */
async function setResources(tx: Tx, packageId: string, list: ResourceInput[], siteUrl: string, isNew: boolean) {
  const current = isNew ? [] : await tx.select().from(resources).where(and(eq(resources.packageId, packageId), eq(resources.state, 'active')));
  const byId = new Map(current.map((r) => [r.id, r]));
  const keep = new Set<string>();
  for (const [position, r] of list.entries()) {
    const prev = r.id ? byId.get(r.id) : undefined;
    if (r.id && !prev) {
      const elsewhere = await tx.select({ id: resources.id }).from(resources).where(eq(resources.id, r.id)).limit(1);
      if (elsewhere[0]) throw new ValidationError({ resources: list.map((x) => (x === r ? { id: ['Resource id already exists'] } : {})) });
    }
    let url = r.url;
    let urlType = r.urlType;
    let blobKey = r.blobKey ?? null;
    let uploadFilename = r.uploadFilename ?? null;
    if (prev?.urlType === 'upload' && blobKey === null) {
      // An upload keeps its stored file while the client sends back the URL we gave it.
      const published = `${siteUrl}/dataset/${packageId}/resource/${prev.id}/download/`;
      if (url === '' || url === prev.url || url.startsWith(published) || url.startsWith(`/dataset/${packageId}/resource/${prev.id}/download/`)) {
        url = prev.url;
        urlType = 'upload';
        blobKey = prev.blobKey;
        uploadFilename = prev.uploadFilename;
      }
    }
    const values = {
      packageId,
      position,
      state: 'active',
      url,
      urlType: urlType === 'upload' && !blobKey ? null : urlType,
      name: r.name,
      description: r.description,
      format: r.format,
      mimetype: r.mimetype,
      mimetypeInner: r.mimetypeInner,
      resourceType: r.resourceType,
      hash: r.hash,
      size: r.size,
      cacheUrl: r.cacheUrl,
      cacheLastUpdated: r.cacheLastUpdated,
      lastModified: r.lastModified,
      blobKey,
      uploadFilename: blobKey ? uploadFilename : null,
      extras: r.extras,
    };
    const id = prev?.id ?? r.id ?? randomUUID();
    keep.add(id);
    if (prev) {
      await tx.update(resources).set(values).where(eq(resources.id, id));
    } else {
      await tx.insert(resources).values({ id, ...values, ...(r.created ? { created: r.created } : {}) });
    }
  }
  const gone = current.filter((r) => !keep.has(r.id)).map((r) => r.id);
  if (gone.length) await tx.update(resources).set({ state: 'deleted' }).where(inArray(resources.id, gone));
}

function withoutModified(dict: Record<string, any>): string {
  const { metadata_modified: _m, ...rest } = dict;
  rest.resources = (rest.resources ?? []).map(({ metadata_modified: _r, ...r }: any) => r);
  return JSON.stringify(rest);
}

/**
 * Creates or replaces a dataset. Returns the dataset as package_show shows it after the write.
 * Runs inside the caller's transaction.
 */
export async function writePackage(kho: Kho, tx: Tx, user: AuthUser | null, data: Record<string, any>, opts: WriteOptions) {
  const siteUrl = kho.config.siteUrl;
  const before = opts.existing ? await packageDict(tx, siteUrl, opts.existing) : null;
  const input = await kho.hooks.beforeDatasetWrite({ kho, tx, user, mode: opts.mode, before, data });
  const clean = await cleanPackage(tx, user, input, opts);
  const { metadataModified, ...row } = clean.row;
  const id = row.id!;

  let fresh: PackageRow;
  if (opts.mode === 'create') {
    [fresh] = await tx.insert(packages)
      .values({ ...row, ...(metadataModified ? { metadataCreated: metadataModified, metadataModified } : {}) }).returning() as [PackageRow];
  } else {
    [fresh] = await tx.update(packages).set(row).where(eq(packages.id, id)).returning() as [PackageRow];
  }
  await setTags(tx, id, clean.tags ?? [], opts.mode === 'create');
  if (clean.groupRefs) {
    const current = new Set<string>(before?.groups.map((g: any) => g.id) ?? []);
    await setGroups(tx, id, await resolveGroups(tx, user, clean.groupRefs, current));
  }
  if (clean.resources) await setResources(tx, id, clean.resources, siteUrl, opts.mode === 'create');

  const after = await packageDict(tx, siteUrl, fresh);
  if (before && withoutModified(before) === withoutModified(after) && !metadataModified) throw new NoChange();

  if (before) {
    // Bump metadata_modified of the dataset and of each resource whose content changed.
    const changedRes = after.resources.filter((r: any) => {
      const old = before.resources.find((b: any) => b.id === r.id);
      return !old || JSON.stringify({ ...old, metadata_modified: 0, position: 0 }) !== JSON.stringify({ ...r, metadata_modified: 0, position: 0 });
    }).map((r: any) => r.id);
    if (changedRes.length) {
      const bumped = await tx.update(resources).set({ metadataModified: NOW_UTC }).where(inArray(resources.id, changedRes))
        .returning({ id: resources.id, metadataModified: resources.metadataModified });
      for (const b of bumped) {
        const r = after.resources.find((x: any) => x.id === b.id);
        if (r) r.metadata_modified = isoTimestamp(b.metadataModified);
      }
    }
    const [m] = await tx.update(packages).set({ metadataModified: metadataModified ?? NOW_UTC }).where(eq(packages.id, id))
      .returning({ metadataModified: packages.metadataModified });
    after.metadata_modified = isoTimestamp(m!.metadataModified);
  }
  const activityType = opts.activityType ?? (opts.mode === 'create' ? 'new package' : after.state === 'deleted' ? 'deleted package' : 'changed package');
  await kho.hooks.afterDatasetWrite({ kho, tx, user, mode: opts.mode, before, after, activityType });
  return after;
}

export type BuildInput = (existing: PackageRow | undefined, tx: Tx) => Promise<Record<string, any>> | Record<string, any>;

/**
 * Runs a dataset write in a transaction. `build` makes the input from the dataset as it is once
 * locked, so concurrent patches of one dataset each see the other's result and none is lost.
 * A write that changes nothing returns the dataset as it was.
 */
export async function writePackageTx(kho: Kho, user: AuthUser | null, opts: WriteOptions & { lockId?: string }, build: BuildInput) {
  try {
    const written = await kho.database.db.transaction(async (tx) => {
      let existing = opts.existing;
      if (opts.lockId) {
        const locked = await tx.select().from(packages).where(eq(packages.id, opts.lockId)).for('update');
        existing = locked[0];
        if (!existing) throw new NotFoundError('Dataset not found');
      }
      return await writePackage(kho, tx, user, await build(existing, tx), { ...opts, existing });
    });
    kho.jobs?.kick();
    return written;
  } catch (err) {
    if (err instanceof NoChange) {
      const row = await findPackage(kho.database.db, opts.lockId ?? opts.existing!.id);
      return packageDict(kho.database.db, kho.config.siteUrl, row!);
    }
    throw err;
  }
}

/**
 * Rebuilds the stored dicts (package_show cache and search document) of the datasets `where`
 * selects, after a change to something they embed: an organization, a group, a membership.
 */
export async function refreshPackages(kho: Kho, tx: Tx, where: SQL): Promise<void> {
  const rows = await tx.select().from(packages).where(where);
  for (let i = 0; i < rows.length; i += 500) {
    const dicts = await packageDicts(tx, kho.config.siteUrl, rows.slice(i, i + 500));
    await storeShowCaches(tx, kho.config.siteUrl, dicts);
    await kho.search.indexMany(tx, dicts);
  }
}

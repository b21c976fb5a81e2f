// Rows → the dicts CKAN clients read (package_show, resource_show, organization rows). Key names,
// types and order of lists follow the CKAN contract exactly.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { groups, members, packages, packageTags, resources, tags } from '../db/schema.js';
import { isoTimestamp } from './time.js';
import { licenseFields } from './licenses.js';
import { datasetFieldsDict } from './dataset-fields.js';

export type PackageRow = typeof packages.$inferSelect;
export type ResourceRow = typeof resources.$inferSelect;
export type GroupRow = typeof groups.$inferSelect;

export function sortedExtras(extras: Record<string, unknown>): { key: string; value: string }[] {
  return Object.keys(extras)
    .sort()
    .map((key) => ({ key, value: String(extras[key]) }));
}

export function imageDisplayUrl(siteUrl: string, imageUrl: string | null): string {
  if (!imageUrl) return '';
  if (/^[a-z][a-z0-9+.-]*:/i.test(imageUrl)) return imageUrl;
  return `${siteUrl}/uploads/group/${imageUrl}`;
}

/** The org/group row as embedded in a dataset (`organization`). */
export function groupRowDict(g: GroupRow) {
  return {
    id: g.id,
    name: g.name,
    title: g.title ?? '',
    type: g.type,
    description: g.description ?? '',
    image_url: g.imageUrl ?? '',
    created: isoTimestamp(g.created),
    is_organization: g.isOrganization,
    approval_status: g.approvalStatus,
    state: g.state,
  };
}

export function downloadUrl(siteUrl: string, packageId: string, resourceId: string, filename: string): string {
  return `${siteUrl}/dataset/${packageId}/resource/${resourceId}/download/${encodeURIComponent(filename)}`;
}

export function resourceDict(siteUrl: string, r: ResourceRow): Record<string, unknown> {
  let url = r.url;
  if (r.urlType === 'upload') url = downloadUrl(siteUrl, r.packageId, r.id, r.url);
  else if (url && !/^[a-z][a-z0-9+.-]*:/i.test(url)) url = `http://${url}`;
  return {
    ...r.extras,
    id: r.id,
    package_id: r.packageId,
    position: r.position,
    state: r.state,
    url,
    url_type: r.urlType,
    name: r.name,
    description: r.description,
    format: r.format,
    mimetype: r.mimetype,
    mimetype_inner: r.mimetypeInner,
    resource_type: r.resourceType,
    hash: r.hash,
    size: r.size,
    cache_url: r.cacheUrl,
    cache_last_updated: isoTimestamp(r.cacheLastUpdated),
    created: isoTimestamp(r.created),
    metadata_modified: isoTimestamp(r.metadataModified),
    last_modified: isoTimestamp(r.lastModified),
  };
}

/** Builds full package_show dicts for the given rows, with a handful of queries for all of them. */
export async function packageDicts(db: Tx, siteUrl: string, rows: PackageRow[]): Promise<Record<string, any>[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const orgIds = [...new Set(rows.map((r) => r.ownerOrg).filter((x): x is string => !!x))];
  const [orgRows, resRows, tagRows, groupRows] = await Promise.all([
    orgIds.length ? db.select().from(groups).where(inArray(groups.id, orgIds)) : Promise.resolve([] as GroupRow[]),
    db.select().from(resources)
      .where(and(inArray(resources.packageId, ids), eq(resources.state, 'active')))
      .orderBy(asc(resources.position)),
    db.select({ packageId: packageTags.packageId, id: tags.id, name: tags.name, vocabularyId: tags.vocabularyId })
      .from(packageTags).innerJoin(tags, eq(tags.id, packageTags.tagId))
      .where(inArray(packageTags.packageId, ids)),
    db.select({ packageId: members.tableId, group: groups })
      .from(members).innerJoin(groups, eq(groups.id, members.groupId))
      .where(and(eq(members.tableName, 'package'), inArray(members.tableId, ids), eq(members.state, 'active'),
        eq(groups.isOrganization, false), eq(groups.state, 'active'))),
  ]);
  const orgById = new Map(orgRows.map((o) => [o.id, o]));
  const byPkg = <T extends { packageId: string }>(list: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of list) (m.get(x.packageId) ?? m.set(x.packageId, []).get(x.packageId)!).push(x);
    return m;
  };
  const resByPkg = byPkg(resRows);
  const tagsByPkg = byPkg(tagRows);
  const groupsByPkg = byPkg(groupRows);

  return rows.map((p) => {
    const org = p.ownerOrg ? orgById.get(p.ownerOrg) : undefined;
    const res = (resByPkg.get(p.id) ?? []).map((r) => resourceDict(siteUrl, r));
    const tagList = (tagsByPkg.get(p.id) ?? [])
      .filter((t) => !t.vocabularyId)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((t) => ({ id: t.id, name: t.name, display_name: t.name, state: 'active', vocabulary_id: null }));
    const groupList = (groupsByPkg.get(p.id) ?? [])
      .map(({ group: g }) => ({
        id: g.id,
        name: g.name,
        title: g.title ?? '',
        description: g.description ?? '',
        display_name: g.title || g.name,
        image_display_url: imageDisplayUrl(siteUrl, g.imageUrl),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    return {
      id: p.id,
      name: p.name,
      title: p.title || p.name,
      author: p.author,
      author_email: p.authorEmail,
      maintainer: p.maintainer,
      maintainer_email: p.maintainerEmail,
      notes: p.notes,
      url: p.url,
      version: p.version,
      license_id: p.licenseId,
      ...licenseFields(p.licenseId),
      state: p.state,
      private: p.private,
      type: p.type,
      owner_org: p.ownerOrg,
      organization: org ? groupRowDict(org) : null,
      creator_user_id: p.creatorUserId,
      metadata_created: isoTimestamp(p.metadataCreated),
      metadata_modified: isoTimestamp(p.metadataModified),
      num_resources: res.length,
      num_tags: tagList.length,
      resources: res,
      tags: tagList,
      groups: groupList,
      // The DCAT-AP fields at top level, as ckanext-scheming shows its fields; unset ones absent.
      ...datasetFieldsDict(p.fields),
      extras: sortedExtras(p.extras),
      relationships_as_subject: [],
      relationships_as_object: [],
    };
  });
}

export async function packageDict(db: Tx, siteUrl: string, row: PackageRow): Promise<Record<string, any>> {
  return (await packageDicts(db, siteUrl, [row]))[0]!;
}

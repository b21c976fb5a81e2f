// The activity stream: every create, update and delete records the object as it then was, with
// who could see it then (CKAN's permission labels): the stream must never show a version to
// someone who could not read the object when it was written, whatever the object is now.
import { randomUUID } from 'node:crypto';
import { and, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { activities } from '../db/schema.js';
import type { AuthUser } from '../auth/users.js';
import { accessOfDict, datasetLabels, readerLabels, type Reader } from '../core/visibility.js';

export type ActivityType =
  | 'new package' | 'changed package' | 'deleted package'
  | 'new organization' | 'changed organization' | 'deleted organization'
  | 'new group' | 'changed group' | 'deleted group'
  | 'new user' | 'changed user';

/**
 * Dataset activities carry the dataset's labels as written; organizations, groups and users are
 * public objects (their dicts in `data` hold nothing private: no e-mail, no private dataset).
 */
export function activityPermissionLabels(type: ActivityType, data: Record<string, unknown>): string[] {
  if (type.endsWith(' package')) {
    const pkg = data.package;
    return pkg && typeof pkg === 'object' ? datasetLabels(accessOfDict(pkg as Record<string, unknown>)) : [];
  }
  return ['public'];
}

export async function recordActivity(
  tx: Tx,
  actor: AuthUser | null,
  type: ActivityType,
  objectId: string,
  data: Record<string, unknown>,
  groupId: string | null = null,
): Promise<void> {
  await tx.insert(activities).values({
    id: randomUUID(),
    userId: actor?.id ?? null,
    objectId,
    activityType: type,
    groupId,
    permissionLabels: activityPermissionLabels(type, data),
    data: { ...data, actor: actor?.name ?? null },
  });
}

/**
 * The activities a reader may see. Migration 0014 labelled every older row; a row still without
 * labels can only come from a process running older code, and its visibility is unknown, so it is
 * shown to no one but sysadmins and the members of the organization it belongs to.
 */
export function visibleActivitiesSql(reader: Reader): SQL {
  if (reader.sysadmin) return sql`true`;
  const labels = readerLabels(reader);
  const held = sql`${activities.permissionLabels} && array[${sql.join(labels.map((l) => sql`${l}`), sql`, `)}]::text[]`;
  const unlabelled = reader.memberOf.length
    ? and(isNull(activities.permissionLabels),
      sql`${activities.groupId} in (${sql.join(reader.memberOf.map((g) => sql`${g}`), sql`, `)})`)!
    : sql`false`;
  return or(held, unlabelled)!;
}

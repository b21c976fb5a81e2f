// The activity stream: every create, update and delete records the object as it then was.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/database.js';
import { activities } from '../db/schema.js';
import type { AuthUser } from '../auth/users.js';

export type ActivityType =
  | 'new package' | 'changed package' | 'deleted package'
  | 'new organization' | 'changed organization' | 'deleted organization'
  | 'new group' | 'changed group' | 'deleted group'
  | 'new user' | 'changed user';

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
    data: { ...data, actor: actor?.name ?? null },
  });
}

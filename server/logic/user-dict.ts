// The user dict: e-mail only to the user themself and to sysadmins; never the password hash.
import { createHash } from 'node:crypto';
import type { users } from '../db/schema.js';
import { isoTimestamp } from './time.js';
import { imageDisplayUrl } from './dictize.js';

export type UserRow = typeof users.$inferSelect;

export function userDict(siteUrl: string, u: UserRow, includeEmail: boolean, createdPackages = 0): Record<string, unknown> {
  const dict: Record<string, unknown> = {
    id: u.id,
    name: u.name,
    fullname: u.fullname,
    display_name: u.fullname || u.name,
    about: u.about,
    created: isoTimestamp(u.created),
    last_active: isoTimestamp(u.lastActive),
    state: u.state,
    sysadmin: u.sysadmin,
    image_url: u.imageUrl ?? '',
    image_display_url: imageDisplayUrl(siteUrl, u.imageUrl),
    email_hash: createHash('md5').update((u.email ?? '').trim().toLowerCase()).digest('hex'),
    number_created_packages: createdPackages,
    activity_streams_email_notifications: false,
  };
  if (includeEmail) dict.email = u.email;
  return dict;
}

// The first sysadmin and the demo catalog, as `kho serve` and `kho seed` make them.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { users } from '../db/schema.js';
import { createToken } from '../actions/user.js';
import type { Kho } from '../core/kho.js';

/** A sysadmin to act as: the first one there is, created (and announced) if there is none. */
export async function ensureSysadmin(kho: Kho, log: (s: string) => void): Promise<string> {
  const existing = await kho.database.db.select({ name: users.name }).from(users)
    .where(eq(users.sysadmin, true)).orderBy(users.created).limit(1);
  if (existing[0]) return existing[0].name;
  const password = kho.config.adminPassword ?? randomBytes(9).toString('base64url');
  const created = await kho.call('user_create', {
    name: 'admin', email: kho.config.adminEmail, password, fullname: 'Quản trị hệ thống', sysadmin: true,
  }, { ignoreAuth: true });
  const { token } = await createToken({ kho, user: null, ignoreAuth: true }, created.id, 'bootstrap');
  // Printed once, on the terminal that started the catalog, and never through the request log.
  log(`Created sysadmin "admin" with password ${kho.config.adminPassword ? '(KHO_ADMIN_PASSWORD)' : password}`);
  log(`Its API token (send it as the Authorization header): ${token}`);
  return 'admin';
}

export async function loadDemoCatalog(kho: Kho, log: (s: string) => void) {
  const sysadmin = await ensureSysadmin(kho, log);
  const { loadDemo } = await import('../../seed/load-demo.js');
  const counts = await loadDemo(kho, { sysadmin, log: () => {} });
  log(`Loaded demo data: ${counts.organizations} organizations, ${counts.groups} groups, ${counts.datasets} datasets, ${counts.resources} resources`);
}

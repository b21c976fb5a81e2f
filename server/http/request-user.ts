// The caller of an HTTP request: a raw API token in Authorization (CKAN style, "Bearer " also
// accepted) or X-CKAN-API-Key. Anything unknown, expired or revoked is anonymous, never a 401.
import type { FastifyRequest } from 'fastify';
import type { Kho } from '../core/kho.js';
import { userForToken, type AuthUser } from '../auth/users.js';

export function tokenOf(request: FastifyRequest): string | null {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && auth.trim()) return auth.trim().replace(/^Bearer\s+/i, '');
  const key = request.headers['x-ckan-api-key'];
  if (typeof key === 'string' && key.trim()) return key.trim();
  return null;
}

export async function requestUser(kho: Kho, request: FastifyRequest): Promise<AuthUser | null> {
  const token = tokenOf(request);
  const user = token ? await userForToken(kho.database.db, token) : null;
  // For the request's log line (request-log.ts).
  if (user) request.khoUserId = user.id;
  return user;
}

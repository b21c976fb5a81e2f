// What a request was, in the words operators search logs and metrics by: the action it called
// (for /api/.../action/{name}) or the route it matched.
import type { FastifyRequest } from 'fastify';
import type { Kho } from '../core/kho.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** the caller's user id, once the route has resolved its token (for the request log) */
    khoUserId?: string;
    /** what made this request a 500, kept for the request's log line */
    khoError?: unknown;
  }
}

const ACTION_ROUTE = /\/action\/:name$/;

/** The action name the URL asks for, when the request went to the action API. */
export function actionOf(request: FastifyRequest): string | undefined {
  const route = request.routeOptions.url;
  if (!route || !ACTION_ROUTE.test(route)) return undefined;
  const name = (request.params as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * A bounded label for metrics: a known action's name, else the route pattern; never anything a
 * caller typed (an unknown action name, a path that matched no route), which would let anyone
 * grow the metrics without end.
 */
export function handlerLabel(kho: Kho, request: FastifyRequest): string {
  const action = actionOf(request);
  if (action !== undefined) return kho.actions.get(action) ? action : 'unknown_action';
  return request.routeOptions.url ?? 'no_route';
}

// Every route the app serves, as it is registered (core and modules alike), so a test can hold
// each read route to the visibility rule and fail when a new one is added without being covered.
import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** method and URL of every route registered after recordRoutes */
    khoRoutes: readonly RouteEntry[];
  }
}

/** Must run before any route is added: fastify only announces routes to hooks already there. */
export function recordRoutes(app: FastifyInstance): void {
  const routes: RouteEntry[] = [];
  app.decorate('khoRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method: String(method), url: route.url });
  });
}

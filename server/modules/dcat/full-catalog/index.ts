// The complete catalog file for bulk harvesters (/catalog/full.{nt,ttl,jsonld}.gz), as parts the
// DCAT module's index.ts adds to its KhoModule: the build job, the periodic task that queues it,
// the write hooks that queue it after a change, and the download routes.
import type { FastifyInstance } from 'fastify';
import type { Kho } from '../../../core/kho.js';
import type { KhoModule } from '../../../core/module.js';
import { fullCatalogHooks, fullCatalogJobs, fullCatalogPeriodic } from './queue.js';
import { registerFullCatalogRoutes } from './routes.js';

export { FULL_CATALOG_JOB, FULL_CATALOG_KEY, DEBOUNCE_MS, requestBuild } from './queue.js';
export { buildFullCatalog } from './build.js';
export { currentManifest, type FullManifest } from './manifest.js';

export const fullCatalog = {
  jobs: (kho: Kho) => fullCatalogJobs(kho),
  periodic: (kho: Kho) => fullCatalogPeriodic(kho),
  hooks: fullCatalogHooks,
  routes: (app: FastifyInstance, kho: Kho) => registerFullCatalogRoutes(app, kho),
} satisfies Required<Pick<KhoModule, 'jobs' | 'periodic' | 'hooks' | 'routes'>>;

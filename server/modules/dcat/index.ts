// DCAT out: the catalog for the national portal's and Europe's harvesters, at ckanext-dcat's
// URLs and by its action names, in the profiles KHO_DCAT_PROFILES stacks (spec §8).
import type { KhoModule } from '../../core/module.js';
import { dcatActions } from './actions.js';
import { qualityActions } from './quality/actions.js';
import { fullCatalog } from './full-catalog/index.js';
import { registerDcatRoutes } from './routes.js';
import { checkConfiguredProfiles } from './profile-choice.js';

export const dcatModule: KhoModule = {
  name: 'dcat',
  description: 'DCAT export: /catalog.{ttl,rdf,xml,n3,jsonld}, /dataset/{id}.{fmt}, content negotiation, /dcat.json, /data.json, /catalog/full.{nt,ttl,jsonld}.gz, dcat_* actions, metadata quality scores',
  actions: [...dcatActions, ...qualityActions],
  hooks: fullCatalog.hooks,
  jobs: fullCatalog.jobs,
  periodic: fullCatalog.periodic,
  routes(app, kho) {
    // config.ts knows no module, so the profile names it read are checked here, before the
    // server listens: a misspelt profile stops the start instead of failing every request.
    checkConfiguredProfiles(kho.config);
    registerDcatRoutes(app, kho);
    fullCatalog.routes(app, kho);
  },
};

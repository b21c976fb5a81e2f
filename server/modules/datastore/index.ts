// The DataStore: resources' rows as tables that can be searched, queried in SQL, dumped and
// previewed; tabular files loaded into them in the background (CKAN's datastore + xloader).
import type { KhoModule } from '../../core/module.js';
import { datastoreActions } from './actions.js';
import { datastoreHooks, LOAD_JOB } from './hooks.js';
import { datastoreLoader } from './loader/load-resource.js';
import { registerDatastoreDumpRoutes } from './routes.js';

export const datastoreModule: KhoModule = {
  name: 'datastore',
  description: 'DataStore tables: datastore_* actions, background loading of CSV/XLSX files, dumps and exports',
  actions: datastoreActions,
  hooks: datastoreHooks,
  jobs: (kho) => ({ [LOAD_JOB]: datastoreLoader(kho) }),
  routes: registerDatastoreDumpRoutes,
};

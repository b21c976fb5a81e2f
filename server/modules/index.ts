// The modules there are. Adding one: make its folder (server/modules/<name>/index.ts exporting a
// KhoModule) and add it here; KHO_MODULES then enables it by name.
import type { KhoModule } from '../core/module.js';
import { KhoConfigError } from '../config.js';
import { datastoreModule } from './datastore/index.js';
import { dcatModule } from './dcat/index.js';

export const availableModules: readonly KhoModule[] = [datastoreModule, dcatModule];

/** The modules KHO_MODULES names, in its order; an unknown name stops the start. */
export function enabledModules(names: readonly string[] | undefined): KhoModule[] {
  if (!names) return [...availableModules];
  return names.map((name) => {
    const m = availableModules.find((x) => x.name === name);
    if (!m) throw new KhoConfigError('KHO_MODULES', `KHO_MODULES names "${name}", which is not a module here (there are: ${availableModules.map((x) => x.name).join(', ')})`);
    return m;
  });
}

// Which profiles a DCAT answer is written with: the caller's `profiles`, else KHO_DCAT_PROFILES,
// else the default (euro_dcat_ap_3). A name that is no profile is the caller's mistake (409), or,
// in the settings, a start that stops.
import { ValidationError } from '../../core/errors.js';
import { KhoConfigError, type KhoConfig } from '../../config.js';
import { AVAILABLE_PROFILES, resolveProfiles, UnknownProfileError } from './graph.js';

export function chooseProfiles(config: KhoConfig, requested: readonly string[] | undefined) {
  const names = requested?.length ? requested : config.dcatProfiles;
  try {
    return resolveProfiles(names);
  } catch (err) {
    if (err instanceof UnknownProfileError) throw new ValidationError({ profiles: [err.message] });
    throw err;
  }
}

/** KHO_DCAT_PROFILES names only profiles there are (config.ts checks only the names' shape). */
export function checkConfiguredProfiles(config: KhoConfig): void {
  const unknown = (config.dcatProfiles ?? []).filter((n) => !AVAILABLE_PROFILES.includes(n));
  if (unknown.length) {
    throw new KhoConfigError('KHO_DCAT_PROFILES', `KHO_DCAT_PROFILES names "${unknown[0]}", which is not a DCAT profile here (there are: ${AVAILABLE_PROFILES.join(', ')})`);
  }
}

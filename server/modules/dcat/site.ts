// The catalog's own description, from the site's settings. Read per call: the site URL may be
// set after start (tests point it at the port they got), and the settings are the only source.
import type { KhoConfig } from '../../config.js';
import type { DcatSite } from './graph.js';

/** The site's language first, then the other of Vietnamese and English (Kho's two). */
export function catalogLanguages(locale: string): string[] {
  const primary = locale.split(/[_-]/)[0]!.toLowerCase();
  return [...new Set([primary, 'vi', 'en'])];
}

export function dcatSite(config: KhoConfig): DcatSite {
  return {
    siteUrl: config.siteUrl,
    catalogUri: (config.dcatBaseUri ?? config.siteUrl).replace(/\/+$/, ''),
    title: config.siteTitle,
    description: config.siteDescription,
    languages: catalogLanguages(config.locale),
  };
}

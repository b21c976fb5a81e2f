// What the indicators look at, read once from a dataset dict as package_show answers it. The
// DCAT-AP fields are read as `dict[key] ?? extras[key]`: they are becoming top-level package
// fields, and datasets written before that (or harvested) carry them as extras.
import { IANA, looksLikeMediaType, mediaTypeUri } from '../vocabularies/file-types.js';
import { themesForGroups } from '../vocabularies/themes.js';
import { euLicenceUri, fileTypeCode } from './vocabularies.js';

/** What Kho knows about whether a URL answers. MQA asks by HTTP; Kho never fetches to score. */
export interface LinkState {
  state: 'accessible' | 'inaccessible' | 'unknown';
  /** upload: Kho serves the file itself; last_load: the DataStore's last fetch of the link */
  source: 'upload' | 'last_load' | 'none';
  /** when the last load finished (last_load only) */
  checked?: string;
  /** the HTTP status the last load got, when it failed on one */
  http_status?: number;
}

export interface DistributionFacts {
  id: string;
  name: string;
  /** dcat:accessURL as the DCAT mapping writes it: access_url, else url */
  accessUrl: string | null;
  /** dcat:downloadURL: download_url, else the file Kho serves for an upload */
  downloadUrl: string | null;
  access: LinkState;
  download: LinkState | null;
  /** dct:format: the format, unless it is written as a media type */
  format: string | null;
  /** the format's code in the EU file-type table, or null when it goes out as a label */
  formatCode: string | null;
  /** dcat:mediaType as the profile writes it: a registered type, from mimetype or the format */
  mediaType: string | null;
  size: number | null;
  rights: string | null;
  licence: string | null;
  /** the licence's URI in the EU licence table, when it has one */
  euLicence: string | null;
}

export interface DatasetFacts {
  id: string;
  name: string;
  title: string;
  description: string;
  keywords: number;
  themes: string[];
  /** EU data themes the dataset's sector groups map to (the profile's table) */
  groupThemes: string[];
  groups: number;
  spatial: boolean;
  temporal: boolean;
  accessRights: string;
  contact: boolean;
  publisher: boolean;
  issued: boolean;
  modified: boolean;
  distributions: DistributionFacts[];
}

type Dict = Record<string, any>;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** A field at the top level, else among the extras (CKAN's [{key, value}] list). */
export function fieldOf(dict: Dict, key: string): unknown {
  const top = dict[key];
  if (top !== undefined && top !== null && top !== '') return top;
  const extras: unknown = dict.extras;
  if (!Array.isArray(extras)) return undefined;
  return extras.find((e) => e && typeof e === 'object' && e.key === key)?.value;
}

const fieldText = (dict: Dict, key: string): string => text(fieldOf(dict, key));

/** A list field as stored: an array, JSON array text, comma-separated text or one value. */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(text).filter(Boolean);
  const s = text(value);
  if (!s) return [];
  if (s.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (Array.isArray(parsed)) return parsed.map(text).filter(Boolean);
    } catch { /* not JSON: read as text */ }
  }
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

/** A link whose status Kho has not recorded. */
export const UNKNOWN: LinkState = Object.freeze({ state: 'unknown', source: 'none' }) as LinkState;
const SERVED: LinkState = Object.freeze({ state: 'accessible', source: 'upload' }) as LinkState;

/**
 * One distribution, read as the DCAT-AP profile writes it (profiles/euro-dcat-ap-2.ts,
 * graphDistribution), so each indicator scores what the published document says.
 */
function distribution(res: Dict, dataset: Dict, linkState: (res: Dict) => LinkState): DistributionFacts {
  const upload = res.url_type === 'upload';
  const url = text(res.url);
  const accessUrl = text(res.access_url) || url || null;
  const downloadUrl = text(res.download_url) || (upload && url ? url : null);
  // The file Kho serves is there: the upload wrote it before the resource existed. A link's state
  // is whatever Kho last saw when it fetched that same URL.
  const state = (u: string | null): LinkState => (!u ? UNKNOWN : upload && u === url ? SERVED : u === url ? linkState(res) : UNKNOWN);
  const rawFormat = text(res.format);
  // A format that is a media type goes out as dcat:mediaType only; an unregistered ("x-") media
  // type does not go out at all.
  const format = rawFormat && !looksLikeMediaType(rawFormat) ? rawFormat : null;
  const mediaUri = mediaTypeUri(text(res.mimetype) || rawFormat);
  const size = /^\d+$/.test(text(res.size)) ? Number(text(res.size)) : null;
  // The dataset's licence is inherited by every distribution that names none of its own.
  const own = text(res.license);
  const licence = own || text(dataset.license_id) || null;
  return {
    id: text(res.id),
    name: text(res.name) || text(res.id),
    accessUrl,
    downloadUrl,
    access: state(accessUrl),
    download: downloadUrl ? state(downloadUrl) : null,
    format,
    formatCode: format ? fileTypeCode(format) : null,
    mediaType: mediaUri ? mediaUri.slice(IANA.length) : null,
    size,
    rights: text(res.rights) || null,
    licence,
    euLicence: licence ? euLicenceUri(licence, own ? undefined : dataset.license_url) : null,
  };
}

/**
 * The facts of a dataset dict. `linkState` says what Kho last saw of a linked (not uploaded)
 * resource's URL; the caller looks it up, so this stays a pure reading of the dict.
 */
export function datasetFacts(dict: Dict, linkState: (res: Dict) => LinkState = () => UNKNOWN): DatasetFacts {
  const resources: Dict[] = Array.isArray(dict.resources) ? dict.resources : [];
  const groups: Dict[] = Array.isArray(dict.groups) ? dict.groups : [];
  const org = dict.organization && typeof dict.organization === 'object' ? dict.organization : null;
  return {
    id: text(dict.id),
    name: text(dict.name),
    title: text(dict.title),
    description: text(dict.notes),
    keywords: Array.isArray(dict.tags) ? dict.tags.filter((t: Dict) => text(t?.name)).length : 0,
    themes: listOf(fieldOf(dict, 'theme')),
    groupThemes: themesForGroups(groups.map((g) => text(g?.name)).filter(Boolean)),
    groups: groups.length,
    spatial: ['spatial_uri', 'spatial_text', 'spatial', 'spatial_bbox', 'spatial_centroid'].some((k) => fieldText(dict, k) !== '' || (typeof fieldOf(dict, k) === 'object' && fieldOf(dict, k) !== null)),
    temporal: fieldText(dict, 'temporal_start') !== '' || fieldText(dict, 'temporal_end') !== '',
    accessRights: fieldText(dict, 'access_rights'),
    // dcat:contactPoint comes from contact_*, else the maintainer, else the author (spec §8), and
    // the profile names the organization when none is given: its title is a contact too.
    contact: ['contact_uri', 'contact_name', 'contact_email', 'maintainer', 'maintainer_email', 'author', 'author_email'].some((k) => fieldText(dict, k) !== '')
      || text(org?.title) !== '',
    // dct:publisher comes from publisher_*, else the owning organization.
    publisher: Boolean(org || text(dict.owner_org)) || fieldText(dict, 'publisher_uri') !== '' || fieldText(dict, 'publisher_name') !== '',
    // dct:issued / dct:modified fall back to Kho's own timestamps, which every dataset has.
    issued: fieldText(dict, 'issued') !== '' || text(dict.metadata_created) !== '',
    modified: fieldText(dict, 'modified') !== '' || text(dict.metadata_modified) !== '',
    distributions: resources.map((r) => distribution(r, dict, linkState)),
  };
}

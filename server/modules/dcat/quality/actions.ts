// dcat_quality_show and dcat_quality_organization: data.europa.eu's metadata quality score for a
// dataset, and its summary over an organization's datasets. Datasets are read through
// package_show and package_search as the caller, so what a caller may score is exactly what they
// may see; links' accessibility comes from what Kho already knows, never from a fetch made here.
import type { ActionDef } from '../../../core/action.js';
import type { ActionContext } from '../../../core/kho.js';
import { NotFoundError } from '../../../core/errors.js';
import { datasetFacts, UNKNOWN, type LinkState } from './facts.js';
import { ratingOf, scoreDataset, type DatasetScore } from './score.js';
import { summarize } from './summary.js';
import { complianceOf } from './compliance.js';
import { dcatSite } from '../site.js';
import { qualityRules as rules } from './auth.js';

type Dict = Record<string, any>;

/** Datasets one organization summary scores at most; beyond it the answer says `truncated`. */
export const SUMMARY_CAP = 2000;
const PAGE = 500;

/**
 * What Kho last saw of each linked resource's URL: the DataStore's last load of it (a load that
 * completed fetched it; one that failed on an HTTP status did not). Asked through xloader_status
 * as the caller, when the DataStore module is there; otherwise, and for links it never loaded,
 * the state is unknown.
 */
async function linkStates(ctx: ActionContext, dict: Dict): Promise<Map<string, LinkState>> {
  const states = new Map<string, LinkState>();
  if (!ctx.kho.actions.get('xloader_status')) return states;
  const links = (Array.isArray(dict.resources) ? dict.resources : [])
    .filter((r: Dict) => r.url_type !== 'upload' && r.url_type !== 'datastore' && /^https?:\/\//i.test(String(r.url ?? '')));
  for (const r of links) {
    const status = await ctx.kho.actions.run(ctx, 'xloader_status', { resource_id: r.id }).catch(() => null) as Dict | null;
    if (!status) continue;
    const http = /\bHTTP (\d{3})\b/.exec(String(status.error?.message ?? ''));
    if (status.status === 'complete') states.set(r.id, { state: 'accessible', source: 'last_load', checked: status.finished ?? status.last_updated });
    else if (status.status === 'error' && http) {
      states.set(r.id, { state: 'inaccessible', source: 'last_load', checked: status.finished ?? status.last_updated, http_status: Number(http[1]) });
    }
  }
  return states;
}

async function scoreOf(ctx: ActionContext, dict: Dict): Promise<DatasetScore> {
  const states = await linkStates(ctx, dict);
  const score = scoreDataset(datasetFacts(dict, (res) => states.get(res.id) ?? UNKNOWN), complianceOf(dcatSite(ctx.kho.config), dict));
  // Say, per link, what Kho knew: the publisher sees which status a score rests on.
  const links = [...states.entries()].map(([id, s]) => ({ resource_id: id, ...s }));
  return links.length ? { ...score, links } : score;
}

/** The organization as organization_show answers it (its own 404 for an unknown id or name). */
async function organizationOf(ctx: ActionContext, id: string): Promise<Dict> {
  const org = await ctx.kho.actions.run(ctx, 'organization_show', {
    id, include_datasets: false, include_users: false, include_extras: false, include_groups: false, include_followers: false,
  }) as Dict;
  if (!org || org.is_organization === false) throw new NotFoundError('Organization not found');
  return org;
}

export const qualityActions: ActionDef[] = [
  {
    name: 'dcat_quality_show', read: true, auth: rules.dcat_quality_show, schema: 'dcat-quality#/definitions/show',
    async handler(ctx, data) {
      const dict = await ctx.kho.actions.run(ctx, 'package_show', { id: data.id }) as Dict;
      return scoreOf(ctx, dict);
    },
  },
  {
    name: 'dcat_quality_organization', read: true, auth: rules.dcat_quality_organization, schema: 'dcat-quality#/definitions/organization',
    async handler(ctx, data) {
      const org = await organizationOf(ctx, data.id);
      const scores: DatasetScore[] = [];
      let total = 0;
      // Private datasets only for a signed-in caller, and then only those package_search's
      // visibility rule lets them see.
      for (let start = 0; start < SUMMARY_CAP; start += PAGE) {
        const page = await ctx.kho.actions.run(ctx, 'package_search', {
          fq: `owner_org:"${org.id}"`, rows: Math.min(PAGE, SUMMARY_CAP - start), start, sort: 'name asc', include_private: ctx.user !== null,
        }) as { count: number; results: Dict[] };
        total = page.count;
        for (const dict of page.results) scores.push(await scoreOf(ctx, dict));
        if (page.results.length === 0 || start + page.results.length >= total) break;
      }
      const summary = summarize({ id: org.id, name: org.name, title: org.title || org.name }, scores, ratingOf);
      return total > scores.length ? { ...summary, truncated: true, datasets_total: total } : summary;
    },
  },
];

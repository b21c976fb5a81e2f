// The DCAT actions, by ckanext-dcat's names. They read datasets only through package_search and
// package_show, run as the caller, and then publish only what is public and active: DCAT is the
// open catalog, so not even a sysadmin exports a private or draft dataset through it.
import type { ActionDef } from '../../core/action.js';
import type { ActionContext } from '../../core/kho.js';
import { NotFoundError } from '../../core/errors.js';
import { dcatRules as rules } from './auth.js';
import { pageNumber, pagingOf, searchInput } from './catalog-page.js';
import { catalogGraph, datasetGraph, parseFormat, serialize, type RdfFormat } from './graph.js';
import { chooseProfiles } from './profile-choice.js';
import { dcatSite } from './site.js';
import { ckanToDcat } from './dcat-json.js';

type Dict = Record<string, any>;

/** The format asked for; RDF/XML when none is, as ckanext-dcat's serializer defaults. */
const formatOf = (data: Dict): RdfFormat => parseFormat(data.format ?? 'rdf') ?? 'rdf';

/** Runs another action as this call's caller (never with this call's auth shortcut). */
const asCaller = (ctx: ActionContext, name: string, data: Dict): Promise<any> => ctx.kho.actions.run({ kho: ctx.kho, user: ctx.user }, name, data);

/** A dataset DCAT may publish: public and active (package_show also answers drafts and deleted ones to some). */
export const publishable = (pkg: Dict): boolean => pkg.private === false && pkg.state === 'active';

/** One page of public datasets (100, newest change first) and the search's count. */
async function catalogPage(ctx: ActionContext, data: Dict): Promise<{ datasets: Dict[]; count: number }> {
  const found = await asCaller(ctx, 'package_search', searchInput(data));
  // package_search without include_private/include_drafts answers public active datasets only;
  // this filter states the rule here too, so a change there cannot widen DCAT.
  return { datasets: (found.results as Dict[]).filter(publishable), count: found.count as number };
}

async function catalogDocument(ctx: ActionContext, data: Dict): Promise<string> {
  const profiles = chooseProfiles(ctx.kho.config, data.profiles);
  const format = formatOf(data);
  const { datasets, count } = await catalogPage(ctx, data);
  const site = dcatSite(ctx.kho.config);
  // Page URLs name the catalog endpoint of the format asked for (`xml` stays `xml`), so a
  // harvester following them gets what it got, with or without an Accept header.
  const paging = pagingOf({
    catalogUri: site.catalogUri, path: `/catalog.${data.format ?? 'rdf'}`, params: data,
    page: pageNumber(data.page), count, shown: datasets.length,
  });
  return serialize(catalogGraph(site, datasets, profiles, paging), format);
}

export const dcatActions: ActionDef[] = [
  {
    name: 'dcat_dataset_show', read: true, auth: rules.dcat_dataset_show, schema: 'dcat#/definitions/dataset_show',
    async handler(ctx, data) {
      const profiles = chooseProfiles(ctx.kho.config, data.profiles);
      // package_show answers 404/403 as it does for this caller; what it would show a member,
      // an editor or a sysadmin but not everyone is not DCAT's to publish.
      const pkg: Dict = await asCaller(ctx, 'package_show', { id: data.id });
      if (!publishable(pkg)) throw new NotFoundError('Dataset not found');
      return serialize(datasetGraph(dcatSite(ctx.kho.config), pkg, profiles), formatOf(data));
    },
  },
  {
    name: 'dcat_catalog_show', read: true, auth: rules.dcat_catalog_show, schema: 'dcat#/definitions/catalog',
    handler: catalogDocument,
  },
  {
    // ckanext-dcat has both names for the same page; harvest configurations use either.
    name: 'dcat_catalog_search', read: true, auth: rules.dcat_catalog_search, schema: 'dcat#/definitions/catalog',
    handler: catalogDocument,
  },
  {
    name: 'dcat_datasets_list', read: true, auth: rules.dcat_datasets_list, schema: 'dcat#/definitions/datasets_list',
    async handler(ctx, data) {
      const { datasets } = await catalogPage(ctx, { page: data.page, modified_since: data.modified_since });
      return datasets.map(ckanToDcat);
    },
  },
];

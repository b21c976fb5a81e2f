// The simplified DCAT JSON of /dcat.json and dcat_datasets_list: ckanext-dcat's ckan_to_dcat,
// which the DCAT JSON harvester reads back (title, description, keyword, publisher, creator,
// distribution with accessURL, and the dcat_* extras it wrote when it harvested).

type Dict = Record<string, any>;

const extrasOf = (pkg: Dict): { key: string; value: string }[] => (Array.isArray(pkg.extras) ? pkg.extras : []);

export function ckanToDcat(pkg: Dict): Dict {
  const out: Dict = {
    title: pkg.title,
    description: pkg.notes,
    landingPage: pkg.url,
    keyword: (pkg.tags ?? []).map((t: Dict) => t.name),
  };
  const publisher: Dict = {};
  const creator: Dict = {};
  for (const { key, value } of extrasOf(pkg)) {
    if (key === 'dcat_issued' || key === 'dcat_modified') out[key.slice(5)] = value;
    else if (key === 'language') out.language = String(value).split(',');
    else if (key === 'dcat_publisher_name') publisher.name = value;
    else if (key === 'dcat_publisher_email') publisher.email = value;
    else if (key === 'dcat_publisher_id') publisher.identifier = value;
    else if (key === 'dcat_creator_name') creator.name = value;
    else if (key === 'dcat_creator_email') creator.email = value;
    else if (key === 'dcat_creator_id') creator.identifier = value;
    else if (key === 'guid') out.identifier = value;
  }
  // Kho holds `language` as a field of its own, not only as an extra.
  if (out.language === undefined && pkg.language) out.language = Array.isArray(pkg.language) ? pkg.language : String(pkg.language).split(',');
  if (!publisher.name && pkg.maintainer) {
    publisher.name = pkg.maintainer;
    if (pkg.maintainer_email) publisher.email = pkg.maintainer_email;
  }
  if (!creator.name && pkg.author) {
    creator.name = pkg.author;
    if (pkg.author_email) creator.email = pkg.author_email;
  }
  out.publisher = publisher;
  out.creator = creator;
  out.distribution = (pkg.resources ?? []).map((r: Dict) => ({
    title: r.name, description: r.description, format: r.format, byteSize: r.size, accessURL: r.url,
  }));
  return out;
}

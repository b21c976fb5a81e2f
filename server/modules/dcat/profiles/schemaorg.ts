// schema.org (schemaorg), as ckanext-dcat's SchemaOrgProfile: the same dataset and distribution
// nodes described with schema.org terms, which is what Google Dataset Search reads. It has no
// parse side (ckanext-dcat's has none either: harvesters read DCAT).
import type { NamedNode } from '@rdfjs/types';
import { ns } from '../rdf/namespaces.js';
import { dateLiteral, iri, stableBlank, text, uri, type GraphBuilder, type Subject } from '../rdf/graph-builder.js';
import { licenseUri } from '../vocabularies/licenses.js';
import { languageUri } from '../vocabularies/languages.js';
import { firstField, listField, stringField, translated, type Dict } from './fields.js';
import { DcatProfile, type CatalogContext, type DatasetContext } from './profile.js';
import { distributionUri, organizationUri } from './uris.js';
import { textLanguage } from './euro-dcat-ap-2.js';

const { schema } = ns;

export class SchemaOrgProfile extends DcatProfile {
  readonly name: string = 'schemaorg';

  override graphDataset({ site, g, dataset, node }: DatasetContext): void {
    const lang = textLanguage(site, dataset);
    g.type(node, schema('Dataset'));
    this.translatable(g, node, schema('name'), dataset, 'title', lang);
    this.translatable(g, node, schema('description'), dataset, 'notes', lang);
    g.add(node, schema('url'), text(stringField(dataset, 'url')));
    g.add(node, schema('identifier'), text(firstField(dataset, 'identifier', 'guid') ?? dataset.id));
    g.add(node, schema('version'), text(stringField(dataset, 'version')));
    for (const t of Array.isArray(dataset.tags) ? dataset.tags : []) g.add(node, schema('keywords'), text(t?.name, lang));
    g.add(node, schema('datePublished'), dateLiteral(firstField(dataset, 'issued', 'metadata_created')));
    g.add(node, schema('dateModified'), dateLiteral(firstField(dataset, 'modified', 'metadata_modified')));
    for (const l of listField(dataset, 'language')) if (languageUri(l)) g.add(node, schema('inLanguage'), text(l.toLowerCase()));
    const licence = licenseUri(dataset.license_id, dataset.license_url);
    if (licence) g.add(node, schema('license'), iri(licence));

    const org: Dict | null = dataset.organization && typeof dataset.organization === 'object' ? dataset.organization : null;
    const pubName = stringField(dataset, 'publisher_name') ?? (org ? org.title || org.name : undefined);
    if (pubName) {
      const own = uri(stringField(dataset, 'publisher_uri'));
      const p = own ?? (org && !stringField(dataset, 'publisher_name') ? organizationUri(site, org.id) : stableBlank(node.value, 'schema:publisher'));
      g.add(node, schema('publisher'), p);
      g.type(p, schema('Organization'));
      g.add(p, schema('name'), text(pubName, site.languages[0]));
    }
    const cName = firstField(dataset, 'contact_name', 'maintainer', 'author');
    const cMail = firstField(dataset, 'contact_email', 'maintainer_email', 'author_email');
    if (cName || cMail) {
      const c = stableBlank(node.value, 'schema:contactPoint');
      g.add(node, schema('contactPoint'), c);
      g.type(c, schema('ContactPoint'));
      g.add(c, schema('name'), text(cName, site.languages[0]));
      g.add(c, schema('email'), text(cMail));
    }
    const start = stringField(dataset, 'temporal_start');
    const end = stringField(dataset, 'temporal_end');
    if (start || end) g.add(node, schema('temporalCoverage'), text(`${start ?? '..'}/${end ?? '..'}`));
    const place = stringField(dataset, 'spatial_text');
    if (place) {
      const s = stableBlank(node.value, 'schema:spatialCoverage');
      g.add(node, schema('spatialCoverage'), s);
      g.type(s, schema('Place'));
      g.add(s, schema('name'), text(place, lang));
    }
    g.add(node, schema('includedInDataCatalog'), iri(site.catalogUri));

    for (const r of Array.isArray(dataset.resources) ? dataset.resources : []) {
      const d = distributionUri(site, dataset, r);
      g.add(node, schema('distribution'), d);
      g.type(d, schema('DataDownload'));
      g.add(d, schema('name'), text(r.name, lang));
      g.add(d, schema('description'), text(r.description, lang));
      g.add(d, schema('contentUrl'), text(r.url));
      g.add(d, schema('encodingFormat'), text(r.mimetype || r.format));
      if (r.size !== null && r.size !== undefined && /^\d+$/.test(String(r.size))) g.add(d, schema('contentSize'), text(String(r.size)));
      g.add(d, schema('dateModified'), dateLiteral(r.metadata_modified));
    }
  }

  private translatable(g: GraphBuilder, node: Subject, p: NamedNode, dataset: Dict, key: string, lang: string): void {
    const tr = translated(dataset, key);
    if (tr) for (const [l, v] of Object.entries(tr)) g.add(node, p, text(v, l));
    else g.add(node, p, text(dataset[key], lang));
  }

  override graphCatalog({ site, g, node, datasets }: CatalogContext): void {
    const lang = site.languages[0];
    g.type(node, schema('DataCatalog'));
    g.add(node, schema('name'), text(site.title, lang));
    g.add(node, schema('description'), text(site.description, lang));
    g.add(node, schema('url'), text(site.siteUrl));
    for (const l of site.languages) g.add(node, schema('inLanguage'), text(l));
    for (const { node: d } of datasets) g.add(node, schema('dataset'), d);
  }
}

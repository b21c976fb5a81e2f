// The DCAT profile family over dicts as Kho really produces them (the demo catalog and datasets
// created through the Action API): the mapping of §8 (language-tagged literals, licences
// inherited by distributions, EU file types, media types, frequencies and themes, contact point,
// publisher, typed dates, the Hydra block), the round trip dataset → graph → text → graph →
// dataset for each profile with a parse side, nothing in a graph that the dict does not hold,
// and the RDF/XML writer's escaping.
import t from 'tap';
import { DataFactory, Store } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { startKho } from './helpers/kho.js';
import { loadDemo } from '../seed/load-demo.js';
import {
  AVAILABLE_PROFILES, DEFAULT_PROFILES, MEDIA_TYPES, UnknownProfileError, catalogGraph, datasetGraph, parseDatasets,
  parseFormat, resolveProfiles, serialize, DcatProfile, type DatasetContext, type DcatSite, type RdfFormat,
} from '../server/modules/dcat/graph.js';
import { PREFIXES } from '../server/modules/dcat/rdf/namespaces.js';
import { writeRdfXml } from '../server/modules/dcat/rdf/rdfxml-writer.js';
import { uri } from '../server/modules/dcat/rdf/graph-builder.js';
import { geoJsonFromWkt, wktFromGeoJson } from '../server/modules/dcat/rdf/wkt.js';
import { frequencyUri } from '../server/modules/dcat/vocabularies/frequencies.js';
import { themesForGroups, themeLabels } from '../server/modules/dcat/vocabularies/themes.js';
import { licenseUri } from '../server/modules/dcat/vocabularies/licenses.js';
import { canonicalTriples, parseRdf } from './helpers/shacl.js';

const { namedNode, literal, blankNode, quad } = DataFactory;
const I = (prefix: keyof typeof PREFIXES, local: string) => namedNode(PREFIXES[prefix] + local);

t.test('the API the HTTP side codes against', async (t) => {
  t.equal(parseFormat('xml'), 'rdf');
  t.equal(parseFormat('rdf'), 'rdf');
  t.equal(parseFormat('TTL'), 'ttl');
  t.equal(parseFormat('jsonld'), 'jsonld');
  t.equal(parseFormat('html'), null);
  t.same(MEDIA_TYPES, { ttl: 'text/turtle', nt: 'application/n-triples', n3: 'text/n3', jsonld: 'application/ld+json', rdf: 'application/rdf+xml' });
  t.same(DEFAULT_PROFILES, ['euro_dcat_ap_3']);
  t.same([...AVAILABLE_PROFILES].sort(), ['dcat_us_3', 'dcat_vn', 'euro_dcat_ap_2', 'euro_dcat_ap_3', 'schemaorg']);
  t.same(resolveProfiles(undefined).map((p) => p.name), ['euro_dcat_ap_3']);
  t.same(resolveProfiles([]).map((p) => p.name), ['euro_dcat_ap_3']);
  t.same(resolveProfiles(['euro_dcat_ap_2,schemaorg']).map((p) => p.name), ['euro_dcat_ap_2', 'schemaorg']);
  t.same(resolveProfiles(['euro_dcat_ap_3', 'dcat_vn']).map((p) => p.name), ['euro_dcat_ap_3', 'dcat_vn']);
  t.throws(() => resolveProfiles(['euro_dcat_ap_3', 'nope']), UnknownProfileError);
  t.ok(resolveProfiles(['euro_dcat_ap_2'])[0]!.parseDataset, 'DCAT-AP 2 has a parse side');
  t.notOk(resolveProfiles(['schemaorg'])[0]!.parseDataset, 'schema.org has none');
});

t.test('vocabularies', async (t) => {
  const q = 'http://publications.europa.eu/resource/authority/frequency/QUARTERLY';
  for (const v of ['Hàng quý', 'Hằng quý', 'hang quy', 'quarterly', 'QUARTERLY', 'Quarterly', q]) t.equal(frequencyUri(v), q, v);
  t.equal(frequencyUri('Hàng năm'), 'http://publications.europa.eu/resource/authority/frequency/ANNUAL');
  t.equal(frequencyUri('Hai tháng một lần'), 'http://publications.europa.eu/resource/authority/frequency/BIMONTHLY');
  t.equal(frequencyUri('Không định kỳ'), 'http://publications.europa.eu/resource/authority/frequency/IRREG');
  t.equal(frequencyUri('khi trời mưa'), null);
  t.same(themesForGroups(['y-te', 'du-lich', 'khong-co']), [
    'http://publications.europa.eu/resource/authority/data-theme/HEAL',
    'http://publications.europa.eu/resource/authority/data-theme/ECON',
    'http://publications.europa.eu/resource/authority/data-theme/EDUC',
  ]);
  t.equal(themeLabels('http://publications.europa.eu/resource/authority/data-theme/HEAL').en, 'Health');
  t.equal(licenseUri('cc-by'), 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0');
  t.equal(licenseUri('odc-odbl'), 'http://publications.europa.eu/resource/authority/licence/ODC_BL');
  t.equal(licenseUri('other-open'), null, 'no canonical URI: described by a node instead');
  t.equal(licenseUri('my-licence', 'https://example.vn/giay-phep'), 'https://example.vn/giay-phep');
});

t.test('WKT from and back to GeoJSON', async (t) => {
  const shapes = [
    { type: 'Point', coordinates: [107.59, 16.46] },
    { type: 'Polygon', coordinates: [[[107, 16], [108, 16], [108, 17], [107, 16]]] },
    { type: 'MultiPolygon', coordinates: [[[[107, 16], [108, 16], [108, 17], [107, 16]]], [[[1, 2], [3, 4], [5, 6], [1, 2]]]] },
    { type: 'LineString', coordinates: [[1.5, -2.25], [3, 4]] },
    { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] },
  ];
  for (const g of shapes) {
    const wkt = wktFromGeoJson(JSON.stringify(g));
    t.ok(wkt, g.type);
    t.same(geoJsonFromWkt(wkt!), g, `${g.type}: ${wkt}`);
  }
  t.equal(wktFromGeoJson('{"type":"Point","coordinates":["x",1]}'), null);
  t.equal(wktFromGeoJson('Huế'), null);
  t.same(geoJsonFromWkt('<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POINT(1 2)'), { type: 'Point', coordinates: [1, 2] });
});

t.test('the RDF/XML writer escapes and types everything, and reads back the same', async (t) => {
  const s = namedNode("http://kho.test/dataset/a?x=1&y='2'");
  const b = blankNode('weird label!');
  const quads: Quad[] = [
    quad(s, I('dct', 'title'), literal('Dân số <2024> & "hộ" \'nghèo\'', 'vi')),
    quad(s, I('dct', 'description'), literal('dòng 1\r\ndòng 2\n\tthụt\r')),
    quad(s, I('dct', 'issued'), literal('2026-12-03T13:45:01.123456', I('xsd', 'dateTime'))),
    quad(s, I('dcat', 'keyword'), literal(']]> </rdf:RDF> <!-- x -->', 'en')),
    quad(s, I('dct', 'publisher'), b),
    quad(b, I('foaf', 'name'), literal('Sở Y tế', 'vi')),
    quad(s, namedNode('http://example.vn/vocab#local-name_1.x'), literal('không có tiền tố')),
    quad(s, I('rdfs', 'seeAlso'), uri('http://example.vn/a b?c=<d>&e="f"')!),
  ];
  t.equal(quads[7]!.object.value, 'http://example.vn/a%20b?c=%3Cd%3E&e=%22f%22', 'characters no IRI may hold are percent-encoded');
  const xml = writeRdfXml(quads);
  t.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>/);
  t.match(xml, /xml:lang="vi"/);
  t.match(xml, /rdf:nodeID="n0"/);
  t.match(xml, /xmlns:ns1="http:\/\/example.vn\/vocab#"/, 'an unknown namespace gets a prefix');
  const back = await parseRdf(xml, 'rdf');
  t.same(canonicalTriples(back), canonicalTriples(quads));

  const ctl = writeRdfXml([quad(s, I('dct', 'title'), literal('a\u0001b'))]);
  t.same((await parseRdf(ctl, 'rdf'))[0]!.object.value, 'a\uFFFDb', 'characters XML cannot carry become U+FFFD');
  t.throws(() => writeRdfXml([quad(s, namedNode('http://example.vn/123'), literal('x'))]), /cannot write the predicate/);
});

t.test('the JSON-LD writer: prefixed names where safe, explicit values, read back the same by jsonld.js', async (t) => {
  const s = namedNode('http://kho.test/dataset/a');
  const b = blankNode('b1');
  const quads: Quad[] = [
    quad(s, I('rdf', 'type'), I('dcat', 'Dataset')),
    quad(s, I('dct', 'title'), literal('Dân số "hộ" \\ \n', 'vi')),
    quad(s, I('dct', 'identifier'), literal('123')),
    quad(s, I('dcat', 'byteSize'), literal('5', I('xsd', 'nonNegativeInteger'))),
    quad(s, namedNode('http://purl.org/dc/terms/a/b'), literal('a local name with a slash is written as the full IRI')),
    quad(s, I('dct', 'publisher'), b),
    quad(b, I('rdf', 'type'), I('foaf', 'Agent')),
    quad(b, I('foaf', 'name'), literal('@id', 'vi')),
  ];
  const text = await serialize(quads, 'jsonld');
  const doc = JSON.parse(text);
  t.equal(doc['@context'].dct, PREFIXES.dct);
  t.ok(doc['@graph'][0]['dct:title'], 'dct:title as a prefixed name');
  t.ok(doc['@graph'][0]['http://purl.org/dc/terms/a/b'], 'the full IRI where a prefixed name would be wrong');
  t.same(canonicalTriples(await parseRdf(text, 'jsonld')), canonicalTriples(quads));
  await t.rejects(serialize([quad(s, I('rdfs', 'seeAlso'), namedNode('dct:x'))], 'jsonld'), /scheme is a prefix/, 'an IRI JSON-LD would misread is refused');
});

// ---- over a real Kho ----------------------------------------------------------------------------

const k = await startKho();
t.teardown(() => k.close());
await loadDemo(k.kho, { sysadmin: k.sysadmin.name });

const org = await k.api('organization_create', {
  name: 'so-khoa-hoc', title: 'Sở Khoa học và Công nghệ',
  extras: [{ key: 'agency_code', value: '000.00.14.H57' }, { key: 'administrative_unit', value: '46' }, { key: 'administrative_unit_name', value: 'Thừa Thiên Huế' }],
});
if (org.status !== 200) throw new Error(JSON.stringify(org.body));
const created = await k.api('package_create', {
  name: 'tram-quan-trac', title: 'Trạm quan trắc', notes: 'Vị trí các trạm quan trắc môi trường.', owner_org: 'so-khoa-hoc',
  license_id: 'other-open', version: '3', url: 'https://quantrac.example.vn', tags: [{ name: 'môi trường' }, { name: 'không khí' }],
  groups: [{ name: 'tai-nguyen-moi-truong' }],
  frequency: 'MONTHLY', temporal_start: '2020', temporal_end: '2024-06',
  spatial_uri: 'https://sws.geonames.org/1580240/', spatial_text: 'Thành phố Huế',
  conforms_to: ['https://www.opengis.net/def/crs/EPSG/0/4326'], access_rights: 'RESTRICTED',
  identifier: 'https://quantrac.example.vn/id/tram', documentation: ['https://quantrac.example.vn/huong-dan'],
  theme: ['http://publications.europa.eu/resource/authority/data-theme/TECH'], language: ['vi', 'en'],
  author: 'Trung tâm Quan trắc', author_email: 'trungtam@example.vn',
  extras: [
    { key: 'spatial', value: '{"type":"Polygon","coordinates":[[[107.5,16.4],[107.7,16.4],[107.7,16.5],[107.5,16.4]]]}' },
    { key: 'provenance', value: 'Đo tự động, hiệu chuẩn hằng tháng' },
    { key: 'alternate_identifier', value: '["QT-2024-01","H57-QT-01"]' },
    { key: 'title_translated', value: '{"vi":"Trạm quan trắc","en":"Monitoring stations"}' },
    { key: 'bbox', value: '[{"west":"107.5","east":"107.7","north":"16.5","south":"16.4"}]' },
    { key: 'liability', value: 'Dữ liệu tham khảo, không có giá trị pháp lý.' },
  ],
  resources: [
    {
      name: 'Danh sách trạm', description: 'Tọa độ các trạm', url: 'https://quantrac.example.vn/tram.csv', format: 'csv', size: 2048, hash: 'ab'.repeat(20),
      data_dictionary: [{ url: 'https://quantrac.example.vn/tu-dien.csv', format: 'CSV' }],
    },
    { name: 'Dịch vụ', url: 'https://quantrac.example.vn/api', format: 'API' },
  ],
});
if (created.status !== 200) throw new Error(JSON.stringify(created.body));
const minimal = await k.api('package_create', {
  name: 'toi-thieu', title: 'Tối thiểu', owner_org: 'so-khoa-hoc', maintainer: '', license_id: 'notspecified',
  resources: [{ name: 'Tệp', url: 'https://example.vn/a.xlsx' }],
});
if (minimal.status !== 200) throw new Error(JSON.stringify(minimal.body));

const all: Record<string, any>[] = (await k.api('package_search', { rows: 1000 }, { token: null })).body.result.results;
const byName = new Map(all.map((d) => [d.name as string, d]));
const rich = byName.get('tram-quan-trac')!;
// What the HTTP side attaches for dcat_vn: the organization's extras (package_show's embedded
// organization row has none).
const orgShow = (await k.api('organization_show', { id: 'so-khoa-hoc' })).body.result;
const richVn: Record<string, any> = { ...rich, organization: { ...rich.organization, extras: orgShow.extras } };

const site: DcatSite = { siteUrl: k.url, catalogUri: k.url, title: 'Cổng dữ liệu mở', description: 'Dữ liệu mở của tỉnh.', languages: ['vi', 'en'] };
const store = (quads: Quad[]) => new Store(quads);
const objects = (s: Store, subj: Term, p: string) => s.getObjects(subj, namedNode(p), null);
const dsNode = (d: Record<string, any>) => namedNode(`${k.url}/dataset/${d.id}`);

t.test('literals carry language tags; the catalog states its languages', async (t) => {
  const vi = store(datasetGraph(site, byName.get('ho-so-dich-vu-cong-truc-tuyen')!, resolveProfiles(undefined)));
  const title = objects(vi, dsNode(byName.get('ho-so-dich-vu-cong-truc-tuyen')!), PREFIXES.dct + 'title');
  t.same(title.map((o) => (o as any).language), ['vi']);
  const en = byName.get('tourism-statistics-hue')!;
  const enTitle = objects(store(datasetGraph(site, en, resolveProfiles(undefined))), dsNode(en), PREFIXES.dct + 'title');
  t.same(enTitle.map((o) => (o as any).language), ['en'], 'a dataset in English only is tagged @en');
  const both = objects(store(datasetGraph(site, rich, resolveProfiles(undefined))), dsNode(rich), PREFIXES.dct + 'title');
  t.same(both.map((o) => `${o.value}@${(o as any).language}`).sort(), ['Monitoring stations@en', 'Trạm quan trắc@vi'], 'title_translated');
  const cat = store(catalogGraph(site, all, resolveProfiles(undefined)));
  t.same(objects(cat, namedNode(k.url), PREFIXES.dct + 'language').map((o) => o.value).sort(), [
    'http://publications.europa.eu/resource/authority/language/ENG', 'http://publications.europa.eu/resource/authority/language/VIE',
  ]);
  t.same(objects(cat, namedNode(k.url), PREFIXES.dcat + 'dataset').length, all.length, 'dcat:dataset for each dataset');
  const newest = all.map((d) => d.metadata_modified).sort().pop();
  t.same(objects(cat, namedNode(k.url), PREFIXES.dct + 'modified').map((o) => o.value), [newest], 'modified = the newest dataset');
});

t.test('licences, formats, media types, frequency, themes, contact point, publisher, dates', async (t) => {
  const g = store(datasetGraph(site, rich, resolveProfiles(undefined)));
  const node = dsNode(rich);
  const dists = objects(g, node, PREFIXES.dcat + 'distribution');
  t.equal(dists.length, 2);
  for (const d of dists) {
    const [lic] = objects(g, d, PREFIXES.dct + 'license');
    t.ok(lic, 'every distribution has the dataset licence');
    t.equal(lic!.termType, 'BlankNode', 'other-open has no canonical URI: a described node');
    t.same(objects(g, lic!, PREFIXES.rdfs + 'label').map((o) => o.value), ['Other (Open)']);
  }
  const csv = dists.find((d) => objects(g, d, PREFIXES.dct + 'title')[0]!.value === 'Danh sách trạm')!;
  t.same(objects(g, csv, PREFIXES.dct + 'format').map((o) => o.value), ['http://publications.europa.eu/resource/authority/file-type/CSV']);
  t.same(objects(g, csv, PREFIXES.dcat + 'mediaType').map((o) => o.value), ['https://www.iana.org/assignments/media-types/text/csv']);
  t.same(objects(g, csv, PREFIXES.dcat + 'byteSize').map((o) => `${o.value}^^${(o as any).datatype.value}`), [`2048^^${PREFIXES.xsd}nonNegativeInteger`]);
  t.same(objects(g, node, PREFIXES.dct + 'accrualPeriodicity').map((o) => o.value), ['http://publications.europa.eu/resource/authority/frequency/MONTHLY']);
  t.same(objects(g, node, PREFIXES.dcat + 'theme').map((o) => o.value).sort(), [
    'http://publications.europa.eu/resource/authority/data-theme/ENVI', 'http://publications.europa.eu/resource/authority/data-theme/TECH',
  ], 'the theme field and the sector group');
  const [contact] = objects(g, node, PREFIXES.dcat + 'contactPoint');
  t.same(objects(g, contact!, PREFIXES.vcard + 'fn').map((o) => o.value), ['Trung tâm Quan trắc'], 'contact falls back to the author');
  t.same(objects(g, contact!, PREFIXES.vcard + 'hasEmail').map((o) => o.value), ['mailto:trungtam@example.vn']);
  t.ok(g.has(quad(contact as any, I('rdf', 'type'), I('vcard', 'Organization'))));
  const [pub] = objects(g, node, PREFIXES.dct + 'publisher');
  t.equal(pub!.value, `${k.url}/organization/${rich.owner_org}`);
  t.ok(g.has(quad(pub as any, I('rdf', 'type'), I('foaf', 'Agent'))));
  t.same(objects(g, pub!, PREFIXES.foaf + 'name').map((o) => o.value), ['Sở Khoa học và Công nghệ']);
  const [temporal] = objects(g, node, PREFIXES.dct + 'temporal');
  const typeOf = (p: string) => (objects(g, temporal!, p)[0] as any).datatype.value;
  t.equal(typeOf(PREFIXES.dcat + 'startDate'), PREFIXES.xsd + 'gYear');
  t.equal(typeOf(PREFIXES.dcat + 'endDate'), PREFIXES.xsd + 'gYearMonth');
  const issued = objects(g, node, PREFIXES.dct + 'issued')[0] as any;
  t.equal(issued.value, rich.metadata_created, 'Kho\'s naive-UTC timestamp, unchanged');
  t.equal(issued.datatype.value, PREFIXES.xsd + 'dateTime');
  t.same(objects(g, node, PREFIXES.dct + 'accessRights').map((o) => o.value), ['http://publications.europa.eu/resource/authority/access-right/RESTRICTED']);

  // notspecified: no licence at all rather than a wrong one; the organization is the contact.
  const min = byName.get('toi-thieu')!;
  const m = store(datasetGraph(site, min, resolveProfiles(undefined)));
  t.same(m.getQuads(null, I('dct', 'license'), null, null), []);
  const [mc] = objects(m, dsNode(min), PREFIXES.dcat + 'contactPoint');
  t.same(objects(m, mc!, PREFIXES.vcard + 'fn').map((o) => o.value), ['Sở Khoa học và Công nghệ']);

  // AP 2: owl:versionInfo, decimal byte size, and a SHA-1 checksum (the only one AP 2 allows).
  const g2 = store(datasetGraph(site, rich, resolveProfiles(['euro_dcat_ap_2'])));
  t.same(objects(g2, node, PREFIXES.owl + 'versionInfo').map((o) => o.value), ['3']);
  const csv2 = objects(g2, node, PREFIXES.dcat + 'distribution').find((d) => objects(g2, d, PREFIXES.dcat + 'byteSize').length)!;
  t.equal((objects(g2, csv2, PREFIXES.dcat + 'byteSize')[0] as any).datatype.value, PREFIXES.xsd + 'decimal');
  const [sum] = objects(g2, csv2, PREFIXES.spdx + 'checksum');
  t.same(objects(g2, sum!, PREFIXES.spdx + 'algorithm').map((o) => o.value), [PREFIXES.spdx + 'checksumAlgorithm_sha1']);
});

t.test('dcat_vn: the agency code on the publisher, the administrative unit as dct:spatial', async (t) => {
  const g = store(datasetGraph(site, richVn, resolveProfiles(['euro_dcat_ap_3,dcat_vn'])));
  const [pub] = objects(g, dsNode(rich), PREFIXES.dct + 'publisher');
  t.same(objects(g, pub!, PREFIXES.dct + 'identifier').map((o) => o.value), ['000.00.14.H57']);
  const units = objects(g, dsNode(rich), PREFIXES.dct + 'spatial').filter((s) => objects(g, s, PREFIXES.dct + 'identifier').length);
  t.equal(units.length, 1);
  t.same(objects(g, units[0]!, PREFIXES.skos + 'prefLabel').map((o) => o.value), ['Thừa Thiên Huế']);
  const plain = store(datasetGraph(site, richVn, resolveProfiles(['euro_dcat_ap_3'])));
  t.same(objects(plain, pub!, PREFIXES.dct + 'identifier'), [], 'only dcat_vn says it');
});

t.test('schemaorg describes the same nodes with schema.org terms', async (t) => {
  const g = store(datasetGraph(site, rich, resolveProfiles(['schemaorg'])));
  t.ok(g.has(quad(dsNode(rich), I('rdf', 'type'), I('schema', 'Dataset'))));
  t.same(objects(g, dsNode(rich), PREFIXES.schema + 'name').map((o) => o.value).sort(), ['Monitoring stations', 'Trạm quan trắc']);
  t.equal(objects(g, dsNode(rich), PREFIXES.schema + 'distribution').length, 2);
  t.same(g.getQuads(dsNode(rich), I('rdf', 'type'), I('dcat', 'Dataset'), null), [], 'no DCAT unless a DCAT profile is stacked');
  const cat = store(catalogGraph(site, [rich], resolveProfiles(['euro_dcat_ap_3', 'schemaorg'])));
  t.ok(cat.has(quad(namedNode(k.url), I('rdf', 'type'), I('schema', 'DataCatalog'))));
  t.ok(cat.has(quad(namedNode(k.url), I('rdf', 'type'), I('dcat', 'Catalog'))));
});

t.test('IRIs made from what people typed are always writable', async (t) => {
  const odd = {
    ...rich, uri: 'https://example.vn/bộ dữ liệu/"1"', author_email: 'a b@example.vn', contact_email: undefined, maintainer_email: undefined,
    notes: 'Dán từ tệp cũ:\u0001\u001b[0m xong',
  };
  const quads = datasetGraph(site, odd, resolveProfiles(undefined));
  t.ok(quads.some((q) => q.subject.value === 'https://example.vn/bộ%20dữ%20liệu/%221%22'), 'the dataset\'s own uri, percent-encoded where an IRI may not hold the character');
  for (const format of ['ttl', 'nt', 'rdf', 'jsonld'] as RdfFormat[]) {
    const back = await parseRdf(await serialize(quads, format), format, `${k.url}/`);
    t.same(canonicalTriples(back), canonicalTriples(quads), format);
  }
});

t.test('profiles stack in order: a later one adds to and overrides what an earlier one said', async (t) => {
  // A profile is one class; this one replaces the dataset title and adds a keyword.
  class ShoutingTitles extends DcatProfile {
    readonly name = 'shouting_titles';
    override graphDataset({ g, dataset, node }: DatasetContext): void {
      g.remove(node, I('dct', 'title'));
      g.add(node, I('dct', 'title'), literal(String(dataset.title).toUpperCase(), 'vi'));
      g.add(node, I('dcat', 'keyword'), literal('thêm', 'vi'));
    }
  }
  const d = byName.get('ho-so-dich-vu-cong-truc-tuyen')!;
  const g = store(datasetGraph(site, d, [...resolveProfiles(undefined), new ShoutingTitles()]));
  t.same(objects(g, dsNode(d), PREFIXES.dct + 'title').map((o) => o.value), [d.title.toUpperCase()]);
  t.ok(objects(g, dsNode(d), PREFIXES.dcat + 'keyword').some((o) => o.value === 'thêm'));
  t.ok(objects(g, dsNode(d), PREFIXES.dcat + 'keyword').length > 1, 'the earlier profile\'s keywords stay');
});

t.test('dcat_us_3: DCAT-AP 3 with the US profile\'s differences, and read back', async (t) => {
  const profiles = resolveProfiles(['dcat_us_3']);
  const g = store(datasetGraph(site, rich, profiles));
  const node = dsNode(rich);
  const [pub] = objects(g, node, PREFIXES.dct + 'publisher');
  t.same(g.getObjects(pub!, I('rdf', 'type'), null).map((o) => o.value), [PREFIXES.org + 'Organization']);
  t.same(objects(g, pub!, PREFIXES.skos + 'prefLabel').map((o) => o.value), ['Sở Khoa học và Công nghệ']);
  const [landing] = objects(g, node, PREFIXES.dcat + 'landingPage');
  t.same(g.getObjects(landing!, I('rdf', 'type'), null), [], 'an untitled landing page is no foaf:Document');
  const [box] = objects(g, node, PREFIXES.dcatus + 'geographicBoundingBox');
  t.same(objects(g, box!, PREFIXES.dcatus + 'westBoundingLongitude').map((o) => `${o.value}^^${(o as any).datatype.value}`), [`107.5^^${PREFIXES.xsd}decimal`]);
  const csv = rich.resources[0];
  const dist = namedNode(`${k.url}/dataset/${rich.id}/resource/${csv.id}`);
  t.same(objects(g, dist, PREFIXES.dct + 'identifier').map((o) => o.value), [csv.id]);
  t.equal(objects(g, dist, PREFIXES.dcatus + 'describedBy').length, 1);

  const [back] = parseDatasets(await parseRdf(await serialize(datasetGraph(site, rich, profiles), 'ttl'), 'ttl', `${k.url}/`), profiles);
  t.same(back!.bbox, [{ west: '107.5', east: '107.7', north: '16.5', south: '16.4' }]);
  t.equal(back!.liability, 'Dữ liệu tham khảo, không có giá trị pháp lý.');
  const r = back!.resources.find((x: any) => x.uri === dist.value);
  t.equal(r.identifier, csv.id);
  t.same(r.data_dictionary, [{ url: 'https://quantrac.example.vn/tu-dien.csv', format: 'http://publications.europa.eu/resource/authority/file-type/CSV' }]);

  // A bounding box from spatial_bbox's GeoJSON when there is no bbox field.
  const fromGeo = { ...rich, extras: [{ key: 'spatial_bbox', value: '{"type":"Polygon","coordinates":[[[1,2],[3,2],[3,4],[1,4],[1,2]]]}' }] };
  const g2 = store(datasetGraph(site, fromGeo, profiles));
  const [box2] = objects(g2, node, PREFIXES.dcatus + 'geographicBoundingBox');
  t.same(['west', 'east', 'north', 'south'].map((s) => objects(g2, box2!, `${PREFIXES.dcatus}${s === 'west' || s === 'east' ? s + 'BoundingLongitude' : s + 'BoundingLatitude'}`)[0]!.value), ['1', '3', '4', '2']);
});

t.test('the Hydra paging block, as ckanext-dcat writes it', async (t) => {
  const u = (n: number) => `${k.url}/catalog.ttl?page=${n}`;
  const mid = store(catalogGraph(site, all.slice(0, 2), resolveProfiles(undefined), {
    pageUrl: u(2), firstUrl: u(1), lastUrl: u(3), nextUrl: u(3), previousUrl: u(1), totalItems: 250, itemsPerPage: 100,
  }));
  const page = namedNode(u(2));
  t.ok(mid.has(quad(page, I('rdf', 'type'), I('hydra', 'PagedCollection'))));
  const v = (p: string) => objects(mid, page, PREFIXES.hydra + p).map((o) => `${o.value}^^${(o as any).datatype.value}`);
  t.same(v('totalItems'), [`250^^${PREFIXES.xsd}integer`]);
  t.same(v('itemsPerPage'), [`100^^${PREFIXES.xsd}integer`]);
  for (const [now, legacy, url] of [['first', 'firstPage', u(1)], ['last', 'lastPage', u(3)], ['next', 'nextPage', u(3)], ['previous', 'previousPage', u(1)]]) {
    t.same(v(now!), [`${url}^^${PREFIXES.xsd}string`], `hydra:${now} is a string literal`);
    t.same(v(legacy!), [`${url}^^${PREFIXES.xsd}string`], `hydra:${legacy}`);
  }
  const last = store(catalogGraph(site, all.slice(0, 2), resolveProfiles(undefined), {
    pageUrl: u(3), firstUrl: u(1), lastUrl: u(3), previousUrl: u(2), totalItems: 250, itemsPerPage: 100,
  }));
  t.same(objects(last, namedNode(u(3)), PREFIXES.hydra + 'next'), [], 'no next on the last page');
  const empty = catalogGraph(site, [], resolveProfiles(undefined), { pageUrl: u(1), firstUrl: u(1), lastUrl: u(1), totalItems: 0, itemsPerPage: 100 });
  t.same(empty.filter((q) => q.predicate.value.startsWith(PREFIXES.hydra) || q.object.value.startsWith(PREFIXES.hydra)), [], 'no block when there is nothing');
});

/** Every text value a dict holds, at any depth. */
function dictValues(v: unknown, out = new Set<string>()): Set<string> {
  if (v === null || v === undefined) return out;
  if (Array.isArray(v)) v.forEach((x) => dictValues(x, out));
  else if (typeof v === 'object') Object.values(v as object).forEach((x) => dictValues(x, out));
  else {
    out.add(String(v).trim());
    if (typeof v === 'string' && /^\s*[[{]/.test(v)) { try { dictValues(JSON.parse(v), out); } catch { /* text */ } }
  }
  return out;
}

const VOCABULARY_BASES = [
  'http://publications.europa.eu/resource/authority/', 'https://www.iana.org/assignments/media-types/',
  PREFIXES.dcat, PREFIXES.dct, PREFIXES.foaf, PREFIXES.vcard, PREFIXES.skos, PREFIXES.adms, PREFIXES.spdx, PREFIXES.locn, PREFIXES.schema,
  PREFIXES.org, PREFIXES.dcatus,
];

t.test('nothing in a dataset graph that its dict does not hold', async (t) => {
  for (const [names, d] of ['euro_dcat_ap_3,dcat_vn,schemaorg', 'euro_dcat_ap_2', 'dcat_us_3'].flatMap((n) => [...all, richVn].map((x) => [n, x] as const))) {
    const profiles = resolveProfiles([names]);
    const held = dictValues(d);
    const strange: string[] = [];
    for (const q of datasetGraph(site, d, profiles)) {
      const o = q.object;
      if (o.termType === 'Literal') {
        const derived = held.has(o.value)
          || Object.values(themeLabels(q.subject.value)).includes(o.value) // the EU table's labels
          || /^(POINT|POLYGON|MULTIPOLYGON|LINESTRING|MULTIPOINT)/.test(o.value) // GeoJSON held, as WKT
          || (q.predicate.value === PREFIXES.schema + 'temporalCoverage' && o.value.split('/').every((x) => x === '..' || held.has(x)));
        if (!derived) strange.push(`${q.predicate.value} "${o.value}"`);
      } else if (o.termType === 'NamedNode') {
        const derived = held.has(o.value) || held.has(o.value.replace(/^mailto:/, '')) || o.value.startsWith(k.url)
          || VOCABULARY_BASES.some((b) => o.value.startsWith(b));
        if (!derived) strange.push(`${q.predicate.value} <${o.value}>`);
      }
    }
    t.same(strange, [], `${names} ${d.name}: every value comes from the dict`);
  }
});

// ---- round trip -----------------------------------------------------------------------------------

const UNORDERED = ['language', 'theme', 'conforms_to', 'documentation', 'alternate_identifier'];

/** What the parse side must give back for a dict: §8's fields, in the parse side's shape. */
function expected(d: Record<string, any>, profile: string): Record<string, unknown> {
  const f = (key: string) => d[key] ?? d.extras?.find((e: any) => e.key === key)?.value;
  const list = (v: unknown) => (v === undefined ? undefined : Array.isArray(v) ? v : String(v).trim().startsWith('[') ? JSON.parse(String(v)) : String(v).split(',').map((x) => x.trim()));
  const out: Record<string, unknown> = {
    uri: `${k.url}/dataset/${d.id}`,
    notes: d.notes || undefined,
    url: d.url || undefined,
    identifier: f('identifier') ?? d.id,
    version: d.version || undefined,
    frequency: f('frequency'),
    tags: d.tags.length ? d.tags.map((x: any) => ({ name: x.name })).sort((a: any, b: any) => (a.name < b.name ? -1 : 1)) : undefined,
    issued: d.metadata_created,
    modified: d.metadata_modified,
    language: list(f('language')),
    theme: [...new Set([...(list(f('theme')) ?? []), ...themesForGroups(d.groups.map((g: any) => g.name))])],
    conforms_to: list(f('conforms_to')),
    documentation: list(f('documentation')),
    access_rights: f('access_rights'),
    provenance: f('provenance'),
    alternate_identifier: list(f('alternate_identifier')),
    contact_name: f('contact_name') || d.maintainer || d.author || d.organization?.title,
    contact_email: f('contact_email') || d.maintainer_email || d.author_email || undefined,
    publisher_name: d.organization?.title,
    publisher_uri: d.organization ? `${k.url}/organization/${d.organization.id}` : undefined,
    temporal_start: f('temporal_start'),
    temporal_end: f('temporal_end'),
    spatial_uri: f('spatial_uri'),
    spatial_text: f('spatial_text'),
    spatial: f('spatial') ? JSON.parse(f('spatial')) : undefined,
    license_id: d.resources.length && d.license_id !== 'notspecified' ? d.license_id : undefined,
    resources: d.resources.map((r: any) => ({
      uri: `${k.url}/dataset/${d.id}/resource/${r.id}`,
      name: r.name || undefined,
      description: r.description || undefined,
      url: r.url || undefined,
      format: r.format || undefined,
      size: r.size ?? undefined,
      hash: r.hash && (profile !== 'euro_dcat_ap_2' || r.hash.length === 40) ? r.hash : undefined,
      issued: r.created,
      modified: r.metadata_modified,
    })),
  };
  // Lists come back as sets: RDF keeps no order (JSON-LD, for one, reorders them).
  for (const key of UNORDERED) {
    const v = out[key] as string[] | undefined;
    out[key] = v?.length ? [...v].sort() : undefined;
  }
  const tr = f('title_translated');
  if (tr) out.title_translated = typeof tr === 'string' ? JSON.parse(tr) : tr;
  else out.title = d.title;
  if (profile.includes('dcat_vn') && d.organization?.extras) {
    out.agency_code = '000.00.14.H57';
    out.administrative_unit = '46';
    out.administrative_unit_name = 'Thừa Thiên Huế';
  }
  return out;
}

/** The parse side's answer reduced to the keys `expected` names, lists sorted where order is free. */
function comparable(parsed: Record<string, any>, want: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(want)) {
    let v = parsed[key];
    if (UNORDERED.includes(key) && Array.isArray(v)) v = [...v].sort();
    if (key === 'spatial' && typeof v === 'string') v = JSON.parse(v);
    if (key === 'resources' && Array.isArray(v)) {
      const wanted = want.resources as Record<string, unknown>[];
      v = wanted.map((w) => {
        const r = v.find((x: any) => x.uri === w.uri) ?? {};
        return Object.fromEntries(Object.keys(w).map((rk) => [rk, r[rk]]));
      });
    }
    out[key] = v;
  }
  return out;
}

const strip = (o: Record<string, unknown>) => JSON.parse(JSON.stringify(o));

for (const names of ['euro_dcat_ap_3', 'euro_dcat_ap_2', 'euro_dcat_ap_3,dcat_vn', 'dcat_us_3']) {
  t.test(`round trip through ${names}: dataset → graph → text → graph → dataset keeps every mapped field`, async (t) => {
    const profiles = resolveProfiles([names]);
    const formats: RdfFormat[] = ['ttl', 'rdf', 'jsonld'];
    for (const d of [...all, richVn]) {
      const quads = datasetGraph(site, d, profiles);
      for (const format of formats) {
        const back = await parseRdf(await serialize(quads, format), format, `${k.url}/`);
        const parsed = parseDatasets(back, profiles);
        t.equal(parsed.length, 1, `${d.name} ${format}: one dataset`);
        const want = strip(expected(d, names));
        t.same(strip(comparable(parsed[0]!, want)), want, `${d.name} ${format}`);
      }
    }
  });
}

t.test('a catalog page parses back into each of its datasets', async (t) => {
  const profiles = resolveProfiles(undefined);
  const parsed = parseDatasets(catalogGraph(site, all, profiles), profiles);
  t.same(parsed.map((p) => p.uri).sort(), all.map((d) => `${k.url}/dataset/${d.id}`).sort());
});

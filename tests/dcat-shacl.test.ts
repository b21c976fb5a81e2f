// The demo catalog, as Kho really serves its dicts, turned into DCAT by each DCAT-AP profile and
// written in every serialisation: read back, each document validates against the official
// DCAT-AP SHACL shapes (../shared/dcat-ap: 2.1.1 shapes + ranges, 3.0.1 shapes + ranges) with no
// sh:Violation, and every serialisation carries the same triples.
import t from 'tap';
import { startKho } from './helpers/kho.js';
import { loadDemo } from '../seed/load-demo.js';
import {
  catalogGraph, datasetGraph, resolveProfiles, serialize, type DcatSite, type RdfFormat, type Quad,
} from '../server/modules/dcat/graph.js';
import { canonicalTriples, parseRdf, shapesValidator, validateShacl, type ShapeVersion } from './helpers/shacl.js';

// Missing shapes fail here, before anything else runs.
shapesValidator('2.1.1');
shapesValidator('3.0.1');

const k = await startKho();
t.teardown(() => k.close());
await loadDemo(k.kho, { sysadmin: k.sysadmin.name });

// One dataset beyond the demo, filling the DCAT-AP fields the demo does not use yet, so their
// mapping is validated too.
await k.api('organization_create', {
  name: 'so-khoa-hoc', title: 'Sở Khoa học và Công nghệ',
  extras: [{ key: 'agency_code', value: '000.00.14.H57' }, { key: 'administrative_unit', value: '46' }, { key: 'administrative_unit_name', value: 'Thừa Thiên Huế' }],
});
const full = await k.api('package_create', {
  name: 'tram-quan-trac', title: 'Trạm quan trắc', notes: 'Vị trí các trạm quan trắc môi trường.', owner_org: 'so-khoa-hoc',
  license_id: 'other-open', version: '3', url: 'https://quantrac.example.vn', tags: [{ name: 'môi trường' }],
  frequency: 'http://publications.europa.eu/resource/authority/frequency/MONTHLY',
  temporal_start: '2020', temporal_end: '2024-06',
  spatial_uri: 'https://sws.geonames.org/1580240/', spatial_text: 'Thành phố Huế',
  contact_name: 'Phòng Quan trắc', contact_email: 'quantrac@example.vn',
  conforms_to: ['https://www.opengis.net/def/crs/EPSG/0/4326', 'https://vanban.example.vn/qcvn-05-2023'],
  access_rights: 'RESTRICTED', identifier: 'https://quantrac.example.vn/id/tram',
  documentation: ['https://quantrac.example.vn/huong-dan'], theme: ['http://publications.europa.eu/resource/authority/data-theme/ENVI'],
  language: ['vi', 'en'],
  extras: [
    { key: 'spatial', value: '{"type":"Point","coordinates":[107.59,16.46]}' },
    { key: 'provenance', value: 'Đo tự động, hiệu chuẩn hằng tháng' },
    { key: 'alternate_identifier', value: 'QT-2024-01' },
    { key: 'publisher_identifier', value: '000.00.14.H57' },
  ],
  resources: [
    { name: 'Danh sách trạm', url: 'https://quantrac.example.vn/tram.geojson', format: 'GeoJSON', size: 2048, hash: 'a'.repeat(40) },
    { name: 'Dịch vụ', url: 'https://quantrac.example.vn/wms', format: 'WMS' },
  ],
});
if (full.status !== 200) throw new Error(JSON.stringify(full.body));

const search = await k.api('package_search', { rows: 1000 }, { token: null });
const datasets: Record<string, any>[] = search.body.result.results;
t.ok(datasets.length >= 37, `${datasets.length} public datasets`);
t.ok(datasets.every((d) => !d.private && d.state === 'active'), 'only public datasets');

const site: DcatSite = {
  siteUrl: k.url, catalogUri: k.url, title: 'Cổng dữ liệu mở tỉnh Thừa Thiên Huế',
  description: 'Dữ liệu mở của các sở, ban, ngành tỉnh Thừa Thiên Huế.', languages: ['vi', 'en'],
};
const paging = {
  pageUrl: `${k.url}/catalog.ttl?page=1`, firstUrl: `${k.url}/catalog.ttl?page=1`, lastUrl: `${k.url}/catalog.ttl?page=1`,
  totalItems: datasets.length, itemsPerPage: 100,
};
const FORMATS: RdfFormat[] = ['ttl', 'nt', 'n3', 'jsonld', 'rdf'];

/** Violations only, as readable lines (the message of a failing test). */
async function violations(quads: readonly Quad[], version: ShapeVersion): Promise<string[]> {
  return (await validateShacl(quads, version))
    .filter((r) => r.severity === 'Violation')
    .map((r) => `${r.focus} ${r.path}: ${r.message} (${r.shape})`);
}

const CASES: { profiles: string; shapes: ShapeVersion }[] = [
  { profiles: 'euro_dcat_ap_3', shapes: '3.0.1' },
  { profiles: 'euro_dcat_ap_2', shapes: '2.1.1' },
  { profiles: 'euro_dcat_ap_3,dcat_vn,schemaorg', shapes: '3.0.1' },
];

for (const { profiles: names, shapes } of CASES) {
  const profiles = resolveProfiles([names]);

  t.test(`${names}: the catalog page, in every serialisation, against DCAT-AP ${shapes}`, async (t) => {
    const quads = catalogGraph(site, datasets, profiles, paging);
    const reference = canonicalTriples(quads);
    for (const format of FORMATS) {
      const text = await serialize(quads, format);
      const back = await parseRdf(text, format, `${k.url}/`);
      t.equal(back.length, quads.length, `${format}: as many triples`);
      t.same(canonicalTriples(back), reference, `${format}: the same triples as the graph`);
      // What each serialisation carries is the same graph (just checked), so validating one
      // reading of it validates them all; the Turtle one is validated.
      if (format === 'ttl') t.same(await violations(back, shapes), [], `${format}: 0 violations`);
    }
  });

  t.test(`${names}: every dataset document against DCAT-AP ${shapes}`, async (t) => {
    for (const d of datasets) {
      const quads = datasetGraph(site, d, profiles);
      const reference = canonicalTriples(quads);
      for (const format of FORMATS) {
        const back = await parseRdf(await serialize(quads, format), format, `${k.url}/`);
        if (format === 'ttl') t.same(await violations(back, shapes), [], `${d.name}: 0 violations`);
        t.same(canonicalTriples(back), reference, `${d.name} ${format}: the same triples`);
      }
    }
  });
}

// DCAT out over HTTP (spec §8): every serialisation parses and has its media type, the Hydra
// paging block, a walk with modified_since while datasets change, 409/404 answers, HEAD,
// content negotiation, /dcat.json, /data.json, the dcat_* actions, and that nothing private,
// draft or deleted appears in any of it, whoever asks (a sysadmin too).
import t from 'tap';
import { Parser as N3Parser, type Quad } from 'n3';
import jsonld from 'jsonld';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { orgWithRoles, startKho } from './helpers/kho.js';
import { KhoConfigError, loadConfig } from '../server/config.js';
import { bootKho } from '../server/boot.js';
import { buildApp } from '../server/http/app.js';
import { modifiedSinceBound } from '../server/modules/dcat/catalog-page.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

const MEDIA: Record<string, string> = {
  ttl: 'text/turtle', rdf: 'application/rdf+xml', xml: 'application/rdf+xml', n3: 'text/n3', jsonld: 'application/ld+json', nt: 'application/n-triples',
};

/** The quads of a document, each format read by its own parser. */
async function quadsOf(format: string, body: string): Promise<Quad[]> {
  if (format === 'ttl' || format === 'n3' || format === 'nt') {
    return new N3Parser({ format: MEDIA[format] }).parse(body);
  }
  if (format === 'jsonld') {
    // No remote contexts: a document that needs one to be read is a failure here.
    const documentLoader = async (url: string) => { throw new Error(`remote context ${url}`); };
    const nquads = await jsonld.toRDF(JSON.parse(body), { format: 'application/n-quads', documentLoader } as any) as unknown as string;
    return new N3Parser({ format: 'application/n-quads' }).parse(nquads);
  }
  return new Promise((resolve, reject) => {
    const out: Quad[] = [];
    const parser = new RdfXmlParser();
    parser.on('data', (q: Quad) => out.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(out));
    parser.write(body);
    parser.end();
  });
}

/** Dataset ids a graph describes (their URIs are {catalog}/dataset/{id}). */
const datasetIds = (quads: Quad[]): string[] => quads
  .filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Dataset`)
  .map((q) => /\/dataset\/([^/]+)$/.exec(q.subject.value)?.[1] ?? q.subject.value);

/** The Hydra block: each predicate's value (the literal's text) by local name. */
function hydra(quads: Quad[]): Record<string, string> & { subject?: string; datatype?: Record<string, string> } {
  const out: Record<string, any> = { datatype: {} };
  for (const q of quads) {
    if (!q.predicate.value.startsWith(HYDRA)) continue;
    const name = q.predicate.value.slice(HYDRA.length);
    out[name] = q.object.value;
    out.subject = q.subject.value;
    if (q.object.termType === 'Literal') out.datatype[name] = q.object.datatype.value;
  }
  const typed = quads.find((q) => q.predicate.value === RDF_TYPE && q.object.value === `${HYDRA}PagedCollection`);
  if (typed) out.type = typed.subject.value;
  return out;
}

const k = await startKho();
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-dcat');

// ---- the catalog: 250 public datasets, and one of each kind DCAT must not show ----------------

const PUBLIC = 250;
const publicIds: string[] = [];
for (let i = 0; i < PUBLIC; i++) {
  const ds = await k.kho.call('package_create', {
    name: `dcat-${String(i).padStart(3, '0')}`, title: `Dữ liệu số ${i}`, owner_org: org.name, notes: `Mô tả ${i}`,
    license_id: 'cc-by', tags: i % 10 ? [] : [{ name: 'dân số' }],
    resources: i % 25 ? [] : [{ url: `https://example.vn/tep-${i}.csv`, name: `Tệp ${i}`, format: 'CSV' }],
  }, { user: k.sysadmin.name });
  publicIds.push(ds.id);
}
const hidden = {
  private: await k.kho.call('package_create', { name: 'an-rieng-tu', title: 'Markerriengtu', owner_org: org.name, private: true }, { user: k.sysadmin.name }),
  draft: await k.kho.call('package_create', { name: 'an-nhap', title: 'Markerbannhap', owner_org: org.name, state: 'draft' }, { user: k.sysadmin.name }),
  deleted: await k.kho.call('package_create', { name: 'an-da-xoa', title: 'Markerdaxoa', owner_org: org.name }, { user: k.sysadmin.name }),
};
await k.kho.call('package_delete', { id: hidden.deleted.id }, { user: k.sysadmin.name });
const markers = Object.values(hidden).flatMap((d: any) => [d.id, d.name, d.title]);
const CALLERS: Record<string, string | null> = { anonymous: null, member: org.member.token, editor: org.editor.token, sysadmin: k.sysadmin.token };

async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(`${k.url}${path}`, { headers, method });
  return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, text: await res.text() };
}

const leaked = (text: string) => markers.filter((m) => text.toLowerCase().includes(m.toLowerCase()));

t.test('every format: its media type, and a body its parser reads', async (t) => {
  const name = 'dcat-007';
  for (const fmt of ['ttl', 'rdf', 'xml', 'n3', 'jsonld', 'nt']) {
    const page = await get(`/catalog.${fmt}`);
    t.equal(page.status, 200, `/catalog.${fmt}`);
    t.match(page.type, new RegExp(`^${MEDIA[fmt]!.replace('+', '\\+')}\\b`), `/catalog.${fmt} is ${MEDIA[fmt]}`);
    const quads = await quadsOf(fmt, page.text);
    t.equal(new Set(datasetIds(quads)).size, 100, `/catalog.${fmt}: 100 datasets on page 1`);
    t.ok(quads.some((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Catalog`), `/catalog.${fmt} is a dcat:Catalog`);

    const one = await get(`/dataset/${name}.${fmt}`);
    t.equal(one.status, 200, `/dataset/${name}.${fmt}`);
    t.match(one.type, MEDIA[fmt]!, `/dataset/${name}.${fmt} media type`);
    t.same(datasetIds(await quadsOf(fmt, one.text)), [publicIds[7]], `/dataset/${name}.${fmt} describes that dataset`);
  }
  const byId = await get(`/dataset/${publicIds[7]}.ttl`);
  t.same(datasetIds(await quadsOf('ttl', byId.text)), [publicIds[7]], 'by id as by name');
  const series = await get(`/dataset_series/${name}.xml`);
  t.equal(series.status, 200, '/dataset_series/{id}.{fmt}, as ckanext-dcat serves it');
  t.same(datasetIds(await quadsOf('xml', series.text)), [publicIds[7]]);
});

t.test('the Hydra paging block, as ckanext-dcat writes it', async (t) => {
  const first = hydra(await quadsOf('ttl', (await get('/catalog.ttl')).text));
  t.equal(first.type, `${k.url}/catalog.ttl?page=1`, 'the current page is a hydra:PagedCollection');
  t.equal(first.subject, `${k.url}/catalog.ttl?page=1`);
  t.equal(first.totalItems, String(PUBLIC));
  t.equal(first.itemsPerPage, '100');
  t.match(first.datatype!.totalItems!, new RegExp(`^${XSD}(integer|int|nonNegativeInteger)$`), 'totalItems is an integer');
  for (const [now, legacy, page] of [['first', 'firstPage', 1], ['last', 'lastPage', 3], ['next', 'nextPage', 2]] as const) {
    t.equal(first[now], `${k.url}/catalog.ttl?page=${page}`, `hydra:${now}`);
    t.equal(first[legacy], `${k.url}/catalog.ttl?page=${page}`, `hydra:${legacy}`);
  }
  t.notOk(first.previous ?? first.previousPage, 'no previous on page 1');

  const last = hydra(await quadsOf('ttl', (await get('/catalog.ttl?page=3')).text));
  t.equal(last.previous, `${k.url}/catalog.ttl?page=2`);
  t.equal(last.previousPage, `${k.url}/catalog.ttl?page=2`);
  t.notOk(last.next ?? last.nextPage, 'no next on the last page');

  // The carried parameters, in the caller's order, then page; others are dropped.
  const carried = hydra(await quadsOf('ttl', (await get('/catalog.ttl?q=d%E1%BB%AF&foo=1&modified_since=2000-01-01&page=2')).text));
  t.equal(carried.subject, `${k.url}/catalog.ttl?q=d%E1%BB%AF&modified_since=2000-01-01&page=2`);
  t.equal(carried.next, `${k.url}/catalog.ttl?q=d%E1%BB%AF&modified_since=2000-01-01&page=3`);

  const none = await quadsOf('ttl', (await get('/catalog.ttl?q=khongcogica')).text);
  t.same(hydra(none), { datatype: {} }, 'no paging block when nothing is found');
  t.same(datasetIds(await quadsOf('ttl', (await get('/catalog.ttl?page=99')).text)), [], 'past the end: an empty catalog');
});

t.test('a walk with modified_since, following hydra:next while datasets change, sees each public dataset once', async (t) => {
  const seen: string[] = [];
  const walkStart = new Date().toISOString();
  let url: string | undefined = `${k.url}/catalog.jsonld?modified_since=2000-01-01T00:00:00Z`;
  const edited: string[] = [];
  for (let pages = 0; url && pages < 10; pages++) {
    const res = await fetch(url);
    t.equal(res.status, 200, url);
    const quads = await quadsOf('jsonld', await res.text());
    const ids = datasetIds(quads);
    seen.push(...ids);
    // The publisher keeps working while the harvester walks: what was already harvested changes.
    for (const id of ids.slice(10, 14)) {
      await k.kho.call('package_patch', { id, notes: 'sửa trong lúc thu thập' }, { user: k.sysadmin.name });
      edited.push(id);
    }
    url = hydra(quads).next;
  }
  t.equal(seen.length, PUBLIC, 'as many datasets as there are public ones');
  t.same([...new Set(seen)].sort(), [...publicIds].sort(), 'each public dataset once');
  // The harvester's next run asks from when this one started: exactly what changed since.
  const next = await quadsOf('ttl', (await get(`/catalog.ttl?modified_since=${encodeURIComponent(walkStart)}`)).text);
  t.same(datasetIds(next).sort(), [...edited].sort(), 'the next run gets what changed during this one');
  // A dataset changed ahead of the walk moves to page 1, behind it (offset paging, as in
  // ckanext-dcat): that run misses it and the next modified_since run is the one that gets it.
  const ahead = publicIds[0]!;
  const before = new Date().toISOString();
  await k.kho.call('package_patch', { id: ahead, notes: 'sửa sau' }, { user: k.sysadmin.name });
  const later = await quadsOf('ttl', (await get(`/catalog.ttl?modified_since=${encodeURIComponent(before)}`)).text);
  t.same(datasetIds(later), [ahead], 'a change ahead of the walk is in the next run');
});

t.test('bad page, date or profile: 409 as CKAN answers; unknown formats 404', async (t) => {
  for (const path of ['/catalog.ttl?page=0', '/catalog.ttl?page=-1', '/catalog.ttl?page=abc', '/catalog.rdf?page=1.5']) {
    const r = await get(path);
    t.equal(r.status, 409, path);
    const body = JSON.parse(r.text);
    t.equal(body.success, false);
    t.equal(body.error.__type, 'Validation Error', `${path}: CKAN's error`);
    t.same(body.error.page, ['Page param must be a positive integer starting in 1']);
  }
  for (const path of ['/catalog.ttl?modified_since=yesterday', '/catalog.ttl?modified_since=2024-13-01', '/catalog.ttl?modified_since=2024-02-30', '/dcat.json?modified_since=x']) {
    const r = await get(path);
    t.equal(r.status, 409, path);
    t.same(JSON.parse(r.text).error.modified_since, ['Wrong modified date format. Use ISO-8601 format'], path);
  }
  for (const path of ['/catalog.ttl?profiles=khong_co', '/catalog.ttl?profiles=euro_dcat_ap_3,khong_co', '/dataset/dcat-001.ttl?profiles=khong_co']) {
    const r = await get(path);
    t.equal(r.status, 409, path);
    t.equal(JSON.parse(r.text).error.__type, 'Validation Error', path);
    t.ok(JSON.parse(r.text).error.profiles, `${path}: the error names profiles`);
  }
  t.equal((await get('/catalog.ttl?fq=(((')).status, 409, 'a query that does not parse is a 409 Search Error');
  for (const path of ['/catalog.foo', '/catalog.html', '/dataset/dcat-001.foo', '/dataset/dcat-001.json']) {
    t.equal((await get(path)).status, 404, path);
  }
  const other = await get('/catalog.ttl?profiles=euro_dcat_ap_2,schemaorg');
  t.equal(other.status, 200, 'other profiles, stacked');
  const empty = await get('/catalog.ttl?page=&modified_since=');
  t.equal(empty.status, 200, 'empty parameters count as absent');
  const since = await get('/catalog.ttl?modified_since=2000-01-01T07:00:00%2B07:00');
  t.equal(since.status, 200, 'a date with an offset');
});

t.test('HEAD on every endpoint', async (t) => {
  for (const path of ['/catalog.ttl', '/catalog.xml', '/dataset/dcat-001.jsonld', '/dcat.json', '/data.json']) {
    const r = await get(path, {}, 'HEAD');
    t.equal(r.status, 200, `HEAD ${path}`);
    t.equal(r.text, '', `HEAD ${path}: no body`);
    t.ok(r.type, `HEAD ${path}: a content type`);
  }
  t.equal((await get('/catalog', { Accept: 'text/turtle' }, 'HEAD')).status, 200, 'HEAD /catalog negotiated');
  t.equal((await get(`/dataset/${hidden.private.name}.ttl`, {}, 'HEAD')).status, 403, 'HEAD of a private dataset');
  t.equal((await get('/catalog.foo', {}, 'HEAD')).status, 404);
});

t.test('content negotiation on /catalog and /dataset/{id}, with q-values', async (t) => {
  const cases: [string, string | null][] = [
    ['text/turtle', 'text/turtle'],
    ['application/rdf+xml', 'application/rdf+xml'],
    ['application/ld+json;q=0.5, text/turtle;q=0.8', 'text/turtle'],
    ['text/turtle;q=0.2, application/ld+json', 'application/ld+json'],
    ['text/html;q=0.1, text/n3', 'text/n3'],
    ['application/*', 'application/rdf+xml'],
    ['text/*;q=0.9, text/html;q=0.5', 'text/n3'],
    ['text/turtle;q=0, application/ld+json;q=0.3', 'application/ld+json'],
    ['text/html,application/xhtml+xml,application/rdf+xml;q=0.9,*/*;q=0.8', null],
    ['*/*', null],
    ['application/json', null],
  ];
  for (const path of ['/catalog', '/', '/dataset/dcat-003']) {
    for (const [accept, type] of cases) {
      const r = await get(path, { Accept: accept });
      if (type) {
        t.equal(r.status, 200, `${path} ← ${accept}`);
        t.match(r.type, type, `${path} ← ${accept}: ${type}`);
        t.match(r.headers.get('vary') ?? '', /Accept/, 'Vary: Accept');
        const fmt = Object.keys(MEDIA).find((f) => MEDIA[f] === type)!;
        t.ok((await quadsOf(fmt, r.text)).length > 0, `${path} ← ${accept} parses`);
      } else {
        // Not an RDF request: DCAT is not the one to answer it (the HTML portal is, once it exists).
        t.equal(r.status, 404, `${path} ← ${accept}: not DCAT's`);
      }
    }
    t.equal((await get(path)).status, 404, `${path} without Accept: not DCAT's`);
  }
  const negotiated = await get(`/dataset/${hidden.private.name}`, { Accept: 'text/turtle', Authorization: k.sysadmin.token });
  t.equal(negotiated.status, 404, 'negotiated, a private dataset is still not published');
});

t.test('private, draft and deleted datasets appear nowhere, whoever asks', async (t) => {
  for (const [caller, token] of Object.entries(CALLERS)) {
    const headers: Record<string, string> = token ? { Authorization: token } : {};
    const texts: [string, string][] = [];
    for (const fmt of ['ttl', 'jsonld', 'rdf']) {
      for (const page of [1, 2, 3]) texts.push([`/catalog.${fmt}?page=${page}`, (await get(`/catalog.${fmt}?page=${page}`, headers)).text]);
    }
    texts.push(['/catalog.ttl?q=Marker', (await get('/catalog.ttl?q=Marker', headers)).text]);
    texts.push(['/catalog.ttl?fq=private:true', (await get('/catalog.ttl?fq=private:true', headers)).text]);
    for (const page of [1, 2, 3]) texts.push([`/dcat.json?page=${page}`, (await get(`/dcat.json?page=${page}`, headers)).text]);
    texts.push(['/data.json', (await get('/data.json', headers)).text]);
    for (const action of ['dcat_catalog_show', 'dcat_catalog_search']) {
      const r = await k.api(action, { format: 'ttl', q: 'Marker' }, { token });
      t.equal(r.status, 200, `${caller}: ${action}`);
      texts.push([action, r.body.result]);
    }
    texts.push(['dcat_datasets_list', JSON.stringify((await k.api('dcat_datasets_list', {}, { token })).body)]);
    for (const [where, text] of texts) t.same(leaked(text), [], `${caller}: ${where} shows nothing hidden`);

    // One dataset: whatever package_show answers this caller, and never 200.
    for (const [kind, ds] of Object.entries(hidden) as [string, any][]) {
      const shown = (await k.api('package_show', { id: ds.id }, { token })).status;
      const expected = shown === 200 ? 404 : shown;
      for (const path of [`/dataset/${ds.id}.ttl`, `/dataset/${ds.name}.jsonld`, `/dataset_series/${ds.id}.xml`]) {
        const r = await get(path, headers);
        t.equal(r.status, expected, `${caller}: ${kind} ${path} → ${expected} (package_show: ${shown})`);
        t.same(leaked(r.text).filter((m) => !path.includes(m)), [], `${caller}: ${kind} ${path} shows nothing`);
      }
      const action = await k.api('dcat_dataset_show', { id: ds.id, format: 'ttl' }, { token });
      t.equal(action.status, expected, `${caller}: dcat_dataset_show of the ${kind} dataset`);
    }
  }
  t.equal((await get('/dataset/khong-ton-tai.ttl')).status, 404, 'an unknown dataset: 404');
  t.equal(JSON.parse((await get('/dataset/khong-ton-tai.ttl')).text).error.__type, 'Not Found Error', 'as package_show says it');
});

t.test('the dcat_* actions', async (t) => {
  const one = await k.api('dcat_dataset_show', { id: 'dcat-010', format: 'jsonld' }, { method: 'GET' });
  t.equal(one.status, 200);
  t.same(datasetIds(await quadsOf('jsonld', one.body.result)), [publicIds[10]]);
  const defaultFormat = await k.api('dcat_dataset_show', { id: 'dcat-010' });
  t.ok((await quadsOf('rdf', defaultFormat.body.result)).length > 0, 'RDF/XML by default');
  for (const action of ['dcat_catalog_show', 'dcat_catalog_search']) {
    const r = await k.api(action, { format: 'ttl', page: '2' }, { method: 'GET' });
    t.equal(r.status, 200, action);
    const quads = await quadsOf('ttl', r.body.result);
    t.equal(datasetIds(quads).length, 100, `${action}: page 2`);
    t.equal(hydra(quads).subject, `${k.url}/catalog.ttl?page=2`, `${action}: page URLs name the catalog endpoint`);
  }
  const list = await k.api('dcat_datasets_list', { page: 3 });
  t.equal(list.status, 200);
  t.equal(list.body.result.length, 50, 'the last page of the simplified list');
  t.ok(list.body.result.every((d: any) => typeof d.title === 'string' && Array.isArray(d.distribution) && Array.isArray(d.keyword)));
  const bad: [string, Record<string, unknown>, string][] = [
    ['dcat_catalog_show', { page: 0 }, 'page'], ['dcat_catalog_show', { format: 'html' }, 'format'],
    ['dcat_catalog_search', { profiles: ['khong_co'] }, 'profiles'], ['dcat_catalog_show', { modified_since: 'hôm qua' }, 'modified_since'],
    ['dcat_dataset_show', {}, 'id'], ['dcat_datasets_list', { page: 'x' }, 'page'], ['dcat_catalog_show', { q: ['a', 'b'] }, 'q'],
  ];
  for (const [action, data, field] of bad) {
    const r = await k.api(action, data);
    t.equal(r.status, 409, `${action} ${JSON.stringify(data)}`);
    t.ok(r.body.error?.[field], `${action}: the error is about ${field}`);
  }
});

t.test('/dcat.json: the simplified list, a page at a time', async (t) => {
  const pages = await Promise.all([1, 2, 3, 4].map(async (p) => JSON.parse((await get(`/dcat.json?page=${p}`)).text)));
  t.same(pages.map((p) => p.length), [100, 100, 50, 0]);
  const titles = pages.flat().map((d: any) => d.title);
  t.equal(new Set(titles).size, PUBLIC, 'every public dataset once');
  const withTag = pages.flat().find((d: any) => d.title === 'Dữ liệu số 0');
  t.same(withTag.keyword, ['dân số']);
  t.equal(withTag.distribution[0].accessURL, 'https://example.vn/tep-0.csv');
  const since = JSON.parse((await get(`/dcat.json?modified_since=${encodeURIComponent(new Date().toISOString())}`)).text);
  t.same(since, [], 'nothing changed since now');
});

t.test('/data.json: the public catalog as Project Open Data 1.1', async (t) => {
  const r = await get('/data.json');
  t.equal(r.status, 200);
  t.match(r.type, 'application/json');
  const doc = JSON.parse(r.text);
  t.equal(doc.conformsTo, 'https://project-open-data.cio.gov/v1.1/schema');
  t.equal(doc['@type'], 'dcat:Catalog');
  t.equal(doc.dataset.length, PUBLIC, 'every public dataset');
  t.equal(new Set(doc.dataset.map((d: any) => d.identifier)).size, PUBLIC, 'once each');
  for (const d of doc.dataset) {
    for (const key of ['title', 'description', 'keyword', 'modified', 'publisher', 'contactPoint', 'identifier', 'accessLevel']) {
      if (d[key] === undefined || d[key] === '') t.fail(`${d.title}: ${key} missing`);
    }
  }
  t.ok(doc.dataset.every((d: any) => d.accessLevel === 'public' && d.keyword.length > 0 && /Z$/.test(d.modified)));
  const zero = doc.dataset.find((d: any) => d.title === 'Dữ liệu số 0');
  t.equal(zero.identifier, `${k.url}/dataset/${publicIds[0]}`, 'the same URI the RDF gives it');
  t.equal(zero.publisher.name, 'Tổ chức so-dcat');
  t.match(zero.license, /creativecommons|opendefinition/);
  t.same(zero.distribution, [{
    '@type': 'dcat:Distribution', title: 'Tệp 0', downloadURL: 'https://example.vn/tep-0.csv', mediaType: 'text/csv', format: 'CSV',
  }]);
});

t.test('KHO_DCAT_PROFILES and KHO_DCAT_BASE_URI', async (t) => {
  t.throws(() => loadConfig({ KHO_DCAT_PROFILES: 'Euro DCAT' }), KhoConfigError, 'a name that cannot be a profile stops the settings');
  t.throws(() => loadConfig({ KHO_DCAT_BASE_URI: 'ftp://data.example.vn' }), KhoConfigError);
  t.same(loadConfig({ KHO_DCAT_PROFILES: ' euro_dcat_ap_2 , schemaorg ' }).dcatProfiles, ['euro_dcat_ap_2', 'schemaorg']);

  // A name that is no profile stops the start before the server listens (config.ts knows no module).
  const env: NodeJS.ProcessEnv = { ...process.env, KHO_DCAT_PROFILES: 'khong_co', KHO_SEED: '0' };
  delete env.DATABASE_URL;
  const kho = await bootKho({ env, inMemory: true, pushSearch: false });
  await t.rejects(buildApp(kho), { name: 'KhoConfigError', message: /KHO_DCAT_PROFILES names "khong_co"/ });
  await kho.close();

  const other = await startKho({ env: { KHO_DCAT_PROFILES: 'euro_dcat_ap_2', KHO_DCAT_BASE_URI: 'https://du-lieu.example.vn/' } });
  t.teardown(() => other.close());
  await other.api('organization_create', { name: 'so-khac', title: 'Sở khác' });
  const made = await other.api('package_create', { name: 'phien-ban', owner_org: 'so-khac', version: '2.1', license_id: 'cc-by' });
  t.equal(made.status, 200);
  const doc = (q = '') => fetch(`${other.url}/dataset/phien-ban.ttl${q}`).then((r) => r.text());
  const byDefault = await doc();
  t.equal(byDefault, await doc('?profiles=euro_dcat_ap_2'), 'the configured profile is the default');
  t.not(byDefault, await doc('?profiles=euro_dcat_ap_3'), 'and it is not DCAT-AP 3');
  t.same(datasetIds(await quadsOf('ttl', byDefault)), [made.body.result.id]);
  t.ok((await quadsOf('ttl', byDefault)).some((q) => q.subject.value === `https://du-lieu.example.vn/dataset/${made.body.result.id}`), 'dataset URIs on the base URI');
  const page = hydra(await quadsOf('ttl', await fetch(`${other.url}/catalog.ttl`).then((r) => r.text())));
  t.equal(page.subject, 'https://du-lieu.example.vn/catalog.ttl?page=1', 'page URLs on the base URI, as ckanext-dcat builds them');
});

t.test('modified_since bounds, and what caches may keep', async (t) => {
  t.equal(modifiedSinceBound('2024-05-01'), '2024-05-01T00:00:00Z');
  t.equal(modifiedSinceBound('2024-05'), '2024-05-01T00:00:00Z');
  t.equal(modifiedSinceBound('2024-05-01T10:00:00+07:00'), '2024-05-01T03:00:00Z', 'an offset is moved to UTC');
  t.equal(modifiedSinceBound('2024-05-01T10:00:00.123456Z'), '2024-05-01T10:00:00.123456Z', 'microseconds kept');
  t.equal(modifiedSinceBound('2024-05-01 10:00'), '2024-05-01T10:00:00Z');
  for (const bad of ['2024-02-30', '2024-05-01T25:00', 'NOW', '2024-05-01T10:00:00+99:00', '']) {
    t.throws(() => modifiedSinceBound(bad), { message: /modified_since.*Wrong modified date format/ }, bad);
  }
  const anonymous = await get('/catalog.ttl');
  t.equal(anonymous.headers.get('cache-control'), 'public, max-age=60', 'the public catalog may be cached');
  const signedIn = await get('/catalog.ttl', { Authorization: k.sysadmin.token });
  t.equal(signedIn.headers.get('cache-control'), 'private, no-store', 'not an answer to a request with credentials');
  const refused = await get(`/dataset/${hidden.private.name}.ttl`);
  t.equal(refused.headers.get('cache-control'), 'private, no-store', 'nor a refusal');
  t.match(refused.headers.get('vary') ?? '', /Authorization/);
});

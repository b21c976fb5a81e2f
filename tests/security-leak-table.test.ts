// The leak table (issue 11 §2): every read action and every GET route, called by every kind of
// caller, about datasets in every hidden state; nothing a caller may not see may appear anywhere
// in the answer (its name, title, id, resource ids, URL, tag, format, file or table contents),
// counts and facets must count exactly what the caller may see, and what they may see must show
// on the key paths. The tables below must name every registered read action and GET route: a
// new read path fails this test until it says how it is called here.
import t, { type Test } from 'tap';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { orgWithRoles, startKho, type TestKho } from './helpers/kho.js';
import { buildFullCatalog } from '../server/modules/dcat/full-catalog/index.js';

// ---- callers -------------------------------------------------------------------------------------

const CALLERS = ['anonymous', 'plain user', 'member', 'editor', 'admin', 'other org editor', 'sysadmin', 'revoked token', 'removed member'] as const;
type Caller = (typeof CALLERS)[number];
const MEMBERS: Caller[] = ['member', 'editor', 'admin', 'sysadmin'];
const EDITORS: Caller[] = ['editor', 'admin', 'sysadmin'];

// ---- hidden states ---------------------------------------------------------------------------------

/** A dataset in one state, with everything about it that could leak. */
interface Item {
  key: string;
  id: string;
  name: string;
  /** who may see it (CKAN's rule, stated here independently of the code under test) */
  seenBy: readonly Caller[];
  /** strings that identify it: none may appear for anyone else */
  markers: string[];
  title: string;
  tag: string;
  format: string;
  resourceName: string;
  uploadId: string;
  linkId: string;
  tableId: string;
  fileMarker: string;
  recordMarker: string;
  state: 'active' | 'draft' | 'deleted';
}

interface Fixture {
  k: TestKho;
  tokens: Record<Caller, string | null>;
  org: { id: string; name: string };
  group: string;
  creator: string;
  items: Item[];
  /** the public item: everyone sees it */
  control: Item;
}

const RUN = randomBytes(3).toString('hex');
const word = (what: string, key: string) => `${what}${key.replace(/[^a-z]/g, '')}${RUN}`;

async function must(k: TestKho, action: string, data: Record<string, unknown>, token?: string | null) {
  const r = await k.api(action, data, { token });
  if (r.status !== 200) throw new Error(`${action} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.result;
}

async function upload(k: TestKho, packageId: string, filename: string, content: string) {
  const form = new FormData();
  form.append('package_id', packageId);
  form.append('name', filename);
  form.append('upload', new Blob([content]), filename);
  const res = await fetch(`${k.url}/api/3/action/resource_create`, { method: 'POST', headers: { Authorization: k.sysadmin.token }, body: form });
  const body: any = await res.json();
  if (res.status !== 200) throw new Error(`upload failed: ${JSON.stringify(body)}`);
  return body.result.id as string;
}

async function buildFixture(k: TestKho): Promise<Fixture> {
  const a = await orgWithRoles(k, `to-chuc-a-${RUN}`);
  const b = await orgWithRoles(k, `to-chuc-b-${RUN}`);
  const plain = await k.user(`plain-${RUN}`);
  const revoked = await k.user(`revoked-${RUN}`);
  const removed = await k.user(`removed-${RUN}`);
  for (const u of [revoked, removed]) await must(k, 'organization_member_create', { id: a.name, username: u.name, role: 'member' });
  const group = `nhom-${RUN}`;
  await must(k, 'group_create', { name: group, title: 'Nhóm' });

  const make = async (key: string, seenBy: readonly Caller[], opts: { private?: boolean; state?: 'draft' } = {}) => {
    const w = (what: string) => word(what, key);
    const item = {
      key, seenBy, name: `bo-${key}-${RUN}`, title: w('tieude'), tag: w('the'), format: w('dinhdang'), resourceName: w('taisan'),
      fileMarker: w('noidungtep'), recordMarker: w('banghi'), state: opts.state ?? 'active',
    };
    const ds = await must(k, 'package_create', {
      name: item.name, title: `Bộ dữ liệu ${item.title}`, owner_org: a.name, private: !!opts.private, state: opts.state,
      notes: `Ghi chú ${w('ghichu')}`, tags: [{ name: item.tag }], groups: [{ name: group }],
      resources: [{ url: `https://example.vn/${w('duongdan')}/bang.csv`, name: item.resourceName, format: item.format }],
    });
    const uploadId = await upload(k, ds.id, `${w('tentep')}.csv`, `cot\n${item.fileMarker}\n`);
    const table = await must(k, 'datastore_create', {
      resource: { package_id: ds.id, name: w('bangdulieu') }, fields: [{ id: 'cot', type: 'text' }], records: [{ cot: item.recordMarker }],
    });
    const markers = [ds.id, item.name, item.title, item.tag, item.format, item.resourceName, w('ghichu'), w('duongdan'), w('tentep'),
      item.fileMarker, item.recordMarker, w('bangdulieu'), ds.resources[0].id, uploadId, table.resource_id];
    return { ...item, id: ds.id as string, linkId: ds.resources[0].id as string, uploadId, tableId: table.resource_id as string, markers } as Item;
  };

  const control = await make('congkhai', CALLERS);
  const priv = await make('rieng', MEMBERS, { private: true });
  const draft = await make('nhap', EDITORS, { state: 'draft' });
  const deleted = await make('daxoa', MEMBERS);
  await must(k, 'package_delete', { id: deleted.id });
  deleted.state = 'deleted';
  const madePrivate = await make('laiderieng', MEMBERS);
  await must(k, 'package_patch', { id: madePrivate.id, private: true });
  // Private first, then published: the dataset is now public, but what it said while private
  // (its notes then) stays with the members.
  const published = await make('congbosau', CALLERS, { private: true });
  const before = word('ghichu', 'congbosau');
  await must(k, 'package_patch', { id: published.id, private: false, notes: 'Đã công bố' });
  const era: Item = { ...published, key: 'private period of a published dataset', seenBy: MEMBERS, markers: [before] };

  // A revoked token and a member who was removed: both once could read the private datasets.
  await must(k, 'api_token_revoke', { token: revoked.token });
  await must(k, 'organization_member_delete', { id: a.name, username: removed.name });

  return {
    k, org: { id: a.id, name: a.name }, group, creator: k.sysadmin.name, control,
    items: [control, priv, draft, deleted, madePrivate, published, era],
    tokens: {
      anonymous: null, 'plain user': plain.token, member: a.member.token, editor: a.editor.token, admin: a.admin.token,
      'other org editor': b.editor.token, sysadmin: k.sysadmin.token, 'revoked token': revoked.token, 'removed member': removed.token,
    },
  };
}

// ---- the action table ------------------------------------------------------------------------------

type Data = Record<string, unknown>;
/** How an action is called about each item; `why` says why it cannot show a dataset when that is so. */
interface ActionEntry { why?: string; calls: (i: Item, f: Fixture) => Data[] }

const SEARCH_FACETS = ['organization', 'tags', 'groups', 'res_format', 'license_id'];
const everything = { include_private: true, include_drafts: true, rows: 1000, 'facet.field': SEARCH_FACETS, 'facet.limit': -1 };

const ACTIONS: Record<string, ActionEntry> = {
  package_show: { calls: (i) => [{ id: i.id }, { id: i.name }] },
  package_list: { calls: () => [{}] },
  current_package_list_with_resources: { calls: () => [{ limit: 1000 }] },
  // Every hidden item's title, tag and format begins with the same word, so one question finds them all.
  package_search: {
    calls: (i, f) => [
      { q: 'tieude', ...everything }, { fq: `id:${i.id}`, ...everything }, { fq: 'state:deleted OR state:draft', ...everything },
      { fq: `owner_org:${f.org.id}`, ...everything }, everything, { include_private: true, 'facet.field': SEARCH_FACETS, 'facet.limit': -1, rows: 1000 },
    ],
  },
  package_autocomplete: { calls: () => [{ q: 'tieude' }, { q: 'bo-' }] },
  package_activity_list: { calls: (i) => [{ id: i.id, limit: 100 }] },
  organization_activity_list: { calls: (_i, f) => [{ id: f.org.name, limit: 100 }] },
  recently_changed_packages_activity_list: { calls: () => [{ limit: 100 }] },
  resource_show: { calls: (i) => [{ id: i.uploadId }, { id: i.tableId }] },
  resource_search: { calls: () => [{ query: 'name:taisan' }, { query: 'format:dinhdang' }, { query: 'url:example.vn' }] },
  format_autocomplete: { calls: () => [{ q: 'dinhdang' }] },
  tag_list: { calls: () => [{}, { all_fields: true }] },
  tag_autocomplete: { calls: () => [{ q: 'the' }] },
  tag_show: { calls: (i) => [{ id: i.tag, include_datasets: true }] },
  organization_show: { calls: (_i, f) => [{ id: f.org.name, include_datasets: true }] },
  organization_list: { calls: () => [{ all_fields: true, include_dataset_count: true }] },
  organization_autocomplete: { why: 'answers organizations by name, not datasets', calls: () => [{ q: 'to-chuc' }] },
  organization_list_for_user: { calls: () => [{ include_dataset_count: true }] },
  group_show: { calls: (_i, f) => [{ id: f.group, include_datasets: true }] },
  group_list: { calls: () => [{ all_fields: true, include_dataset_count: true }] },
  group_autocomplete: { why: 'answers groups by name, not datasets', calls: () => [{ q: 'nhom' }] },
  user_show: { calls: (_i, f) => [{ id: f.creator, include_datasets: true }] },
  user_list: { calls: () => [{}] },
  user_autocomplete: { why: 'answers users by name', calls: () => [{ q: 'r' }] },
  api_token_list: { why: 'the caller\'s own tokens', calls: () => [{}] },
  datastore_search: { calls: (i) => [{ resource_id: i.tableId }] },
  datastore_search_sql: { calls: (i) => [{ sql: `select * from "${i.tableId}"` }] },
  datastore_info: { calls: (i) => [{ id: i.tableId }] },
  xloader_status: { calls: (i) => [{ resource_id: i.uploadId }] },
  job_list: { why: 'sysadmins only; jobs name resources', calls: () => [{}] },
  job_show: { why: 'sysadmins only', calls: () => [{ id: '00000000-0000-0000-0000-000000000000' }] },
  license_list: { why: 'the license register', calls: () => [{}] },
  status_show: { why: 'the site\'s settings', calls: () => [{}] },
  site_read: { why: 'a constant', calls: () => [{}] },
  help_show: { why: 'the action\'s description', calls: () => [{ name: 'package_show' }] },
  // DCAT publishes public active datasets only, to every caller (a sysadmin too).
  dcat_dataset_show: { calls: (i) => [{ id: i.id, format: 'ttl' }, { id: i.name, format: 'jsonld' }] },
  dcat_catalog_show: { calls: () => [{ format: 'ttl' }, { format: 'jsonld', q: 'tieude' }, { format: 'nt', fq: 'private:true' }] },
  dcat_catalog_search: { calls: () => [{ format: 'rdf' }, { format: 'ttl', q: 'tieude', modified_since: '2000-01-01' }] },
  dcat_datasets_list: { calls: () => [{}, { modified_since: '2000-01-01' }] },
  // Quality scores read the dataset through package_show and the organization through package_search.
  dcat_quality_show: { calls: (i) => [{ id: i.id }, { id: i.name }] },
  dcat_quality_organization: { calls: (_i, f) => [{ id: f.org.name }] },
};

/** The registered read actions (the Kho instance's own registry). */
const readActions = (k: TestKho): string[] => k.kho.actions.list().filter((a) => a.read).map((a) => a.name);

// ---- the route table -------------------------------------------------------------------------------

interface RouteEntry { why?: string; paths: (i: Item, f: Fixture) => string[] }

const ROUTES: Record<string, RouteEntry> = {
  '/api/3/action/:name': { why: 'every read action above is called through it (POST)', paths: (i) => [`/api/3/action/package_show?id=${i.id}`] },
  '/api/action/:name': { paths: (i) => [`/api/action/package_show?id=${i.id}`, `/api/action/package_search?q=${i.title}&include_private=true&include_drafts=true`] },
  '/api': { why: 'the API version', paths: () => ['/api'] },
  '/api/:ver': { why: 'the API version', paths: () => ['/api/3'] },
  '/healthz': { why: 'says the process answers', paths: () => ['/healthz'] },
  '/readyz': { why: 'says the database answers', paths: () => ['/readyz'] },
  '/metrics': { why: 'figures by action and route pattern', paths: () => ['/metrics'] },
  '/dataset/:id/resource/:rid/download': { paths: (i) => [`/dataset/${i.id}/resource/${i.uploadId}/download`, `/dataset/${i.id}/resource/${i.linkId}/download`] },
  '/dataset/:id/resource/:rid/download/:filename': { paths: (i) => [`/dataset/${i.name}/resource/${i.uploadId}/download/a.csv`] },
  '/dataset/:id/resource/:rid/export/:file': { paths: (i) => [`/dataset/${i.id}/resource/${i.tableId}/export/a.csv`] },
  '/datastore/dump/:id': { paths: (i) => [`/datastore/dump/${i.tableId}`, `/datastore/dump/${i.tableId}?format=json`] },
  '/catalog.:fmt': { paths: () => ['/catalog.ttl', '/catalog.jsonld?q=tieude', '/catalog.rdf?fq=private:true', '/catalog.xml?modified_since=2000-01-01'] },
  '/dataset/:id.:fmt': { paths: (i) => [`/dataset/${i.id}.ttl`, `/dataset/${i.name}.jsonld`, `/dataset/${i.id}.rdf`] },
  '/dataset_series/:id.:fmt': { paths: (i) => [`/dataset_series/${i.id}.ttl`, `/dataset_series/${i.name}.xml`] },
  // Only requests whose Accept prefers RDF reach these two (tests/dcat-endpoints.test.ts sends
  // them); asked without one, as here, they are not DCAT's and answer 404.
  '/catalog': { why: 'the catalog by content negotiation', paths: () => ['/catalog'] },
  '/': { why: 'the catalog by content negotiation', paths: () => ['/'] },
  '/dataset/:id': { why: 'a dataset by content negotiation', paths: (i) => [`/dataset/${i.id}`] },
  // Built once after the fixture (the test's Kho has the periodic build off).
  '/catalog/full.nt.gz': { paths: () => ['/catalog/full.nt.gz'] },
  '/catalog/full.ttl.gz': { paths: () => ['/catalog/full.ttl.gz'] },
  '/catalog/full.jsonld.gz': { paths: () => ['/catalog/full.jsonld.gz'] },
  '/dcat.json': { paths: () => ['/dcat.json', '/dcat.json?modified_since=2000-01-01'] },
  '/data.json': { paths: () => ['/data.json'] },
};
for (const prefix of ['/api', '/api/1', '/api/2']) {
  Object.assign(ROUTES, {
    [`${prefix}/util/dataset/autocomplete`]: { paths: () => [`${prefix}/util/dataset/autocomplete?incomplete=tieude`] },
    [`${prefix}/util/tag/autocomplete`]: { paths: () => [`${prefix}/util/tag/autocomplete?incomplete=the`] },
    [`${prefix}/util/resource/format_autocomplete`]: { paths: () => [`${prefix}/util/resource/format_autocomplete?incomplete=dinhdang`] },
    [`${prefix}/util/organization/autocomplete`]: { why: 'organizations by name', paths: () => [`${prefix}/util/organization/autocomplete?q=to`] },
    [`${prefix}/util/group/autocomplete`]: { why: 'groups by name', paths: () => [`${prefix}/util/group/autocomplete?q=nhom`] },
    [`${prefix}/util/user/autocomplete`]: { why: 'users by name', paths: () => [`${prefix}/util/user/autocomplete?q=r`] },
  });
}

/** The GET routes the app serves (recorded as fastify registered them). */
const readRoutes = (k: TestKho): string[] => [...new Set(k.app.khoRoutes.filter((r) => r.method === 'GET').map((r) => r.url))];

// ---- running -----------------------------------------------------------------------------------------

interface Answer { status: number; text: string }

async function get(f: Fixture, path: string, token: string | null): Promise<Answer> {
  const res = await fetch(`${f.k.url}${path}`, { headers: token ? { Authorization: token } : {}, redirect: 'manual' });
  const headers = [...res.headers].map(([n, v]) => `${n}: ${v}`).join('\n');
  // A .gz download is read as what it holds.
  const body = path.endsWith('.gz') && res.status === 200 ? gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8') : await res.text();
  return { status: res.status, text: `${headers}\n${body}` };
}

async function call(f: Fixture, action: string, data: Data, token: string | null): Promise<Answer> {
  const r = await f.k.api(action, data, { token });
  return { status: r.status, text: typeof r.body === 'string' ? r.body : JSON.stringify(r.body) };
}

/** Runs tasks a few at a time: fast enough, without drowning the embedded database. */
async function inBatches<T>(tasks: (() => Promise<T>)[], size = 12): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < tasks.length; i += size) out.push(...(await Promise.all(tasks.slice(i, i + size).map((task) => task()))));
  return out;
}

/** The markers of items this caller may not see that appear in an answer (those they asked with excepted). */
function leaks(f: Fixture, caller: Caller, asked: string, answer: Answer): string[] {
  const text = answer.text.toLowerCase();
  const question = asked.toLowerCase();
  const found: string[] = [];
  for (const item of f.items) {
    if (item.seenBy.includes(caller)) continue;
    for (const m of item.markers) {
      if (!question.includes(m.toLowerCase()) && text.includes(m.toLowerCase())) found.push(`${item.key}: ${m}`);
    }
  }
  return found;
}

/** For each entry and caller: every distinct request over all items, and what leaked in its answer. */
async function sweep(t: Test, f: Fixture, names: string[], requests: (name: string) => { asked: string; run: (token: string | null) => Promise<Answer> }[]) {
  for (const name of names) {
    const list = requests(name);
    const found: string[] = [];
    let failures = 0;
    await inBatches(CALLERS.flatMap((caller) => list.map((r) => async () => {
      const answer = await r.run(f.tokens[caller]);
      if (answer.status >= 500) failures++;
      for (const l of leaks(f, caller, r.asked, answer)) found.push(`${caller} ← ${r.asked}: ${l}`);
    })));
    t.same(found, [], `${name}: ${list.length} requests × ${CALLERS.length} callers show nothing hidden`);
    t.equal(failures, 0, `${name}: no 500`);
  }
}

t.test('the leak table', async (t) => {
  // About 3,000 requests over one fixture catalog: more than tap's default two minutes on a
  // busy embedded database.
  t.setTimeout(10 * 60_000);
  const k = await startKho();
  t.teardown(() => k.close());
  const f = await buildFixture(k);
  const built = await buildFullCatalog(k.kho);
  const hidden = f.items.filter((i) => i !== f.control);

  t.test('the complete DCAT files hold the public datasets and only those', async (t) => {
    const publicNow = f.items.filter((i) => i.seenBy.includes('anonymous') && i.state === 'active');
    t.equal(built.datasets, publicNow.length, `${built.datasets} datasets built`);
    const nt = (await get(f, '/catalog/full.nt.gz', null)).text;
    for (const i of publicNow) t.ok(nt.includes(i.id), `${i.key} is in the file`);
  });

  t.test('every read action and GET route is in the table', async (t) => {
    const actions = readActions(k);
    t.same(actions.filter((a) => !ACTIONS[a]), [], 'read actions missing from ACTIONS');
    t.same(Object.keys(ACTIONS).filter((a) => !actions.includes(a)), [], 'ACTIONS names no action that is gone');
    const routes = readRoutes(k);
    t.same(routes.filter((r) => !ROUTES[r]), [], 'GET routes missing from ROUTES');
    t.same(Object.keys(ROUTES).filter((r) => !routes.includes(r)), [], 'ROUTES names no route that is gone');
    t.ok(actions.includes('datastore_search') && routes.includes('/datastore/dump/:id'), 'modules\' actions and routes are enumerated too');
  });

  t.test('actions: nothing hidden in any field', async (t) => {
    await sweep(t, f, readActions(k).filter((a) => ACTIONS[a]), (name) => {
      const seen = new Map<string, Data>();
      for (const i of f.items) for (const d of ACTIONS[name]!.calls(i, f)) seen.set(JSON.stringify(d), d);
      return [...seen].map(([asked, data]) => ({ asked, run: (token) => call(f, name, data, token) }));
    });
  });

  t.test('routes: nothing hidden in any header or byte', async (t) => {
    await sweep(t, f, readRoutes(k).filter((r) => ROUTES[r]), (route) => {
      const paths = new Set(f.items.flatMap((i) => ROUTES[route]!.paths(i, f)));
      return [...paths].map((path) => ({ asked: path, run: (token) => get(f, path, token) }));
    });
  });

  t.test('counts and facets count exactly what each caller may see', async (t) => {
    // Active datasets of the organization (all in the group too): the public one, the published
    // one, and for its members the private one and the one made private.
    const expected = (c: Caller) => 2 + (MEMBERS.includes(c) ? 2 : 0);
    await inBatches(CALLERS.map((c) => async () => {
      const token = f.tokens[c];
      const n = expected(c);
      const org = (await call(f, 'organization_show', { id: f.org.name }, token)).text;
      t.equal(JSON.parse(org).result.package_count, n, `${c}: organization_show package_count`);
      t.equal(JSON.parse(org).result.num_followers, 0, `${c}: num_followers`);
      const group = JSON.parse((await call(f, 'group_show', { id: f.group }, token)).text).result;
      t.equal(group.package_count, n, `${c}: group_show package_count`);
      const orgs = JSON.parse((await call(f, 'organization_list', { all_fields: true }, token)).text).result;
      t.equal(orgs.find((o: any) => o.name === f.org.name)?.package_count, n, `${c}: organization_list package_count`);
      const groups = JSON.parse((await call(f, 'group_list', { all_fields: true }, token)).text).result;
      t.equal(groups.find((g: any) => g.name === f.group)?.package_count, n, `${c}: group_list package_count`);
      const mine = JSON.parse((await call(f, 'organization_list_for_user', { include_dataset_count: true }, token)).text).result ?? [];
      const listed = Array.isArray(mine) ? mine.find((o: any) => o.name === f.org.name) : undefined;
      if (listed) t.equal(listed.package_count, n, `${c}: organization_list_for_user package_count`);
      // Catalog-wide facets come from the kept counts; filtered ones are counted per query.
      for (const [how, params] of [
        ['kept counts', { include_private: true, 'facet.field': ['organization', 'groups'] }],
        ['counted', { fq: `owner_org:${f.org.id}`, include_private: true, 'facet.field': ['organization', 'groups'] }],
      ] as const) {
        const r = JSON.parse((await call(f, 'package_search', params, token)).text).result;
        t.equal(r.count, n, `${c}: package_search count (${how})`);
        t.equal(r.facets.organization[f.org.name], n, `${c}: organization facet (${how})`);
        t.equal(r.facets.groups[f.group], n, `${c}: groups facet (${how})`);
      }
      const drafts = JSON.parse((await call(f, 'package_search', { fq: `owner_org:${f.org.id}`, include_private: true, include_drafts: true }, token)).text).result;
      t.equal(drafts.count, n + (EDITORS.includes(c) ? 1 : 0), `${c}: package_search count with drafts`);
      const publicOnly = JSON.parse((await call(f, 'package_search', { fq: `owner_org:${f.org.id}` }, token)).text).result;
      t.equal(publicOnly.count, 2, `${c}: without include_private, public ones only`);
      const creator = JSON.parse((await call(f, 'user_show', { id: f.creator }, token)).text).result;
      t.equal(creator.number_created_packages, 2, `${c}: number_created_packages counts public datasets`);
    }));
  });

  t.test('what a caller may see does show on the key paths', async (t) => {
    await inBatches(CALLERS.flatMap((c) => f.items.filter((i) => i.seenBy.includes(c) && i.markers.includes(i.id)).map((i) => async () => {
      const token = f.tokens[c];
      const show = await call(f, 'package_show', { id: i.id }, token);
      t.ok(show.status === 200 && show.text.includes(i.title), `${c} reads ${i.key} with package_show`);
      if (i.state === 'deleted') return; // listed nowhere, its resources gone from view
      const found = await call(f, 'package_search', { q: i.title, include_private: true, include_drafts: true }, token);
      t.ok(found.text.includes(i.name), `${c} finds ${i.key} with package_search`);
      const rows = await call(f, 'datastore_search', { resource_id: i.tableId }, token);
      t.ok(rows.text.includes(i.recordMarker), `${c} reads ${i.key}'s table`);
      const file = await get(f, `/dataset/${i.id}/resource/${i.uploadId}/download`, token);
      t.ok(file.status === 200 && file.text.includes(i.fileMarker), `${c} downloads ${i.key}'s file`);
    })));
    // And the private period of the published dataset stays readable to its members.
    const era = f.items.find((i) => i.key.startsWith('private period'))!;
    const history = await call(f, 'package_activity_list', { id: era.id, limit: 100 }, f.tokens.member);
    t.ok(history.text.includes(era.markers[0]!), 'members see what the dataset said while private');
    for (const item of hidden) t.ok(item.markers.length > 0, `${item.key} has markers to look for`);
  });
});

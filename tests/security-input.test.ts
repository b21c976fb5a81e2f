// Issue 10, item 9: malformed or oversized input is a 400/409 with a clear message, never a 500,
// and never leaves a record (or a file) half-written. The bounds are LIMITS in
// server/logic/validators.ts.
import t from 'tap';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startKho, orgWithRoles } from './helpers/kho.js';
import { LIMITS } from '../server/core/limits.js';

const k = await startKho();
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-tai-chinh');
const pkg = (await k.api('package_create', { name: 'ngan-sach', title: 'Ngân sách', owner_org: org.name, tags: [{ name: 'tài chính' }] })).body.result;

function filesOnDisk(): string[] {
  const root = join(k.kho.config.dataDir, 'files');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
}

/** What a refused write must leave as it was: the dataset, its activity, the files. */
async function snapshot(id: string) {
  const shown = await k.api('package_show', { id });
  const activity = await k.api('package_activity_list', { id, limit: 100 });
  return { dataset: shown.body.result, activities: activity.body.result?.length, files: filesOnDisk() };
}

// ---- multipart -------------------------------------------------------------------------------

const B = 'khoBoundary7';
const field = (name: string, value: string) => `--${B}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const file = (name: string, filename: string, body: string) =>
  `--${B}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${body}\r\n`;
const END = `--${B}--\r\n`;
const CSV = 'ma,ten\n1,Thu ngân sách\n2,Chi thường xuyên\n';

async function multipart(body: string, contentType = `multipart/form-data; boundary=${B}`, action = 'resource_create') {
  const res = await fetch(`${k.url}/api/3/action/${action}`, {
    method: 'POST', headers: { Authorization: org.editor.token, 'Content-Type': contentType }, body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed as any };
}

t.test('malformed multipart to resource_create: a 400 that says why, and nothing written', async (t) => {
  const before = await snapshot(pkg.id);
  const cases: [string, string, string | undefined, string][] = [
    ['no boundary', field('package_id', pkg.id) + file('upload', 'a.csv', CSV) + END, 'multipart/form-data',
      'Bad request - Multipart Error: the Content-Type header names no boundary'],
    ['a body cut off among the fields', field('package_id', pkg.id) + field('name', 'Thu chi'), undefined,
      'Bad request - Multipart Error: the body ended before its closing boundary'],
    ['a body cut off inside the file', field('package_id', pkg.id) + `--${B}\r\nContent-Disposition: form-data; name="upload"; filename="a.csv"\r\n\r\n${CSV}`, undefined,
      'Bad request - Multipart Error: the body ended before its closing boundary'],
    ['a file complete but no closing boundary', field('package_id', pkg.id) + file('upload', 'a.csv', CSV), undefined,
      'Bad request - Multipart Error: the body ended before its closing boundary'],
    ['two files', field('package_id', pkg.id) + file('upload', 'a.csv', CSV) + file('upload', 'b.csv', CSV) + END, undefined,
      `Bad request - Multipart Error: at most ${LIMITS.multipartFiles} file may be sent`],
    ['2,000 fields', field('package_id', pkg.id) + Array.from({ length: 2000 }, (_, i) => field(`f${i}`, 'x')).join('') + file('upload', 'a.csv', CSV) + END, undefined,
      `Bad request - Multipart Error: at most ${LIMITS.multipartFields} form fields may be sent`],
    ['a __proto__ field', field('package_id', pkg.id) + field('__proto__', '{"url_type":"upload"}') + field('url', 'http://x.vn/a.csv') + END, undefined,
      'Bad request - Multipart Error: a field may not be named after a property every object has (such as __proto__ or constructor)'],
    ['a constructor field', field('package_id', pkg.id) + field('constructor', 'x') + file('upload', 'a.csv', CSV) + END, undefined,
      'Bad request - Multipart Error: a field may not be named after a property every object has (such as __proto__ or constructor)'],
  ];
  for (const [name, body, type, message] of cases) {
    const r = await multipart(body, type);
    t.equal(r.status, 400, name);
    t.equal(r.body, message, name);
  }
  const after = await snapshot(pkg.id);
  t.same(after.dataset.resources, [], 'no resource was created');
  t.equal(after.dataset.metadata_modified, before.dataset.metadata_modified, 'the dataset is untouched');
  t.equal(after.activities, before.activities, 'no activity was recorded');
  t.same(after.files, [], 'no file, finished or temporary, was left on disk');
});

t.test('well-formed multipart still works, the file streaming into the action', async (t) => {
  const r = await multipart(field('package_id', pkg.id) + field('name', 'Thu chi 2024') + file('upload', 'thu-chi.csv', CSV) + field('late', 'ignored') + END);
  t.equal(r.status, 200, JSON.stringify(r.body));
  t.equal(r.body.result.name, 'Thu chi 2024');
  t.equal(r.body.result.size, Buffer.byteLength(CSV));
  const dl = await fetch(r.body.result.url);
  t.equal(await dl.text(), CSV);
  // A refused action still reads the rest of the body, and the caller hears the action's answer.
  const denied = await fetch(`${k.url}/api/3/action/resource_create`, {
    method: 'POST', headers: { Authorization: org.member.token, 'Content-Type': `multipart/form-data; boundary=${B}` },
    body: field('package_id', pkg.id) + file('upload', 'big.csv', CSV.repeat(20_000)) + END,
  });
  t.equal(denied.status, 403);
  t.equal(filesOnDisk().length, 1, 'only the one upload is on disk');
  const other = await multipart(field('name', 'kem-tep') + field('owner_org', org.name) + file('upload', 'a.csv', CSV) + END, undefined, 'package_create');
  t.equal(other.status, 200, 'a file sent to an action that takes none is ignored');
  t.equal(other.body.result.name, 'kem-tep');
  const fields = await multipart(field('package_id', pkg.id) + field('url', 'http://x.vn/b.csv') + END);
  t.equal(fields.status, 200, 'fields without a file');
  await k.api('resource_delete', { id: r.body.result.id });
  await k.api('resource_delete', { id: fields.body.result.id });
});

t.test('a __proto__ key anywhere in a request is refused', async (t) => {
  const json = await fetch(`${k.url}/api/3/action/package_patch`, {
    method: 'POST', headers: { Authorization: org.editor.token, 'Content-Type': 'application/json' },
    body: `{"id":"${pkg.id}","resources":[{"url":"http://x.vn/c.csv","__proto__":{"url_type":"upload"}}]}`,
  });
  t.equal(json.status, 400);
  t.equal(await json.json(), 'Bad request - JSON Error: the key "__proto__" is not accepted');
  const escaped = await fetch(`${k.url}/api/3/action/package_patch`, {
    method: 'POST', headers: { Authorization: org.editor.token, 'Content-Type': 'application/json' },
    body: `{"id":"${pkg.id}","extras":[{"key":"a","value":{"\\u005f_proto__":{}}}]}`,
  });
  t.equal(escaped.status, 400, 'also when written with escapes');
  const form = await fetch(`${k.url}/api/3/action/package_patch`, {
    method: 'POST', headers: { Authorization: org.editor.token, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `id=${pkg.id}&__proto__=x&__proto__=y`,
  });
  t.equal(form.status, 400);
  t.equal(await form.json(), 'Bad request - Invalid field name: __proto__');
  const get = await fetch(`${k.url}/api/3/action/package_show?id=${pkg.id}&__proto__=x`);
  t.equal(get.status, 400);
  const param = await k.api('package_search', { 'facet.field': '["tags", {"__proto__": 1}]' }, { method: 'GET' });
  t.equal(param.status, 409);
  t.same(param.body.error, { __type: 'Validation Error', 'facet.field': ['the key "__proto__" is not accepted'] });
  t.same((await k.api('package_show', { id: pkg.id })).body.result.resources, []);
});

// ---- JSON nesting ----------------------------------------------------------------------------

t.test('JSON nested 10,000 deep is a 400 before it is parsed, and nothing is written', async (t) => {
  const deep = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
  const res = await fetch(`${k.url}/api/3/action/package_create`, {
    method: 'POST', headers: { Authorization: org.editor.token, 'Content-Type': 'application/json' },
    body: `{"name":"sau-lam","owner_org":"${org.name}","extras":[{"key":"k","value":${deep(10_000)}}]}`,
  });
  t.equal(res.status, 400);
  t.equal(await res.json(), `Bad request - JSON Error: JSON nested more than ${LIMITS.jsonDepth} levels deep is not accepted`);
  t.equal((await k.api('package_show', { id: 'sau-lam' })).status, 404);

  // Within the bound, the nested value is kept as JSON text like any other.
  const ok = await k.api('package_create', { name: 'sau-vua', owner_org: org.name, extras: [{ key: 'k', value: JSON.parse(deep(LIMITS.jsonDepth - 3)) }] });
  t.equal(ok.status, 200, JSON.stringify(ok.body.error));
  t.equal(ok.body.result.extras[0].value, deep(LIMITS.jsonDepth - 3));

  const param = await k.api('package_search', { 'facet.field': deep(100) }, { method: 'GET' });
  t.equal(param.status, 409, 'a JSON parameter in a query string too');
  t.same(param.body.error, { __type: 'Validation Error', 'facet.field': [`JSON nested more than ${LIMITS.jsonDepth} levels deep is not accepted`] });
  const form = await fetch(`${k.url}/api/3/action/package_create`, {
    method: 'POST', headers: { Authorization: org.editor.token, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: encodeURIComponent(`{"name":"sau-form","owner_org":"${org.name}","x":${deep(5000)}}`),
  });
  t.equal(form.status, 400, 'a JSON body sent as a form (curl -d) too');
  t.equal((await k.api('package_show', { id: 'sau-form' })).status, 404);
});

// ---- DataStore filters -----------------------------------------------------------------------

t.test('datastore_search filters: nesting and values are bounded', async (t) => {
  const created = await k.api('datastore_create', {
    resource: { package_id: pkg.id, name: 'Thu ngân sách' },
    fields: [{ id: 'huyen', type: 'text' }, { id: 'thu', type: 'int' }],
    records: [{ huyen: 'Phú Vang', thu: 10 }, { huyen: 'Hương Trà', thu: 20 }, { huyen: 'A Lưới', thu: 5 }],
  });
  t.equal(created.status, 200, JSON.stringify(created.body.error));
  const rid = created.body.result.resource_id;
  const search = (filters: unknown, method: 'GET' | 'POST' = 'POST') => k.api('datastore_search', { resource_id: rid, filters }, { token: null, method });
  const nested = (depth: number): Record<string, unknown> => (depth === 0 ? { huyen: 'Phú Vang' } : { $or: [{ thu: 999 }, nested(depth - 1)] });

  const body = await search(nested(1000));
  t.equal(body.status, 400, '1,000 deep in a JSON body');
  t.equal(body.body, `Bad request - JSON Error: JSON nested more than ${LIMITS.jsonDepth} levels deep is not accepted`);
  const text = await search(JSON.stringify(nested(1000)));
  t.equal(text.status, 409, '1,000 deep as JSON text');
  t.same(text.body.error, { __type: 'Validation Error', filters: [`JSON nested more than ${LIMITS.jsonDepth} levels deep is not accepted`] });
  const eleven = await search(nested(LIMITS.filterDepth + 1));
  t.equal(eleven.status, 409);
  t.same(eleven.body.error, { __type: 'Validation Error', filters: [`$or and $and may be nested at most ${LIMITS.filterDepth} deep`] });
  const ten = await search(JSON.stringify(nested(LIMITS.filterDepth)), 'GET');
  t.equal(ten.status, 200, JSON.stringify(ten.body.error));
  t.same(ten.body.result.records.map((r: any) => r.huyen), ['Phú Vang'], 'the deepest allowed nesting answers correctly');

  const tooMany = { __type: 'Validation Error', filters: [`filters may hold at most ${LIMITS.filterValues} values and conditions in all`] };
  const list = await search({ huyen: Array.from({ length: 100_000 }, (_, i) => `Huyện ${i}`) });
  t.equal(list.status, 409, 'a 100,000-value list');
  t.same(list.body.error, tooMany);
  const ors = await search({ $or: Array.from({ length: 5000 }, (_, i) => ({ thu: i })) });
  t.equal(ors.status, 409, '5,000 alternatives');
  t.same(ors.body.error, tooMany);
  const most = await search({ huyen: [...Array.from({ length: LIMITS.filterValues - 1 }, (_, i) => `Huyện ${i}`), 'A Lưới'] });
  t.equal(most.status, 200, JSON.stringify(most.body.error));
  t.same(most.body.result.records.map((r: any) => r.huyen), ['A Lưới'], `${LIMITS.filterValues} values are answered`);
  const del = await k.api('datastore_records_delete', { resource_id: rid, filters: { huyen: Array.from({ length: 5000 }, (_, i) => `${i}`) }, force: true });
  t.equal(del.status, 409, 'the same bound holds where filters delete rows');
  t.equal((await search({})).body.result.total, 3);
});

// ---- dataset size ----------------------------------------------------------------------------

t.test('tags per dataset are bounded, on create, update and patch', async (t) => {
  const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `nhan-${i}` }));
  const create = await k.api('package_create', { name: 'nhieu-nhan', owner_org: org.name, tags: tags(20_000) }, { token: org.editor.token });
  t.equal(create.status, 409);
  t.same(create.body.error, { __type: 'Validation Error', tags: [`A dataset may have at most ${LIMITS.datasetTags} tags; 20000 were given`] });
  t.equal((await k.api('package_show', { id: 'nhieu-nhan' })).status, 404, 'nothing was created');
  const csv = await k.api('package_create', { name: 'nhieu-nhan', owner_org: org.name, tag_string: tags(LIMITS.datasetTags + 1).map((x) => x.name).join(',') });
  t.equal(csv.status, 409, 'tag_string counts the same');

  const before = await snapshot(pkg.id);
  const patch = await k.api('package_patch', { id: pkg.id, tags: tags(LIMITS.datasetTags + 1) }, { token: org.editor.token });
  t.equal(patch.status, 409);
  t.same(patch.body.error.tags, [`A dataset may have at most ${LIMITS.datasetTags} tags; ${LIMITS.datasetTags + 1} were given`]);
  const update = await k.api('package_update', { ...before.dataset, tags: tags(LIMITS.datasetTags + 1) }, { token: org.editor.token });
  t.equal(update.status, 409);
  const after = await snapshot(pkg.id);
  t.same(after.dataset, before.dataset, 'the dataset is unchanged');
  t.equal(after.activities, before.activities);

  const most = await k.api('package_create', { name: 'du-nhan', owner_org: org.name, tags: tags(LIMITS.datasetTags) });
  t.equal(most.status, 200, `${LIMITS.datasetTags} tags are fine`);
  const activity = await k.api('package_activity_list', { id: 'du-nhan' }, { token: null });
  t.equal(activity.status, 200, 'and its activity stream shows');
});

t.test('extras are bounded in number and size', async (t) => {
  const extras = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `truong_${i}`, value: 'x' }));
  const many = await k.api('package_create', { name: 'nhieu-truong', owner_org: org.name, extras: extras(LIMITS.datasetExtras + 1) });
  t.equal(many.status, 409);
  t.same(many.body.error, { __type: 'Validation Error', extras: [`At most ${LIMITS.datasetExtras} extras are allowed; ${LIMITS.datasetExtras + 1} were given`] });
  t.equal((await k.api('package_show', { id: 'nhieu-truong' })).status, 404);

  const big = await k.api('package_patch', { id: pkg.id, extras: [{ key: 'ok', value: 'v' }, { key: 'lon', value: 'x'.repeat(LIMITS.extraValueChars + 1) }] });
  t.equal(big.status, 409);
  t.same(big.body.error, { __type: 'Validation Error', extras: [{}, { value: [`Must be a maximum of ${LIMITS.extraValueChars} characters long`] }] });
  const longKey = await k.api('package_patch', { id: pkg.id, extras: [{ key: 'k'.repeat(LIMITS.extraKeyChars + 1), value: 'v' }] });
  t.equal(longKey.status, 409);
  t.same(longKey.body.error.extras, [{ key: [`Must be a maximum of ${LIMITS.extraKeyChars} characters long`] }]);
  const proto = await k.kho.call('package_patch', { id: pkg.id, extras: [{ key: '__proto__', value: 'v' }] }, { ignoreAuth: true }).catch((e) => e);
  t.same(proto.fields, { extras: [{ key: ['That key is not allowed'] }] }, 'also from a trusted caller, where no HTTP check ran');
  t.same((await k.api('package_show', { id: pkg.id })).body.result.extras, []);
});

t.test('resources per dataset and the whole dataset size are checked on the merged result', async (t) => {
  const res = (n: number) => Array.from({ length: n }, (_, i) => ({ url: `http://x.vn/${i}.csv` }));
  const many = await k.api('package_create', { name: 'nhieu-tep', owner_org: org.name, resources: res(LIMITS.datasetResources + 1) });
  t.equal(many.status, 409);
  t.same(many.body.error, { __type: 'Validation Error', resources: [`A dataset may have at most ${LIMITS.datasetResources} resources; it would have ${LIMITS.datasetResources + 1}`] });
  t.equal((await k.api('package_show', { id: 'nhieu-tep' })).status, 404);

  const full = await k.api('package_create', { name: 'du-tep', owner_org: org.name, resources: res(LIMITS.datasetResources) });
  t.equal(full.status, 200, JSON.stringify(full.body.error));
  const oneMore = await k.api('resource_create', { package_id: 'du-tep', url: 'http://x.vn/them.csv' });
  t.equal(oneMore.status, 409, 'resource_create adds to the list it merges into');
  t.same(oneMore.body.error.resources, [`A dataset may have at most ${LIMITS.datasetResources} resources; it would have ${LIMITS.datasetResources + 1}`]);
  t.equal((await k.api('package_show', { id: 'du-tep' })).body.result.num_resources, LIMITS.datasetResources);

  // Each part within its own bound, the whole past the dataset's: the notes alone pass, and so
  // does the patch alone; merged, they do not.
  const notes = 'Ghi chú dài. '.repeat(Math.floor((LIMITS.datasetBytes * 0.7) / 15));
  const large = await k.api('package_create', { name: 'lon', owner_org: org.name, notes });
  t.equal(large.status, 200, JSON.stringify(large.body.error));
  const before = await snapshot('lon');
  const patchExtras = Array.from({ length: 4 }, (_, i) => ({ key: `phu_luc_${i}`, value: 'y'.repeat(LIMITS.extraValueChars) }));
  const patch = await k.api('package_patch', { id: 'lon', extras: patchExtras });
  t.equal(patch.status, 409);
  t.match(patch.body.error, { __type: 'Validation Error', message: /^The dataset would be [\d,]+ KiB as JSON; at most 1,024 KiB is allowed$/ });
  const after = await snapshot('lon');
  t.same(after.dataset, before.dataset, 'the dataset is unchanged');
  t.equal(after.activities, before.activities, 'no activity was recorded');
  const res1 = await k.api('resource_create', { package_id: 'lon', url: 'http://x.vn/a.csv', description: 'z'.repeat(LIMITS.datasetBytes / 2) });
  t.equal(res1.status, 409, 'a resource that would push it past the bound');
  t.equal((await k.api('package_show', { id: 'lon' })).body.result.num_resources, 0);
  const huge = await k.api('package_create', { name: 'qua-lon', owner_org: org.name, notes: 'n'.repeat(LIMITS.datasetBytes) });
  t.equal(huge.status, 409, 'and a dataset created too large');
  t.equal((await k.api('package_show', { id: 'qua-lon' })).status, 404);
});

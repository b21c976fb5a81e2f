// Transport, envelope, errors, authentication, JSONP and CORS (contract §1, checklist 1–13).
import t from 'tap';
import { startKho, orgWithRoles, backendName } from './helpers/kho.js';

t.comment(`database backend: ${backendName}`);
const k = await startKho();
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-y-te');
const created = await k.api('package_create', { name: 'co-so-y-te', title: 'Cơ sở y tế', owner_org: org.name });
const priv = await k.api('package_create', { name: 'rieng-tu', owner_org: org.name, private: true });

t.test('status_show on both prefixes with an absolute help URL', async (t) => {
  for (const prefix of ['/api/3/action', '/api/action']) {
    const r = await k.api('status_show', {}, { method: 'GET', prefix });
    t.equal(r.status, 200);
    t.equal(r.headers.get('content-type'), 'application/json;charset=utf-8');
    t.equal(r.body.success, true);
    t.equal(r.body.help, `${k.url}/api/3/action/help_show?name=status_show`);
    t.ok(r.body.result.ckan_version);
    t.equal(r.body.result.site_url, k.url);
    t.ok(r.body.result.extensions.includes('datastore'));
  }
});

t.test('/api version probes and old API versions', async (t) => {
  const old = await fetch(`${k.url}/api/2/action/package_list`);
  t.equal(old.status, 404);
  t.same(await (await fetch(`${k.url}/api/3`)).json(), { version: 3 });
  t.same(await (await fetch(`${k.url}/api`)).json(), { version: 1 });
});

t.test('unknown action is a bare 400 string', async (t) => {
  const r = await k.api('no_such_action', {});
  t.equal(r.status, 400);
  t.type(r.body, 'string');
  t.match(r.body, /Action name not known: no_such_action/);
});

t.test('GET on a write action asks for POST', async (t) => {
  const r = await k.api('package_create', { name: 'x' }, { method: 'GET' });
  t.equal(r.status, 400);
  t.type(r.body, 'string');
  t.match(r.body, /POST/);
});

t.test('malformed JSON bodies are 400 strings, not 500', async (t) => {
  for (const body of ['[1,2]', '{bad', '"just a string"', 'null']) {
    const res = await fetch(`${k.url}/api/3/action/package_show`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    t.equal(res.status, 400, body);
    t.type(await res.json(), 'string');
  }
});

t.test('curl -d form body with one JSON key is read as JSON', async (t) => {
  const res = await fetch(`${k.url}/api/3/action/package_show`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: JSON.stringify({ id: 'co-so-y-te' }),
  });
  t.equal(res.status, 200);
  t.equal((await res.json()).result.name, 'co-so-y-te');
});

t.test('package_show not found and missing id', async (t) => {
  const nf = await k.api('package_show', { id: 'khong-co' });
  t.equal(nf.status, 404);
  t.equal(nf.body.success, false);
  t.equal(nf.body.error.__type, 'Not Found Error');
  const missing = await k.api('package_show', {}, { method: 'GET' });
  t.equal(missing.status, 409);
  t.same(missing.body.error.name_or_id, ['Missing value']);
});

t.test('validation errors list messages beside __type', async (t) => {
  const r = await k.api('package_create', { name: 'Hello World', owner_org: org.name });
  t.equal(r.status, 409);
  t.equal(r.body.error.__type, 'Validation Error');
  t.ok(Array.isArray(r.body.error.name));
  t.type(r.body.error.name[0], 'string');
});

t.test('resources given as a string is an Integrity Error', async (t) => {
  const r = await k.api('package_create', { name: 'hong', owner_org: org.name, resources: 'x' });
  t.equal(r.status, 400);
  t.equal(r.body.error.__type, 'Integrity Error');
});

t.test('token in Authorization, X-CKAN-API-Key or Bearer acts as the user', async (t) => {
  for (const headers of [
    { Authorization: org.editor.token },
    { 'X-CKAN-API-Key': org.editor.token },
    { Authorization: `Bearer ${org.editor.token}` },
  ]) {
    const res = await fetch(`${k.url}/api/3/action/user_show`, { headers: headers as unknown as Record<string, string> });
    const body = await res.json();
    t.equal(res.status, 200);
    t.equal(body.result.name, org.editor.name);
  }
});

t.test('garbage and revoked tokens are anonymous', async (t) => {
  const list = await k.api('package_list', {}, { token: 'garbage-token', method: 'GET' });
  t.equal(list.status, 200);
  const create = await k.api('package_create', { name: 'bi-cam', owner_org: org.name }, { token: 'garbage-token' });
  t.equal(create.status, 403);
  t.equal(create.body.error.__type, 'Authorization Error');

  const made = await k.api('api_token_create', { user: org.editor.name, name: 'tam' }, { token: org.editor.token });
  const token = made.body.result.token;
  t.equal((await k.api('user_show', {}, { token, method: 'GET' })).body.result.name, org.editor.name);
  t.equal((await k.api('api_token_revoke', { token }, { token: org.editor.token })).status, 200);
  const after = await k.api('package_create', { name: 'sau-thu-hoi', owner_org: org.name }, { token });
  t.equal(after.status, 403);
});

t.test('JSONP runs anonymously', async (t) => {
  const res = await fetch(`${k.url}/api/3/action/package_show?id=co-so-y-te&callback=cb`);
  t.equal(res.status, 200);
  t.match(res.headers.get('content-type'), /application\/javascript/);
  const text = await res.text();
  t.ok(text.startsWith('cb({') && text.endsWith('});'));
  const hidden = await fetch(`${k.url}/api/3/action/package_show?id=${priv.body.result.id}&callback=cb`, {
    headers: { Authorization: k.sysadmin.token },
  });
  t.equal(hidden.status, 403);
});

t.test('CORS preflight allows Authorization', async (t) => {
  const res = await fetch(`${k.url}/api/3/action/package_show`, {
    method: 'OPTIONS', headers: { Origin: 'https://portal.example.vn', 'Access-Control-Request-Method': 'POST' },
  });
  t.ok(res.status >= 200 && res.status < 300);
  t.equal(res.headers.get('access-control-allow-origin'), '*');
  t.match(res.headers.get('access-control-allow-headers'), /Authorization/);
});

t.test('other methods on action URLs are 405', async (t) => {
  const res = await fetch(`${k.url}/api/3/action/package_show`, { method: 'DELETE' });
  t.equal(res.status, 405);
});

t.test('typed parameters accept CKAN string forms', async (t) => {
  const r = await k.api('package_list', { limit: '1', offset: '0' }, { method: 'GET' });
  t.equal(r.status, 200);
  t.equal(r.body.result.length, 1);
  const bad = await k.api('package_list', { limit: 'abc' }, { method: 'GET' });
  t.equal(bad.status, 409);
  t.same(bad.body.error.limit, ['Invalid integer']);
  // A schema's own wording (x-messages) wins over the generic one, as CKAN words it.
  const facets = await k.api('package_search', { 'facet.field': 7 });
  t.equal(facets.status, 409);
  t.same(facets.body.error['facet.field'], ['Could not parse as valid JSON']);
  const rows = await k.api('package_search', { rows: -1 });
  t.same(rows.body.error.rows, ['Must be a natural number']);
});

t.test('created dataset id is returned', async (t) => {
  t.equal(created.status, 200);
  t.match(created.body.result.id, /^[0-9a-f-]{36}$/);
});

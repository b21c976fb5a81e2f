// Operating Kho: settings checked at start (each bad value named), the health probes, the
// Prometheus metrics and the request log, on a real Kho over HTTP.
import t from 'tap';
import { loadConfig, KhoConfigError } from '../server/config.js';
import { buildApp } from '../server/http/app.js';
import { sendError } from '../server/http/reply-errors.js';
import { enqueueJob } from '../server/jobs/job-queue.js';
import { startKho } from './helpers/kho.js';

t.test('settings: each bad value stops the start with one line naming its variable', async (t) => {
  const bad: [Record<string, string>, string, RegExp][] = [
    [{ PORT: 'abc' }, 'PORT', /^PORT must be a whole number from 0 to 65535, not "abc"$/],
    [{ PORT: '70000' }, 'PORT', /^PORT must be/],
    [{ KHO_MAX_UPLOAD_MB: 'abc' }, 'KHO_MAX_UPLOAD_MB', /^KHO_MAX_UPLOAD_MB must be a positive number, not "abc"$/],
    [{ KHO_MAX_UPLOAD_MB: '-5' }, 'KHO_MAX_UPLOAD_MB', /^KHO_MAX_UPLOAD_MB must be a positive number/],
    [{ KHO_SEED: 'maybe' }, 'KHO_SEED', /^KHO_SEED must be one of 1, 0, true, false, yes, no, not "maybe"$/],
    [{ KHO_DATASTORE_AUTOLOAD: 'off' }, 'KHO_DATASTORE_AUTOLOAD', /^KHO_DATASTORE_AUTOLOAD must be one of 1, 0, true/],
    [{ S3_FORCE_PATH_STYLE: 'on', KHO_STORAGE: 's3', S3_BUCKET: 'b' }, 'S3_FORCE_PATH_STYLE', /^S3_FORCE_PATH_STYLE must be one of/],
    [{ DATABASE_URL: 'mysql://kho@localhost/kho' }, 'DATABASE_URL', /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/$/],
    [{ DATABASE_POOL_MAX: '0' }, 'DATABASE_POOL_MAX', /^DATABASE_POOL_MAX must be a whole number from 1 to 1000/],
    [{ DATABASE_CONNECT_TIMEOUT: '5s' }, 'DATABASE_CONNECT_TIMEOUT', /^DATABASE_CONNECT_TIMEOUT must be a whole number/],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL', /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "verbose"$/],
    [{ KHO_STORAGE: 'ftp' }, 'KHO_STORAGE', /^KHO_STORAGE must be one of local, s3/],
    [{ KHO_STORAGE: 's3' }, 'S3_BUCKET', /^S3_BUCKET must be set when KHO_STORAGE=s3/],
    [{ KHO_SITE_URL: 'kho.example.vn' }, 'KHO_SITE_URL', /^KHO_SITE_URL must be an http:\/\/ or https:\/\/ URL/],
    [{ MEILI_URL: 'localhost:7700' }, 'MEILI_URL', /^MEILI_URL must be an http/],
    [{ KHO_CORS_ORIGINS: 'https://a.example.vn/' }, 'KHO_CORS_ORIGINS', /^KHO_CORS_ORIGINS must be \* or origins/],
    [{ KHO_DATASTORE_SQL: 'all' }, 'KHO_DATASTORE_SQL', /^KHO_DATASTORE_SQL must be one of off, signed-in, everyone/],
    [{ KHO_DATASTORE_SQL_TIMEOUT_MS: 'soon' }, 'KHO_DATASTORE_SQL_TIMEOUT_MS', /^KHO_DATASTORE_SQL_TIMEOUT_MS must be a whole number/],
    [{ KHO_LOCALE: 'vietnamese language' }, 'KHO_LOCALE', /^KHO_LOCALE must be a language code/],
  ];
  for (const [env, variable, message] of bad) {
    let caught: unknown = null;
    try { loadConfig(env); } catch (err) { caught = err; }
    t.ok(caught instanceof KhoConfigError, `${JSON.stringify(env)} is refused`);
    if (!(caught instanceof KhoConfigError)) continue;
    t.equal(caught.variable, variable, `${JSON.stringify(env)} names ${variable}`);
    t.match(caught.message, message);
    t.notMatch(caught.message, /\n/, 'one line');
  }
});

t.test('settings: what is accepted, and the defaults', async (t) => {
  const d = loadConfig({});
  t.equal(d.port, 5000);
  t.equal(d.seed, true);
  t.equal(d.logLevel, 'info');
  t.equal(d.maxUploadBytes, 1024 * 1024 * 1024);
  t.same(d.storage, { kind: 'local' });
  t.equal(d.databaseConnectTimeoutS, 5);
  t.equal(d.databasePoolMax, 10);
  t.equal(d.metricsToken, undefined);
  // KHO_SEED=false used to mean "seed" (only '0' turned it off).
  for (const [v, want] of [['false', false], ['FALSE', false], ['no', false], ['0', false], ['true', true], ['Yes', true], ['1', true]] as const) {
    t.equal(loadConfig({ KHO_SEED: v }).seed, want, `KHO_SEED=${v}`);
  }
  t.equal(loadConfig({ KHO_MAX_UPLOAD_MB: '0.5' }).maxUploadBytes, 512 * 1024);
  t.equal(loadConfig({ PORT: '8080' }).port, 8080);
  t.equal(loadConfig({ LOG_LEVEL: 'silent' }).logLevel, 'silent');
  t.equal(loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/kho' }).databaseUrl, 'postgresql://u:p@db:5432/kho');
  t.same(loadConfig({ KHO_CORS_ORIGINS: 'https://a.example.vn, http://localhost:3000' }).corsOrigins, ['https://a.example.vn', 'http://localhost:3000']);
  const s3 = loadConfig({ KHO_STORAGE: 's3', S3_BUCKET: 'kho', S3_FORCE_PATH_STYLE: 'true', S3_ENDPOINT: 'http://minio:9000' }).storage;
  t.same(s3, { kind: 's3', bucket: 'kho', endpoint: 'http://minio:9000', region: 'us-east-1', forcePathStyle: true, accessKeyId: undefined, secretAccessKey: undefined, prefix: undefined });
  t.equal(loadConfig({ KHO_ADMIN_EMAIL: 'qtv@hue.gov.vn', KHO_ADMIN_PASSWORD: 'mat-khau-dai' }).adminEmail, 'qtv@hue.gov.vn');
});

t.test('/healthz and /readyz answer while the database does', async (t) => {
  const k = await startKho();
  t.teardown(() => k.close());
  const health = await fetch(`${k.url}/healthz`);
  t.equal(health.status, 200);
  t.same(await health.json(), { status: 'ok' });
  const ready = await fetch(`${k.url}/readyz`);
  t.equal(ready.status, 200);
  t.same(await ready.json(), { status: 'ok' });
  t.equal(ready.headers.get('cache-control'), 'no-store');
});

t.test('/readyz is 503 with the reason once the database is gone; /healthz still 200', async (t) => {
  const k = await startKho();
  await k.kho.database.close();
  t.teardown(async () => {
    // Closed already: what is left to close is the app, the test database and the files.
    k.kho.database.close = async () => {};
    await k.close();
  });
  const ready = await fetch(`${k.url}/readyz`);
  t.equal(ready.status, 503);
  const body = await ready.json();
  t.equal(body.status, 'unavailable');
  t.match(body.reason, /^database: \S/, `the reason: ${body.reason}`);
  t.notMatch(body.reason, /\n|    at /, 'one line, no stack');
  t.equal((await fetch(`${k.url}/healthz`)).status, 200, 'the process itself still answers');
  const metrics = await (await fetch(`${k.url}/metrics`)).text();
  t.match(metrics, /^kho_database_up 0$/m, '/metrics answers too, and says the database is down');
});

t.test('/metrics: requests by action and status, latency histograms, the job queue, the pool', async (t) => {
  const k = await startKho();
  t.teardown(() => k.close());
  await k.api('package_list');
  await k.api('package_list');
  await k.api('status_show', {}, { method: 'GET' });
  await k.api('khong_co_action_nay');
  await fetch(`${k.url}/khong-co-trang-nay`);
  // A kind no worker here runs: it stays queued, so the figure is certain.
  await enqueueJob(k.kho.database.db, 'metrics_test', 'k1');
  await enqueueJob(k.kho.database.db, 'metrics_test', 'k2');

  const res = await fetch(`${k.url}/metrics`);
  t.equal(res.status, 200);
  t.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  t.match(text, /^kho_http_requests_total\{handler="package_list",status="200"\} 2$/m, 'two package_list calls counted');
  t.match(text, /^kho_http_requests_total\{handler="status_show",status="200"\} 1$/m);
  t.match(text, /^kho_http_requests_total\{handler="unknown_action",status="400"\} 1$/m, 'an unknown action is one bounded label');
  t.match(text, /^kho_http_requests_total\{handler="no_route",status="404"\} 1$/m, 'so is a URL that matched no route');
  t.notMatch(text, /khong_co_action_nay|khong-co-trang-nay/, 'nothing a caller typed becomes a label');
  t.match(text, /^kho_http_request_duration_seconds_bucket\{le="0\.1",handler="package_list",status="200"\} \d+$/m);
  t.match(text, /^kho_http_request_duration_seconds_count\{handler="package_list",status="200"\} 2$/m);
  t.match(text, /^kho_jobs\{kind="metrics_test",state="pending"\} 2$/m, 'the queue depth by kind and state');
  t.match(text, /^kho_job_attempts\{kind="metrics_test"\} 0$/m);
  t.match(text, /^kho_job_failures\{kind="metrics_test"\} 0$/m);
  t.match(text, /^kho_database_up 1$/m);
  t.match(text, new RegExp(`^kho_db_pool_size ${k.kho.database.poolSize}$`, 'm'));
  if (k.kho.database.kind === 'postgres') t.match(text, /^kho_db_connections\{state="active"\} [1-9]\d*$/m, 'connections from pg_stat_activity');
  t.match(text, /^process_resident_memory_bytes \d+/m, 'the process figures');

  // The counter goes up with the next call.
  await k.api('package_list');
  const again = await (await fetch(`${k.url}/metrics`)).text();
  t.match(again, /^kho_http_requests_total\{handler="package_list",status="200"\} 3$/m);
  t.match(again, /^kho_http_requests_total\{handler="\/metrics",status="200"\} 1$/m, 'scrapes are counted too');

  // With KHO_METRICS_TOKEN set, only a scraper that sends it gets in.
  k.kho.config.metricsToken = 'bi-mat-cua-prometheus';
  t.equal((await fetch(`${k.url}/metrics`)).status, 401);
  t.equal((await fetch(`${k.url}/metrics`, { headers: { Authorization: 'Bearer sai' } })).status, 401);
  t.equal((await fetch(`${k.url}/metrics`, { headers: { Authorization: 'Bearer bi-mat-cua-prometheus' } })).status, 200);
});

t.test('the request log: one JSON line per request; a 500 logged with its stack, never sent', async (t) => {
  const k = await startKho();
  t.teardown(() => k.close());
  const lines: string[] = [];
  const app = await buildApp(k.kho, { logger: { level: 'debug', stream: { write: (line: string) => { lines.push(line); } } } });
  // Two ways a request becomes a 500: a route that throws, and an action that fails unexpectedly.
  app.get('/test/route-fails', async () => { throw new Error('the disk caught fire (test)'); });
  app.post('/test/action-fails', async (request, reply) => sendError(request, reply, new Error('an action broke (test)'), 'help'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => app.close());
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const before = lines.length;

  const ok = await fetch(`${url}/api/3/action/package_list`, { method: 'POST', headers: { Authorization: k.sysadmin.token, 'Content-Type': 'application/json' }, body: '{}' });
  t.equal(ok.status, 200);
  const anon = await fetch(`${url}/api/3/action/status_show?x=1`, { headers: { 'X-CKAN-API-Key': k.sysadmin.token.replace(/.$/, '0') } });
  t.equal(anon.status, 200);
  const failed = await fetch(`${url}/test/route-fails`);
  t.equal(failed.status, 500);
  const failedBody = await failed.text();
  const failedAction = await fetch(`${url}/test/action-fails`, { method: 'POST' });
  t.equal(failedAction.status, 500);
  const failedActionBody = await failedAction.text();
  for (const body of [failedBody, failedActionBody]) {
    t.notMatch(body, /caught fire|broke|\bat \w|\.ts:\d+/, `the response shows no error or stack: ${body}`);
    t.match(body, /Internal Server Error/);
  }
  await fetch(`${url}/healthz`);

  const entries = lines.slice(before).map((l) => JSON.parse(l));
  const requests = entries.filter((e) => e.msg === 'request' || e.msg === 'request failed');
  t.equal(requests.length, 5, 'one line per request');
  t.equal(new Set(requests.map((e) => e.reqId)).size, 5, 'each with its own request id');
  t.equal(entries.length, requests.length, 'and no other lines');

  const [list, status, routeFail, actionFail, probe] = requests;
  t.match(list, { level: 30, method: 'POST', url: '/api/3/action/package_list', route: '/api/3/action/:name', action: 'package_list', status: 200, user: k.sysadmin.id });
  t.type(list.ms, 'number');
  t.match(status, { method: 'GET', url: '/api/3/action/status_show?x=1', action: 'status_show', status: 200 });
  t.notOk('user' in status, 'an unknown token is nobody');
  t.match(routeFail, { level: 50, route: '/test/route-fails', status: 500, err: { message: 'the disk caught fire (test)' } });
  t.match(routeFail.err.stack, /Error: the disk caught fire \(test\)\n\s+at /, 'the stack is logged');
  t.match(actionFail, { level: 50, status: 500, err: { message: 'an action broke (test)' } });
  t.match(actionFail.err.stack, /\n\s+at /);
  t.match(probe, { level: 20, route: '/healthz', status: 200 }, 'probes are logged at debug');

  const all = lines.join('');
  t.notOk(all.includes(k.sysadmin.token), 'the API token never reaches the log');
  t.notOk(all.includes(k.sysadmin.token.replace(/.$/, '0')), 'nor a wrong one');
});

t.test('LOG_LEVEL sets the level; silent writes nothing', async (t) => {
  const k = await startKho();
  t.teardown(() => k.close());
  const lines: string[] = [];
  k.kho.config.logLevel = 'silent';
  const app = await buildApp(k.kho, { logger: { stream: { write: (line: string) => { lines.push(line); } } } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => app.close());
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  t.equal((await fetch(`${url}/api/3/action/status_show`)).status, 200);
  t.same(lines, []);
});

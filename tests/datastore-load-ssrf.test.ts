// A resource linking to an address inside the server's network is not loaded into the DataStore
// (issue 11, §6): the load ends in error with the refusal, and no table appears, unless the site
// allows that address with KHO_FETCH_ALLOW.
import t from 'tap';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startKho, type TestKho } from './helpers/kho.js';
import { loadHelpers } from './helpers/datastore-load.js';
import { sql } from 'drizzle-orm';

const asked: string[] = [];
const fixture = http.createServer((req, res) => {
  asked.push(req.url ?? '');
  // Down once, then up: a failure that may pass.
  if (req.url === '/flaky.csv' && asked.filter((u) => u === '/flaky.csv').length === 1) {
    res.writeHead(503);
    return res.end('busy');
  }
  if (req.url === '/missing.csv') {
    res.writeHead(404);
    return res.end();
  }
  if (req.url === '/misfit.csv') {
    // Numbers for longer than the loader samples, then a word: the first guess cannot hold it.
    res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8' });
    return res.end(`Mã,Ghi chú\n${Array.from({ length: 12000 }, (_, i) => `${i},${i}`).join('\n')}\n12000,không rõ\n`);
  }
  if (req.url?.startsWith('/redirect')) {
    res.writeHead(302, { Location: `http://127.0.0.1:${port}/x.csv` });
    return res.end();
  }
  res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8' });
  res.end('Huyện,Dân số\nPhong Điền,90000\nQuảng Điền,85000\n');
});
await new Promise<void>((r) => fixture.listen(0, '127.0.0.1', r));
const port = (fixture.address() as AddressInfo).port;
t.teardown(() => {
  fixture.closeAllConnections();
  fixture.close();
});

async function linkedResource(k: TestKho, url: string) {
  await k.api('organization_create', { name: 'so-ke-hoach' });
  const ds = (await k.api('package_create', { name: 'dan-so', owner_org: 'so-ke-hoach' })).body.result;
  const r = await k.api('resource_create', { package_id: ds.id, url, format: 'CSV', name: 'Dân số' });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  return { id: r.body.result.id as string, ...loadHelpers(k, ds.id) };
}

t.test('without KHO_FETCH_ALLOW a loopback link fails with the refusal and no table', async (t) => {
  const k = await startKho({ env: { KHO_DATASTORE_AUTOLOAD: '1', KHO_FETCH_ALLOW: '' } });
  t.teardown(() => k.close());
  asked.length = 0;
  const { id, loaded } = await linkedResource(k, `http://127.0.0.1:${port}/x.csv`);
  const status = await loaded(id);
  t.equal(status.status, 'error');
  t.equal(status.error?.message, 'refused: 127.0.0.1 is a loopback address');
  t.same(asked, [], 'the fixture server was never asked');
  t.equal((await k.api('datastore_search', { resource_id: id })).status, 404, 'no DataStore table');
  t.equal((await k.api('datastore_info', { id })).status, 404);
  t.notOk((await k.api('resource_show', { id })).body.result.datastore_active, 'not marked as in the DataStore');
  // An input error is the publisher's to fix: it is recorded once, not retried.
  await k.kho.jobs!.runPending();
  const after = (await k.api('xloader_status', { resource_id: id })).body.result;
  t.equal(after.job_id, status.job_id);
  t.equal(after.status, 'error');
});

t.test('a redirect from an allowed host to a loopback address is refused too', async (t) => {
  const k = await startKho({ env: { KHO_DATASTORE_AUTOLOAD: '1', KHO_FETCH_ALLOW: 'localhost' } });
  t.teardown(() => k.close());
  asked.length = 0;
  const { id, loaded } = await linkedResource(k, `http://localhost:${port}/redirect`);
  const status = await loaded(id);
  t.equal(status.status, 'error');
  t.equal(status.error?.message, 'refused: 127.0.0.1 is a loopback address');
  t.same(asked, ['/redirect'], 'only the allowed host was asked');
  t.equal((await k.api('datastore_search', { resource_id: id })).status, 404);
});

t.test('with KHO_FETCH_ALLOW=127.0.0.1 the same link loads', async (t) => {
  const k = await startKho({ env: { KHO_DATASTORE_AUTOLOAD: '1', KHO_FETCH_ALLOW: '127.0.0.1' } });
  t.teardown(() => k.close());
  asked.length = 0;
  const { id, loaded, search } = await linkedResource(k, `http://127.0.0.1:${port}/x.csv`);
  const status = await loaded(id);
  t.equal(status.status, 'complete', JSON.stringify(status.error ?? ''));
  t.equal(status.rows_done, 2);
  t.same(asked, ['/x.csv']);
  const r = await search(id);
  t.same(r.records.map((x: any) => [x['Huyện'], x['Dân số']]), [['Phong Điền', 90000], ['Quảng Điền', 85000]]);
});

t.test('a link is fetched once per load, however many times the loader reads it', async (t) => {
  const k = await startKho({ env: { KHO_DATASTORE_AUTOLOAD: '1' } });
  t.teardown(() => k.close());
  asked.length = 0;
  const { id, loaded, search } = await linkedResource(k, `http://127.0.0.1:${port}/misfit.csv`);
  const status = await loaded(id);
  t.equal(status.status, 'complete', JSON.stringify(status.error ?? ''));
  t.equal(status.rows_done, 12001);
  t.same(asked, ['/misfit.csv'], 'asked for once, although the first guess of a column had to be redone');
  const info = (await k.api('datastore_info', { id })).body.result;
  t.equal(info.fields.find((f: any) => f.id === 'Ghi chú')?.type, 'text');
  t.equal((await search(id)).total, 12001);
});

t.test('a source that is down for a moment is tried again; a missing file is not', async (t) => {
  const k = await startKho({ env: { KHO_DATASTORE_AUTOLOAD: '1' } });
  t.teardown(() => k.close());
  asked.length = 0;
  const { id, loaded } = await linkedResource(k, `http://127.0.0.1:${port}/flaky.csv`);
  // Until the first attempt has ended (the background worker may be the one running it).
  let waiting: any;
  for (let i = 0; i < 400; i++) {
    await k.kho.jobs!.runPending();
    waiting = (await k.api('xloader_status', { resource_id: id })).body.result;
    if (waiting.status !== 'running' && asked.includes('/flaky.csv')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  t.equal(waiting.status, 'pending', 'a 503 is not the end of the load');
  t.match(waiting.error?.message ?? '', /503/, 'what happened is kept on the job while it waits');
  const [job] = await k.kho.database.db.execute(sql`select attempts, run_at > timezone('utc', now()) as later from jobs where key = ${id}`)
    .then((r: any) => (Array.isArray(r) ? r : r.rows));
  t.equal(job.attempts, 1);
  t.ok(job.later, 'the retry waits out its backoff');
  // The backoff itself is the job queue's (tests/jobs.test.ts): bring the retry forward.
  await k.kho.database.db.execute(sql`update jobs set run_at = timezone('utc', now()) where key = ${id}`);
  const done = await loaded(id);
  t.equal(done.status, 'complete');
  t.equal((await k.api('datastore_search', { resource_id: id })).body.result.total, 2);

  const ds = (await k.api('package_create', { name: 'thieu-tep', owner_org: 'so-ke-hoach' })).body.result;
  const missing = (await k.api('resource_create', { package_id: ds.id, url: `http://127.0.0.1:${port}/missing.csv`, format: 'CSV' })).body.result;
  const gone = await loadHelpers(k, ds.id).loaded(missing.id);
  t.equal(gone.status, 'error', 'a 404 is the publisher\'s to fix: final at once');
  t.match(gone.error?.message ?? '', /404/);
});

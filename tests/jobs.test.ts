// Issue 11 §4: the job queue takes any registered kind with a key and a payload, runs a job no
// earlier than its run_at, retries failures with a backoff and keeps the last error, leaves kinds
// it does not run to the process that does, and runs periodic tasks once across processes.
// Sysadmins see and manage jobs with CKAN's job_list, job_show, job_clear and job_cancel. And
// §6: a background load's activity names the user who asked for it, or Kho's site user.
import t from 'tap';
import { sql } from 'drizzle-orm';
import { startKho, orgWithRoles, backendName } from './helpers/kho.js';
import { loadHelpers } from './helpers/datastore-load.js';
import { defaultBackoff, enqueueJob, JobInputError, type EnqueueOptions, type Job } from '../server/jobs/job-queue.js';
import { JobWorker, type JobHandler } from '../server/jobs/worker.js';
import { findJob } from '../server/jobs/job-admin.js';
import { openDatabase, type Database } from '../server/db/database.js';
import { rowsOf } from '../server/db/sql-helpers.js';
import { SITE_USER_NAME } from '../server/auth/users.js';

const k = await startKho({ env: { KHO_DATASTORE_AUTOLOAD: '1' } });
t.teardown(() => k.close());
const db = k.kho.database.db;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The job actions are registered by the module wiring; until that is in place, here.

const enqueue = (kind: string, key: string, opts?: EnqueueOptions) => db.transaction((tx) => enqueueJob(tx, kind, key, opts));
const job = async (id: number) => (await findJob(db, id))!;
/** Makes a job due now, as if its run_at (a retry's backoff, a later start) had passed. */
const makeDue = (id: number) => db.execute(sql`update "public"."jobs" set run_at = timezone('utc', clock_timestamp()) - interval '1 second' where id = ${id}`);
const secondsUntilRun = async (id: number) => rowsOf<{ s: number }>(await db.execute(sql`select extract(epoch from run_at - timezone('utc', clock_timestamp()))::float8 as s from "public"."jobs" where id = ${id}`))[0]!.s;

t.test('a job of any registered kind runs with its key, payload and who queued it', async (t) => {
  const seen: Job[] = [];
  const worker = new JobWorker(k.kho.database).register('test_echo', async (j) => {
    seen.push(j);
    return { method: 'echo' };
  });
  const queued = await enqueue('test_echo', 'nguon-thu-hoach-1', { payload: { trang: 3, tinh: 'Thừa Thiên Huế' }, createdBy: k.sysadmin.id });
  t.equal(queued.state, 'pending');
  t.same(queued.payload, { trang: 3, tinh: 'Thừa Thiên Huế' });
  const bare = await enqueue('test_echo', 'nguon-thu-hoach-2');
  t.same(bare.payload, {}, 'the payload defaults to {}');
  t.equal(bare.createdBy, null);
  t.equal(await worker.runPending(), 2);
  t.same(seen.map((j) => [j.kind, j.key, j.payload, j.createdBy, j.attempts]), [
    ['test_echo', 'nguon-thu-hoach-1', { trang: 3, tinh: 'Thừa Thiên Huế' }, k.sysadmin.id, 1],
    ['test_echo', 'nguon-thu-hoach-2', {}, null, 1],
  ]);
  const done = await job(queued.id);
  t.equal(done.state, 'complete');
  t.equal(done.method, 'echo');
  t.equal(done.error, null);
  t.ok(done.finished, 'finished is set');
});

t.test('a job whose run_at is in the future is not claimed until it is due', async (t) => {
  let runs = 0;
  const worker = new JobWorker(k.kho.database).register('test_later', async () => { runs++; });
  const later = await enqueue('test_later', 'nhac-viec', { runAt: new Date(Date.now() + 3_600_000) });
  t.ok(await secondsUntilRun(later.id) > 3500, 'run_at is an hour away');
  t.equal(await worker.runPending(), 0, 'nothing due');
  t.equal((await job(later.id)).state, 'pending');
  t.equal((await job(later.id)).attempts, 0);
  await makeDue(later.id);
  t.equal(await worker.runPending(), 1);
  t.equal(runs, 1);
  t.equal((await job(later.id)).state, 'complete');
});

t.test('a failing job is retried after its backoff until max_attempts, then fails keeping the last error', async (t) => {
  const asked: number[] = [];
  let calls = 0;
  const worker = new JobWorker(k.kho.database).register('test_flaky', async () => {
    calls++;
    throw new Error(`máy chủ nguồn không trả lời (lần ${calls})`);
  }, { maxAttempts: 3, backoff: (n) => { asked.push(n); return n * 60_000; } });
  const j = await enqueue('test_flaky', 'nguon-a');

  t.equal(await worker.runPending(), 1);
  let row = await job(j.id);
  t.equal(row.state, 'pending', 'back in the queue');
  t.equal(row.attempts, 1);
  t.equal(row.maxAttempts, 3, "the kind's max_attempts is recorded on the job");
  t.match(row.error, { message: 'internal error: máy chủ nguồn không trả lời (lần 1)' }, 'the error is kept while it waits');
  const wait = await secondsUntilRun(j.id);
  t.ok(wait > 50 && wait <= 60, `run_at is the backoff away (${wait.toFixed(1)} s)`);
  t.equal(await worker.runPending(), 0, 'not retried before its backoff has passed');

  await makeDue(j.id);
  t.equal(await worker.runPending(), 1);
  row = await job(j.id);
  t.equal(row.state, 'pending');
  t.equal(row.attempts, 2);
  t.match(row.error, { message: /lần 2/ });
  t.ok(await secondsUntilRun(j.id) > 110, 'the second backoff is longer');

  await makeDue(j.id);
  t.equal(await worker.runPending(), 1);
  row = await job(j.id);
  t.equal(row.state, 'error', 'failed for good after the third attempt');
  t.equal(row.attempts, 3);
  t.same(row.error, { message: 'internal error: máy chủ nguồn không trả lời (lần 3)' });
  t.ok(row.finished);
  t.same(asked, [1, 2], 'backoff asked after the first and second failures only');
  await makeDue(j.id);
  t.equal(await worker.runPending(), 0, 'a failed job is not run again');
  t.equal(calls, 3);
});

t.test('a job that succeeds on a retry completes; the default backoff grows to a cap', async (t) => {
  let calls = 0;
  const worker = new JobWorker(k.kho.database).register('test_second_time', async () => {
    if (++calls === 1) throw new Error('tạm thời');
    return { rows: 7 };
  });
  const j = await enqueue('test_second_time', 'x');
  await worker.runPending();
  const wait = await secondsUntilRun(j.id);
  t.ok(wait > 5 && wait <= 10, `the default first backoff is 10 s (${wait.toFixed(1)} s)`);
  await makeDue(j.id);
  await worker.runPending();
  const row = await job(j.id);
  t.equal(row.state, 'complete');
  t.equal(row.attempts, 2);
  t.equal(row.rowsDone, 7);
  t.equal(row.error, null, 'a completed job carries no error');
  t.same([1, 2, 3, 4, 5, 10].map(defaultBackoff), [10_000, 60_000, 360_000, 2_160_000, 3_600_000, 3_600_000]);
});

t.test("a JobInputError is final: the input's fault is not retried", async (t) => {
  let calls = 0;
  const worker = new JobWorker(k.kho.database).register('test_bad_input', async () => {
    calls++;
    throw new JobInputError('2 malformed rows (lines 3, 5)', [{ line: 3, message: 'x' }, { line: 5, message: 'y' }]);
  }, { maxAttempts: 5 });
  const j = await enqueue('test_bad_input', 'k');
  await worker.runPending();
  await makeDue(j.id);
  await worker.runPending();
  const row = await job(j.id);
  t.equal(calls, 1);
  t.equal(row.state, 'error');
  t.equal(row.attempts, 1);
  t.same(row.error, { message: '2 malformed rows (lines 3, 5)', lines: [{ line: 3, message: 'x' }, { line: 5, message: 'y' }] });
});

t.test('a kind this process did not register is left alone, not failed', async (t) => {
  const worker = new JobWorker(k.kho.database).register('test_echo_2', async () => {});
  const j = await enqueue('test_not_here', 'bao-cao-quy');
  t.equal(await worker.runPending(), 0);
  t.equal(await k.kho.jobs!.runPending(), 0, "nor does the server's own worker take it");
  const row = await job(j.id);
  t.equal(row.state, 'pending');
  t.equal(row.attempts, 0);
  t.equal(row.error, null);
  // A process that does run the kind takes it.
  const owner = new JobWorker(k.kho.database).register('test_not_here', async () => {});
  t.equal(await owner.runPending(), 1);
  t.equal((await job(j.id)).state, 'complete');
});

t.test('supersession is per kind: a newer pending job replaces older ones for the same key only where asked', async (t) => {
  const ran: string[] = [];
  const handler: JobHandler = async (j) => { ran.push(`${j.kind}#${j.id}`); };
  const worker = new JobWorker(k.kho.database)
    .register('test_newest', handler, { supersede: true })
    .register('test_every', handler);
  const a = await enqueue('test_newest', 'tai-nguyen-1');
  const b = await enqueue('test_newest', 'tai-nguyen-1');
  const c = await enqueue('test_newest', 'tai-nguyen-1');
  const other = await enqueue('test_newest', 'tai-nguyen-2');
  const p = await enqueue('test_every', 'tai-nguyen-1');
  const q = await enqueue('test_every', 'tai-nguyen-1');
  t.equal(await worker.runPending(), 4);
  t.same(ran.filter((r) => r.startsWith('test_newest')).sort(), [`test_newest#${c.id}`, `test_newest#${other.id}`].sort());
  t.same([(await job(a.id)).state, (await job(b.id)).state, (await job(c.id)).state], ['superseded', 'superseded', 'complete']);
  t.same(ran.filter((r) => r.startsWith('test_every')), [`test_every#${p.id}`, `test_every#${q.id}`], 'without supersede both run, in order');
});

t.test('a job interrupted by its process stopping counts as an attempt', async (t) => {
  let runs = 0;
  const worker = new JobWorker(k.kho.database).register('test_interrupted', async () => { runs++; });
  const stale = (id: number, attempts: number) => db.execute(sql`update "public"."jobs" set state = 'running', attempts = ${attempts},
    heartbeat = timezone('utc', clock_timestamp()) - interval '5 minutes' where id = ${id}`);
  const j = await enqueue('test_interrupted', 'a');
  await stale(j.id, 1);
  t.equal(await worker.runPending(), 1, 'taken up again');
  t.equal((await job(j.id)).attempts, 2);
  t.equal((await job(j.id)).state, 'complete');
  const spent = await enqueue('test_interrupted', 'b');
  await stale(spent.id, 3);
  t.equal(await worker.runPending(), 0);
  t.equal(runs, 1);
  const row = await job(spent.id);
  t.equal(row.state, 'error', 'out of attempts');
  t.match(row.error, { message: /interrupted 3 times/ });
});

t.test('periodic tasks run once per interval across processes', async (t) => {
  // Two processes: on Postgres two pools of their own; on PGlite two workers on one database.
  let second: Database = k.kho.database;
  if (backendName === 'postgres') {
    second = await openDatabase({ databaseUrl: k.kho.config.databaseUrl, connectTimeoutS: 5, poolMax: 4 });
    t.teardown(() => second.close());
  }
  const HOUR = 3_600_000;
  for (let round = 0; round < 5; round++) {
    const name = `test tick ${round}`;
    let runs = 0;
    const run = async () => { runs++; await pause(5); };
    const w1 = new JobWorker(k.kho.database).every(name, HOUR, run);
    const w2 = new JobWorker(second).every(name, HOUR, run);
    const [r1, r2] = await Promise.all([w1.runPeriodic(), w2.runPeriodic()]);
    t.equal(runs, 1, `${name}: ran once although both processes asked at once`);
    t.same([...r1, ...r2], [name]);
    // A third process starting now finds it done within the interval.
    t.same(await new JobWorker(second).every(name, HOUR, run).runPeriodic(), []);
    // An hour later (moved back in the table) one of them runs it again.
    await db.execute(sql`update "public"."periodic_tasks" set last_run = last_run - interval '2 hours' where name = ${name}`);
    t.same(await new JobWorker(k.kho.database).every(name, HOUR, run).runPeriodic(), [name]);
    t.equal(runs, 2);
  }

  // A run still going holds the task, even once its interval has passed.
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  let slowRuns = 0;
  const slow = async () => { slowRuns++; await gate; };
  const first = new JobWorker(k.kho.database).every('test slow', HOUR, slow).runPeriodic();
  while (!slowRuns) await pause(5);
  await db.execute(sql`update "public"."periodic_tasks" set last_run = last_run - interval '2 hours' where name = 'test slow'`);
  t.same(await new JobWorker(second).every('test slow', HOUR, slow).runPeriodic(), [], 'not started twice');
  release();
  t.same(await first, ['test slow']);
  await db.execute(sql`update "public"."periodic_tasks" set last_run = last_run - interval '2 hours' where name = 'test slow'`);
  t.same(await new JobWorker(second).every('test slow', HOUR, slow).runPeriodic(), ['test slow'], 'free again once it ended');

  // A failing task is logged and released.
  const logged: string[] = [];
  const failing = new JobWorker(k.kho.database, {}, (m) => logged.push(m)).every('test failing', HOUR, async () => { throw new Error('hỏng'); });
  t.same(await failing.runPeriodic(), []);
  t.match(logged, [/test failing: hỏng/]);
  const [held] = rowsOf<{ running_until: string | null }>(await db.execute(sql`select running_until from "public"."periodic_tasks" where name = 'test failing'`));
  t.equal(held!.running_until, null);
});

t.test('a running job that is cancelled is not recorded as complete', async (t) => {
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  let started = false;
  const worker = new JobWorker(k.kho.database).register('test_long', async (_j, progress) => {
    started = true;
    await gate;
    await progress.rows(10);
    return { rows: 10 };
  });
  const j = await enqueue('test_long', 'dai');
  const running = worker.runPending();
  while (!started) await pause(5);
  const res = await k.api('job_cancel', { id: String(j.id) });
  t.equal(res.status, 200, JSON.stringify(res.body));
  t.equal(res.body.result, null);
  release();
  await running;
  const row = await job(j.id);
  t.equal(row.state, 'cancelled');
  t.equal(row.rowsDone, 0, 'its result was not recorded');
});

t.test('job_list, job_show, job_clear, job_cancel: sysadmins only, CKAN shapes', async (t) => {
  const org = await orgWithRoles(k, 'so-ke-hoach');
  const plain = await k.user('nguoi-dung-jobs');
  const a = await enqueue('test_queue_a', 'nguon-1', { payload: { url: 'https://example.vn/a' }, createdBy: plain.id });
  const b = await enqueue('test_queue_b', 'nguon-2');
  const c = await enqueue('test_queue_b', 'nguon-3', { runAt: new Date(Date.now() + 86_400_000) });

  for (const [who, token] of [['anonymous', null], ['a plain user', plain.token], ['an organization admin', org.admin.token], ['an editor', org.editor.token]] as const) {
    for (const [action, data] of [['job_list', {}], ['job_show', { id: String(a.id) }], ['job_clear', { queues: ['test_queue_a'] }], ['job_cancel', { id: String(a.id) }]] as const) {
      const res = await k.api(action, data, { token });
      t.equal(res.status, 403, `${action} by ${who}`);
      t.equal(res.body.error?.__type, 'Authorization Error');
    }
  }
  t.equal((await job(a.id)).state, 'pending', 'nothing was cleared or cancelled by them');

  const listed = await k.api('job_list', { queues: ['test_queue_a', 'test_queue_b'] });
  t.equal(listed.status, 200);
  t.same(listed.body.result.map((j: any) => j.id), [String(a.id), String(b.id), String(c.id)]);
  const dict = listed.body.result[0];
  t.match(dict, {
    id: String(a.id), title: `test_queue_a nguon-1`, queue: 'test_queue_a', kind: 'test_queue_a', key: 'nguon-1', state: 'pending',
    payload: { url: 'https://example.vn/a' }, attempts: 0, max_attempts: 3, error: null, created_by: plain.id,
  });
  t.match(dict.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/, 'created as CKAN writes it');
  t.match(dict.run_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/);
  const byGet = await k.api('job_list', { queues: 'test_queue_b' }, { method: 'GET' });
  t.same(byGet.body.result.map((j: any) => j.id), [String(b.id), String(c.id)], 'queues as a comma list in a GET');
  const all = (await k.api('job_list', {})).body.result.map((j: any) => j.id);
  t.ok([a.id, b.id, c.id].every((id) => all.includes(String(id))), 'without queues, every kind');
  t.equal((await k.api('job_list', { states: ['nonsense'] })).status, 409);

  const shown = await k.api('job_show', { id: String(b.id) });
  t.equal(shown.status, 200);
  t.equal(shown.body.result.queue, 'test_queue_b');
  t.equal((await k.api('job_show', { id: b.id })).body.result.id, String(b.id), 'a number is taken too');
  t.equal((await k.api('job_show', { id: '99999999' })).status, 404);
  t.equal((await k.api('job_show', { id: 'khong-phai-so' })).status, 404);
  t.equal((await k.api('job_show', { id: '1'.repeat(40) })).status, 404);
  const missing = await k.api('job_show', {});
  t.equal(missing.status, 409);
  t.same(missing.body.error.id, ['Missing value']);

  // job_cancel: a waiting job will not run.
  t.equal((await k.api('job_cancel', { id: String(c.id) })).body.result, null);
  t.equal((await k.api('job_show', { id: String(c.id) })).body.result.state, 'cancelled');
  t.equal((await k.api('job_cancel', { id: '99999999' })).status, 404);
  const finished = await enqueue('test_queue_done', 'x');
  await new JobWorker(k.kho.database).register('test_queue_done', async () => {}).runPending();
  const late = await k.api('job_cancel', { id: String(finished.id) });
  t.equal(late.status, 409, 'a finished job cannot be cancelled');
  t.match(late.body.error.id, [/already finished \(complete\)/]);

  // job_clear with queues: those queues only; the names come back as CKAN returns them.
  const d = await enqueue('test_queue_c', 'nguon-4');
  const cleared = await k.api('job_clear', { queues: ['test_queue_b'] });
  t.equal(cleared.status, 200);
  t.same(cleared.body.result, ['test_queue_b']);
  t.equal((await job(b.id)).state, 'cancelled');
  t.equal((await job(a.id)).state, 'pending', 'another queue is untouched');
  const pendingOf = async (kind: string) => (await k.api('job_list', { queues: [kind] })).body.result.length;
  t.equal(await pendingOf('test_queue_b'), 0);
  // Without queues: every queue, including the kinds this process runs.
  const everything = await k.api('job_clear', {});
  t.equal(everything.status, 200);
  t.ok(['test_queue_a', 'test_queue_c', 'datastore_load'].every((q) => everything.body.result.includes(q)), JSON.stringify(everything.body.result));
  t.same([(await job(a.id)).state, (await job(d.id)).state], ['cancelled', 'cancelled']);
  t.equal((await job(finished.id)).state, 'complete', 'finished jobs are left as they are');
});

t.test("a background load's activity names who uploaded the file, or Kho's site user; never an empty user", async (t) => {
  const org = await orgWithRoles(k, 'so-tai-chinh');
  const editor = org.editor;
  const pkg = (await k.api('package_create', { name: 'thu-chi-ngan-sach', owner_org: org.name }, { token: editor.token })).body.result;
  const form = new FormData();
  form.append('package_id', pkg.id);
  form.append('upload', new Blob([Buffer.from('Năm,Thu (tỷ đồng)\n2023,1200\n2024,1350\n')]), 'thu-chi.csv');
  const created = await fetch(`${k.url}/api/action/resource_create`, { method: 'POST', headers: { Authorization: editor.token }, body: form });
  t.equal(created.status, 200);
  const resourceId = (await created.json() as any).result.id as string;
  const { loaded } = loadHelpers(k, pkg.id);
  const status = await loaded(resourceId);
  t.equal(status.status, 'complete', JSON.stringify(status.error ?? ''));
  t.equal((await k.api('job_show', { id: status.job_id })).body.result.created_by, editor.id, 'the job says who queued it');

  const activities = async () => (await k.api('package_activity_list', { id: pkg.id })).body.result as any[];
  let list = await activities();
  const loadActivity = list[0];
  t.equal(loadActivity.data.package.resources[0].datastore_active, true, 'the newest activity is the load setting datastore_active');
  t.equal(loadActivity.user_id, editor.id, "the load's activity is the editor's");
  for (const a of list) t.ok(typeof a.user_id === 'string' && a.user_id.length > 0, `${a.activity_type} has a user`);

  // Queued by a trusted internal call (no user): Kho's site user, a sysadmin, created on first need.
  t.equal((await k.api('datastore_delete', { resource_id: resourceId, force: true }, { token: editor.token })).status, 200);
  await k.kho.call('xloader_submit', { resource_id: resourceId }, { ignoreAuth: true });
  t.equal((await loaded(resourceId)).status, 'complete');
  const site = (await k.api('user_show', { id: SITE_USER_NAME })).body.result;
  t.equal(site.sysadmin, true);
  list = await activities();
  t.equal(list[0].data.package.resources[0].datastore_active, true);
  t.equal(list[0].user_id, site.id, "the internal load's activity is the site user's");
  for (const a of list) t.ok(typeof a.user_id === 'string' && a.user_id.length > 0, `${a.activity_type} has a user`);
  // The site's machinery, not a person: not listed, and its name cannot be taken.
  const names = (await k.api('user_list', { all_fields: false })).body.result as string[];
  t.notOk(names.includes(SITE_USER_NAME), 'user_list does not show the site user');
  const taken = await k.api('user_create', { name: SITE_USER_NAME, email: 'x@example.vn', password: 'mat-khau-123' });
  t.equal(taken.status, 409);
  t.same(taken.body.error.name, ['That login name is not available.']);
});

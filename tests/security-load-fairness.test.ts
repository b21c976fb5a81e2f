// Issue 10, item 5: background DataStore loads must not starve the API. What is asserted here is
// behaviour, not timing (bench/load-fairness.ts measures the latencies): the job worker runs at
// most its configured number of loads at once however many are queued, a resource's next load
// waits for the one running, every queued load still completes correctly; on the embedded
// database a long COPY gives way between its blocks to the queries that arrive meanwhile, and
// blocks stay near their size whatever the chunks they are cut from.
import t from 'tap';
import * as XLSX from 'xlsx';
import { sql } from 'drizzle-orm';
import { startKho, orgWithRoles, backendName } from './helpers/kho.js';
import { loadHelpers } from './helpers/datastore-load.js';
import { enqueueJob } from '../server/jobs/job-queue.js';
import { JobWorker, type JobHandler } from '../server/jobs/worker.js';
import { datastoreLoader } from '../server/modules/datastore/loader/load-resource.js';
import { loadConfig } from '../server/config.js';
import { recordBlocks } from '../server/db/database.js';
import { rowsOf } from '../server/db/sql-helpers.js';

const k = await startKho({ env: { KHO_DATASTORE_AUTOLOAD: '1', KHO_DATASTORE_LOAD_SLOTS: '2' } });
t.teardown(() => k.close());
const db = k.kho.database.db;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const jobStates = async (ids: string[]) => {
  const rows = rowsOf<{ resource_id: string; state: string }>(await db.execute(sql`select key as resource_id, state from "public"."jobs" where key in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) order by id`));
  return rows.map((r) => `${r.resource_id}:${r.state}`);
};

t.test('KHO_DATASTORE_LOAD_SLOTS: loads at once per process; 1 on the embedded database and 2 on Postgres unless set', async (t) => {
  t.equal(loadConfig({}).datastoreLoadSlots, undefined);
  t.equal(loadConfig({ KHO_DATASTORE_LOAD_SLOTS: '3' }).datastoreLoadSlots, 3);
  t.throws(() => loadConfig({ KHO_DATASTORE_LOAD_SLOTS: '0' }), /KHO_DATASTORE_LOAD_SLOTS must be a positive number/);
  t.throws(() => loadConfig({ KHO_DATASTORE_LOAD_SLOTS: 'nhiều' }), /KHO_DATASTORE_LOAD_SLOTS/);
  t.equal(datastoreLoader(k.kho).slots, 2, 'the setting');
  const unset = { ...k.kho, config: { ...k.kho.config, datastoreLoadSlots: undefined } };
  t.equal(datastoreLoader(unset).slots, backendName === 'pglite' ? 1 : 2, `the default on ${backendName}`);
});

t.test('the worker runs at most its slots at once, however many jobs are queued, and runs them all', async (t) => {
  // A worker of our own with a handler that counts how many run at once; the server's worker
  // stops meanwhile so that it leaves these jobs alone.
  await k.kho.jobs!.stop();
  t.teardown(() => k.kho.jobs!.start());
  let now = 0;
  let most = 0;
  const ran: string[] = [];
  const handler: JobHandler = async (job) => {
    now++;
    most = Math.max(most, now);
    await pause(30);
    ran.push(job.key);
    now--;
    return { rows: 1, method: 'test' };
  };
  handler.slots = 2;
  const worker = new JobWorker(k.kho.database, { datastore_load: handler });
  const ids = Array.from({ length: 7 }, (_, i) => `fairness-${i}`);
  for (const id of ids) await db.transaction((tx) => enqueueJob(tx, 'datastore_load', id));

  // By the caller's own loop, with a second caller racing it for the same slots.
  const [a, b] = await Promise.all([worker.runPending(), worker.runPending()]);
  t.equal(a + b, 7, 'every job ran, each once');
  t.equal(most, 2, 'two at once, never more');
  t.same([...ran].sort(), [...ids].sort());
  t.same(await jobStates(ids), ids.map((id) => `${id}:complete`));

  // And by the background loop.
  const more = Array.from({ length: 5 }, (_, i) => `fairness-bg-${i}`);
  most = 0;
  for (const id of more) await db.transaction((tx) => enqueueJob(tx, 'datastore_load', id));
  worker.start(20);
  let seen = 0;
  for (let i = 0; i < 400 && (await jobStates(more)).some((s) => !s.endsWith(':complete')); i++) {
    seen = Math.max(seen, worker.runningCount('datastore_load'));
    await pause(10);
  }
  await worker.stop();
  t.same(await jobStates(more), more.map((id) => `${id}:complete`), 'the background loop ran them all');
  t.equal(most, 2, 'two at once there too');
  t.ok(seen <= 2, `the worker counted ${seen} at most`);

  // With one slot, one at a time.
  handler.slots = 1;
  most = 0;
  const single = Array.from({ length: 3 }, (_, i) => `fairness-one-${i}`);
  for (const id of single) await db.transaction((tx) => enqueueJob(tx, 'datastore_load', id));
  await Promise.all([worker.runPending(), worker.runPending()]);
  t.equal(most, 1);
  t.same(await jobStates(single), single.map((id) => `${id}:complete`));
});

t.test("a resource's next load waits for the one running; other resources' loads go ahead", async (t) => {
  await k.kho.jobs!.stop();
  t.teardown(() => k.kho.jobs!.start());
  const order: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  const handler: JobHandler = async (job) => {
    order.push(`start ${job.key}#${job.id}`);
    if (job.key === 'fairness-same' && order.length === 1) await gate;
    order.push(`end ${job.key}#${job.id}`);
    return { rows: 0 };
  };
  handler.slots = 2;
  const worker = new JobWorker(k.kho.database, { datastore_load: handler });
  await db.transaction((tx) => enqueueJob(tx, 'datastore_load', 'fairness-same'));
  const first = worker.runPending();
  while (!order.length) await pause(5);
  // Queued while the first runs: the same resource again, and another.
  await db.transaction((tx) => enqueueJob(tx, 'datastore_load', 'fairness-same'));
  await db.transaction((tx) => enqueueJob(tx, 'datastore_load', 'fairness-other'));
  const second = worker.runPending();
  while (!order.some((e) => e.startsWith('end fairness-other'))) await pause(5);
  t.notOk(order.slice(1).some((e) => e.startsWith('start fairness-same')), 'the second load of the same resource has not started');
  release();
  await Promise.all([first, second]);
  const starts = order.filter((e) => e.startsWith('start fairness-same'));
  t.equal(starts.length, 2);
  t.ok(order.indexOf(`end ${starts[0]!.slice(6)}`) < order.indexOf(starts[1]!), 'it started after the first ended');
});

t.test('real loads queued at once: never more than the slots running, and all complete correctly', async (t) => {
  const org = await orgWithRoles(k, 'so-cong-thuong');
  const pkg = (await k.api('package_create', { name: 'cho-truyen-thong', owner_org: org.name })).body.result;
  const { upload, loaded, search } = loadHelpers(k, pkg.id);
  const places = ['Thừa Thiên Huế', 'Đà Nẵng', 'Quảng Trị', 'Quảng Nam'];
  const csv = (n: number, seed: number, strayQuote: boolean) => {
    let out = 'Mã chợ,Tỉnh,Tên chợ,Số hộ kinh doanh,Doanh thu (triệu đồng),Ngày khảo sát\n';
    for (let i = 0; i < n; i++) {
      const name = strayQuote && i === 5 ? 'Chợ 5" mới' : `"Chợ ${places[i % 4]}, khu ${i % 13}"`;
      out += `C${seed}-${i},${places[(i + seed) % 4]},${name},${(i * 7) % 500},${((i * 31) % 100000) / 100},${1 + (i % 28)}/${1 + (i % 12)}/2024\n`;
    }
    return Buffer.from(out);
  };
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Chợ', 'Số hộ'], ...Array.from({ length: 3000 }, (_, i) => [`Chợ Đông Ba ${i}`, i])]), 'Chợ');
  const files: [string, Buffer, number][] = [
    ['cho-1.csv', csv(20_000, 1, false), 20_000],
    ['cho-2.csv', csv(20_000, 2, true), 20_000],
    ['cho-3.csv', csv(15_000, 3, false), 15_000],
    ['cho-4.csv', csv(10_000, 4, true), 10_000],
    ['cho-5.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }), 3000],
  ];
  // Watch how many the server's worker runs while the uploads queue their loads.
  let most = 0;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      most = Math.max(most, k.kho.jobs!.runningCount('datastore_load'));
      await new Promise((r) => setImmediate(r));
    }
  })();
  const ids = await Promise.all(files.map(([name, bytes]) => upload(name, bytes)));
  // The API answers while they load.
  const answered: number[] = [];
  const statuses = await Promise.all(ids.map(async (id) => {
    const s = await loaded(id);
    answered.push((await k.api('status_show', {}, { method: 'GET' })).status);
    return s;
  }));
  watching = false;
  await watcher;
  t.ok(most >= 1 && most <= 2, `at most 2 loads ran at once (saw ${most})`);
  t.same(answered, ids.map(() => 200));
  for (const [i, s] of statuses.entries()) {
    const [name, , rows] = files[i]!;
    t.equal(s.status, 'complete', `${name}: ${JSON.stringify(s.error ?? '')}`);
    t.equal(s.rows_done, rows, `${name}: every row`);
    const r = await search(ids[i]!, { limit: 1, sort: '_id desc' });
    t.equal(r.total, rows, `${name}: every row in the table`);
  }
  t.match(statuses[0].method, /^direct copy/);
  t.match(statuses[1].method, /^row by row/);
  t.match(statuses[4].method, /^spreadsheet rows/);
  const last = await search(ids[1]!, { filters: { 'Mã chợ': 'C2-5' } });
  t.same(last.records.map((r: any) => [r['Tên chợ'], r['Ngày khảo sát']]), [['Chợ 5" mới', '2024-06-06']], 'the stray quote kept, the day-first date read');
  const sheet = await search(ids[4]!, { filters: { 'Số hộ': 2999 } });
  t.equal(sheet.records[0]['Chợ'], 'Chợ Đông Ba 2999', 'the spreadsheet read in its worker thread');
});

t.test('recordBlocks cuts a chunk larger than a block at record ends near the size', async (t) => {
  const records = Array.from({ length: 3000 }, (_, i) => (i % 9 === 0 ? `${i},"dòng một\ndòng hai, ""trích"""\n` : `${i},Huế ${i}\n`));
  const text = records.join('');
  // One chunk of the whole text: the blocks must still come out near their size.
  let asked = 0;
  const sizes = [4096, 1024, 16384];
  const blocks: Buffer[] = [];
  async function* one() { yield Buffer.from(text); }
  for await (const parts of recordBlocks(one(), () => sizes[asked++ % sizes.length]!)) blocks.push(Buffer.concat(parts));
  t.equal(Buffer.concat(blocks).toString(), text, 'nothing lost or reordered');
  t.ok(blocks.length > 5, `${blocks.length} blocks`);
  const longest = Math.max(...records.map((r) => Buffer.byteLength(r)));
  for (const [i, block] of blocks.entries()) {
    const size = sizes[i % sizes.length]!;
    if (block.length > size + longest) t.fail(`block ${i}: ${block.length} bytes for a size of ${size}`);
    if (i < blocks.length - 1 && block.length < size - longest) t.fail(`block ${i}: ${block.length} bytes, short of ${size}`);
    const s = block.toString();
    t.ok(s.endsWith('\n'), `block ${i} ends a line`);
    t.equal((s.match(/"/g) ?? []).length % 2, 0, `block ${i} closes its quotes`);
  }
  // A chunk with no record end yet is held until one comes, then cut there.
  const held: Buffer[] = [];
  async function* pieces() { yield Buffer.from('1,"a'.padEnd(500, 'x')); yield Buffer.from('b"\n2,c\n'); }
  for await (const parts of recordBlocks(pieces(), 100)) held.push(Buffer.concat(parts));
  t.same(held.map(String), [`${'1,"a'.padEnd(500, 'x')}b"\n`, '2,c\n']);
});

t.test('embedded database: a long COPY gives way to the queries of a request that arrives meanwhile', { skip: backendName !== 'pglite' && 'PGlite only (a Postgres server runs COPY on a connection of its own)' }, async (t) => {
  await db.execute(sql.raw('create table datastore.fairness_probe (_id serial, a int8, b text)'));
  t.teardown(() => db.execute(sql.raw('drop table if exists datastore.fairness_probe')));
  // About 12 MB in 64 KiB chunks, all ready at once: nothing in the source itself lets the
  // database go between blocks.
  const chunks: Buffer[] = [];
  let chunk = '';
  for (let i = 0; i < 180_000; i++) {
    chunk += `${i},Ủy ban nhân dân phường Vĩnh Ninh thành phố Huế số ${i}\n`;
    if (chunk.length > 65536) { chunks.push(Buffer.from(chunk)); chunk = ''; }
  }
  chunks.push(Buffer.from(chunk));
  async function* source() { yield* chunks; }
  // Rows loaded so far, read without scanning the table.
  const loadedRows = async () => {
    const [r] = rowsOf<{ n: number; called: boolean }>(await db.execute(sql.raw('select last_value::int as n, is_called as called from datastore.fairness_probe__id_seq')));
    return r!.called ? r!.n : 0;
  };
  let copied = false;
  const copy = k.kho.database.copyIn('datastore.fairness_probe (a, b)', source()).then(() => { copied = true; });
  for (let i = 0; i < 400 && (await loadedRows()) === 0; i++) await pause(5);
  t.notOk(copied, 'the COPY is under way');
  // A "request": ten queries one after another, each issued when the one before has answered.
  const before = await loadedRows();
  for (let q = 0; q < 8; q++) await db.execute(sql`select ${q}::int as q`);
  const after = await loadedRows();
  t.ok(before > 0 && before < 180_000, `${before} rows loaded when the request came`);
  t.equal(after, before, 'no COPY block ran between its queries: the load waited for the request to finish');
  t.notOk(copied, 'and the COPY was still running');
  await copy;
  t.equal(await loadedRows(), 180_000, 'the COPY loaded every row');
});

// Background DataStore loads against the API (issue 10, item 5): Kho in its own process, on the
// embedded database and on Postgres; 4 CSV files of 10 MB each uploaded at once, and while they
// are uploaded and loaded a steady trickle of `status_show` and `package_show` requests, taking
// turns (one every 25 ms, sent on schedule whether or not the previous one has answered), each
// timed from when it was due. Every other file has a stray quote, so it goes row by row through
// papaparse (JavaScript on the server's event loop), the others straight into COPY. Prints
// p50/p95/max per action beside the target, p95 < 500 ms.
//   BENCH_FAIRNESS_DB=embedded|postgres   one database only (both by default)
//   BENCH_FAIRNESS_MB=10                  size of each file
//   BENCH_FAIRNESS_FILES=4                files loaded at once
//   BENCH_FAIRNESS_ROUNDS=3               rounds per database (a fresh server each); figures are medians
//   BENCH_FAIRNESS_EVERY_MS=25            interval of the trickle
//   BENCH_FAIRNESS_ENV='{"KHO_…": "…"}'   extra server settings (e.g. to compare worker concurrency)
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { benchServer, post, type Figure } from './core.js';

const root = new URL('..', import.meta.url).pathname;
const FILE_MB = Number(process.env.BENCH_FAIRNESS_MB ?? 10);
const FILES = Number(process.env.BENCH_FAIRNESS_FILES ?? 4);
const ROUNDS = Number(process.env.BENCH_FAIRNESS_ROUNDS ?? 3);
const EVERY_MS = Number(process.env.BENCH_FAIRNESS_EVERY_MS ?? 25);
const TARGET_MS = 500;

const PLACES = ['Thừa Thiên Huế', 'Đà Nẵng', 'Quảng Trị', 'Quảng Nam', 'Hà Nội', 'Hồ Chí Minh', 'Cần Thơ', 'Hải Phòng', 'Nghệ An', 'Khánh Hòa'];
const UNITS = ['Trường Tiểu học Phú Hội', 'Bệnh viện Trung ương Huế', 'Trạm Y tế xã Hương Long', 'Ủy ban nhân dân phường Vĩnh Ninh', 'Chi cục Thuế khu vực Hương Trà'];
const NOTES = ['Đã kiểm tra, số liệu khớp với báo cáo quý', 'Chờ bổ sung hồ sơ', 'Số liệu ước tính của Cục Thống kê', 'Điều chỉnh theo Quyết định số 1234/QĐ-UBND'];

/**
 * A CSV of about `mb` MB: codes, Vietnamese names and notes, integers, decimals, day-first dates.
 * With `strayQuote`, one early value holds an inch mark (Ống 5" inch), which COPY would read
 * differently from a CSV parser, so that file is loaded row by row through papaparse.
 */
async function writeCsv(path: string, mb: number, seed: number, strayQuote: boolean): Promise<number> {
  const out = createWriteStream(path);
  out.write('Mã hồ sơ,Tỉnh/Thành phố,Tên đơn vị,Số người,Kinh phí (triệu đồng),Ngày tiếp nhận,Ghi chú\n');
  let bytes = 0;
  let i = 0;
  for (; bytes < mb * 1_000_000; i++) {
    const n = i * 7919 + seed;
    const note = strayQuote && i === 100 ? 'Ống 5" inch' : `"${NOTES[n % 4]} (${PLACES[(n >> 3) % 10]})"`;
    const line = `HS-${seed}-${String(i).padStart(7, '0')},${PLACES[n % 10]},${UNITS[(n >> 2) % 5]} số ${n % 97},${n % 100_000},`
      + `${((n % 10_000_000) / 100).toFixed(2)},${String(1 + (n % 28)).padStart(2, '0')}/${String(1 + (n % 12)).padStart(2, '0')}/${2015 + (n % 10)},${note}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return i;
}

/** Kho on a fresh embedded database in its own process; its first start prints the admin's token. */
async function embeddedServer(extraEnv: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kho-bench-'));
  const port = 5600 + Math.floor(Math.random() * 300);
  const env: NodeJS.ProcessEnv = { ...process.env, KHO_DATA_DIR: dataDir, KHO_STORAGE: 'local', KHO_SEED: '0', KHO_ADMIN_PASSWORD: 'bench-password', PORT: String(port), ...extraEnv };
  delete env.DATABASE_URL;
  delete env.MEILI_URL;
  const server: ChildProcess = spawn(process.execPath, [join(root, 'bin/kho.js'), 'serve'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const out = await new Promise<string>((resolve, reject) => {
    let text = '';
    server.stdout!.on('data', (d) => { text += d; if (text.includes('Kho is serving')) resolve(text); });
    server.on('exit', (code) => reject(new Error(`server exited (${code}): ${text}`)));
  });
  const token = /API token[^:]*: (\S+)/.exec(out)?.[1];
  const close = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  if (!token) {
    await close();
    throw new Error(`no token in the server's output: ${out}`);
  }
  return { url: `http://127.0.0.1:${port}`, token, server, dataDir, close };
}

// node:http rather than fetch: fetch gives up connecting after 10 s, and a blocked server may take longer.
const agent = new Agent({ keepAlive: true });
function send(url: string, opts: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function action(url: string, token: string, name: string, body: unknown) {
  const res = await send(`${url}/api/3/action/${name}`, {
    method: 'POST', headers: { Authorization: token, 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(body)),
  });
  const json = JSON.parse(res.text);
  if (!json.success) throw new Error(`${name}: ${res.text.slice(0, 500)}`);
  return json.result;
}

async function upload(url: string, token: string, packageId: string, name: string, file: Buffer, filename: string): Promise<string> {
  const boundary = `----khoBench${randomBytes(8).toString('hex')}`;
  const field = (k: string, v: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  const body = Buffer.concat([
    Buffer.from(field('package_id', packageId) + field('name', name)
      + `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await send(`${url}/api/3/action/resource_create`, {
    method: 'POST', body, headers: { Authorization: token, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(body.length) },
  });
  const json = JSON.parse(res.text);
  if (!json.success) throw new Error(`upload failed: ${res.text.slice(0, 500)}`);
  return json.result.id;
}

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Round {
  /** latencies in ms per action, while the files were uploaded and loaded */
  latency: Record<string, number[]>;
  /** the same, counting only requests sent after the last upload had been answered */
  loading: Record<string, number[]>;
  uploadSecs: number;
  loadSecs: number;
  methods: string[];
  rows: number[];
}

async function oneRound(kind: 'embedded' | 'postgres', databaseUrl: string, files: string[], log: (s: string) => void): Promise<Round> {
  const extra = { KHO_MAX_UPLOAD_MB: '1024', ...JSON.parse(process.env.BENCH_FAIRNESS_ENV ?? '{}') };
  const s = kind === 'embedded' ? await embeddedServer(extra) : await benchServer(databaseUrl, extra);
  try {
    await post(s.url, s.token, 'organization_create', { name: 'so-bench', title: 'Sở Thông tin và Truyền thông' });
    const shown = await post(s.url, s.token, 'package_create', {
      name: 'du-lieu-hanh-chinh', title: 'Dữ liệu hành chính công', owner_org: 'so-bench', notes: 'Số liệu tiếp nhận hồ sơ '.repeat(20),
      tags: [{ name: 'hành chính' }, { name: 'dịch vụ công' }], extras: [{ key: 'tần suất', value: 'Hàng tháng' }],
      resources: [{ url: 'https://example.vn/mo-ta.pdf', name: 'Mô tả' }],
    });
    const target = await post(s.url, s.token, 'package_create', { name: 'ho-so-tiep-nhan', owner_org: 'so-bench' });

    const latency: Record<string, number[]> = { status_show: [], package_show: [] };
    const loading: Record<string, number[]> = { status_show: [], package_show: [] };
    let uploaded = false;
    let stop = false;
    const inFlight = new Set<Promise<void>>();
    const failures: string[] = [];
    const trickle = (async () => {
      const t0 = performance.now();
      for (let n = 0; !stop; n++) {
        const due = t0 + n * EVERY_MS;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const name = n % 2 ? 'package_show' : 'status_show';
        const afterUploads = uploaded;
        const path = name === 'package_show' ? `/api/3/action/package_show?id=${shown.name}` : '/api/3/action/status_show';
        // package_show with the token: the request reads the token's user and the dataset.
        const headers: Record<string, string> = name === 'package_show' ? { Authorization: s.token } : {};
        const p = send(`${s.url}${path}`, { headers }).then(({ status }) => {
          if (status !== 200) throw new Error(`HTTP ${status}`);
          const ms = performance.now() - due;
          latency[name]!.push(ms);
          if (afterUploads) loading[name]!.push(ms);
        }).catch((err) => { failures.push(`${name}: ${err instanceof Error ? err.message : err}`); });
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      }
    })();

    const t0 = performance.now();
    let ids: string[];
    try {
      ids = await Promise.all(files.map((path, i) => upload(s.url, s.token, target.id, `Hồ sơ tiếp nhận ${i + 1}`, readFileSync(path), `ho-so-${i + 1}.csv`)));
    } catch (err) {
      stop = true;
      throw err;
    }
    const uploadSecs = (performance.now() - t0) / 1000;
    uploaded = true;
    const done = new Map<string, any>();
    while (done.size < ids.length) {
      for (const id of ids) {
        if (done.has(id)) continue;
        const st = await action(s.url, s.token, 'xloader_status', { resource_id: id }).catch(() => null);
        if (st?.status === 'complete') done.set(id, st);
        if (st?.status === 'error') { stop = true; throw new Error(`load failed: ${JSON.stringify(st.error)}`); }
      }
      await new Promise((r) => setTimeout(r, 200));
      if (performance.now() - t0 > 30 * 60_000) { stop = true; throw new Error('the loads took more than 30 minutes'); }
    }
    const loadSecs = (performance.now() - t0) / 1000;
    stop = true;
    await trickle;
    await Promise.all(inFlight);
    const statuses = ids.map((id) => done.get(id));
    if (failures.length) log(`    ${failures.length} requests failed, e.g. ${failures[0]}`);
    return { latency, loading, uploadSecs, loadSecs, methods: statuses.map((st) => st.method), rows: statuses.map((st) => st.rows_done) };
  } finally {
    await s.close();
  }
}

export async function benchLoadFairness(databaseUrl: string, log: (s: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'kho-fairness-'));
  try {
    const files: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const path = join(dir, `ho-so-${i + 1}.csv`);
      // Every other file has a value COPY would misread, so it goes row by row (JavaScript parsing).
      const rows = await writeCsv(path, FILE_MB, i + 1, i % 2 === 1);
      files.push(path);
      log(`load fairness: ${path}: ${rows} rows, ${(statSync(path).size / 1048576).toFixed(1)} MiB${i % 2 ? ' (a stray quote: row by row)' : ''}`);
    }
    const kinds = (process.env.BENCH_FAIRNESS_DB ?? 'embedded,postgres').split(',') as ('embedded' | 'postgres')[];
    for (const kind of kinds) {
      const rounds: Round[] = [];
      for (let r = 1; r <= ROUNDS; r++) {
        const round = await oneRound(kind, databaseUrl, files, log);
        rounds.push(round);
        const sorted = Object.fromEntries(Object.entries(round.latency).map(([a, xs]) => [a, [...xs].sort((x, y) => x - y)]));
        log(`  ${kind}, round ${r}: uploads answered in ${round.uploadSecs.toFixed(1)} s, all ${FILES} loaded in ${round.loadSecs.toFixed(1)} s `
          + `(${round.rows.join(', ')} rows; ${[...new Set(round.methods.map((m) => m.replace(/ \(.*/, '')))].join(', ')})`);
        for (const [action, xs] of Object.entries(sorted)) {
          const after = [...round.loading[action]!].sort((x, y) => x - y);
          log(`    ${action.padEnd(12)} n=${xs.length} p50 ${percentile(xs, 50).toFixed(0)} ms, p95 ${percentile(xs, 95).toFixed(0)} ms, max ${xs.at(-1)!.toFixed(0)} ms`
            + `  | after the uploads: n=${after.length} p95 ${percentile(after, 95).toFixed(0)} ms, max ${(after.at(-1) ?? Number.NaN).toFixed(0)} ms`);
        }
      }
      const med = (f: (r: Round) => number) => median(rounds.map(f));
      for (const action of ['status_show', 'package_show']) {
        const stat = (p: number | 'max') => med((r) => {
          const xs = [...r.latency[action]!].sort((x, y) => x - y);
          return p === 'max' ? xs.at(-1)! : percentile(xs, p);
        });
        const p95 = stat(95);
        const rounds = ROUNDS > 1 ? `, median of ${ROUNDS} rounds` : '';
        figures.push({ name: `${kind}: ${action} during ${FILES} × ${FILE_MB} MB loads, p50 ${stat(50).toFixed(0)} ms, max ${stat('max').toFixed(0)} ms${rounds}; p95`, value: p95, unit: 'ms', target: `< ${TARGET_MS} ms`, ok: p95 < TARGET_MS });
      }
      figures.push({ name: `${kind}: the ${FILES} loads, from the uploads' start to the last load's end`, value: med((r) => r.loadSecs), unit: 's', target: '(reference)', ok: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

// DataStore benchmark: against a real Postgres, with Kho in its own process.
//  - a 1,000,000-row (~100 MB) CSV loaded through the background loader, beside a raw COPY of the
//    same file into a table in the same run, and the server's memory while it loads
//  - datastore_search with filters on the 1M rows (indexed fields), p95
//  - the dump as CSV (MB/s) and as XLSX (server memory)
//  - a 100,000 × 20 XLSX loaded
import { createReadStream, createWriteStream, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import * as XLSX from 'xlsx';
import { benchServer, post, rssKb, type Figure } from './core.js';

const ROWS = Number(process.env.BENCH_DATASTORE_ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 100_000);
const PROVINCES = ['Thừa Thiên Huế', 'Đà Nẵng', 'Quảng Trị', 'Quảng Nam', 'Hà Nội', 'Hồ Chí Minh', 'Cần Thơ', 'Hải Phòng'];

/** A CSV like an agency's export: text, integers, decimals, dates; Vietnamese throughout. */
async function writeCsv(path: string, rows: number) {
  const out = createWriteStream(path);
  out.write('Mã hồ sơ,Tỉnh,Tên đơn vị,Số lượng,Giá trị (triệu đồng),Ngày cập nhật,Ghi chú\n');
  for (let i = 0; i < rows; i++) {
    const line = `HS${String(i).padStart(8, '0')},${PROVINCES[i % 8]},Đơn vị số ${i % 5000},${(i * 7919) % 100000},${((i * 31) % 1000000) / 100},${2000 + (i % 25)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},Ghi chú về hồ sơ thứ ${i}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function uploadFile(url: string, token: string, packageId: string, path: string, name: string): Promise<string> {
  const form = new FormData();
  form.append('package_id', packageId);
  form.append('upload', new Blob([await import('node:fs/promises').then((f) => f.readFile(path))]), name);
  const res = await fetch(`${url}/api/3/action/resource_create`, { method: 'POST', headers: { Authorization: token }, body: form });
  const json = await res.json() as any;
  if (!json.success) throw new Error(`upload failed: ${JSON.stringify(json.error)}`);
  return json.result.id;
}

/** Waits for the resource's load; its duration from the job's own start and finish. */
async function waitLoaded(url: string, token: string, id: string, pid: number) {
  let peak = 0;
  for (;;) {
    peak = Math.max(peak, rssKb(pid));
    const s = await post(url, token, 'xloader_status', { resource_id: id }).catch(() => null);
    if (s?.status === 'complete') return { secs: (Date.parse(`${s.finished}Z`) - Date.parse(`${s.started}Z`)) / 1000, peakMb: peak / 1024, rows: s.rows_done };
    if (s?.status === 'error') throw new Error(`load failed: ${JSON.stringify(s.error)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function benchDatastore(databaseUrl: string, log: (s: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const { url, token, server, dataDir: dir, databaseUrl: dbUrl, close } = await benchServer(databaseUrl, { KHO_MAX_UPLOAD_MB: '1024' });
  const { default: postgres } = await import('postgres');
  const raw = postgres(dbUrl, { max: 2, onnotice: () => {} });
  try {
    await post(url, token, 'organization_create', { name: 'so-bench' });
    const pkg = await post(url, token, 'package_create', { name: 'bang-lon', owner_org: 'so-bench' });

    // 1. The CSV, and a raw COPY of it into a plain table with the same types.
    const csvPath = join(dir, 'ho-so.csv');
    log(`datastore benchmark: writing a ${ROWS}-row CSV`);
    await writeCsv(csvPath, ROWS);
    const mb = statSync(csvPath).size / 1048576;
    // Three rounds, each a raw COPY then Kho's load of the same file, each from a clean
    // checkpoint (so neither pays for the other's WAL); the median of each is compared, as a
    // single run on a shared disk varies by ±20%.
    const cols = `"Mã hồ sơ", "Tỉnh", "Tên đơn vị", "Số lượng", "Giá trị (triệu đồng)", "Ngày cập nhật", "Ghi chú"`;
    const rawRuns: number[] = [];
    const loads: Awaited<ReturnType<typeof waitLoaded>>[] = [];
    let csvId = '';
    for (let round = 1; round <= 3; round++) {
      await raw.unsafe(`drop table if exists raw_copy`);
      await raw.unsafe(`create table raw_copy (_id serial primary key, "Mã hồ sơ" text, "Tỉnh" text, "Tên đơn vị" text, "Số lượng" int8, "Giá trị (triệu đồng)" numeric, "Ngày cập nhật" date, "Ghi chú" text)`);
      await raw.unsafe('checkpoint');
      const t0 = performance.now();
      const sink = await raw.unsafe(`copy raw_copy (${cols}) from stdin with (format csv, header true)`).writable();
      await pipeline(createReadStream(csvPath, { highWaterMark: 1024 * 1024 }), sink);
      rawRuns.push((performance.now() - t0) / 1000);
      await raw.unsafe('checkpoint');
      csvId = await uploadFile(url, token, pkg.id, csvPath, `ho-so-${round}.csv`);
      loads.push(await waitLoaded(url, token, csvId, server.pid!));
      log(`  round ${round}: raw COPY of ${mb.toFixed(0)} MB in ${rawRuns.at(-1)!.toFixed(2)} s; Kho load of ${loads.at(-1)!.rows} rows in ${loads.at(-1)!.secs.toFixed(2)} s, server peak RSS ${loads.at(-1)!.peakMb.toFixed(0)} MiB`);
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const rawSecs = median(rawRuns);
    const loadSecs = median(loads.map((l) => l.secs));
    const peakMb = Math.max(...loads.map((l) => l.peakMb));
    figures.push({ name: `CSV load, ${ROWS} rows (${mb.toFixed(0)} MB), median ${loadSecs.toFixed(2)} s vs raw COPY's ${rawSecs.toFixed(2)} s`, value: (rawSecs / loadSecs) * 100, unit: '% of COPY', target: '≥ 80%', ok: rawSecs / loadSecs >= 0.8 });
    figures.push({ name: 'server memory during those loads (peak RSS)', value: peakMb, unit: 'MiB', target: '< 300 MB', ok: peakMb < 286 });

    // 2. datastore_search with filters on indexed fields of the 1M rows.
    await post(url, token, 'datastore_create', { resource_id: csvId, indexes: ['Tỉnh', 'Số lượng'], force: true });
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      await post(url, token, 'datastore_search', { resource_id: csvId, filters: { 'Tỉnh': PROVINCES[i % 8], 'Số lượng': (i * 7919 * 13) % 100000 }, limit: 100 });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    figures.push({ name: `datastore_search, filters on indexed fields, ${ROWS} rows (p95)`, value: percentile(times, 95), unit: 'ms', target: '≤ 50 ms', ok: percentile(times, 95) <= 50 });

    // 3. The dump: CSV speed, XLSX memory.
    let bytes = 0;
    let t1 = performance.now();
    const csvDump = await fetch(`${url}/datastore/dump/${csvId}`, { headers: { Authorization: token } });
    for await (const chunk of csvDump.body as any) bytes += chunk.length;
    const dumpMbs = bytes / 1048576 / ((performance.now() - t1) / 1000);
    figures.push({ name: `dump of ${ROWS} rows as CSV (${(bytes / 1048576).toFixed(0)} MB)`, value: dumpMbs, unit: 'MB/s', target: '≥ 50 MB/s', ok: dumpMbs >= 50 });
    // Flat memory: what the server holds once the dump is under way (a quarter of it sent) must
    // not grow with the rows still to come. The growth over the idle server is printed too.
    const before = rssKb(server.pid!);
    let peak = before;
    let atQuarter = 0;
    let peakAfterQuarter = 0;
    const expected = ROWS * 52; // about 52 bytes of XLSX per row of this table
    t1 = performance.now();
    bytes = 0;
    const sampler = setInterval(() => {
      const rss = rssKb(server.pid!);
      peak = Math.max(peak, rss);
      if (bytes >= expected / 4) {
        if (!atQuarter) atQuarter = peak;
        peakAfterQuarter = Math.max(peakAfterQuarter, rss);
      }
    }, 50);
    try {
      const xlsxDump = await fetch(`${url}/datastore/dump/${csvId}?format=xlsx`, { headers: { Authorization: token } });
      for await (const chunk of xlsxDump.body as any) bytes += chunk.length;
    } finally {
      clearInterval(sampler);
    }
    const growth = atQuarter ? Math.max(0, peakAfterQuarter - atQuarter) / 1024 : Number.NaN;
    log(`  XLSX dump: ${(bytes / 1048576).toFixed(0)} MB in ${((performance.now() - t1) / 1000).toFixed(1)} s; server RSS ${(before / 1024).toFixed(0)} MiB idle, ${(atQuarter / 1024).toFixed(0)} MiB a quarter in, ${(peak / 1024).toFixed(0)} MiB at most`);
    figures.push({ name: `server memory while dumping ${ROWS} rows as XLSX, growth after the first quarter`, value: growth, unit: 'MiB', target: 'flat (< 20 MiB)', ok: growth < 20 });
    figures.push({ name: `  (peak growth over the idle server during that dump)`, value: (peak - before) / 1024, unit: 'MiB', target: '< 100 MiB', ok: (peak - before) / 1024 < 100 });
    // 4. An XLSX (last: SheetJS holds a whole workbook, and the heap it grows would blur the
    //    dump's memory figure) of 100,000 rows × 20 columns.
    const header = Array.from({ length: 20 }, (_, c) => `Cột ${c + 1}`);
    const aoa: unknown[][] = [header];
    for (let r = 0; r < XLSX_ROWS; r++) aoa.push(header.map((_, c) => (c % 4 === 0 ? `${PROVINCES[(r + c) % 8]} ${r}` : c % 4 === 1 ? r * c : c % 4 === 2 ? (r * c) / 7 : `Giá trị ${c}`)));
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Dữ liệu');
    const xlsxPath = join(dir, 'bang.xlsx');
    writeFileSync(xlsxPath, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }));
    aoa.length = 0;
    const xlsxId = await uploadFile(url, token, pkg.id, xlsxPath, 'bang.xlsx');
    const xl = await waitLoaded(url, token, xlsxId, server.pid!);
    log(`  XLSX load: ${xl.rows} rows in ${xl.secs.toFixed(1)} s, server peak RSS ${xl.peakMb.toFixed(0)} MiB`);
    figures.push({ name: `XLSX load, ${XLSX_ROWS} × 20`, value: xl.secs, unit: 's', target: '< 30 s', ok: xl.secs < 30 });

  } finally {
    await raw.end();
    await close();
  }
  return figures;
}

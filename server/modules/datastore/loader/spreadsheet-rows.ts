// Rows of a spreadsheet (XLSX, XLS, ODS) through SheetJS: the first sheet or a named one, dates
// as ISO dates, and a header of merged or stacked rows flattened into one id per column. Before
// SheetJS sees a zipped file, its directory is checked so a zip bomb is refused unopened.
import * as XLSX from 'xlsx';
import { createInflateRaw } from 'node:zlib';
import { Worker } from 'node:worker_threads';
import { JobInputError } from '../../../jobs/job-queue.js';
import type { FromWorker } from './spreadsheet-worker.js';

export const SPREADSHEET_LIMITS = {
  maxBytes: 200 * 1024 * 1024,
  maxUncompressed: 1024 * 1024 * 1024,
  maxRatio: 200,
  // Postgres allows 1600 columns in a table, _id included.
  maxColumns: 1599,
};

/** Refuses a zip whose entries would inflate past the limits (sizes from its central directory). */
export function checkZip(buf: Buffer, limits = SPREADSHEET_LIMITS): void {
  if (buf.readUInt32LE(0) !== 0x04034b50) return; // not a zip (XLS is a compound file)
  const from = Math.max(0, buf.length - 65557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) throw new JobInputError('The spreadsheet is not a valid zip file');
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new JobInputError('The spreadsheet is not a valid zip file');
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    // Zip64 entries say 0xffffffff here; no spreadsheet needs them.
    if (size === 0xffffffff || compressed === 0xffffffff) throw new JobInputError('The spreadsheet expands too much when unzipped (possible zip bomb)');
    total += size;
    if (total > limits.maxUncompressed || (compressed > 0 && size / compressed > limits.maxRatio && size > 10 * 1024 * 1024)) {
      throw new JobInputError('The spreadsheet expands too much when unzipped (possible zip bomb)');
    }
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
}

/**
 * Inflates every entry of a zip, discarding the output, and refuses one that grows past the size
 * its directory gave: a zip that understates its sizes would get past `checkZip`.
 */
export async function checkZipInflation(buf: Buffer): Promise<void> {
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) return;
  checkZip(buf);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const bomb = () => new JobInputError('The spreadsheet expands to more than its zip directory says (possible zip bomb)');
  for (let n = 0; n < entries; n++) {
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const local = buf.readUInt32LE(at + 42);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new JobInputError('The spreadsheet is not a valid zip file');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    if (method === 0) {
      if (compressed !== size) throw bomb();
      continue;
    }
    if (method !== 8) continue;
    await new Promise<void>((resolve, reject) => {
      const inflate = createInflateRaw();
      let out = 0;
      inflate.on('data', (chunk: Buffer) => {
        out += chunk.length;
        if (out > size) { inflate.destroy(); reject(bomb()); }
      });
      inflate.on('end', () => resolve());
      inflate.on('error', () => reject(new JobInputError('The spreadsheet is not a valid zip file')));
      inflate.end(data);
    });
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 'n' && cell.z && XLSX.SSF.is_date(cell.z)) {
    const d = XLSX.SSF.parse_date_code(cell.v as number);
    if (!d) return String(cell.v);
    const date = `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}`;
    return d.H || d.M || d.S ? `${date}T${pad(d.H)}:${pad(d.M)}:${pad(Math.floor(d.S))}` : date;
  }
  if (cell.t === 'd' && cell.v instanceof Date) return cell.v.toISOString().replace(/T00:00:00\.000Z$/, '').replace(/\.000Z$/, '');
  if (cell.t === 'b') return cell.v ? 'true' : 'false';
  if (cell.t === 'e') return '';
  return String(cell.v);
}

export interface SheetRows {
  headers: string[];
  rows: AsyncIterable<string[]>;
  /** spreadsheet row number of the first data row (for error messages) */
  firstLine: number;
}

export function spreadsheetRows(buf: Buffer, sheetName?: string): SheetRows {
  if (!buf.length) throw new JobInputError('The file is empty');
  checkZip(buf);
  let book: XLSX.WorkBook;
  try {
    // Only values and number formats (dates are told by their format): no formatted text, HTML,
    // formulas or styles kept per cell, which saves about a fifth of the memory a big sheet takes.
    book = XLSX.read(buf, {
      type: 'buffer', dense: true, cellDates: false, cellNF: true, cellText: false, cellHTML: false, cellFormula: false,
      cellStyles: false, sheets: sheetName ? [sheetName] : 0,
    });
  } catch (err) {
    throw new JobInputError(`The spreadsheet could not be read: ${err instanceof Error ? err.message : err}`);
  }
  const name = sheetName ?? book.SheetNames[0];
  const sheet = name ? book.Sheets[name] : undefined;
  if (!sheet) throw new JobInputError(sheetName ? `The spreadsheet has no sheet named "${sheetName}"` : 'The spreadsheet has no sheets');
  const ref = sheet['!ref'];
  if (!ref) throw new JobInputError('The sheet is empty');
  const range = XLSX.utils.decode_range(ref);
  const width = range.e.c - range.s.c + 1;
  if (width > SPREADSHEET_LIMITS.maxColumns) {
    throw new JobInputError(`The sheet has ${width} columns; at most ${SPREADSHEET_LIMITS.maxColumns} can be loaded`);
  }
  const data: (XLSX.CellObject | undefined)[][] = (sheet as any)['!data'] ?? [];
  const cell = (r: number, c: number) => data[r]?.[c];
  // The header block: the first row, plus the rows that merged header cells reach down into.
  const merges = sheet['!merges'] ?? [];
  let headerEnd = range.s.r;
  for (const m of merges) if (m.s.r === range.s.r && m.e.r > headerEnd) headerEnd = Math.min(m.e.r, range.s.r + 2);
  if (merges.some((m) => m.s.r === range.s.r && m.e.c > m.s.c) && headerEnd === range.s.r && range.e.r > range.s.r) headerEnd = range.s.r + 1;
  const header: string[][] = [];
  for (let r = range.s.r; r <= headerEnd; r++) {
    const row: string[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) row.push(cellText(cell(r, c)).trim());
    header.push(row);
  }
  // A merged cell's text belongs to every column it spans.
  for (const m of merges) {
    if (m.s.r > headerEnd) continue;
    const text = cellText(cell(m.s.r, m.s.c)).trim();
    for (let r = m.s.r; r <= Math.min(m.e.r, headerEnd); r++) {
      for (let c = m.s.c; c <= m.e.c; c++) header[r - range.s.r]![c - range.s.c] = text;
    }
  }
  const headers = Array.from({ length: width }, (_, c) => {
    const parts: string[] = [];
    for (const row of header) if (row[c] && !parts.includes(row[c]!)) parts.push(row[c]!);
    return parts.join(' ');
  });
  const firstData = headerEnd + 1;
  async function* rows(): AsyncGenerator<string[]> {
    for (let r = firstData; r <= range.e.r; r++) {
      const row: string[] = [];
      let any = false;
      for (let c = range.s.c; c <= range.e.c; c++) {
        const text = cellText(cell(r, c));
        if (text !== '') any = true;
        row.push(text);
      }
      // Read once: let the cells go as the rows are loaded.
      delete data[r];
      if (any) yield row;
    }
  }
  return { headers, rows: rows(), firstLine: firstData + 1 };
}

/**
 * `spreadsheetRows` in a worker thread (spreadsheet-worker.ts), so that SheetJS's reading of the
 * workbook, seconds for a big sheet, never holds the server's thread. Takes `buf` over. `close()`
 * ends the worker; call it once the rows are no longer wanted (reading them to the end ends it too).
 */
export async function spreadsheetRowsOffThread(buf: Buffer, sheetName?: string): Promise<SheetRows & { close(): void }> {
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  // A buffer that is all of its memory is handed over rather than copied (a workbook may be
  // 200 MB): the caller must not use it afterwards.
  const whole = buf.byteOffset === 0 && buf.length === buf.buffer.byteLength && buf.buffer instanceof ArrayBuffer;
  const worker = new Worker(new URL('./spreadsheet-worker.mjs', import.meta.url), {
    workerData: { bytes, sheet: sheetName },
    transferList: whole ? [buf.buffer as ArrayBuffer] : [],
  });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    void worker.terminate();
  };
  const next = () => new Promise<FromWorker>((resolve, reject) => {
    const onMessage = (msg: FromWorker) => { cleanup(); resolve(msg); };
    const onError = (err: Error) => { cleanup(); reject(err); };
    const onExit = (code: number) => { cleanup(); reject(new Error(`the spreadsheet reader stopped (exit code ${code})`)); };
    const cleanup = () => { worker.off('message', onMessage); worker.off('error', onError); worker.off('exit', onExit); };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
  const check = (msg: FromWorker) => {
    if (msg.kind !== 'error') return msg;
    close();
    throw msg.input ? new JobInputError(msg.message, msg.lines ?? []) : new Error(msg.message);
  };
  let head: FromWorker;
  try {
    head = check(await next());
  } catch (err) {
    close();
    throw err;
  }
  if (head.kind !== 'head') { close(); throw new Error('the spreadsheet reader answered out of turn'); }
  const ask = () => {
    const answer = next();
    // Not left unhandled when the reader stops before reading it (the worker's end rejects it).
    answer.catch(() => {});
    worker.postMessage('more');
    return answer;
  };
  async function* rows(): AsyncGenerator<string[]> {
    try {
      // One batch asked ahead, so the worker makes the next while these are loaded.
      for (let answer = ask(); ;) {
        const msg = check(await answer);
        if (msg.kind !== 'rows') throw new Error('the spreadsheet reader answered out of turn');
        if (!msg.done) answer = ask();
        yield* msg.rows;
        if (msg.done) return;
      }
    } finally {
      close();
    }
  }
  return { headers: head.headers, firstLine: head.firstLine, rows: rows(), close };
}


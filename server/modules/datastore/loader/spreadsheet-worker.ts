// The worker thread that reads a spreadsheet for the loader (see spreadsheetRowsOffThread): SheetJS
// reads a whole workbook in one synchronous call, seconds for a big sheet, which on the server's
// own thread would hold every request that long. Here it holds only this thread. The header goes
// back first, then the rows in batches, each when the loader asks for it, so the rows waiting in
// the server's thread stay few.
import { parentPort, workerData } from 'node:worker_threads';
import { JobInputError } from '../../../jobs/job-queue.js';
import { spreadsheetRows } from './spreadsheet-rows.js';

export type FromWorker =
  | { kind: 'head'; headers: string[]; firstLine: number }
  | { kind: 'rows'; rows: string[][]; done: boolean }
  | { kind: 'error'; message: string; input: boolean; lines?: { line: number; message: string }[] };

const BATCH_ROWS = 1000;
const port = parentPort!;
const send = (msg: FromWorker) => port.postMessage(msg);
const failed = (err: unknown) => send(err instanceof JobInputError
  ? { kind: 'error', message: err.message, input: true, lines: err.lines }
  : { kind: 'error', message: err instanceof Error ? err.message : String(err), input: false });

try {
  const { bytes, sheet } = workerData as { bytes: Uint8Array; sheet?: string };
  const s = spreadsheetRows(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), sheet);
  const rows = s.rows[Symbol.asyncIterator]();
  send({ kind: 'head', headers: s.headers, firstLine: s.firstLine });
  port.on('message', async () => {
    try {
      const batch: string[][] = [];
      let done = false;
      while (batch.length < BATCH_ROWS) {
        const next = await rows.next();
        if (next.done) { done = true; break; }
        batch.push(next.value);
      }
      send({ kind: 'rows', rows: batch, done });
    } catch (err) {
      failed(err);
    }
  });
} catch (err) {
  failed(err);
}

// The fast way in for delimited text. When a file is plain enough, its own bytes (as UTF-8, in
// NFC) go straight to Postgres's COPY into the typed staging table: no cell passes through
// JavaScript. Types still come from a sample parsed here, and Vietnamese day-first dates are read
// by COPY itself under DateStyle DMY. Anything this path cannot vouch for (ragged rows, stray
// quotes, blank lines inside the file, bytes that are not UTF-8 after all) throws NotDirect, and
// the caller loads the file row by row instead, which reports malformed lines exactly.
import Papa from 'papaparse';
import { JobInputError } from '../../../jobs/job-queue.js';
import { decoderFor, looksBinary, sniffEncoding, type TextEncoding } from './text-decode.js';

/** The file needs the row-by-row path. */
export class NotDirect extends Error {}

/** The start of a delimited file: its encoding, its header and a sample of rows, and the rest. */
export interface DelimitedHead {
  encoding: TextEncoding;
  delimiter: string;
  header: string[];
  sample: string[][];
  /** bytes per line in the sample, to turn bytes sent into an estimate of rows done */
  bytesPerLine: number;
  records(onBytes: (n: number) => void): AsyncGenerator<Buffer>;
}

const HEAD_MAX_BYTES = 16 * 1024 * 1024;
const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const END_OF_DATA = Buffer.from('\\.');

/**
 * Reads enough of the file to sample `sampleRows` rows and checks that the path applies; the
 * returned `records()` then streams the whole file (header included) as UTF-8.
 */
export async function readDelimitedHead(source: AsyncIterable<Buffer>, sampleRows: number, maxLineBytes: number,
  delimiter?: string): Promise<DelimitedHead> {
  const iterator = source[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let size = 0;
  let lines = 0;
  let eof = false;
  while (size < HEAD_MAX_BYTES && lines <= sampleRows + 1) {
    const next = await iterator.next();
    if (next.done) { eof = true; break; }
    parts.push(next.value);
    size += next.value.length;
    for (let i = next.value.indexOf(NL); i !== -1; i = next.value.indexOf(NL, i + 1)) lines++;
  }
  const head = Buffer.concat(parts);
  parts.length = 0;
  if (!head.length) throw new NotDirect('empty');
  const { encoding, bomLength } = sniffEncoding(head);
  let text = decoderFor(encoding).decode(head.subarray(bomLength));
  if (looksBinary(text)) throw new NotDirect('binary');
  if (!eof) text = text.slice(0, text.lastIndexOf('\n') + 1);
  // COPY skips exactly one line as the header: the file must start with it.
  if (!/^[^\r\n]*\S/.test(text)) throw new NotDirect('no header on the first line');
  const parsed = Papa.parse<string[]>(text.normalize('NFC'), { delimiter: delimiter ?? '', skipEmptyLines: 'greedy' });
  const rows = parsed.data;
  // Without the end of the file, the last row may be cut short.
  if (!eof) rows.pop();
  // (A file of one column has no delimiter to find; that is no error.)
  if (parsed.errors.some((e) => e.type !== 'Delimiter' && (e.row === undefined || e.row < rows.length))) throw new NotDirect('the sample does not parse');
  const found = parsed.meta.delimiter;
  if (found.length !== 1 || found.charCodeAt(0) >= 0x80 || found === '"') throw new NotDirect('delimiter');
  const [header, ...sample] = rows.slice(0, sampleRows + 1);
  if (!header) throw new NotDirect('empty');
  if (sample.some((r) => r.length !== header.length)) throw new NotDirect('ragged rows');
  return {
    encoding,
    delimiter: found,
    header,
    sample,
    bytesPerLine: Math.max(1, head.length / Math.max(1, lines)),
    records: (onBytes) => utf8Records(head.subarray(bomLength), iterator, encoding, found.charCodeAt(0), maxLineBytes, onBytes),
  };
}

/**
 * The file as UTF-8 chunks that each end a line, in NFC, with trailing blank lines dropped.
 * Checks, as the bytes pass, what COPY would read differently from a CSV parser: a quote that
 * opens or closes in the middle of a value, and a line that is just `\.` (COPY's end of data).
 */
async function* utf8Records(head: Buffer, rest: AsyncIterator<Buffer>, encoding: TextEncoding, delimiter: number,
  maxLineBytes: number, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  const decoder = encoding === 'utf-8' ? null : decoderFor(encoding);
  let carry: Buffer = Buffer.alloc(0);
  let textCarry = '';
  let quoted = false;
  let held: Buffer | null = null;
  let sent = 0;

  /** Whole lines of UTF-8 from the next input chunk; the unfinished last line is carried. */
  const lines = (chunk: Buffer, final: boolean): Buffer => {
    if (decoder) {
      let text = textCarry + decoder.decode(chunk, { stream: !final });
      const cut = final ? text.length : text.lastIndexOf('\n') + 1;
      textCarry = text.slice(cut);
      text = text.slice(0, cut);
      if (textCarry.length > maxLineBytes) throw new NotDirect('long line');
      return Buffer.from(text.normalize('NFC'));
    }
    let data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const cut = final ? data.length : data.lastIndexOf(NL) + 1;
    carry = data.subarray(cut);
    if (carry.length > maxLineBytes) throw new NotDirect('long line');
    data = data.subarray(0, cut);
    // Combining marks (U+0300–U+036F: lead bytes 0xCC, 0xCD) are what NFC composes in Vietnamese.
    if (data.indexOf(0xcc) !== -1 || data.indexOf(0xcd) !== -1) data = Buffer.from(data.toString('utf8').normalize('NFC'));
    return data;
  };

  const check = (data: Buffer, atEnd: boolean) => {
    if (data.length > maxLineBytes) {
      for (let from = 0, nl = data.indexOf(NL); from < data.length; from = nl + 1, nl = data.indexOf(NL, from)) {
        if ((nl === -1 ? data.length : nl) - from > maxLineBytes) throw new NotDirect('long line');
        if (nl === -1) break;
      }
    }
    for (let at = data.indexOf(END_OF_DATA); at !== -1; at = data.indexOf(END_OF_DATA, at + 1)) {
      const after = data[at + 2];
      if ((at === 0 || data[at - 1] === NL) && (after === undefined || after === NL || after === CR)) throw new NotDirect('a line is \\.');
    }
    for (let q = data.indexOf(QUOTE); q !== -1; q = data.indexOf(QUOTE, q + 1)) {
      if (!quoted) {
        const before = q === 0 ? NL : data[q - 1];
        if (before !== NL && before !== CR && before !== delimiter) throw new NotDirect('a quote inside a value');
        quoted = true;
      } else if (data[q + 1] === QUOTE) {
        q++; // a doubled quote inside a quoted value
      } else {
        const after = data[q + 1];
        if (!(after === undefined ? atEnd : after === NL || after === CR || after === delimiter)) throw new NotDirect('a quote inside a value');
        quoted = false;
      }
    }
  };

  /** Sends a chunk, keeping back its trailing line breaks until more data follows them. */
  function* send(data: Buffer): Generator<Buffer> {
    let end = data.length;
    while (end > 0 && (data[end - 1] === NL || data[end - 1] === CR)) end--;
    if (end === 0) {
      if (data.length) held = held ? Buffer.concat([held, data]) : data;
      return;
    }
    if (held) yield held;
    held = end < data.length ? data.subarray(end) : null;
    sent += end;
    onBytes(sent);
    yield data.subarray(0, end);
  }

  let input: Buffer | null = head;
  while (input) {
    const next = await rest.next();
    const final = !!next.done;
    const data = lines(input, final);
    check(data, final);
    yield* send(data);
    input = next.done ? null : next.value;
  }
  if (quoted) throw new NotDirect('a quoted value is never closed');
}

/** Tells what a COPY failure means: a value that breaks its column's type, or a file to load row by row. */
export function classifyCopyError(err: unknown, ids: string[]): { column: string; value: string } | 'not-direct' | null {
  const e = err as { code?: unknown; where?: unknown; cause?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (!code.startsWith('22')) {
    if (e?.cause instanceof NotDirect || err instanceof NotDirect) return 'not-direct';
    if (e?.cause instanceof JobInputError) throw e.cause;
    return null;
  }
  const where = typeof e?.where === 'string' ? e.where : '';
  // "COPY t, line 12, column Số lượng: "abc"": the longest id that fits, as ids may contain commas.
  for (const id of [...ids].sort((a, b) => b.length - a.length)) {
    const marker = `, column ${id}: "`;
    const at = where.indexOf(marker);
    if (at === -1 || !where.endsWith('"')) continue;
    const value = where.slice(at + marker.length, -1);
    // Postgres cuts long values short with "...": then the value is not known.
    return value.endsWith('...') ? 'not-direct' : { column: id, value };
  }
  return 'not-direct';
}

// Bytes of a delimited text file to Unicode text: the encoding is found from a byte-order mark,
// from the pattern of NUL bytes (UTF-16 without a mark), by checking that the start is valid
// UTF-8, or else one of the 8-bit Vietnamese encodings: Windows-1258 (as Excel exports), TCVN3,
// VNI or VISCII, whichever reads most like Vietnamese. The text is put in NFC, since Windows-1258 writes
// tones as combining marks. Binary files are refused, and so is a line longer than the limit.
import { JobInputError } from '../../../jobs/job-queue.js';
import { guessLegacyVietnamese, tcvn3Decoder, visciiDecoder, vniDecoder, type LegacyVietnamese, type TextDecoderLike } from './legacy-vietnamese.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | LegacyVietnamese;

export function decoderFor(encoding: TextEncoding): TextDecoderLike {
  if (encoding === 'tcvn3') return tcvn3Decoder();
  if (encoding === 'vni') return vniDecoder();
  if (encoding === 'viscii') return visciiDecoder();
  return new TextDecoder(encoding);
}

export function sniffEncoding(head: Buffer): { encoding: TextEncoding; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const sample = head.subarray(0, 4096);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 ? oddNul++ : evenNul++);
  const half = sample.length / 2;
  if (oddNul > half * 0.3 && evenNul < half * 0.05) return { encoding: 'utf-16le', bomLength: 0 };
  if (evenNul > half * 0.3 && oddNul < half * 0.05) return { encoding: 'utf-16be', bomLength: 0 };
  if (evenNul + oddNul > 0) throw new JobInputError('The file is not text (it contains binary data); is it really CSV?');
  // A multi-byte sequence may be cut at the end of the sample: drop up to three trailing bytes.
  for (let cut = 0; cut <= 3; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
      return { encoding: 'utf-8', bomLength: 0 };
    } catch { /* try a shorter sample */ }
  }
  return { encoding: guessLegacyVietnamese(head), bomLength: 0 };
}

export function looksBinary(text: string): boolean {
  let control = 0;
  const n = Math.min(text.length, 8192);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) control++;
  }
  return n > 0 && control / n > 0.05;
}

/** Decodes a byte stream to NFC text chunks, each ending on a line break where possible. */
export async function* decodeText(bytes: AsyncIterable<Buffer>, maxLineChars: number): AsyncGenerator<string> {
  let decoder: TextDecoderLike | null = null;
  let carry = '';
  let lineLength = 0;
  let line = 1;
  let head: Buffer[] = [];
  let headSize = 0;
  const emit = function* (text: string, final: boolean): Generator<string> {
    let all = carry + text;
    // Keep back the unfinished last line: NFC and the line check need whole lines.
    const cut = final ? all.length : all.lastIndexOf('\n') + 1;
    carry = all.slice(cut);
    all = all.slice(0, cut);
    for (let i = 0; i < all.length; i++) {
      if (all.charCodeAt(i) === 10) { line++; lineLength = 0; } else if (++lineLength > maxLineChars) {
        throw new JobInputError(`Line ${line} is longer than the limit of ${maxLineChars} characters`, [{ line, message: 'line too long' }]);
      }
    }
    if (carry.length > maxLineChars) {
      throw new JobInputError(`Line ${line} is longer than the limit of ${maxLineChars} characters`, [{ line, message: 'line too long' }]);
    }
    if (all) yield all.normalize('NFC');
  };
  for await (const chunk of bytes) {
    if (!decoder) {
      head.push(chunk);
      headSize += chunk.length;
      if (headSize < 64 * 1024) continue;
      const first = Buffer.concat(head);
      head = [];
      const { encoding, bomLength } = sniffEncoding(first);
      decoder = decoderFor(encoding);
      const text = decoder.decode(first.subarray(bomLength), { stream: true });
      if (looksBinary(text)) throw new JobInputError('The file is not text (it contains binary data); is it really CSV?');
      yield* emit(text, false);
      continue;
    }
    yield* emit(decoder.decode(chunk, { stream: true }), false);
  }
  if (!decoder) {
    const first = Buffer.concat(head);
    if (!first.length) throw new JobInputError('The file is empty');
    const { encoding, bomLength } = sniffEncoding(first);
    decoder = decoderFor(encoding);
    const text = decoder.decode(first.subarray(bomLength), { stream: true });
    if (looksBinary(text)) throw new JobInputError('The file is not text (it contains binary data); is it really CSV?');
    yield* emit(text, false);
  }
  yield* emit(decoder.decode(), true);
}

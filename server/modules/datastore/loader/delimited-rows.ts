// Rows of a delimited text file through papaparse (delimiter guessed unless given), chunk by chunk.
// Papaparse's own Node stream pauses its parser whenever the reader's buffer of 16 rows is full
// and, on resuming, parses the rest of its chunk again from the start: quadratic in the chunk,
// and all of it on the event loop (a 10 MB file could hold it for seconds). Here the parser gets
// each chunk once, as papaparse's own chunked readers drive it (a record cut by the chunk's end
// is carried to the next), and the rows are handed out between turns of the event loop.
import Papa from 'papaparse';
import { timeSlice } from './yield-slice.js';

interface ParseResults { data: string[][]; meta: { cursor: number } }
interface ParserHandle { parse(input: string, baseIndex: number, ignoreLastRow: boolean): ParseResults }
const { ParserHandle } = Papa as unknown as { ParserHandle: new (config: Papa.ParseConfig) => ParserHandle };

export async function* delimitedRows(text: AsyncIterable<string>, delimiter?: string): AsyncGenerator<string[]> {
  // One handle per file: it guesses the line ending and the delimiter from the first chunk.
  const handle = new ParserHandle({ delimiter: delimiter ?? '', skipEmptyLines: 'greedy' });
  const slice = timeSlice();
  let partial = '';
  let base = 0;
  for await (const chunk of text) {
    const input = partial + chunk;
    const { data, meta } = handle.parse(input, base, true);
    partial = input.substring(meta.cursor - base);
    base = meta.cursor;
    for (const row of data) {
      yield row;
      const turn = slice();
      if (turn) await turn;
    }
  }
  yield* handle.parse(partial, base, false).data;
}

// Rows of a delimited text file, streamed through papaparse (delimiter guessed unless given).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Papa from 'papaparse';

export async function* delimitedRows(text: AsyncIterable<string>, delimiter?: string): AsyncGenerator<string[]> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: delimiter ?? '', skipEmptyLines: 'greedy' }) as unknown as NodeJS.ReadWriteStream & AsyncIterable<string[]>;
  let failure: unknown = null;
  const done = pipeline(Readable.from(text), parser as any).catch((err) => { failure = err; });
  try {
    for await (const row of parser) yield row;
  } catch (err) {
    throw failure ?? err;
  }
  await done;
  if (failure) throw failure;
}

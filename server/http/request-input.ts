// Request → the action's input dict, following CKAN's rules: query strings and form fields as
// strings (lists when repeated), JSON bodies must be objects, and CKAN's `curl -d '{...}'` quirk.
import { PassThrough, type Readable } from 'node:stream';
import { BadRequest } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import { parseRequestJson } from '../logic/validators.js';

export type InputDict = Record<string, unknown>;

/** A request's query string read with CKAN's semantics (fastify does not parse it: see app.ts). */
export function queryOf(request: { url: string }): InputDict {
  return parsePairs(request.url.split('?')[1] ?? '');
}

export function parsePairs(text: string): InputDict {
  const out: InputDict = {};
  for (const [k, v] of new URLSearchParams(text)) addField(out, k, v);
  return out;
}

export function addField(out: InputDict, key: string, value: unknown) {
  // Assigning to it would replace the dict's prototype instead of adding a field.
  if (key === '__proto__') throw new BadRequest('Bad request - Invalid field name: __proto__');
  if (!Object.hasOwn(out, key)) out[key] = value;
  else if (Array.isArray(out[key])) (out[key] as unknown[]).push(value);
  else out[key] = [out[key], value];
}

export function parseJsonBody(raw: string): InputDict {
  if (raw.trim() === '') return {};
  const result = parseRequestJson(raw);
  if (!result.ok) {
    throw new BadRequest(result.syntax
      ? `Bad request - JSON Error: Error decoding JSON data. Error: ${result.reason}`
      : `Bad request - JSON Error: ${result.reason}`);
  }
  const parsed = result.value;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BadRequest('Bad request - JSON Error: Request data JSON decoded to ' + JSON.stringify(parsed) + ' but it needs to be a dictionary.');
  }
  return parsed as InputDict;
}

/** Form bodies; a single field whose value is "" or "1" carries a JSON body in its name. */
export function parseFormBody(raw: string): InputDict {
  const pairs = [...new URLSearchParams(raw)];
  if (pairs.length === 1 && (pairs[0]![1] === '' || pairs[0]![1] === '1')) {
    const name = pairs[0]![0].trim();
    if (name.startsWith('{')) return parseJsonBody(name);
  }
  return parsePairs(raw);
}

/**
 * The file of a multipart request as the action reads it. Its bytes pass straight through, but
 * its end is held back until the whole body has parsed: an action stores a file only when it
 * has read it to the end, so a body found malformed after the file (cut off, a second file, too
 * many fields) fails the store instead of leaving a resource behind.
 */
export class HeldUpload {
  // A few chunks of slack, so a fast reader is not paused and resumed at every chunk.
  readonly stream = new PassThrough({ highWaterMark: 256 * 1024 });
  private sourceEnded = false;
  private bodyComplete = false;

  constructor(private readonly source: Readable) {
    source.on('data', (chunk: Buffer) => {
      if (this.stream.destroyed) return; // nobody reads any more: the rest is discarded
      if (!this.stream.write(chunk)) source.pause();
    });
    // The action may have stopped reading, and listening, before the body's fault is known;
    // a reader that still reads gets the error through its own listener.
    this.stream.on('error', () => {});
    this.stream.on('drain', () => source.resume());
    this.stream.on('close', () => source.resume());
    source.on('end', () => {
      this.sourceEnded = true;
      this.release();
    });
    source.on('error', (err) => this.stream.destroy(err));
  }

  /** The body parsed to its closing boundary: the file may end. */
  complete() {
    this.bodyComplete = true;
    this.release();
  }

  /** The body is malformed: the file fails with that. */
  fail(err: Error) {
    this.stream.destroy(err);
  }

  /** The action is done with the file, whether or not it read it: what is left is dropped. */
  discardRest() {
    if (!this.stream.destroyed && !this.stream.readableEnded) this.stream.resume();
  }

  private release() {
    if (this.sourceEnded && this.bodyComplete && !this.stream.destroyed) this.stream.end();
  }
}

/** What a malformed multipart body is told, from the parser's complaint. */
export function multipartRefusal(err: unknown): BadRequest {
  if (err instanceof BadRequest) return err;
  const e = err as { code?: string; message?: string };
  const why = (() => {
    switch (e?.code) {
      case 'FST_FILES_LIMIT': return `at most ${LIMITS.multipartFiles} file may be sent`;
      case 'FST_PARTS_LIMIT':
      case 'FST_FIELDS_LIMIT': return `at most ${LIMITS.multipartFields} form fields may be sent`;
      case 'FST_PROTO_VIOLATION': return 'a field may not be named after a property every object has (such as __proto__ or constructor)';
      case 'FST_MP_PREMATURE_CLOSE': return 'the request was closed before its body was complete';
      case 'FST_INVALID_JSON_FIELD_ERROR': return 'a field declared as application/json is not valid JSON';
    }
    const message = String(e?.message ?? err);
    if (/boundary not found/i.test(message)) return 'the Content-Type header names no boundary';
    if (/unexpected end/i.test(message)) return 'the body ended before its closing boundary';
    return message;
  })();
  return new BadRequest(`Bad request - Multipart Error: ${why}`);
}

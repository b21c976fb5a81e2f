// The one way Kho fetches a URL a user gave it (DataStore links now, harvest sources next).
//
// Every connection's address is checked by the socket's own `lookup` (net connects to exactly
// the addresses that function hands back), so a name that answers a public address to a first
// check and a private one to the connection (DNS rebinding) has no gap to slip through; a URL
// that names an address is checked before connecting. Redirects are followed here, one hop at a
// time, each hop checked the same way. Connecting, waiting for the headers and waiting for each
// piece of the body have their own timeouts; the body streams and stops at the size cap.
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { FetchSettings } from '../config.js';
import { AllowList, refusal } from './address-policy.js';
import { FetchError, mebibytes, seconds } from './fetch-error.js';
import { USER_AGENT } from './user-agent.js';

export { FetchError } from './fetch-error.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}
/** Host name to addresses. The default asks the system (dns.lookup); tests map names with it. */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export interface SafeFetchOptions {
  resolve?: Resolver;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface FetchedResponse {
  /** where the body came from, after redirects */
  url: string;
  status: number;
  headers: http.IncomingHttpHeaders;
  /** the body as it arrives; ends the connection when the reader stops early */
  body: AsyncIterable<Buffer>;
  /** lets go of the connection without reading the body */
  cancel(): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

function bare(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '');
}

function parseUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new FetchError('bad-url', base ? `redirected to "${raw}", which is not a URL` : `"${raw}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('bad-url', base
      ? `refused: redirected to a ${url.protocol.replace(/:$/, '')} URL; only http and https are fetched`
      : `only http and https URLs are fetched, not ${url.protocol.replace(/:$/, '')}`);
  }
  return url;
}

/** A system or TLS error as a sentence about the host it happened with. */
function explain(err: unknown, host: string): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new FetchError('network', `could not find the host ${host}`);
    case 'ECONNREFUSED':
      return new FetchError('network', `${host} refused the connection`);
    case 'ECONNRESET':
      return new FetchError('network', `${host} closed the connection`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new FetchError('network', `${host} cannot be reached`);
  }
  if (typeof e?.code === 'string' && /CERT|TLS|SSL/.test(e.code)) {
    return new FetchError('network', `the TLS certificate of ${host} is not valid: ${e.message}`);
  }
  return new FetchError('network', `could not fetch from ${host}: ${e?.message ?? String(err)}`);
}

interface Hop {
  allow: AllowList;
  settings: FetchSettings;
  resolve: Resolver;
  headers: Record<string, string>;
  signal?: AbortSignal;
}

/** One request, no redirects followed: resolves with the response once its headers are in. */
function request(url: URL, hop: Hop): Promise<http.IncomingMessage> {
  const host = bare(url.hostname);
  if (isIP(host)) {
    const why = refusal(hop.allow, host, host);
    if (why) return Promise.reject(new FetchError('refused', why));
  }
  // Where the connection's addresses come from, and where each is checked.
  const lookup: LookupFunction = (hostname, options, callback) => {
    hop.resolve(hostname).then((found) => {
      const wanted = found.filter((a) => !options.family || a.family === options.family);
      if (!wanted.length) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
      // Every address, not just the first: the socket may try each in turn.
      for (const a of wanted) {
        const why = refusal(hop.allow, hostname, a.address);
        if (why) throw new FetchError('refused', why);
      }
      return wanted;
    }).then(
      (wanted) => (options.all ? callback(null, wanted) : callback(null, wanted[0]!.address, wanted[0]!.family)),
      (err) => callback(err, '', 0),
    );
  };

  return new Promise((resolve, reject) => {
    const { connectTimeoutMs, headersTimeoutMs } = hop.settings;
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request({
      hostname: host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: { 'User-Agent': USER_AGENT, Accept: '*/*', ...hop.headers },
      auth: url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
      agent: false,
      lookup,
    });
    let timer: NodeJS.Timeout | undefined;
    const stop = (err: FetchError) => req.destroy(err);
    const onAbort = () => stop(new FetchError('network', 'the request was cancelled'));
    const settle = () => {
      clearTimeout(timer);
      hop.signal?.removeEventListener('abort', onAbort);
    };
    timer = setTimeout(() => stop(new FetchError('timeout', `timed out after ${seconds(connectTimeoutMs)} connecting to ${host}`)), connectTimeoutMs);
    req.on('socket', (socket) => {
      const connected = () => {
        clearTimeout(timer);
        timer = setTimeout(() => stop(new FetchError('timeout', `timed out after ${seconds(headersTimeoutMs)} waiting for the response headers`)), headersTimeoutMs);
      };
      if (socket.connecting) socket.once('connect', connected);
      else connected();
    });
    req.on('response', (res) => {
      settle();
      resolve(res);
    });
    req.on('error', (err) => {
      settle();
      reject(explain(err, host));
    });
    if (hop.signal?.aborted) onAbort();
    else hop.signal?.addEventListener('abort', onAbort, { once: true });
    req.end();
  });
}

/** The body, each wait for more bounded by the idle timeout and the total by the size cap. */
async function* body(res: http.IncomingMessage, host: string, settings: FetchSettings, signal?: AbortSignal): AsyncGenerator<Buffer> {
  const chunks = res[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const onAbort = () => res.destroy(new FetchError('network', 'the request was cancelled'));
  signal?.addEventListener('abort', onAbort, { once: true });
  let total = 0;
  try {
    for (;;) {
      // Only the time spent waiting on the server counts as idle, not the time the reader takes.
      const next = chunks.next();
      next.catch(() => {}); // answered below, or abandoned when the wait times out
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new FetchError('timeout',
          `timed out after ${seconds(settings.idleTimeoutMs)} waiting for more of the response (${mebibytes(total)} received)`)), settings.idleTimeoutMs);
      });
      let step: IteratorResult<Buffer>;
      try {
        step = await Promise.race([next, idle]);
      } catch (err) {
        if (err instanceof FetchError) throw err;
        throw new FetchError('network', `the connection to ${host} broke off after ${mebibytes(total)}`);
      } finally {
        clearTimeout(timer);
      }
      if (step.done) return;
      total += step.value.length;
      if (total > settings.maxBytes) throw new FetchError('too-large', `stopped at ${mebibytes(settings.maxBytes)} (KHO_FETCH_MAX_MB)`);
      yield step.value;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    res.destroy();
  }
}

/**
 * GETs `rawUrl` under the outbound rules (see the top of this file). Resolves once a 2xx
 * response's headers are in; the body is read from the result. Every failure is a FetchError.
 */
export async function safeFetch(rawUrl: string, settings: FetchSettings, opts: SafeFetchOptions = {}): Promise<FetchedResponse> {
  const hop: Hop = {
    allow: new AllowList(settings.allow),
    settings,
    resolve: opts.resolve ?? systemResolver,
    headers: opts.headers ?? {},
    signal: opts.signal,
  };
  let url = parseUrl(rawUrl);
  for (let redirects = 0; ; redirects++) {
    const res = await request(url, hop);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (REDIRECTS.has(status) && location) {
      res.destroy();
      if (redirects >= settings.maxRedirects) throw new FetchError('redirects', `too many redirects (more than ${settings.maxRedirects})`);
      url = parseUrl(location, url);
      continue;
    }
    if (status < 200 || status > 299) {
      res.destroy();
      throw new FetchError('http', `HTTP ${status} ${res.statusMessage || http.STATUS_CODES[status] || ''}`.trim(), status);
    }
    const length = Number(res.headers['content-length']);
    if (Number.isFinite(length) && length > settings.maxBytes) {
      res.destroy();
      throw new FetchError('too-large', `the file is ${mebibytes(length)}, more than the ${mebibytes(settings.maxBytes)} limit (KHO_FETCH_MAX_MB)`);
    }
    return {
      url: url.href,
      status,
      headers: res.headers,
      body: body(res, bare(url.hostname), settings, opts.signal),
      cancel: () => res.destroy(),
    };
  }
}

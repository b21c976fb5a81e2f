// The request log: one JSON line per request (pino, through fastify's logger), written when the
// response is done, so it carries the status and the time taken. A 500 carries its error with the
// stack; the response never does (see the error handler and reply-errors.ts).
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { hostname } from 'node:os';
import pino from 'pino';
import type { LogLevel } from '../config.js';
import { actionOf } from './request-label.js';

/** Where log lines go instead of stdout (tests read them from here). */
export interface LogSink {
  write(line: string): void;
}

/** `true`: log to stdout at the configured level; a sink: log there; false/absent: no log. */
export type LoggerOption = boolean | { stream: LogSink; level?: LogLevel };

/** Paths never written: API tokens arrive in these headers. */
const REDACT = [
  'req.headers.authorization',
  'req.headers["x-ckan-api-key"]',
  'headers.authorization',
  'headers["x-ckan-api-key"]',
];

/** Probes and scrapes come every few seconds and say nothing new: logged at debug, not info. */
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/** How often buffered log lines reach stdout at the latest, and how much is held before that. */
const FLUSH_EVERY_MS = 250;
const FLUSH_AT_CHARS = 64 * 1024;

/**
 * stdout written in batches rather than one write per line: a write per request cost about a
 * sixth of package_show's time. Lines reach stdout within FLUSH_EVERY_MS, at close, and when the
 * process exits (not if it is killed outright). pino writes its own lines here too, so the order
 * of lines is kept.
 */
function bufferedStdout() {
  const destination = pino.destination({ dest: 1, sync: false });
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (!pending.length) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    destination.write(text);
  };
  const flushNow = () => {
    try {
      flush();
      destination.flushSync();
    } catch {
      // Still opening, or stdout is gone: nothing more can be done for these lines.
    }
  };
  const timer = setInterval(flush, FLUSH_EVERY_MS).unref();
  process.once('exit', flushNow);
  return {
    stream: {
      write(line: string) {
        pending.push(line);
        size += line.length;
        if (size >= FLUSH_AT_CHARS) flush();
      },
    },
    close() {
      clearInterval(timer);
      process.removeListener('exit', flushNow);
      flushNow();
    },
  };
}

export interface Logging {
  options: FastifyServerOptions['logger'];
  /** where lines go (null: no log); the request log writes its lines there itself */
  sink: LogSink | null;
  /** writes out what is buffered; for the app's close */
  close(): void;
}

export function loggerOptions(option: LoggerOption | undefined, level: LogLevel): Logging {
  if (!option) return { options: false, sink: null, close() {} };
  const common = { level, redact: { paths: REDACT, censor: '[redacted]' } };
  if (option !== true) return { options: { ...common, level: option.level ?? level, stream: option.stream }, sink: option.stream, close() {} };
  const stdout = bufferedStdout();
  return { options: { ...common, stream: stdout.stream }, sink: stdout.stream, close: stdout.close };
}

const LEVEL = { debug: 20, info: 30 } as const;
const HOSTNAME = JSON.stringify(hostname());

/**
 * One line per request, in the shape pino writes (level, time, pid, hostname, reqId, the fields,
 * msg) but put together directly: going through pino cost about 5% of package_show's time. A 500
 * goes through pino, which writes its error with the stack.
 */
export function requestLogger(logging: Logging): ((request: FastifyRequest, reply: FastifyReply) => void) | null {
  const sink = logging.sink;
  if (!sink) return null;
  return (request, reply) => {
    const status = reply.statusCode;
    const route = request.routeOptions.url;
    const fields = {
      method: request.method,
      url: request.url,
      route: route ?? null,
      status,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      action: actionOf(request),
      user: request.khoUserId || undefined,
    };
    if (status >= 500) {
      // The error with its stack, for the operator; the caller only heard "Internal Server Error".
      request.log.error({ ...fields, err: request.khoError }, 'request failed');
      return;
    }
    const level = route && QUIET_ROUTES.has(route) ? 'debug' : 'info';
    if ((request.log as pino.Logger).isLevelEnabled(level)) {
      const body = JSON.stringify(fields);
      sink.write(`{"level":${LEVEL[level]},"time":${Date.now()},"pid":${process.pid},"hostname":${HOSTNAME},"reqId":${JSON.stringify(request.id)},${body.slice(1, -1)},"msg":"request"}\n`);
    }
  };
}

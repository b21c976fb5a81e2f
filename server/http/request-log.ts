// The request log: one JSON line per request (pino, through fastify's logger), written when the
// response is done, so it carries the status and the time taken. A 500 carries its error with the
// stack; the response never does (see the error handler and reply-errors.ts).
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
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

/** How often buffered log lines reach stdout at the latest. */
const FLUSH_EVERY_MS = 250;

/**
 * stdout written in 4 KiB batches rather than one write per line: a synchronous write per
 * request cost about a sixth of package_show's time. Lines reach stdout within FLUSH_EVERY_MS,
 * at close, and when the process exits (not if it is killed outright).
 */
function bufferedStdout() {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const flush = () => {
    try {
      destination.flushSync();
    } catch {
      // Still opening, or stdout is gone: nothing more can be done for these lines.
    }
  };
  const timer = setInterval(() => destination.flush(), FLUSH_EVERY_MS).unref();
  process.once('exit', flush);
  return {
    stream: destination,
    close() {
      clearInterval(timer);
      process.removeListener('exit', flush);
      flush();
    },
  };
}

export interface Logging {
  options: FastifyServerOptions['logger'];
  /** writes out what is buffered; for the app's close */
  close(): void;
}

export function loggerOptions(option: LoggerOption | undefined, level: LogLevel): Logging {
  if (!option) return { options: false, close() {} };
  const common = { level, redact: { paths: REDACT, censor: '[redacted]' } };
  if (option !== true) return { options: { ...common, level: option.level ?? level, stream: option.stream }, close() {} };
  const stdout = bufferedStdout();
  return { options: { ...common, stream: stdout.stream }, close: stdout.close };
}

export function registerRequestLog(app: FastifyInstance) {
  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const route = request.routeOptions.url;
    const line: Record<string, unknown> = {
      method: request.method,
      url: request.url,
      route: route ?? null,
      status,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    const action = actionOf(request);
    if (action !== undefined) line.action = action;
    if (request.khoUserId) line.user = request.khoUserId;
    if (status >= 500) {
      // The error with its stack, for the operator; the caller only heard "Internal Server Error".
      if (request.khoError !== undefined) line.err = request.khoError;
      request.log.error(line, 'request failed');
    } else if (route && QUIET_ROUTES.has(route)) {
      request.log.debug(line, 'request');
    } else {
      request.log.info(line, 'request');
    }
    done();
  });
}

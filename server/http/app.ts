// The fastify application: body parsing, CORS, and the routes, which only dispatch to actions.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { Kho } from '../core/kho.js';
import { registerActionRoutes } from './action-route.js';
import { registerDownloadRoutes } from './download-route.js';
import { registerApiInfoRoutes } from './api-info-routes.js';
import { registerUtilRoutes } from './util-routes.js';
import { recordRoutes } from './route-catalog.js';
import { LIMITS } from '../core/limits.js';
import { loggerOptions, requestLogger, type LoggerOption } from './request-log.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerMetrics } from './metrics-route.js';

/** `logger`: true logs JSON lines to stdout at LOG_LEVEL (kho serve); absent, no log (tests). */
export async function buildApp(kho: Kho, opts: { logger?: LoggerOption } = {}): Promise<FastifyInstance> {
  const logging = loggerOptions(opts.logger, kho.config.logLevel);
  const app = Fastify({
    logger: logging.options,
    // One line per request, written by request-log.ts, instead of fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024 * 1024,
    // Each route reads the raw query string itself, with CKAN's semantics ('+' is a space,
    // repeated keys are lists: request-input.ts parsePairs); fastify's own parse of every
    // request's query would be thrown away.
    routerOptions: { querystringParser: () => ({}) },
  });
  recordRoutes(app);
  app.addHook('onClose', async () => logging.close());

  // Bodies are parsed by the action layer so malformed input gets CKAN's error, not fastify's.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  await app.register(multipart, {
    limits: {
      fileSize: kho.config.maxUploadBytes + 1,
      files: LIMITS.multipartFiles,
      fields: LIMITS.multipartFields,
      parts: LIMITS.multipartFields + LIMITS.multipartFiles,
      fieldSize: 16 * 1024 * 1024,
    },
    throwFileSizeLimit: false,
  });

  const allowed = kho.config.corsOrigins;
  app.addHook('onRequest', (request, reply, done) => {
    const origin = request.headers.origin;
    if (!origin) return done();
    if (allowed !== '*' && !allowed.includes(origin)) return done();
    reply.header('Access-Control-Allow-Origin', allowed === '*' ? '*' : origin);
    reply.header('Access-Control-Allow-Methods', 'POST, PUT, GET, DELETE, OPTIONS');
    reply.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-CKAN-API-Key');
    if (allowed !== '*') reply.header('Vary', 'Origin');
    if (request.method === 'OPTIONS') return reply.code(204).send();
    done();
  });
  app.options('*', async (_req, reply) => reply.code(204).send());

  // One hook for every finished request, callback-style: a promise, or a hook, per request is measurable.
  const observe = registerMetrics(app, kho);
  const log = requestLogger(logging);
  app.addHook('onResponse', (request, reply, done) => {
    observe(request, reply);
    log?.(request, reply);
    done();
  });

  app.setErrorHandler((err: any, request, reply) => {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    // Logged with its stack on the request's line (request-log.ts); never sent.
    if (status === 500) request.khoError = err;
    const message = status === 500 ? 'Internal Server Error' : err.message;
    reply.code(status).type('application/json;charset=utf-8').send(JSON.stringify(`Bad request - ${message}`));
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).type('application/json;charset=utf-8').send(JSON.stringify('Not found')));

  registerHealthRoutes(app, kho);
  registerApiInfoRoutes(app);
  registerActionRoutes(app, kho);
  registerUtilRoutes(app, kho);
  registerDownloadRoutes(app, kho);
  // Each enabled module's own routes.
  for (const m of kho.modules) await m.routes?.(app, kho);
  return app;
}

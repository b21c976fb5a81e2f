// GET /metrics for Prometheus, and the hook that counts every request into it.
// Open to anyone unless KHO_METRICS_TOKEN is set (then `Authorization: Bearer <token>`): the
// figures name actions and job kinds but no data, and a portal usually keeps /metrics off its
// public proxy anyway; the token is for when it cannot.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kho } from '../core/kho.js';
import { createMetrics } from '../metrics/index.js';
import { handlerLabel } from './request-label.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Serves /metrics; returns what counts a finished request into them (app.ts calls it). */
export function registerMetrics(app: FastifyInstance, kho: Kho): (request: FastifyRequest, reply: FastifyReply) => void {
  const metrics = createMetrics(kho);

  app.get('/metrics', async (request, reply) => {
    const token = kho.config.metricsToken;
    if (token) {
      const given = String(request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      if (!timingSafeEqual(digest(given), digest(token))) {
        return reply.code(401).header('WWW-Authenticate', 'Bearer').type('application/json;charset=utf-8')
          .send(JSON.stringify('Unauthorized - /metrics needs the KHO_METRICS_TOKEN as a Bearer token'));
      }
    }
    const { contentType, body } = await metrics.scrape();
    return reply.header('Cache-Control', 'no-store').type(contentType).send(body);
  });
  return (request, reply) => metrics.http.observe(handlerLabel(kho, request), reply.statusCode, reply.elapsedTime / 1000);
}

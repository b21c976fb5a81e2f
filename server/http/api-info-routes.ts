// /api and /api/{n}: the API version probes old clients make.
import type { FastifyInstance } from 'fastify';

export function registerApiInfoRoutes(app: FastifyInstance) {
  app.get('/api', async (_req, reply) => reply.type('application/json;charset=utf-8').send(JSON.stringify({ version: 1 })));
  app.get<{ Params: { ver: string } }>('/api/:ver', async (req, reply) => {
    if (!/^[123]$/.test(req.params.ver)) return reply.code(404).send(JSON.stringify('Not found'));
    return reply.type('application/json;charset=utf-8').send(JSON.stringify({ version: Number(req.params.ver) }));
  });
}

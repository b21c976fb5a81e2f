// /api/[1|2/]util/*: the autocomplete endpoints CKAN's own front-end (and many portal themes)
// call. Each is a thin wrapper over an action, answered in CKAN's older shapes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kho } from '../core/kho.js';
import { runAction } from '../actions/registry.js';
import { queryOf } from './request-input.js';
import { requestUser } from './request-user.js';
import { sendError } from './reply-errors.js';
import { escapeCallback } from './jsonp.js';

type Query = Record<string, string | string[]>;
type Shape = (kho: Kho, call: (action: string, data: Record<string, unknown>) => Promise<any>, q: Query) => Promise<unknown>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
const withLimit = (q: Query, data: Record<string, unknown>) => (q.limit !== undefined ? { ...data, limit: one(q.limit) } : data);

const UTIL: Record<string, Shape> = {
  'dataset/autocomplete': async (_kho, call, q) => ({
    ResultSet: { Result: one(q.incomplete) ? await call('package_autocomplete', withLimit(q, { q: one(q.incomplete) })) : [] },
  }),
  'tag/autocomplete': async (_kho, call, q) => {
    const data: Record<string, unknown> = withLimit(q, { q: one(q.incomplete) });
    if (q.vocabulary_id) data.vocabulary_id = one(q.vocabulary_id);
    const names: string[] = one(q.incomplete) ? await call('tag_autocomplete', data) : [];
    return { ResultSet: { Result: names.map((Name) => ({ Name })) } };
  },
  'resource/format_autocomplete': async (_kho, call, q) => {
    const formats: string[] = one(q.incomplete) ? await call('format_autocomplete', withLimit(q, { q: one(q.incomplete) })) : [];
    return { ResultSet: { Result: formats.map((Format) => ({ Format })) } };
  },
  'organization/autocomplete': async (_kho, call, q) => (one(q.q) ? call('organization_autocomplete', withLimit(q, { q: one(q.q) })) : []),
  'group/autocomplete': async (_kho, call, q) => (one(q.q) ? call('group_autocomplete', withLimit(q, { q: one(q.q) })) : []),
  'user/autocomplete': async (_kho, call, q) => (one(q.q) ? call('user_autocomplete', withLimit(q, { q: one(q.q) })) : []),
};

export function registerUtilRoutes(app: FastifyInstance, kho: Kho) {
  for (const [path, shape] of Object.entries(UTIL)) {
    const action = path.replace(/^(dataset|resource|tag|organization|group|user)\//, '');
    const help = `${kho.config.siteUrl}/api/3/action/help_show?name=${action}`;
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const query = queryOf(request) as Query;
      const jsonp = typeof query.callback === 'string' ? query.callback : null;
      try {
        // JSONP answers run anonymously, as the action API's do.
        const user = jsonp ? null : await requestUser(kho, request);
        const body = JSON.stringify(await shape(kho, (name, data) => runAction({ kho, user }, name, data), query));
        reply.header('Cache-Control', 'no-cache');
        if (jsonp) return reply.type('application/javascript;charset=utf-8').send(`${escapeCallback(jsonp)}(${body});`);
        return reply.type('application/json;charset=utf-8').send(body);
      } catch (err) {
        return sendError(request, reply, err, help);
      }
    };
    for (const prefix of ['/api', '/api/1', '/api/2']) app.get(`${prefix}/util/${path}`, handler);
  }
}

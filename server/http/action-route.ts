// /api/3/action/{name} and /api/action/{name}: the HTTP face of the action registry. It only
// turns requests into input dicts and results into CKAN's envelope.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import type { Kho } from '../kho.js';
import { getAction, runAction, type Upload } from '../actions/registry.js';
import { BadRequest } from '../actions/errors.js';
import { addField, parseFormBody, parseJsonBody, parsePairs, type InputDict } from './request-input.js';
import { requestUser } from './request-user.js';
import { sendError } from './reply-errors.js';
import { escapeCallback } from './jsonp.js';
import type { AuthUser } from '../auth/users.js';

const JSON_TYPE = 'application/json;charset=utf-8';

export function registerActionRoutes(app: FastifyInstance, kho: Kho) {
  const help = (name: string) => `${kho.config.siteUrl}/api/3/action/help_show?name=${encodeURIComponent(name)}`;

  const handle = async (request: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) => {
    const name = request.params.name;
    reply.header('Cache-Control', 'no-cache');
    reply.header('Vary', 'Authorization, X-CKAN-API-Key');
    try {
      const def = getAction(name);
      if (!def) throw new BadRequest(`Bad request - Action name not known: ${name}`);
      const query = parsePairs(request.url.split('?')[1] ?? '');
      const jsonp = request.method === 'GET' && typeof query.callback === 'string' ? query.callback : null;
      // JSONP requests run anonymously so a third-party page cannot read private data.
      const user: AuthUser | null = jsonp ? null : await requestUser(kho, request);
      if (request.method === 'GET') {
        if (!def.read) throw new BadRequest('Bad request - JSON Error: Invalid request. Please use POST method for your request');
        const { callback: _cb, ...data } = query;
        const result = await runAction({ kho, user }, name, data);
        return send(reply, help(name), result, jsonp);
      }
      if (request.isMultipart()) return await handleMultipart(request, reply, user, name, help(name));
      const raw = typeof request.body === 'string' ? request.body : '';
      const type = String(request.headers['content-type'] ?? '');
      const data = type.includes('application/x-www-form-urlencoded') ? parseFormBody(raw) : parseJsonBody(raw);
      return send(reply, help(name), await runAction({ kho, user }, name, data), null);
    } catch (err) {
      return sendError(request, reply, err, help(name));
    }
  };

  async function handleMultipart(request: FastifyRequest, reply: FastifyReply, user: AuthUser | null, name: string, helpUrl: string) {
    const data: InputDict = {};
    let result: unknown;
    let ran = false;
    let failure: unknown = null;
    for await (const part of request.parts() as AsyncIterableIterator<Multipart>) {
      if (part.type === 'field') {
        if (!ran) addField(data, part.fieldname, part.value);
        continue;
      }
      if (ran) {
        part.file.resume();
        continue;
      }
      // The first file runs the action with the fields sent before it, streaming the file.
      const upload: Upload = { filename: part.filename || 'upload', stream: part.file, mimetype: part.mimetype };
      ran = true;
      try {
        result = await runAction({ kho, user }, name, { ...data, [part.fieldname]: upload });
      } catch (err) {
        failure = err;
      }
      if (!part.file.readableEnded) part.file.resume();
    }
    if (!ran) {
      try {
        result = await runAction({ kho, user }, name, data);
      } catch (err) {
        failure = err;
      }
    }
    if (failure) return sendError(request, reply, failure, helpUrl);
    return send(reply, helpUrl, result, null);
  }

  function send(reply: FastifyReply, helpUrl: string, result: unknown, jsonp: string | null) {
    const body = JSON.stringify({ help: helpUrl, success: true, result: result ?? null });
    if (jsonp) return reply.type('application/javascript;charset=utf-8').send(`${escapeCallback(jsonp)}(${body});`);
    return reply.type(JSON_TYPE).send(body);
  }

  for (const prefix of ['/api/3/action', '/api/action']) {
    app.route({ method: ['GET', 'POST'], url: `${prefix}/:name`, handler: handle });
    app.route({
      method: ['PUT', 'DELETE', 'PATCH'], url: `${prefix}/:name`,
      handler: (_req, reply) => reply.code(405).header('Allow', 'GET, POST').type(JSON_TYPE).send(JSON.stringify('Bad request - Method not allowed')),
    });
  }
}

// /api/3/action/{name} and /api/action/{name}: the HTTP face of the action registry. It only
// turns requests into input dicts and results into CKAN's envelope.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import type { Kho } from '../core/kho.js';
import { runAction, type Upload } from '../actions/registry.js';
import { BadRequest } from '../core/errors.js';
import { RawJson } from '../core/raw-json.js';
import { addField, HeldUpload, multipartRefusal, parseFormBody, parseJsonBody, type InputDict, queryOf } from './request-input.js';
import { requestUser } from './request-user.js';
import { sendError } from './reply-errors.js';
import { escapeCallback } from './jsonp.js';
import type { AuthUser } from '../auth/users.js';

const JSON_TYPE = 'application/json;charset=utf-8';

type Outcome = { ok: true; result: unknown } | { ok: false; error: unknown };
const outcome = (p: Promise<unknown>): Promise<Outcome> =>
  p.then((result) => ({ ok: true as const, result }), (error: unknown) => ({ ok: false as const, error }));

export function registerActionRoutes(app: FastifyInstance, kho: Kho) {
  const help = (name: string) => `${kho.config.siteUrl}/api/3/action/help_show?name=${encodeURIComponent(name)}`;
  // The start of a successful answer, per action (only registered names, so the map is bounded).
  const prefixes = new Map<string, string>();
  const answerPrefix = (name: string) => {
    let prefix = prefixes.get(name);
    if (prefix === undefined) {
      prefix = `{"help":${JSON.stringify(help(name))},"success":true,"result":`;
      if (kho.actions.get(name)) prefixes.set(name, prefix);
    }
    return prefix;
  };

  const handle = async (request: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) => {
    const name = request.params.name;
    reply.header('Cache-Control', 'no-cache');
    reply.header('Vary', 'Authorization, X-CKAN-API-Key');
    try {
      const def = kho.actions.get(name);
      if (!def) throw new BadRequest(`Bad request - Action name not known: ${name}`);
      const query = queryOf(request);
      const jsonp = request.method === 'GET' && typeof query.callback === 'string' ? query.callback : null;
      // JSONP requests run anonymously so a third-party page cannot read private data.
      const user: AuthUser | null = jsonp ? null : await requestUser(kho, request);
      if (request.method === 'GET') {
        if (!def.read) throw new BadRequest('Bad request - JSON Error: Invalid request. Please use POST method for your request');
        const { callback: _cb, ...data } = query;
        const result = await kho.actions.run({ kho, user }, name, data, true);
        return send(reply, name, result, jsonp);
      }
      if (request.isMultipart()) return await handleMultipart(request, reply, user, name);
      const raw = typeof request.body === 'string' ? request.body : '';
      const type = String(request.headers['content-type'] ?? '');
      const data = type.includes('application/x-www-form-urlencoded') ? parseFormBody(raw) : parseJsonBody(raw);
      return send(reply, name, await kho.actions.run({ kho, user }, name, data, true), null);
    } catch (err) {
      return sendError(request, reply, err, help(name));
    }
  };

  /**
   * A multipart request: fields, then at most one file, which runs the action while it streams.
   * The action sees the end of the file only once the whole body has parsed, so a body that
   * turns out malformed after the file (cut off, a second file, too many fields) fails the
   * action's read of the file and nothing is written.
   */
  async function handleMultipart(request: FastifyRequest, reply: FastifyReply, user: AuthUser | null, name: string) {
    const data: InputDict = {};
    let held: HeldUpload | null = null;
    let action: Promise<Outcome> | null = null;
    try {
      for await (const part of request.parts() as AsyncIterableIterator<Multipart>) {
        if (part.type === 'field') {
          if (part.fieldnameTruncated || part.valueTruncated) {
            throw new BadRequest(`Bad request - Multipart Error: the field ${JSON.stringify(part.fieldname)} is too long`);
          }
          // Fields after the file come too late for the action, which is already running.
          if (!action) addField(data, part.fieldname, part.value);
          continue;
        }
        const upload = new HeldUpload(part.file);
        held = upload;
        action = outcome(runAction({ kho, user }, name, {
          ...data, [part.fieldname]: { filename: part.filename || 'upload', stream: upload.stream, mimetype: part.mimetype } satisfies Upload,
        }));
        // An action that stops reading (refused, or not one that takes a file) must not stall
        // the parser, which still has the rest of the body to check.
        void action.then(() => upload.discardRest());
      }
    } catch (err) {
      const refusal = multipartRefusal(err);
      held?.fail(refusal);
      // The action fails on the broken file; the body is what the caller must hear about.
      if (action) await action;
      return sendError(request, reply, refusal, help(name));
    }
    held?.complete();
    const done = await (action ?? outcome(runAction({ kho, user }, name, data)));
    if (!done.ok) return sendError(request, reply, done.error, help(name));
    return send(reply, name, done.result, null);
  }

  function send(reply: FastifyReply, name: string, result: unknown, jsonp: string | null) {
    // A stored dict arrives as JSON text and goes out as it is (server/core/raw-json.ts).
    const body = `${answerPrefix(name)}${result instanceof RawJson ? result.text : JSON.stringify(result ?? null)}}`;
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

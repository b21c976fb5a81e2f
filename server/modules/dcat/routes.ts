// DCAT's URLs, as ckanext-dcat serves them: /catalog.{fmt}, /dataset/{id}.{fmt} (and
// /dataset_series/{id}.{fmt}), the same by content negotiation, /dcat.json, and /data.json
// (Project Open Data). Transport only: each URL runs an action (or, for data.json,
// package_search page by page) and sends what it gives.
//
// Content negotiation: /catalog, / (as in ckanext-dcat) and /dataset/{id} are answered here
// only when the Accept header prefers an RDF type (a route constraint). Every other request (a
// browser's text/html, no Accept at all) goes on as if DCAT were not there: today to the 404
// every unknown URL gets, and once the portal serves its HTML pages at those URLs, to them,
// with no change here. No 406: the HTML answer is the portal's to give, not DCAT's to refuse.
// Those pages must send `Vary: Accept` as DCAT's answers do, or a cache could hand one to a
// harvester.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kho } from '../../core/kho.js';
import { queryOf, type InputDict } from '../../http/request-input.js';
import { requestUser } from '../../http/request-user.js';
import { sendError } from '../../http/reply-errors.js';
import { cacheHeaders } from '../../http/download-route.js';
import { negotiatedFormat } from './conneg.js';
import { MEDIA_TYPES, parseFormat } from './graph.js';
import { dataJson } from './data-json.js';

/** The route constraint that sends RDF-preferring requests for a bare URL to DCAT. */
const RDF_ACCEPT = 'dcatRdfAccept';
const MAY_BE_RDF = /rdf|turtle|n3|triples|ld\+json|application\/\*|text\/\*/i;

function registerAcceptConstraint(app: FastifyInstance) {
  if (app.hasConstraintStrategy(RDF_ACCEPT)) return;
  app.addConstraintStrategy({
    name: RDF_ACCEPT,
    storage() {
      const handlers = new Map<string, unknown>();
      return { get: (k: string) => (handlers.get(k) ?? null) as any, set: (k: string, v: unknown) => { handlers.set(k, v); } };
    },
    // Derived for every request the app gets, once any route uses it: an Accept header that
    // names no RDF type (nor application/*, text/*) is passed over without being parsed.
    deriveConstraint: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const accept = req.headers.accept;
      return typeof accept === 'string' && MAY_BE_RDF.test(accept) && negotiatedFormat(accept) ? 'rdf' : undefined;
    },
    mustMatchWhenDerived: false,
  });
}

/** The parameters ckanext-dcat reads from the query string; an empty one counts as absent. */
function pick(query: InputDict, keys: readonly string[]): InputDict {
  const out: InputDict = {};
  for (const [k, v] of Object.entries(query)) if (keys.includes(k) && v !== '') out[k] = v;
  return out;
}

const CATALOG_PARAMS = ['modified_since', 'profiles', 'q', 'fq', 'page'] as const;

/** `Vary: Accept` beside the caller headers: the bare URLs answer by it. */
function varyAccept(reply: FastifyReply) {
  const vary = String(reply.getHeader('Vary') ?? '');
  if (!/\baccept\b/i.test(vary)) reply.header('Vary', vary ? `${vary}, Accept` : 'Accept');
}

export function registerDcatRoutes(app: FastifyInstance, kho: Kho) {
  registerAcceptConstraint(app);
  const help = (name: string) => `${kho.config.siteUrl}/api/3/action/help_show?name=${name}`;

  /** Runs a DCAT action for an HTTP request and sends its document, or CKAN's error answer. */
  async function document(request: FastifyRequest, reply: FastifyReply, action: string, format: string, data: InputDict) {
    const type = MEDIA_TYPES[parseFormat(format)!];
    try {
      const user = await requestUser(kho, request);
      const body = await kho.actions.run({ kho, user }, action, { ...data, format });
      // Everyone gets the same document (public datasets only), so caches may keep it when
      // nobody signed in asked for it.
      cacheHeaders(request, reply, true);
      varyAccept(reply);
      return reply.type(`${type}; charset=utf-8`).send(body as string);
    } catch (err) {
      cacheHeaders(request, reply, false);
      varyAccept(reply);
      return sendError(request, reply, err, help(action));
    }
  }

  const catalog = (request: FastifyRequest, reply: FastifyReply, format: string) =>
    document(request, reply, 'dcat_catalog_show', format, pick(queryOf(request), CATALOG_PARAMS));
  const dataset = (request: FastifyRequest, reply: FastifyReply, id: string, format: string) =>
    document(request, reply, 'dcat_dataset_show', format, { id, ...pick(queryOf(request), ['profiles']) });

  app.get<{ Params: { fmt: string } }>('/catalog.:fmt', (request, reply) => {
    const fmt = request.params.fmt.toLowerCase();
    if (!parseFormat(fmt)) return reply.callNotFound();
    return catalog(request, reply, fmt);
  });
  // The site's home page is the catalog too, as ckanext-dcat negotiates it (spec §8).
  for (const url of ['/catalog', '/']) {
    app.get(url, { constraints: { [RDF_ACCEPT]: 'rdf' } }, (request, reply) =>
      catalog(request, reply, negotiatedFormat(request.headers.accept)!));
  }

  // ckanext-dcat serves dataset series at their own path with the same view (spec §8).
  for (const url of ['/dataset/:id.:fmt', '/dataset_series/:id.:fmt']) {
    app.get<{ Params: { id: string; fmt: string } }>(url, (request, reply) => {
      const fmt = request.params.fmt.toLowerCase();
      if (!parseFormat(fmt)) return reply.callNotFound();
      return dataset(request, reply, request.params.id, fmt);
    });
  }
  app.get<{ Params: { id: string } }>('/dataset/:id', { constraints: { [RDF_ACCEPT]: 'rdf' } }, (request, reply) =>
    dataset(request, reply, request.params.id, negotiatedFormat(request.headers.accept)!));

  // ckanext-dcat's simplified JSON, a page at a time (a plain list, no envelope).
  app.get('/dcat.json', async (request, reply) => {
    try {
      const data = pick(queryOf(request), ['page', 'modified_since']);
      const list = await kho.actions.run({ kho, user: await requestUser(kho, request) }, 'dcat_datasets_list', data);
      cacheHeaders(request, reply, true);
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(list));
    } catch (err) {
      cacheHeaders(request, reply, false);
      return sendError(request, reply, err, help('dcat_datasets_list'));
    }
  });

  // The whole public catalog, written as package_search pages come in.
  app.get('/data.json', async (request, reply) => {
    try {
      const pieces = await dataJson(kho);
      cacheHeaders(request, reply, true);
      return reply.type('application/json; charset=utf-8').send(Readable.from(pieces));
    } catch (err) {
      cacheHeaders(request, reply, false);
      return sendError(request, reply, err, help('package_search'));
    }
  });
}

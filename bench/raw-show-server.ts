// The yardstick for package_show (issue 11, speed): the least a server can do to answer it, a
// Fastify route that reads the stored dict with postgres-js and wraps it in CKAN's envelope.
// No registry, no authorization, no validation: what is left is HTTP, one indexed row and JSON,
// which Kho pays too. It is written the way one would write such a route by hand: postgres-js
// parses the jsonb and Fastify serializes the envelope.
//   node --import tsx bench/raw-show-server.ts   (DATABASE_URL, PORT, DATABASE_POOL_MAX)
// Prints "raw show is serving" once it listens; SIGTERM stops it.
import Fastify from 'fastify';
import postgres from 'postgres';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const port = Number(process.env.PORT ?? 5599);
const siteUrl = `http://127.0.0.1:${port}`;
// Kho's pool default, so both sides may hold as many connections.
const sql = postgres(databaseUrl, { max: Number(process.env.DATABASE_POOL_MAX ?? 10), onnotice: () => {} });

const app = Fastify({ logger: false });
app.get('/api/3/action/package_show', async (request, reply) => {
  const { id } = request.query as { id?: string };
  const help = `${siteUrl}/api/3/action/help_show?name=package_show`;
  if (!id) return reply.code(409).send({ help, success: false, error: { __type: 'Validation Error', id: ['Missing value'] } });
  // By id or by name, the id winning, as Kho looks it up.
  const rows = await sql<{ id: string; show_cache: unknown }[]>`
    select id, show_cache from public.packages where id = ${id} or name = ${id} limit 2`;
  const row = rows.find((r) => r.id === id) ?? rows[0];
  if (!row) return reply.code(404).send({ help, success: false, error: { __type: 'Not Found Error', message: 'Not found' } });
  return { help, success: true, result: row.show_cache };
});

const stop = async () => {
  await app.close();
  await sql.end({ timeout: 5 });
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('raw show is serving\n');

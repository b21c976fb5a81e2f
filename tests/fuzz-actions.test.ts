// No input may produce a 500: a few hundred generated malformed bodies against every action,
// as a sysadmin and anonymously. Deterministic (seeded) so a failure can be replayed.
import t from 'tap';
import { startKho, orgWithRoles } from './helpers/kho.js';


// Every action × 200 bodies over HTTP: more than tap's default two minutes on a busy 2-core machine.
t.setTimeout(10 * 60_000);

const k = await startKho();
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'fuzz-org');
const pkg = (await k.api('package_create', { name: 'fuzz-ds', owner_org: org.name, resources: [{ url: 'http://a.vn/x.csv' }] })).body.result;

let seed = 0x5eed;
function rand(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;

const KEYS = ['id', 'name', 'title', 'owner_org', 'q', 'fq', 'rows', 'start', 'sort', 'limit', 'offset', 'resources', 'tags',
  'extras', 'groups', 'users', 'package_id', 'url', 'size', 'private', 'state', 'username', 'role', 'object', 'object_type',
  'capacity', 'user', 'token', 'jti', 'match', 'update', 'filter', 'facet.field', 'facet.limit', 'include_private',
  'all_fields', 'email', 'password', 'metadata_modified', 'created', 'last_modified', 'activity_types', 'after', 'fl', 'type',
  'update__resources__0__name', 'tag_string', 'include_datasets', 'expires_in'];
const STRINGS = ['', ' ', 'x', 'fuzz-ds', pkg.id, pkg.resources[0].id, 'fuzz-org', '*:*', 'name:', 'a AND (', '"', '\\', '{!x}',
  '[1 TO', 'metadata_modified:[x TO *]', '日本', 'Huế', '\u0000', 'a'.repeat(5000), "'; drop table packages; --", '-1', '1e309',
  'NaN', 'true', '[]', '{}', '[{"name":1}]', 'NOW-1DAYS', '2024-13-45', 'name asc', 'bogus desc', 'cc-by', '%', '_', 'null'];

function value(depth = 0): unknown {
  const r = rand();
  if (r < 0.3) return pick(STRINGS);
  if (r < 0.4) return pick([0, -1, 1, 2 ** 53, -(2 ** 31), 3.5, 1e308]);
  if (r < 0.5) return pick([true, false, null]);
  if (depth > 2) return pick(STRINGS);
  if (r < 0.75) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
  return dict(depth + 1);
}

function dict(depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) out[pick(KEYS)] = value(depth);
  return out;
}

function body(): string {
  const r = rand();
  if (r < 0.08) return pick(['{', '[1,2]', 'null', '"x"', '{"a":', '\u00ff\u00fe', '', '{}}', '1']);
  return JSON.stringify(dict());
}

const PER_ACTION = Number(process.env.KHO_FUZZ_PER_ACTION ?? 200);
const names = k.kho.actions.list().map((a) => a.name);
t.ok(names.length >= 50, `fuzzing ${names.length} actions`);

for (const name of names) {
  t.test(name, async (t) => {
    const failures: string[] = [];
    for (let i = 0; i < PER_ACTION; i++) {
      const text = body();
      const token = rand() < 0.7 ? k.sysadmin.token : rand() < 0.5 ? org.editor.token : '';
      const useGet = rand() < 0.15;
      const headers: Record<string, string> = token ? { Authorization: token } : {};
      let res: Response;
      if (useGet) {
        const qs = new URLSearchParams();
        for (const [key, v] of Object.entries(dict())) qs.append(key, typeof v === 'string' ? v : JSON.stringify(v));
        res = await fetch(`${k.url}/api/3/action/${name}?${qs}`, { headers });
      } else {
        res = await fetch(`${k.url}/api/3/action/${name}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: text });
      }
      const reply = await res.text();
      if (res.status >= 500) failures.push(`${res.status} ${useGet ? 'GET' : text.slice(0, 300)} → ${reply.slice(0, 300)}`);
      else {
        try { JSON.parse(reply); } catch { failures.push(`non-JSON reply to ${text.slice(0, 200)}`); }
      }
    }
    t.same(failures, [], `${PER_ACTION} malformed requests without a 5xx`);
  });
}

// The outbound fetch helper against real HTTP servers on this machine: internal addresses are
// refused (as named, as resolved, after a redirect) unless KHO_FETCH_ALLOW lists them; timeouts,
// the size cap and the redirect cap stop what they should with a sentence saying why.
import t from 'tap';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FetchSettings } from '../server/config.js';
import { FetchError, safeFetch, type Resolver } from '../server/net/safe-fetch.js';
import { AllowList, refusalReason } from '../server/net/address-policy.js';

const MiB = 1024 * 1024;
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Paths the fixture server was asked for, in order. */
const seen: string[] = [];
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://fixture');
  seen.push(url.pathname);
  const hop = url.pathname.match(/^\/chain\/(\d+)$/);
  if (hop) {
    const n = Number(hop[1]);
    if (n === 0) return res.end('end of the chain');
    res.writeHead(302, { Location: `/chain/${n - 1}` });
    return res.end();
  }
  switch (url.pathname) {
    case '/ok.csv':
      return res.end('tỉnh,số\nHuế,1\n');
    case '/user-agent':
      return res.end(req.headers['user-agent'] ?? '');
    case '/redirect':
      res.writeHead(302, { Location: url.searchParams.get('to') ?? '/' });
      return res.end();
    case '/no-headers':
      return; // never answers
    case '/stall':
      res.writeHead(200, { 'Content-Type': 'text/csv' });
      res.write('a,b\n1,2\n');
      return; // and nothing more
    case '/big': {
      // 2 MiB without a Content-Length, so only counting can stop it.
      res.writeHead(200, { 'Content-Type': 'text/csv' });
      let sent = 0;
      const more = () => {
        while (sent < 2 * MiB) {
          sent += 64 * 1024;
          if (!res.write(Buffer.alloc(64 * 1024, 0x61))) return void res.once('drain', more);
        }
        res.end();
      };
      return more();
    }
    case '/big-declared':
      res.writeHead(200, { 'Content-Length': String(2 * MiB) });
      return res.end(Buffer.alloc(2 * MiB, 0x61));
    case '/three-pieces':
      res.writeHead(200);
      res.write('one\n');
      res.write('two\n');
      return res.end('three\n');
    default:
      res.writeHead(404);
      return res.end('no such file');
  }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as AddressInfo).port;
t.teardown(() => {
  server.closeAllConnections();
  server.close();
});

const settings = (over: Partial<FetchSettings> = {}): FetchSettings => ({
  allow: [], maxBytes: MiB, connectTimeoutMs: 5000, headersTimeoutMs: 5000, idleTimeoutMs: 5000, maxRedirects: 5, ...over,
});

/** A hosts file: names to addresses, for names that look public but point inside. */
const hosts = (map: Record<string, string[]>): Resolver & { calls: string[] } => {
  const calls: string[] = [];
  const resolve = async (host: string) => {
    calls.push(host);
    const found = map[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
};

async function text(url: string, s: FetchSettings, resolve?: Resolver): Promise<string> {
  const res = await safeFetch(url, s, { resolve });
  const parts: Buffer[] = [];
  for await (const chunk of res.body) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

/** The FetchError a fetch (and reading its body) ends with. */
async function failure(url: string, s: FetchSettings, resolve?: Resolver): Promise<FetchError> {
  try {
    await text(url, s, resolve);
  } catch (err) {
    if (err instanceof FetchError) return err;
    throw err;
  }
  throw new Error(`${url} was fetched`);
}

const local = `http://127.0.0.1:${port}`;

t.test('addresses: only public ones pass', async (t) => {
  const cases: [string, string | null][] = [
    ['10.1.2.3', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['127.0.0.1', 'a loopback address'],
    ['127.8.9.10', 'a loopback address'],
    ['169.254.169.254', 'the cloud metadata address'],
    ['169.254.1.1', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT address'],
    ['0.0.0.0', 'an unspecified address'],
    ['255.255.255.255', 'a broadcast address'],
    ['224.0.0.1', 'a multicast address'],
    ['::1', 'a loopback address'],
    ['::', 'an unspecified address'],
    ['fe80::1', 'a link-local address'],
    ['fc00::1', 'a unique-local address'],
    ['fd00:ec2::254', 'a unique-local address'],
    ['ff02::1', 'a multicast address'],
    ['::ffff:10.0.0.1', 'a private address (10.0.0.1 inside an IPv6 address)'],
    ['::ffff:169.254.169.254', 'the cloud metadata address (169.254.169.254 inside an IPv6 address)'],
    ['64:ff9b::7f00:1', 'a loopback address (127.0.0.1 inside an IPv6 address)'],
    ['2002:a00:1::1', 'a private address (10.0.0.1 inside an IPv6 address)'],
    ['::7f00:1', 'a loopback address (127.0.0.1 inside an IPv6 address)'],
    ['8.8.8.8', null],
    ['14.225.0.1', null],
    ['2606:4700:4700::1111', null],
    ['::ffff:8.8.8.8', null],
  ];
  for (const [address, reason] of cases) t.equal(refusalReason(address), reason, address);
});

t.test('KHO_FETCH_ALLOW entries: host names, addresses and ranges', async (t) => {
  const allow = new AllowList(['Fixture.Test', '10.1.2.3', '192.168.0.0/16', 'fd00::/8']);
  t.ok(allow.allowsHost('fixture.test.'), 'host names match whatever their case and a final dot');
  t.notOk(allow.allowsHost('other.test'));
  t.ok(allow.allowsAddress('10.1.2.3'));
  t.ok(allow.allowsAddress('::ffff:10.1.2.3'), 'an IPv4 entry allows its IPv4-mapped form');
  t.notOk(allow.allowsAddress('10.1.2.4'));
  t.ok(allow.allowsAddress('192.168.44.1'));
  t.ok(allow.allowsAddress('fd12::1'));
  t.notOk(allow.allowsAddress('fc00::1'));
  t.throws(() => new AllowList(['10.0.0.0/99']), /KHO_FETCH_ALLOW: "10.0.0.0\/99" is not a CIDR range/);
  t.throws(() => new AllowList(['http://x/']), /KHO_FETCH_ALLOW: .* is not a CIDR range/);
  t.throws(() => new AllowList(['bad host!']), /is not a host name, an address or a CIDR range/);
});

t.test('a loopback address is refused before anything is sent', async (t) => {
  seen.length = 0;
  const err = await failure(`${local}/ok.csv`, settings());
  t.equal(err.kind, 'refused');
  t.equal(err.message, 'refused: 127.0.0.1 is a loopback address');
  t.equal((await failure(`http://[::1]:${port}/ok.csv`, settings())).message, 'refused: ::1 is a loopback address');
  t.match((await failure(`http://[::ffff:127.0.0.1]:${port}/ok.csv`, settings())).message,
    /^refused: ::ffff:7f00:1 is a loopback address \(127\.0\.0\.1 inside an IPv6 address\)$/);
  t.match((await failure(`http://localhost:${port}/ok.csv`, settings())).message,
    /^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address$/, 'a name is checked on what it resolves to');
  t.match((await failure(`http://0x7f.1:${port}/ok.csv`, settings())).message, /^refused: 127\.0\.0\.1 is a loopback address$/,
    'odd spellings of an address are read as the URL standard reads them');
  t.same(seen, [], 'the server was never asked');
});

t.test('KHO_FETCH_ALLOW lets a host, an address or a range through', async (t) => {
  const names = hosts({ 'fixture.test': ['127.0.0.1'] });
  t.equal(await text(`${local}/ok.csv`, settings({ allow: ['127.0.0.1'] })), 'tỉnh,số\nHuế,1\n', 'the address');
  t.equal(await text(`${local}/ok.csv`, settings({ allow: ['127.0.0.0/8'] })), 'tỉnh,số\nHuế,1\n', 'a range holding it');
  t.equal(await text(`http://fixture.test:${port}/ok.csv`, settings({ allow: ['fixture.test'] }), names), 'tỉnh,số\nHuế,1\n', 'the host name');
  t.equal(await text(`http://fixture.test:${port}/ok.csv`, settings({ allow: ['127.0.0.0/8'] }), names), 'tỉnh,số\nHuế,1\n',
    'the address a name resolves to');
  t.equal((await failure(`${local}/ok.csv`, settings({ allow: ['10.0.0.0/8', 'other.test'] }))).kind, 'refused', 'other entries do not');
});

t.test('a public-looking name that resolves to an internal address is refused', async (t) => {
  seen.length = 0;
  const names = hosts({
    'du-lieu.example.vn': ['127.0.0.1'],
    'noi-bo.example.vn': ['10.1.2.3'],
    'metadata.example.vn': ['169.254.169.254'],
    'hai-mat.example.vn': ['8.8.8.8', '127.0.0.1'],
  });
  t.equal((await failure(`http://du-lieu.example.vn:${port}/ok.csv`, settings(), names)).message,
    'refused: du-lieu.example.vn resolves to 127.0.0.1, a loopback address');
  t.equal((await failure('http://noi-bo.example.vn/ok.csv', settings(), names)).message,
    'refused: noi-bo.example.vn resolves to 10.1.2.3, a private address');
  t.equal((await failure('http://metadata.example.vn/latest/meta-data/', settings(), names)).message,
    'refused: metadata.example.vn resolves to 169.254.169.254, the cloud metadata address');
  t.equal((await failure(`http://hai-mat.example.vn:${port}/ok.csv`, settings(), names)).message,
    'refused: hai-mat.example.vn resolves to 127.0.0.1, a loopback address', 'one internal address among public ones is enough');
  t.same(seen, [], 'the server was never asked');

  // The address checked is the one connected to: the name is resolved once per connection, by
  // the socket's own lookup, so no second answer can be swapped in between check and connect.
  const counted = hosts({ 'du-lieu.example.vn': ['127.0.0.1'] });
  await text(`http://du-lieu.example.vn:${port}/ok.csv`, settings({ allow: ['127.0.0.1'] }), counted);
  t.same(counted.calls, ['du-lieu.example.vn'], 'one resolution, used for the connection itself');
});

t.test('every redirect is checked again', async (t) => {
  const names = hosts({ 'fixture.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] });
  const allowed = settings({ allow: ['fixture.test'] });
  const from = (to: string) => `http://fixture.test:${port}/redirect?to=${encodeURIComponent(to)}`;
  seen.length = 0;
  t.equal(await text(from(`http://fixture.test:${port}/ok.csv`), allowed, names), 'tỉnh,số\nHuế,1\n', 'to an allowed host: followed');
  t.same(seen, ['/redirect', '/ok.csv']);
  seen.length = 0;
  t.equal((await failure(from(`http://other.test:${port}/ok.csv`), allowed, names)).message,
    'refused: other.test resolves to 127.0.0.1, a loopback address');
  t.equal((await failure(from(`http://127.0.0.1:${port}/ok.csv`), allowed, names)).message, 'refused: 127.0.0.1 is a loopback address');
  t.equal((await failure(from('http://169.254.169.254/latest/meta-data/'), allowed, names)).message,
    'refused: 169.254.169.254 is the cloud metadata address');
  t.match((await failure(from('file:///etc/passwd'), allowed, names)).message, /^refused: redirected to a file URL/);
  t.same(seen, ['/redirect', '/redirect', '/redirect', '/redirect'], 'nothing but the redirects was asked for');
});

t.test('redirects stop at the cap', async (t) => {
  const s = settings({ allow: ['127.0.0.1'], maxRedirects: 5 });
  t.equal(await text(`${local}/chain/5`, s), 'end of the chain', 'five are followed');
  const err = await failure(`${local}/chain/6`, s);
  t.equal(err.kind, 'redirects');
  t.equal(err.message, 'too many redirects (more than 5)');
});

t.test('HTTP errors say their status', async (t) => {
  const err = await failure(`${local}/missing.csv`, settings({ allow: ['127.0.0.1'] }));
  t.equal(err.kind, 'http');
  t.equal(err.status, 404);
  t.equal(err.message, 'HTTP 404 Not Found');
});

t.test('timeouts', async (t) => {
  const allow = ['127.0.0.1', 'slow-dns.test'];
  const headers = await failure(`${local}/no-headers`, settings({ allow, headersTimeoutMs: 300 }));
  t.equal(headers.kind, 'timeout');
  t.equal(headers.message, 'timed out after 0.3 s waiting for the response headers');

  const idle = await failure(`${local}/stall`, settings({ allow, idleTimeoutMs: 300 }));
  t.equal(idle.kind, 'timeout');
  t.equal(idle.message, 'timed out after 0.3 s waiting for more of the response (8 bytes received)');

  // Connecting includes finding the address; a name server that never answers is one way to hang there.
  const never: Resolver = () => new Promise(() => {});
  const connect = await failure('http://slow-dns.test/x.csv', settings({ allow, connectTimeoutMs: 300 }), never);
  t.equal(connect.kind, 'timeout');
  t.equal(connect.message, 'timed out after 0.3 s connecting to slow-dns.test');

  // A slow reader is not an idle server: the time between reads is the reader's, not counted.
  const res = await safeFetch(`${local}/three-pieces`, settings({ allow, idleTimeoutMs: 200 }));
  const parts: string[] = [];
  for await (const chunk of res.body) {
    parts.push(chunk.toString());
    await new Promise((r) => setTimeout(r, 400));
  }
  t.equal(parts.join(''), 'one\ntwo\nthree\n');
});

t.test('the size cap', async (t) => {
  const s = settings({ allow: ['127.0.0.1'], maxBytes: MiB });
  const res = await safeFetch(`${local}/big`, s);
  let received = 0;
  const err = await (async () => {
    try {
      for await (const chunk of res.body) received += chunk.length;
    } catch (e) {
      return e as FetchError;
    }
    return null;
  })();
  t.ok(err instanceof FetchError, 'reading stopped with an error');
  t.equal(err?.kind, 'too-large');
  t.equal(err?.message, 'stopped at 1 MiB (KHO_FETCH_MAX_MB)');
  t.ok(received <= MiB, `no more than the cap was handed on (${received} bytes)`);

  const declared = await failure(`${local}/big-declared`, s);
  t.equal(declared.message, 'the file is 2 MiB, more than the 1 MiB limit (KHO_FETCH_MAX_MB)', 'a declared length over the cap stops before the body');
  t.equal(await text(`${local}/ok.csv`, s), 'tỉnh,số\nHuế,1\n', 'a small body passes');
});

t.test('requests name Kho and its version', async (t) => {
  const ua = await text(`${local}/user-agent`, settings({ allow: ['127.0.0.1'] }));
  t.equal(ua, `Kho/${version} (open-data catalog)`);
});

t.test('only http and https', async (t) => {
  const err = await failure('ftp://example.org/x.csv', settings());
  t.equal(err.kind, 'bad-url');
  t.equal(err.message, 'only http and https URLs are fetched, not ftp');
  t.equal((await failure('not a url', settings())).message, '"not a url" is not a URL');
});

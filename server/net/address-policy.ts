// Which addresses a URL given by a user may reach. Only public unicast addresses, unless the site
// administrator allows more with KHO_FETCH_ALLOW (host names, addresses or CIDR ranges): a
// publisher's link must not become a way into the server's own network (its database, its cloud
// provider's metadata service, the admin pages of the router next to it).
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

const IPV4_REFUSED: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  reserved: 'a reserved address',
};

const IPV6_REFUSED: Record<string, string> = {
  unspecified: 'an unspecified address',
  loopback: 'a loopback address',
  linkLocal: 'a link-local address',
  multicast: 'a multicast address',
  uniqueLocal: 'a unique-local address',
  deprecatedSiteLocal: 'a site-local address',
  teredo: 'a Teredo tunnel address',
  discard: 'a discard-only address',
};

const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');
/** ::/96, the old "IPv4-compatible" form, which some stacks still route to the IPv4 inside. */
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');
const METADATA = ipaddr.IPv4.parse('169.254.169.254');

/**
 * The IPv4 address an IPv6 one carries and that packets may end up at: mapped (::ffff:a.b.c.d),
 * translated (rfc6145, NAT64's 64:ff9b::/96), 6to4 (2002:AABB:CCDD::) and the old compatible form.
 */
function embeddedIPv4(a: ipaddr.IPv6): ipaddr.IPv4 | null {
  const range = a.range();
  const parts = a.parts;
  const fromWords = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (range === 'ipv4Mapped') return a.toIPv4Address();
  if (range === 'rfc6145' || range === 'rfc6052') return fromWords(parts[6]!, parts[7]!);
  if (range === '6to4') return fromWords(parts[1]!, parts[2]!);
  if (range !== 'unspecified' && range !== 'loopback' && a.match(IPV4_COMPATIBLE)) return fromWords(parts[6]!, parts[7]!);
  return null;
}

/** Why an address may not be fetched (e.g. "a private address"), or null when it is public. */
export function refusalReason(address: string): string | null {
  let parsed: Address;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return 'not an IP address';
  }
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    const inner = embeddedIPv4(v6);
    if (inner) {
      const why = refusalReason(inner.toString());
      return why ? `${why} (${inner} inside an IPv6 address)` : null;
    }
    const named = IPV6_REFUSED[v6.range()];
    if (named) return named;
    return v6.match(GLOBAL_UNICAST) && v6.range() !== 'reserved' ? null : 'not a public address';
  }
  const v4 = parsed as ipaddr.IPv4;
  if (v4.match(METADATA, 32)) return 'the cloud metadata address';
  return IPV4_REFUSED[v4.range()] ?? null;
}

/** An IPv4-mapped IPv6 address as plain IPv4, so that "10.0.0.0/8" also allows ::ffff:10.1.2.3. */
function normalised(address: string): Address | null {
  try {
    const a = ipaddr.parse(address);
    return a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
  } catch {
    return null;
  }
}

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

function hostKey(host: string): string {
  return host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

/** Why an entry of KHO_FETCH_ALLOW cannot be read, or null when it can. */
export function allowEntryProblem(entry: string): string | null {
  if (entry.includes('/')) {
    try {
      ipaddr.parseCIDR(entry);
      return null;
    } catch {
      return `"${entry}" is not a CIDR range`;
    }
  }
  if (ipaddr.isValid(entry) || HOST_NAME.test(hostKey(entry))) return null;
  return `"${entry}" is not a host name, an address or a CIDR range`;
}

/** The exceptions of KHO_FETCH_ALLOW, read once. */
export class AllowList {
  private readonly hosts = new Set<string>();
  private readonly ranges: [Address, number][] = [];

  constructor(entries: readonly string[]) {
    for (const raw of entries) {
      const entry = raw.trim();
      if (!entry) continue;
      const problem = allowEntryProblem(entry);
      if (problem) throw new Error(`KHO_FETCH_ALLOW: ${problem}`);
      if (entry.includes('/')) {
        const [base, bits] = ipaddr.parseCIDR(entry);
        const mapped = base.kind() === 'ipv6' && (base as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96;
        this.ranges.push(mapped ? [(base as ipaddr.IPv6).toIPv4Address(), bits - 96] : [base, bits]);
      } else if (ipaddr.isValid(entry)) {
        const a = normalised(entry)!;
        this.ranges.push([a, a.kind() === 'ipv4' ? 32 : 128]);
      } else {
        this.hosts.add(hostKey(entry));
      }
    }
  }

  allowsHost(host: string): boolean {
    return this.hosts.has(hostKey(host));
  }

  allowsAddress(address: string): boolean {
    const a = normalised(address);
    if (!a) return false;
    return this.ranges.some(([base, bits]) => base.kind() === a.kind() && a.match(base as never, bits));
  }
}

/**
 * The address policy of one fetch: null when `address` (which `host` resolved to, or which it
 * is) may be connected to, else the sentence that says why not.
 */
export function refusal(allow: AllowList, host: string, address: string): string | null {
  if (allow.allowsHost(host) || allow.allowsAddress(address)) return null;
  const why = refusalReason(address);
  if (!why) return null;
  const literal = hostKey(host) === hostKey(address) || normalised(host)?.toString() === normalised(address)?.toString();
  return literal ? `refused: ${address} is ${why}` : `refused: ${hostKey(host)} resolves to ${address}, ${why}`;
}

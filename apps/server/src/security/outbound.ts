import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where the platform may send requests on an enterprise's behalf (webhook deliveries). A webhook URL is chosen
 * by the enterprise, so without a check it could make the server call its own admin endpoints, the database
 * host or a cloud metadata service (server-side request forgery, OWASP A10:2021).
 *
 * Only ordinary global unicast addresses are allowed. Refused: every block of IANA's IPv4 and IPv6
 * Special-Purpose Address Registries (RFC 6890, "Special-Purpose IP Address Registries", and the registries
 * it set up: iana.org/assignments/iana-ipv4-special-registry and iana-ipv6-special-registry, as of 2025),
 * including the blocks the registry marks globally reachable (anycast services, AS112, AMT: no webhook lives
 * there), plus multicast and the deprecated IPv4-compatible and site-local IPv6 forms. The list is written out
 * here so a reviewer can compare it with the registries line by line; `ipaddr.js` parses addresses (every
 * IPv4 and IPv6 notation, embedded IPv4 included) and matches the blocks.
 */
export const SPECIAL_PURPOSE_BLOCKS: readonly (readonly [cidr: string, what: string])[] = [
  // IPv4 Special-Purpose Address Registry
  ['0.0.0.0/8', '"this network" (RFC 791, RFC 1122 §3.2.1.3)'],
  ['10.0.0.0/8', 'private use (RFC 1918)'],
  ['100.64.0.0/10', 'shared address space, carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0/8', 'loopback (RFC 1122 §3.2.1.3)'],
  ['169.254.0.0/16', 'link local, cloud metadata 169.254.169.254 (RFC 3927)'],
  ['172.16.0.0/12', 'private use (RFC 1918)'],
  ['192.0.0.0/24', 'IETF protocol assignments, DS-Lite, NAT64 discovery, PCP/TURN anycast (RFC 6890 §2.1)'],
  ['192.0.2.0/24', 'documentation TEST-NET-1 (RFC 5737)'],
  ['192.31.196.0/24', 'AS112-v4 (RFC 7535)'],
  ['192.52.193.0/24', 'AMT (RFC 7450)'],
  ['192.88.99.0/24', 'deprecated 6to4 relay anycast (RFC 7526)'],
  ['192.168.0.0/16', 'private use (RFC 1918)'],
  ['192.175.48.0/24', 'direct delegation AS112 service (RFC 7534)'],
  ['198.18.0.0/15', 'benchmarking (RFC 2544)'],
  ['198.51.100.0/24', 'documentation TEST-NET-2 (RFC 5737)'],
  ['203.0.113.0/24', 'documentation TEST-NET-3 (RFC 5737)'],
  ['240.0.0.0/4', 'reserved (RFC 1112 §4)'],
  ['255.255.255.255/32', 'limited broadcast (RFC 919, RFC 8190)'],
  // IPv4 Multicast Address Space Registry
  ['224.0.0.0/4', 'multicast (RFC 5771)'],
  // IPv6 Special-Purpose Address Registry
  ['::/128', 'unspecified (RFC 4291)'],
  ['::1/128', 'loopback (RFC 4291)'],
  ['::ffff:0:0/96', 'IPv4-mapped (RFC 4291 §2.5.5.2)'],
  ['64:ff9b::/96', 'IPv4/IPv6 translation, NAT64 well-known prefix (RFC 6052)'],
  ['64:ff9b:1::/48', 'local-use IPv4/IPv6 translation (RFC 8215)'],
  ['100::/64', 'discard-only (RFC 6666)'],
  ['100:0:0:1::/64', 'dummy IPv6 prefix (RFC 9780)'],
  ['2001::/23', 'IETF protocol assignments, Teredo 2001::/32, ORCHID, benchmarking 2001:2::/48 (RFC 2928)'],
  ['2001:db8::/32', 'documentation (RFC 3849)'],
  ['2002::/16', '6to4 (RFC 3056)'],
  ['2620:4f:8000::/48', 'direct delegation AS112 service (RFC 7534)'],
  ['3fff::/20', 'documentation (RFC 9637)'],
  ['5f00::/16', 'segment routing SIDs (RFC 9602)'],
  ['fc00::/7', 'unique local (RFC 4193)'],
  ['fe80::/10', 'link-local unicast (RFC 4291)'],
  // Not (or no longer) in the registry, refused all the same
  ['::/96', 'deprecated IPv4-compatible ::a.b.c.d (RFC 4291 §2.5.5.1)'],
  ['fec0::/10', 'deprecated site-local (RFC 3879)'],
  ['ff00::/8', 'multicast (RFC 4291 §2.7)'],
];

/** Longest prefix first, so an address is named by the narrowest block it is in (255.255.255.255, not 240/4). */
const BLOCKS = SPECIAL_PURPOSE_BLOCKS.map(([cidr, what]) => ({
  range: ipaddr.parseCIDR(cidr),
  cidr,
  what,
})).sort((a, b) => b.range[1] - a.range[1]);

/**
 * The IPv4 address an IPv6 address carries, for the forms that lead to an IPv4 host: IPv4-mapped and
 * IPv4-compatible (last 32 bits), NAT64 64:ff9b::/96 (last 32 bits, RFC 6052 §2.2), 6to4 2002:AABB:CCDD::
 * (bits 16–47) and Teredo 2001:0:SSSS:SSSS:…:CCCC:CCCC (client address, bits inverted, RFC 4380 §4).
 */
function embeddedIPv4(a: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const p = a.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const zeros = (from: number, to: number) => p.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && p[5] === 0xffff) return v4(p[6] ?? 0, p[7] ?? 0);
  // ::a.b.c.d, not :: or ::1 (RFC 4291 §2.5.5.1: the IPv4 part is a global address)
  if (zeros(0, 6) && (p[6] ?? 0) >> 8 !== 0) return v4(p[6] ?? 0, p[7] ?? 0);
  if (p[0] === 0x64 && p[1] === 0xff9b && zeros(2, 6)) return v4(p[6] ?? 0, p[7] ?? 0);
  if (p[0] === 0x2002) return v4(p[1] ?? 0, p[2] ?? 0);
  if (p[0] === 0x2001 && p[1] === 0) return v4(~(p[6] ?? 0) & 0xffff, ~(p[7] ?? 0) & 0xffff);
  return undefined;
}

/**
 * Which special-purpose block refuses an address, or null for an ordinary public address; anything that is
 * not an IP address at all is refused. An IPv6 address that carries an IPv4 address (mapped, compatible,
 * NAT64, 6to4, Teredo) is judged by its IPv4 address first — the answer names the block the IPv4 host is in,
 * e.g. loopback for ::ffff:127.0.0.1 — and is refused for its own block even when that host is public.
 */
export function specialPurposeBlockOf(ip: string): string | null {
  if (isIP(ip) === 0) return 'not an IP address';
  const address = parseAddress(ip);
  if (address.kind() === 'ipv6') {
    const inner = embeddedIPv4(address as ipaddr.IPv6);
    const innerBlock = inner ? specialPurposeBlockOf(inner.toString()) : null;
    if (innerBlock) return `${innerBlock}, embedded in ${blockOf(address)}`;
  }
  return blockOf(address);
}

/**
 * Parses an address Node accepts. ipaddr.js reads the deprecated IPv4-compatible `::a.b.c.d` as if it were
 * the IPv4-mapped `::ffff:a.b.c.d`; a dotted IPv4 tail is written as two hex groups first, so that each
 * form keeps its own meaning (RFC 4291 §2.2 form 3).
 */
function parseAddress(ip: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const dotted = isIP(ip) === 6 ? /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)(%.*)?$/.exec(ip) : null;
  if (!dotted) return ipaddr.parse(ip);
  const [a, b, c, d] = dotted.slice(2, 6).map(Number) as [number, number, number, number];
  const hex = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  return ipaddr.parse(`${dotted[1]}${hex}${dotted[6] ?? ''}`);
}

function blockOf(address: ipaddr.IPv4 | ipaddr.IPv6): string | null {
  for (const b of BLOCKS)
    if (address.kind() === b.range[0].kind() && address.match(b.range)) return `${b.cidr} ${b.what}`;
  return null;
}

export const isPrivateAddress = (ip: string): boolean => specialPurposeBlockOf(ip) !== null;

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/** Refuses, without a DNS query, a URL naming a non-public address or a localhost name (for subscriptions). */
export function privateTargetOf(url: URL): string | null {
  const host = hostOf(url).toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return host;
  return isIP(host) && isPrivateAddress(host) ? host : null;
}

/**
 * The text recorded on the webhook when a delivery is refused for where it would go. It names no address:
 * the enterprise that owns the webhook reads it, and must not learn what an internal name resolves to.
 */
export const NON_PUBLIC_TARGET = 'target not allowed: non-public address';

/**
 * Checks where a delivery would really go, just before it is sent: every address the name resolves to must be
 * public (a name may have been pointed at an internal address after the subscription: DNS rebinding). Returns
 * why the target is refused, or null. The answer is stored and shown to the enterprise: it is the same text
 * whether the name resolved to a non-public address or did not resolve at all — otherwise the difference
 * would tell which internal names exist — and never contains a resolved address or the resolver's error.
 */
export async function refuseDeliveryTarget(target: string, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null;
  const url = new URL(target);
  if (privateTargetOf(url)) return NON_PUBLIC_TARGET;
  const host = hostOf(url);
  if (isIP(host)) return null;
  try {
    const addresses = await lookup(host, { all: true, verbatim: true });
    return addresses.length > 0 && addresses.every((a) => !isPrivateAddress(a.address))
      ? null
      : NON_PUBLIC_TARGET;
  } catch {
    return NON_PUBLIC_TARGET;
  }
}

import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where the platform may send requests on an enterprise's behalf (webhook deliveries). A webhook URL is chosen
 * by the enterprise, so without a check it could make the server call its own admin endpoints, the database
 * host or a cloud metadata service (server-side request forgery, OWASP A10:2021). Addresses that are not
 * publicly routable are refused: RFC 1918 private, loopback, link-local (incl. 169.254.169.254 metadata),
 * carrier-grade NAT (RFC 6598), "this network", multicast and reserved, and their IPv6 counterparts.
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    return mapped ? blocked.check(mapped[1] as string, 'ipv4') : blocked.check(ip, 'ipv6');
  }
  return true; // not an address at all: refuse rather than guess
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/** Refuses, without a DNS query, a URL naming a private address or a localhost name (for subscriptions). */
export function privateTargetOf(url: URL): string | null {
  const host = hostOf(url).toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return host;
  return isIP(host) && isPrivateAddress(host) ? host : null;
}

/**
 * Checks where a delivery would really go, just before it is sent: every address the name resolves to must be
 * public (a name may have been pointed at an internal address after the subscription: DNS rebinding). Returns
 * why the target is refused, or null.
 */
export async function refuseDeliveryTarget(target: string, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null;
  const url = new URL(target);
  const literal = privateTargetOf(url);
  if (literal) return `refused: ${literal} is not a public address`;
  const host = hostOf(url);
  if (isIP(host)) return null;
  try {
    const addresses = await lookup(host, { all: true, verbatim: true });
    const inside = addresses.find((a) => isPrivateAddress(a.address));
    return inside ? `refused: ${host} resolves to ${inside.address}, which is not a public address` : null;
  } catch (error) {
    return `DNS lookup of ${host} failed: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
}

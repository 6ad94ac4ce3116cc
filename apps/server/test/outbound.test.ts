import { describe, expect, it } from 'vitest';
import {
  isPrivateAddress,
  NON_PUBLIC_TARGET,
  privateTargetOf,
  refuseDeliveryTarget,
  SPECIAL_PURPOSE_BLOCKS,
  specialPurposeBlockOf,
} from '../src/security/outbound.ts';

/**
 * One literal address inside every block the guard refuses (IANA IPv4 and IPv6 Special-Purpose Address
 * Registries, RFC 6890; multicast; deprecated IPv6 forms), with the block it must be refused for.
 */
const INSIDE: [address: string, block: string][] = [
  ['0.0.0.0', '0.0.0.0/8'],
  ['0.1.2.3', '0.0.0.0/8'],
  ['10.1.2.3', '10.0.0.0/8'],
  ['100.64.0.1', '100.64.0.0/10'],
  ['100.127.255.254', '100.64.0.0/10'],
  ['127.0.0.1', '127.0.0.0/8'],
  ['127.255.255.254', '127.0.0.0/8'],
  ['169.254.169.254', '169.254.0.0/16'],
  ['172.16.0.1', '172.16.0.0/12'],
  ['172.31.255.254', '172.16.0.0/12'],
  ['192.0.0.9', '192.0.0.0/24'],
  ['192.0.2.1', '192.0.2.0/24'],
  ['192.31.196.1', '192.31.196.0/24'],
  ['192.52.193.1', '192.52.193.0/24'],
  ['192.88.99.1', '192.88.99.0/24'],
  ['192.168.1.1', '192.168.0.0/16'],
  ['192.175.48.1', '192.175.48.0/24'],
  ['198.18.0.1', '198.18.0.0/15'],
  ['198.19.255.254', '198.18.0.0/15'],
  ['198.51.100.7', '198.51.100.0/24'],
  ['203.0.113.9', '203.0.113.0/24'],
  ['224.0.0.1', '224.0.0.0/4'],
  ['239.255.255.250', '224.0.0.0/4'],
  ['240.0.0.1', '240.0.0.0/4'],
  ['255.255.255.255', '255.255.255.255/32'],
  ['::', '::/128'],
  ['::1', '::1/128'],
  ['::ffff:8.8.8.8', '::ffff:0:0/96'],
  ['::8.8.8.8', '::/96'],
  ['64:ff9b::808:808', '64:ff9b::/96'],
  ['64:ff9b:1::a00:1', '64:ff9b:1::/48'],
  ['100::1', '100::/64'],
  ['100:0:0:1::1', '100:0:0:1::/64'],
  ['2001:1::1', '2001::/23'],
  ['2001:2::1', '2001::/23'],
  ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', '2001::/23'], // Teredo of public 8.8.8.8
  ['2001:db8::1', '2001:db8::/32'],
  ['2002:808:808::1', '2002::/16'], // 6to4 of public 8.8.8.8
  ['2620:4f:8000::1', '2620:4f:8000::/48'],
  ['3fff::1', '3fff::/20'],
  ['5f00::1', '5f00::/16'],
  ['fc00::1', 'fc00::/7'],
  ['fd12:3456::1', 'fc00::/7'],
  ['fe80::1', 'fe80::/10'],
  ['fe80::1%eth0', 'fe80::/10'],
  ['fec0::1', 'fec0::/10'],
  ['ff02::1', 'ff00::/8'],
];

describe('webhook targets must be public addresses (SSRF, OWASP A10:2021)', () => {
  it('refuses one literal address of every special-purpose block, for that block', () => {
    for (const [address, block] of INSIDE) {
      expect(isPrivateAddress(address), address).toBe(true);
      expect(specialPurposeBlockOf(address), address).toMatch(new RegExp(`^${block.replace(/\./g, '\\.')} `));
    }
    // Every block of the list is exercised by an address above.
    const tested = new Set(INSIDE.map(([, block]) => block));
    expect(SPECIAL_PURPOSE_BLOCKS.map(([cidr]) => cidr).filter((cidr) => !tested.has(cidr))).toEqual([]);
  });

  it('judges the IPv4 address inside mapped, compatible, NAT64, 6to4 and Teredo forms', () => {
    for (const [address, inner] of [
      ['::ffff:127.0.0.1', '127.0.0.0/8'],
      ['::ffff:7f00:1', '127.0.0.0/8'],
      ['::ffff:a9fe:a9fe', '169.254.0.0/16'],
      ['::10.0.0.1', '10.0.0.0/8'],
      ['64:ff9b::192.168.0.1', '192.168.0.0/16'],
      ['2002:a00:1::1', '10.0.0.0/8'],
      ['2001:0:4136:e378:8000:63bf:80ff:fffe', '127.0.0.0/8'], // Teredo client 127.0.0.1, bits inverted
    ])
      expect(specialPurposeBlockOf(address as string), address).toMatch(new RegExp(`^${inner}.*embedded in`));
  });

  it('lets ordinary public addresses through, at the edges of the blocks too', () => {
    for (const ip of [
      '8.8.8.8',
      '202.96.128.86',
      '1.0.0.1',
      '100.63.255.255',
      '100.128.0.0',
      '172.15.255.255',
      '172.32.0.0',
      '192.0.1.255',
      '192.0.3.0',
      '198.17.255.255',
      '198.20.0.0',
      '198.51.99.255',
      '203.0.112.255',
      '203.0.114.0',
      '223.255.255.255',
      '2400:3200::1',
      '2001:200::1', // WIDE, just above 2001::/23
      '2408:8000::1',
      '2003::1',
    ])
      expect(specialPurposeBlockOf(ip), ip).toBeNull();
  });

  it('refuses what is not an address at all', () => {
    for (const text of ['', 'example.com', '127.1', '0x7f000001', '2130706433', '::ffff:127.0.0.1.1'])
      expect(isPrivateAddress(text), text).toBe(true);
  });

  it('refuses localhost names and private literals at subscription, without a DNS query', () => {
    expect(privateTargetOf(new URL('http://localhost:8080/hook'))).toBe('localhost');
    expect(privateTargetOf(new URL('http://api.localhost/hook'))).toBe('api.localhost');
    expect(privateTargetOf(new URL('http://[::1]/hook'))).toBe('::1');
    expect(privateTargetOf(new URL('http://10.0.0.5/hook'))).toBe('10.0.0.5');
    // The URL parser turns other IPv4 notations into dotted quads first.
    expect(privateTargetOf(new URL('http://2130706433/hook'))).toBe('127.0.0.1');
    expect(privateTargetOf(new URL('http://0x7f.1/hook'))).toBe('127.0.0.1');
    expect(privateTargetOf(new URL('http://[::ffff:127.0.0.1]/hook'))).toBe('::ffff:7f00:1');
    expect(privateTargetOf(new URL('http://198.51.100.7/hook'))).toBe('198.51.100.7');
    expect(privateTargetOf(new URL('http://[2002:a00:1::1]/hook'))).toBe('2002:a00:1::1');
    expect(privateTargetOf(new URL('https://hooks.example.com/receipts'))).toBeNull();
    expect(privateTargetOf(new URL('https://8.8.8.8/receipts'))).toBeNull();
  });

  it('refuses a delivery whose name resolves to a private address (DNS rebinding) without naming it, unless allowed', async () => {
    // "localhost" and literals resolve without any network.
    expect(await refuseDeliveryTarget('http://127.0.0.1:9/hook', false)).toBe(NON_PUBLIC_TARGET);
    expect(await refuseDeliveryTarget('http://[::ffff:10.0.0.1]/hook', false)).toBe(NON_PUBLIC_TARGET);
    expect(await refuseDeliveryTarget('http://127.0.0.1:9/hook', true)).toBeNull();
    // A name that does not resolve gets the very same text: no oracle for which internal names exist.
    expect(await refuseDeliveryTarget('http://no-such-host.invalid/hook', false)).toBe(NON_PUBLIC_TARGET);
    expect(NON_PUBLIC_TARGET).not.toMatch(/\d+\.\d+|::/);
  });
});

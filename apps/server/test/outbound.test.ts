import { describe, expect, it } from 'vitest';
import { isPrivateAddress, privateTargetOf, refuseDeliveryTarget } from '../src/security/outbound.ts';

describe('webhook targets must be public addresses (SSRF, OWASP A10:2021)', () => {
  it('treats loopback, RFC 1918, link-local metadata, CGNAT and IPv6 local ranges as private', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '202.96.128.86', '2400:3200::1'])
      expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it('refuses localhost names and private literals at subscription, without a DNS query', () => {
    expect(privateTargetOf(new URL('http://localhost:8080/hook'))).toBe('localhost');
    expect(privateTargetOf(new URL('http://[::1]/hook'))).toBe('::1');
    expect(privateTargetOf(new URL('http://10.0.0.5/hook'))).toBe('10.0.0.5');
    expect(privateTargetOf(new URL('https://hooks.example.com/receipts'))).toBeNull();
  });

  it('refuses a delivery whose name resolves to a private address (DNS rebinding), unless allowed', async () => {
    // "localhost" resolves through the system resolver without any network.
    expect(await refuseDeliveryTarget('http://127.0.0.1:9/hook', false)).toMatch(/not a public address/);
    expect(await refuseDeliveryTarget('http://127.0.0.1:9/hook', true)).toBeNull();
  });
});

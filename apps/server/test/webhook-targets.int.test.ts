import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NON_PUBLIC_TARGET, SPECIAL_PURPOSE_BLOCKS } from '../src/security/outbound.ts';
import { deliverDueWebhooks, type Fetch } from '../src/services/webhooks.ts';
import { gatewayFor, parcel, sendImport } from './support/import-kit.ts';
import { DEMO_PASSWORD, startPlatform, type Platform } from './support/platform.ts';

// The SSRF guard is HTTP- and resolver-level; one engine is enough (PGlite).
describe('webhooks cannot be aimed at the platform’s own network (SSRF)', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform('pglite');
  });
  afterAll(() => p?.close());

  const subscribe = async (url: string) => {
    const login = await p.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'agent', password: DEMO_PASSWORD },
    });
    const csrf = login.cookies.find((c) => c.name === 'cg_csrf')?.value;
    return p.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: {
        cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
      payload: { url },
    });
  };

  it('refuses a subscription to loopback, private or metadata addresses, naming the url field', async () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://169.254.169.254/latest', 'http://localhost/x']) {
      const res = await subscribe(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().details[0].field).toBe('url');
    }
  });

  it('refuses a literal address of every special-purpose block (IANA registries, RFC 6890) and its embedded-IPv4 forms', async () => {
    // The first address of each block, and one more inside it.
    const inside = (cidr: string) => {
      const [net = ''] = cidr.split('/');
      if (!net.includes(':')) return [net, net.replace(/\.0$/, '.1')];
      return [net, net.endsWith('::') && net !== '::' ? `${net}1` : net];
    };
    const literals = [
      ...SPECIAL_PURPOSE_BLOCKS.flatMap(([cidr]) => inside(cidr)),
      '::ffff:127.0.0.1',
      '::8.8.8.8',
      '64:ff9b::a9fe:a9fe',
      '2002:c0a8:101::1',
      '2001:0:4136:e378:8000:63bf:80ff:fffe',
    ];
    const accepted: string[] = [];
    for (const ip of new Set(literals)) {
      const url = ip.includes(':') ? `http://[${ip}]/hook` : `http://${ip}/hook`;
      const res = await subscribe(url);
      if (res.statusCode !== 400 || res.json().details[0].field !== 'url')
        accepted.push(`${url} → ${res.statusCode}`);
    }
    expect(accepted).toEqual([]);
  });

  it('does not deliver to a subscribed name that now resolves to a private address, and records why', async () => {
    const res = await subscribe('https://receipts.example.com/hook');
    expect(res.statusCode).toBe(201);
    // Point the subscription at a name that resolves to loopback, as a rebinding attacker would.
    await p.database.db
      .updateTable('webhooks')
      .set({ url: 'http://localhost:9/hook' })
      .where('id', '=', res.json().id)
      .execute();
    await sendImport(await gatewayFor(p), parcel());
    let called = 0;
    const fetch: Fetch = async () => {
      called++;
      return { ok: true, status: 200 };
    };
    const result = await deliverDueWebhooks(p.database.db, { now: () => new Date(), fetch });
    expect(called).toBe(0);
    expect(result.failed).toBeGreaterThan(0);
    const hook = await p.database.db
      .selectFrom('webhooks')
      .select('last_error')
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    // The enterprise reads this text: it says why, never what the name resolved to.
    expect(hook.last_error).toBe(NON_PUBLIC_TARGET);
    expect(hook.last_error).not.toMatch(/127\.0\.0\.1|::1|\d+\.\d+\.\d+\.\d+|localhost/);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines.ts';
import { createOrganisation } from '../src/services/organisations.ts';
import { apiKeyCaller, userCaller, uscc } from './support/access-kit.ts';
import { infos, statuses } from './support/import-kit.ts';
import { json, startPlatform, zoneContext, type Platform } from './support/platform.ts';

/**
 * A real message signed by China E-Port's signing client with an enterprise's SM2 card (decision 0029): the
 * CEB311 order of 海南省荣誉进出口贸易有限公司 (customs code 4601630004), from public traffic
 * (packages/ceb/test/fixtures/SOURCES.md). Its enterprise registers the certificate the message carries and
 * sends it under the zone's signature policy `required` (decision 0024): the signature verifies, so the order
 * is accepted; the same message changed by one byte is refused as a signature failure (CEB900 −1001).
 */
const REAL = readFileSync(
  join(
    fileURLToPath(new URL('../../../packages/ceb/test/fixtures/real', import.meta.url)),
    'CEB311Message_signed_sm2_decoded_from_CEBMessage.json.xml',
  ),
  'utf8',
);
const certificatePem = () => {
  const base64 = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(REAL)?.[1] ?? '';
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`;
};

describe.each(ENGINES)('a real E-Port SM2-signed declaration on %s', (engine) => {
  let p: Platform;
  let post: (xml: string) => Promise<LightMyRequestResponse>;
  beforeAll(async () => {
    p = await startPlatform(engine, { signaturePolicy: 'required' });
    await p.database.db.updateTable('zones').set({ signature_policy: 'required' }).execute();
    const org = await createOrganisation({ db: p.database.db }, await zoneContext(p), {
      kind: 'enterprise',
      code: '4601630004',
      uscc: uscc(),
      nameZh: '海南省荣誉进出口贸易有限公司',
      enterpriseRoles: ['ebp', 'ebc'],
    });
    await p.database.db
      .updateTable('organisations')
      .set({ filing_status: 'approved' })
      .where('id', '=', org.id)
      .execute();
    // The enterprise's administrator registers the certificate of its card, as a user would.
    const admin = await userCaller(p, '企业管理员', org.id, ['admin']);
    const registered = await p.app.inject({
      method: 'POST',
      url: '/api/v1/signing-keys',
      headers: admin.headers('POST'),
      payload: { keyName: '03000000000cde6f', certificatePem: certificatePem() },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(json(registered)).toMatchObject({ algorithm: 'sm2', keyName: '03000000000cde6f' });
    const system = await apiKeyCaller(p, 'enterprise system', org.id);
    post = (xml) =>
      p.app.inject({
        method: 'POST',
        url: '/ceb/messages',
        headers: { ...system.headers('POST'), 'content-type': 'application/xml' },
        payload: xml,
      });
  });
  afterAll(() => p?.close());

  it('refuses the real message changed by one byte as a signature failure (CEB900 −1001)', async () => {
    const res = await post(REAL.replace('<ceb:goodsValue>0.01<', '<ceb:goodsValue>0.02<'));
    expect(statuses(res.body)).toEqual(['-1001']);
    expect(infos(res.body)[0]).toContain('Signature');
  });

  it('accepts the real message as sent, verified with the registered certificate (SM2-SM3, user ID 1234567812345678)', async () => {
    const res = await post(REAL);
    expect(res.statusCode).toBe(200);
    expect(statuses(res.body), res.body).toEqual(['2']);
  });
});

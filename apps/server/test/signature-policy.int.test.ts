import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCancel,
  buildExportParcel,
  buildImportParcel,
  buildRefund,
  IMPORT_INBOUND,
} from '@crossgate/ceb';
import type { TZone } from '@crossgate/contract';
import { loadConfig } from '../src/config.ts';
import { SIMPLE_TYPES } from '../src/services/import/simple-batch.ts';
import { exportSpec } from './support/export-kit.ts';
import {
  AGENT_KEY,
  gatewayFor,
  IMPORT_KINDS,
  importMessageAsJson,
  infos,
  MILK,
  parcelSpec,
  sendAccepted,
  statuses,
  type Gateway,
  type Role,
} from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';

/**
 * The zone's signature policy (decision 0024): by default a declaration the spec says is signed must carry a
 * signature that verifies with a key its sender registered; the zone office may switch the zone to optional
 * (demo/test mode), audited. Gateway-level behaviour on one engine (PGlite); the column's migration runs on
 * both engines in every other suite.
 */
describe('signature policy', () => {
  let p: Platform;
  let g: Gateway;
  let zone: string;
  beforeAll(async () => {
    // The production default: CROSSGATE_SIGNATURE_POLICY unset, and no zone setting (the demo data, which
    // the test platform loads, puts its zone in demo/test mode: undone here).
    p = await startPlatform('pglite', { signaturePolicy: loadConfig({}).signaturePolicy });
    await p.database.db.updateTable('zones').set({ signature_policy: null }).execute();
    g = await gatewayFor(p);
    zone = await p.login('zone');
  });
  afterAll(() => p?.close());

  const asJson = (xml: string) => {
    const body = importMessageAsJson(xml);
    if (!body) throw new Error('fixture does not decode');
    return body;
  };
  const postJson = (role: Role, type: string, xml: string) =>
    p.app.inject({
      method: 'POST',
      url: `/api/v1/import/messages/${type}`,
      headers: { authorization: `Bearer ${g.keys[role]}` },
      payload: asJson(xml),
    });
  const documentOf = (res: { json(): unknown }) =>
    (res.json() as { documents: { returnStatus: string; returnInfo: string }[] }).documents[0];
  const setPolicy = (signaturePolicy: 'required' | 'optional' | null, cookie = zone) =>
    p.app.inject({ method: 'PATCH', url: '/api/v1/zone', headers: { cookie }, payload: { signaturePolicy } });

  it('is required by default, and the environment may only choose between required and optional', async () => {
    const demo = await p.database.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'zone.update')
      .executeTakeFirstOrThrow();
    expect(demo.after).toMatchObject({ signaturePolicy: 'optional' }); // what the demo seed had set
    expect(loadConfig({}).signaturePolicy).toBe('required');
    expect(loadConfig({ CROSSGATE_SIGNATURE_POLICY: 'optional' }).signaturePolicy).toBe('optional');
    expect(() => loadConfig({ CROSSGATE_SIGNATURE_POLICY: 'off' })).toThrow(/required or optional/);
    const z = json<TZone>(await p.app.inject({ url: '/api/v1/zone' }));
    expect(z).toMatchObject({ signaturePolicy: 'required', signaturePolicySetting: null });
  });

  it('refuses an unsigned CEB621 from an enterprise without a registered key with −621029, saying why', async () => {
    const m = buildImportParcel(parcelSpec());
    const res = await postJson('agent', 'CEB621Message', m.inventory);
    expect(res.statusCode).toBe(200);
    const doc = documentOf(res);
    expect(doc?.returnStatus).toBe('-621029');
    expect(doc?.returnInfo).toContain('验签失败');
    expect(doc?.returnInfo).toContain('未登记签名证书');
    expect(doc?.returnInfo).toContain('POST /api/v1/signing-keys');
    // Signed, but with a key nobody registered: nothing to verify it with, so refused as well.
    const signed = await g.post('agent', buildImportParcel(parcelSpec()).inventory);
    expect(statuses(signed.body)).toEqual(['-621029']);
    expect(infos(signed.body)[0]).toContain('未登记签名证书');
  });

  it('refuses unsigned cancels and returns with their own codes (−623029, −625005), and leaves unsigned orders alone', async () => {
    const spec = parcelSpec();
    const cancel = await postJson(
      'agent',
      'CEB623Message',
      buildCancel(spec, '46142026I000000001', '买家取消'),
    );
    expect(documentOf(cancel)?.returnStatus).toBe('-623029');
    const refund = await postJson(
      'agent',
      'CEB625Message',
      buildRefund(
        spec,
        '46142026I000000001',
        [{ gnum: '1', gcode: MILK.gcode, gname: MILK.gname, qty: '1', unit: MILK.unit }],
        '质量问题',
      ),
    );
    expect(documentOf(refund)?.returnStatus).toBe('-625005');
    // The spec asks no signature of orders, payments and waybills.
    const m = buildImportParcel(spec);
    expect(statuses((await g.post('platform', m.order)).body)).toEqual(['2']);
    expect(documentOf(await postJson('payment', 'CEB411Message', m.payment))?.returnStatus).toBe('2');
  });

  it('switches to optional when the zone office says so (audited), and back to the default', async () => {
    const seller = await p.login('seller');
    expect((await setPolicy('optional', seller)).statusCode).toBe(403);
    const set = await setPolicy('optional');
    expect(set.statusCode).toBe(200);
    expect(json<TZone>(set)).toMatchObject({
      signaturePolicy: 'optional',
      signaturePolicySetting: 'optional',
    });
    const audit = await p.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'zone.update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit)).toContain('"signaturePolicy":"optional"');

    // Applies at once: the unsigned inventory of an enterprise without a key goes through.
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    await sendAccepted(g, m, ['order', 'payment', 'waybill']);
    expect(documentOf(await postJson('agent', 'CEB621Message', m.inventory))?.returnStatus).toBe('2');

    const back = await setPolicy(null);
    expect(json<TZone>(back)).toMatchObject({ signaturePolicy: 'required', signaturePolicySetting: null });
    const again = await postJson('agent', 'CEB621Message', buildImportParcel(parcelSpec()).inventory);
    expect(documentOf(again)?.returnStatus).toBe('-621029');
  });

  it('with a registered key: a signed inventory passes; an unsigned one and an unsigned export CEB603 are refused', async () => {
    const agent = await p.login('agent');
    const registered = await p.app.inject({
      method: 'POST',
      url: '/api/v1/signing-keys',
      headers: { cookie: agent },
      payload: {
        keyName: AGENT_KEY.keyName,
        publicKeyPem: createPublicKey(AGENT_KEY.privateKeyPem).export({ type: 'spki', format: 'pem' }),
      },
    });
    expect(registered.statusCode).toBe(201);
    try {
      const m = buildImportParcel(parcelSpec());
      await sendAccepted(g, m, IMPORT_KINDS);
      const unsigned = await postJson('agent', 'CEB621Message', buildImportParcel(parcelSpec()).inventory);
      expect(documentOf(unsigned)?.returnStatus).toBe('-621029');
      expect(documentOf(unsigned)?.returnInfo).toContain('XML');
      // The export XSD lets CEB603 go without a signature; the spec (and so the policy) does not.
      const exported = await g.post('agent', buildExportParcel(exportSpec()).inventory);
      expect(statuses(exported.body)).toEqual(['-621029']);
      expect(infos(exported.body)[0]).toContain('未加签');
    } finally {
      const id = json<{ id: string }>(registered).id;
      await p.app.inject({ method: 'DELETE', url: `/api/v1/signing-keys/${id}`, headers: { cookie: agent } });
    }
  });

  it('never lets a signed declaration take the set-wise fast path (it writes without these checks running again)', () => {
    for (const type of SIMPLE_TYPES) expect(IMPORT_INBOUND[type]?.specSignature, type).toBe('optional');
  });
});

describe('signature policy: the zone’s choice over the server’s default', () => {
  let p: Platform;
  beforeAll(async () => {
    // Demo/test mode on the server (CROSSGATE_SIGNATURE_POLICY=optional), as the test platform runs; the zone
    // has not chosen.
    p = await startPlatform('pglite', { signaturePolicy: 'optional' });
    await p.database.db.updateTable('zones').set({ signature_policy: null }).execute();
  });
  afterAll(() => p?.close());

  it('a zone that requires signatures refuses even on a server in demo/test mode', async () => {
    const g = await gatewayFor(p);
    const zone = await p.login('zone');
    const inventory = () =>
      p.app.inject({
        method: 'POST',
        url: '/api/v1/import/messages/CEB621Message',
        headers: { authorization: `Bearer ${g.keys.agent}` },
        payload: importMessageAsJson(buildImportParcel(parcelSpec()).inventory) as object,
      });
    const status = async () =>
      (await inventory()).json<{ documents: { returnStatus: string }[] }>().documents[0]?.returnStatus;
    expect(await status()).toBe('2');
    const set = await p.app.inject({
      method: 'PATCH',
      url: '/api/v1/zone',
      headers: { cookie: zone },
      payload: { signaturePolicy: 'required' },
    });
    expect(json<TZone>(set)).toMatchObject({
      signaturePolicy: 'required',
      signaturePolicySetting: 'required',
    });
    expect(await status()).toBe('-621029');
  });
});

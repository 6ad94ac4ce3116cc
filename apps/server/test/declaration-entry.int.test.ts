import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImportParcel, decodeImportMessage } from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import { isSealed, openMessageBody } from '../src/security/pii.ts';
import {
  gatewayFor,
  importInventoryOf,
  parcelSpec,
  PARTIES,
  statuses,
  type Gateway,
  type Role,
} from './support/import-kit.ts';
import { startPlatform, type Platform } from './support/platform.ts';
import { tablesContaining } from './support/stored-text.ts';

/**
 * 申报录入 (issue 17, item 8; decision 0035): declarations entered by form go through the gateway's acceptance
 * path; drafts and templates belong to their enterprise. The expected values are the parcel's own literals.
 */

type Values = { head: Record<string, string>; list: Record<string, string>[] };
const SERVER_FIELDS = ['guid', 'appType', 'appTime', 'appStatus', 'gnum'];

/** What a clerk would type into the form for one message of a parcel: its head and lines, no server fields. */
function formValuesOf(xml: string, entity: string): Values {
  const decoded = decodeImportMessage(xml);
  if (!decoded.ok) throw new Error('fixture does not decode');
  const record = (decoded.message[entity] as Record<string, unknown>[])[0] as Record<string, unknown>;
  const strip = (o: unknown) =>
    Object.fromEntries(
      Object.entries(o as Record<string, unknown>).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && !SERVER_FIELDS.includes(e[0]),
      ),
    );
  const list = record[`${entity}List`];
  return {
    head: strip(record[`${entity}Head`]),
    list: (Array.isArray(list) ? list : list ? [list] : []).map(strip),
  };
}

describe.each(ENGINES)('declaration entry (申报录入) on %s', (engine) => {
  let p: Platform;
  let g: Gateway;
  beforeAll(async () => {
    p = await startPlatform(engine);
    g = await gatewayFor(p);
  }, 240_000);
  afterAll(() => p?.close());

  const call = (role: Role, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    p.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${g.keys[role]}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  it('describes each form from the XSD, with the sender as default and what signing allows', async () => {
    const res = await call('agent', 'GET', '/api/v1/entry/forms/CEB621Message');
    expect(res.statusCode).toBe(200);
    const form = res.json();
    expect(form.nameZh).toBe('进口清单');
    const orderNo = form.head.find((f: { name: string }) => f.name === 'orderNo');
    expect(orderNo).toMatchObject({ required: true, maxLength: 60, auto: false });
    expect(form.head.find((f: { name: string }) => f.name === 'guid').auto).toBe(true);
    expect(form.list.find((f: { name: string }) => f.name === 'gcode')).toMatchObject({ required: true });
    expect(form.defaults.declTime).toMatch(/^20\d{6}$/);
    expect(form.defaults).toMatchObject({
      agentCode: '4614960006',
      agentName: PARTIES.agent.name,
      ieFlag: 'I',
    });
    // The test platform runs in demo/test mode (signatures optional) and the agent registered no key.
    expect(form.signature).toEqual({
      demanded: true,
      policy: 'optional',
      registeredKeys: 0,
      declarable: true,
    });
    const order = (await call('platform', 'GET', '/api/v1/entry/forms/CEB311Message')).json();
    expect(order.signature.demanded).toBe(false);
    expect(order.defaults).toMatchObject({ ebpCode: '4614960001', orderType: 'I', currency: '142' });
  });

  it('declares a whole import parcel by form until release, with the gateway’s own receipts', async () => {
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    const sends = [
      ['platform', 'CEB311Message', m.order, 'Order'],
      ['payment', 'CEB411Message', m.payment, 'Payment'],
      ['logistics', 'CEB511Message', m.waybill, 'Logistics'],
      ['agent', 'CEB621Message', m.inventory, 'Inventory'],
    ] as const;
    const answers = [];
    for (const [role, type, xml, entity] of sends) {
      const res = await call(role, 'POST', `/api/v1/entry/forms/${type}/declare`, {
        values: formValuesOf(xml, entity),
      });
      expect(res.statusCode, `${type}: ${res.body.slice(0, 400)}`).toBe(200);
      const answer = res.json();
      expect(answer.outcome).toBe('accepted');
      expect(statuses(answer.receiptXml)).toEqual(['2']);
      answers.push(answer);
    }
    expect((await importInventoryOf(p, spec.orderNo)).status).toBe('800');

    // The message the form built decodes with the codec to the clerk's values.
    const order = decodeImportMessage(answers[0].messageXml, undefined, { signatureOptional: true });
    expect(order.ok).toBe(true);
    if (!order.ok) return;
    const head = (order.message.Order as { OrderHead: Record<string, string> }[])[0]?.OrderHead;
    expect(head).toMatchObject({
      orderNo: spec.orderNo,
      ebpCode: '4614960001',
      buyerIdNumber: spec.buyer.idNumber,
      appType: '1',
      appStatus: '2',
    });
    expect(order.message.BaseTransfer).toMatchObject({
      copCode: '4614960001',
      copName: PARTIES.platform.name,
    });
    const inventory = decodeImportMessage(answers[3].messageXml, undefined, { signatureOptional: true });
    if (!inventory.ok) throw new Error('inventory does not decode');
    const line = (inventory.message.Inventory as { InventoryList: Record<string, string>[] }[])[0]
      ?.InventoryList[0];
    expect(line).toMatchObject({ gnum: '1', gcode: spec.items[0]?.gcode, qty: '2', qty1: '1.8' });

    // Byte for byte what the gateway received and stored; the XML gateway answers the same bytes as a replay.
    const hash = createHash('sha256').update(answers[0].messageXml).digest('hex');
    const stored = await p.database.db
      .selectFrom('ceb_messages')
      .select(['body', 'message_type', 'outcome'])
      .where('content_hash', '=', hash)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ message_type: 'CEB311Message', outcome: 'accepted' });
    expect(isSealed(stored.body) ? openMessageBody(stored.body) : stored.body).toBe(answers[0].messageXml);
    const replay = await g.post('platform', answers[0].messageXml);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['x-crossgate-replayed']).toBe('true');
    expect(replay.body).toBe(answers[0].receiptXml);
  });

  it('names the form field of a gateway error (head and line), and declares nothing', async () => {
    const spec = parcelSpec();
    const values = formValuesOf(buildImportParcel(spec).order, 'Order');
    values.head.orderNo = 'X'.repeat(61);
    (values.list[0] as Record<string, string>).price = 'abc';
    delete values.head.buyerName;
    const res = await call('platform', 'POST', '/api/v1/entry/forms/CEB311Message/declare', { values });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    const fields = body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['head.orderNo', 'list[0].price', 'head.buyerName']));
    const missing = body.details.find((d: { field: string }) => d.field === 'head.buyerName');
    expect(missing.rule).toBe('required element (XSD minOccurs=1)');
    const stored = await p.database.db
      .selectFrom('import_documents')
      .select('id')
      .where('order_no', '=', 'X'.repeat(61))
      .execute();
    expect(stored).toEqual([]);
  });

  it('keeps drafts and templates per enterprise: another enterprise can neither read, change, use nor delete them', async () => {
    const spec = parcelSpec();
    const values = formValuesOf(buildImportParcel(spec).inventory, 'Inventory');
    const saved = await call('agent', 'POST', '/api/v1/entry/drafts', {
      kind: 'draft',
      messageType: 'CEB621Message',
      name: '奶粉清单暂存',
      values,
    });
    expect(saved.statusCode).toBe(200);
    const draft = saved.json();
    expect(draft).toMatchObject({ kind: 'draft', messageType: 'CEB621Message', name: '奶粉清单暂存' });
    expect(draft.values.head.buyerIdNumber).toBe(spec.buyer.idNumber);
    expect(draft.values.list[0].gcode).toBe(spec.items[0]?.gcode);
    // The buyer's ID number is sealed at rest like a declared document's (decision 0017).
    expect(await tablesContaining(p.database, spec.buyer.idNumber)).not.toContain('declaration_drafts');

    const template = (
      await call('agent', 'POST', '/api/v1/entry/drafts', {
        kind: 'template',
        messageType: 'CEB621Message',
        name: '奶粉模板',
        values: { head: { customsCode: '4614', portCode: '4614', tradeMode: '9610' }, list: [] },
      })
    ).json();
    const mine = (await call('agent', 'GET', '/api/v1/entry/drafts?kind=template')).json();
    expect(mine.map((d: { name: string }) => d.name)).toContain('奶粉模板');
    expect(mine.map((d: { kind: string }) => d.kind)).not.toContain('draft');

    // Another enterprise (the seller) attacks by id.
    for (const id of [draft.id, template.id]) {
      expect((await call('seller', 'GET', `/api/v1/entry/drafts/${id}`)).statusCode).toBe(404);
      const put = await call('seller', 'PUT', `/api/v1/entry/drafts/${id}`, {
        kind: 'template',
        messageType: 'CEB621Message',
        name: '越权',
        values: { head: {}, list: [] },
      });
      expect(put.statusCode).toBe(404);
      expect((await call('seller', 'DELETE', `/api/v1/entry/drafts/${id}`)).statusCode).toBe(404);
      // Declaring with another's draft id neither fails open nor deletes it.
    }
    const theirs = (await call('seller', 'GET', '/api/v1/entry/drafts')).json();
    expect(theirs.map((d: { id: string }) => d.id)).not.toContain(draft.id);
    expect((await call('agent', 'GET', `/api/v1/entry/drafts/${template.id}`)).json().name).toBe('奶粉模板');

    // The owner renames and deletes.
    const renamed = await call('agent', 'PUT', `/api/v1/entry/drafts/${draft.id}`, {
      kind: 'draft',
      messageType: 'CEB621Message',
      name: '奶粉清单暂存(改)',
      values,
    });
    expect(renamed.json().name).toBe('奶粉清单暂存(改)');
    expect((await call('agent', 'DELETE', `/api/v1/entry/drafts/${draft.id}`)).statusCode).toBe(200);
    expect((await call('agent', 'GET', `/api/v1/entry/drafts/${draft.id}`)).statusCode).toBe(404);

    // A customs officer has no drafts: the route refuses agencies.
    const officer = await p.login('customs');
    const res = await p.app.inject({
      method: 'GET',
      url: '/api/v1/entry/drafts',
      headers: { cookie: officer },
    });
    expect(res.statusCode).toBe(403);
  });

  it('says so in the form when the zone requires signatures, and the gateway refuses the unsigned inventory', async () => {
    const zone = await p.login('zone');
    const policy = (value: 'required' | null) =>
      p.app.inject({
        method: 'PATCH',
        url: '/api/v1/zone',
        headers: { cookie: zone },
        payload: { signaturePolicy: value },
      });
    expect((await policy('required')).statusCode).toBe(200);
    try {
      const form = (await call('agent', 'GET', '/api/v1/entry/forms/CEB621Message')).json();
      expect(form.signature).toEqual({
        demanded: true,
        policy: 'required',
        registeredKeys: 0,
        declarable: false,
      });
      // An order is not signed by the spec: still declarable by form.
      const order = (await call('platform', 'GET', '/api/v1/entry/forms/CEB311Message')).json();
      expect(order.signature.declarable).toBe(true);
      const spec = parcelSpec();
      const res = await call('agent', 'POST', '/api/v1/entry/forms/CEB621Message/declare', {
        values: formValuesOf(buildImportParcel(spec).inventory, 'Inventory'),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().outcome).toBe('refused');
      expect(statuses(res.json().receiptXml)).toEqual(['-621029']);
    } finally {
      expect((await policy(null)).statusCode).toBe(200);
    }
  });

  it('offers only the enterprise’s own previous declarations to copy, without their numbers of record', async () => {
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    expect(statuses((await g.post('platform', m.order)).body)).toEqual(['2']);
    const mine = (await call('platform', 'GET', '/api/v1/entry/forms/CEB311Message/previous')).json();
    const copy = mine.find((d: { values: Values }) => d.values.head.orderNo === spec.orderNo);
    expect(copy.values.head.buyerName).toBe('张三');
    expect(copy.values.head.guid).toBeUndefined();
    expect(copy.values.list[0].gnum).toBeUndefined();
    const others = (await call('seller', 'GET', '/api/v1/entry/forms/CEB311Message/previous')).json();
    expect(others.map((d: { values: Values }) => d.values.head.orderNo)).not.toContain(spec.orderNo);
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildImportParcel } from '@crossgate/ceb';
import { backupDatabase, sql } from '@crossgate/db';
import { PERSONAL_FIELDS } from '@crossgate/domain';
import { keyring, newKeyring, openReceipt, sealMessageBody, serializeKeyring } from '../src/security/pii.ts';
import { REFUSED_EXCERPT_BYTES } from '../src/repositories/ceb-messages.ts';
import { rotatePersonalData } from '../src/services/personal-data.ts';
import { ENGINES } from '../../../test/support/engines.ts';
import {
  buyer,
  gatewayFor,
  importMessageAsJson,
  parcel,
  parcelSpec,
  sendImport,
  statuses,
  type Gateway,
  type Role,
} from './support/import-kit.ts';
import { startPlatform, type Platform } from './support/platform.ts';
import { backupText, tablesContaining } from './support/stored-text.ts';

/**
 * 《个人信息保护法》 art. 51 (encryption, de-identification) on every way a message reaches the platform
 * (decisions 0017, 0021): a distinctive ID number, telephone and name are sent through every channel — accepted,
 * refused by rule, refused by format, refused as a duplicate, as XML and as JSON, to the sandbox and to the JSON
 * API — and then searched for in every table and in a backup. None may be found in clear. Refused messages keep
 * only their hash and a sealed 4 KiB excerpt, and their replays still get the same answer byte for byte.
 */
const ID = '41080219770707987X';
const ID_DIGITS = '410802770707987'; // a 15-digit (1st generation) ID number, sent as a JSON number
const PHONE = '13976543210';
const NAME = '欧阳测试娜';
const NEEDLES = [ID, ID_DIGITS, PHONE];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const person = () => ({ ...buyer(ID), telephone: PHONE, name: NAME });

/** The order of a parcel of the planted buyer, with its personal fields replaced as given. */
const orderWith = (fields: Record<string, string>, order = parcel({ buyer: person() }).order) =>
  Object.entries(fields).reduce(
    (xml, [name, value]) =>
      xml.replace(new RegExp(`<ceb:${name}>[^<]*</ceb:${name}>`), `<ceb:${name}>${value}</ceb:${name}>`),
    order,
  );

const overLong = () =>
  orderWith({
    buyerIdNumber: `${ID}${'0'.repeat(70)}`,
    buyerTelephone: `${PHONE}${'0'.repeat(70)}`,
    buyerName: NAME.repeat(30),
  });

/** A 900 KB comment ahead of the root element: a message the size of the one in the issue. */
const padded = (xml: string) => `<!--${'x'.repeat(900_000)}-->\n${xml}`;

const returnInfo = (xml: string) => /<returnInfo>([^<]*)<\/returnInfo>/.exec(xml)?.[1] ?? '';

/** The longest a sealed excerpt is (enc:v1:<key id of ≤ 32>:<base64url of IV, tag and 4 KiB>). */
const SEALED_EXCERPT_MAX = 7 + 32 + 1 + Math.ceil(((28 + REFUSED_EXCERPT_BYTES) * 4) / 3);

describe.each(ENGINES)('personal data everywhere a message goes (%s)', (engine) => {
  let p: Platform;
  let g: Gateway;
  const dir = mkdtempSync(join(tmpdir(), `crossgate-pii-${engine}-`));
  /** Every answer given over HTTP, and the CEB900s among them. */
  const answers: { channel: string; res: LightMyRequestResponse }[] = [];
  /** Messages refused, with the sender and the bytes, to replay. */
  const refused: { channel: string; role: Role; xml: string; res: LightMyRequestResponse }[] = [];

  const postJson = (role: Role, type: string, payload: unknown) =>
    p.app.inject({
      method: 'POST',
      url: `/api/v1/import/messages/${type}`,
      headers: { authorization: `Bearer ${g.keys[role]}`, 'content-type': 'application/json' },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const send = async (channel: string, role: Role, xml: string) => {
    const res = await g.post(role, xml);
    answers.push({ channel, res });
    return res;
  };
  const refuse = async (channel: string, role: Role, xml: string) => {
    const res = await send(channel, role, xml);
    refused.push({ channel, role, xml, res });
    return res;
  };

  beforeAll(async () => {
    p = await startPlatform(engine, { piiKeys: serializeKeyring(newKeyring('k1')) });
    g = await gatewayFor(p);

    // 1. A parcel as XML, cleared; 2. a parcel as JSON, cleared.
    const xmlParcel = await sendImport(g, parcel({ buyer: person() }));
    expect(xmlParcel.map((r) => statuses(r.body)[0])).toEqual(['2', '2', '2', '2']);
    const m = buildImportParcel(parcelSpec({ buyer: person() }));
    const asJson = (xml: string) => importMessageAsJson(xml) as Record<string, unknown>;
    const jsonParcel = [
      await postJson('platform', 'CEB311Message', asJson(m.order)),
      await postJson('payment', 'CEB411Message', asJson(m.payment)),
      await postJson('logistics', 'CEB511Message', asJson(m.waybill)),
      await postJson('agent', 'CEB621Message', asJson(m.inventory)),
    ];
    expect(jsonParcel.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    for (const res of jsonParcel) answers.push({ channel: 'JSON parcel', res });

    // 3. Refused by rule: refused as a whole (another enterprise's copCode), and by the e-port's checks.
    const wrongSender = await refuse('refused as a whole', 'payment', parcel({ buyer: person() }).order);
    expect(statuses(wrongSender.body)).toEqual(['-10102']);
    const badType = await refuse('refused by rule', 'platform', orderWith({ orderType: 'E' }));
    expect(badType.statusCode).toBe(200);
    expect(statuses(badType.body)).toEqual(['-301008']);

    // 4. A refused duplicate: an order number in use, with different content.
    const first = parcel({ buyer: person() }).order;
    expect(statuses((await send('order', 'platform', first)).body)).toEqual(['2']);
    const duplicate = first.replace(/<ceb:freight>[^<]*<\/ceb:freight>/, '<ceb:freight>11.00</ceb:freight>');
    expect(statuses((await refuse('refused duplicate', 'platform', duplicate)).body)).toEqual(['-301010']);

    // 5. Not well-formed XML (CEB900 −1); 6. an ID number, telephone and name longer than the XSD allows (−2).
    const malformed = await refuse(
      'malformed',
      'platform',
      orderWith({}).replace('</ceb:CEB311Message>', ''),
    );
    expect(malformed.statusCode).toBe(400);
    const tooLong = await refuse('XSD refusal', 'platform', overLong());
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('<returnStatus>-2</returnStatus>');

    // 7. The same over-long message on the JSON channel, a JSON number for an ID, an array body, broken JSON.
    const jsonOrder = (head: Record<string, unknown>) => {
      const order = asJson(parcel({ buyer: person() }).order) as { Order: { OrderHead: object }[] };
      const [first] = order.Order;
      if (first) first.OrderHead = { ...first.OrderHead, ...head };
      return order;
    };
    const jsonOverLong = await postJson(
      'platform',
      'CEB311Message',
      jsonOrder({ buyerIdNumber: `${ID}${'0'.repeat(70)}`, buyerTelephone: `${PHONE}${'0'.repeat(70)}` }),
    );
    const numbered = jsonOrder({ buyerIdNumber: Number(ID_DIGITS) });
    for (const [channel, res] of [
      ['JSON over-long', jsonOverLong],
      ['JSON number', await postJson('platform', 'CEB311Message', numbered)],
      ['JSON array', await postJson('platform', 'CEB311Message', [{ buyerIdNumber: ID, telephone: PHONE }])],
      ['JSON broken', await postJson('platform', 'CEB311Message', `{"buyerIdNumber": ${ID}}`)],
    ] as const)
      answers.push({ channel, res });

    // 8. The sandbox; 9. the JSON API (the negative list takes a person's ID number).
    answers.push({
      channel: 'sandbox',
      res: await p.app.inject({
        method: 'POST',
        url: '/api/v1/sandbox/validate',
        headers: { authorization: `Bearer ${g.keys.platform}`, 'content-type': 'application/xml' },
        payload: overLong(),
      }),
    });
    const customs = await p.login('customs');
    const listing = {
      subjectType: 'person',
      idType: '1',
      name: '赵六',
      reason: '多次代购牟利',
      authority: '焦作海关',
    };
    for (const idNumber of [`${ID}${'0'.repeat(20)}`, ID]) {
      answers.push({
        channel: 'negative list',
        res: await p.app.inject({
          method: 'POST',
          url: '/api/v1/negative-list',
          headers: { cookie: customs },
          payload: { ...listing, idNumber },
        }),
      });
    }
  });
  afterAll(async () => {
    await p?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores no ID number or telephone in clear in any table, whatever the channel (PIPL art. 51: encryption)', async () => {
    for (const needle of NEEDLES) expect(await tablesContaining(p.database, needle), needle).toEqual([]);
    // Names are sealed nowhere (decision 0017): they stay in the documents as declared, and only there.
    expect(await tablesContaining(p.database, NAME)).toEqual(['import_documents']);
  });

  it('writes no ID number or telephone in clear into a backup (crossgate db backup)', async () => {
    const file = join(dir, 'all.cgbak');
    await backupDatabase(p.database, { out: file });
    const text = backupText(file);
    expect(text).toContain('ceb_messages');
    for (const needle of NEEDLES) expect(text.includes(needle), needle).toBe(false);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });

  it('keeps a refused message only as its hash and a sealed excerpt, and a CEB900 sealed without its echo (PIPL art. 51, art. 19: kept no longer than needed)', async () => {
    const rows = await p.database.db
      .selectFrom('ceb_messages')
      .select(['outcome', 'body', 'receipt_xml', 'content_hash'])
      .where('outcome', 'in', ['refused', 'format_error'])
      .execute();
    for (const r of refused)
      expect(
        rows.map((row) => row.content_hash),
        r.channel,
      ).toContain(sha256(r.xml));
    for (const row of rows) {
      expect(row.body).toMatch(/^enc:v1:k1:/);
      expect(row.body.length).toBeLessThanOrEqual(SEALED_EXCERPT_MAX);
      if (row.outcome === 'format_error') {
        expect(row.receipt_xml).toMatch(/^enc:v1:k1:/);
        expect(openReceipt(row.receipt_xml)).toContain('<oriBizMessage>(as sent)</oriBizMessage>');
      }
    }
  });

  it('answers a refused sender with its own message echoed, but names a personal value it refuses only masked (GB/T 35273 展示限制)', () => {
    const ceb900 = answers.find((a) => a.channel === 'XSD refusal')?.res.body ?? '';
    expect(ceb900).toContain(`buyerIdNumber&gt;${ID}0000`); // the echo: the sender's own message
    const info = returnInfo(ceb900);
    expect(info).toContain('buyerIdNumber');
    expect(info).toContain('410802*****');
    expect(info).toContain('139*****');
    for (const needle of [...NEEDLES, NAME]) expect(info).not.toContain(needle);
  });

  it('shows no personal value in clear in any JSON answer: API errors, the JSON channel, the sandbox', () => {
    const json = answers.filter((a) => a.res.headers['content-type']?.toString().includes('json'));
    expect(json.map((a) => a.channel)).toEqual(
      expect.arrayContaining([
        'JSON parcel',
        'JSON over-long',
        'JSON number',
        'JSON array',
        'JSON broken',
        'sandbox',
        'negative list',
      ]),
    );
    for (const { channel, res } of json) {
      for (const needle of [...NEEDLES, NAME])
        expect(res.body.includes(needle), `${channel}: ${needle}`).toBe(false);
    }
    const detail = (channel: string) =>
      JSON.stringify(answers.find((a) => a.channel === channel)?.res.json());
    expect(detail('JSON over-long')).toContain('410802*****');
    expect(detail('JSON number')).toContain('410802*****7987');
    expect(detail('sandbox')).toContain('410802*****');
    expect(detail('negative list')).toContain('410802*****');
    const status = (channel: string) =>
      answers.filter((a) => a.channel === channel).map((a) => a.res.statusCode);
    expect(
      ['JSON over-long', 'JSON number', 'JSON array', 'JSON broken', 'sandbox', 'negative list'].map(status),
    ).toEqual([[400], [400], [400], [400], [200], [400, 201]]);
  });

  it('names no personal field of an export message: there is nothing to seal in them', () => {
    const types = readFileSync(
      join(import.meta.dirname, '../../../packages/ceb/src/generated/export-202205.ts'),
      'utf8',
    );
    for (const field of PERSONAL_FIELDS) expect(types).not.toMatch(new RegExp(`\\n  ${field}\\??:`));
  });

  it('answers the replay of refused bytes with the identical stored answer, echo included', async () => {
    for (const r of refused) {
      const again = await g.post(r.role, r.xml);
      expect(again.statusCode, r.channel).toBe(r.res.statusCode);
      expect(again.headers['x-crossgate-replayed'], r.channel).toBe('true');
      expect(again.body, r.channel).toBe(r.res.body);
    }
  });

  it('grows storage by at most an excerpt for a 900 KB refused message, and replays it identically', async () => {
    const size = async () => {
      const r = await sql<{
        n: string;
      }>`SELECT pg_total_relation_size('ceb_messages')::text AS n`.execute(p.database.db);
      return Number(r.rows[0]?.n);
    };
    const bigId = orderWith({ buyerIdNumber: `${ID}${'0'.repeat(900_000)}` });
    const wrongSender = padded(parcel({ buyer: person() }).order);
    for (const [role, xml, status, outcome] of [
      ['platform', bigId, 400, 'format_error'],
      ['payment', wrongSender, 200, 'refused'],
    ] as const) {
      expect(xml.length).toBeGreaterThan(900_000);
      const before = await size();
      const res = await g.post(role, xml);
      expect(res.statusCode).toBe(status);
      expect(res.headers['x-crossgate-outcome']).toBe(outcome);
      const row = await p.database.db
        .selectFrom('ceb_messages')
        .select(['body', 'receipt_xml'])
        .where('content_hash', '=', sha256(xml))
        .executeTakeFirstOrThrow();
      expect(row.body.length).toBeLessThanOrEqual(SEALED_EXCERPT_MAX);
      expect(row.receipt_xml.length).toBeLessThanOrEqual(24 * 1024);
      // Pages, not bytes (measured: 0 or one 8 KiB page), never the 900 KB (1.2 MB sealed) of the message.
      expect((await size()) - before).toBeLessThanOrEqual(64 * 1024);
      const again = await g.post(role, xml);
      expect(again.headers['x-crossgate-replayed']).toBe('true');
      expect(again.body).toBe(res.body);
    }
    // A refused duplicate of that size: stored whole while its documents are read, cut once refused.
    const first = parcel({ buyer: person() }).order;
    expect(statuses((await g.post('platform', first)).body)).toEqual(['2']);
    const dup = padded(
      first.replace(/<ceb:freight>[^<]*<\/ceb:freight>/, '<ceb:freight>12.00</ceb:freight>'),
    );
    expect(statuses((await g.post('platform', dup)).body)).toEqual(['-301010']);
    const row = await p.database.db
      .selectFrom('ceb_messages')
      .select(['outcome', 'body'])
      .where('content_hash', '=', sha256(dup))
      .executeTakeFirstOrThrow();
    expect(row.outcome).toBe('refused');
    expect(row.body.length).toBeLessThanOrEqual(SEALED_EXCERPT_MAX);
  });

  it('seals a CEB900 an earlier version stored in clear, echo and all, when the keys are rotated (crossgate pii rotate)', async () => {
    const xml = orderWith({ buyerIdNumber: `${ID}${'1'.repeat(70)}` });
    const res = await g.post('platform', xml);
    expect(res.statusCode).toBe(400);
    // As an earlier version stored it: the whole message (sealed) and the whole answer, echo included, in clear.
    const hash = sha256(xml);
    await sql`UPDATE ceb_messages SET body = ${sealMessageBody(xml)}, receipt_xml = ${res.body}
      WHERE content_hash = ${hash}`.execute(p.database.db);
    expect(await tablesContaining(p.database, ID)).toEqual(['ceb_messages']);
    // The rotation re-seals what is not under the active key: here, only what the earlier version left.
    const report = await rotatePersonalData(p.database.db, keyring());
    expect(report.messages).toBe(1);
    expect(report.remaining).toEqual({ k1: expect.any(Number) });
    expect(await tablesContaining(p.database, ID)).toEqual([]);
    const row = await p.database.db
      .selectFrom('ceb_messages')
      .select(['body', 'receipt_xml'])
      .where('content_hash', '=', hash)
      .executeTakeFirstOrThrow();
    expect(row.body.length).toBeLessThanOrEqual(SEALED_EXCERPT_MAX);
    expect(openReceipt(row.receipt_xml)).toContain('<oriBizMessage>(as sent)</oriBizMessage>');
    const again = await g.post('platform', xml);
    expect(again.headers['x-crossgate-replayed']).toBe('true');
    expect(again.body).toBe(res.body);
  });
});

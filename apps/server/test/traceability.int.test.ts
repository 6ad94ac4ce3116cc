import { readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPage, TPublicTrace, TTraceCode } from '@crossgate/contract';
import { sql } from '@crossgate/db';
import { ENGINES } from '../../../test/support/engines.ts';
import { issueTraceCodes } from '../src/services/trace/codes.ts';
import { signIn, type Browser } from './support/access-kit.ts';
import {
  buyer,
  gatewayFor,
  importInventoryOf,
  MILK,
  parcelSpec,
  sendImport,
  WATER,
  type Gateway,
} from './support/import-kit.ts';
import { DEMO_PASSWORD, json, startPlatform, type Platform } from './support/platform.ts';

const EPCIS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../data/epcis');
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Luhn mod 32 over Crockford base 32, written out here as the oracle of the check character. */
function luhn32(body: string): string {
  let sum = 0;
  [...body].reverse().forEach((c, i) => {
    const v = ALPHABET.indexOf(c) * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(v / 32) + (v % 32);
  });
  return ALPHABET[(32 - (sum % 32)) % 32] as string;
}

/**
 * 质量追溯 (issue 21; decision 0049): every released parcel line and approved product has a resolvable 云关码; a
 * forged code resolves to nothing and a typo is told apart; the public chain never carries the buyer's data;
 * only the parcel's or product's own parties record events; the EPCIS export validates against GS1's schema.
 */
describe.each(ENGINES)('traceability codes and chain (%s)', (engine) => {
  let p: Platform;
  let g: Gateway;
  const browsers = new Map<string, Browser>();
  const as = async (user: string) => {
    if (!browsers.has(user)) browsers.set(user, await signIn(p.app, user, DEMO_PASSWORD));
    return browsers.get(user) as Browser;
  };
  const get = async (user: string, url: string) =>
    p.app.inject({ method: 'GET', url, headers: (await as(user)).headers('GET') });
  const post = async (user: string, url: string, payload: unknown) =>
    p.app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: (await as(user)).headers('POST'),
    });
  const scan = async (code: string) =>
    json<TPublicTrace>(await p.app.inject({ method: 'GET', url: `/api/v1/public/trace/${code}` }));

  const twoLines = parcelSpec({ items: [MILK, WATER], buyer: buyer('410800199001011234') });
  const oneLine = parcelSpec({ items: [MILK], buyer: buyer('410800199001015678') });
  let lineCodes: TTraceCode[] = [];

  beforeAll(async () => {
    p = await startPlatform(engine);
    g = await gatewayFor(p);
    for (const spec of [twoLines, oneLine]) {
      const { buildImportParcel } = await import('@crossgate/ceb');
      await sendImport(g, buildImportParcel(spec));
      expect((await importInventoryOf(p, spec.orderNo)).status).toBe('800');
    }
    const res = await get('seller', '/api/v1/trace/codes?kind=line&pageSize=200');
    expect(res.statusCode).toBe(200);
    lineCodes = json<TPage<TTraceCode>>(res).items;
  });
  afterAll(async () => {
    await p?.close();
  });

  it('gives every line of a released parcel its own code, resolvable by the public', async () => {
    const ofOrder = (orderNo: string) =>
      lineCodes
        .filter((c) => c.orderNo === orderNo)
        .map((c) => [c.gnum, c.itemNo])
        .sort();
    expect(ofOrder(twoLines.orderNo)).toEqual([
      [1, 'VXP-0001'],
      [2, 'VXP-0002'],
    ]);
    expect(ofOrder(oneLine.orderNo)).toEqual([[1, 'VXP-0001']]);
    for (const c of lineCodes.filter((x) => [twoLines.orderNo, oneLine.orderNo].includes(x.orderNo ?? ''))) {
      expect(c.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{13}$/);
      expect(c.code[12]).toBe(luhn32(c.code.slice(0, 12)));
      const found = await scan(c.code);
      expect(found.result).toBe('found');
      if (found.result !== 'found') continue;
      expect(found.chain.parcel?.status).toBe('800');
      expect(found.chain.parcel?.tradeMode).toBe('9610');
      expect(found.chain.parcel?.customsCode).toBe('4614');
      expect(found.chain.parcel?.releasedAt).not.toBeNull();
      expect(found.chain.product?.itemNo).toBe(c.itemNo);
      expect(found.chain.product?.filingStatus).toBe('approved');
      expect(found.chain.steps.map((s) => s.type)).toContain('clearance:800');
    }
  });

  it('every released import line in the database has a code once issuing has run', async () => {
    await issueTraceCodes(p.database.db, new Date());
    const r = await sql<{ lines: number; coded: number }>`
      SELECT coalesce(sum(jsonb_array_length(d.body->'lines')), 0)::int AS lines,
             (SELECT count(*) FROM trace_codes t JOIN inventory_clearance c2 ON c2.document_id = t.document_id
               WHERE t.kind = 'line' AND c2.released_at IS NOT NULL AND c2.cancelled_at IS NULL)::int AS coded
      FROM import_documents d JOIN inventory_clearance c ON c.document_id = d.id
      WHERE d.doc_type = 'inventory' AND c.released_at IS NOT NULL AND c.cancelled_at IS NULL`.execute(
      p.database.db,
    );
    expect(r.rows[0]?.lines).toBeGreaterThanOrEqual(3);
    expect(r.rows[0]?.coded).toBe(r.rows[0]?.lines);
  });

  it('resolves a forged code (right check character, never issued) to nothing and tells a typo apart', async () => {
    const real = (lineCodes[0] as TTraceCode).code;
    const body = (real[0] === 'Z' ? 'Y' : 'Z') + real.slice(1, 12);
    const forged = body + luhn32(body);
    expect(await scan(forged)).toMatchObject({ result: 'not_found' });
    expect(await scan('0000000000000')).toMatchObject({ result: 'not_found' });
    const typo = real.slice(0, 5) + (real[5] === 'A' ? 'B' : 'A') + real.slice(6);
    expect(await scan(typo)).toMatchObject({ result: 'typo' });
    expect(await scan('hello')).toMatchObject({ result: 'not_found' });
    // Look-alikes and grouping are read as the code.
    const grouped = `${real.slice(0, 4)}-${real.slice(4, 8)}-${real.slice(8)}`.toLowerCase();
    expect((await scan(grouped)).result).toBe('found');
  });

  it('never shows the buyer’s name, ID number, telephone or address on the public page', async () => {
    for (const spec of [twoLines, oneLine]) {
      for (const c of lineCodes.filter((x) => x.orderNo === spec.orderNo)) {
        const res = await p.app.inject({ method: 'GET', url: `/api/v1/public/trace/${c.code}` });
        const text = res.body;
        for (const secret of [
          spec.buyer.name,
          spec.buyer.idNumber,
          spec.buyer.telephone,
          spec.buyer.address,
          spec.buyer.regNo,
          spec.payTransactionId,
        ])
          expect(text, secret).not.toContain(secret);
        expect(text).not.toMatch(/buyer|consignee|telephone|idNumber/i);
      }
    }
  });

  it('gives every approved product a code whose chain shows its filing and origin', async () => {
    const res = await get('seller', '/api/v1/trace/codes?kind=product&pageSize=200');
    const items = json<TPage<TTraceCode>>(res).items;
    const milk = items.find((c) => c.itemNo === 'VXP-0001') as TTraceCode;
    expect(milk).toBeDefined();
    const found = await scan(milk.code);
    expect(found.result).toBe('found');
    if (found.result !== 'found') return;
    expect(found.chain.product).toMatchObject({
      itemNo: 'VXP-0001',
      filingStatus: 'approved',
      filingStatusZh: '已备案',
      originCountry: '304',
      ownerZh: '焦作V血拼网络科技有限公司(演示)',
    });
    // Another enterprise lists none of the seller's codes.
    const other = json<TPage<TTraceCode>>(await get('seller2', '/api/v1/trace/codes?pageSize=200')).items;
    expect(other.some((c) => c.code === milk.code)).toBe(false);
  });

  it('lets only the owner record batches and only the parcel’s parties record its steps', async () => {
    const product = json<TPage<TTraceCode>>(
      await get('seller', '/api/v1/trace/codes?kind=product&q=VXP-0001'),
    ).items[0] as TTraceCode;
    const line = lineCodes.find((c) => c.orderNo === oneLine.orderNo) as TTraceCode;
    const at = new Date(Date.now() - 3600_000).toISOString();
    const batch = {
      code: product.code,
      eventType: 'production',
      eventTime: at,
      place: '德国 Fulda 工厂',
      batch: 'LOT2026A',
    };
    expect((await post('seller', '/api/v1/trace/events', batch)).statusCode).toBe(201);
    // Another seller, the payment firm and the warehouse (not named on this 9610 parcel) are refused.
    expect((await post('seller2', '/api/v1/trace/events', batch)).statusCode).toBe(403);
    const depart = { code: line.code, eventType: 'departure', eventTime: at, place: '焦作保税物流中心' };
    expect((await post('payment', '/api/v1/trace/events', depart)).statusCode).toBe(403);
    expect((await post('warehouse', '/api/v1/trace/events', depart)).statusCode).toBe(403);
    // The seller ships the line from the batch; its carrier records the departure.
    expect(
      (
        await post('seller', '/api/v1/trace/events', {
          ...depart,
          eventType: 'warehouse_out',
          batch: 'LOT2026A',
          placeCode: '4614960007',
        })
      ).statusCode,
    ).toBe(201);
    expect((await post('logistics', '/api/v1/trace/events', depart)).statusCode).toBe(201);
    // Customs cannot record (no enterprise write scope).
    expect((await post('customs', '/api/v1/trace/events', depart)).statusCode).toBe(403);

    const chain = await scan(line.code);
    expect(chain.result).toBe('found');
    if (chain.result !== 'found') return;
    expect(chain.chain.batch).toBe('LOT2026A');
    const types = chain.chain.steps.map((s) => s.type);
    expect(types).toEqual(
      expect.arrayContaining(['production', 'warehouse_out', 'departure', 'clearance:800']),
    );
    expect(chain.chain.steps.find((s) => s.type === 'departure')?.byZh).toBe(
      '焦作通港国际物流有限公司(演示)',
    );
  });

  it('refuses bad events with the field and a reason', async () => {
    const product = json<TPage<TTraceCode>>(
      await get('seller', '/api/v1/trace/codes?kind=product&q=VXP-0002'),
    ).items[0] as TTraceCode;
    const at = new Date(Date.now() - 60_000).toISOString();
    const fieldsOf = async (payload: unknown) => {
      const res = await post('seller', '/api/v1/trace/events', payload);
      expect(res.statusCode).toBe(400);
      return json<{ details: { field: string }[] }>(res).details.map((d) => d.field);
    };
    expect(await fieldsOf({ code: product.code, eventType: 'departure', eventTime: at, place: 'x' })).toEqual(
      ['body.eventType'],
    );
    expect(
      await fieldsOf({ code: product.code, eventType: 'production', eventTime: at, place: 'x' }),
    ).toEqual(['body.batch']);
    expect(
      await fieldsOf({
        code: product.code,
        eventType: 'production',
        eventTime: 'yesterday',
        place: 'x',
        batch: 'B1',
      }),
    ).toContain('body.eventTime');
    expect(
      await fieldsOf({ code: product.code, eventType: 'production', eventTime: at, batch: 'B1' }),
    ).toContain('body.place');
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(
      await fieldsOf({
        code: product.code,
        eventType: 'production',
        eventTime: future,
        place: 'x',
        batch: 'B1',
      }),
    ).toEqual(['body.eventTime']);
    const typo = product.code.slice(0, 12) + (product.code[12] === '0' ? '1' : '0');
    expect(
      await fieldsOf({ code: typo, eventType: 'production', eventTime: at, place: 'x', batch: 'B1' }),
    ).toEqual(['body.code']);
  });

  it('prints labels as PNG, SVG and an A4 PDF sheet for the owner only', async () => {
    const codes = lineCodes.slice(0, 3).map((c) => c.code);
    const png = await get('seller', `/api/v1/trace/codes/${codes[0]}/label.png`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const svg = await get('seller', `/api/v1/trace/codes/${codes[0]}/label.svg`);
    expect(svg.statusCode).toBe(200);
    expect(svg.body).toMatch(/^<svg /);
    expect(svg.body).toContain(`${codes[0]?.slice(0, 4)}-${codes[0]?.slice(4, 8)}-${codes[0]?.slice(8)}`);
    const pdf = await get('seller', `/api/v1/trace/labels.pdf?codes=${codes.join(',')}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get('seller2', `/api/v1/trace/codes/${codes[0]}/label.png`)).statusCode).toBe(404);
    expect((await get('seller2', `/api/v1/trace/labels.pdf?codes=${codes.join(',')}`)).statusCode).toBe(404);
  });

  it('exports a parcel line’s and a product’s chain as EPCIS 2.0 JSON-LD valid against GS1’s schema', async () => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(
      JSON.parse(readFileSync(resolve(EPCIS_DIR, 'EPCIS-JSON-Schema.json'), 'utf8')),
    );
    // The standard's own examples validate (the validator is the right one).
    for (const f of readdirSync(resolve(EPCIS_DIR, 'examples')))
      expect(validate(JSON.parse(readFileSync(resolve(EPCIS_DIR, 'examples', f), 'utf8'))), f).toBe(true);
    // Something that is not EPCIS does not.
    expect(validate({ type: 'EPCISDocument', schemaVersion: '2.0', epcisBody: { eventList: [] } })).toBe(
      false,
    );

    const line = lineCodes.find((c) => c.orderNo === oneLine.orderNo) as TTraceCode;
    const product = json<TPage<TTraceCode>>(
      await get('seller', '/api/v1/trace/codes?kind=product&q=VXP-0001'),
    ).items[0] as TTraceCode;
    for (const code of [line.code, product.code]) {
      const res = await get('seller', `/api/v1/trace/codes/${code}/epcis`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
      const doc = json<{ epcisBody: { eventList: Record<string, unknown>[] } }>(res);
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      expect(doc.epcisBody.eventList.length).toBeGreaterThan(0);
    }
    const doc = json<{ epcisBody: { eventList: Record<string, unknown>[] } }>(
      await get('seller', `/api/v1/trace/codes/${line.code}/epcis`),
    );
    expect(doc.epcisBody.eventList.map((e) => e.bizStep)).toEqual(
      expect.arrayContaining(['commissioning', 'shipping', 'departing', 'accepting']),
    );
    expect(JSON.stringify(doc)).not.toContain(oneLine.buyer.name);
    expect((await get('seller2', `/api/v1/trace/codes/${line.code}/epcis`)).statusCode).toBe(404);
  });
});

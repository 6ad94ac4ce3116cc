import { createHash, randomBytes, randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TBulkFilingResult, TCreditRecord, TEnterpriseFiling, TPage } from '@crossgate/contract';
import { buildImportParcel } from '@crossgate/ceb';
import {
  compositeScore,
  organisationCodeCheckCharacter,
  usccCheckCharacter,
  type CustomsCreditLevel,
} from '@crossgate/domain';
import { ENGINES } from '../../../test/support/engines.ts';
import { createApiKey } from '../src/services/api-keys.ts';
import { systemContext } from '../src/services/context.ts';
import { createOrganisation } from '../src/services/organisations.ts';
import { createUser } from '../src/services/users.ts';
import { gatewayFor, parcelSpec, statuses, infos, type Gateway } from './support/import-kit.ts';
import { json, startPlatform, zoneContext, type Platform } from './support/platform.ts';

const PASSWORD = 'Filing-Test-2026';

/** A fresh USCC that passes the GB 32100-2015 check character. */
function uscc(): string {
  const org8 = String(randomInt(10_000_000, 99_999_999));
  const body = `91410800${org8}${organisationCodeCheckCharacter(org8) as string}`;
  return body + (usccCheckCharacter(body) as string);
}

/** An enterprise the zone office registered but that has not filed yet, with its admin user and API key. */
async function newEnterprise(p: Platform, roles: string[]) {
  const code = `4614${String(randomInt(100000, 999999))}`;
  const org = await createOrganisation({ db: p.database.db }, await zoneContext(p), {
    kind: 'enterprise',
    code,
    uscc: uscc(),
    nameZh: `焦作测试备案企业${code}`,
    enterpriseRoles: roles as never,
  });
  const username = `u${code}`;
  await createUser({ db: p.database.db }, await zoneContext(p), {
    orgId: org.id,
    username,
    displayName: '备案专员',
    password: PASSWORD,
    roles: ['admin', 'operator'],
    locale: 'zh-CN',
  });
  const key = await createApiKey({ db: p.database.db }, systemContext(), { name: 'test', orgId: org.id });
  return { org, code, username, key: key.secret };
}

const licence = {
  kind: 'business_licence',
  name: '营业执照.pdf',
  sha256: createHash('sha256').update('x').digest('hex'),
};

describe.each(ENGINES)('filing and credit on %s', (engine) => {
  let p: Platform;
  let g: Gateway;
  const login = (username: string, password?: string) => p.login(username, password);
  beforeAll(async () => {
    p = await startPlatform(engine);
    g = await gatewayFor(p);
  });
  afterAll(async () => p?.close());
  /** The four messages of an import parcel, each from its sender. */
  const sendParcel = async (m: ReturnType<typeof buildImportParcel>) => {
    await g.post('platform', m.order);
    await g.post('payment', m.payment);
    await g.post('logistics', m.waybill);
    await g.post('agent', m.inventory);
  };
  const inventoryByGuid = (m: ReturnType<typeof buildImportParcel>): string =>
    /<ceb:guid>([^<]+)</.exec(m.inventory)?.[1] as string;

  describe('enterprise filing (企业备案)', () => {
    it('refuses a USCC whose check character is wrong, naming the field', async () => {
      const e = await newEnterprise(p, ['ebp']);
      const good = e.org.uscc as string;
      const bad = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/filings/enterprise',
        headers: { cookie: await login(e.username, PASSWORD) },
        payload: {
          uscc: bad,
          customsCode: e.code,
          nameZh: e.org.nameZh,
          roles: ['ebp'],
          legalRep: '张三',
          address: '河南省焦作市',
          contacts: [{ name: '李四', phone: '13912345678' }],
          documents: [licence],
        },
      });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('"field":"uscc"');
    });

    it('lets an enterprise declare only once its filing is approved, and only while it is not suspended', async () => {
      const e = await newEnterprise(p, ['ebp']);
      // A new order each time: the same bytes again would get the stored answer.
      const post = () =>
        p.app.inject({
          method: 'POST',
          url: '/ceb/messages',
          headers: { authorization: `Bearer ${e.key}`, 'content-type': 'application/xml' },
          payload: buildImportParcel(
            parcelSpec({ platform: { code: e.code, name: e.org.nameZh, dxpId: 'DXPENT0000000099' } }),
          ).order,
        });
      const before = await post();
      expect(statuses(before.body)[0]).toBe('-10101');
      expect(infos(before.body)[0]).toContain('备案');

      const cookie = await login(e.username, PASSWORD);
      const draft = json<TEnterpriseFiling>(
        await p.app.inject({
          method: 'POST',
          url: '/api/v1/filings/enterprise',
          headers: { cookie },
          payload: {
            uscc: e.org.uscc,
            customsCode: e.code,
            nameZh: e.org.nameZh,
            roles: ['ebp'],
            legalRep: '张三',
            address: '河南省焦作市解放区',
            contacts: [{ name: '李四', phone: '13912345678' }],
            documents: [licence],
          },
        }),
      );
      expect(draft.status).toBe('draft');
      const submitted = await p.app.inject({
        method: 'POST',
        url: `/api/v1/filings/enterprise/${draft.id}/submit`,
        headers: { cookie },
      });
      expect(json<TEnterpriseFiling>(submitted).status).toBe('submitted');

      const customs = await login('customs');
      const unverified = await p.app.inject({
        method: 'POST',
        url: `/api/v1/filings/enterprise/${draft.id}/decision`,
        headers: { cookie: customs },
        payload: { decision: 'approve' },
      });
      expect(unverified.statusCode).toBe(422);
      const approved = await p.app.inject({
        method: 'POST',
        url: `/api/v1/filings/enterprise/${draft.id}/decision`,
        headers: { cookie: customs },
        payload: { decision: 'approve', identityVerified: true },
      });
      expect(json<TEnterpriseFiling>(approved).status).toBe('approved');
      const after = await post();
      expect(statuses(after.body)[0], infos(after.body)[0]).toBe('2');

      await p.app.inject({
        method: 'POST',
        url: `/api/v1/filings/enterprise/${draft.id}/decision`,
        headers: { cookie: customs },
        payload: { decision: 'suspend', reasons: ['现场核查发现经营地址不符'] },
      });
      const suspended = await p.app.inject({
        method: 'POST',
        url: '/ceb/messages',
        headers: { authorization: `Bearer ${e.key}`, 'content-type': 'application/xml' },
        payload: buildImportParcel(
          parcelSpec({ platform: { code: e.code, name: e.org.nameZh, dxpId: 'DXPENT0000000099' } }),
        ).order,
      });
      expect(statuses(suspended.body)[0]).toBe('-10101');
      expect(infos(suspended.body)[0]).toContain('暂停');
    });

    it('refuses the filing of a negative-listed enterprise (事前准入禁止)', async () => {
      const e = await newEnterprise(p, ['ebc']);
      const listed = await p.app.inject({
        method: 'POST',
        url: '/api/v1/negative-list',
        headers: { cookie: await login('customs') },
        payload: {
          subjectType: 'enterprise',
          code: e.code,
          name: e.org.nameZh,
          reason: '走私违法',
          authority: '焦作海关',
        },
      });
      expect(listed.statusCode, listed.body).toBe(201);
      const cookie = await login(e.username, PASSWORD);
      const draft = json<TEnterpriseFiling>(
        await p.app.inject({
          method: 'POST',
          url: '/api/v1/filings/enterprise',
          headers: { cookie },
          payload: {
            uscc: e.org.uscc,
            customsCode: e.code,
            nameZh: e.org.nameZh,
            roles: ['ebc'],
            legalRep: '王五',
            address: '河南省焦作市',
            contacts: [{ name: '王五', phone: '0391-3567890' }],
            documents: [licence],
          },
        }),
      );
      const submitted = await p.app.inject({
        method: 'POST',
        url: `/api/v1/filings/enterprise/${draft.id}/submit`,
        headers: { cookie },
      });
      expect(submitted.statusCode).toBe(422);
      expect(submitted.body).toContain('NEGATIVE_LISTED');
    });
  });

  describe('negative list in the channel choice (事中全面查验)', () => {
    it('sends every parcel of a listed buyer to inspection, and none once delisted', async () => {
      const idNumber = `41080019800101${String(randomInt(1000, 9999))}`;
      const customs = await login('customs');
      const entry = await p.app.inject({
        method: 'POST',
        url: '/api/v1/negative-list',
        headers: { cookie: customs },
        payload: {
          subjectType: 'person',
          idType: '1',
          idNumber,
          name: '赵六',
          reason: '多次代购牟利',
          authority: '焦作海关',
        },
      });
      expect(entry.statusCode, entry.body).toBe(201);
      expect(entry.body).not.toContain(idNumber);
      const buyer = { regNo: 'b-listed', name: '赵六', idNumber, telephone: '13800000001', address: '焦作' };
      const m = buildImportParcel(parcelSpec({ buyer }));
      await sendParcel(m);
      const inv = await p.database.db
        .selectFrom('import_documents as d')
        .innerJoin('inventory_clearance as c', 'c.document_id', 'd.id')
        .select(['d.status', 'c.channel'])
        .where('d.doc_type', '=', 'inventory')
        .where('d.guid', '=', inventoryByGuid(m))
        .executeTakeFirstOrThrow();
      expect(inv.status).toBe('500');
      expect(JSON.stringify(inv.channel)).toContain('NEGATIVE_LIST');

      await p.app.inject({
        method: 'POST',
        url: `/api/v1/negative-list/${(entry.json() as { id: string }).id}/delist`,
        headers: { cookie: customs },
        payload: { reason: '已整改' },
      });
      const m2 = buildImportParcel(parcelSpec({ buyer }));
      await sendParcel(m2);
      const inv2 = await p.database.db
        .selectFrom('import_documents')
        .select('status')
        .where('doc_type', '=', 'inventory')
        .where('guid', '=', inventoryByGuid(m2))
        .executeTakeFirstOrThrow();
      expect(inv2.status).toBe('800');
    });
  });

  describe('product filing (商品备案)', () => {
    const product = (over: Record<string, unknown> = {}) => ({
      itemNo: `P${randomBytes(4).toString('hex')}`,
      nameZh: '婴幼儿配方奶粉',
      hsCode: '1901101000',
      declarationElements: { 品牌类型: '境外品牌(其他)', 出口享惠情况: '不享惠' },
      originCountry: '601',
      brand: 'a2',
      barcode: '6901234567892',
      unit: '122',
      legalUnit1: '035',
      price: '268.00',
      currency: '142',
      retailImport: true,
      ...over,
    });

    it('refuses a retail-import product outside the positive list, naming the list, and files one on it', async () => {
      const added = await p.app.inject({
        method: 'POST',
        url: '/api/v1/reference/positive-list',
        headers: { cookie: await login('zone') },
        payload: {
          entries: [
            {
              hsPrefix: '19011010',
              nameZh: '婴幼儿配方奶粉',
              listName: '跨境电子商务零售进口商品清单（2019年版）',
              validFrom: '2020-01-01',
            },
          ],
        },
      });
      expect(added.statusCode, added.body).toBe(200);
      const refused = await p.app.inject({
        method: 'POST',
        url: '/api/v1/reference/positive-list',
        headers: { cookie: await login('seller') },
        payload: {
          entries: [{ hsPrefix: '9503', nameZh: '玩具', listName: '试验清单', validFrom: '2020-01-01' }],
        },
      });
      expect(refused.statusCode).toBe(403);
      const cookie = await login('seller');
      const off = await p.app.inject({
        method: 'POST',
        url: '/api/v1/filings/products',
        headers: { cookie },
        payload: product({ hsCode: '8471300000', nameZh: '笔记本电脑' }),
      });
      expect(off.statusCode).toBe(422);
      expect(off.body).toContain('跨境电子商务零售进口商品清单');
      const on = await p.app.inject({
        method: 'POST',
        url: '/api/v1/filings/products',
        headers: { cookie },
        payload: product(),
      });
      expect(on.statusCode, on.body).toBe(201);
      expect((on.json() as { status: string }).status).toBe('submitted');
    });

    it('files the good rows of a bulk workbook and reports every bad row by row and field', async () => {
      const cookie = await login('seller');
      const template = await p.app.inject({
        url: '/api/v1/filings/products/template.xlsx',
        headers: { cookie },
      });
      expect(template.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('商品备案') ?? (wb.worksheets[0] as ExcelJS.Worksheet);
      const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      const col = (key: string) => headers.findIndex((h) => h.includes(key)) + 1;
      sheet.spliceRows(2, Math.max(0, sheet.rowCount - 1));
      const rows = [
        product({ itemNo: 'BULK-1' }),
        product({ itemNo: 'BULK-2', hsCode: '12345' }),
        product({ itemNo: 'BULK-3', barcode: '6901234567891' }),
        product({ itemNo: 'BULK-4' }),
        product({ itemNo: 'BULK-1' }),
      ].map((r) => ({ ...r, itemNo: `${r.itemNo}-${engine}` }));
      rows.forEach((r, i) => {
        const row = sheet.getRow(i + 2);
        row.getCell(col('itemNo')).value = r.itemNo;
        row.getCell(col('nameZh')).value = r.nameZh;
        row.getCell(col('hsCode')).value = r.hsCode;
        row.getCell(col('declarationElements')).value = '品牌类型:境外品牌(其他)|出口享惠情况:不享惠';
        row.getCell(col('originCountry')).value = r.originCountry;
        row.getCell(col('barcode')).value = r.barcode;
        row.getCell(col('unit')).value = r.unit;
        row.getCell(col('legalUnit1')).value = r.legalUnit1;
        row.getCell(col('price')).value = r.price;
        row.getCell(col('currency')).value = r.currency;
        row.getCell(col('retailImport')).value = '是';
        row.commit();
      });
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/filings/products/bulk',
        headers: {
          cookie,
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
        payload: file,
      });
      expect(res.statusCode, res.body).toBe(200);
      const result = res.json() as TBulkFilingResult;
      expect(result.imported).toBe(2);
      expect(result.products.map((x) => x.row)).toEqual([2, 5]);
      expect([...new Set(result.problems.map((x) => x.row))]).toEqual([3, 4, 6]);
      expect(result.problems.find((x) => x.row === 3)?.field).toBe('hsCode');
      expect(result.problems.find((x) => x.row === 4)?.field).toBe('barcode');
      expect(result.problems.find((x) => x.row === 6)?.field).toBe('itemNo');

      // Approved by customs, the product is found by anyone by its item number.
      const queue = json<TPage<{ id: string; itemNo: string }>>(
        await p.app.inject({
          url: '/api/v1/filings/products?pageSize=200',
          headers: { cookie: await login('customs') },
        }),
      );
      const first = queue.items.find((x) => x.itemNo === `BULK-1-${engine}`) as { id: string };
      const decided = await p.app.inject({
        method: 'POST',
        url: `/api/v1/filings/products/${first.id}/decision`,
        headers: { cookie: await login('customs') },
        payload: { decision: 'approve' },
      });
      expect(decided.statusCode, decided.body).toBe(200);
      const found = await p.app.inject({ url: `/api/v1/public/products?itemNo=BULK-1-${engine}` });
      expect(found.json()).toHaveLength(1);
    });

    it('refuses a file that is not a workbook with a clear code', async () => {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/filings/products/bulk',
        headers: {
          cookie: await login('seller'),
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
        payload: Buffer.from('not a spreadsheet'),
      });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('NOT_XLSX');
    });
  });

  describe('credit (信用)', () => {
    it('scores an enterprise reproducibly from its events, level and ratings, and explains the score', async () => {
      const seller = await p.database.db
        .selectFrom('organisations')
        .select(['id', 'code'])
        .where('code', '=', '4614960003')
        .executeTakeFirstOrThrow();
      const penalty = await p.app.inject({
        method: 'POST',
        url: '/api/v1/credit/events',
        headers: { cookie: await login('market') },
        payload: {
          orgCode: seller.code,
          category: 'administrative_penalty',
          occurredOn: '2026-10-20',
          description: '虚假宣传，罚款5000元',
          reference: '焦市监罚〔2026〕12号',
        },
      });
      expect(penalty.statusCode, penalty.body).toBe(200);
      const level = await p.app.inject({
        method: 'PUT',
        url: `/api/v1/credit/enterprises/${seller.id}/customs-level`,
        headers: { cookie: await login('customs') },
        payload: { level: 'advanced_certified', validFrom: '2026-01-01', source: '海关认证决定书(演示)' },
      });
      expect(level.statusCode, level.body).toBe(200);
      const ratings = await p.app.inject({
        method: 'POST',
        url: '/api/v1/credit/ratings',
        headers: { cookie: await login('zone') },
        payload: {
          agency: '中诚信(演示)',
          ratings: [{ orgCode: seller.code, rating: 'AA', score: '88', ratedOn: '2026-06-30' }],
        },
      });
      expect(ratings.json()).toMatchObject({ imported: 1 });

      const record = json<TCreditRecord>(
        await p.app.inject({ url: '/api/v1/credit/me', headers: { cookie: await login('seller2') } }),
      );
      expect(record.events.map((e) => e.category)).toContain('administrative_penalty');
      // Who decided, in words, and the decision's number for people (issue 17 item 2).
      expect(record.events.find((e) => e.category === 'administrative_penalty')).toMatchObject({
        categoryZh: '行政处罚',
        categoryEn: 'Administrative penalty',
        source: 'regulator',
        decidedBy: 'regulator',
        documentNo: '焦市监罚〔2026〕12号',
      });
      const sum = record.score.components.reduce((s, c) => s + Math.round(Number(c.points) * 100), 0) / 100;
      expect(sum).toBeCloseTo(Number(record.score.score), 2);
      // The same inputs give the same score.
      const again = compositeScore({
        asOf: record.score.asOf,
        customsLevel: record.customsLevel?.level as CustomsCreditLevel,
        ratings: record.ratings.map((r) => ({ ...r })),
        events: record.events.map((e) => ({
          id: e.id,
          category: e.category,
          source: e.source,
          weight: e.weight,
          occurredOn: e.occurredOn,
          expiresOn: e.expiresOn,
          description: e.description,
        })),
        negativeListed: record.negativeListed,
      });
      expect(again.score).toBe(record.score.score);
      expect(again.level).toBe(record.score.level);

      const pdf = await p.app.inject({
        url: '/api/v1/credit/me/report.pdf',
        headers: { cookie: await login('seller2') },
      });
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

      const dishonest = await p.app.inject({
        method: 'PUT',
        url: `/api/v1/credit/enterprises/${seller.id}/customs-level`,
        headers: { cookie: await login('customs') },
        payload: { level: 'dishonest', validFrom: '2026-11-01', source: '失信认定(演示)' },
      });
      expect((dishonest.json() as { level: string }).level).toBe('D');
    });

    it('lets regulators search and export the credit list, and the public see filing and level only', async () => {
      const list = await p.app.inject({
        url: '/api/v1/credit/enterprises?q=焦作',
        headers: { cookie: await login('customs') },
      });
      expect((list.json() as TPage<unknown>).total).toBeGreaterThan(0);
      const xlsx = await p.app.inject({
        url: '/api/v1/credit/enterprises/export.xlsx',
        headers: { cookie: await login('customs') },
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets[0]?.rowCount).toBeGreaterThan(5);
      const forbidden = await p.app.inject({
        url: '/api/v1/credit/enterprises',
        headers: { cookie: await login('seller') },
      });
      expect(forbidden.statusCode).toBe(403);
      const pub = await p.app.inject({ url: `/api/v1/public/enterprises?q=${encodeURIComponent('明洞24')}` });
      expect(pub.statusCode).toBe(200);
      const [first] = pub.json() as { filingStatus: string; creditLevel: string | null }[];
      expect(first?.filingStatus).toBe('approved');
      expect(pub.body).not.toContain('components');
      const tooShort = await p.app.inject({ url: '/api/v1/public/enterprises?q=x' });
      expect(tooShort.statusCode).toBe(422);
    });

    it('records why a parcel’s random inspection rate was chosen from the seller’s credit level', async () => {
      const m = buildImportParcel(parcelSpec());
      await sendParcel(m);
      const inv = await p.database.db
        .selectFrom('import_documents as d')
        .innerJoin('inventory_clearance as c', 'c.document_id', 'd.id')
        .select(['c.channel'])
        .where('d.doc_type', '=', 'inventory')
        .where('d.guid', '=', inventoryByGuid(m))
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(inv.channel)).toMatch(/随机抽查比例/);
    });
  });
});

// The dates printed on an export summary declaration's certificate, and the negative-list dates of the credit
// report, are Beijing dates. 申报日期 is the day the
// summary was formed in Beijing time (UTC+8; CEB spec 202205: every CEB date is China Standard Time), so a
// summary formed at 00:30 Beijing — 16:30Z of the day before — is of the Beijing day, not of the UTC day. The
// public verification page shows 签发时间 in Beijing time too, not a raw UTC timestamp. Times are injected
// through the services' `now`; the expected values are written out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCertificateVerification } from '@crossgate/contract';
import { ENGINES } from '../../../test/support/engines.ts';
import { clearExport, DRYER, exportSpec } from './support/export-kit.ts';
import { gatewayFor, type Gateway } from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';
import { pdfWorkspace, squeeze, text as pdfText } from './support/pdf.ts';
import { systemContext } from '../src/services/context.ts';
import { runMonthlySummary } from '../src/services/export/declarations.ts';
import { runExportSchedule } from '../src/services/export/schedule.ts';

describe.each(ENGINES)('certificate and credit-report dates are Beijing dates on %s', (engine) => {
  let p: Platform;
  let g: Gateway;
  const pdfs = pdfWorkspace('crossgate-beijing-dates-');
  beforeAll(async () => {
    p = await startPlatform(engine);
    g = await gatewayFor(p);
  });
  afterAll(async () => {
    pdfs.cleanup();
    await p?.close();
  });

  /** One 9610 parcel cleared to 899 结关, its closing moved to `closedAt` (the month it is summarised in). */
  async function closedParcel(closedAt: string): Promise<string> {
    const spec = exportSpec({ items: [DRYER] });
    await clearExport(g, spec);
    const inv = await p.database.db
      .selectFrom('export_documents as d')
      .innerJoin('export_inventories as i', 'i.document_id', 'd.id')
      .select(['d.id', 'd.status', 'i.invt_no'])
      .where('d.doc_type', '=', 'inventory')
      .where('d.order_no', '=', spec.orderNo)
      .executeTakeFirstOrThrow();
    expect(inv.status).toBe('899');
    await p.database.db
      .updateTable('export_inventories')
      .set({ closed_at: new Date(closedAt) })
      .where('document_id', '=', inv.id)
      .execute();
    return inv.invt_no as string;
  }

  const declarationOf = (invtNo: string) =>
    p.database.db
      .selectFrom('export_declaration_items as x')
      .innerJoin('export_declarations as d', 'd.id', 'x.declaration_id')
      .select(['d.id', 'd.certificate_no', 'd.verify_code'])
      .where('x.invt_no', '=', invtNo)
      .executeTakeFirstOrThrow();

  async function printed(declarationId: string): Promise<string> {
    const pdf = await p.app.inject({
      url: `/api/v1/export/declarations/${declarationId}/certificate.pdf`,
      headers: { cookie: await p.login('seller') },
    });
    expect(pdf.statusCode, pdf.body).toBe(200);
    return squeeze(await pdfText(pdfs.save(pdf.rawPayload), 1));
  }

  it('a summary formed at 00:30 Beijing on 2026-12-01 (2026-11-30T16:30Z) prints 申报日期 2026-12-01', async () => {
    const invtNo = await closedParcel('2026-11-20T04:00:00Z'); // 12:00 Beijing, 20 November
    const formedAt = new Date('2026-11-30T16:30:00Z');
    const run = await runMonthlySummary(
      { db: p.database.db },
      systemContext(formedAt),
      { month: '2026-11', summaryFlag: '1', itemNameFlag: '' },
      'schedule',
    );
    expect(run.declarations).toBeGreaterThanOrEqual(1);
    const decl = await declarationOf(invtNo);
    const page1 = await printed(decl.id);
    expect(page1).toContain('申报日期2026-12-01');
    expect(page1).not.toContain('申报日期2026-11-30');
    expect(page1).toContain('签发时间2026-12-0100:30:00');

    // The public verification: the API keeps the instant, the page shows it in Beijing time to the minute.
    const verified = json<TCertificateVerification>(
      await p.app.inject({
        url: `/api/v1/public/certificates/${decl.certificate_no}?code=${decl.verify_code}`,
      }),
    );
    expect(verified.issuedAt).toBe('2026-11-30T16:30:00.000Z');
    const page = await p.app.inject({
      url: `/verify/certificates/${decl.certificate_no}?code=${decl.verify_code}`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2026-12-01 00:30 (北京时间)');
    expect(page.body).not.toContain('2026-11-30T16:30');
  });

  it('the schedule firing at 00:30 Beijing on the deadline day (16 November 2026) prints that day', async () => {
    // October 2026's deadline: the 15th is a Sunday, so the next working day, Monday 16 November
    // (海关总署公告2018年第194号).
    const invtNo = await closedParcel('2026-10-20T04:00:00Z');
    const firedAt = new Date('2026-11-15T16:30:00Z'); // 00:30 Beijing, 16 November
    expect(await runExportSchedule({ db: p.database.db }, new Date('2026-11-15T15:30:00Z'))).toBeUndefined();
    const run = await runExportSchedule({ db: p.database.db }, firedAt);
    expect(run?.month).toBe('2026-10');
    expect(run?.deadline).toBe('2026-11-16');
    const page1 = await printed((await declarationOf(invtNo)).id);
    expect(page1).toContain('申报日期2026-11-16');
    expect(page1).not.toContain('申报日期2026-11-15');
  });

  // Last: it puts the demo seller on the negative list.
  it('the credit report prints a negative listing made at 00:30 Beijing on 2026-12-01 as listed that day', async () => {
    const seller = await p.database.db
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.org_id')
      .select(['o.code', 'o.name_zh'])
      .where('u.username', '=', 'seller')
      .executeTakeFirstOrThrow();
    const listed = await p.app.inject({
      method: 'POST',
      url: '/api/v1/negative-list',
      headers: { cookie: await p.login('customs') },
      payload: {
        subjectType: 'enterprise',
        code: seller.code,
        name: seller.name_zh,
        reason: '走私违法(演示)',
        authority: '焦作海关',
      },
    });
    expect(listed.statusCode, listed.body).toBe(201);
    await p.database.db
      .updateTable('negative_list')
      .set({ listed_at: new Date('2026-11-30T16:30:00Z') }) // 00:30 Beijing, 1 December
      .where('id', '=', (listed.json() as { id: string }).id)
      .execute();
    const pdf = await p.app.inject({
      url: '/api/v1/credit/me/report.pdf',
      headers: { cookie: await p.login('seller') },
    });
    expect(pdf.statusCode, pdf.body).toBe(200);
    const report = squeeze(await pdfText(pdfs.save(pdf.rawPayload)));
    expect(report).toContain('走私违法(演示)');
    expect(report).toContain('2026-12-01未移出'); // 列入日期, then 移出日期 (not delisted)
    expect(report).not.toContain('2026-11-30');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExportCancel, buildExportParcel } from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import { arriveExport, clearExport, departExport, exportSpec, sendExport } from './support/export-kit.ts';
import { gatewayFor, infos, statuses, type Gateway } from './support/import-kit.ts';
import { startPlatform, type Platform } from './support/platform.ts';
import { findExportInventoryByInvtNo } from '../src/repositories/export-documents.ts';
import { systemContext } from '../src/services/context.ts';
import { inventoryStateOf, moveExport, onArrival } from '../src/services/export/clear-export.ts';
import { AppError } from '../src/errors.ts';
import type { Database, Kysely } from '@crossgate/db';

/**
 * Every export inventory move goes through the export lifecycle (ceb-reference §7.1; packages/domain
 * export/lifecycle.ts): the services must not move an inventory the lifecycle does not allow, whoever asks.
 * The expected refusals are literal: STATUS_TRANSITION, the moves named as "from → to", and −623005 at the gateway.
 */
describe.each(ENGINES)('export lifecycle enforced by the services on %s', (engine) => {
  let p: Platform;
  let g: Gateway;
  beforeAll(async () => {
    p = await startPlatform(engine);
    g = await gatewayFor(p);
  });
  afterAll(async () => p?.close());

  const inventoryOf = (orderNo: string) =>
    p.database.db
      .selectFrom('export_documents as d')
      .innerJoin('export_inventories as i', 'i.document_id', 'd.id')
      .select(['d.id', 'd.status', 'i.invt_no', 'i.cancelled_at', 'i.released_at'])
      .where('d.doc_type', '=', 'inventory')
      .where('d.order_no', '=', orderNo)
      .executeTakeFirstOrThrow();
  const receiptCount = async (documentId: string) =>
    (await p.database.db.selectFrom('receipts').select('id').where('document_id', '=', documentId).execute())
      .length;
  /** What a service call inside a transaction threw (the transaction is rolled back), or undefined. */
  const refusalOf = async (run: (trx: Kysely<Database>) => Promise<unknown>) => {
    try {
      await p.database.db.transaction().execute(run);
      return undefined;
    } catch (error) {
      return error;
    }
  };

  it('refuses to move a closed (899 结关) inventory back to 800 放行: STATUS_TRANSITION, nothing written', async () => {
    const spec = exportSpec();
    await clearExport(g, spec);
    const before = await inventoryOf(spec.orderNo);
    expect(before.status).toBe('899');
    const receipts = await receiptCount(before.id);

    const error = await refusalOf(async (trx) => {
      const view = await findExportInventoryByInvtNo(trx, before.invt_no as string, true);
      await moveExport(trx, systemContext(), await inventoryStateOf(trx, view!), '800', 'system', '放行');
    });
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('RULE_VIOLATION');
    expect((error as AppError).details).toEqual([
      expect.objectContaining({
        field: 'returnStatus',
        rule: expect.stringMatching(/^STATUS_TRANSITION: /),
        expected: 'no change from 899 by system',
        actual: '899 → 800',
      }),
    ]);
    const after = await inventoryOf(spec.orderNo);
    expect(after.status).toBe('899');
    expect(await receiptCount(before.id)).toBe(receipts);
  });

  it('refuses an officer move the lifecycle leaves to the system (2 → 120 by an officer)', async () => {
    const spec = exportSpec();
    const m = buildExportParcel(spec);
    await sendExport(g, m, ['inventory']);
    const waiting = await inventoryOf(spec.orderNo);
    expect(waiting.status).toBe('2');
    const error = await refusalOf((trx) =>
      moveExport(
        trx,
        systemContext(),
        {
          id: waiting.id,
          orgId: '',
          guid: '',
          status: waiting.status,
          cancelled: false,
          sequencing: 'arrival_then_release',
          body: {},
          businessKey: '',
          preNo: '',
          invtNo: null,
        },
        '120',
        'officer',
        '入库',
      ),
    );
    expect((error as AppError).details).toEqual([
      expect.objectContaining({ rule: expect.stringMatching(/^STATUS_TRANSITION: /), actual: '2 → 120' }),
    ]);
    expect((await inventoryOf(spec.orderNo)).status).toBe('2');
  });

  it('does not release a cancelled inventory when its goods arrive (cancelled is final)', async () => {
    const spec = exportSpec();
    await sendExport(g, buildExportParcel(spec));
    const waiting = await inventoryOf(spec.orderNo);
    expect(waiting.status).toBe('400');
    const cancel = await g.post('agent', buildExportCancel(spec, waiting.invt_no as string, '客户取消订单'));
    expect(statuses(cancel.body)[0], cancel.body).toBe('2');

    // Straight to the service, past the gateway's own filter on cancelled inventories.
    const error = await refusalOf(async (trx) => {
      const view = await findExportInventoryByInvtNo(trx, waiting.invt_no as string, true);
      await onArrival(trx, systemContext(), await inventoryStateOf(trx, view!), false);
    });
    expect((error as AppError).details).toEqual([
      expect.objectContaining({
        rule: expect.stringMatching(/^STATUS_TRANSITION: /),
        expected: 'no change from cancelled by system',
        actual: 'cancelled → 800',
      }),
    ]);
    const after = await inventoryOf(spec.orderNo);
    expect(after.status).toBe('400');
    expect(after.released_at).toBeNull();
  });

  it('refuses a second cancel of a cancelled inventory at the gateway (−623005)', async () => {
    const spec = exportSpec();
    await sendExport(g, buildExportParcel(spec));
    const inv = await inventoryOf(spec.orderNo);
    const first = await g.post('agent', buildExportCancel(spec, inv.invt_no as string, '客户取消订单'));
    expect(statuses(first.body)[0], first.body).toBe('2');
    const second = await g.post('agent', buildExportCancel(spec, inv.invt_no as string, '再次撤单'));
    expect(statuses(second.body)[0]).toBe('-623005');
    expect(infos(second.body)[0]).toContain('已撤单');
  });

  it('a departure closes only a released inventory: one waiting for arrival (400) stays, and closes on arrival', async () => {
    const spec = exportSpec();
    await sendExport(g, buildExportParcel(spec));
    const inv = await inventoryOf(spec.orderNo);
    const receipts = await receiptCount(inv.id);
    expect((await departExport(g, spec)).statusCode).toBe(200);
    expect((await inventoryOf(spec.orderNo)).status).toBe('400');
    expect(await receiptCount(inv.id)).toBe(receipts);
    await arriveExport(g, spec);
    expect((await inventoryOf(spec.orderNo)).status).toBe('899');
  });

  it('releases an inventory already waiting in 400 on arrival even after its office switched to release_then_arrival', async () => {
    const spec = exportSpec();
    await sendExport(g, buildExportParcel(spec));
    expect((await inventoryOf(spec.orderNo)).status).toBe('400');
    const admin = await p.login('customs');
    const set = await p.app.inject({
      method: 'PUT',
      url: `/api/v1/export/customs-offices/${spec.customsCode}/sequencing`,
      headers: { cookie: admin },
      payload: { sequencing: 'release_then_arrival' },
    });
    expect(set.statusCode, set.body).toBe(200);
    const arrival = await arriveExport(g, spec);
    expect(arrival.statusCode, arrival.body).toBe(200);
    expect((await inventoryOf(spec.orderNo)).status).toBe('800');
  });
});

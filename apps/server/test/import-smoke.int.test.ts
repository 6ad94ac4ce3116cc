import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayFor, infos, parcel, statuses, type Gateway } from './support/import-kit.ts';
import { startPlatform, type Platform } from './support/platform.ts';

describe('import smoke on pglite', () => {
  let p: Platform;
  let g: Gateway;
  beforeAll(async () => {
    p = await startPlatform('pglite');
    g = await gatewayFor(p);
  });
  afterAll(async () => p?.close());

  it('clears a parcel sent in the usual order', async () => {
    const m = parcel();
    for (const [role, xml] of [
      ['platform', m.order],
      ['payment', m.payment],
      ['logistics', m.waybill],
      ['agent', m.inventory],
    ] as const) {
      const res = await g.post(role, xml);
      console.log(role, res.statusCode, statuses(res.body), infos(res.body));
    }
    const rows = await p.database.db.selectFrom('import_documents').select(['doc_type', 'status']).execute();
    console.log(rows);
    const receipts = await p.database.db
      .selectFrom('receipts')
      .select(['message_type', 'return_status', 'return_info'])
      .execute();
    console.log(receipts);
    expect(rows.find((r) => r.doc_type === 'inventory')?.status).toBe('800');
  });
});

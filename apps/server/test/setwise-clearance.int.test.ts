import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRefusal, buildImportParcel, generateImportTraffic, type GeneratedParcel } from '@crossgate/ceb';
import { sql } from '@crossgate/db';
import { AGENT_KEY, gatewayFor, IMPORT_SENDER, PARTIES, type Gateway } from './support/import-kit.ts';
import { startPlatform, type Platform } from './support/platform.ts';

/**
 * The inventories a batch of orders, payments and waybills completes are loaded as a set (one read per kind,
 * decision 0041) and cleared by the same rules; the per-message path (no group commit: CROSSGATE_BATCH_MAX=1)
 * is the reference. The same random traffic goes through both — on the batching platform all parcels at once,
 * so batches mix documents of many parcels and complete inventories sent earlier — and every receipt (type,
 * status, text with serial numbers masked), every tax bill and every buyer's quota must be the same.
 */
const PARCELS = 40;

const traffic: GeneratedParcel[] = generateImportTraffic({
  parcels: PARCELS,
  seed: 18,
  refuseShare: 0.2,
  // A buyer per parcel: no parcel's quota depends on which of two parcels of a buyer cleared first.
  buyers: PARCELS,
  now: new Date(),
  parties: {
    platform: PARTIES.platform,
    seller: PARTIES.seller,
    payment: PARTIES.payment,
    logistics: PARTIES.logistics,
    agent: PARTIES.agent,
  },
  agentKey: AGENT_KEY,
  customsCode: '4614',
  runId: 'SETWISE1',
});
const messages = traffic.map((t) => applyRefusal(t.refusal, buildImportParcel(t.spec)));

/** Every receipt of the run's documents, by document, with serial numbers (preNo, invtNo, tax numbers) masked. */
async function receiptsOf(p: Platform) {
  const rows = await sql<{
    business_key: string;
    message_type: string;
    return_status: string;
    return_info: string;
  }>`
    SELECT d.business_key, r.message_type, r.return_status, r.return_info
    FROM receipts r JOIN import_documents d ON d.id = r.document_id
    WHERE d.order_no LIKE 'SOSETWISE1%'`.execute(p.database.db);
  return rows.rows
    .map(
      (r) =>
        `${r.business_key} ${r.message_type} ${r.return_status} ${r.return_info.replace(/\d{6,}/g, '#')}`,
    )
    .sort();
}

async function taxAndQuotaOf(p: Platform) {
  const bills = await sql<{ k: string }>`
    SELECT d.order_no || ' ' || t.customs_tax || ' ' || t.value_added_tax || ' ' || t.consumption_tax || ' ' || t.status AS k
    FROM tax_bills t JOIN import_documents d ON d.id = t.document_id WHERE d.order_no LIKE 'SOSETWISE1%'`.execute(
    p.database.db,
  );
  const quotas = await sql<{ k: string }>`
    SELECT q.buyer_key || ' ' || q.year || ' ' || q.used AS k FROM buyer_quotas q
    WHERE q.buyer_key IN (SELECT c.buyer_key FROM inventory_clearance c JOIN import_documents d ON d.id = c.document_id
                          WHERE d.order_no LIKE 'SOSETWISE1%')`.execute(p.database.db);
  return { bills: bills.rows.map((r) => r.k).sort(), quotas: quotas.rows.map((r) => r.k).sort() };
}

describe('set-wise loading of the inventories a batch completes, against the per-message path', () => {
  let batching: Platform;
  let single: Platform;
  let gb: Gateway;
  let gs: Gateway;
  beforeAll(async () => {
    batching = await startPlatform('pglite', {}, { draw: () => 0.999 });
    single = await startPlatform('pglite', { batchMax: 1 }, { draw: () => 0.999 });
    gb = await gatewayFor(batching);
    gs = await gatewayFor(single);
  }, 300_000);
  afterAll(async () => {
    await batching?.close();
    await single?.close();
  });

  it('gives the same receipts, tax bills and quotas as one message at a time', async () => {
    // Per message: each parcel's documents in its order, one after the other.
    for (const [i, t] of traffic.entries())
      for (const kind of t.order) await gs.post(IMPORT_SENDER[kind], messages[i]![kind]);
    // Batched: every parcel at once, each parcel's documents still in its order.
    await Promise.all(
      traffic.map(async (t, i) => {
        for (const kind of t.order) {
          const res = await gb.post(IMPORT_SENDER[kind], messages[i]![kind]);
          expect(res.statusCode).toBe(200);
        }
      }),
    );
    const reference = await receiptsOf(single);
    expect(reference.filter((r) => / CEB622Message 800 /.test(r)).length).toBeGreaterThan(PARCELS / 2);
    expect(await receiptsOf(batching)).toEqual(reference);
    expect(await taxAndQuotaOf(batching)).toEqual(await taxAndQuotaOf(single));
  }, 300_000);
});

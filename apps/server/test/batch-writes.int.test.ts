import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely, type Database } from '@crossgate/db';
import { insertMessage } from '../src/repositories/ceb-messages.ts';
import {
  findDocument,
  insertClearance,
  insertDocument,
  nextSerial,
  setDocumentStatus,
  setStatusMany,
  updateClearance,
} from '../src/repositories/import-documents.ts';
import { expectSerials } from '../src/repositories/unit-of-work.ts';
import { bufferWrites } from '../src/services/import/write-buffer.ts';
import { startPlatform, type Platform } from './support/platform.ts';

/**
 * Row writes a gateway batch makes alike are held back and written one statement per table before the batch
 * commits (decision 0045); a statement that names the table writes them first, so a read in the same batch
 * sees them. Serial numbers are reserved per batch. Statement counts are engine-independent: PGlite is enough.
 */
describe('row writes and serial numbers per gateway batch', () => {
  let p: Platform;
  let counting = false;
  const seen: string[] = [];
  let orgId = '';
  beforeAll(async () => {
    p = await startPlatform(
      'pglite',
      {},
      { onQuery: (q) => counting && seen.push(q.replace(/\s+/g, ' ').trim()) },
    );
    const org = await sql<{ id: string }>`SELECT id FROM organisations WHERE code = '4614960006'`.execute(
      p.database.db,
    );
    orgId = org.rows[0]?.id ?? '';
  }, 180_000);
  afterAll(() => p.close());

  /** Three waiting documents of a new message, written outside any batch. */
  async function documents(tag: string) {
    const db = p.database.db;
    const messageId = await insertMessage(db, {
      orgId,
      messageType: 'CEB621Message',
      messageGuid: null,
      contentHash: `batch-writes-${tag}`,
      copMsgId: null,
      xsdVersion: '202205',
      outcome: 'accepted',
      body: '<x/>',
      receiptType: 'CEB622Message',
      receiptXml: '',
      requestId: null,
      now: new Date(),
    });
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const id = randomUUID();
      ids.push(id);
      await insertDocument(db, {
        id,
        doc_type: 'inventory',
        business_key: `BW${tag}${n}`,
        org_id: orgId,
        message_id: messageId ?? '',
        guid: id,
        app_type: '1',
        app_status: '2',
        status: '2',
        body: '{}',
        body_hash: `h${n}`,
        created_at: new Date(),
        updated_at: new Date(),
        order_no: null,
        ebp_code: null,
        ebc_code: null,
        logistics_code: null,
        logistics_no: null,
        pay_code: null,
        pay_transaction_id: null,
        invt_no: null,
      });
      await insertClearance(db, {
        document_id: id,
        org_id: orgId,
        pre_no: `BW${tag}${n}${Date.now()}`,
        customs_code: '4614',
        trade_mode: '9610',
        ems_no: null,
        buyer_key: 'k',
        decl_date: '2026-12-07',
        updated_at: new Date(),
      });
    }
    return ids;
  }

  const inBatch = <T>(fn: (trx: Kysely<Database>) => Promise<T>) =>
    p.database.db.transaction().execute((trx) => bufferWrites(trx, () => fn(trx)));

  const counted = async <T>(fn: () => Promise<T>) => {
    seen.length = 0;
    counting = true;
    try {
      return await fn();
    } finally {
      counting = false;
    }
  };

  it('status changes of a batch are one statement, and a read of the table in the batch sees them', async () => {
    const [a, b, c] = (await documents('S')) as [string, string, string];
    const now = new Date();
    const readBack = await counted(() =>
      inBatch(async (trx) => {
        await setDocumentStatus(trx, a, '120', now, '46142026I900000001');
        await setStatusMany(trx, [b, c], '120', now);
        await setDocumentStatus(trx, a, '800', now);
        const before = seen.length;
        const row = await findDocument(trx, 'inventory', 'BWS1');
        return { status: row?.status, invtNo: row?.invt_no, statementsForTheRead: seen.length - before };
      }),
    );
    // The read wrote the held-back changes first (one UPDATE for three rows), then read: two statements.
    expect(readBack).toEqual({ status: '800', invtNo: '46142026I900000001', statementsForTheRead: 2 });
    expect(seen.filter((q) => /^update\b/i.test(q))).toHaveLength(1);
    const rows = await sql<{ business_key: string; status: string }>`
      SELECT business_key, status FROM import_documents WHERE business_key LIKE 'BWS%' ORDER BY 1`.execute(
      p.database.db,
    );
    expect(rows.rows).toEqual([
      { business_key: 'BWS1', status: '800' },
      { business_key: 'BWS2', status: '120' },
      { business_key: 'BWS3', status: '120' },
    ]);
  });

  it('clearance-row changes merge per row and are written per set of columns before commit', async () => {
    const [a, b] = (await documents('C')) as [string, string, string];
    const now = new Date('2026-12-07T08:00:00Z');
    await counted(() =>
      inBatch(async (trx) => {
        await updateClearance(trx, a, { issues: JSON.stringify([{ code: 'WAITING' }]), updated_at: now });
        await updateClearance(trx, a, {
          issues: '[]',
          tax_mode: 'cbec',
          quota_amount: '12.50',
          updated_at: now,
        });
        await updateClearance(trx, b, { issues: JSON.stringify([{ code: 'W2' }]), updated_at: now });
      }),
    );
    // Two shapes of change (a: issues, tax mode, amount; b: issues): two statements, nothing before commit.
    expect(seen.filter((q) => /^update inventory_clearance/i.test(q))).toHaveLength(2);
    const rows = await sql<{
      document_id: string;
      issues: unknown;
      tax_mode: string | null;
      quota_amount: string | null;
    }>`
      SELECT document_id, issues, tax_mode, quota_amount FROM inventory_clearance WHERE document_id IN (${a}, ${b})`.execute(
      p.database.db,
    );
    const byId = new Map(rows.rows.map((r) => [r.document_id, r]));
    expect(byId.get(a)).toMatchObject({ issues: [], tax_mode: 'cbec', quota_amount: '12.50' });
    expect(byId.get(b)).toMatchObject({ issues: [{ code: 'W2' }], tax_mode: null, quota_amount: null });
  });

  it('a batch takes the serial numbers it expects in one statement, each once and in order', async () => {
    const taken = await counted(() =>
      inBatch(async (trx) => {
        expectSerials(trx, 'invt_no_seq', 3);
        return [
          await nextSerial(trx, 'invt_no_seq'),
          await nextSerial(trx, 'invt_no_seq'),
          await nextSerial(trx, 'invt_no_seq'),
          await nextSerial(trx, 'invt_no_seq'),
        ];
      }),
    );
    expect(seen.filter((q) => /nextval/i.test(q))).toHaveLength(2);
    expect(taken.slice(1).map((n, i) => n - (taken[i] as number))).toEqual([1, 1, 1]);
  });
});

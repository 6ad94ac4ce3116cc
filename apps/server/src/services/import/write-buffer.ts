import type { Database, Kysely } from '@crossgate/db';
import { insertEventRows } from '../../repositories/import-documents.ts';
import { insertReceiptRows } from '../../repositories/receipts-outbox.ts';
import { closeUnit, flushDeferred, openUnit } from '../../repositories/unit-of-work.ts';

/**
 * Runs `fn` with the transaction's timeline events and outbox receipts collected in memory, and the row writes
 * the repositories hold back (decision 0045), then writes each kind in one multi-row statement, still inside the
 * transaction and in the order they happened. Nested
 * use (a batch of messages, each buffering its own) shares the outermost unit: one write per batch.
 */
export async function bufferWrites<T>(trx: Kysely<Database>, fn: () => Promise<T>): Promise<T> {
  const unit = openUnit(trx);
  if (!unit) return fn();
  try {
    const result = await fn();
    // The row writes held back for the batch (status changes, clearance rows, tax bills … decision 0045).
    await flushDeferred(trx);
    await insertEventRows(trx, unit.events);
    await insertReceiptRows(trx, unit.receipts);
    return result;
  } finally {
    closeUnit(trx);
  }
}

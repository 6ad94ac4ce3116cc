import type { Database, Kysely } from '@crossgate/db';
import type { EventRow } from './import-documents.ts';
import type { OutboxReceipt } from './receipts-outbox.ts';

/** Append-only rows collected during a unit of work (a gateway batch), written once at its end. */
export interface PendingUnit {
  events: EventRow[];
  receipts: (OutboxReceipt & { now: Date })[];
}

const units = new WeakMap<object, PendingUnit>();

/** The unit the transaction is collecting into, if any: repositories then defer their append-only writes. */
export const pendingUnit = (db: Kysely<Database>): PendingUnit | undefined => units.get(db);

export function openUnit(db: Kysely<Database>): PendingUnit | undefined {
  if (units.has(db)) return undefined;
  const unit: PendingUnit = { events: [], receipts: [] };
  units.set(db, unit);
  return unit;
}

export function closeUnit(db: Kysely<Database>): void {
  units.delete(db);
}

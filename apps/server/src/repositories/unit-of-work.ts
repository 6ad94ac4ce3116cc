import type { Database, Kysely } from '@crossgate/db';
import type { EventRow } from './import-documents.ts';
import type { OutboxReceipt } from './receipts-outbox.ts';

/** Append-only rows collected during a unit of work (a gateway batch), written once at its end. */
export interface PendingUnit {
  events: EventRow[];
  receipts: (OutboxReceipt & { now: Date })[];
  /**
   * What every message of the unit reads alike — the zone's clearance settings, tariff periods, negative-list
   * hits — read once for the unit (a gateway batch) instead of once per message (decision 0041).
   */
  shared: Map<string, unknown>;
}

const units = new WeakMap<object, PendingUnit>();

/** The unit the transaction is collecting into, if any: repositories then defer their append-only writes. */
export const pendingUnit = (db: Kysely<Database>): PendingUnit | undefined => units.get(db);

export function openUnit(db: Kysely<Database>): PendingUnit | undefined {
  if (units.has(db)) return undefined;
  const unit: PendingUnit = { events: [], receipts: [], shared: new Map() };
  units.set(db, unit);
  return unit;
}

export function closeUnit(db: Kysely<Database>): void {
  units.delete(db);
}

/**
 * Reads `key` once per unit of work: the first caller's read is shared by every later one in the same unit (a
 * batch's messages all arrived before its transaction began, so a read at its start is fresh for each of them).
 * Outside a unit, reads every time.
 */
export function sharedInUnit<T>(db: Kysely<Database>, key: string, read: () => Promise<T>): Promise<T> {
  const shared = units.get(db)?.shared;
  if (!shared) return read();
  let value = shared.get(key) as Promise<T> | undefined;
  if (!value) {
    value = read();
    shared.set(key, value);
  }
  return value;
}

/**
 * Reads by key — one row set per key, such as a tariff code's periods — once per unit of work: the keys not
 * yet read in this unit are read together in one statement (`read` answers for each key asked, an empty
 * answer included), the others come from the unit. Outside a unit, reads all of them.
 */
export async function sharedPerKey<T>(
  db: Kysely<Database>,
  kind: string,
  keys: readonly string[],
  read: (keys: string[]) => Promise<Map<string, T>>,
): Promise<Map<string, T>> {
  const shared = units.get(db)?.shared;
  if (!shared) return read([...new Set(keys)]);
  let known = shared.get(kind) as Map<string, Promise<T | undefined>> | undefined;
  if (!known) {
    known = new Map();
    shared.set(kind, known);
  }
  const missing = [...new Set(keys)].filter((k) => !known.has(k));
  if (missing.length > 0) {
    const loaded = read(missing);
    for (const k of missing)
      known.set(
        k,
        loaded.then((m) => m.get(k)),
      );
  }
  const out = new Map<string, T>();
  for (const k of new Set(keys)) {
    const v = await known.get(k);
    if (v !== undefined) out.set(k, v);
  }
  return out;
}

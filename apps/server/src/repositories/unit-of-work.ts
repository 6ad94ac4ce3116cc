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
  /** Row writes held back until a statement could see their table, or the unit ends (decision 0045). */
  deferred: Map<DeferredKind<never>, Map<string, unknown>>;
  /** Serial numbers reserved for the unit, by sequence, and how many the unit expects to take (decision 0045). */
  serials: Map<string, { pool: number[]; expected: number }>;
}

/**
 * A kind of write a unit may hold back (decision 0045): rows of one table, one per key (a later row for the same
 * key is merged into the earlier one, as the second statement would have changed the first's result), written
 * together by `write` in one statement (or one per shape).
 */
export interface DeferredKind<R> {
  table: string;
  /** 'update' kinds change existing rows only; an insert that reads nothing of the table does not need them. */
  mode: 'update' | 'upsert';
  merge: (earlier: R, later: R) => R;
  write: (db: Kysely<Database>, rows: R[]) => Promise<void>;
}

const units = new WeakMap<object, PendingUnit>();

/** The unit the transaction is collecting into, if any: repositories then defer their append-only writes. */
export const pendingUnit = (db: Kysely<Database>): PendingUnit | undefined => units.get(db);

export function openUnit(db: Kysely<Database>): PendingUnit | undefined {
  if (units.has(db)) return undefined;
  const unit: PendingUnit = {
    events: [],
    receipts: [],
    shared: new Map(),
    deferred: new Map(),
    serials: new Map(),
  };
  units.set(db, unit);
  // Every statement of the transaction passes here first: the writes held back for a table it names are
  // written before it, so nothing the unit wrote is ever missed by a later read, whichever code reads.
  const executor = db.getExecutor() as unknown as Executor;
  const own = Object.prototype.hasOwnProperty.call(executor, 'executeQuery')
    ? executor.executeQuery
    : undefined;
  const original = executor.executeQuery;
  executor.executeQuery = async function (this: Executor, query, queryId) {
    await flushFor(db, unit, query.sql);
    return original.call(this, query, queryId);
  };
  restore.set(unit, () => {
    if (own) executor.executeQuery = own;
    else delete (executor as Partial<Executor>).executeQuery;
  });
  return unit;
}

interface Executor {
  executeQuery(query: { sql: string }, queryId?: unknown): Promise<unknown>;
}
const restore = new WeakMap<PendingUnit, () => void>();

export function closeUnit(db: Kysely<Database>): void {
  const unit = units.get(db);
  if (unit) restore.get(unit)?.();
  units.delete(db);
}

/**
 * Holds a row write back until the unit ends or a statement names its table (decision 0045); false outside a
 * unit, where the caller writes at once.
 */
export function deferRow<R>(db: Kysely<Database>, kind: DeferredKind<R>, key: string, row: R): boolean {
  const unit = units.get(db);
  if (!unit) return false;
  const k = kind as unknown as DeferredKind<never>;
  let rows = unit.deferred.get(k);
  if (!rows) {
    rows = new Map();
    unit.deferred.set(k, rows);
  }
  const earlier = rows.get(key) as R | undefined;
  rows.set(key, earlier === undefined ? row : kind.merge(earlier, row));
  return true;
}

const plainInsert = (sql: string, table: string) =>
  new RegExp(`^\\s*insert\\s+into\\s+"?${table}"?\\s`, 'i').test(sql) &&
  !/\bselect\b/i.test(sql) &&
  (!/\bon\s+conflict\b/i.test(sql) || /\bdo\s+nothing\b/i.test(sql));

async function flushFor(db: Kysely<Database>, unit: PendingUnit, sql: string): Promise<void> {
  for (const [kind, rows] of unit.deferred) {
    if (rows.size === 0 || !sql.includes(kind.table)) continue;
    // Adding a row (nothing read, no row changed) cannot see what updates of other rows hold back.
    if (kind.mode === 'update' && plainInsert(sql, kind.table)) continue;
    await flushKind(db, unit, kind);
  }
}

async function flushKind(db: Kysely<Database>, unit: PendingUnit, kind: DeferredKind<never>): Promise<void> {
  const rows = unit.deferred.get(kind);
  if (!rows || rows.size === 0) return;
  const values = [...rows.values()] as never[];
  rows.clear();
  await kind.write(db, values);
}

/** Writes everything the unit holds back, kind by kind in the order first used (the end of the unit). */
export async function flushDeferred(db: Kysely<Database>): Promise<void> {
  const unit = units.get(db);
  if (!unit) return;
  for (const kind of unit.deferred.keys()) await flushKind(db, unit, kind);
}

/**
 * The unit expects to take about `n` more numbers of `sequence`: the first one taken reserves them together
 * (decision 0045). Outside a unit, nothing.
 */
export function expectSerials(db: Kysely<Database>, sequence: string, n: number): void {
  const unit = units.get(db);
  if (!unit || n <= 0) return;
  const s = unit.serials.get(sequence) ?? { pool: [], expected: 0 };
  s.expected += n;
  unit.serials.set(sequence, s);
}

/**
 * The next number of `sequence` for this unit: from the numbers the unit reserved, else reserved now — as many
 * as the unit still expects to take (at least one) in one statement (`reserve(n)`). Outside a unit: `reserve(1)`.
 */
export async function takeSerial(
  db: Kysely<Database>,
  sequence: string,
  reserve: (n: number) => Promise<number[]>,
): Promise<number> {
  const unit = units.get(db);
  if (!unit) return (await reserve(1))[0] as number;
  const s = unit.serials.get(sequence) ?? { pool: [], expected: 0 };
  unit.serials.set(sequence, s);
  if (s.pool.length === 0) s.pool = await reserve(Math.max(1, s.expected));
  s.expected = Math.max(0, s.expected - 1);
  return s.pool.shift() as number;
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, sql, statementKind, type DbHandle, type StatementKind } from '../src/index.ts';

describe('statement kinds by their first keyword', () => {
  it.each([
    ['select 1', 'select'],
    ['  INSERT INTO t VALUES (1)', 'insert'],
    ['update t set a = 1', 'update'],
    ['delete from t', 'delete'],
    ['with x as (select 1) select * from x', 'with'],
    ['begin', 'begin'],
    ['start transaction isolation level serializable', 'begin'],
    ['commit', 'commit'],
    ['rollback', 'rollback'],
    ['(select 1) union (select 2)', 'select'],
    ['savepoint a', 'other'],
  ])('%s → %s', (text, kind) => expect(statementKind(text)).toBe(kind));
});

describe('counting dialect (embedded engine)', () => {
  let handle: DbHandle;
  const seen: StatementKind[] = [];
  beforeAll(async () => {
    handle = await createDb({ dataDir: 'memory://', onStatement: (k) => seen.push(k) });
  }, 120_000);
  afterAll(() => handle.close());

  it('counts each statement of a transaction, BEGIN and COMMIT included', async () => {
    seen.length = 0;
    await sql`create table t (a int)`.execute(handle.db);
    await handle.db.transaction().execute(async (trx) => {
      await sql`insert into t values (1), (2)`.execute(trx);
      await sql`select a from t`.execute(trx);
    });
    expect(seen).toEqual(['other', 'begin', 'insert', 'select', 'commit']);
  });

  it('counts a rolled-back transaction’s ROLLBACK', async () => {
    seen.length = 0;
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(seen).toEqual(['begin', 'select', 'rollback']);
    // The connection went back to the driver: the next query runs.
    expect((await sql<{ n: number }>`select 2 as n`.execute(handle.db)).rows).toEqual([{ n: 2 }]);
  });
});

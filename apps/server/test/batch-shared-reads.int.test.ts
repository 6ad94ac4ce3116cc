import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type StatementKind } from '@crossgate/db';
import { listedOf, tariffPeriodsOf } from '../src/services/import/batch-shared.ts';
import { bufferWrites } from '../src/services/import/write-buffer.ts';
import { startPlatform, type Platform } from './support/platform.ts';

/**
 * What every inventory of a gateway batch reads alike is read once per batch (decision 0041): a tariff code's
 * periods and a party's negative-list standing the first time the batch needs them, the codes not yet read in
 * one statement; outside a batch every call reads. Statement counts are engine-independent: the embedded
 * engine is enough.
 */
describe('reads shared per gateway batch', () => {
  let p: Platform;
  let counting = false;
  const seen: StatementKind[] = [];
  beforeAll(async () => {
    p = await startPlatform('pglite', {}, { onStatement: (k) => counting && seen.push(k) });
    const db = p.database.db;
    for (const [hs, name] of [
      ['9901000001', '测试品甲'],
      ['9901000002', '测试品乙'],
    ])
      await sql`INSERT INTO tariff_lines (hs_code, name_zh) VALUES (${hs}, ${name})`.execute(db);
    await sql`INSERT INTO tariff_rates (id, hs_code, valid_from, valid_to, vat_rate, duty_rate, source) VALUES
      ('00000000-0000-4000-8000-000000000001', '9901000001', '2020-01-01', '2025-01-01', 0.1300, 0.0500, 'test'),
      ('00000000-0000-4000-8000-000000000002', '9901000001', '2025-01-01', NULL, 0.1300, 0.0300, 'test'),
      ('00000000-0000-4000-8000-000000000003', '9901000002', '2020-01-01', NULL, 0.0900, NULL, 'test')`.execute(
      db,
    );
    await sql`INSERT INTO negative_list (id, subject_type, subject_key, reason, authority, listed_at, delisted_at) VALUES
      ('00000000-0000-4000-8000-000000000011', 'enterprise', 'NEG0000001', '走私', '海关', now(), NULL),
      ('00000000-0000-4000-8000-000000000012', 'enterprise', 'NEG0000002', '已移出', '海关', now(), now())`.execute(
      db,
    );
  }, 180_000);
  afterAll(() => p.close());

  const counted = async <T>(fn: () => Promise<T>): Promise<{ value: T; selects: number }> => {
    seen.length = 0;
    counting = true;
    try {
      const value = await fn();
      return { value, selects: seen.filter((k) => k === 'select').length };
    } finally {
      counting = false;
    }
  };

  it('a batch reads a tariff code once: the first inventory reads its codes, a later one only codes not read yet', async () => {
    const steps: { periods: string[]; selects: number }[] = [];
    await p.database.db.transaction().execute((trx) =>
      bufferWrites(trx, async () => {
        for (const codes of [['9901000001'], ['9901000001'], ['9901000002', '9901000001'], ['9901000002']]) {
          const { value, selects } = await counted(() => tariffPeriodsOf(trx, codes));
          steps.push({ periods: value.map((r) => `${r.hs_code} ${r.valid_from} ${r.duty_rate}`), selects });
        }
      }),
    );
    expect(steps).toEqual([
      { periods: ['9901000001 2020-01-01 0.0500', '9901000001 2025-01-01 0.0300'], selects: 1 },
      { periods: ['9901000001 2020-01-01 0.0500', '9901000001 2025-01-01 0.0300'], selects: 0 },
      {
        periods: [
          '9901000001 2020-01-01 0.0500',
          '9901000001 2025-01-01 0.0300',
          '9901000002 2020-01-01 null',
        ],
        selects: 1,
      },
      { periods: ['9901000002 2020-01-01 null'], selects: 0 },
    ]);
  });

  it('a batch reads a party’s negative-list standing once; a delisted party is not listed', async () => {
    const steps: { listed: string[]; selects: number }[] = [];
    await p.database.db.transaction().execute((trx) =>
      bufferWrites(trx, async () => {
        for (const keys of [
          ['NEG0000001', 'CLEAN00001'],
          ['CLEAN00001', 'NEG0000001'],
          ['NEG0000002', 'NEG0000001'],
        ]) {
          const { value, selects } = await counted(() => listedOf(trx, keys));
          steps.push({ listed: [...value].sort(), selects });
        }
      }),
    );
    expect(steps).toEqual([
      { listed: ['NEG0000001'], selects: 1 },
      { listed: ['NEG0000001'], selects: 0 },
      { listed: ['NEG0000001'], selects: 1 },
    ]);
  });

  it('outside a batch every call reads (an officer’s decision sees the list as it is now)', async () => {
    const db = p.database.db;
    expect((await counted(() => listedOf(db, ['NEG0000001']))).selects).toBe(1);
    expect((await counted(() => listedOf(db, ['NEG0000001']))).selects).toBe(1);
    expect((await counted(() => tariffPeriodsOf(db, ['9901000002']))).selects).toBe(1);
  });
});

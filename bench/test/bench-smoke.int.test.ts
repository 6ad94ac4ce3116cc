import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../src/harness.ts';

describe('benchmark harness (smoke)', () => {
  it('runs the whole benchmark on a few hundred parcels and finds every parcel as expected (correctness only, never speed)', async () => {
    const result = await runBenchmark({
      db: 'postgres',
      databaseUrl: inject('postgresUrl'),
      parcels: 200,
      concurrency: 8,
      rate: 0,
      workers: 2,
      seed: 3,
      baseline: false,
      write: false,
      log: () => {},
    });
    expect(result.failures).toEqual([]);
    expect(result.checks.documentsPerKind).toEqual({
      order: 200,
      payment: 200,
      waybill: 200,
      inventory: 200,
    });
    expect(result.load.refusedAsExpected).toBe(result.load.expectedRefused);
    // Statements are counted over both workers: every message is at least stored, so ≥ 4 per parcel.
    expect(result.load.statements.perParcel).toBeGreaterThanOrEqual(4);
  }, 180_000);
});

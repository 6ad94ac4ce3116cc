import { describe, expect, it } from 'vitest';
import { checkTariffRatePeriod, checkUscc, type TariffRatePeriod } from '@crossgate/domain';
import { readCsv, readJson } from '../src/seed/data-files.ts';

interface TariffFile {
  lines: { hsCode: string; periods: Omit<TariffRatePeriod, 'hsCode'>[] }[];
}
interface DemoFile {
  organisations: { code: string; uscc?: string; user: { username: string } }[];
  products: { hsCode: string; org: string }[];
}

const hs = new Set(readCsv('reference/hs/harmonized-system.csv').map((r) => r.hscode));
const tariff = readJson<TariffFile>('reference/tariff-lines.json');
const demo = readJson<DemoFile>('demo/jiaozuo.json');

describe('vendored data', () => {
  it('every tariff line sits under an HS 2022 subheading', () => {
    for (const line of tariff.lines) expect(hs.has(line.hsCode.slice(0, 6)), line.hsCode).toBe(true);
  });

  it('every tariff line has well-formed, non-overlapping rate periods', () => {
    for (const line of tariff.lines) {
      const periods = line.periods.map((p) => ({ ...p, hsCode: line.hsCode }));
      periods.forEach((p, i) =>
        expect(checkTariffRatePeriod(p, periods.slice(0, i)), `${line.hsCode} ${p.validFrom}`).toEqual([]),
      );
    }
  });

  it('demo enterprises carry USCCs with valid GB 32100-2015 check characters', () => {
    for (const o of demo.organisations.filter((x) => x.uscc))
      expect(checkUscc('uscc', o.uscc as string), o.code).toEqual([]);
  });

  it('demo products use tariff lines the platform knows', () => {
    const lines = new Set(tariff.lines.map((l) => l.hsCode));
    for (const p of demo.products) expect(lines.has(p.hsCode), p.hsCode).toBe(true);
  });

  it('has one demo login per organisation, each username unique', () => {
    const names = demo.organisations.map((o) => o.user.username);
    expect(new Set(names).size).toBe(names.length);
  });
});

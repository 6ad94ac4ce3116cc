/**
 * The shipped tariff lines (data/reference/tariff-lines.json) against the rates of the regulations themselves
 * (issue 14, items 2 and 4; decision 0026). Expected values are literals from the 2026 tariff and the VAT
 * announcements, never read back through the product's code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rateInForce, type TariffRatePeriod } from '@crossgate/domain';
import { readJson } from '../src/seed/data-files.ts';

interface TariffFile {
  lines: {
    hsCode: string;
    nameZh: string;
    verified: boolean;
    verification: { hsCode: string; dutyRate: string; vatRate: string };
    periods: (Omit<TariffRatePeriod, 'hsCode'> & { source: string })[];
  }[];
}
const tariff = readJson<TariffFile>('reference/tariff-lines.json');
const line = (hsCode: string) => {
  const found = tariff.lines.find((l) => l.hsCode === hsCode);
  if (!found) throw new Error(`no line ${hsCode}`);
  return found;
};
const on = (hsCode: string, date: string) =>
  rateInForce(
    line(hsCode).periods.map((p) => ({ ...p, hsCode })),
    date,
  );
const SOURCES = readFileSync(join(import.meta.dirname, '../../../data/SOURCES.md'), 'utf8');

/** MFN import duty of 《中华人民共和国进出口税则(2026)》 per 8-digit subheading; no provisional (∆) rate printed. */
const MFN_2026: Record<string, string> = {
  '2201101000': '0.05', // 2201.1010 矿泉水
  '1901101000': '0.15', // 1901.1010 配方奶粉 (provisional rate unsettled: unverified)
  '0402210000': '0.10', // 0402.2100 未加糖
  '2106909090': '0.12', // 2106.9090 其他
  '2204210000': '0.14', // 2204.2100 装入2升及以下容器的
  '3304990099': '0.01', // 3304.9900 其他
  '3303000010': '0.03', // 3303.0000 香水及花露水
  '8517130000': '0', // 8517.1300 智能手机
  '4901990000': '0', // 4901.9900 其他
  '9503008900': '0', // 9503.0089 其他
};

describe('shipped tariff lines', () => {
  it('every shipped line has an MFN duty rate in force in 2026 (税则2026), a source per period, and a verified flag', () => {
    expect(tariff.lines.map((l) => l.hsCode).sort()).toEqual(Object.keys(MFN_2026).sort());
    for (const l of tariff.lines) {
      const now = on(l.hsCode, '2026-06-01');
      expect(now?.dutyRate, l.hsCode).toBe(MFN_2026[l.hsCode]);
      expect(now?.validFrom, l.hsCode).toBe('2026-01-01');
      for (const p of l.periods) expect(p.source.length, `${l.hsCode} ${p.validFrom}`).toBeGreaterThan(10);
      expect(typeof l.verified, l.hsCode).toBe('boolean');
      for (const note of Object.values(l.verification)) expect(note.length, l.hsCode).toBeGreaterThan(10);
    }
  });

  it('records no MFN duty rate before 2026: only the 2026 tariff was checked', () => {
    for (const l of tariff.lines) expect(on(l.hsCode, '2025-12-31')?.dutyRate ?? null, l.hsCode).toBeNull();
  });

  it('taxes 0402 milk powder at the standard VAT rate, verified: 17% → 16% (财税〔2018〕32号) → 13% (公告2019年第39号)', () => {
    // A dairy product is not 鲜奶 of 《农业产品征税范围注释》 (财税字〔1995〕52号): never the 13/11/10/9% low rate.
    expect(
      ['2017-01-01', '2017-08-01', '2018-06-01', '2019-06-01', '2026-06-01'].map(
        (d) => on('0402210000', d)?.vatRate,
      ),
    ).toEqual(['0.17', '0.17', '0.16', '0.13', '0.13']);
    expect(line('0402210000').verified).toBe(true);
    expect(line('0402210000').verification.vatRate).toContain('财税字〔1995〕52号');
  });

  it('keeps books on the low VAT rate: 13% → 11% (财税〔2017〕37号) → 10% (财税〔2018〕32号) → 9% (公告2019年第39号)', () => {
    expect(
      ['2017-01-01', '2017-08-01', '2018-06-01', '2019-06-01', '2026-06-01'].map(
        (d) => on('4901990000', d)?.vatRate,
      ),
    ).toEqual(['0.13', '0.11', '0.10', '0.09', '0.09']);
  });

  it('marks a line whose duty rate could not be confirmed as unverified (infant formula 1901101000)', () => {
    expect(line('1901101000').verified).toBe(false);
    expect(line('1901101000').verification.dutyRate).toContain('UNVERIFIED');
    expect(tariff.lines.filter((l) => !l.verified).map((l) => l.hsCode)).toEqual(['1901101000']);
  });

  it('data/SOURCES.md cites every shipped line', () => {
    for (const l of tariff.lines) expect(SOURCES, l.hsCode).toContain(l.hsCode);
  });
});

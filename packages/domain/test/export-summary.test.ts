import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkSummaryInput,
  mergeSummary,
  toDecimal,
  type Dec,
  type SummaryDeclaration,
  type SummaryDeclarationLine,
  type SummaryInventory,
  type SummaryInventoryLine,
  type SummaryOptions,
  type SummaryResult,
} from '../src/index.ts';

// ------------------------------------------------------------------------------------------------------------
// Generators: head and line keys come from small alphabets so that groups collide; decimals carry 0–5
// fraction digits, as CEB amounts do (N19,5).
// ------------------------------------------------------------------------------------------------------------

const decimal = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 0, max: 5 }))
  .map(([units, scale]) => {
    if (scale === 0) return units.toString();
    const digits = units.toString().padStart(scale + 1, '0');
    return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  });

const line = fc.record({
  gcode: fc.constantFrom('6109100021', '9503008900', '8517130000'),
  itemName: fc.constantFrom('棉制T恤', '塑料玩具', '手机'),
  country: fc.constantFrom('502', '303', '116'),
  currency: fc.constantFrom('142', '502'),
  qty: decimal,
  unit: fc.constantFrom('011', '007'),
  qty1: decimal,
  unit1: fc.constantFrom('011', '035'),
  second: fc.option(fc.tuple(decimal, fc.constantFrom('035', '036')), { nil: undefined }),
  totalPrice: decimal,
});

const inventoryArb = fc.record({
  ebcCode: fc.constantFrom('4614960002', '4614960003'),
  ebcName: fc.constant('焦作演示电商企业'),
  agentCode: fc.constant('4614960006'),
  trafMode: fc.constantFrom('5', '2'),
  ownerCode: fc.constantFrom('461496000A', '461496000B'),
  country: fc.constantFrom('502', '303'),
  portCode: fc.constantFrom('4614', '4619'),
  customsCode: fc.constantFrom('4614'),
  grossWeight: decimal,
  netWeight: decimal,
  lines: fc.array(line, { minLength: 1, maxLength: 6 }),
});

const inventoriesArb = fc.array(inventoryArb, { minLength: 1, maxLength: 12 }).map((list) =>
  list.map((inv, i): SummaryInventory => ({
    invtNo: `46142025E${String(i + 1).padStart(9, '0')}`,
    logisticsNo: `YT${String(i + 1).padStart(10, '0')}`,
    customsCode: inv.customsCode,
    ebcCode: inv.ebcCode,
    ebcName: inv.ebcName,
    agentCode: inv.agentCode,
    trafMode: inv.trafMode,
    ownerCode: inv.ownerCode,
    ownerName: `生产销售单位${inv.ownerCode}`,
    country: inv.country,
    portCode: inv.portCode,
    grossWeight: inv.grossWeight,
    netWeight: inv.netWeight,
    lines: inv.lines.map((l, g): SummaryInventoryLine => ({
      gnum: g + 1,
      gcode: l.gcode,
      itemName: l.itemName,
      country: l.country,
      currency: l.currency,
      qty: l.qty,
      unit: l.unit,
      qty1: l.qty1,
      unit1: l.unit1,
      ...(l.second ? { qty2: l.second[0], unit2: l.second[1] } : {}),
      totalPrice: l.totalPrice,
    })),
  })),
);

const optionsArb: fc.Arbitrary<SummaryOptions> = fc.record({
  summaryFlag: fc.constantFrom('1' as const, '2' as const),
  itemNameFlag: fc.constantFrom('1' as const, '' as const, undefined),
  maxItemsPerDeclaration: fc.constantFrom(1, 2, 3, 5, undefined),
});

// ------------------------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------------------------

const sum = (values: string[]): Dec => values.reduce((acc: Dec, v) => acc.plus(toDecimal(v)), toDecimal(0));

/** Per-unit sums of the given (unit, qty) pairs, as the summary reports them. */
function unitSums(pairs: [string | undefined, string | undefined][]): Map<string, Dec> {
  const sums = new Map<string, Dec>();
  for (const [unit, qty] of pairs) {
    if (unit === undefined || qty === undefined) continue;
    sums.set(unit, (sums.get(unit) ?? toDecimal(0)).plus(toDecimal(qty)));
  }
  return sums;
}

function expectSameSums(reported: { unit: string; qty: string }[], expected: Map<string, Dec>): void {
  expect(reported.map((q) => q.unit)).toEqual([...expected.keys()].sort());
  for (const q of reported) expect(toDecimal(q.qty).eq(expected.get(q.unit) as Dec), q.unit).toBe(true);
}

interface Mapped {
  inventory: SummaryInventory;
  line: SummaryInventoryLine;
}

/** The inventory lines mapped to each (seq, gseqno), through the result's items. */
function mappedLines(inventories: SummaryInventory[], result: SummaryResult): Map<string, Mapped[]> {
  const byId = new Map<string, Mapped>();
  for (const inventory of inventories)
    for (const l of inventory.lines) byId.set(`${inventory.invtNo}#${l.gnum}`, { inventory, line: l });
  const mapped = new Map<string, Mapped[]>();
  for (const item of result.items) {
    const key = `${item.seq}#${item.gseqno}`;
    mapped.set(key, [...(mapped.get(key) ?? []), byId.get(`${item.invtNo}#${item.gnum}`) as Mapped]);
  }
  return mapped;
}

const PLAIN = /^\d+(\.\d*[1-9])?$/;

// ------------------------------------------------------------------------------------------------------------
// Properties
// ------------------------------------------------------------------------------------------------------------

describe('summary declaration merge (汇总申报归并, 海关总署公告2018年第194号): properties', () => {
  it('maps every inventory line (invtNo, gnum) to exactly one existing declaration line', () => {
    fc.assert(
      fc.property(inventoriesArb, optionsArb, (inventories, options) => {
        const result = mergeSummary(inventories, options);
        const ids = result.items.map((i) => `${i.invtNo}#${i.gnum}`);
        const expected = inventories.flatMap((inv) => inv.lines.map((l) => `${inv.invtNo}#${l.gnum}`));
        expect([...ids].sort()).toEqual([...expected].sort());
        expect(new Set(ids).size).toBe(ids.length);
        const lines = new Set(result.declarations.flatMap((d) => d.lines.map((l) => `${d.seq}#${l.gseqno}`)));
        for (const item of result.items) expect(lines.has(`${item.seq}#${item.gseqno}`)).toBe(true);
        // and no declaration line is empty
        expect(new Set(result.items.map((i) => `${i.seq}#${i.gseqno}`)).size).toBe(lines.size);
      }),
    );
  });

  it('puts each inventory line under the head keys of its inventory and the line keys of its line', () => {
    fc.assert(
      fc.property(inventoriesArb, optionsArb, (inventories, options) => {
        const result = mergeSummary(inventories, options);
        const declarations = new Map(result.declarations.map((d) => [d.seq, d]));
        for (const [key, members] of mappedLines(inventories, result)) {
          const [seq, gseqno] = key.split('#').map(Number) as [number, number];
          const declaration = declarations.get(seq) as SummaryDeclaration;
          const declared = declaration.lines.find((l) => l.gseqno === gseqno) as SummaryDeclarationLine;
          for (const { inventory, line: l } of members) {
            expect(declaration).toMatchObject({
              ebcCode: inventory.ebcCode,
              trafMode: inventory.trafMode,
              ownerCode: options.summaryFlag === '2' ? inventory.ownerCode : null,
              country: inventory.country,
              portCode: inventory.portCode,
              customsCode: inventory.customsCode,
            });
            expect(declaration.invtNos).toContain(inventory.invtNo);
            expect(declared).toMatchObject({ country: l.country, gcode: l.gcode, currency: l.currency });
            if (options.itemNameFlag === '1') expect(declared.gname).toBe(l.itemName);
          }
        }
      }),
    );
  });

  it('sums every line and every declaration exactly: values, and quantities per unit', () => {
    fc.assert(
      fc.property(inventoriesArb, optionsArb, (inventories, options) => {
        const result = mergeSummary(inventories, options);
        const mapped = mappedLines(inventories, result);
        for (const declaration of result.declarations) {
          const all: SummaryInventoryLine[] = [];
          for (const declared of declaration.lines) {
            const members = (mapped.get(`${declaration.seq}#${declared.gseqno}`) ?? []).map((m) => m.line);
            all.push(...members);
            expect(toDecimal(declared.totalPrice).eq(sum(members.map((m) => m.totalPrice)))).toBe(true);
            expectSameSums(declared.declared, unitSums(members.map((m) => [m.unit, m.qty])));
            expectSameSums(declared.legal1, unitSums(members.map((m) => [m.unit1, m.qty1])));
            expectSameSums(declared.legal2, unitSums(members.map((m) => [m.unit2, m.qty2])));
          }
          expect(toDecimal(declaration.totalPrice).eq(sum(all.map((m) => m.totalPrice)))).toBe(true);
          const byCurrency = new Map<string, string[]>();
          for (const m of all)
            byCurrency.set(m.currency, [...(byCurrency.get(m.currency) ?? []), m.totalPrice]);
          expect(declaration.totalPriceByCurrency.map((t) => t.currency)).toEqual(
            [...byCurrency.keys()].sort(),
          );
          for (const t of declaration.totalPriceByCurrency) {
            expect(toDecimal(t.totalPrice).eq(sum(byCurrency.get(t.currency) ?? []))).toBe(true);
          }
        }
      }),
    );
  });

  it('keeps the total value and the total weights of all inventories, with nothing counted twice', () => {
    fc.assert(
      fc.property(inventoriesArb, optionsArb, (inventories, options) => {
        const result = mergeSummary(inventories, options);
        const total = (pick: (d: SummaryDeclaration) => string) => sum(result.declarations.map(pick));
        const lines = inventories.flatMap((inv) => inv.lines);
        expect(total((d) => d.totalPrice).eq(sum(lines.map((l) => l.totalPrice)))).toBe(true);
        expect(total((d) => d.grossWeight).eq(sum(inventories.map((i) => i.grossWeight)))).toBe(true);
        expect(total((d) => d.netWeight).eq(sum(inventories.map((i) => i.netWeight)))).toBe(true);
      }),
    );
  });

  it('never puts more lines in a declaration than allowed, and splits a head group only as often as needed', () => {
    fc.assert(
      fc.property(inventoriesArb, optionsArb, (inventories, options) => {
        const max = options.maxItemsPerDeclaration ?? 50;
        const result = mergeSummary(inventories, options);
        const groups = new Map<string, SummaryDeclaration[]>();
        for (const d of result.declarations) {
          expect(d.lines.length).toBeGreaterThan(0);
          expect(d.lines.length).toBeLessThanOrEqual(max);
          expect(d.lines.map((l) => l.gseqno)).toEqual(d.lines.map((_, i) => i + 1));
          const head = JSON.stringify([
            d.ebcCode,
            d.trafMode,
            d.ownerCode,
            d.country,
            d.portCode,
            d.customsCode,
          ]);
          groups.set(head, [...(groups.get(head) ?? []), d]);
        }
        for (const declarations of groups.values()) {
          // all but the last declaration of a head group are full
          for (const d of declarations.slice(0, -1)) expect(d.lines.length).toBe(max);
          // and no line key appears twice within a head group
          const keys = declarations.flatMap((d) =>
            d.lines.map((l) =>
              JSON.stringify([l.country, l.gcode, l.currency, options.itemNameFlag === '1' ? l.gname : '']),
            ),
          );
          expect(new Set(keys).size).toBe(keys.length);
        }
        expect(result.declarations.map((d) => d.seq)).toEqual(result.declarations.map((_, i) => i + 1));
      }),
    );
  });

  it('merges by consignor only under summaryFlag 1, and by consignor and production-sales unit under 2', () => {
    fc.assert(
      fc.property(inventoriesArb, optionsArb, (inventories, options) => {
        const byConsignor = mergeSummary(inventories, { ...options, summaryFlag: '1' });
        const byOwner = mergeSummary(inventories, { ...options, summaryFlag: '2' });
        expect(byConsignor.declarations.every((d) => d.ownerCode === null && d.ownerName === null)).toBe(
          true,
        );
        expect(byOwner.declarations.every((d) => d.ownerCode !== null)).toBe(true);
        const heads = (r: SummaryResult) =>
          new Set(r.declarations.map((d) => JSON.stringify([d.ebcCode, d.trafMode, d.country, d.portCode])));
        expect(heads(byOwner)).toEqual(heads(byConsignor));
        // flag 2 only refines flag 1: it never needs fewer declarations
        expect(byOwner.declarations.length).toBeGreaterThanOrEqual(byConsignor.declarations.length);
        for (const d of byOwner.declarations) {
          for (const invtNo of d.invtNos) {
            const inventory = inventories.find((i) => i.invtNo === invtNo) as SummaryInventory;
            expect(inventory.ownerCode).toBe(d.ownerCode);
          }
        }
      }),
    );
  });

  it('gives the same result whatever the order of the inventories, in plain decimals', () => {
    fc.assert(
      fc.property(inventoriesArb, optionsArb, (inventories, options) => {
        const result = mergeSummary(inventories, options);
        expect(mergeSummary([...inventories].reverse(), options)).toEqual(result);
        for (const d of result.declarations) {
          for (const value of [d.grossWeight, d.netWeight, d.totalPrice]) expect(value).toMatch(PLAIN);
          for (const l of d.lines) {
            expect(l.totalPrice).toMatch(PLAIN);
            for (const q of [...l.declared, ...l.legal1, ...l.legal2]) expect(q.qty).toMatch(PLAIN);
          }
        }
      }),
    );
  });

  it('accepts every generated input in checkSummaryInput', () => {
    fc.assert(
      fc.property(inventoriesArb, (inventories) => {
        expect(checkSummaryInput(inventories)).toEqual([]);
      }),
    );
  });
});

// ------------------------------------------------------------------------------------------------------------
// Examples
// ------------------------------------------------------------------------------------------------------------

const inventory = (invtNo: string, over: Partial<SummaryInventory> = {}): SummaryInventory => ({
  invtNo,
  logisticsNo: `LN${invtNo.slice(-4)}`,
  customsCode: '4614',
  ebcCode: '4614960002',
  ebcName: '焦作演示电商企业',
  agentCode: '4614960006',
  trafMode: '5',
  ownerCode: '461496000A',
  ownerName: '焦作演示生产企业甲',
  country: '502',
  portCode: '4614',
  grossWeight: '1.2',
  netWeight: '1.0',
  lines: [tee()],
  ...over,
});

function tee(over: Partial<SummaryInventoryLine> = {}): SummaryInventoryLine {
  return {
    gnum: 1,
    gcode: '6109100021',
    itemName: '棉制针织T恤',
    country: '502',
    currency: '502',
    qty: '2',
    unit: '011',
    qty1: '0.4',
    unit1: '035',
    totalPrice: '19.90',
    ...over,
  };
}

describe('summary declaration merge: examples', () => {
  it('merges inventories of the same consignor, transport mode, destination and exit port into one declaration', () => {
    const result = mergeSummary(
      [
        inventory('46142025E000000002', { grossWeight: '0.8', netWeight: '0.5' }),
        inventory('46142025E000000001'),
      ],
      { summaryFlag: '1' },
    );
    expect(result.declarations).toHaveLength(1);
    expect(result.declarations[0]).toMatchObject({
      seq: 1,
      ownerCode: null,
      invtNos: ['46142025E000000001', '46142025E000000002'],
      grossWeight: '2',
      netWeight: '1.5',
      totalPrice: '39.8',
      totalPriceByCurrency: [{ currency: '502', totalPrice: '39.8' }],
      lines: [
        {
          gseqno: 1,
          gcode: '6109100021',
          declared: [{ unit: '011', qty: '4' }],
          legal1: [{ unit: '035', qty: '0.8' }],
          legal2: [],
          totalPrice: '39.8',
        },
      ],
    });
    expect(result.items).toEqual([
      {
        invtNo: '46142025E000000001',
        logisticsNo: 'LN0001',
        gnum: 1,
        gcode: '6109100021',
        seq: 1,
        gseqno: 1,
      },
      {
        invtNo: '46142025E000000002',
        logisticsNo: 'LN0002',
        gnum: 1,
        gcode: '6109100021',
        seq: 1,
        gseqno: 1,
      },
    ]);
  });

  it('keeps heads apart when transport mode, destination country or exit customs differ', () => {
    const result = mergeSummary(
      [
        inventory('46142025E000000001'),
        inventory('46142025E000000002', { trafMode: '2' }),
        inventory('46142025E000000003', { country: '303' }),
        inventory('46142025E000000004', { portCode: '4619' }),
      ],
      { summaryFlag: '1' },
    );
    expect(result.declarations).toHaveLength(4);
  });

  it('keeps lines apart when the final destination country, the 10-digit code or the currency differ', () => {
    const result = mergeSummary(
      [
        inventory('46142025E000000001', {
          lines: [
            tee({ gnum: 1 }),
            tee({ gnum: 2, country: '303' }),
            tee({ gnum: 3, gcode: '6109100022' }),
            tee({ gnum: 4, currency: '142', totalPrice: '138' }),
            tee({ gnum: 5, itemName: '另一款T恤' }),
          ],
        }),
      ],
      { summaryFlag: '1' },
    );
    const [declaration] = result.declarations;
    expect(declaration?.lines.map((l) => [l.country, l.gcode, l.currency, l.gname])).toEqual([
      ['502', '6109100021', '502', '棉制针织T恤'],
      ['303', '6109100021', '502', '棉制针织T恤'],
      ['502', '6109100022', '502', '棉制针织T恤'],
      ['502', '6109100021', '142', '棉制针织T恤'],
    ]);
    // gnum 5 differs only by its item name: merged into line 1 under customs' consolidated name
    expect(result.items.find((i) => i.gnum === 5)).toMatchObject({ gseqno: 1 });
    expect(declaration?.totalPriceByCurrency).toEqual([
      { currency: '142', totalPrice: '138' },
      { currency: '502', totalPrice: '79.6' },
    ]);
  });

  it('groups by the original item name and uses it as gname when itemNameFlag is 1', () => {
    const lines = [tee({ gnum: 1 }), tee({ gnum: 2, itemName: '另一款T恤' })];
    const result = mergeSummary([inventory('46142025E000000001', { lines })], {
      summaryFlag: '1',
      itemNameFlag: '1',
    });
    expect(result.declarations[0]?.lines.map((l) => l.gname)).toEqual(['棉制针织T恤', '另一款T恤']);
  });

  it('separates production-sales units under summaryFlag 2 and not under summaryFlag 1', () => {
    const inventories = [
      inventory('46142025E000000001'),
      inventory('46142025E000000002', { ownerCode: '461496000B', ownerName: '焦作演示生产企业乙' }),
    ];
    expect(mergeSummary(inventories, { summaryFlag: '1' }).declarations).toHaveLength(1);
    const byOwner = mergeSummary(inventories, { summaryFlag: '2' }).declarations;
    expect(byOwner.map((d) => [d.ownerCode, d.ownerName])).toEqual([
      ['461496000A', '焦作演示生产企业甲'],
      ['461496000B', '焦作演示生产企业乙'],
    ]);
  });

  it('never merges inventories of different trade modes when the trade mode is given', () => {
    const result = mergeSummary(
      [
        inventory('46142025E000000001', { tradeMode: '9610' }),
        inventory('46142025E000000002', { tradeMode: '1210' }),
      ],
      { summaryFlag: '1' },
    );
    expect(result.declarations.map((d) => d.tradeMode)).toEqual(['1210', '9610']);
  });

  it('sums the second legal quantity only from lines that carry it, per unit', () => {
    const lines = [
      tee({ gnum: 1, qty2: '1.5', unit2: '036' }),
      tee({ gnum: 2, qty2: '2.25', unit2: '036' }),
      tee({ gnum: 3 }),
      tee({ gnum: 4, unit: '007', qty: '1' }),
    ];
    const [line1] = mergeSummary([inventory('46142025E000000001', { lines })], { summaryFlag: '1' })
      .declarations[0]!.lines;
    expect(line1).toMatchObject({
      declared: [
        { unit: '007', qty: '1' },
        { unit: '011', qty: '6' },
      ],
      legal2: [{ unit: '036', qty: '3.75' }],
      totalPrice: '79.6',
    });
  });

  it('splits a head group with more than 50 commodity lines into declarations of at most 50', () => {
    const inventories = Array.from({ length: 51 }, (_, i) =>
      inventory(`46142025E${String(i + 1).padStart(9, '0')}`, {
        lines: [tee({ gcode: String(6109100000 + i) })],
      }),
    );
    const result = mergeSummary(inventories, { summaryFlag: '1' });
    expect(result.declarations.map((d) => d.lines.length)).toEqual([50, 1]);
    expect(result.items.at(-1)).toMatchObject({ invtNo: '46142025E000000051', seq: 2, gseqno: 1 });
  });

  it('lets an inventory span two declarations when a split cuts through it, weighing it in the first', () => {
    const lines = [
      tee({ gnum: 1 }),
      tee({ gnum: 2, gcode: '6109100022' }),
      tee({ gnum: 3, gcode: '6109100023' }),
    ];
    const result = mergeSummary([inventory('46142025E000000001', { lines })], {
      summaryFlag: '1',
      maxItemsPerDeclaration: 2,
    });
    expect(result.declarations.map((d) => [d.invtNos, d.lines.length, d.grossWeight])).toEqual([
      [['46142025E000000001'], 2, '1.2'],
      [['46142025E000000001'], 1, '0'],
    ]);
  });

  it('refuses a maximum of lines that is not a positive integer', () => {
    expect(() =>
      mergeSummary([inventory('46142025E000000001')], { summaryFlag: '1', maxItemsPerDeclaration: 0 }),
    ).toThrow(RangeError);
  });
});

describe('summary input check', () => {
  it('names a gcode that is not 10 digits by inventory and line, Chinese first', () => {
    const errors = checkSummaryInput([
      inventory('46142025E000000001', { lines: [tee(), tee({ gnum: 2, gcode: '6109' })] }),
    ]);
    expect(errors).toEqual([
      {
        code: 'SUMMARY_GCODE',
        field: 'InventoryList[invtNo=46142025E000000001,gnum=2].gcode',
        rule: expect.stringMatching(/^汇总申报按10位海关商品编码归并.*\(.*海关总署公告2018年第194号\)$/),
        expected: '10 digits',
        actual: '6109',
      },
    ]);
  });

  it('names an empty currency, an empty final destination country and an empty exit customs', () => {
    const errors = checkSummaryInput([
      inventory('46142025E000000001', { portCode: '', lines: [tee({ currency: '', country: '' })] }),
    ]);
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['SUMMARY_REQUIRED', 'InventoryHead[invtNo=46142025E000000001].portCode'],
      ['SUMMARY_REQUIRED', 'InventoryList[invtNo=46142025E000000001,gnum=1].country'],
      ['SUMMARY_REQUIRED', 'InventoryList[invtNo=46142025E000000001,gnum=1].currency'],
    ]);
    expect(errors[0]?.rule).toMatch(/^出境关别不能为空 \(/);
  });

  it('names an inventory given twice, a repeated gnum, a non-decimal amount and a lone qty2', () => {
    const errors = checkSummaryInput([
      inventory('46142025E000000001', {
        lines: [tee(), tee({ totalPrice: '1e3', qty2: '1' })],
      }),
      inventory('46142025E000000001', { grossWeight: '-1' }),
    ]);
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['SUMMARY_INVT_NO', 'InventoryHead[invtNo=46142025E000000001].invtNo'],
      ['SUMMARY_GNUM', 'InventoryList[invtNo=46142025E000000001,gnum=1].gnum'],
      ['SUMMARY_GNUM', 'InventoryList[invtNo=46142025E000000001,gnum=1].gnum'],
      ['SUMMARY_AMOUNT', 'InventoryList[invtNo=46142025E000000001,gnum=1].totalPrice'],
      ['SUMMARY_QTY2', 'InventoryList[invtNo=46142025E000000001,gnum=1].unit2'],
      ['SUMMARY_INVT_NO', 'InventoryHead[invtNo=46142025E000000001].invtNo'],
      ['SUMMARY_AMOUNT', 'InventoryHead[invtNo=46142025E000000001].grossWeight'],
    ]);
  });

  it('names an inventory without lines', () => {
    expect(checkSummaryInput([inventory('46142025E000000001', { lines: [] })])).toMatchObject([
      { code: 'SUMMARY_NO_LINES', field: 'InventoryHead[invtNo=46142025E000000001].lines' },
    ]);
  });
});

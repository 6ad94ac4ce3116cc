import { countOccurrences, present, repeatedValueError } from '../checks.ts';
import { DECIMAL_PATTERN, toDecimal, type Dec } from '../money.ts';
import type { RuleError } from '../result.ts';

/**
 * Monthly summary declaration (汇总申报归并) of CBEC retail exports, 海关总署公告2018年第194号 (ceb-reference §9):
 * by the 15th of each month the e-commerce enterprise or its agent merges the previous month's closed (结关)
 * B-type inventories (CEB603 `statisticsFlag=B`) into export customs declarations, grouping the inventory heads
 * by the same consignor (收发货人), transport mode, production-sales unit (生产销售单位), destination country
 * (运抵国) and exit customs (出境关别), and the inventory lines by the same final destination country
 * (最终目的国), 10-digit customs commodity code and currency. CEB701 asks for it, CEB792 answers with one
 * `SummaryResultHead` per declaration and maps every (invtNo, gnum) to a declaration line `gseqno`.
 */

/** One CEB603 `InventoryList` line as the summary reads it. Quantities and amounts are decimal strings as sent. */
export interface SummaryInventoryLine {
  gnum: number;
  /** 10-digit customs commodity code (B-type inventories carry all 10 digits; A-type ones are never summarised). */
  gcode: string;
  /**
   * The enterprise's item name (CEB603 `itemName`, "汇总后用于退税品名"). The XSD leaves it optional: when an
   * inventory left it empty, pass its `gname`.
   */
  itemName: string;
  /** 最终目的国 (CEB603 `InventoryList.country`). */
  country: string;
  currency: string;
  qty: string;
  unit: string;
  qty1: string;
  unit1: string;
  qty2?: string | undefined;
  unit2?: string | undefined;
  totalPrice: string;
}

/** One closed CEB603 inventory (`InventoryHead` + lines) as the summary reads it. */
export interface SummaryInventory {
  invtNo: string;
  logisticsNo: string;
  /** 申报地海关: a summary application (CEB701) goes to one customs office, so offices are never merged. */
  customsCode: string;
  ebcCode: string;
  ebcName: string;
  agentCode: string;
  trafMode: string;
  ownerCode: string;
  ownerName: string;
  /** 运抵国 (CEB603 `InventoryHead.country`). */
  country: string;
  /** 出境关别 (CEB603 `portCode`). */
  portCode: string;
  /**
   * CEB603 `tradeMode` (9610, 1210, …). Optional: when given, inventories of different trade modes are never
   * merged, because a declaration form carries a single 监管方式. 公告194 does not list it, as it speaks of 9610
   * retail exports only.
   */
  tradeMode?: string | undefined;
  grossWeight: string;
  netWeight: string;
  lines: SummaryInventoryLine[];
}

export interface SummaryOptions {
  /** CEB701 `summaryFlag`: 1 按收发货人汇总 (by consignor only), 2 按收发货人和生产销售单位汇总. */
  summaryFlag: '1' | '2';
  /** CEB701 `itemNameFlag`: 1 groups by the original `itemName` as well; empty uses customs' consolidated name. */
  itemNameFlag?: '1' | '' | undefined;
  /** At most this many commodity lines in one declaration; default {@link DEFAULT_MAX_ITEMS_PER_DECLARATION}. */
  maxItemsPerDeclaration?: number | undefined;
}

/** A quantity summed over one unit of measure (JGS-20 unit code). */
export interface SummaryQuantity {
  unit: string;
  qty: string;
}

/** A value summed over one currency (JGS-20 currency code). */
export interface SummaryAmount {
  currency: string;
  totalPrice: string;
}

/** One commodity line (商品项) of a resulting declaration. */
export interface SummaryDeclarationLine {
  /** Line number in the declaration, 1…n (CEB792 `SummaryResultList.gseqno`). */
  gseqno: number;
  /** 最终目的国. */
  country: string;
  gcode: string;
  currency: string;
  gname: string;
  /** Declared quantities (qty / unit), one sum per unit, sorted by unit. */
  declared: SummaryQuantity[];
  /** First legal quantities (qty1 / unit1), one sum per unit, sorted by unit. */
  legal1: SummaryQuantity[];
  /** Second legal quantities (qty2 / unit2), only from lines that carry both; sorted by unit. */
  legal2: SummaryQuantity[];
  totalPrice: string;
}

/** Where one inventory line went: declaration `seq`, line `gseqno` (CEB792 `SummaryResultList`). */
export interface SummaryItem {
  invtNo: string;
  logisticsNo: string;
  gnum: number;
  gcode: string;
  seq: number;
  gseqno: number;
}

/** One resulting export declaration (one CEB792 `SummaryResultHead`, `declSeqNo` assigned by the caller). */
export interface SummaryDeclaration {
  /** 1…n over the whole result, in the order of the declarations. */
  seq: number;
  ebcCode: string;
  ebcName: string;
  trafMode: string;
  /** The production-sales unit when `summaryFlag` = 2; null when merging by consignor only. */
  ownerCode: string | null;
  ownerName: string | null;
  /** 运抵国. */
  country: string;
  /** 出境关别. */
  portCode: string;
  customsCode: string;
  /** The inventories' trade mode when they gave one, else null. */
  tradeMode: string | null;
  /** The inventories with at least one line in this declaration, sorted. */
  invtNos: string[];
  /**
   * Gross and net weight (kg) of the declaration's inventories. An inventory whose lines were split over
   * several declarations is weighed in the first of them only, so no kilogram is counted twice and the
   * weights of all declarations add up to the weights of all inventories.
   */
  grossWeight: string;
  netWeight: string;
  /**
   * Sum of the lines' totalPrice. When the lines are in several currencies this adds unlike amounts: use
   * {@link SummaryDeclaration.totalPriceByCurrency} for anything shown or declared.
   */
  totalPrice: string;
  /** Sum of the lines' totalPrice per currency, sorted by currency. */
  totalPriceByCurrency: SummaryAmount[];
  lines: SummaryDeclarationLine[];
}

export interface SummaryResult {
  declarations: SummaryDeclaration[];
  /** Every inventory line exactly once, sorted by invtNo then gnum. */
  items: SummaryItem[];
}

/** A customs declaration form carries at most 50 commodity items (报关单 商品项). */
export const DEFAULT_MAX_ITEMS_PER_DECLARATION = 50;

const SOURCE = '海关总署公告2018年第194号';

/**
 * Decimals leave the summary in plain notation without exponent and without trailing zeros (`12.5`, `0`):
 * sums are exact, so any fixed scale would either pad or cut. CEB carries up to 5 fraction digits, and sums
 * of N19,5 values never carry more.
 */
const plain = (value: Dec): string => value.toFixed();

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareTuple(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return compareText(x, y);
  }
  return 0;
}

/** The fields one declaration head shares, in the order declarations are sorted by. */
interface HeadKey {
  ebcCode: string;
  trafMode: string;
  ownerCode: string | null;
  country: string;
  portCode: string;
  customsCode: string;
  tradeMode: string | null;
}

interface HeadGroup {
  key: HeadKey;
  inventories: SummaryInventory[];
}

interface LineGroup {
  country: string;
  gcode: string;
  currency: string;
  gname: string;
  members: { inventory: SummaryInventory; line: SummaryInventoryLine }[];
}

/** Sums decimal strings per key and returns them sorted by key. */
class Sums {
  private readonly sums = new Map<string, Dec>();

  add(key: string, value: string): void {
    this.sums.set(key, (this.sums.get(key) ?? toDecimal(0)).plus(toDecimal(value)));
  }

  sorted(): [string, string][] {
    return [...this.sums]
      .sort(([a], [b]) => compareText(a, b))
      .map(([key, sum]): [string, string] => [key, plain(sum)]);
  }
}

const quantities = (sums: Sums): SummaryQuantity[] => sums.sorted().map(([unit, qty]) => ({ unit, qty }));

function headKey(inventory: SummaryInventory, options: SummaryOptions): HeadKey {
  return {
    ebcCode: inventory.ebcCode,
    trafMode: inventory.trafMode,
    ownerCode: options.summaryFlag === '2' ? inventory.ownerCode : null,
    country: inventory.country,
    portCode: inventory.portCode,
    customsCode: inventory.customsCode,
    tradeMode: inventory.tradeMode ?? null,
  };
}

const headTuple = (key: HeadKey): (string | null)[] => [
  key.ebcCode,
  key.trafMode,
  key.ownerCode,
  key.country,
  key.portCode,
  key.customsCode,
  key.tradeMode,
];

/**
 * Merges closed export inventories into summary declarations (汇总申报归并, 海关总署公告2018年第194号).
 *
 * - Head key: ebcCode, trafMode, ownerCode (only when `summaryFlag` = 2), 运抵国 `country`, 出境关别 `portCode`;
 *   also `customsCode` (one application per customs office) and `tradeMode` when given (one 监管方式 per form).
 * - Line key within a head group: 最终目的国 `country`, 10-digit `gcode`, `currency`; with `itemNameFlag` = 1 also
 *   the original `itemName`, which then is the line's `gname`. Without it customs names the line by its
 *   consolidated commodity name (商品综合分类名), which the platform does not hold, so `gname` is the first
 *   `itemName` met for the key, to be replaced by customs' name when CEB792 / the declaration comes back.
 * - Quantities are summed per unit (declared, first and second legal quantity), values summed, weights summed;
 *   all with exact decimals, rendered in plain notation without trailing zeros.
 * - A head group with more line keys than `maxItemsPerDeclaration` (default 50, the commodity items a
 *   declaration form holds) becomes several declarations of consecutive line keys. Every inventory line still
 *   maps to exactly one declaration line, but an inventory may then span declarations: it is listed in each,
 *   and weighed in the first.
 *
 * Order (independent of the input order): inventories by invtNo, their lines by gnum; declarations by head key
 * (compared field by field in the order above, by code unit); lines of a head group in order of first
 * appearance along that walk, so the lines of one inventory tend to stay in one declaration; items by invtNo,
 * gnum.
 *
 * Assumes input that passed {@link checkSummaryInput}; throws on a bug the check would have named (an inventory
 * without lines, a repeated (invtNo, gnum), a non-decimal amount).
 */
export function mergeSummary(inventories: SummaryInventory[], options: SummaryOptions): SummaryResult {
  const max = options.maxItemsPerDeclaration ?? DEFAULT_MAX_ITEMS_PER_DECLARATION;
  if (!Number.isInteger(max) || max < 1) {
    throw new RangeError(`maxItemsPerDeclaration must be a positive integer, got ${max}`);
  }
  const byItemName = options.itemNameFlag === '1';

  const sorted = [...inventories].sort((a, b) => compareText(a.invtNo, b.invtNo));
  const seen = new Set<string>();
  const groups = new Map<string, HeadGroup>();
  for (const inventory of sorted) {
    if (inventory.lines.length === 0) throw new RangeError(`inventory ${inventory.invtNo} has no lines`);
    for (const line of inventory.lines) {
      const id = `${inventory.invtNo}\u0000${line.gnum}`;
      if (seen.has(id))
        throw new RangeError(`inventory line ${inventory.invtNo} gnum ${line.gnum} given twice`);
      seen.add(id);
    }
    const key = headKey(inventory, options);
    const id = JSON.stringify(headTuple(key));
    const group = groups.get(id);
    if (group) group.inventories.push(inventory);
    else groups.set(id, { key, inventories: [inventory] });
  }

  const declarations: SummaryDeclaration[] = [];
  const items: SummaryItem[] = [];
  const ordered = [...groups.entries()].sort(
    ([idA, a], [idB, b]) => compareTuple(headTuple(a.key), headTuple(b.key)) || compareText(idA, idB),
  );
  for (const [, group] of ordered) {
    const lineGroups = new Map<string, LineGroup>();
    for (const inventory of group.inventories) {
      for (const line of [...inventory.lines].sort((a, b) => a.gnum - b.gnum)) {
        const key = [line.country, line.gcode, line.currency];
        if (byItemName) key.push(line.itemName);
        const id = JSON.stringify(key);
        const lineGroup = lineGroups.get(id) ?? {
          country: line.country,
          gcode: line.gcode,
          currency: line.currency,
          gname: line.itemName,
          members: [],
        };
        lineGroup.members.push({ inventory, line });
        lineGroups.set(id, lineGroup);
      }
    }
    const keys = [...lineGroups.values()];
    const weighed = new Set<string>();
    for (let start = 0; start < keys.length; start += max) {
      const declaration = declare(group, keys.slice(start, start + max), declarations.length + 1, weighed);
      declarations.push(declaration.head);
      items.push(...declaration.items);
    }
  }

  items.sort((a, b) => compareText(a.invtNo, b.invtNo) || a.gnum - b.gnum);
  return { declarations, items };
}

function declare(
  group: HeadGroup,
  lineGroups: LineGroup[],
  seq: number,
  weighed: Set<string>,
): { head: SummaryDeclaration; items: SummaryItem[] } {
  const first = group.inventories[0];
  if (!first) throw new RangeError('a head group without inventories');
  const { key } = group;

  const items: SummaryItem[] = [];
  const invtNos = new Set<string>();
  const byCurrency = new Sums();
  let total = toDecimal(0);
  let gross = toDecimal(0);
  let net = toDecimal(0);

  const lines = lineGroups.map((lineGroup, index): SummaryDeclarationLine => {
    const gseqno = index + 1;
    const declared = new Sums();
    const legal1 = new Sums();
    const legal2 = new Sums();
    let lineTotal = toDecimal(0);
    for (const { inventory, line } of lineGroup.members) {
      declared.add(line.unit, line.qty);
      legal1.add(line.unit1, line.qty1);
      if (line.qty2 !== undefined && line.qty2 !== '' && line.unit2 !== undefined && line.unit2 !== '') {
        legal2.add(line.unit2, line.qty2);
      }
      lineTotal = lineTotal.plus(toDecimal(line.totalPrice));
      invtNos.add(inventory.invtNo);
      if (!weighed.has(inventory.invtNo)) {
        weighed.add(inventory.invtNo);
        gross = gross.plus(toDecimal(inventory.grossWeight));
        net = net.plus(toDecimal(inventory.netWeight));
      }
      items.push({
        invtNo: inventory.invtNo,
        logisticsNo: inventory.logisticsNo,
        gnum: line.gnum,
        gcode: line.gcode,
        seq,
        gseqno,
      });
    }
    total = total.plus(lineTotal);
    byCurrency.add(lineGroup.currency, plain(lineTotal));
    return {
      gseqno,
      country: lineGroup.country,
      gcode: lineGroup.gcode,
      currency: lineGroup.currency,
      gname: lineGroup.gname,
      declared: quantities(declared),
      legal1: quantities(legal1),
      legal2: quantities(legal2),
      totalPrice: plain(lineTotal),
    };
  });

  return {
    head: {
      seq,
      ebcCode: key.ebcCode,
      ebcName: first.ebcName,
      trafMode: key.trafMode,
      ownerCode: key.ownerCode,
      ownerName: key.ownerCode === null ? null : first.ownerName,
      country: key.country,
      portCode: key.portCode,
      customsCode: key.customsCode,
      tradeMode: key.tradeMode,
      invtNos: [...invtNos].sort(compareText),
      grossWeight: plain(gross),
      netWeight: plain(net),
      totalPrice: plain(total),
      totalPriceByCurrency: byCurrency.sorted().map(([currency, totalPrice]) => ({ currency, totalPrice })),
      lines,
    },
    items,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Input check
// ---------------------------------------------------------------------------------------------------------------

/**
 * Names every field of the inventories that would make the merge wrong or the resulting declaration invalid
 * (公告2018年第194号 merge keys; lengths and formats of the spec 202205 CEB603 XSD). Field paths name the
 * inventory and line: `InventoryHead[invtNo=…].portCode`, `InventoryList[invtNo=…,gnum=2].gcode`.
 */
export function checkSummaryInput(inventories: readonly SummaryInventory[]): RuleError[] {
  const errors: RuleError[] = [];
  const counts = countOccurrences(inventories.map((inventory) => inventory.invtNo));
  inventories.forEach((inventory, index) => {
    const head = `InventoryHead[${inventory.invtNo === '' ? `index=${index}` : `invtNo=${inventory.invtNo}`}]`;
    checkHead(inventory, head, counts, errors);
    const gnums = countOccurrences(inventory.lines.map((line) => line.gnum));
    for (const line of inventory.lines) {
      const field = `InventoryList[invtNo=${inventory.invtNo},gnum=${line.gnum}]`;
      const times = gnums.get(line.gnum) ?? 0;
      if (!Number.isInteger(line.gnum) || line.gnum < 1) {
        errors.push({
          code: 'SUMMARY_GNUM',
          field: `${field}.gnum`,
          rule: '商品项号为从1开始的正整数 (gnum is a positive integer; CEB603 InventoryList.gnum)',
          expected: '1, 2, 3 …',
          actual: String(line.gnum),
        });
      } else if (times > 1) {
        const rule = `同一清单的商品项号不得重复 (each inventory line maps to one declaration line, so its gnum is unique; ${SOURCE})`;
        errors.push(
          repeatedValueError(
            { code: 'SUMMARY_GNUM', field: `${field}.gnum`, rule },
            'gnum',
            line.gnum,
            times,
          ),
        );
      }
      checkLine(line, field, errors);
    }
  });
  return errors;
}

function checkHead(
  inventory: SummaryInventory,
  head: string,
  counts: Map<string, number>,
  errors: RuleError[],
): void {
  const times = counts.get(inventory.invtNo) ?? 0;
  if (inventory.invtNo === '') {
    errors.push({
      code: 'SUMMARY_INVT_NO',
      field: `${head}.invtNo`,
      rule: '汇总申报的清单须有海关清单编号 (a summarised inventory carries its customs invtNo, assigned at 120)',
      expected: 'the invtNo, e.g. 46142025E000000001',
      actual: '(empty)',
    });
  } else if (times > 1) {
    const rule = `同一清单不得重复汇总 (an inventory is summarised once; ${SOURCE})`;
    errors.push(
      repeatedValueError(
        { code: 'SUMMARY_INVT_NO', field: `${head}.invtNo`, rule },
        'invtNo',
        inventory.invtNo,
        times,
      ),
    );
  }
  if (inventory.logisticsNo === '') {
    errors.push(
      required(`${head}.logisticsNo`, '物流运单编号', 'logisticsNo', 'CEB792 SummaryResultList.logisticsNo'),
    );
  }
  const codes: [keyof SummaryInventory, string, string, number][] = [
    ['customsCode', '申报地海关代码', 'customs office of the summary application', 4],
    ['ebcCode', '收发货人代码', 'consignor, a merge key', 0],
    ['trafMode', '运输方式', 'transport mode, a merge key', 1],
    [
      'ownerCode',
      '生产销售单位代码',
      'production-sales unit, a merge key under summaryFlag 2 (NO if unregistered)',
      0,
    ],
    ['country', '运抵国', 'destination country, a merge key', 3],
    ['portCode', '出境关别', 'exit customs, a merge key', 4],
  ];
  for (const [name, zh, en, length] of codes) {
    const value = inventory[name];
    if (typeof value !== 'string') continue;
    if (value === '') {
      errors.push(required(`${head}.${name}`, zh, name, en));
    } else if (length > 0 && value.length !== length) {
      errors.push({
        code: 'SUMMARY_CODE_LENGTH',
        field: `${head}.${name}`,
        rule: `${zh}为${length}位代码 (${name} is a ${length}-character code; spec 202205 CEB603 XSD)`,
        expected: `${length} characters`,
        actual: value,
      });
    }
  }
  if (inventory.ebcName === '')
    errors.push(required(`${head}.ebcName`, '收发货人名称', 'ebcName', 'declaration head'));
  if (inventory.lines.length === 0) {
    errors.push({
      code: 'SUMMARY_NO_LINES',
      field: `${head}.lines`,
      rule: '清单至少有一项商品 (an inventory has at least one line; CEB603 InventoryList 1..100)',
      expected: '1 to 100 lines',
      actual: '0 lines',
    });
  }
  amount(inventory.grossWeight, `${head}.grossWeight`, '毛重', errors);
  amount(inventory.netWeight, `${head}.netWeight`, '净重', errors);
}

function checkLine(line: SummaryInventoryLine, field: string, errors: RuleError[]): void {
  if (!/^\d{10}$/.test(line.gcode)) {
    errors.push({
      code: 'SUMMARY_GCODE',
      field: `${field}.gcode`,
      rule: `汇总申报按10位海关商品编码归并，商品编码须为10位数字 (the summary merges by the 10-digit customs commodity code; ${SOURCE})`,
      expected: '10 digits',
      actual: line.gcode === '' ? '(empty)' : line.gcode,
    });
  }
  const codes: [keyof SummaryInventoryLine, string, string][] = [
    ['country', '最终目的国', 'final destination country, a merge key'],
    ['currency', '币制', 'currency, a merge key'],
    ['unit', '申报计量单位', 'declared unit'],
    ['unit1', '法定计量单位', 'first legal unit'],
  ];
  for (const [name, zh, en] of codes) {
    const value = line[name];
    if (typeof value !== 'string') continue;
    if (value === '') {
      errors.push(required(`${field}.${name}`, zh, name, en));
    } else if (value.length !== 3) {
      errors.push({
        code: 'SUMMARY_CODE_LENGTH',
        field: `${field}.${name}`,
        rule: `${zh}为3位JGS-20代码 (${name} is a 3-character JGS-20 code; spec 202205 CEB603 XSD)`,
        expected: '3 characters',
        actual: value,
      });
    }
  }
  if (line.itemName === '') {
    errors.push(
      required(`${field}.itemName`, '商品名称', 'itemName (or gname)', 'the declaration line name'),
    );
  }
  amount(line.qty, `${field}.qty`, '申报数量', errors);
  amount(line.qty1, `${field}.qty1`, '法定数量', errors);
  amount(line.totalPrice, `${field}.totalPrice`, '总价', errors);
  if (present(line.qty2) !== present(line.unit2)) {
    const missing = present(line.qty2) ? 'unit2' : 'qty2';
    errors.push({
      code: 'SUMMARY_QTY2',
      field: `${field}.${missing}`,
      rule: '第二数量与第二计量单位须同时填写 (qty2 and unit2 come together, or the second legal quantity cannot be summed)',
      expected: 'both or neither',
      actual: `${missing} missing`,
    });
  } else if (present(line.qty2)) {
    amount(line.qty2, `${field}.qty2`, '第二数量', errors);
  }
}

function required(field: string, zh: string, name: string, en: string): RuleError {
  return {
    code: 'SUMMARY_REQUIRED',
    field,
    rule: `${zh}不能为空 (${name} is required: ${en})`,
    expected: 'a value',
    actual: '(empty)',
  };
}

function amount(value: string, field: string, zh: string, errors: RuleError[]): void {
  if (!DECIMAL_PATTERN.test(value)) {
    errors.push({
      code: 'SUMMARY_AMOUNT',
      field,
      rule: `${zh}须为十进制数 (a CEB amount or quantity is a decimal, N19,5; spec 202205 XSD)`,
      expected: 'a decimal, e.g. 12.5',
      actual: value === '' ? '(empty)' : value,
    });
  } else if (toDecimal(value).isNegative()) {
    errors.push({
      code: 'SUMMARY_AMOUNT',
      field,
      rule: `${zh}不能为负数 (amounts, quantities and weights are not negative)`,
      expected: '≥ 0',
      actual: value,
    });
  }
}

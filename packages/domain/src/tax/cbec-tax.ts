import type { RuleError } from '../result.ts';
import { DECIMAL_PATTERN, Dec, formatDecimal, toDecimal } from '../money.ts';
import {
  consumptionTaxFor,
  type ConsumptionTaxBasis,
  type ConsumptionTaxItem,
  type DeclaredQuantity,
} from './consumption-tax.ts';

/** One CEB621 InventoryList line as the tax sees it. */
export interface TaxLineInput {
  gnum: string;
  gcode: string;
  totalPrice: string;
  /**
   * The line's declared quantities — (qty, unit), (qty1, unit1) and (qty2, unit2) — which a consumption-tax
   * threshold per 毫升(克), 片(张) or 只 needs (财税〔2016〕103号, 财税〔2006〕33号).
   */
  quantities?: readonly DeclaredQuantity[];
}

/** How the consumption tax of a line was decided when a consumption-tax item covers its code (decision 0027). */
export interface TaxLineConsumptionItem {
  item: string;
  basis: ConsumptionTaxBasis;
  /** The rate applied, decimal fraction. */
  rate: string;
  unitPrice?: string;
  source: string;
}

/** The rates in force for one 10-digit tariff line on the day of the taxable event, as decimal fractions. */
export interface LineRates {
  vatRate: string;
  consumptionTaxRate: string;
  /** MFN duty rate; only full taxation needs it (duty is 0 within the CBEC limits). */
  dutyRate: string | null;
}

/** A CEB816 TaxListRd line: dutiable value (完税价格) and the three taxes, in CNY. */
export interface TaxLine {
  gnum: string;
  gcode: string;
  taxPrice: string;
  customsTax: string;
  valueAddedTax: string;
  consumptionTax: string;
  /** Present when a consumption-tax item covers the line: the item, the threshold outcome and its source. */
  consumptionTaxItem?: TaxLineConsumptionItem;
}

/** A CEB816 TaxHeadRd's amounts with its lines; `taxTotal` is what the guarantor owes for the inventory. */
export interface InventoryTax {
  lines: TaxLine[];
  customsTax: string;
  valueAddedTax: string;
  consumptionTax: string;
  taxTotal: string;
}

/** Within the limits, VAT and consumption tax are levied at 70% of the statutory amount (财关税〔2016〕18号). */
const CBEC_SHARE = '0.7';

const cents = (value: Dec): Dec => value.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
/** Two decimals, and never "-0.00" for a sub-cent negative that rounds to zero. */
const money = (value: Dec): string => formatDecimal(value.isZero() ? new Dec(0) : value, 2);
/** A dutiable value keeps the fraction digits of its parts (CEB amounts carry up to 5), at least 2. */
const amount = (value: Dec): string => value.toFixed(Math.max(2, value.decimalPlaces()));

/**
 * Adds to each line its share of the inventory's freight and insurance, in proportion to line value, each
 * share rounded to 0.01 and the rounding remainder put on the last line so the shares add up exactly.
 * Customs' own allocation is not published (ceb-reference §8.5); proportion to value follows from the
 * dutiable value including freight and insurance (财关税〔2016〕18号). Lines all worth 0 leave everything to
 * the last line.
 */
function withTaxPrice<T extends { value: Dec }>(
  items: readonly T[],
  charges: Dec,
): (T & { taxPrice: Dec })[] {
  const total = items.reduce((acc, item) => acc.plus(item.value), new Dec(0));
  let allocated = new Dec(0);
  return items.map((item, i) => {
    const share =
      i === items.length - 1
        ? charges.minus(allocated)
        : total.isZero()
          ? new Dec(0)
          : cents(charges.times(item.value).div(total));
    allocated = allocated.plus(share);
    return { ...item, taxPrice: item.value.plus(share) };
  });
}

function parseAmount(field: string, value: string, errors: RuleError[]): Dec {
  if (DECIMAL_PATTERN.test(value) && !toDecimal(value).isNegative()) return toDecimal(value);
  errors.push({
    code: 'AMOUNT_FORMAT',
    field,
    rule: 'a CEB amount is a non-negative decimal, N19,5 (spec 202205 XSD)',
    expected: 'a decimal ≥ 0, e.g. 410.00',
    actual: value,
  });
  return new Dec(0);
}

/** Rates as applied: `duty` is already 0 within the limits, whatever the tariff's MFN rate. */
interface AppliedRates {
  vat: Dec;
  consumption: Dec;
  duty: Dec;
}

function applicableRates(
  line: TaxLineInput,
  rates: LineRates | undefined,
  mode: 'cbec' | 'full',
  errors: RuleError[],
): AppliedRates | undefined {
  const field = `InventoryList[gnum=${line.gnum}].gcode`;
  if (!rates) {
    errors.push({
      code: 'TARIFF_LINE_UNKNOWN',
      field,
      rule: 'the tax rates of the goods are known for its 10-digit commodity code',
      expected: 'a tariff line with rates in force',
      actual: line.gcode,
    });
    return undefined;
  }
  const fraction = (name: keyof LineRates, value: string, belowOne: boolean): Dec => {
    const parsed = DECIMAL_PATTERN.test(value) ? toDecimal(value) : undefined;
    if (parsed && parsed.gte(0) && (!belowOne || parsed.lt(1))) return parsed;
    errors.push({
      code: 'RATE_RANGE',
      field,
      rule: `the ${name} of tariff line ${line.gcode} is a decimal fraction`,
      expected: belowOne ? '0 ≤ rate < 1, e.g. 0.13' : '≥ 0, e.g. 0.05',
      actual: value,
    });
    return new Dec(0);
  };
  const vat = fraction('vatRate', rates.vatRate, true);
  const consumption = fraction('consumptionTaxRate', rates.consumptionTaxRate, true);
  if (mode === 'cbec') return { vat, consumption, duty: new Dec(0) };
  if (rates.dutyRate === null) {
    errors.push({
      code: 'DUTY_RATE_MISSING',
      field,
      rule: 'full taxation levies customs duty as general trade (财关税〔2018〕49号), so the duty rate of the tariff line must be known',
      expected: `a duty rate for ${line.gcode}`,
      actual: 'none recorded',
    });
    return undefined;
  }
  return { vat, consumption, duty: fraction('dutyRate', rates.dutyRate, false) };
}

/**
 * The tax of an import inventory, line by line as customs computes it for the CEB816 tax bill (ceb-reference
 * §8.2, §8.5). Within the limits (`cbec`, 财关税〔2016〕18号 and 〔2018〕49号): duty 0, consumption tax
 * P/(1−c)×c and VAT (P + CT)×v, both at 70%. Taxed in full (`full`: over the limits, or a single indivisible
 * item under 49号): duty P×t, CT (P + duty)/(1−c)×c, VAT (P + duty + CT)×v, all at 100%. Each tax of each line
 * is rounded to 0.01 half up, and the totals are the sums of the rounded line taxes.
 * The consumption-tax rate c is the tariff line's, unless an item of the consumption-tax table covers the code
 * (`consumptionTax`): then the item's rate applies when the line's dutiable value per declared 毫升(克), 片(张) or
 * 只 reaches its threshold, and 0 below it (财税〔2016〕103号, 财税〔2006〕33号; consumption-tax.ts).
 */
export function computeInventoryTax(input: {
  lines: TaxLineInput[];
  freight: string;
  insuredFee: string;
  /** By gcode, already resolved for the day of the taxable event. */
  rates: ReadonlyMap<string, LineRates>;
  mode: 'cbec' | 'full';
  /**
   * The consumption-tax items and the day of the taxable event (YYYY-MM-DD): for a line an item covers, the
   * item's rate and threshold decide the consumption tax instead of the tariff line's flat rate.
   */
  consumptionTax?: { date: string; items: readonly ConsumptionTaxItem[] };
}): { ok: true; tax: InventoryTax } | { ok: false; errors: RuleError[] } {
  const errors: RuleError[] = [];
  if (input.lines.length === 0) {
    errors.push({
      code: 'INVENTORY_EMPTY',
      field: 'InventoryList',
      rule: 'an inventory has at least one line (spec 202205 CEB621)',
      expected: 'at least one line',
      actual: 'no lines',
    });
  }
  const freight = parseAmount('InventoryHead.freight', input.freight, errors);
  const insuredFee = parseAmount('InventoryHead.insuredFee', input.insuredFee, errors);
  const parsed = input.lines.map((line) => ({
    line,
    value: parseAmount(`InventoryList[gnum=${line.gnum}].totalPrice`, line.totalPrice, errors),
    rates: applicableRates(line, input.rates.get(line.gcode), input.mode, errors),
  }));
  const priced = parsed.flatMap(({ rates, ...rest }) => (rates ? [{ ...rest, rates }] : []));
  if (errors.length > 0) return { ok: false, errors };

  const share = new Dec(input.mode === 'cbec' ? CBEC_SHARE : 1);
  const taxed = withTaxPrice(priced, freight.plus(insuredFee)).map(({ line, rates, taxPrice }) => {
    // 财税〔2016〕103号 / 财税〔2006〕33号: the item's threshold on the dutiable value decides the rate.
    const decided = input.consumptionTax
      ? consumptionTaxFor({
          items: input.consumptionTax.items,
          gcode: line.gcode,
          date: input.consumptionTax.date,
          taxPrice,
          quantities: line.quantities ?? [],
        })
      : undefined;
    const consumptionRate = decided ? toDecimal(decided.rate) : rates.consumption;
    const duty = taxPrice.times(rates.duty);
    const consumptionStat = taxPrice.plus(duty).div(new Dec(1).minus(consumptionRate)).times(consumptionRate);
    const vatStat = taxPrice.plus(duty).plus(consumptionStat).times(rates.vat);
    return {
      line,
      taxPrice,
      customsTax: cents(duty),
      valueAddedTax: cents(vatStat.times(share)),
      consumptionTax: cents(consumptionStat.times(share)),
      consumptionTaxItem: decided && {
        item: decided.item.id,
        basis: decided.basis,
        rate: decided.rate,
        ...(decided.unitPrice ? { unitPrice: decided.unitPrice } : {}),
        source: decided.period.source,
      },
    };
  });

  const total = (pick: (l: (typeof taxed)[number]) => Dec): Dec =>
    taxed.reduce((acc, l) => acc.plus(pick(l)), new Dec(0));
  const customsTax = total((l) => l.customsTax);
  const valueAddedTax = total((l) => l.valueAddedTax);
  const consumptionTax = total((l) => l.consumptionTax);
  return {
    ok: true,
    tax: {
      lines: taxed.map((l) => ({
        gnum: l.line.gnum,
        gcode: l.line.gcode,
        taxPrice: amount(l.taxPrice),
        customsTax: money(l.customsTax),
        valueAddedTax: money(l.valueAddedTax),
        consumptionTax: money(l.consumptionTax),
        ...(l.consumptionTaxItem ? { consumptionTaxItem: l.consumptionTaxItem } : {}),
      })),
      customsTax: money(customsTax),
      valueAddedTax: money(valueAddedTax),
      consumptionTax: money(consumptionTax),
      taxTotal: money(customsTax.plus(valueAddedTax).plus(consumptionTax)),
    },
  };
}

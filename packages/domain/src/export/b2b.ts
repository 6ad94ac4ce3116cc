import { DECIMAL_PATTERN, formatDecimal, toDecimal } from '../money.ts';
import type { RuleError } from '../result.ts';

/**
 * Export trade modes (监管方式) declared with the CBEC export inventory (CEB603 `tradeMode`, spec 202205 revision
 * notes): 9610 retail (一般出口), 1210 special-zone retail (特殊区域出口), 9710 B2B direct (跨境电商B2B直接出口),
 * 9810 overseas warehouse (跨境电商出口海外仓).
 */
export type ExportTradeMode = '9610' | '1210' | '9710' | '9810';

/**
 * The CEB303 `orderType` each trade mode's order carries (spec 202205 revision notes, 海关总署公告2021年第47号):
 * E B2C export order, B B2B export order, W overseas-warehouse booking (海外仓订仓单).
 */
export const ORDER_TYPE_FOR_TRADE_MODE: Record<ExportTradeMode, 'E' | 'B' | 'W'> = {
  '9610': 'E',
  '1210': 'E',
  '9710': 'B',
  '9810': 'W',
};

/**
 * A 9710 / 9810 shipment goes through the CBEC export inventory only up to this value in CNY, and only when it
 * needs no licence, inspection or tax (海关总署公告2020年第75号, ceb-reference §5.5); above it, or with a licence,
 * it is declared on a customs declaration (报关单) in the H2018 system.
 */
export const B2B_INVENTORY_LIMIT_CNY = '5000';

const SOURCE_B2B = '海关总署公告2020年第75号';

export const isExportTradeMode = (value: string): value is ExportTradeMode =>
  Object.prototype.hasOwnProperty.call(ORDER_TYPE_FOR_TRADE_MODE, value);

/**
 * Whether the e-commerce enterprise's receipt (收款单, CEB403) must be in before the inventory matches:
 * retail exports (9610, 1210) transmit transaction, collection and logistics data before the declaration
 * (海关总署公告2018年第194号); for 9710 the collection data is optional (公告2020年第75号, ceb-reference §5.5), and a
 * 9810 booking precedes any sale, so there is nothing collected yet.
 */
export function receiptRequired(tradeMode: string): boolean {
  return tradeMode === '9610' || tradeMode === '1210';
}

export interface ExportModeInput {
  tradeMode: string;
  orderType: string;
  /** The shipment value in CNY (see {@link inventoryValueCny}); null when it could not be converted. */
  totalValueCny: string | null;
  /** CEB603 `licenseNo`: filled means licence goods. */
  licenseNo?: string | undefined;
  /** Whether the enterprise filed its overseas-warehouse business (海外仓业务模式备案), needed for 9810. */
  overseasWarehouseFiled?: boolean | undefined;
  /** The overseas warehouse (the booking's warehouse, CEB303 `ebpName` / filing code), named in the refusal. */
  warehouseCode?: string | undefined;
}

/** The refusal when the order type does not go with the trade mode, or the trade mode is not an export one. */
export function checkOrderType(tradeMode: string, orderType: string): RuleError[] {
  if (!isExportTradeMode(tradeMode)) {
    return [
      {
        code: 'EXPORT_TRADE_MODE',
        field: 'CEB603.InventoryHead.tradeMode',
        rule:
          '出口清单的贸易方式为9610、1210、9710或9810 ' +
          '(an export inventory is declared under 9610, 1210, 9710 or 9810; spec 202205 revision notes)',
        expected: '9610 | 1210 | 9710 | 9810',
        actual: tradeMode === '' ? '(empty)' : tradeMode,
      },
    ];
  }
  const expected = ORDER_TYPE_FOR_TRADE_MODE[tradeMode];
  if (orderType === expected) return [];
  const names = { E: 'B2C出口订单', B: 'B2B出口订单', W: '海外仓订仓单' } as const;
  return [
    {
      code: 'EXPORT_ORDER_TYPE',
      field: 'CEB303.OrderHead.orderType',
      rule:
        `贸易方式${tradeMode}的订单类型应为${expected}（${names[expected]}） ` +
        `(a ${tradeMode} inventory goes with an order of type ${expected}; spec 202205 CEB303 orderType, 海关总署公告2021年第47号)`,
      expected,
      actual: orderType === '' ? '(empty)' : orderType,
    },
  ];
}

/**
 * The trade-mode rules of an export inventory: the order type goes with the trade mode (9610/1210 E, 9710 B,
 * 9810 W); a 9710 or 9810 shipment is worth at most 5,000 CNY and needs no licence, or it must be declared on a
 * customs declaration (报关单) instead (海关总署公告2020年第75号); a 9810 shipment needs the overseas-warehouse
 * filing. A 9710/9810 shipment whose value could not be converted to CNY is refused as well: the limit cannot be
 * checked.
 */
export function checkExportMode(input: ExportModeInput): RuleError[] {
  const errors = checkOrderType(input.tradeMode, input.orderType);
  if (input.tradeMode !== '9710' && input.tradeMode !== '9810') return errors;

  const value = input.totalValueCny;
  if (value === null) {
    errors.push({
      code: 'B2B_VALUE_UNKNOWN',
      field: 'CEB603.InventoryList[*].totalPrice',
      rule:
        `无法折算人民币货值，不能判断是否超过${B2B_INVENTORY_LIMIT_CNY}元 ` +
        `(the shipment value could not be converted to CNY, so the ${B2B_INVENTORY_LIMIT_CNY} CNY limit cannot be checked; ${SOURCE_B2B})`,
      expected: `a value in CNY ≤ ${B2B_INVENTORY_LIMIT_CNY}`,
      actual: '(unknown)',
    });
  } else if (!DECIMAL_PATTERN.test(value)) {
    throw new RangeError(`totalValueCny must be a decimal, got ${JSON.stringify(value)}`);
  } else if (toDecimal(value).gt(B2B_INVENTORY_LIMIT_CNY)) {
    errors.push({
      code: 'B2B_OVER_LIMIT',
      field: 'CEB603.InventoryList[*].totalPrice',
      rule:
        `跨境电商B2B出口单票金额超过人民币${B2B_INVENTORY_LIMIT_CNY}元，应以报关单申报 ` +
        `(a ${input.tradeMode} shipment above ${B2B_INVENTORY_LIMIT_CNY} CNY cannot use the CBEC export inventory: file a customs declaration (报关单) in the H2018 system instead; ${SOURCE_B2B})`,
      expected: `≤ ${B2B_INVENTORY_LIMIT_CNY} CNY`,
      actual: `${value} CNY`,
    });
  }

  const licence = input.licenseNo?.trim() ?? '';
  if (licence !== '') {
    errors.push({
      code: 'B2B_LICENCE',
      field: 'CEB603.InventoryHead.licenseNo',
      rule:
        '涉证商品不适用跨境电商B2B出口申报清单，应以报关单申报 ' +
        `(goods under licence cannot use the CBEC export inventory under ${input.tradeMode}: file a customs declaration (报关单) instead; ${SOURCE_B2B})`,
      expected: 'no licence (licenseNo empty)',
      actual: licence,
    });
  }

  if (input.tradeMode === '9810' && input.overseasWarehouseFiled !== true) {
    errors.push({
      code: 'B2B_WAREHOUSE_NOT_FILED',
      field: 'CEB303.OrderHead.ebpName',
      rule:
        '跨境电商出口海外仓业务须先办理海外仓业务模式备案 ' +
        `(9810 overseas-warehouse exports need the enterprise's overseas-warehouse filing first; ${SOURCE_B2B})`,
      expected: 'a filed overseas warehouse',
      actual: input.warehouseCode ? `${input.warehouseCode} (not filed)` : 'no filing',
    });
  }
  return errors;
}

/**
 * The shipment value in CNY: the sum of the lines' `totalPrice` (FOB, freight not included) times `rate`, the
 * customs exchange rate as CNY per unit of `currency` (for 142 CNY the rate is 1), rounded half-up to 0.01 CNY.
 * Lines that name their own currency must all be in `currency` (group the lines of a mixed-currency inventory by
 * currency and add the results). Throws on a malformed rate or amount (callers parse the documents first), and
 * when no rate is known the caller refuses with {@link exchangeRateMissing}.
 */
export function inventoryValueCny(
  lines: readonly { readonly totalPrice?: string | undefined; readonly currency?: string | undefined }[],
  currency: string,
  rate: string,
): string {
  if (!DECIMAL_PATTERN.test(rate) || toDecimal(rate).lte(0)) {
    throw new RangeError(`an exchange rate is a positive decimal, got ${JSON.stringify(rate)}`);
  }
  if (currency === '142' && !toDecimal(rate).eq(1)) {
    throw new RangeError(`CNY (142) converts at rate 1, got ${rate}`);
  }
  let sum = toDecimal(0);
  for (const line of lines) {
    if (line.currency !== undefined && line.currency !== currency) {
      throw new RangeError(`a line in ${line.currency} cannot be converted at the ${currency} rate`);
    }
    if (line.totalPrice === undefined) throw new RangeError('a line without totalPrice cannot be valued');
    sum = sum.plus(toDecimal(line.totalPrice));
  }
  return formatDecimal(sum.times(toDecimal(rate)), 2);
}

/**
 * The refusal when no customs exchange rate (海关汇率, published per month) is on record for a currency, so an
 * amount cannot be converted to CNY.
 */
export function exchangeRateMissing(currency: string, month?: string, field = 'currency'): RuleError {
  return {
    code: 'EXCHANGE_RATE_MISSING',
    field,
    rule:
      `无币制${currency}${month ? `（${month}）` : ''}的海关汇率，无法折算人民币金额 ` +
      `(no customs exchange rate for currency ${currency}${month ? ` in ${month}` : ''} is on record, so the value cannot be converted to CNY)`,
    expected: `an exchange rate for ${currency}`,
    actual: '(none)',
  };
}

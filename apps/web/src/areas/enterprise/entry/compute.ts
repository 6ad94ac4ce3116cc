import { sumDecimals } from '../../../format.ts';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * a × b of two decimal texts, exact (BigInt), rounded half away from zero to `scale` decimals; undefined when
 * either is not a decimal. The line total of a CEB line is quantity × unit price.
 */
export function mulDecimals(a: string, b: string, scale = 2): string | undefined {
  const x = a.trim();
  const y = b.trim();
  if (!DECIMAL.test(x) || !DECIMAL.test(y)) return undefined;
  const parse = (s: string) => {
    const neg = s.startsWith('-');
    const [int = '0', frac = ''] = (neg ? s.slice(1) : s).split('.');
    return { n: BigInt(int + frac) * (neg ? -1n : 1n), scale: frac.length };
  };
  const p = parse(x);
  const q = parse(y);
  let n = p.n * q.n;
  const have = p.scale + q.scale;
  if (have > scale) {
    const div = 10n ** BigInt(have - scale);
    const neg = n < 0n;
    const abs = neg ? -n : n;
    let r = abs / div;
    if ((abs % div) * 2n >= div) r += 1n;
    n = neg ? -r : r;
  } else n *= 10n ** BigInt(scale - have);
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return neg ? `-${text}` : text;
}

const isDecimal = (s: string | undefined): s is string => s !== undefined && DECIMAL.test(s.trim());

/** The order's goods value: the sum of its lines' totals (only when every line has one). */
export function goodsValueOf(lines: readonly { totalPrice?: string }[]): string | undefined {
  const totals = lines.map((l) => l.totalPrice);
  if (totals.length === 0 || !totals.every(isDecimal)) return undefined;
  return sumDecimals(totals.map((t) => t.trim()));
}

/** 实际支付 = 商品价格 + 运杂费 + 代扣税款 − 非现金抵扣 (the CEB311 rule, same as the payment's amount). */
export function actualPaidOf(head: {
  goodsValue?: string;
  freight?: string;
  taxTotal?: string;
  discount?: string;
}): string | undefined {
  const parts = [head.goodsValue, head.freight ?? '0', head.taxTotal ?? '0', head.discount ?? '0'];
  if (!parts.every(isDecimal)) return undefined;
  const [g, f, t, d] = parts.map((s) => s.trim()) as [string, string, string, string];
  return sumDecimals([g, f, t, d.startsWith('-') ? d.slice(1) : `-${d}`]);
}

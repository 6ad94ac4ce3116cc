import { Dec } from '../decimal.ts';

/** A parcel line as it is priced: unit price and declared quantity, decimal strings. */
interface PricedItem {
  price: string;
  qty: string;
}

/**
 * Numbers the items of a simulated parcel as its lines — gnum 1, 2, 3 … in item order, the same in the order and
 * the inventory, which is how they correspond 1:1 — and prices each one (`total` = price × qty). `goodsValue` is
 * the sum of the line totals, as the order declares it.
 */
export function numberedLines<I extends PricedItem>(
  items: readonly I[],
): { lines: (I & { gnum: string; total: Dec })[]; goodsValue: Dec } {
  const lines = items.map((item, i) => ({
    ...item,
    gnum: String(i + 1),
    total: new Dec(item.price).times(item.qty),
  }));
  const goodsValue = lines.reduce((s, l) => s.plus(l.total), new Dec(0));
  return { lines, goodsValue };
}

import { describe, expect, it } from 'vitest';
import { formFieldOf } from '../src/services/import/entry.ts';

describe('申报录入 maps a gateway error path to the form field the clerk sees', () => {
  it('names head fields and lines (1-based in the XSD path, 0-based in the form)', () => {
    expect(formFieldOf('CEB311Message/Order[1]/OrderHead/orderNo')).toBe('head.orderNo');
    expect(formFieldOf('CEB621Message/Inventory[1]/InventoryList[2]/qty')).toBe('list[1].qty');
    expect(formFieldOf('CEB311Message/Order/OrderList/price')).toBe('list[0].price');
    expect(formFieldOf('CEB311Message/Order[1]/OrderList[100]')).toBe('list');
    expect(formFieldOf('CEB411Message/BaseTransfer/copCode')).toBe('CEB411Message/BaseTransfer/copCode');
  });
});

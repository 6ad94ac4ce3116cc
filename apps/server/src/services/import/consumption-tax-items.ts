import { checkConsumptionTaxItems, type ConsumptionTaxItem } from '@crossgate/domain';
import { readJson } from '../../seed/data-files.ts';

let loaded: readonly ConsumptionTaxItem[] | undefined;

/**
 * The consumption-tax items of 消费税税目税率表 that CBEC imports hit, with their thresholds
 * (data/reference/consumption-tax-items.json, decision 0027). They are law, not zone settings, so they are read
 * from the vendored data once and checked; a malformed table stops the clearance rather than taxing wrongly.
 */
export function consumptionTaxItems(): readonly ConsumptionTaxItem[] {
  if (loaded) return loaded;
  const { items } = readJson<{ items: ConsumptionTaxItem[] }>('reference/consumption-tax-items.json');
  const errors = checkConsumptionTaxItems(items);
  if (errors.length > 0)
    throw new Error(`data/reference/consumption-tax-items.json is malformed: ${JSON.stringify(errors)}`);
  loaded = items;
  return loaded;
}

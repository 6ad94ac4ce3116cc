import type { RuleError } from '../result.ts';

/**
 * The retail import positive list (正面清单): 《跨境电子商务零售进口商品清单》. Only goods on the list may be
 * imported as CBEC retail imports (1210 bonded, 9610 direct mail). Editions: 财政部等13部门公告2019年第96号
 * (2019年版, in force from 2020-01-01) and its adjustment 财政部等8部门公告2022年第7号 (in force from 2022-03-01)
 * [UNVERIFIED: the effective dates and the number of departments are from memory]. The list names tariff lines
 * (税则号列) with a 监管要求 note such as "仅限网购保税商品" (bonded only), which {@link PositiveListEntry.note}
 * carries.
 *
 * The platform keeps the list as data by tariff-code prefix with a validity period; a product's 10-digit code
 * matches the longest prefix in force on the day.
 */
export interface PositiveListEntry {
  /** 4 to 10 digits of the customs commodity code. */
  hsPrefix: string;
  nameZh: string;
  /** 监管要求 / 备注, e.g. 仅限网购保税商品; '' when none. */
  note: string;
  /** The list and edition, e.g. 跨境电子商务零售进口商品清单（2019年版）. */
  listName: string;
  /** YYYY-MM-DD, first day in force. */
  validFrom: string;
  /** YYYY-MM-DD, first day no longer in force (exclusive, as every period of the platform); null = open-ended. */
  validTo: string | null;
}

export const POSITIVE_LIST_NAME = '《跨境电子商务零售进口商品清单》';

const inForce = (entry: PositiveListEntry, date: string): boolean =>
  entry.validFrom <= date && (entry.validTo === null || date < entry.validTo);

/**
 * The entry that covers `hsCode` on `date`: among entries in force whose prefix starts the code, the longest
 * prefix; between equally long prefixes (two editions overlapping), the later `validFrom`, then the list name,
 * so the answer does not depend on the order of `entries`.
 */
export function positiveListEntry(
  hsCode: string,
  date: string,
  entries: readonly PositiveListEntry[],
): PositiveListEntry | undefined {
  let best: PositiveListEntry | undefined;
  for (const entry of entries) {
    if (entry.hsPrefix === '' || !hsCode.startsWith(entry.hsPrefix) || !inForce(entry, date)) continue;
    if (best === undefined || better(entry, best)) best = entry;
  }
  return best;
}

function better(a: PositiveListEntry, b: PositiveListEntry): boolean {
  if (a.hsPrefix.length !== b.hsPrefix.length) return a.hsPrefix.length > b.hsPrefix.length;
  if (a.validFrom !== b.validFrom) return a.validFrom > b.validFrom;
  return a.listName > b.listName;
}

/**
 * Refuses a retail-import product filing whose commodity code is not on the positive list in force on `date`.
 * When the code was covered by an entry that is no longer (or not yet) in force, `actual` says which.
 */
export function checkPositiveList(
  hsCode: string,
  date: string,
  entries: readonly PositiveListEntry[],
): RuleError[] {
  if (positiveListEntry(hsCode, date, entries)) return [];
  const outOfForce = entries
    .filter((e) => e.hsPrefix !== '' && hsCode.startsWith(e.hsPrefix))
    .sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0))[0];
  return [
    {
      code: 'POSITIVE_LIST',
      field: 'hsCode',
      rule:
        `商品编码[${hsCode}]不在${POSITIVE_LIST_NAME}内，不能以跨境电商零售进口方式备案 ` +
        `(HS code [${hsCode}] is not on the retail import positive list (跨境电子商务零售进口商品清单) in force ` +
        `on ${date}: it cannot be filed for CBEC retail import)`,
      expected: `a code on ${POSITIVE_LIST_NAME} in force on ${date}`,
      actual: outOfForce
        ? `${hsCode}: ${outOfForce.listName} ${outOfForce.hsPrefix} in force ${outOfForce.validFrom} – ${outOfForce.validTo ?? '∞'} only`
        : `${hsCode}: not listed`,
    },
  ];
}

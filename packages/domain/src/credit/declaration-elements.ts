/**
 * 申报要素 by HS code: the elements a product filing is asked for, from the code's chapter (decision 0038).
 *
 * Source and limits. The official list is the 《中华人民共和国海关进出口商品规范申报目录》, published by the
 * General Administration of Customs per 8-digit code; it is not vendored here (no machine-readable copy under a
 * licence we could verify). This is a documented minimal set instead:
 * - every code starts with 品牌类型 and 出口享惠情况 (numbered 0 and 1 in a declaration's 规格型号 line, the
 *   catalogue puts them first for every code since 2017 [UNVERIFIED: the year was not checked]), then 品名;
 * - the chapters CBEC retail import trades most (dairy, infant formula, cosmetics, apparel, shoes, watches,
 *   wine, electrical appliances, health food) add the elements the catalogue asks for in those chapters, as
 *   customs brokers' published 申报实例 show them [UNVERIFIED: element names per chapter compiled by the
 *   Crossgate developers from memory of such examples, not from the catalogue's text];
 * - every code ends with 品牌 and, where a product has one, 型号 / 包装规格.
 * The form fills these names in; the filer may add or remove elements (the server's rule checks the shape only,
 * credit/product.ts), so a missing or extra element is never a refusal.
 */

const FIRST = ['品牌类型', '出口享惠情况', '品名'] as const;

/** Elements after the common first three, by HS chapter (two digits). */
const BY_CHAPTER: Record<string, readonly string[]> = {
  '04': ['加工方法', '成分含量', '包装规格', '品牌'],
  '09': ['种类', '加工方法', '包装规格', '品牌'],
  '15': ['加工方法', '成分含量', '包装规格', '品牌'],
  '16': ['加工方法', '成分含量', '包装规格', '品牌'],
  '17': ['成分含量', '包装规格', '品牌'],
  '18': ['成分含量', '包装规格', '品牌'],
  '19': ['用途', '成分含量', '包装规格', '品牌'],
  '20': ['加工方法', '成分含量', '包装规格', '品牌'],
  '21': ['用途', '成分含量', '包装规格', '品牌'],
  '22': ['酒精浓度', '容器容量', '包装规格', '品牌'],
  '30': ['用途', '成分含量', '包装规格', '品牌', '型号'],
  '33': ['用途', '成分含量', '包装规格', '品牌', '型号'],
  '34': ['用途', '成分含量', '包装规格', '品牌'],
  '39': ['用途', '材质', '品牌', '型号'],
  '42': ['用途', '材质', '品牌', '型号'],
  '61': ['织造方法', '种类', '类别', '成分含量', '品牌', '货号'],
  '62': ['织造方法', '种类', '类别', '成分含量', '品牌', '货号'],
  '64': ['鞋面材料', '外底材料', '品牌', '型号'],
  '71': ['材质', '加工方法', '品牌', '型号'],
  '84': ['用途', '功能', '品牌', '型号'],
  '85': ['用途', '功能', '品牌', '型号'],
  '90': ['用途', '原理', '品牌', '型号'],
  '91': ['用途', '机芯类型', '表壳材质', '品牌', '型号'],
  '95': ['用途', '材质', '品牌', '型号'],
};

/** Any other chapter: the brand and, where it has one, the model. */
const OTHER: readonly string[] = ['用途', '品牌', '型号'];

export interface DeclarationElementList {
  /** The element names, in the order of the catalogue. */
  names: string[];
  /** `chapter`: the chapter has its own list; `general`: the general list (no chapter list held here). */
  basis: 'chapter' | 'general';
  chapter: string | null;
}

/** The 申报要素 names for an HS code (any length from two digits); null for what is not an HS code. */
export function declarationElementsFor(hsCode: string): DeclarationElementList | null {
  const code = hsCode.trim();
  if (!/^\d{2,10}$/.test(code)) return null;
  const chapter = code.slice(0, 2);
  const own = BY_CHAPTER[chapter];
  return {
    names: [...FIRST, ...(own ?? OTHER)],
    basis: own ? 'chapter' : 'general',
    chapter,
  };
}

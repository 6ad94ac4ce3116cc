import { describe, expect, it } from 'vitest';
import { declarationElementsFor } from '../src/index.ts';

describe('申报要素 by HS code (decision 0038)', () => {
  it('gives the dairy chapter its elements after the three every code starts with', () => {
    expect(declarationElementsFor('0402210000')).toEqual({
      names: ['品牌类型', '出口享惠情况', '品名', '加工方法', '成分含量', '包装规格', '品牌'],
      basis: 'chapter',
      chapter: '04',
    });
  });

  it('gives cosmetics and watches theirs', () => {
    expect(declarationElementsFor('3304990099')?.names).toEqual([
      '品牌类型',
      '出口享惠情况',
      '品名',
      '用途',
      '成分含量',
      '包装规格',
      '品牌',
      '型号',
    ]);
    expect(declarationElementsFor('9102')?.names).toEqual([
      '品牌类型',
      '出口享惠情况',
      '品名',
      '用途',
      '机芯类型',
      '表壳材质',
      '品牌',
      '型号',
    ]);
  });

  it('falls back to the general list for a chapter it holds no list for, and refuses what is not a code', () => {
    expect(declarationElementsFor('4901990000')).toEqual({
      names: ['品牌类型', '出口享惠情况', '品名', '用途', '品牌', '型号'],
      basis: 'general',
      chapter: '49',
    });
    expect(declarationElementsFor('')).toBeNull();
    expect(declarationElementsFor('12ab')).toBeNull();
    expect(declarationElementsFor('4')).toBeNull();
  });
});

// Errors for clerks (issue 17 item 7): every error code and rule text in one language each, no jargon in the
// Chinese, no Chinese in the English; the details of an API error said as a clerk would read them.
import { describe, expect, it } from 'vitest';
import { clerkDetail, describePattern, ERROR_CODES, oneLanguage, RULE_TEXTS } from '../src/index.ts';

const CJK = /[\u3400-\u9fff]/;
/** Latin words a Chinese clerk text may use: names of things a clerk deals with, never codes or patterns. */
const ALLOWED_LATIN = new Set(['API', 'MB', 'KB']);

function jargonIn(zh: string): string[] {
  const found: string[] = [];
  if (/[A-Z][A-Z0-9]*_[A-Z0-9_]+/.test(zh)) found.push('an error code');
  if (/[\^$\\]|\{\d|\/.*\//.test(zh)) found.push('a pattern');
  if (/\d{5,}/.test(zh)) found.push('a raw number');
  for (const word of zh.match(/[A-Za-z][A-Za-z-]*/g) ?? [])
    if (!ALLOWED_LATIN.has(word)) found.push(`the Latin word ${word}`);
  return found;
}

const ALL: [string, { zh: string; en: string }][] = [
  ...Object.entries(ERROR_CODES),
  ...Object.entries(RULE_TEXTS),
];

describe('error texts', () => {
  it.each(ALL)('%s has a Chinese text without jargon and an English text without Chinese', (_code, t) => {
    expect(t.zh).toMatch(CJK);
    expect(jargonIn(t.zh)).toEqual([]);
    expect(t.en).not.toMatch(CJK);
    expect(t.en).toMatch(/^[A-Z]/);
    expect(t.en.length).toBeGreaterThan(10);
  });

  it('covers every error code of the API', () => {
    expect(Object.keys(ERROR_CODES)).toHaveLength(23);
  });

  it('says a pattern in words', () => {
    expect(describePattern('^[A-Za-z0-9-]{4,60}$', 'zh-CN')).toBe('只能包含字母、数字和短横线，长度4–60位');
    expect(describePattern('^[A-Za-z0-9-]{4,60}$', 'en')).toBe(
      'only letters, digits and hyphens, 4–60 characters',
    );
    expect(describePattern('^\\d{10}$', 'zh-CN')).toBe('只能包含数字，长度10位');
    expect(describePattern('^(a|b)+$', 'zh-CN')).toBeUndefined();
  });

  it('turns a pattern failure into a sentence, the pattern kept for the technical detail', () => {
    const detail = {
      field: 'params.waybillNo',
      rule: 'a waybill number: 4–60 letters, digits or -',
      expected: 'matches /^[A-Za-z0-9-]{4,60}$/',
      actual: 'a!',
    };
    const zh = clerkDetail(detail, 'zh-CN');
    expect(zh.where).toBe('运单编号');
    expect(zh.text).toBe('格式不正确：只能包含字母、数字和短横线，长度4–60位');
    expect(zh.technical).toContain('expected: matches /^[A-Za-z0-9-]{4,60}$/');
    const en = clerkDetail(detail, 'en');
    expect(en.where).toBe('waybill number');
    expect(en.text).toBe('Wrong format: only letters, digits and hyphens, 4–60 characters');
  });

  it('says a body limit in megabytes', () => {
    const detail = { field: 'body', rule: 'body size limit', expected: '≤ 1048576 bytes' };
    expect(clerkDetail(detail, 'zh-CN').text).toBe('文件过大：最大 1 MB');
    expect(clerkDetail(detail, 'en').text).toBe('File too large: at most 1 MB');
  });

  it('gives a rule code its clerk text in one language', () => {
    const detail = {
      field: 'hsCode',
      rule: 'HS_CODE_UNKNOWN: 商品编码[9999990000]的6位子目999999不在协调制度目录中 (HS subheading 999999 of 9999990000 is not in the nomenclature)',
      actual: '9999990000',
    };
    const zh = clerkDetail(detail, 'zh-CN');
    expect(zh.code).toBe('HS_CODE_UNKNOWN');
    expect(zh.text).toBe('商品编码不在海关商品目录中：请核对前6位，可在商品编码查询中找到正确的10位编码');
    expect(zh.text).not.toMatch(/[A-Za-z]/);
    expect(clerkDetail(detail, 'en').text).not.toMatch(CJK);
  });

  it('keeps one language of a bilingual rule without a clerk text', () => {
    const rule = '发生日期不能晚于记录日期 (an event is recorded after it occurred)';
    expect(oneLanguage(rule, 'zh-CN')).toBe('发生日期不能晚于记录日期');
    expect(oneLanguage(rule, 'en')).toBe('an event is recorded after it occurred');
    expect(oneLanguage('仅中文', 'en')).toBeUndefined();
    const detail = { field: 'body.x', rule: 'SOMETHING_NEW: 中文说明（English words here）' };
    expect(clerkDetail(detail, 'zh-CN').text).toBe('中文说明');
    expect(clerkDetail(detail, 'en').text).toBe('English words here');
    expect(clerkDetail({ field: 'body.x', rule: 'Too small: expected string' }, 'zh-CN').text).toBe(
      '填写的内容不符合要求，请修改',
    );
  });

  it('says a missing value is required', () => {
    const detail = { field: 'body.nameZh', rule: 'Invalid input', actual: '(missing)' };
    expect(clerkDetail(detail, 'zh-CN')).toMatchObject({ where: '中文名称', text: '必填项，请填写' });
    expect(clerkDetail(detail, 'en')).toMatchObject({ where: 'Chinese name', text: 'Required: fill it in' });
  });
});

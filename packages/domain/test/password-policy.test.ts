import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generatePassword, passwordProblems, PASSWORD_RULE_TEXT } from '../src/index.ts';

describe('password rules (decision 0022)', () => {
  it('accepts a long password of varied characters', () => {
    expect(passwordProblems('river-lamp-copper-71')).toEqual([]);
    expect(passwordProblems('Tz8#mule-Q91x')).toEqual([]);
  });

  it('refuses each weakness with its own rule', () => {
    expect(passwordProblems('Ab3$efg')).toEqual(['PASSWORD_TOO_SHORT']);
    expect(passwordProblems('x'.repeat(201) + 'abcdef')).toContain('PASSWORD_TOO_LONG');
    expect(passwordProblems('121212121212')).toContain('PASSWORD_TOO_SIMPLE');
    expect(passwordProblems('aaaaaaaaaaaa')).toContain('PASSWORD_TOO_SIMPLE');
    expect(passwordProblems('my-seller-account', { username: 'seller' })).toEqual([
      'PASSWORD_CONTAINS_USERNAME',
    ]);
    expect(passwordProblems('Password2026!')).toEqual(['PASSWORD_COMMON']);
    expect(passwordProblems('passwordpassword')).toContain('PASSWORD_COMMON');
    expect(passwordProblems('Crossgate#2026')).toEqual(['PASSWORD_COMMON']);
    // the demo's old shared password: the zone's name and a year
    expect(passwordProblems('Jiaozuo@2026')).toEqual(['PASSWORD_COMMON']);
    expect(passwordProblems('1234567890123')).toEqual(['PASSWORD_COMMON']);
    expect(passwordProblems('qwertyuiopas')).toEqual(['PASSWORD_COMMON']);
    expect(passwordProblems('river-lamp-copper-71', { current: 'river-lamp-copper-71' })).toEqual([
      'PASSWORD_UNCHANGED',
    ]);
  });

  it('ignores a short username and counts characters, not UTF-16 units', () => {
    expect(passwordProblems('ab-river-lamp-71', { username: 'ab' })).toEqual([]);
    expect(passwordProblems('焦作跨境电商综试区二〇二六')).toEqual([]);
  });

  it('has Chinese and English for every rule', () => {
    for (const text of Object.values(PASSWORD_RULE_TEXT)) {
      expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(text.en).toMatch(/[a-z]/);
    }
  });

  it('generates strong, different passwords', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword(randomInt);
      expect(p).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
      expect(passwordProblems(p)).toEqual([]);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});

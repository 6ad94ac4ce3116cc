import { describe, expect, it } from 'vitest';
import { checkUscc, usccCheckCharacter } from '../src/index.ts';

describe('GB 32100-2015 unified social credit code', () => {
  it('accepts real published codes whose check characters are correct', () => {
    // Published on the enterprises' own licences: Shenzhen Tencent Computer Systems, Huawei Technologies.
    expect(checkUscc('uscc', '9144030071526726XG')).toEqual([]);
    expect(checkUscc('uscc', '914403001922038216')).toEqual([]);
  });

  it('computes the check character as 31 − (Σ Ci·Wi mod 31)', () => {
    expect(usccCheckCharacter('9144030071526726X')).toBe('G');
    expect(usccCheckCharacter('91440300192203821')).toBe('6');
  });

  it('refuses a code whose check character is wrong, naming the expected code', () => {
    expect(checkUscc('uscc', '9144030071526726XA')).toEqual([
      expect.objectContaining({
        code: 'USCC_CHECK_CHARACTER',
        field: 'uscc',
        expected: '9144030071526726XG',
      }),
    ]);
  });

  it('refuses letters outside the 31-character set (I, O, S, V, Z)', () => {
    expect(checkUscc('uscc', '9144030071526726XO')[0]?.code).toBe('USCC_FORMAT');
    expect(checkUscc('uscc', '91440300715267')[0]?.code).toBe('USCC_FORMAT');
  });

  it('refuses a code whose embedded GB 11714 organisation code has a wrong check character', () => {
    // Same organisation body with a different 17th character, then a recomputed USCC check character.
    const body = '9144030071526726Y';
    const code = body + usccCheckCharacter(body);
    expect(checkUscc('uscc', code)[0]?.code).toBe('USCC_ORGANISATION_CODE');
  });
});

import { describe, expect, it } from 'vitest';
import { excerptOf, REFUSED_EXCERPT_BYTES } from '../src/repositories/ceb-messages.ts';

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

describe('the excerpt kept of a refused message (decision 0021)', () => {
  it('is the first 4 KiB of the UTF-8, cut between characters, never more', () => {
    expect(REFUSED_EXCERPT_BYTES).toBe(4096);
    expect(excerptOf('a'.repeat(10_000))).toBe('a'.repeat(4096));
    // Three-byte characters: 1,365 of them fit (4,095 bytes); the 1,366th would split.
    expect(excerptOf('订'.repeat(5_000))).toBe('订'.repeat(1365));
    // Four-byte characters (surrogate pairs in JavaScript): exactly 1,024.
    expect(excerptOf('😀'.repeat(2_000))).toBe('😀'.repeat(1024));
    // Mixed: one ASCII byte first shifts every boundary.
    const mixed = excerptOf(`x${'订'.repeat(5_000)}`);
    expect(utf8(mixed)).toBeLessThanOrEqual(4096);
    expect(mixed).toBe(`x${'订'.repeat(1365)}`);
  });

  it('keeps a short message whole', () => {
    expect(excerptOf('<ceb:CEB311Message/>')).toBe('<ceb:CEB311Message/>');
    expect(excerptOf('订'.repeat(1365))).toBe('订'.repeat(1365));
    expect(excerptOf('')).toBe('');
  });
});

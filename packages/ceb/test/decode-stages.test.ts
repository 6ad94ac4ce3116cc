import { describe, expect, it } from 'vitest';
import { decodeImportMessage } from '../src/index.ts';
import { fixture } from './support/fixtures.ts';

/**
 * The gateway measures what reading a message costs outside the database (decision 0045): the decoder tells
 * how long parsing and the XSD check took, on the clock it is given. A clock that advances 1 ms per reading
 * makes every stage exactly 1 ms, so the oracle is the list of stages alone.
 */
describe('decode stages', () => {
  const stagesOf = (xml: string) => {
    const seen: [string, number][] = [];
    let t = 0;
    const r = decodeImportMessage(xml, undefined, {
      onStage: (stage, ms) => seen.push([stage, ms]),
      stageClock: () => t++,
    });
    return { ok: r.ok, seen };
  };

  it('a valid message is parsed once and checked against the XSD once', () => {
    expect(stagesOf(fixture('202205/import/CEB311Message.xml'))).toEqual({
      ok: true,
      seen: [
        ['parse', 1],
        ['xsd', 1],
      ],
    });
  });

  it('a message that is not XML is parsed and goes no further', () => {
    expect(stagesOf('<CEB311Message')).toEqual({ ok: false, seen: [['parse', 1]] });
  });

  it('without a listener nothing is measured and the answer is the same', () => {
    expect(decodeImportMessage(fixture('202205/import/CEB311Message.xml')).ok).toBe(true);
  });
});

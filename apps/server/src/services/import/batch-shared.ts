import type { Database, Kysely, TariffRate } from '@crossgate/db';
import { listedAmong } from '../../repositories/negative-list.ts';
import { ratesOfLines } from '../../repositories/tariff.ts';
import { sharedPerKey } from '../../repositories/unit-of-work.ts';

/**
 * Reads that are the same for every inventory of a gateway batch, made once per batch (decision 0041): each
 * tariff code's periods and each party's negative-list standing are read the first time an inventory of the
 * batch needs them, in one statement for the codes not yet read, and shared by the batch's later inventories.
 * The batch's messages all arrived before its transaction began, so a read at its start is fresh for each.
 * Outside a batch (an officer's decision, a schedule), every call reads.
 */

/** The tariff periods of these HS codes, ordered by code and start (as `ratesOfLines`). */
export async function tariffPeriodsOf(db: Kysely<Database>, hsCodes: string[]): Promise<TariffRate[]> {
  const byCode = await sharedPerKey(db, 'tariff-periods', hsCodes, async (codes) => {
    const rows = await ratesOfLines(db, codes);
    return new Map(codes.map((c) => [c, rows.filter((r) => r.hs_code === c)]));
  });
  return [...new Set(hsCodes)].sort().flatMap((c) => byCode.get(c) ?? []);
}

/** Which of these subject keys (party codes, buyer keys) are on the negative list in force. */
export async function listedOf(db: Kysely<Database>, keys: string[]): Promise<Set<string>> {
  const standing = await sharedPerKey(db, 'negative-list', keys, async (asked) => {
    const listed = await listedAmong(db, asked);
    return new Map(asked.map((k) => [k, listed.has(k)]));
  });
  return new Set([...standing].filter(([, listed]) => listed).map(([k]) => k));
}

import { sql, type RawBuilder } from '@crossgate/db';

/**
 * Whose parcels a list, a count or a search may show: an enterprise (its id and its codes — customs code and
 * USCC), or null for a regulator who sees every parcel. One definition of "a party to the parcel" for every
 * repository that narrows by it, so the lists, the comprehensive search and the home counts cannot drift apart.
 */
export type Party = { orgId: string; codes: string[] } | null;

const listOf = (codes: string[]) => sql.join(codes.length > 0 ? codes : ['']);

/**
 * An import inventory (`import_documents` as `d`) the enterprise is a party to: it sent it, or one of its codes
 * names the platform, the seller, the carrier or the declaring agent.
 */
export function importInventoryOfParty(party: { orgId: string; codes: string[] }): RawBuilder<boolean> {
  const codes = listOf(party.codes);
  return sql<boolean>`(d.org_id = ${party.orgId} or d.ebp_code in (${codes}) or d.ebc_code in (${codes}) or d.logistics_code in (${codes}) or d.body->>'agentCode' in (${codes}))`;
}

/**
 * An export inventory (`export_documents` as `d` joined to `export_inventories` as `i`) the enterprise is a party
 * to: it sent it, or one of its codes names the platform, the seller, the carrier or the declaring agent.
 */
export function exportInventoryOfParty(party: { orgId: string; codes: string[] }): RawBuilder<boolean> {
  const codes = listOf(party.codes);
  return sql<boolean>`(d.org_id = ${party.orgId} or d.ebp_code in (${codes}) or i.ebc_code in (${codes}) or i.logistics_code in (${codes}) or i.agent_code in (${codes}))`;
}

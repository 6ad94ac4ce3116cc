import { negativeInfo, type NegativeCode } from '@crossgate/ceb';
import type { Database, Kysely } from '@crossgate/db';
import {
  AUTHORISATION_ROLE_LABELS,
  beijingDate,
  unboundParties,
  type PartyAuthorisation,
  type UnboundField,
} from '@crossgate/domain';
import { grantsTo } from '../repositories/authorisations.ts';
import { codesOf } from '../repositories/organisations.ts';
import { TtlCache } from './ttl-cache.ts';

/**
 * The gateway's binding of party codes to the sender (decision 0018, SECURITY.md "What is bound to what"):
 * after the copCode, filing, role and signature checks, each document whose acting party field names neither
 * the sender nor an enterprise that authorised the sender for that role is refused with −10102, naming the
 * field and its value. Import (normal and set-wise paths) and export alike call `bindingRefusals` once per
 * message, before anything is written.
 */

/**
 * The authorisations granted to each sender, re-read at most every ten seconds per process like the sender's
 * own row (a grant or revocation applies at once in the process that made it, within ten seconds elsewhere).
 * Validity dates are checked on every message, so a period's start or end needs no refresh.
 */
const grants = new TtlCache<PartyAuthorisation[]>(10_000);

/** Called when an authorisation of this grantee is granted or revoked. */
export const forgetAuthorisations = (granteeOrgId: string) => grants.delete(granteeOrgId);

/** Called when an enterprise's filing changes: the authorisations it granted count only while it is approved. */
export const forgetAllAuthorisations = () => grants.clear();

export interface BindingRefusal {
  code: NegativeCode;
  info: string;
  field: UnboundField;
}

const isoDate = beijingDate;

/** The refusal text: Chinese first, English in brackets, naming the field and its value. */
export function bindingInfo(u: UnboundField, senderCode: string): string {
  if (u.binding === 'sender')
    return `${negativeInfo('-10102')}：${u.path}[${u.value}]与接入企业[${senderCode}]不一致，申报单位须为接入企业本身 (${u.path} must be the sending enterprise itself)`;
  const role = AUTHORISATION_ROLE_LABELS[u.binding];
  return `${negativeInfo('-10102')}：${u.path}[${u.value}]未授权接入企业[${senderCode}]申报（${role.zh}） (${u.path} names an enterprise that has not authorised the sender to declare for it as ${role.en})`;
}

/**
 * For each document (its head fields by CEB name), the refusal of its first unbound party field, or
 * undefined. Reads the sender's authorisations only when a document names another enterprise, and then once
 * (cached), whatever the number of documents.
 */
export async function bindingRefusals(
  db: Kysely<Database>,
  input: {
    messageType: string;
    sender: { id: string; code: string; uscc: string | null };
    heads: readonly Readonly<Record<string, unknown>>[];
    now: Date;
  },
): Promise<(BindingRefusal | undefined)[]> {
  const codes = codesOf(input.sender);
  const date = isoDate(input.now);
  let authorisations: PartyAuthorisation[] = [];
  const firstPass = input.heads.map((h) => unboundParties(input.messageType, h, { codes }, [], date));
  if (firstPass.some((u) => u.length > 0))
    authorisations =
      grants.get(input.sender.id) ?? grants.set(input.sender.id, await grantsTo(db, input.sender.id));
  return input.heads.map((h, i) => {
    const unbound =
      (firstPass[i] as UnboundField[]).length === 0
        ? []
        : unboundParties(input.messageType, h, { codes }, authorisations, date);
    const first = unbound[0];
    return first ? { code: '-10102', info: bindingInfo(first, input.sender.code), field: first } : undefined;
  });
}

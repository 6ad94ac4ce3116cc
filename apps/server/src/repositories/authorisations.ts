import type { Database, Kysely } from '@crossgate/db';
import type { AuthorisationRole, PartyAuthorisation } from '@crossgate/domain';
import { fetchPage, type PageWindow } from './paging.ts';

/** 代理申报授权 rows (migration 0013), with both parties' codes and names and who granted or revoked. */
const base = (db: Kysely<Database>) =>
  db
    .selectFrom('declaration_authorisations as a')
    .innerJoin('organisations as gr', 'gr.id', 'a.grantor_org_id')
    .innerJoin('organisations as ge', 'ge.id', 'a.grantee_org_id')
    .leftJoin('users as ub', 'ub.id', 'a.granted_by')
    .leftJoin('users as ur', 'ur.id', 'a.revoked_by');

const columns = [
  'a.id',
  'a.grantor_org_id',
  'a.grantee_org_id',
  'a.role',
  'a.valid_from',
  'a.valid_to',
  'a.status',
  'a.reason',
  'a.granted_at',
  'a.revoked_at',
  'a.revoke_reason',
  'gr.code as grantor_code',
  'gr.uscc as grantor_uscc',
  'gr.name_zh as grantor_name',
  'ge.code as grantee_code',
  'ge.uscc as grantee_uscc',
  'ge.name_zh as grantee_name',
  'ub.display_name as granted_by_name',
  'ur.display_name as revoked_by_name',
] as const;

export async function findAuthorisation(db: Kysely<Database>, id: string) {
  return base(db).select(columns).where('a.id', '=', id).executeTakeFirst();
}
export type AuthorisationRow = NonNullable<Awaited<ReturnType<typeof findAuthorisation>>>;

/** The one authorisation in force (status granted) of a grantor, grantee and role, if any. */
export async function grantedAuthorisationOf(
  db: Kysely<Database>,
  grantorOrgId: string,
  granteeOrgId: string,
  role: AuthorisationRole,
) {
  return db
    .selectFrom('declaration_authorisations')
    .select('id')
    .where('grantor_org_id', '=', grantorOrgId)
    .where('grantee_org_id', '=', granteeOrgId)
    .where('role', '=', role)
    .where('status', '=', 'granted')
    .executeTakeFirst();
}

export async function insertAuthorisation(
  db: Kysely<Database>,
  row: {
    id: string;
    grantor_org_id: string;
    grantee_org_id: string;
    role: AuthorisationRole;
    valid_from: string;
    valid_to: string | null;
    reason: string;
    granted_by: string | null;
    granted_at: Date;
  },
): Promise<void> {
  await db
    .insertInto('declaration_authorisations')
    .values({ ...row, status: 'granted' })
    .execute();
}

export async function revokeAuthorisation(
  db: Kysely<Database>,
  id: string,
  by: { userId: string | null; at: Date; reason: string },
): Promise<boolean> {
  const res = await db
    .updateTable('declaration_authorisations')
    .set({ status: 'revoked', revoked_by: by.userId, revoked_at: by.at, revoke_reason: by.reason })
    .where('id', '=', id)
    .where('status', '=', 'granted')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface AuthorisationFilter {
  /** Only those this organisation granted or received (an enterprise's own scope). */
  partyOrgId?: string | undefined;
  direction?: 'granted' | 'received' | undefined;
  role?: AuthorisationRole | undefined;
  status?: 'granted' | 'revoked' | undefined;
  inForceOn?: string | undefined;
  grantorCode?: string | undefined;
  granteeCode?: string | undefined;
}

export async function listAuthorisations(db: Kysely<Database>, f: AuthorisationFilter, page: PageWindow) {
  let q = base(db);
  if (f.partyOrgId) {
    const org = f.partyOrgId;
    if (f.direction === 'granted') q = q.where('a.grantor_org_id', '=', org);
    else if (f.direction === 'received') q = q.where('a.grantee_org_id', '=', org);
    else q = q.where((eb) => eb.or([eb('a.grantor_org_id', '=', org), eb('a.grantee_org_id', '=', org)]));
  }
  if (f.role) q = q.where('a.role', '=', f.role);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.inForceOn) {
    const d = f.inForceOn;
    q = q
      .where('a.status', '=', 'granted')
      .where('a.valid_from', '<=', d)
      .where((eb) => eb.or([eb('a.valid_to', 'is', null), eb('a.valid_to', '>', d)]));
  }
  if (f.grantorCode) {
    const c = f.grantorCode;
    q = q.where((eb) => eb.or([eb('gr.code', '=', c), eb('gr.uscc', '=', c)]));
  }
  if (f.granteeCode) {
    const c = f.granteeCode;
    q = q.where((eb) => eb.or([eb('ge.code', '=', c), eb('ge.uscc', '=', c)]));
  }
  return fetchPage(q, (b) => b.select(columns).orderBy('a.granted_at', 'desc').orderBy('a.id'), page);
}

/**
 * Every authorisation granted (not revoked) to this enterprise by an enterprise whose filing is approved, with
 * the grantor's codes: what the gateway needs to bind a sender's documents — one query per sender, whatever the
 * message holds. A grantor whose filing is suspended or revoked cannot declare, nor be declared for.
 */
export async function grantsTo(db: Kysely<Database>, granteeOrgId: string): Promise<PartyAuthorisation[]> {
  const rows = await db
    .selectFrom('declaration_authorisations as a')
    .innerJoin('organisations as o', 'o.id', 'a.grantor_org_id')
    .select(['a.role', 'a.valid_from', 'a.valid_to', 'a.status', 'o.code', 'o.uscc'])
    .where('a.grantee_org_id', '=', granteeOrgId)
    .where('a.status', '=', 'granted')
    .where('o.filing_status', '=', 'approved')
    .execute();
  return rows.map((r) => ({
    grantorCodes: [r.code, ...(r.uscc ? [r.uscc] : [])],
    role: r.role,
    status: r.status,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

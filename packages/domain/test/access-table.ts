import type { Action, Actor, ApiKeyScope, Resource } from '../src/index.ts';
import type { AgencyType, EnterpriseRole, OrganisationKind, UserRole } from '../src/index.ts';

/**
 * The access table, written by hand (issue 15, decision 0031): who may do what to which resource, decided cell by
 * cell from the role descriptions (docs/mission.md §1, identity/roles.ts, docs/ARCHITECTURE.md, decisions 0004,
 * 0015, 0018, 0020) and the regulations cited below — never generated from `scopeFor`. It is the independent
 * oracle of the access policy: `access-policy.test.ts` checks `scopeFor` against every cell, and the route
 * matrix (apps/server/test/access-matrix.int.test.ts) takes its expected answers from it.
 *
 * Rows are actors; each row's cell for a resource reads four actions in the order read, create, update, delete:
 * `A` every record (scope `all`), `O` only the actor's own organisation's records (scope `own`), `.` nothing.
 * For an API key a cell is what the key may really do: the policy's scope, narrowed by the key's scopes
 * (`declare`, `read`, `write`; none given = every operator right). An enterprise holding "every role" is the
 * matrix's probe enterprise (ebp, ebc, payment, logistics, agent, warehouse, overseas warehouse).
 *
 * Reasons for the less obvious cells (by column):
 * - org (organisation): a public-service registry — every party reads it; the zone office registers and edits
 *   it (ARCHITECTURE "the zone office then registers the other parties"); any organisation's administrator
 *   may update its own record (contact details); nobody else writes.
 * - user, key (api_key): users are managed by their organisation's administrator, every user by the zone
 *   administrator; keys are issued to enterprises only (decision 0015), by their administrator, revoked also
 *   by the zone administrator; a key is revoked and reissued, never edited. A key never manages users or keys.
 * - audt (audit): append-only, nobody writes it; customs and the zone office (every user: supervision and the
 *   platform's operator) read the whole trail; other organisations' administrators their own.
 * - tarf (tariff_rate), zone, cset (customs_setting): reference data everyone reads (enterprises must know the
 *   rates and whether their office waits for arrival); the platform's administrators and customs
 *   administrators maintain rates; the zone administrator edits the zone; customs administrators set the
 *   working rules of their offices. Keys read them only with the `read` scope.
 * - impd / expd (import_document / export_document): written only through the CEB gateway (declaration); read
 *   by their parties and by customs, inspection (risk-based sampling, mission §2) and the zone office.
 *   Commerce, tax, forex, statistics and market supervision work on summaries and aggregates, not parcels.
 * - cdec (customs_decision): release, reject, detain, return is customs' act (海关法 art. 29: goods are
 *   released under customs' seal); officers (operators, administrators) decide and every customs user reads
 *   the decisions; never by API key; a decision is superseded by a later one, never deleted — both stay on
 *   the record (海关法 art. 45: customs audits the records for three years after release [UNVERIFIED: article
 *   number from memory]).
 * - acbk (account_book): the bonded warehouse operator keeps its account books (账册), read by customs and the
 *   zone office; a book is closed by customs (核销), never deleted (海关法 art. 45 as above). An enterprise
 *   without the warehouse role has none.
 * - exsm (export_summary): the consignor reads its own; customs, tax and forex (export tax refund and forex
 *   settlement rest on the 报关单证明联), commerce and statistics (trade statistics) read all; customs officers
 *   and the zone administrator form them on demand (decision 0012: "from an officer or the CLI"); enterprises
 *   apply through CEB701 (a declaration), not here; nobody edits or deletes a declaration.
 * - ovwh (overseas_warehouse): a public registry (mission §4.3: public overseas warehouses); the operator
 *   files and maintains its own; customs revokes (update); nobody deletes a filing.
 * - fil (filing): 备案 — the enterprise files and resubmits its own (its key too: operator rights); customs
 *   officers review (update: approve, reject, suspend, revoke); market supervision and the zone office read;
 *   a filing is revoked, never deleted (domain credit/filing.ts: "Revoked is final", 海关总署令第253号).
 * - cred (credit): an enterprise reads its own record; every regulator and the zone office read all (mission
 *   §4.4 credit database); every regulator's officer records events (create); customs sets customs credit
 *   levels and the zone administrator imports third-party ratings (update); never by API key; banks see
 *   nothing until consent is built (mission §1: "with the enterprise's consent").
 * - negl (negative_list): 信用负面清单 — read by every regulator and the zone office, never by enterprises (it
 *   names persons); customs and market supervision officers list and delist (update); never deleted.
 * - pers (personal_data): ID numbers and telephones in clear are sensitive personal information (个人信息保护法
 *   art. 28, minimum necessary art. 6): customs officers verify identity and quotas on any parcel; a signed-in
 *   clerk (operator or administrator) of an enterprise on its own parcels; never a viewer, never a key, never
 *   another agency or the zone office; nobody writes it here.
 * - decl (declaration): sending CEB messages and reading their receipts — enterprises only; every user of the
 *   enterprise reads its receipts, its clerks and keys send; a sent message is never edited or deleted.
 * - auth (authorisation): 代理申报授权 (decision 0018) — granted and revoked (update) by a signed-in clerk of
 *   the enterprise, never by key; both parties read theirs; customs and the zone office read all.
 * - risk (risk_rule): 风险防控 rule sets (issue 19) — customs is the risk authority; every customs user reads the
 *   rule sets, diffs and replays, its officers (operators, administrators) draft, publish and retire them
 *   (publishing is audited); never by key, never deleted (decisions name the version that made them). Nobody
 *   else sees the rules: the declaring enterprise learns only that its parcel was selected.
 * - stat (statistics): 统计监测 (issue 20) — aggregates of the declaration lists: the zone office, customs and the
 *   commerce and statistics bureaus (the plan's statistics users) read the zone's figures; tax, forex, inspection,
 *   market supervision and banks are not among them. An enterprise (and its keys with `read`) reads the figures of
 *   its own traffic. The zone office's clerks (admin, operator; signed in) enter the targets the platform cannot
 *   see; nobody creates or deletes a statistic (they come from the lists).
 * - A key of an organisation other than an enterprise authenticates nobody (decision 0015); the row of a
 *   customs key states that the policy gives it nothing either.
 * - system: the platform's own jobs (schedules, the CLI's operator commands) act on every record.
 */

export type Cell = 'all' | 'own' | 'none';

export const ACTIONS: readonly Action[] = ['read', 'create', 'update', 'delete'];

/** How an actor of a row is made (without ids: the test adds them). */
export interface ActorSpec {
  via: Actor['via'];
  orgKind: OrganisationKind;
  agencyType?: AgencyType;
  enterpriseRoles?: readonly EnterpriseRole[];
  userRoles?: readonly UserRole[];
  keyScopes?: readonly ApiKeyScope[];
}

const EVERY_ROLE: readonly EnterpriseRole[] = [
  'ebp',
  'ebc',
  'payment',
  'logistics',
  'declaration_agent',
  'warehouse',
  'overseas_warehouse',
];
const ent = (userRoles: UserRole[], enterpriseRoles = EVERY_ROLE): ActorSpec => ({
  via: 'session',
  orgKind: 'enterprise',
  enterpriseRoles,
  userRoles,
});
const key = (keyScopes?: ApiKeyScope[], enterpriseRoles = EVERY_ROLE): ActorSpec => ({
  via: 'api_key',
  orgKind: 'enterprise',
  enterpriseRoles,
  ...(keyScopes ? { keyScopes } : {}),
});
const agency = (agencyType: AgencyType, role: UserRole): ActorSpec => ({
  via: 'session',
  orgKind: 'agency',
  agencyType,
  userRoles: [role],
});
const zone = (role: UserRole): ActorSpec => ({ via: 'session', orgKind: 'zone_office', userRoles: [role] });
const bank = (role: UserRole): ActorSpec => ({ via: 'session', orgKind: 'bank', userRoles: [role] });

/** The actors of the rows. Names of the route matrix's callers are the same names. */
export const ACTORS: Record<string, ActorSpec> = {
  'enterprise admin': ent(['admin']),
  'enterprise operator': ent(['operator']),
  'enterprise viewer': ent(['viewer']),
  'enterprise admin and operator': ent(['admin', 'operator']),
  'enterprise API key': key(),
  'API key, declare only': key(['declare']),
  'API key, read only': key(['read']),
  'API key, write only': key(['write']),
  'seller (ebc) operator': ent(['operator'], ['ebc']),
  'seller (ebc) API key': key(undefined, ['ebc']),
  'warehouse operator': ent(['operator'], ['warehouse']),
  'warehouse viewer': ent(['viewer'], ['warehouse']),
  'overseas-warehouse operator': ent(['operator'], ['overseas_warehouse']),
  'overseas-warehouse viewer': ent(['viewer'], ['overseas_warehouse']),
  'customs admin': agency('customs', 'admin'),
  'customs operator': agency('customs', 'operator'),
  'customs viewer': agency('customs', 'viewer'),
  'customs API key': { via: 'api_key', orgKind: 'agency', agencyType: 'customs' },
  'inspection admin': agency('inspection', 'admin'),
  'inspection operator': agency('inspection', 'operator'),
  'inspection viewer': agency('inspection', 'viewer'),
  'commerce admin': agency('commerce', 'admin'),
  'commerce operator': agency('commerce', 'operator'),
  'commerce viewer': agency('commerce', 'viewer'),
  'tax admin': agency('tax', 'admin'),
  'tax operator': agency('tax', 'operator'),
  'tax viewer': agency('tax', 'viewer'),
  'forex admin': agency('forex', 'admin'),
  'forex operator': agency('forex', 'operator'),
  'forex viewer': agency('forex', 'viewer'),
  'market_supervision admin': agency('market_supervision', 'admin'),
  'market_supervision operator': agency('market_supervision', 'operator'),
  'market_supervision viewer': agency('market_supervision', 'viewer'),
  'statistics admin': agency('statistics', 'admin'),
  'statistics operator': agency('statistics', 'operator'),
  'statistics viewer': agency('statistics', 'viewer'),
  'zone-office admin': zone('admin'),
  'zone-office operator': zone('operator'),
  'zone-office viewer': zone('viewer'),
  'bank admin': bank('admin'),
  'bank user': bank('operator'),
  'bank viewer': bank('viewer'),
  system: { via: 'system', orgKind: 'zone_office' },
};

/**
 * The table. Columns in the order of the header (checked against the policy's resource list by the test); each
 * cell is read/create/update/delete. Written row by row from the notes above.
 */
export const GRID = `
actor                         | org  | user | key  | prod | audt | tarf | zone | impd | cdec | acbk | expd | exsm | ovwh | cset | fil  | cred | negl | pers | decl | auth | risk | stat
enterprise admin              | A.O. | OOOO | OO.O | OOOO | O... | A... | A... | O... | .... | OOO. | O... | O... | AOO. | A... | OOO. | O... | .... | O... | OO.. | OOO. | .... | O...
enterprise operator           | A... | .... | .... | OOOO | .... | A... | A... | O... | .... | OOO. | O... | O... | AOO. | A... | OOO. | O... | .... | O... | OO.. | OOO. | .... | O...
enterprise viewer             | A... | .... | .... | O... | .... | A... | A... | O... | .... | O... | O... | O... | A... | A... | O... | O... | .... | .... | O... | O... | .... | O...
enterprise admin and operator | A.O. | OOOO | OO.O | OOOO | O... | A... | A... | O... | .... | OOO. | O... | O... | AOO. | A... | OOO. | O... | .... | O... | OO.. | OOO. | .... | O...
enterprise API key            | A... | .... | .... | OOOO | .... | A... | A... | O... | .... | OOO. | O... | O... | AOO. | A... | OOO. | O... | .... | .... | OO.. | O... | .... | O...
API key, declare only         | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | OO.. | .... | .... | ....
API key, read only            | A... | .... | .... | O... | .... | A... | A... | O... | .... | O... | O... | O... | A... | A... | O... | O... | .... | .... | O... | O... | .... | O...
API key, write only           | .... | .... | .... | .OOO | .... | .... | .... | .... | .... | .OO. | .... | .... | .OO. | .... | .OO. | .... | .... | .... | .... | .... | .... | ....
seller (ebc) operator         | A... | .... | .... | OOOO | .... | A... | A... | O... | .... | .... | O... | O... | A... | A... | OOO. | O... | .... | O... | OO.. | OOO. | .... | O...
seller (ebc) API key          | A... | .... | .... | OOOO | .... | A... | A... | O... | .... | .... | O... | O... | A... | A... | OOO. | O... | .... | .... | OO.. | O... | .... | O...
warehouse operator            | A... | .... | .... | OOOO | .... | A... | A... | O... | .... | OOO. | O... | O... | A... | A... | OOO. | O... | .... | O... | OO.. | OOO. | .... | O...
warehouse viewer              | A... | .... | .... | O... | .... | A... | A... | O... | .... | O... | O... | O... | A... | A... | O... | O... | .... | .... | O... | O... | .... | O...
overseas-warehouse operator   | A... | .... | .... | OOOO | .... | A... | A... | O... | .... | .... | O... | O... | AOO. | A... | OOO. | O... | .... | O... | OO.. | OOO. | .... | O...
overseas-warehouse viewer     | A... | .... | .... | O... | .... | A... | A... | O... | .... | .... | O... | O... | A... | A... | O... | O... | .... | .... | O... | O... | .... | O...
customs admin                 | A.O. | OOOO | .... | A... | A... | AAAA | A... | A... | AAA. | A... | A... | AA.. | A.A. | A.A. | A.A. | AAA. | AAA. | A... | .... | A... | AAA. | A...
customs operator              | A... | .... | .... | A... | A... | A... | A... | A... | AAA. | A... | A... | AA.. | A.A. | A... | A.A. | AAA. | AAA. | A... | .... | A... | AAA. | A...
customs viewer                | A... | .... | .... | A... | A... | A... | A... | A... | A... | A... | A... | A... | A... | A... | A... | A... | A... | .... | .... | A... | A... | A...
customs API key               | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | .... | ....
inspection admin              | A.O. | OOOO | .... | A... | O... | A... | A... | A... | .... | .... | A... | .... | A... | A... | .... | AA.. | A... | .... | .... | .... | .... | ....
inspection operator           | A... | .... | .... | A... | .... | A... | A... | A... | .... | .... | A... | .... | A... | A... | .... | AA.. | A... | .... | .... | .... | .... | ....
inspection viewer             | A... | .... | .... | A... | .... | A... | A... | A... | .... | .... | A... | .... | A... | A... | .... | A... | A... | .... | .... | .... | .... | ....
commerce admin                | A.O. | OOOO | .... | .... | O... | A... | A... | .... | .... | .... | .... | A... | A... | A... | .... | AA.. | A... | .... | .... | .... | .... | A...
commerce operator             | A... | .... | .... | .... | .... | A... | A... | .... | .... | .... | .... | A... | A... | A... | .... | AA.. | A... | .... | .... | .... | .... | A...
commerce viewer               | A... | .... | .... | .... | .... | A... | A... | .... | .... | .... | .... | A... | A... | A... | .... | A... | A... | .... | .... | .... | .... | A...
tax admin                     | A.O. | OOOO | .... | .... | O... | A... | A... | .... | .... | .... | .... | A... | A... | A... | .... | AA.. | A... | .... | .... | .... | .... | ....
tax operator                  | A... | .... | .... | .... | .... | A... | A... | .... | .... | .... | .... | A... | A... | A... | .... | AA.. | A... | .... | .... | .... | .... | ....
tax viewer                    | A... | .... | .... | .... | .... | A... | A... | .... | .... | .... | .... | A... | A... | A... | .... | A... | A... | .... | .... | .... | .... | ....
forex admin                   | A.O. | OOOO | .... | .... | O... | A... | A... | .... | .... | .... | .... | A... | A... | A... | .... | AA.. | A... | .... | .... | .... | .... | ....
forex operator                | A... | .... | .... | .... | .... | A... | A... | .... | .... | .... | .... | A... | A... | A... | .... | AA.. | A... | .... | .... | .... | .... | ....
forex viewer                  | A... | .... | .... | .... | .... | A... | A... | .... | .... | .... | .... | A... | A... | A... | .... | A... | A... | .... | .... | .... | .... | ....
market_supervision admin      | A.O. | OOOO | .... | A... | O... | A... | A... | .... | .... | .... | .... | .... | A... | A... | A... | AA.. | AAA. | .... | .... | .... | .... | ....
market_supervision operator   | A... | .... | .... | A... | .... | A... | A... | .... | .... | .... | .... | .... | A... | A... | A... | AA.. | AAA. | .... | .... | .... | .... | ....
market_supervision viewer     | A... | .... | .... | A... | .... | A... | A... | .... | .... | .... | .... | .... | A... | A... | A... | A... | A... | .... | .... | .... | .... | ....
statistics admin              | A.O. | OOOO | .... | .... | O... | A... | A... | .... | .... | .... | .... | A... | A... | A... | .... | AA.. | A... | .... | .... | .... | .... | A...
statistics operator           | A... | .... | .... | .... | .... | A... | A... | .... | .... | .... | .... | A... | A... | A... | .... | AA.. | A... | .... | .... | .... | .... | A...
statistics viewer             | A... | .... | .... | .... | .... | A... | A... | .... | .... | .... | .... | A... | A... | A... | .... | A... | A... | .... | .... | .... | .... | A...
zone-office admin             | AAAA | AAAA | A..A | A... | A... | AAAA | A.A. | A... | .... | A... | A... | AA.. | A... | A... | A... | A.A. | A... | .... | .... | A... | .... | A.A.
zone-office operator          | A... | .... | .... | A... | A... | A... | A... | A... | .... | A... | A... | A... | A... | A... | A... | A... | A... | .... | .... | A... | .... | A.A.
zone-office viewer            | A... | .... | .... | A... | A... | A... | A... | A... | .... | A... | A... | A... | A... | A... | A... | A... | A... | .... | .... | A... | .... | A...
bank admin                    | A.O. | OOOO | .... | .... | O... | A... | A... | .... | .... | .... | .... | .... | A... | A... | .... | .... | .... | .... | .... | .... | .... | ....
bank user                     | A... | .... | .... | .... | .... | A... | A... | .... | .... | .... | .... | .... | A... | A... | .... | .... | .... | .... | .... | .... | .... | ....
bank viewer                   | A... | .... | .... | .... | .... | A... | A... | .... | .... | .... | .... | .... | A... | A... | .... | .... | .... | .... | .... | .... | .... | ....
system                        | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA | AAAA
`;

/** The header's short names, in order, for the policy's resources (the test checks both lists agree). */
export const COLUMNS: Record<string, Resource> = {
  org: 'organisation',
  user: 'user',
  key: 'api_key',
  prod: 'product',
  audt: 'audit',
  tarf: 'tariff_rate',
  zone: 'zone',
  impd: 'import_document',
  cdec: 'customs_decision',
  acbk: 'account_book',
  expd: 'export_document',
  exsm: 'export_summary',
  ovwh: 'overseas_warehouse',
  cset: 'customs_setting',
  fil: 'filing',
  cred: 'credit',
  negl: 'negative_list',
  pers: 'personal_data',
  decl: 'declaration',
  auth: 'authorisation',
  risk: 'risk_rule',
  stat: 'statistics',
};

const CELL: Record<string, Cell> = { A: 'all', O: 'own', '.': 'none' };

export interface TableRow {
  name: string;
  actor: ActorSpec;
  cells: Record<Resource, Record<Action, Cell>>;
}

/** The grid read into rows; throws on a malformed line, an unknown column or an actor without a row. */
export function accessTable(): TableRow[] {
  const lines = GRID.trim().split('\n');
  const split = (line: string) => line.split('|').map((part) => part.trim());
  const [, ...headers] = split(lines[0] as string);
  const resources = headers.map((h) => {
    const resource = COLUMNS[h];
    if (!resource) throw new Error(`access table: unknown column ${h}`);
    return resource;
  });
  const rows = lines.slice(1).map((line) => {
    const [name, ...codes] = split(line);
    const actor = ACTORS[name as string];
    if (!actor) throw new Error(`access table: no actor named ${name}`);
    if (codes.length !== resources.length) throw new Error(`access table: ${name} has ${codes.length} cells`);
    const cells = {} as Record<Resource, Record<Action, Cell>>;
    codes.forEach((code, i) => {
      if (!/^[AO.]{4}$/.test(code)) throw new Error(`access table: ${name}: bad cell ${code}`);
      cells[resources[i] as Resource] = Object.fromEntries(
        ACTIONS.map((action, j) => [action, CELL[code[j] as string] as Cell]),
      ) as Record<Action, Cell>;
    });
    return { name: name as string, actor, cells };
  });
  const missing = Object.keys(ACTORS).filter((n) => !rows.some((r) => r.name === n));
  if (missing.length > 0) throw new Error(`access table: no row for ${missing.join(', ')}`);
  return rows;
}

/** The columns as the grid's header names them (so a test can compare them with the policy's resource list). */
export function tableResources(): Resource[] {
  const [, ...headers] = (GRID.trim().split('\n')[0] as string).split('|').map((p) => p.trim());
  return headers.map((h) => COLUMNS[h] as Resource);
}

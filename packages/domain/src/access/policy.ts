import type { AgencyType, EnterpriseRole, OrganisationKind, UserRole } from '../identity/roles.ts';

/**
 * Who is acting: a signed-in person, or an enterprise's system calling with an API key. API keys act with
 * operator rights only: they do business, they never manage users or keys.
 */
export interface Actor {
  via: 'session' | 'api_key' | 'system';
  userId: string | null;
  apiKeyId: string | null;
  orgId: string;
  orgKind: OrganisationKind;
  agencyType: AgencyType | null;
  enterpriseRoles: readonly EnterpriseRole[];
  userRoles: readonly UserRole[];
  /** An API key's scopes; absent or null: every operator right of its enterprise (keys issued before scopes). */
  keyScopes?: readonly ApiKeyScope[] | null;
}

/**
 * What an enterprise may let one API key do, beyond the role rules: `declare` — send CEB messages and read their
 * receipts; `read` — query (GET) its records; `write` — other changes (filings, products, webhooks …). A key
 * for the customs broker's declaration system needs only `declare`; a reporting tool only `read`.
 */
export const API_KEY_SCOPES = ['declare', 'read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * The scopes any one of which lets a key call a route: declarations and their receipts need `declare` (the
 * receipt feed also `read`); other reads `read`; other writes `write`.
 */
export function keyScopesFor(resources: readonly Resource[], method: string): readonly ApiKeyScope[] {
  const reads = method === 'GET' || method === 'HEAD';
  if (resources.includes('declaration')) return reads ? ['declare', 'read'] : ['declare'];
  return reads ? ['read'] : ['write'];
}

/** Whether an API key's scopes let it call a route needing any one of `needed` (people are not limited here). */
export const keyScopeAllows = (actor: Actor, needed: readonly ApiKeyScope[]): boolean =>
  actor.via !== 'api_key' || !actor.keyScopes || needed.some((s) => actor.keyScopes?.includes(s));

export const RESOURCES = [
  'organisation',
  'user',
  'api_key',
  'product',
  'audit',
  'tariff_rate',
  'zone',
  'import_document',
  'customs_decision',
  'account_book',
  'export_document',
  'export_summary',
  'overseas_warehouse',
  'customs_setting',
  'filing',
  'credit',
  'negative_list',
  'personal_data',
  'declaration',
  'authorisation',
  'risk_rule',
  'statistics',
] as const;
export type Resource = (typeof RESOURCES)[number];
export type Action = 'read' | 'create' | 'update' | 'delete';

/**
 * What an actor may touch: every record, only its own organisation's records, or nothing.
 * Records outside an `own` scope are answered as not found, so their existence does not leak.
 */
export type Scope = { kind: 'all' } | { kind: 'own'; orgId: string } | { kind: 'none' };

const ALL: Scope = { kind: 'all' };
const NONE: Scope = { kind: 'none' };
const own = (actor: Actor): Scope => ({ kind: 'own', orgId: actor.orgId });

const isAdmin = (a: Actor) => a.via !== 'api_key' && a.userRoles.includes('admin');
const canWrite = (a: Actor) =>
  a.via === 'api_key' ||
  a.via === 'system' ||
  a.userRoles.includes('admin') ||
  a.userRoles.includes('operator');
const isZoneAdmin = (a: Actor) => a.orgKind === 'zone_office' && isAdmin(a);
const isAgency = (a: Actor, ...types: AgencyType[]) =>
  a.orgKind === 'agency' && a.agencyType !== null && types.includes(a.agencyType);

/**
 * Agencies that supervise goods and the enterprises dealing in them see every product filing: customs and
 * inspection (海关 / 检验检疫, clearance and quality), market supervision (市场监管, product quality and
 * credit), and the zone office that runs the platform. Commerce, tax, forex and statistics bureaus work on
 * aggregates and declarations, which later issues expose to them; they do not browse product files.
 */
const PRODUCT_SUPERVISORS: AgencyType[] = ['customs', 'inspection', 'market_supervision'];

/** The access policy, one place for every resource × action. Pure; the services apply the scope. */
export function scopeFor(actor: Actor, resource: Resource, action: Action): Scope {
  if (actor.via === 'system') return ALL;
  // API keys are issued to enterprises only (decision 0015): the sign-in refuses a key of any other kind of
  // organisation, and the policy gives one nothing either (decision 0031).
  if (actor.via === 'api_key' && actor.orgKind !== 'enterprise') return NONE;
  const read = action === 'read';
  switch (resource) {
    case 'organisation':
      // Every party may look up the registry of parties (a public-service function of the window); only the
      // zone office edits it, and an organisation's admin its own record (decision 0031).
      if (read) return ALL;
      if (isZoneAdmin(actor)) return ALL;
      return action === 'update' && isAdmin(actor) ? own(actor) : NONE;
    case 'user':
      if (isZoneAdmin(actor)) return ALL;
      return isAdmin(actor) ? own(actor) : NONE;
    case 'api_key':
      // Keys are issued to enterprises for machine-to-machine messages.
      if (isZoneAdmin(actor) && (read || action === 'delete')) return ALL;
      return actor.orgKind === 'enterprise' && isAdmin(actor) && action !== 'update' ? own(actor) : NONE;
    case 'product':
      if (read) {
        if (actor.orgKind === 'enterprise') return own(actor);
        if (actor.orgKind === 'zone_office' || isAgency(actor, ...PRODUCT_SUPERVISORS)) return ALL;
        return NONE;
      }
      return actor.orgKind === 'enterprise' && canWrite(actor) ? own(actor) : NONE;
    case 'audit':
      // The audit trail is append-only: nobody creates, edits or deletes it through the API.
      if (!read) return NONE;
      if (actor.orgKind === 'zone_office' || isAgency(actor, 'customs')) return ALL;
      return isAdmin(actor) ? own(actor) : NONE;
    case 'tariff_rate':
      // Reference data: everyone reads; the platform administrators and customs administrators maintain it.
      if (read) return ALL;
      return isZoneAdmin(actor) || (isAgency(actor, 'customs') && isAdmin(actor)) ? ALL : NONE;
    case 'zone':
      if (read) return ALL;
      return isZoneAdmin(actor) && action === 'update' ? ALL : NONE;
    case 'import_document':
      // Declarations and their receipts: an enterprise sees the parcels it is a party to (sender, platform,
      // seller, logistics or agent); customs, inspection and the zone office see all. Documents are written
      // only through the CEB gateway, never edited through the API.
      if (!read) return NONE;
      if (actor.orgKind === 'enterprise') return own(actor);
      return actor.orgKind === 'zone_office' || isAgency(actor, 'customs', 'inspection') ? ALL : NONE;
    case 'account_book':
      // Bonded account books (账册) are kept by the warehouse operator; customs and the zone office read them.
      // A book is closed by customs (核销), never deleted: it is the stock's record customs audits after release
      // (海关法 art. 45; decision 0031).
      if (actor.orgKind === 'enterprise')
        return actor.enterpriseRoles.includes('warehouse') &&
          (read || (canWrite(actor) && action !== 'delete'))
          ? own(actor)
          : NONE;
      return read && (actor.orgKind === 'zone_office' || isAgency(actor, 'customs')) ? ALL : NONE;
    case 'export_document':
      // Export declarations: like import ones — the parties see their own, customs and the zone office all.
      if (!read) return NONE;
      if (actor.orgKind === 'enterprise') return own(actor);
      return actor.orgKind === 'zone_office' || isAgency(actor, 'customs', 'inspection') ? ALL : NONE;
    case 'export_summary':
      // Summary declarations and their certificates: the consignor and its agent read theirs; customs, tax and
      // forex (export tax refund, forex settlement), commerce and statistics read all. Customs officers and the
      // zone office form them on demand; enterprises apply through CEB701.
      if (read) {
        if (actor.orgKind === 'enterprise') return own(actor);
        return actor.orgKind === 'zone_office' ||
          isAgency(actor, 'customs', 'tax', 'forex', 'commerce', 'statistics')
          ? ALL
          : NONE;
      }
      return action === 'create' &&
        actor.via !== 'api_key' &&
        canWrite(actor) &&
        (isAgency(actor, 'customs') || isZoneAdmin(actor))
        ? ALL
        : NONE;
    case 'overseas_warehouse':
      // 海外仓 filings: the operator files and maintains its own; customs revokes; everyone may look them up.
      if (read) return ALL;
      if (actor.orgKind === 'enterprise')
        return actor.enterpriseRoles.includes('overseas_warehouse') && canWrite(actor) && action !== 'delete'
          ? own(actor)
          : NONE;
      return action === 'update' && actor.via !== 'api_key' && isAgency(actor, 'customs') && canWrite(actor)
        ? ALL
        : NONE;
    case 'customs_setting':
      // Per-office working rules (e.g. export arrival / release sequencing): customs administrators.
      if (read) return ALL;
      return action === 'update' && isAgency(actor, 'customs') && isAdmin(actor) ? ALL : NONE;
    case 'filing':
      // 备案: an enterprise files for itself (its admin or operator); customs officers review every filing;
      // the zone office and market supervision read them. A filing is revoked, never deleted (the lifecycle's
      // revoked is final, credit/filing.ts; decision 0031).
      if (actor.orgKind === 'enterprise')
        return read || (canWrite(actor) && action !== 'delete') ? own(actor) : NONE;
      if (read)
        return actor.orgKind === 'zone_office' || isAgency(actor, 'customs', 'market_supervision')
          ? ALL
          : NONE;
      return action === 'update' && actor.via !== 'api_key' && isAgency(actor, 'customs') && canWrite(actor)
        ? ALL
        : NONE;
    case 'credit':
      // The credit record: an enterprise reads its own; regulators and the zone office read all. Regulators
      // record events (create); customs sets customs credit levels and the zone office imports third-party
      // ratings and the sampling table (update).
      if (read) {
        if (actor.orgKind === 'enterprise') return own(actor);
        return actor.orgKind === 'zone_office' || actor.orgKind === 'agency' ? ALL : NONE;
      }
      if (actor.via === 'api_key' || !canWrite(actor)) return NONE;
      if (action === 'create') return actor.orgKind === 'agency' ? ALL : NONE;
      if (action === 'update') return isAgency(actor, 'customs') || isZoneAdmin(actor) ? ALL : NONE;
      return NONE;
    case 'negative_list':
      // 信用负面清单: regulators and the zone office read it; customs and market supervision officers list and
      // delist (audited).
      if (read) return actor.orgKind === 'zone_office' || actor.orgKind === 'agency' ? ALL : NONE;
      return actor.via !== 'api_key' &&
        canWrite(actor) &&
        isAgency(actor, 'customs', 'market_supervision') &&
        action !== 'delete'
        ? ALL
        : NONE;
    case 'personal_data':
      // Buyers' and payers' ID numbers and telephones in clear (个人信息保护法 art. 28: sensitive personal
      // information): customs officers, who verify identity and quotas, see any parcel's; a signed-in clerk of
      // an enterprise sees those of parcels it is party to. Never by API key (systems already hold what they
      // sent), never other agencies or the zone office. Every view is audited; nobody writes it here.
      if (!read || actor.via !== 'session') return NONE;
      if (isAgency(actor, 'customs') && canWrite(actor)) return ALL;
      return actor.orgKind === 'enterprise' && canWrite(actor) ? own(actor) : NONE;
    case 'declaration':
      // Sending CEB messages (the gateway and the JSON channel) and reading their receipts: enterprises, by
      // API key or by a clerk who does the enterprise's work; never a viewer. What each message may declare
      // (the sender's approved roles, copCode) is checked by the gateway itself.
      if (actor.orgKind !== 'enterprise') return NONE;
      if (read) return own(actor);
      return action === 'create' && canWrite(actor) ? own(actor) : NONE;
    case 'authorisation':
      // 代理申报授权 (decision 0018): an enterprise grants and revokes, by a signed-in admin or operator (never an
      // API key — a leaked declaration key must not be able to lend the enterprise's name), the authorisations
      // that let another enterprise declare in its name; both parties read theirs (the service narrows `own`
      // to grantor or grantee); customs officers and the zone office read all. Nobody edits or deletes one.
      if (read) {
        if (actor.orgKind === 'enterprise') return own(actor);
        return actor.orgKind === 'zone_office' || isAgency(actor, 'customs') ? ALL : NONE;
      }
      return actor.orgKind === 'enterprise' &&
        actor.via === 'session' &&
        canWrite(actor) &&
        (action === 'create' || action === 'update')
        ? own(actor)
        : NONE;
    case 'risk_rule':
      // 风险防控 rule sets (issue 19, decision 0042): customs is the risk authority. There is no finer role than
      // the customs user roles yet, so every customs user reads the rule sets, their diffs and replays; customs
      // officers (operators, administrators, signed in — never a key) draft, publish and retire them. Nobody
      // deletes a version: the parcels it judged name it. Enterprises never see the rules (only that a parcel was
      // selected), nor do other agencies or the zone office.
      if (actor.via === 'api_key' || !isAgency(actor, 'customs')) return NONE;
      if (read) return ALL;
      return action !== 'delete' && canWrite(actor) ? ALL : NONE;
    case 'statistics':
      // 统计监测 (issue 20, decision 0048): aggregates of the declaration lists. The zone office, customs and the
      // commerce and statistics bureaus read the zone's figures; an enterprise reads those of its own traffic (the
      // parcels it declared or is named on as platform, seller or carrier). The zone office's clerks update what
      // the platform cannot see (targets entered with their source); nobody creates or deletes statistics.
      if (read) {
        if (actor.orgKind === 'enterprise') return own(actor);
        return actor.orgKind === 'zone_office' || isAgency(actor, 'customs', 'commerce', 'statistics')
          ? ALL
          : NONE;
      }
      return action === 'update' &&
        actor.via === 'session' &&
        actor.orgKind === 'zone_office' &&
        canWrite(actor)
        ? ALL
        : NONE;
    case 'customs_decision':
      // Release, reject, detain, return (海关法 art. 29: goods are released under customs' seal): customs officers
      // (operators or admins) decide, never by API key; every customs user, a viewer too, reads the decisions; a
      // decision is superseded by a later one, never deleted (decision 0031).
      if (actor.via === 'api_key' || !isAgency(actor, 'customs')) return NONE;
      if (read) return ALL;
      return action !== 'delete' && canWrite(actor) ? ALL : NONE;
  }
}

/** Whether a record owned by `ownerOrgId` is inside the scope. */
export function inScope(scope: Scope, ownerOrgId: string): boolean {
  return scope.kind === 'all' || (scope.kind === 'own' && scope.orgId === ownerOrgId);
}

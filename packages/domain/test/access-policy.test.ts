import { describe, expect, it } from 'vitest';
import {
  inScope,
  keyScopeAllows,
  keyScopesFor,
  RESOURCES,
  scopeFor,
  type Action,
  type Actor,
  type Resource,
  type Scope,
} from '../src/index.ts';
import { ACTIONS, ACTORS, accessTable, tableResources, type ActorSpec, type Cell } from './access-table.ts';

const actor = (over: Partial<Actor>): Actor => ({
  via: 'session',
  userId: 'u1',
  apiKeyId: null,
  orgId: 'org-a',
  orgKind: 'enterprise',
  agencyType: null,
  enterpriseRoles: ['ebc'],
  userRoles: ['operator'],
  ...over,
});

describe('access policy', () => {
  it('scopes an enterprise to its own products', () => {
    const scope = scopeFor(actor({}), 'product', 'read');
    expect(scope).toEqual({ kind: 'own', orgId: 'org-a' });
    expect(inScope(scope, 'org-b')).toBe(false);
  });

  it('lets an enterprise API key declare but never manage keys or users', () => {
    const key = actor({ via: 'api_key', userId: null, apiKeyId: 'k1', userRoles: [] });
    expect(scopeFor(key, 'product', 'create').kind).toBe('own');
    expect(scopeFor(key, 'api_key', 'create').kind).toBe('none');
    expect(scopeFor(key, 'user', 'read').kind).toBe('none');
  });

  it('lets customs read every product but write none', () => {
    const customs = actor({ orgKind: 'agency', agencyType: 'customs', enterpriseRoles: [] });
    expect(scopeFor(customs, 'product', 'read').kind).toBe('all');
    expect(scopeFor(customs, 'product', 'update').kind).toBe('none');
  });

  it('keeps product files from bureaus that work on aggregates (tax, forex, statistics)', () => {
    for (const agencyType of ['tax', 'forex', 'statistics', 'commerce'] as const) {
      expect(
        scopeFor(actor({ orgKind: 'agency', agencyType, enterpriseRoles: [] }), 'product', 'read').kind,
      ).toBe('none');
    }
  });

  it('lets only platform and customs administrators edit tariff rates', () => {
    expect(
      scopeFor(actor({ orgKind: 'zone_office', userRoles: ['admin'] }), 'tariff_rate', 'create').kind,
    ).toBe('all');
    expect(
      scopeFor(
        actor({ orgKind: 'agency', agencyType: 'customs', userRoles: ['admin'] }),
        'tariff_rate',
        'update',
      ).kind,
    ).toBe('all');
    expect(
      scopeFor(
        actor({ orgKind: 'agency', agencyType: 'customs', userRoles: ['operator'] }),
        'tariff_rate',
        'update',
      ).kind,
    ).toBe('none');
    expect(scopeFor(actor({ userRoles: ['admin'] }), 'tariff_rate', 'create').kind).toBe('none');
  });

  it('never lets anyone write the audit log through the policy', () => {
    expect(scopeFor(actor({ orgKind: 'zone_office', userRoles: ['admin'] }), 'audit', 'update').kind).toBe(
      'none',
    );
  });

  it('lets an enterprise’s signed-in admin or operator grant and revoke authorisations, never a key or a viewer', () => {
    expect(scopeFor(actor({}), 'authorisation', 'create')).toEqual({ kind: 'own', orgId: 'org-a' });
    expect(scopeFor(actor({ userRoles: ['admin'] }), 'authorisation', 'update').kind).toBe('own');
    expect(scopeFor(actor({ userRoles: ['viewer'] }), 'authorisation', 'create').kind).toBe('none');
    expect(scopeFor(actor({ userRoles: ['viewer'] }), 'authorisation', 'read').kind).toBe('own');
    const key = actor({ via: 'api_key', userId: null, apiKeyId: 'k1', userRoles: [] });
    expect(scopeFor(key, 'authorisation', 'create').kind).toBe('none');
    expect(scopeFor(key, 'authorisation', 'read').kind).toBe('own');
    expect(scopeFor(actor({}), 'authorisation', 'delete').kind).toBe('none');
    const customs = actor({ orgKind: 'agency', agencyType: 'customs', enterpriseRoles: [] });
    expect(scopeFor(customs, 'authorisation', 'read').kind).toBe('all');
    expect(scopeFor(customs, 'authorisation', 'update').kind).toBe('none');
    expect(
      scopeFor(actor({ orgKind: 'zone_office', userRoles: ['admin'] }), 'authorisation', 'read').kind,
    ).toBe('all');
    expect(
      scopeFor(actor({ orgKind: 'agency', agencyType: 'tax', enterpriseRoles: [] }), 'authorisation', 'read')
        .kind,
    ).toBe('none');
  });
});

/**
 * The hand-written table (access-table.ts, decision 0031) against the policy: every actor × resource × action.
 * An API key's answer is the policy's scope narrowed by the key's scopes, as the HTTP layer applies them (a
 * read is a GET, any other action a write).
 */
const RULE_OF: Record<Resource, string> = {
  organisation: 'the registry of parties is read by all, kept by the zone office and each admin for its own',
  user: "users are managed by their organisation's admin and the zone admin",
  api_key: "keys are issued and revoked by an enterprise's admin; the zone admin reads and revokes any",
  product: 'products are written by their enterprise and read by it and the product supervisors',
  audit: 'the audit trail is append-only; customs and the zone office read all, admins their own',
  tariff_rate: 'tariff rates are read by all and kept by zone and customs admins',
  zone: 'the zone is read by all and edited by the zone admin',
  import_document: 'import documents are read by their parties, customs, inspection and the zone office',
  customs_decision: 'customs officers decide on parcels, every customs user reads decisions, none is deleted',
  account_book: 'account books are kept by the warehouse operator, read by customs and the zone office',
  export_document: 'export documents are read by their parties, customs, inspection and the zone office',
  export_summary:
    'summaries are read by the consignor and the trade regulators, formed by customs and the zone',
  overseas_warehouse: 'overseas warehouses are a public registry filed by their operator, revoked by customs',
  customs_setting: "customs offices' working rules are read by all and set by customs admins",
  filing: 'enterprises file for themselves, customs reviews, market supervision and the zone office read',
  credit: 'credit records are read by their enterprise and the regulators; regulators record events',
  negative_list: 'the negative list is read by regulators and the zone office, kept by customs and SAMR',
  personal_data: 'personal data in clear is read only by customs officers and a party’s signed-in clerks',
  declaration: 'enterprises declare (clerks and keys) and read their receipts',
  authorisation: 'authorisations are granted by signed-in clerks, read by both parties, customs and the zone',
  risk_rule: 'risk rule sets are read by customs users and kept by customs officers, never by a key',
  statistics:
    'statistics are read by the zone, customs, commerce and statistics; an enterprise reads its own',
};

const actorOf = (spec: ActorSpec): Actor => ({
  via: spec.via,
  userId: spec.via === 'session' ? 'user-t' : null,
  apiKeyId: spec.via === 'api_key' ? 'key-t' : null,
  orgId: 'org-t',
  orgKind: spec.orgKind,
  agencyType: spec.agencyType ?? null,
  enterpriseRoles: spec.enterpriseRoles ?? [],
  userRoles: spec.userRoles ?? [],
  ...(spec.keyScopes ? { keyScopes: spec.keyScopes } : {}),
});

/** What the actor may really do: the policy's scope, refused when an API key's scopes do not cover it. */
function effective(actor: Actor, resource: Resource, action: Action): Scope {
  const method = action === 'read' ? 'GET' : 'POST';
  if (!keyScopeAllows(actor, keyScopesFor([resource], method))) return { kind: 'none' };
  return scopeFor(actor, resource, action);
}

const expectedScope = (cell: Cell): Scope =>
  cell === 'own' ? { kind: 'own', orgId: 'org-t' } : { kind: cell };

describe('the hand-written access table (decision 0031)', () => {
  const rows = accessTable();

  it('has one column per resource of the policy and one row per actor', () => {
    expect([...tableResources()].sort()).toEqual([...RESOURCES].sort());
    expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(ACTORS).sort());
    expect(rows.length * RESOURCES.length * ACTIONS.length).toBe(3784);
  });

  it.each(RESOURCES.map((r) => [r, RULE_OF[r]] as const))('%s: %s', (resource) => {
    const wrong: string[] = [];
    for (const row of rows) {
      const actor = actorOf(row.actor);
      for (const action of ACTIONS) {
        const want = row.cells[resource][action];
        const got = effective(actor, resource, action);
        if (JSON.stringify(got) !== JSON.stringify(expectedScope(want)))
          wrong.push(`${row.name} ${action}: table ${want}, policy ${got.kind}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

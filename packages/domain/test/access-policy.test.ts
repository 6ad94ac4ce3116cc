import { describe, expect, it } from 'vitest';
import { inScope, scopeFor, type Actor } from '../src/index.ts';

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

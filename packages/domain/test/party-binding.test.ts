import { describe, expect, it } from 'vitest';
import {
  PARTY_BINDINGS,
  authorisationInForce,
  checkAuthorisationGrant,
  grantableRoles,
  rolesBoundIn,
  unboundParties,
  type PartyAuthorisation,
} from '../src/index.ts';

const AGENT = { codes: ['4614960006', '91410800MA40PH066D'] };
const SELLER = ['4614960002', '91410800MA40XP029C'];
const TODAY = '2026-05-10';
const grant = (over: Partial<PartyAuthorisation> = {}): PartyAuthorisation => ({
  grantorCodes: SELLER,
  role: 'ebc',
  status: 'granted',
  validFrom: '2026-01-01',
  validTo: null,
  ...over,
});
const inventory = (over: Record<string, string> = {}) => ({
  agentCode: '4614960006',
  ebcCode: '4614960002',
  ebpCode: '4614960001',
  logisticsCode: '4614960005',
  assureCode: '4614960006',
  lines: [{ gnum: '1' }],
  ...over,
});

describe('party binding (decision 0018)', () => {
  it('covers every message type the gateway accepts, each with at least one bound field', () => {
    expect(Object.keys(PARTY_BINDINGS).sort()).toEqual(
      [
        'CEB311Message',
        'CEB411Message',
        'CEB511Message',
        'CEB513Message',
        'CEB621Message',
        'CEB623Message',
        'CEB625Message',
        'CEB711Message',
        'CEB303Message',
        'CEB403Message',
        'CEB505Message',
        'CEB507Message',
        'CEB509Message',
        'CEB603Message',
        'CEB605Message',
        'CEB607Message',
        'CEB701Message',
        'CEB213Message',
        'CEB215Message',
      ].sort(),
    );
    for (const b of Object.values(PARTY_BINDINGS)) {
      expect(b.bound.length, b.messageType).toBeGreaterThan(0);
      for (const f of b.bound) expect(f.basis.length, `${b.messageType}.${f.field}`).toBeGreaterThan(10);
      // A field is either bound or a named counterparty, never both.
      const bound = new Set(b.bound.map((f) => f.field));
      for (const c of b.counterparties) expect(bound.has(c.field), `${b.messageType}.${c.field}`).toBe(false);
    }
  });

  it('binds an inventory the agent declares for itself and for a seller that authorised it', () => {
    expect(unboundParties('CEB621Message', inventory(), AGENT, [grant()], TODAY)).toEqual([]);
    // The seller’s USCC names it as well as its customs code.
    expect(
      unboundParties('CEB621Message', inventory({ ebcCode: SELLER[1] as string }), AGENT, [grant()], TODAY),
    ).toEqual([]);
  });

  it('refuses an inventory naming a seller that has not authorised the sender, naming the field and value', () => {
    expect(unboundParties('CEB621Message', inventory(), AGENT, [], TODAY)).toEqual([
      {
        entity: 'InventoryHead',
        field: 'ebcCode',
        path: 'InventoryHead.ebcCode',
        value: '4614960002',
        binding: 'ebc',
      },
    ]);
  });

  it('does not let an authorisation for another role stand in', () => {
    const u = unboundParties('CEB621Message', inventory(), AGENT, [grant({ role: 'payment' })], TODAY);
    expect(u.map((x) => x.path)).toEqual(['InventoryHead.ebcCode']);
  });

  it('does not let an authorisation granted by another enterprise stand in', () => {
    const u = unboundParties(
      'CEB621Message',
      inventory(),
      AGENT,
      [grant({ grantorCodes: ['4614960003'] })],
      TODAY,
    );
    expect(u.map((x) => x.path)).toEqual(['InventoryHead.ebcCode']);
  });

  it('honours the period (from inclusive, to exclusive) and revocation', () => {
    const at = (g: PartyAuthorisation, date: string) =>
      unboundParties('CEB621Message', inventory(), AGENT, [g], date).length === 0;
    const g = grant({ validFrom: '2026-05-01', validTo: '2026-06-01' });
    expect(at(g, '2026-04-30')).toBe(false);
    expect(at(g, '2026-05-01')).toBe(true);
    expect(at(g, '2026-05-31')).toBe(true);
    expect(at(g, '2026-06-01')).toBe(false);
    expect(at(grant({ status: 'revoked' }), TODAY)).toBe(false);
    expect(authorisationInForce(grant({ validTo: null }), '2099-12-31')).toBe(true);
  });

  it('requires the declaring unit (agentCode) to be the sender itself, whatever is authorised', () => {
    const u = unboundParties(
      'CEB621Message',
      inventory({ agentCode: '4614960002' }),
      AGENT,
      [grant(), grant({ role: 'assure' }), grant({ role: 'warehouse' })],
      TODAY,
    );
    expect(u.map((x) => [x.path, x.binding])).toEqual([['InventoryHead.agentCode', 'sender']]);
  });

  it('binds the tax guarantor and, when filled, the bonded warehouse of a 1210 inventory', () => {
    const bonded = inventory({ areaCode: '4614960007', assureCode: '4614960002' });
    expect(unboundParties('CEB621Message', bonded, AGENT, [grant()], TODAY).map((x) => x.path)).toEqual([
      'InventoryHead.areaCode',
      'InventoryHead.assureCode',
    ]);
    expect(
      unboundParties(
        'CEB621Message',
        bonded,
        AGENT,
        [grant(), grant({ role: 'assure' }), grant({ role: 'warehouse', grantorCodes: ['4614960007'] })],
        TODAY,
      ),
    ).toEqual([]);
    // areaCode is optional: a 9610 inventory without one has nothing to bind there.
    expect(unboundParties('CEB621Message', inventory({ areaCode: '' }), AGENT, [grant()], TODAY)).toEqual([]);
  });

  it('binds an order to its platform, not to the seller it names', () => {
    const platform = { codes: ['4614960001'] };
    const order = { ebpCode: '4614960001', ebcCode: '4614960002', payCode: '4614960004' };
    expect(unboundParties('CEB311Message', order, platform, [], TODAY)).toEqual([]);
    const squatter = { codes: ['4614960003'] };
    expect(unboundParties('CEB311Message', order, squatter, [], TODAY).map((x) => x.path)).toEqual([
      'OrderHead.ebpCode',
    ]);
  });

  it('binds an export order to the seller when the platform writes 无, and a receipt to its collector', () => {
    const seller = { codes: ['4614960002'] };
    expect(
      unboundParties('CEB303Message', { ebpCode: '无', ebcCode: '4614960002' }, seller, [], TODAY),
    ).toEqual([]);
    expect(
      unboundParties('CEB303Message', { ebpCode: '无', ebcCode: '4614960003' }, seller, [], TODAY).map(
        (x) => x.path,
      ),
    ).toEqual(['OrderHead.ebcCode']);
    const payment = { codes: ['4614960004'] };
    const receipt = { ebpCode: '4614960001', ebcCode: '4614960002', payCode: '4614960004' };
    expect(unboundParties('CEB403Message', receipt, payment, [], TODAY)).toEqual([]);
    // 现金支付: no payment firm, the seller declares its own receipt.
    expect(unboundParties('CEB403Message', { ...receipt, payCode: '' }, seller, [], TODAY)).toEqual([]);
    expect(
      unboundParties('CEB403Message', { ...receipt, payCode: '' }, payment, [], TODAY).map((x) => x.path),
    ).toEqual(['Receipts.ebcCode']);
  });

  it('treats a missing required party code as unbound, and an unknown message type as having none', () => {
    expect(
      unboundParties('CEB511Message', { logisticsNo: 'X' }, { codes: ['4614960005'] }, [], TODAY),
    ).toEqual([
      {
        entity: 'LogisticsHead',
        field: 'logisticsCode',
        path: 'LogisticsHead.logisticsCode',
        value: '',
        binding: 'logistics',
      },
    ]);
    expect(unboundParties('CEB999Message', { anything: 'x' }, { codes: [] }, [], TODAY)).toEqual([]);
  });

  it('names which authorisation roles each message can ask for', () => {
    expect(rolesBoundIn('CEB621Message').sort()).toEqual(['assure', 'ebc', 'warehouse']);
    expect(rolesBoundIn('CEB403Message').sort()).toEqual(['ebc', 'payment']);
    expect(rolesBoundIn('CEB607Message')).toEqual([]);
  });

  it('lets an enterprise grant only roles it holds, not to itself, not back-dated, for a non-empty period', () => {
    expect(grantableRoles(['ebc'])).toEqual(['ebc', 'assure']);
    expect(grantableRoles(['overseas_warehouse'])).toEqual(['ebp']);
    const ok = {
      grantorRoles: ['ebc'],
      granteeIsGrantor: false,
      role: 'ebc' as const,
      validFrom: TODAY,
      validTo: null,
      today: TODAY,
    };
    expect(checkAuthorisationGrant(ok)).toEqual([]);
    expect(checkAuthorisationGrant({ ...ok, role: 'payment' }).map((e) => e.code)).toEqual(['ROLE_NOT_HELD']);
    expect(checkAuthorisationGrant({ ...ok, granteeIsGrantor: true }).map((e) => e.code)).toEqual([
      'SELF_AUTHORISATION',
    ]);
    expect(checkAuthorisationGrant({ ...ok, validFrom: '2026-05-09' }).map((e) => e.code)).toEqual([
      'BACKDATED',
    ]);
    expect(checkAuthorisationGrant({ ...ok, validTo: TODAY }).map((e) => e.code)).toEqual(['EMPTY_PERIOD']);
  });
});

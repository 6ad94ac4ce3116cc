import { describe, expect, it } from 'vitest';
import {
  FILING_TRANSITIONS,
  checkEnterpriseFiling,
  checkFilingDecision,
  checkFilingTransition,
  type EnterpriseFilingInput,
  type FilingActor,
  type FilingStatus,
} from '../src/index.ts';

const SHA = 'a'.repeat(64);

const filing = (over: Partial<EnterpriseFilingInput> = {}): EnterpriseFilingInput => ({
  uscc: '91440300708461136T',
  customsCode: '4614960002',
  nameZh: '焦作演示电商企业有限公司',
  nameEn: 'Jiaozuo Demo E-commerce Co., Ltd.',
  roles: ['ebc', 'declaration_agent'],
  legalRep: '张三',
  address: '河南省焦作市马村区通港大道1号',
  contacts: [{ name: '李四', phone: '13912345678', email: 'trade@example.cn' }],
  documents: [{ kind: 'business_licence', name: '营业执照.pdf', sha256: SHA }],
  ...over,
});

const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('enterprise filing lifecycle (FILING_TRANSITIONS)', () => {
  const allowed: [FilingStatus, FilingStatus, FilingActor][] = [
    ['draft', 'draft', 'enterprise'],
    ['draft', 'submitted', 'enterprise'],
    ['submitted', 'approved', 'officer'],
    ['submitted', 'rejected', 'officer'],
    ['rejected', 'draft', 'enterprise'],
    ['rejected', 'submitted', 'enterprise'],
    ['approved', 'suspended', 'officer'],
    ['approved', 'revoked', 'officer'],
    ['suspended', 'approved', 'officer'],
    ['suspended', 'revoked', 'officer'],
  ];

  it.each(allowed)('lets %s → %s by the %s', (from, to, by) => {
    expect(checkFilingTransition(from, to, by)).toEqual([]);
  });

  it('allows exactly the listed transitions and no other', () => {
    const statuses: FilingStatus[] = ['draft', 'submitted', 'approved', 'rejected', 'suspended', 'revoked'];
    const actors: FilingActor[] = ['enterprise', 'officer'];
    let allowedCount = 0;
    for (const from of statuses)
      for (const to of statuses)
        for (const by of actors) if (checkFilingTransition(from, to, by).length === 0) allowedCount++;
    expect(allowedCount).toBe(allowed.length);
    expect(FILING_TRANSITIONS.flatMap((t) => t.by.map(() => 1)).length).toBe(allowed.length);
  });

  it('refuses an enterprise approving its own filing, naming what it may do instead', () => {
    expect(checkFilingTransition('submitted', 'approved', 'enterprise')).toEqual([
      expect.objectContaining({
        code: 'FILING_TRANSITION',
        field: 'status',
        expected: 'no change from submitted by enterprise',
        actual: 'submitted → approved',
      }),
    ]);
  });

  it('refuses an officer approving a draft that was never submitted', () => {
    expect(checkFilingTransition('draft', 'approved', 'officer')[0]?.code).toBe('FILING_TRANSITION');
  });

  it('keeps a revoked filing revoked: the enterprise files anew', () => {
    expect(checkFilingTransition('revoked', 'approved', 'officer')[0]?.expected).toBe(
      'no change from revoked by officer',
    );
    expect(checkFilingTransition('revoked', 'submitted', 'enterprise')).toHaveLength(1);
  });

  it('lists the officer’s options from a suspended filing', () => {
    expect(checkFilingTransition('suspended', 'rejected', 'officer')[0]?.expected).toBe(
      'suspended → approved | revoked',
    );
  });
});

describe('officer decisions on a filing', () => {
  it('approves only after the legal representative’s identity was verified', () => {
    expect(checkFilingDecision({ to: 'approved', reasons: [], identityVerified: true })).toEqual([]);
    expect(checkFilingDecision({ to: 'approved', reasons: [], identityVerified: false })).toEqual([
      expect.objectContaining({ code: 'IDENTITY_NOT_VERIFIED', field: 'identityVerified' }),
    ]);
  });

  it.each(['rejected', 'suspended', 'revoked'] as const)('requires at least one reason for %s', (to) => {
    expect(checkFilingDecision({ to, reasons: [], identityVerified: true })).toEqual([
      expect.objectContaining({ code: 'REASON_REQUIRED', field: 'reasons' }),
    ]);
    expect(checkFilingDecision({ to, reasons: ['  '], identityVerified: true })[0]?.code).toBe(
      'REASON_REQUIRED',
    );
    expect(checkFilingDecision({ to, reasons: ['营业执照已过期'], identityVerified: false })).toEqual([]);
  });

  it('names an empty reason among real ones by its index', () => {
    expect(
      checkFilingDecision({ to: 'rejected', reasons: ['地址与营业执照不符', ''], identityVerified: false }),
    ).toEqual([expect.objectContaining({ code: 'REASON_EMPTY', field: 'reasons[1]' })]);
  });

  it('refuses a decision that is not one (draft, submitted)', () => {
    expect(checkFilingDecision({ to: 'submitted', reasons: [], identityVerified: true })[0]?.code).toBe(
      'FILING_DECISION',
    );
  });
});

describe('enterprise filing fields', () => {
  it('accepts a complete filing with real USCCs (GB 32100-2015)', () => {
    for (const uscc of ['91110000600037341L', '91350100M000100Y43', '91440300708461136T']) {
      expect(checkEnterpriseFiling(filing({ uscc }))).toEqual([]);
    }
  });

  it('refuses a USCC whose check character was changed', () => {
    expect(checkEnterpriseFiling(filing({ uscc: '91440300708461136U' }))).toEqual([
      expect.objectContaining({
        code: 'USCC_CHECK_CHARACTER',
        field: 'uscc',
        expected: '91440300708461136T',
      }),
    ]);
  });

  it('refuses a customs code that is not 10 characters', () => {
    expect(fields(checkEnterpriseFiling(filing({ customsCode: '461496' })))).toEqual(['customsCode']);
  });

  it('refuses no roles, unknown roles and a role applied for twice, by index', () => {
    expect(checkEnterpriseFiling(filing({ roles: [] }))[0]?.code).toBe('ROLE_REQUIRED');
    const errors = checkEnterpriseFiling(filing({ roles: ['ebc', 'customs', 'ebc'] }));
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['ROLE_UNKNOWN', 'roles[1]'],
      ['ROLE_DUPLICATE', 'roles[2]'],
    ]);
  });

  it('requires the Chinese name (at most 100 characters), the legal representative and the address', () => {
    const errors = checkEnterpriseFiling(filing({ nameZh: '', legalRep: ' ', address: '' }));
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['NAME_ZH_REQUIRED', 'nameZh'],
      ['LEGAL_REP_REQUIRED', 'legalRep'],
      ['ADDRESS_REQUIRED', 'address'],
    ]);
    expect(checkEnterpriseFiling(filing({ nameZh: '焦'.repeat(101) }))).toEqual([
      expect.objectContaining({ code: 'NAME_ZH_LENGTH', field: 'nameZh', actual: '101 characters' }),
    ]);
    expect(checkEnterpriseFiling(filing({ nameZh: '焦'.repeat(100) }))).toEqual([]);
  });

  it('requires a contact whose phone is a Chinese mobile or landline number, naming the contact’s path', () => {
    expect(checkEnterpriseFiling(filing({ contacts: [] }))[0]?.code).toBe('CONTACT_REQUIRED');
    for (const phone of ['13912345678', '19800001111', '0391-3568888', '03913568888', '010-12345678']) {
      expect(checkEnterpriseFiling(filing({ contacts: [{ name: '李四', phone }] }))).toEqual([]);
    }
    const errors = checkEnterpriseFiling(
      filing({
        contacts: [
          { name: '李四', phone: '13912345678' },
          { name: '', phone: '12912345678', email: 'not-an-email' },
        ],
      }),
    );
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['CONTACT_NAME_REQUIRED', 'contacts[1].name'],
      ['PHONE_FORMAT', 'contacts[1].phone'],
      ['EMAIL_FORMAT', 'contacts[1].email'],
    ]);
  });

  it('requires the business licence (营业执照) among the documents', () => {
    expect(
      checkEnterpriseFiling(
        filing({ documents: [{ kind: 'legal_rep_id', name: '身份证.pdf', sha256: SHA }] }),
      ),
    ).toEqual([
      expect.objectContaining({ code: 'DOCUMENT_REQUIRED', field: 'documents', actual: 'legal_rep_id' }),
    ]);
    expect(checkEnterpriseFiling(filing({ documents: [] }))[0]?.actual).toBe('(none)');
  });

  it('refuses a document digest that is not a 64-hex SHA-256, by index', () => {
    const errors = checkEnterpriseFiling(
      filing({
        documents: [
          { kind: 'business_licence', name: '营业执照.pdf', sha256: SHA.toUpperCase() },
          { kind: 'other', name: '补充材料.pdf', sha256: 'z'.repeat(64) },
        ],
      }),
    );
    expect(errors).toEqual([
      expect.objectContaining({ code: 'DOCUMENT_DIGEST', field: 'documents[1].sha256' }),
    ]);
  });
});

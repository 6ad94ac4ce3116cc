import { describe, expect, it } from 'vitest';
import { checkOrganisationRegistration } from '../src/index.ts';

describe('organisation registration', () => {
  it('requires an enterprise to have a customs code, a valid USCC and a business role', () => {
    expect(
      checkOrganisationRegistration({
        kind: 'enterprise',
        code: '4614960002',
        uscc: '9144030071526726XG',
        enterpriseRoles: ['ebc'],
      }),
    ).toEqual([]);
    const codes = checkOrganisationRegistration({
      kind: 'enterprise',
      code: 'ABC',
      uscc: '9144030071526726XA',
      enterpriseRoles: [],
    }).map((e) => e.code);
    expect(codes).toEqual(['CUSTOMS_CODE_FORMAT', 'ROLE_REQUIRED', 'USCC_CHECK_CHARACTER']);
  });

  it('requires an agency to name its type and forbids it business roles', () => {
    const codes = checkOrganisationRegistration({
      kind: 'agency',
      code: 'JZ-TAX',
      enterpriseRoles: ['ebc'],
    }).map((e) => e.code);
    expect(codes).toEqual(['ROLE_NOT_ALLOWED', 'AGENCY_TYPE_REQUIRED']);
  });
});

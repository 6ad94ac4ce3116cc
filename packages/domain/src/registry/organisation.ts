import type { AgencyType, EnterpriseRole, OrganisationKind } from '../identity/roles.ts';
import type { RuleError } from '../result.ts';
import { checkCustomsCode } from './codes.ts';
import { checkUscc } from './uscc.ts';

export interface OrganisationRegistration {
  kind: OrganisationKind;
  code: string;
  uscc?: string | null | undefined;
  enterpriseRoles?: readonly EnterpriseRole[] | undefined;
  agencyType?: AgencyType | null | undefined;
}

/**
 * Registration rules of the parties of the window. An enterprise is known to customs by its 10-character
 * registration code and carries a unified social credit code (GB 32100-2015) and at least one business role;
 * an agency names its type; only enterprises hold business roles.
 */
export function checkOrganisationRegistration(org: OrganisationRegistration): RuleError[] {
  const errors: RuleError[] = [];
  if (org.kind === 'enterprise') {
    errors.push(...checkCustomsCode('code', org.code));
    if (!org.uscc)
      errors.push({
        code: 'USCC_REQUIRED',
        field: 'uscc',
        rule: 'an enterprise registers with its unified social credit code',
        expected: '18 characters',
        actual: '(missing)',
      });
    if (!org.enterpriseRoles || org.enterpriseRoles.length === 0) {
      errors.push({
        code: 'ROLE_REQUIRED',
        field: 'enterpriseRoles',
        rule: 'an enterprise holds at least one business role',
        expected: 'e.g. ebc',
        actual: '[]',
      });
    }
  } else if (org.enterpriseRoles && org.enterpriseRoles.length > 0) {
    errors.push({
      code: 'ROLE_NOT_ALLOWED',
      field: 'enterpriseRoles',
      rule: 'only enterprises hold business roles',
      actual: org.enterpriseRoles.join(','),
    });
  }
  if (org.uscc) errors.push(...checkUscc('uscc', org.uscc));
  if (org.kind === 'agency' && !org.agencyType) {
    errors.push({
      code: 'AGENCY_TYPE_REQUIRED',
      field: 'agencyType',
      rule: 'an agency names its type',
      expected: 'customs, inspection, commerce, tax, forex, market_supervision or statistics',
      actual: '(missing)',
    });
  }
  if (org.kind !== 'agency' && org.agencyType) {
    errors.push({
      code: 'AGENCY_TYPE_NOT_ALLOWED',
      field: 'agencyType',
      rule: 'only agencies have an agency type',
      actual: org.agencyType,
    });
  }
  if (!/^[0-9A-Za-z-]{2,32}$/.test(org.code)) {
    errors.push({
      code: 'ORGANISATION_CODE_FORMAT',
      field: 'code',
      rule: 'letters, digits and hyphens',
      expected: '2–32 characters',
      actual: org.code,
    });
  }
  return errors;
}

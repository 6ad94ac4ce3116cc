import { ENTERPRISE_ROLES } from '../identity/roles.ts';
import { checkCustomsCode } from '../registry/codes.ts';
import { checkUscc } from '../registry/uscc.ts';
import type { RuleError } from '../result.ts';
import { checkText } from './text.ts';

/**
 * Enterprise filing (企业备案) with the single window, seed §二(一)1 (备案管理) and §二(二)4 (交易主体身份认证).
 * An enterprise that takes part in CBEC retail import or export registers with customs before it declares
 * (海关总署公告2018年第194号 《关于跨境电子商务零售进出口商品有关监管事宜的公告》; the registration itself is now
 * governed by 《中华人民共和国海关报关单位备案管理规定》海关总署令第253号 (2021) [UNVERIFIED: order number from
 * memory]). The window keeps the enterprise's application and the officer's decision; approval grants the
 * business roles it applied for.
 */
export type FilingStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'suspended' | 'revoked';

/** `enterprise` edits and submits its own filing; `officer` reviews, suspends, reinstates and revokes. */
export type FilingActor = 'enterprise' | 'officer';

export interface FilingTransition {
  from: FilingStatus;
  to: FilingStatus;
  by: FilingActor[];
}

/**
 * The filing lifecycle as a plain table: draft → submitted by the enterprise; the officer approves or rejects;
 * a rejected filing is fixed (back to draft, or straight back to submitted) and resubmitted; an approved filing
 * can be suspended or revoked; a suspended one is reinstated or revoked. Revoked is final: the enterprise files
 * anew. Edits keep a draft a draft (draft → draft).
 */
export const FILING_TRANSITIONS: readonly FilingTransition[] = [
  { from: 'draft', to: 'draft', by: ['enterprise'] },
  { from: 'draft', to: 'submitted', by: ['enterprise'] },
  { from: 'submitted', to: 'approved', by: ['officer'] },
  { from: 'submitted', to: 'rejected', by: ['officer'] },
  { from: 'rejected', to: 'draft', by: ['enterprise'] },
  { from: 'rejected', to: 'submitted', by: ['enterprise'] },
  { from: 'approved', to: 'suspended', by: ['officer'] },
  { from: 'approved', to: 'revoked', by: ['officer'] },
  { from: 'suspended', to: 'approved', by: ['officer'] },
  { from: 'suspended', to: 'revoked', by: ['officer'] },
];

export const FILING_STATUS_LABELS: Record<FilingStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交待审核', en: 'Submitted for review' },
  approved: { zh: '备案通过', en: 'Approved' },
  rejected: { zh: '备案退回', en: 'Rejected' },
  suspended: { zh: '暂停', en: 'Suspended' },
  revoked: { zh: '撤销', en: 'Revoked' },
};

const ACTOR_LABELS: Record<FilingActor, { zh: string; en: string }> = {
  enterprise: { zh: '企业', en: 'the enterprise' },
  officer: { zh: '审核人员', en: 'an officer' },
};

/** Whether `by` may move a filing from `from` to `to` ({@link FILING_TRANSITIONS}). */
export function canFilingTransition(from: FilingStatus, to: FilingStatus, by: FilingActor): boolean {
  return FILING_TRANSITIONS.some((t) => t.from === from && t.to === to && t.by.includes(by));
}

/**
 * The refusal of a filing status change the lifecycle does not allow, naming what `by` may do instead; empty
 * when the change is allowed.
 */
export function checkFilingTransition(from: FilingStatus, to: FilingStatus, by: FilingActor): RuleError[] {
  if (canFilingTransition(from, to, by)) return [];
  const allowed = FILING_TRANSITIONS.filter((t) => t.from === from && t.by.includes(by)).map((t) => t.to);
  const f = FILING_STATUS_LABELS[from];
  const t = FILING_STATUS_LABELS[to];
  const actor = ACTOR_LABELS[by];
  return [
    {
      code: 'FILING_TRANSITION',
      field: 'status',
      rule: `${actor.zh}不能将备案由“${f.zh}”变为“${t.zh}” (${actor.en} may not move a filing from ${from} to ${to})`,
      expected: allowed.length > 0 ? `${from} → ${allowed.join(' | ')}` : `no change from ${from} by ${by}`,
      actual: `${from} → ${to}`,
    },
  ];
}

/** Documents an enterprise attaches to its filing; only the business licence is required. */
export const FILING_DOCUMENT_KINDS: Record<string, { zh: string; en: string; required: boolean }> = {
  business_licence: { zh: '营业执照', en: 'Business licence', required: true },
  legal_rep_id: { zh: '法定代表人身份证件', en: "Legal representative's identity document", required: false },
  customs_registration: { zh: '海关备案回执', en: 'Customs registration receipt', required: false },
  authorisation: { zh: '授权委托书', en: 'Letter of authorisation', required: false },
  other: { zh: '其他材料', en: 'Other', required: false },
};

export interface EnterpriseFilingInput {
  uscc: string;
  customsCode: string;
  nameZh: string;
  nameEn?: string | undefined;
  roles: string[];
  /** 法定代表人. */
  legalRep: string;
  address: string;
  contacts: { name: string; phone: string; email?: string | undefined }[];
  /** Uploaded files, known by the SHA-256 of their content (lower- or upper-case hex). */
  documents: { kind: string; name: string; sha256: string }[];
}

/** Chinese mobile number: 11 digits starting 13–19 (工业和信息化部 numbering plan) [UNVERIFIED: prefix range]. */
export const MOBILE_PHONE = /^1[3-9]\d{9}$/;
/** Chinese landline: trunk 0, 2–3 digit area code (010, 0391 焦作), optional hyphen, 7–8 digit subscriber. */
export const LANDLINE_PHONE = /^0\d{2,3}-?\d{7,8}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SHA256 = /^[0-9a-fA-F]{64}$/;

const ROLES: readonly string[] = ENTERPRISE_ROLES;

/**
 * Checks an enterprise's filing application field by field; every broken rule is reported with its field path
 * (`contacts[0].phone`, `documents[1].sha256`). The USCC is checked by GB 32100-2015 (check character, and the
 * GB 11714 organisation code in positions 9–17); the customs code is the 10-character registration code.
 */
export function checkEnterpriseFiling(input: EnterpriseFilingInput): RuleError[] {
  const errors: RuleError[] = [];
  errors.push(...checkUscc('uscc', input.uscc));
  errors.push(...checkCustomsCode('customsCode', input.customsCode));
  errors.push(
    ...checkText('nameZh', input.nameZh, {
      code: 'NAME_ZH',
      label: { zh: '企业中文名称', en: 'enterprise name in Chinese' },
      max: 100,
      required: true,
    }),
    ...checkText('nameEn', input.nameEn, {
      code: 'NAME_EN',
      label: { zh: '企业英文名称', en: 'enterprise name in English' },
      max: 200,
      required: false,
    }),
    ...checkText('legalRep', input.legalRep, {
      code: 'LEGAL_REP',
      label: { zh: '法定代表人', en: 'legal representative' },
      max: 50,
      required: true,
    }),
    ...checkText('address', input.address, {
      code: 'ADDRESS',
      label: { zh: '企业地址', en: 'address' },
      max: 200,
      required: true,
    }),
  );
  errors.push(...checkRoles(input.roles));
  errors.push(...checkContacts(input.contacts));
  errors.push(...checkDocuments(input.documents));
  return errors;
}

function checkRoles(roles: readonly string[]): RuleError[] {
  if (roles.length === 0) {
    return [
      {
        code: 'ROLE_REQUIRED',
        field: 'roles',
        rule: '备案须申请至少一种业务角色 (a filing applies for at least one business role)',
        expected: ROLES.join(' | '),
        actual: '[]',
      },
    ];
  }
  const errors: RuleError[] = [];
  const seen = new Set<string>();
  roles.forEach((role, i) => {
    if (!ROLES.includes(role)) {
      errors.push({
        code: 'ROLE_UNKNOWN',
        field: `roles[${i}]`,
        rule: '业务角色不在企业角色表内 (not an enterprise business role)',
        expected: ROLES.join(' | '),
        actual: role,
      });
    }
    if (seen.has(role)) {
      errors.push({
        code: 'ROLE_DUPLICATE',
        field: `roles[${i}]`,
        rule: '业务角色重复 (a role is applied for once)',
        expected: `each role once`,
        actual: role,
      });
    }
    seen.add(role);
  });
  return errors;
}

function checkContacts(contacts: EnterpriseFilingInput['contacts']): RuleError[] {
  if (contacts.length === 0) {
    return [
      {
        code: 'CONTACT_REQUIRED',
        field: 'contacts',
        rule: '备案须填写至少一名联系人 (a filing names at least one contact)',
        expected: '≥ 1 contact',
        actual: '0',
      },
    ];
  }
  const errors: RuleError[] = [];
  contacts.forEach((contact, i) => {
    errors.push(
      ...checkText(`contacts[${i}].name`, contact.name, {
        code: 'CONTACT_NAME',
        label: { zh: '联系人姓名', en: 'contact name' },
        max: 50,
        required: true,
      }),
    );
    if (!MOBILE_PHONE.test(contact.phone) && !LANDLINE_PHONE.test(contact.phone)) {
      errors.push({
        code: 'PHONE_FORMAT',
        field: `contacts[${i}].phone`,
        rule: '联系电话须为手机号码或固定电话 (phone must be a Chinese mobile or landline number)',
        expected:
          'mobile 1[3-9]+9 digits, e.g. 13912345678; or landline 0+area code-number, e.g. 0391-3568888',
        actual: contact.phone,
      });
    }
    if (contact.email !== undefined && contact.email !== '' && !EMAIL.test(contact.email)) {
      errors.push({
        code: 'EMAIL_FORMAT',
        field: `contacts[${i}].email`,
        rule: '电子邮箱格式错误 (email address malformed)',
        expected: 'name@domain, e.g. trade@example.cn',
        actual: contact.email,
      });
    }
  });
  return errors;
}

function checkDocuments(documents: EnterpriseFilingInput['documents']): RuleError[] {
  const errors: RuleError[] = [];
  documents.forEach((doc, i) => {
    errors.push(
      ...checkText(`documents[${i}].kind`, doc.kind, {
        code: 'DOCUMENT_KIND',
        label: { zh: '材料类型', en: 'document kind' },
        max: 50,
        required: true,
      }),
      ...checkText(`documents[${i}].name`, doc.name, {
        code: 'DOCUMENT_NAME',
        label: { zh: '材料名称', en: 'document name' },
        max: 255,
        required: true,
      }),
    );
    if (!SHA256.test(doc.sha256)) {
      errors.push({
        code: 'DOCUMENT_DIGEST',
        field: `documents[${i}].sha256`,
        rule: '材料摘要须为64位十六进制SHA-256 (document digest must be a SHA-256: 64 hex characters)',
        expected: '64 hex characters',
        actual: doc.sha256,
      });
    }
  });
  for (const [kind, { zh, en, required }] of Object.entries(FILING_DOCUMENT_KINDS)) {
    if (!required || documents.some((d) => d.kind === kind)) continue;
    errors.push({
      code: 'DOCUMENT_REQUIRED',
      field: 'documents',
      rule: `备案须上传${zh} (a filing includes the ${en.toLowerCase()})`,
      expected: `a document of kind ${kind}`,
      actual: documents.map((d) => d.kind).join(', ') || '(none)',
    });
  }
  return errors;
}

/** The officer's decision on a filing (or on an approved filing: suspend, reinstate, revoke). */
export interface FilingDecisionInput {
  to: FilingStatus;
  /** The officer's reasons, shown to the enterprise. */
  reasons: readonly string[];
  /** The officer verified the legal representative's identity (交易主体身份认证, seed §二(二)4). */
  identityVerified: boolean;
}

const DECISIONS: readonly FilingStatus[] = ['approved', 'rejected', 'suspended', 'revoked'];
const DECISION_NOUNS: Record<FilingStatus, { zh: string; en: string }> = {
  draft: { zh: '退回草稿', en: 'return to draft' },
  submitted: { zh: '提交', en: 'submission' },
  approved: { zh: '通过', en: 'approval' },
  rejected: { zh: '退回', en: 'rejection' },
  suspended: { zh: '暂停', en: 'suspension' },
  revoked: { zh: '撤销', en: 'revocation' },
};

/**
 * What an officer's decision must carry: approval (and reinstatement) only after the legal representative's
 * identity was verified (seed §二(二)4 交易主体身份认证); rejection, suspension and revocation state at least
 * one reason, so the enterprise knows what to fix (an administrative decision states its grounds).
 */
export function checkFilingDecision(input: FilingDecisionInput): RuleError[] {
  if (!DECISIONS.includes(input.to)) {
    return [
      {
        code: 'FILING_DECISION',
        field: 'to',
        rule: '审核决定只能是通过、退回、暂停或撤销 (a decision approves, rejects, suspends or revokes)',
        expected: DECISIONS.join(' | '),
        actual: input.to,
      },
    ];
  }
  const errors: RuleError[] = [];
  if (input.to === 'approved') {
    if (!input.identityVerified) {
      errors.push({
        code: 'IDENTITY_NOT_VERIFIED',
        field: 'identityVerified',
        rule: '审核通过前须核验法定代表人身份 (the legal representative’s identity is verified before approval)',
        expected: 'true',
        actual: 'false',
      });
    }
    return errors;
  }
  const label = DECISION_NOUNS[input.to];
  if (!input.reasons.some((r) => r.trim() !== '')) {
    errors.push({
      code: 'REASON_REQUIRED',
      field: 'reasons',
      rule: `${label.zh}须说明理由 (a ${label.en} states at least one reason)`,
      expected: '≥ 1 non-empty reason',
      actual: input.reasons.length === 0 ? '[]' : '(only empty reasons)',
    });
    return errors;
  }
  input.reasons.forEach((reason, i) => {
    if (reason.trim() !== '') return;
    errors.push({
      code: 'REASON_EMPTY',
      field: `reasons[${i}]`,
      rule: '理由不能为空 (a reason is not empty)',
      expected: 'text',
      actual: '(empty)',
    });
  });
  return errors;
}

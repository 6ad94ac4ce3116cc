import type { RuleError } from '../result.ts';

/**
 * Personal information (个人信息) in the CEB import messages: what the single window seals at rest and what it
 * masks on display. 《中华人民共和国个人信息保护法》 art. 28 counts identity card numbers among sensitive
 * personal information (敏感个人信息) and art. 51 requires encryption and de-identification (加密、去标识化);
 * GB/T 35273-2020 《信息安全技术 个人信息安全规范》 asks that displayed personal information be masked
 * (展示限制) to what the viewer's task needs.
 *
 * Sealed at rest (encrypted field by field): the buyer's and payer's ID numbers and every telephone number of
 * a person. Names and addresses are masked on display but stored as sent (the three-document match and the
 * receipts need them; the issue that asked for this names ID numbers and telephones).
 */
export const SEALED_FIELDS = [
  'buyerIdNumber', // CEB311 OrderHead, CEB621 InventoryHead: 订购人证件号码
  'payerIdNumber', // CEB411 PaymentHead: 支付人证件号码
  'buyerTelephone', // CEB311, CEB621: 订购人电话
  'consigneeTelephone', // CEB311, CEB511: 收货人电话
  'telephone', // CEB411 PaymentHead: 支付人电话
] as const;
export type SealedField = (typeof SEALED_FIELDS)[number];

const SEALED = new Set<string>(SEALED_FIELDS);
export const isSealedField = (field: string): field is SealedField => SEALED.has(field);

type MaskKind = 'id' | 'phone' | 'name' | 'address';

/** Every field of a person shown masked unless the viewer is entitled to it and asks. */
const MASKED: Record<string, MaskKind> = {
  buyerIdNumber: 'id',
  payerIdNumber: 'id',
  idNumber: 'id',
  buyerTelephone: 'phone',
  consigneeTelephone: 'phone',
  telephone: 'phone',
  buyerName: 'name',
  payerName: 'name',
  consignee: 'name',
  consigneeAddress: 'address',
};

// Own keys only: a field named `toString` or `constructor` (a hostile JSON key) is no personal field.
export const isPersonalField = (field: string): boolean => Object.hasOwn(MASKED, field);

const chars = (value: string) => Array.from(value);

/** 110101********123X: the region (first 6) and the last 4 characters of an ID number stay. */
export function maskIdNumber(value: string): string {
  const c = chars(value.trim());
  if (c.length <= 4) return '*'.repeat(c.length);
  const head = c.length >= 15 ? 6 : c.length >= 10 ? 3 : 1;
  return c.slice(0, head).join('') + '*'.repeat(c.length - head - 4) + c.slice(-4).join('');
}

/** 138****5678: a mobile keeps its first 3 and last 4 digits; a short number only its last 2. */
export function maskPhone(value: string): string {
  const c = chars(value.trim());
  if (c.length >= 11) return c.slice(0, 3).join('') + '*'.repeat(c.length - 7) + c.slice(-4).join('');
  if (c.length <= 2) return '*'.repeat(c.length);
  return '*'.repeat(c.length - 2) + c.slice(-2).join('');
}

/** 张*: a name keeps its first character (a Latin-script name its first letter). */
export function maskName(value: string): string {
  const c = chars(value.trim());
  if (c.length <= 1) return c.length === 1 ? '*' : '';
  return c[0] + '*'.repeat(Math.min(c.length - 1, 8));
}

/** 河南省焦作市****: an address keeps its first 6 characters (province and city), the rest is hidden. */
export function maskAddress(value: string): string {
  const c = chars(value.trim());
  if (c.length <= 6) return c.slice(0, Math.max(1, c.length - 2)).join('') + '**';
  return c.slice(0, 6).join('') + '****';
}

const MASKERS: Record<MaskKind, (v: string) => string> = {
  id: maskIdNumber,
  phone: maskPhone,
  name: maskName,
  address: maskAddress,
};

/** The value as shown to a viewer not entitled to the field; other fields pass unchanged. */
export function maskValue(field: string, value: string): string {
  const kind = isPersonalField(field) ? MASKED[field] : undefined;
  return kind && value !== '' ? MASKERS[kind](value) : value;
}

/** A document body (`{ ...head, lines }`, CEB names) with every personal field masked. */
export function maskBody<T extends Record<string, unknown>>(body: T): T {
  const out: Record<string, unknown> = { ...body };
  for (const [k, v] of Object.entries(out)) if (typeof v === 'string') out[k] = maskValue(k, v);
  return out as T;
}

const lastSegment = (path: string) => path.slice(path.lastIndexOf('.') + 1).replace(/\[.*$/, '');

/** "value (CEB311 buyerIdNumber)" → the value and the note (empty when there is none). */
function splitNote(text: string): [string, string] {
  const note = / \(CEB\d+ [A-Za-z]+\)$/.exec(text);
  return note ? [text.slice(0, note.index), note[0]] : [text, ''];
}

/** "value (CEB311 buyerIdNumber)" → masked value, same note. */
function maskNoted(field: string, text: string): string {
  const [value, note] = splitNote(text);
  return maskValue(field, value) + note;
}

/**
 * A refusal about an ID number or telephone names the field and the rule but shows both values masked: it is
 * stored in the event log and sent in receipts, which are not sealed. The masks keep the last four characters,
 * so two different values still look different. (Names stay: the receipts name the buyer anyway.)
 */
export function maskIssue<T extends RuleError>(issue: T): T {
  const field = lastSegment(issue.field);
  if (!isSealedField(field)) return issue;
  return {
    ...issue,
    ...(issue.expected !== undefined ? { expected: maskNoted(field, issue.expected) } : {}),
    ...(issue.actual !== undefined ? { actual: maskValue(field, issue.actual) } : {}),
  };
}

/**
 * An issue as a screen shows it: the values of every personal field masked, names and addresses as well as
 * what is sealed (maskIssue masks only the sealed ones, because receipts still name the buyer).
 */
export function maskIssueShown<T extends RuleError>(issue: T): T {
  const field = lastSegment(issue.field);
  if (!isPersonalField(field)) return issue;
  return {
    ...issue,
    ...(issue.expected !== undefined ? { expected: maskNoted(field, issue.expected) } : {}),
    ...(issue.actual !== undefined ? { actual: maskValue(field, issue.actual) } : {}),
  };
}

/**
 * A text that quotes issues (a refusal's returnInfo, written with describeIssues) with the personal values
 * those issues name replaced by their masks. Values shorter than two characters are left: replacing them would
 * garble the rest of the text, and one character says little.
 */
export function maskValuesIn(text: string, issues: readonly RuleError[]): string {
  const pairs = new Map<string, string>();
  for (const issue of issues) {
    const field = lastSegment(issue.field);
    if (!isPersonalField(field)) continue;
    for (const raw of [issue.expected, issue.actual]) {
      if (raw === undefined) continue;
      const [value] = splitNote(raw);
      const masked = maskValue(field, value);
      if (Array.from(value).length >= 2 && masked !== value) pairs.set(value, masked);
    }
  }
  let out = text;
  for (const [value, masked] of [...pairs].sort((a, b) => b[0].length - a[0].length))
    out = out.split(value).join(masked);
  return out;
}

/** Every field of a person masked on display (and redacted from logs), sealed or not. */
export const PERSONAL_FIELDS = Object.keys(MASKED);

/** The field a path ends in: `CEB311Message/Order[2]/OrderHead/buyerIdNumber`, `OrderHead.buyerIdNumber`, `body.idNumber`. */
const fieldOfPath = (path: string) => (path.split(/[./@]/).pop() ?? '').replace(/\[.*$/, '');

/** What a format error says in place of a value: nothing sent, or an element's name. */
const NOT_A_VALUE = /^(\(missing\)|<[^<>\s]*>)$/;

/**
 * A format or validation error that quotes the value sent for a personal field — an ID number one character
 * too long, a telephone with a letter in it — shows the value masked, like the parcel view. Such errors go
 * into CEB900 receipts (stored), HTTP error details and the sandbox's answers; the masks keep enough (region
 * and last four of an ID number) to find the mistake. Other fields pass unchanged.
 */
export function maskFieldError<T extends { field?: string; path?: string; actual?: string }>(error: T): T {
  if (error.actual === undefined || error.actual === '' || NOT_A_VALUE.test(error.actual)) return error;
  const field = [error.field, error.path].map((p) => fieldOfPath(p ?? '')).find(isPersonalField);
  return field ? { ...error, actual: maskValue(field, error.actual) } : error;
}

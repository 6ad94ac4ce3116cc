import { isRecord } from './format.ts';

/** One finding of the document match, as the server stores it (`clearance.issues`). */
export interface ClearanceIssue {
  code: string;
  severity: 'refuse' | 'warn' | 'info';
  field: string;
  rule: string;
  expected?: string;
  actual?: string;
}

/** The document kinds of a parcel view. */
export type DocKey = 'order' | 'payment' | 'receipt' | 'waybill' | 'inventory';

/** Where a finding points: a document, a field, and for a goods line its `gnum` (`*` = every line). */
export interface IssueTarget {
  doc: DocKey;
  field: string;
  line?: string;
}

const isSeverity = (v: unknown): v is ClearanceIssue['severity'] =>
  v === 'refuse' || v === 'warn' || v === 'info';
const opt = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The issues the server sent, read without trusting their shape (a malformed one is shown as text). */
export function readIssues(raw: unknown[]): ClearanceIssue[] {
  return raw.map((item) => {
    if (!isRecord(item)) return { code: 'ISSUE', severity: 'info', field: '', rule: String(item) };
    return {
      code: typeof item.code === 'string' ? item.code : '',
      severity: isSeverity(item.severity) ? item.severity : 'info',
      field: typeof item.field === 'string' ? item.field : '',
      rule: typeof item.rule === 'string' ? item.rule : JSON.stringify(item),
      expected: opt(item.expected),
      actual: opt(item.actual),
    };
  });
}

/** CEB message numbers and entity names of both directions, and the document each belongs to. */
const BY_MESSAGE: Record<string, DocKey> = {
  CEB311: 'order',
  CEB411: 'payment',
  CEB511: 'waybill',
  CEB621: 'inventory',
  CEB303: 'order',
  CEB403: 'receipt',
  CEB505: 'waybill',
  CEB603: 'inventory',
};
const BY_ENTITY: Record<string, DocKey> = {
  OrderHead: 'order',
  OrderList: 'order',
  PaymentHead: 'payment',
  Receipts: 'receipt',
  LogisticsHead: 'waybill',
  Logistics: 'waybill',
  InventoryHead: 'inventory',
  InventoryList: 'inventory',
};
const LISTS = new Set(['OrderList', 'InventoryList']);

/**
 * Reads a finding's field path: `CEB311.OrderHead.acturalPaid`, `OrderHead.goodsValue`,
 * `CEB621.InventoryList[gnum=1].qty`, `InventoryList[*].totalPrice` or `InventoryList[2].qty`.
 * Undefined when the path names no document field (e.g. a missing document).
 */
export function targetOf(field: string): IssueTarget | undefined {
  const m = /^(?:(CEB\d{3})(?:Message)?\.)?([A-Za-z]+)(?:\[([^\]]*)\])?\.([A-Za-z0-9]+)$/.exec(field.trim());
  if (!m) return undefined;
  const [, message, entity = '', selector, name = ''] = m;
  const doc = (message ? BY_MESSAGE[message] : undefined) ?? BY_ENTITY[entity];
  if (!doc) return undefined;
  if (!LISTS.has(entity)) return { doc, field: name };
  const line = selector === undefined || selector === '*' ? '*' : (/(\d+)$/.exec(selector)?.[1] ?? '*');
  return { doc, field: name, line };
}

/** The findings that point at one cell: a head field of a document, or a field of one goods line. */
export function issuesAt(
  issues: ClearanceIssue[],
  doc: DocKey,
  field: string | undefined,
  line?: string,
): ClearanceIssue[] {
  if (!field) return [];
  return issues.filter((i) => {
    const target = targetOf(i.field);
    if (!target || target.doc !== doc || target.field !== field) return false;
    if (line === undefined) return target.line === undefined;
    return target.line === '*' || target.line === line;
  });
}

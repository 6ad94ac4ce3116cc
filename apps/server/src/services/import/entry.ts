import {
  CEB_NS,
  IMPORT_INBOUND,
  cebAppTime,
  jsonToCebXml,
  newCebGuid,
  officialSchema,
  type ElementDecl,
  type FieldError,
} from '@crossgate/ceb';
import type {
  TEntryDraft,
  TEntryDraftInput,
  TEntryField,
  TEntryForm,
  TEntryMessageType,
  TEntryPrevious,
  TEntryValues,
  TErrorDetail,
} from '@crossgate/contract';
import { beijingCompact, maskFieldError, scopeFor } from '@crossgate/domain';
import { AppError, forbidden, notFound } from '../../errors.ts';
import {
  deleteDraft as deleteRow,
  findDraft,
  insertDraft,
  listDrafts as listRows,
  previousDocuments,
  updateDraft,
  type DraftRow,
} from '../../repositories/declaration-drafts.ts';
import { findOrganisation } from '../../repositories/organisations.ts';
import { activeSigningKeys } from '../../repositories/signing-keys.ts';
import { sealBody } from '../../security/pii.ts';
import { newId } from '../auth.ts';
import type { Deps, RequestContext } from '../context.ts';
import { acceptImportMessage, type GatewayAnswer } from './accept-message.ts';
import type { ClearancePolicy } from './clear-inventory.ts';

/**
 * 申报录入 (issue 17, item 8; decision 0035): a declaration entered by form becomes the CEB message the
 * gateway takes — the form's values with CEB field names, the server's guid, appTime and line numbers, and the
 * sender's BaseTransfer — written by the codec's JSON writer in XSD order and then accepted by
 * `acceptImportMessage`, the gateway's one acceptance path, so its checks and receipts are the gateway's.
 */

const SHAPES: Record<TEntryMessageType, { entity: string; head: string; list: string | null; doc: string }> =
  {
    CEB311Message: { entity: 'Order', head: 'OrderHead', list: 'OrderList', doc: 'order' },
    CEB411Message: { entity: 'Payment', head: 'PaymentHead', list: null, doc: 'payment' },
    CEB511Message: { entity: 'Logistics', head: 'LogisticsHead', list: null, doc: 'waybill' },
    CEB621Message: { entity: 'Inventory', head: 'InventoryHead', list: 'InventoryList', doc: 'inventory' },
  };

/** Fields the server fills when declaring: the form never asks for them. */
const AUTO_HEAD = new Set(['guid', 'appType', 'appTime', 'appStatus']);
const AUTO_LIST = new Set(['gnum']);

const childrenOf = (decl: ElementDecl | undefined): ElementDecl[] => {
  const c = decl?.content();
  return c && c.kind === 'complex' ? c.children : [];
};

function fieldsOf(decl: ElementDecl | undefined, auto: Set<string>): TEntryField[] {
  return childrenOf(decl).map((d) => {
    const c = d.content();
    const type = c.kind === 'simple' || c.kind === 'simpleContent' ? c.type : undefined;
    const f = type?.facets ?? {};
    return {
      name: d.name,
      required: d.min > 0,
      base: type?.base ?? 'string',
      ...(f.length !== undefined ? { length: f.length } : {}),
      ...(f.minLength !== undefined ? { minLength: f.minLength } : {}),
      ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
      ...(f.totalDigits !== undefined ? { totalDigits: f.totalDigits } : {}),
      ...(f.fractionDigits !== undefined ? { fractionDigits: f.fractionDigits } : {}),
      ...(d.fixed !== undefined ? { fixed: d.fixed } : {}),
      ...(d.doc ? { doc: d.doc } : {}),
      auto: auto.has(d.name),
    };
  });
}

function sections(messageType: TEntryMessageType) {
  const shape = SHAPES[messageType];
  const root = officialSchema('202205', 'import').element(CEB_NS, messageType);
  const entity = childrenOf(root).find((d) => d.name === shape.entity);
  const parts = childrenOf(entity);
  return {
    head: fieldsOf(
      parts.find((d) => d.name === shape.head),
      AUTO_HEAD,
    ),
    list: shape.list
      ? fieldsOf(
          parts.find((d) => d.name === shape.list),
          AUTO_LIST,
        )
      : null,
  };
}

function enterpriseOnly(ctx: RequestContext, action: 'read' | 'create'): string {
  const scope = scopeFor(ctx.actor, 'declaration', action);
  if (scope.kind !== 'own') throw forbidden('申报录入 is for enterprises: declaration ' + action);
  return scope.orgId;
}

async function sender(deps: Deps, orgId: string) {
  const org = await findOrganisation(deps.db, orgId);
  if (!org) throw notFound('orgId', orgId);
  return org;
}

/** The form of one message type: its fields and facets from the XSD, the sender's defaults, and signing. */
export async function entryForm(
  deps: Deps,
  ctx: RequestContext,
  messageType: TEntryMessageType,
  policy: ClearancePolicy,
): Promise<TEntryForm> {
  const orgId = enterpriseOnly(ctx, 'read');
  const org = await sender(deps, orgId);
  const code = org.code ?? '';
  const { head, list } = sections(messageType);
  const defaults: Record<string, string> = { currency: '142' };
  const own = (field: string, name: string) => {
    defaults[field] = code;
    defaults[name] = org.name_zh;
  };
  if (messageType === 'CEB311Message') {
    Object.assign(defaults, { orderType: 'I', buyerIdType: '1', freight: '0', discount: '0', taxTotal: '0' });
    own(
      org.enterprise_roles.includes('ebp') ? 'ebpCode' : 'ebcCode',
      org.enterprise_roles.includes('ebp') ? 'ebpName' : 'ebcName',
    );
  } else if (messageType === 'CEB411Message') {
    Object.assign(defaults, { payerIdType: '1' });
    own('payCode', 'payName');
  } else if (messageType === 'CEB511Message') {
    Object.assign(defaults, { freight: '0', insuredFee: '0', packNo: '1' });
    own('logisticsCode', 'logisticsName');
  } else {
    Object.assign(defaults, {
      ieFlag: 'I',
      buyerIdType: '1',
      tradeMode: '9610',
      trafMode: '4',
      country: '',
      freight: '0',
      insuredFee: '0',
      packNo: '1',
    });
    delete defaults.country;
    // The declaration date is today in Beijing (decision 0025: the day of receipt decides; declTime is checked).
    defaults.declTime = beijingCompact(ctx.now, 8);
    own('agentCode', 'agentName');
    defaults.assureCode = code;
  }
  const spec = IMPORT_INBOUND[messageType];
  const demanded = spec?.specSignature === 'required';
  const signatures = (await policy.signatures()) ?? 'required';
  const registeredKeys = (await activeSigningKeys(deps.db, orgId, ctx.now)).length;
  return {
    messageType,
    nameZh: spec?.nameZh ?? messageType,
    head,
    list,
    defaults,
    signature: {
      demanded,
      policy: signatures,
      registeredKeys,
      // The server keeps no enterprise's private key (only its registered certificate), so a message built
      // here carries no signature: a signed declaration is accepted only in demo/test mode without a key.
      declarable: !demanded || (signatures === 'optional' && registeredKeys === 0),
    },
  };
}

const clean = (record: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(record)
      .map(([k, v]) => [k, v.trim()] as const)
      .filter(([, v]) => v !== ''),
  );

/**
 * The CEB message of the form's values, as the JSON channel writes it: server fields filled in, empty values
 * left out (so a required field left empty is reported as missing). Errors are mapped to form fields.
 */
export function buildEntryMessage(
  messageType: TEntryMessageType,
  values: TEntryValues,
  sender: { code: string; name: string },
  now: Date,
): { xml: string; errors: FieldError[] } {
  const shape = SHAPES[messageType];
  const head: Record<string, string> = {
    ...clean(values.head),
    guid: newCebGuid(),
    appType: values.head.appType?.trim() || '1',
    appTime: cebAppTime(now),
    appStatus: '2',
  };
  const entity: Record<string, unknown> = { [shape.head]: head };
  if (shape.list)
    entity[shape.list] = values.list.map((line, i) => ({ ...clean(line), gnum: String(i + 1) }));
  const json = {
    [shape.entity]: [entity],
    BaseTransfer: {
      copCode: sender.code,
      copName: sender.name,
      dxpMode: 'DXP',
      dxpId: `DXPENT${sender.code}`.slice(0, 30),
    },
  };
  return jsonToCebXml(messageType, json);
}

/** `CEB311Message/Order[1]/OrderList[2]/qty` → `list[1].qty`; `…/OrderHead/orderNo` → `head.orderNo`. */
export function formFieldOf(path: string): string {
  const head = /\/\w+Head\/(\w+)/.exec(path);
  if (head) return `head.${head[1]}`;
  const line = /\/\w+List(?:\[(\d+)\])?\/(\w+)/.exec(path);
  if (line) return `list[${Number(line[1] ?? '1') - 1}].${line[2]}`;
  const lines = /\/\w+List(?:\[(\d+)\])?$/.exec(path);
  if (lines) return 'list';
  return path;
}

const detailsOf = (errors: readonly FieldError[]): TErrorDetail[] =>
  errors.map(maskFieldError).map((e) => ({
    field: formFieldOf(e.path),
    rule: e.rule,
    ...(e.expected ? { expected: e.expected } : {}),
    ...(e.actual ? { actual: e.actual } : {}),
  }));

/** Declares the form: builds the message and hands it to the gateway's acceptance path. */
export async function declareEntry(
  deps: Deps,
  ctx: RequestContext,
  messageType: TEntryMessageType,
  input: { values: TEntryValues; draftId?: string | undefined },
  policy: ClearancePolicy,
): Promise<GatewayAnswer & { messageXml: string }> {
  const orgId = enterpriseOnly(ctx, 'create');
  const org = await sender(deps, orgId);
  const { xml, errors } = buildEntryMessage(
    messageType,
    input.values,
    { code: org.code ?? '', name: org.name_zh },
    ctx.now,
  );
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', detailsOf(errors));
  const answer = await acceptImportMessage(deps, ctx, xml, policy, 'json');
  if (answer.outcome === 'format_error')
    throw new AppError(
      'VALIDATION_FAILED',
      detailsOf(answer.formatErrors ?? [{ path: messageType, field: messageType, rule: 'CEB900' }]),
    );
  if (input.draftId && answer.outcome === 'accepted') await deleteRow(deps.db, input.draftId, orgId);
  return { ...answer, messageXml: xml };
}

const BODY_LINES = 'lines';
/** Form values ↔ the stored body `{ ...head, lines }` (the documents' shape, sealed the same way). */
const toBody = (v: TEntryValues) => ({ ...v.head, [BODY_LINES]: v.list });
function toValues(body: Record<string, unknown>): TEntryValues {
  const head: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') head[k] = v;
  const raw = body[BODY_LINES];
  const list = (Array.isArray(raw) ? raw : []).map((line) =>
    Object.fromEntries(
      Object.entries((line ?? {}) as Record<string, unknown>).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    ),
  );
  return { head, list };
}

const toDraft = (r: DraftRow): TEntryDraft => ({
  id: r.id,
  kind: r.kind,
  messageType: r.message_type,
  name: r.name,
  values: toValues(r.body),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export async function listEntryDrafts(
  deps: Deps,
  ctx: RequestContext,
  filter: { kind?: 'draft' | 'template' | undefined; messageType?: TEntryMessageType | undefined },
): Promise<TEntryDraft[]> {
  const orgId = enterpriseOnly(ctx, 'read');
  const rows = await listRows(
    deps.db,
    orgId,
    {
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.messageType ? { messageType: filter.messageType } : {}),
    },
    200,
  );
  return rows.map(toDraft);
}

/** One draft or template of the caller's enterprise; another enterprise's is not found (decision 0004). */
export async function getEntryDraft(deps: Deps, ctx: RequestContext, id: string): Promise<TEntryDraft> {
  const orgId = enterpriseOnly(ctx, 'read');
  const row = await findDraft(deps.db, id);
  if (!row || row.org_id !== orgId) throw notFound('id', id);
  return toDraft(row);
}

const MAX_DRAFTS = 500;

export async function saveEntryDraft(
  deps: Deps,
  ctx: RequestContext,
  input: TEntryDraftInput,
  id?: string,
): Promise<TEntryDraft> {
  const orgId = enterpriseOnly(ctx, 'create');
  const body = JSON.stringify(sealBody(toBody(input.values)));
  if (id) {
    const row = await findDraft(deps.db, id);
    if (!row || row.org_id !== orgId) throw notFound('id', id);
    await updateDraft(deps.db, id, orgId, { name: input.name, body, updated_at: ctx.now });
    return getEntryDraft(deps, ctx, id);
  }
  const existing = await listRows(deps.db, orgId, {}, MAX_DRAFTS);
  if (existing.length >= MAX_DRAFTS)
    throw new AppError('VALIDATION_FAILED', [
      { field: 'kind', rule: `at most ${MAX_DRAFTS} drafts and templates per enterprise: delete old ones` },
    ]);
  const newIdValue = newId();
  await insertDraft(deps.db, {
    id: newIdValue,
    org_id: orgId,
    kind: input.kind,
    message_type: input.messageType,
    name: input.name,
    body,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  return getEntryDraft(deps, ctx, newIdValue);
}

export async function deleteEntryDraft(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const orgId = enterpriseOnly(ctx, 'create');
  if (!(await deleteRow(deps.db, id, orgId))) throw notFound('id', id);
}

/** The enterprise's own previous documents of this type, to copy into a new declaration (新的编号 to fill). */
export async function previousEntries(
  deps: Deps,
  ctx: RequestContext,
  messageType: TEntryMessageType,
): Promise<TEntryPrevious[]> {
  const orgId = enterpriseOnly(ctx, 'read');
  const rows = await previousDocuments(
    deps.db,
    orgId,
    SHAPES[messageType].doc as 'order' | 'payment' | 'waybill' | 'inventory',
    20,
  );
  return rows.map((r) => {
    const values = toValues(r.body);
    for (const k of ['guid', 'appType', 'appTime', 'appStatus', 'invtNo', 'preNo']) delete values.head[k];
    values.list = values.list.map(({ gnum: _g, ...rest }) => rest);
    return {
      id: r.id,
      businessKey: r.business_key,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      values,
    };
  });
}

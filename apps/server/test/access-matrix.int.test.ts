import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { AGENCY_TYPES, DEFAULT_RULE_SET, type Actor } from '@crossgate/domain';
import { sql } from '@crossgate/db';
import { ENGINES } from '../../../test/support/engines.ts';
import { ACTORS, accessTable, type TableRow } from '../../../packages/domain/test/access-table.ts';
import { loadConfig } from '../src/config.ts';
import type { AccessNeed, AccessTableEntry, RouteAccess } from '../src/http/access.ts';
import type * as SandboxModule from '../src/http/routes/sandbox.ts';
import {
  apiKeyCaller,
  chinaMonth,
  orgIdOf,
  probeEnterprise,
  recordsOfOthers,
  userCaller,
  uscc,
  withoutRateLimits,
  type Caller,
  type RecordsOfOthers,
} from './support/access-kit.ts';
import { MILK, uniqueId } from './support/import-kit.ts';
import { startPlatform, type Platform } from './support/platform.ts';

/**
 * The access-control matrix (issue 8, decision 0015): the route table is read from the running app (the
 * onRoute hook of http/access.ts records every route with its declaration), and every route × every role is
 * called over HTTP. The expected answer comes from the route's declaration and the hand-written access table
 * (packages/domain/test/access-table.ts, decision 0031; not from `scopeFor`, the policy under test): 401 for an
 * anonymous caller of a non-public route, 403 where the table gives the role nothing (or the declaration narrows
 * it out), otherwise a business answer — a 2xx, or a 400, 404, 409 or 422 of the rules is fine for an allowed
 * caller, the matrix is about authorisation — but never a 401/403 and never a 5xx. Path parameters name real
 * records of other enterprises.
 *
 * The matrix runs on both engines (about 25 s each on the 2-core CI machine). The fifteen roles are those of
 * issue 8; CROSSGATE_ACCESS_MATRIX=full adds an administrator and a viewer of every agency, the bank's
 * administrator and viewer, and an enterprise user holding admin and operator together (32 roles).
 */

const FULL = process.env.CROSSGATE_ACCESS_MATRIX === 'full';

type Outcome = 'allowed' | 401 | 403;

const isPublicDeclaration = (a: RouteAccess) => !Array.isArray(a) && 'public' in a;
const needsOf = (a: RouteAccess): readonly AccessNeed[] =>
  Array.isArray(a) ? (a as readonly AccessNeed[]) : 'resource' in a ? [a as AccessNeed] : [];

const TABLE = accessTable();

/**
 * The caller's row of the hand-written table, after checking that the row describes the same actor. A key with
 * scopes is judged by its scopes per route below; what the policy gives it is its enterprise's unscoped key row
 * (the scoped rows of the table fold the scopes in per action, which a write route needing a read — a customs
 * decision reads the inventory — would mix up).
 */
function tableRow(name: string, actor: Actor): TableRow {
  const spec = ACTORS[name];
  if (!spec) throw new Error(`the access table has no row for the matrix's caller "${name}"`);
  const sorted = (xs: readonly string[] | null | undefined) => [...(xs ?? [])].sort();
  expect(
    {
      via: actor.via,
      orgKind: actor.orgKind,
      agencyType: actor.agencyType,
      userRoles: sorted(actor.userRoles),
      enterpriseRoles: sorted(actor.enterpriseRoles),
      keyScopes: sorted(actor.keyScopes),
    },
    `the matrix's "${name}" is the table's`,
  ).toEqual({
    via: spec.via,
    orgKind: spec.orgKind,
    agencyType: spec.agencyType ?? null,
    userRoles: sorted(spec.userRoles),
    enterpriseRoles: sorted(spec.enterpriseRoles),
    keyScopes: sorted(spec.keyScopes),
  });
  const policyName = actor.via === 'api_key' && actor.keyScopes ? 'enterprise API key' : name;
  return TABLE.find((r) => r.name === policyName) as TableRow;
}

/**
 * What the declaration and the hand-written table say this caller gets, restated from the rules of decision
 * 0015 (not by calling the hook's own judgement nor the policy): the denied need, if any, comes back for the
 * 403 detail check.
 */
function expectedOutcome(
  caller: { name: string; actor: Actor | null },
  access: RouteAccess,
  method: string,
): { outcome: Outcome; need?: AccessNeed; keyScope?: true } {
  if (isPublicDeclaration(access)) return { outcome: 'allowed' };
  const actor = caller.actor;
  if (!actor) return { outcome: 401 };
  const row = tableRow(caller.name, actor);
  // A scoped API key: declarations (sending messages, reading receipts) need `declare` (reading receipts also
  // `read`); other reads `read`; other writes `write`.
  if (actor.via === 'api_key' && actor.keyScopes) {
    const reading = method === 'GET' || method === 'HEAD';
    const has = (s: 'declare' | 'read' | 'write') => actor.keyScopes?.includes(s) === true;
    const declaring = needsOf(access).some((n) => n.resource === 'declaration');
    const ok = declaring ? has('declare') || (reading && has('read')) : has(reading ? 'read' : 'write');
    if (!ok) return { outcome: 403, keyScope: true };
  }
  for (const need of needsOf(access)) {
    const cell = row.cells[need.resource][need.action];
    if (cell === 'none' || (need.scope === 'all' && cell !== 'all')) return { outcome: 403, need };
  }
  if (!Array.isArray(access)) {
    const { orgKinds, agencyTypes, via } = access as {
      orgKinds?: string[];
      agencyTypes?: string[];
      via?: string[];
    };
    if (via && !via.includes(actor.via)) return { outcome: 403 };
    if (orgKinds && !orgKinds.includes(actor.orgKind)) return { outcome: 403 };
    if (agencyTypes && (actor.agencyType === null || !agencyTypes.includes(actor.agencyType)))
      return { outcome: 403 };
  }
  return { outcome: 'allowed' };
}

interface Fixture {
  /** Values of the route's path parameters by name. */
  params?: Record<string, string>;
  query?: string;
  /** A fresh valid-looking body per call; `null` for routes that take none. */
  body?: (() => unknown) | null;
  contentType?: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const CEB_XML =
  '<?xml version="1.0" encoding="UTF-8"?><ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid="00000000-0000-0000-0000-000000000000" version="1.0"/>';

/**
 * How to call each route: path parameters naming other enterprises' records, a query where one is required,
 * and a valid-looking body. Every route with parameters or a body must be here: a new one fails the matrix
 * until it is added (HEAD uses its GET's entry).
 */
function fixtures(r: RecordsOfOthers, password: string): Record<string, Fixture> {
  const id = (value: string) => ({ params: { id: value } });
  const product = () => ({
    itemNo: `M-${uniqueId()}`.slice(0, 32),
    nameZh: '矩阵测试奶粉',
    hsCode: MILK.gcode,
    originCountry: '304',
    unit: MILK.unit,
    price: '99.00',
    currency: '142',
  });
  return {
    'POST /api/v1/auth/login': { body: () => ({ username: 'zone', password }) },
    'POST /api/v1/auth/logout': { body: null },
    // A wrong current password: the caller is let through and refused by the rules (400), nothing changes.
    'POST /api/v1/auth/password': {
      body: () => ({ currentPassword: 'not-the-password', newPassword: 'matrix-lamp-river-71' }),
    },
    'GET /api/v1/organisations/:id': id(r.seller.id),
    'POST /api/v1/organisations': {
      body: () => ({
        kind: 'enterprise',
        code: `4614${String(Math.floor(Math.random() * 900_000) + 100_000)}`,
        uscc: uscc(),
        nameZh: '矩阵测试登记企业',
        enterpriseRoles: ['ebc'],
      }),
    },
    'POST /api/v1/users': {
      body: () => ({
        username: `mx${uniqueId().toLowerCase()}`.slice(0, 32),
        displayName: '矩阵测试用户',
        password: 'Matrix-User-2026',
        roles: ['viewer'],
      }),
    },
    // A clerk of another enterprise nobody signs in as (a zone administrator really sets the flag).
    'POST /api/v1/users/:id/require-password-change': { ...id(r.bystanderUserId), body: null },
    'POST /api/v1/api-keys': { body: () => ({ name: 'matrix' }) },
    'DELETE /api/v1/api-keys/:id': { ...id(r.apiKey.id), body: null },
    'POST /api/v1/signing-keys': {
      body: () => ({ keyName: `MX-${uniqueId()}`, sm2PublicKey: `04${'a1'.repeat(64)}` }),
    },
    'DELETE /api/v1/signing-keys/:id': { ...id(r.signingKeyId), body: null },
    'GET /api/v1/products/:id': id(r.productId),
    'POST /api/v1/products': { body: product },
    'PATCH /api/v1/products/:id': { ...id(r.productId), body: () => ({ price: '1.00' }) },
    'DELETE /api/v1/products/:id': { ...id(r.productId), body: null },
    'GET /api/v1/reference/hs/:code': { params: { code: '1901' } },
    'GET /api/v1/reference/codes/:table': { params: { table: 'countries' } },
    'GET /api/v1/reference/tariff-rates/lookup': { query: `hsCode=${MILK.gcode}&date=${today()}` },
    'POST /api/v1/reference/tariff-rates': {
      body: () => ({
        hsCode: MILK.gcode,
        validFrom: '2099-01-01',
        vatRate: '0.13',
        source: '访问矩阵测试',
      }),
    },
    'PATCH /api/v1/reference/tariff-rates/:id': {
      ...id(r.tariffRateId),
      body: () => ({ source: '访问矩阵测试' }),
    },
    'PATCH /api/v1/zone': { body: () => ({ inspectionSamplingRate: '0' }) },
    'POST /api/v1/import/messages/:messageType': {
      params: { messageType: 'CEB311Message' },
      body: () => ({ guid: randomUUID() }),
    },
    'GET /api/v1/entry/forms/:messageType': { params: { messageType: 'CEB311Message' } },
    'GET /api/v1/entry/forms/:messageType/previous': { params: { messageType: 'CEB311Message' } },
    'POST /api/v1/entry/forms/:messageType/declare': {
      params: { messageType: 'CEB311Message' },
      body: () => ({ values: { head: { orderNo: `MX${uniqueId()}` }, list: [] } }),
    },
    'GET /api/v1/entry/drafts/:id': id(randomUUID()),
    'POST /api/v1/entry/drafts': {
      body: () => ({
        kind: 'draft',
        messageType: 'CEB311Message',
        name: '访问矩阵测试暂存',
        values: { head: { orderNo: 'MX-DRAFT' }, list: [] },
      }),
    },
    'PUT /api/v1/entry/drafts/:id': {
      ...id(randomUUID()),
      body: () => ({
        kind: 'template',
        messageType: 'CEB311Message',
        name: '访问矩阵测试模板',
        values: { head: {}, list: [] },
      }),
    },
    'DELETE /api/v1/entry/drafts/:id': { ...id(randomUUID()), body: null },
    'GET /api/v1/import/inventories/:id': id(r.importInventory.id),
    'POST /api/v1/import/inventories/:id/decision': {
      ...id(r.importInventory.id),
      body: () => ({ action: 'release', reason: '访问矩阵测试放行' }),
    },
    'POST /api/v1/import/inventories/decisions': {
      body: () => ({ ids: [r.importInventory.id], action: 'release', reason: '访问矩阵测试批量放行' }),
    },
    'POST /api/v1/import/inventories/:id/personal-data': {
      ...id(r.importInventory.id),
      body: () => ({ reason: '访问矩阵测试核对身份' }),
    },
    'POST /api/v1/bonded/account-books': {
      body: () => ({ emsNo: `MX${uniqueId()}`.slice(0, 30), customsCode: '4614', name: '矩阵测试账册' }),
    },
    'POST /api/v1/bonded/account-books/:emsNo/items': {
      params: { emsNo: r.emsNo },
      body: () => ({ itemRecordNo: 'MX-1', gcode: MILK.gcode, gname: MILK.gname, unit: MILK.unit }),
    },
    'POST /api/v1/bonded/account-books/:emsNo/receipts': {
      params: { emsNo: r.emsNo },
      body: () => ({ itemRecordNo: 'A-1', qty: '1' }),
    },
    'GET /api/v1/bonded/account-books/:emsNo/movements': { params: { emsNo: r.emsNo } },
    'GET /api/v1/export/inventories/:id': id(r.exportInventory.id),
    'GET /api/v1/risk/rule-sets/:id': id(randomUUID()),
    'POST /api/v1/risk/rule-sets': { body: () => ({ name: '访问矩阵测试规则集', body: DEFAULT_RULE_SET }) },
    'POST /api/v1/risk/rule-sets/:id/publish': { ...id(randomUUID()), body: null },
    'POST /api/v1/risk/rule-sets/:id/retire': { ...id(randomUUID()), body: null },
    'POST /api/v1/risk/rule-sets/:id/shadow': { ...id(randomUUID()), body: () => ({ on: true }) },
    'GET /api/v1/risk/rule-sets/:id/shadow': id(randomUUID()),
    'POST /api/v1/risk/replay': { body: () => ({ body: DEFAULT_RULE_SET, from: today(), to: today() }) },
    'GET /api/v1/risk/rule-sets/:id/diff': { ...id(randomUUID()), query: `against=${randomUUID()}` },
    'GET /api/v1/risk/warnings/:id': id(randomUUID()),
    'POST /api/v1/risk/warnings/:id/assign': {
      ...id(randomUUID()),
      body: () => ({ assignee: randomUUID() }),
    },
    'POST /api/v1/risk/warnings/:id/dispose': {
      ...id(randomUUID()),
      body: () => ({ outcome: 'dismissed', note: '访问矩阵测试' }),
    },
    'POST /api/v1/risk/warnings/:id/review': { ...id(randomUUID()), body: () => ({ decision: 'approved' }) },
    'POST /api/v1/risk/warnings/scan': { body: () => ({ from: today(), to: today() }) },
    'GET /api/v1/risk/rule-stats': { query: `ruleSetId=${randomUUID()}&from=${today()}&to=${today()}` },
    'GET /api/v1/risk/rule-stats/export.xlsx': {
      query: `ruleSetId=${randomUUID()}&from=${today()}&to=${today()}`,
    },
    'GET /api/v1/export/declarations/:id': id(r.declarationId),
    'GET /api/v1/export/declarations/:id/certificate.pdf': id(r.declarationId),
    'POST /api/v1/export/summaries': { body: () => ({ month: chinaMonth() }) },
    'POST /api/v1/export/overseas-warehouses': {
      body: () => ({
        code: `MX-${uniqueId()}`.slice(0, 18),
        name: '矩阵测试海外仓',
        country: '502',
        address: '2 Harbor Way',
      }),
    },
    'POST /api/v1/export/overseas-warehouses/:id/revoke': { ...id(r.overseasWarehouseId), body: null },
    'PUT /api/v1/export/customs-offices/:customsCode/sequencing': {
      params: { customsCode: '4614' },
      body: () => ({ sequencing: 'arrival_then_release' }),
    },
    'GET /api/v1/public/certificates/:certificateNo': {
      params: { certificateNo: 'ZM20261100D000000001' },
      query: `code=${'0'.repeat(24)}`,
    },
    'GET /verify/certificates/:certificateNo': {
      params: { certificateNo: 'ZM20261100D000000001' },
      query: `code=${'0'.repeat(24)}`,
    },
    'POST /api/v1/filings/enterprise': {
      body: () => ({
        uscc: uscc(),
        customsCode: '4614000000',
        nameZh: '矩阵测试备案',
        roles: ['ebc'],
        legalRep: '张三',
        address: '河南省焦作市',
        contacts: [{ name: '李四', phone: '13800000000' }],
        documents: [{ kind: 'business_licence', name: '营业执照.pdf', sha256: 'a'.repeat(64) }],
      }),
    },
    'GET /api/v1/filings/enterprise/:id': id(r.filingId),
    'POST /api/v1/filings/enterprise/:id/submit': { ...id(r.filingId), body: null },
    'POST /api/v1/filings/enterprise/:id/decision': {
      ...id(r.filingId),
      body: () => ({ decision: 'suspend', reasons: ['访问矩阵测试暂停'] }),
    },
    'POST /api/v1/filing/authorisations': {
      body: () => ({ granteeCode: r.seller.code, role: 'ebc', reason: '访问矩阵测试授权' }),
    },
    'GET /api/v1/filing/authorisations/:id': id(r.authorisationId),
    'POST /api/v1/filing/authorisations/:id/revoke': {
      ...id(r.authorisationId),
      body: () => ({ reason: '访问矩阵测试撤销' }),
    },
    'POST /api/v1/filings/products': {
      body: () => ({
        itemNo: `MX-${uniqueId()}`.slice(0, 30),
        nameZh: '矩阵测试商品',
        hsCode: MILK.gcode,
        declarationElements: {},
        originCountry: '304',
        unit: MILK.unit,
        legalUnit1: '035',
        price: '10.00',
        currency: '142',
      }),
    },
    'POST /api/v1/filings/products/bulk': { body: () => Buffer.from('not a workbook'), contentType: XLSX },
    'POST /api/v1/filings/products/:id/decision': {
      ...id(r.productId),
      body: () => ({ decision: 'reject', reasons: ['访问矩阵测试退回'] }),
    },
    'POST /api/v1/reference/positive-list': {
      body: () => ({
        entries: [
          {
            hsPrefix: '1901',
            nameZh: '婴幼儿配方奶粉',
            listName: '访问矩阵测试清单',
            validFrom: '2099-01-01',
          },
        ],
      }),
    },
    'GET /api/v1/credit/enterprises/:orgId': { params: { orgId: r.seller.id } },
    'POST /api/v1/credit/events': {
      body: () => ({
        orgCode: r.seller.code,
        category: 'commendation',
        occurredOn: today(),
        description: '访问矩阵测试表彰',
      }),
    },
    'PUT /api/v1/credit/enterprises/:orgId/customs-level': {
      params: { orgId: r.seller.id },
      body: () => ({ level: 'general', validFrom: today(), source: '访问矩阵测试' }),
    },
    'POST /api/v1/credit/ratings': {
      body: () => ({
        agency: '访问矩阵测试评级',
        ratings: [{ orgCode: r.seller.code, rating: 'A', score: '90', ratedOn: today() }],
      }),
    },
    'PUT /api/v1/credit/sampling-rates': { body: () => ({ A: '0', B: '0', C: '0', D: '0' }) },
    'POST /api/v1/negative-list': {
      body: () => ({
        subjectType: 'person',
        idType: '1',
        idNumber: `41080019900101${String(Math.floor(Math.random() * 9000) + 1000)}`,
        name: '矩阵测试',
        reason: '访问矩阵测试',
        authority: '焦作海关',
      }),
    },
    'POST /api/v1/negative-list/:id/delist': {
      ...id(r.negativeListId),
      body: () => ({ reason: '访问矩阵测试移出' }),
    },
    'GET /api/v1/public/enterprises': { query: 'q=焦作' },
    'GET /api/v1/public/products': { query: `itemNo=${MILK.itemNo}` },
    'GET /api/v1/public/parcels': { query: `logisticsNo=${r.importInventory.logisticsNo}` },
    'POST /api/v1/sandbox/validate': { body: () => CEB_XML, contentType: 'application/xml' },
    'POST /api/v1/webhooks': { body: () => ({ url: 'https://hooks.matrix.example.com/receipts' }) },
    'DELETE /api/v1/webhooks/:id': { ...id(r.webhookId), body: null },
    'GET /api/v1/webhooks/:id/dead-letters': id(r.webhookId),
    'POST /api/v1/webhooks/:id/dead-letters/:deadLetterId/retry': {
      params: { id: r.webhookId, deadLetterId: '1' },
      body: null,
    },
    'POST /ceb/messages': { body: () => CEB_XML, contentType: 'application/xml' },
    // 云关码 (decision 0049): a well-formed code nobody was issued.
    'GET /api/v1/trace/codes/:code/label.png': { params: { code: '0000000000000' } },
    'GET /api/v1/trace/codes/:code/label.svg': { params: { code: '0000000000000' } },
    'GET /api/v1/trace/codes/:code/epcis': { params: { code: '0000000000000' } },
    'GET /api/v1/trace/labels.pdf': { query: 'codes=0000000000000' },
    'POST /api/v1/trace/events': {
      body: () => ({
        code: '0000000000000',
        eventType: 'departure',
        eventTime: new Date(Date.now() - 60_000).toISOString(),
        place: '访问矩阵测试',
      }),
    },
    'POST /api/v1/trace/events/upload': { body: () => Buffer.from('not a workbook'), contentType: XLSX },
    'GET /api/v1/public/trace/:code': { params: { code: '0000000000000' } },
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The request for one cell, or a reason the fixtures cannot make it. */
function requestFor(entry: AccessTableEntry, all: Record<string, Fixture>) {
  const key = `${entry.method === 'HEAD' ? 'GET' : entry.method} ${entry.url}`;
  const fixture = all[key];
  const names = [...entry.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string);
  const missing: string[] = [];
  let url = entry.url;
  for (const name of names) {
    const value = fixture?.params?.[name];
    if (value === undefined) missing.push(`path parameter :${name}`);
    else url = url.replace(`:${name}`, encodeURIComponent(value));
  }
  if (url.endsWith('/*')) url = url.replace(/\*$/, 'swagger-ui.css');
  if (UNSAFE.has(entry.method) && fixture?.body === undefined) missing.push('a body (or body: null)');
  if (missing.length > 0) return { missing: `${key}: add ${missing.join(' and ')} to the fixtures` };
  const body = fixture?.body ? fixture.body() : undefined;
  return {
    url: fixture?.query ? `${url}?${fixture.query}` : url,
    payload:
      body === undefined
        ? undefined
        : typeof body === 'string' || Buffer.isBuffer(body)
          ? body
          : JSON.stringify(body),
    contentType:
      body === undefined
        ? undefined
        : (fixture?.contentType ?? (typeof body === 'string' ? 'text/plain' : 'application/json')),
  };
}

describe.each(ENGINES)('access-control matrix on %s', (engine) => {
  let p: Platform;
  let records: RecordsOfOthers;
  let callers: Caller[];
  let password: string;

  beforeAll(async () => {
    p = await startPlatform(engine, withoutRateLimits());
    password = (await import('./support/platform.ts')).DEMO_PASSWORD;
    records = await recordsOfOthers(p);
    const probe = await probeEnterprise(p, 'B');
    const agencyId = async (type: string) =>
      (
        await p.database.db
          .selectFrom('organisations')
          .select('id')
          .where('kind', '=', 'agency')
          .where('agency_type', '=', type)
          .executeTakeFirstOrThrow()
      ).id;
    const zone = await orgIdOf(p, 'JZ-ZONE');
    const bank = await orgIdOf(p, 'JZ-BANK-DEMO');
    callers = [
      { name: 'anonymous', actor: null, headers: () => ({}) },
      await userCaller(p, 'enterprise admin', probe.id, ['admin']),
      await userCaller(p, 'enterprise operator', probe.id, ['operator']),
      await userCaller(p, 'enterprise viewer', probe.id, ['viewer']),
      await apiKeyCaller(p, 'enterprise API key', probe.id),
      await apiKeyCaller(p, 'API key, declare only', probe.id, ['declare']),
      await apiKeyCaller(p, 'API key, read only', probe.id, ['read']),
    ];
    for (const type of AGENCY_TYPES)
      callers.push(await userCaller(p, `${type} operator`, await agencyId(type), ['operator']));
    callers.push(
      await userCaller(p, 'zone-office admin', zone, ['admin']),
      await userCaller(p, 'zone-office viewer', zone, ['viewer']),
      await userCaller(p, 'bank user', bank, ['operator']),
    );
    if (FULL) {
      for (const type of AGENCY_TYPES)
        for (const role of ['admin', 'viewer'] as const)
          callers.push(await userCaller(p, `${type} ${role}`, await agencyId(type), [role]));
      callers.push(
        await userCaller(p, 'bank admin', bank, ['admin']),
        await userCaller(p, 'bank viewer', bank, ['viewer']),
        await userCaller(p, 'enterprise admin and operator', probe.id, ['admin', 'operator']),
      );
    }
  }, 240_000);
  afterAll(() => p?.close());

  it('answers every route × every role as its declaration and the hand-written access table say, never with a 5xx', async () => {
    const table = p.app.accessTable;
    const all = fixtures(records, password);
    const keys = table.map((e) => `${e.method} ${e.url}`);
    expect(new Set(keys).size, 'no route twice in the table').toBe(keys.length);
    // Plugin routes are exempt from declaring only for reading: public GET/HEAD.
    expect(table.filter((e) => e.plugin && e.method !== 'GET' && e.method !== 'HEAD')).toEqual([]);
    const unfixtured = [
      ...new Set(table.map((e) => requestFor(e, all)).flatMap((r) => ('missing' in r ? [r.missing] : []))),
    ];
    expect(unfixtured, 'routes the matrix cannot call yet').toEqual([]);

    const started = performance.now();
    const mismatches: string[] = [];
    let cells = 0;
    for (const entry of table) {
      for (const caller of callers) {
        const { outcome, need, keyScope } = expectedOutcome(caller, entry.access, entry.method);
        // Signing out ends the session: it gets a session of its own.
        const who = entry.url === '/api/v1/auth/logout' && caller.fresh ? await caller.fresh() : caller;
        const req = requestFor(entry, all);
        if ('missing' in req) continue;
        const res = await p.app.inject({
          method: entry.method as 'GET',
          url: req.url,
          headers: {
            ...who.headers(entry.method),
            ...(req.contentType ? { 'content-type': req.contentType } : {}),
          },
          ...(req.payload !== undefined ? { payload: req.payload } : {}),
        });
        cells++;
        const cell = `${entry.method} ${entry.url} as ${caller.name}`;
        if (outcome === 'allowed') {
          // Let through means a business answer (2xx, 3xx, or a 4xx of the rules: 400, 404, 409, 422 …),
          // never a refusal of the caller (401/403) and never a server error: a 5xx is a bug, not access.
          if (res.statusCode === 401 || res.statusCode === 403 || res.statusCode >= 500)
            mismatches.push(
              `${cell}: expected to be let through with a business answer, got ${res.statusCode} ${res.body.slice(0, 300)}`,
            );
        } else if (res.statusCode !== outcome) {
          mismatches.push(`${cell}: expected ${outcome}, got ${res.statusCode} ${res.body.slice(0, 300)}`);
        } else if (outcome === 403 && entry.method !== 'HEAD') {
          // Refused by the HTTP layer with the error shape, naming the resource and action refused.
          const body = res.json() as { code: string; details: { field: string; expected?: string }[] };
          const named = keyScope
            ? body.details.some((d) => d.field === 'Authorization')
            : need
              ? body.details.some((d) => d.expected?.startsWith(`${need.resource}:${need.action}`))
              : body.details.some((d) => d.field === 'actor');
          if (body.code !== 'FORBIDDEN' || !named)
            mismatches.push(
              `${cell}: 403 without the refused ${need ? `${need.resource}:${need.action}` : 'actor'} in its details: ${res.body}`,
            );
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const plugin = table.filter((e) => e.plugin).length;
    const head = table.filter((e) => !e.plugin && e.method === 'HEAD').length;
    console.log(
      `access matrix on ${engine}: ${table.length} routes (${table.length - plugin - head} declared, ${head} HEAD twins, ${plugin} plugin files) × ${callers.length} roles = ${cells} cells checked in ${seconds.toFixed(1)} s`,
    );
    expect(mismatches).toEqual([]);
    expect(cells).toBe(table.length * callers.length);
  }, 600_000);
});

/**
 * Cross-enterprise probes: enterprise B (a probe holding every enterprise role, so every `own` scope is open
 * to it; its administrator-operator by session and its API key) reads and writes the records of other
 * enterprises (A: the demo seller, warehouse, overseas-warehouse operator). Reads are 404, as if the record
 * did not exist (decision 0004); writes are 404 or 403; lists leave A's records out; and A's rows are the
 * same afterwards. Both engines (a few seconds each after the set-up).
 */
interface Probe {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  via: 'session' | 'key';
  /** Acceptable answers: 404 for reads; 404 or 403 for writes. */
  expect: readonly number[];
}
interface ListProbe {
  url: string;
  via: 'session' | 'key';
  /** Text of the record that must not appear in the answer (its id or number). */
  absent: string;
}
interface CrossCase {
  probes: Probe[];
  lists?: ListProbe[];
  /** A's rows of this resource, compared before and after. */
  rows: { table: string; column: string; value: string }[];
}

const READ = [404] as const;
const WRITE = [404, 403] as const;
const both = (p: Omit<Probe, 'via'>): Probe[] => [
  { ...p, via: 'session' },
  { ...p, via: 'key' },
];

function crossCases(r: RecordsOfOthers): Record<string, CrossCase> {
  const month = chinaMonth();
  return {
    product: {
      probes: [
        ...both({ method: 'GET', url: `/api/v1/products/${r.productId}`, expect: READ }),
        ...both({
          method: 'PATCH',
          url: `/api/v1/products/${r.productId}`,
          body: { price: '0.01' },
          expect: WRITE,
        }),
        ...both({ method: 'DELETE', url: `/api/v1/products/${r.productId}`, expect: WRITE }),
        {
          method: 'POST',
          url: `/api/v1/filings/products/${r.productId}/decision`,
          body: { decision: 'reject', reasons: ['他人退回'] },
          via: 'session',
          expect: WRITE,
        },
      ],
      lists: [{ url: '/api/v1/products?pageSize=200', via: 'session', absent: r.productId }],
      rows: [{ table: 'products', column: 'id', value: r.productId }],
    },
    import_document: {
      probes: [
        ...both({ method: 'GET', url: `/api/v1/import/inventories/${r.importInventory.id}`, expect: READ }),
        {
          method: 'POST',
          url: `/api/v1/import/inventories/${r.importInventory.id}/personal-data`,
          body: { reason: '他人查看个人信息' },
          via: 'session',
          expect: READ,
        },
        ...both({
          method: 'POST',
          url: `/api/v1/import/inventories/${r.importInventory.id}/decision`,
          body: { action: 'reject', reason: '他人退单' },
          expect: WRITE,
        }),
        ...both({
          method: 'POST',
          url: '/api/v1/import/inventories/decisions',
          body: { ids: [r.importInventory.id], action: 'release', reason: '他人批量放行' },
          expect: WRITE,
        }),
      ],
      lists: [
        { url: '/api/v1/import/inventories?pageSize=200', via: 'session', absent: r.importInventory.id },
        { url: '/api/v1/import/inventories?pageSize=200', via: 'key', absent: r.importInventory.id },
        { url: '/api/v1/search/inventories?pageSize=200', via: 'session', absent: r.importInventory.id },
        { url: '/api/v1/search/inventories?pageSize=200', via: 'key', absent: r.importInventory.id },
      ],
      rows: [
        { table: 'import_documents', column: 'id', value: r.importInventory.id },
        { table: 'document_events', column: 'document_id', value: r.importInventory.id },
      ],
    },
    export_document: {
      probes: both({
        method: 'GET',
        url: `/api/v1/export/inventories/${r.exportInventory.id}`,
        expect: READ,
      }),
      lists: [
        { url: '/api/v1/export/inventories?pageSize=200', via: 'session', absent: r.exportInventory.id },
        { url: '/api/v1/search/inventories?pageSize=200', via: 'session', absent: r.exportInventory.id },
      ],
      rows: [
        { table: 'export_documents', column: 'id', value: r.exportInventory.id },
        { table: 'export_inventories', column: 'document_id', value: r.exportInventory.id },
      ],
    },
    export_summary: {
      probes: [
        ...both({ method: 'GET', url: `/api/v1/export/declarations/${r.declarationId}`, expect: READ }),
        ...both({
          method: 'GET',
          url: `/api/v1/export/declarations/${r.declarationId}/certificate.pdf`,
          expect: READ,
        }),
        ...both({
          method: 'POST',
          url: '/api/v1/export/summaries',
          body: { month, ebcCode: r.seller.code },
          expect: WRITE,
        }),
      ],
      lists: [{ url: '/api/v1/export/declarations?pageSize=200', via: 'session', absent: r.declarationId }],
      rows: [{ table: 'export_declarations', column: 'id', value: r.declarationId }],
    },
    account_book: {
      probes: [
        ...both({ method: 'GET', url: `/api/v1/bonded/account-books/${r.emsNo}/movements`, expect: READ }),
        ...both({
          method: 'POST',
          url: `/api/v1/bonded/account-books/${r.emsNo}/items`,
          body: { itemRecordNo: 'B-1', gcode: MILK.gcode, gname: MILK.gname, unit: MILK.unit },
          expect: WRITE,
        }),
        ...both({
          method: 'POST',
          url: `/api/v1/bonded/account-books/${r.emsNo}/receipts`,
          body: { itemRecordNo: 'A-1', qty: '5' },
          expect: WRITE,
        }),
      ],
      lists: [{ url: '/api/v1/bonded/account-books', via: 'session', absent: r.emsNo }],
      rows: [
        { table: 'account_books', column: 'ems_no', value: r.emsNo },
        { table: 'account_book_items', column: 'ems_no', value: r.emsNo },
        { table: 'stock_movements', column: 'ems_no', value: r.emsNo },
      ],
    },
    filing: {
      probes: [
        ...both({ method: 'GET', url: `/api/v1/filings/enterprise/${r.filingId}`, expect: READ }),
        ...both({ method: 'POST', url: `/api/v1/filings/enterprise/${r.filingId}/submit`, expect: WRITE }),
        {
          method: 'POST',
          url: `/api/v1/filings/enterprise/${r.filingId}/decision`,
          body: { decision: 'suspend', reasons: ['他人暂停'] },
          via: 'session',
          expect: WRITE,
        },
      ],
      lists: [{ url: '/api/v1/filings/enterprise?pageSize=200', via: 'session', absent: r.filingId }],
      rows: [
        { table: 'enterprise_filings', column: 'id', value: r.filingId },
        { table: 'organisations', column: 'id', value: r.seller.id },
      ],
    },
    authorisation: {
      probes: [
        ...both({ method: 'GET', url: `/api/v1/filing/authorisations/${r.authorisationId}`, expect: READ }),
        ...both({
          method: 'POST',
          url: `/api/v1/filing/authorisations/${r.authorisationId}/revoke`,
          body: { reason: '他人撤销授权' },
          expect: WRITE,
        }),
      ],
      lists: [
        { url: '/api/v1/filing/authorisations?pageSize=200', via: 'session', absent: r.authorisationId },
        { url: '/api/v1/filing/authorisations?pageSize=200', via: 'key', absent: r.authorisationId },
      ],
      rows: [{ table: 'declaration_authorisations', column: 'id', value: r.authorisationId }],
    },
    credit: {
      probes: [
        ...both({ method: 'GET', url: `/api/v1/credit/enterprises/${r.seller.id}`, expect: READ }),
        ...both({
          method: 'PUT',
          url: `/api/v1/credit/enterprises/${r.seller.id}/customs-level`,
          body: { level: 'dishonest', validFrom: '2026-01-01', source: '他人认定' },
          expect: WRITE,
        }),
        ...both({
          method: 'POST',
          url: '/api/v1/credit/events',
          body: {
            orgCode: r.seller.code,
            category: 'administrative_penalty',
            occurredOn: '2026-01-01',
            description: '他人记录处罚',
          },
          expect: WRITE,
        }),
      ],
      rows: [
        { table: 'credit_events', column: 'org_id', value: r.seller.id },
        { table: 'customs_credit_levels', column: 'org_id', value: r.seller.id },
        { table: 'third_party_ratings', column: 'org_id', value: r.seller.id },
        { table: 'credit_scores', column: 'org_id', value: r.seller.id },
      ],
    },
    api_key: {
      probes: both({ method: 'DELETE', url: `/api/v1/api-keys/${r.apiKey.id}`, expect: WRITE }),
      lists: [{ url: '/api/v1/api-keys?pageSize=200', via: 'session', absent: r.apiKey.id }],
      rows: [{ table: 'api_keys', column: 'id', value: r.apiKey.id }],
    },
    signing_key: {
      probes: both({ method: 'DELETE', url: `/api/v1/signing-keys/${r.signingKeyId}`, expect: WRITE }),
      lists: [{ url: '/api/v1/signing-keys', via: 'session', absent: r.signingKeyId }],
      rows: [{ table: 'signing_keys', column: 'id', value: r.signingKeyId }],
    },
    user: {
      probes: both({
        method: 'POST',
        url: '/api/v1/users',
        body: {
          orgId: r.seller.id,
          username: `intruder${uniqueId().toLowerCase()}`.slice(0, 32),
          displayName: '他人新建用户',
          password: 'Intruder-2026-pass',
          roles: ['admin'],
        },
        expect: WRITE,
      }),
      lists: [{ url: '/api/v1/users?pageSize=200', via: 'session', absent: r.seller.id }],
      rows: [{ table: 'users', column: 'org_id', value: r.seller.id }],
    },
    audit: {
      // Append-only: there is no write to try; B's trail names none of A's records.
      probes: [{ method: 'GET', url: '/api/v1/audit', via: 'key', expect: [403] }],
      lists: [
        { url: `/api/v1/audit?targetId=${r.productId}`, via: 'session', absent: r.productId },
        { url: '/api/v1/audit?pageSize=200', via: 'session', absent: r.seller.id },
      ],
      rows: [{ table: 'audit_log', column: 'target_org_id', value: r.seller.id }],
    },
    overseas_warehouse: {
      // Filed overseas warehouses are a public registry (everyone reads); only the operator or customs writes.
      probes: both({
        method: 'POST',
        url: `/api/v1/export/overseas-warehouses/${r.overseasWarehouseId}/revoke`,
        expect: WRITE,
      }),
      rows: [{ table: 'overseas_warehouses', column: 'id', value: r.overseasWarehouseId }],
    },
    webhook: {
      probes: [
        ...both({ method: 'GET', url: `/api/v1/webhooks/${r.webhookId}/dead-letters`, expect: [404, 403] }),
        ...both({ method: 'DELETE', url: `/api/v1/webhooks/${r.webhookId}`, expect: WRITE }),
        ...both({
          method: 'POST',
          url: `/api/v1/webhooks/${r.webhookId}/dead-letters/1/retry`,
          expect: WRITE,
        }),
      ],
      lists: [{ url: '/api/v1/webhooks', via: 'session', absent: r.webhookId }],
      rows: [{ table: 'webhooks', column: 'id', value: r.webhookId }],
    },
    receipt_feed: {
      probes: [],
      lists: [
        { url: '/api/v1/receipts?limit=500', via: 'key', absent: r.importInventory.logisticsNo },
        { url: '/api/v1/receipts?limit=500', via: 'key', absent: r.exportInventory.invtNo },
        { url: '/api/v1/receipts?limit=500', via: 'session', absent: r.importInventory.logisticsNo },
      ],
      rows: [{ table: 'receipts', column: 'org_id', value: r.agentId }],
    },
  };
}

const CROSS_RESOURCES = [
  'product',
  'import_document',
  'export_document',
  'export_summary',
  'account_book',
  'filing',
  'authorisation',
  'credit',
  'api_key',
  'signing_key',
  'user',
  'audit',
  'overseas_warehouse',
  'webhook',
  'receipt_feed',
] as const;

describe.each(ENGINES)('cross-enterprise reads and writes on %s', (engine) => {
  let p: Platform;
  let records: RecordsOfOthers;
  let cases: Record<string, CrossCase>;
  let session: Caller;
  let key: Caller;

  beforeAll(async () => {
    p = await startPlatform(engine, withoutRateLimits());
    records = await recordsOfOthers(p);
    cases = crossCases(records);
    const probe = await probeEnterprise(p, 'B');
    session = await userCaller(p, 'enterprise B administrator', probe.id, ['admin', 'operator']);
    key = await apiKeyCaller(p, 'enterprise B key', probe.id);
  }, 240_000);
  afterAll(() => p?.close());

  const send = (via: 'session' | 'key', method: string, url: string, body?: unknown) => {
    const who = via === 'session' ? session : key;
    return p.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...who.headers(method),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  };
  const snapshot = async (c: CrossCase) => {
    const out: Record<string, unknown[]> = {};
    for (const { table, column, value } of c.rows)
      out[`${table}.${column}`] = (
        await sql<
          Record<string, unknown>
        >`select t.* from ${sql.table(table)} t where ${sql.ref(`t.${column}`)} = ${value} order by t::text`.execute(
          p.database.db,
        )
      ).rows;
    return out;
  };

  it.each(CROSS_RESOURCES)(
    "%s: enterprise B gets 404 reading and 404/403 writing enterprise A's records, which stay unchanged",
    async (resource) => {
      const c = cases[resource] as CrossCase;
      const before = await snapshot(c);
      expect(
        Object.values(before).some((rows) => rows.length > 0),
        'A has records to protect',
      ).toBe(true);
      const wrong: string[] = [];
      for (const probe of c.probes) {
        const res = await send(probe.via, probe.method, probe.url, probe.body);
        if (!probe.expect.includes(res.statusCode))
          wrong.push(
            `${probe.method} ${probe.url} by ${probe.via}: ${res.statusCode} ${res.body.slice(0, 200)}`,
          );
      }
      for (const list of c.lists ?? []) {
        const res = await send(list.via, 'GET', list.url);
        if (res.statusCode !== 200 || res.body.includes(list.absent))
          wrong.push(
            `GET ${list.url} by ${list.via}: ${res.statusCode}, shows ${list.absent}: ${res.body.includes(list.absent)}`,
          );
      }
      expect(wrong).toEqual([]);
      expect(await snapshot(c)).toEqual(before);
    },
  );

  it("refuses B's gateway message that acts on A's export inventory (copCode is not the sender, −10102) and changes nothing", async () => {
    const c = cases.export_document as CrossCase;
    const before = await snapshot(c);
    const res = await p.app.inject({
      method: 'POST',
      url: '/ceb/messages',
      headers: { ...key.headers('POST'), 'content-type': 'application/xml' },
      payload: records.exportCancel(),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect([...res.body.matchAll(/<returnStatus>([^<]*)<\/returnStatus>/g)].map((m) => m[1])).toEqual([
      '-10102',
    ]);
    expect(await snapshot(c)).toEqual(before);
  });

  it("leaves A's spare API key working after B's attempts to revoke it", async () => {
    const res = await p.app.inject({
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${records.apiKey.secret}` },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('route declarations', () => {
  it('refuses to start when a route declares no access policy', async () => {
    // A developer adds a route to a routes file without a declaration: buildApp must fail, naming it.
    vi.resetModules();
    vi.doMock('../src/http/routes/sandbox.ts', async (importOriginal) => {
      const original = await importOriginal<typeof SandboxModule>();
      return {
        ...original,
        sandboxRoutes:
          (...args: Parameters<typeof original.sandboxRoutes>): FastifyPluginAsync =>
          async (app: FastifyInstance, opts) => {
            await (original.sandboxRoutes(...args) as unknown as FastifyPluginAsync)(app, opts);
            app.get('/sandbox/undeclared', async () => ({ oops: true }));
          },
      };
    });
    try {
      const { buildApp } = await import('../src/app.ts');
      const { createDb, migrate } = await import('@crossgate/db');
      const database = await createDb({ dataDir: 'memory://' });
      await migrate(database);
      try {
        await expect(buildApp({ config: loadConfig({}), database, logger: false })).rejects.toThrow(
          /GET \/api\/v1\/sandbox\/undeclared declares no access policy/,
        );
      } finally {
        await database.close();
      }
    } finally {
      vi.doUnmock('../src/http/routes/sandbox.ts');
      vi.resetModules();
    }
  }, 120_000);
});

import { generateKeyPairSync, randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildExportCancel, buildImportParcel } from '@crossgate/ceb';
import {
  ENTERPRISE_ROLES,
  organisationCodeCheckCharacter,
  usccCheckCharacter,
  type Actor,
  type ApiKeyScope,
  type AgencyType,
  type EnterpriseRole,
  type OrganisationKind,
  type UserRole,
} from '@crossgate/domain';
import { loadConfig, type ServerConfig } from '../../src/config.ts';
import { createApiKey } from '../../src/services/api-keys.ts';
import { systemContext } from '../../src/services/context.ts';
import { createOrganisation } from '../../src/services/organisations.ts';
import { createUser } from '../../src/services/users.ts';
import { clearExport, exportSpec } from './export-kit.ts';
import { gatewayFor, MILK, parcelSpec, PARTIES, sendImport, uniqueId } from './import-kit.ts';
import { DEMO_PASSWORD, zoneContext, type Platform } from './platform.ts';

export const PASSWORD = 'Access-Matrix-2026';

/** A fresh USCC that passes the GB 32100-2015 check characters (organisation code and USCC). */
export function uscc(): string {
  const org8 = String(randomInt(10_000_000, 99_999_999));
  const body = `91410800${org8}${organisationCodeCheckCharacter(org8) as string}`;
  return body + (usccCheckCharacter(body) as string);
}

/** A signed-in browser: its two cookies and the headers a well-behaved client (the web app) sends. */
export interface Browser {
  /** `cg_session=…; cg_csrf=…` */
  cookie: string;
  session: string;
  csrf: string;
  /** The cookie, plus `x-csrf-token` for writes (what apps/web/src/api/client.ts does). */
  headers(method?: string): Record<string, string>;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Signs in through the API like the web app and keeps both cookies. */
export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Browser> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'cg_session')?.value;
  const csrf = res.cookies.find((c) => c.name === 'cg_csrf')?.value;
  if (!session || !csrf) throw new Error(`login ${username}: the session or CSRF cookie is missing`);
  const cookie = `cg_session=${session}; cg_csrf=${csrf}`;
  return {
    cookie,
    session,
    csrf,
    headers: (method = 'GET') => ({
      cookie,
      ...(UNSAFE.has(method.toUpperCase()) ? { 'x-csrf-token': csrf } : {}),
    }),
  };
}

export const orgIdOf = async (p: Platform, code: string) =>
  (
    await p.database.db
      .selectFrom('organisations')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
  ).id;

/** Facts about an organisation the access policy looks at. */
export async function orgFacts(p: Platform, orgId: string) {
  const o = await p.database.db
    .selectFrom('organisations')
    .select(['id', 'kind', 'agency_type', 'enterprise_roles'])
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  return {
    orgId: o.id,
    orgKind: o.kind as OrganisationKind,
    agencyType: o.agency_type as AgencyType | null,
    enterpriseRoles: o.enterprise_roles as EnterpriseRole[],
  };
}

/**
 * A role of the matrix: how it calls (headers for a method) and the actor the domain policy sees, or null for
 * an anonymous caller. `fresh` gives a new sign-in for routes that end the caller's session.
 */
export interface Caller {
  name: string;
  actor: Actor | null;
  headers(method: string): Record<string, string>;
  fresh?: () => Promise<Caller>;
}

let userSerial = 0;

/** A user with exactly these roles in an organisation, signed in. */
export async function userCaller(
  p: Platform,
  name: string,
  orgId: string,
  roles: UserRole[],
): Promise<Caller> {
  const username = `m${Date.now().toString(36)}${userSerial++}`.slice(0, 32);
  const user = await createUser({ db: p.database.db }, systemContext(), {
    orgId,
    username,
    displayName: name,
    password: PASSWORD,
    roles,
    locale: 'zh-CN',
  });
  const facts = await orgFacts(p, orgId);
  const make = async (): Promise<Caller> => {
    const browser = await signIn(p.app, username, PASSWORD);
    return {
      name,
      actor: { via: 'session', userId: user.id, apiKeyId: null, userRoles: roles, ...facts },
      headers: (method) => browser.headers(method),
      fresh: make,
    };
  };
  return make();
}

/** An API key of an enterprise, as its system would send it. */
export async function apiKeyCaller(
  p: Platform,
  name: string,
  orgId: string,
  scopes?: ApiKeyScope[],
): Promise<Caller & { key: string }> {
  const created = await createApiKey({ db: p.database.db }, systemContext(), { name, orgId, scopes });
  const facts = await orgFacts(p, orgId);
  return {
    name,
    key: created.secret,
    actor: {
      via: 'api_key',
      userId: null,
      apiKeyId: created.id,
      userRoles: [],
      keyScopes: scopes ?? null,
      ...facts,
    },
    headers: () => ({ authorization: `Bearer ${created.secret}` }),
  };
}

/**
 * A probe enterprise holding every enterprise role (so every `own` scope of the policy is open to it), filed
 * and approved, registered by the zone office.
 */
export async function probeEnterprise(p: Platform, label: string) {
  const code = `4614${String(randomInt(100000, 999999))}`;
  const org = await createOrganisation({ db: p.database.db }, await zoneContext(p), {
    kind: 'enterprise',
    code,
    uscc: uscc(),
    nameZh: `焦作访问矩阵测试企业${label}${code}`,
    enterpriseRoles: [...ENTERPRISE_ROLES],
  });
  await p.database.db
    .updateTable('organisations')
    .set({ filing_status: 'approved' })
    .where('id', '=', org.id)
    .execute();
  return { id: org.id, code };
}

/** Today's month in China time (the summary month of a parcel cleared now). */
export const chinaMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

/**
 * Records of enterprises other than the probe, one of each kind a route can name: the demo seller's product,
 * import and export parcels, summary declaration, filing, webhook, spare API key and signing key; the demo
 * warehouse's account book; the demo overseas-warehouse operator's filing; a negative-list entry; a tariff
 * rate; the seller's authorisation of its customs broker. Made through the API and the gateway as their owners would.
 */
export async function recordsOfOthers(p: Platform) {
  const db = p.database.db;
  const g = await gatewayFor(p);
  const ok = (what: string, res: { statusCode: number; body: string }, status = 200) => {
    if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body) as Record<string, unknown>;
  };

  // An import parcel the seller is party to, released.
  const importSpec = parcelSpec();
  await sendImport(g, buildImportParcel(importSpec));
  const importInventory = await db
    .selectFrom('import_documents')
    .select(['id', 'logistics_no'])
    .where('doc_type', '=', 'inventory')
    .where('order_no', '=', importSpec.orderNo)
    .executeTakeFirstOrThrow();

  // An export parcel of the seller, closed, and the month's summary declaration formed by customs.
  const exported = exportSpec();
  await clearExport(g, exported);
  const exportInventory = await db
    .selectFrom('export_documents as d')
    .innerJoin('export_inventories as i', 'i.document_id', 'd.id')
    .select(['d.id', 'i.invt_no'])
    .where('d.order_no', '=', exported.orderNo)
    .executeTakeFirstOrThrow();
  const customs = await signIn(p.app, 'customs', DEMO_PASSWORD);
  ok(
    'summary',
    await p.app.inject({
      method: 'POST',
      url: '/api/v1/export/summaries',
      headers: customs.headers('POST'),
      payload: { month: chinaMonth(), ebcCode: PARTIES.seller.code },
    }),
  );
  const declaration = await db
    .selectFrom('export_declarations')
    .select('id')
    .where('ebc_code', '=', PARTIES.seller.code)
    .executeTakeFirstOrThrow();

  // The seller's own things, made by its administrator.
  const seller = await signIn(p.app, 'seller', DEMO_PASSWORD);
  const sellerId = await orgIdOf(p, PARTIES.seller.code);
  const product = await db
    .selectFrom('products')
    .select('id')
    .where('org_id', '=', sellerId)
    .where('item_no', '=', MILK.itemNo)
    .executeTakeFirstOrThrow();
  const webhook = ok(
    'webhook',
    await p.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: seller.headers('POST'),
      payload: { url: 'https://hooks.seller.example.com/receipts' },
    }),
    201,
  );
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const signingKey = ok(
    'signing key',
    await p.app.inject({
      method: 'POST',
      url: '/api/v1/signing-keys',
      headers: seller.headers('POST'),
      payload: {
        keyName: `SELLER-${uniqueId()}`,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
      },
    }),
    201,
  );
  const apiKey = await createApiKey({ db }, systemContext(), { name: 'seller spare key', orgId: sellerId });
  const filing = await db
    .selectFrom('enterprise_filings')
    .select('id')
    .where('org_id', '=', sellerId)
    .executeTakeFirstOrThrow();

  // The bonded warehouse's account book with one item in stock.
  const warehouse = await signIn(p.app, 'warehouse', DEMO_PASSWORD);
  const emsNo = `T4614W${uniqueId()}`.slice(0, 30);
  ok(
    'account book',
    await p.app.inject({
      method: 'POST',
      url: '/api/v1/bonded/account-books',
      headers: warehouse.headers('POST'),
      payload: { emsNo, customsCode: '4614', name: '德众保税仓账册' },
    }),
    201,
  );
  ok(
    'account book item',
    await p.app.inject({
      method: 'POST',
      url: `/api/v1/bonded/account-books/${emsNo}/items`,
      headers: warehouse.headers('POST'),
      payload: { itemRecordNo: 'A-1', gcode: MILK.gcode, gname: MILK.gname, unit: MILK.unit },
    }),
  );
  ok(
    'stock receipt',
    await p.app.inject({
      method: 'POST',
      url: `/api/v1/bonded/account-books/${emsNo}/receipts`,
      headers: warehouse.headers('POST'),
      payload: { itemRecordNo: 'A-1', qty: '100' },
    }),
  );

  // The overseas-warehouse operator's filed warehouse.
  const overseas = await signIn(p.app, 'overseas', DEMO_PASSWORD);
  const overseasWarehouse = ok(
    'overseas warehouse',
    await p.app.inject({
      method: 'POST',
      url: '/api/v1/export/overseas-warehouses',
      headers: overseas.headers('POST'),
      payload: {
        code: `OW-${uniqueId()}`.slice(0, 18),
        name: '利马海外仓',
        country: '502',
        address: '1 Harbor Way',
      },
    }),
    201,
  );

  // A person on the negative list (customs lists; a person, so no demo enterprise's traffic is affected).
  const listed = ok(
    'negative list',
    await p.app.inject({
      method: 'POST',
      url: '/api/v1/negative-list',
      headers: customs.headers('POST'),
      payload: {
        subjectType: 'person',
        idType: '1',
        idNumber: '410800199001019999',
        name: '矩阵测试人员',
        reason: '访问矩阵测试',
        authority: '焦作海关',
      },
    }),
    201,
  );
  const tariffRate = await db.selectFrom('tariff_rates').select('id').executeTakeFirstOrThrow();
  // A clerk of the seller nobody signs in as: administrators may require them to change their password.
  const bystander = await createUser({ db }, systemContext(), {
    orgId: sellerId,
    username: `bystander.${uniqueId().toLowerCase()}`.slice(0, 32),
    displayName: '矩阵测试旁观者',
    password: PASSWORD,
    roles: ['operator'],
    locale: 'zh-CN',
  });
  // The seller's customs credit level, set by customs (a credit record to protect).
  ok(
    'customs credit level',
    await p.app.inject({
      method: 'PUT',
      url: `/api/v1/credit/enterprises/${sellerId}/customs-level`,
      headers: customs.headers('PUT'),
      payload: { level: 'general', validFrom: '2026-01-01', source: '焦作海关认定（测试）' },
    }),
  );

  // The seller's authorisation of its customs broker (代理申报授权, seeded with the demo).
  const authorisation = await db
    .selectFrom('declaration_authorisations')
    .select('id')
    .where('grantor_org_id', '=', sellerId)
    .where('role', '=', 'ebc')
    .where('status', '=', 'granted')
    .executeTakeFirstOrThrow();

  return {
    gateway: g,
    seller: { id: sellerId, code: PARTIES.seller.code, browser: seller },
    warehouseId: await orgIdOf(p, PARTIES.warehouse.code),
    /** The declaring agent of both parcels, to whom their receipts go. */
    agentId: await orgIdOf(p, PARTIES.agent.code),
    overseasId: await orgIdOf(p, '4614960008'),
    importInventory: { id: importInventory.id, logisticsNo: importInventory.logistics_no as string },
    exportInventory: { id: exportInventory.id, invtNo: exportInventory.invt_no as string },
    exportCancel: () =>
      buildExportCancel(exported, exportInventory.invt_no as string, '访问矩阵测试：他人撤单'),
    declarationId: declaration.id,
    productId: product.id,
    webhookId: webhook.id as string,
    signingKeyId: signingKey.id as string,
    apiKey: { id: apiKey.id, secret: apiKey.secret },
    filingId: filing.id,
    emsNo,
    overseasWarehouseId: overseasWarehouse.id as string,
    negativeListId: listed.id as string,
    tariffRateId: String(tariffRate.id),
    authorisationId: authorisation.id,
    bystanderUserId: bystander.id,
  };
}
export type RecordsOfOthers = Awaited<ReturnType<typeof recordsOfOthers>>;

/**
 * The request budgets of http/rate-limit.ts switched off (each budget 0), for tests that send hundreds of
 * requests from one address to ask who may do what: the budgets are tested on their own.
 */
export function withoutRateLimits(): Partial<ServerConfig> {
  const limits = loadConfig({}).rateLimit;
  return {
    rateLimit: Object.fromEntries(
      Object.entries(limits).map(([name, value]) => [name, name === 'windowMs' ? value : 0]),
    ) as typeof limits,
  };
}

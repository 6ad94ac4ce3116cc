import type { Database, Kysely } from '@crossgate/db';
import { appendAuditMany, type AuditEvent } from '../repositories/audit.ts';
import { randomInt } from 'node:crypto';
import {
  beijingDate,
  DEFAULT_SAMPLING_BY_LEVEL,
  generatePassword,
  type CreditLevel,
} from '@crossgate/domain';
import { newId } from '../services/auth.ts';
import type { RequestContext } from '../services/context.ts';
import { hashPassword } from '../services/credentials.ts';
import type { Progress } from './reference.ts';
import { readJson } from './data-files.ts';

interface DemoOrganisation {
  kind: 'enterprise' | 'agency' | 'bank' | 'zone_office';
  code: string;
  uscc?: string;
  nameZh: string;
  nameEn: string;
  enterpriseRoles?: string[];
  agencyType?: string;
  parkCode?: string | null;
  user: { username: string; displayName: string };
}
interface DemoProduct {
  org: string;
  itemNo: string;
  nameZh: string;
  nameEn: string;
  hsCode: string;
  spec: string;
  brand: string;
  barcode: string;
  originCountry: string;
  unit: string;
  price: string;
  currency: string;
}
/** 代理申报授权 between demo enterprises, by customs code (decision 0018). */
interface DemoAuthorisation {
  grantor: string;
  grantee: string;
  role: 'ebp' | 'ebc' | 'payment' | 'logistics' | 'warehouse' | 'assure';
  reason: string;
}
interface DemoFile {
  organisations: DemoOrganisation[];
  authorisations?: DemoAuthorisation[];
  products: DemoProduct[];
}

export interface DemoLogin {
  username: string;
  organisation: string;
  role: string;
  /** Only in the answer of the seed that created the user: shown once, never stored in clear by the server. */
  password?: string;
}

/**
 * The demo users' passwords: `generate` — a strong random password per user, different on every install
 * (a real first start); or one given `password` for all (the test platform and the benchmark, which must sign
 * in as them; CROSSGATE_DEMO_PASSWORD). Never a constant of the code (decision 0022).
 */
export type DemoPasswords = { generate: true } | { password: string };

const generated = () => generatePassword((max) => randomInt(max));

export function demoLogins(): DemoLogin[] {
  return readJson<DemoFile>('demo/jiaozuo.json').organisations.map((o) => ({
    username: o.user.username,
    organisation: o.nameZh,
    role:
      o.kind === 'enterprise'
        ? (o.enterpriseRoles ?? []).join(',')
        : o.kind === 'agency'
          ? (o.agencyType ?? 'agency')
          : o.kind,
  }));
}

/**
 * The demo's authorisations where one demo enterprise legitimately declares in another's name (the seller's
 * customs broker, the zone warehouse's account book, the overseas warehouse's bookings): each granted from
 * today unless a row of the same grantor, grantee and role exists (granted or revoked). The audit events.
 */
async function seedDemoAuthorisations(trx: Kysely<Database>, ctx: RequestContext): Promise<AuditEvent[]> {
  const demo = readJson<DemoFile>('demo/jiaozuo.json');
  const events: AuditEvent[] = [];
  const today = beijingDate(ctx.now);
  for (const a of demo.authorisations ?? []) {
    const idOf = async (code: string) =>
      (await trx.selectFrom('organisations').select('id').where('code', '=', code).executeTakeFirst())?.id;
    const [grantor, grantee] = [await idOf(a.grantor), await idOf(a.grantee)];
    if (!grantor || !grantee)
      throw new Error(`demo authorisation names an unknown organisation: ${a.grantor} → ${a.grantee}`);
    const exists = await trx
      .selectFrom('declaration_authorisations')
      .select('id')
      .where('grantor_org_id', '=', grantor)
      .where('grantee_org_id', '=', grantee)
      .where('role', '=', a.role)
      .executeTakeFirst();
    if (exists) continue;
    const id = newId();
    const row = {
      id,
      grantor_org_id: grantor,
      grantee_org_id: grantee,
      role: a.role,
      valid_from: today,
      valid_to: null,
      reason: a.reason,
      granted_by: null,
      granted_at: ctx.now,
    };
    await trx.insertInto('declaration_authorisations').values(row).execute();
    events.push({
      action: 'authorisation.grant',
      targetType: 'declaration_authorisation',
      targetId: id,
      targetOrgId: grantor,
      after: { ...row, granted_at: undefined },
    });
  }
  return events;
}

export async function hasDemo(db: Kysely<Database>): Promise<boolean> {
  const first = readJson<DemoFile>('demo/jiaozuo.json').organisations[0];
  return (
    first !== undefined &&
    (await db.selectFrom('organisations').select('id').where('code', '=', first.code).executeTakeFirst()) !==
      undefined
  );
}

/**
 * Loads the Jiaozuo demo: an organisation for every role, one user per organisation (administrator and
 * operator of it), and demo products. Idempotent: does nothing when the demo is already there. Returns the
 * logins with their passwords, for the caller to show once. The demo users are not asked to change their
 * password at first sign-in: each has its own random one, printed only to whoever started the install.
 */
export async function seedDemo(
  db: Kysely<Database>,
  ctx: RequestContext,
  progress: Progress,
  passwords: DemoPasswords,
): Promise<DemoLogin[] | null> {
  if (await hasDemo(db)) {
    // A demo loaded before authorisations existed gets its demo authorisations once (never re-granting one
    // an enterprise revoked).
    await db
      .transaction()
      .execute(async (trx) => appendAuditMany(trx, ctx, await seedDemoAuthorisations(trx, ctx)));
    return null;
  }
  const demo = readJson<DemoFile>('demo/jiaozuo.json');
  const zone = await db.selectFrom('zones').select('code').where('is_default', '=', true).executeTakeFirst();
  const clear = demo.organisations.map(() => ('password' in passwords ? passwords.password : generated()));
  const hashes: string[] = [];
  for (const [i, password] of clear.entries()) {
    hashes.push(await hashPassword(password));
    progress('演示用户 demo users', i + 1, demo.organisations.length);
  }
  await db.transaction().execute(async (trx) => {
    const events: AuditEvent[] = [];
    const orgIds = new Map<string, string>();
    for (const [i, o] of demo.organisations.entries()) {
      const orgId = newId();
      orgIds.set(o.code, orgId);
      const org = {
        id: orgId,
        code: o.code,
        uscc: o.uscc ?? null,
        name_zh: o.nameZh,
        name_en: o.nameEn,
        kind: o.kind,
        enterprise_roles: o.enterpriseRoles ?? [],
        agency_type: o.agencyType ?? null,
        zone_code: zone?.code ?? null,
        park_code: zone && o.parkCode ? o.parkCode : null,
        // The demo enterprises come filed and approved for their roles (备案), so the gateway takes their messages.
        filing_status: o.kind === 'enterprise' ? ('approved' as const) : ('none' as const),
        created_at: ctx.now,
        updated_at: ctx.now,
      };
      await trx.insertInto('organisations').values(org).execute();
      if (o.kind === 'enterprise')
        await trx
          .insertInto('enterprise_filings')
          .values({
            id: newId(),
            org_id: orgId,
            uscc: o.uscc ?? '',
            customs_code: o.code,
            name_zh: o.nameZh,
            name_en: o.nameEn ?? null,
            roles: o.enterpriseRoles ?? [],
            legal_rep: '演示法定代表人',
            address: '河南省焦作市(演示地址)',
            contacts: JSON.stringify([{ name: o.user.displayName, phone: '13800000000' }]),
            documents: JSON.stringify([]),
            status: 'approved',
            reasons: JSON.stringify(['演示数据：预置为已备案 (demo data: filed in advance)']),
            identity_verified_at: ctx.now,
            submitted_at: ctx.now,
            decided_at: ctx.now,
            created_at: ctx.now,
            updated_at: ctx.now,
          })
          .execute();
      events.push({
        action: 'organisation.create',
        targetType: 'organisation',
        targetId: orgId,
        targetOrgId: orgId,
        after: { ...org, created_at: undefined, updated_at: undefined },
      });
      const userId = newId();
      await trx
        .insertInto('users')
        .values({
          id: userId,
          org_id: orgId,
          username: o.user.username,
          display_name: o.user.displayName,
          password_hash: hashes[i] as string,
          roles: ['admin', 'operator'],
          created_at: ctx.now,
          updated_at: ctx.now,
        })
        .execute();
      events.push({
        action: 'user.create',
        targetType: 'user',
        targetId: userId,
        targetOrgId: orgId,
        after: { username: o.user.username, roles: ['admin', 'operator'] },
      });
    }
    for (const p of demo.products) {
      const orgId = orgIds.get(p.org);
      if (!orgId) throw new Error(`demo product ${p.itemNo} names unknown organisation ${p.org}`);
      const id = newId();
      await trx
        .insertInto('products')
        .values({
          id,
          org_id: orgId,
          item_no: p.itemNo,
          name_zh: p.nameZh,
          name_en: p.nameEn,
          hs_code: p.hsCode,
          spec: p.spec,
          brand: p.brand,
          barcode: p.barcode,
          origin_country: p.originCountry,
          unit: p.unit,
          price: p.price,
          currency: p.currency,
          created_at: ctx.now,
          updated_at: ctx.now,
        })
        .execute();
      events.push({
        action: 'product.create',
        targetType: 'product',
        targetId: id,
        targetOrgId: orgId,
        after: p,
      });
    }
    events.push(...(await seedDemoAuthorisations(trx, ctx)));
    events.push(...(await seedDemoTraceability(trx, ctx, orgIds)));
    // A demo subset of the positive list: the tariff lines the demo sells, so retail-import filing works out of
    // the box. Not the official list — customs or zone administrators enter that (POST /api/v1/reference/positive-list).
    const lines = await trx.selectFrom('tariff_lines').select(['hs_code', 'name_zh']).execute();
    if (lines.length > 0)
      await trx
        .insertInto('positive_list')
        .values(
          lines.map((l) => ({
            id: newId(),
            hs_prefix: l.hs_code,
            name_zh: l.name_zh,
            note: '演示数据 demo data',
            list_name: '跨境电子商务零售进口商品清单（演示子集，非官方全文 demo subset）',
            valid_from: '2020-01-01',
            valid_to: null,
            created_at: ctx.now,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    // Credit-based facilitation on, with the default rates per level (the zone office can change them).
    await trx
      .insertInto('credit_sampling_rates')
      .values(
        Object.entries(DEFAULT_SAMPLING_BY_LEVEL).map(([level, rate]) => ({
          level: level as CreditLevel,
          sampling_rate: rate,
          updated_at: ctx.now,
        })),
      )
      .execute();
    // Signatures in demo/test mode (decision 0024): the sample declarations people paste into the workbench
    // are signed with keys no demo enterprise registered. A zone setting, so `crossgate start` shows it and
    // the zone office can require signatures again (PATCH /api/v1/zone); a platform without the demo keeps
    // the production default, required.
    if (zone) {
      await trx
        .updateTable('zones')
        .set({ signature_policy: 'optional', updated_at: ctx.now })
        .where('code', '=', zone.code)
        .execute();
      events.push({
        action: 'zone.update',
        targetType: 'zone',
        targetId: zone.code,
        targetOrgId: null,
        before: { signaturePolicy: null },
        after: { signaturePolicy: 'optional', reason: 'demo data (demo/test mode)' },
      });
    }
    await appendAuditMany(trx, ctx, events);
  });
  progress('演示数据 demo data', 1, 1);
  return demoLogins().map((login, i) => ({ ...login, password: clear[i] as string }));
}

/**
 * The demo's traceability chain (decision 0049): two production batches of the seller's infant formula
 * (VXP-0001), recorded by the seller as a manufacturer's batch would be. Codes are issued by the running server
 * (they need its key); a released parcel of the product then shows the batch its line names.
 */
async function seedDemoTraceability(
  trx: Kysely<Database>,
  ctx: RequestContext,
  orgIds: Map<string, string>,
): Promise<AuditEvent[]> {
  const sellerId = orgIds.get('4614960002');
  if (!sellerId) return [];
  const product = await trx
    .selectFrom('products')
    .select('id')
    .where('org_id', '=', sellerId)
    .where('item_no', '=', 'VXP-0001')
    .executeTakeFirst();
  if (!product) return [];
  const batches = [
    { batch: 'AP2026-09A', at: '2026-09-14T08:00:00+02:00', quantity: '12000' },
    { batch: 'AP2026-11B', at: '2026-11-03T08:00:00+01:00', quantity: '9600' },
  ];
  const rows = batches.map((b) => ({
    id: newId(),
    org_id: sellerId,
    product_id: product.id,
    line_code: null,
    event_type: 'production' as const,
    event_time: new Date(b.at),
    batch: b.batch,
    place: '德国 Fulda 婴幼儿配方奶粉工厂（演示）',
    place_code: null,
    quantity: b.quantity,
    note: '演示数据 demo data',
    via: 'system' as const,
    recorded_by: null,
    request_id: null,
    created_at: ctx.now,
  }));
  await trx.insertInto('trace_events').values(rows).execute();
  return rows.map((r) => ({
    action: 'trace.event',
    targetType: 'trace_event',
    targetId: r.id,
    targetOrgId: sellerId,
    after: { productId: r.product_id, eventType: r.event_type, batch: r.batch, via: r.via },
  }));
}

import type { ApiKey, AuditRow, Organisation, Product, TariffRate, User } from '@crossgate/db';
import type { TApiKey, TAuditEntry, TOrganisation, TProduct, TTariffRate, TUser } from '@crossgate/contract';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toOrganisation = (o: Organisation): TOrganisation => ({
  id: o.id,
  code: o.code,
  uscc: o.uscc,
  nameZh: o.name_zh,
  nameEn: o.name_en,
  kind: o.kind,
  enterpriseRoles: o.enterprise_roles as TOrganisation['enterpriseRoles'],
  agencyType: o.agency_type as TOrganisation['agencyType'],
  zoneCode: o.zone_code,
  parkCode: o.park_code,
  status: o.status,
});

export const toUser = (u: User): TUser => ({
  id: u.id,
  orgId: u.org_id,
  username: u.username,
  displayName: u.display_name,
  roles: u.roles as TUser['roles'],
  locale: u.locale as TUser['locale'],
  disabled: u.disabled_at !== null,
  lastLoginAt: iso(u.last_login_at),
  mustChangePassword: u.must_change_password,
});

export const toApiKey = (k: ApiKey): TApiKey => ({
  id: k.id,
  orgId: k.org_id,
  name: k.name,
  prefix: k.prefix,
  createdAt: k.created_at.toISOString(),
  lastUsedAt: iso(k.last_used_at),
  revokedAt: iso(k.revoked_at),
  scopes: (k.scopes as TApiKey['scopes']) ?? null,
});

export const toProduct = (p: Product): TProduct => ({
  id: p.id,
  status: p.status,
  orgId: p.org_id,
  itemNo: p.item_no,
  nameZh: p.name_zh,
  nameEn: p.name_en,
  hsCode: p.hs_code,
  spec: p.spec,
  brand: p.brand,
  barcode: p.barcode,
  originCountry: p.origin_country,
  unit: p.unit,
  price: p.price,
  currency: p.currency,
  createdAt: p.created_at.toISOString(),
  updatedAt: p.updated_at.toISOString(),
});

export const toTariffRate = (r: TariffRate): TTariffRate => ({
  id: r.id,
  hsCode: r.hs_code,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  vatRate: r.vat_rate,
  consumptionTaxRate: r.consumption_tax_rate,
  dutyRate: r.duty_rate,
  source: r.source,
});

export const toAuditEntry = (a: AuditRow): TAuditEntry => ({
  id: a.id,
  at: a.at.toISOString(),
  actorUserId: a.actor_user_id,
  actorApiKeyId: a.actor_api_key_id,
  actorOrgId: a.actor_org_id,
  actorVia: a.actor_via,
  action: a.action,
  targetType: a.target_type,
  targetId: a.target_id,
  before: a.before ?? null,
  after: a.after ?? null,
  requestId: a.request_id,
});

/** Page arithmetic shared by every list. */
export const pageWindow = (page: { page: number; pageSize: number }) => ({
  limit: page.pageSize,
  offset: (page.page - 1) * page.pageSize,
});

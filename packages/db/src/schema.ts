import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Kysely table types. `numeric` columns are decimal strings (never JS numbers), `bigint` columns are strings
 * too; both engines are configured to return them that way (see create-db.ts).
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type Decimal = ColumnType<string, string, string>;

export interface OrganisationsTable {
  id: string;
  code: string;
  uscc: string | null;
  name_zh: string;
  name_en: string | null;
  kind: 'enterprise' | 'agency' | 'bank' | 'zone_office';
  enterprise_roles: ColumnType<string[], string[] | undefined, string[]>;
  agency_type: string | null;
  zone_code: string | null;
  park_code: string | null;
  status: ColumnType<'active' | 'suspended', 'active' | 'suspended' | undefined, 'active' | 'suspended'>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  locale: ColumnType<string, string | undefined, string>;
  disabled_at: Date | null;
  last_login_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeysTable {
  id: string;
  org_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  actor_org_id: string | null;
  actor_via: 'session' | 'api_key' | 'system';
  action: string;
  target_type: string;
  target_id: string;
  target_org_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  ip: string | null;
}

export interface HsSectionsTable {
  section: string;
  name_en: string;
}
export interface HsCodesTable {
  code: string;
  level: number;
  parent: string | null;
  section: string;
  description_en: string;
}
export interface CountriesTable {
  code: string;
  name_zh: string;
  name_en: string | null;
}
export interface CurrenciesTable {
  code: string;
  alpha_code: string | null;
  name_zh: string;
}
export interface UnitsTable {
  code: string;
  name_zh: string;
}
export interface CustomsOfficesTable {
  code: string;
  name_zh: string;
}
export interface TariffLinesTable {
  hs_code: string;
  name_zh: string;
  name_en: string | null;
  legal_unit: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface TariffRatesTable {
  id: string;
  hs_code: string;
  valid_from: DateOnly;
  valid_to: DateOnly | null;
  vat_rate: Decimal;
  consumption_tax_rate: Decimal;
  duty_rate: ColumnType<string | null, string | null | undefined, string | null>;
  source: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ZonesTable {
  code: string;
  name_zh: string;
  name_en: string;
  customs_office_codes: string[];
  is_default: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface ParksTable {
  zone_code: string;
  code: string;
  name_zh: string;
  name_en: string | null;
  district_zh: string | null;
  designation: ColumnType<string, string | undefined, string>;
}
export interface ZoneTargetsTable {
  zone_code: string;
  code: string;
  name_zh: string;
  name_en: string;
  target_value: Decimal;
  unit: string;
  due_date: DateOnly;
  source: string;
}

export interface ProductsTable {
  id: string;
  org_id: string;
  item_no: string;
  name_zh: string;
  name_en: string | null;
  hs_code: string;
  spec: string | null;
  brand: string | null;
  barcode: string | null;
  origin_country: string;
  unit: string;
  price: Decimal;
  currency: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  hs_sections: HsSectionsTable;
  hs_codes: HsCodesTable;
  countries: CountriesTable;
  currencies: CurrenciesTable;
  units: UnitsTable;
  customs_offices: CustomsOfficesTable;
  tariff_lines: TariffLinesTable;
  tariff_rates: TariffRatesTable;
  zones: ZonesTable;
  parks: ParksTable;
  zone_targets: ZoneTargetsTable;
  products: ProductsTable;
}

export type Organisation = Selectable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type NewAuditRow = Insertable<AuditLogTable>;
export type Product = Selectable<ProductsTable>;
export type ProductUpdate = Updateable<ProductsTable>;
export type TariffRate = Selectable<TariffRatesTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type NewProduct = Insertable<ProductsTable>;
export type NewTariffRate = Insertable<TariffRatesTable>;

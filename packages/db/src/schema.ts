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
  filing_status: ColumnType<FilingStatus, FilingStatus | undefined, FilingStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type FilingStatus = 'none' | 'submitted' | 'approved' | 'rejected' | 'suspended' | 'revoked';

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
  /** Set by an administrator: the next sign-in may only change the password (migration 0015). */
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  password_changed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
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
  /** declare | read | write; null: every operator right (migration 0012). */
  scopes: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
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
  /** Both the MFN duty and the VAT rate were confirmed against a source (migration 0018, decision 0026). */
  verified: Generated<boolean>;
  /** How the code and each rate were checked; null for a line an administrator added. */
  verification: string | null;
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
  inspection_sampling_rate: ColumnType<string, string | undefined, string>;
  /** 'required' | 'optional'; null: the server's default (migration 0019, decision 0024). */
  signature_policy: ColumnType<string | null, string | null | undefined, string | null>;
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
  status: ColumnType<ProductStatus, ProductStatus | undefined, ProductStatus>;
  declaration_elements: ColumnType<Record<string, string>, string | undefined, string>;
  legal_unit1: string | null;
  legal_unit2: string | null;
  retail_import: ColumnType<boolean, boolean | undefined, boolean>;
  reasons: ColumnType<unknown[], string | undefined, string>;
  reviewed_by: string | null;
  submitted_at: Timestamp | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ProductStatus = 'draft' | 'submitted' | 'approved' | 'rejected';

export interface CebMessagesTable {
  id: Generated<string>;
  org_id: string;
  message_type: string;
  message_guid: string | null;
  content_hash: string;
  cop_msg_id: string | null;
  xsd_version: string | null;
  outcome: 'accepted' | 'partly_refused' | 'refused' | 'format_error';
  body: string;
  receipt_type: string;
  receipt_xml: string;
  request_id: string | null;
  received_at: Timestamp;
}

export type ImportDocType =
  'order' | 'payment' | 'waybill' | 'waybill_status' | 'inventory' | 'cancel' | 'refund' | 'delivery';

export interface ImportDocumentsTable {
  id: string;
  doc_type: ImportDocType;
  business_key: string;
  org_id: string;
  message_id: string;
  guid: string;
  app_type: string;
  app_status: string;
  status: string;
  deleted: ColumnType<boolean, boolean | undefined, boolean>;
  order_no: string | null;
  ebp_code: string | null;
  ebc_code: string | null;
  logistics_code: string | null;
  logistics_no: string | null;
  pay_code: string | null;
  pay_transaction_id: string | null;
  invt_no: string | null;
  body: ColumnType<Record<string, unknown>, string, string>;
  body_hash: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InventoryClearanceTable {
  document_id: string;
  org_id: string;
  pre_no: string;
  invt_no: string | null;
  customs_code: string;
  trade_mode: string;
  ems_no: string | null;
  buyer_key: string;
  decl_date: DateOnly;
  matched_at: Date | null;
  issues: ColumnType<unknown[], string | undefined, string>;
  tax_mode: string | null;
  quota_amount: Decimal | null;
  channel: ColumnType<unknown, string | null | undefined, string | null>;
  released_at: Date | null;
  cancelled_at: Date | null;
  updated_at: Timestamp;
}

export interface DocumentEventsTable {
  id: Generated<string>;
  document_id: string;
  org_id: string;
  status: string;
  return_info: string;
  actor_via: 'session' | 'api_key' | 'system';
  actor_user_id: string | null;
  actor_org_id: string | null;
  request_id: string | null;
  details: ColumnType<unknown, string | null | undefined, string | null>;
  at: Timestamp;
}

export interface ReceiptsTable {
  id: Generated<string>;
  tx: Generated<string>;
  org_id: string;
  message_type: string;
  document_id: string | null;
  business_key: string | null;
  return_status: string;
  return_info: string;
  xml: string;
  created_at: Timestamp;
}

export interface BuyerQuotasTable {
  buyer_key: string;
  year: number;
  used: Decimal;
}

export interface QuotaEntriesTable {
  document_id: string;
  buyer_key: string;
  year: number;
  amount: Decimal;
  restored: ColumnType<string, string | undefined, string>;
  counted_at: Timestamp;
  restored_at: Date | null;
}

export interface TaxBillsTable {
  id: string;
  document_id: string;
  org_id: string;
  tax_no: string;
  invt_no: string;
  assure_code: string;
  ebc_code: string;
  logistics_code: string;
  agent_code: string;
  customs_code: string;
  status: '1' | '2' | '3';
  ent_duty_no: string | null;
  customs_tax: Decimal;
  value_added_tax: Decimal;
  consumption_tax: Decimal;
  tax_mode: string;
  lines: ColumnType<unknown[], string, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountBooksTable {
  ems_no: string;
  org_id: string;
  customs_code: string;
  name: string;
  created_at: Timestamp;
}

export interface AccountBookItemsTable {
  ems_no: string;
  item_record_no: string;
  gcode: string;
  gname: string;
  unit: string;
  stock_qty: Decimal;
}

export interface StockMovementsTable {
  id: Generated<string>;
  ems_no: string;
  item_record_no: string;
  qty: Decimal;
  reason: 'receipt' | 'release' | 'return' | 'adjustment';
  document_id: string | null;
  note: string | null;
  at: Timestamp;
}

/** Returned quantities per original inventory line, both directions (migration 0014, decision 0019). */
export interface ReturnLinesTable {
  direction: 'import' | 'export';
  inventory_id: string;
  return_id: string;
  org_id: string;
  gnum: number;
  qty: Decimal;
  created_at: Timestamp;
}

export interface PiiKeysTable {
  key_id: string;
  purpose: 'seal' | 'hash';
  check_value: string;
  added_at: Timestamp;
  retired_at: Date | null;
}

export interface NegativeListTable {
  id: string;
  subject_type: 'enterprise' | 'person';
  subject_key: string;
  reason: string;
  authority: string;
  listed_at: Timestamp;
  delisted_at: Date | null;
  subject_name: ColumnType<string, string | undefined, string>;
  listed_by: string | null;
  valid_until: DateOnly | null;
  delist_reason: string | null;
  delisted_by: string | null;
}

export interface SigningKeysTable {
  id: string;
  org_id: string;
  algorithm: 'rsa' | 'sm2';
  key_name: string;
  public_key: string;
  certificate: string | null;
  subject: string | null;
  valid_from: Date | null;
  valid_to: Date | null;
  revoked_at: Date | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface WebhooksTable {
  id: string;
  org_id: string;
  url: string;
  secret: string;
  cursor_tx: ColumnType<string, string | undefined, string>;
  cursor_id: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  last_success_at: Date | null;
  disabled_at: Date | null;
  created_at: Timestamp;
}

export interface WebhookDeadLettersTable {
  id: Generated<string>;
  webhook_id: string;
  receipt_id: string;
  attempts: number;
  last_error: string;
  dead_at: Timestamp;
  retried_at: Date | null;
}

export type ExportDocType =
  | 'order'
  | 'receipt'
  | 'waybill'
  | 'arrival'
  | 'departure'
  | 'inventory'
  | 'cancel'
  | 'bill_binding'
  | 'summary_apply'
  | 'refund'
  | 'refund_detail';

export interface ExportDocumentsTable {
  id: string;
  doc_type: ExportDocType;
  business_key: string;
  org_id: string;
  message_id: string;
  guid: string;
  app_type: string;
  app_status: string;
  status: string;
  deleted: ColumnType<boolean, boolean | undefined, boolean>;
  order_no: string | null;
  ebp_code: string | null;
  ebc_code: string | null;
  logistics_code: string | null;
  logistics_no: string | null;
  invt_no: string | null;
  body: ColumnType<Record<string, unknown>, string, string>;
  body_hash: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomsOfficeSettingsTable {
  customs_code: string;
  export_sequencing: 'arrival_then_release' | 'release_then_arrival';
  updated_at: Timestamp;
}

export interface ExportInventoriesTable {
  document_id: string;
  org_id: string;
  pre_no: string;
  invt_no: string | null;
  customs_code: string;
  port_code: string;
  trade_mode: string;
  statistics_flag: 'A' | 'B';
  ebc_code: string;
  agent_code: string;
  logistics_code: string;
  logistics_no: string;
  value_cny: Decimal | null;
  issues: ColumnType<unknown, string | undefined, string>;
  bill_no: string | null;
  voyage_no: string | null;
  matched_at: Timestamp | null;
  arrived_at: Timestamp | null;
  released_at: Timestamp | null;
  departed_at: Timestamp | null;
  closed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  summarised_at: Timestamp | null;
  returned_qty: ColumnType<Record<string, string>, string | undefined, string>;
  updated_at: Timestamp;
}

export interface ExportWaybillMarksTable {
  logistics_no: string;
  kind: 'arrival' | 'departure' | 'binding';
  /** The carrier whose waybill is marked ('' when the message named none); marks count only for its waybills. */
  logistics_code: string;
  /** The enterprise that sent the mark (migration 0017). */
  org_id: string;
  document_id: string;
  details: ColumnType<Record<string, string>, string | undefined, string>;
  at: Timestamp;
}

export interface ExportSummariesTable {
  id: string;
  sum_no: string;
  month: string;
  deadline: DateOnly;
  customs_code: string;
  ebc_code: string;
  agent_code: string;
  decl_agent_code: string;
  decl_agent_name: string;
  summary_flag: '1' | '2';
  item_name_flag: ColumnType<string, string | undefined, string>;
  source: 'ceb701' | 'schedule' | 'manual';
  document_id: string | null;
  org_id: string | null;
  invt_count: number;
  created_at: Timestamp;
}

export interface ExportDeclarationsTable {
  id: string;
  summary_id: string;
  seq: number;
  decl_seq_no: string;
  entry_id: string | null;
  dec_state: string;
  customs_code: string;
  trade_mode: string;
  ebc_code: string;
  ebc_name: string;
  owner_code: string | null;
  owner_name: string | null;
  traf_mode: string;
  country: string;
  port_code: string;
  gross_weight: Decimal;
  net_weight: Decimal;
  invt_count: number;
  lines: ColumnType<unknown, string, string>;
  totals: ColumnType<{ currency: string; total: string }[], string, string>;
  certificate_no: string;
  verify_code: string;
  created_at: Timestamp;
}

export interface ExportDeclarationItemsTable {
  invt_no: string;
  gnum: number;
  declaration_id: string;
  gseqno: number;
  logistics_no: string;
  gcode: string;
}

export interface OverseasWarehousesTable {
  id: string;
  code: string;
  name: string;
  country: string;
  address: string;
  area_m2: Decimal | null;
  operator_org_id: string;
  status: 'filed' | 'revoked';
  filed_at: Timestamp;
  revoked_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface CalendarDaysTable {
  date: DateOnly;
  kind: 'holiday' | 'workday';
  name: ColumnType<string, string | undefined, string>;
}

export interface ExchangeRatesTable {
  currency: string;
  valid_from: DateOnly;
  valid_to: DateOnly | null;
  cny_per_unit: Decimal;
  source: string;
}

export interface EnterpriseFilingsTable {
  id: string;
  org_id: string;
  uscc: string;
  customs_code: string;
  name_zh: string;
  name_en: string | null;
  roles: ColumnType<string[], string[], string[]>;
  legal_rep: string;
  address: string;
  contacts: ColumnType<{ name: string; phone: string; email?: string }[], string | undefined, string>;
  documents: ColumnType<{ kind: string; name: string; sha256: string }[], string | undefined, string>;
  status: 'draft' | 'submitted' | 'approved' | 'rejected' | 'suspended' | 'revoked';
  reasons: ColumnType<unknown[], string | undefined, string>;
  identity_verified_at: Timestamp | null;
  reviewed_by: string | null;
  submitted_at: Timestamp | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PositiveListTable {
  id: string;
  hs_prefix: string;
  name_zh: string;
  note: ColumnType<string, string | undefined, string>;
  list_name: string;
  valid_from: DateOnly;
  valid_to: DateOnly | null;
  created_at: Timestamp;
}

export interface CreditEventsTable {
  id: string;
  subject_type: 'enterprise' | 'person';
  subject_key: string;
  org_id: string | null;
  source: 'platform' | 'regulator';
  category: string;
  weight: Decimal;
  occurred_on: DateOnly;
  expires_on: DateOnly;
  description: string;
  reference: string | null;
  authority: string | null;
  recorded_by: string | null;
  created_at: Timestamp;
}

export interface CustomsCreditLevelsTable {
  id: string;
  org_id: string;
  level: 'advanced_certified' | 'general_certified' | 'general' | 'dishonest';
  valid_from: DateOnly;
  valid_to: DateOnly | null;
  source: string;
  created_at: Timestamp;
}

export interface ThirdPartyRatingsTable {
  id: string;
  org_id: string;
  agency: string;
  rating: string;
  score: Decimal;
  rated_on: DateOnly;
  valid_to: DateOnly | null;
  imported_at: Timestamp;
}

export interface CreditScoresTable {
  id: string;
  org_id: string;
  score: Decimal;
  level: 'A' | 'B' | 'C' | 'D';
  formula_version: string;
  as_of: DateOnly;
  components: ColumnType<unknown, string, string>;
  computed_at: Timestamp;
}

export interface CreditSamplingRatesTable {
  level: 'A' | 'B' | 'C' | 'D';
  sampling_rate: Decimal;
  updated_at: Timestamp;
}

/** 代理申报授权 (migration 0013, decision 0018). */
export interface DeclarationAuthorisationsTable {
  id: string;
  grantor_org_id: string;
  grantee_org_id: string;
  role: 'ebp' | 'ebc' | 'payment' | 'logistics' | 'warehouse' | 'assure';
  valid_from: DateOnly;
  /** The first day it no longer applies; null: until revoked. */
  valid_to: DateOnly | null;
  status: ColumnType<'granted' | 'revoked', 'granted' | 'revoked' | undefined, 'granted' | 'revoked'>;
  reason: string;
  granted_by: string | null;
  granted_at: Timestamp;
  revoked_by: string | null;
  revoked_at: Timestamp | null;
  revoke_reason: string | null;
}

/** 申报录入 drafts and templates of an enterprise (migration 0019, decision 0035). */
export interface DeclarationDraftsTable {
  id: string;
  org_id: string;
  kind: 'draft' | 'template';
  message_type: 'CEB311Message' | 'CEB411Message' | 'CEB511Message' | 'CEB621Message';
  name: string;
  /** The form's values with CEB field names: `{ head: {...}, list: [...] }`. */
  body: ColumnType<Record<string, unknown>, string, string>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Versioned risk rule sets (migration 0020, decision 0042): the body is checked by the domain's checkRuleSet. */
export interface RiskRuleSetsTable {
  id: string;
  version: number;
  name: string;
  status: 'draft' | 'published' | 'retired';
  author_user_id: string | null;
  author_org_id: string | null;
  effective_from: Date | null;
  body: ColumnType<unknown, string, string>;
  created_at: Timestamp;
  published_at: Date | null;
  published_by: string | null;
  retired_at: Date | null;
  retired_by: string | null;
  /** Runs beside the live version (shadow mode, migration 0022); drafts only, at most one. */
  shadow: ColumnType<boolean, boolean | undefined, boolean>;
}

/** A rule set's decision about one parcel, with its explanation (migration 0020). */
export interface RiskDecisionsTable {
  id: Generated<string>;
  direction: 'import' | 'export';
  document_id: string;
  org_id: string;
  /** Null for the built-in baseline (version 0) that decides while no version is published (migration 0022). */
  rule_set_id: string | null;
  rule_set_version: number;
  lane: 'green' | 'document_review' | 'inspection' | 'hold' | 'manual_review';
  explanation: ColumnType<unknown, string, string>;
  shadow: ColumnType<boolean, boolean | undefined, boolean>;
  decided_at: Timestamp;
}

/** The cross-parcel window keys of a judged parcel (migration 0022, decision 0046): keyed hashes only. */
export interface RiskParcelKeysTable {
  document_id: string;
  at: Timestamp;
  buyer_key: string;
  address_key: string | null;
  phone_key: string | null;
  payer_key: string | null;
  value_fen: ColumnType<string, number | string, number | string>;
}

/** A warning raised by a cross-parcel typology, and its disposal (migration 0023, decision 0047). */
export interface RiskWarningsTable {
  id: string;
  typology: string;
  subject_type: 'address' | 'phone' | 'payer' | 'buyer' | 'enterprise';
  subject_key: string;
  period: string;
  severity: 'low' | 'medium' | 'high';
  status: 'open' | 'assigned' | 'disposed' | 'closed';
  org_id: string | null;
  evidence: ColumnType<unknown, string, string>;
  parcel_count: number;
  assignee_user_id: string | null;
  disposal: 'dismissed' | 'confirmed' | null;
  disposal_actions: ColumnType<unknown, string | null, string | null>;
  disposal_note: string | null;
  disposed_by: string | null;
  disposed_at: Date | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
  created_at: Timestamp;
  updated_at: Date;
}

/** A warning's history, append-only (migration 0023). */
export interface RiskWarningEventsTable {
  id: Generated<string>;
  warning_id: string;
  action: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  note: string | null;
  details: ColumnType<unknown, string | undefined, string>;
  at: Timestamp;
}

export interface TraceCodesTable {
  code: string;
  kind: 'product' | 'line';
  org_id: string;
  product_id: string | null;
  document_id: string | null;
  gnum: number | null;
  issued_at: Timestamp;
}

export type TraceEventType =
  'production' | 'warehouse_in' | 'warehouse_out' | 'departure' | 'delivery' | 'return';

export interface TraceEventsTable {
  id: string;
  org_id: string;
  product_id: string | null;
  line_code: string | null;
  event_type: TraceEventType;
  event_time: Timestamp;
  batch: string | null;
  place: string;
  place_code: string | null;
  quantity: Decimal | null;
  note: string | null;
  via: 'api' | 'excel' | 'system';
  recorded_by: string | null;
  request_id: string | null;
  created_at: Timestamp;
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
  ceb_messages: CebMessagesTable;
  import_documents: ImportDocumentsTable;
  inventory_clearance: InventoryClearanceTable;
  document_events: DocumentEventsTable;
  receipts: ReceiptsTable;
  buyer_quotas: BuyerQuotasTable;
  quota_entries: QuotaEntriesTable;
  tax_bills: TaxBillsTable;
  account_books: AccountBooksTable;
  account_book_items: AccountBookItemsTable;
  stock_movements: StockMovementsTable;
  return_lines: ReturnLinesTable;
  negative_list: NegativeListTable;
  pii_keys: PiiKeysTable;
  signing_keys: SigningKeysTable;
  webhooks: WebhooksTable;
  webhook_dead_letters: WebhookDeadLettersTable;
  export_documents: ExportDocumentsTable;
  customs_office_settings: CustomsOfficeSettingsTable;
  export_inventories: ExportInventoriesTable;
  export_waybill_marks: ExportWaybillMarksTable;
  export_summaries: ExportSummariesTable;
  export_declarations: ExportDeclarationsTable;
  export_declaration_items: ExportDeclarationItemsTable;
  overseas_warehouses: OverseasWarehousesTable;
  calendar_days: CalendarDaysTable;
  exchange_rates: ExchangeRatesTable;
  enterprise_filings: EnterpriseFilingsTable;
  positive_list: PositiveListTable;
  credit_events: CreditEventsTable;
  customs_credit_levels: CustomsCreditLevelsTable;
  third_party_ratings: ThirdPartyRatingsTable;
  credit_scores: CreditScoresTable;
  credit_sampling_rates: CreditSamplingRatesTable;
  declaration_authorisations: DeclarationAuthorisationsTable;
  declaration_drafts: DeclarationDraftsTable;
  risk_rule_sets: RiskRuleSetsTable;
  risk_decisions: RiskDecisionsTable;
  risk_parcel_keys: RiskParcelKeysTable;
  risk_warnings: RiskWarningsTable;
  risk_warning_events: RiskWarningEventsTable;
  trace_codes: TraceCodesTable;
  trace_events: TraceEventsTable;
}

export type Organisation = Selectable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type Product = Selectable<ProductsTable>;
export type ProductUpdate = Updateable<ProductsTable>;
export type TariffRate = Selectable<TariffRatesTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type NewProduct = Insertable<ProductsTable>;
export type NewTariffRate = Insertable<TariffRatesTable>;
export type ImportDocument = Selectable<ImportDocumentsTable>;
export type NewImportDocument = Insertable<ImportDocumentsTable>;
export type NewInventoryClearance = Insertable<InventoryClearanceTable>;
export type InventoryClearancePatch = Updateable<InventoryClearanceTable>;
export type NewTaxBill = Insertable<TaxBillsTable>;
export type SigningKeyRow = Selectable<SigningKeysTable>;
export type WebhookRow = Selectable<WebhooksTable>;
export type ExportDocument = Selectable<ExportDocumentsTable>;
export type ExportInventoryPatch = Updateable<ExportInventoriesTable>;
export type ExportDeclaration = Selectable<ExportDeclarationsTable>;
export type OverseasWarehouse = Selectable<OverseasWarehousesTable>;
export type NewExportInventory = Insertable<ExportInventoriesTable>;
export type NewExportSummary = Insertable<ExportSummariesTable>;
export type NewExportDeclaration = Insertable<ExportDeclarationsTable>;
export type NewExportDeclarationItem = Insertable<ExportDeclarationItemsTable>;

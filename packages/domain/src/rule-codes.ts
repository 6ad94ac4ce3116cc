/**
 * Every rule code this package can put in a finding or a rule error (`RuleError.code`), so that the words for
 * clerks (packages/contract, receipt-texts.ts and error-texts.ts) can be checked to cover each one (decision
 * 0039). packages/contract/test/domain-rule-codes.test.ts reads the sources and fails on a code that is missing here.
 */

/** The import three-document match and its practice checks (clearance/). */
export const IMPORT_MATCH_CODES = [
  'ORDER_ACTURAL_PAID',
  'PAYMENT_AMOUNT',
  'CONSIGNEE_MISMATCH',
  'GNAME_MISMATCH',
  'ID_TYPE',
  'ASSURE_CODE',
  'CURRENCY',
  'BUYER_NOT_PAYER',
  'LINE_GNUM',
  'AMOUNT_FORMAT',
  'PRACTICE_TOTALS',
  'PRACTICE_QTY1',
  'PRACTICE_QTY2',
  'PRACTICE_PRICE',
  'PRACTICE_WEIGHT',
  'PRACTICE_INVENTORY_ORDER',
  'PRACTICE_INVENTORY_WAYBILL',
] as const;

/** The export match (export/match.ts), beyond the checks it shares with the import match. */
export const EXPORT_MATCH_CODES = [
  'EXPORT_RECEIPT_MISSING',
  'EXPORT_EBC_MISMATCH',
  'PRACTICE_WAYBILL_EBC',
  'PRACTICE_LINE_ITEM_NO',
  'PRACTICE_LINE_CURRENCY',
  'PRACTICE_LINE_QTY',
  'PRACTICE_LINE_TOTAL',
  'PRACTICE_ORDER_TOTAL',
  'PRACTICE_RECEIPT_ORDER',
  'PRACTICE_RECEIPT_CURRENCY',
  'PRACTICE_RECEIPT_CHARGE',
] as const;

/**
 * Quota, tax, channel, declaration date, returns, cancellations and B2B export: what can hold a parcel back
 * after the match. The negative codes are table 7-2's (spec 202205 §7), as the receipt carries them.
 */
export const CLEARANCE_CODES = [
  '-621005',
  '-621018',
  '-625209',
  'NO_CBEC_POLICY',
  'TARIFF_LINE_UNKNOWN',
  'RATE_RANGE',
  'DUTY_RATE_MISSING',
  'INVENTORY_EMPTY',
  'CONSUMPTION_TAX_ITEM',
  'NEGATIVE_LIST',
  'RANDOM_SAMPLING',
  'DECL_TIME_INVALID',
  'DECL_TIME_FUTURE',
  'DECL_TIME_STALE',
  'STATUS_TRANSITION',
  'IMPORT_RETURN_NO_LINES',
  'IMPORT_RETURN_GNUM',
  'IMPORT_RETURN_QTY',
  'EXPORT_CANCEL_STATUS',
  'EXPORT_RETURN_ORIGINAL_MODE',
  'EXPORT_RETURN_TRADE_MODE',
  'EXPORT_RETURN_NOT_RELEASED',
  'EXPORT_RETURN_WINDOW',
  'EXPORT_RETURN_NO_LINES',
  'EXPORT_RETURN_GNUM',
  'EXPORT_RETURN_QTY',
  'EXPORT_TRADE_MODE',
  'EXPORT_ORDER_TYPE',
  'B2B_VALUE_UNKNOWN',
  'B2B_OVER_LIMIT',
  'B2B_LICENCE',
  'B2B_WAREHOUSE_NOT_FILED',
  'EXCHANGE_RATE_MISSING',
  'SUMMARY_GNUM',
  'SUMMARY_INVT_NO',
  'SUMMARY_CODE_LENGTH',
  'SUMMARY_NO_LINES',
  'SUMMARY_GCODE',
  'SUMMARY_QTY2',
  'SUMMARY_REQUIRED',
  'SUMMARY_AMOUNT',
] as const;

/** Registers, filings, products, credit, tariffs, calendars and authorisations (forms and settings). */
export const REGISTRY_CODES = [
  'USCC_REQUIRED',
  'USCC_FORMAT',
  'USCC_CHECK_CHARACTER',
  'USCC_ORGANISATION_CODE',
  'CUSTOMS_CODE_FORMAT',
  'HS_CODE_FORMAT',
  'HS_CODE_UNKNOWN',
  'CODE_UNKNOWN',
  'ROLE_REQUIRED',
  'ROLE_NOT_ALLOWED',
  'ROLE_UNKNOWN',
  'ROLE_DUPLICATE',
  'ROLE_NOT_HELD',
  'AGENCY_TYPE_REQUIRED',
  'AGENCY_TYPE_NOT_ALLOWED',
  'ORGANISATION_CODE_FORMAT',
  'SELF_AUTHORISATION',
  'BACKDATED',
  'EMPTY_PERIOD',
  'ITEM_NO_LENGTH',
  'PRICE_FORMAT',
  'BARCODE_FORMAT',
  'BARCODE_CHECK_DIGIT',
  'DECLARATION_ELEMENTS_REQUIRED',
  'DECLARATION_ELEMENT_NAME',
  'POSITIVE_LIST',
  'FILING_TRANSITION',
  'FILING_DECISION',
  'IDENTITY_NOT_VERIFIED',
  'REASON_REQUIRED',
  'REASON_EMPTY',
  'CONTACT_REQUIRED',
  'PHONE_FORMAT',
  'EMAIL_FORMAT',
  'DOCUMENT_DIGEST',
  'DOCUMENT_REQUIRED',
  'CREDIT_EVENT_CATEGORY',
  'CREDIT_EVENT_WEIGHT',
  'CREDIT_EVENT_FUTURE',
  'DATE_FORMAT',
  'SAMPLING_LEVEL',
  'SAMPLING_RATE',
  'SAMPLING_ORDER',
  'PERIOD_EMPTY',
  'RATE_PERIOD_OVERLAP',
  'MONTH_FORMAT',
  'CALENDAR_DATE',
  'CALENDAR_DUPLICATE',
  'CALENDAR_KIND',
] as const;

/**
 * The text checks (credit/text.ts): each base gives `<base>_REQUIRED` when empty and `<base>_LENGTH` when too
 * long.
 */
export const TEXT_CHECK_BASES = [
  'NAME_ZH',
  'NAME_EN',
  'LEGAL_REP',
  'ADDRESS',
  'CONTACT_NAME',
  'DOCUMENT_KIND',
  'DOCUMENT_NAME',
  'PRODUCT_NAME',
  'PRODUCT_NAME_EN',
  'BRAND',
  'DECLARATION_ELEMENT',
  'CREDIT_EVENT_DESCRIPTION',
] as const;

/** Every rule code the domain can emit. */
export const DOMAIN_RULE_CODES: readonly string[] = [
  ...IMPORT_MATCH_CODES,
  ...EXPORT_MATCH_CODES,
  ...CLEARANCE_CODES,
  ...REGISTRY_CODES,
  ...TEXT_CHECK_BASES.flatMap((base) => [`${base}_REQUIRED`, `${base}_LENGTH`]),
];

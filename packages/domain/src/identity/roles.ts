/**
 * Who uses the single window (docs/mission.md §1). An organisation is of one kind; an enterprise holds one
 * or more business roles; an agency has one agency type; a user holds roles inside their organisation.
 */
export const ORGANISATION_KINDS = ['enterprise', 'agency', 'bank', 'zone_office'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Enterprise business roles; CEB names in comments. */
export const ENTERPRISE_ROLES = [
  'ebp', // 电商平台 (ebpCode)
  'ebc', // 电商企业 (ebcCode)
  'payment', // 支付企业 (payCode)
  'logistics', // 物流企业 (logisticsCode)
  'declaration_agent', // 申报企业 (agentCode)
  'warehouse', // 监管场所 / 保税仓 经营企业 (CEB711 sender)
  'overseas_warehouse', // 海外仓 经营企业
] as const;
export type EnterpriseRole = (typeof ENTERPRISE_ROLES)[number];

export const AGENCY_TYPES = [
  'customs',
  'inspection',
  'commerce',
  'tax',
  'forex',
  'market_supervision',
  'statistics',
] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

/** Roles of a person inside their organisation. */
export const USER_ROLES = [
  'admin', // manages the organisation's users and API keys (in the zone office: the platform)
  'operator', // does the organisation's work: declares, reviews, edits
  'viewer', // reads only
] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const ROLE_LABELS: Record<EnterpriseRole | AgencyType | OrganisationKind, { zh: string; en: string }> =
  {
    enterprise: { zh: '企业', en: 'Enterprise' },
    agency: { zh: '监管部门', en: 'Agency' },
    bank: { zh: '金融机构', en: 'Bank / insurer' },
    zone_office: { zh: '综试区办公室', en: 'Zone office' },
    ebp: { zh: '电商平台', en: 'E-commerce platform' },
    ebc: { zh: '电商企业', en: 'E-commerce enterprise' },
    payment: { zh: '支付企业', en: 'Payment enterprise' },
    logistics: { zh: '物流企业', en: 'Logistics enterprise' },
    declaration_agent: { zh: '申报企业', en: 'Declaration agent' },
    warehouse: { zh: '监管场所经营企业', en: 'Warehouse / supervised site' },
    overseas_warehouse: { zh: '海外仓经营企业', en: 'Overseas warehouse operator' },
    customs: { zh: '海关', en: 'Customs' },
    inspection: { zh: '检验检疫', en: 'Inspection & quarantine' },
    commerce: { zh: '商务局', en: 'Commerce bureau' },
    tax: { zh: '税务局', en: 'Tax bureau' },
    forex: { zh: '外汇管理局', en: 'Forex administration' },
    market_supervision: { zh: '市场监督管理局', en: 'Market supervision' },
    statistics: { zh: '统计局', en: 'Statistics bureau' },
  };

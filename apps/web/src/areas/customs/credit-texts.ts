import { registerTexts } from '../../i18n/index.ts';

/**
 * Texts of 企业信用管理, the regulators' view of enterprises' credit records (namespace 'credit'); the record
 * itself speaks in the enterprise portal's words (namespace 'enterprise', credit.*).
 */
const zh = {
  menu: '企业信用管理',
  title: '企业信用管理',
  subtitle: '区内企业的综合信用等级和信用分，点开企业查看信用档案：计分构成、信用事件和走势',
  q: '企业名称、海关编码或统一社会信用代码',
  level: '综合信用等级',
  allLevels: '全部等级',
  noScore: '未评价',
  name: '企业名称',
  code: '海关编码',
  uscc: '统一社会信用代码',
  filingStatus: '备案状态',
  score: '信用分',
  asOf: '评价日期',
  actions: '操作',
  open: '查看档案',
  fileName: '企业信用',
  total: '共 {{total}} 家企业',
  recordTitle: '{{name}} · 信用档案',
  back: '返回企业列表',
  setLevel: '调整海关信用等级',
  setLevelTitle: '调整海关信用等级：{{name}}',
  setLevelHelp:
    '按《海关注册登记和备案企业信用管理办法》认定的等级录入，自生效日期起计入综合信用分；每次调整记入审计日志。',
  newLevel: '海关信用等级',
  levelRequired: '请选择海关信用等级',
  validFrom: '生效日期',
  validFromRequired: '请选择生效日期',
  source: '认定依据',
  sourcePlaceholder: '决定文书名称和编号，如 焦关信〔2026〕3号',
  sourceRequired: '请填写认定依据（2–200 个字）',
  setLevelDone: '海关信用等级已调整，综合信用分已重新计算',
};

const en: typeof zh = {
  menu: 'Enterprise credit',
  title: 'Enterprise credit',
  subtitle:
    'The composite credit level and score of the zone’s enterprises; open one for its credit record: score breakdown, credit events and trend',
  q: 'Enterprise name, customs code or USCC',
  level: 'Composite level',
  allLevels: 'All levels',
  noScore: 'Not rated',
  name: 'Enterprise',
  code: 'Customs code',
  uscc: 'USCC',
  filingStatus: 'Filing status',
  score: 'Score',
  asOf: 'As of',
  actions: 'Actions',
  open: 'Open',
  fileName: 'Enterprise credit',
  total: '{{total}} enterprises',
  recordTitle: '{{name}} · credit record',
  back: 'Back to the enterprises',
  setLevel: 'Set customs credit level',
  setLevelTitle: 'Set the customs credit level: {{name}}',
  setLevelHelp:
    'Enter the level customs decided under the Measures for the Credit Management of Enterprises Registered with Customs; it counts in the composite score from its effective date. Every change is audited.',
  newLevel: 'Customs credit level',
  levelRequired: 'Choose the customs credit level',
  validFrom: 'Effective from',
  validFromRequired: 'Choose the effective date',
  source: 'Basis of the decision',
  sourcePlaceholder: 'The decision’s title and number, e.g. 焦关信〔2026〕3号',
  sourceRequired: 'Give the basis of the decision (2–200 characters)',
  setLevelDone: 'Customs credit level set; the composite score was computed again',
};

registerTexts('credit', { 'zh-CN': zh, en });

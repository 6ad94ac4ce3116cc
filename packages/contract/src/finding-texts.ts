/**
 * Clerk texts of the rule codes that are not in error-texts.ts's RULE_TEXTS: what the match, the quota, the tax,
 * the channel, returns, cancellations, summaries and the registers find, in Chinese and in English, each saying
 * what is wrong and how to fix it (decision 0039). Data only; receipt-texts.ts and error-texts.ts read it.
 * packages/contract/test/receipt-texts.test.ts checks that every code the domain exports (DOMAIN_RULE_CODES)
 * has a text here or in RULE_TEXTS.
 */

export type ClerkText = { zh: string; en: string };

export const FINDING_TEXTS: Record<string, ClerkText> = {
  // The three-document match: practice checks, shown as warnings.
  PRACTICE_QTY2: {
    zh: '第二法定数量与第二法定计量单位应同时填写或同时不填：请补齐',
    en: 'The second statutory quantity and its unit go together: fill in both or neither',
  },
  PRACTICE_PRICE: {
    zh: '商品单价应大于0：请填写实际成交单价',
    en: 'The unit price must be more than 0: enter the price actually paid',
  },
  PRACTICE_WEIGHT: {
    zh: '重量不合理：净重应大于0，毛重不应小于净重，请核对',
    en: 'The weights do not fit: the net weight is more than 0 and the gross weight is at least the net weight',
  },
  PRACTICE_INVENTORY_ORDER: {
    zh: '清单表头与订单不一致：请按订单核对电商平台、电商企业和订单编号',
    en: 'The inventory head differs from the order: check the platform, the e-commerce enterprise and the order number',
  },
  PRACTICE_INVENTORY_WAYBILL: {
    zh: '清单表头与运单不一致：请按运单核对物流企业和运单编号',
    en: 'The inventory head differs from the waybill: check the logistics enterprise and the waybill number',
  },
  PRACTICE_WAYBILL_EBC: {
    zh: '运单的发货企业与清单的电商企业不一致：请核对',
    en: 'The shipper on the waybill is not the e-commerce enterprise of the inventory: check them',
  },
  PRACTICE_LINE_ITEM_NO: {
    zh: '清单商品的企业商品货号与订单不一致：请按订单修改',
    en: 'The item number of an inventory line differs from the order: correct it to match the order',
  },
  PRACTICE_LINE_CURRENCY: {
    zh: '清单商品的币制与订单不一致：请按订单修改',
    en: 'The currency of an inventory line differs from the order: correct it to match the order',
  },
  PRACTICE_LINE_QTY: {
    zh: '清单商品的数量与订单不一致：请按订单修改',
    en: 'The quantity of an inventory line differs from the order: correct it to match the order',
  },
  PRACTICE_LINE_TOTAL: {
    zh: '清单商品的总价与订单不一致：请按订单修改',
    en: 'The total price of an inventory line differs from the order: correct it to match the order',
  },
  PRACTICE_ORDER_TOTAL: {
    zh: '订单商品金额与各项商品总价之和不一致：请核对订单金额',
    en: 'The goods value of the order is not the sum of its lines: check the order’s amounts',
  },
  PRACTICE_RECEIPT_ORDER: {
    zh: '收款单的订单编号与订单不一致：请核对收款单',
    en: 'The receipt of payment names another order: check the receipt',
  },
  PRACTICE_RECEIPT_CURRENCY: {
    zh: '收款单的币制与订单不一致：请核对收款单',
    en: 'The receipt of payment is in another currency than the order: check the receipt',
  },
  PRACTICE_RECEIPT_CHARGE: {
    zh: '收款金额应等于订单商品金额（或加运杂费）：请核对收款单',
    en: 'The amount collected must be the order’s goods value (or that plus freight): check the receipt',
  },
  // Quota, tax and channel (import clearance).
  '-621005': {
    zh: '本单货值超过跨境电商零售进口单次交易限值：可拆分订单，或按一般贸易申报',
    en: 'The value is over the per-transaction limit of CBEC retail import: split the order, or declare it as general trade',
  },
  '-621018': {
    zh: '订购人本年度跨境电商零售进口额度将被用完或超出：本单不能按跨境电商零售进口放行',
    en: 'This purchase would take the buyer over the annual CBEC retail import limit: it cannot clear as CBEC retail import',
  },
  '-625209': {
    zh: '退货申请单中的商品在原清单中找不到：请按原清单的商品序号和商品编码填写',
    en: 'A returned line is not in the original inventory: use the line number and commodity code of the original inventory',
  },
  NO_CBEC_POLICY: {
    zh: '申报日期早于跨境电商零售进口政策施行日期，不能按跨境电商零售进口申报',
    en: 'The declaration date is before the CBEC retail import policy took effect; it cannot be declared as CBEC retail import',
  },
  TARIFF_LINE_UNKNOWN: {
    zh: '该商品编码在税则中查不到税率，无法计税：请核对商品编码',
    en: 'The tariff has no rates for this commodity code, so the tax cannot be computed: check the code',
  },
  RATE_RANGE: {
    zh: '税率不正确：应为0到1之间的小数',
    en: 'The rate is not right: a fraction from 0 to 1',
  },
  DUTY_RATE_MISSING: {
    zh: '该商品须全额征税，但税则中没有其进口关税税率：请联系海关',
    en: 'These goods are taxed in full, but the tariff has no duty rate for them: contact customs',
  },
  INVENTORY_EMPTY: {
    zh: '清单没有商品：请至少填写一项商品',
    en: 'The inventory has no goods: enter at least one line',
  },
  CONSUMPTION_TAX_ITEM: {
    zh: '消费税税目设置不正确：请联系系统管理员核对消费税税目表',
    en: 'The consumption tax items are not set up right: ask the administrator to check the table of items',
  },
  NEGATIVE_LIST: {
    zh: '有关企业或人员在信用负面清单上：海关全面查验',
    en: 'A party is on the credit negative list: customs inspects in full',
  },
  RANDOM_SAMPLING: {
    zh: '随机抽中布控查验：请配合海关查验',
    en: 'Selected for inspection by random sampling: make the goods available to customs',
  },
  DECL_TIME_INVALID: {
    zh: '申报日期不正确：应为真实的日期（年月日八位数字）',
    en: 'The declaration date is not right: a real day written as eight digits (year, month, day)',
  },
  DECL_TIME_FUTURE: {
    zh: '申报日期晚于平台收到申报的日期：请填写当天日期',
    en: 'The declaration date is after the day the platform received the declaration: enter today’s date',
  },
  DECL_TIME_STALE: {
    zh: '申报日期早于平台收到申报的日期过多：请填写当天日期',
    en: 'The declaration date is too long before the day the platform received it: enter today’s date',
  },
  STOCK_INSUFFICIENT: {
    zh: '保税账册库存不足：请核对账册余量，补足库存后再申报',
    en: 'The bonded account book has too little stock: check the balance and declare once it is replenished',
  },
  WAITING: {
    zh: '还在等待其他单证：订单、支付单、运单到齐后自动比对',
    en: 'Still waiting for documents: the match runs once the order, payment and waybill are all in',
  },
  MANUAL_REVIEW: {
    zh: '转人工审核：等待海关关员处理',
    en: 'Sent to manual review: waiting for a customs officer',
  },
  INVENTORY_CANCELLED: {
    zh: '该清单已撤销，不能再作处理',
    en: 'This inventory was cancelled and takes no further decision',
  },
  DETENTION_CODE: {
    zh: '请选择扣留类型：移送通关、移送缉私、移送法规或其他扣留',
    en: 'Pick the kind of detention: to clearance, to anti-smuggling, to the legal department, or other',
  },
  // Returns and cancellations.
  IMPORT_RETURN_NO_LINES: {
    zh: '退货申请单没有商品：请至少填写一项退货商品',
    en: 'The return names no goods: enter at least one line',
  },
  IMPORT_RETURN_GNUM: {
    zh: '同一商品在退货申请单中重复出现：每个原清单商品项只填一次',
    en: 'A line appears twice in the return: name each line of the original inventory once',
  },
  IMPORT_RETURN_QTY: {
    zh: '退货数量超过可退数量：请按原清单数量减去已退数量填写',
    en: 'The returned quantity is more than can be returned: at most the original quantity less what was returned before',
  },
  EXPORT_CANCEL_STATUS: {
    zh: '清单当前状态不能撤单：已放行的清单请申报退货',
    en: 'The inventory cannot be cancelled in its state: for a released inventory, declare a return',
  },
  EXPORT_RETURN_ORIGINAL_MODE: {
    zh: '原出口清单的贸易方式不适用跨境电商出口退货',
    en: 'The original export was not declared under a trade mode that allows a CBEC export return',
  },
  EXPORT_RETURN_TRADE_MODE: {
    zh: '退货申请单的监管方式不正确：一般出口退货填9661，特殊区域出口退货填1261',
    en: 'The return’s trade mode is not right: 9661 for a general export, 1261 for an export from a special zone',
  },
  EXPORT_RETURN_NOT_RELEASED: {
    zh: '原出口清单尚未放行，不能申请退货：未放行的清单请撤单',
    en: 'The original export inventory is not released, so it cannot be returned: cancel it instead',
  },
  EXPORT_RETURN_WINDOW: {
    zh: '已超过退货期限：退货商品应自出口放行之日起1年内退运进境',
    en: 'The return period is over: goods come back within one year of their export release',
  },
  EXPORT_RETURN_NO_LINES: {
    zh: '退货申请单没有商品：请至少填写一项退货商品',
    en: 'The return names no goods: enter at least one line',
  },
  EXPORT_RETURN_GNUM: {
    zh: '同一商品在退货申请单中重复出现：每个原清单商品项只填一次',
    en: 'A line appears twice in the return: name each line of the original inventory once',
  },
  EXPORT_RETURN_QTY: {
    zh: '退货数量不正确：应大于0且不超过可退数量',
    en: 'The returned quantity is not right: more than 0 and at most what can still be returned',
  },
  // Export by trade mode and summaries.
  EXPORT_TRADE_MODE: {
    zh: '出口清单的贸易方式应为9610、1210、9710或9810：请更正',
    en: 'An export inventory is declared under 9610, 1210, 9710 or 9810: correct the trade mode',
  },
  EXPORT_ORDER_TYPE: {
    zh: '订单类型与清单的贸易方式不符：请按贸易方式选择订单类型',
    en: 'The order type does not fit the inventory’s trade mode: pick the order type of that trade mode',
  },
  B2B_VALUE_UNKNOWN: {
    zh: '无法折算人民币货值，不能判断是否超过单票限额：请联系海关',
    en: 'The value cannot be converted to yuan, so the per-shipment limit cannot be checked: contact customs',
  },
  B2B_OVER_LIMIT: {
    zh: '企业对企业出口单票金额超过限额：请改以报关单申报',
    en: 'The business-to-business export is over the per-shipment limit: file a customs declaration instead',
  },
  B2B_LICENCE: {
    zh: '涉证商品不能以企业对企业出口清单申报：请改以报关单申报',
    en: 'Goods under licence cannot be declared on a business-to-business export inventory: file a customs declaration instead',
  },
  B2B_WAREHOUSE_NOT_FILED: {
    zh: '海外仓出口须先办理海外仓业务模式备案：请先备案',
    en: 'Overseas-warehouse exports need the overseas-warehouse filing first: file it',
  },
  EXCHANGE_RATE_MISSING: {
    zh: '没有该币制当月的海关汇率，无法折算人民币：请联系海关',
    en: 'There is no customs exchange rate for this currency and month, so yuan cannot be computed: contact customs',
  },
  SUMMARY_GNUM: {
    zh: '商品项号应为从1开始的正整数：请核对清单商品序号',
    en: 'Line numbers are whole numbers from 1: check the inventory’s line numbers',
  },
  SUMMARY_INVT_NO: {
    zh: '清单还没有海关清单编号，不能汇总：待海关入库后再汇总',
    en: 'The inventory has no customs inventory number yet and cannot be summarised: wait until customs accepts it',
  },
  SUMMARY_CODE_LENGTH: {
    zh: '代码位数不正确：请从代码表中选择',
    en: 'The code has the wrong length: pick it from the code table',
  },
  SUMMARY_NO_LINES: {
    zh: '清单没有商品，不能汇总：请至少填写一项商品',
    en: 'The inventory has no goods and cannot be summarised: enter at least one line',
  },
  SUMMARY_GCODE: {
    zh: '商品编码应为10位数字，汇总按商品编码归并：请更正',
    en: 'The commodity code has 10 digits (the summary merges by it): correct it',
  },
  SUMMARY_QTY2: {
    zh: '第二法定数量与第二法定计量单位应同时填写：请补齐',
    en: 'The second statutory quantity and its unit go together: fill in both',
  },
  SUMMARY_REQUIRED: { zh: '必填项，请填写', en: 'Required: fill it in' },
  SUMMARY_AMOUNT: {
    zh: '金额、数量或重量不正确：应为不小于0的数字，最多5位小数',
    en: 'An amount, quantity or weight is not right: a number not below 0, with at most 5 decimals',
  },
  // Registers, filings, products, credit and settings.
  ROLE_REQUIRED: {
    zh: '请至少选择一种业务角色',
    en: 'Pick at least one business role',
  },
  ROLE_NOT_ALLOWED: {
    zh: '只有企业才能备案业务角色',
    en: 'Only enterprises hold business roles',
  },
  ROLE_UNKNOWN: {
    zh: '业务角色不在企业角色表内：请从列表中选择',
    en: 'Not a business role of enterprises: pick one from the list',
  },
  ROLE_DUPLICATE: {
    zh: '业务角色重复：每种角色只选一次',
    en: 'A role is picked twice: pick each role once',
  },
  ROLE_NOT_HELD: {
    zh: '只能授权本企业已备案的角色：请先备案该角色',
    en: 'An enterprise authorises only a role it holds: file that role first',
  },
  AGENCY_TYPE_REQUIRED: {
    zh: '请选择监管部门类型',
    en: 'Pick the kind of agency',
  },
  AGENCY_TYPE_NOT_ALLOWED: {
    zh: '只有监管部门才有部门类型',
    en: 'Only agencies have an agency kind',
  },
  ORGANISATION_CODE_FORMAT: {
    zh: '机构编码格式不正确：只能包含字母、数字和短横线',
    en: 'The organisation code is malformed: only letters, digits and hyphens',
  },
  SELF_AUTHORISATION: {
    zh: '不能授权本企业：本企业申报无须授权',
    en: 'An enterprise does not authorise itself: it declares for itself without one',
  },
  BACKDATED: {
    zh: '授权生效日期不能早于今天',
    en: 'An authorisation cannot start before today',
  },
  EMPTY_PERIOD: {
    zh: '失效日期应晚于生效日期',
    en: 'The end date must be after the start date',
  },
  ITEM_NO_LENGTH: {
    zh: '商品货号应为1至30个字',
    en: 'An item number has 1 to 30 characters',
  },
  DECLARATION_ELEMENT_NAME: {
    zh: '每项申报要素都要有名称',
    en: 'Every declaration element is named',
  },
  FILING_TRANSITION: {
    zh: '备案当前状态下不能这样处理：请刷新页面查看最新状态',
    en: 'The filing cannot move this way in its state: reload the page to see the latest state',
  },
  FILING_DECISION: {
    zh: '审核决定只能是通过、退回、暂停或撤销',
    en: 'A decision approves, rejects, suspends or revokes',
  },
  IDENTITY_NOT_VERIFIED: {
    zh: '审核通过前须核验法定代表人身份：请先核验，再审核通过',
    en: 'Verify the legal representative’s identity before approving',
  },
  REASON_EMPTY: { zh: '理由不能为空', en: 'A reason cannot be empty' },
  CONTACT_REQUIRED: { zh: '请至少填写一名联系人', en: 'Name at least one contact' },
  DOCUMENT_DIGEST: {
    zh: '材料文件校验值不正确：请重新上传文件',
    en: 'The document’s checksum is not right: upload the file again',
  },
  DOCUMENT_REQUIRED: {
    zh: '缺少必须上传的材料：请上传',
    en: 'A required document is missing: upload it',
  },
  SAMPLING_LEVEL: {
    zh: '抽查比例只能按信用等级A、B、C、D设置',
    en: 'Sampling rates are set per credit level A, B, C and D',
  },
  SAMPLING_RATE: {
    zh: '抽查比例应为0到1之间的小数，最多4位小数',
    en: 'A sampling rate is a fraction from 0 to 1 with at most 4 decimals',
  },
  SAMPLING_ORDER: {
    zh: '信用等级较低的企业抽查比例不能低于等级较高的企业',
    en: 'A lower credit level is sampled at least as often as a higher one',
  },
  PERIOD_EMPTY: {
    zh: '失效日期应晚于生效日期',
    en: 'The end date must be after the start date',
  },
  RATE_PERIOD_OVERLAP: {
    zh: '同一税号在同一天只能有一组税率：请调整有效期',
    en: 'One set of rates per tariff line and day: adjust the periods',
  },
  MONTH_FORMAT: {
    zh: '月份格式不正确：请选择年月',
    en: 'The month is not right: pick a year and month',
  },
  CALENDAR_DATE: {
    zh: '日期不正确：请选择一个真实的日期',
    en: 'The date is not right: pick a real day',
  },
  CALENDAR_DUPLICATE: {
    zh: '该日期已在日历中：每个日期只设一次',
    en: 'The day is already in the calendar: set each day once',
  },
  CALENDAR_KIND: {
    zh: '类型只能是放假或调休上班',
    en: 'The kind is a holiday or a working day in lieu',
  },
  CATEGORY_UNKNOWN: {
    zh: '类别不在目录中：请从列表中选择',
    en: 'Not a category of the catalogue: pick one from the list',
  },
  GRANTEE_UNKNOWN: {
    zh: '被授权企业不存在：请核对企业编码',
    en: 'The enterprise to authorise is not registered: check its code',
  },
  LEVEL_HISTORICAL: {
    zh: '历史信用等级不能修改',
    en: 'A past credit level cannot be changed',
  },
  PARK_UNKNOWN: {
    zh: '园区不存在：请从列表中选择',
    en: 'No such park: pick one from the list',
  },
  QUERY_REQUIRED: { zh: '请输入查询条件', en: 'Enter what to search for' },
  SCORE_RANGE: {
    zh: '分数不正确：应在0到100之间',
    en: 'The score is not right: from 0 to 100',
  },
  SUBJECT_REQUIRED: { zh: '请选择对象', en: 'Pick whom it is about' },
};

/** The names of the text checks (`<base>_REQUIRED`, `<base>_LENGTH`; domain credit/text.ts). */
export const TEXT_CHECK_LABELS: Record<string, ClerkText> = {
  NAME_ZH: { zh: '中文名称', en: 'Chinese name' },
  NAME_EN: { zh: '英文名称', en: 'English name' },
  LEGAL_REP: { zh: '法定代表人', en: 'legal representative' },
  ADDRESS: { zh: '地址', en: 'address' },
  CONTACT_NAME: { zh: '联系人姓名', en: 'contact name' },
  DOCUMENT_KIND: { zh: '材料类型', en: 'document kind' },
  DOCUMENT_NAME: { zh: '材料名称', en: 'document name' },
  PRODUCT_NAME: { zh: '商品中文名称', en: 'goods name in Chinese' },
  PRODUCT_NAME_EN: { zh: '商品英文名称', en: 'goods name in English' },
  BRAND: { zh: '品牌', en: 'brand' },
  DECLARATION_ELEMENT: { zh: '申报要素', en: 'declaration element' },
  CREDIT_EVENT_DESCRIPTION: { zh: '事件说明', en: 'description of the event' },
};

/** A text check's clerk text: `NAME_ZH_REQUIRED` → "请填写中文名称". */
export function textCheckText(code: string): ClerkText | undefined {
  const m = /^(.+)_(REQUIRED|LENGTH)$/.exec(code);
  const label =
    m && Object.hasOwn(TEXT_CHECK_LABELS, m[1] as string) ? TEXT_CHECK_LABELS[m[1] as string] : undefined;
  if (!m || !label) return undefined;
  const en = label.en.charAt(0).toUpperCase() + label.en.slice(1);
  return m[2] === 'REQUIRED'
    ? { zh: `请填写${label.zh}`, en: `Enter the ${label.en}` }
    : { zh: `${label.zh}太长：请删减`, en: `${en} too long: shorten it` };
}

/** Clerk names of the CEB fields the match names (the last segment of a finding's field path). */
export const CEB_FIELD_LABELS: Record<string, ClerkText> = {
  acturalPaid: { zh: '实际支付金额', en: 'amount paid' },
  amountPaid: { zh: '支付金额', en: 'amount paid' },
  goodsValue: { zh: '商品价格', en: 'goods value' },
  freight: { zh: '运杂费', en: 'freight' },
  insuredFee: { zh: '保费', en: 'insurance' },
  taxTotal: { zh: '代扣税款', en: 'tax withheld' },
  discount: { zh: '非现金抵扣金额', en: 'discount' },
  consignee: { zh: '收件人', en: 'consignee' },
  consigneeTelephone: { zh: '收件人电话', en: 'consignee’s telephone' },
  consigneeAddress: { zh: '收件地址', en: 'consignee’s address' },
  buyerName: { zh: '订购人姓名', en: 'buyer’s name' },
  buyerIdType: { zh: '订购人证件类型', en: 'buyer’s document type' },
  buyerIdNumber: { zh: '订购人证件号码', en: 'buyer’s ID number' },
  payerName: { zh: '支付人姓名', en: 'payer’s name' },
  payerIdType: { zh: '支付人证件类型', en: 'payer’s document type' },
  payerIdNumber: { zh: '支付人证件号码', en: 'payer’s ID number' },
  assureCode: { zh: '担保企业编号', en: 'guarantor' },
  ebpCode: { zh: '电商平台代码', en: 'platform code' },
  ebcCode: { zh: '电商企业代码', en: 'e-commerce enterprise code' },
  logisticsCode: { zh: '物流企业代码', en: 'logistics enterprise code' },
  totalPrice: { zh: '总价', en: 'total price' },
  qty: { zh: '数量', en: 'quantity' },
  qty1: { zh: '第一法定数量', en: 'first statutory quantity' },
  qty2: { zh: '第二法定数量', en: 'second statutory quantity' },
  unit2: { zh: '第二法定计量单位', en: 'second statutory unit' },
  netWeight: { zh: '净重', en: 'net weight' },
  grossWeight: { zh: '毛重', en: 'gross weight' },
  charge: { zh: '收款金额', en: 'amount collected' },
  gnum: { zh: '商品序号', en: 'line number' },
  tradeMode: { zh: '贸易方式', en: 'trade mode' },
  orderType: { zh: '订单类型', en: 'order type' },
  declTime: { zh: '申报日期', en: 'declaration date' },
  documents: { zh: '随附单证', en: 'documents' },
};

/** The document a finding's field path starts with (`CEB621.InventoryHead…`). */
export const CEB_DOCUMENT_LABELS: Record<string, ClerkText> = {
  CEB311: { zh: '订单', en: 'order' },
  CEB303: { zh: '订单', en: 'order' },
  CEB411: { zh: '支付单', en: 'payment' },
  CEB403: { zh: '收款单', en: 'receipt of payment' },
  CEB511: { zh: '运单', en: 'waybill' },
  CEB505: { zh: '运单', en: 'waybill' },
  CEB621: { zh: '清单', en: 'inventory' },
  CEB603: { zh: '清单', en: 'inventory' },
  CEB625: { zh: '退货申请单', en: 'return' },
  CEB213: { zh: '退货申请单', en: 'return' },
};

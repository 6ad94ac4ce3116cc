/**
 * `returnStatus` codes (spec 202205 §7, ceb-reference §7). Positive: the document's state at customs.
 * Negative: the e-port refused the message, with the spec's message text (table 7-2).
 */
export const RETURN_STATUS = {
  STORED: '1', // 电子口岸已暂存
  DECLARED: '2', // 电子口岸申报中 (新增申报成功)
  SENT: '3', // 发送海关成功
  SEND_FAILED: '4', // 发送海关失败
  REJECTED: '100', // 海关退单
  ACCEPTED: '120', // 海关入库 (逻辑校验通过)
  MANUAL_REVIEW: '300', // 人工审核
  CONCLUDED: '399', // 海关审结
  AWAITING_ARRIVAL: '400', // 待运抵 (export, waiting for the CEB507 arrival; ceb-reference §7)
  INSPECTION: '500', // 查验
  DETAINED_CLEARANCE: '501', // 扣留移送通关
  DETAINED_SMUGGLING: '502', // 扣留移送缉私
  DETAINED_LEGAL: '503', // 扣留移送法规
  DETAINED_OTHER: '599', // 其它扣留
  RETURNED_ABROAD: '700', // 退运
  RELEASED: '800', // 放行
  CLOSED: '899', // 结关
} as const;

export const STATUS_NAMES_ZH = {
  '1': '电子口岸已暂存',
  '2': '电子口岸申报中',
  '3': '发送海关成功',
  '4': '发送海关失败',
  '100': '海关退单',
  '120': '海关入库',
  '300': '人工审核',
  '399': '海关审结',
  '400': '待运抵',
  '500': '查验',
  '501': '扣留移送通关',
  '502': '扣留移送缉私',
  '503': '扣留移送法规',
  '599': '其它扣留',
  '700': '退运',
  '800': '放行',
  '899': '结关',
} satisfies Record<string, string>;

/** What a negative returnStatus (any refusal by the e-port) is called where one name stands for all. */
export const REFUSED_BY_EPORT_ZH = '电子口岸处理失败';

/** A returnStatus's Chinese name; a negative code is a refusal by the e-port, an unknown one is itself. */
export const statusNameZh = (status: string): string =>
  (STATUS_NAMES_ZH as Record<string, string>)[status] ??
  (status.startsWith('-') ? REFUSED_BY_EPORT_ZH : status);

/**
 * Negative codes of table 7-2 that Crossgate emits, with the spec's text (`*` is filled in; the spec's `[*]` is
 * written `*`, and negativeInfo puts the brackets back). In the 202205 spec the table is titled
 * 出口统一版业务报文错误信息及其代码 but its ranges (order −3010xx, payment/receipt −4010xx, waybill −5040xx,
 * inventory −6210xx, cancel −6230xx, return −6250xx) serve both directions. Spaces that pdftotext put between
 * Chinese and Latin text (`未找到 headGuid 为`) are left out.
 */
export const NEGATIVE_CODES = {
  '-10101': '无效企业类型',
  '-10102': '无效企业代码',
  '-301001': '订单商品表体信息不存在',
  '-301002': '订单商品信息内有重复商品序号',
  '-301003': '订单信息查询不存在*',
  '-301007': '订单业务报文信息不能为空',
  '-301008': '参数校验不通过，*',
  '-301009': '订单标识(appType)不正确,未找到操作的订单',
  '-301010': '已存在相同编号的订单',
  '-301011': '该订单已向海关申报清单，状态不符',
  '-301012': '订单报文处理失败，未找到对应操作',
  '-301014': '订单报文处理失败，接收报文为旧报文数据，不做处理',
  '-301015': '订单报文处理失败，报文表头数据超过限制',
  '-401001': '支付凭证查询不存在*',
  '-401005': '支付单业务报文不能为空',
  '-401006': '支付单标识(appType)不正确,未找到对应操作的支付单',
  '-401007': '已存在相同编号的支付单',
  '-401008': '该支付单已向海关申报支付单，状态不符',
  '-401009': '参数校验不通过，*',
  '-401010': '支付单报文处理失败，未找到对应操作',
  '-401012': '支付单报文处理失败，接收报文为旧报文数据，不做处理',
  '-504000': '运单报文解析失败！',
  '-504010': '运单业务报文不能为空',
  '-504011': '参数校验不通过，*',
  '-504012': '物流运单已存在',
  '-504013': '物流运单报文数量超过限制',
  '-504014': '运单标识(appType)不正确,未找到操作的运单',
  '-504015': '已存在相同编号的运单',
  '-504016': '该运单已向海关申报运单，状态不符',
  '-505011': '参数校验不通过',
  '-505012': '物流运单状态已存在',
  '-621001': '清单报文校验失败，*',
  '-621003': '清单申报失败，*',
  '-621004': '清单*已经申报过，请勿重复申报',
  '-621005': '清单*的购买金额超过单笔限额*',
  '-621006': '未找到headGuid为*的清单',
  '-621010': '申报清单*发生错误，状态不是申报中',
  '-621011': '不存在已申报的清单*，无法进行改单操作',
  '-621012': '清单*的申报状态不符合改单申报的条件',
  '-621018': '清单*中购买人*已用购买额度为*，本次购买将超过年度限额*',
  '-621019': '查无此数据',
  // Table 7-2 lists −621027 twice (保存失败，请确认状态并刷新重试 / 请确认表体gnum无重复！); a message
  // exchange only ever needs the second: duplicate line numbers in one inventory, which the XSD cannot see.
  '-621027': '请确认表体gnum无重复！',
  '-621028': '加签数据比对失败！',
  '-621029': '验签失败！',
  '-623001': '报文校验失败，*',
  '-623003': '系统中不存在清单编号为*的清单！',
  '-623004': '查无此数据',
  '-623005': '清单的状态不符合撤单申报要求(清单编号*)！',
  '-623009': '撤单清单*已经申报过',
  '-623012': '生成失败[撤单原因为空]，请重试',
  '-623013': '撤单状态*不符合删除条件',
  '-623014': '校验失败*',
  '-623029': '验签失败*！',
  '-625001': '退货申请单报文校验失败，*',
  '-625005': '退货申请单*验签失败！',
  '-625006': '退货申请单*表体无数据，不允许申报！',
  '-625007': '退货申请单*表体第*项商品未备案！',
  '-625009':
    '退货申请单*表体第*项的第二数量与第二单位不符合规则（当第二单位为空时，第二数量应为空；当第二单位有值时，第二数量应为正数）！',
  '-625010': '退货申请单*表体第*项的**与备案库*不一致！',
  '-625012': '退货申请单*表体第*项的**与参数库*不一致！',
  '-625013': '退货申请单*和证书中的“申报单位代码/名称”不一致！',
  '-625014': '退货申请单*金额超过单笔限额',
  '-625016': '查无此数据',
  // Table 7-2 lists −625022 twice (已经申报过 / 申报状态不符合改单申报的条件); Crossgate keeps the first, and
  // −625033 carries the same duplicate text unambiguously.
  '-625022': '退货申请单*已经申报过，请勿重复申报',
  '-625033': '退货申请单*已经申报过，请勿重复申报',
  '-625204': '未找到headGuid为*的清单',
  '-625208': '验签失败*！',
  '-625209': '退货申请单*,在关联的清单中未找到表体序号为*,商品编号为*的数据',
  '-800001': '校验不通过，*',
  '-800003': '入库明细单报已存在',
} as const;
export type NegativeCode = keyof typeof NEGATIVE_CODES;

/** The table 7-2 codes of the refusals every declaration can meet. */
export interface RefusalCodes {
  /** A field fails a business check (参数校验不通过). */
  parameter: NegativeCode;
  /** The same document was declared before (appType 1 twice). */
  duplicate: NegativeCode;
  /** appType 2/3, or a cancel, names a document that does not exist. */
  notFound: NegativeCode;
  /** The document may no longer be changed (e.g. its inventory is declared). */
  wrongState?: NegativeCode;
  /** The XML-DSig signature does not verify. */
  signature?: NegativeCode;
}

/**
 * Which table 7-2 code answers each usual refusal of an export message (spec 202205 §7 table 7-2). The
 * table has no range for the arrival, departure, waybill binding, summary application and return tally
 * (CEB507, CEB509, CEB607, CEB701, CEB215): refuse those with returnStatus 100 (海关退单) and the reason in
 * returnInfo, and format errors with a CEB900. The return range has no unambiguous wrong-state code (−625022
 * is listed twice), so CEB213 has none.
 */
export const EXPORT_REFUSAL_CODES: Partial<Record<string, RefusalCodes>> = {
  CEB303Message: { parameter: '-301008', duplicate: '-301010', notFound: '-301009', wrongState: '-301011' },
  CEB403Message: { parameter: '-401009', duplicate: '-401007', notFound: '-401006', wrongState: '-401008' },
  CEB505Message: { parameter: '-504011', duplicate: '-504015', notFound: '-504014', wrongState: '-504016' },
  CEB603Message: {
    parameter: '-621001',
    duplicate: '-621004',
    notFound: '-621011',
    wrongState: '-621012',
    signature: '-621029',
  },
  CEB605Message: {
    parameter: '-623001',
    duplicate: '-623009',
    notFound: '-623003',
    wrongState: '-623005',
    signature: '-623029',
  },
  CEB213Message: { parameter: '-625001', duplicate: '-625022', notFound: '-625016', signature: '-625005' },
};

/** Fills the `*` placeholders of a table 7-2 text in order; `[x]` in the spec is written around each value. */
export function negativeInfo(code: NegativeCode, ...values: string[]): string {
  let i = 0;
  return NEGATIVE_CODES[code].replace(/\*/g, () => {
    const v = values[i++];
    return v === undefined ? '' : `[${v}]`;
  });
}

/**
 * The `[Code:nnnn;Desc:…]` form customs writes in returnInfo with 120 and 800 (real receipts: `[Code:1800;Desc:逻辑校验通过]`,
 * `[Code:2600;Desc:放行]`), kept so enterprise software that reads returnInfo keeps working.
 */
export const codeDesc = (code: string, desc: string) => `[Code:${code};Desc:${desc}]`;

/**
 * CEB900 format-check codes: the negative of the DXP platform error code (spec 202205 table 7-1), so
 * −1 = 0001 报文格式错误, −2 = 0002 数据包不能通过schema验证, −999 = 0999 其他格式错误,
 * −1001 = 数字签名无效, −1004 = 签名与数据不符.
 */
export const FORMAT_CODES = {
  MALFORMED: { status: '-1', desc: '报文格式错误' },
  SCHEMA: { status: '-2', desc: '数据包不能通过schema验证' },
  OTHER_FORMAT: { status: '-999', desc: '其他格式错误' },
  SIGNATURE_INVALID: { status: '-1001', desc: '数字签名无效' },
  SIGNATURE_MISMATCH: { status: '-1004', desc: '签名与数据不符' },
} as const;

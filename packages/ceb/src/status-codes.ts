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
  INSPECTION: '500', // 查验
  DETAINED_CLEARANCE: '501', // 扣留移送通关
  DETAINED_SMUGGLING: '502', // 扣留移送缉私
  DETAINED_LEGAL: '503', // 扣留移送法规
  DETAINED_OTHER: '599', // 其它扣留
  RETURNED_ABROAD: '700', // 退运
  RELEASED: '800', // 放行
  CLOSED: '899', // 结关
} as const;

export const STATUS_NAMES_ZH: Record<string, string> = {
  '1': '电子口岸已暂存',
  '2': '电子口岸申报中',
  '3': '发送海关成功',
  '4': '发送海关失败',
  '100': '海关退单',
  '120': '海关入库',
  '300': '人工审核',
  '399': '海关审结',
  '500': '查验',
  '501': '扣留移送通关',
  '502': '扣留移送缉私',
  '503': '扣留移送法规',
  '599': '其它扣留',
  '700': '退运',
  '800': '放行',
  '899': '结关',
};

/** Negative codes of table 7-2 that Crossgate emits, with the spec's text (`*` is filled in). */
export const NEGATIVE_CODES = {
  '-10101': '无效企业类型',
  '-10102': '无效企业代码',
  '-301008': '参数校验不通过，*',
  '-301009': '订单标识(appType)不正确,未找到操作的订单',
  '-301010': '已存在相同编号的订单',
  '-301011': '该订单已向海关申报清单，状态不符',
  '-401006': '支付单标识(appType)不正确,未找到对应操作的支付单',
  '-401007': '已存在相同编号的支付单',
  '-401008': '该支付单已向海关申报支付单，状态不符',
  '-401009': '参数校验不通过，*',
  '-504011': '参数校验不通过，*',
  '-504014': '运单标识(appType)不正确,未找到操作的运单',
  '-504015': '已存在相同编号的运单',
  '-504016': '该运单已向海关申报运单，状态不符',
  '-505011': '参数校验不通过',
  '-505012': '物流运单状态已存在',
  '-621001': '清单报文校验失败，*',
  '-621004': '清单*已经申报过，请勿重复申报',
  '-621005': '清单*的购买金额超过单笔限额*',
  '-621011': '不存在已申报的清单*，无法进行改单操作',
  '-621012': '清单*的申报状态不符合改单申报的条件',
  '-621018': '清单*中购买人*已用购买额度为*，本次购买将超过年度限额*',
  '-621028': '加签数据比对失败！',
  '-621029': '验签失败！',
  '-623001': '报文校验失败，*',
  '-623003': '系统中不存在清单编号为*的清单！',
  '-623005': '清单的状态不符合撤单申报要求(清单编号*)！',
  '-623009': '撤单清单*已经申报过',
  '-623029': '验签失败*！',
  '-625001': '退货申请单报文校验失败，*',
  '-625005': '退货申请单*验签失败！',
  '-625013': '退货申请单*和证书中的“申报单位代码/名称”不一致！',
  '-625014': '退货申请单*金额超过单笔限额',
  '-625022': '退货申请单*已经申报过，请勿重复申报',
  '-625209': '退货申请单*,在关联的清单中未找到表体序号为*,商品编号为*的数据',
  '-800001': '校验不通过，*',
  '-800003': '入库明细单报已存在',
} as const;
export type NegativeCode = keyof typeof NEGATIVE_CODES;

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

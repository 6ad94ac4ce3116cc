import type { Language } from './errors.ts';
import { fieldLabel, oneLanguage, RULE_TEXTS } from './error-texts.ts';
import {
  CEB_DOCUMENT_LABELS,
  CEB_FIELD_LABELS,
  FINDING_TEXTS,
  textCheckText,
  type ClerkText,
} from './finding-texts.ts';

/**
 * Receipts for clerks (decision 0039): a CEB receipt carries `returnStatus` and `returnInfo`, the e-port's and
 * customs' own words, in Chinese (spec 202205 §7 table 7-2 for the refusals). The API keeps them as they are;
 * this catalogue words each status, each refusal code and each receipt text the platform writes in Chinese and
 * in English for the clerk (what happened, what to do), so the web shows one language at a time and the raw
 * returnInfo under "技术细节 / Technical detail". Match findings are worded from their rule code and field.
 */

export type { ClerkText } from './finding-texts.ts';

/** Each positive returnStatus (spec 202205 §7): what it means for the clerk and what comes next. */
export const STATUS_TEXTS: Record<string, ClerkText> = {
  '1': {
    zh: '电子口岸已暂存：尚未向海关申报',
    en: 'Saved at the e-port: not declared to customs yet',
  },
  '2': {
    zh: '电子口岸已受理，申报中：等待海关处理',
    en: 'Accepted by the e-port and being declared: waiting for customs',
  },
  '3': { zh: '已发送海关：等待海关处理', en: 'Sent to customs: waiting for customs' },
  '4': {
    zh: '发送海关失败：请稍后重新申报',
    en: 'Sending to customs failed: declare it again later',
  },
  '100': {
    zh: '海关退单：本单未通过审核，请按原因修改后重新申报',
    en: 'Refused by customs: correct what the reason says and declare again',
  },
  '120': {
    zh: '海关已入库：逻辑校验通过，等待海关审结放行',
    en: 'Accepted by customs: the checks passed; release follows',
  },
  '300': { zh: '人工审核：等待海关关员处理', en: 'Manual review: waiting for a customs officer' },
  '399': { zh: '海关审结', en: 'Concluded by customs' },
  '400': {
    zh: '待运抵：等待货物运抵监管场所（运抵报告）',
    en: 'Awaiting arrival: waiting for the goods to reach the supervised site (arrival report)',
  },
  '500': {
    zh: '海关查验：请配合查验，结果出来前不能放行',
    en: 'Customs inspection: make the goods available; no release before the result',
  },
  '501': {
    zh: '海关扣留，移送通关部门处理',
    en: 'Detained by customs and passed to the clearance department',
  },
  '502': {
    zh: '海关扣留，移送缉私部门处理',
    en: 'Detained by customs and passed to the anti-smuggling police',
  },
  '503': {
    zh: '海关扣留，移送法规部门处理',
    en: 'Detained by customs and passed to the legal department',
  },
  '599': { zh: '海关扣留', en: 'Detained by customs' },
  '700': { zh: '海关决定退运：货物退运出境', en: 'Customs ordered the goods returned abroad' },
  '800': { zh: '海关已放行', en: 'Released by customs' },
  '899': { zh: '已结关', en: 'Closed' },
};

/**
 * Each negative returnStatus Crossgate emits: the e-port's refusals of spec 202205 table 7-2, and the CEB900
 * format codes (table 7-1, negated). What was refused and what to do.
 */
export const REFUSAL_TEXTS: Record<string, ClerkText> = {
  // CEB900: the message itself (table 7-1).
  '-1': {
    zh: '报文格式错误，无法读取：请检查报文是否为完整的报文',
    en: 'The message cannot be read: check that it is a complete, well-formed message',
  },
  '-2': {
    zh: '报文未通过格式校验：请按报文规范检查必填项和字段格式',
    en: 'The message does not pass the format check: check the required fields and their formats',
  },
  '-999': { zh: '报文格式错误：请检查报文', en: 'The message is malformed: check it' },
  '-1001': {
    zh: '数字签名无效：请用本企业登记的证书重新加签',
    en: 'The digital signature is not valid: sign again with your registered certificate',
  },
  '-1004': {
    zh: '签名与报文内容不符：加签后报文被改动过，请重新加签',
    en: 'The signature does not fit the content: the message changed after signing; sign it again',
  },
  // Enterprise (table 7-2).
  '-10101': {
    zh: '企业不能发送此类报文：请核对企业备案状态和业务角色',
    en: 'Your enterprise may not send this message: check its filing status and business roles',
  },
  '-10102': {
    zh: '报文中的企业代码与登录企业不一致：请填写本企业代码',
    en: 'The enterprise code in the message is not yours: enter your own code',
  },
  // Order.
  '-301001': {
    zh: '订单没有商品：请至少填写一项商品',
    en: 'The order has no goods: enter at least one line',
  },
  '-301002': {
    zh: '订单商品序号重复：请从1开始依次编号',
    en: 'The order repeats a line number: number the lines from 1',
  },
  '-301003': {
    zh: '找不到该订单：请核对订单编号',
    en: 'No such order: check the order number',
  },
  '-301007': { zh: '订单内容为空：请填写订单', en: 'The order is empty: fill it in' },
  '-301008': {
    zh: '订单未通过校验：请按原因修改后重新申报',
    en: 'The order fails a check: correct what the reason says and declare again',
  },
  '-301009': {
    zh: '要变更或删除的订单不存在：请核对订单编号，新订单请选“新增”',
    en: 'The order to change or delete does not exist: check its number, or declare it as new',
  },
  '-301010': {
    zh: '相同编号的订单已申报：要修改请选“变更”',
    en: 'An order with this number was declared before: declare a change instead',
  },
  '-301011': {
    zh: '该订单的清单已申报，订单不能再修改：如需修改请先撤销清单',
    en: 'The inventory of this order is declared, so the order can no longer change: cancel the inventory first',
  },
  '-301012': {
    zh: '订单报文无法处理：请核对申报类型',
    en: 'The order cannot be processed: check the kind of declaration',
  },
  '-301014': {
    zh: '收到的是旧订单报文，已忽略：以最新申报为准',
    en: 'An older order message arrived and was ignored: the latest declaration stands',
  },
  '-301015': { zh: '订单报文过大：请拆分后申报', en: 'The order message is too large: split it' },
  // Payment / receipt of payment.
  '-401001': {
    zh: '找不到该支付单：请核对支付交易编号',
    en: 'No such payment: check the transaction number',
  },
  '-401005': { zh: '支付单内容为空：请填写支付单', en: 'The payment is empty: fill it in' },
  '-401006': {
    zh: '要变更或删除的支付单不存在：请核对编号，新支付单请选“新增”',
    en: 'The payment to change or delete does not exist: check its number, or declare it as new',
  },
  '-401007': {
    zh: '相同编号的支付单已申报：要修改请选“变更”',
    en: 'A payment with this number was declared before: declare a change instead',
  },
  '-401008': {
    zh: '该支付单的清单已申报，支付单不能再修改',
    en: 'The inventory of this payment is declared, so the payment can no longer change',
  },
  '-401009': {
    zh: '支付单未通过校验：请按原因修改后重新申报',
    en: 'The payment fails a check: correct what the reason says and declare again',
  },
  '-401010': {
    zh: '支付单报文无法处理：请核对申报类型',
    en: 'The payment cannot be processed: check the kind of declaration',
  },
  '-401012': {
    zh: '收到的是旧支付单报文，已忽略：以最新申报为准',
    en: 'An older payment message arrived and was ignored: the latest declaration stands',
  },
  // Waybill.
  '-504000': { zh: '运单报文无法读取：请检查报文', en: 'The waybill message cannot be read: check it' },
  '-504010': { zh: '运单内容为空：请填写运单', en: 'The waybill is empty: fill it in' },
  '-504011': {
    zh: '运单未通过校验：请按原因修改后重新申报',
    en: 'The waybill fails a check: correct what the reason says and declare again',
  },
  '-504012': {
    zh: '该运单已存在：要修改请选“变更”',
    en: 'The waybill exists already: declare a change instead',
  },
  '-504013': {
    zh: '一次发送的运单太多：请分批发送',
    en: 'Too many waybills in one message: send them in batches',
  },
  '-504014': {
    zh: '要变更或删除的运单不存在：请核对运单编号，新运单请选“新增”',
    en: 'The waybill to change or delete does not exist: check its number, or declare it as new',
  },
  '-504015': {
    zh: '相同编号的运单已申报：要修改请选“变更”',
    en: 'A waybill with this number was declared before: declare a change instead',
  },
  '-504016': {
    zh: '该运单的清单已申报，运单不能再修改',
    en: 'The inventory of this waybill is declared, so the waybill can no longer change',
  },
  '-505011': {
    zh: '运单状态未通过校验：请核对运单是否已申报',
    en: 'The waybill status fails a check: check that the waybill is declared',
  },
  '-505012': { zh: '该运单状态已申报过', en: 'This waybill status was declared before' },
  // Inventory.
  '-621001': {
    zh: '清单未通过校验：请按原因修改后重新申报',
    en: 'The inventory fails a check: correct what the reason says and declare again',
  },
  '-621003': {
    zh: '清单申报失败：请按原因处理，必要时联系海关',
    en: 'The inventory could not be declared: act on the reason, or contact customs',
  },
  '-621004': {
    zh: '该清单已申报过，请勿重复申报：要修改请选“变更”',
    en: 'This inventory was declared before: do not declare it twice; declare a change instead',
  },
  '-621005': FINDING_TEXTS['-621005'] as ClerkText,
  '-621006': { zh: '找不到该清单：请核对清单', en: 'No such inventory: check it' },
  '-621010': {
    zh: '清单不在申报中状态，不能这样处理：请刷新查看最新状态',
    en: 'The inventory is not being declared, so this cannot be done: reload to see its state',
  },
  '-621011': {
    zh: '要修改的清单不存在或未申报：新清单请选“新增”',
    en: 'The inventory to change does not exist or is not declared: declare it as new',
  },
  '-621012': {
    zh: '清单当前状态不能修改：已入库的清单须海关退单后才能修改',
    en: 'The inventory cannot change in its state: once customs accepted it, it changes only after a refusal',
  },
  '-621018': FINDING_TEXTS['-621018'] as ClerkText,
  '-621019': { zh: '查无此数据', en: 'No such record' },
  '-621027': {
    zh: '清单商品序号重复：请从1开始依次编号',
    en: 'The inventory repeats a line number: number the lines from 1',
  },
  '-621028': {
    zh: '加签内容与报文不一致：请重新加签',
    en: 'The signed content differs from the message: sign it again',
  },
  '-621029': {
    zh: '清单签名验证失败：请用本企业登记的证书重新加签',
    en: 'The inventory’s signature does not verify: sign again with your registered certificate',
  },
  // Cancellation.
  '-623001': {
    zh: '撤销申请单未通过校验：请按原因修改',
    en: 'The cancellation fails a check: correct what the reason says',
  },
  '-623003': {
    zh: '要撤销的清单不存在：请核对清单编号',
    en: 'The inventory to cancel does not exist: check its number',
  },
  '-623004': { zh: '查无此数据', en: 'No such record' },
  '-623005': {
    zh: '清单当前状态不能撤单：已放行的清单请申报退货',
    en: 'The inventory cannot be cancelled in its state: for a released inventory, declare a return',
  },
  '-623009': { zh: '该清单的撤销申请已申报过', en: 'A cancellation of this inventory was declared before' },
  '-623012': { zh: '请填写撤单原因', en: 'Enter the reason for the cancellation' },
  '-623013': { zh: '撤销申请当前状态不能删除', en: 'The cancellation cannot be deleted in its state' },
  '-623014': {
    zh: '撤销申请未通过校验：请按原因修改',
    en: 'The cancellation fails a check: correct what the reason says',
  },
  '-623029': {
    zh: '撤销申请单签名验证失败：请用本企业登记的证书重新加签',
    en: 'The cancellation’s signature does not verify: sign again with your registered certificate',
  },
  // Return.
  '-625001': {
    zh: '退货申请单未通过校验：请按原因修改',
    en: 'The return fails a check: correct what the reason says',
  },
  '-625005': {
    zh: '退货申请单签名验证失败：请用本企业登记的证书重新加签',
    en: 'The return’s signature does not verify: sign again with your registered certificate',
  },
  '-625006': {
    zh: '退货申请单没有商品：请至少填写一项',
    en: 'The return has no goods: enter at least one line',
  },
  '-625007': {
    zh: '退货商品未备案：请核对商品',
    en: 'A returned line is not a filed product: check the goods',
  },
  '-625009': {
    zh: '第二数量与第二计量单位不匹配：无第二单位时第二数量不填，有第二单位时第二数量应大于0',
    en: 'The second quantity does not fit the second unit: leave it empty without a unit, more than 0 with one',
  },
  '-625010': {
    zh: '退货商品信息与备案不一致：请按备案信息填写',
    en: 'A returned line differs from the filed product: use the filed values',
  },
  '-625012': {
    zh: '退货商品的代码与参数代码表不一致：请从代码表选择',
    en: 'A code of a returned line is not in the code table: pick one from the table',
  },
  '-625013': {
    zh: '退货申请单的申报单位与证书不一致：请用申报单位的证书加签',
    en: 'The declaring enterprise of the return differs from the certificate: sign with its certificate',
  },
  '-625014': {
    zh: '退货金额超过单笔限额：请核对退货金额',
    en: 'The return is over the per-transaction limit: check its amount',
  },
  '-625016': {
    zh: '要处理的退货申请单或原清单不存在：请核对清单编号',
    en: 'The return or its original inventory does not exist: check the inventory number',
  },
  '-625022': {
    zh: '该退货申请单已申报过，请勿重复申报',
    en: 'This return was declared before: do not declare it twice',
  },
  '-625033': {
    zh: '该退货申请单已申报过，请勿重复申报',
    en: 'This return was declared before: do not declare it twice',
  },
  '-625204': { zh: '找不到原清单：请核对清单', en: 'The original inventory is not found: check it' },
  '-625208': {
    zh: '退货申请单签名验证失败：请用本企业登记的证书重新加签',
    en: 'The return’s signature does not verify: sign again with your registered certificate',
  },
  '-625209': FINDING_TEXTS['-625209'] as ClerkText,
  // Bonded warehouse entries.
  '-800001': {
    zh: '入库明细单未通过校验：请按原因修改',
    en: 'The warehouse entry fails a check: correct what the reason says',
  },
  '-800003': { zh: '该入库明细单已存在', en: 'This warehouse entry exists already' },
};

/** Any other negative code: the e-port refused the message. */
const REFUSED_BY_EPORT: ClerkText = {
  zh: '电子口岸未受理：请按原因修改后重新发送',
  en: 'The e-port refused the message: correct what the reason says and send it again',
};

/** The clerk text of a rule code (RULE_TEXTS, the findings, the text checks), if the catalogue has one. */
export function ruleCodeText(code: string | undefined): ClerkText | undefined {
  if (code === undefined) return undefined;
  if (Object.hasOwn(RULE_TEXTS, code)) return RULE_TEXTS[code];
  if (Object.hasOwn(FINDING_TEXTS, code)) return FINDING_TEXTS[code];
  return textCheckText(code);
}

/** The catalogue's text of a returnStatus: a refusal's code or a state's; undefined for an unknown one. */
export function statusText(status: string): ClerkText | undefined {
  if (Object.hasOwn(REFUSAL_TEXTS, status)) return REFUSAL_TEXTS[status];
  if (Object.hasOwn(STATUS_TEXTS, status)) return STATUS_TEXTS[status];
  return status.startsWith('-') ? REFUSED_BY_EPORT : undefined;
}

const pick = (text: ClerkText, language: Language): string => (language === 'en' ? text.en : text.zh);

/** A value quoted from a receipt into the English text only when it has no Chinese in it. */
const latin = (value: string | undefined): string =>
  value !== undefined && !/[\u3400-\u9fff]/.test(value) ? value : '';

/**
 * Receipt texts the platform writes (apps/server services), each recognised by its shape: the clerk text, and
 * `said` — words a person typed (an officer's reason, a cancellation's reason), shown as written.
 */
const SHAPES: { re: RegExp; text: (m: RegExpExecArray) => ClerkText; said?: number }[] = [
  {
    re: /^\[Code:1800;Desc:逻辑校验通过\]/,
    text: () => STATUS_TEXTS['120'] as ClerkText,
  },
  {
    re: /^\[Code:2600;Desc:放行\]\s*(.*)$/s,
    text: () => STATUS_TEXTS['800'] as ClerkText,
    said: 1,
  },
  {
    re: /^(?:清单)?(新增|变更|删除)?申报成功/,
    text: (m) =>
      m[1] === '变更'
        ? { zh: '变更申报成功：电子口岸已受理', en: 'Change declared: the e-port accepted it' }
        : m[1] === '删除'
          ? { zh: '删除申报成功：电子口岸已受理', en: 'Deletion declared: the e-port accepted it' }
          : {
              zh: '申报成功：电子口岸已受理，等待海关处理',
              en: 'Declared: the e-port accepted it; waiting for customs',
            },
  },
  {
    re: /^重复报文，业务主键\[([^\]]*)\]已受理，当前状态(\S+)/,
    text: (m) => ({
      zh: `重复发送：该单证此前已受理（当前状态${m[2]}），本次未作处理`,
      en: `Sent twice: this document was accepted before (status ${latin(m[2])}); nothing changed`,
    }),
  },
  {
    re: /^三单比对不通过/,
    text: () => ({
      zh: '三单比对不通过：订单、支付单、运单与清单不一致，请按比对结果修改后重新申报',
      en: 'The documents do not match: the order, payment, waybill and inventory differ; correct what the match found and declare again',
    }),
  },
  {
    re: /^海关审结[:：]\s*(.*)$/s,
    text: () => STATUS_TEXTS['399'] as ClerkText,
    said: 1,
  },
  {
    re: /^海关退单[:：]\s*(.*)$/s,
    text: () => ({
      zh: '海关审核后退单：请按关员写明的原因处理',
      en: 'Refused by customs after review: act on the reason the officer gave',
    }),
    said: 1,
  },
  { re: /^扣留[:：]\s*(.*)$/s, text: () => STATUS_TEXTS['599'] as ClerkText, said: 1 },
  { re: /^退运[:：]\s*(.*)$/s, text: () => STATUS_TEXTS['700'] as ClerkText, said: 1 },
  {
    re: /^查验[:：].*在信用负面清单中/s,
    text: () => ({
      zh: '海关布控查验：有关企业或人员在信用负面清单上，全面查验',
      en: 'Selected for inspection: a party is on the credit negative list, so customs inspects in full',
    }),
  },
  {
    re: /^查验[:：]\s*随机抽中（抽查比例([\d.]+)%）/,
    text: (m) => ({
      zh: `海关随机抽中查验（抽查比例${m[1]}%）：请配合查验`,
      en: `Selected for inspection by random sampling (rate ${latin(m[1])}%): make the goods available`,
    }),
  },
  {
    re: /^人工审核[:：]/,
    text: () => ({
      zh: '转人工审核：保税账册库存不足以放行，等待海关处理',
      en: 'Sent to manual review: the bonded account book has too little stock to release; waiting for customs',
    }),
  },
  {
    re: /^撤单审结(?:，清单已撤销[:：]\s*(.*))?$/s,
    text: () => ({
      zh: '撤单已审结：清单已撤销',
      en: 'Cancellation concluded: the inventory is withdrawn',
    }),
    said: 1,
  },
  {
    re: /^退货审结，退回额度([\d.]+)元/,
    text: (m) => ({
      zh: `退货已审结：退回订购人年度额度${m[1]}元`,
      en: `Return concluded: ${latin(m[1])} yuan given back to the buyer’s annual limit`,
    }),
  },
  {
    re: /^退货理货完成，退货放行/,
    text: () => ({ zh: '退货理货完成，退货已放行', en: 'Returned goods tallied and released' }),
  },
  { re: /^退货放行/, text: () => ({ zh: '退货已放行', en: 'Return released' }) },
  {
    re: /^结关[:：]\s*退货期限届满/,
    text: () => ({ zh: '已结关：退货期限已届满', en: 'Closed: the return period is over' }),
  },
  { re: /^结关$/, text: () => STATUS_TEXTS['899'] as ClerkText },
  {
    re: /^待运抵/,
    text: () => STATUS_TEXTS['400'] as ClerkText,
  },
  {
    re: /^电子税单已汇总，缴款书编号(\S+)/,
    text: (m) => ({
      zh: `电子税单已汇总缴款，缴款书编号${m[1]}`,
      en: `Tax bills summarised for payment, payment notice ${latin(m[1])}`,
    }),
  },
  {
    re: /^电子税单(\S+)/,
    text: (m) => ({ zh: `电子税单${m[1]}已生成`, en: `Electronic tax bill ${latin(m[1])} issued` }),
  },
  {
    re: /^汇总结果：汇总统一编号(\S+)，清单(\d+)票，商品(\d+)项/,
    text: (m) => ({
      zh: `已汇总申报：汇总编号${m[1]}，清单${m[2]}票，商品${m[3]}项`,
      en: `Summarised: summary ${latin(m[1])}, ${latin(m[2])} inventories, ${latin(m[3])} lines`,
    }),
  },
  // What the platform adds to a refusal code (the `*` of table 7-2, and what follows it).
  {
    re: /账册\[([^\]]*)\]中没有料号\[([^\]]*)\]（第(\d+)项）/,
    text: (m) => ({
      zh: `第${m[3]}项的料号[${m[2]}]不在保税账册[${m[1]}]中：请核对料号`,
      en: `Line ${latin(m[3])}: item ${latin(m[2])} is not in bonded account book ${latin(m[1])}; check the item`,
    }),
  },
  {
    re: /账册\[([^\]]*)\]料号\[([^\]]*)\]库存(\S+)不足，本次申报([\d.]+)（第(\d+)项）/,
    text: (m) => ({
      zh: `第${m[5]}项库存不足：料号[${m[2]}]库存${m[3]}，本次申报${m[4]}，请补足库存后再申报`,
      en: `Line ${latin(m[5])}: too little stock of item ${latin(m[2])} (${latin(m[3])} in stock, ${latin(m[4])} declared); declare once it is replenished`,
    }),
  },
  {
    re: /进口关税税率未知/,
    text: () => FINDING_TEXTS['DUTY_RATE_MISSING'] as ClerkText,
  },
  {
    re: /未放行，不能申请退货/,
    text: () => ({
      zh: '清单尚未放行，不能申请退货：未放行的清单请撤单',
      en: 'The inventory is not released, so it cannot be returned: cancel it instead',
    }),
  },
  {
    re: /放行已超过(\d+)日退货期限/,
    text: (m) => ({
      zh: `已超过退货期限：放行后${m[1]}日内才能申请退货`,
      en: `The return period is over: a return is declared within ${latin(m[1])} days of release`,
    }),
  },
  {
    re: /运单\[[^\]]*\]不存在/,
    text: () => ({
      zh: '运单不存在：请先申报运单，再申报运单状态',
      en: 'No such waybill: declare the waybill before its status',
    }),
  },
  {
    re: /企业备案状态为\[/,
    text: () => ({
      zh: '本企业备案尚未审核通过，不能申报：请等待备案审核',
      en: 'Your enterprise’s filing is not approved yet, so it cannot declare: wait for the approval',
    }),
  },
  {
    re: /应由.+发送，接入企业角色为/,
    text: () => ({
      zh: '本企业没有发送此类报文的业务角色：请由相应角色的企业发送，或备案该角色',
      en: 'Your enterprise does not hold the role that sends this message: let that enterprise send it, or file the role',
    }),
  },
  {
    re: /BaseTransfer\.copCode\[/,
    text: () => REFUSAL_TEXTS['-10102'] as ClerkText,
  },
  {
    re: /须经XML通道加签报送/,
    text: () => ({
      zh: '本企业已登记签名证书：此类单证须加签后通过报文通道发送',
      en: 'Your enterprise registered a signing certificate: send this declaration signed, as a message',
    }),
  },
  {
    re: /已被已申报的清单引用/,
    text: () => ({
      zh: '该单证已被已申报的清单引用，不能再修改：清单被退单后才能修改',
      en: 'A declared inventory refers to this document, so it cannot change: only after the inventory is refused',
    }),
  },
  {
    re: /本次购买将超过年度限额/,
    text: () => FINDING_TEXTS['-621018'] as ClerkText,
  },
  {
    re: /购买金额超过单笔限额/,
    text: () => FINDING_TEXTS['-621005'] as ClerkText,
  },
];

/** A receipt or timeline entry for a clerk. */
export interface ReceiptWords {
  /** what happened and what to do, in one language */
  text: string;
  /** words a person typed with it (an officer's reason), in the language asked for when written in both */
  said?: string;
  /** true when the catalogue knows the status or the text; false: only the raw returnInfo can be shown */
  known: boolean;
}

/**
 * A receipt (returnStatus + returnInfo) in one language: the shape of the text when the platform wrote it,
 * else the refusal code's or the status's text. The raw returnInfo is for the technical detail.
 */
export function receiptText(status: string, returnInfo: string, language: Language): ReceiptWords {
  const info = returnInfo.trim();
  for (const shape of SHAPES) {
    const m = shape.re.exec(info);
    if (!m) continue;
    const raw = shape.said !== undefined ? (m[shape.said] ?? '').trim() : '';
    const said = raw === '' ? undefined : (oneLanguage(raw, language) ?? raw);
    return { text: pick(shape.text(m), language), ...(said !== undefined ? { said } : {}), known: true };
  }
  const known = statusText(status);
  if (known) return { text: pick(known, language), known: true };
  const own = oneLanguage(info, language);
  return { text: own ?? info, known: own !== undefined };
}

/** Where a finding is, in words: `CEB621.InventoryList[gnum=2].gname` → "清单第2项 商品名称". */
export function findingPlace(field: string | undefined, language: Language): string | undefined {
  if (!field) return undefined;
  const en = language === 'en';
  const doc = /^(CEB\d{3})/.exec(field)?.[1];
  const docLabel = doc && Object.hasOwn(CEB_DOCUMENT_LABELS, doc) ? CEB_DOCUMENT_LABELS[doc] : undefined;
  const line = /\[gnum=(\d+)\]/.exec(field)?.[1];
  const allLines = /\[\*\]/.test(field);
  const last = field
    .split(/[.[\]]/)
    .filter((s) => s !== '' && !/^\d+$/.test(s) && !s.startsWith('gnum=') && s !== '*')
    .at(-1);
  const ceb =
    last !== undefined && Object.hasOwn(CEB_FIELD_LABELS, last) ? CEB_FIELD_LABELS[last] : undefined;
  const name = ceb ? pick(ceb, language) : fieldLabel(field, language);
  const parts: string[] = [];
  if (docLabel) {
    const d = pick(docLabel, language);
    if (line !== undefined) parts.push(en ? `${d} line ${line}` : `${d}第${line}项`);
    else if (allLines) parts.push(en ? `${d} lines` : `${d}各项`);
    else parts.push(d);
  }
  if (name !== undefined && name !== (docLabel ? pick(docLabel, language) : undefined)) parts.push(name);
  if (parts.length === 0) return undefined;
  return en ? parts.join(', ') : parts.join(' ');
}

/**
 * A match finding in one language, from its rule code (the catalogue) and its field; the domain's rule text is
 * used only for a code the catalogue lacks (one language of it when it is written in both).
 */
export function findingText(
  finding: { code?: string | undefined; field?: string | undefined; rule: string },
  language: Language,
): { where?: string; text: string; known: boolean } {
  const where = findingPlace(finding.field, language);
  const known = ruleCodeText(finding.code) ?? (finding.code ? statusText(finding.code) : undefined);
  const text = known ? pick(known, language) : (oneLanguage(finding.rule, language) ?? finding.rule);
  return { ...(where !== undefined ? { where } : {}), text, known: known !== undefined };
}

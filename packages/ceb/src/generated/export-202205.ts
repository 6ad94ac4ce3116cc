// Generated from the official 202205 export XSD (data/ceb/xsd/202205) by packages/ceb/scripts/generate-types.ts. Do not edit.
import type { XNode } from '../xml/tree.ts';

/** 订单表头 */
export interface OrderHead {
  /** 系统唯一序号-企业系统生成36位唯一序号（英文字母大写） */
  guid: string;
  /** 报送类型-企业报送类型。1-新增 2-变更 3-删除。 */
  appType: string;
  /** 报送时间-企业报送时间。格式:YYYYMMDDhhmmss。 */
  appTime: string;
  /** 报送状态-企业报送状态。1-暂存,2-申报。 */
  appStatus: string;
  /** 订单类型-电商平台的订单类型 I-进口商品订单；E-出口商品订单；B-B2B出口订单；W-外综服订单 */
  orderType: string;
  /** 订单编号-交易平台的订单编号，同一交易平台的订单编号应唯一 */
  orderNo: string;
  /** 电商平台代码-电商平台的海关注册登记编号 */
  ebpCode: string;
  /** 电商平台名称-电商平台的海关注册登记名称 */
  ebpName: string;
  /** 电商企业代码-电商企业的海关注册登记编号(10位海关编码或18位统一社会信用代码) */
  ebcCode: string;
  /** 电商企业名称-电商企业的海关注册登记名称，对应清单的收发货人 */
  ebcName: string;
  /** 商品金额-商品实际成交价FOB(不含运杂费)，含非现金抵扣金额 */
  goodsValue: string;
  /** 运杂费-运杂费，无则填写"0"。 */
  freight: string;
  /** 币制-海关标准的参数代码 《JGS-20 海关业务代码集》- 货币代码 */
  currency: string;
  /** 备注 */
  note?: string;
}

/** 订单商品表体 */
export interface OrderList {
  /** 序号-从1开始的递增序号（与清单的商品项关联对应） */
  gnum: string;
  /** 企业商品货号-企业自定义的商品货号 */
  itemNo: string;
  /** 企业商品名称-同一类商品的中文名称。任何一种具体商品可以并只能归入表中的一个条目 */
  itemName: string;
  /** 企业商品描述-电商平台上架的商品描述宣传信息 */
  itemDescribe?: string;
  /** 条形码-商品条形码一般由前缀部分、制造厂商代码、商品代码和校验码组成。 */
  barCode?: string;
  /** 计量单位-海关标准的参数代码 海关标准的参数代码 《JGS-20 海关业务代码集》，计量单位代码 */
  unit: string;
  /** 币制-海关标准的参数代码 海关标准的参数代码 《JGS-20 海关业务代码集》- 货币代码 */
  currency: string;
  /** 数量 */
  qty: string;
  /** 单价 */
  price: string;
  /** 总价 */
  totalPrice: string;
  /** 备注 */
  note?: string;
}

/** 电子订单数据实体 */
export interface Order {
  OrderHead: OrderHead;
  OrderList: OrderList[];
}

/** 基础报文传输实体（需要与实际客户端传输企业一致） */
export interface BaseTransfer {
  /** 报文传输的企业代码（需要与接入客户端的企业身份一致） */
  copCode: string;
  /** 报文传输的企业名称 */
  copName: string;
  /** 默认为DXP；指中国电子口岸数据交换平台 */
  dxpMode: string;
  /** 向中国电子口岸数据中心申请数据交换平台的用户编号 */
  dxpId: string;
  /** 备注 */
  note?: string;
}

/** 基础回执订阅实体（用于第三方提供数据的订阅下发） */
export interface BaseSubscribe {
  /** 用户订阅单证业务状态的信息, ALL-订阅数据和回执, DATA-只订阅数据,RET- 只订阅回执 */
  status: string;
  /** 默认为DXP；指中国电子口岸数据交换平台 */
  dxpMode: string;
  /** 向中国电子口岸数据中心申请数据交换平台的用户编号 */
  dxpAddress: string;
  /** 备注 */
  note?: string;
}

/** 自定义报文实体 */
export interface Message {
  '#any'?: XNode[];
}

/** 扩展自定义数据实体 */
export interface ExtendMessage {
  /** 自定义报文名称 */
  name: string;
  /** 自定义报文版本 */
  version: string;
  Message: Message;
}

/** 电子订单数据报文（电商平台） */
export interface CEB303Message {
  '@guid': string;
  '@version': string;
  Order: Order[];
  BaseTransfer: BaseTransfer;
  BaseSubscribe?: BaseSubscribe[];
  Signature?: XNode;
  ExtendMessage?: ExtendMessage;
}

/** 订单回执实体 */
export interface OrderReturn {
  /** 系统唯一序号-电子口岸系统生成36位唯一序号（英文字母大写） */
  guid: string;
  /** 电商平台海关注册登记编号或统一社会信用代码。境内企业需据实填写海关注册登记编号或统一社会信用代码，境外平台企业如无法提供电商平台代码可填“无”。 */
  ebpCode: string;
  /** 电商企业代码-电商企业的海关注册登记编号。 */
  ebcCode: string;
  /** 电商平台订单编号/海外仓订仓单编号，同一交易平台的订单编号应唯一。订单编号长度不能超过60位。 */
  orderNo: string;
  /** 回执状态-操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结等）,若小于0数字表示处理异常回执 */
  returnStatus: string;
  /** 回执时间-操作时间(格式：yyyyMMddHHmmssfff) */
  returnTime: string;
  /** 回执信息（如:退单原因） */
  returnInfo: string;
}

/** 电子订单回执报文 */
export interface CEB304Message {
  '@guid': string;
  '@version': string;
  OrderReturn: OrderReturn[];
}

/** 收款单数据实体 */
export interface Receipts {
  /** 系统唯一序号-企业系统生成36位唯一序号（英文字母大写） */
  guid: string;
  /** 报送类型-企业报送类型。1-新增 2-变更 3-删除。 */
  appType: string;
  /** 报送时间-企业报送时间。格式:YYYYMMDDhhmmss。 */
  appTime: string;
  /** 报送状态-企业报送状态。1-暂存,2-申报。 */
  appStatus: string;
  /** 电商平台代码-电商企业的海关注册登记编号或统一社会信用代码,，对应清单的收发货人。 */
  ebpCode: string;
  /** 电商平台名称-电商企业的海关注册登记编号或统一社会信用代码,，对应清单的收发货人。 */
  ebpName: string;
  /** 电商企业代码-电商企业的海关注册登记编号(10位海关编码或18位统一社会信用代码) */
  ebcCode: string;
  /** 电商企业名称-电商企业的海关注册登记名称，对应清单的收发货人 */
  ebcName: string;
  /** 订单编号-电商平台的交易订单编号 */
  orderNo: string;
  /** 支付企业代码-支付企业的海关编码,国内企业必填。 */
  payCode?: string;
  /** 支付企业名称-支付企业名称,非线上支付填"现金支付" */
  payName: string;
  /** 支付交易编号 */
  payNo?: string;
  /** 收款金额-支付企业的订单交易金额 */
  charge: string;
  /** 币制-海关标准的参数代码 */
  currency: string;
  /** 到账时间 格式:YYYYMMDDhhmmss */
  accountingDate: string;
  /** 备注 */
  note?: string;
}

/** 收款单数据报文（支付企业） */
export interface CEB403Message {
  '@guid': string;
  '@version': string;
  Receipts: Receipts[];
  BaseTransfer: BaseTransfer;
  BaseSubscribe?: BaseSubscribe[];
  Signature?: XNode;
  ExtendMessage?: ExtendMessage;
}

/** 收款单回执实体 */
export interface ReceiptsReturn {
  /** 系统唯一序号-电子口岸系统生成36位唯一序号（英文字母大写） */
  guid: string;
  /** 电商企业代码-电商企业的10位海关代码或者18位信用代码 */
  ebcCode: string;
  /** 电商平台订单编号/海外仓订仓单编号，同一交易平台的订单编号应唯一。订单编号长度不能超过60位。 */
  orderNo: string;
  /** 支付交易编号-支付交易编号 */
  payNo?: string;
  /** 回执状态-操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结等）,若小于0数字表示处理异常回执 */
  returnStatus: string;
  /** 回执时间-操作时间(格式:yyyyMMddHHmmssfff) */
  returnTime: string;
  /** 回执信息（如:退单原因） */
  returnInfo: string;
}

/** 收款单回执报文 */
export interface CEB404Message {
  '@guid': string;
  '@version': string;
  ReceiptsReturn: ReceiptsReturn[];
}

/** 物流运单数据实体 */
export interface Logistics {
  /** 系统唯一序号-企业系统生成36位唯一序号（英文字母大写） */
  guid: string;
  /** 报送类型-企业报送类型。1-新增 2-变更 3-删除。 */
  appType: string;
  /** 报送时间-企业报送时间。格式:YYYYMMDDhhmmss。 */
  appTime: string;
  /** 报送状态-企业报送状态。1-暂存,2-申报。 */
  appStatus: string;
  /** 物流企业代码-物流企业的10位海关代码或者18位统一社会信用代码 */
  logisticsCode: string;
  /** 物流企业名称-物流企业的海关登记名称 */
  logisticsName: string;
  /** 物流运单编号-物流企业的运单包裹面单号（提运单号+运单编号形成唯一编号） */
  logisticsNo: string;
  /** 运费-货物运输费用 */
  freight: string;
  /** 保价费-货物保险费用 */
  insuredFee: string;
  /** 币制-海关标准的参数代码 《JGS-20 海关业务代码集》- 货币代码 */
  currency: string;
  /** 毛重-单位为千克 */
  grossWeight: string;
  /** 件数-单个运单下包裹数 */
  packNo: string;
  /** 主要货物信息-物流企业可验视的商品信息 */
  goodsInfo: string;
  /** 收发货人代码-电商企业的10位海关代码或者18位信用代码 */
  ebcCode?: string;
  /** 收发货人名称-电商企业的海关备案名称（电子口岸校验名称） */
  ebcName?: string;
  /** 收发货人电话 */
  ebcTelephone?: string;
  /** 备注 */
  note?: string;
}

/** 物流运单数据报文（物流企业） */
export interface CEB505Message {
  '@guid': string;
  '@version': string;
  Logistics: Logistics[];
  BaseTransfer: BaseTransfer;
  BaseSubscribe?: BaseSubscribe[];
  Signature?: XNode;
  ExtendMessage?: ExtendMessage;
}

/** 物流运单回执实体 */
export interface LogisticsReturn {
  /** 系统唯一序号-电子口岸生成36位唯一序号（英文字母大写） */
  guid: string;
  /** 物流企业代码-物流企业的海关注册登记编号。 */
  logisticsCode: string;
  /** 物流运单编号-物流企业的运单包裹面单号。同一物流企业的运单编号在6个月内不重复。运单编号长度不能超过60位。 */
  logisticsNo: string;
  /** 回执状态-操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结等）,若小于0数字表示处理异常回执 */
  returnStatus: string;
  /** 回执时间-操作时间(格式:yyyyMMddHHmmssfff) */
  returnTime: string;
  /** 回执信息（如:退单原因） */
  returnInfo: string;
}

/** 物流运单回执报文 */
export interface CEB506Message {
  '@guid': string;
  '@version': string;
  LogisticsReturn: LogisticsReturn[];
}

/** 物流运抵单表头 */
export interface ArrivalHead {
  /** 系统唯一序号-企业系统生成36位唯一序号（英文字母大写） */
  guid: string;
  /** 报送类型-企业报送类型。1-新增 2-变更 3-删除。 */
  appType: string;
  /** 报送时间-企业报送时间。格式:YYYYMMDDhhmmss。 */
  appTime: string;
  /** 报送状态-企业报送状态。1-暂存,2-申报。 */
  appStatus: string;
  /** 申报地海关代码-办理通关手续的4位海关编号 */
  customsCode: string;
  /** 企业内部标识单证的编号 */
  copNo: string;
  /** 预录入编号-电子口岸标识单证的编号 */
  preNo?: string;
  /** 监管场所经营人代码-监管场所经营人在海关注册登记的编号。邮路运输用邮政物流企业 */
  operatorCode: string;
  /** 监管场所经营人名称-监管场所经营人在海关注册登记的名称。邮路运输用邮政物流企业 */
  operatorName: string;
  /** 监管场所代码-同一申报地海关下有多个跨境电子商务的监管场所,需要填写区分 */
  loctNo?: string;
  /** 进出口标记-I进口/E出口 */
  ieFlag: string;
  /** 运输方式-填写海关标准的参数代码，参照《JGS-20 海关业务代码集》- 运输方式代码。直购进口指跨境段物流运输方式。 */
  trafMode: string;
  /** 提运单号-货物提单或运单的海运提单、空运总单或汽车载货清单。邮路运输方可为空。 */
  billNo?: string;
  /** 境内运输工具编号-运往海关监管场所的运输工具编号，例如车牌号 */
  domesticTrafNo: string;
  /** 物流企业代码-物流企业的海关注册登记编号 */
  logisticsCode: string;
  /** 物流企业名称-物流企业的海关注册登记名称 */
  logisticsName: string;
  /** 报文总数-拆分后的报文总数。未拆分的不填，拆分的填实际数量。 */
  msgCount: string;
  /** 报文序号-当前报文序号，以1开始的报文顺序号。未拆分的不填，拆分的报文需要连续编号，不得跳号。 */
  msgSeqNo: string;
  /** 备注 */
  note?: string;
}

/** 物流运抵单表体（允许为空） */
export interface ArrivalList {
  /** 序号-从1开始的递增序号 */
  gnum: string;
  /** 物流运单编号-物流企业的运单包裹面单号 */
  logisticsNo: string;
  /** 总包号-物流企业对于一个提运单下含有多个大包的托盘编号（邮件为邮袋号） */
  totalPackageNo?: string;
  /** 备注 */
  note?: string;
}

/** 物流运抵单数据实体 */
export interface Arrival {
  ArrivalHead: ArrivalHead;
  ArrivalList?: ArrivalList[];
}

/** 物流运抵地数据报文（物流企业） */
export interface CEB507Message {
  '@guid': string;
  '@version': string;
  Arrival: Arrival[];
  BaseTransfer: BaseTransfer;
  BaseSubscribe?: BaseSubscribe[];
  Signature?: XNode;
  ExtendMessage?: ExtendMessage;
}

/** 物流运抵单回执实体 */
export interface ArrivalReturn {
  /** 系统唯一序号-电子口岸生成36位唯一序号（英文字母大写） */
  guid: string;
  /** 监管场所经营人代码-监管场所经营人在海关注册登记的编号 */
  operatorCode: string;
  /** 物流企业代码-物流企业的海关注册登记编号 */
  logisticsCode: string;
  /** 预录入编号-电子口岸标识单证的编号 */
  preNo: string;
  /** 企业唯一编号-企业唯一标识单证的编号 */
  copNo: string;
  /** 提运单号-提单或总运单的编号 */
  billNo: string;
  /** 报文序号-当前报文序号，以1开始的报文顺序号。未拆分的不填，拆分的报文需要连续编号，不得跳号。 */
  msgSeqNo: string;
  /** 回执状态-操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结等）,若小于0数字表示处理异常回执 */
  returnStatus: string;
  /** 回执时间-操作时间(格式:yyyyMMddHHmmssfff) */
  returnTime: string;
  /** 回执信息（如:退单原因） */
  returnInfo: string;
}

/** 物流运抵单回执报文 */
export interface CEB508Message {
  '@guid': string;
  '@version': string;
  ArrivalReturn: ArrivalReturn[];
}

/** 物流离境单表头数据 */
export interface DepartureHead {
  /** 36位系统唯一序号（英文字母大写） */
  guid: string;
  /** 申报类型:1-新增;2-变更;3-删除，默认为1 */
  appType: string;
  /** 业务时间,格式:YYYYMMDDhhmmss */
  appTime: string;
  /** 企业报送状态-企业报送状态。1-暂存,2-申报。 */
  appStatus: string;
  /** 办理通关手续的4位海关编号 */
  customsCode: string;
  /** 企业唯一编号 */
  copNo: string;
  /** 预录入编号-电子口岸标识单证的编号 */
  preNo?: string;
  /** 物流企业代码,10位海关代码或者18位信用代码 */
  logisticsCode: string;
  /** 物流企业名称 */
  logisticsName: string;
  /** 运输方式 */
  trafMode: string;
  /** 运输工具名称 */
  trafName?: string;
  /** 航班航次号 */
  voyageNo?: string;
  /** 提运单号,物流企业提供 */
  billNo?: string;
  /** 离境时间 */
  leaveTime: string;
  /** 报文总数-拆分后的报文总数。未拆分的不填，拆分的填实际数量。 */
  msgCount: string;
  /** 报文序号-当前报文序号，以1开始的报文顺序号。未拆分的不填，拆分的报文需要连续编号，不得跳号。 */
  msgSeqNo: string;
  /** 备注 */
  note?: string;
}

/** 物流离境单表体类 */
export interface DepartureList {
  /** 序号 */
  gnum: string;
  /** 总包号 */
  totalPackageNo?: string;
  /** 物流运单号 */
  logisticsNo: string;
  /** 备注 */
  note?: string;
}

/** 物流离境单数据 */
export interface Departure {
  DepartureHead: DepartureHead;
  DepartureList: DepartureList[];
}

/** 物流离境单数据 */
export interface CEB509Message {
  '@guid': string;
  '@version': string;
  Departure: Departure[];
  BaseTransfer: BaseTransfer;
  BaseSubscribe?: BaseSubscribe[];
  Signature?: XNode;
  ExtendMessage?: ExtendMessage;
}

/** 物流离境回执类 */
export interface DepartureReturn {
  /** 36位系统唯一序号（英文字母大写） */
  guid: string;
  /** 物流企业代码,10位海关代码或者18位信用代码 */
  logisticsCode: string;
  /** 企业唯一编号 */
  copNo: string;
  /** 预录入编号-电子口岸标识单证的编号 */
  preNo: string;
  /** 报文序号-当前报文序号，以1开始的报文顺序号。未拆分的不填，拆分的报文需要连续编号，不得跳号。 */
  msgSeqNo: string;
  /** 回执状态 */
  returnStatus: string;
  /** 回执时间,格式YYYYMMDDhhmmssfff */
  returnTime: string;
  /** 回执信息（如:退单原因） */
  returnInfo: string;
}

/** 物流离境单回执 */
export interface CEB510Message {
  '@guid': string;
  '@version': string;
  DepartureReturn: DepartureReturn[];
}

/** 出口清单表头类 */
export interface InventoryHead {
  /** 36位系统唯一序号（英文字母大写） */
  guid: string;
  /** 申报类型:1-新增;2-变更;3-删除，默认为1 */
  appType: string;
  /** 业务时间,格式:YYYYMMDDhhmmss */
  appTime: string;
  /** 企业报送状态。1-暂存,2-申报。 */
  appStatus: string;
  /** 申报海关代码,办理通关手续的4位海关编号 */
  customsCode: string;
  /** 电商平台的海关登记编号 */
  ebpCode: string;
  /** 电商平台名称 */
  ebpName: string;
  /** 订单编号,电商平台原始订单编号 */
  orderNo: string;
  /** 物流企业代码,10位海关代码或者18位信用代码 */
  logisticsCode: string;
  /** 物流企业名称 */
  logisticsName: string;
  /** 物流运单编号 */
  logisticsNo: string;
  /** 企业唯一编号 */
  copNo: string;
  /** 预录入编号-电子口岸标识单证的编号 */
  preNo?: string;
  /** 清单编号 */
  invtNo?: string;
  /** 进出口标志,I/E标志 */
  ieFlag: string;
  /** 出口口岸海关代码,海关参数代码 */
  portCode: string;
  /** 出口日期 YYYYMMDD */
  ieDate: string;
  /** 申报业务类型：A-简化申报;B-汇总申报；若采用A简化申报，则要求商品不涉许可证、不涉出口关税、不涉及出口退税。同时商品编码按税则表前4位填写 */
  statisticsFlag: string;
  /** 报关企业代码 10位海关代码或者18位信用代码 */
  agentCode: string;
  /** 报关企业名称 */
  agentName: string;
  /** 收发货人代码。 10位海关代码或者18位信用代码 */
  ebcCode: string;
  /** 收发货人名称。 电商企业的海关注册登记名称。 */
  ebcName: string;
  /** 生产销售单位代码。 实际发货人的企业的10位海关代码或者18位信用代码 */
  ownerCode: string;
  /** 生产销售单位名称。 实际发货人的企业名称。 */
  ownerName: string;
  /** 区内企业代码 特殊区域模式必填 */
  iacCode?: string;
  /** 特殊区域内仓储企业代码，特殊区域出口模式必填 */
  iacName?: string;
  /** 账册编号 */
  emsNo?: string;
  /** 贸易方式 一般出口为9610,特殊区域出口为1210/1239 */
  tradeMode: string;
  /** 运输方式代码 海关参数代码 */
  trafMode: string;
  /** 运输工具名称。 */
  trafName?: string;
  /** 航班航次号,物流企业提供 */
  voyageNo?: string;
  /** 提运单号,物流企业提供 */
  billNo?: string;
  /** 总包号。 物流企业对于一个提运单下含有多个大包的托盘编号（邮件为邮袋号）。 */
  totalPackageNo?: string;
  /** 监管场所代码 */
  loctNo?: string;
  /** 许可证号 */
  licenseNo?: string;
  /** 运抵国（地区）,海关参数代码 */
  country: string;
  /** 指运港代码 海关参数代码 */
  POD: string;
  /** 运费 */
  freight: string;
  /** 运费币制 海关参数代码 */
  fCurrency: string;
  /** 运费标志 海关参数代码 3-总价 */
  fFlag: string;
  /** 保费 */
  insuredFee: string;
  /** 保费币制 海关参数代码 */
  iCurrency: string;
  /** 保费标志 海关参数代码 3-总价 */
  iFlag: string;
  /** 包装种类代码 */
  wrapType: string;
  /** 件数(包裹数) */
  packNo: string;
  /** 毛重（千克） */
  grossWeight: string;
  /** 净重（千克） */
  netWeight: string;
  /** 备注 */
  note?: string;
}

/** 出口清单表体项类 */
export interface InventoryList {
  /** 商品项号,从1开始连续序号 */
  gnum: string;
  /** 企业商品编号 */
  itemNo: string;
  /** 保税出口模式必填 */
  itemRecordNo?: string;
  /** 企业自定义的商品名称，汇总后用于退税品名 */
  itemName?: string;
  /** 海关商品编码（10位） */
  gcode: string;
  /** 商品名称 */
  gname: string;
  /** 规格型号 */
  gmodel: string;
  /** 条形码 */
  barCode: string;
  /** 最终目的国（地区）代码 */
  country: string;
  /** 币制代码 */
  currency: string;
  /** 申报数量 */
  qty: string;
  /** 法定数量 */
  qty1: string;
  /** 第二数量 */
  qty2?: string;
  /** 申报计量单位,海关参数代码 */
  unit: string;
  /** 法定计量单位,海关参数代码 */
  unit1: string;
  /** 第二计量单位,海关参数代码 */
  unit2?: string;
  /** 单价 */
  price: string;
  /** 总价 */
  totalPrice: string;
  /** 备注 */
  note?: string;
}

/** 出口清单类 */
export interface Inventory {
  InventoryHead: InventoryHead;
  InventoryList: InventoryList[];
}

/** 申报清单数据 */
export interface CEB603Message {
  '@guid': string;
  '@version': string;
  Inventory: Inventory[];
  BaseTransfer: BaseTransfer;
  BaseSubscribe?: BaseSubscribe[];
  Signature?: XNode;
  ExtendMessage?: ExtendMessage;
}

/** 出口清单回执类 */
export interface InventoryReturn {
  /** 36位系统唯一序号（英文字母大写） */
  guid: string;
  /** 申报企业代码 */
  agentCode: string;
  /** 企业内部生成标识清单的编号 */
  copNo: string;
  /** 预录入编号-电子口岸标识单证的编号 */
  preNo: string;
  /** 出境清单编号,海关审结生成标识清单的编号（4位关区+4位年+1位进出口标记+9位流水号） */
  invtNo: string;
  /** 收发货人代码-电商（发货）企业的海关注册登记编号(10位海关编码或18位统一社会信用代码) */
  ebcCode: string;
  /** 电商平台代码-电商平台的海关登记编号 */
  ebpCode: string;
  /** 订单编号-交易平台的订单编号，同一交易平台的订单编号应唯一。订单编号长度不能超过60位。 */
  orderNo: string;
  /** 申报业务类型-A-简化申报;B-汇总申报；若采用A简化申报，则要求商品不涉许可证、不涉出口关税、不涉及出口退税。同时商品编码前4位为税则表填写 */
  statisticsFlag: string;
  /** 操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/120海关入库/300人工审核/399海关审结/800放行/899结关等,若小于0数字表示处理异常回执 */
  returnStatus: string;
  /** 回执时间,格式YYYYMMDDhhmmssfff */
  returnTime: string;
  /** 回执信息（如:退单原因） */
  returnInfo: string;
}

/** 申报清单数据回执 */
export interface CEB604Message {
  '@guid': string;
  '@version': string;
  InventoryReturn: InventoryReturn[];
}

/** 撤销申请单类 */
export interface InvtCancel {
  /** 36位系统唯一序号（英文字母大写） */
  guid: string;
  /** 申报类型:1-新增;2-变更;3-删除，默认为1 */
  appType: string;
  /** 业务时间,格式:YYYYMMDDhhmmss */
  appTime: string;
  /** 企业报送状态。1-暂存,2-申报。 */
  appStatus: string;
  /** 申报海关代码 */
  customsCode: string;
  /** 企业内部生成标识清单的编号 */
  copNo: string;
  /** 预录入编号-电子口岸标识单证的编号 */
  preNo?: string;
  /** 出境清单编号，海关审结生成标识清单的编号（4位关区+4位年+1位进出口标记+9位流水号） */
  invtNo: string;
  /** 原因 */
  reason: string;
  /** 申报单位代码,10位海关代码或者18位信用代码 */
  agentCode: string;
  /** 申报单位名称 */
  agentName: string;
  /** 收发货人代码。 电商企业的10位海关代码或者18位信用代码。 */
  ebcCode: string;
  /** 收发货人名称。 电商企业的海关注册登记名称。 */
  ebcName: string;
  /** 备注 */
  note?: string;
}

/** 撤销申请单数据 */
export interface CEB605Message {
  '@guid': string;
  '@version': string;
  InvtCancel: InvtCancel[];
  BaseTransfer: BaseTransfer;
  BaseSubscribe?: BaseSubscribe[];
  Signature?: XNode;
  ExtendMessage?: ExtendMessage;
}

/** 撤销申请单回执类 */
export interface InvtCancelReturn {
  /** 36位系统唯一序号（英文字母大写） */
  guid: string;
  /** 申报企业代码 */
  agentCode: string;
  /** 企业内部生成标识清单的编号 */
  copNo: string;
  /** 预录入编号-电子口岸标识单证的编号 */
  preNo: string;
  /** 出境清单编号,海关审结生成标识清单的编号（4位关区+4位年+1位进出口标记+9位流水号） */
  invtNo: string;
  /** 操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结等）,若小于0数字表示处理异常回执 */
  returnStatus: string;
  /** 回执时间,格式YYYYMMDDhhmmssfff */
  returnTime: string;
  /** 回执信息（如:退单原因） */
  returnInfo: string;
}

/** 撤销申请单回执 */
export interface CEB606Message {
  '@guid': string;
  '@version': string;
  InvtCancelReturn: InvtCancelReturn[];
}

/** 清单总分单数据 */
export interface WayBillHead {
  /** 36位系统唯一序号（英文字母大写） */
  guid: string;
  /** 申报类型:1-新增;2-变更;3-删除，默认为1 */
  appType: string;
  /** 业务时间,格式:YYYYMMDDhhmmss */
  appTime: string;
  /** 企业报送状态。1-暂存,2-申报,默认为1。填写2时需要业务加签申报即Signature节点必须填写. */
  appStatus: string;
  /** 申报海关代码,办理通关手续的4位海关编号 */
  customsCode: string;
  /** 企业唯一编号-企业生成标识唯一编号 */
  copNo: string;
  /** 预录入编号-电子口岸标识单证的编号 */
  preNo?: string;
  /** 申报企业代码-申报单位的海关注册登记编号或统一社会信用代码 */
  agentCode: string;
  /** 申报企业名称 */
  agentName: string;
  /** 监管场所代码 */
  loctNo?: string;
  /** 运输方式代码,海关参数代码 */
  trafMode: string;
  /** 运输工具名称 */
  trafName: string;
  /** 航班航次号,物流企业提供 */
  voyageNo: string;
  /** 提运单号,物流企业提供 */
  billNo: string;
  /** 境内运输工具编号 运往海关监管场所的运输工具编号，例如车牌号 */
  domesticTrafNo?: string;
  /** 毛重（千克） */
  grossWeight: string;
  /** 物流企业代码,10位海关代码或者18位信用代码 */
  logisticsCode: string;
  /** 物流企业名称 */
  logisticsName: string;
  /** 拆分后的报文数 未拆分的不填，拆分的填实际数量。 */
  msgCount: string;
  /** 报文序号 以1开始的报文顺序号。未拆分的不填，拆分的报文需要连续编号，不得跳号。 */
  msgSeqNo: string;
  /** 备注 */
  note?: string;
}

/** 提运单表体项类 */
export interface WayBillList {
  /** 项号,从1开始连续序号 */
  gnum: string;
  /** 总包号。 物流企业对于一个提运单下含有多个大包的托盘编号（邮件为邮袋号）。 */
  totalPackageNo?: string;
  /** 物流运单编号 */
  logisticsNo: string;
  /** 原出口清单编号 */
  invtNo?: string;
  /** 备注 */
  note?: string;
}

/** 清单总分单 */
export interface WayBill {
  WayBillHead: WayBillHead;
  WayBillList: WayBillList[];
}

/** 清单总分单数据 */
export interface CEB607Message {
  '@guid': string;
  '@version': string;
  WayBill: WayBill[];
  BaseTransfer: BaseTransfer;
  BaseSubscribe?: BaseSubscribe[];
  Signature?: XNode;
  ExtendMessage?: ExtendMessage;
}

/** 清单总分单回执 */
export interface WayBillReturn {
  /** 36位系统唯一序号（英文字母大写） */
  guid: string;
  /** 申报企业代码-10位海关代码或者18位信用代码 */
  agentCode: string;
  /** 物流企业代码,10位海关代码或者18位信用代码 */
  logisticsCode: string;
  /** 企业生成标识唯一编号 */
  copNo: string;
  /** 预录入编号-电子口岸标识单证的编号 */
  preNo: string;
  /** 提运单号,提单或总运单的编号 */
  billNo: string;
  /** 报文序号-当前报文序号。以1开始的报文顺序号，未拆分的不填，拆分的报文需要连续编号，不得跳号。 */
  msgSeqNo: string;
  /** 操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结等）,若小于0数字表示处理异常回执 */
  returnStatus: string;
  /** 回执时间,格式YYYYMMDDhhmmssfff */
  returnTime: string;
  /** 回执信息（如:退单原因） */
  returnInfo: string;
}

/** 清单总分单回执 */
export interface CEB608Message {
  '@guid': string;
  '@version': string;
  WayBillReturn: WayBillReturn[];
}

/** 汇总申请单表头 */
export interface SummaryApplyHead {
  /** 系统唯一序号-企业系统生成36位唯一序号（英文字母大写） */
  guid: string;
  /** 报送类型-企业报送类型。1-新增 2-变更 3-删除。 */
  appType: string;
  /** 报送时间-企业报送时间。格式:YYYYMMDDhhmmss。 */
  appTime: string;
  /** 报送状态-企业报送状态。1-暂存,2-申报。 */
  appStatus: string;
  /** 申报地海关代码-4位海关编号。《海关关区代码》 */
  customsCode: string;
  /** 企业生成标识唯一编号 */
  copNo: string;
  /** 预录入编号-电子口岸标识单证的编号 */
  preNo?: string;
  /** 汇总申请编号-海关反馈生成的汇总申请编号 */
  sumNo?: string;
  /** 申报单位代码-申报单位的10位海关代码或者18位信用代码 */
  agentCode: string;
  /** 申报单位名称-申报单位的海关备案名称 */
  agentName: string;
  /** 收发货人代码-电商企业的10位海关代码或者18位信用代码 */
  ebcCode: string;
  /** 收发货人名称-电商企业的海关备案名称 */
  ebcName: string;
  /** 报关单位代码-报关单申报单位的10位海关代码或者18位信用代码 */
  declAgentCode: string;
  /** 报关单位名称-报关单申报单位的海关备案名称 */
  declAgentName: string;
  /** 汇总开始时间-汇总指定时间范围的清单，格式:YYYYMMDDhhmmss。填写须成对，结束时间须大于等于开始时间。如指定时间范围将忽略表体数据。 */
  startTime?: string;
  /** 汇总开始时间-汇总指定时间范围的清单，格式:YYYYMMDDhhmmss。填写须成对，结束时间须大于等于开始时间。如指定时间范围将忽略表体数据。 */
  endTime?: string;
  /** 监管场所代码-针对同一申报地海关下有多个跨境电子商务的监管场所,需要填写区分 */
  loctNo?: string;
  /** 收发货人汇总标志-汇总标志 1:按收发货人单一汇总，2:按收发货人和生产销售单位汇总 */
  summaryFlag: string;
  /** 按商品名汇总标志-按企业商品名汇总标志,填1,按清单原始商品名相同汇总，不填则按商品综合分类名汇总 */
  itemNameFlag: string;
  /** 报文总数-拆分后的报文总数。未拆分的不填，拆分的填实际数量。 */
  msgCount: string;
  /** 报文序号-当前报文序号。以1开始的报文顺序号，未拆分的不填，拆分的报文需要连续编号，不得跳号。 */
  msgSeqNo: string;
  /** 备注 */
  note?: string;
}

/** 汇总申请单数据表体 */
export interface SummaryApplyList {
  /** 清单编号 */
  invtNo: string;
}

/** 汇总申请单数据实体 */
export interface SummaryApply {
  SummaryApplyHead: SummaryApplyHead;
  SummaryApplyList?: SummaryApplyList[];
}

/** 汇总申请单数据报文 */
export interface CEB701Message {
  '@guid': string;
  '@version': string;
  SummaryApply: SummaryApply[];
  BaseTransfer: BaseTransfer;
  BaseSubscribe?: BaseSubscribe[];
  Signature?: XNode;
  ExtendMessage?: ExtendMessage;
}

/** 汇总申请单回执实体 */
export interface SummaryReturn {
  /** 系统唯一序号-电子口岸生成36位唯一序号（英文字母大写） */
  guid: string;
  /** 申报企业代码-申报单位的10位海关代码或者18位信用代码 */
  agentCode: string;
  /** 收发货人代码-电商企业的10位海关代码或者18位信用代码 */
  ebcCode: string;
  /** 企业唯一编号-企业生成标识唯一编号 */
  copNo: string;
  /** 预录入编号-电子口岸标识单证的编号 */
  preNo: string;
  /** 汇总申请编号-海关反馈生成的汇总申请编号 */
  sumNo?: string;
  /** 报文序号-当前报文序号。以1开始的报文顺序号，未拆分的不填，拆分的报文需要连续编号，不得跳号。 */
  msgSeqNo: string;
  /** 回执状态-操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结等）,若小于0数字表示处理异常回执 */
  returnStatus: string;
  /** 回执时间-操作时间(格式:yyyyMMddHHmmssfff) */
  returnTime: string;
  /** 回执信息-备注（如不通过原因） */
  returnInfo: string;
}

/** 汇总申请单回执报文 */
export interface CEB702Message {
  '@guid': string;
  '@version': string;
  SummaryReturn: SummaryReturn[];
}

/** 汇总结果单表头 */
export interface SummaryResultHead {
  /** 系统唯一序号-企业系统生成36位唯一序号（英文字母大写） */
  guid: string;
  /** 申报地海关代码-4位海关编号。《海关关区代码》 */
  customsCode: string;
  /** 汇总申请编号-海关生成的汇总申请编号 */
  sumNo: string;
  /** 汇总处理时间-汇总处理时间，格式:YYYYMMDDhhmmssfff。 */
  opDate: string;
  /** 汇总统一编号-海关生成唯一对应报关单 */
  declSeqNo: string;
  /** 报关单暂存编号-电子口岸报关单暂存编号 */
  decTmpNo?: string;
  /** 报关单预录入编号-电子口岸报关单预录入编号 */
  decPreNo?: string;
  /** 报关单编号-海关生成的报关单编号 */
  entryId?: string;
  /** 报关单状态-报关单状态（具体返回值由海关确定） */
  decState: string;
  /** 申报企业代码-申报单位的海关登记编号 */
  agentCode: string;
  /** 申报企业名称-申报单位的海关登记名称 */
  agentName: string;
  /** 收发货人代码-收发货人（电商企业）的10位海关代码或者18位信用代码 */
  ebcCode: string;
  /** 收发货人名称-收发货人（电商企业）的海关备案名称 */
  ebcName: string;
  /** 报关单位代码-后续报关单申报单位的海关注册登记编号或统一社会信用代码 */
  declAgentCode: string;
  /** 报关单位名称-后续报关单申报单位的登记名称 */
  declAgentName: string;
  /** 毛重（公斤）-货物及其包装材料的重量之和，计量单位为千克 */
  grossWeight: string;
  /** 净重（公斤）-货物的毛重减去外包装材料后的重量，即货物本身的实际重量，计量单位为千克 */
  netWeight: string;
  /** 报文总数-拆分后的报文总数。未拆分的不填，拆分的填实际数量。 */
  msgCount: string;
  /** 报文序号-当前报文序号，以1开始的报文顺序号。未拆分的不填，拆分的报文需要连续编号，不得跳号。 */
  msgSeqNo: string;
  /** 备注 */
  note?: string;
}

/** 汇总结果单表体(允许可空) */
export interface SummaryResultList {
  /** 清单编号 */
  invtNo: string;
  /** 物流运单编号 */
  logisticsNo: string;
  /** 汇总结果单的顺序号 */
  gseqno: string;
  /** 清单商品项的序号 */
  gnum: string;
  /** 清单商品编码 */
  gcode: string;
}

/** 汇总结果单数据实体 */
export interface SummaryResult {
  SummaryResultHead: SummaryResultHead;
  SummaryResultList?: SummaryResultList[];
}

/** 汇总结果单数据报文 */
export interface CEB792Message {
  '@guid': string;
  '@version': string;
  SummaryResult: SummaryResult[];
}

/** 退货申请单表头 */
export interface InvtRefundHead {
  /** 系统唯一序号-企业系统生成36位唯一序号（英文字母大写） */
  guid: string;
  /** 报送类型-企业报送类型。1-新增 2-变更 3-删除。 */
  appType: string;
  /** 报送时间-企业报送时间。格式:YYYYMMDDhhmmss。 */
  appTime: string;
  /** 报送状态-企业报送状态。1-暂存,2-申报。 */
  appStatus: string;
  /** 4位海关编号。《海关关区代码》 */
  customsCode: string;
  /** 同一申报地海关下有多个跨境电子商务的监管场所,需要填写区分。 */
  loctNo?: string;
  /** 电商平台代码-电商平台的海关注册登记编号 */
  ebpCode: string;
  /** 电商平台名称-电商平台的海关注册登记名称 */
  ebpName: string;
  /** 电商企业代码-电商企业的海关注册登记编号(10位海关编码或18位统一社会信用代码) */
  ebcCode: string;
  /** 电商企业名称-电商企业的海关注册登记名称，对应清单的收发货人 */
  ebcName: string;
  /** 物流企业运单的包裹面单号，同一物流企业的运单编号在6个月内不重复，可以与原出口运单号一致，也可以是进境运单号 */
  logisticsNo: string;
  /** 物流企业的海关注册登记编号或统一社会信用代码，可以与原物流企业一致，也可以是进境物流企业。 */
  logisticsCode: string;
  /** 物流企业的登记名称 */
  logisticsName: string;
  /** 企业生成标识唯一编号 */
  coElNo: string;
  /** 电子口岸标识唯一编号（B+8位年月日+9位流水号） */
  preNo?: string;
  /** 原出口清单号 */
  invtNo: string;
  /** 贸易方式 一般出口为9610,特殊区域出口为1210/1239 */
  tradeMode?: string;
  /** 申报单位的海关登记编号，可以与原申报企业一致，也可以是进境申报企业。 */
  agentCode: string;
  /** 申报单位的海关登记名称 */
  agentName: string;
  /** 提单或总运单的编号，如无则填写物流运单号 */
  billNo: string;
  /** I-进口,E-出口,出口退货填写I。 */
  ieFlag: string;
  /** 海关标准的参数代码 《JGS-20 海关业务代码集》- 运输方式代码 */
  trafMode: string;
  /** 货物进出境的运输工具的名称或运输工具编号。填报内容应与运输部门向海关申报的载货清单所列相应内容一致。 */
  trafName: string;
  /** 商品实际出我国关境口岸海关的关区代码 JGS/T 18《海关关区代码》 */
  portCode: string;
  /** 退货原因 */
  reason: string;
  /** 参照《JGS-20 海关业务代码集》的国家（地区）代码表，不能为中国 */
  country: string;
  /** 货物进出境的运输工具的航次编号。 */
  voyageNo: string;
  /** 备注 */
  note?: string;
}

/** 退货申请单商品表体 */
export interface InvtRefundList {
  /** 对应原申报清单表体项号（退货项序号） */
  gnum: string;
  /** 与原申报清单一致 */
  gcode: string;
  /** 与原申报清单一致 */
  gname: string;
  /** 与原申报清单一致。 */
  gmodel: string;
  /** 不大于原申报清单申报数量， */
  qty: string;
  /** 不大于原清单法定第一数量 */
  qty1: string;
  /** 与原申报清单保持一致。 */
  unit: string;
  /** 海关标准的参数代码 《JGS-20 海关业务代码集》- 计量单位代码，与原申报清单保持一致。 */
  unit1: string;
  /** 不大于原申报清单法定第二数量 */
  qty2?: string;
  /** 海关标准的参数代码 《JGS-20 海关业务代码集》- 计量单位代码，与原申报清单保持一致。 */
  unit2?: string;
  /** 备注 */
  note?: string;
}

/** 退货申请单数据实体 */
export interface InvtRefund {
  InvtRefundHead: InvtRefundHead;
  InvtRefundList: InvtRefundList[];
}

/** 退货申请单数据报文（电商企业） */
export interface CEB213Message {
  '@guid': string;
  '@version': string;
  InvtRefund: InvtRefund[];
  BaseTransfer: BaseTransfer;
  BaseSubscribe?: BaseSubscribe[];
  Signature?: XNode;
  ExtendMessage?: ExtendMessage;
}

/** 退货申请单回执实体 */
export interface RefundReturn {
  /** 系统唯一序号-企业系统生成36位唯一序号（英文字母大写） */
  guid: string;
  /** 电商平台的海关注册登记编号；电商平台未在海关注册登记，由电商企业发送订单的，以中国电子口岸发布的电商平台标识编号为准 */
  ebpCode?: string;
  /** 电商企业的海关注册登记编号 */
  ebcCode?: string;
  /** 申报单位的海关注册登记编号 */
  agentCode: string;
  /** 企业内部标识单证的编号 */
  coElNo: string;
  /** 电子口岸标识单证的编号 */
  preNo?: string;
  /** 申请退货的原始清单编号 */
  invtNo: string;
  /** 操作结果（1暂存/2申报中/3发送海关成功/4发送海关失败/100海关退单/120海关入库/300待人工审核/500查验/505移交/600挂起/800放行）,若小于0数字表示处理异常回执 */
  returnStatus: string;
  /** 操作时间(格式:YYYYMMDDhhmmssSSS)。 */
  returnTime: string;
  /** 回执信息 */
  returnInfo: string;
}

/** 退货申请单回执 */
export interface CEB214Message {
  '@guid': string;
  '@version': string;
  RefundReturn: RefundReturn[];
}

/** 理货明细单实体 */
export interface InvtRefundDetail {
  /** 系统唯一序号-企业系统生成36位唯一序号（英文字母大写） */
  guid: string;
  /** 报送类型-企业报送类型。1-新增 2-变更 3-删除。 */
  appType: string;
  /** 报送时间-企业报送时间。格式:YYYYMMDDhhmmss。 */
  appTime: string;
  /** 报送状态-企业报送状态。1-暂存,2-申报。 */
  appStatus: string;
  /** 申报地海关代码-4位海关编号。《海关关区代码》 */
  customsCode: string;
  /** 监管场所经营人在海关注册登记的编号，邮政运输用邮政物流企业 */
  operatorCode: string;
  /** 物流企业的海关注册登记编号或统一社会信用代码，可以与原物流企业一致，也可以是进境物流企业。 */
  operatorName: string;
  /** 监管场所经营人在海关注册登记的名称，邮政运输用邮政物流企业 */
  logisticsCode: string;
  /** 物流企业的登记名称 */
  logisticsName: string;
  /** 物流企业运单的包裹面单号，可以与原出口原单号一致，也可以是进境运单号。 */
  logisticsNo: string;
  /** 原出口清单号 */
  invtNo?: string;
  /** 企业内部标识单证的编号 */
  coElNo: string;
  /** 电子口岸标识单证的编号 */
  preNo?: string;
  /** 提单或总运单的编号，如无则填物流运单号。 */
  billNo: string;
  /** I-进口,E-出口，出口退货填I */
  ieFlag: string;
  /** 海关标准的参数代码 《JGS-20 海关业务代码集》- 运输方式代码 */
  trafMode: string;
  /** 货物进出境的运输工具的名称或运输工具编号。填报内容应与运输部门向海关申报的载货清单所列相应内容一致。 */
  trafName: string;
  /** 货物进出境的运输工具的航次编号。 */
  voyageNo: string;
  /** 卸货堆货的仓储位置 */
  location?: string;
  /** 备注 */
  note?: string;
}

/** 理货明细单（运抵）数据报文 */
export interface CEB215Message {
  '@guid': string;
  '@version': string;
  InvtRefundDetail: InvtRefundDetail[];
  BaseTransfer: BaseTransfer;
  BaseSubscribe?: BaseSubscribe[];
  Signature?: XNode;
  ExtendMessage?: ExtendMessage;
}

/** 理货明细单回执实体 */
export interface InvtRefundDetailReturn {
  /** 系统唯一序号-企业系统生成36位唯一序号（英文字母大写） */
  guid: string;
  /** 监管场所经营人在海关注册登记的编号，邮政运输用邮政物流企业 */
  operatorCode: string;
  /** 监管场所经营人在海关注册登记的名称，邮政运输用邮政物流企业 */
  logisticsCode: string;
  /** 物流企业运单的包裹面单号，可以与原出口原单号一致，也可以是进境运单号。 */
  logisticsNo: string;
  /** 企业内部标识单证的编号 */
  coElNo: string;
  /** 电子口岸标识单证的编号 */
  preNo?: string;
  /** 操作结果（1暂存/2申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结）,若小于0数字表示处理异常回执 */
  returnStatus: string;
  /** 操作时间(格式:YYYYMMDDhhmmssSSS)。 */
  returnTime: string;
  /** 回执信息 */
  returnInfo: string;
}

/** 理货明细单回执 */
export interface CEB216Message {
  '@guid': string;
  '@version': string;
  InvtRefundDetailReturn: InvtRefundDetailReturn[];
}

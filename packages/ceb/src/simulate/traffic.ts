import type { SigningKey } from '../signature.ts';
import type { ParcelItem, ParcelSpec, Party } from './parcel.ts';

/** Goods of the demo catalogue, each on a tariff line the platform knows (data/reference/tariff-lines.json). */
export const CATALOGUE: ParcelItem[] = [
  {
    itemNo: 'VXP-0001',
    gcode: '1901101000',
    gname: '婴幼儿配方奶粉',
    gmodel: '4|3|乳清蛋白粉|900克/罐',
    unit: '122',
    unit1: '035',
    qty: '1',
    qty1: '0.9',
    price: '268.00',
    country: '304',
    barCode: '4008976022329',
  },
  {
    itemNo: 'VXP-0002',
    gcode: '2201101000',
    gname: '天然矿泉水',
    gmodel: '0|0|天然矿泉水|500ml×24瓶',
    unit: '142',
    unit1: '095',
    qty: '1',
    qty1: '12',
    price: '168.00',
    country: '305',
  },
  {
    itemNo: 'VXP-0003',
    gcode: '2106909090',
    gname: '鱼油软胶囊',
    gmodel: '4|3|鱼油|200粒/瓶',
    unit: '142',
    unit1: '035',
    qty: '1',
    qty1: '0.3',
    price: '139.00',
    country: '601',
  },
  {
    itemNo: 'VXP-0004',
    gcode: '2204210000',
    gname: '干红葡萄酒',
    gmodel: '4|3|干红|750ml|13%vol',
    unit: '142',
    unit1: '095',
    qty: '1',
    qty1: '0.75',
    price: '399.00',
    country: '601',
  },
  {
    itemNo: 'MD24-001',
    gcode: '3304990099',
    gname: '保湿面霜',
    gmodel: '4|3|面霜|50ml',
    unit: '140',
    unit1: '035',
    qty: '1',
    qty1: '0.1',
    price: '320.00',
    country: '133',
  },
  {
    itemNo: 'MD24-002',
    gcode: '3303000010',
    gname: '香水',
    gmodel: '4|3|香水|100ml',
    unit: '142',
    unit1: '035',
    qty: '1',
    qty1: '0.3',
    price: '980.00',
    country: '303',
  },
  {
    itemNo: 'MD24-003',
    gcode: '9503008900',
    gname: '儿童积木玩具',
    gmodel: '0|0|塑料积木|500块',
    unit: '011',
    unit1: '035',
    qty: '1',
    qty1: '1.2',
    price: '159.00',
    country: '133',
  },
  {
    itemNo: 'VXP-0005',
    gcode: '0402210000',
    gname: '全脂奶粉',
    gmodel: '4|3|全脂乳粉|1千克/袋',
    unit: '125',
    unit1: '035',
    qty: '1',
    qty1: '1',
    price: '128.00',
    country: '609',
  },
  {
    itemNo: 'VXP-0006',
    gcode: '4901990000',
    gname: '英文原版图书',
    gmodel: '0|0|图书|精装',
    unit: '011',
    unit1: '035',
    qty: '1',
    qty1: '0.6',
    price: '88.00',
    country: '502',
  },
];

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
];
const STREETS = [
  '解放区民主南路',
  '山阳区塔南路',
  '中站区焦克路',
  '马村区待王大道',
  '孟州市会昌路',
  '沁阳市怀府路',
];

/** A small deterministic generator (mulberry32), so the same seed gives the same traffic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Reasons a generated parcel is meant to be refused, and the receipt status that proves it. */
export const REFUSALS = {
  amountMismatch: { status: '100', why: '支付金额与订单实付金额不一致 (payment amount ≠ order acturalPaid)' },
  buyerNotPayer: { status: '100', why: '订购人与支付人不一致 (buyer is not the payer)' },
  overSingleLimit: { status: '-621005', why: '超过单笔限额5000元 (over the single-transaction limit)' },
} as const;
export type RefusalKind = keyof typeof REFUSALS;

export interface GeneratedParcel {
  spec: ParcelSpec;
  /** The order in which the four documents are sent. */
  order: ('order' | 'payment' | 'waybill' | 'inventory')[];
  refusal: RefusalKind | null;
}

export interface TrafficOptions {
  parcels: number;
  seed: number;
  /** Share of parcels that must be refused, e.g. 0.05. */
  refuseShare: number;
  now: Date;
  parties: { platform: Party; seller: Party; payment: Party; logistics: Party; agent: Party };
  agentKey: SigningKey;
  customsCode: string;
  /** Distinct buyers; fewer buyers make quotas matter. */
  buyers: number;
  /** Prefix that makes order, waybill and payment numbers unique across runs. */
  runId: string;
}

const KINDS = ['order', 'payment', 'waybill', 'inventory'] as const;

/**
 * Realistic import traffic: 1–3 lines of catalogue goods per parcel, a pool of buyers (so annual quotas fill
 * up as they would), random arrival orders of the four documents, and a known share of parcels built to
 * be refused for a stated reason.
 */
export function generateImportTraffic(o: TrafficOptions): GeneratedParcel[] {
  const rnd = prng(o.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const buyers = Array.from({ length: o.buyers }, (_, i) => {
    const id =
      `4108001990${String(1 + (i % 12)).padStart(2, '0')}${String(10 + (i % 18)).padStart(2, '0')}${String(i).padStart(4, '0')}`.slice(
        0,
        18,
      );
    const name = `${pick(SURNAMES)}${pick(GIVEN)}${pick(GIVEN)}`;
    return {
      regNo: `jz${o.runId}${i}`,
      name,
      idNumber: id,
      telephone: `139${String(10000000 + i).slice(-8)}`,
      address: `河南省焦作市${pick(STREETS)}${1 + (i % 300)}号`,
    };
  });
  const refusalKinds = Object.keys(REFUSALS) as RefusalKind[];
  const out: GeneratedParcel[] = [];
  for (let n = 0; n < o.parcels; n++) {
    const refusal = rnd() < o.refuseShare ? pick(refusalKinds) : null;
    const lineCount = 1 + Math.floor(rnd() * 3);
    const items: ParcelItem[] = [];
    for (let i = 0; i < lineCount; i++) {
      const item = pick(CATALOGUE);
      if (items.some((x) => x.gcode === item.gcode && x.itemNo === item.itemNo)) continue;
      const qty = String(1 + Math.floor(rnd() * 2));
      items.push({ ...item, qty, qty1: (Number(item.qty1) * Number(qty)).toFixed(3).replace(/\.?0+$/, '') });
    }
    if (refusal === 'overSingleLimit')
      items.push({ ...(CATALOGUE[5] as ParcelItem), itemNo: 'MD24-002X', qty: '6', qty1: '1.8' });
    const key = `${o.runId}${String(n).padStart(7, '0')}`;
    const spec: ParcelSpec = {
      now: o.now,
      tradeMode: '9610',
      customsCode: o.customsCode,
      portCode: o.customsCode,
      orderNo: `SO${key}`,
      logisticsNo: `LN${key}`,
      payTransactionId: `PAY${key}`,
      copNo: `C${key}`.slice(-20),
      ...o.parties,
      buyer: pick(buyers),
      items,
      freight: (5 + Math.floor(rnd() * 20)).toFixed(2),
      insuredFee: '0',
      agentKey: o.agentKey,
    };
    const order = [...KINDS].sort(() => rnd() - 0.5);
    out.push({ spec, order, refusal });
  }
  return out;
}

/** Applies the defect that makes a parcel's refusal certain, to the message it concerns. */
export function applyRefusal(
  kind: RefusalKind | null,
  messages: { order: string; payment: string; waybill: string; inventory: string },
) {
  if (kind === 'amountMismatch')
    return {
      ...messages,
      payment: messages.payment.replace(/<ceb:amountPaid>[^<]*</, '<ceb:amountPaid>0.01<'),
    };
  if (kind === 'buyerNotPayer')
    return {
      ...messages,
      payment: messages.payment.replace(/<ceb:payerName>[^<]*</, '<ceb:payerName>代付人<'),
    };
  return messages;
}

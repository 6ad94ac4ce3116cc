// The export declaration certificate (出口货物报关单证明联) as a printable A4 PDF in Chinese.
//
// The certificate is what an exporter shows the bank (forex settlement) and the tax office (export
// tax refund): the customs summary declaration of a month's export inventories, its goods lines and
// totals, and a QR code opening the public verification page. Rendering is a pure function of its
// input: every number is printed exactly as given (strings, never floats), dates are formatted in
// Beijing time without consulting the clock or the locale, and the PDF's CreationDate (from which
// pdfkit derives the file ID) is `issuedAt` — identical input gives identical bytes.
//
// Chinese text uses the vendored WenQuanYi Micro Hei (data/fonts, see data/SOURCES.md); pdfkit embeds
// only the subset of glyphs a certificate uses, with a ToUnicode map so the text can be extracted.
import {
  a4Frame,
  beijing,
  centred as centredIn,
  contentWidth,
  drawQr,
  INK,
  MUTED,
  openPdf,
  stampFooters,
  timestamp,
  type Doc,
} from '../pdf/document.ts';
import { drawPagedRows, drawRow, rowHeight, type Cell } from '../pdf/table.ts';

export interface CertificateLine {
  gseqno: number;
  gcode: string;
  gname: string;
  /** 最终目的国 code */
  country: string;
  countryName?: string;
  currency: string;
  currencyName?: string;
  declared: { unit: string; unitName?: string; qty: string }[];
  legal1: { unit: string; unitName?: string; qty: string }[];
  totalPrice: string;
}

export interface CertificateData {
  /** our certificate number */
  certificateNo: string;
  /** 汇总统一编号 (summary result) */
  declSeqNo: string;
  /** 报关单号 when known */
  entryId: string | null;
  /** 汇总申请编号 */
  sumNo: string;
  /** 申报海关 */
  customsCode: string;
  customsName?: string;
  /** 出境关别 */
  portCode: string;
  portName?: string;
  /** 收发货人 (境内发货人) */
  ebcCode: string;
  ebcName: string;
  /** 生产销售单位 */
  ownerCode: string | null;
  ownerName: string | null;
  /** 申报单位 */
  declAgentCode: string;
  declAgentName: string;
  /** 运输方式 */
  trafMode: string;
  trafModeName?: string;
  /** 运抵国(地区) */
  country: string;
  countryName?: string;
  /** 监管方式 9610 / 9710 / 9810 / 1210 */
  tradeMode: string;
  /** the summarised month 'YYYY-MM' */
  period: string;
  /** 申报日期: the Beijing calendar date `YYYY-MM-DD` the summary declaration was formed (not a UTC date) */
  declaredAt: string;
  grossWeight: string;
  netWeight: string;
  /** inventories merged */
  invtCount: number;
  lines: CertificateLine[];
  totalsByCurrency: { currency: string; currencyName?: string; total: string }[];
  /** absolute URL of the public verification page; encoded in the QR code */
  verifyUrl: string;
  /** ISO timestamp */
  issuedAt: string;
  /** the pilot zone named in the subtitle and footer; default 焦作跨境电子商务综合试验区 */
  zoneName?: string;
}

const DEFAULT_ZONE = '焦作跨境电子商务综合试验区';

const MARGIN = 36;
/** The body stops 30 pt above the bottom margin; the footer (rule, statement, page number) lives below. */
const FRAME = a4Frame(MARGIN, 30);
const PAGE_W = FRAME.width;
const CONTENT_W = contentWidth(FRAME);
const BODY_BOTTOM = FRAME.bodyBottom;
const HEADER_TOP = 84;
const QR_PANEL_W = 112;
const GRID_W = CONTENT_W - QR_PANEL_W - 10;
const QR_SIZE = 92;

/**
 * Where page 1 carries the QR code's modules (quiet zone excluded): points from the page's top-left
 * corner. The quiet zone around it is at least 10 pt of white.
 */
export const CERTIFICATE_QR_BOX = {
  page: 1,
  x: PAGE_W - MARGIN - QR_PANEL_W + (QR_PANEL_W - QR_SIZE) / 2,
  y: HEADER_TOP + 2,
  size: QR_SIZE,
} as const;

/** 监管方式 short names (海关监管方式代码表). */
const TRADE_MODES: Record<string, string> = {
  '9610': '跨境电商',
  '9710': '跨境电商B2B直接出口',
  '9810': '跨境电商出口海外仓',
  '1210': '保税电商',
};
const SUBTITLE_KIND: Record<string, string> = {
  '9610': '跨境电子商务零售出口汇总申报',
  '9710': '跨境电子商务B2B直接出口汇总申报',
  '9810': '跨境电子商务出口海外仓汇总申报',
  '1210': '保税跨境电子商务出口汇总申报',
};

/** `名称（代码）`, or whichever of the two is known, or a dash. */
function named(name: string | null | undefined, code: string | null | undefined): string {
  const n = name?.trim();
  const c = code?.trim();
  if (n && c) return `${n}（${c}）`;
  return n || c || '—';
}

function period(p: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  return m ? `${m[1]}年${m[2]}月` : p;
}

function quantities(line: CertificateLine): string {
  return [...line.legal1, ...line.declared].map((q) => `${q.qty} ${q.unitName?.trim() || q.unit}`).join('\n');
}

function centred(doc: Doc, text: string, y: number, size: number, color: string, bold = false): void {
  centredIn(doc, FRAME, text, y, size, color, bold);
}

const TITLE = '中华人民共和国海关出口货物报关单（证明联）';
/** What a certificate says while customs has not yet given the 报关单号 (entry number). */
const PROVISIONAL = '临时证明联：海关尚未给出报关单号，取得报关单号后方为有效证明';
const ENTRY_PENDING = '待海关给号';
const PROVISIONAL_COLOUR = '#d46b08';

// The goods table: 项号, 商品编号, 商品名称, 数量及单位, 最终目的国(地区), 币制, 总价.
const COLS = [26, 60, CONTENT_W - 26 - 60 - 78 - 72 - 62 - 86, 78, 72, 62, 86] as const;
const HEAD = ['项号', '商品编号', '商品名称', '数量及单位', '最终目的国(地区)', '币制', '总价'];
const BODY_SIZE = 8;

function lineCells(line: CertificateLine): Cell[] {
  const [c0, c1, c2, c3, c4, c5, c6] = COLS;
  return [
    { text: String(line.gseqno), width: c0, size: BODY_SIZE, align: 'center' },
    { text: line.gcode, width: c1, size: BODY_SIZE },
    { text: line.gname, width: c2, size: BODY_SIZE },
    { text: quantities(line), width: c3, size: BODY_SIZE, align: 'right' },
    { text: named(line.countryName, line.country), width: c4, size: BODY_SIZE },
    { text: named(line.currencyName, line.currency), width: c5, size: BODY_SIZE },
    { text: line.totalPrice, width: c6, size: BODY_SIZE, align: 'right' },
  ];
}

function headCells(): Cell[] {
  return HEAD.map((text, i) => ({
    text,
    width: COLS[i] as number,
    size: BODY_SIZE,
    align: 'center' as const,
    shade: true,
  }));
}

/** The top of a continuation page; returns where the body continues. */
function continuationHeader(doc: Doc, data: CertificateData): number {
  centred(doc, `${TITLE} · 续页`, MARGIN, 11, INK, true);
  doc
    .fontSize(8)
    .fillColor(MUTED)
    .text(`汇总统一编号：${data.declSeqNo}    证明编号：${data.certificateNo}`, MARGIN, MARGIN + 18, {
      width: CONTENT_W,
      align: 'center',
      lineBreak: false,
    });
  return MARGIN + 34;
}

/** Renders the certificate; resolves to the PDF's bytes. */
export async function renderCertificatePdf(data: CertificateData): Promise<Buffer> {
  const issued = timestamp(data.issuedAt, 'issuedAt');
  const zone = data.zoneName?.trim() || DEFAULT_ZONE;

  const { doc, done } = openPdf(FRAME, {
    Title: `出口货物报关单证明联 ${data.certificateNo}`,
    Subject: `汇总统一编号 ${data.declSeqNo} · 汇总期间 ${data.period} · 监管方式 ${data.tradeMode}`,
    Author: 'Crossgate',
    Creator: `Crossgate · ${zone}单一窗口`,
    Producer: 'Crossgate (PDFKit)',
    Keywords: `报关单证明联 ${data.declSeqNo} ${data.entryId ?? ''}`.trim(),
    CreationDate: issued,
  });

  // Title block.
  centred(doc, TITLE, MARGIN, 15, INK, true);
  centred(
    doc,
    `${SUBTITLE_KIND[data.tradeMode] ?? SUBTITLE_KIND['9610']} · ${zone}单一窗口`,
    MARGIN + 24,
    9,
    MUTED,
  );
  // Without the 报关单号 customs has not finished the declaration: say so on the paper, not only on the web.
  if (!data.entryId) centred(doc, PROVISIONAL, MARGIN + 36, 8.5, PROVISIONAL_COLOUR, true);

  // Header grid (left) and the QR panel (right).
  const LABEL_W = 62;
  const pairW = (GRID_W - 2 * LABEL_W) / 2;
  const label = (text: string): Cell => ({ text, width: LABEL_W, size: 8, shade: true });
  const value = (text: string, width: number): Cell => ({ text, width, size: 8.5 });
  const pair = (l1: string, v1: string, l2: string, v2: string): Cell[] => [
    label(l1),
    value(v1, pairW),
    label(l2),
    value(v2, pairW),
  ];
  const span = (l: string, v: string): Cell[] => [label(l), value(v, GRID_W - LABEL_W)];
  const tradeModeName = TRADE_MODES[data.tradeMode];
  const grid: Cell[][] = [
    pair('汇总统一编号', data.declSeqNo, '报关单号', data.entryId ?? ENTRY_PENDING),
    pair('汇总申请编号', data.sumNo, '证明编号', data.certificateNo),
    pair(
      '申报海关',
      named(data.customsName, data.customsCode),
      '出境关别',
      named(data.portName, data.portCode),
    ),
    span('境内发货人', named(data.ebcName, data.ebcCode)),
    span('生产销售单位', named(data.ownerName, data.ownerCode)),
    span('申报单位', named(data.declAgentName, data.declAgentCode)),
    pair(
      '运输方式',
      named(data.trafModeName, data.trafMode),
      '运抵国(地区)',
      named(data.countryName, data.country),
    ),
    pair('监管方式', named(tradeModeName, data.tradeMode), '汇总期间', period(data.period)),
    pair('申报日期', beijing(data.declaredAt, false), '汇总清单数', `${data.invtCount} 票`),
    pair('毛重(千克)', data.grossWeight, '净重(千克)', data.netWeight),
    pair('商品项数', String(data.lines.length), '签发时间', beijing(data.issuedAt, true)),
  ];
  let y = HEADER_TOP;
  for (const row of grid) {
    const h = rowHeight(doc, row, 18);
    drawRow(doc, MARGIN, y, h, row);
    y += h;
  }

  drawQr(doc, data.verifyUrl, CERTIFICATE_QR_BOX);
  const panelX = PAGE_W - MARGIN - QR_PANEL_W;
  const captionY = CERTIFICATE_QR_BOX.y + QR_SIZE + 11;
  doc
    .fillColor(INK)
    .fontSize(9)
    .text('扫码核验', panelX, captionY, { width: QR_PANEL_W, align: 'center', lineBreak: false });
  doc.fontSize(5.5).fillColor(MUTED);
  const urlH = doc.heightOfString(data.verifyUrl, { width: QR_PANEL_W });
  doc.text(data.verifyUrl, panelX, captionY + 13, { width: QR_PANEL_W, align: 'center' });
  y = Math.max(y, captionY + 13 + urlH) + 14;

  // Goods lines, with the header repeated on every page.
  const head = headCells();
  const headH = rowHeight(doc, head, 20);
  drawRow(doc, MARGIN, y, headH, head);
  y += headH;
  y = drawPagedRows(doc, {
    x: MARGIN,
    y,
    rows: data.lines.map(lineCells),
    minHeight: 16,
    bottom: BODY_BOTTOM,
    head: { cells: head, height: headH },
    continuation: () => continuationHeader(doc, data),
  });

  // Totals, one row per currency, kept together with the closing note.
  const labelW = CONTENT_W - (COLS[5] + COLS[6]);
  const totals: Cell[][] = data.totalsByCurrency.map((t) => [
    { text: '总价合计', width: labelW, size: 8.5, align: 'right', shade: true },
    { text: named(t.currencyName, t.currency), width: COLS[5], size: BODY_SIZE },
    { text: t.total, width: COLS[6], size: 8.5, align: 'right' },
  ]);
  const totalsH = totals.map((row) => rowHeight(doc, row, 18));
  const note =
    `说明：本证明联依据${zone}单一窗口收到的海关汇总申报结果生成，汇总 ${period(data.period)} ` +
    `跨境电子商务出口申报清单 ${data.invtCount} 票、商品 ${data.lines.length} 项；` +
    '数量、重量与金额均按申报数据原样列示。扫描首页二维码或访问其下所列网址，可核验本证明联的真实性与当前状态。';
  doc.fontSize(7.5);
  const noteH = doc.heightOfString(note, { width: CONTENT_W, lineGap: 2 });
  const closingH = totalsH.reduce((a, b) => a + b, 0) + 10 + noteH;
  if (y + closingH > BODY_BOTTOM) {
    doc.addPage();
    y = continuationHeader(doc, data);
  }
  totals.forEach((row, i) => {
    const h = totalsH[i] as number;
    drawRow(doc, MARGIN, y, h, row);
    y += h;
  });
  doc
    .fontSize(7.5)
    .fillColor(MUTED)
    .text(note, MARGIN, y + 10, { width: CONTENT_W, lineGap: 2 });

  // Footer and page numbers on every page, once the page count is known.
  stampFooters(
    doc,
    FRAME,
    `本证明联由${zone}单一窗口（Crossgate）生成 · 生成时间 ${beijing(data.issuedAt, true)}（北京时间）`,
  );

  doc.end();
  return done;
}

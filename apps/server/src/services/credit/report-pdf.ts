// The enterprise credit report (企业信用报告) as a printable A4 PDF in Chinese.
//
// What an enterprise shows a bank, a platform or a partner, and what an officer files: who the
// enterprise is, its composite credit score with every component that makes it up, its customs
// credit level, third-party ratings, the credit events on record (those no longer in force greyed and
// marked 已失效), whether it is on the negative list, and the score's history. Rendering is a pure
// function of its input: numbers are printed exactly as given (strings, never floats), dates in
// Beijing time without consulting the clock or the locale, and the PDF's CreationDate (from which
// pdfkit derives the file ID) is `issuedAt` — identical input gives identical bytes.
import {
  a4Frame,
  beijing,
  centred,
  contentWidth,
  drawQr,
  INK,
  MUTED,
  openPdf,
  stampFooters,
  timestamp,
  type Doc,
} from '../pdf/document.ts';
import { drawPagedRows, drawRow, rowHeight, type Align, type Cell, type RowStyle } from '../pdf/table.ts';

export interface CreditReportData {
  /** the pilot zone named in the subtitle and footer; default 焦作跨境电子商务综合试验区 */
  zoneName?: string;
  org: {
    nameZh: string;
    /** customs enterprise code */
    code: string;
    /** 统一社会信用代码 */
    uscc: string | null;
    /** already a Chinese label */
    filingStatus: string;
    /** already Chinese labels */
    roles: string[];
  };
  score: {
    score: string;
    level: 'A' | 'B' | 'C' | 'D';
    asOf: string;
    formulaVersion: string;
    /** every contributing item; their points sum to the score */
    components: { kind: string; label: string; weight: string; points: string }[];
  } | null;
  customsLevel: { label: string; since: string } | null;
  ratings: { agency: string; rating: string; score: string; ratedOn: string }[];
  events: {
    occurredOn: string;
    expiresOn: string;
    categoryLabel: string;
    source: string;
    weight: string;
    description: string;
    inForce: boolean;
  }[];
  negativeList: {
    listed: boolean;
    entries: { reason: string; authority: string; listedAt: string; delistedAt: string | null }[];
  };
  history: { asOf: string; score: string; level: string }[];
  /** absolute URL of a verification page; printed as a QR code when given */
  verifyUrl?: string;
  /** ISO timestamp */
  issuedAt: string;
}

const DEFAULT_ZONE = '焦作跨境电子商务综合试验区';
const TITLE = '企业信用报告';

const MARGIN = 40;
const FRAME = a4Frame(MARGIN, 30);
const CONTENT_W = contentWidth(FRAME);
const BOTTOM = FRAME.bodyBottom;
const RIGHT = FRAME.width - MARGIN;

const ACCENT = '#1f4e79';
const FAINT = '#9a9a9a';
const ALERT = '#b42318';
const TABLE: RowStyle = { rule: '#a9b3bf', shade: '#e9eef4' };
const LEVEL_COLOURS: Record<string, string> = { A: '#1a7f37', B: '#1f6feb', C: '#b35900', D: '#b42318' };
const LEVEL_NAMES: Record<string, string> = { A: 'A 级', B: 'B 级', C: 'C 级', D: 'D 级' };

const QR_SIZE = 58;
/** Where page 1 carries the QR code's modules when verifyUrl is given (points from the top-left). */
export const CREDIT_REPORT_QR_BOX = { page: 1, x: RIGHT - QR_SIZE, y: MARGIN - 4, size: QR_SIZE } as const;

const BODY = 9;
const SMALL = 8;
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** A date in Beijing time, or a dash. */
const day = (iso: string | null | undefined): string => (iso ? beijing(iso, false) : '—');
const orDash = (s: string | null | undefined): string => (s?.trim() ? s.trim() : '—');

/** Where the body has reached, and the page breaks it takes. */
class Flow {
  y: number;

  constructor(
    readonly doc: Doc,
    private readonly data: CreditReportData,
    top: number,
  ) {
    this.y = top;
  }

  /** Starts a new page unless `h` more points fit on this one. */
  need(h: number): void {
    if (this.y + h > BOTTOM) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.continuation();
  }

  /** The top of a continuation page; returns where the body continues. */
  continuation(): number {
    const { doc, data } = this;
    centred(doc, FRAME, `${TITLE} · 续页`, MARGIN, 11, INK, true);
    doc
      .fontSize(SMALL)
      .fillColor(MUTED)
      .text(`${data.org.nameZh}（海关编码 ${data.org.code}）`, MARGIN, MARGIN + 18, {
        width: CONTENT_W,
        align: 'center',
        lineBreak: false,
      });
    return MARGIN + 38;
  }
}

function sectionHeight(): number {
  return 26;
}

/** 「一、企业基本信息」 with its English name, kept on the page with `keep` points of what follows. */
function section(flow: Flow, n: number, zh: string, en: string, keep: number): void {
  flow.need(sectionHeight() + keep);
  const { doc } = flow;
  const y = flow.y + 6;
  doc.rect(MARGIN, y, 3, 14).fill(ACCENT);
  doc.fontSize(11.5).fillColor(ACCENT).lineWidth(0.3).strokeColor(ACCENT);
  const title = `${NUMERALS[n - 1] ?? n}、${zh}`;
  doc.text(title, MARGIN + 9, y, { lineBreak: false, fill: true, stroke: true });
  const w = doc.widthOfString(title);
  doc
    .fontSize(SMALL)
    .fillColor(FAINT)
    .text(en, MARGIN + 9 + w + 8, y + 3.5, { lineBreak: false });
  doc.strokeColor(INK);
  flow.y += sectionHeight();
}

function paragraphHeight(doc: Doc, text: string, size: number): number {
  doc.fontSize(size);
  return doc.heightOfString(text, { width: CONTENT_W, lineGap: 2 }) + 4;
}

/** Body text (wrapping) at the flow's position. */
function paragraph(flow: Flow, text: string, color = INK, size = BODY): void {
  const { doc } = flow;
  const h = paragraphHeight(doc, text, size) - 4;
  doc.fontSize(size);
  flow.need(h);
  doc.fillColor(color).text(text, MARGIN, flow.y, { width: CONTENT_W, lineGap: 2 });
  flow.y += h + 4;
}

interface Column {
  title: string;
  width: number;
  align?: Align;
}

/** Proportional widths filling the content width. */
function columns(spec: readonly [string, number, Align?][]): Column[] {
  const total = spec.reduce((a, [, w]) => a + w, 0);
  let used = 0;
  return spec.map(([title, w, align], i) => {
    const width = i === spec.length - 1 ? CONTENT_W - used : Math.round((w / total) * CONTENT_W * 100) / 100;
    used += width;
    return { title, width, align };
  });
}

interface Table {
  head: Cell[];
  headH: number;
  rows: Cell[][];
  /** the header and the first row: what must fit for the table to start on a page */
  startH: number;
}

interface TableRow {
  texts: string[];
  color?: string;
  shade?: boolean;
}

function layoutTable(doc: Doc, cols: readonly Column[], rows: readonly TableRow[]): Table {
  const head: Cell[] = cols.map((c) => ({
    text: c.title,
    width: c.width,
    size: SMALL,
    align: 'center',
    shade: true,
  }));
  const headH = rowHeight(doc, head, 18);
  const cells = rows.map((r) =>
    cols.map((c, i): Cell => ({
      text: r.texts[i] ?? '',
      width: c.width,
      size: SMALL,
      align: c.align,
      color: r.color,
      shade: r.shade,
    })),
  );
  const first = cells[0];
  return { head, headH, rows: cells, startH: headH + (first ? rowHeight(doc, first, 16) : 0) };
}

/** A table whose header is repeated on every page it continues on; starts a page if not even one row fits. */
function table(flow: Flow, t: Table): void {
  const { doc } = flow;
  const { head, headH } = t;
  flow.need(t.startH);
  drawRow(doc, MARGIN, flow.y, headH, head, TABLE);
  flow.y = drawPagedRows(doc, {
    x: MARGIN,
    y: flow.y + headH,
    rows: t.rows,
    minHeight: 16,
    bottom: BOTTOM,
    head: { cells: head, height: headH },
    continuation: () => flow.continuation(),
    style: TABLE,
  });
  flow.y += 8;
}

/** A label/value grid of two pairs a row (a pair alone spans the row). */
function grid(flow: Flow, pairs: readonly (readonly [string, string])[]): void {
  const { doc } = flow;
  const labelW = 86;
  const half = CONTENT_W / 2;
  const label = (text: string): Cell => ({ text, width: labelW, size: SMALL, shade: true });
  for (let i = 0; i < pairs.length;) {
    const a = pairs[i] as readonly [string, string];
    const b = pairs[i + 1];
    // A value too long for half a row gets the whole row.
    doc.fontSize(BODY);
    const fits = (v: string): boolean => doc.widthOfString(v) <= half - labelW - 8;
    const wide = !b || !fits(a[1]) || !fits(b[1]);
    const row: Cell[] = wide
      ? [label(a[0]), { text: a[1], width: CONTENT_W - labelW, size: BODY }]
      : [
          label(a[0]),
          { text: a[1], width: half - labelW, size: BODY },
          label(b[0]),
          { text: b[1], width: half - labelW, size: BODY },
        ];
    const h = rowHeight(doc, row, 19);
    flow.need(h);
    drawRow(doc, MARGIN, flow.y, h, row, TABLE);
    flow.y += h;
    i += wide ? 1 : 2;
  }
  flow.y += 8;
}

/** The score panel: the score large, the level as a coloured badge, as-of date and formula version. */
function scorePanel(flow: Flow, score: NonNullable<CreditReportData['score']>): void {
  const { doc } = flow;
  const h = 64;
  flow.need(h + 8);
  const y = flow.y;
  doc
    .lineWidth(0.5)
    .rect(MARGIN, y, CONTENT_W, h)
    .fillAndStroke('#f5f7fa', TABLE.rule as string);
  const caption = '综合得分 Composite score';
  doc
    .fillColor(MUTED)
    .fontSize(SMALL)
    .text(caption, MARGIN + 14, y + 9, { lineBreak: false });
  const captionW = doc.widthOfString(caption);
  doc.fillColor(INK).fontSize(28).lineWidth(0.6).strokeColor(INK);
  doc.text(score.score, MARGIN + 14, y + 22, { lineBreak: false, fill: true, stroke: true });
  const scoreW = doc.widthOfString(score.score);
  doc.strokeColor(INK);

  const colour = LEVEL_COLOURS[score.level] ?? ACCENT;
  const bx = MARGIN + 14 + Math.max(scoreW, captionW) + 24;
  doc.roundedRect(bx, y + 20, 58, 32, 4).fill(colour);
  doc.fillColor('#ffffff').fontSize(16).lineWidth(0.4).strokeColor('#ffffff');
  doc.text(LEVEL_NAMES[score.level] ?? score.level, bx, y + 27, {
    width: 58,
    align: 'center',
    lineBreak: false,
    fill: true,
    stroke: true,
  });
  doc
    .fillColor(MUTED)
    .fontSize(SMALL)
    .text('信用等级 Level', bx, y + 9, { width: 58, align: 'center', lineBreak: false });
  doc.strokeColor(INK);

  const tx = bx + 58 + 28;
  const facts: [string, string][] = [
    ['评价基准日', day(score.asOf)],
    ['评分模型版本', score.formulaVersion],
    ['评分项目', `${score.components.length} 项（明细见下表）`],
  ];
  facts.forEach(([k, v], i) => {
    doc
      .fontSize(BODY)
      .fillColor(MUTED)
      .text(`${k}：`, tx, y + 12 + i * 15, { width: 80, lineBreak: false });
    doc
      .fillColor(INK)
      .text(v, tx + 80, y + 12 + i * 15, { width: RIGHT - tx - 88, lineBreak: false, ellipsis: true });
  });
  flow.y = y + h + 10;
}

/** Renders the report; resolves to the PDF's bytes. */
export async function renderCreditReportPdf(data: CreditReportData): Promise<Buffer> {
  const issued = timestamp(data.issuedAt, 'issuedAt');
  const zone = data.zoneName?.trim() || DEFAULT_ZONE;
  const issuedText = `${beijing(data.issuedAt, true)}（北京时间）`;
  const { doc, done } = openPdf(FRAME, {
    Title: `${TITLE} ${data.org.nameZh}`,
    Subject: `海关编码 ${data.org.code}${data.score ? ` · 综合得分 ${data.score.score} · ${data.score.level} 级 · 评价基准日 ${data.score.asOf}` : ''}`,
    Author: 'Crossgate',
    Creator: `Crossgate · ${zone}单一窗口`,
    Producer: 'Crossgate (PDFKit)',
    Keywords: `企业信用报告 ${data.org.code} ${data.org.uscc ?? ''}`.trim(),
    CreationDate: issued,
  });

  // Title block, with the QR code top right when there is a verification page.
  centred(doc, FRAME, TITLE, MARGIN, 20, INK, true);
  centred(doc, FRAME, `${zone}单一窗口 · 电商信用服务`, MARGIN + 30, 10, MUTED);
  centred(doc, FRAME, 'Enterprise Credit Report', MARGIN + 45, SMALL, FAINT);
  if (data.verifyUrl) {
    drawQr(doc, data.verifyUrl, CREDIT_REPORT_QR_BOX);
    doc
      .fontSize(6.5)
      .fillColor(MUTED)
      .text('扫码核验', CREDIT_REPORT_QR_BOX.x - 10, CREDIT_REPORT_QR_BOX.y + QR_SIZE + 3, {
        width: QR_SIZE + 20,
        align: 'center',
        lineBreak: false,
      });
  }
  const ruleY = MARGIN + 70;
  doc.lineWidth(1).moveTo(MARGIN, ruleY).lineTo(RIGHT, ruleY).stroke(ACCENT);
  doc
    .fontSize(SMALL)
    .fillColor(MUTED)
    .text(`报告对象：${data.org.nameZh}`, MARGIN, ruleY + 6, {
      width: CONTENT_W / 2,
      lineBreak: false,
      ellipsis: true,
    })
    .text(`出具时间：${issuedText}`, MARGIN + CONTENT_W / 2, ruleY + 6, {
      width: CONTENT_W / 2,
      align: 'right',
      lineBreak: false,
    });
  const flow = new Flow(doc, data, ruleY + 22);
  let n = 0;

  // 一、企业基本信息
  section(flow, ++n, '企业基本信息', 'Enterprise', 40);
  grid(flow, [
    ['企业名称', data.org.nameZh],
    ['海关编码', data.org.code],
    ['统一社会信用代码', orDash(data.org.uscc)],
    ['备案状态', orDash(data.org.filingStatus)],
    ['企业类型', data.org.roles.length ? data.org.roles.join('、') : '—'],
  ]);

  // 二、综合信用评价
  section(flow, ++n, '综合信用评价', 'Composite credit score', data.score ? 72 : 20);
  if (data.score) {
    scorePanel(flow, data.score);
    const cols = columns([
      ['序号', 1, 'center'],
      ['评分项目', 7],
      ['权重', 2, 'right'],
      ['得分', 2, 'right'],
    ]);
    table(
      flow,
      layoutTable(doc, cols, [
        ...data.score.components.map((c, i) => ({ texts: [String(i + 1), c.label, c.weight, c.points] })),
        { texts: ['', '合计（综合得分）', '', data.score.score], shade: true },
      ]),
    );
  } else paragraph(flow, '暂无综合信用评价。', MUTED);

  // 三、海关信用等级
  section(flow, ++n, '海关信用等级', 'Customs credit level', 20);
  paragraph(
    flow,
    data.customsLevel
      ? `${data.customsLevel.label}（自 ${day(data.customsLevel.since)} 起）`
      : '暂无海关信用等级记录。',
    data.customsLevel ? INK : MUTED,
  );

  // 四、第三方信用评级
  const ratings = layoutTable(
    doc,
    columns([
      ['评级机构', 6],
      ['评级结果', 2, 'center'],
      ['评分', 2, 'right'],
      ['评级日期', 3, 'center'],
    ]),
    data.ratings.map((r) => ({ texts: [r.agency, r.rating, r.score, day(r.ratedOn)] })),
  );
  section(flow, ++n, '第三方信用评级', 'Third-party ratings', data.ratings.length ? ratings.startH : 20);
  if (data.ratings.length) table(flow, ratings);
  else paragraph(flow, '暂无第三方信用评级。', MUTED);

  // 五、信用事件
  const inForce = data.events.filter((e) => e.inForce).length;
  const eventsSummary =
    `共 ${data.events.length} 条，其中有效 ${inForce} 条、已失效 ${data.events.length - inForce} 条；` +
    '已失效的事件不再计入评分，以灰色显示。';
  const events = layoutTable(
    doc,
    columns([
      ['发生日期', 2.2],
      ['失效日期', 2.2],
      ['类别', 2.4],
      ['来源', 2.1],
      ['分值', 1.3, 'right'],
      ['说明', 7],
      ['状态', 1.4, 'center'],
    ]),
    data.events.map((e) => ({
      texts: [
        day(e.occurredOn),
        day(e.expiresOn),
        e.categoryLabel,
        e.source,
        e.weight,
        e.description,
        e.inForce ? '有效' : '已失效',
      ],
      color: e.inForce ? undefined : FAINT,
    })),
  );
  section(
    flow,
    ++n,
    '信用事件',
    'Credit events',
    data.events.length ? paragraphHeight(doc, eventsSummary, SMALL) + events.startH : 20,
  );
  if (data.events.length) {
    paragraph(flow, eventsSummary, MUTED, SMALL);
    table(flow, events);
  } else paragraph(flow, '暂无信用事件记录。', MUTED);

  // 六、负面清单
  const { listed, entries } = data.negativeList;
  const negativeText = listed
    ? '已列入信用负面清单。'
    : entries.length
      ? '未列入信用负面清单（曾列入，已移出，记录如下）。'
      : '未列入信用负面清单。';
  const negative = layoutTable(
    doc,
    columns([
      ['列入原因', 6],
      ['认定机关', 3],
      ['列入日期', 2, 'center'],
      ['移出日期', 2, 'center'],
    ]),
    entries.map((e) => ({
      texts: [e.reason, e.authority, day(e.listedAt), e.delistedAt ? day(e.delistedAt) : '未移出'],
      color: e.delistedAt ? FAINT : undefined,
    })),
  );
  section(
    flow,
    ++n,
    '负面清单',
    'Negative list',
    paragraphHeight(doc, negativeText, 10) + (entries.length ? negative.startH : 0),
  );
  paragraph(flow, negativeText, listed ? ALERT : INK, 10);
  if (entries.length) table(flow, negative);

  // 七、评分历史
  const history = layoutTable(
    doc,
    columns([
      ['评价基准日', 1, 'center'],
      ['综合得分', 1, 'right'],
      ['信用等级', 1, 'center'],
    ]),
    data.history.map((h) => ({ texts: [day(h.asOf), h.score, h.level] })),
  );
  section(flow, ++n, '评分历史', 'Score history', data.history.length ? history.startH : 20);
  if (data.history.length) table(flow, history);
  else paragraph(flow, '暂无评分历史。', MUTED);

  flow.y += 4;
  paragraph(
    flow,
    `说明：本报告依据${zone}单一窗口记录的信用信息生成，反映出具时的状态。` +
      (data.score ? '综合得分为评分明细各项目得分之和；' : '') +
      '信用事件在失效日期后不再计入评分。' +
      (data.verifyUrl ? '扫描首页二维码可核验本报告的真实性。' : ''),
    MUTED,
    7.5,
  );

  stampFooters(doc, FRAME, `本报告由${zone}单一窗口（Crossgate）出具 · 出具时间 ${issuedText}`, TABLE.rule);
  doc.end();
  return done;
}

// The enterprise credit report PDF, read back with PDF.js (text, document information, rendering): real PDFs,
// no mocks.
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CREDIT_REPORT_QR_BOX,
  renderCreditReportPdf,
  type CreditReportData,
} from '../src/services/credit/report-pdf.ts';
import { occurrences, pageNo, pdfWorkspace, squeeze } from './support/pdf.ts';

const { save, text, info, rasterPage1, cleanup } = pdfWorkspace('crossgate-credit-report-', 'report');
afterAll(cleanup);

const CATEGORIES = ['清单申报被退单', '查验发现问题', '税款逾期缴纳', '消费者投诉', '行政处罚'];

function event(n: number): CreditReportData['events'][number] {
  return {
    occurredOn: `2024-0${(n % 9) + 1}-1${n % 10}`,
    expiresOn: '2026-06-30',
    categoryLabel: CATEGORIES[n % CATEGORIES.length] as string,
    source: n % 3 ? '平台记录' : '焦作海关',
    weight: '-0.50',
    // a unique ASCII marker first, then text long enough to wrap
    description: `EV${String(n).padStart(4, '0')} ${'清单申报要素不全，已补正。'.repeat((n % 4) + 1)}`,
    inForce: n % 5 !== 0,
  };
}

/** Components whose points sum (exactly, in cents) to the score. */
const COMPONENTS = [
  { kind: 'base', label: '基础分', weight: '1.00', points: '60.00' },
  { kind: 'customs', label: '海关信用等级：一般信用企业', weight: '0.20', points: '10.00' },
  { kind: 'rating', label: '第三方信用评级：焦作信用评估有限公司 AA', weight: '0.20', points: '17.00' },
  { kind: 'events', label: '信用事件扣分', weight: '1.00', points: '-4.50' },
];

function report(overrides: Partial<CreditReportData> = {}): CreditReportData {
  return {
    org: {
      nameZh: '焦作演示跨境电子商务有限公司',
      code: '4108960001',
      uscc: '91410800MA9G5XXX1A',
      filingStatus: '已备案',
      roles: ['电商企业', '电商平台'],
    },
    score: {
      score: '82.50',
      level: 'B',
      asOf: '2024-06-01',
      formulaVersion: 'jz-credit-2024.1',
      components: COMPONENTS,
    },
    customsLevel: { label: '一般信用企业', since: '2023-03-15' },
    ratings: [{ agency: '焦作信用评估有限公司', rating: 'AA', score: '85.00', ratedOn: '2024-01-10' }],
    events: Array.from({ length: 80 }, (_, i) => event(i + 1)),
    negativeList: { listed: false, entries: [] },
    history: [
      { asOf: '2024-06-01', score: '82.50', level: 'B' },
      { asOf: '2024-05-01', score: '79.75', level: 'C' },
    ],
    verifyUrl: 'https://crossgate.example.cn/verify/credit/4108960001?c=Zk3x9QpL',
    issuedAt: '2024-06-05T03:04:05.000Z',
    ...overrides,
  };
}

const sample = report();
const samplePdf = await renderCreditReportPdf(sample);
const sampleFile = save(samplePdf);

describe('enterprise credit report PDF', () => {
  it('is an A4 PDF in Chinese with every section', async () => {
    expect(samplePdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const meta = await info(sampleFile);
    expect(meta['Page size']).toContain('(A4)');
    const all = await text(sampleFile);
    const flat = squeeze(all);
    expect(all).toContain('企业信用报告');
    expect(flat).toContain('焦作跨境电子商务综合试验区单一窗口·电商信用服务');
    for (const s of [
      '企业基本信息',
      '综合信用评价',
      '海关信用等级',
      '第三方信用评级',
      '信用事件',
      '负面清单',
      '评分历史',
    ])
      expect(all, s).toContain(s);
    expect(all).toContain('焦作演示跨境电子商务有限公司');
    expect(all).toContain('91410800MA9G5XXX1A');
    expect(flat).toContain('电商企业、电商平台');
    expect(flat).toContain('一般信用企业（自2023-03-15起）');
    expect(all).toContain('焦作信用评估有限公司');
    expect(flat).toContain('未列入信用负面清单');
    expect(all).toContain('79.75');
    expect(all).toContain('jz-credit-2024.1');
    expect(all).toContain('扫码核验');
  });

  it('shows the score, its level and every component with its points, summing to the score', async () => {
    const cents = COMPONENTS.reduce((a, c) => a + Math.round(Number(c.points) * 100), 0);
    expect(cents).toBe(8250); // the sample is consistent
    const page1 = await text(sampleFile, 1);
    const flat = squeeze(page1);
    expect(page1).toContain('82.50');
    expect(flat).toContain('B级');
    expect(flat).toContain('2024-06-01');
    for (const c of COMPONENTS) {
      expect(flat).toContain(squeeze(c.label));
      expect(page1).toContain(c.points);
    }
    expect(flat).toContain('合计（综合得分）');
  });

  it('lists every event exactly once, marks those out of force 已失效, and repeats the table header on every page', async () => {
    const pages = Number((await info(sampleFile)).Pages);
    expect(pages).toBeGreaterThan(2);
    const all = await text(sampleFile);
    for (let n = 1; n <= sample.events.length; n++)
      expect(occurrences(all, `EV${String(n).padStart(4, '0')}`), `event ${n}`).toBe(1);
    const expired = sample.events.filter((e) => !e.inForce).length;
    // once per expired event, twice in the summary line above the table
    expect(occurrences(all, '已失效')).toBe(expired + 2);
    expect(squeeze(all)).toContain(
      `共${sample.events.length}条，其中有效${sample.events.length - expired}条`,
    );
    for (let p = 1; p <= pages; p++) {
      const page = await text(sampleFile, p);
      if (!/EV\d{4}/.test(page)) continue;
      for (const head of ['发生日期', '失效日期', '类别', '来源', '分值', '说明', '状态'])
        expect(page, `page ${p}: ${head}`).toContain(head);
      if (p > 1) expect(squeeze(page)).toContain('企业信用报告·续页');
    }
  });

  it('numbers every page and prints the issue time in Beijing time in the footer', async () => {
    const pages = Number((await info(sampleFile)).Pages);
    for (let p = 1; p <= pages; p++) {
      const page = await text(sampleFile, p);
      expect(pageNo(page, p, pages), `page ${p} of ${pages}`).toBe(true);
      expect(squeeze(page)).toContain('出具时间2024-06-0511:04:05（北京时间）');
    }
  });

  it('gives identical bytes for identical input, with metadata taken from the input', async () => {
    expect((await renderCreditReportPdf(report())).equals(samplePdf)).toBe(true);
    const meta = await info(sampleFile);
    expect(meta.Title).toBe('企业信用报告 焦作演示跨境电子商务有限公司');
    expect(meta.Subject).toContain('4108960001');
    expect(meta.CreationDate).toBe('2024-06-05T03:04:05Z');
  });

  it('draws the QR code of verifyUrl on page 1, module for module', async () => {
    const { modules } = QRCode.create(sample.verifyUrl as string, { errorCorrectionLevel: 'M' });
    const dpi = 300;
    const k = dpi / 72;
    const { width, px } = await rasterPage1(sampleFile, dpi);
    const { x, y, size } = CREDIT_REPORT_QR_BOX;
    const mod = size / modules.size;
    const wrong: string[] = [];
    for (let r = 0; r < modules.size; r++)
      for (let c = 0; c < modules.size; c++) {
        const g = px[Math.floor((y + (r + 0.5) * mod) * k) * width + Math.floor((x + (c + 0.5) * mod) * k)];
        if ((g as number) < 128 !== Boolean(modules.get(r, c))) wrong.push(`${r},${c}`);
      }
    expect(wrong).toEqual([]);
  });

  it('says what is missing when there is no score, level, rating, event or history, and shows a listing', async () => {
    const file = save(
      await renderCreditReportPdf(
        report({
          zoneName: '郑州跨境电子商务综合试验区',
          org: { nameZh: '新设企业', code: '4101960009', uscc: null, filingStatus: '审核中', roles: [] },
          score: null,
          customsLevel: null,
          ratings: [],
          events: [],
          history: [],
          negativeList: {
            listed: true,
            entries: [
              {
                reason: '提供虚假备案材料',
                authority: '郑州海关',
                listedAt: '2024-05-20T01:00:00Z',
                delistedAt: null,
              },
            ],
          },
          verifyUrl: undefined,
        }),
      ),
    );
    expect((await info(file)).Pages).toBe('1');
    const page = await text(file);
    const flat = squeeze(page);
    for (const s of [
      '暂无综合信用评价',
      '暂无海关信用等级记录',
      '暂无第三方信用评级',
      '暂无信用事件记录',
      '暂无评分历史',
    ])
      expect(flat, s).toContain(s);
    expect(flat).toContain('已列入信用负面清单');
    expect(flat).toContain('提供虚假备案材料');
    expect(flat).toContain('未移出');
    expect(flat).toContain('郑州跨境电子商务综合试验区单一窗口·电商信用服务');
    expect(page).not.toContain('焦作');
    expect(page).not.toContain('扫码核验');
    expect(pageNo(page, 1, 1)).toBe(true);
  });

  it('cuts a description too long for any page instead of spilling past the footer', async () => {
    const huge = { ...event(2), description: `EV9999 ${'山药'.repeat(5000)}` };
    const file = save(await renderCreditReportPdf(report({ events: [event(1), huge, event(3)] })));
    const pages = Number((await info(file)).Pages);
    expect(pages).toBeLessThanOrEqual(2);
    const all = await text(file);
    for (const marker of ['EV0001', 'EV9999', 'EV0003']) expect(occurrences(all, marker)).toBe(1);
    for (let p = 1; p <= pages; p++) expect(pageNo(await text(file, p), p, pages)).toBe(true);
  });

  it('rejects an issuedAt that is not a timestamp', async () => {
    await expect(renderCreditReportPdf(report({ issuedAt: 'today' }))).rejects.toThrow(/issuedAt/);
  });
});

// The export declaration certificate PDF, read back with PDF.js (text, document information, fonts, rendering):
// real PDFs, no mocks.
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CERTIFICATE_QR_BOX,
  renderCertificatePdf,
  type CertificateData,
  type CertificateLine,
} from '../src/services/export/certificate-pdf.ts';
import { occurrences, pageNo, pdfWorkspace, squeeze } from './support/pdf.ts';

const { save, text, info, fonts, rasterPage1, cleanup } = pdfWorkspace(
  'crossgate-certificate-',
  'certificate',
);
afterAll(cleanup);

const NAMES = [
  '不锈钢保温杯 500ml',
  '纯棉男士T恤 白色 XL',
  '焦作铁棍山药粉 礼盒装',
  '蓝牙无线耳机',
  '怀菊花茶 罐装',
];

function line(n: number): CertificateLine {
  return {
    gseqno: n,
    gcode: `96170${String(10 + n).padStart(5, '0')}`,
    // a unique, short, never-wrapped marker per line: 第n款
    gname: `${NAMES[n % NAMES.length]} 第${n}款`,
    country: n % 3 ? '502' : '303',
    countryName: n % 3 ? '美国' : '英国',
    currency: '502',
    currencyName: '美元',
    declared: [{ unit: '011', unitName: '件', qty: String(100 + n) }],
    legal1: [{ unit: '035', unitName: '千克', qty: `${n}.125` }],
    totalPrice: `${1000 + n * 37}.50`,
  };
}

function certificate(overrides: Partial<CertificateData> = {}): CertificateData {
  return {
    certificateNo: 'CG-ZM-202405-000123',
    declSeqNo: '461420240000012345',
    entryId: '461420240001234567',
    sumNo: 'SUM4614202405000001',
    customsCode: '4614',
    customsName: '焦作海关',
    portCode: '4614',
    portName: '焦作海关',
    ebcCode: '4108960001',
    ebcName: '焦作演示跨境电子商务有限公司',
    ownerCode: '4108960002',
    ownerName: '焦作演示山药食品有限公司',
    declAgentCode: '4108980003',
    declAgentName: '焦作演示报关服务有限公司',
    trafMode: '5',
    trafModeName: '航空运输',
    country: '502',
    countryName: '美国',
    tradeMode: '9610',
    period: '2024-05',
    declaredAt: '2024-06-03', // what the service passes: the Beijing date the summary was formed
    grossWeight: '1234.500',
    netWeight: '1100.5',
    invtCount: 1523,
    lines: Array.from({ length: 60 }, (_, i) => line(i + 1)),
    totalsByCurrency: [{ currency: '502', currencyName: '美元', total: '9007199254740993' }],
    verifyUrl: 'https://crossgate.example.cn/verify/certificates/CG-ZM-202405-000123?c=Zk3x9QpL2mA7',
    issuedAt: '2024-06-05T03:04:05.000Z',
    ...overrides,
  };
}

const sample = certificate();
const samplePdf = await renderCertificatePdf(sample);
const sampleFile = save(samplePdf);

describe('export declaration certificate PDF', () => {
  it('is an A4 PDF of several pages whose Chinese text extracts', async () => {
    expect(samplePdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const meta = await info(sampleFile);
    expect(Number(meta.Pages)).toBeGreaterThan(1);
    expect(meta['Page size']).toContain('(A4)');
    const all = await text(sampleFile);
    expect(all).toContain('中华人民共和国海关出口货物报关单（证明联）');
    expect(all).toContain('报关单');
    expect(all).toContain('跨境电子商务零售出口汇总申报 · 焦作跨境电子商务综合试验区单一窗口');
    expect(all).toContain(sample.declSeqNo);
    expect(all).toContain(sample.lines[41]?.gname);
    expect(all).toContain('焦作演示跨境电子商务有限公司（4108960001）');
    expect(all).toContain('扫码核验');
  });

  it('lists every goods line exactly once, repeating the table header and numbering every page', async () => {
    const pages = Number((await info(sampleFile)).Pages);
    const all = await text(sampleFile);
    for (const l of sample.lines) expect(occurrences(all, `第${l.gseqno}款`), l.gname).toBe(1);
    for (let p = 1; p <= pages; p++) {
      const page = await text(sampleFile, p);
      for (const head of ['项号', '商品编号', '商品名称', '数量及单位', '最终目的国(地区)', '币制', '总价'])
        expect(page, `page ${p}: ${head}`).toContain(head);
      expect(pageNo(page, p, pages), `page ${p} of ${pages}`).toBe(true);
      expect(page).toContain('本证明联由焦作跨境电子商务综合试验区单一窗口');
      expect(page).toContain('2024-06-05 11:04:05（北京时间）');
      if (p > 1) expect(page).toContain(`证明编号：${sample.certificateNo}`);
    }
    // the last line and the totals close the last page
    const last = await text(sampleFile, pages);
    expect(last).toContain('第60款');
    expect(last).toContain('总价合计');
  });

  it('prints 申报日期 as the Beijing date it is given and 签发时间 in Beijing time (UTC+8)', async () => {
    const page1 = squeeze(await text(sampleFile, 1));
    expect(page1).toContain('申报日期2024-06-03');
    // issuedAt 2024-06-05T03:04:05Z is 11:04:05 in Beijing
    expect(page1).toContain('签发时间2024-06-0511:04:05');
  });

  it('prints numbers exactly as given, never through floats', async () => {
    const all = await text(sampleFile);
    expect(all).toContain('9007199254740993'); // 2^53 + 1: a float would print …992
    expect(all).toContain('1037.50'); // trailing zero kept
    expect(all).toContain('1234.500');
    expect(all).toContain('7.125 千克');
    expect(all).toContain('1523 票');
  });

  it('embeds the vendored WenQuanYi Micro Hei as a subset with a ToUnicode map', async () => {
    const wqy = (await fonts(sampleFile)).filter((f) => f.name.includes('WenQuanYiMicroHei'));
    expect(wqy).toHaveLength(1);
    expect(wqy[0]?.name).toMatch(/^[A-Z]{6}\+WenQuanYiMicroHei$/);
    expect(wqy[0]).toMatchObject({ embedded: true, subset: true, toUnicode: true });
  });

  it('draws the QR code of verifyUrl on page 1, module for module, with a white quiet zone', async () => {
    const { modules } = QRCode.create(sample.verifyUrl, { errorCorrectionLevel: 'M' });
    const dpi = 200;
    const k = dpi / 72;
    const { width, px } = await rasterPage1(sampleFile, dpi);
    const grey = (xPt: number, yPt: number): number =>
      px[Math.floor(yPt * k) * width + Math.floor(xPt * k)] as number;
    const { x, y, size } = CERTIFICATE_QR_BOX;
    const m = size / modules.size;
    let dark = 0;
    const wrong: string[] = [];
    for (let r = 0; r < modules.size; r++)
      for (let c = 0; c < modules.size; c++) {
        const isDark = grey(x + (c + 0.5) * m, y + (r + 0.5) * m) < 128;
        if (isDark) dark++;
        if (isDark !== Boolean(modules.get(r, c))) wrong.push(`${r},${c}`);
      }
    expect(wrong).toEqual([]);
    expect(dark).toBe(modules.data.reduce((a, b) => a + b, 0));
    // 9 pt of white on every side (≥ 3.5 modules at this size)
    for (let t = 0; t <= size; t += 1)
      for (const [qx, qy] of [
        [x - 9, y + t],
        [x + size + 9, y + t],
        [x + t, y - 9],
        [x + t, y + size + 9],
      ] as const)
        expect(grey(qx, qy), `quiet zone at ${qx},${qy}`).toBeGreaterThan(200);
  });

  it('changes the drawn QR code when the verification URL changes', async () => {
    const other = await renderCertificatePdf(
      certificate({ verifyUrl: 'https://crossgate.example.cn/v/other' }),
    );
    expect(other.equals(samplePdf)).toBe(false);
    const { modules } = QRCode.create('https://crossgate.example.cn/v/other', { errorCorrectionLevel: 'M' });
    const { width, px } = await rasterPage1(save(other), 200);
    const k = 200 / 72;
    const { x, y, size } = CERTIFICATE_QR_BOX;
    const m = size / modules.size;
    for (let r = 0; r < modules.size; r++)
      for (let c = 0; c < modules.size; c++) {
        const g = px[Math.floor((y + (r + 0.5) * m) * k) * width + Math.floor((x + (c + 0.5) * m) * k)];
        expect((g as number) < 128, `${r},${c}`).toBe(Boolean(modules.get(r, c)));
      }
  });

  it('gives identical bytes for identical input, with metadata taken from the input', async () => {
    expect((await renderCertificatePdf(certificate())).equals(samplePdf)).toBe(true);
    const meta = await info(sampleFile);
    expect(meta.Title).toBe('出口货物报关单证明联 CG-ZM-202405-000123');
    expect(meta.Subject).toContain(sample.declSeqNo);
    expect(meta.Author).toBe('Crossgate');
    expect(meta.CreationDate).toBe('2024-06-05T03:04:05Z');
  });

  it('fits a one-line certificate on one page, names the zone given and falls back to codes', async () => {
    const file = save(
      await renderCertificatePdf(
        certificate({
          zoneName: '郑州跨境电子商务综合试验区',
          entryId: null,
          ownerCode: null,
          ownerName: null,
          customsName: undefined,
          lines: [{ ...line(1), countryName: undefined, currencyName: undefined }],
        }),
      ),
    );
    expect((await info(file)).Pages).toBe('1');
    const page = await text(file);
    expect(page).toContain('郑州跨境电子商务综合试验区单一窗口');
    expect(page).not.toContain('焦作跨境');
    expect(pageNo(page, 1, 1)).toBe(true);
    expect(page).toContain('第1款');
    expect(page).toMatch(/申报海关\s+4614\b/);
    // No 报关单号 yet: the paper says it is provisional, and the entry number is "pending", not "—".
    expect(page).toContain('临时证明联：海关尚未给出报关单号，取得报关单号后方为有效证明');
    expect(page).toMatch(/报关单号\s+待海关给号/);
  });

  it('says nothing provisional once customs has given the 报关单号', async () => {
    const page = await text(save(await renderCertificatePdf(certificate())));
    expect(page).toMatch(/报关单号\s+461420240001234567/);
    expect(page).not.toContain('临时证明联');
    expect(page).not.toContain('待海关给号');
  });

  it('cuts a goods name too long for any page instead of spilling past the footer', async () => {
    const huge = { ...line(2), gname: `超长商品名称${'山药'.repeat(4000)}` };
    const file = save(await renderCertificatePdf(certificate({ lines: [line(1), huge, line(3)] })));
    const pages = Number((await info(file)).Pages);
    expect(pages).toBeLessThanOrEqual(2);
    const all = await text(file);
    expect(all).toContain('第1款');
    expect(all).toContain('第3款');
    for (let p = 1; p <= pages; p++) expect(pageNo(await text(file, p), p, pages)).toBe(true);
  });

  it('rejects an issuedAt that is not a timestamp', async () => {
    await expect(renderCertificatePdf(certificate({ issuedAt: 'soon' }))).rejects.toThrow(/issuedAt/);
  });
});

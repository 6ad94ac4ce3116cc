// Shared pieces of the printable A4 documents (the export certificate, the credit report): the vendored
// CJK font, a deterministic pdfkit document, Beijing-time formatting, centred titles, the footer with
// page numbers, and QR codes drawn as vector rectangles.
//
// Determinism: pdfkit derives the file ID from the info's CreationDate, so a document opened with a
// CreationDate taken from its input, and drawn without consulting the clock or the locale, has
// identical bytes for identical input.
//
// Chinese text uses the vendored WenQuanYi Micro Hei (data/fonts, see data/SOURCES.md); pdfkit embeds
// only the subset of glyphs a document uses, with a ToUnicode map so the text can be extracted.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatBeijing } from '@crossgate/domain';

export type Doc = PDFKit.PDFDocument;

/** The vendored CJK font (data/fonts, see data/SOURCES.md) and the face used from the collection. */
export const CJK_FONT_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../../data/fonts/wqy-microhei.ttc',
);
export const CJK_FONT_FACE = 'WenQuanYiMicroHei';

let fontBytes: Buffer | undefined;
function cjkFont(): Buffer {
  fontBytes ??= readFileSync(CJK_FONT_PATH);
  return fontBytes;
}

/** A4 in points; coordinates are pdfkit's (origin top-left, y downwards). */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** An A4 page: its margin on all sides and the lowest y the body may reach (the footer lives below). */
export interface PageFrame {
  readonly width: number;
  readonly height: number;
  readonly margin: number;
  readonly bodyBottom: number;
}

/** An A4 frame with `margin` on every side and `footer` points reserved above the bottom margin. */
export function a4Frame(margin: number, footer: number): PageFrame {
  return { width: A4.width, height: A4.height, margin, bodyBottom: A4.height - margin - footer };
}

export const contentWidth = (f: PageFrame): number => f.width - 2 * f.margin;

export const INK = '#000000';
export const MUTED = '#444444';
export const RULE = '#000000';
export const SHADE = '#eeeeee';

/**
 * Opens an A4 document with the CJK font selected, buffering its pages (for the footers) and
 * collecting its bytes; `info.CreationDate` must come from the input for the bytes to be stable.
 */
export function openPdf(
  frame: PageFrame,
  info: PDFKit.DocumentInfo & { CreationDate: Date },
): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margins: {
      top: frame.margin,
      left: frame.margin,
      right: frame.margin,
      bottom: frame.height - frame.bodyBottom,
    },
    bufferPages: true,
    autoFirstPage: true,
    lang: 'zh-CN',
    displayTitle: true,
    info,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((ok, fail) => {
    doc.on('end', () => ok(Buffer.concat(chunks)));
    doc.on('error', fail);
  });
  doc.registerFont('cjk', cjkFont(), CJK_FONT_FACE);
  doc.font('cjk');
  return { doc, done };
}

/** Parses an ISO timestamp, refusing anything else (`what` names the field in the error). */
export function timestamp(iso: string, what: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new TypeError(`${what} is not a timestamp: ${iso}`);
  return d;
}

/**
 * A date or timestamp in Beijing time (UTC+8, no daylight saving) without the host's locale or
 * zone: a bare `YYYY-MM-DD` stays as it is, a timestamp becomes `YYYY-MM-DD` or
 * `YYYY-MM-DD HH:mm:ss`, anything unparsable is printed verbatim.
 */
export function beijing(iso: string, withTime: boolean): string {
  return formatBeijing(iso, withTime ? 'second' : 'date') ?? iso;
}

/** Text centred across the content width; `bold` strokes the outline too (the font has no bold face). */
export function centred(
  doc: Doc,
  frame: PageFrame,
  text: string,
  y: number,
  size: number,
  color: string,
  bold = false,
): void {
  doc.fontSize(size).fillColor(color);
  if (bold) doc.lineWidth(0.35).strokeColor(color);
  doc.text(text, frame.margin, y, {
    width: contentWidth(frame),
    align: 'center',
    lineBreak: false,
    fill: true,
    stroke: bold,
  });
  if (bold) doc.strokeColor(RULE);
}

/**
 * Writes the footer on every buffered page once the page count is known: a rule, `text` on the left
 * and 「第 x 页 / 共 y 页」 on the right.
 */
export function stampFooters(doc: Doc, frame: PageFrame, text: string, rule = RULE): void {
  const { start, count } = doc.bufferedPageRange();
  const { margin, width, height } = frame;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the body must not start a new page
    const fy = height - margin - 14;
    doc
      .lineWidth(0.5)
      .moveTo(margin, fy - 5)
      .lineTo(width - margin, fy - 5)
      .stroke(rule);
    doc.fontSize(7).fillColor(MUTED);
    doc.text(text, margin, fy, { width: contentWidth(frame) - 90, lineBreak: false });
    doc.text(`第 ${i - start + 1} 页 / 共 ${count} 页`, width - margin - 90, fy, {
      width: 90,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/**
 * Draws the QR code of `url` (error correction M) with its modules filling the square at (x, y) of
 * side `size`, quiet zone excluded: one rectangle per horizontal run of dark modules, filled as one
 * path (no seams between modules).
 */
export function drawQr(doc: Doc, url: string, box: { x: number; y: number; size: number }): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const m = box.size / n;
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && modules.get(r, c)) c++;
      doc.rect(box.x + start * m, box.y + r * m, (c - start) * m, m);
    }
  }
  doc.fill(INK);
}

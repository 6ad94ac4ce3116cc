// Reading PDFs back in tests: real PDFs, read by Mozilla's PDF.js (pdfjs-dist) — text, document information,
// fonts and rendering (through @napi-rs/canvas, which pdfjs-dist brings) — so nothing needs installing (issue 16).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getDocument, OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

const PDFJS_DIR = dirname(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')));

async function open(file: string): Promise<PDFDocumentProxy> {
  return getDocument({
    data: new Uint8Array(readFileSync(file)),
    // The standard 14 fonts and CMaps that ship with PDF.js, for any PDF that refers to them without embedding.
    standardFontDataUrl: `${pathToFileURL(join(PDFJS_DIR, 'pdfjs-dist/standard_fonts'))}/`,
    cMapUrl: `${pathToFileURL(join(PDFJS_DIR, 'pdfjs-dist/cmaps'))}/`,
    cMapPacked: true,
    fontExtraProperties: true,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
}

async function withPdf<T>(file: string, use: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const doc = await open(file);
  try {
    return await use(doc);
  } finally {
    await doc.destroy();
  }
}

/**
 * One page's text in reading order: the text runs grouped into lines by baseline (top to bottom), each line's runs
 * left to right, with a space where two runs stand apart by more than a fifth of the font size (as pdftotext
 * separates words); lines end with a newline.
 */
async function pageText(doc: PDFDocumentProxy, n: number): Promise<string> {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  const runs = content.items
    .filter((i): i is TextItem => 'str' in i && i.str.trim() !== '')
    .map((i) => ({
      str: i.str,
      x: i.transform[4] as number,
      y: i.transform[5] as number,
      size: Math.hypot(i.transform[2] as number, i.transform[3] as number) || 10,
      width: i.width,
    }));
  runs.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: (typeof runs)[] = [];
  for (const run of runs) {
    const line = lines[lines.length - 1];
    const first = line?.[0];
    if (line && first && Math.abs(first.y - run.y) <= Math.min(first.size, run.size) * 0.4) line.push(run);
    else lines.push([run]);
  }
  return lines
    .map((line) => {
      line.sort((a, b) => a.x - b.x);
      let out = '';
      let end = -Infinity;
      for (const run of line) {
        if (out && run.x - end > run.size * 0.2) out += ' ';
        out += run.str;
        end = run.x + run.width;
      }
      return `${out}\n`;
    })
    .join('');
}

/** The text of the PDF (or of one page of it); pages are separated by a form feed, as pdftotext does. */
export async function text(file: string, page?: number): Promise<string> {
  return withPdf(file, async (doc) => {
    if (page !== undefined) return pageText(doc, page);
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(await pageText(doc, n));
    return pages.join('\f');
  });
}

/** A PDF date (D:YYYYMMDDHHmmSS with Z or ±HH'mm') in ISO 8601, as `pdfinfo -isodates` prints it. */
function isoDate(pdfDate: unknown): string | undefined {
  if (typeof pdfDate !== 'string') return undefined;
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?/.exec(pdfDate);
  if (!m) return pdfDate;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`;
}

/**
 * The document information, by pdfinfo's field names: Title, Subject, Author, Creator, Producer, CreationDate
 * (ISO), Pages, and Page size of page 1 ("595.28 x 841.89 pts (A4)" — A4 is 210 × 297 mm, 595.28 × 841.89 pt).
 */
export async function info(file: string): Promise<Record<string, string>> {
  return withPdf(file, async (doc) => {
    const { info: dict } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
    const out: Record<string, string> = {};
    for (const key of ['Title', 'Subject', 'Author', 'Creator', 'Producer', 'Keywords'])
      if (typeof dict[key] === 'string') out[key] = dict[key];
    const created = isoDate(dict.CreationDate);
    if (created) out.CreationDate = created;
    out.Pages = String(doc.numPages);
    const [x0, y0, x1, y1] = (await doc.getPage(1)).view as [number, number, number, number];
    const w = Math.round((x1 - x0) * 100) / 100;
    const h = Math.round((y1 - y0) * 100) / 100;
    const a4 = Math.abs(w - 595.28) < 1 && Math.abs(h - 841.89) < 1;
    out['Page size'] = `${w} x ${h} pts${a4 ? ' (A4)' : ''}`;
    return out;
  });
}

/** A font a PDF's pages use, as pdffonts reports it: its name (with the subset tag), whether embedded, subset, with a ToUnicode map. */
export interface PdfFont {
  name: string;
  embedded: boolean;
  subset: boolean;
  toUnicode: boolean;
}

/** Every distinct font the pages draw with. */
export async function fonts(file: string): Promise<PdfFont[]> {
  return withPdf(file, async (doc) => {
    const found = new Map<string, PdfFont>();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      for (let i = 0; i < ops.fnArray.length; i++) {
        // setFont's first argument is the loaded font's id in commonObjs.
        if (ops.fnArray[i] !== OPS.setFont) continue;
        const id = (ops.argsArray[i] as [string])[0];
        const font = page.commonObjs.get(id) as {
          name: string;
          missingFile: boolean;
          toUnicode?: unknown;
          cMap?: unknown;
        };
        if (found.has(font.name)) continue;
        found.set(font.name, {
          name: font.name,
          embedded: !font.missingFile,
          subset: /^[A-Z]{6}\+/.test(font.name),
          toUnicode: Boolean(font.toUnicode),
        });
      }
    }
    return [...found.values()];
  });
}

/** Compare without whitespace (line breaks and word gaps depend on the layout, not on the content). */
export const squeeze = (s: string): string => s.replace(/\s+/g, '');
export const occurrences = (haystack: string, needle: string): number => haystack.split(needle).length - 1;
/** Whether a page's footer reads 第p页/共of页 (whitespace ignored). */
export const pageNo = (page: string, p: number, of: number): boolean =>
  squeeze(page).includes(`第${p}页/共${of}页`);

/**
 * A temporary directory for the PDFs of one test file: `save` writes a PDF there (`<name>-<n>.pdf`),
 * `rasterPage1` renders page 1 of a PDF in 8-bit grey; `cleanup` removes the directory (pass it to afterAll).
 */
export function pdfWorkspace(prefix: string, name = 'document') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let seq = 0;

  function save(pdf: Buffer): string {
    const file = join(dir, `${name}-${seq++}.pdf`);
    writeFileSync(file, pdf);
    return file;
  }

  /** Page 1 rendered by PDF.js at `dpi` on white, as grey levels (0 black … 255 white), row by row. */
  async function rasterPage1(
    file: string,
    dpi: number,
  ): Promise<{ width: number; height: number; px: Buffer }> {
    return withPdf(file, async (doc) => {
      const page = await doc.getPage(1);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const factory = doc.canvasFactory as {
        create(w: number, h: number): { canvas: unknown; context: CanvasRenderingContext2D };
      };
      const width = Math.floor(viewport.width);
      const height = Math.floor(viewport.height);
      const { canvas, context } = factory.create(width, height);
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
      await page.render({ canvas: canvas as HTMLCanvasElement, canvasContext: context, viewport }).promise;
      const rgba = context.getImageData(0, 0, width, height).data;
      const px = Buffer.alloc(width * height);
      // ITU-R BT.601 luma, as pdftoppm -gray converts.
      for (let i = 0; i < px.length; i++)
        px[i] = Math.round(0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!);
      return { width, height, px };
    });
  }

  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });

  return { save, text, info, fonts, rasterPage1, cleanup };
}

// Reading PDFs back with poppler (pdftotext, pdfinfo, pdffonts, pdftoppm) in tests: real PDFs, no mocks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs a poppler tool and returns its stdout; says clearly when poppler-utils is missing. */
export function poppler(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error)
    throw new Error(`${tool} not found: install poppler-utils (\`apt-get install poppler-utils\`)`, {
      cause: r.error,
    });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** The text of the PDF (or of one page of it), as pdftotext extracts it. */
export function text(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return poppler('pdftotext', ['-enc', 'UTF-8', ...range, file, '-']);
}

/** pdfinfo's fields (dates in ISO form), by name. */
export function info(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of poppler('pdfinfo', ['-isodates', file]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1] as string] = m[2] as string;
  }
  return out;
}

/** pdftotext drops some spaces between CJK glyphs: compare without whitespace. */
export const squeeze = (s: string): string => s.replace(/\s+/g, '');
export const occurrences = (haystack: string, needle: string): number => haystack.split(needle).length - 1;
/** Whether a page's footer reads 第p页/共of页 (whitespace ignored). */
export const pageNo = (page: string, p: number, of: number): boolean =>
  squeeze(page).includes(`第${p}页/共${of}页`);

/**
 * A temporary directory for the PDFs of one test file: `save` writes a PDF there (`<name>-<n>.pdf`),
 * `rasterPage1` renders page 1 of a PDF there; `cleanup` removes the directory (pass it to afterAll).
 */
export function pdfWorkspace(prefix: string, name = 'document') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let seq = 0;

  function save(pdf: Buffer): string {
    const file = join(dir, `${name}-${seq++}.pdf`);
    writeFileSync(file, pdf);
    return file;
  }

  /** Page 1 rasterised to 8-bit grey at `dpi`: a PGM (P5) parsed by hand. */
  function rasterPage1(file: string, dpi: number): { width: number; height: number; px: Buffer } {
    const base = join(dir, `raster-${seq++}`);
    poppler('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', file, base]);
    const pgm = readFileSync(`${base}.pgm`);
    const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'));
    if (!m) throw new Error('not an 8-bit PGM');
    const width = Number(m[1]);
    const height = Number(m[2]);
    return { width, height, px: pgm.subarray(m[0].length) };
  }

  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });

  return { save, text, info, rasterPage1, cleanup };
}

// A search result as an Excel workbook, for regulators' exports (credit list, negative list, filings).
//
// What a regulator opens must show exactly what the platform holds: codes stay text (an enterprise
// code, a unit code '007', an HS code '0101210010' never lose their leading zeros), decimal strings
// stay text unless their column is declared a number (then they become numbers displayed with the
// decimals they were given), and dates are Excel dates in Beijing time. The header row is bold,
// frozen and filtered; optional rows above it say what the export is, when it was generated (Beijing
// time) and with which filters.
import ExcelJS from 'exceljs';
import { asBeijingWallClock, beijingDateTime } from '@crossgate/domain';

export interface XlsxColumn {
  key: string;
  header: string;
  /** Excel column width in characters; default from the header and the values */
  width?: number;
  /** default 'text' */
  kind?: 'text' | 'number' | 'date';
}

export type XlsxValue = string | number | null | undefined;

/** Excel's limit on the characters of one cell. */
const MAX_CELL_CHARS = 32_767;
/** Excel's limit on a sheet name, and the characters it refuses in one. */
const MAX_SHEET_NAME = 31;
const BAD_SHEET_CHARS = /[\\/?*[\]:]/g;
/** Characters XML 1.0 cannot carry: written as they are, they would corrupt the file. */
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const DECIMAL = /^[+-]?\d+(\.\d+)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF9AA5B1' } };

/** A sheet name Excel accepts: forbidden characters replaced, at most 31 characters, never empty. */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(XML_ILLEGAL, '').replace(BAD_SHEET_CHARS, '_').trim().replace(/^'|'$/g, '');
  return Array.from(cleaned).slice(0, MAX_SHEET_NAME).join('') || 'Sheet1';
}

/** Text as a cell may hold it: no characters XML cannot carry, at most Excel's 32,767. */
function cellString(s: string): string {
  const clean = s.replace(XML_ILLEGAL, '');
  return clean.length > MAX_CELL_CHARS ? `${clean.slice(0, MAX_CELL_CHARS - 1)}…` : clean;
}

/** `YYYY-MM-DD HH:mm:ss` in Beijing time (UTC+8, no daylight saving), independent of the host. */
export const beijingTime = (d: Date): string => beijingDateTime(d);

/**
 * A decimal string as an Excel number when that loses nothing: at most 15 significant digits (what
 * Excel keeps), with a format showing the decimals it was given ('12.50' stays 12.50 on screen).
 */
function decimalNumber(s: string): { value: number; numFmt: string } | null {
  const t = s.trim();
  if (!DECIMAL.test(t)) return null;
  const [int = '', frac = ''] = t.replace(/^[+-]/, '').split('.');
  const significant = (int.replace(/^0+/, '') + frac).replace(/^0+/, '').length;
  if (significant > 15) return null;
  return { value: Number(t), numFmt: frac ? `0.${'0'.repeat(frac.length)}` : '0' };
}

/**
 * A date or timestamp as an Excel date showing Beijing wall-clock time. Excel dates have no zone:
 * exceljs writes a Date's UTC fields, so a timestamp is shifted by eight hours first.
 */
function excelDate(s: string): { value: Date; numFmt: string } | null {
  const t = s.trim();
  const day = DATE_ONLY.exec(t);
  if (day) {
    const d = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    return Number.isNaN(d.getTime()) ? null : { value: d, numFmt: 'yyyy-mm-dd' };
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(t)) return null;
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) return null;
  return { value: asBeijingWallClock(new Date(ms)), numFmt: 'yyyy-mm-dd hh:mm:ss' };
}

/** Writes one value into a cell according to its column's kind. */
function setCell(cell: ExcelJS.Cell, kind: XlsxColumn['kind'], v: XlsxValue): void {
  if (v === null || v === undefined || v === '') return;
  if (typeof v === 'number') {
    if (Number.isFinite(v)) cell.value = v;
    else cell.value = String(v);
    return;
  }
  if (kind === 'number') {
    const n = decimalNumber(v);
    if (n) {
      cell.value = n.value;
      cell.numFmt = n.numFmt;
      return;
    }
  } else if (kind === 'date') {
    const d = excelDate(v);
    if (d) {
      cell.value = d.value;
      cell.numFmt = d.numFmt;
      return;
    }
  }
  cell.value = cellString(v);
}

/** Display width of text in Excel's character units: CJK and full-width characters count twice. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

/** A width fitting the header and the first rows' values, between 8 and 60 characters. */
function autoWidth(c: XlsxColumn, rows: readonly Record<string, XlsxValue>[]): number {
  let w = displayWidth(c.header);
  for (const row of rows.slice(0, 500)) {
    const v = row[c.key];
    if (v === null || v === undefined) continue;
    const text =
      c.kind === 'date' && typeof v === 'string' && v.includes('T') ? '0000-00-00 00:00:00' : String(v);
    for (const line of text.split('\n')) w = Math.max(w, displayWidth(line));
  }
  return Math.min(60, Math.max(8, w + 2));
}

/**
 * Builds an .xlsx of one sheet: optional title rows (title, generation time in Beijing time, the
 * filters used), then the header row (bold, frozen, with an auto filter) and one row per record.
 */
export async function tableXlsx(
  sheetName: string,
  columns: readonly XlsxColumn[],
  rows: readonly Record<string, XlsxValue>[],
  meta: { title?: string; generatedAt?: Date; filters?: string } = {},
): Promise<Buffer> {
  if (columns.length === 0) throw new TypeError('tableXlsx needs at least one column');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Crossgate';
  if (meta.generatedAt) {
    wb.created = meta.generatedAt;
    wb.modified = meta.generatedAt;
  }
  const ws = wb.addWorksheet(safeSheetName(sheetName));
  const last = columns.length;

  // Title rows, each merged across the table's width.
  const intro: { text: string; size: number; bold: boolean }[] = [];
  if (meta.title?.trim()) intro.push({ text: cellString(meta.title.trim()), size: 14, bold: true });
  if (meta.generatedAt)
    intro.push({
      text: `生成时间 Generated：${beijingTime(meta.generatedAt)}（北京时间 UTC+8）`,
      size: 10,
      bold: false,
    });
  if (meta.filters?.trim())
    intro.push({ text: cellString(`筛选条件 Filters：${meta.filters.trim()}`), size: 10, bold: false });
  intro.forEach((line, i) => {
    const r = i + 1;
    const cell = ws.getCell(r, 1);
    cell.value = line.text;
    cell.font = { bold: line.bold, size: line.size, color: { argb: line.bold ? 'FF000000' : 'FF555555' } };
    cell.alignment = { vertical: 'middle', wrapText: false };
    if (last > 1) ws.mergeCells(r, 1, r, last);
  });
  const headerRow = intro.length > 0 ? intro.length + 2 : 1; // one blank row under the title block

  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width ?? autoWidth(c, rows);
    const cell = ws.getCell(headerRow, i + 1);
    cell.value = cellString(c.header);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  ws.getRow(headerRow).height = 20;

  rows.forEach((record, r) => {
    const row = ws.getRow(headerRow + 1 + r);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      // Text cells carry the Text format too, so that editing them in Excel keeps them text.
      if ((c.kind ?? 'text') === 'text') cell.numFmt = '@';
      setCell(cell, c.kind, record[c.key]);
    });
  });

  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }];
  ws.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: headerRow + Math.max(rows.length, 1), column: last },
  };

  return Buffer.from(await wb.xlsx.writeBuffer());
}

// Lists to Excel in the browser (decision 0034): the rows are fetched page by page from the same API the list
// reads, with the same filters, and written into a workbook here; exceljs is loaded only when a list is exported.

export interface ExcelColumn<T> {
  title: string;
  /** what the cell holds: text stays text (codes keep their leading zeros), numbers stay numbers */
  value: (row: T) => string | number | null | undefined;
  /** width in characters (default: from the title and the values) */
  width?: number;
}

/** Display width in Excel's character units: CJK characters count twice. */
const widthOf = (s: string) => {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(ch) ? 2 : 1;
  return w;
};

/** The workbook of one sheet: header row (bold, frozen, filtered), one row per record; every text as text. */
export async function workbookOf<T>(
  sheet: string,
  columns: readonly ExcelColumn<T>[],
  rows: readonly T[],
): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Crossgate';
  const ws = wb.addWorksheet(sheet.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || 'Sheet1');
  const values = rows.map((r) => columns.map((c) => c.value(r)));
  ws.addRow(columns.map((c) => c.title));
  for (const v of values) {
    const row = ws.addRow(v.map((x) => (x === null || x === undefined ? null : x)));
    v.forEach((x, i) => {
      if (typeof x === 'string') row.getCell(i + 1).numFmt = '@';
    });
  }
  columns.forEach((c, i) => {
    let w = widthOf(c.title);
    for (const v of values.slice(0, 300)) w = Math.max(w, widthOf(String(v[i] ?? '')));
    ws.getColumn(i + 1).width = c.width ?? Math.min(60, Math.max(8, w + 2));
  });
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(rows.length, 1) + 1, column: columns.length },
  };
  const buffer = await wb.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** Saves a blob as a file the browser downloads. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

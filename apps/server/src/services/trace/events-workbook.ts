// The Excel upload of traceability events (issue 21; decision 0049): one event a row under a header row naming
// the columns by their keys. Read inside the upload guard's worker thread (services/uploads/guard.ts: heap and
// time limits, one upload per enterprise at a time), with its own byte and row caps. Cells are read as text;
// an Excel date in 发生时间 is Beijing wall-clock time.
import ExcelJS from 'exceljs';
import { WorkbookError } from '../filing/product-workbook.ts';

export const TRACE_EVENT_COLUMNS = [
  { key: 'code', header: '云关码 code', example: 'ABCD-EFGH-JKMNP' },
  { key: 'eventType', header: '事件 eventType', example: 'warehouse_out' },
  { key: 'eventTime', header: '发生时间 eventTime', example: '2026-12-07 10:30:00' },
  { key: 'place', header: '地点 place', example: '河南德众保税物流中心' },
  { key: 'placeCode', header: '地点代码 placeCode', example: '4614960007' },
  { key: 'batch', header: '批号 batch', example: 'LOT2026A' },
  { key: 'quantity', header: '数量 quantity', example: '1' },
  { key: 'note', header: '备注 note', example: '' },
] as const;
export type TraceEventKey = (typeof TRACE_EVENT_COLUMNS)[number]['key'];

export const TRACE_SHEET = '追溯事件';
export const TRACE_MAX_BYTES = 1024 * 1024;
export const TRACE_MAX_ROWS = 2_000;

export interface TraceEventRow {
  row: number;
  values: Record<TraceEventKey, string>;
}

/** Beijing wall-clock text of an Excel date (exceljs gives the wall clock as a UTC instant). */
const wallClock = (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')}`;

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return wallClock(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result === undefined ? '' : cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

/** Reads the rows of an events workbook (blank rows skipped); throws WorkbookError when it cannot be read. */
export async function readTraceEventWorkbook(file: Buffer): Promise<{ rows: TraceEventRow[] }> {
  if (file.length > TRACE_MAX_BYTES)
    throw new WorkbookError('TOO_LARGE', '文件超过 1 MiB 上限 / the file exceeds the 1 MiB limit', {
      field: 'file',
      expected: `at most ${TRACE_MAX_BYTES} bytes`,
      actual: `${file.length} bytes`,
    });
  if (file.length < 22 || file.readUInt32LE(0) !== 0x04034b50)
    throw new WorkbookError('NOT_XLSX', '不是 Excel（.xlsx）文件 / not an Excel (.xlsx) file');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookError('NOT_XLSX', '工作簿无法解析 / the workbook cannot be read');
  }
  const sheet = wb.getWorksheet(TRACE_SHEET) ?? wb.worksheets[0];
  if (!sheet) throw new WorkbookError('NO_SHEET', '工作簿中没有工作表 / the workbook has no sheet');
  if (sheet.rowCount > TRACE_MAX_ROWS + 1)
    throw new WorkbookError(
      'TOO_MANY_ROWS',
      `表头下超过 ${TRACE_MAX_ROWS} 行 / more than ${TRACE_MAX_ROWS} rows below the header`,
      {
        field: 'file.rows',
        expected: `at most ${TRACE_MAX_ROWS} rows`,
        actual: `${sheet.rowCount - 1} rows`,
      },
    );
  const header = sheet.getRow(1);
  const columns = new Map<TraceEventKey, number>();
  header.eachCell((cell, col) => {
    const key = cellText(cell.value).trim().split(/\s+/).pop();
    const known = TRACE_EVENT_COLUMNS.find((c) => c.key === key);
    if (known) columns.set(known.key, col);
  });
  const missing = (['code', 'eventType', 'eventTime', 'place'] as const).filter((k) => !columns.has(k));
  if (missing.length > 0)
    throw new WorkbookError(
      'BAD_HEADER',
      `第 1 行应为表头，缺少列：${missing.join(', ')} / row 1 must be the header; missing columns: ${missing.join(', ')}`,
    );
  const rows: TraceEventRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values = {} as Record<TraceEventKey, string>;
    let blank = true;
    for (const c of TRACE_EVENT_COLUMNS) {
      const col = columns.get(c.key);
      const text = col === undefined ? '' : cellText(row.getCell(col).value).trim();
      values[c.key] = text;
      if (text !== '') blank = false;
    }
    if (!blank) rows.push({ row: r, values });
  }
  return { rows };
}

/** The events template: the header, one example row, and a sheet of instructions. */
export async function traceEventTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(TRACE_SHEET);
  sheet.columns = TRACE_EVENT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: 24,
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  const help = wb.addWorksheet('填写说明 Instructions');
  help.columns = [{ width: 110 }];
  for (const line of [
    '每行一个事件 / one event a row。事件 eventType：production 生产批次（商品码，须填批号）；warehouse_in 入库、warehouse_out 出库、departure 发运、delivery 签收、return 退货（包裹商品码）。',
    '发生时间 eventTime：北京时间 YYYY-MM-DD HH:mm:ss，或带时区的 ISO 8601 / Beijing time, or ISO 8601 with an offset.',
    '只有商品的备案企业、或包裹的电商企业、电商平台、物流企业、区内仓储企业可以记录；有一行出错则全部不导入，并列出行号和字段 / any bad row refuses the whole file, naming each row and field.',
  ])
    help.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

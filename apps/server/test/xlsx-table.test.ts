// Regulators' search exports as Excel: written by tableXlsx, read back with exceljs.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { beijingTime, safeSheetName, tableXlsx, type XlsxColumn } from '../src/services/xlsx-table.ts';

async function read(file: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ExcelJS.Buffer); // exceljs types its input as an ArrayBuffer
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  return ws;
}

const COLUMNS: XlsxColumn[] = [
  { key: 'code', header: '海关编码 Customs code', width: 14 },
  { key: 'name', header: '企业名称 Name' },
  { key: 'unit', header: '单位 Unit' },
  { key: 'score', header: '综合评分 Score', kind: 'number' },
  { key: 'price', header: '单价 Price' },
  { key: 'listedAt', header: '列入时间 Listed', kind: 'date' },
  { key: 'asOf', header: '评价日期 As of', kind: 'date' },
];

const ROWS = [
  {
    code: '0108960001',
    name: '焦作演示跨境电子商务有限公司',
    unit: '007',
    score: '82.50',
    price: '12.50',
    listedAt: '2024-06-04T16:30:00Z', // 2024-06-05 00:30 in Beijing
    asOf: '2024-06-01',
  },
  { code: '4108960002', name: null, unit: undefined, score: 90, price: '3', listedAt: null, asOf: '不详' },
  {
    code: '4108960003',
    name: '超精度',
    unit: '011',
    score: '12345678901234567.5',
    price: null,
    listedAt: 'soon',
  },
];

describe('table export as .xlsx', () => {
  it('writes a bold, frozen, filtered header and one row per record, codes and decimals as text', async () => {
    const ws = await read(await tableXlsx('企业信用', COLUMNS, ROWS));
    expect(ws.name).toBe('企业信用');
    const header = ws.getRow(1);
    expect((header.values as unknown[]).slice(1)).toEqual(COLUMNS.map((c) => c.header));
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:G4');
    expect(ws.getColumn(1).width).toBe(14);
    // a default width fits the longest value (CJK counted double)
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(28);

    const r2 = ws.getRow(2);
    expect(r2.getCell(1).value).toBe('0108960001');
    expect(r2.getCell(3).value).toBe('007');
    expect(r2.getCell(3).numFmt).toBe('@');
    expect(r2.getCell(5).value).toBe('12.50'); // a decimal string in a text column stays text
    expect(r2.getCell(4).value).toBe(82.5); // …and becomes a number in a number column,
    expect(r2.getCell(4).numFmt).toBe('0.00'); // showing the decimals it was given
  });

  it('writes dates as Excel dates showing Beijing time, and keeps what it cannot convert as text', async () => {
    const ws = await read(await tableXlsx('x', COLUMNS, ROWS));
    const listed = ws.getCell('F2');
    expect(listed.value).toEqual(new Date(Date.UTC(2024, 5, 5, 0, 30, 0)));
    expect(listed.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(ws.getCell('G2').value).toEqual(new Date(Date.UTC(2024, 5, 1)));
    expect(ws.getCell('G2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('G3').value).toBe('不详');
    expect(ws.getCell('F4').value).toBe('soon');
  });

  it('leaves null and undefined cells empty, keeps numbers, and never rounds a decimal through a float', async () => {
    const ws = await read(await tableXlsx('x', COLUMNS, ROWS));
    expect(ws.getCell('B3').value).toBeNull();
    expect(ws.getCell('C3').value).toBeNull();
    expect(ws.getCell('D3').value).toBe(90);
    expect(ws.getCell('D4').value).toBe('12345678901234567.5'); // more digits than Excel keeps: text
  });

  it('puts the title, the generation time in Beijing time and the filters above the header', async () => {
    const generatedAt = new Date('2024-06-05T03:04:05Z');
    const file = await tableXlsx('信用负面清单', COLUMNS, ROWS, {
      title: '信用负面清单 (negative list)',
      generatedAt,
      filters: '有效=是；关键字=焦作',
    });
    const ws = await read(file);
    expect(ws.getCell('A1').value).toBe('信用负面清单 (negative list)');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe('生成时间 Generated：2024-06-05 11:04:05（北京时间 UTC+8）');
    expect(ws.getCell('A3').value).toBe('筛选条件 Filters：有效=是；关键字=焦作');
    expect(ws.getCell('A1').isMerged).toBe(true);
    const header = ws.getRow(5);
    expect(header.getCell(1).value).toBe(COLUMNS[0]?.header);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(ws.autoFilter).toBe('A5:G8');
    expect(ws.getCell('A6').value).toBe('0108960001');
    expect(ws.workbook.created).toEqual(generatedAt);
  });

  it('writes an empty result as a header with its filter', async () => {
    const ws = await read(await tableXlsx('x', COLUMNS, [], { title: '无结果' }));
    expect(ws.getCell('A3').value).toBe(COLUMNS[0]?.header);
    expect(ws.getCell('A4').value).toBeNull();
    expect(ws.autoFilter).toBe('A3:G4');
  });

  it('cleans what Excel refuses: sheet names, control characters, over-long cells', async () => {
    expect(safeSheetName('a/b:c*d?[e]')).toBe('a_b_c_d__e_');
    expect(safeSheetName('很长的工作表名称'.repeat(5))).toHaveLength(31);
    expect(safeSheetName('')).toBe('Sheet1');
    const ws = await read(
      await tableXlsx(
        'x',
        [{ key: 'v', header: 'V' }],
        [{ v: 'a\u0000b\u001fc\nd' }, { v: 'x'.repeat(40_000) }],
      ),
    );
    expect(ws.getCell('A2').value).toBe('abc\nd');
    expect(String(ws.getCell('A3').value)).toHaveLength(32_767);
  });

  it('formats Beijing time without the host zone', () => {
    expect(beijingTime(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01 00:00:00');
  });
});

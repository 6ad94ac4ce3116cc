// The bulk product filing workbook: the template enterprises download, and the reader of what they
// upload — real .xlsx files written by exceljs or assembled by hand (for what Excel does and exceljs
// does not: part order, absolute targets, inline strings) and hostile ones (ZIP bombs, huge sheets).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  INSTRUCTIONS_SHEET,
  PRODUCT_COLUMNS,
  PRODUCT_SHEET,
  plainNumber,
  productTemplateXlsx,
  readProductWorkbook,
  WorkbookError,
  type ProductKey,
} from '../src/services/filing/product-workbook.ts';
import { NS, oneSheetXlsx, R, zip } from './support/xlsx.ts';

type Value = ExcelJS.CellValue;
const KEYS = PRODUCT_COLUMNS.map((c) => c.key);
const HEADERS = PRODUCT_COLUMNS.map((c) => c.header);

/** A complete, valid product row as typed into a text-formatted template. */
function good(itemNo: string): Record<ProductKey, Value> {
  return {
    itemNo,
    nameZh: '焦作铁棍山药粉 礼盒装',
    nameEn: 'Chinese yam powder',
    hsCode: '1106209000',
    declarationElements: '品牌类型:境内自主品牌|出口享惠情况:不享惠',
    originCountry: '142',
    brand: '怀山堂',
    barcode: '6901234567892',
    unit: '011',
    legalUnit1: '035',
    legalUnit2: '',
    price: '58.00',
    currency: '142',
    retailImport: '否',
  };
}

/** An .xlsx written by exceljs: sheets of rows (arrays of cell values, row 1 first). */
async function workbook(
  sheets: { name: string; rows: Value[][]; numFmt?: Record<string, string> }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((values, r) => {
      values.forEach((v, c) => {
        if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v;
      });
    });
    for (const [address, fmt] of Object.entries(s.numFmt ?? {})) ws.getCell(address).numFmt = fmt;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** exceljs types its input as its own Buffer interface (an ArrayBuffer), not Node's. */
async function load(file: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
  return wb;
}

const row = (values: Record<ProductKey, Value>): Value[] => KEYS.map((k) => values[k]);

async function products(rows: Value[][], name = PRODUCT_SHEET): Promise<Buffer> {
  return workbook([{ name, rows: [HEADERS, ...rows] }]);
}

async function refusal(p: Promise<unknown>): Promise<WorkbookError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkbookError);
  return err as WorkbookError;
}

// ---- hand-made ZIPs -------------------------------------------------------------------------------

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const colName = (i: number): string => String.fromCharCode(65 + i);

/**
 * A workbook as Excel lays it out: sheets before the shared strings, relationship targets as given
 * (absolute ones too), strings shared or inline.
 */
function handmade(opts: {
  sheets: { name: string; rows: (string | number | null)[][]; target?: string; extra?: string }[];
  inline?: boolean;
}): Buffer {
  const shared: string[] = [];
  const sheetXml = opts.sheets.map((s) => {
    const rows = s.rows
      .map((cells, r) => {
        const cs = cells
          .map((v, c) => {
            const ref = `${colName(c)}${r + 1}`;
            if (v === null) return '';
            if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
            if (opts.inline) return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
            shared.push(v);
            return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
          })
          .join('');
        return `<row r="${r + 1}">${cs}</row>`;
      })
      .join('');
    return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}" xmlns:r="${R}"><sheetData>${rows}</sheetData>${s.extra ?? ''}</worksheet>`;
  });
  const files: [string, string][] = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ],
    [
      '_rels/.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${R}"><sheets>${opts.sheets
        .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${opts.sheets
        .map(
          (s, i) =>
            `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="${s.target ?? `worksheets/sheet${i + 1}.xml`}"/>`,
        )
        .join(
          '',
        )}<Relationship Id="rIdS" Type="${R}/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>`,
    ],
    ...opts.sheets.map((s, i): [string, string] => [
      (s.target ?? `worksheets/sheet${i + 1}.xml`).replace(/^\/?(xl\/)?/, 'xl/'),
      sheetXml[i] as string,
    ]),
    [
      'xl/sharedStrings.xml',
      `<?xml version="1.0"?><sst xmlns="${NS}">${shared.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`,
    ],
  ];
  return zip(files);
}

const textRow = (values: Record<ProductKey, Value>): (string | null)[] =>
  KEYS.map((k) => (values[k] === '' ? null : String(values[k])));

/** A workbook of one sheet 商品备案 whose sheetData is the given XML (inline strings, no shared strings). */
function rawSheet(sheetData: string): Buffer {
  return oneSheetXlsx(`<worksheet xmlns="${NS}"><sheetData>${sheetData}</sheetData></worksheet>`);
}

// ---- the template ---------------------------------------------------------------------------------

describe('product filing template', () => {
  it('has the header row (bold, frozen), an example row, text columns and a 是/否 list on retailImport', async () => {
    const wb = await load(await productTemplateXlsx());
    expect(wb.worksheets.map((w) => w.name)).toEqual([PRODUCT_SHEET, INSTRUCTIONS_SHEET]);
    const ws = wb.getWorksheet(PRODUCT_SHEET) as ExcelJS.Worksheet;
    expect((ws.getRow(1).values as Value[]).slice(1)).toEqual(HEADERS);
    expect(HEADERS).toContain('商品编码(10位) hsCode');
    expect(HEADERS).toContain('原产国(地区)代码 originCountry');
    for (let c = 1; c <= KEYS.length; c++) {
      expect(ws.getCell(1, c).font?.bold).toBe(true);
      expect(ws.getColumn(c).width).toBeGreaterThan(8);
      expect(ws.getColumn(c).numFmt).toBe('@');
    }
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const example = (ws.getRow(2).values as Value[]).slice(1);
    PRODUCT_COLUMNS.forEach((c, i) => expect(example[i] ?? '').toBe(c.example));
    const retail = ws.getCell(2, KEYS.indexOf('retailImport') + 1);
    expect(retail.dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(ws.getCell(5001, KEYS.indexOf('retailImport') + 1).dataValidation).toMatchObject({ type: 'list' });
  });

  it('explains every column on the instructions sheet: required or not, how to fill it in, an example', async () => {
    const wb = await load(await productTemplateXlsx());
    const help = wb.getWorksheet(INSTRUCTIONS_SHEET) as ExcelJS.Worksheet;
    const rows: string[][] = [];
    help.eachRow((r) => rows.push((r.values as Value[]).slice(1).map((v) => String(v ?? ''))));
    for (const c of PRODUCT_COLUMNS) {
      const line = rows.find((r) => r[1] === c.header);
      expect(line, c.key).toBeDefined();
      expect(line?.[2]).toBe(c.required ? '必填 required' : '选填 optional');
      expect(line?.[3]).toBe(c.note);
      expect(line?.[4]).toBe(c.example);
    }
    expect(PRODUCT_COLUMNS.find((c) => c.key === 'declarationElements')?.note).toContain('|');
  });

  it('reads back as nothing to import but its example row, reported as such', async () => {
    const { rows, problems } = await readProductWorkbook(await productTemplateXlsx());
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ row: 2, field: 'itemNo', rule: expect.stringContaining('示例行') }),
    ]);
  });

  it('imports a filled-in template, the example row overwritten', async () => {
    const wb = await load(await productTemplateXlsx());
    const ws = wb.getWorksheet(PRODUCT_SHEET) as ExcelJS.Worksheet;
    ws.getRow(2).values = row(good('JZ-001'));
    ws.getRow(3).values = row({ ...good('JZ-002'), unit: '007', retailImport: '是' });
    const { rows, problems } = await readProductWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.row, r.values.itemNo, r.values.unit, r.values.retailImport])).toEqual([
      [2, 'JZ-001', '011', 'false'],
      [3, 'JZ-002', '007', 'true'],
    ]);
    expect(rows[0]?.values).toEqual({ ...good('JZ-001'), retailImport: 'false' });
  });
});

// ---- reading cells --------------------------------------------------------------------------------

describe('reading product rows', () => {
  it('reads numbers as typed, without float artefacts or exponents', () => {
    expect(plainNumber(12.5)).toBe('12.5');
    expect(plainNumber(0.1 + 0.2)).toBe('0.3');
    expect(plainNumber(12.499999999999998)).toBe('12.5');
    expect(plainNumber(8517130000)).toBe('8517130000');
    expect(plainNumber(1e-7)).toBe('0.0000001');
    expect(plainNumber(-3.25)).toBe('-3.25');
    expect(plainNumber(123456789012345)).toBe('123456789012345');
  });

  it('converts typed numbers, rich text, formulas and hyperlinks to the text the user sees', async () => {
    const file = await products([
      row({
        ...good('A-1'),
        itemNo: { richText: [{ text: 'A-' }, { font: { bold: true }, text: '1' }] },
        nameZh: '  山药粉\u3000',
        hsCode: 8517130000,
        price: 0.1 + 0.2,
        originCountry: 142,
        unit: 7,
        legalUnit1: { formula: '30+5', result: 35 },
        currency: 502,
        barcode: 6901234567892,
        brand: { text: 'ACME', hyperlink: 'https://acme.example' },
        nameEn: { formula: 'UPPER("yam")', result: 'YAM' },
      }),
      row({ ...good('A-2'), price: 12.5, legalUnit2: 35 }),
    ]);
    const { rows, problems } = await readProductWorkbook(file);
    expect(problems).toEqual([]);
    expect(rows[0]).toEqual({
      row: 2,
      values: {
        ...good('A-1'),
        nameZh: '山药粉',
        nameEn: 'YAM',
        hsCode: '8517130000',
        price: '0.3',
        originCountry: '142',
        unit: '007',
        legalUnit1: '035',
        currency: '502',
        barcode: '6901234567892',
        brand: 'ACME',
        retailImport: 'false',
      },
    });
    expect(rows[1]?.values).toMatchObject({ price: '12.5', legalUnit2: '035' });
  });

  it('keeps leading zeros a zeros-only number format displays', async () => {
    const file = await workbook([
      {
        name: PRODUCT_SHEET,
        rows: [HEADERS, row({ ...good('Z'), hsCode: 101210010, barcode: 12345678905 })],
        numFmt: { D2: '0000000000', H2: '0000000000000' },
      },
    ]);
    const { rows, problems } = await readProductWorkbook(file);
    expect(problems).toEqual([]);
    expect(rows[0]?.values).toMatchObject({ hsCode: '0101210010', barcode: '0012345678905' });
  });

  it('normalises 是/否/Y/N/true/false/1/0 and TRUE/FALSE cells in retailImport, and refuses anything else', async () => {
    const yes: Value[] = ['是', 'Y', 'y', 'true', 'TRUE', '1', 1, true];
    const no: Value[] = ['否', 'N', 'false', '0', 0, false];
    const file = await products([
      ...yes.map((v, i) => row({ ...good(`Y${i}`), retailImport: v })),
      ...no.map((v, i) => row({ ...good(`N${i}`), retailImport: v })),
      row({ ...good('BAD'), retailImport: '可能' }),
    ]);
    const { rows, problems } = await readProductWorkbook(file);
    expect(rows.filter((r) => r.values.retailImport === 'true').map((r) => r.values.itemNo)).toEqual(
      yes.map((_, i) => `Y${i}`),
    );
    expect(rows.filter((r) => r.values.retailImport === 'false').map((r) => r.values.itemNo)).toEqual(
      no.map((_, i) => `N${i}`),
    );
    expect(problems).toEqual([
      {
        row: 2 + yes.length + no.length,
        field: 'retailImport',
        rule: expect.stringContaining('是'),
        actual: '可能',
      },
    ]);
  });

  it('reports each bad row by field and still returns every good row', async () => {
    const file = await products([
      row(good('OK-1')),
      row({ ...good('ZERO'), hsCode: 101210010 }), // Excel dropped the leading zero
      row({ ...good('DATE'), originCountry: new Date(Date.UTC(2024, 0, 2)) }),
      row({ ...good('ERR'), price: { error: '#DIV/0!' } }),
      row({ ...good('EMPTY'), nameZh: '', currency: '  ' }),
      row({ ...good('LONG'), barcode: Number('1234567890123456789') }),
      row({ ...good('SHORT'), barcode: 12345 }),
      row({ ...good('NORESULT'), price: { formula: 'A1*2' } as Value }),
      row(good('OK-2')),
    ]);
    const { rows, problems } = await readProductWorkbook(file);
    expect(rows.map((r) => [r.row, r.values.itemNo])).toEqual([
      [2, 'OK-1'],
      [10, 'OK-2'],
    ]);
    const by = problems.map((p) => [p.row, p.field, p.actual]);
    expect(by).toEqual([
      [3, 'hsCode', '101210010'],
      [4, 'originCountry', '2024-01-02'],
      [5, 'price', '#DIV/0!'],
      [6, 'nameZh', undefined],
      [6, 'currency', undefined],
      [7, 'barcode', expect.any(String)],
      [8, 'barcode', '12345'],
      [9, 'price', '=A1*2'],
    ]);
    expect(problems[0]?.rule).toMatch(/^商品编码.*\/ the HS code/);
    expect(problems[1]?.rule).toContain('日期');
    expect(problems[3]?.rule).toBe('必填 / required');
    expect(problems[5]?.rule).toContain('15');
  });

  it('skips empty rows and numbers rows as Excel shows them', async () => {
    const file = await products([
      row(good('R2')),
      [],
      [null, '   ', null],
      row(good('R5')),
      [],
      row(good('R7')),
    ]);
    const { rows, problems } = await readProductWorkbook(file);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.row, r.values.itemNo])).toEqual([
      [2, 'R2'],
      [5, 'R5'],
      [7, 'R7'],
    ]);
  });
});

// ---- the header and the sheet ---------------------------------------------------------------------

describe('finding the header and the sheet', () => {
  it('matches columns by key or Chinese label, in any order, ignoring unknown columns', async () => {
    const order: ProductKey[] = [...KEYS].reverse();
    const headers = order.map((k, i) => {
      const c = PRODUCT_COLUMNS.find((x) => x.key === k);
      if (i % 3 === 0) return k; // the key alone
      if (i % 3 === 1) return c?.header.split(' ')[0]?.replace('(', '（').replace(')', '）'); // Chinese label
      return c?.header;
    });
    const v = good('ANY');
    const file = await workbook([
      {
        name: PRODUCT_SHEET,
        rows: [
          [...headers, '备注 remark'],
          [...order.map((k) => v[k]), '内部备注'],
        ],
      },
    ]);
    const { rows, problems } = await readProductWorkbook(file);
    expect(problems).toEqual([]);
    expect(rows[0]?.values).toEqual({ ...v, retailImport: 'false' });
  });

  it('finds the header under title rows', async () => {
    const file = await workbook([
      { name: PRODUCT_SHEET, rows: [['商品备案导入 2024年6月'], [], HEADERS, row(good('T'))] },
    ]);
    const { rows } = await readProductWorkbook(file);
    expect(rows.map((r) => [r.row, r.values.itemNo])).toEqual([[4, 'T']]);
  });

  it('refuses a header without every required column, naming the missing ones', async () => {
    const without = PRODUCT_COLUMNS.filter((c) => c.key !== 'hsCode' && c.key !== 'currency').map(
      (c) => c.header,
    );
    const err = await refusal(
      readProductWorkbook(await workbook([{ name: PRODUCT_SHEET, rows: [without] }])),
    );
    expect(err.code).toBe('BAD_HEADER');
    expect(err.message).toContain('商品编码(10位) hsCode');
    expect(err.message).toContain('币制 currency');
    expect(err.message).toMatch(/hsCode, currency/);
    expect(err.message).not.toContain('nameZh');
  });

  it('refuses a sheet without any header, and a header naming a column twice', async () => {
    const none = await refusal(
      readProductWorkbook(
        await workbook([{ name: PRODUCT_SHEET, rows: Array.from({ length: 12 }, (_, i) => [`x${i}`]) }]),
      ),
    );
    expect(none.code).toBe('BAD_HEADER');
    const twice = await refusal(
      readProductWorkbook(await workbook([{ name: PRODUCT_SHEET, rows: [[...HEADERS, 'itemNo']] }])),
    );
    expect(twice.code).toBe('BAD_HEADER');
    expect(twice.message).toContain('重复');
  });

  it('reads the sheet named 商品备案 wherever it is, else the first sheet', async () => {
    const named = await workbook([
      { name: '说明', rows: [['请填写第二个工作表']] },
      { name: PRODUCT_SHEET, rows: [HEADERS, row(good('SECOND'))] },
    ]);
    expect((await readProductWorkbook(named)).rows.map((r) => r.values.itemNo)).toEqual(['SECOND']);
    const first = await workbook([
      { name: 'Sheet1', rows: [HEADERS, row(good('FIRST'))] },
      { name: 'Sheet2', rows: [HEADERS, row(good('OTHER'))] },
    ]);
    expect((await readProductWorkbook(first)).rows.map((r) => r.values.itemNo)).toEqual(['FIRST']);
  });

  it('reads workbooks laid out as Excel writes them: shared strings last, absolute targets, inline strings', async () => {
    for (const inline of [false, true]) {
      const file = handmade({
        inline,
        sheets: [
          { name: 'Notes', rows: [['ignore me']] },
          {
            name: PRODUCT_SHEET,
            target: '/xl/worksheets/data.xml',
            rows: [HEADERS, textRow(good('HM-1')), [null], textRow({ ...good('HM-2'), price: '9.9' })],
          },
        ],
      });
      const { rows, problems } = await readProductWorkbook(file);
      expect(problems).toEqual([]);
      expect(rows.map((r) => [r.row, r.values.itemNo, r.values.price, r.values.retailImport])).toEqual([
        [2, 'HM-1', '58.00', 'false'],
        [4, 'HM-2', '9.9', 'false'],
      ]);
    }
  });

  it('never expands a data validation or merge over whole columns', async () => {
    const extra =
      '<mergeCells count="1"><mergeCell ref="P1:XFD1048576"/></mergeCells>' +
      '<dataValidations count="1"><dataValidation type="list" sqref="A2:XFD1048576"><formula1>"是,否"</formula1></dataValidation></dataValidations>';
    const file = handmade({ sheets: [{ name: PRODUCT_SHEET, rows: [HEADERS, textRow(good('V'))], extra }] });
    const started = performance.now();
    const { rows } = await readProductWorkbook(file);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(rows.map((r) => r.values.itemNo)).toEqual(['V']);
  });

  it('refuses a workbook without worksheets', async () => {
    const err = await refusal(readProductWorkbook(handmade({ sheets: [] })));
    expect(err.code).toBe('NO_SHEET');
  });
});

// ---- hostile and wrong files ----------------------------------------------------------------------

describe('refusing files it must not read', () => {
  it('refuses what is not an .xlsx, before exceljs sees it', async () => {
    for (const bytes of [
      Buffer.from('itemNo,nameZh\nA,山药\n'),
      Buffer.from('d0cf11e0a1b11ae1000000000000000000000000000000', 'hex'), // .xls / encrypted OOXML
      Buffer.alloc(0),
      zip([['word/document.xml', '<w:document/>']]), // a ZIP, not a workbook
      Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]), // a truncated ZIP
    ]) {
      const err = await refusal(readProductWorkbook(bytes));
      expect(err.code).toBe('NOT_XLSX');
      expect(err.message).toMatch(/^文件不是.*\/ the file is not/);
    }
  });

  it('refuses a file over the size limit', async () => {
    const file = await products([row(good('A'))]);
    const err = await refusal(readProductWorkbook(file, { maxBytes: file.length - 1 }));
    expect(err.code).toBe('TOO_LARGE');
    expect((await readProductWorkbook(file, { maxBytes: file.length })).rows).toHaveLength(1);
  });

  it('stops a ZIP bomb at the inflation budget', async () => {
    // 200 MiB of blanks in a sheet: under 250 KiB compressed.
    const sheet = Buffer.alloc(200 * 1024 * 1024, 0x20);
    sheet.write(`<worksheet xmlns="${NS}"><sheetData>`, 0);
    const bomb = oneSheetXlsx(sheet);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const err = await refusal(readProductWorkbook(bomb));
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toMatch(/MiB.*\/ the workbook expands/);
  });

  it('stops after maxRows rows below the header', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => row(good(`M${i}`)));
    // Rows with no cells are not in the file at all: nothing to count.
    expect((await readProductWorkbook(await products([...ten, [], []]), { maxRows: 10 })).rows).toHaveLength(
      10,
    );
    const err = await refusal(
      readProductWorkbook(await products([...ten, row(good('M10'))]), { maxRows: 10 }),
    );
    expect(err.code).toBe('TOO_MANY_ROWS');
    expect(err.message).toMatch(/10 行.*\/ more than 10 rows below the header, blank rows included/);
    expect(err.detail).toEqual({
      field: 'file.rows',
      expected: 'at most 10 rows below the header (row 1), blank or not',
      actual: 'row 12 is row 11 below the header',
    });
  });

  it('counts blank rows toward the row limit: styled empty cells, empty strings, rows without cells (issue 13)', async () => {
    // The attack: thousands of rows that hold nothing a clerk can see. Each costs exceljs a row object.
    const blankRows = (from: number, n: number, cells: (r: number) => string) =>
      Array.from({ length: n }, (_, i) => `<row r="${from + i}">${cells(from + i)}</row>`).join('');
    const styled = (r: number) => KEYS.map((_, c) => `<c r="${colName(c)}${r}" s="1"/>`).join('');
    const empty = (r: number) => `<c r="A${r}" t="inlineStr"><is><t></t></is></c>`;
    for (const cells of [styled, empty, () => '']) {
      const file = rawSheet(
        `<row r="1">${HEADERS.map((h, c) => `<c r="${colName(c)}1" t="inlineStr"><is><t>${esc(h)}</t></is></c>`).join('')}</row>` +
          blankRows(2, 5_000, cells) +
          `<row r="5002">${textRow(good('LAST'))
            .map(
              (v, c) => `<c r="${colName(c)}5002" t="inlineStr"><is><t>${esc(String(v ?? ''))}</t></is></c>`,
            )
            .join('')}</row>`,
      );
      const err = await refusal(readProductWorkbook(file));
      expect(err.code).toBe('TOO_MANY_ROWS');
      expect(err.detail?.actual).toBe('row 5002 is row 5001 below the header');
    }
    // 5,000 blank rows and nothing else are within the limit, and import nothing.
    const within = rawSheet(
      `<row r="1">${HEADERS.map((h, c) => `<c r="${colName(c)}1" t="inlineStr"><is><t>${esc(h)}</t></is></c>`).join('')}</row>` +
        blankRows(2, 5_000, styled),
    );
    expect(await readProductWorkbook(within)).toEqual({ rows: [], problems: [] });
  }, 30_000);

  it('counts blank rows above the header too: the header must be within the first 10 rows', async () => {
    const blanks = Array.from(
      { length: 50_000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" s="1"/></row>`,
    );
    const header = `<row r="50001">${HEADERS.map((h, c) => `<c r="${colName(c)}50001" t="inlineStr"><is><t>${esc(h)}</t></is></c>`).join('')}</row>`;
    const err = await refusal(readProductWorkbook(rawSheet(blanks.join('') + header)));
    expect(err.code).toBe('BAD_HEADER');
  });

  it('refuses a workbook whose directory declares more than the unpacked budget, before inflating it', async () => {
    const file = await products([row(good('A'))]);
    const err = await refusal(readProductWorkbook(file, { maxUnpackedBytes: 2_000 }));
    expect(err.code).toBe('TOO_LARGE');
    expect(err.detail?.field).toBe('file.unpacked');
    expect(err.detail?.expected).toMatch(/^at most 0.002 MiB unpacked/);
    expect(err.detail?.actual).toMatch(/xl\/worksheets\/sheet1.xml .* MiB.*\(declared\)$/);
    expect((await readProductWorkbook(file)).rows).toHaveLength(1);
  });

  it('refuses a ZIP whose entries inflate past the size their directory declares', async () => {
    const file = handmade({ sheets: [{ name: PRODUCT_SHEET, rows: [HEADERS, textRow(good('L'))] }] });
    // Rewrite every central directory entry's declared size to 10 bytes: inflation stops there.
    const lying = Buffer.from(file);
    for (let p = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0;) {
      lying.writeUInt32LE(10, p + 24);
      p = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4);
    }
    const err = await refusal(readProductWorkbook(lying));
    expect(err.code).toBe('NOT_XLSX');
    expect(err.message).toContain('大小与目录所记不符');
  });

  it('reads the default 5,000 rows and refuses the 5,001st', async () => {
    const many = Array.from({ length: 5_000 }, (_, i) => row(good(`S${i}`)));
    const { rows } = await readProductWorkbook(await products(many));
    expect(rows).toHaveLength(5_000);
    expect(rows[4_999]).toMatchObject({ row: 5_001, values: { itemNo: 'S4999' } });
    const err = await refusal(readProductWorkbook(await products([...many, row(good('S5000'))])));
    expect(err.code).toBe('TOO_MANY_ROWS');
  }, 30_000);
});

// Bulk product filing (商品备案) from an Excel workbook: the template enterprises fill in, and the reader
// that turns an uploaded workbook into rows of text, one problem per row and field it could not read.
//
// The reader only reads: business rules (HS code exists, codes in the JGS-20 tables, the positive list)
// are the service's. It reads cells as the user sees them — numbers without float artefacts, rich text
// and formula results as their text — and refuses to guess: a code whose leading zeros Excel dropped
// (an HS code typed as a number) is a problem, never silently padded, except the 3-digit JGS-20 codes
// (unit, countries, currency), where padding a number back to three digits is unambiguous.
//
// Uploaded files are hostile until read. Before exceljs sees anything the reader checks the ZIP
// signature and the size, walks the ZIP's central directory itself and inflates only the parts it
// needs (workbook, relationships, styles, shared strings, the one sheet) under a budget of unpacked
// bytes (DEFAULT_MAX_UNPACKED): the sizes the directory declares are checked against the budget before
// anything is inflated, and inflation stops at the declared size, so a ZIP bomb — or a ZIP that lies
// about its sizes — is refused without filling memory. It then hands exceljs's streaming reader a small
// stored ZIP of just those parts, in the order that lets it stream the sheet row by row. Every row
// element counts toward the row limits, blank ones included: a sheet of a million empty rows costs
// exceljs as much as a million filled ones. Parts of a sheet exceljs's full loader would expand cell by
// cell (a data validation or a merge over a whole column) are never parsed. The server runs this reader
// in a worker thread with a memory and a time limit (services/uploads/guard.ts), never on its event loop.
import { PassThrough } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

export type ProductKey =
  | 'itemNo'
  | 'nameZh'
  | 'nameEn'
  | 'hsCode'
  | 'declarationElements'
  | 'originCountry'
  | 'brand'
  | 'barcode'
  | 'unit'
  | 'legalUnit1'
  | 'legalUnit2'
  | 'price'
  | 'currency'
  | 'retailImport';

export interface ProductColumn {
  key: ProductKey;
  /** the template's header text: Chinese label, then the key */
  header: string;
  required: boolean;
  example: string;
  /** how to fill it in, Chinese first, English second */
  note: string;
}

/** The template's columns, in order. */
export const PRODUCT_COLUMNS: readonly ProductColumn[] = [
  {
    key: 'itemNo',
    header: '企业商品货号 itemNo',
    required: true,
    example: 'JZ-SKU-0001',
    note: '企业内部的商品货号（SKU），同一企业内唯一，最长 32 个字符 / the enterprise’s own item number (SKU), unique within the enterprise, at most 32 characters',
  },
  {
    key: 'nameZh',
    header: '商品名称 nameZh',
    required: true,
    example: '智能手机 128GB 黑色',
    note: '中文商品名称，与申报的商品一致 / the Chinese name of the goods, as declared',
  },
  {
    key: 'nameEn',
    header: '英文名称 nameEn',
    required: false,
    example: 'Smartphone 128GB Black',
    note: '英文商品名称，可留空 / the English name; may be left empty',
  },
  {
    key: 'hsCode',
    header: '商品编码(10位) hsCode',
    required: true,
    example: '8517130000',
    note: '10 位海关商品编码，按文本填写，保留开头的 0 / the 10-digit customs commodity code, as text, keeping leading zeros',
  },
  {
    key: 'declarationElements',
    header: '申报要素 declarationElements',
    required: true,
    example: '品牌类型:境外品牌(其他)|出口享惠情况:不享惠|品牌:ACME|型号:X1',
    note: '按商品编码的规范申报要素填写，每项写成“要素名:值”，各项之间用竖线 | 分隔 / the declaration elements of the commodity code as name:value pairs separated by |',
  },
  {
    key: 'originCountry',
    header: '原产国(地区)代码 originCountry',
    required: true,
    example: '502',
    note: '3 位海关国别(地区)代码（JGS-20），如 502 美国、142 中国 / the 3-digit JGS-20 country code, e.g. 502 United States, 142 China',
  },
  {
    key: 'brand',
    header: '品牌 brand',
    required: false,
    example: 'ACME',
    note: '商品品牌；无品牌可填“无品牌”或留空 / the brand; “无品牌” or empty when there is none',
  },
  {
    key: 'barcode',
    header: '条形码 barcode',
    required: false,
    example: '0012345678905',
    note: '商品条形码（GTIN/EAN/UPC），按文本填写，保留开头的 0；无条形码可留空 / the barcode (GTIN/EAN/UPC) as text, keeping leading zeros; may be left empty',
  },
  {
    key: 'unit',
    header: '计量单位 unit',
    required: true,
    example: '001',
    note: '3 位申报计量单位代码（JGS-20），如 001 台、011 件、035 千克 / the 3-digit JGS-20 unit code of the declared quantity, e.g. 001 set, 011 piece, 035 kg',
  },
  {
    key: 'legalUnit1',
    header: '法定第一单位 legalUnit1',
    required: true,
    example: '001',
    note: '商品编码对应的法定第一计量单位代码（3 位，JGS-20） / the commodity code’s first legal unit (3-digit JGS-20 code)',
  },
  {
    key: 'legalUnit2',
    header: '法定第二单位 legalUnit2',
    required: false,
    example: '',
    note: '商品编码有法定第二计量单位时填写（3 位，JGS-20），否则留空 / the second legal unit when the commodity code has one (3-digit JGS-20 code), else empty',
  },
  {
    key: 'price',
    header: '参考单价 price',
    required: true,
    example: '299.5',
    note: '每个计量单位的参考单价，数字，最多 4 位小数 / the reference price per unit, a number with at most 4 decimals',
  },
  {
    key: 'currency',
    header: '币制 currency',
    required: true,
    example: '502',
    note: '3 位币制代码（JGS-20），如 142 人民币、502 美元 / the 3-digit JGS-20 currency code, e.g. 142 CNY, 502 USD',
  },
  {
    key: 'retailImport',
    header: '跨境零售进口 retailImport',
    required: true,
    example: '是',
    note: '是否用于跨境电商零售进口（适用正面清单）：是 / 否 / whether the goods are filed for cross-border retail import (the positive list applies): 是 (yes) / 否 (no)',
  },
];

export interface WorkbookRow {
  /** the Excel row number as the user sees it (the header is row 1) */
  row: number;
  values: Record<ProductKey, string>;
}

export interface WorkbookProblem {
  row: number;
  field: string;
  /** what is wrong, Chinese first, English second */
  rule: string;
  actual?: string;
}

export type WorkbookErrorCode = 'NOT_XLSX' | 'TOO_LARGE' | 'NO_SHEET' | 'BAD_HEADER' | 'TOO_MANY_ROWS';

/** What was allowed and what the file had, for the refusal's detail. */
export interface WorkbookLimitDetail {
  /** the part of the upload at fault: `file` (its size), `file.unpacked`, `file.rows` */
  field: string;
  expected: string;
  actual: string;
}

/** The workbook as a whole cannot be read; the message is Chinese first, English second. */
export class WorkbookError extends Error {
  constructor(
    readonly code: WorkbookErrorCode,
    message: string,
    readonly detail?: WorkbookLimitDetail,
  ) {
    super(message);
    this.name = 'WorkbookError';
  }
}

export const PRODUCT_SHEET = '商品备案';
export const INSTRUCTIONS_SHEET = '填写说明 Instructions';
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_ROWS = 5_000;
/**
 * Unpacked bytes of the parts the reader inflates (sheet, shared strings, styles, workbook, relationships).
 * A full template — 5,000 rows of 14 columns with long names and declaration elements — unpacks to about
 * 5 MiB (2.5 MiB sheet, 2.4 MiB shared strings); 16 MiB leaves three times that. The old budget of 80 MiB
 * let 75 MiB of blank rows through (issue 13).
 */
export const DEFAULT_MAX_UNPACKED = 16 * 1024 * 1024;
/** The template's data validation and text format reach this many rows. */
const TEMPLATE_ROWS = DEFAULT_MAX_ROWS;
/** How far down the sheet the header row may be (title rows above it are skipped); rows, blank or not. */
const HEADER_SEARCH_ROWS = 10;
/** The 3-digit JGS-20 code columns: a number there is padded back to three digits. */
const CODE3: ReadonlySet<ProductKey> = new Set([
  'unit',
  'legalUnit1',
  'legalUnit2',
  'originCountry',
  'currency',
]);
/** GTIN lengths (GTIN-8, UPC-A, EAN-13, GTIN-14). */
const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

const MIB = 1024 * 1024;
const COLUMN_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const columnLetter = (i: number): string => COLUMN_LETTERS[i] ?? `#${i + 1}`;

// ---------------------------------------------------------------------------------------------------
// The template

const WIDTHS: Record<ProductKey, number> = {
  itemNo: 18,
  nameZh: 28,
  nameEn: 26,
  hsCode: 18,
  declarationElements: 56,
  originCountry: 16,
  brand: 14,
  barcode: 18,
  unit: 12,
  legalUnit1: 14,
  legalUnit2: 14,
  price: 12,
  currency: 12,
  retailImport: 14,
};

const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const OPTIONAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF9AA5B1' } };

/** exceljs's data validations by range (its typings omit them). */
type WithValidations = ExcelJS.Worksheet & {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
};

/**
 * The bulk filing template: sheet 商品备案 with the header row (bold, frozen, required columns
 * shaded), one example row, every column formatted as text (so codes keep their leading zeros) and
 * a 是/否 list on retailImport; sheet 填写说明 Instructions explains each column.
 */
export async function productTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Crossgate';
  const ws = wb.addWorksheet(PRODUCT_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  PRODUCT_COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(WIDTHS[c.key], c.header.length + 4);
    col.numFmt = '@'; // new cells in the column are text: 007 stays 007
    const head = ws.getCell(1, i + 1);
    head.value = c.header;
    head.font = { bold: true, color: { argb: c.required ? 'FF9C2A00' : 'FF000000' } };
    head.fill = c.required ? REQUIRED_FILL : OPTIONAL_FILL;
    head.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    head.note = `${c.required ? '必填 required' : '选填 optional'}\n${c.note}`;
    const example = ws.getCell(2, i + 1);
    example.numFmt = '@';
    if (c.example) example.value = c.example;
    example.font = { italic: true, color: { argb: 'FF7F7F7F' } };
  });
  ws.getRow(1).height = 34;
  const retail = PRODUCT_COLUMNS.findIndex((c) => c.key === 'retailImport');
  const letter = columnLetter(retail);
  (ws as WithValidations).dataValidations.add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, {
    type: 'list',
    allowBlank: true,
    formulae: ['"是,否"'],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '跨境零售进口 retailImport',
    error: '请选择“是”或“否” / choose 是 (yes) or 否 (no)',
  });

  const help = wb.addWorksheet(INSTRUCTIONS_SHEET);
  help.getColumn(1).width = 8;
  help.getColumn(2).width = 32;
  help.getColumn(3).width = 14;
  help.getColumn(4).width = 70;
  help.getColumn(5).width = 40;
  const lines = [
    '商品备案批量导入模板 · 填写说明 / Bulk product filing template · instructions',
    '1. 在「商品备案」工作表中每行填写一个商品；第 1 行是表头，请勿修改、删除或调换表头 / One product per row on sheet 商品备案; row 1 is the header: do not change, delete or reorder it.',
    '2. 第 2 行是示例，请覆盖或删除；与示例完全相同的行不会导入 / Row 2 is an example: overwrite or delete it; a row identical to the example is not imported.',
    '3. 各列已设为文本格式：代码请原样填写并保留开头的 0（如 007、0101210010）；从其他表格粘贴时请“选择性粘贴 → 值” / Every column is formatted as text: type codes as they are, keeping leading zeros; when pasting from elsewhere, paste values only.',
    `4. 每个文件表头下最多 ${DEFAULT_MAX_ROWS.toLocaleString('en-US')} 行（设置过格式的空行也计入）、${DEFAULT_MAX_BYTES / MIB} MiB；更多商品请分批导入 / At most ${DEFAULT_MAX_ROWS.toLocaleString('en-US')} rows below the header (formatted blank rows count too) and ${DEFAULT_MAX_BYTES / MIB} MiB per file; split larger lists.`,
    '5. 有问题的行不会导入，其余行照常导入；请按导入结果修改有问题的行后再次上传这些行 / Rows with problems are not imported, the others are; fix the rows listed in the import result and upload them again.',
    '6. 红色表头为必填列，灰色表头为选填列 / Red headers are required columns, grey headers optional.',
  ];
  lines.forEach((text, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = text;
    cell.font = i === 0 ? { bold: true, size: 14 } : { size: 10 };
    help.mergeCells(i + 1, 1, i + 1, 5);
  });
  const tableTop = lines.length + 2;
  ['列 Column', '表头 Header', '必填 Required', '填写说明 How to fill in', '示例 Example'].forEach(
    (text, i) => {
      const cell = help.getCell(tableTop, i + 1);
      cell.value = text;
      cell.font = { bold: true };
      cell.fill = OPTIONAL_FILL;
      cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    },
  );
  PRODUCT_COLUMNS.forEach((c, i) => {
    const row = help.getRow(tableTop + 1 + i);
    const values = [
      columnLetter(i),
      c.header,
      c.required ? '必填 required' : '选填 optional',
      c.note,
      c.example,
    ];
    values.forEach((v, j) => {
      const cell = row.getCell(j + 1);
      cell.numFmt = '@';
      cell.value = v;
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    });
  });
  help.views = [{ state: 'frozen', xSplit: 0, ySplit: tableTop, topLeftCell: `A${tableTop + 1}` }];

  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------
// The ZIP container, read before exceljs sees it

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  /** the unpacked size the central directory declares; inflation never goes past it */
  size: number;
  offset: number;
}

const notXlsx = (detail?: string): WorkbookError =>
  new WorkbookError(
    'NOT_XLSX',
    `文件不是可读取的 .xlsx 工作簿${detail ? `（${detail}）` : ''}；旧版 .xls、WPS .et 或加密的工作簿请先另存为 .xlsx / ` +
      'the file is not a readable .xlsx workbook; save .xls, .et or password-protected workbooks as a plain .xlsx first',
  );

/** The entries of a ZIP's central directory (ZIP64 included), by lower-cased name. */
function zipEntries(file: Buffer): Map<string, ZipEntry> {
  const minEocd = Math.max(0, file.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = file.length - 22; i >= minEocd; i--)
    if (file.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw notXlsx('ZIP 目录缺失');
  let count = file.readUInt16LE(eocd + 10);
  let cdOffset = file.readUInt32LE(eocd + 16);
  if (
    (count === 0xffff || cdOffset === 0xffffffff) &&
    eocd >= 20 &&
    file.readUInt32LE(eocd - 20) === 0x07064b50
  ) {
    const z64 = Number(file.readBigUInt64LE(eocd - 20 + 8));
    if (z64 + 56 > file.length || file.readUInt32LE(z64) !== 0x06064b50) throw notXlsx('ZIP64 目录损坏');
    count = Number(file.readBigUInt64LE(z64 + 32));
    cdOffset = Number(file.readBigUInt64LE(z64 + 48));
  }
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > file.length || file.readUInt32LE(p) !== 0x02014b50) throw notXlsx('ZIP 目录损坏');
    const flags = file.readUInt16LE(p + 8);
    const method = file.readUInt16LE(p + 10);
    let compressedSize = file.readUInt32LE(p + 20);
    const uncompressed32 = file.readUInt32LE(p + 24);
    let declared = uncompressed32;
    const nameLen = file.readUInt16LE(p + 28);
    const extraLen = file.readUInt16LE(p + 30);
    const commentLen = file.readUInt16LE(p + 32);
    let offset = file.readUInt32LE(p + 42);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > file.length) throw notXlsx('ZIP 目录损坏');
    const name = file.toString(flags & 0x0800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    // ZIP64: the sizes and offset that do not fit 32 bits are in extra field 0x0001, in this order.
    if (compressedSize === 0xffffffff || uncompressed32 === 0xffffffff || offset === 0xffffffff) {
      let e = p + 46 + nameLen;
      const extraEnd = e + extraLen;
      while (e + 4 <= extraEnd) {
        const id = file.readUInt16LE(e);
        const size = file.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let f = e + 4;
          const next = (): number => {
            if (f + 8 > e + 4 + size) throw notXlsx('ZIP64 字段损坏');
            const v = Number(file.readBigUInt64LE(f));
            f += 8;
            return v;
          };
          if (uncompressed32 === 0xffffffff) declared = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (offset === 0xffffffff) offset = next();
        }
        e += 4 + size;
      }
    }
    entries.set(name.replace(/^\/+/, '').toLowerCase(), {
      name,
      flags,
      method,
      compressedSize,
      size: declared,
      offset,
    });
    p = end;
  }
  return entries;
}

/** Reads ZIP entries, inflating each under what is left of a shared budget of unpacked bytes. */
class ZipParts {
  private spent = 0;

  constructor(
    private readonly file: Buffer,
    private readonly entries: Map<string, ZipEntry>,
    private readonly budget: number,
  ) {}

  has(path: string): boolean {
    return this.entries.has(path.toLowerCase());
  }

  /**
   * Refuses, before inflating any of them, parts whose declared sizes add up to more than what is left of
   * the budget (the directory is read, not trusted: read() stops at the declared size).
   */
  reserve(paths: readonly string[]): void {
    const named = [...new Set(paths.map((p) => p.toLowerCase()))]
      .map((p) => this.entries.get(p))
      .filter((e): e is ZipEntry => e !== undefined);
    const declared = named.reduce((sum, e) => sum + e.size, 0);
    if (declared > this.budget - this.spent)
      throw this.tooLarge(
        named
          .filter((e) => e.size > 0)
          .sort((a, b) => b.size - a.size)
          .map((e) => `${e.name} ${mib(e.size)}`)
          .join(', ') + ' (declared)',
      );
  }

  /** The entry's bytes, or null when there is no such entry. */
  read(path: string): Buffer | null {
    const e = this.entries.get(path.toLowerCase());
    if (!e) return null;
    const { file } = this;
    if (e.flags & 0x0001) throw notXlsx('工作簿已加密');
    if (e.offset + 30 > file.length || file.readUInt32LE(e.offset) !== 0x04034b50)
      throw notXlsx('ZIP 条目损坏');
    const left = this.budget - this.spent;
    if (e.size > left) throw this.tooLarge(`${e.name} ${mib(e.size)} (declared)`);
    const start = e.offset + 30 + file.readUInt16LE(e.offset + 26) + file.readUInt16LE(e.offset + 28);
    if (start + e.compressedSize > file.length) throw notXlsx('ZIP 条目损坏');
    const raw = file.subarray(start, start + e.compressedSize);
    let out: Buffer;
    if (e.method === 0) out = raw;
    else if (e.method === 8) {
      try {
        // One byte past the declared size is enough to tell a lying directory.
        out = inflateRawSync(raw, { maxOutputLength: e.size + 1 });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw sizeLie(e);
        throw notXlsx('ZIP 条目无法解压');
      }
    } else throw notXlsx(`不支持的压缩方式 ${e.method}`);
    if (out.length !== e.size) throw sizeLie(e);
    this.spent += out.length;
    return out;
  }

  private tooLarge(actual: string): WorkbookError {
    const limit = mib(this.budget);
    return new WorkbookError(
      'TOO_LARGE',
      `工作簿解压后超过 ${limit}，请只保留「${PRODUCT_SHEET}」工作表的数据后重新上传 / ` +
        `the workbook expands to more than ${limit}; keep only the data of sheet ${PRODUCT_SHEET} and upload again`,
      {
        field: 'file.unpacked',
        expected: `at most ${limit} unpacked (the sheet, shared strings, styles and workbook parts together)`,
        actual,
      },
    );
  }
}

const mib = (bytes: number): string => `${+(bytes / MIB).toFixed(bytes < MIB ? 3 : 1)} MiB`;

/** An entry that inflates to another size than the directory declares: a damaged or forged ZIP. */
const sizeLie = (e: ZipEntry): WorkbookError => notXlsx(`ZIP 条目 ${e.name} 解压后的大小与目录所记不符`);

/** A minimal uncompressed ZIP of the given files, in the given order. */
function storedZip(files: readonly (readonly [string, Buffer])[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(n.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, n, data);
    central.push(dir, n);
    offset += local.length + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

// ---------------------------------------------------------------------------------------------------
// The workbook's structure (OPC relationships), read with a few regular expressions: these parts are
// small and machine-written, and only a handful of attributes matter.

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlDecode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return XML_ENTITIES[e] ?? m;
  });
}

/** The attributes of every `<tag …>` element (any namespace prefix), local names as keys. */
function elements(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${tag}\\b([^>]*)>`, 'g');
  for (const m of xml.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      const local = a[2] as string;
      // r:id and sheetId both end in "id": keep the namespaced one as "r:id".
      attrs[a[1] ? `${a[1]}${local}` : local] = xmlDecode(a[3] ?? a[4] ?? '');
    }
    out.push(attrs);
  }
  return out;
}

/** Resolves a relationship target against the folder of the part that owns the relationships. */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relsPath(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function relationships(parts: ZipParts, owner: string): Relationship[] {
  const xml = parts.read(relsPath(owner))?.toString('utf8') ?? '';
  return elements(xml, 'Relationship').map((a) => ({
    id: a.Id ?? '',
    type: a.Type ?? '',
    target: resolvePart(owner, a.Target ?? ''),
  }));
}

interface SheetParts {
  /** the parts exceljs's streaming reader needs, in the order that lets it stream the sheet */
  zip: Buffer;
}

/** Picks the sheet (商品备案, else the first visible one) and packs what reading it needs. */
function sheetParts(file: Buffer, budget: number): SheetParts {
  const parts = new ZipParts(file, zipEntries(file), budget);
  const root = relationships(parts, '');
  const workbookPath =
    root.find((r) => r.type.endsWith('/officeDocument'))?.target ??
    (parts.has('xl/workbook.xml') ? 'xl/workbook.xml' : null);
  const workbookXml = workbookPath ? parts.read(workbookPath)?.toString('utf8') : undefined;
  if (!workbookPath || workbookXml === undefined) throw notXlsx('缺少 workbook 部件');
  const rels = relationships(parts, workbookPath);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets = elements(workbookXml, 'sheet')
    .map((a) => {
      const id = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
      const rel = byId.get(id);
      return {
        name: a.name ?? '',
        hidden: a.state === 'hidden' || a.state === 'veryHidden',
        path: rel && rel.type.endsWith('/worksheet') ? rel.target : null,
      };
    })
    .filter(
      (s): s is { name: string; hidden: boolean; path: string } => s.path !== null && parts.has(s.path),
    );
  const sheet =
    sheets.find((s) => s.name.trim() === PRODUCT_SHEET) ?? sheets.find((s) => !s.hidden) ?? sheets[0];
  if (!sheet)
    throw new WorkbookError(
      'NO_SHEET',
      `工作簿中没有工作表（应有「${PRODUCT_SHEET}」） / the workbook has no worksheet (expected ${PRODUCT_SHEET})`,
    );

  const targetOf = (suffix: string) => rels.find((r) => r.type.endsWith(suffix))?.target;
  const partOf = (suffix: string): Buffer | null => {
    const target = targetOf(suffix);
    return target ? parts.read(target) : null;
  };
  parts.reserve(
    [sheet.path, targetOf('/styles'), targetOf('/sharedStrings')].filter((p): p is string => !!p),
  );
  const styles = partOf('/styles');
  const sharedStrings = partOf('/sharedStrings') ?? Buffer.from(`<sst xmlns="${MAIN_NS}"/>`);
  const sheetXml = parts.read(sheet.path);
  if (!sheetXml) throw notXlsx('工作表缺失');
  const date1904 = /\bdate1904\s*=\s*["'](1|true)["']/.test(workbookXml);

  // The streaming reader streams a sheet only once it has the relationships and the shared strings
  // (otherwise it spools the sheet to a temporary file): they come first.
  const files: [string, Buffer][] = [
    [
      'xl/_rels/workbook.xml.rels',
      Buffer.from(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    ],
    [
      'xl/workbook.xml',
      Buffer.from(
        `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
          (date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>') +
          '<sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    ],
  ];
  if (styles) files.push(['xl/styles.xml', styles]);
  files.push(['xl/sharedStrings.xml', sharedStrings], ['xl/worksheets/sheet1.xml', sheetXml]);
  return { zip: storedZip(files) };
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

// ---------------------------------------------------------------------------------------------------
// Cells to text

type Read = { text: string } | { problem: string; actual?: string };

const PRECISION_LOST =
  '超过 15 位的数字已被 Excel 截断精度，请将该列设为文本后重新填写 / a number of more than 15 digits lost precision in Excel: format the column as text and type it again';

/**
 * A number as the user typed it: at most 15 significant digits (Excel's precision, so 12.5 stored as
 * 12.499999999999998 reads 12.5), never in exponent notation.
 */
export function plainNumber(n: number): string {
  if (n === 0) return '0';
  const [mantissa = '0', exp = '0'] = Math.abs(n).toExponential(14).split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  const point = Number(exp) + 1; // digits before the decimal point
  let s: string;
  if (point <= 0) s = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) s = digits + '0'.repeat(point - digits.length);
  else s = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return n < 0 ? `-${s}` : s;
}

function numberText(n: number, numFmt: string | undefined): Read {
  if (!Number.isFinite(n))
    return { problem: '单元格为错误值 / the cell holds an error value', actual: String(n) };
  if (Number.isInteger(n) && Math.abs(n) >= 1e15) return { problem: PRECISION_LOST, actual: plainNumber(n) };
  const s = plainNumber(n);
  // A format of zeros only ('000', '0000000000') displays the leading zeros: read what is displayed.
  const zeros = numFmt && /^0+$/.test(numFmt) ? numFmt.length : 0;
  return { text: zeros > 1 && Number.isInteger(n) && n >= 0 ? s.padStart(zeros, '0') : s };
}

function dateText(d: Date): string {
  const iso = Number.isNaN(d.getTime()) ? String(d) : d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

function richText(runs: readonly { text?: string | null }[]): string {
  return runs.map((r) => r.text ?? '').join('');
}

/** A cell's value as the text the user sees, before any column-specific reading. */
function cellValueText(value: ExcelJS.CellValue, numFmt: string | undefined): Read {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value.trim() };
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date)
    return {
      problem:
        '此处不应是日期，请将该列设为文本后重新填写 / a date where text is expected: format the column as text and type it again',
      actual: dateText(value),
    };
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return { text: richText(value.richText).trim() };
    if ('error' in value)
      return { problem: '单元格为错误值 / the cell holds an error value', actual: String(value.error) };
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null)
        return {
          problem:
            '公式没有计算结果，请在 Excel 中打开并保存后再上传 / the formula has no computed result: open and save the file in Excel first',
          actual: `=${(value as { formula?: string }).formula ?? ''}`,
        };
      if (typeof result === 'object' && !(result instanceof Date) && 'error' in result)
        return {
          problem: '公式结果为错误值 / the formula’s result is an error',
          actual: String(result.error),
        };
      return cellValueText(result as ExcelJS.CellValue, numFmt);
    }
    if ('text' in value) {
      const t = (value as { text: unknown }).text;
      if (typeof t === 'string') return { text: t.trim() };
      if (t && typeof t === 'object' && 'richText' in t)
        return { text: richText((t as { richText: { text?: string }[] }).richText).trim() };
    }
  }
  return { problem: '无法读取此单元格 / the cell cannot be read', actual: String(value) };
}

const YES = new Set(['是', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', 'n', 'no', 'false', '0']);

/** Reads one cell of a product column. */
function readCell(key: ProductKey, cell: ExcelJS.Cell | undefined): Read {
  if (!cell) return { text: '' };
  const value = cell.value;
  const base = cellValueText(value, cell.numFmt);
  if (!('text' in base)) return base;
  let text = base.text;
  const numeric =
    typeof value === 'number' ||
    (typeof value === 'object' && value !== null && 'result' in value && typeof value.result === 'number');
  if (numeric && /^\d+$/.test(text)) {
    if (CODE3.has(key) && text.length < 3) text = text.padStart(3, '0');
    if (key === 'hsCode' && text.length < 10)
      return {
        problem:
          '商品编码是数字格式，开头的 0 已被 Excel 去掉；请将该列设为文本后按 10 位重新填写 / the HS code is a number and Excel dropped its leading zeros: format the column as text and type all 10 digits',
        actual: text,
      };
    if (key === 'barcode' && !GTIN_LENGTHS.has(text.length))
      return {
        problem:
          '条形码是数字格式，开头的 0 可能已被 Excel 去掉；请将该列设为文本后重新填写 / the barcode is a number and Excel may have dropped its leading zeros: format the column as text and type it again',
        actual: text,
      };
  }
  if (key === 'retailImport' && text !== '') {
    const t = text.toLowerCase();
    if (YES.has(t)) text = 'true';
    else if (NO.has(t)) text = 'false';
    else return { problem: '应填写“是”或“否” / expected 是 (yes) or 否 (no)', actual: text };
  }
  return { text };
}

// ---------------------------------------------------------------------------------------------------
// The header

const normalise = (s: string): string =>
  s.replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/\s+/g, '').toLowerCase();

/** The Chinese label of a column's header ('商品编码(10位)'), and without its parenthesis ('商品编码'). */
function labels(c: ProductColumn): string[] {
  const zh = c.header.slice(0, c.header.lastIndexOf(' '));
  return [normalise(zh), normalise(zh.replace(/\([^)]*\)/g, ''))];
}

/** The column a header cell names: by its key ('hsCode', '商品编码(10位) hsCode') or its Chinese label. */
function headerKey(text: string): ProductKey | null {
  // The key is the header's last word in the template; a custom header may name other keys before it.
  const tokens = (text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []).map((t) => t.toLowerCase()).reverse();
  for (const t of tokens) {
    const byKey = PRODUCT_COLUMNS.find((c) => c.key.toLowerCase() === t);
    if (byKey) return byKey.key;
  }
  const n = normalise(text);
  return n ? (PRODUCT_COLUMNS.find((c) => labels(c).includes(n))?.key ?? null) : null;
}

/** The product columns a header row names, by Excel column number; throws BAD_HEADER when incomplete. */
function headerColumns(row: ExcelJS.Row): Map<ProductKey, number> {
  const found = new Map<ProductKey, number>();
  const duplicates: string[] = [];
  row.eachCell((cell, col) => {
    const read = cellValueText(cell.value, undefined);
    const key = 'text' in read ? headerKey(read.text) : null;
    if (!key) return;
    if (found.has(key)) duplicates.push(key);
    else found.set(key, col);
  });
  const missing = PRODUCT_COLUMNS.filter((c) => c.required && !found.has(c.key));
  if (missing.length > 0 || duplicates.length > 0) {
    const zh = [
      missing.length ? `缺少必填列：${missing.map((c) => c.header).join('、')}` : '',
      duplicates.length ? `重复的列：${duplicates.join('、')}` : '',
    ].filter(Boolean);
    const en = [
      missing.length ? `missing required columns: ${missing.map((c) => c.key).join(', ')}` : '',
      duplicates.length ? `duplicate columns: ${duplicates.join(', ')}` : '',
    ].filter(Boolean);
    throw new WorkbookError(
      'BAD_HEADER',
      `第 ${row.number} 行表头不完整，${zh.join('；')}（请使用商品备案模板） / the header row ${row.number} is incomplete: ${en.join('; ')} (use the product filing template)`,
    );
  }
  return found;
}

function rowHasKey(row: ExcelJS.Row): boolean {
  let any = false;
  row.eachCell((cell) => {
    const read = cellValueText(cell.value, undefined);
    if ('text' in read && headerKey(read.text)) any = true;
  });
  return any;
}

// ---------------------------------------------------------------------------------------------------
// Reading

const EXAMPLE = Object.fromEntries(
  PRODUCT_COLUMNS.map((c) => [c.key, c.key === 'retailImport' ? 'true' : c.example]),
) as Record<ProductKey, string>;

const REQUIRED = '必填 / required';

/**
 * Reads an uploaded product workbook: every data row under the header that has no reading problem,
 * and every problem by row and field (a bad row never stops the good ones). Throws WorkbookError when
 * the workbook as a whole cannot be read.
 */
export async function readProductWorkbook(
  file: Buffer,
  limits: { maxBytes?: number; maxRows?: number; maxUnpackedBytes?: number } = {},
): Promise<{ rows: WorkbookRow[]; problems: WorkbookProblem[] }> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRows = limits.maxRows ?? DEFAULT_MAX_ROWS;
  if (file.length > maxBytes) {
    const size = maxBytes >= MIB ? `${+(maxBytes / MIB).toFixed(2)} MiB` : `${maxBytes} 字节 bytes`;
    throw new WorkbookError('TOO_LARGE', `文件超过 ${size} 上限 / the file exceeds the ${size} limit`, {
      field: 'file',
      expected: `at most ${maxBytes} bytes`,
      actual: `${file.length} bytes`,
    });
  }
  if (file.length < 22 || file.readUInt32LE(0) !== 0x04034b50) throw notXlsx();
  const { zip } = sheetParts(file, limits.maxUnpackedBytes ?? DEFAULT_MAX_UNPACKED);
  const tooManyRows = (row: number, below: number, header: number) =>
    new WorkbookError(
      'TOO_MANY_ROWS',
      `表头下超过 ${maxRows} 行（空行也计入），请删除数据下方的空行或分批导入 / ` +
        `more than ${maxRows} rows below the header, blank rows included: delete the blank rows under the data or split the file`,
      {
        field: 'file.rows',
        expected: `at most ${maxRows} rows below the header (row ${header}), blank or not`,
        actual: Number.isFinite(row)
          ? `row ${row} is row ${below} below the header`
          : `${below} rows below the header`,
      },
    );

  const rows: WorkbookRow[] = [];
  const problems: WorkbookProblem[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(new PassThrough().end(zip), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let columns: Map<ProductKey, number> | null = null;
  let headerRow = 0;
  let seen = 0;
  let below = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (!columns) {
          // Every row element counts, blank or not, and so does the row number: the header is near the top.
          if (++seen > HEADER_SEARCH_ROWS || row.number > HEADER_SEARCH_ROWS) break;
          if (rowHasKey(row)) {
            columns = headerColumns(row);
            headerRow = row.number;
          }
          continue;
        }
        // Blank rows count too, by element and by number (a sparse sheet's numbers jump ahead).
        below += 1;
        const offset = Math.max(below, row.number - headerRow || 0);
        if (offset > maxRows) throw tooManyRows(row.number, offset, headerRow);
        const values = {} as Record<ProductKey, string>;
        const rowProblems: WorkbookProblem[] = [];
        let blank = true;
        for (const c of PRODUCT_COLUMNS) {
          const col = columns.get(c.key);
          const cell = col === undefined ? undefined : row.findCell(col);
          const read = readCell(c.key, cell);
          if ('text' in read) {
            values[c.key] = read.text;
            if (read.text !== '') blank = false;
          } else {
            values[c.key] = '';
            blank = false;
            rowProblems.push({ row: row.number, field: c.key, rule: read.problem, actual: read.actual });
          }
        }
        if (blank) continue;
        for (const c of PRODUCT_COLUMNS)
          if (c.required && values[c.key] === '' && !rowProblems.some((p) => p.field === c.key))
            rowProblems.push({ row: row.number, field: c.key, rule: REQUIRED });
        if (rowProblems.length === 0 && PRODUCT_COLUMNS.every((c) => values[c.key] === EXAMPLE[c.key]))
          rowProblems.push({
            row: row.number,
            field: 'itemNo',
            rule: '这是模板的示例行，未导入 / the template’s example row, not imported',
            actual: values.itemNo,
          });
        if (rowProblems.length > 0) problems.push(...rowProblems);
        else rows.push({ row: row.number, values });
      }
      break; // the synthetic workbook holds only the chosen sheet
    }
  } catch (err) {
    if (err instanceof WorkbookError) throw err;
    throw notXlsx('工作表内容无法解析');
  }
  if (!columns)
    throw new WorkbookError(
      'BAD_HEADER',
      `前 ${HEADER_SEARCH_ROWS} 行中找不到表头（请使用商品备案模板） / no header row in the first ${HEADER_SEARCH_ROWS} rows (use the product filing template)`,
    );
  return { rows, problems };
}

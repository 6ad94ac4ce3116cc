// Hand-made .xlsx files for tests: a ZIP written byte by byte, and a workbook of the few parts one sheet
// needs (for what exceljs will not write: hostile sheets, blank-row bombs, huge shared strings).
import { crc32, deflateRawSync } from 'node:zlib';
import { PRODUCT_SHEET } from '../../src/services/filing/product-workbook.ts';

export const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A ZIP of deflated entries in the given order (`level`: zlib's, its default when not given). */
export function zip(files: [string, Buffer | string][], level?: number): Buffer {
  const parts: Buffer[] = [];
  const dir: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const packed = level === undefined ? deflateRawSync(data) : deflateRawSync(data, { level });
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, n, packed);
    dir.push(central, n);
    offset += 30 + n.length + packed.length;
  }
  const cd = Buffer.concat(dir);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

/**
 * A workbook of one sheet 商品备案 whose sheet part is `sheet` (the whole worksheet XML); shared strings
 * only when given; `level` as for {@link zip}.
 */
export function oneSheetXlsx(
  sheet: Buffer | string,
  opts: { sharedStrings?: Buffer; level?: number } = {},
): Buffer {
  const { sharedStrings, level } = opts;
  return zip(
    [
      [
        '_rels/.rels',
        `<Relationships><Relationship Id="r" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ],
      [
        'xl/workbook.xml',
        `<workbook xmlns:r="${R}"><sheets><sheet name="${PRODUCT_SHEET}" sheetId="1" r:id="s"/></sheets></workbook>`,
      ],
      [
        'xl/_rels/workbook.xml.rels',
        `<Relationships><Relationship Id="s" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/>` +
          (sharedStrings
            ? `<Relationship Id="ss" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>`
            : '') +
          '</Relationships>',
      ],
      ['xl/worksheets/sheet1.xml', sheet],
      ...(sharedStrings ? ([['xl/sharedStrings.xml', sharedStrings]] as [string, Buffer][]) : []),
    ],
    level,
  );
}

// Bordered table cells for the printable documents, and row-by-row pagination that repeats the
// table's header on every page it continues on.
import { INK, RULE, SHADE, type Doc } from './document.ts';

export type Align = 'left' | 'center' | 'right';

export interface Cell {
  text: string;
  width: number;
  size: number;
  align?: Align;
  /** grey background (labels, table headers) */
  shade?: boolean;
  /** text colour; default black */
  color?: string;
}

/** Colours of the rules and of shaded cells; the defaults are the certificate's. */
export interface RowStyle {
  rule?: string;
  shade?: string;
}

const CELL_PAD_X = 3;
const CELL_PAD_Y = 3.5;
const LINE_GAP = 1;
/** A single cell is cut (with an ellipsis) past this height so one row can never outgrow a page. */
export const MAX_CELL_H = 180;

function cellTextHeight(doc: Doc, c: Cell): number {
  doc.fontSize(c.size);
  const h = doc.heightOfString(c.text || ' ', { width: c.width - 2 * CELL_PAD_X, lineGap: LINE_GAP });
  return Math.min(h, MAX_CELL_H);
}

/** The height of a row of cells: its tallest cell's text plus padding, at least `min`. */
export function rowHeight(doc: Doc, cells: readonly Cell[], min: number): number {
  return Math.max(min, ...cells.map((c) => cellTextHeight(doc, c) + 2 * CELL_PAD_Y));
}

/** Draws one row of bordered cells at (x, y) with the given height, text vertically centred. */
export function drawRow(
  doc: Doc,
  x: number,
  y: number,
  h: number,
  cells: readonly Cell[],
  style: RowStyle = {},
): void {
  let cx = x;
  for (const c of cells) {
    if (c.shade) doc.rect(cx, y, c.width, h).fill(style.shade ?? SHADE);
    doc
      .lineWidth(0.5)
      .rect(cx, y, c.width, h)
      .stroke(style.rule ?? RULE);
    const th = cellTextHeight(doc, c);
    doc
      .fillColor(c.color ?? INK)
      .fontSize(c.size)
      .text(c.text, cx + CELL_PAD_X, y + Math.max(CELL_PAD_Y, (h - th) / 2), {
        width: c.width - 2 * CELL_PAD_X,
        height: MAX_CELL_H,
        ellipsis: true,
        align: c.align ?? 'left',
        lineGap: LINE_GAP,
      });
    cx += c.width;
  }
}

export interface PagedRows {
  x: number;
  /** where the first row goes */
  y: number;
  rows: Iterable<readonly Cell[]>;
  /** minimum height of a row */
  minHeight: number;
  /** the lowest y a row may reach */
  bottom: number;
  /** the header drawn again at the top of every continuation page */
  head?: { cells: readonly Cell[]; height: number };
  /** draws the top of a fresh page (after `addPage`) and returns where the table continues */
  continuation: () => number;
  style?: RowStyle;
}

/** Draws the rows, starting a new page (and repeating the header) whenever a row would not fit; returns the y below the last row. */
export function drawPagedRows(doc: Doc, t: PagedRows): number {
  let y = t.y;
  for (const cells of t.rows) {
    const h = rowHeight(doc, cells, t.minHeight);
    if (y + h > t.bottom) {
      doc.addPage();
      y = t.continuation();
      if (t.head) {
        drawRow(doc, t.x, y, t.head.height, t.head.cells, t.style);
        y += t.head.height;
      }
    }
    drawRow(doc, t.x, y, h, cells, t.style);
    y += h;
  }
  return y;
}

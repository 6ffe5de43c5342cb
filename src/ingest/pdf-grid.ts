// The geometry shared by the PDF table readers (ruled and stream): the page content, the
// rebuilt blocks, snapping tolerances, grid lookups and paragraph lines. Points, origin at the
// page's top-left corner.
import { blockText, bottom, top, type Piece } from './pdf-text.js';

export interface HRule {
  y: number;
  x0: number;
  x1: number;
}
export interface VRule {
  x: number;
  y0: number;
  y1: number;
}

export interface PageContent {
  page: number;
  width: number;
  height: number;
  pieces: Piece[];
  h: HRule[];
  v: VRule[];
}

/** A cell of a rebuilt table: grid position, its box and its pieces of text. */
export interface PdfCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  box: [number, number, number, number];
  pieces: Piece[];
  text: string;
  page: number;
}

export interface PdfTable {
  kind: 'table';
  page: number;
  /** Column boundaries (left to right) and row boundaries (top to bottom). */
  xs: number[];
  ys: number[];
  cells: PdfCell[];
  /** How the columns were found. */
  method: 'lattice' | 'rows' | 'stream';
  box: [number, number, number, number];
  /** The first / last row has no ruling above / below it: a row the page break cut in two. */
  openTop: boolean;
  openBottom: boolean;
  /**
   * Left and right edges of the columns under which the last row ruling is missing, the table
   * being closed elsewhere: a cell merged down across the page break (Calc).
   */
  openUnder?: [number, number][];
  /** Rows drawn under a header table at other widths were placed on its columns (alignBands). */
  aligned?: boolean;
  /** Cell padding: text wraps this far before the right ruling. */
  pad: number;
  /** The page of the table's last part (a table joined across pages starts on `page`). */
  endPage: number;
}

export interface PdfParagraph {
  kind: 'paragraph';
  page: number;
  text: string;
  box: [number, number, number, number];
}

export type PdfBlock = PdfTable | PdfParagraph;

/** Coordinates closer than this are the same line (double borders, rounding). */
export const SNAP = 2;
/** Collinear rulings with a gap up to this are one ruling. */
export const JOIN = 3;
/** Share of a grid edge a ruling must cover for the edge to exist. */
const COVER = 0.6;

export function cluster(values: number[], tol = SNAP): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out.at(-1);
    if (last && v - last.at(-1)! <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

export function rowOf(ys: number[], y: number): number {
  for (let r = 0; r + 1 < ys.length; r++) if (y >= ys[r]! && y < ys[r + 1]!) return r;
  return -1;
}

/** The index of the value of xs nearest to x (the first of equally near ones). */
export function nearestIndex(xs: readonly number[], x: number): number {
  let best = 0;
  xs.forEach((v, i) => {
    if (Math.abs(v - x) < Math.abs(xs[best]! - x)) best = i;
  });
  return best;
}

export function colOf(xs: number[], x: number): number {
  for (let c = 0; c + 1 < xs.length; c++) if (x >= xs[c]! && x < xs[c + 1]!) return c;
  return -1;
}

export function covers(lo: number, hi: number, a: number, b: number): boolean {
  return Math.min(hi, b) - Math.max(lo, a) >= (b - a) * COVER;
}

/**
 * The most a wrapped paragraph's next line lies below its line, in ems (Writer's single line
 * spacing: 1.3–1.5).
 */
const WRAPPED_LINE = 1.8;

/** Paragraph lines of the text outside tables; a line that runs to the right margin continues. */
export function paragraphs(pieces: Piece[], page: number, right: number): PdfParagraph[] {
  // a line that runs to the right margin, and the next line close under it that starts no further
  // right, are one paragraph wrapped (年度目标：…预警信息处 | 置及时率达到98%以上…)
  const lines: Piece[][] = [];
  for (const line of groupLines(pieces)) {
    const prev = lines.at(-1);
    const size = line[0]!.size;
    if (
      prev &&
      Math.max(...prev.map((p) => p.x1)) >= right - size &&
      line[0]!.y - Math.max(...prev.map((p) => p.y)) <= size * WRAPPED_LINE &&
      Math.min(...line.map((p) => p.x0)) <= Math.min(...prev.map((p) => p.x0)) + size
    )
      prev.push(...line);
    else lines.push([...line]);
  }
  const out: PdfParagraph[] = [];
  for (const line of lines) {
    const text = blockText(line, right);
    if (text === '') continue;
    out.push({
      kind: 'paragraph',
      page,
      text,
      box: [
        Math.min(...line.map((p) => p.x0)),
        Math.min(...line.map(top)),
        Math.max(...line.map((p) => p.x1)),
        Math.max(...line.map(bottom)),
      ],
    });
  }
  return out;
}

export function groupLines(pieces: Piece[]): Piece[][] {
  const sorted = [...pieces].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: Piece[][] = [];
  for (const p of sorted) {
    const last = lines.at(-1);
    if (last && Math.abs(last[0]!.y - p.y) <= Math.min(last[0]!.size, p.size) * 0.45) last.push(p);
    else lines.push([p]);
  }
  return lines;
}

// Reads a PDF into the document model with pdf.js (pdfjs-dist, legacy build, in this thread).
// Per page: the text runs with their positions (getTextContent) and the ruling lines the page
// draws (getOperatorList: stroked paths and thin filled rectangles, through the transformation
// matrices in force); pdf-layout.ts rebuilds tables from them. A table that continues on the next
// page is joined into one table (repeated header rows, repeated titles and page numbers between
// the parts dropped). All pages form one part: forms may cross pages, and a PDF may hold many.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { origin } from '../model/document.js';
import type { Block, Cell, IngestNote, SourceDocument } from '../model/document.js';
import { RADICAL_EQUIVALENTS } from '../dict/cjk-radicals.js';
import { CHECKED_BOXES, EMPTY_BOXES, PAGE_WORDS, PAGE_WORDS_LATIN } from '../dict/grammar.js';
import { IngestError } from './errors.js';
import {
  pageBlocks,
  type PageContent,
  type HRule,
  type PdfBlock,
  type PdfCell,
  type PdfTable,
  type VRule,
} from './pdf-layout.js';
import { isWide, wrapsInto, type Piece } from './pdf-text.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type Matrix = [number, number, number, number, number, number];

let loaded: Promise<PdfJs> | null = null;

/**
 * pdf.js is loaded on the first PDF only (it costs a second of start-up), with its worker code
 * in this thread. The legacy build (the one that runs on Node 20) carries core-js polyfills that
 * replace built-ins for the whole process: Array.prototype.push, JSON.parse and JSON.stringify
 * become slower JavaScript versions (fixes for edge cases that neither pdf.js nor this project
 * meets; push alone took a tenth of the time of a PDF). The natives are put back once both
 * modules are loaded; what the polyfills add without replacing anything is left.
 */
function pdfjs(): Promise<PdfJs> {
  loaded ??= (async () => {
    const natives = {
      push: Object.getOwnPropertyDescriptor(Array.prototype, 'push')!,
      parse: Object.getOwnPropertyDescriptor(JSON, 'parse')!,
      stringify: Object.getOwnPropertyDescriptor(JSON, 'stringify')!,
    };
    const pdf = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // the fake worker takes the worker code from globalThis.pdfjsWorker instead of importing it
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??=
      await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    Object.defineProperty(Array.prototype, 'push', natives.push);
    Object.defineProperty(JSON, 'parse', natives.parse);
    Object.defineProperty(JSON, 'stringify', natives.stringify);
    return pdf;
  })();
  return loaded;
}

/** The package's data folders (CMaps for CJK fonts, standard fonts, decoders), read from disk. */
function dataDir(name: string): string {
  const build = path.dirname(fileURLToPath(import.meta.resolve('pdfjs-dist/legacy/build/pdf.mjs')));
  return path.join(build, '..', '..', name) + path.sep;
}

/** How long one PDF may take before it is given up (code `timeout`); a form takes under 1 s. */
export const PDF_DEADLINE_MS = 60_000;

/** Pages parsed concurrently (in this thread) while pdf.js waits for inflated streams. */
const PAGES_AT_ONCE = 4;

/** The most pages read from one PDF; a budget document with dozens of forms has a few hundred. */
export const MAX_PAGES = 2000;

const compose = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

interface Drawing {
  h: HRule[];
  v: VRule[];
  images: number;
}

/** Ruling lines of a page from its operator list, in page coordinates (top-left origin). */
function drawing(
  pdf: PdfJs,
  ops: { fnArray: number[]; argsArray: unknown[] },
  view: Matrix,
): Drawing {
  const { OPS } = pdf;
  const out: Drawing = { h: [], v: [], images: 0 };
  interface State {
    ctm: Matrix;
  }
  let state: State = { ctm: view };
  const stack: State[] = [];
  const STROKES = new Set([
    OPS.stroke,
    OPS.closeStroke,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  const FILLS = new Set([
    OPS.fill,
    OPS.eoFill,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  const IMAGES = new Set([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageMaskXObject,
    OPS.paintImageXObjectRepeat,
    OPS.paintImageMaskXObjectRepeat,
    OPS.paintSolidColorImageMask,
  ]);
  const segment = (a: [number, number], b: [number, number]): void => {
    const dx = Math.abs(a[0] - b[0]);
    const dy = Math.abs(a[1] - b[1]);
    if (dy <= 1 && dx > 1)
      out.h.push({ y: (a[1] + b[1]) / 2, x0: Math.min(a[0], b[0]), x1: Math.max(a[0], b[0]) });
    else if (dx <= 1 && dy > 1)
      out.v.push({ x: (a[0] + b[0]) / 2, y0: Math.min(a[1], b[1]), y1: Math.max(a[1], b[1]) });
  };
  const box = (points: [number, number][]): void => {
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const w = x1 - x0;
    const h = y1 - y0;
    if (h <= 3 && w > h * 2 && w > 1) out.h.push({ y: (y0 + y1) / 2, x0, x1 });
    else if (w <= 3 && h > w * 2 && h > 1) out.v.push({ x: (x0 + x1) / 2, y0, y1 });
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push({ ...state });
    else if (fn === OPS.restore) state = stack.pop() ?? state;
    else if (fn === OPS.transform) state.ctm = compose(state.ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push({ ...state });
      const m = args?.[0] as Matrix | null;
      if (Array.isArray(m) && m.length === 6) state.ctm = compose(state.ctm, m);
    } else if (fn === OPS.paintFormXObjectEnd) state = stack.pop() ?? state;
    else if (IMAGES.has(fn)) out.images++;
    else if (fn === OPS.constructPath) {
      const paint = args?.[0] as number;
      // Rulings count whatever their colour: a table drawn with white borders (an HTML export
      // with borderColorDark=#ffffff) still has its cells where the borders are.
      const stroked = STROKES.has(paint);
      const filled = FILLS.has(paint);
      if (!stroked && !filled) continue;
      const data = (args?.[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) continue;
      // Path data: 0 moveTo x y, 1 lineTo x y, 2 curveTo (6), 3 quadraticCurveTo (4), 4 closePath.
      let sub: [number, number][] = [];
      let curved = false;
      const flush = (closed: boolean): void => {
        if (sub.length >= 2 && !curved) {
          if (stroked) {
            for (let k = 1; k < sub.length; k++) segment(sub[k - 1]!, sub[k]!);
            if (closed) segment(sub.at(-1)!, sub[0]!);
          }
          if (filled && sub.length >= 3) box(sub);
        }
        sub = [];
        curved = false;
      };
      for (let k = 0; k < data.length;) {
        const op = data[k]!;
        if (op === 0) {
          flush(false);
          sub.push(apply(state.ctm, data[k + 1]!, data[k + 2]!));
          k += 3;
        } else if (op === 1) {
          sub.push(apply(state.ctm, data[k + 1]!, data[k + 2]!));
          k += 3;
        } else if (op === 2) {
          curved = true;
          k += 7;
        } else if (op === 3) {
          curved = true;
          k += 5;
        } else if (op === 4) {
          const first = sub[0];
          flush(true);
          if (first) sub.push(first);
          k += 1;
        } else break;
      }
      flush(false);
    }
  }
  return out;
}

/**
 * The page frame in which most of the text runs left to right. A page whose text is printed
 * sideways (a landscape table drawn rotated on a portrait page, or a page turned by /Rotate) is
 * turned so that the layout reads it as printed; coordinates stay in points.
 */
function upright(
  items: TextItem[],
  view: Matrix,
  width: number,
  height: number,
): { view: Matrix; width: number; height: number } {
  const votes = [0, 0, 0, 0]; // right, down, left, up
  for (const it of items) {
    if (!Array.isArray(it.transform) || typeof it.str !== 'string') continue;
    const [dx, dy] = [
      view[0] * it.transform[0]! + view[2] * it.transform[1]!,
      view[1] * it.transform[0]! + view[3] * it.transform[1]!,
    ];
    const k = Math.abs(dx) >= Math.abs(dy) ? (dx >= 0 ? 0 : 2) : dy >= 0 ? 1 : 3;
    votes[k]! += it.str.trim().length;
  }
  const best = votes.indexOf(Math.max(...votes));
  if (best === 0 || votes[best] === 0) return { view, width, height };
  const turn: Matrix =
    best === 1
      ? [0, -1, 1, 0, 0, width] // text running down: turn a quarter left
      : best === 3
        ? [0, 1, -1, 0, height, 0] // text running up: turn a quarter right
        : [-1, 0, 0, -1, width, height]; // upside down
  return best === 2
    ? { view: compose(turn, view), width, height }
    : { view: compose(turn, view), width: height, height: width };
}

/** What pdf.js reports of an annotation (the fields used here). */
interface Annotation {
  subtype?: string;
  fieldType?: string;
  fieldValue?: unknown;
  checkBox?: boolean;
  radioButton?: boolean;
  buttonValue?: unknown;
  rect?: number[];
  hidden?: boolean;
}

/**
 * The values of a fillable form's text and choice fields as text runs at the fields' places: a
 * filled-in PDF keeps what was typed in the fields (widget annotations), not in the page text.
 */
function fieldPieces(annotations: Annotation[], view: Matrix): Piece[] {
  const out: Piece[] = [];
  for (const a of annotations) {
    if (a.subtype !== 'Widget' || a.hidden || !Array.isArray(a.rect) || a.rect.length !== 4)
      continue;
    let value = Array.isArray(a.fieldValue) ? a.fieldValue.join(', ') : a.fieldValue;
    if (a.fieldType === 'Btn' && (a.checkBox || a.radioButton)) {
      // a tick box prints as the glyphs forms use for it, next to its printed option
      const on =
        typeof value === 'string' && value !== 'Off' && (!a.radioButton || value === a.buttonValue);
      value = on ? CHECKED_BOXES[0]! : EMPTY_BOXES[0]!;
    } else if (a.fieldType !== 'Tx' && a.fieldType !== 'Ch') continue;
    if (typeof value !== 'string' || value.trim() === '') continue;
    const [p, q] = [apply(view, a.rect[0]!, a.rect[1]!), apply(view, a.rect[2]!, a.rect[3]!)];
    const [left, right] = [Math.min(p[0], q[0]), Math.max(p[0], q[0])];
    const [top, bottom] = [Math.min(p[1], q[1]), Math.max(p[1], q[1])];
    const lines = foldRadicals(value).split(/\r\n?|\n/u);
    const step = (bottom - top) / lines.length;
    const size = Math.max(4, Math.min(12, step * 0.8));
    lines.forEach((line, k) => {
      const ems = [...line].reduce((n, c) => n + (isWide(c) ? 1 : 0.5), 0);
      const x0 = left + 2;
      out.push({
        text: line,
        x0,
        x1: Math.min(right - 1, x0 + ems * size),
        y: top + step * (k + 1) - size * 0.25,
        size,
        gap: false,
        font: 'form-field',
      });
    });
  }
  return out;
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

/** Characters a font with no usable Unicode mapping produces instead of text. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const GARBAGE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uE000-\uF8FF\uFFFD]/gu;

const RADICALS = /[\u2E80-\u2EF3\u2F00-\u2FD5]/gu;

/** Radical code points a font subset put for whole ideographs (居⺠ → 居民, ⽅ → 方). */
export function foldRadicals(text: string): string {
  return text.replace(RADICALS, (c) => RADICAL_EQUIVALENTS[c] ?? c.normalize('NFKC'));
}

/** Text runs of a page in page coordinates; fonts whose text is mostly garbage are dropped. */
function piecesOf(items: TextItem[], view: Matrix): { pieces: Piece[]; unmapped: Set<string> } {
  const pieces: Piece[] = [];
  const bad = new Map<string, { bad: number; all: number }>();
  for (const it of items) {
    if (typeof it.str !== 'string' || it.str === '' || !Array.isArray(it.transform)) continue;
    const t = it.transform as Matrix;
    const size = Math.hypot(t[2], t[3]) || it.height || 1;
    const len = Math.hypot(t[0], t[1]) || 1;
    const [x, y] = apply(view, t[4], t[5]);
    const [ex, ey] = apply(view, t[4] + (it.width * t[0]) / len, t[5] + (it.width * t[1]) / len);
    const gap = it.str.trim() === '' && it.height === 0;
    if (!gap) {
      const chars = [...it.str].filter((c) => c.trim() !== '');
      const count = bad.get(it.fontName) ?? { bad: 0, all: 0 };
      count.all += chars.length;
      count.bad += it.str.match(GARBAGE)?.length ?? 0;
      bad.set(it.fontName, count);
    }
    pieces.push({
      text: foldRadicals(it.str),
      x0: Math.min(x, ex),
      x1: Math.max(x, ex, x + 0.01),
      y: (y + ey) / 2,
      size,
      gap,
      font: it.fontName,
    });
  }
  const unmapped = new Set(
    [...bad].filter(([, c]) => c.all > 0 && c.bad / c.all >= 0.3).map(([f]) => f),
  );
  return {
    pieces: pieces
      .filter((p) => !unmapped.has(p.font))
      .map((p) => ({ ...p, text: p.text.replace(GARBAGE, '') })),
    unmapped,
  };
}

const round = (n: number): number => Math.round(n * 10) / 10;
const bbox = (b: [number, number, number, number]): [number, number, number, number] => [
  round(b[0]),
  round(b[1]),
  round(b[2]),
  round(b[3]),
];

/** Two table parts on consecutive pages with the same column frame (left and right edges). */
function continues(a: PdfTable, b: PdfTable): boolean {
  if (b.page !== a.endPage + 1 || a.method === 'stream' || b.method === 'stream') return false;
  const near = (p: number, q: number): boolean => Math.abs(p - q) <= 4;
  if (!near(a.xs[0]!, b.xs[0]!) || !near(a.xs.at(-1)!, b.xs.at(-1)!)) return false;
  const shared = b.xs.filter((x) => a.xs.some((y) => near(x, y))).length;
  return shared >= Math.min(a.xs.length, b.xs.length) * 0.6;
}

const rowText = (t: PdfTable, r: number): string =>
  t.cells
    .filter((c) => c.row === r)
    .map((c) => c.text.replace(/\s+/gu, ''))
    .join('|');

/**
 * A row the page break cut in two although both parts are ruled (LibreOffice Writer lets a row
 * break across pages): every cell holding text on both sides of the break wraps into its lower
 * part, and there is at least one such cell.
 */
function splitRow(
  a: PdfTable,
  b: PdfTable,
  lastRow: Map<number, PdfCell>,
  colAt: (x: number) => number,
): boolean {
  let pairs = 0;
  for (const c of b.cells) {
    if (c.row !== 0 || c.text === '') continue;
    const above = lastRow.get(colAt(c.box[0]));
    if (!above || colAt(above.box[2]) !== colAt(c.box[2])) return false;
    if (above.text === '') continue;
    if (!wrapsInto(above.pieces, above.box[2] - a.pad, c.pieces)) return false;
    pairs++;
  }
  return pairs > 0 && a.endPage + 1 === b.page;
}

/** Appends table b (the next page's part) to a: column boundaries unified, cells re-placed. */
function join(a: PdfTable, b: PdfTable): { table: PdfTable; headerRows: number } {
  // Header rows the next page repeats are dropped: the first rows of the new part that repeat,
  // cell for cell, a row of the part above with text in two cells or more (the table's head,
  // wherever it stood: a form's identity rows may come before the indicator header).
  const heads = new Set<string>();
  for (let r = 0; r < a.ys.length - 1; r++) {
    if (a.cells.filter((c) => c.row === r && c.text !== '').length >= 2) heads.add(rowText(a, r));
  }
  let skip = 0;
  const rowsB = b.ys.length - 1;
  while (skip < Math.min(3, rowsB) && heads.has(rowText(b, skip))) skip++;
  const xs: number[] = [];
  for (const x of [...a.xs, ...b.xs].sort((p, q) => p - q))
    if (xs.length === 0 || x - xs.at(-1)! > 4) xs.push(x);
  const colAt = (x: number): number => {
    let best = 0;
    xs.forEach((v, i) => {
      if (Math.abs(v - x) < Math.abs(xs[best]! - x)) best = i;
    });
    return best;
  };
  const rowsA = a.ys.length - 1;
  const place = (c: PdfCell, rowOffset: number): PdfCell => {
    const col = colAt(c.box[0]);
    return { ...c, row: c.row + rowOffset, col, colSpan: Math.max(1, colAt(c.box[2]) - col) };
  };
  const cells = a.cells.map((c) => place(c, 0));
  const lastRow = new Map<number, PdfCell>();
  for (const c of cells) if (c.row + c.rowSpan === rowsA) lastRow.set(c.col, c);
  // A row cut by the page break (open below on one page, above on the next) is one row: the
  // text of its lower part continues the text of its upper part.
  const cut = skip === 0 && ((a.openBottom && b.openTop) || splitRow(a, b, lastRow, colAt));
  const offset = rowsA - skip - (cut ? 1 : 0);
  for (const c of b.cells) {
    if (c.row < skip) continue;
    const placed = place(c, offset);
    const above = lastRow.get(placed.col);
    const sameColumns = above !== undefined && above.colSpan === placed.colSpan;
    if (c.row === skip && sameColumns && (cut || (placed.text === '' && above.text !== ''))) {
      // the part on the new page continues the cell above (a label spanning rows, a cut row)
      above.rowSpan += placed.rowSpan - (cut ? 1 : 0);
      if (placed.text !== '')
        above.text = above.text === '' ? placed.text : above.text + placed.text;
      continue;
    }
    cells.push(placed);
  }
  const ys = [
    ...a.ys,
    ...b.ys.slice(skip + 1 + (cut ? 1 : 0)).map((y) => y + 1e4 * (b.page - a.page)),
  ];
  return {
    table: {
      ...a,
      xs,
      ys,
      cells: cells.sort((p, q) => p.row - q.row || p.col - q.col),
      openBottom: b.openBottom,
      endPage: b.page,
    },
    headerRows: skip,
  };
}

/** Page numbering a printout puts in the margin: 第1页/共3页, 1/3, - 2 -, Page 2 of 3, a number. */
const PAGE_MARK = new RegExp(
  `^(?:(?:${PAGE_WORDS.nth}\\d+${PAGE_WORDS.page})?/?(?:${PAGE_WORDS.total}\\d+${PAGE_WORDS.page})?` +
    `|\\d{1,4}(?:/\\d{1,4})?|-\\d{1,4}-` +
    `|${PAGE_WORDS_LATIN.page}\\d{1,4}(?:${PAGE_WORDS_LATIN.of}\\d{1,4})?)$`,
  'iu',
);

const squash = (text: string): string => text.replace(/\s+/gu, '');

/** The most common font size of a page's text. */
function bodySize(content: PageContent): number {
  const counts = new Map<number, number>();
  for (const p of content.pieces) {
    if (p.gap) continue;
    const size = Math.round(p.size * 2) / 2;
    counts.set(size, (counts.get(size) ?? 0) + p.text.length);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** The top and bottom of a page where page numbers are looked for. */
const MARGIN_SHARE = 0.1;
/** The edge of the page where a printer's header and footer lines sit (6%: 50 pt on A4). */
const EDGE_SHARE = 0.06;

/**
 * Removes the header and footer lines a printout puts in the page margins: a line at the top or
 * bottom of its page that recurs at the same height on other pages (digits aside: 1/3, 2/3, a
 * date), or that is only a page number. Returns how many lines were removed.
 */
function dropFurniture(contents: PageContent[]): number {
  interface Edge {
    content: PageContent;
    pieces: Piece[];
    y: number;
    key: string;
  }
  const edges: Edge[] = [];
  for (const content of contents) {
    const lines = new Map<number, Piece[]>();
    const ruled = [...content.h.map((r) => r.y), ...content.v.flatMap((r) => [r.y0, r.y1])];
    const ruledTop = ruled.length > 0 ? Math.min(...ruled) : Infinity;
    const ruledBottom = ruled.length > 0 ? Math.max(...ruled) : -Infinity;
    for (const p of content.pieces) {
      if (p.gap || p.text.trim() === '') continue;
      // furniture is outside the page's ruled area (a repeated table head is not furniture)
      const inTop = p.y < Math.min(content.height * MARGIN_SHARE, ruledTop - 2);
      const inBottom = p.y > Math.max(content.height * (1 - MARGIN_SHARE), ruledBottom + 2);
      if (!inTop && !inBottom) continue;
      const y = [...lines.keys()].find((k) => Math.abs(k - p.y) <= p.size * 0.45) ?? p.y;
      lines.set(y, [...(lines.get(y) ?? []), p]);
    }
    // only the outermost line at each edge: furniture sits outside everything else
    const ys = [...lines.keys()].sort((a, b) => a - b);
    const outer = new Set(
      [ys[0], ys.at(-1)].filter(
        (y): y is number =>
          y !== undefined &&
          (y < content.height * MARGIN_SHARE
            ? content.pieces.every((p) => p.gap || p.y >= y - 1 || p.text.trim() === '')
            : content.pieces.every((p) => p.gap || p.y <= y + 1 || p.text.trim() === '')),
      ),
    );
    for (const y of outer) {
      const pieces = lines.get(y)!.sort((a, b) => a.x0 - b.x0);
      const key = pieces
        .map((p) => p.text)
        .join('')
        .replace(/\s+/gu, '')
        .replace(/\d+/gu, '#');
      edges.push({ content, pieces, y, key });
    }
  }
  const drop = edges.filter((e) => {
    const text = squash(e.pieces.map((p) => p.text).join(''));
    if (PAGE_MARK.test(text)) return true;
    // repeated lines only at the very edge, where printers put headers and footers and forms
    // never reach (a title repeated on each page sits lower, inside the page margin)
    const h = e.content.height;
    if (e.y > h * EDGE_SHARE && e.y < h * (1 - EDGE_SHARE)) return false;
    // and not in a type larger than the page's body text (a title is larger; a header smaller)
    if (Math.max(...e.pieces.map((p) => p.size)) > bodySize(e.content) + 0.5) return false;
    return edges.some(
      (o) => o !== e && o.content !== e.content && o.key === e.key && Math.abs(o.y - e.y) <= 3,
    );
  });
  for (const e of drop) {
    const gone = new Set(e.pieces);
    e.content.pieces = e.content.pieces.filter((p) => !gone.has(p));
  }
  return drop.length;
}

/** Turns a PDF into a SourceDocument: one part, blocks of every page in reading order. */
export async function ingestPdf(
  buf: Buffer,
  options: { deadlineMs: number } = { deadlineMs: PDF_DEADLINE_MS },
): Promise<{ doc: SourceDocument }> {
  const pdf = await pdfjs();
  const task = pdf.getDocument({
    data: new Uint8Array(buf), // a copy: pdf.js takes ownership of the bytes it is given
    cMapUrl: dataDir('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: dataDir('standard_fonts'),
    wasmUrl: dataDir('wasm'),
    isEvalSupported: false,
    disableFontFace: false,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy();
    const name = (err as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new IngestError(
        'encrypted',
        'The PDF is encrypted: it cannot be opened without a password.',
      );
    }
    const message = err instanceof Error ? err.message : String(err);
    throw new IngestError('corrupt_container', `The PDF cannot be read: ${message}`);
  }
  const notes: IngestNote[] = [];
  const blocks: PdfBlock[] = [];
  const contents: PageContent[] = [];
  let textPages = 0;
  const imagePages: number[] = [];
  const unmappedPages: number[] = [];
  try {
    const count = Math.min(doc.numPages, MAX_PAGES);
    if (doc.numPages > MAX_PAGES) {
      notes.push({
        code: 'truncated_document',
        severity: 'warning',
        message: `The PDF has ${doc.numPages} pages; only the first ${MAX_PAGES} were read.`,
        origin: null,
      });
    }
    // Pages are read a few at a time: pdf.js inflates streams asynchronously, and another
    // page's parsing fills that wait. Results are kept in page order.
    const read = async (n: number): Promise<void> => {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      // Annotations are left out of the drawing (a form field's box is no table ruling); the
      // values typed into a fillable form's fields are read from the fields themselves.
      const [text, ops, annotations] = await Promise.all([
        page.getTextContent({ includeMarkedContent: false, disableNormalization: true }),
        page.getOperatorList({ annotationMode: pdf.AnnotationMode.DISABLE }),
        page.getAnnotations({ intent: 'display' }) as Promise<Annotation[]>,
      ]);
      const items = text.items as TextItem[];
      const { view, width, height } = upright(
        items,
        viewport.transform as Matrix,
        viewport.width,
        viewport.height,
      );
      const { pieces, unmapped } = piecesOf(items, view);
      pieces.push(...fieldPieces(annotations, view));
      const lines = drawing(pdf, ops, view);
      const hasText = pieces.some((p) => !p.gap && p.text.trim() !== '');
      if (unmapped.size > 0) unmappedPages.push(n);
      if (hasText) textPages++;
      else if (lines.images > 0 && unmapped.size === 0) imagePages.push(n);
      contents[n - 1] = {
        page: n,
        width,
        height,
        pieces,
        h: lines.h,
        v: lines.v,
      };
      page.cleanup();
    };
    const started = performance.now();
    for (let first = 1; first <= count; first += PAGES_AT_ONCE) {
      const batch = [];
      for (let n = first; n < first + PAGES_AT_ONCE && n <= count; n++) batch.push(read(n));
      // a PDF that takes too long (a crafted content stream) is given up, not waited for
      const left = options.deadlineMs - (performance.now() - started);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>(
        (resolve) => (timer = setTimeout(() => resolve('late'), left)),
      );
      const outcome = await Promise.race([Promise.all(batch), late]).finally(() =>
        clearTimeout(timer),
      );
      if (outcome === 'late') {
        batch.forEach((p) => p.catch(() => undefined)); // they fail once the document is destroyed
        throw new IngestError(
          'timeout',
          `Reading the PDF took longer than ${options.deadlineMs / 1000} s (at page ${first} of ${count}); it was stopped.`,
        );
      }
    }
    unmappedPages.sort((a, b) => a - b);
    imagePages.sort((a, b) => a - b);
  } finally {
    await doc.destroy();
  }
  const furniture = dropFurniture(contents);
  if (furniture > 0) {
    notes.push({
      code: 'page_furniture_dropped',
      severity: 'info',
      message: `${furniture} header or footer line(s) printed in the page margins (page numbers, a printing date, a file path repeated on each page) were not read.`,
      origin: null,
    });
  }
  for (const content of contents) blocks.push(...pageBlocks(content));
  if (textPages === 0) {
    if (unmappedPages.length > 0) {
      throw new IngestError(
        'unmapped_font',
        "The PDF's text is in fonts with no usable Unicode mapping: it cannot be read as text.",
      );
    }
    throw new IngestError(
      'no_text_layer',
      imagePages.length > 0
        ? 'The PDF has no text layer: its pages are images (a scan); OCR is not done.'
        : 'The PDF has no text.',
    );
  }
  for (const n of imagePages) {
    notes.push({
      code: 'no_text_layer',
      severity: 'warning',
      message: `Page ${n} has no text layer (an image or a scan); it was not read.`,
      origin: origin({ page: n }),
    });
  }
  for (const n of unmappedPages) {
    notes.push({
      code: 'unmapped_font',
      severity: 'warning',
      message: `Page ${n} has text in a font with no usable Unicode mapping; that text was left out rather than read as garbage.`,
      origin: origin({ page: n }),
    });
  }
  return {
    doc: { parts: [{ sheet: null, hidden: false, blocks: toBlocks(blocks, notes) }], notes },
  };
}

/**
 * Page blocks → model blocks. A table part that continues on the next page (same column frame) is
 * joined to the part above when only page numbers lie between them, or when the new page repeats
 * lines printed before (the title) and the table's header rows: then those repeats are dropped.
 * A table after a repeated title without repeated header rows stays a table of its own (it may be
 * the next form; the extractor continues an indicator table across tables by itself).
 */
export function toBlocks(blocks: PdfBlock[], notes: IngestNote[]): Block[] {
  const merged: PdfBlock[] = [];
  const printed = new Set<string>();
  const repeated = new WeakSet<PdfBlock>();
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      const text = squash(block.text);
      if (printed.has(text)) repeated.add(block);
      printed.add(text);
      merged.push(block);
      continue;
    }
    let k = merged.length - 1;
    let repeats = false;
    while (k >= 0) {
      const b = merged[k]!;
      if (b.kind !== 'paragraph') break;
      const text = squash(b.text);
      if (PAGE_MARK.test(text)) k--;
      else if (repeated.has(b) && b.page === block.page) {
        repeats = true;
        k--;
      } else break;
    }
    const prev = k >= 0 ? merged[k] : undefined;
    if (prev?.kind === 'table' && continues(prev, block)) {
      const { table, headerRows } = join(prev, block);
      if (!repeats || headerRows > 0) {
        merged.splice(k);
        merged.push(table);
        notes.push({
          code: 'table_joined_across_pages',
          severity: 'info',
          message: `A table continues from page ${prev.endPage} to page ${block.page}; the parts were joined${headerRows > 0 ? ` and ${headerRows} repeated header row(s) dropped` : ''}.`,
          origin: origin({ page: block.page }),
        });
        continue;
      }
    }
    merged.push(block);
  }
  const out: Block[] = [];
  let tables = 0;
  let paragraphs = 0;
  for (const b of merged) {
    if (b.kind === 'paragraph') {
      paragraphs++;
      out.push({
        kind: 'paragraph',
        text: b.text,
        origin: origin({ paragraph: paragraphs, page: b.page, bbox: bbox(b.box) }),
      });
      continue;
    }
    tables++;
    if (b.method === 'stream') {
      notes.push({
        code: 'table_from_text_alignment',
        severity: 'info',
        message: `A table on page ${b.page} has no ruling lines; its cells were rebuilt from the alignment of the text.`,
        origin: origin({ page: b.page, table: tables }),
      });
    }
    const rowCount = Math.max(...b.cells.map((c) => c.row + c.rowSpan));
    const colCount = Math.max(...b.cells.map((c) => c.col + c.colSpan));
    const cells: Cell[] = b.cells.map((c) => ({
      row: c.row,
      col: c.col,
      rowSpan: c.rowSpan,
      colSpan: c.colSpan,
      text: c.text,
      origin: origin({
        table: tables,
        row: c.row + 1,
        col: c.col + 1,
        page: c.page,
        bbox: bbox(c.box),
      }),
    }));
    out.push({
      kind: 'table',
      rowCount,
      colCount,
      cells,
      origin: origin({ table: tables, page: b.page, bbox: bbox(b.box) }),
    });
  }
  return out;
}

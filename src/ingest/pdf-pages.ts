// A PDF's pages put together: a printer's header and footer lines dropped, tables that continue
// on the next page joined into one (repeated heads, cut rows and cut labels mended), and the
// page blocks turned into the document model's blocks with provenance (page, bounding box).
import { origin } from '../model/document.js';
import type { Block, Cell, IngestNote } from '../model/document.js';
import { PAGE_WORDS, PAGE_WORDS_LATIN } from '../dict/grammar.js';
import {
  SNAP,
  nearestIndex,
  type PageContent,
  type PdfBlock,
  type PdfCell,
  type PdfParagraph,
  type PdfTable,
} from './pdf-grid.js';
import { cutCategory, labelWithValue, onlyNote, readsAsTitle } from './pdf-labels.js';
import { ENUMERATED, wrapsInto, type Piece } from './pdf-text.js';

const round = (n: number): number => Math.round(n * 10) / 10;
const bbox = (b: [number, number, number, number]): [number, number, number, number] => [
  round(b[0]),
  round(b[1]),
  round(b[2]),
  round(b[3]),
];

/**
 * The page read after a page: the next one, or past the pages read beside their pages (a sheet
 * printed across, then down: 1 and 2, then 3 and 4, read as pages 1 and 3).
 */
export type NextPage = (page: number) => number;

/**
 * How table part b on the next page continues part a: with the same column frame (left and right
 * edges, most boundaries shared; or all of b's boundaries among a's), with the same number of
 * ruled columns laid out anew (Writer may size an auto-width table's columns again on the next
 * page: the left edge stays, the others move), on a's columns when both were read from their
 * text's alignment (streamOnto), or not at all.
 */
function continues(
  a: PdfTable,
  b: PdfTable,
  next: NextPage,
): 'frame' | 'columns' | 'stream' | null {
  if (b.page !== next(a.endPage)) return null;
  if (a.method === 'stream' || b.method === 'stream') {
    return a.method === b.method && streamOnto(b, a) !== null ? 'stream' : null;
  }
  const near = (p: number, q: number): boolean => Math.abs(p - q) <= 4;
  const sameLeft = near(a.xs[0]!, b.xs[0]!);
  const sameRight = near(a.xs.at(-1)!, b.xs.at(-1)!);
  const shared = b.xs.filter((x) => a.xs.some((y) => near(x, y))).length;
  if (sameLeft && sameRight && shared >= Math.min(a.xs.length, b.xs.length) * 0.6) return 'frame';
  // every boundary of b is one of a's, with one outer edge in common: the new page draws only
  // the indicator table's columns, a narrower frame than the part above, whose head rows had
  // more; or it draws no left edge, the first column being one cell (一级指标) running on
  if (shared === b.xs.length && b.xs.length >= 3 && (sameLeft || sameRight)) return 'frame';
  if (!sameLeft) return null;
  const ruled = a.method === 'lattice' && b.method === 'lattice';
  return ruled && a.xs.length === b.xs.length && a.xs.length >= 3 ? 'columns' : null;
}

/**
 * Part b of a table rebuilt from the alignment of its text (no rulings), placed on the columns of
 * the part above, or null when it is not the same table. The text of each page finds its columns
 * anew (a centred column may start a little elsewhere, a column with no text on a page is
 * missing), so the frame is compared loosely: three columns or more (a form's head of labels
 * and values is no continuation), the left edges within an em, and most of b's
 * column boundaries within an em of one of a's. Each cell's edges then go to a's boundaries
 * within an em of them, or to the edges of the columns of a they lie in; null when two cells of
 * a row would share a column, or b has more columns.
 */
function streamOnto(b: PdfTable, a: PdfTable): PdfTable | null {
  if (b.xs.length > a.xs.length || b.xs.length < 4) return null;
  const em = Math.max(...b.cells.flatMap((c) => c.pieces.map((p) => p.size)), 1);
  const near = (x: number): boolean => a.xs.some((y) => Math.abs(x - y) <= em);
  if (Math.abs(a.xs[0]! - b.xs[0]!) > em) return null;
  if (b.xs.slice(0, -1).filter(near).length < (b.xs.length - 1) * 0.6) return null;
  /**
   * The boundary of a that an edge of b is: the one within an em of it, else the start (or the
   * end) of the column of a it lies in.
   */
  const boundary = (x: number, end: boolean): number => {
    const best = nearestIndex(a.xs, x);
    if (Math.abs(a.xs[best]! - x) <= em) return best;
    let c = 0;
    while (c < a.xs.length - 2 && x >= a.xs[c + 1]!) c++;
    return end ? c + 1 : c;
  };
  const taken = new Set<string>();
  const cells: PdfCell[] = [];
  for (const c of b.cells) {
    const c0 = Math.min(boundary(b.xs[c.col]!, false), a.xs.length - 2);
    const c1 = Math.max(c0 + 1, boundary(b.xs[c.col + c.colSpan]!, true));
    for (let r = c.row; r < c.row + c.rowSpan; r++) {
      for (let k = c0; k < c1; k++) {
        const key = `${r},${k}`;
        if (taken.has(key)) return null;
        taken.add(key);
      }
    }
    cells.push({
      ...c,
      col: c0,
      colSpan: c1 - c0,
      box: [a.xs[c0]!, c.box[1], a.xs[c1]!, c.box[3]],
    });
  }
  return { ...b, xs: [...a.xs], cells, box: [a.xs[0]!, b.box[1], a.xs.at(-1)!, b.box[3]] };
}

/** A table whose cells' boxes lie on its column boundaries. */
function onGrid(t: PdfTable): PdfTable {
  return {
    ...t,
    cells: t.cells.map((c) => ({
      ...c,
      box: [t.xs[c.col]!, c.box[1], t.xs[c.col + c.colSpan]!, c.box[3]],
    })),
  };
}

/** Part b with its column boundaries moved onto a's, everything between them in proportion. */
function onColumnsOf(b: PdfTable, a: PdfTable): PdfTable {
  const to = (x: number): number => {
    let i = 0;
    while (i < b.xs.length - 2 && x > b.xs[i + 1]!) i++;
    const [b0, b1, a0, a1] = [b.xs[i]!, b.xs[i + 1]!, a.xs[i]!, a.xs[i + 1]!];
    return a0 + ((x - b0) / (b1 - b0 || 1)) * (a1 - a0);
  };
  const piece = (p: Piece): Piece => ({ ...p, x0: to(p.x0), x1: to(p.x1) });
  return {
    ...b,
    xs: [...a.xs],
    box: [to(b.box[0]), b.box[1], to(b.box[2]), b.box[3]],
    cells: b.cells.map((c) => ({
      ...c,
      box: [to(c.box[0]), c.box[1], to(c.box[2]), c.box[3]],
      pieces: c.pieces.map(piece),
    })),
  };
}

/** Each row's cells, in the table's order (one pass: a long table is joined page after page). */
function cellsByRow(t: PdfTable): Map<number, PdfCell[]> {
  const rows = new Map<number, PdfCell[]>();
  for (const c of t.cells) {
    const row = rows.get(c.row);
    if (row) row.push(c);
    else rows.set(c.row, [c]);
  }
  return rows;
}

const rowText = (cells: PdfCell[] | undefined): string =>
  (cells ?? []).map((c) => c.text.replace(/\s+/gu, '')).join('|');

/**
 * How the first row of b (after the `first` header rows it repeats) continues the last row of a
 * across the page break: `pairs`, the cells holding text on both sides whose upper part wraps
 * into the lower; `breaks`, those whose upper part ends a line that is not full (the row above
 * may have been complete), Infinity when the cells do not line up.
 */
function rowAcross(
  a: PdfTable,
  b: PdfTable,
  lastRow: Map<number, PdfCell>,
  colAt: (x: number) => number,
  first: number,
): { pairs: number; breaks: number } {
  let pairs = 0;
  let breaks = 0;
  for (const c of b.cells) {
    if (c.row !== first || c.text === '') continue;
    const above = lastRow.get(colAt(c.box[0]));
    if (!above || colAt(above.box[2]) !== colAt(c.box[2])) return { pairs: 0, breaks: Infinity };
    if (above.text === '') continue;
    // the same text on both sides is a label printed again on the new page (a spreadsheet
    // prints a level label on every row, or again where its merged cell goes on), not one text
    // wrapped across the break: the row above was complete
    if (squash(above.text) === squash(c.text)) breaks++;
    else if (wrapsInto(above.pieces, above.box[2] - a.pad, c.pieces)) pairs++;
    // a part starting with an enumerator ((二)…) may start a paragraph of the same cell
    else if (!ENUMERATED.test(c.text)) breaks++;
  }
  return { pairs, breaks };
}

/**
 * Whether paragraph `merged[k]`, between a table part and `next` (the next page's part), is the
 * label of a cell merged down across the break, printed again outside the table (Calc prints a
 * merged cell's text in the part of it on each page; clipped, it lands between the parts): the
 * nearest table before it, on the page before next, has a cell of that text reaching its last row.
 */
function redrawnLabel(merged: PdfBlock[], k: number, next: PdfTable, nextPage: NextPage): boolean {
  const paragraph = merged[k] as PdfParagraph;
  const text = squash(paragraph.text);
  let t = k - 1;
  while (t >= 0 && merged[t]!.kind === 'paragraph') t--;
  const table = merged[t];
  if (table?.kind !== 'table' || nextPage(table.endPage) !== next.page || text === '') return false;
  if (paragraph.page !== table.endPage && paragraph.page !== next.page) return false;
  const rows = table.ys.length - 1;
  return table.cells.some((c) => c.row + c.rowSpan === rows && squash(c.text) === text);
}

/**
 * Text printed inside a table's frame where the part on that page draws no cell: the label of a
 * column whose left edge the page does not draw (a level-1 cell merged down from the page
 * before, which Calc prints again, centred, on each page). Such a paragraph becomes the cell of
 * that column over the rows of the page that have none there.
 */
function placeStrayLabels(merged: PdfBlock[], notes: IngestNote[]): void {
  // the paragraphs after the last table (those before it were looked at when it came)
  for (let k = merged.length - 1; k >= 0; k--) {
    const paragraph = merged[k]!;
    if (paragraph.kind !== 'paragraph') break;
    const x = (paragraph.box[0] + paragraph.box[2]) / 2;
    const y = (paragraph.box[1] + paragraph.box[3]) / 2;
    const table = merged.findLast(
      (t): t is PdfTable =>
        t.kind === 'table' &&
        t.page < paragraph.page &&
        paragraph.page <= t.endPage &&
        t.xs[0]! < x &&
        x < t.xs.at(-1)!,
    );
    if (!table) continue;
    const col = table.xs.findIndex(
      (v, i) => i + 1 < table.xs.length && v < x && x < table.xs[i + 1]!,
    );
    const onPage = table.cells.filter((c) => c.page === paragraph.page);
    if (col < 0 || onPage.length === 0) continue;
    // the rows of that page with no cell in the column, around the paragraph
    const rows = [...new Set(onPage.flatMap((c) => range(c.row, c.row + c.rowSpan)))].sort(
      (a, b) => a - b,
    );
    const covered = (r: number): boolean =>
      table.cells.some(
        (c) => c.col <= col && col < c.col + c.colSpan && c.row <= r && r < c.row + c.rowSpan,
      );
    const top = (r: number): number =>
      Math.min(...onPage.filter((c) => c.row === r).map((c) => c.box[1]));
    const bottom = (r: number): number =>
      Math.max(...onPage.filter((c) => c.row + c.rowSpan - 1 === r).map((c) => c.box[3]));
    const free = rows.filter((r) => !covered(r));
    const at = free.findIndex((r) => top(r) <= y && y <= bottom(r));
    if (at < 0) continue;
    let [r0, r1] = [at, at];
    while (r0 > 0 && free[r0 - 1] === free[r0]! - 1) r0--;
    while (r1 + 1 < free.length && free[r1 + 1] === free[r1]! + 1) r1++;
    const first = free[r0]!;
    const last = free[r1]!;
    // an empty cell of the column ending right above, on the page before: the same merged cell
    const above = table.cells.find(
      (c) => c.col === col && c.colSpan === 1 && c.row + c.rowSpan === first && c.text === '',
    );
    if (above && above.page < paragraph.page) {
      above.rowSpan = last - above.row + 1;
      above.text = paragraph.text;
    } else
      table.cells.push({
        row: first,
        col,
        rowSpan: last - first + 1,
        colSpan: 1,
        box: [table.xs[col]!, top(first), table.xs[col + 1]!, bottom(last)],
        pieces: [],
        text: paragraph.text,
        page: paragraph.page,
      });
    table.cells.sort((p, q) => p.row - q.row || p.col - q.col);
    merged.splice(k, 1);
    notes.push({
      code: 'label_placed_in_column',
      severity: 'info',
      message: `On page ${paragraph.page}, "${paragraph.text}" printed in a column the page draws no cell for was read as that column's cell.`,
      origin: origin({ page: paragraph.page }),
    });
  }
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/**
 * Whether paragraph k lies beside the table before it, within the height of the table's cells on
 * the paragraph's page (text of a cell cut off at the page's edge, Writer's print of a table
 * wider than the page): it is read after the table and does not stand between the table and its
 * part on the next page.
 */
function besideTable(merged: PdfBlock[], k: number): boolean {
  const p = merged[k]!;
  let j = k - 1;
  while (j >= 0 && merged[j]!.kind === 'paragraph') j--;
  const t = merged[j];
  if (!t || t.kind !== 'table' || p.page < t.page || p.page > t.endPage) return false;
  const boxes = t.cells.filter((c) => c.page === p.page).map((c) => c.box);
  if (boxes.length === 0) return false;
  const top = Math.min(...boxes.map((b) => b[1]));
  const bottom = Math.max(...boxes.map((b) => b[3]));
  return p.box[1] >= top - SNAP && p.box[3] <= bottom + SNAP;
}

/** Appends table b (the next page's part) to a: column boundaries unified, cells re-placed. */
function join(a: PdfTable, b: PdfTable, next: NextPage): { table: PdfTable; headerRows: number } {
  // Header rows the next page repeats are dropped: the first rows of the new part that repeat,
  // cell for cell, a row of the part above with text in two cells or more (the table's head,
  // wherever it stood: a form's identity rows may come before the indicator header).
  const heads = new Set<string>();
  for (const [r, cells] of cellsByRow(a)) {
    if (r < a.ys.length - 1 && cells.filter((c) => c.text !== '').length >= 2)
      heads.add(rowText(cells));
  }
  let skip = 0;
  const rowsB = b.ys.length - 1;
  const byRowB = cellsByRow(b);
  while (skip < Math.min(3, rowsB) && heads.has(rowText(byRowB.get(skip)))) skip++;
  const xs: number[] = [];
  for (const x of [...a.xs, ...b.xs].sort((p, q) => p - q))
    if (xs.length === 0 || x - xs.at(-1)! > 4) xs.push(x);
  const colAt = (x: number): number => nearestIndex(xs, x);
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
  // Both parts ruled, the row breaks across pages (LibreOffice Writer lets a row break) when
  // every cell holding text on both sides wraps into its lower part, also under header rows the
  // new page repeats. Left open at the break, it is cut unless cells say the row above was
  // complete (a label merged down across the break leaves the edge open too): two of them, or
  // one beside another that runs on; one alone may just end a line of its own (≥1500户 |
  // （含续建项目）).
  const across = next(a.endPage) === b.page ? rowAcross(a, b, lastRow, colAt, skip) : null;
  const cut =
    across !== null &&
    ((across.pairs > 0 && across.breaks === 0) ||
      (skip === 0 &&
        a.openBottom &&
        b.openTop &&
        (across.breaks === 0 || (across.breaks === 1 && across.pairs === 0))));
  const offset = rowsA - skip - (cut ? 1 : 0);
  for (const c of b.cells) {
    if (c.row < skip) continue;
    const placed = place(c, offset);
    const above = lastRow.get(placed.col);
    const sameColumns = above !== undefined && above.colSpan === placed.colSpan;
    // a cell merged down across the break, its text drawn on the new page (the part above empty
    // and not ruled off below)
    const mergedDown =
      sameColumns &&
      above.text === '' &&
      placed.text !== '' &&
      (a.openUnder ?? []).some(([x0, x1]) => x0 < above.box[2] - SNAP && x1 > above.box[0] + SNAP);
    if (
      c.row === skip &&
      sameColumns &&
      (cut ||
        (placed.text === '' && above.text !== '') ||
        mergedDown ||
        (above.text !== '' && cutCategory(above.text, placed.text)))
    ) {
      // the part on the new page continues the cell above (a label spanning rows, a cut row)
      above.rowSpan += placed.rowSpan - (cut ? 1 : 0);
      if (placed.text !== '') {
        // the text runs on when the part above ends in a full line (or is a category name cut in
        // two); else (or at an enumerator) the part below starts a line of its own
        const runsOn =
          (wrapsInto(above.pieces, above.box[2] - a.pad, c.pieces) &&
            !ENUMERATED.test(placed.text)) ||
          (above.text !== '' && cutCategory(above.text, placed.text));
        if (above.text === '') above.text = placed.text;
        else above.text += (runsOn ? '' : '\n') + placed.text;
      }
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
      openUnder: b.openUnder,
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
function bodySize(content: Pick<PageContent, 'pieces'>): number {
  const counts = new Map<number, number>();
  for (const p of content.pieces) {
    if (p.gap) continue;
    const size = Math.round(p.size * 2) / 2;
    counts.set(size, (counts.get(size) ?? 0) + p.text.length);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** The address of a printed web page, as a browser prints it in the page's header or footer. */
const BROWSER_ADDRESS = /^(?:https?|file):\/\/\S+$/iu;
/** The date and time a browser prints at the start of its header line (11/30/26, 12:17 PM). */
const BROWSER_DATE =
  /^(?:\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}\/\d{1,2}\/\d{1,2}),?\d{1,2}:\d{2}(?:[AP]M)?/iu;

/** The top and bottom of a page where page numbers are looked for. */
const MARGIN_SHARE = 0.1;
/**
 * The edge of the page where header and footer lines sit (7.5%: 63 pt on A4): a printer's, and
 * a word processor's (Word's header 1.5 cm from the edge has its baseline at 51–56 pt), above
 * the body text of a page with a 2 cm margin or more.
 */
const EDGE_SHARE = 0.075;

/**
 * Removes the header and footer lines a printout puts in the page margins: a line at the top or
 * bottom of its page that recurs at the same height on other pages (digits aside: 1/3, 2/3, a
 * date), or that is only a page number. Returns how many lines were removed.
 */
export function dropFurniture(contents: PageContent[]): number {
  interface Edge {
    content: PageContent;
    pieces: Piece[];
    y: number;
    key: string;
  }
  const edges: Edge[] = [];
  for (const content of contents) {
    const lines = new Map<number, Piece[]>();
    // the page's ruled area: from its highest to its lowest ruling
    let ruledTop = Infinity;
    let ruledBottom = -Infinity;
    for (const r of content.h) {
      ruledTop = Math.min(ruledTop, r.y);
      ruledBottom = Math.max(ruledBottom, r.y);
    }
    for (const r of content.v) {
      ruledTop = Math.min(ruledTop, r.y0, r.y1);
      ruledBottom = Math.max(ruledBottom, r.y0, r.y1);
    }
    for (const p of content.pieces) {
      if (p.gap || p.text.trim() === '') continue;
      // furniture is outside the page's ruled area (a repeated table head is not furniture)
      const inTop = p.y < Math.min(content.height * MARGIN_SHARE, ruledTop - 2);
      const inBottom = p.y > Math.max(content.height * (1 - MARGIN_SHARE), ruledBottom + 2);
      if (!inTop && !inBottom) continue;
      let line: Piece[] | undefined;
      for (const [y, pieces] of lines) {
        if (Math.abs(y - p.y) <= p.size * 0.45) {
          line = pieces;
          break;
        }
      }
      if (line) line.push(p);
      else lines.set(p.y, [p]);
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
  const documentBody = bodySize({ pieces: contents.flatMap((c) => c.pieces) });
  const drop = edges.filter((e) => {
    const text = squash(e.pieces.map((p) => p.text).join(''));
    if (PAGE_MARK.test(text)) return true;
    // repeated lines only at the very edge, where printers put headers and footers and forms
    // never reach (a title repeated on each page sits lower, inside the page margin)
    const h = e.content.height;
    if (e.y > h * EDGE_SHARE && e.y < h * (1 - EDGE_SHARE)) return false;
    // a browser's footer naming the page's address (file:///…/form.html 1/1) and its header
    // starting with the date and time of printing, also on a document of one page, where
    // nothing repeats (NFKC: the ﬁ of file:// may be printed as a ligature)
    const plain = text.normalize('NFKC');
    if (BROWSER_ADDRESS.test(plain) || (e.y < h * EDGE_SHARE && BROWSER_DATE.test(plain)))
      return true;
    // and not in a type much larger than the page's body text (a title is; a header is
    // smaller, or a little larger: Calc prints its header at 10 pt over a sheet set in 9 pt)
    const size = Math.max(...e.pieces.map((p) => p.size));
    if (size > bodySize(e.content) * 1.25 + 0.5) return false;
    // nor a form's title in the document's body type (a pack of forms printed one per page
    // repeats it at the same height; a browser's header line naming the page is smaller)
    const folded = text.normalize('NFKC');
    if (size >= documentBody - 0.5 && readsAsTitle(folded)) return false;
    return edges.some(
      (o) => o !== e && o.content !== e.content && o.key === e.key && Math.abs(o.y - e.y) <= 3,
    );
  });
  // A spreadsheet's header: Calc prints the sheet's name centred some 67 pt down, over a footer
  // `Page 1`. A line a little below the very edge is a header too when it reads as a sheet's
  // name (one short run of 31 characters at most, as sheet names are, centred on the page; no
  // label with a colon as 单位：万元, no bracketed note, no title) and every page numbered at
  // its foot has such a line at that height (each sheet its own name).
  const numbered = new Set(
    drop
      .filter(
        (e) =>
          e.y > e.content.height * (1 - MARGIN_SHARE) &&
          PAGE_MARK.test(squash(e.pieces.map((p) => p.text).join(''))),
      )
      .map((e) => e.content),
  );
  const sheetName = (e: Edge): boolean => {
    const h = e.content.height;
    if (drop.includes(e) || e.y <= h * EDGE_SHARE || e.y >= h * MARGIN_SHARE) return false;
    const text = squash(e.pieces.map((p) => p.text).join('')).normalize('NFKC');
    const x0 = Math.min(...e.pieces.map((p) => p.x0));
    const x1 = Math.max(...e.pieces.map((p) => p.x1));
    const size = Math.max(...e.pieces.map((p) => p.size));
    const gaps = e.pieces.some((p, i) => i > 0 && p.x0 - e.pieces[i - 1]!.x1 > p.size * 1.5);
    return (
      [...text].length <= 31 &&
      !gaps &&
      Math.abs((x0 + x1) / 2 - e.content.width / 2) <= e.content.width * 0.05 &&
      !labelWithValue(text) &&
      !onlyNote(text) &&
      size <= bodySize(e.content) * 1.25 + 0.5 &&
      !readsAsTitle(text)
    );
  };
  const names = edges.filter(sheetName);
  const headers = names.filter((e) => {
    const pages = new Set(names.filter((o) => Math.abs(o.y - e.y) <= 3).map((o) => o.content));
    return (
      numbered.size >= 2 &&
      pages.has(e.content) &&
      numbered.has(e.content) &&
      [...numbered].every((c) => pages.has(c))
    );
  });
  drop.push(...headers);
  for (const e of drop) {
    const gone = new Set(e.pieces);
    e.content.pieces = e.content.pieces.filter((p) => !gone.has(p));
  }
  return drop.length;
}

/**
 * Page blocks → model blocks. A table part that continues on the next page (same column frame) is
 * joined to the part above when only page numbers lie between them, or when the new page repeats
 * lines printed before (the title) and the table's header rows: then those repeats are dropped.
 * A table after a repeated title without repeated header rows stays a table of its own (it may be
 * the next form; the extractor continues an indicator table across tables by itself).
 */
export function toBlocks(
  blocks: PdfBlock[],
  notes: IngestNote[],
  next: NextPage = (page) => page + 1,
): Block[] {
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
    placeStrayLabels(merged, notes);
    let k = merged.length - 1;
    let repeats = false;
    const redraws: PdfParagraph[] = [];
    const beside: PdfBlock[] = [];
    while (k >= 0) {
      const b = merged[k]!;
      if (b.kind !== 'paragraph') break;
      const text = squash(b.text);
      if (PAGE_MARK.test(text)) k--;
      else if (repeated.has(b) && b.page === block.page) {
        repeats = true;
        k--;
      } else if (redrawnLabel(merged, k, block, next)) {
        redraws.push(b);
        k--;
      } else if (besideTable(merged, k)) {
        beside.unshift(b);
        k--;
      } else break;
    }
    const prev = k >= 0 ? merged[k] : undefined;
    const how = prev?.kind === 'table' ? continues(prev, block, next) : null;
    // a part laid out anew joins only straight after the part above (no repeated title)
    if (prev?.kind === 'table' && how && (how === 'frame' || !repeats)) {
      const part =
        how === 'frame'
          ? block
          : how === 'stream'
            ? streamOnto(block, prev)!
            : onColumnsOf(block, prev);
      // (a part read from its text's alignment is joined on its own columns: a centred cell's
      // box, which takes in all of its text, would reach into the column left of it)
      const { table, headerRows } = join(how === 'stream' ? onGrid(prev) : prev, part, next);
      if (!repeats || headerRows > 0) {
        merged.splice(k);
        merged.push(table, ...beside);
        if (redraws.length > 0) {
          notes.push({
            code: 'page_furniture_dropped',
            severity: 'info',
            message: `${redraws.length} label(s) of a cell merged across the page break, printed again between the parts of the table on pages ${prev.endPage}–${block.page}, were not read twice.`,
            origin: origin({ page: block.page }),
          });
        }
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
  placeStrayLabels(merged, notes);
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
    if (b.aligned) {
      notes.push({
        code: 'table_columns_aligned',
        severity: 'info',
        message: `On page ${b.page}, rows drawn as a table of their own under a header row with other column widths were placed on the header's columns.`,
        origin: origin({ page: b.page, table: tables }),
      });
    }
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

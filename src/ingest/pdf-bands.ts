// A sheet printed wider than its paper: the columns that do not fit go on later pages. Calc and
// Excel print down, then across (pages 1–3 hold the left columns of the sheet's rows, pages 4–6
// the right columns of the same rows), or across, then down (1 and 2, then 3 and 4), and each
// part is ruled where the sheet's cells are. A page whose row rulings lie where an earlier page's
// lie, under other column rulings, continues that page to the right: its content is moved beside
// it, and the two are read as one page.
import type { Block } from '../model/document.js';
import { cluster, type PageContent } from './pdf-grid.js';
import { midX, splitPiece, type Piece } from './pdf-text.js';

/** Row rulings of the two pages closer than this are the same sheet row boundary. */
const SAME_ROW = 1;
/**
 * Share of the later page's row rulings that must lie on the earlier page's (and of the column
 * rulings two pages share when they hold the same columns).
 */
const ROWS_SHARED = 0.8;
/** The part of its paper's width an earlier page's table reaches when columns did not fit. */
const FILLED = 0.75;
/** Left edges of the two parts' tables closer than this are the same page margin. */
const SAME_MARGIN = 4;
/**
 * How many of the pages read so far (a joined page counted once) the page a page continues may
 * lie among.
 */
const WINDOW = 64;
/** Texts printed alike at the same places that make two pages two prints of one template. */
const SAME_TEXTS = 2;
/** Fewer row rulings than this on a page say nothing of which rows it holds. */
const MIN_ROWS = 4;

/** One page moved beside another: its content now lies `dx` further right, right of `seam`. */
export interface BandJoin {
  page: number;
  into: number;
  dx: number;
  seam: number;
}

const rowsOf = (c: PageContent): number[] => cluster(c.h.map((r) => r.y));
const columnsOf = (c: PageContent): number[] => cluster(c.v.map((r) => r.x));

/**
 * The characters of a piece on one side of the seam: the piece itself when it lies wholly there,
 * nothing when wholly on the other side, else the characters whose middle is on that side.
 */
function side(p: Piece, seam: number, left: boolean): Piece[] {
  if (left ? p.x1 <= seam : p.x0 >= seam) return [p];
  if (left ? p.x0 >= seam : p.x1 <= seam) return [];
  const kept = splitPiece(p).filter((c) => midX(c) < seam === left);
  if (kept.length === 0) return [];
  return [{ ...p, text: kept.map((c) => c.text).join(''), x0: kept[0]!.x0, x1: kept.at(-1)!.x1 }];
}

function shared(a: number[], b: number[]): number {
  return a.filter((y) => b.some((z) => Math.abs(y - z) <= SAME_ROW)).length;
}

/**
 * True when the two pages print the same text at the same places inside their tables (the
 * labels of one template filled in twice: two forms, each on a page of its own), which the
 * columns of a sheet printed on two pages never do.
 */
function sameText(p: PageContent, q: PageContent, frame: { rows: number[] }): boolean {
  const top = Math.min(...frame.rows);
  const bottom = Math.max(...frame.rows);
  let same = 0;
  for (const piece of q.pieces) {
    if (piece.gap || piece.text.trim() === '' || piece.y < top || piece.y > bottom) continue;
    const twin = p.pieces.some(
      (o) =>
        o.text === piece.text &&
        Math.abs(o.y - piece.y) <= SAME_ROW &&
        Math.abs(o.x0 - piece.x0) <= SAME_MARGIN,
    );
    if (twin && ++same >= SAME_TEXTS) return true;
  }
  return false;
}

/**
 * Joins the pages that continue an earlier page to the right into it; returns the pages left
 * and the joins made. A page joins the first earlier page of the same size (among the last
 * WINDOW read) whose row rulings hold nearly all of its own, when its column rulings are not
 * that page's (a table continued down the next page has the columns of the page before and other
 * rows), both tables start at the same left margin, the earlier one reaches across most of its
 * paper, the two do not print the same texts at the same places (two forms of one template) and
 * the earlier page took no page of these columns yet (the first page of a band of pages goes
 * beside the first of the band before it, the second beside the second).
 */
export function joinBands(contents: PageContent[]): {
  contents: PageContent[];
  joins: BandJoin[];
} {
  const kept: PageContent[] = [];
  const joins: BandJoin[] = [];
  // (a page's size before pages were joined into it)
  const size = new Map(contents.map((c) => [c.page, `${c.width}x${c.height}`]));
  // each page's row and column rulings, and its table's left and right ends (again once a
  // page was joined into it)
  const frames = new Map<PageContent, { rows: number[]; cols: number[]; x0: number; x1: number }>();
  const frame = (c: PageContent) => {
    let f = frames.get(c);
    if (!f) {
      const xs = c.v.map((r) => r.x);
      f = { rows: rowsOf(c), cols: columnsOf(c), x0: Math.min(...xs), x1: Math.max(...xs) };
      frames.set(c, f);
    }
    return f;
  };
  const sameColumns = (a: number[], b: number[]): boolean =>
    shared(a, b) >= a.length * ROWS_SHARED && shared(b, a) >= b.length * ROWS_SHARED;
  // the column rulings of the pages joined into each page so far
  const taken = new Map<PageContent, number[][]>();
  for (const q of contents) {
    const own = frame(q);
    const into =
      own.rows.length >= MIN_ROWS && q.v.length > 0
        ? kept.slice(-WINDOW).find((p) => {
            if (size.get(p.page) !== size.get(q.page) || p.v.length === 0) return false;
            if ((taken.get(p) ?? []).some((cols) => sameColumns(cols, own.cols))) return false;
            const theirs = frame(p);
            // the same rows under other columns (most of this page's column rulings among the
            // earlier page's: the same table going on down the pages, or the same template); both
            // parts start at the paper's left margin, and the earlier one fills its width
            return (
              shared(own.rows, theirs.rows) >= own.rows.length * ROWS_SHARED &&
              shared(own.cols, theirs.cols) < own.cols.length * ROWS_SHARED &&
              theirs.x1 >= q.width * FILLED &&
              Math.abs(theirs.x0 - own.x0) <= SAME_MARGIN &&
              !sameText(p, q, own)
            );
          })
        : undefined;
    if (!into) {
      kept.push({ ...q, pieces: [...q.pieces], h: [...q.h], v: [...q.v] });
      continue;
    }
    taken.set(into, [...(taken.get(into) ?? []), own.cols]);
    // the seam: the right end of the earlier page's rulings meets the left end of this page's
    const seam = Math.max(...into.v.map((r) => r.x), ...into.h.map((r) => r.x1));
    const dx = seam - Math.min(...q.v.map((r) => r.x), ...q.h.map((r) => r.x0));
    // the text of a cell across the seam is printed on both pages, each leaving out what falls
    // beyond its paper: the earlier page gives the characters left of the seam, this page those
    // right of it (text above and below the tables, a title or a date line, is left whole)
    const rows = frame(q).rows;
    const inTable = (p: Piece): boolean => p.y >= rows[0]! && p.y <= rows.at(-1)!;
    into.pieces = into.pieces.flatMap((p) => (inTable(p) ? side(p, seam, true) : [p]));
    // a page's header and footer lines (Calc prints the sheet's name and a page number on each
    // page) once, as the earlier page has them
    const top = Math.min(...q.h.map((r) => r.y), ...q.v.map((r) => Math.min(r.y0, r.y1)));
    const bottom = Math.max(...q.h.map((r) => r.y), ...q.v.map((r) => Math.max(r.y0, r.y1)));
    const repeated = (piece: Piece): boolean =>
      (piece.y < top || piece.y > bottom) &&
      into.pieces.some((o) => o.text === piece.text && Math.abs(o.y - piece.y) <= SAME_ROW);
    for (const piece of q.pieces) {
      if (repeated(piece)) continue;
      const moved = { ...piece, x0: piece.x0 + dx, x1: piece.x1 + dx };
      const parts = inTable(moved) ? side(moved, seam, false) : [moved];
      for (const part of parts) {
        if (part.x0 > seam + part.size) {
          into.pieces.push(part);
          continue;
        }
        // a character on the seam that both pages printed (the two prints may lie a point or
        // two apart) is read once
        const first = splitPiece(part)[0]!;
        const twin = into.pieces.some((o) => {
          if (Math.abs(o.y - part.y) > SAME_ROW || o.x1 > part.x0 + part.size) return false;
          const last = splitPiece(o).at(-1)!;
          return last.text === first.text && Math.abs(midX(last) - midX(first)) < part.size / 2;
        });
        if (!twin) into.pieces.push(part);
        else if (part.text.length > first.text.length)
          into.pieces.push({ ...part, text: part.text.slice(first.text.length), x0: first.x1 });
      }
    }
    into.h.push(...q.h.map((r) => ({ ...r, x0: r.x0 + dx, x1: r.x1 + dx })));
    into.v.push(...q.v.map((r) => ({ ...r, x: r.x + dx })));
    into.width += dx;
    frames.delete(into);
    joins.push({ page: q.page, into: into.page, dx, seam });
  }
  return { contents: kept, joins };
}

/**
 * Gives what was read from a joined page back its own page: a cell or paragraph wholly right of
 * the seam lies on the page that was moved, at its place there; one across the seam (a title
 * merged over all the columns) stays on the earlier page. Done on the blocks of the document, once
 * the pages' tables were put together with the pages as read.
 */
export function placeBands(blocks: Block[], joins: BandJoin[]): void {
  // the rightmost band first: what it takes back is not taken again by the band left of it
  for (const join of [...joins].reverse()) {
    const place = (o: Block['origin']): void => {
      if (o.page !== join.into || o.bbox === null || o.bbox[0] < join.seam - 1) return;
      o.page = join.page;
      o.bbox = [o.bbox[0] - join.dx, o.bbox[1], o.bbox[2] - join.dx, o.bbox[3]];
    };
    for (const block of blocks) {
      place(block.origin);
      if (block.kind === 'table') for (const cell of block.cells) place(cell.origin);
    }
  }
}

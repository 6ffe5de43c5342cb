// Tables of one PDF page rebuilt from what the page draws. PDF has no table structure: a table is
// ruling lines (stroked paths or thin filled rectangles) and text placed between them.
// - Lattice: rows between horizontal rulings, columns between vertical rulings; a cell spans the
//   grid positions no ruling separates (merged cells are missing edges).
// - Rows ruled but no column rulings (LibreOffice Writer draws only the horizontal borders of an
//   imported HTML table): columns come from the gaps in the text, a run crossing a gap spans.
// - No rulings at all (stream): lines of text with aligned gaps form a table; a diagnostic says so.
// Everything is in points with the origin at the page's top-left corner.
import { blockText, bottom, linesOf, midX, midY, splitPiece, top, type Piece } from './pdf-text.js';

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
const SNAP = 2;
/** Collinear rulings with a gap up to this are one ruling. */
const JOIN = 3;
/** Share of a grid edge a ruling must cover for the edge to exist. */
const COVER = 0.6;

function cluster(values: number[], tol = SNAP): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out.at(-1);
    if (last && v - last.at(-1)! <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

/** Collinear rulings joined: one per line, gaps up to JOIN bridged. */
export function mergeRules(h: HRule[], v: VRule[]): { h: HRule[]; v: VRule[] } {
  const hs: HRule[] = [];
  for (const r of [...h].sort((a, b) => a.y - b.y || a.x0 - b.x0)) {
    const same = hs.find(
      (s) => Math.abs(s.y - r.y) <= SNAP && r.x0 <= s.x1 + JOIN && r.x1 >= s.x0 - JOIN,
    );
    if (same) {
      same.x0 = Math.min(same.x0, r.x0);
      same.x1 = Math.max(same.x1, r.x1);
    } else hs.push({ ...r });
  }
  const vs: VRule[] = [];
  for (const r of [...v].sort((a, b) => a.x - b.x || a.y0 - b.y0)) {
    const same = vs.find(
      (s) => Math.abs(s.x - r.x) <= SNAP && r.y0 <= s.y1 + JOIN && r.y1 >= s.y0 - JOIN,
    );
    if (same) {
      same.y0 = Math.min(same.y0, r.y0);
      same.y1 = Math.max(same.y1, r.y1);
    } else vs.push({ ...r });
  }
  return { h: hs, v: vs };
}

interface Region {
  h: HRule[];
  v: VRule[];
  box: [number, number, number, number];
}

/** Groups rulings into table regions: crossing rulings, and row rulings stacked over each other. */
function regions(h: HRule[], v: VRule[]): Region[] {
  const n = h.length + v.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number): void => {
    parent[find(a)] = find(b);
  };
  h.forEach((a, i) => {
    v.forEach((b, j) => {
      if (b.x >= a.x0 - SNAP && b.x <= a.x1 + SNAP && a.y >= b.y0 - SNAP && a.y <= b.y1 + SNAP)
        union(i, h.length + j);
    });
  });
  // Horizontal rulings one below the other that share a left or right end rule the rows of one
  // table (rows with a merged cell start further right, so only one end need agree).
  const byY = h.map((r, i) => ({ r, i })).sort((a, b) => a.r.y - b.r.y);
  for (let k = 1; k < byY.length; k++) {
    for (let m = k - 1; m >= 0 && m >= k - 3; m--) {
      const a = byY[m]!.r;
      const b = byY[k]!.r;
      const overlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const shorter = Math.min(a.x1 - a.x0, b.x1 - b.x0);
      const aligned = Math.abs(a.x1 - b.x1) <= SNAP * 2 || Math.abs(a.x0 - b.x0) <= SNAP * 2;
      if (overlap >= shorter * 0.5 && aligned && b.y - a.y <= 200) union(byY[m]!.i, byY[k]!.i);
    }
  }
  const groups = new Map<number, Region>();
  const add = (i: number, rule: { h?: HRule; v?: VRule }): void => {
    const root = find(i);
    let g = groups.get(root);
    if (!g)
      groups.set(root, (g = { h: [], v: [], box: [Infinity, Infinity, -Infinity, -Infinity] }));
    if (rule.h) {
      g.h.push(rule.h);
      g.box = [
        Math.min(g.box[0], rule.h.x0),
        Math.min(g.box[1], rule.h.y),
        Math.max(g.box[2], rule.h.x1),
        Math.max(g.box[3], rule.h.y),
      ];
    }
    if (rule.v) {
      g.v.push(rule.v);
      g.box = [
        Math.min(g.box[0], rule.v.x),
        Math.min(g.box[1], rule.v.y0),
        Math.max(g.box[2], rule.v.x),
        Math.max(g.box[3], rule.v.y1),
      ];
    }
  };
  h.forEach((r, i) => add(i, { h: r }));
  v.forEach((r, j) => add(h.length + j, { v: r }));
  // A table needs two row rulings, or one and column rulings (a cut row alone on a page).
  return [...groups.values()].filter((g) => {
    const rows = cluster(g.h.map((r) => r.y)).length;
    const cols = cluster(g.v.map((r) => r.x)).length;
    return (rows >= 2 || (rows >= 1 && cols >= 2)) && g.box[2] - g.box[0] > 20;
  });
}

const inside = (p: Piece, box: [number, number, number, number]): boolean =>
  midX(p) > box[0] && midX(p) < box[2] && midY(p) > box[1] && midY(p) < box[3];

/** Column boundaries from the text of a ruled region that has no column rulings. */
function textColumns(pieces: Piece[], x0: number, x1: number, rows: number[]): number[] {
  // Coverage of each point of the width by the runs of the rows: a boundary lies in a gap that
  // runs through every row, runs longer than 40% of the width left out (they span columns).
  const step = 1;
  const width = Math.ceil(x1 - x0);
  const covered = new Uint16Array(width + 1);
  for (const p of pieces) {
    const r = rowOf(rows, midY(p));
    // a long run (a narrative spanning the value columns) says nothing about the columns
    if (r < 0 || p.x1 - p.x0 > (x1 - x0) * 0.4) continue;
    for (
      let x = Math.max(0, Math.floor(p.x0 - x0) - 1);
      x <= Math.min(width, Math.ceil(p.x1 - x0) + 1);
      x += step
    )
      covered[x]!++;
  }
  const bounds: number[] = [];
  let start = -1;
  for (let x = 0; x <= width; x++) {
    const free = covered[x]! === 0;
    if (free && start < 0) start = x;
    if ((!free || x === width) && start >= 0) {
      const end = free ? x : x - 1;
      if (start > 0 && end < width && end - start >= 4) bounds.push(x0 + (start + end) / 2);
      start = -1;
    }
  }
  return [x0, ...bounds, x1];
}

function rowOf(ys: number[], y: number): number {
  for (let r = 0; r + 1 < ys.length; r++) if (y >= ys[r]! && y < ys[r + 1]!) return r;
  return -1;
}

function colOf(xs: number[], x: number): number {
  for (let c = 0; c + 1 < xs.length; c++) if (x >= xs[c]! && x < xs[c + 1]!) return c;
  return -1;
}

function covers(lo: number, hi: number, a: number, b: number): boolean {
  return Math.min(hi, b) - Math.max(lo, a) >= (b - a) * COVER;
}

/** One table from a region of rulings and the pieces of text inside it. */
function tableOf(
  region: Region,
  all: Piece[],
  page: number,
): { table: PdfTable; used: Set<Piece> } {
  const box = region.box;
  // Row rulings closer than a line of text are one (two tables drawn back to back, double rules).
  const ys = cluster(
    region.h.map((r) => r.y),
    5,
  );
  const vx = cluster(region.v.filter((r) => r.y1 - r.y0 > 4).map((r) => r.x));
  const lattice = vx.length >= 2;
  // A row cut by the page break (a browser prints a row that does not fit partly on each page):
  // column rulings run past the first or last row ruling, or that ruling is missing under some
  // columns, whose text continues below it. The table gets an open row on that side.
  const span = box[2] - box[0];
  const ruled = (y: number): number =>
    region.h.filter((r) => Math.abs(r.y - y) <= 3).reduce((n, r) => n + (r.x1 - r.x0), 0);
  const below = all.filter(
    (p) =>
      midX(p) > box[0] &&
      midX(p) < box[2] &&
      midY(p) >= ys.at(-1)! &&
      top(p) < ys.at(-1)! + p.size * 2,
  );
  const openTop = lattice && ys[0]! - box[1] > SNAP * 2;
  const openBottom =
    lattice &&
    (box[3] - ys.at(-1)! > SNAP * 2 || (ruled(ys.at(-1)!) < span * 0.9 && below.length > 0));
  if (openTop) ys.unshift(box[1]);
  if (openBottom) ys.push(Math.max(box[3], ...below.map(bottom)) + 1);
  // Outer edges: the rulings' extent where no vertical ruling stands.
  let xs = [...vx];
  if (!lattice || xs[0]! - box[0] > SNAP * 2) xs.unshift(box[0]);
  if (!lattice || box[2] - xs.at(-1)! > SNAP * 2) xs.push(box[2]);
  xs = cluster(xs);
  const tableBox: [number, number, number, number] = [xs[0]!, ys[0]!, xs.at(-1)!, ys.at(-1)!];
  const used = new Set<Piece>();
  let pieces = all.filter((p) => inside(p, tableBox));
  for (const p of pieces) used.add(p);
  if (!lattice) xs = textColumns(pieces, xs[0]!, xs.at(-1)!, ys);
  // A run that crosses a column boundary is split into characters, each placed by itself.
  pieces = pieces.flatMap((p) => {
    const crosses = xs.some((x, i) => i > 0 && i < xs.length - 1 && p.x0 < x - 1 && p.x1 > x + 1);
    return crosses && lattice ? splitPiece(p) : [p];
  });

  const R = ys.length - 1;
  const C = xs.length - 1;
  const parent = Array.from({ length: R * C }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number): void => {
    parent[find(a)] = find(b);
  };
  // Text crossing a boundary without a ruling joins the two positions (rows-only tables).
  const crossing = new Set<string>();
  if (!lattice) {
    for (const p of pieces) {
      const r = rowOf(ys, midY(p));
      if (r < 0) continue;
      for (let c = 1; c < C; c++)
        if (p.x0 < xs[c]! - 1 && p.x1 > xs[c]! + 1) crossing.add(`${r},${c}`);
    }
  }
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if (c + 1 < C) {
        const x = xs[c + 1]!;
        // an open row (cut by the page break) has the column rulings of the row it continues
        const rr = openTop && r === 0 && R > 1 ? 1 : openBottom && r === R - 1 && R > 1 ? R - 2 : r;
        const edge = lattice
          ? region.v.some(
              (v) => Math.abs(v.x - x) <= SNAP && covers(v.y0, v.y1, ys[rr]!, ys[rr + 1]!),
            )
          : !crossing.has(`${r},${c + 1}`);
        if (!edge) union(r * C + c, r * C + c + 1);
      }
      if (r + 1 < R) {
        const y = ys[r + 1]!;
        const edge = region.h.some(
          (h) => Math.abs(h.y - y) <= 3 && covers(h.x0, h.x1, xs[c]!, xs[c + 1]!),
        );
        if (!edge) union(r * C + c, (r + 1) * C + c);
      }
    }
  }
  // Each group of joined positions is one cell: its bounding rectangle of grid positions.
  const groups = new Map<number, { r0: number; c0: number; r1: number; c1: number }>();
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const g = find(r * C + c);
      const b = groups.get(g);
      if (!b) groups.set(g, { r0: r, c0: c, r1: r, c1: c });
      else {
        b.r0 = Math.min(b.r0, r);
        b.c0 = Math.min(b.c0, c);
        b.r1 = Math.max(b.r1, r);
        b.c1 = Math.max(b.c1, c);
      }
    }
  }
  const owner = new Map<string, PdfCell>();
  const cells: PdfCell[] = [];
  for (const b of [...groups.values()].sort((p, q) => p.r0 - q.r0 || p.c0 - q.c0)) {
    if (owner.has(`${b.r0},${b.c0}`)) continue; // a non-rectangular group overlapping another
    const cell: PdfCell = {
      row: b.r0,
      col: b.c0,
      rowSpan: b.r1 - b.r0 + 1,
      colSpan: b.c1 - b.c0 + 1,
      box: [xs[b.c0]!, ys[b.r0]!, xs[b.c1 + 1]!, ys[b.r1 + 1]!],
      pieces: [],
      text: '',
      page,
    };
    for (let r = b.r0; r <= b.r1; r++)
      for (let c = b.c0; c <= b.c1; c++) if (!owner.has(`${r},${c}`)) owner.set(`${r},${c}`, cell);
    cells.push(cell);
  }
  // Every run inside the table lands in a cell: one a hair outside the grid (a run starting
  // left of the first ruling) goes to the nearest position rather than being lost.
  const clamp = (i: number, n: number, before: boolean): number =>
    i >= 0 ? i : before ? 0 : n - 1;
  for (const p of pieces) {
    const y = midY(p);
    const x = lattice ? midX(p) : p.x0 + 0.5;
    const r = clamp(rowOf(ys, y), R, y < ys[0]!);
    const c = clamp(colOf(xs, x), C, x < xs[0]!);
    owner.get(`${r},${c}`)?.pieces.push(p);
  }
  // The cell padding (the same on both sides): where the lines of wrapped text start, the cells
  // with several lines being the ones that fill their width.
  const multi = cells.filter((c) => new Set(c.pieces.map((p) => Math.round(p.y))).size >= 2);
  const pads = (multi.length > 0 ? multi : cells)
    .filter((c) => c.pieces.length > 0)
    .map((c) => Math.min(...c.pieces.map((p) => p.x0)) - c.box[0])
    .filter((d) => d >= 0 && d < 40)
    .sort((a, b) => a - b);
  let pad = pads[0] ?? 0;
  if (!lattice) {
    // Columns found from the text: the right ruling is unknown, the furthest text of the
    // column's cells shows where lines wrap (within three characters of the table edge).
    const ends = new Map<number, number>();
    for (const c of cells) {
      const end = Math.max(-Infinity, ...c.pieces.map((p) => p.x1));
      ends.set(c.col + c.colSpan, Math.max(ends.get(c.col + c.colSpan) ?? -Infinity, end));
    }
    const sizes = pieces.map((p) => p.size).sort((a, b) => a - b);
    const em = sizes[Math.floor(sizes.length / 2)] ?? 10;
    for (const cell of cells) {
      const end = ends.get(cell.col + cell.colSpan) ?? cell.box[2];
      cell.text = blockText(
        cell.pieces,
        Math.min(cell.box[2], Math.max(end, cell.box[2] - 3 * em)),
      );
    }
    pad = 0;
  } else {
    for (const cell of cells) {
      // left-aligned lines show the cell's own padding; centred ones do not
      const starts = linesOf(cell.pieces.filter((p) => !p.gap)).map((l) => l[0]!.x0);
      const own = starts.length >= 2 && Math.max(...starts) - Math.min(...starts) < 1;
      const left = own ? Math.min(...starts) - cell.box[0] : pad;
      cell.text = blockText(cell.pieces, cell.box[2] - Math.max(pad, Math.min(left, 40)));
    }
  }
  return {
    table: {
      kind: 'table',
      page,
      xs,
      ys,
      cells,
      method: lattice ? 'lattice' : 'rows',
      box: tableBox,
      openTop,
      openBottom,
      pad,
      endPage: page,
    },
    used,
  };
}

/** Paragraph lines of the text outside tables; a line that runs to the right margin continues. */
function paragraphs(pieces: Piece[], page: number, right: number): PdfParagraph[] {
  const lines = groupLines(pieces);
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

function groupLines(pieces: Piece[]): Piece[][] {
  const sorted = [...pieces].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: Piece[][] = [];
  for (const p of sorted) {
    const last = lines.at(-1);
    if (last && Math.abs(last[0]!.y - p.y) <= Math.min(last[0]!.size, p.size) * 0.45) last.push(p);
    else lines.push([p]);
  }
  return lines;
}

/** A stretch of one text line in a stream table: runs close together, in columns c0…c1. */
interface StreamSeg {
  pieces: Piece[];
  line: number;
  x0: number;
  x1: number;
  c0: number;
  c1: number;
  /** Right-aligned (a number column): placed by its right end. */
  flush: boolean;
}

/** Runs of one line split at gaps wider than `min` (ems), left to right. */
function streamUnits(line: Piece[], min: number): Piece[][] {
  const units: Piece[][] = [];
  for (const p of [...line].sort((a, b) => a.x0 - b.x0)) {
    const last = units.at(-1);
    if (last && p.x0 - last.at(-1)!.x1 < p.size * min) last.push(p);
    else units.push([p]);
  }
  return units;
}

/**
 * A run holding a space where a column starts (pdf.js joined two cells printed close together,
 * `100 %`) is cut at that space.
 */
function cutAtColumns(p: Piece, starts: number[]): Piece[] {
  if (!/\s/u.test(p.text.trim())) return [p];
  const chars = splitPiece(p);
  for (let i = 1; i < chars.length - 1; i++) {
    const c = chars[i]!;
    if (c.text.trim() !== '') continue;
    if (!starts.some((x) => x > p.x0 + 1 && x >= c.x0 - p.size * 0.5 && x <= c.x1 + p.size * 0.5))
      continue;
    const head = chars.slice(0, i);
    const tail = chars.slice(i + 1);
    const join = (cs: Piece[]): Piece => ({
      ...p,
      text: cs.map((q) => q.text).join(''),
      x0: cs[0]!.x0,
      x1: cs.at(-1)!.x1,
    });
    return [join(head), ...cutAtColumns(join(tail), starts)];
  }
  return [p];
}

/**
 * One stream table from consecutive lines of text with no rulings.
 * - Columns start at left edges that recur on several lines (right-aligned numbers, whose right
 *   ends line up instead, are left out); a stretch of text that starts where another one of the
 *   same line lies gets the next column; a stretch running past a column start spans it.
 * - Cells: a stretch and the stretches of the following lines in the same column it wraps into.
 * - Rows: the vertical alignment of the cells is read from the wrapped cells (is the one-line
 *   text beside them level with their last, first or a middle line). Bottom-aligned cells all
 *   end on the last line of their row, so a row ends under the last line of every cell; top-
 *   aligned ones start rows; otherwise rows are separated where no cell's lines continue.
 * - A wrapped cell crossing a row boundary spans those rows when its next line cannot start a
 *   line (closing punctuation), else it is two cells. A label left of the column that has text
 *   in every row stands for a merged cell: the empty cells above it (bottom-aligned) or below it
 *   (top-aligned) up to the next text of its column join it.
 */
function streamTable(lines: Piece[][], page: number): PdfTable {
  const all = lines.flat();
  const sizes = all.map((p) => p.size).sort((a, b) => a - b);
  const em = sizes[Math.floor(sizes.length / 2)] ?? 10;
  const lineY = lines.map((l) => Math.min(...l.map((p) => p.y)));

  // Right-aligned units: numbers whose right end lines up with those of more lines than their
  // left end (spreadsheets right-align numbers; text, even centred, is placed by its left end).
  const units = lines.flatMap((l, i) =>
    streamUnits(l, 0.15).map((u) => ({
      line: i,
      x0: u[0]!.x0,
      x1: u.at(-1)!.x1,
      pieces: u,
      number: /^[\p{N}\p{Sc}\s.,%+\-\u2212]+$/u.test(u.map((p) => p.text).join('')),
    })),
  );
  const recur = (near: (v: (typeof units)[number]) => boolean): number =>
    new Set(units.filter(near).map((v) => v.line)).size;
  const flush = new Set(
    units.filter((u) => {
      const right = recur((v) => Math.abs(v.x1 - u.x1) <= 1);
      return u.number && right >= 2 && right > recur((v) => Math.abs(v.x0 - u.x0) <= SNAP);
    }),
  );
  // Column starts: left edges (within 2 pt) on at least two lines.
  const lefts = units.filter((u) => !flush.has(u)).sort((a, b) => a.x0 - b.x0);
  const groups: (typeof units)[] = [];
  for (const u of lefts) {
    const g = groups.at(-1);
    if (g && u.x0 - g.at(-1)!.x0 <= SNAP) g.push(u);
    else groups.push([u]);
  }
  const left = Math.min(...all.map((p) => p.x0));
  const starts = [
    left,
    ...groups
      .filter((g) => new Set(g.map((u) => u.line)).size >= 2)
      .map((g) => g[0]!.x0)
      .filter((x) => x - left > SNAP),
  ];
  const xs = [...starts, Math.max(...all.map((p) => p.x1)) + 1];
  const C = xs.length - 1;
  const col = (x: number): number => Math.max(0, Math.min(C - 1, colOf(xs, x)));
  const flushPieces = new Set([...flush].flatMap((u) => u.pieces));

  // Stretches of each line: cut at gaps of 1.2 em and where a column starts inside a gap.
  const segs: StreamSeg[] = [];
  const byLine: StreamSeg[][] = lines.map(() => []);
  lines.forEach((line, i) => {
    const pieces = line.flatMap((p) => cutAtColumns(p, starts.slice(1)));
    const parts: Piece[][] = [];
    for (const u of streamUnits(pieces, 0.15)) {
      const prev = parts.at(-1);
      const x = u[0]!.x0;
      const end = prev?.at(-1)!.x1 ?? -Infinity;
      const cut = x - end >= em * 1.2 || starts.some((s) => s >= end - 1 && s <= x + SNAP);
      if (prev && !cut) prev.push(...u);
      else parts.push([...u]);
    }
    let last: StreamSeg | null = null;
    for (const ps of parts) {
      const x0 = ps[0]!.x0;
      const x1 = ps.at(-1)!.x1;
      const isFlush = ps.every((p) => flushPieces.has(p));
      let c0 = isFlush ? col(x1 - 1) : col(x0 + SNAP);
      let c1 = Math.max(c0, col(x1 - 1));
      // A stretch starting at its column's edge (or ending at it, right-aligned) cuts short the
      // one before that runs into its column; one starting inside a column another stretch of
      // the line holds takes the next column (or joins the previous stretch at the last one).
      const anchored = isFlush || Math.abs(x0 - xs[c0]!) <= SNAP;
      if (last && c0 <= last.c1 && last.c0 < c0 && anchored) last.c1 = c0 - 1;
      else if (last && c0 <= last.c1) {
        if (last.c1 + 1 >= C) {
          last.pieces.push(...ps);
          last.x1 = x1;
          continue;
        }
        c0 = last.c1 + 1;
        c1 = Math.max(c0, c1);
      }
      const seg: StreamSeg = { pieces: ps, line: i, x0, x1, c0, c1, flush: isFlush };
      segs.push(seg);
      byLine[i]!.push(seg);
      last = seg;
    }
  });

  // Where the text of a column wraps: its furthest text, within three ems of the next column.
  const ends = new Map<number, number>();
  for (const s of segs) ends.set(s.c1, Math.max(ends.get(s.c1) ?? -Infinity, s.x1));
  const rightOf = (c1: number): number =>
    Math.min(xs[c1 + 1]!, Math.max(ends.get(c1) ?? -Infinity, xs[c1 + 1]! - 3 * em));

  // Wrapped cells: a stretch continues on the next line (within 1.5 em) in the same column.
  const next = new Map<StreamSeg, StreamSeg>();
  const strong = new Set<StreamSeg>();
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lineY[i + 1]! - lineY[i]! > em * 1.5) continue;
    for (const s of byLine[i]!) {
      if (s.flush) continue;
      const t = byLine[i + 1]!.find((u) => u.c0 === s.c0 && !u.flush);
      if (!t) continue;
      if (blockText([...s.pieces, ...t.pieces], rightOf(Math.max(s.c1, t.c1))).includes('\n'))
        continue;
      next.set(s, t);
      // a line starting with closing punctuation cannot start a cell: certainly wrapped
      if (/^[\p{Pe}\p{Pf}\p{Po}]/u.test(t.pieces[0]!.text)) strong.add(s);
    }
  }
  const continued = new Set(next.values());
  const chains: StreamSeg[][] = segs
    .filter((s) => !continued.has(s))
    .map((s) => {
      const chain = [s];
      for (let n = next.get(s); n; n = next.get(n)) chain.push(n);
      return chain;
    });

  // Vertical alignment: one-line cells beside a wrapped cell, level with its last, first line.
  const votes = { bottom: 0, top: 0, middle: 0 };
  const single = new Set(chains.filter((c) => c.length === 1).map((c) => c[0]!));
  for (const chain of chains) {
    if (chain.length < 2) continue;
    const first = chain[0]!.line;
    const last = chain.at(-1)!.line;
    for (let i = first; i <= last; i++) {
      const beside = byLine[i]!.filter(
        (s) => single.has(s) && (s.c1 < chain[0]!.c0 || s.c0 > chain[0]!.c1),
      );
      if (beside.length === 0) continue;
      if (i === last) votes.bottom++;
      else if (i === first) votes.top++;
      else votes.middle++;
    }
  }
  const align =
    votes.bottom >= votes.top && votes.bottom >= votes.middle
      ? 'bottom'
      : votes.top >= votes.middle
        ? 'top'
        : 'middle';

  // Row boundaries, as "a row starts at line i".
  const rowStart = new Set<number>([0]);
  if (align === 'bottom') {
    for (const c of chains) if (c.at(-1)!.line + 1 < lines.length) rowStart.add(c.at(-1)!.line + 1);
  } else if (align === 'top') {
    for (const c of chains) rowStart.add(c[0]!.line);
  } else {
    const inside = new Set<number>();
    for (const c of chains) for (let i = c[0]!.line + 1; i <= c.at(-1)!.line; i++) inside.add(i);
    for (let i = 1; i < lines.length; i++) if (!inside.has(i)) rowStart.add(i);
  }
  const firstLines = [...rowStart].sort((a, b) => a - b);
  const rowOfLine = lines.map((_, i) => firstLines.filter((f) => f <= i).length - 1);
  const R = firstLines.length;

  // Cells: chains cut at row boundaries, except after a line the next one certainly continues.
  const blocks: StreamSeg[][] = [];
  for (const chain of chains) {
    let cur: StreamSeg[] = [];
    for (const s of chain) {
      const prev = cur.at(-1);
      if (prev && rowOfLine[s.line] !== rowOfLine[prev.line] && !strong.has(prev)) {
        blocks.push(cur);
        cur = [];
      }
      cur.push(s);
    }
    blocks.push(cur);
  }
  const spans = blocks.map((b) => ({
    segs: b,
    r0: rowOfLine[b[0]!.line]!,
    r1: rowOfLine[b.at(-1)!.line]!,
    c0: Math.min(...b.map((s) => s.c0)),
    c1: Math.max(...b.map((s) => s.c1)),
  }));
  const taken = new Set<string>();
  for (const b of spans)
    for (let r = b.r0; r <= b.r1; r++) for (let c = b.c0; c <= b.c1; c++) taken.add(`${r},${c}`);
  // The leftmost column in which every row of r0…r1 has text starting.
  const keyColumn = (r0: number, r1: number): number => {
    for (let c = 0; c < C; c++) {
      let all = true;
      for (let r = r0; r <= r1 && all; r++) all = spans.some((b) => b.r0 === r && b.c0 === c);
      if (all) return c;
    }
    return C;
  };
  const free = (r: number, b: (typeof spans)[number]): boolean => {
    for (let c = b.c0; c <= b.c1; c++) if (taken.has(`${r},${c}`)) return false;
    return true;
  };
  if (align !== 'middle') {
    const order = [...spans].sort((p, q) => (align === 'bottom' ? p.r0 - q.r0 : q.r0 - p.r0));
    for (const b of order) {
      const step = align === 'bottom' ? -1 : 1;
      let r = align === 'bottom' ? b.r0 - 1 : b.r1 + 1;
      let edge = align === 'bottom' ? b.r0 : b.r1;
      while (r >= 0 && r < R && free(r, b)) {
        const lo = Math.min(r, b.r0);
        const hi = Math.max(r, b.r1);
        if (keyColumn(lo, hi) <= b.c1) break;
        edge = r;
        r += step;
      }
      if (edge === (align === 'bottom' ? b.r0 : b.r1)) continue;
      const [from, to] = align === 'bottom' ? [edge, b.r0 - 1] : [b.r1 + 1, edge];
      for (let rr = from; rr <= to; rr++)
        for (let c = b.c0; c <= b.c1; c++) taken.add(`${rr},${c}`);
      if (align === 'bottom') b.r0 = edge;
      else b.r1 = edge;
    }
  }

  const rowTop = (r: number): number =>
    Math.min(...lines.flatMap((l, i) => (rowOfLine[i] === r ? l.map(top) : [])));
  const ys = [...Array.from({ length: R }, (_, r) => rowTop(r)), Math.max(...all.map(bottom))];
  const cells: PdfCell[] = spans
    .map((b) => {
      const pieces = b.segs.flatMap((s) => s.pieces);
      return {
        row: b.r0,
        col: b.c0,
        rowSpan: b.r1 - b.r0 + 1,
        colSpan: b.c1 - b.c0 + 1,
        box: [xs[b.c0]!, ys[b.r0]!, xs[b.c1 + 1]!, ys[b.r1 + 1]!] as [
          number,
          number,
          number,
          number,
        ],
        pieces,
        text: blockText(pieces, rightOf(b.c1)),
        page,
      };
    })
    .sort((p, q) => p.row - q.row || p.col - q.col);
  return {
    kind: 'table',
    page,
    xs,
    ys,
    cells,
    method: 'stream',
    openTop: false,
    openBottom: false,
    pad: 0,
    endPage: page,
    box: [xs[0]!, ys[0]!, xs.at(-1)!, ys.at(-1)!],
  };
}

/**
 * Stream tables: consecutive lines of which the first leaves a gap between runs (two or more
 * columns), not far apart, form a table rebuilt by streamTable.
 */
function streamBlocks(pieces: Piece[], page: number, right: number): PdfBlock[] {
  const lines = groupLines(pieces)
    .map((l) => l.filter((p) => !p.gap && p.text.trim() !== ''))
    .filter((l) => l.length > 0);
  const out: PdfBlock[] = [];
  let k = 0;
  while (k < lines.length) {
    if (streamUnits(lines[k]!, 1.5).length < 2) {
      out.push(...paragraphs(lines[k]!, page, right));
      k++;
      continue;
    }
    // A table: this line and the following ones, as long as they are not far apart.
    let end = k + 1;
    while (end < lines.length) {
      const gap = lines[end]![0]!.y - lines[end - 1]![0]!.y;
      if (gap > lines[end]![0]!.size * 4) break;
      end++;
    }
    out.push(streamTable(lines.slice(k, end), page));
    k = end;
  }
  return out;
}

/** The blocks of one page in reading order (top to bottom). */
export function pageBlocks(content: PageContent): PdfBlock[] {
  const { h, v } = mergeRules(content.h, content.v);
  const pieces = content.pieces.filter((p) => p.text !== '');
  const textRight = Math.max(0, ...pieces.filter((p) => !p.gap).map((p) => p.x1));
  const blocks: PdfBlock[] = [];
  const used = new Set<Piece>();
  for (const region of regions(h, v)) {
    const { table, used: taken } = tableOf(region, pieces, content.page);
    if (table.cells.every((c) => c.text === '') && table.cells.length > 0 && taken.size === 0)
      continue;
    for (const p of taken) used.add(p);
    blocks.push(table);
  }
  const rest = pieces.filter((p) => !used.has(p));
  if (blocks.length === 0) blocks.push(...streamBlocks(rest, content.page, textRight));
  else blocks.push(...paragraphs(rest, content.page, textRight));
  return blocks.sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
}

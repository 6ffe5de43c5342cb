// Tables of one PDF page rebuilt from what the page draws. PDF has no table structure: a table is
// ruling lines (stroked paths or thin filled rectangles) and text placed between them.
// - Lattice: rows between horizontal rulings, columns between vertical rulings; a cell spans the
//   grid positions no ruling separates (merged cells are missing edges).
// - Rows ruled but no column rulings (LibreOffice Writer draws only the horizontal borders of an
//   imported HTML table): columns come from the gaps in the text, a run crossing a gap spans.
// - No rulings at all (stream): lines of text with aligned gaps form a table; a diagnostic says so.
// Everything is in points with the origin at the page's top-left corner.
import { blockText, bottom, linesOf, midX, midY, splitPiece, top, type Piece } from './pdf-text.js';
import {
  JOIN,
  SNAP,
  cluster,
  colOf,
  covers,
  paragraphs,
  rowOf,
  type HRule,
  type PageContent,
  type PdfBlock,
  type PdfCell,
  type PdfTable,
  type VRule,
} from './pdf-grid.js';
import { streamBlocks } from './pdf-stream.js';

export type {
  HRule,
  PageContent,
  PdfBlock,
  PdfCell,
  PdfParagraph,
  PdfTable,
  VRule,
} from './pdf-grid.js';

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
  const crossed = h.map(() => false);
  h.forEach((a, i) => {
    v.forEach((b, j) => {
      if (b.x >= a.x0 - SNAP && b.x <= a.x1 + SNAP && a.y >= b.y0 - SNAP && a.y <= b.y1 + SNAP) {
        union(i, h.length + j);
        crossed[i] = true;
      }
    });
  });
  // Horizontal rulings one below the other that share a left or right end rule the rows of one
  // table (rows with a merged cell start further right, so only one end need agree). Only rulings
  // no column ruling crosses (a table drawn with row borders alone): a ruling that crosses one
  // belongs to a table whose column rulings say where it ends, and a ruled table after another,
  // below a blank line, is a table of its own.
  const byY = h
    .map((r, i) => ({ r, i }))
    .filter(({ i }) => !crossed[i])
    .sort((a, b) => a.r.y - b.r.y);
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

/** Where a table's rows and columns run, and whether its edge rows are open. */
interface Grid {
  /** Row boundaries, top to bottom, and column boundaries, left to right. */
  ys: number[];
  xs: number[];
  /** Columns come from vertical rulings (else from the gaps in the text). */
  lattice: boolean;
  openTop: boolean;
  openBottom: boolean;
  box: [number, number, number, number];
}

/**
 * The rows and columns of a region. Row rulings closer than a line of text are one (two tables
 * drawn back to back, double rules). A row cut by the page break (a browser prints a row that
 * does not fit partly on each page): column rulings run past the first or last row ruling, or that
 * ruling is missing under some columns, whose text continues below it. The table gets an open row
 * on that side. Outer edges: the rulings' extent where no vertical ruling stands.
 */
function gridOf(region: Region, all: readonly Piece[]): Grid {
  const box = region.box;
  const ys = cluster(
    region.h.map((r) => r.y),
    5,
  );
  const vx = cluster(region.v.filter((r) => r.y1 - r.y0 > 4).map((r) => r.x));
  const lattice = vx.length >= 2;
  const span = box[2] - box[0];
  const ruled = (y: number): number =>
    region.h.filter((r) => Math.abs(r.y - y) <= 3).reduce((n, r) => n + (r.x1 - r.x0), 0);
  // text just below the last row ruling, where that ruling is missing (a paragraph printed under
  // a closed table stands under the ruling)
  const last = ys.at(-1)!;
  const below = all.filter(
    (p) =>
      midX(p) > box[0] &&
      midX(p) < box[2] &&
      midY(p) >= last &&
      top(p) < last + p.size * 2 &&
      !region.h.some((r) => Math.abs(r.y - last) <= 3 && r.x0 <= midX(p) && midX(p) <= r.x1),
  );
  const openTop = lattice && ys[0]! - box[1] > SNAP * 2;
  const openBottom =
    lattice && (box[3] - last > SNAP * 2 || (ruled(last) < span * 0.9 && below.length > 0));
  if (openTop) ys.unshift(box[1]);
  if (openBottom) {
    let end = box[3];
    for (const p of below) end = Math.max(end, bottom(p));
    ys.push(end + 1);
  }
  let xs = [...vx];
  if (!lattice || xs[0]! - box[0] > SNAP * 2) xs.unshift(box[0]);
  if (!lattice || box[2] - xs.at(-1)! > SNAP * 2) xs.push(box[2]);
  xs = cluster(xs);
  const tableBox: [number, number, number, number] = [xs[0]!, ys[0]!, xs.at(-1)!, ys.at(-1)!];
  return { ys, xs, lattice, openTop, openBottom, box: tableBox };
}

/** One table from a region of rulings and the pieces of text inside it. */
function tableOf(
  region: Region,
  all: Piece[],
  page: number,
): { table: PdfTable; used: Set<Piece> } {
  const grid = gridOf(region, all);
  const { ys, lattice, openTop, openBottom, box: tableBox } = grid;
  const used = new Set<Piece>();
  let pieces = all.filter((p) => inside(p, tableBox));
  for (const p of pieces) used.add(p);
  if (!lattice) grid.xs = textColumns(pieces, grid.xs[0]!, grid.xs.at(-1)!, ys);
  const xs = grid.xs;
  // A run that crosses a column boundary is split into characters, each placed by itself.
  pieces = pieces.flatMap((p) => {
    const crosses = xs.some((x, i) => i > 0 && i < xs.length - 1 && p.x0 < x - 1 && p.x1 > x + 1);
    return crosses && lattice ? splitPiece(p) : [p];
  });
  const R = ys.length - 1;
  const C = xs.length - 1;
  const cells = mergedCells(region, grid, pieces, page);
  placePieces(cells, pieces, grid);
  const pad = cellTexts(cells, pieces, lattice);
  const aligned = lattice && alignBands(cells, R, C);
  const openUnder: [number, number][] = [];
  if (lattice && !openBottom) {
    for (let c = 0; c < C; c++) {
      if (!ruledUnder(region, grid, R - 1, c)) openUnder.push([xs[c]!, xs[c + 1]!]);
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
      ...(aligned ? { aligned } : {}),
      ...(openUnder.length > 0 && openUnder.length < C ? { openUnder } : {}),
    },
    used,
  };
}

/** Whether a row ruling runs under grid position (r, c). */
function ruledUnder(region: Region, grid: Grid, r: number, c: number): boolean {
  const { xs, ys } = grid;
  return region.h.some(
    (h) => Math.abs(h.y - ys[r + 1]!) <= 3 && covers(h.x0, h.x1, xs[c]!, xs[c + 1]!),
  );
}

/**
 * The cells of a grid: grid positions that no ruling separates are joined (union-find), and each
 * group of joined positions is one cell, its bounding rectangle of grid positions. In a rows-only
 * table text crossing a column boundary joins the two positions instead of a missing ruling.
 */
function mergedCells(
  region: Region,
  grid: Grid,
  pieces: readonly Piece[],
  page: number,
): PdfCell[] {
  const { xs, ys, lattice, openTop, openBottom } = grid;
  const R = ys.length - 1;
  const C = xs.length - 1;
  const parent = Array.from({ length: R * C }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number): void => {
    parent[find(a)] = find(b);
  };
  const crossing = new Set<number>();
  if (!lattice) {
    for (const p of pieces) {
      const r = rowOf(ys, midY(p));
      if (r < 0) continue;
      for (let c = 1; c < C; c++)
        if (p.x0 < xs[c]! - 1 && p.x1 > xs[c]! + 1) crossing.add(r * C + c);
    }
  }
  // an open row (cut by the page break) has the column rulings of the row it continues; an open
  // top row that no column ruling runs into (a title row with only the frame's edge beside it)
  // is one cell
  const interiorInto = (r: number): boolean =>
    region.v.some(
      (v) =>
        v.x > xs[0]! + SNAP &&
        v.x < xs[C]! - SNAP &&
        v.y0 < ys[r + 1]! - SNAP &&
        v.y1 > ys[r]! + SNAP,
    );
  /** Whether a column ruling at x runs into row r at all (not necessarily over its height). */
  const reachesInto = (x: number, r: number): boolean =>
    region.v.some(
      (v) => Math.abs(v.x - x) <= SNAP && v.y0 < ys[r + 1]! - SNAP && v.y1 > ys[r]! + SNAP,
    );
  const borrowTop = openTop && R > 1 && interiorInto(0);
  const borrowBottom = openBottom && R > 1;
  // an open row that column rulings run into is divided where they run (its rulings stop short
  // at the page edge); one they do not run into has the rulings of the row it continues
  const ownTop = borrowTop;
  const ownBottom = borrowBottom && interiorInto(R - 1);
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if (c + 1 < C) {
        const x = xs[c + 1]!;
        const open = (ownTop && r === 0) || (ownBottom && r === R - 1);
        const rr = borrowTop && r === 0 ? 1 : borrowBottom && r === R - 1 ? R - 2 : r;
        const edge = !lattice
          ? !crossing.has(r * C + c + 1)
          : open
            ? reachesInto(x, r)
            : region.v.some(
                (v) => Math.abs(v.x - x) <= SNAP && covers(v.y0, v.y1, ys[rr]!, ys[rr + 1]!),
              );
        if (!edge) union(r * C + c, r * C + c + 1);
      }
      if (r + 1 < R && !ruledUnder(region, grid, r, c)) union(r * C + c, (r + 1) * C + c);
    }
  }
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
  const owned = new Set<number>();
  const cells: PdfCell[] = [];
  for (const b of [...groups.values()].sort((p, q) => p.r0 - q.r0 || p.c0 - q.c0)) {
    if (owned.has(b.r0 * C + b.c0)) continue; // a non-rectangular group overlapping another
    cells.push({
      row: b.r0,
      col: b.c0,
      rowSpan: b.r1 - b.r0 + 1,
      colSpan: b.c1 - b.c0 + 1,
      box: [xs[b.c0]!, ys[b.r0]!, xs[b.c1 + 1]!, ys[b.r1 + 1]!],
      pieces: [],
      text: '',
      page,
    });
    for (let r = b.r0; r <= b.r1; r++) for (let c = b.c0; c <= b.c1; c++) owned.add(r * C + c);
  }
  return cells;
}

/**
 * Every run inside the table lands in a cell: one a hair outside the grid (a run starting left
 * of the first ruling) goes to the nearest position rather than being lost. A grid position
 * covered by two cells (a non-rectangular group) belongs to the first.
 */
function placePieces(cells: readonly PdfCell[], pieces: readonly Piece[], grid: Grid): void {
  const { xs, ys, lattice } = grid;
  const R = ys.length - 1;
  const C = xs.length - 1;
  const owner: (PdfCell | undefined)[] = new Array<PdfCell | undefined>(R * C).fill(undefined);
  for (const cell of cells) {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
      for (let c = cell.col; c < cell.col + cell.colSpan; c++) owner[r * C + c] ??= cell;
    }
  }
  const clamp = (i: number, n: number, before: boolean): number =>
    i >= 0 ? i : before ? 0 : n - 1;
  for (const p of pieces) {
    const y = midY(p);
    const x = lattice ? midX(p) : p.x0 + 0.5;
    const r = clamp(rowOf(ys, y), R, y < ys[0]!);
    const c = clamp(colOf(xs, x), C, x < xs[0]!);
    owner[r * C + c]?.pieces.push(p);
  }
}

/** The least of some numbers (Infinity for none), without spreading them into a call. */
function least(values: readonly number[]): number {
  let min = Infinity;
  for (const v of values) if (v < min) min = v;
  return min;
}

/** The greatest of some numbers (-Infinity for none). */
function greatest(values: readonly number[]): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  return max;
}

/**
 * Each cell's text, its lines wrapped where the cell's text wraps; returns the cell padding (the
 * same on both sides): where the lines of wrapped text start, the cells with several lines being
 * the ones that fill their width.
 */
function cellTexts(cells: readonly PdfCell[], pieces: readonly Piece[], lattice: boolean): number {
  const multi = cells.filter((c) => new Set(c.pieces.map((p) => Math.round(p.y))).size >= 2);
  const pads = (multi.length > 0 ? multi : cells)
    .filter((c) => c.pieces.length > 0)
    .map((c) => least(c.pieces.map((p) => p.x0)) - c.box[0])
    .filter((d) => d >= 0 && d < 40)
    .sort((a, b) => a - b);
  const pad = pads[0] ?? 0;
  if (!lattice) {
    // Columns found from the text: the right ruling is unknown, the furthest text of the
    // column's cells shows where lines wrap (within three characters of the table edge).
    const ends = new Map<number, number>();
    for (const c of cells) {
      const end = greatest(c.pieces.map((p) => p.x1));
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
    return 0;
  }
  for (const cell of cells) {
    // left-aligned lines show the cell's own padding; centred ones do not
    const starts = linesOf(cell.pieces.filter((p) => !p.gap)).map((l) => l[0]!.x0);
    const own = starts.length >= 2 && greatest(starts) - least(starts) < 1;
    const left = own ? least(starts) - cell.box[0] : pad;
    cell.text = blockText(cell.pieces, cell.box[2] - Math.max(pad, Math.min(left, 40)));
  }
  return pad;
}

/**
 * Two tables drawn one right under the other make one region, whose grid has the column rulings
 * of both. When the lower one has as many columns as the upper one's last row but at other widths
 * (an indicator header drawn as a table of its own above the rows), each lower cell would stand
 * under the wrong header; the lower rows are placed on the columns of that row instead, in order.
 * A band is a run of rows whose cells start at the same columns; only a one-row band is followed
 * (a header), and only when no cell crosses between the bands and no column edge is shared.
 */
function alignBands(cells: PdfCell[], R: number, C: number): boolean {
  let aligned = false;
  const starts: number[][] = Array.from({ length: R }, () => []);
  for (const c of cells) {
    for (let r = c.row; r < c.row + c.rowSpan && r < R; r++) if (c.col > 0) starts[r]!.push(c.col);
  }
  const key = starts.map((s) => [...new Set(s)].sort((a, b) => a - b));
  const same = (a: number[], b: number[]): boolean =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  for (let r = 0; r < R - 1; r++) {
    const head = key[r]!;
    let end = r + 1;
    while (end < R && same(key[end]!, key[r + 1]!)) end++;
    const body = key[r + 1]!;
    const apart =
      head.length > 0 &&
      head.length === body.length &&
      !same(head, key[r - 1] ?? []) &&
      body.every((x) => !head.includes(x));
    const band = cells.filter((c) => c.row + c.rowSpan > r + 1 && c.row < end);
    const closed = band.every((c) => c.row >= r + 1 && c.row + c.rowSpan <= end);
    if (apart && closed) {
      const from = [0, ...body, C];
      const to = [0, ...head, C];
      for (const c of band) {
        const i = from.indexOf(c.col);
        const j = from.indexOf(c.col + c.colSpan);
        if (i < 0 || j < 0) continue;
        c.col = to[i]!;
        c.colSpan = to[j]! - to[i]!;
      }
      for (let k = r + 1; k < end; k++) key[k] = head;
      aligned = true;
    }
  }
  return aligned;
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

// Tables of a PDF page that draws no ruling lines (a Calc export, a borderless table), rebuilt
// from the alignment of the text: see streamTable. Pages with rulings are pdf-layout.ts.
import {
  blockText,
  bottom,
  firstWordWidth,
  splitPiece,
  top,
  trimEnd,
  type Piece,
} from './pdf-text.js';
import {
  cutCategory,
  cutLabel,
  isCategory,
  labelWithValue,
  onlyNote,
  readsAsTitle,
} from './pdf-labels.js';
import {
  SNAP,
  colOf,
  groupLines,
  paragraphs,
  type PdfBlock,
  type PdfCell,
  type PdfTable,
} from './pdf-grid.js';

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

/** Text of a line up to gaps of half an em: a cell's words, which a space may separate. */
interface Stretch {
  line: number;
  pieces: Piece[];
  x0: number;
  x1: number;
  centre: number;
}

/** Text centred in its column: the centre line and the right end of the column's widest text. */
interface CentredColumn {
  centre: number;
  right: number;
  /** The width of its widest text. */
  width: number;
}

/** How close two centres must be to stand on one centre line (points). */
const CENTRE_SNAP = 1.5;

/**
 * Columns whose text is centred (a spreadsheet's cells formatted centred, printed without
 * borders): stretches of text whose centres line up on more lines than their left or right ends
 * do, on at least two lines. Returns those columns, left to right, and the column of each piece
 * of their text. Text aligned left or right, even in columns of equal widths (a column of 10s),
 * has its ends line up as often as its centre and is left to the other rules.
 */
function centredColumns(
  lines: Piece[][],
  flush: ReadonlySet<{ pieces: Piece[] }>,
): { columns: CentredColumn[]; of: Map<Piece, CentredColumn> } {
  const flushed = new Set([...flush].flatMap((u) => u.pieces));
  const stretches: Stretch[] = lines.flatMap((l, line) =>
    streamUnits(l, 0.5)
      .filter((ps) => !ps.every((p) => flushed.has(p)))
      .map((ps) => {
        const x0 = ps[0]!.x0;
        const x1 = ps.at(-1)!.x1;
        return { line, pieces: ps, x0, x1, centre: (x0 + x1) / 2 };
      }),
  );
  const linesWhere = (among: readonly Stretch[], near: (t: Stretch) => boolean): number =>
    new Set(among.filter(near).map((t) => t.line)).size;
  const onCentre = (s: Stretch) => (t: Stretch) => Math.abs(t.centre - s.centre) <= CENTRE_SNAP;
  // a stretch whose centre lines up more often than its ends …
  const dominant = stretches.filter((s) => {
    const byCentre = linesWhere(stretches, onCentre(s));
    return (
      byCentre > linesWhere(stretches, (t) => Math.abs(t.x0 - s.x0) <= SNAP) &&
      byCentre > linesWhere(stretches, (t) => Math.abs(t.x1 - s.x1) <= SNAP)
    );
  });
  // … with such stretches of another line: the full lines of a left-aligned column, which share
  // their centre as they share their ends, do not make a number under them centred
  const centred = dominant
    .filter((s) => linesWhere(dominant, onCentre(s)) >= 2)
    .sort((a, b) => a.centre - b.centre);
  const groups: Stretch[][] = [];
  for (const s of centred) {
    const group = groups.at(-1);
    if (group && s.centre - group.at(-1)!.centre <= CENTRE_SNAP) group.push(s);
    else groups.push([s]);
  }
  let centres = groups.map((g) => g.reduce((n, t) => n + t.centre, 0) / g.length);
  // text as wide as others of its column shares its ends with them as often as its centre (the
  // notes of four characters between shorter and longer ones): it belongs to the centred column
  // on its centre line, unless its ends line up more often (a left-aligned column's full lines)
  const joined = new Set(centred);
  for (const s of stretches) {
    if (joined.has(s)) continue;
    const k = centres.findIndex((c) => Math.abs(c - s.centre) <= CENTRE_SNAP);
    if (k < 0) continue;
    const byCentre = linesWhere(stretches, onCentre(s));
    if (
      byCentre >= linesWhere(stretches, (t) => Math.abs(t.x0 - s.x0) <= SNAP) &&
      byCentre >= linesWhere(stretches, (t) => Math.abs(t.x1 - s.x1) <= SNAP)
    ) {
      groups[k]!.push(s);
      joined.add(s);
    }
  }
  centres = groups.map((g) => g.reduce((n, t) => n + t.centre, 0) / g.length);
  const columns: CentredColumn[] = [];
  const of = new Map<Piece, CentredColumn>();
  groups.forEach((group, k) => {
    // the column's own width, without the text of a merged cell across it and its neighbours
    // (a paragraph over the whole form centred on the same line). A neighbour's centre lies
    // beyond half the width of most of the column's text; a centre nearer than that is another
    // part of the table's (a head value centred in cells merged across this column and others)
    const widths = group.map((t) => t.x1 - t.x0).sort((a, b) => a - b);
    const reach = widths[Math.floor(widths.length / 2)]! / 2;
    const spans = (t: Stretch): boolean =>
      centres.some(
        (c, j) =>
          j !== k && Math.abs(c - centres[k]!) > reach && t.x0 < c - SNAP && t.x1 > c + SNAP,
      );
    const own = group.some((t) => !spans(t)) ? group.filter((t) => !spans(t)) : group;
    const column = {
      centre: centres[k]!,
      right: Math.max(...own.map((t) => t.x1)),
      width: Math.max(...own.map((t) => t.x1 - t.x0)),
    };
    columns.push(column);
    for (const t of group) for (const p of t.pieces) of.set(p, column);
  });
  return { columns, of };
}

/** How the cells of a stream table sit in their rows. */
type Alignment = 'bottom' | 'top' | 'middle';
/** One-line cells level with the last, first or a middle line of a wrapped cell beside them. */
type Votes = Record<Alignment, number>;

/** Fewer one-line cells beside wrapped ones than this say nothing of the alignment. */
const MIN_VOTES = 3;

/**
 * The alignment most one-line cells show. Bottom, the default of spreadsheets (whose sheets
 * printed without borders are most stream tables), unless another one shows clearly more (by
 * two): a head of two or three lines reads as top-aligned as well as bottom-aligned when a full
 * cell is taken for a wrapped one.
 */
function alignOf(votes: Votes): Alignment {
  return clearAlignment(votes) ?? 'bottom';
}

/**
 * The alignment the votes show clearly (by two, among enough of them), or null. A one-line cell
 * on a line of its own between two lines of a wrapped cell is enough alone (see the votes).
 */
function clearAlignment(votes: Votes): Alignment | null {
  if (votes.bottom + votes.top + votes.middle < MIN_VOTES) return null;
  const other: Alignment = votes.top >= votes.middle ? 'top' : 'middle';
  if (votes[other] > votes.bottom + 1) return other;
  return votes.bottom > votes[other] + 1 ? 'bottom' : null;
}

/** Text that is a number only (digits, currency, separators, %, signs). */
const NUMBER_TEXT = /^[\p{N}\p{Sc}\s.,%+\-\u2212]+$/u;

/** Whether two pieces of text, by their ends, start at one edge or are centred on one line. */
const stacked = (a0: number, a1: number, b0: number, b1: number): boolean =>
  Math.abs(a0 - b0) <= SNAP || Math.abs(a0 + a1 - b0 - b1) <= 2 * SNAP;

/** The text of stretches joined (a cut label's parts are compared as label keys, spaces aside). */
const segText = (segs: readonly StreamSeg[]): string =>
  segs.flatMap((s) => s.pieces.map((p) => p.text)).join('');

/** Whether a stretch's text opens more brackets than it closes. */
function leavesOpen(s: StreamSeg): boolean {
  const text = s.pieces.map((p) => p.text).join('');
  return (text.match(/\p{Ps}/gu)?.length ?? 0) > (text.match(/\p{Pe}/gu)?.length ?? 0);
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
 *   aligned ones start rows; otherwise (middle-aligned) rows are separated where no cell's
 *   lines continue, and not at a line of labels only sitting between two rows.
 * - A wrapped cell crossing a row boundary spans those rows when its next line cannot start a
 *   line (closing punctuation), its line leaves a bracket open or only the two parts together
 *   are a category name (服务对象满意 | 度指标), else it is two cells. A label
 *   left of the column that has text in every row stands for a merged cell: the empty cells
 *   above it (bottom-aligned) or below it (top-aligned) join it, up to the next text of its
 *   column or a row with text between it and the cell right of it (the column heads); categories
 *   written once at the other end of their rows read the other way (categoryPlacement); a
 *   middle-aligned label spans the rows it is centred beside.
 * - Grid columns that only centred or right-aligned text starts are joined to the column left of
 *   them (oneColumnEach).
 */
function streamTable(
  lines: Piece[][],
  page: number,
  alignment?: Alignment,
): { table: PdfTable; votes: Votes; columns: number } {
  const all = lines.flat();
  const sizes = all.map((p) => p.size).sort((a, b) => a - b);
  const em = sizes[Math.floor(sizes.length / 2)] ?? 10;

  // Right-aligned units: numbers whose right end lines up with those of more lines than their
  // left end (spreadsheets right-align numbers; text, even centred, is placed by its left end).
  const units = lines.flatMap((l, i) =>
    streamUnits(l, 0.15).map((u) => ({
      line: i,
      x0: u[0]!.x0,
      x1: u.at(-1)!.x1,
      pieces: u,
      number: NUMBER_TEXT.test(u.map((p) => p.text).join('')),
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
  const centred = centredColumns(lines, flush);
  // Column starts: left edges (within 2 pt) on at least two lines.
  const lefts = units
    .filter((u) => !flush.has(u) && !centred.of.has(u.pieces[0]!))
    .sort((a, b) => a.x0 - b.x0);
  const groups: (typeof units)[] = [];
  for (const u of lefts) {
    const g = groups.at(-1);
    if (g && u.x0 - g.at(-1)!.x0 <= SNAP) g.push(u);
    else groups.push([u]);
  }
  const left = Math.min(...all.map((p) => p.x0));
  // a centred column starts at its centre line: its text is placed by its centre
  const leftStarts = groups
    .filter((g) => new Set(g.map((u) => u.line)).size >= 2)
    .map((g) => g[0]!.x0)
    .filter((x) => x - left > SNAP);
  // a column of right-aligned numbers that no other text reaches into (分值 beside the targets)
  // starts left of its widest number; one shared with left-aligned text (指标值: ≥95 | 3500)
  // is not a column of its own. Text of one line (the column's own head, 分值, left-aligned)
  // and text across column starts (a merged cell's paragraph above) do not count.
  const flushStarts: number[] = [];
  const byRight = [...flush].sort((a, b) => a.x1 - b.x1);
  const plain = units.filter(
    (u) => !flush.has(u) && !leftStarts.some((x) => x > u.x0 + SNAP && x < u.x1 - SNAP),
  );
  for (let i = 0; i < byRight.length;) {
    let j = i + 1;
    while (j < byRight.length && byRight[j]!.x1 - byRight[j - 1]!.x1 <= 1) j++;
    const group = byRight.slice(i, j);
    i = j;
    const lines = (us: readonly { line: number }[]): number => new Set(us.map((u) => u.line)).size;
    if (lines(group) < 2) continue;
    const hi = Math.max(...group.map((u) => u.x1));
    /** The column's start, for numbers starting at `from` or right of it; null: not a column. */
    const startOf = (from: number, headed: boolean): number | null => {
      const numbers = group.filter((u) => u.x0 >= from - 0.5);
      const lo = from - SNAP;
      const reaching = plain.filter((u) => u.x0 < hi && u.x1 > lo);
      if (lines(reaching) >= 2) return null;
      // the column's head, left-aligned above its numbers, is in it: the column starts at the
      // head when the head lies right of all the text left of the numbers on their lines
      const numberLines = new Set(numbers.map((u) => u.line));
      const end = Math.max(
        -Infinity,
        ...plain.filter((u) => numberLines.has(u.line) && u.x1 <= lo + SNAP).map((u) => u.x1),
      );
      const first = Math.min(...numberLines);
      const heads = plain.filter(
        (u) =>
          !numberLines.has(u.line) &&
          u.x0 > end + SNAP &&
          u.x0 < lo &&
          u.x1 <= hi + SNAP &&
          (!headed || u.line < first),
      );
      if (headed && heads.length === 0) return null;
      return Math.min(lo, ...heads.map((u) => u.x0 - SNAP));
    };
    let start = startOf(Math.min(...group.map((u) => u.x0)), false);
    // Wider numbers that text reaches into are a merged cell's across this column and the one
    // left of it (a form's amounts over 指标值 and 分值): the narrower numbers, on half of the
    // lines or more, are a column when a head of their own stands above them
    const froms = [...new Set(group.map((u) => Math.round(u.x0)))].sort((a, b) => a - b).slice(1);
    for (const from of froms) {
      if (start !== null) break;
      if (lines(group.filter((u) => u.x0 >= from - 0.5)) * 2 < lines(group)) break;
      start = startOf(from, true);
    }
    if (start !== null) flushStarts.push(start);
  }
  const starts = [
    left,
    ...[...leftStarts, ...flushStarts, ...centred.columns.map((c) => c.centre)]
      .filter((x) => x - left > SNAP)
      .sort((a, b) => a - b)
      .filter((x, i, all) => i === 0 || x - all[i - 1]! > SNAP),
  ];
  const xs = [...starts, Math.max(...all.map((p) => p.x1)) + 1];
  const C = xs.length - 1;
  const col = (x: number): number => Math.max(0, Math.min(C - 1, colOf(xs, x)));
  /** The column of a centred column's centre line (its start, or the start it was merged with). */
  const centreCol = (centre: number): number => col(centre + SNAP);
  /** Where the text of a centred column wraps: the right end of its widest text. */
  const centredRight = new Map<number, number>();
  for (const c of centred.columns) {
    const k = centreCol(c.centre);
    centredRight.set(k, Math.max(centredRight.get(k) ?? -Infinity, c.right));
  }
  const flushPieces = new Set([...flush].flatMap((u) => u.pieces));

  // Stretches of each line: cut at gaps of 1.2 em and where a column starts inside a gap.
  const segs: StreamSeg[] = [];
  const byLine: StreamSeg[][] = lines.map(() => []);
  lines.forEach((line, i) => {
    // (a centred column starts at its centre line, inside its text: no place to cut)
    const pieces = line.flatMap((p) => cutAtColumns(p, leftStarts));
    const parts: Piece[][] = [];
    for (const u of streamUnits(pieces, 0.15)) {
      const prev = parts.at(-1);
      const x = u[0]!.x0;
      const end = prev?.at(-1)!.x1 ?? -Infinity;
      // the text of a centred column is a stretch of its own, however close its neighbours are
      const cut =
        x - end >= em * 1.2 ||
        starts.some((s) => s >= end - 1 && s <= x + SNAP) ||
        centred.of.get(u[0]!) !== centred.of.get(prev?.at(-1) ?? u[0]!);
      if (prev && !cut) prev.push(...u);
      else parts.push([...u]);
    }
    let last: StreamSeg | null = null;
    for (const ps of parts) {
      const x0 = ps[0]!.x0;
      const x1 = ps.at(-1)!.x1;
      const isFlush = ps.every((p) => flushPieces.has(p));
      const centre = centred.of.get(ps[0]!);
      let c0 = centre ? centreCol(centre.centre) : isFlush ? col(x1 - 1) : col(x0 + SNAP);
      // centred text spans no further column: its width says nothing of its cell's
      let c1 = centre ? c0 : Math.max(c0, col(x1 - 1));
      // A stretch starting at its column's edge (or ending at it, right-aligned, or centred in
      // it) cuts short the one before that runs into its column; one starting inside a column
      // another stretch of the line holds takes the next column (or joins the previous stretch
      // at the last one).
      const anchored = isFlush || centre !== undefined || Math.abs(x0 - xs[c0]!) <= SNAP;
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
    centredRight.get(c1) ??
    Math.min(xs[c1 + 1]!, Math.max(ends.get(c1) ?? -Infinity, xs[c1 + 1]! - 3 * em));

  // Wrapped cells: a stretch continues on the next line (within 1.5 em) in the same column. The
  // distance is that of the two stretches' own baselines: in a top-aligned row, a Latin font's
  // baseline sits higher than a CJK font's, and the line's highest one would make the wrapped
  // line look a row's height away.
  const baseline = (s: StreamSeg): number => Math.max(...s.pieces.map((p) => p.y));
  const mid = (u: StreamSeg): number => (u.x0 + u.x1) / 2;
  /**
   * The stretch of a later line, less than 1.5 em below, that `s` may wrap into: in its column,
   * or (under a line centred across several columns) the short last line of the same centred
   * paragraph, placed by its centre in a column of its own. Lines between with nothing in the
   * columns of `s` are passed over: a cell centred vertically beside a cell of two lines sits
   * on a line of its own between them.
   */
  const below = (s: StreamSeg, i: number): StreamSeg | undefined => {
    for (let j = i + 1; j < lines.length; j++) {
      const t =
        byLine[j]!.find((u) => u.c0 === s.c0 && !u.flush) ??
        byLine[j]!.find(
          (u) =>
            !u.flush &&
            centred.of.has(u.pieces[0]!) &&
            u.c0 > s.c0 &&
            u.c0 <= s.c1 &&
            Math.abs(mid(u) - mid(s)) <= em,
        );
      if (t) return baseline(t) - baseline(s) > em * 1.5 ? undefined : t;
      const line = byLine[j]!;
      if (line.some((u) => u.c0 <= s.c1 && u.c1 >= s.c0)) return undefined;
      if (Math.min(...line.map(baseline)) - baseline(s) > em * 1.5) return undefined;
    }
    return undefined;
  };
  const isNumber = (u: StreamSeg): boolean =>
    NUMBER_TEXT.test(u.pieces.map((p) => p.text).join(''));
  /** A column's text below `t` is all numbers (the weights under 分值): `t` starts it. */
  const numbersFrom = (t: StreamSeg): boolean => {
    const rest = segs.filter((u) => u.c0 === t.c0 && u.line > t.line);
    return rest.length >= 2 && rest.every(isNumber);
  };
  /** Whether `s` wraps into `t` by the width of its line and the next word. */
  const wraps = (s: StreamSeg, t: StreamSeg): boolean => {
    // a head over a column of numbers does not wrap into its first number (权重 | 2)
    if (isNumber(t) && !isNumber(s) && numbersFrom(t)) return false;
    const centre = centred.of.get(s.pieces[0]!);
    // centred text wraps when the next word would have made the line wider than the column's
    // widest text (its ends say nothing: a shorter line stops short on both sides)
    if (centre)
      return s.x1 - s.x0 + firstWordWidth(t.pieces) >= centre.width - s.pieces[0]!.size * 0.25;
    return !blockText([...s.pieces, ...t.pieces], rightOf(Math.max(s.c1, t.c1))).includes('\n');
  };
  /**
   * The wrapped cells: which stretch continues which, and the chains of a cell's lines. Past a
   * line between (a cell centred beside two lines, or a label centred beside two rows of one
   * line each), and in a middle-aligned table (`strict`) on the next line too, two lines are two
   * rows when another column has text on both that does not wrap from one into the other: a
   * middle-aligned cell beside a wrapped one sits between its lines, not level with one.
   */
  const link = (strict: boolean): { strong: Set<StreamSeg>; chains: StreamSeg[][] } => {
    const next = new Map<StreamSeg, StreamSeg>();
    const strong = new Set<StreamSeg>();
    for (let i = 0; i + 1 < lines.length; i++) {
      for (const s of byLine[i]!) {
        if (s.flush) continue;
        const t = below(s, i);
        if (!t || !wraps(s, t)) continue;
        if (
          (strict || t.line > i + 1) &&
          byLine[i]!.some((u) => {
            if (u === s || u.flush) return false;
            const v = byLine[t.line]!.find((w) => w.c0 === u.c0 && !w.flush);
            return v !== undefined && !wraps(u, v);
          })
        )
          continue;
        next.set(s, t);
        // a line starting with closing punctuation cannot start a cell, and one leaving a
        // bracket open (资金情况（万 | 元）) ends none: certainly wrapped
        if (/^[\p{Pe}\p{Pf}\p{Po}]/u.test(t.pieces[0]!.text) || leavesOpen(s)) strong.add(s);
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
    return { strong, chains };
  };
  const loose = link(false);

  // Vertical alignment: one-line cells beside a wrapped cell, level with its last, first line.
  const votes: Votes = { bottom: 0, top: 0, middle: 0 };
  const loneLines = (chains: StreamSeg[][]): Set<StreamSeg> =>
    new Set(chains.filter((c) => c.length === 1).map((c) => c[0]!));
  const alone = loneLines(loose.chains);
  for (const chain of loose.chains) {
    if (chain.length < 2) continue;
    const first = chain[0]!.line;
    const last = chain.at(-1)!.line;
    for (let i = first; i <= last; i++) {
      const beside = byLine[i]!.filter(
        (s) => alone.has(s) && (s.c1 < chain[0]!.c0 || s.c0 > chain[0]!.c1),
      );
      if (beside.length === 0) continue;
      if (i === last) votes.bottom++;
      else if (i === first) votes.top++;
      // a line of its own between two lines of the wrapped cell: only middle alignment puts a
      // one-line cell there, whatever the fonts
      else if (!chain.some((s) => s.line === i)) votes.middle += MIN_VOTES;
      else votes.middle++;
    }
  }
  const align = alignment ?? alignOf(votes);
  const { strong, chains } = align === 'middle' ? link(true) : loose;
  const single = loneLines(chains);

  // Middle-aligned: the key column (the one with text on most lines, the names), and the label
  // columns left of it. A label centred beside an even number of rows sits on a line of its own
  // between two of them, closer to them than a row's height: it starts no row (see below).
  const starting = Array.from(
    { length: C },
    (_, c) => byLine.filter((l) => l.some((u) => u.c0 === c)).length,
  );
  const key = starting.indexOf(Math.max(...starting));
  const between = (i: number): boolean =>
    i > 0 &&
    i + 1 < lines.length &&
    byLine[i]!.length > 0 &&
    byLine[i]!.every((u) => u.c1 < key && single.has(u)) &&
    Math.min(...byLine[i]!.map(baseline)) - Math.max(...byLine[i - 1]!.map(baseline)) < em * 1.2 &&
    Math.min(...byLine[i + 1]!.map(baseline)) - Math.max(...byLine[i]!.map(baseline)) < em * 1.2;

  // Row boundaries, as "a row starts at line i".
  const rowStart = new Set<number>([0]);
  if (align === 'bottom') {
    for (const c of chains) if (c.at(-1)!.line + 1 < lines.length) rowStart.add(c.at(-1)!.line + 1);
  } else if (align === 'top') {
    for (const c of chains) rowStart.add(c[0]!.line);
  } else {
    const inside = new Set<number>();
    for (const c of chains) for (let i = c[0]!.line + 1; i <= c.at(-1)!.line; i++) inside.add(i);
    for (let i = 1; i < lines.length; i++) if (!inside.has(i) && !between(i)) rowStart.add(i);
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
      if (
        prev &&
        rowOfLine[s.line] !== rowOfLine[prev.line] &&
        !strong.has(prev) &&
        !cutCategory(segText(cur), segText([s]))
      ) {
        blocks.push(cur);
        cur = [];
      }
      cur.push(s);
    }
    blocks.push(cur);
  }
  const spans = joinBrokenLabels(
    blocks.map((b) => ({
      segs: b,
      r0: rowOfLine[b[0]!.line]!,
      r1: rowOfLine[b.at(-1)!.line]!,
      c0: Math.min(...b.map((s) => s.c0)),
      c1: Math.max(...b.map((s) => s.c1)),
    })),
  );
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
    const placed = categoryPlacement(spans, R);
    // left columns first: a label's merged cell is known before the cells beside it extend
    const order = [...spans].sort(
      (p, q) => p.c0 - q.c0 || (align === 'bottom' ? p.r0 - q.r0 : q.r0 - p.r0),
    );
    for (const b of order) {
      const dir = placed.get(b) ?? align;
      const step = dir === 'bottom' ? -1 : 1;
      let r = dir === 'bottom' ? b.r0 - 1 : b.r1 + 1;
      let edge = dir === 'bottom' ? b.r0 : b.r1;
      // nor past the rows of a cell left of it in its row: the label it is the value of (a
      // paragraph beside 年度目标 does not reach up into the rows of 项目资金 above)
      const row = dir === 'bottom' ? b.r0 : b.r1;
      const beside = spans.filter((o) => o.c1 < b.c0 && o.r0 <= row && row <= o.r1);
      const bound =
        dir === 'bottom'
          ? Math.max(-1, ...beside.map((o) => o.r0))
          : Math.min(R, ...beside.map((o) => o.r1));
      // nor past a row with text between it and the cell right of it in its row: a column head
      // centred over the label's column (一级指标 above a left-aligned 产出指标) or the labels of
      // the form's head above the table lie in columns of their own there
      const right = Math.min(
        C,
        ...spans.filter((o) => o.c0 > b.c1 && o.r0 <= row && row <= o.r1).map((o) => o.c0),
      );
      const gapText = (rr: number): boolean => {
        for (let c = b.c1 + 1; c < right; c++) if (taken.has(`${rr},${c}`)) return true;
        return false;
      };
      while (r >= 0 && r < R && free(r, b)) {
        const lo = Math.min(r, b.r0);
        const hi = Math.max(r, b.r1);
        if (keyColumn(lo, hi) <= b.c1) break;
        if (beside.length > 0 && (dir === 'bottom' ? r < bound : r > bound)) break;
        if (gapText(r)) break;
        edge = r;
        r += step;
      }
      if (edge === (dir === 'bottom' ? b.r0 : b.r1)) continue;
      const [from, to] = dir === 'bottom' ? [edge, b.r0 - 1] : [b.r1 + 1, edge];
      for (let rr = from; rr <= to; rr++)
        for (let c = b.c0; c <= b.c1; c++) taken.add(`${rr},${c}`);
      if (dir === 'bottom') b.r0 = edge;
      else b.r1 = edge;
    }
  }

  /**
   * Middle-aligned labels (left of the key column) span the rows they are centred beside:
   * column by column from the left, each takes the rows from its own (or from the row after the
   * label above it, if earlier) to the row whose text ends as far below its centre as the first
   * row's starts above it, within the label left of it.
   */
  function centreLabels(): void {
    const own = (r: number): number[] =>
      lines.flatMap((l, i) => (rowOfLine[i] === r && !between(i) ? [i] : []));
    const textTop = (r: number): number => Math.min(...own(r).flatMap((i) => lines[i]!.map(top)));
    const textBottom = (r: number): number =>
      Math.max(...own(r).flatMap((i) => lines[i]!.map(bottom)));
    const labels = spans.filter((b) => b.c1 < key).sort((p, q) => p.c0 - q.c0 || p.r0 - q.r0);
    const lastOf = new Map<number, number>();
    for (const b of labels) {
      const pieces = b.segs.flatMap((u) => u.pieces);
      const centre = (Math.min(...pieces.map(top)) + Math.max(...pieces.map(bottom))) / 2;
      const within = spans.filter((o) => o.c1 < b.c0 && o.r0 <= b.r0 && b.r0 <= o.r1);
      const lo = Math.max(lastOf.get(b.c0) ?? -1, ...within.map((o) => o.r0 - 1)) + 1;
      const hi = Math.min(R - 1, ...within.map((o) => o.r1));
      let best = {
        from: b.r0,
        to: b.r1,
        off: Math.abs((textTop(b.r0) + textBottom(b.r1)) / 2 - centre),
      };
      for (let from = b.r0; from >= lo && (from === b.r0 || free(from, b)); from--) {
        for (let to = b.r1; to <= hi && (to === b.r1 || free(to, b)); to++) {
          const off = Math.abs((textTop(from) + textBottom(to)) / 2 - centre);
          if (off < best.off - 1 || (off <= best.off + 1 && to - from > best.to - best.from))
            best = { from, to, off };
        }
      }
      for (let r = best.from; r <= best.to; r++)
        for (let c = b.c0; c <= b.c1; c++) taken.add(`${r},${c}`);
      b.r0 = best.from;
      b.r1 = best.to;
      lastOf.set(b.c0, b.r1);
    }
  }
  if (align === 'middle') centreLabels();

  const rowTop = (r: number): number =>
    Math.min(...lines.flatMap((l, i) => (rowOfLine[i] === r ? l.map(top) : [])));
  const ys = [...Array.from({ length: R }, (_, r) => rowTop(r)), Math.max(...all.map(bottom))];
  const tableCol = oneColumnEach(spans, R, C);
  const tableXs = xs.filter((_, c) => c === 0 || c === C || tableCol[c] !== tableCol[c - 1]);
  const cells: PdfCell[] = spans
    .map((b) => {
      const pieces = b.segs.flatMap((s) => s.pieces);
      // (on the table's columns; a centred column's grid starts at its centre line: the box
      // takes in all of its text)
      let x0 = tableXs[tableCol[b.c0]!]!;
      let x1 = tableXs[tableCol[b.c1]! + 1]!;
      if (pieces.some((p) => centred.of.has(p))) {
        for (const p of pieces) {
          x0 = Math.min(x0, p.x0);
          x1 = Math.max(x1, p.x1);
        }
      }
      return {
        row: b.r0,
        col: tableCol[b.c0]!,
        rowSpan: b.r1 - b.r0 + 1,
        colSpan: tableCol[b.c1]! - tableCol[b.c0]! + 1,
        box: [x0, ys[b.r0]!, x1, ys[b.r1 + 1]!] as [number, number, number, number],
        pieces,
        text: blockText(pieces, rightOf(b.c1)),
        page,
      };
    })
    .sort((p, q) => p.row - q.row || p.col - q.col);
  const table: PdfTable = {
    kind: 'table',
    page,
    xs: tableXs,
    ys,
    cells,
    method: 'stream',
    openTop: false,
    openBottom: false,
    pad: 0,
    endPage: page,
    box: [xs[0]!, ys[0]!, xs.at(-1)!, ys.at(-1)!],
  };
  return { table, votes, columns: C };
}

/**
 * A field label broken by a typed line break (项目 | 名称) whose first line has nothing right of
 * it on its row, the row under it starting with the label's second line at the same place (left
 * edge or centre): one cell over both rows, when the two lines together are a label the
 * dictionaries know and the second alone is none.
 */
function joinBrokenLabels<
  S extends { segs: StreamSeg[]; r0: number; r1: number; c0: number; c1: number },
>(spans: S[]): S[] {
  const gone = new Set<S>();
  for (const u of spans) {
    // (nothing starts right of it on its row; a label merged down beside it may run through)
    if (u.segs.length !== 1 || spans.some((o) => o !== u && o.r0 === u.r0 && o.c0 > u.c1)) continue;
    const top = u.segs[0]!;
    const l = spans.find(
      (o) => o.r0 === u.r1 + 1 && o.c0 === u.c0 && o.segs[0]!.line === top.line + 1,
    );
    if (!l || gone.has(l)) continue;
    const first = l.segs[0]!;
    if (!stacked(first.x0, first.x1, top.x0, top.x1) || !cutLabel(segText([top]), segText([first])))
      continue;
    l.segs = [top, ...l.segs];
    l.r0 = u.r0;
    l.c1 = Math.max(l.c1, u.c1);
    gone.add(u);
  }
  return gone.size === 0 ? spans : spans.filter((s) => !gone.has(s));
}

/**
 * Category labels that stand at the other end of their rows than the table's vertical alignment
 * says: a sheet whose categories are written once, in the first row of each, unmerged, with its
 * rows bottom-aligned (or in the last row, with top-aligned rows). In a column whose first
 * category sits right under the text above it (the column head) and whose last one is followed
 * by rows with no category, the categories stand at the top of their rows; with rows with no
 * category above the first one and none after the last, at the bottom. A column that says so
 * could also be a merged layout whose first group has one row and that ends in a closing row
 * (合计, 备注): the columns (一级, 二级) must not disagree, and a lone category column needs two
 * rows or more past its end. Anything else says nothing (the table's alignment stands).
 */
function categoryPlacement<
  S extends { segs: StreamSeg[]; r0: number; r1: number; c0: number; c1: number },
>(spans: readonly S[], R: number): Map<S, Alignment> {
  const votes: { cats: S[]; place: Alignment | null; past: number }[] = [];
  const columns = new Set(spans.map((b) => b.c0));
  for (const c of columns) {
    const cats = spans
      .filter((b) => b.c0 === c && isCategory(segText(b.segs)))
      .sort((p, q) => p.r0 - q.r0);
    if (cats.length < 2) continue;
    const inColumn = (r: number): boolean =>
      spans.some((o) => o.c0 <= c && c <= o.c1 && o.r0 <= r && r <= o.r1);
    const rightOf = (r: number): boolean => spans.some((o) => o.c0 > c && o.r0 <= r && r <= o.r1);
    /** Rows with text right of the column and none in it, from `r` on by `step`. */
    const bare = (r: number, step: number): number => {
      let n = 0;
      for (; r >= 0 && r < R && !inColumn(r) && rightOf(r); r += step) n++;
      return n;
    };
    const above = bare(cats[0]!.r0 - 1, -1);
    const after = bare(cats.at(-1)!.r1 + 1, 1);
    if (above === 0 && after > 0) votes.push({ cats, place: 'top', past: after });
    else if (above > 0 && after === 0) votes.push({ cats, place: 'bottom', past: above });
    else votes.push({ cats, place: null, past: 0 });
  }
  const out = new Map<S, Alignment>();
  const said = votes.filter((v) => v.place !== null);
  const place = said[0]?.place;
  if (!place || said.some((v) => v.place !== place)) return out;
  if (votes.length === 1 && said[0]!.past < 2) return out;
  for (const v of votes) for (const b of v.cats) out.set(b, place);
  return out;
}

/**
 * The column of the table each grid column ends in (0, 0, 1, 1, 2 …). Text centred in a column
 * starts a grid column of its own right of the column's left-aligned text (Calc centres the column
 * heads and the labels of a form's head over left-aligned categories: 一级指标 above 产出指标), and
 * so do right-aligned numbers under left-aligned text. Such a grid column is the column left of it
 * when no row has a cell of its own in both. Two columns that are both filled on a row (the head
 * row names every column) stay apart, and so does a grid column of left-aligned text (its own
 * texts start at one edge and end at several: notes on the rows without a target).
 */
function oneColumnEach(
  spans: readonly { segs: StreamSeg[]; r0: number; r1: number; c0: number; c1: number }[],
  R: number,
  C: number,
): number[] {
  const owner = Array.from({ length: R }, () => new Array<number>(C).fill(-1));
  spans.forEach((b, i) => {
    for (let r = b.r0; r <= b.r1; r++) for (let c = b.c0; c <= b.c1; c++) owner[r]![c] = i;
  });
  /**
   * Whether the grid column's own texts (one column wide) start at one left edge and end at
   * different places: a column of left-aligned text, never an artefact of centred or
   * right-aligned text (texts all as wide as each other tell nothing).
   */
  const leftAligned = (c: number): boolean => {
    const segs = spans.filter((b) => b.c0 === c && b.c1 === c).flatMap((b) => b.segs);
    const spread = (values: number[]): number => Math.max(...values) - Math.min(...values);
    return (
      segs.length >= 2 &&
      spread(segs.map((t) => t.x0)) <= SNAP &&
      spread(segs.map((t) => t.x1)) > SNAP
    );
  };
  const colOf = [0];
  // the cell of each row in the column being built (-1: none)
  let group = owner.map((row) => row[0]!);
  for (let c = 1; c < C; c++) {
    const apart =
      leftAligned(c) ||
      owner.some((row, r) => group[r]! >= 0 && row[c]! >= 0 && group[r] !== row[c]);
    if (apart) {
      colOf.push(colOf[c - 1]! + 1);
      group = owner.map((row) => row[c]!);
    } else {
      colOf.push(colOf[c - 1]!);
      group = group.map((g, r) => (g >= 0 ? g : owner[r]![c]!));
    }
  }
  colOf.push(colOf[C - 1]! + 1);
  return colOf;
}

/**
 * Whether line k (text in one place) and the lines of one stretch after it, each as close to the
 * next as wrapped lines are, are the upper lines of a cell of the table starting below them: in
 * a bottom-aligned first row, a wrapped cell's lines come before the line its neighbours share
 * (社区卫生服务中心家庭医 above 项目名称 | 生签约服务补助). Each starts where a stretch of that
 * line starts, or is centred where it is centred, clear of the stretches beside that one, in
 * no larger type and not in the table's first column; a form's title, the year line under it
 * or a label with its value after a colon is no cell.
 */
function wrapsIntoTable(lines: readonly Piece[][], k: number): boolean {
  // (a line of one place just above, starting or centred where it does, belongs with it: a
  // title and the year line under it)
  const above = lines[k - 1];
  if (above && streamUnits(above, 1.5).length < 2) {
    const ends = (l: Piece[]): [number, number] => [
      Math.min(...l.map((p) => p.x0)),
      Math.max(...l.map((p) => p.x1)),
    ];
    const [a0, a1] = ends(above);
    const [k0, k1] = ends(lines[k]!);
    const close = lines[k]![0]!.y - above[0]!.y <= lines[k]![0]!.size * 1.35;
    if (close && stacked(a0, a1, k0, k1)) return false;
  }
  let j = k;
  while (j < lines.length && streamUnits(lines[j]!, 1.5).length < 2) {
    const next = lines[j + 1];
    if (!next || next[0]!.y - lines[j]![0]!.y > next[0]!.size * 1.35) return false;
    j++;
  }
  if (j >= lines.length || j - k > 3) return false;
  const below = streamUnits(lines[j]!, 1.5).map((u) => ({ x0: u[0]!.x0, x1: u.at(-1)!.x1 }));
  const size = Math.max(...lines[j]!.map((p) => p.size));
  for (let i = k; i < j; i++) {
    const x0 = Math.min(...lines[i]!.map((p) => p.x0));
    const x1 = Math.max(...lines[i]!.map((p) => p.x1));
    if (lines[i]!.some((p) => p.size > size + 0.5)) return false;
    // in the first column only a field label's first line (项目 | 名称 under a title)
    const lower = streamUnits(lines[j]!, 1.5)[0]!;
    const head = (l: Piece[]): string => l.map((p) => p.text).join('');
    if (x0 <= below[0]!.x0 + SNAP && (j !== i + 1 || !cutLabel(head(lines[i]!), head(lower))))
      return false;
    const text = lines[i]!.map((p) => p.text)
      .join('')
      .replace(/\s+/gu, '');
    // (nor a label with its value, 单位：万元 or 填报单位：…, printed above the table)
    if (readsAsTitle(text) || onlyNote(text) || labelWithValue(text)) return false;
    // under a stretch it starts with, or is centred on, and clear of the stretches beside it
    const at = below.findIndex((u) => stacked(u.x0, u.x1, x0, x1));
    if (at < 0) return false;
    if (at > 0 && x0 < below[at - 1]!.x1 + SNAP) return false;
    if (at + 1 < below.length && x1 > below[at + 1]!.x0 - SNAP) return false;
  }
  return true;
}

/**
 * Stream tables: consecutive lines of which the first leaves a gap between runs (two or more
 * columns), not far apart, form a table rebuilt by streamTable.
 */
export function streamBlocks(pieces: Piece[], page: number, right: number): PdfBlock[] {
  const lines = groupLines(pieces)
    .map((l) => l.filter((p) => !p.gap && p.text.trim() !== '').map(trimEnd))
    .filter((l) => l.length > 0);
  const out: PdfBlock[] = [];
  const tables: { at: number; lines: Piece[][]; votes: Votes }[] = [];
  let k = 0;
  while (k < lines.length) {
    if (streamUnits(lines[k]!, 1.5).length < 2 && !wrapsIntoTable(lines, k)) {
      out.push(...paragraphs(lines[k]!, page, right));
      k++;
      continue;
    }
    // A table: this line and the following ones, as long as they are not far apart (four ems).
    let end = k + 1;
    while (end < lines.length) {
      const gap = lines[end]![0]!.y - lines[end - 1]![0]!.y;
      if (gap > lines[end]![0]!.size * 4) break;
      end++;
    }
    let run = streamTable(lines.slice(k, end), page);
    // Two tables one under the other with a blank row between them (a form's head above its
    // indicator table), each with columns of its own: lines more than two and a half times the
    // usual distance apart (among five or more lines) part the table when the two parts, read
    // apart, have clearly fewer columns than read together. A taller row or a blank row inside
    // one table leaves its columns as they are.
    const gaps = lines
      .slice(k + 1, end)
      .map((l, i) => l[0]!.y - lines[k + i]![0]!.y)
      .sort((a, b) => a - b);
    const usual = gaps[Math.floor((gaps.length - 1) / 2)] ?? 0;
    for (let i = k + 1; i < end && gaps.length >= 4; i++) {
      if (lines[i]![0]!.y - lines[i - 1]![0]!.y <= usual * 2.5) continue;
      const upper = streamTable(lines.slice(k, i), page);
      const lower = streamTable(lines.slice(i, end), page);
      // (the columns of the text's left edges, before centred text joins its column)
      if (run.columns > Math.max(upper.columns, lower.columns) + 1) {
        end = i;
        run = upper;
        break;
      }
    }
    tables.push({ at: out.length, lines: lines.slice(k, end), votes: run.votes });
    out.push(run.table);
    k = end;
  }
  // The cells of a page printed from one sheet are aligned alike: where a table's own evidence
  // (the wrapped cells beside one-line ones) is not clear, the page's whole evidence decides, so
  // that a short table (the form's head, two or three lines) follows its long indicator table.
  if (tables.length > 1) {
    const all: Votes = { bottom: 0, top: 0, middle: 0 };
    for (const { votes } of tables) {
      all.bottom += votes.bottom;
      all.top += votes.top;
      all.middle += votes.middle;
    }
    const align = alignOf(all);
    for (const t of tables) {
      if (clearAlignment(t.votes) === null && alignOf(t.votes) !== align) {
        out[t.at] = streamTable(t.lines, page, align).table;
      }
    }
  }
  return out;
}

// What a PDF page draws, in page coordinates (points, origin at the top-left corner): the ruling
// lines of its tables from pdf.js's operator list, through the transformation matrices in force,
// and the frame in which its text reads left to right.
import type { HRule, VRule } from './pdf-grid.js';

export type Matrix = [number, number, number, number, number, number];

/** A text run as pdf.js's getTextContent reports it (the fields used here). */
export interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

export const compose = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
export const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

export interface Drawing {
  h: HRule[];
  v: VRule[];
  images: number;
  /** Paths painted (stroked or filled): text turned into outlines is only this. */
  paths: number;
}

/** Ruling lines of a page from its operator list, in page coordinates (top-left origin). */
export function drawing(
  OPS: Record<string, number>,
  ops: { fnArray: number[]; argsArray: unknown[] },
  view: Matrix,
): Drawing {
  const out: Drawing = { h: [], v: [], images: 0, paths: 0 };
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
      // the form's /Matrix comes as a Float32Array (pdf.js) or an array
      const m = args?.[0] as ArrayLike<number> | null | undefined;
      if (m && m.length === 6) state.ctm = compose(state.ctm, Array.from(m) as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) state = stack.pop() ?? state;
    else if (IMAGES.has(fn)) out.images++;
    else if (fn === OPS.constructPath) {
      const paint = args?.[0] as number;
      // Rulings count whatever their colour: a table drawn with white borders (an HTML export
      // with borderColorDark=#ffffff) still has its cells where the borders are.
      const stroked = STROKES.has(paint);
      const filled = FILLS.has(paint);
      if (!stroked && !filled) continue;
      out.paths++;
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
export function upright(
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

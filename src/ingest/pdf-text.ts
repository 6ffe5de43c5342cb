// Text pieces of a PDF page and how they join into the text of a cell or a paragraph.
// A piece is one run of glyphs pdf.js reports, in page coordinates (points, origin at the top-left
// corner, y growing downwards). Joining never keeps the spaces pdf.js invents between runs when a
// CJK character is on either side (`2024 年` → `2024年`), and joins the wrapped lines of one cell.
import {
  CHINESE_NUMERALS,
  ENUMERATION_COMMA,
  NO_LINE_END,
  NO_LINE_START,
} from '../dict/grammar.js';

/** One run of text on a page. */
export interface Piece {
  text: string;
  /** Left and right ends of the run. */
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  /** Font size (em) in points. */
  size: number;
  /** A whitespace run pdf.js inserted for a gap between runs, not text of the file. */
  gap: boolean;
  font: string;
}

/** The gap between CJK and Latin text of a line that wrapped that is a space (Writer stretches a
 * justified line's gaps there to 0.22–0.42 em). */
const JUSTIFIED_GAP = 0.5;

/** Vertical centre of a piece (the baseline minus about a third of the em). */
export const midY = (p: Piece): number => p.y - p.size * 0.3;
export const midX = (p: Piece): number => (p.x0 + p.x1) / 2;
export const top = (p: Piece): number => p.y - p.size * 0.85;
export const bottom = (p: Piece): number => p.y + p.size * 0.2;

// CJK ideographs, kana, hangul, CJK and full-width punctuation, Kangxi radicals.
const WIDE =
  /[\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u3100-\u312F\u3190-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF01-\uFF60\uFFE0-\uFFE6]/u;

export function isWide(ch: string | undefined): boolean {
  return ch !== undefined && WIDE.test(ch);
}

/** Splits a run into one piece per character, placing each by its share of the run's width. */
export function splitPiece(p: Piece): Piece[] {
  const chars = [...p.text];
  if (chars.length <= 1) return [p];
  const weights = chars.map((c) => (isWide(c) ? 2 : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const out: Piece[] = [];
  let x = p.x0;
  for (const [i, c] of chars.entries()) {
    const w = ((p.x1 - p.x0) * weights[i]!) / total;
    out.push({ ...p, text: c, x0: x, x1: x + w });
    x += w;
  }
  return out;
}

/**
 * A piece without the spaces it ends with, its right end where its last visible character ends
 * (Writer ends the text of a cell with a space, whose advance reaches into the next column). Only
 * after a wide character, whose share of the width splitPiece estimates well; a number's digits
 * and a Latin word keep their piece as it is.
 */
export function trimEnd(p: Piece): Piece {
  if (!/\s$/u.test(p.text) || !isWide(p.text.trimEnd().at(-1))) return p;
  const chars = splitPiece(p);
  let n = chars.length;
  while (n > 0 && chars[n - 1]!.text.trim() === '') n--;
  return { ...p, text: p.text.trimEnd(), x1: chars[n - 1]!.x1 };
}

/** Groups pieces into lines (top to bottom), each line's pieces left to right. */
export function linesOf(pieces: Piece[]): Piece[][] {
  const sorted = [...pieces].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: Piece[][] = [];
  for (const p of sorted) {
    const line = lines.find((l) => {
      const q = l[0]!;
      return Math.abs(q.y - p.y) <= Math.min(q.size, p.size) * 0.45;
    });
    if (line) line.push(p);
    else lines.push([p]);
  }
  for (const l of lines) l.sort((a, b) => a.x0 - b.x0);
  return withScripts(lines)
    .map(interleaved)
    .sort((a, b) => a[0]!.y - b[0]!.y);
}

/**
 * A line whose runs overlap (Writer prints the quotes of a CJK line in another font, over gaps
 * left in the CJK run: 务 一网 with “ drawn in the gap) with the run holding the gap split into
 * characters, so that every glyph stands in its place.
 */
function interleaved(line: Piece[]): Piece[] {
  const shown = (p: Piece): boolean => !p.gap && p.text.trim() !== '';
  // a run with a blank in it and a glyph or two of another run drawn inside it (text over a
  // fill-in line, a run measured too wide or bold printed twice is left as it is)
  const holds = (p: Piece): boolean =>
    shown(p) &&
    /\s/u.test(p.text.trim()) &&
    line.some(
      (q) =>
        q !== p && shown(q) && [...q.text.trim()].length <= 2 && q.x0 > p.x0 + 1 && q.x1 < p.x1 - 1,
    );
  if (!line.some(holds)) return line;
  return line.flatMap((p) => (holds(p) ? splitPiece(p) : [p])).sort((a, b) => a.x0 - b.x0);
}

/**
 * Lines of small text raised or lowered against a line of larger text and standing right after
 * one of its runs are superscripts and subscripts of it (m² of ≥500m², the mark of ≥95%①): they
 * join that line where they stand, instead of becoming a line above or below it.
 */
function withScripts(lines: Piece[][]): Piece[][] {
  if (lines.length < 2) return lines;
  const size = (l: Piece[]): number => Math.max(...l.map((p) => p.size));
  const out = [...lines];
  for (const small of lines) {
    const s = size(small);
    const host = out.find((l) => {
      if (l === small) return false;
      const big = size(l);
      const base = l[0]!.y;
      const y = small[0]!.y;
      if (s > big * 0.85 || y < base - big * 0.6 || y > base + big * 0.35) return false;
      const x = small[0]!.x0;
      return l.some((p) => !p.gap && Math.abs(x - p.x1) <= big * 0.3);
    });
    if (!host) continue;
    host.push(...small);
    host.sort((a, b) => a.x0 - b.x0);
    out.splice(out.indexOf(small), 1);
  }
  return out;
}

/** A space inside a run next to a CJK character. */
const SPACE_BY_WIDE = new RegExp(`(?<=${WIDE.source})\\s+|\\s+(?=${WIDE.source})`, 'gu');
/** Two CJK characters with a space between them inside one run. */
const WIDE_SPACED = new RegExp(`${WIDE.source} +${WIDE.source}`, 'u');
const ALL_WIDE = new RegExp(`^(?:${WIDE.source})+$`, 'u');

/**
 * True when a line is letter-spaced, as justified CJK text is: its CJK characters stand apart by
 * a tenth of an em or more (pdf.js then puts a space between two of them inside a run), or its
 * CJK characters advance further than the narrowest line's of its block (`natural`). The gaps of such a line next to CJK text
 * come from the spacing, not from spaces typed in it: `2024 年 1 月 1 日 至` and
 * `各 县 （ 市 、 区 ）` were typed `2024年1月1日至` and `各县（市、区）`.
 */
function letterSpaced(line: Piece[], natural: number): boolean {
  let last: Piece | null = null;
  for (const p of line) {
    if (p.gap || p.text.trim() === '') continue;
    if (WIDE_SPACED.test(p.text)) return true;
    if (last && isWide(last.text.at(-1)) && isWide(p.text[0])) {
      const gap = (p.x0 - last.x1) / Math.min(last.size, p.size);
      if (gap > 0.08 && gap <= 0.8) return true;
    }
    last = p;
  }
  return wideAdvance(line) > natural * 1.015;
}

/**
 * The advance of the line's CJK characters in em (the width of its runs of CJK characters only,
 * over their count and size), or NaN for a line with fewer than three. A font's CJK characters
 * all have one advance, which the size a file gives may not match exactly (Chromium: 1.018), so
 * the advance is compared between the lines of one block, whose last line is never justified.
 */
function wideAdvance(line: Piece[]): number {
  let chars = 0;
  let width = 0;
  for (const p of line) {
    if (p.gap || !ALL_WIDE.test(p.text)) continue;
    chars += p.text.length;
    width += (p.x1 - p.x0) / p.size;
  }
  return chars >= 3 ? width / chars : NaN;
}

/**
 * The text of one line: runs joined left to right. pdf.js reports no space where a file positions
 * the next run after a gap instead of printing a space glyph, and invents one at some font
 * changes (`2024 年`); so a space is put where the gap is as wide as a space: more than 0.15 em
 * between Latin text, more than 0.245 em next to CJK (LibreOffice's extra spacing between Asian
 * and Latin text is 0.2 em; of the larger size when the two fonts differ), and between two CJK characters only for a gap wider than 0.8 em
 * (spaces typed between phrases; the normaliser drops spaces between CJK characters anyway).
 * In a letter-spaced line (see `letterSpaced`) a gap next to CJK text needs 0.8 em too, and the
 * spaces next to a CJK character, inside a run or between runs, are dropped. In a `full` line
 * (one that wrapped into the next: justified, its gaps stretched), a gap between CJK text and a
 * Latin letter or digit needs JUSTIFIED_GAP, unless a space character stands in it.
 */
export function lineText(line: Piece[], natural = Infinity, full = false): string {
  const spaced = letterSpaced(line, natural);
  let out = '';
  let last: Piece | null = null;
  // a space character of the file itself came since the last text (an invented one is only
  // evidence of a gap, which the positions give)
  let typed = false;
  for (const p of line) {
    if (p.gap || p.text.trim() === '') {
      // a space drawn where another glyph stands is not one (Writer prints CJK text with spaces
      // where the quotes of another font go)
      if (!p.gap && !line.some((q) => q.text.trim() !== '' && covers(q, p))) typed = true;
      continue;
    }
    if (last && !out.endsWith(' ')) {
      const gap = p.x0 - last.x1;
      const before = out.at(-1);
      const after = p.text[0];
      const wide = isWide(before) || isWide(after);
      const both = isWide(before) && isWide(after);
      // between Latin and CJK text in fonts of two sizes (Writer: Western 12 pt, Asian 10.5 pt)
      // the spacing Writer adds is measured against the larger one
      const em = wide && !both ? Math.max(last.size, p.size) : Math.min(last.size, p.size);
      const loose = spaced && wide;
      // (a typed space after a list marker, (2) 建成, is no stretched gap between words)
      const letters = /[\p{L}\p{N}]/u.test(before ?? '') && /[\p{L}\p{N}]/u.test(after ?? '');
      // a wide gap stays wide (several spaces), as the layout gap between pairs printed on one
      // line (`财务负责人：谭丽      填报日期：…`) that the extractor reads as a separator
      if (gap > em * 1.2) out += ' '.repeat(Math.min(8, Math.max(2, Math.round(gap / (em * 0.5)))));
      // nothing stands between a bracket or quote and what it holds (“ 六稳 ” was typed “六稳”)
      else if (hugs(before, after)) {
        /* no space */
      } else if (
        (typed && !loose) ||
        gap > em * (both || loose ? 0.8 : wide ? (full && letters ? JUSTIFIED_GAP : 0.245) : 0.15)
      ) {
        out += ' ';
      }
    }
    out += spaced ? p.text.replace(SPACE_BY_WIDE, '') : p.text;
    last = p;
    typed = false;
  }
  return out.trim();
}

/** Punctuation that may not end a line (opening) or start one (closing), kept with its neighbour. */
const escape = (chars: string): string => chars.replace(/[\]\\^-]/gu, '\\$&');

/** Half or more of the space `p` takes is under the glyphs of `q`. */
const covers = (q: Piece, p: Piece): boolean =>
  Math.min(q.x1, p.x1) - Math.max(q.x0, p.x0) >= (p.x1 - p.x0) * 0.5;

/** An opening bracket or quote before, or a closing one after: nothing stands between them. */
const hugs = (before: string | undefined, after: string | undefined): boolean =>
  (before !== undefined && OPENING.test(before)) || (after !== undefined && CLOSING.test(after));
const OPENING = new RegExp(`[${escape(NO_LINE_END)}]`, 'u');
const CLOSING = new RegExp(`[${escape(NO_LINE_START)}]`, 'u');

/**
 * Width of the first word of a line: one CJK character, or a run of Latin letters, digits and
 * signs up to a space or CJK text (2.8%), each with the punctuation that may not start a line.
 */
export function firstWordWidth(line: Piece[]): number {
  const chars = line
    .filter((p) => !p.gap && p.text.trim() !== '')
    .flatMap((p) => splitPiece(p))
    .filter((c, i, all) => c.text.trim() !== '' || (i > 0 && all[i - 1]!.text.trim() !== ''));
  if (chars.length === 0) return 0;
  let n = 0;
  while (n < chars.length && OPENING.test(chars[n]!.text)) n++;
  if (isWide(chars[n]?.text)) n++;
  else {
    // a Latin word or a number runs to a space or CJK text (2.8% is one word, not 2 and .8%)
    while (n < chars.length && !isWide(chars[n]!.text) && chars[n]!.text.trim() !== '') n++;
  }
  // closing punctuation, and the solidus of 元/辆, may not start a line (UAX #14); a unit with
  // its denominator (元/台) is kept whole, as word processors print it
  while (n < chars.length && CLOSING.test(chars[n]!.text)) n++;
  if (n < chars.length && chars[n]!.text === '/') {
    n++;
    if (isWide(chars[n]?.text)) n++;
    while (n < chars.length && CLOSING.test(chars[n]!.text)) n++;
  }
  return chars[Math.max(n, 1) - 1]!.x1 - chars[0]!.x0;
}

/** A line that starts with an enumerator (（二）, 二、, 3.) starts a paragraph, however full the line above. */
export const ENUMERATED = new RegExp(
  `^(?:[${CHINESE_NUMERALS}]+[${ENUMERATION_COMMA}.．]|\\d{1,2}[${ENUMERATION_COMMA}.．](?!\\d)|[(（][${CHINESE_NUMERALS}\\d]{1,2}[)）])`,
  'u',
);

/**
 * The text of a cell or paragraph from its pieces: lines joined with \n, except a line that runs
 * to the right edge of its box, which wrapped and continues on the next line without a break.
 */
export function blockText(pieces: Piece[], right: number): string {
  const lines = linesOf(pieces);
  const natural = Math.min(...lines.map(wideAdvance).filter((a) => !Number.isNaN(a)));
  // Wrapped when the next line's first word would not have fitted after this line's end.
  const wraps = (line: Piece[], next: Piece[]): boolean => {
    const end = line.at(-1)!;
    return end.x1 + firstWordWidth(next) >= right - end.size * 0.25;
  };
  let out = '';
  let prev: Piece[] | null = null;
  for (const [k, line] of lines.entries()) {
    const next = lines[k + 1];
    const text = lineText(line, natural, next !== undefined && wraps(line, next));
    if (text === '') continue;
    if (prev !== null) {
      const wrapped = wraps(prev, line);
      // a wrapped line continues the word it broke: Latin words wrap at a space, which comes
      // back; a number broken between two digits (≤280/1 | 0万) or before its sign (96.20 | %)
      // wraps where there was none
      const brokenNumber = /\d$/u.test(out) && /^\d/u.test(text);
      if (!wrapped || ENUMERATED.test(text)) out += '\n';
      else if (
        !brokenNumber &&
        !isWide(out.at(-1)) &&
        !isWide(text[0]) &&
        /[\p{L}\p{N}]$/u.test(out) &&
        /^[\p{L}\p{N}]/u.test(text)
      )
        out += ' ';
    }
    out += text;
    prev = line;
  }
  return out;
}

/**
 * True when the text of `next` (the top of a cell on the next page) continues the text of `cell`
 * (the bottom of the cell above it): the last line of `cell` is full, so the next word wrapped.
 */
export function wrapsInto(cell: Piece[], right: number, next: Piece[]): boolean {
  const last = linesOf(cell.filter((p) => !p.gap && p.text.trim() !== '')).at(-1);
  const first = linesOf(next.filter((p) => !p.gap && p.text.trim() !== ''))[0];
  if (!last || !first) return false;
  const end = last.at(-1)!;
  return end.x1 + firstWordWidth(first) >= right - end.size * 0.25;
}

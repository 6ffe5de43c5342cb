// Text runs of one content stream exactly as pdf.js's getTextContent builds them (pdf.js 5.6,
// horizontal fonts): glyphs join a run while they follow on one baseline; a gap of a space's
// width puts a space in the run, a wider one ends it with a whitespace item of height 0 (which
// pdf-text.ts reads as a gap), a jump back or to another line ends it. The same arithmetic in the
// same order, so that positions agree with pdf.js's to the last bit. This module follows the
// text-content logic of pdf.js (src/core/evaluator.js, getTextContent; Copyright Mozilla
// Foundation, Apache License 2.0, https://github.com/mozilla/pdf.js/blob/master/LICENSE).
import type { TextItem } from './pdf-draw.js';
import type { Font } from './pdf-font.js';
import { unsupported } from './pdf-syntax.js';

type Matrix = number[];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const FONT_IDENTITY: Matrix = [0.001, 0, 0, 0.001, 0, 0];

/** pdf.js's Util.transform. */
export const multiply = (m1: Matrix, m2: Matrix): Matrix => [
  m1[0]! * m2[0]! + m1[2]! * m2[1]!,
  m1[1]! * m2[0]! + m1[3]! * m2[1]!,
  m1[0]! * m2[2]! + m1[2]! * m2[3]!,
  m1[1]! * m2[2]! + m1[3]! * m2[3]!,
  m1[0]! * m2[4]! + m1[2]! * m2[5]! + m1[4]!,
  m1[1]! * m2[4]! + m1[3]! * m2[5]! + m1[5]!,
];

const translate = (m: Matrix, x: number, y: number): void => {
  m[4] = m[0]! * x + m[2]! * y + m[4]!;
  m[5] = m[1]! * x + m[3]! * y + m[5]!;
};

/** The text part of the graphics state (pdf.js's TextState). */
export class TextState {
  ctm: Matrix = IDENTITY;
  fontName: string | null = null;
  fontSize = 0;
  font: Font | null = null;
  textMatrix: Matrix = IDENTITY.slice();
  textLineMatrix: Matrix = IDENTITY.slice();
  charSpacing = 0;
  wordSpacing = 0;
  leading = 0;
  textHScale = 1;
  textRise = 0;
  /** The clipping rectangle (x0, y0, x1, y1 on the page) of a `re W n` path, or null. */
  clip: readonly number[] | null = null;

  clone(): TextState {
    const c = Object.assign(new TextState(), this);
    c.textMatrix = this.textMatrix.slice();
    c.textLineMatrix = this.textLineMatrix.slice();
    return c;
  }
  get fontMatrix(): Matrix {
    return this.font?.matrix ?? FONT_IDENTITY;
  }
  translateTextMatrix(x: number, y: number): void {
    translate(this.textMatrix, x, y);
  }
  translateTextLineMatrix(x: number, y: number): void {
    translate(this.textLineMatrix, x, y);
  }
  carriageReturn(): void {
    this.translateTextLineMatrix(0, -this.leading);
    this.textMatrix = this.textLineMatrix.slice();
  }
  beginText(): void {
    this.textMatrix = IDENTITY.slice();
    this.textLineMatrix = IDENTITY.slice();
  }
}

const TRACKING_SPACE_FACTOR = 0.102;
const NOT_A_SPACE_FACTOR = 0.03;
const NEGATIVE_SPACE_FACTOR = -0.2;
const SPACE_IN_FLOW_MIN_FACTOR = 0.102;
const SPACE_IN_FLOW_MAX_FACTOR = 0.6;
/**
 * A gap inside a run narrower than this (in em) next to a CJK character is the extra spacing a
 * word processor puts between Asian and Latin text, not a space: `2024年度` stays `2024年度`.
 * Measured: LibreOffice Writer 0.198–0.216 em (0.216 at 8 pt); a typed space of a CJK font
 * (Noto Sans CJK, which Chromium prints with) 0.224 em, which stays a space.
 */
const ASIAN_LATIN_SPACING_MAX = 0.22;
const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/u;
const VERTICAL_SHIFT_RATIO = 0.25;

/**
 * A run's text: the pieces joined, each narrow gap (the positions in `narrow`, where a space was
 * pushed) nothing when a CJK character stands next to it, a space elsewhere.
 */
function runText(str: string[], narrow: number[]): string {
  if (narrow.length === 0) return str.join('');
  const gaps = new Set(narrow);
  let out = '';
  str.forEach((piece, i) => {
    if (!gaps.has(i)) {
      out += piece;
      return;
    }
    const before = out.at(-1) ?? '';
    const after = str.slice(i + 1).find((p, k) => !gaps.has(i + 1 + k) && p !== '')?.[0] ?? '';
    out += CJK.test(before) || CJK.test(after) ? '' : piece;
  });
  return out;
}

/** The run being built; its measures outlive a flush, as pdf.js's textContentItem's do. */
interface Run {
  initialized: boolean;
  str: string[];
  /** Positions in `str` of spaces that stand for a narrow gap (see ASIAN_LATIN_SPACING_MAX). */
  narrow: number[];
  totalWidth: number;
  width: number;
  height: number;
  prevTransform: Matrix | null;
  prevTextRise: number;
  textAdvanceScale: number;
  spaceInFlowMin: number;
  spaceInFlowMax: number;
  trackingSpaceMin: number;
  negativeSpaceMax: number;
  notASpace: number;
  transform: Matrix;
  fontName: string;
}

/** The font facts pdf.js compares to decide whether a font change ends the run. */
interface FontSnapshot {
  fontSize: number;
  fontName: string | null;
  font: Font | null;
}

/** The text runs of one content stream (a page's, or a form XObject's: each has its own). */
export class TextRuns {
  private textState: TextState;
  private readonly stack: TextState[] = [];
  private current: FontSnapshot;
  private readonly run: Run = {
    initialized: false,
    str: [],
    narrow: [],
    totalWidth: 0,
    width: 0,
    height: 0,
    prevTransform: null,
    prevTextRise: 0,
    textAdvanceScale: 0,
    spaceInFlowMin: 0,
    spaceInFlowMax: 0,
    trackingSpaceMin: Infinity,
    negativeSpaceMax: -Infinity,
    notASpace: -Infinity,
    transform: IDENTITY,
    fontName: '',
  };
  private readonly lastChars = [' ', ' '];
  private lastCharsPos = 0;

  constructor(
    private readonly items: TextItem[],
    private readonly view: number[],
    initial: TextState,
    /** Glyphs not read because they stand outside the clipping rectangle. */
    private readonly clipped: { count: number } = { count: 0 },
  ) {
    this.textState = initial;
    this.current = snapshot(initial);
  }

  get state(): TextState {
    return this.textState;
  }
  save(): void {
    this.stack.push(this.textState);
    this.textState = this.textState.clone();
  }
  restore(): void {
    this.textState = this.stack.pop() ?? this.textState;
  }
  transform(m: Matrix): void {
    this.state.ctm = multiply(this.state.ctm, m);
  }
  setTextMatrix(m: Matrix): void {
    this.state.textMatrix = m.slice();
    this.state.textLineMatrix = m.slice();
    this.updateAdvanceScale();
  }

  /** Tj and the strings of TJ (`extraSpacing`: the TJ number after the string, in text space). */
  show(chars: string, extraSpacing: number): void {
    const state = this.state;
    this.fontChange();
    const font = state.font!;
    const baseCharSpacing = state.charSpacing;
    if (chars === '') {
      const charSpacing = baseCharSpacing + extraSpacing;
      if (charSpacing) state.translateTextMatrix(charSpacing * state.textHScale, 0);
      return;
    }
    const glyphs = font.glyphs(chars);
    const scale = state.fontMatrix[0]! * state.fontSize;
    for (let i = 0; i < glyphs.length; i++) {
      const glyph = glyphs[i]!;
      if (glyph.isInvisibleFormatMark) continue;
      let charSpacing = baseCharSpacing + (i + 1 === glyphs.length ? extraSpacing : 0);
      let scaledDim = glyph.width * scale;
      if (glyph.code === 0x20) charSpacing += state.wordSpacing;
      if (glyph.isWhitespace) {
        charSpacing += scaledDim;
        state.translateTextMatrix(charSpacing * state.textHScale, 0);
        this.saveLastChar(' ');
        continue;
      }
      if (!glyph.isZeroWidthDiacritic && !this.compareWithLastPosition(scaledDim)) {
        state.translateTextMatrix(scaledDim * state.textHScale, 0);
        continue;
      }
      const run = this.ensureRun();
      if (glyph.isZeroWidthDiacritic) scaledDim = 0;
      scaledDim *= state.textHScale;
      state.translateTextMatrix(scaledDim, 0);
      run.width += scaledDim;
      if (scaledDim) {
        run.prevTransform = this.textTransform();
        run.prevTextRise = state.textRise;
      }
      if (this.saveLastChar(glyph.unicode)) run.str.push(' ');
      run.str.push(glyph.unicode);
      if (charSpacing) state.translateTextMatrix(charSpacing * state.textHScale, 0);
    }
  }

  /** Ends the run being built (marked content, XObjects, the end of the stream do). */
  flush(): void {
    const run = this.run;
    if (!run.initialized) return;
    run.totalWidth += run.width * run.textAdvanceScale;
    this.items.push({
      str: runText(run.str, run.narrow),
      width: Math.abs(run.totalWidth),
      height: Math.abs(run.height),
      transform: run.transform,
      fontName: run.fontName,
    });
    run.initialized = false;
    run.str.length = 0;
    run.narrow.length = 0;
  }

  /** A change of font size, or of font to one of another name, ends the run. */
  private fontChange(): void {
    const { current, state } = this;
    if (current.fontSize === state.fontSize && current.fontName === state.fontName) return;
    if (current.fontSize === state.fontSize) {
      // pdf.js fails on this comparison (no font yet) and stops reading the stream
      if (!current.font) return unsupported('font change without a previous font');
      if (current.font.name === state.font!.name) return;
    }
    this.flush();
    this.current = snapshot(state);
  }

  /**
   * The text rendering matrix, ctm × (textMatrix × [size·scale, 0, 0, size, 0, rise]): pdf.js's two
   * Util.transform products written out, every term in the same order.
   */
  private textTransform(): Matrix {
    const state = this.state;
    const font = state.font!;
    const t0 = state.fontSize * state.textHScale;
    let t3 = state.fontSize;
    const t5 = state.textRise;
    const matrix = state.fontMatrix;
    if (
      font.type3 &&
      (state.fontSize <= 1 || font.charBBox) &&
      !matrix.every((v, i) => v === FONT_IDENTITY[i])
    ) {
      const glyphHeight = font.bbox[3]! - font.bbox[1]!;
      if (glyphHeight > 0) t3 *= glyphHeight * matrix[3]!;
    }
    const m = state.textMatrix as [number, number, number, number, number, number];
    const i0 = m[0] * t0 + m[2] * 0;
    const i1 = m[1] * t0 + m[3] * 0;
    const i2 = m[0] * 0 + m[2] * t3;
    const i3 = m[1] * 0 + m[3] * t3;
    const i4 = m[0] * 0 + m[2] * t5 + m[4];
    const i5 = m[1] * 0 + m[3] * t5 + m[5];
    const c = state.ctm as [number, number, number, number, number, number];
    return [
      c[0] * i0 + c[2] * i1,
      c[1] * i0 + c[3] * i1,
      c[0] * i2 + c[2] * i3,
      c[1] * i2 + c[3] * i3,
      c[0] * i4 + c[2] * i5 + c[4],
      c[1] * i4 + c[3] * i5 + c[5],
    ];
  }

  private ensureRun(): Run {
    const run = this.run;
    if (run.initialized) return run;
    const state = this.state;
    run.fontName = state.font!.id;
    const trm = (run.transform = this.textTransform());
    run.width = run.totalWidth = 0;
    run.height = Math.hypot(trm[2]!, trm[3]!);
    run.textAdvanceScale = this.advanceScale();
    const { fontSize } = state;
    run.trackingSpaceMin = fontSize * TRACKING_SPACE_FACTOR;
    run.notASpace = fontSize * NOT_A_SPACE_FACTOR;
    run.negativeSpaceMax = fontSize * NEGATIVE_SPACE_FACTOR;
    run.spaceInFlowMin = fontSize * SPACE_IN_FLOW_MIN_FACTOR;
    run.spaceInFlowMax = fontSize * SPACE_IN_FLOW_MAX_FACTOR;
    run.initialized = true;
    return run;
  }

  private advanceScale(): number {
    const { textLineMatrix: line, ctm } = this.state;
    return Math.hypot(ctm[0]!, ctm[1]!) * Math.hypot(line[0]!, line[1]!);
  }

  private updateAdvanceScale(): void {
    const run = this.run;
    if (!run.initialized) return;
    const scale = this.advanceScale();
    if (scale === run.textAdvanceScale) return;
    run.totalWidth += run.width * run.textAdvanceScale;
    run.width = 0;
    run.textAdvanceScale = scale;
  }

  /**
   * Where the next glyph stands relative to the last one: false when it is outside the page
   * (not shown), else the run continues, gets a space, or ends (pdf.js's compareWithLastPosition).
   */
  private compareWithLastPosition(glyphWidth: number): boolean {
    const { state, run, view } = this;
    const current = this.textTransform();
    let [posX, posY] = [current[4]!, current[5]!];
    if (posX + glyphWidth < view[0]! || posX > view[2]! || posY < view[1]! || posY > view[3]!) {
      return false;
    }
    // a glyph drawn outside the clipping path is not shown either (a merged spreadsheet cell
    // cut by a page break is drawn again on the next page, clipped away above the table)
    const clip = state.clip;
    if (
      clip !== null &&
      (posX + glyphWidth < clip[0]! || posX > clip[2]! || posY < clip[1]! || posY > clip[3]!)
    ) {
      this.clipped.count++;
      return false;
    }
    if (!state.font || !run.prevTransform) return true;
    let [lastX, lastY] = [run.prevTransform[4]!, run.prevTransform[5]!];
    if (lastX === posX && lastY === posY) return true;
    [posX, posY, lastX, lastY] = unrotate(current, run.prevTransform, posX, posY, lastX, lastY);
    const advanceX = (posX - lastX) / run.textAdvanceScale;
    const advanceY = posY - lastY;
    const orientation = Math.sign(run.width || run.totalWidth);
    if (advanceX < orientation * run.negativeSpaceMax) {
      if (Math.abs(advanceY) > 0.5 * run.height) {
        this.appendEOL();
        return true;
      }
      this.resetLastChars();
      this.flush();
      return true;
    }
    const riseDelta = state.textRise - run.prevTextRise;
    const advanceYCorrected =
      riseDelta === 0 ? advanceY : advanceY - (current[3]! / state.fontSize) * riseDelta;
    if (Math.abs(advanceYCorrected) > run.height) {
      this.appendEOL();
      return true;
    }
    if (advanceX <= orientation * run.notASpace) this.resetLastChars();
    if (advanceX <= orientation * run.trackingSpaceMin) {
      if (this.shouldAddWhitespace()) {
        this.resetLastChars();
        this.flush();
        this.pushWhitespace(Math.abs(advanceX), run.prevTransform, run.fontName);
      } else run.width += advanceX;
    } else if (!this.addFakeSpaces(advanceX, run.prevTransform, orientation)) {
      if (run.str.length === 0) {
        this.resetLastChars();
        this.pushWhitespace(Math.abs(advanceX), run.prevTransform, run.fontName);
      } else run.width += advanceX;
    }
    if (Math.abs(advanceY) > run.height * VERTICAL_SHIFT_RATIO) this.flush();
    return true;
  }

  private addFakeSpaces(width: number, transform: Matrix | null, orientation: number): boolean {
    const run = this.run;
    if (orientation * run.spaceInFlowMin <= width && width <= orientation * run.spaceInFlowMax) {
      if (run.initialized) {
        this.resetLastChars();
        const narrow =
          Math.abs(width) <
          ASIAN_LATIN_SPACING_MAX * Math.abs(run.spaceInFlowMax / SPACE_IN_FLOW_MAX_FACTOR);
        if (narrow) run.narrow.push(run.str.length);
        run.str.push(' ');
      }
      return false;
    }
    const fontName = run.fontName;
    this.flush();
    this.resetLastChars();
    this.pushWhitespace(Math.abs(width), transform ?? this.textTransform(), fontName);
    return true;
  }

  private pushWhitespace(width: number, transform: Matrix | null, fontName: string): void {
    this.items.push({ str: ' ', width, height: 0, transform: transform!, fontName });
  }

  private appendEOL(): void {
    this.resetLastChars();
    if (this.run.initialized) this.flush();
    else {
      const fontName = this.state.font!.id;
      this.items.push({ str: '', width: 0, height: 0, transform: this.textTransform(), fontName });
    }
  }

  /** True when a space glyph came between two others (pdf.js keeps one space there). */
  private saveLastChar(char: string): boolean {
    const next = (this.lastCharsPos + 1) % 2;
    const gap = this.lastChars[this.lastCharsPos] !== ' ' && this.lastChars[next] === ' ';
    this.lastChars[this.lastCharsPos] = char;
    this.lastCharsPos = next;
    return gap;
  }
  private shouldAddWhitespace(): boolean {
    const { lastChars, lastCharsPos } = this;
    return lastChars[lastCharsPos] !== ' ' && lastChars[(lastCharsPos + 1) % 2] === ' ';
  }
  private resetLastChars(): void {
    this.lastChars[0] = this.lastChars[1] = ' ';
    this.lastCharsPos = 0;
  }
}

const snapshot = (s: TextState): FontSnapshot => ({
  fontSize: s.fontSize,
  fontName: s.fontName,
  font: s.font,
});

/** Both positions turned so that the text runs along x (pdf.js's rotation cases). */
function unrotate(
  current: Matrix,
  previous: Matrix,
  posX: number,
  posY: number,
  lastX: number,
  lastY: number,
): [number, number, number, number] {
  if (current[0] && current[1] === 0 && current[2] === 0) {
    return current[0] > 0 ? [posX, posY, lastX, lastY] : [-posX, -posY, -lastX, -lastY];
  }
  if (current[1] && current[0] === 0 && current[3] === 0) {
    return current[1] > 0 ? [posY, posX, lastY, lastX] : [-posY, -posX, -lastY, -lastX];
  }
  const inverse = (x: number, y: number, m: Matrix): [number, number] => {
    const scale = Math.hypot(m[0]!, m[1]!);
    return [(m[0]! * x + m[1]! * y) / scale, (m[2]! * x + m[3]! * y) / scale];
  };
  return [...inverse(posX, posY, current), ...inverse(lastX, lastY, previous)];
}

// A page's content streams interpreted once for what the layout reads of them, in pdf.js's own
// formats: the text runs of getTextContent (pdf-runs.ts) and a pseudo operator list with exactly
// the operators and argument shapes drawing() (pdf-draw.ts) reads of getOperatorList. Form
// XObjects are followed (with their /Matrix and /Resources); images are counted; inline images
// are skipped. An operator pdf.js would read differently from the rules here is Unsupported.
import type { TextItem } from './pdf-draw.js';
import type { PdfFile } from './pdf-file.js';
import type { Fonts } from './pdf-font.js';
import { TextRuns, TextState, multiply } from './pdf-runs.js';
import {
  EOF,
  EndOfData,
  Lexer,
  PdfDict,
  PdfName,
  PdfOp,
  PdfStream,
  readObject,
  unsupported,
  type PdfObject,
} from './pdf-syntax.js';

/** The codes of pdf.js's OPS that drawing() reads (checked against pdf.js in the tests). */
export const OPS = {
  save: 10,
  restore: 11,
  transform: 12,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  paintImageMaskXObject: 83,
  paintImageXObject: 85,
  paintInlineImageXObject: 86,
  paintImageXObjectRepeat: 88,
  paintImageMaskXObjectRepeat: 89,
  paintSolidColorImageMask: 90,
  constructPath: 91,
} as const;

export interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

/** pdf.js's operators: how many operands each takes, and whether that may vary (colours). */
const ARITY: Record<string, [number, boolean]> = {};
for (const [ops, n] of [
  ['q Q h S s f F f* B B* b b* n W W* BT ET T* EMC BX EX BI ID', 0],
  ["w J j M ri i gs Tc Tw Tz TL Tr Ts Tj TJ ' CS cs G g sh EI Do MP BMC", 1],
  ['d m l Tf Td TD d0 DP BDC', 2],
  ['RG rg "', 3],
  ['v y re K k', 4],
  ['cm c Tm d1', 6],
] as const) {
  for (const op of ops.split(' ')) ARITY[op] = [n, false];
}
for (const op of ['SC', 'sc']) ARITY[op] = [4, true];
for (const op of ['SCN', 'scn']) ARITY[op] = [33, true];
/** What pdf.js's lexer knows, prefixes included: it splits `BTq` or `ETQ` at their ends. */
const KNOWN = new Set([
  ...Object.keys(ARITY),
  ...['BM', 'BD', 'true', 'fa', 'fal', 'fals', 'false', 'nu', 'nul', 'null'],
]);

const PAINTS: Record<string, number> = {
  S: OPS.stroke,
  s: OPS.closeStroke,
  f: OPS.fill,
  F: OPS.fill,
  'f*': OPS.eoFill,
  B: OPS.fillStroke,
  'B*': OPS.eoFillStroke,
  b: OPS.closeFillStroke,
  'b*': OPS.closeEOFillStroke,
};

const PAINTS_OR_END = new Set([...Object.keys(PAINTS), 'n']);

/**
 * Narrows the clip of `state` to the bounding box of `path` (pdf.js path data, user space) on the
 * page: a rectangle is exact, any other shape is taken as its bounding box (text inside it is
 * kept).
 */
function clipTo(state: TextState, path: readonly number[]): void {
  const m = state.ctm;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const point = (x: number, y: number): void => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const px = m[0]! * x + m[2]! * y + m[4]!;
    const py = m[1]! * x + m[3]! * y + m[5]!;
    x0 = Math.min(x0, px);
    y0 = Math.min(y0, py);
    x1 = Math.max(x1, px);
    y1 = Math.max(y1, py);
  };
  for (let i = 0; i < path.length;) {
    const code = path[i++];
    const n = code === 0 || code === 1 ? 2 : code === 2 ? 6 : 0;
    for (let k = 0; k < n; k += 2) point(path[i + k]!, path[i + k + 1]!);
    i += n;
  }
  if (x0 > x1) return;
  const c = state.clip;
  state.clip = c
    ? [Math.max(c[0]!, x0), Math.max(c[1]!, y0), Math.min(c[2]!, x1), Math.min(c[3]!, y1)]
    : [x0, y0, x1, y1];
}

/** Limits against hostile files: form nesting, and operators per document. */
const MAX_FORM_DEPTH = 16;
const MAX_OPERATIONS = 10_000_000;

/** Budget shared by the pages of one document. */
export interface Budget {
  operations: number;
  /** Called now and then; throws when the document has taken too long. */
  check(): void;
}

export interface PageText {
  items: TextItem[];
  ops: OperatorList;
  /** Glyphs drawn outside their clipping rectangle, not read. */
  clipped: number;
}

/** Reads one page: its content (streams joined), resources and view box (for text clipping). */
export function readPage(
  file: PdfFile,
  fonts: Fonts,
  content: Uint8Array,
  resources: PdfDict | null,
  view: number[],
  budget: Budget,
): PageText {
  const page = new PageReader(file, fonts, view, budget);
  page.run(content, resources, new TextState(), 0, new Set());
  return {
    items: page.items,
    ops: { fnArray: page.fnArray, argsArray: page.argsArray },
    clipped: page.clipped.count,
  };
}

const numbersOnly = (args: PdfObject[]): number[] =>
  args.every((a) => typeof a === 'number') ? (args as number[]) : unsupported('bad operands');

class PageReader {
  readonly items: TextItem[] = [];
  readonly fnArray: number[] = [];
  readonly argsArray: unknown[] = [];
  readonly clipped = { count: 0 };
  constructor(
    private readonly file: PdfFile,
    private readonly fonts: Fonts,
    private readonly view: number[],
    private readonly budget: Budget,
  ) {}

  private emit(fn: number, args: unknown): void {
    this.fnArray.push(fn);
    this.argsArray.push(args);
  }

  /** One content stream, as one getTextContent and one getOperatorList call of pdf.js. */
  run(
    content: Uint8Array,
    resources: PdfDict | null,
    state: TextState,
    depth: number,
    forms: Set<PdfStream>,
  ): void {
    const text = new TextRuns(this.items, this.view, state, this.clipped);
    const lexer = new Lexer(content, 0, content.length, KNOWN);
    const path: number[] = [];
    let clipping = false;
    let saved = 0;
    let args: PdfObject[] = [];
    for (let t = lexer.token(); t !== EOF; t = lexer.token()) {
      if (!(t instanceof PdfOp)) {
        args.push(t);
        if (args.length > 33) return unsupported('too many operands');
        continue;
      }
      if (t.op === '[' || t.op === '<<') {
        const value = readToEnd(lexer, t);
        if (value === EOF) break;
        args.push(value);
        continue;
      }
      const op = t.op;
      const arity = ARITY[op];
      if (!arity) return unsupported(`operator ${op}`);
      if (!arity[1] && args.length !== arity[0]) {
        return unsupported(`operator ${op} with ${args.length} operands`);
      }
      if (++this.budget.operations > MAX_OPERATIONS) return unsupported('too many operations');
      if ((this.budget.operations & 0xffff) === 0) this.budget.check();
      switch (op) {
        case 'q':
          text.save();
          saved++;
          this.emit(OPS.save, null);
          break;
        case 'Q':
          text.restore();
          saved = Math.max(0, saved - 1);
          this.emit(OPS.restore, null);
          break;
        case 'cm': {
          const m = numbersOnly(args);
          text.transform(m);
          this.emit(OPS.transform, m);
          break;
        }
        case 'BI':
          this.inlineImage(lexer);
          break;
        case 'Do':
          text.flush();
          this.xobject(args[0], resources, text.state, depth, forms);
          break;
        case 'BMC':
        case 'BDC':
        case 'EMC':
          text.flush();
          break;
        case 'gs':
          this.graphicsState(args[0], resources);
          break;
        case 'W':
        case 'W*':
          // the path becomes the clip when it is painted (ended) next
          clipping = true;
          break;
        default:
          if (clipping && PAINTS_OR_END.has(op)) {
            clipTo(text.state, path);
            clipping = false;
          }
          if (!buildPath(path, op, args) && !this.paint(path, op)) {
            textOperator(text, op, args, (name) => this.font(name, resources));
          }
      }
      args = [];
    }
    // operands after the last operator (a stream cut short) are dropped, as pdf.js drops them
    for (; saved > 0; saved--) this.emit(OPS.restore, null);
    text.flush();
  }

  /** A painting operator: the path built so far as pdf.js's constructPath. */
  private paint(path: number[], op: string): boolean {
    if (op === 'n') {
      path.length = 0;
      return true;
    }
    const fn = PAINTS[op];
    if (fn === undefined) return false;
    if (op === 's' || op === 'b' || op === 'b*') path.push(4);
    if (path.length > 0) this.emit(OPS.constructPath, [fn, [new Float32Array(path)], null]);
    path.length = 0;
    return true;
  }

  private font(name: PdfObject | undefined, resources: PdfDict | null) {
    if (!(name instanceof PdfName)) return unsupported('font name is not a name');
    const dict = resources && this.file.get(resources, 'Font');
    const ref = dict instanceof PdfDict ? dict.raw(name.name) : undefined;
    if (ref === undefined) return unsupported(`font ${name.name} missing`);
    return this.fonts.get(ref);
  }

  /** An ExtGState with a font or a soft mask changes what pdf.js reads: Unsupported. */
  private graphicsState(name: PdfObject | undefined, resources: PdfDict | null): void {
    if (!(name instanceof PdfName)) return unsupported('gs operand is not a name');
    const all = resources && this.file.get(resources, 'ExtGState');
    const gs = all instanceof PdfDict ? this.file.get(all, name.name) : undefined;
    if (!(gs instanceof PdfDict)) return;
    if (gs.raw('Font') !== undefined) return unsupported('ExtGState with a font');
    const mask = this.file.get(gs, 'SMask');
    if (mask !== undefined && !(mask instanceof PdfName && mask.name === 'None')) {
      return unsupported('ExtGState with a soft mask');
    }
  }

  private xobject(
    name: PdfObject | undefined,
    resources: PdfDict | null,
    state: TextState,
    depth: number,
    forms: Set<PdfStream>,
  ): void {
    if (!(name instanceof PdfName)) return unsupported('Do operand is not a name');
    const all = resources && this.file.get(resources, 'XObject');
    const xobject = all instanceof PdfDict ? this.file.get(all, name.name) : undefined;
    if (!(xobject instanceof PdfStream)) return unsupported(`XObject ${name.name} missing`);
    const subtype = this.file.get(xobject.dict, 'Subtype');
    const kind = subtype instanceof PdfName ? subtype.name : '';
    if (kind === 'Image') {
      if (hasSize(this.file, xobject.dict)) this.emit(OPS.paintImageXObject, []);
    } else if (kind === 'Form') this.form(xobject, resources, state, depth, forms);
    else if (kind !== 'PS') return unsupported(`XObject of subtype ${kind}`);
  }

  /** A form XObject: its content with its own text runs, framed as pdf.js frames it. */
  private form(
    xobject: PdfStream,
    resources: PdfDict | null,
    state: TextState,
    depth: number,
    forms: Set<PdfStream>,
  ): void {
    if (depth >= MAX_FORM_DEPTH) return unsupported('form XObjects nested too deeply');
    if (forms.has(xobject)) return unsupported('form XObject drawing itself');
    const { dict } = xobject;
    const value = this.file.get(dict, 'Matrix');
    const matrix =
      Array.isArray(value) && value.length === 6 && value.every((v) => typeof v === 'number')
        ? (value as number[])
        : null;
    const own = this.file.get(dict, 'Resources');
    const child = state.clone();
    if (matrix) child.ctm = multiply(child.ctm, matrix);
    // pdf.js passes the matrix as a Float32Array, which drawing() leaves aside (not an Array)
    this.emit(OPS.paintFormXObjectBegin, [matrix && new Float32Array(matrix), null]);
    forms.add(xobject);
    this.run(
      this.file.bytes(xobject),
      own instanceof PdfDict ? own : resources,
      child,
      depth + 1,
      forms,
    );
    forms.delete(xobject);
    this.emit(OPS.paintFormXObjectEnd, []);
  }

  /**
   * Skips an inline image (BI … ID data EI), its end found as pdf.js finds it: `EI` and a
   * whitespace followed by text that reads as the next operator.
   */
  private inlineImage(lexer: Lexer): void {
    const dict = new PdfDict();
    for (let t = lexer.token(); !(t instanceof PdfOp && t.op === 'ID'); t = lexer.token()) {
      if (!(t instanceof PdfName)) return unsupported('bad inline image dictionary');
      dict.map.set(t.name, readObject(lexer, lexer.token(), false));
    }
    const filter = dict.raw('F') ?? dict.raw('Filter');
    const first = Array.isArray(filter) ? filter[0] : filter;
    if (first instanceof PdfName && !['Fl', 'FlateDecode'].includes(first.name)) {
      return unsupported(`inline image filter ${first.name}`);
    }
    lexer.pos++; // the single whitespace after ID
    lexer.pos = inlineImageEnd(lexer.data, lexer.pos, lexer.end);
    if (hasSize(this.file, dict)) this.emit(OPS.paintInlineImageXObject, []);
  }
}

/** An array or dictionary operand, or EOF when the stream ends inside it. */
function readToEnd(lexer: Lexer, first: PdfOp): PdfObject | typeof EOF {
  try {
    return readObject(lexer, first, false);
  } catch (err) {
    if (err instanceof EndOfData) return EOF;
    throw err;
  }
}

/** pdf.js paints an image only when its width and height are non-zero numbers. */
function hasSize(file: PdfFile, dict: PdfDict): boolean {
  const w = file.get(dict, dict.raw('W') !== undefined ? 'W' : 'Width');
  const h = file.get(dict, dict.raw('H') !== undefined ? 'H' : 'Height');
  return typeof w === 'number' && w !== 0 && typeof h === 'number' && h !== 0;
}

/** Where the content continues after an inline image's data (after `EI` and its whitespace). */
function inlineImageEnd(data: Uint8Array, start: number, end: number): number {
  const space = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d;
  for (let p = start; p + 2 < end; p++) {
    if (data[p] !== 0x45 || data[p + 1] !== 0x49 || !space(data[p + 2])) continue;
    const after = p + 3;
    const next = data.subarray(after, Math.min(end, after + 15));
    const binary = next.some(
      (c, i) =>
        !(c === 0 && next[i + 1] !== 0) && c !== 0x0a && c !== 0x0d && (c < 0x20 || c > 0x7f),
    );
    if (binary) continue;
    if (next.length === 0 || readsAsOperator(data, after, Math.min(end, after + 75))) return after;
  }
  return unsupported('inline image without a recognisable end');
}

/**
 * Whether the bytes start with operands and an operator taking that many (pdf.js's test; like
 * pdf.js it takes a bracket or `<<` for an unknown operator).
 */
function readsAsOperator(data: Uint8Array, start: number, end: number): boolean {
  const lexer = new Lexer(data, start, end, KNOWN);
  let count = 0;
  for (let t = lexer.token(); t !== EOF; t = lexer.token()) {
    if (!(t instanceof PdfOp)) {
      count++;
      continue;
    }
    const arity = ARITY[t.op];
    if (!arity) return false;
    if (arity[1] ? count <= arity[0] : count === arity[0]) return true;
    count = 0;
  }
  return false;
}

/** Path construction into pdf.js's path data (0 moveTo, 1 lineTo, 2 curveTo, 4 closePath). */
function buildPath(path: number[], op: string, args: PdfObject[]): boolean {
  switch (op) {
    case 'm':
    case 'l': {
      const [x, y] = numbersOnly(args);
      path.push(op === 'm' ? 0 : 1, x!, y!);
      return true;
    }
    case 'c':
      path.push(2, ...numbersOnly(args));
      return true;
    case 'v': {
      // pdf.js repeats the current point here; drawing() only notes that the path is curved
      const [a, b, x, y] = numbersOnly(args);
      path.push(2, NaN, NaN, a!, b!, x!, y!);
      return true;
    }
    case 'y': {
      const [a, b, x, y] = numbersOnly(args);
      path.push(2, a!, b!, x!, y!, x!, y!);
      return true;
    }
    case 'h':
      path.push(4);
      return true;
    case 're': {
      const [x, y, w, h] = numbersOnly(args) as [number, number, number, number];
      const [xw, yh] = [x + w, y + h];
      if (w === 0 || h === 0) path.push(0, x, y, 1, xw, yh, 4);
      else path.push(0, x, y, 1, xw, y, 1, xw, yh, 1, x, yh, 4);
      return true;
    }
  }
  return false;
}

/** The text operators (and those pdf.js reads and this ignores: colours, line style, clips). */
function textOperator(
  text: TextRuns,
  op: string,
  args: PdfObject[],
  font: (name: PdfObject | undefined) => ReturnType<Fonts['get']>,
): void {
  const state = text.state;
  switch (op) {
    case 'BT':
      state.beginText();
      return;
    case 'Tf': {
      const size = args[1];
      if (typeof size !== 'number') return unsupported('font size is not a number');
      const name = args[0] instanceof PdfName ? args[0].name : null;
      if (state.font && name === state.fontName && size === state.fontSize) return;
      state.fontName = name;
      state.fontSize = size;
      state.font = font(args[0]);
      return;
    }
    case 'Tc':
      state.charSpacing = numbersOnly(args)[0]!;
      return;
    case 'Tw':
      state.wordSpacing = numbersOnly(args)[0]!;
      return;
    case 'Tz':
      state.textHScale = numbersOnly(args)[0]! / 100;
      return;
    case 'TL':
      state.leading = numbersOnly(args)[0]!;
      return;
    case 'Ts':
      state.textRise = numbersOnly(args)[0]!;
      return;
    case 'Td':
    case 'TD': {
      const [x, y] = numbersOnly(args) as [number, number];
      if (op === 'TD') state.leading = -y;
      state.translateTextLineMatrix(x, y);
      state.textMatrix = state.textLineMatrix.slice();
      return;
    }
    case 'Tm':
      text.setTextMatrix(numbersOnly(args));
      return;
    case 'T*':
      state.carriageReturn();
      return;
    case 'Tj':
    case "'":
    case '"':
      return showText(text, op, args);
    case 'TJ':
      return showSpaced(text, args[0]);
  }
}

function showText(text: TextRuns, op: string, args: PdfObject[]): void {
  const state = text.state;
  const chars = args[args.length - 1];
  if (typeof chars !== 'string') return unsupported('text operand is not a string');
  // pdf.js skips text shown before any font is set
  if (!state.font) return;
  if (op === '"') {
    const [word, char] = numbersOnly(args.slice(0, 2));
    state.wordSpacing = word!;
    state.charSpacing = char!;
  }
  if (op !== 'Tj') state.carriageReturn();
  text.show(chars, 0);
}

/** TJ: strings joined up to each non-zero number, which then shifts the next glyph. */
function showSpaced(text: TextRuns, array: PdfObject | undefined): void {
  if (!Array.isArray(array)) return unsupported('TJ operand is not an array');
  const state = text.state;
  if (!state.font) return;
  const spaceFactor = -state.fontSize / 1000;
  let buffer = '';
  let pending = false;
  for (const item of array) {
    if (typeof item === 'string') {
      buffer += item;
      pending = true;
    } else if (typeof item === 'number') {
      if (item === 0) continue;
      text.show(buffer, item * spaceFactor);
      buffer = '';
      pending = false;
    } else return unsupported('TJ element that is neither string nor number');
  }
  if (pending) text.show(buffer, 0);
}

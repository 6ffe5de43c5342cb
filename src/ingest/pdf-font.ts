// What text extraction needs of a font, as pdf.js derives it, never the font program itself:
// how a string splits into codes, each code's text (ToUnicode, else the /Encoding) and width, the
// font matrix, and the name pdf.js compares to decide whether a font change ends a text run.
// Fonts whose text or widths pdf.js takes from places this does not read are Unsupported.
import type { PdfFile } from './pdf-file.js';
import { firstOperator, programMatrix } from './pdf-program.js';
import { PdfDict, PdfName, PdfRef, PdfStream, unsupported, type PdfObject } from './pdf-syntax.js';
import { BASE_ENCODINGS, glyphText, readToUnicode } from './pdf-unicode.js';

/** One glyph of a shown string, with what pdf.js's Glyph gives its text layer. */
export interface Glyph {
  code: number;
  unicode: string;
  /** Advance in glyph space (before the font matrix). */
  width: number;
  isWhitespace: boolean;
  isZeroWidthDiacritic: boolean;
  isInvisibleFormatMark: boolean;
}

export interface Font {
  /** Stands for pdf.js's loadedName: one per font object (fonts pdf.js aliases share one). */
  id: string;
  /** pdf.js's font.name. */
  name: string;
  type3: boolean;
  matrix: number[];
  /** Type3 only: the box whose height scales small glyphs, and whether char procs set it. */
  bbox: number[];
  charBBox: boolean;
  glyphs(bytes: string): Glyph[];
}

const FONT_IDENTITY = [0.001, 0, 0, 0.001, 0, 0];

/** pdf.js's classification of a glyph's text (getCharUnicodeCategory). */
const SPECIAL_CHAR = /^(\s)|(\p{Mn})|(\p{Cf})$/u;
/** Characters pdf.js's bidi step would reorder (Hebrew, Arabic and their presentation forms). */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u;

const numbers = (v: PdfObject | undefined, n: number): number[] | null =>
  Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number')
    ? (v as number[])
    : null;

const normalRect = (r: number[]): number[] => [
  Math.min(r[0]!, r[2]!),
  Math.min(r[1]!, r[3]!),
  Math.max(r[0]!, r[2]!),
  Math.max(r[1]!, r[3]!),
];

/** The fonts of one document, read once each. */
export class Fonts {
  private readonly byObject = new Map<PdfDict, Font>();
  private readonly aliases = new Map<string, { id: string; full: string | (() => string) }[]>();
  private readonly descriptors = new Map<PdfDict, number>();
  constructor(private readonly file: PdfFile) {}

  get(value: PdfObject | undefined): Font {
    const dict = this.file.resolve(value);
    if (!(dict instanceof PdfDict)) return unsupported('font is not a dictionary');
    let found = this.byObject.get(dict);
    if (!found) {
      found = this.read(dict);
      this.byObject.set(dict, found);
    }
    return found;
  }

  private read(base: PdfDict): Font {
    const { file } = this;
    const subtype = name(file.get(base, 'Subtype'));
    const composite = subtype === 'Type0';
    const dict = composite ? this.descendant(base) : base;
    const type = composite ? name(file.get(dict, 'Subtype')) : subtype;
    const descriptorValue = file.get(dict, 'FontDescriptor');
    const descriptor = descriptorValue instanceof PdfDict ? descriptorValue : null;
    const toUnicodeValue = file.get(dict, 'ToUnicode') ?? file.get(base, 'ToUnicode');
    const toUnicode = toUnicodeMap(file, toUnicodeValue);
    const id = this.id(base, dict, descriptor, toUnicodeValue);
    if (type === 'Type3') return this.type3(dict, descriptor, toUnicode, id);
    if (!descriptor) return unsupported('font without a descriptor (standard 14 or similar)');
    const expected = composite ? ['CIDFontType0', 'CIDFontType2'] : ['Type1', 'TrueType'];
    if (!expected.includes(type ?? '')) return unsupported(`font type ${type}`);
    // pdf.js would take this matrix instead of the program's (or 1/1000)
    if (dict.raw('FontMatrix') !== undefined) return unsupported('FontMatrix outside Type3');
    const { matrix, widthScale } = this.program(descriptor);
    const fields = { id, name: this.fontName(dict, descriptor), type3: false, matrix };
    const plain = { ...fields, bbox: [], charBBox: false };
    if (!composite) return font(plain, simpleGlyphs(file, dict, toUnicode, false, widthScale));
    if (name(file.get(base, 'Encoding')) !== 'Identity-H') {
      return unsupported('CMap other than Identity-H');
    }
    if (!toUnicode) return unsupported('composite font without ToUnicode');
    const { widths, fallback } = cidWidths(file, dict, widthScale);
    return font(plain, (bytes) =>
      pairs(bytes).map((code) => glyph(code, toUnicode.get(code), widths.get(code) ?? fallback)),
    );
  }

  private descendant(base: PdfDict): PdfDict {
    const list = this.file.get(base, 'DescendantFonts');
    const dict = this.file.resolve(Array.isArray(list) ? list[0] : list);
    return dict instanceof PdfDict ? dict : unsupported('Type0 font without a descendant');
  }

  /** A Type3 font: its own matrix and box; widths and text as a simple font's. */
  private type3(
    dict: PdfDict,
    descriptor: PdfDict | null,
    toUnicode: Map<number, string> | null,
    id: string,
  ): Font {
    const { file } = this;
    const matrix = numbers(file.get(dict, 'FontMatrix'), 6) ?? FONT_IDENTITY;
    const box = numbers(
      (descriptor && file.get(descriptor, 'FontBBox')) ?? file.get(dict, 'FontBBox'),
      4,
    );
    const fontBox = box ? normalRect(box) : [0, 0, 0, 0];
    const charBox = type3CharBox(file, dict, fontBox);
    const fontName = nameOrString(descriptor ? file.get(descriptor, 'FontName') : undefined);
    return font(
      {
        id,
        name: fontName || 'Type3',
        type3: true,
        matrix,
        bbox: charBox ?? fontBox,
        charBBox: charBox !== null,
      },
      simpleGlyphs(file, dict, toUnicode, true, 1),
    );
  }

  /**
   * pdf.js gives fonts that share a descriptor and agree in encoding, code range, ToUnicode,
   * widths and CIDToGIDMap one font (one loadedName); the same key does that here. The full key
   * is built only for fonts that agree in the cheap part of it.
   */
  private id(
    base: PdfDict,
    dict: PdfDict,
    descriptor: PdfDict | null,
    toUnicode: PdfObject | undefined,
  ): string {
    const fresh = `f${this.byObject.size + 1}`;
    if (!descriptor) return fresh;
    const { file } = this;
    if (!this.descriptors.has(descriptor)) this.descriptors.set(descriptor, this.descriptors.size);
    const widths = dict.raw('Widths') ?? base.raw('Widths');
    const cheap = [
      this.descriptors.get(descriptor),
      `${describe(file.get(dict, 'FirstChar'))}-${describe(file.get(dict, 'LastChar'))}`,
      describe(toUnicode),
      Array.isArray(widths) ? widths.length : describe(widths),
    ].join('|');
    const full = (): string =>
      [
        describe(base.raw('Encoding')),
        describe(widths),
        describe(dict.raw('W')),
        describe(dict.raw('CIDToGIDMap')),
      ].join('|');
    const known = this.aliases.get(cheap);
    if (!known) {
      this.aliases.set(cheap, [{ id: fresh, full }]);
      return fresh;
    }
    const key = full();
    const same = known.find(
      (k) => (typeof k.full === 'string' ? k.full : (k.full = k.full())) === key,
    );
    if (same) return same.id;
    known.push({ id: fresh, full: key });
    return fresh;
  }

  /** pdf.js's font.name: the descriptor's /FontName, or /BaseFont when that extends it. */
  private fontName(dict: PdfDict, descriptor: PdfDict): string {
    const f = nameOrString(this.file.get(descriptor, 'FontName'));
    const b = nameOrString(this.file.get(dict, 'BaseFont'));
    if (f !== undefined && b !== undefined && f !== b) {
      if (b.startsWith(f)) return b;
      return unsupported('FontName and BaseFont disagree');
    }
    return f ?? b ?? unsupported('font without a name');
  }

  /**
   * The embedded program's font matrix (pdf.js scales the widths when a Type1 or CFF program's
   * matrix is not 1/1000); its kind is told by its first bytes, as pdf.js tells it.
   */
  private program(descriptor: PdfDict): { matrix: number[]; widthScale: number } {
    const { file } = this;
    const key = ['FontFile', 'FontFile2', 'FontFile3'].find((k) => descriptor.raw(k) !== undefined);
    const stream = key ? file.get(descriptor, key) : undefined;
    if (!(stream instanceof PdfStream)) return unsupported('font not embedded');
    const matrix = programMatrix(file.intactBytes(stream)) ?? FONT_IDENTITY;
    const widthScale = matrix[0] === FONT_IDENTITY[0] ? 1 : 0.001 / matrix[0]!;
    return { matrix, widthScale };
  }
}

/** The Font, its glyphs read once per shown string. */
function font(fields: Omit<Font, 'glyphs'>, read: (bytes: string) => Glyph[]): Font {
  const cache = new Map<string, Glyph[]>();
  return {
    ...fields,
    glyphs(bytes) {
      let out = cache.get(bytes);
      if (!out) cache.set(bytes, (out = read(bytes)));
      return out;
    },
  };
}

/** A simple font's glyphs: one byte per code. */
function simpleGlyphs(
  file: PdfFile,
  dict: PdfDict,
  toUnicode: Map<number, string> | null,
  type3: boolean,
  widthScale: number,
): (bytes: string) => Glyph[] {
  const text = simpleText(file, dict, toUnicode, type3);
  const width = simpleWidths(file, dict, widthScale);
  return (bytes) => {
    const out: Glyph[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const code = bytes.charCodeAt(i);
      out.push(glyph(code, text(code), width(code)));
    }
    return out;
  };
}

/** Raw values as text, references as `N G R` (pdf.js hashes references, not their targets). */
function describe(value: PdfObject | undefined): string {
  if (value instanceof PdfName) return `/${value.name}`;
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (Array.isArray(value)) return `[${value.map(describe).join(' ')}]`;
  if (value instanceof PdfDict) {
    return `<<${[...value.map].map(([k, v]) => `/${k} ${describe(v)}`).join(' ')}>>`;
  }
  if (value instanceof PdfStream) return `stream ${value.encoded.length} ${hash(value.encoded)}`;
  return String(value);
}

/** A 53-bit hash of bytes (cyrb53), to tell ToUnicode streams apart. */
function hash(bytes: Uint8Array): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < bytes.length; i++) {
    h1 = Math.imul(h1 ^ bytes[i]!, 2654435761);
    h2 = Math.imul(h2 ^ bytes[i]!, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const name = (v: PdfObject | undefined): string | undefined =>
  v instanceof PdfName ? v.name : undefined;
const nameOrString = (v: PdfObject | undefined): string | undefined =>
  typeof v === 'string' ? v : name(v);

function glyph(code: number, text: string | undefined, width: number): Glyph {
  const unicode = text || String.fromCharCode(code);
  const groups = SPECIAL_CHAR.exec(unicode);
  if (RIGHT_TO_LEFT.test(unicode)) {
    return unsupported('right-to-left text (pdf.js reorders it)');
  }
  return {
    code,
    unicode,
    width,
    isWhitespace: !!groups?.[1],
    isZeroWidthDiacritic: !!groups?.[2],
    isInvisibleFormatMark: !!groups?.[3],
  };
}

/** Two-byte codes of an Identity-H string. */
function pairs(bytes: string): number[] {
  if (bytes.length % 2 !== 0) return unsupported('odd byte count for a two-byte font');
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 2) {
    out.push((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
  }
  return out;
}

function toUnicodeMap(file: PdfFile, value: PdfObject | undefined): Map<number, string> | null {
  if (value === undefined || value === null) return null;
  if (!(value instanceof PdfStream)) return unsupported('ToUnicode that is not a stream');
  const map = readToUnicode(file.bytes(value));
  return map.size > 0 ? map : unsupported('empty ToUnicode');
}

/**
 * A simple font's text per code: its ToUnicode entry; else what its /Encoding gives (a base
 * encoding or a /Differences name), which pdf.js uses only in the cases reproduced here.
 */
function simpleText(
  file: PdfFile,
  dict: PdfDict,
  toUnicode: Map<number, string> | null,
  type3: boolean,
): (code: number) => string | undefined {
  const encoding = file.get(dict, 'Encoding');
  let baseName = name(encoding);
  const differences: string[] = [];
  if (encoding instanceof PdfDict) {
    baseName = name(file.get(encoding, 'BaseEncoding'));
    const list = file.get(encoding, 'Differences');
    let code = 0;
    for (const entry of Array.isArray(list) ? list : []) {
      const v = file.resolve(entry);
      if (typeof v === 'number') code = v;
      else if (v instanceof PdfName) differences[code++] = v.name;
      else return unsupported('bad Differences');
    }
  } else if (encoding !== undefined && !(encoding instanceof PdfName)) {
    return unsupported('bad Encoding');
  }
  const base = baseName && BASE_ENCODINGS[baseName] ? BASE_ENCODINGS[baseName]! : null;
  if (baseName && !base) {
    // pdf.js then takes a built-in or symbolic encoding, from the font program or its flags
    if (baseName !== 'StandardEncoding' || !toUnicode) return unsupported(`${baseName}`);
  }
  // (pdf.js drops the base encoding of a Type3 font whose name is a symbol font's)
  if (type3 && base && !toUnicode) return unsupported('Type3 font read through a base encoding');
  if (differences.some((n) => /^[Cc][0-9A-Fa-f]{2,3}$/u.test(n) && !/^[Cc]\d+$/u.test(n))) {
    return unsupported('Differences with hexadecimal cNN names');
  }
  // with a ToUnicode map, a Type3 font never consults its encoding, other fonts only with one
  const hasEncoding = base !== null || differences.length > 0;
  const fromEncoding = (code: number): string | undefined => {
    const diff = differences[code];
    if (diff !== undefined && diff !== '.notdef') {
      const text = glyphText(diff, code, base);
      if (text === undefined) return unsupported(`glyph name ${diff}`);
      return text ?? undefined;
    }
    if (base) return base[code];
    // pdf.js then reads the code through a standard, symbolic or built-in encoding
    return unsupported('code without ToUnicode entry, /Differences name or base encoding');
  };
  if (toUnicode) {
    return (code) => {
      const text = toUnicode.get(code);
      if (text !== undefined || type3 || !hasEncoding) return text;
      return fromEncoding(code);
    };
  }
  return fromEncoding;
}

/** A simple font's widths from /FirstChar and /Widths; codes outside them are Unsupported. */
function simpleWidths(file: PdfFile, dict: PdfDict, scale: number): (code: number) => number {
  const first = file.get(dict, 'FirstChar');
  const list = file.get(dict, 'Widths');
  if (!Array.isArray(list)) return unsupported('simple font without /Widths');
  const start = typeof first === 'number' && Number.isInteger(first) ? first : 0;
  const widths = list.map((w) => file.resolve(w));
  return (code) => {
    const w = widths[code - start];
    // pdf.js fills such gaps from the font program (Type1) or /MissingWidth
    if (typeof w !== 'number') return unsupported(`no width for code ${code}`);
    return scale === 1 ? w : w * scale;
  };
}

/** A CID font's widths: /W in both forms over /DW (default 1000), read as pdf.js reads them. */
function cidWidths(
  file: PdfFile,
  dict: PdfDict,
  scale: number,
): { widths: Map<number, number>; fallback: number } {
  const dw = file.get(dict, 'DW');
  let fallback = typeof dw === 'number' ? Math.ceil(dw) : 1000;
  const widths = new Map<number, number>();
  const list = file.get(dict, 'W');
  const items = Array.isArray(list) ? list : [];
  for (let i = 0; i < items.length; i++) {
    let start = file.resolve(items[i++]);
    if (typeof start !== 'number' || !Number.isInteger(start)) break;
    const code = file.resolve(items[i]);
    if (Array.isArray(code)) {
      for (const c of code) {
        const w = file.resolve(c);
        if (typeof w === 'number') widths.set(start, w);
        start++;
      }
    } else if (typeof code === 'number' && Number.isInteger(code)) {
      const w = file.resolve(items[++i]);
      if (typeof w !== 'number') continue;
      for (let j = start; j <= code; j++) widths.set(j, w);
    } else break;
  }
  if (scale !== 1) {
    for (const [k, w] of widths) widths.set(k, w * scale);
    fallback *= scale;
  }
  return { widths, fallback };
}

/**
 * The box pdf.js puts in a Type3 font's place when a glyph's d1 box is far larger than the font's
 * (or the font has none); null when it keeps the font's own. A d0 glyph in a font without a box
 * makes pdf.js guess from the glyph outlines: Unsupported.
 */
function type3CharBox(file: PdfFile, dict: PdfDict, bbox: number[]): number[] | null {
  const procs = file.get(dict, 'CharProcs');
  if (!(procs instanceof PdfDict)) return unsupported('Type3 font without CharProcs');
  const fontSize = Math.hypot(bbox[2]! - bbox[0]!, bbox[3]! - bbox[1]!);
  let box: number[] | null = null;
  for (const value of procs.map.values()) {
    const proc = file.resolve(value);
    if (!(proc instanceof PdfStream)) continue;
    const first = firstOperator(file.bytes(proc));
    if (first?.op === 'd0' && fontSize === 0) return unsupported('Type3 glyph box guessed');
    if (first?.op !== 'd1' || first.args.length !== 6) continue;
    const r = normalRect(first.args.slice(2));
    const [w, h] = [r[2]! - r[0]!, r[3]! - r[1]!];
    if (w === 0 || h === 0) continue;
    if (fontSize === 0 || Math.round(Math.hypot(w, h) / fontSize) >= 10) {
      box ??= [Infinity, Infinity, -Infinity, -Infinity];
      box = [
        Math.min(box[0]!, r[0]!),
        Math.min(box[1]!, r[1]!),
        Math.max(box[2]!, r[2]!),
        Math.max(box[3]!, r[3]!),
      ];
    }
  }
  return box;
}

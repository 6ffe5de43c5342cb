// The byte-level syntax of PDF files and content streams: numbers, names, strings, arrays,
// dictionaries, references and operators, read the way pdf.js's lexer reads them (same numbers to
// the last bit, strings as byte strings), so that the fast reader and pdf.js see the same values.

/** Thrown when the fast reader meets something it does not fully understand; pdf.js then reads. */
export class Unsupported extends Error {
  override name = 'Unsupported';
}

export function unsupported(reason: string): never {
  throw new Unsupported(reason);
}

/** The data ends inside an object: a content stream then simply ends there, as in pdf.js. */
export class EndOfData extends Unsupported {
  constructor() {
    super('unexpected end of data');
  }
}

/** A name object (/Font), interned: equal names are the same object. */
export class PdfName {
  private static readonly all = new Map<string, PdfName>();
  private constructor(readonly name: string) {}
  static of(name: string): PdfName {
    let n = PdfName.all.get(name);
    if (!n) PdfName.all.set(name, (n = new PdfName(name)));
    return n;
  }
}

/** An operator or delimiter token ([ ] << >> { }), interned like names. */
export class PdfOp {
  private static readonly all = new Map<string, PdfOp>();
  private constructor(readonly op: string) {}
  static of(op: string): PdfOp {
    let o = PdfOp.all.get(op);
    if (!o) PdfOp.all.set(op, (o = new PdfOp(op)));
    return o;
  }
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

export class PdfDict {
  constructor(readonly map: Map<string, PdfObject> = new Map()) {}
  raw(key: string): PdfObject | undefined {
    return this.map.get(key);
  }
}

/** A stream object: its dictionary and its still-encoded bytes. */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    readonly encoded: Uint8Array,
  ) {}
}

/** Strings are byte strings (one char per byte), as pdf.js keeps them. */
export type PdfObject =
  null | boolean | number | string | PdfName | PdfRef | PdfDict | PdfStream | PdfObject[];

export const EOF = Symbol('EOF');
export type Token = PdfObject | PdfOp | typeof EOF;

/** Whitespace (1) and delimiters (2), as in the PDF specification. */
const SPECIAL = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) SPECIAL[c] = 1;
for (const c of '()<>[]{}/%') SPECIAL[c.charCodeAt(0)] = 2;

export const isSpace = (c: number | undefined): boolean => c !== undefined && SPECIAL[c] === 1;

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Bytes as a byte string; short runs without making a view of them (costly on a Buffer). */
function latin1(data: Uint8Array, start: number, end: number): string {
  if (end - start > 24) return fromCodes(data.subarray(start, end));
  let s = '';
  for (let p = start; p < end; p++) s += String.fromCharCode(data[p]!);
  return s;
}

/** Names of up to six bytes by their bytes, found without making their text again. */
const SHORT_NAMES = new Map<number, PdfName>();

function shortName(data: Uint8Array, start: number, end: number): PdfName {
  if (end - start > 6) return PdfName.of(latin1(data, start, end));
  let key = end - start;
  for (let p = start; p < end; p++) key = key * 256 + data[p]!;
  let name = SHORT_NAMES.get(key);
  if (!name) SHORT_NAMES.set(key, (name = PdfName.of(latin1(data, start, end))));
  return name;
}

/** Text of char codes (or bytes), a chunk at a time to stay within the argument limit. */
const fromCodes = (codes: ArrayLike<number>): string => {
  if (codes.length <= 8192) return String.fromCharCode.apply(null, codes as number[]);
  const all = Array.from(codes);
  let s = '';
  for (let i = 0; i < all.length; i += 8192) {
    s += String.fromCharCode.apply(null, all.slice(i, i + 8192));
  }
  return s;
};

/** What `\n`, `\r`, `\t`, `\b` and `\f` stand for in a literal string. */
const ESCAPES: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };

/** Deepest nesting of arrays and dictionaries accepted. */
const MAX_DEPTH = 64;

/**
 * Reads tokens from bytes. In a file, `N G R` reads as a reference; in a content stream the
 * operators pdf.js knows split a run of letters the way its lexer splits them (`ETQ` → ET, Q).
 */
export class Lexer {
  pos: number;
  private readonly codes: number[] = [];
  /** Keywords of up to three bytes already read: the token and how many bytes it took. */
  private readonly keywords = new Map<number, [Token, number]>();
  constructor(
    readonly data: Uint8Array,
    start = 0,
    readonly end = data.length,
    private readonly operators: ReadonlySet<string> | null = null,
  ) {
    this.pos = start;
  }

  /** Skips whitespace and comments; returns the next byte (-1 at the end). */
  skip(): number {
    const { data, end } = this;
    while (this.pos < end) {
      const c = data[this.pos]!;
      if (c === 0x25) {
        while (this.pos < end && data[this.pos] !== 0x0a && data[this.pos] !== 0x0d) this.pos++;
      } else if (SPECIAL[c] === 1) this.pos++;
      else return c;
    }
    return -1;
  }

  token(refs = false): Token {
    const c = this.skip();
    if (c < 0) return EOF;
    const { data } = this;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      const n = this.number();
      return refs && Number.isInteger(n) && n >= 0 ? this.maybeRef(n) : n;
    }
    switch (c) {
      case 0x28:
        return this.literal();
      case 0x2f:
        return this.name();
      case 0x5b:
      case 0x5d:
      case 0x7b:
      case 0x7d:
        this.pos++;
        return PdfOp.of(String.fromCharCode(c));
      case 0x3c:
        if (data[this.pos + 1] === 0x3c) {
          this.pos += 2;
          return PdfOp.of('<<');
        }
        return this.hex();
      case 0x3e:
        if (data[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return PdfOp.of('>>');
        }
        return unsupported('stray > in the syntax');
      case 0x29:
        return unsupported('stray ) in the syntax');
    }
    return this.keyword();
  }

  /** A number exactly as pdf.js computes it: digits accumulated, then one division. */
  private number(): number {
    const { data, end } = this;
    let c = data[this.pos]!;
    let sign = 1;
    if (c === 0x2d || c === 0x2b) {
      if (c === 0x2d) sign = -1;
      c = data[++this.pos] ?? -1;
    }
    let divideBy = 0;
    if (c === 0x2e) {
      divideBy = 10;
      c = data[++this.pos] ?? -1;
    }
    if (c < 0x30 || c > 0x39) return unsupported('malformed number');
    let value = c - 0x30;
    while (++this.pos < end) {
      c = data[this.pos]!;
      if (c >= 0x30 && c <= 0x39) {
        if (divideBy !== 0) divideBy *= 10;
        value = value * 10 + (c - 0x30);
      } else if (c === 0x2e) {
        if (divideBy !== 0) break;
        divideBy = 1;
      } else if (c === 0x2d) return unsupported('minus sign inside a number');
      else break;
    }
    if (divideBy !== 0) value /= divideBy;
    return sign * value;
  }

  /** After a non-negative integer: `G R` makes it a reference, else the lexer stays put. */
  private maybeRef(num: number): Token {
    const { data, end } = this;
    let p = this.pos;
    while (p < end && SPECIAL[data[p]!] === 1) p++;
    const g0 = p;
    while (p < end && data[p]! >= 0x30 && data[p]! <= 0x39) p++;
    if (p === g0 || p - g0 > 5) return num;
    let gen = 0;
    for (let k = g0; k < p; k++) gen = gen * 10 + data[k]! - 0x30;
    while (p < end && SPECIAL[data[p]!] === 1) p++;
    if (data[p] !== 0x52 || (p + 1 < end && SPECIAL[data[p + 1]!] === 0)) return num;
    this.pos = p + 1;
    return new PdfRef(num, gen);
  }

  private literal(): string {
    const { data, end, codes } = this;
    codes.length = 0;
    let depth = 1;
    this.pos++;
    while (this.pos < end) {
      const c = data[this.pos++]!;
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) return fromCodes(codes);
      if (c !== 0x5c) {
        codes.push(c);
        continue;
      }
      const e = data[this.pos++] ?? -1;
      if (e >= 0x30 && e <= 0x37) {
        let x = e & 0x0f;
        for (let k = 0; k < 2 && data[this.pos]! >= 0x30 && data[this.pos]! <= 0x37; k++) {
          x = (x << 3) + (data[this.pos++]! & 0x0f);
        }
        codes.push(x);
      } else if (e === 0x0d) {
        if (data[this.pos] === 0x0a) this.pos++;
      } else if (e !== 0x0a) {
        if (e < 0) break;
        codes.push(ESCAPES[e] ?? e);
      }
    }
    // cut off by the end of the data: what it holds (it can only be a dropped last operand)
    return fromCodes(codes);
  }

  private hex(): string {
    const { data, end, codes } = this;
    codes.length = 0;
    let first = -1;
    this.pos++;
    while (this.pos < end) {
      const c = data[this.pos++]!;
      if (c === 0x3e) {
        if (first !== -1) codes.push(first << 4);
        return fromCodes(codes);
      }
      if (SPECIAL[c] === 1) continue;
      const d = hexDigit(c);
      if (d < 0) return unsupported('bad hex string');
      if (first === -1) first = d;
      else {
        codes.push((first << 4) | d);
        first = -1;
      }
    }
    if (first !== -1) codes.push(first << 4);
    return fromCodes(codes);
  }

  private name(): PdfName {
    const { data, end, codes } = this;
    const start = ++this.pos;
    while (this.pos < end && SPECIAL[data[this.pos]!] === 0 && data[this.pos] !== 0x23) this.pos++;
    if (data[this.pos] !== 0x23) return shortName(data, start, this.pos);
    // a name with #xx escapes
    codes.length = 0;
    for (let p = start; p < this.pos; p++) codes.push(data[p]!);
    while (this.pos < end && SPECIAL[data[this.pos]!] === 0) {
      const c = data[this.pos++]!;
      if (c !== 0x23) {
        codes.push(c);
        continue;
      }
      const hi = hexDigit(data[this.pos] ?? 0);
      const lo = hexDigit(data[this.pos + 1] ?? 0);
      if (hi < 0 || lo < 0) return unsupported('bad # escape in a name');
      codes.push((hi << 4) | lo);
      this.pos += 2;
    }
    return PdfName.of(fromCodes(codes));
  }

  private keyword(): Token {
    const { data, end, operators } = this;
    const start = this.pos;
    while (this.pos < end && SPECIAL[data[this.pos]!] === 0) this.pos++;
    const length = this.pos - start;
    if (length > 128) return unsupported('overlong keyword');
    // operators are short: looked up by their bytes, without making a string each time
    const key =
      length <= 3 ? data[start]! | (data[start + 1]! << 8) | (data[start + 2]! << 16) : -1;
    const short = length === 1 ? key & 0xff : length === 2 ? key & 0xffff : key;
    const cached = short >= 0 ? this.keywords.get(short) : undefined;
    if (cached) {
      this.pos = start + cached[1];
      return cached[0];
    }
    let word = latin1(data, start, this.pos);
    if (operators && !operators.has(word)) word = this.split(word, start);
    const token =
      word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : PdfOp.of(word);
    if (short >= 0) this.keywords.set(short, [token, word.length]);
    return token;
  }

  /** pdf.js's lexer stops a keyword where a known operator would become unknown. */
  private split(word: string, start: number): string {
    const operators = this.operators!;
    let known = operators.has(word[0]!);
    for (let i = 1; i < word.length; i++) {
      if (known && !operators.has(word.slice(0, i + 1))) {
        this.pos = start + i;
        return word.slice(0, i);
      }
      known = operators.has(word.slice(0, i + 1));
    }
    return word;
  }
}

const OPEN_ARRAY = PdfOp.of('[');
const CLOSE_ARRAY = PdfOp.of(']');
const OPEN_DICT = PdfOp.of('<<');
const CLOSE_DICT = PdfOp.of('>>');

/**
 * The object that starts with `first` (a token already read): an array or dictionary is read to
 * its end; anything else is itself. Operators inside are not objects (unsupported).
 */
export function readObject(lexer: Lexer, first: Token, refs: boolean, depth = 0): PdfObject {
  if (first === EOF) throw new EndOfData();
  if (!(first instanceof PdfOp)) return first;
  if (depth > MAX_DEPTH) return unsupported('objects nested too deeply');
  if (first === OPEN_ARRAY) {
    const items: PdfObject[] = [];
    for (let t = lexer.token(refs); t !== CLOSE_ARRAY; t = lexer.token(refs)) {
      items.push(readObject(lexer, t, refs, depth + 1));
    }
    return items;
  }
  if (first === OPEN_DICT) {
    const dict = new PdfDict();
    for (let t = lexer.token(refs); t !== CLOSE_DICT; t = lexer.token(refs)) {
      if (!(t instanceof PdfName)) return unsupported('dictionary key is not a name');
      dict.map.set(t.name, readObject(lexer, lexer.token(refs), refs, depth + 1));
    }
    return dict;
  }
  return unsupported(`operator ${first.op} inside an object`);
}

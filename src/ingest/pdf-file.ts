// The objects of a PDF file: the cross-reference (tables, streams, /Prev chains of incremental
// updates, rebuilt by scanning for `N G obj` when broken), indirect objects, object streams and
// stream data (FlateDecode with PNG/TIFF predictors). Anything else is Unsupported: pdf.js reads.
import zlib from 'node:zlib';
import { IngestError } from './errors.js';
import {
  Lexer,
  Unsupported,
  PdfDict,
  PdfName,
  PdfOp,
  PdfRef,
  PdfStream,
  isSpace,
  readObject,
  unsupported,
  type PdfObject,
} from './pdf-syntax.js';

const tooLarge = (): IngestError =>
  new IngestError(
    'stream_too_large',
    `A stream of the PDF inflates beyond ${MAX_STREAM_BYTES / 2 ** 20} MiB (or all of them beyond ${MAX_TOTAL_BYTES / 2 ** 20} MiB), far beyond any form; it was not read.`,
  );

/** Largest inflated size of one stream, and of all streams of a document. */
const MAX_STREAM_BYTES = 64 * 1024 * 1024;
const MAX_TOTAL_BYTES = 256 * 1024 * 1024;
/** References followed in a row before a chain of them counts as a loop. */
const MAX_REF_CHAIN = 32;

type Entry =
  | { kind: 'free' }
  | { kind: 'at'; offset: number; gen: number }
  | { kind: 'in'; stream: number; index: number };

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

function indexOf(data: Uint8Array, what: Uint8Array, from: number, to = data.length): number {
  outer: for (let i = from; i + what.length <= to; i++) {
    for (let k = 0; k < what.length; k++) if (data[i + k] !== what[k]) continue outer;
    return i;
  }
  return -1;
}

function lastIndexOf(data: Uint8Array, what: Uint8Array): number {
  outer: for (let i = data.length - what.length; i >= 0; i--) {
    for (let k = 0; k < what.length; k++) if (data[i + k] !== what[k]) continue outer;
    return i;
  }
  return -1;
}

const STARTXREF = ascii('startxref');
const ENDSTREAM = ascii('endstream');
const ENDOBJ = ascii('endobj');
const TRAILER = ascii('trailer');
const XREF_TYPE = ascii('/XRef');

/** The cross-reference places an object where another one (or nothing) is. */
export class MisplacedObject extends Unsupported {
  constructor(num: number) {
    super(`object ${num} is not where the cross-reference says`);
  }
}

export class PdfFile {
  private entries: (Entry | undefined)[] = [];
  private readonly cache = new Map<number, PdfObject>();
  private readonly decoded = new WeakMap<PdfStream, Uint8Array>();
  private readonly objectStreams = new Map<number, { bytes: Uint8Array; offsets: number[] }>();
  private readonly reading = new Set<number>();
  private inflated = 0;
  trailer: PdfDict;

  /** Reads the cross-reference, or rebuilds it from the objects when it is unreadable or `rebuild`. */
  constructor(
    readonly data: Uint8Array,
    rebuild = false,
  ) {
    this.trailer = (!rebuild && this.readCrossReference()) || this.rebuild();
  }

  /** The object behind a reference (null when the cross-reference has none, as in pdf.js). */
  resolve(value: PdfObject | undefined): PdfObject | undefined {
    for (let n = 0; value instanceof PdfRef; n++) {
      if (n > MAX_REF_CHAIN) return unsupported('reference loop');
      value = this.object(value);
    }
    return value;
  }

  get(dict: PdfDict, key: string): PdfObject | undefined {
    return this.resolve(dict.raw(key));
  }

  /** A stream's decoded bytes. */
  bytes(stream: PdfStream): Uint8Array {
    let out = this.decoded.get(stream);
    if (!out) {
      out = this.decode(stream, false);
      this.decoded.set(stream, out);
    }
    return out;
  }

  /**
   * A stream's bytes when its compressed data is whole and its checksum right, else Unsupported:
   * for data pdf.js parses further than this reader (font programs), damage there would make
   * the two read the document differently.
   */
  intactBytes(stream: PdfStream): Uint8Array {
    return this.decode(stream, true);
  }

  private object(ref: PdfRef): PdfObject {
    const cached = this.cache.get(ref.num);
    if (cached !== undefined) return cached;
    // an object whose reading needs itself (a stream whose /Length is the stream)
    if (this.reading.has(ref.num)) return unsupported('object refers to itself');
    const entry = this.entries[ref.num];
    if (entry?.kind === 'at' && entry.gen !== ref.gen) return unsupported('generation mismatch');
    this.reading.add(ref.num);
    let value: PdfObject = null;
    try {
      if (entry?.kind === 'at') {
        const lexer = new Lexer(this.data, entry.offset);
        if (!this.startsObject(lexer, ref.num, entry.gen)) throw new MisplacedObject(ref.num);
        value = this.body(lexer);
      } else if (entry?.kind === 'in') value = this.compressed(entry.stream, entry.index, ref.num);
    } finally {
      this.reading.delete(ref.num);
    }
    this.cache.set(ref.num, value);
    return value;
  }

  /** Whether `num gen obj` comes next. */
  private startsObject(lexer: Lexer, num: number, gen: number): boolean {
    try {
      return lexer.token() === num && lexer.token() === gen && lexer.token() === PdfOp.of('obj');
    } catch {
      return false;
    }
  }

  /** An object after its `obj` keyword; a dictionary followed by `stream` is a stream. */
  private body(lexer: Lexer): PdfObject {
    const value = readObject(lexer, lexer.token(true), true);
    if (!(value instanceof PdfDict)) return value;
    const at = lexer.pos;
    if (lexer.token() !== PdfOp.of('stream')) {
      lexer.pos = at;
      return value;
    }
    const { data } = this;
    // the data starts after the end of the line that holds `stream`
    let start = lexer.pos;
    while (start < data.length && data[start] !== 0x0a && data[start] !== 0x0d) start++;
    if (data[start] === 0x0d && data[start + 1] === 0x0a) start++;
    start++;
    return new PdfStream(value, data.subarray(start, start + this.streamLength(value, start)));
  }

  /** /Length when `endstream` follows it, else the distance to the next `endstream`. */
  private streamLength(dict: PdfDict, start: number): number {
    const declared = this.resolve(dict.raw('Length'));
    if (typeof declared === 'number' && Number.isInteger(declared) && declared >= 0) {
      const lexer = new Lexer(this.data, start + declared);
      if (start + declared <= this.data.length && lexer.token() === PdfOp.of('endstream')) {
        return declared;
      }
    }
    const end = indexOf(this.data, ENDSTREAM, start);
    return end < 0 ? unsupported('stream without endstream') : end - start;
  }

  /** Object `num`, the `index`-th of object stream `streamNum`. */
  private compressed(streamNum: number, index: number, num: number): PdfObject {
    const { bytes, offsets } = this.objectStream(streamNum);
    if (offsets[index * 2] !== num) return unsupported('object stream disagrees with the index');
    const lexer = new Lexer(bytes, offsets[index * 2 + 1]!);
    return readObject(lexer, lexer.token(true), true);
  }

  /** An object stream's data and its header (object number, offset pairs), read once. */
  private objectStream(num: number): { bytes: Uint8Array; offsets: number[] } {
    let found = this.objectStreams.get(num);
    if (found) return found;
    const stream = this.resolve(new PdfRef(num, 0));
    if (!(stream instanceof PdfStream)) return unsupported('object stream missing');
    const first = this.get(stream.dict, 'First');
    const count = this.get(stream.dict, 'N');
    if (typeof first !== 'number' || typeof count !== 'number') {
      return unsupported('bad object stream');
    }
    const bytes = this.bytes(stream);
    const header = new Lexer(bytes, 0, first);
    const offsets: number[] = [];
    for (let k = 0; k < count * 2; k++) {
      const v = header.token();
      if (typeof v !== 'number') return unsupported('bad object stream header');
      offsets.push(k % 2 === 1 ? first + v : v);
    }
    found = { bytes, offsets };
    this.objectStreams.set(num, found);
    return found;
  }

  /** The trailer after reading every cross-reference section, or null when one is broken. */
  private readCrossReference(): PdfDict | null {
    try {
      const at = lastIndexOf(this.data, STARTXREF);
      if (at < 0) return null;
      const lexer = new Lexer(this.data, at + STARTXREF.length);
      let offset = lexer.token();
      let trailer: PdfDict | null = null;
      const seen = new Set<number>();
      while (typeof offset === 'number') {
        if (seen.has(offset) || offset <= 0 || offset >= this.data.length) return null;
        seen.add(offset);
        const section = this.section(offset);
        trailer ??= section;
        const hybrid = section.raw('XRefStm');
        if (typeof hybrid === 'number' && !seen.has(hybrid)) {
          seen.add(hybrid);
          this.section(hybrid);
        }
        offset = section.raw('Prev') as PdfObject;
      }
      return trailer;
    } catch {
      this.entries = [];
      return null;
    }
  }

  /** One cross-reference section (table or stream) at `offset`; returns its trailer. */
  private section(offset: number): PdfDict {
    const lexer = new Lexer(this.data, offset);
    const first = lexer.token();
    if (first === PdfOp.of('xref')) return this.table(lexer);
    if (typeof first !== 'number' || typeof lexer.token() !== 'number') throw new Error('xref');
    if (lexer.token() !== PdfOp.of('obj')) throw new Error('xref');
    const stream = this.body(lexer);
    if (!(stream instanceof PdfStream)) throw new Error('xref');
    this.xrefStream(stream);
    return stream.dict;
  }

  /** A classic table: subsections of `offset gen n|f` lines up to `trailer`; the first wins. */
  private table(lexer: Lexer): PdfDict {
    for (;;) {
      const head = lexer.token();
      if (head === PdfOp.of('trailer')) break;
      let first = head;
      const count = lexer.token();
      if (typeof first !== 'number' || typeof count !== 'number') throw new Error('xref');
      for (let i = 0; i < count; i++) {
        const [offset, gen, type] = [lexer.token(), lexer.token(), lexer.token()];
        if (typeof offset !== 'number' || typeof gen !== 'number') throw new Error('xref');
        if (type !== PdfOp.of('n') && type !== PdfOp.of('f')) throw new Error('xref');
        // a table whose first subsection wrongly starts at 1 with the free head entry
        if (i === 0 && type === PdfOp.of('f') && first === 1) first = 0;
        this.entries[first + i] ??=
          type === PdfOp.of('n') && offset > 0 ? { kind: 'at', offset, gen } : { kind: 'free' };
      }
    }
    // pdf.js takes a table whose object 0 is in use for a broken one
    if (this.entries[0] && this.entries[0].kind !== 'free') throw new Error('xref');
    const trailer = readObject(lexer, lexer.token(true), true);
    if (!(trailer instanceof PdfDict)) throw new Error('xref');
    return trailer;
  }

  /** A cross-reference stream: /W field widths over /Index ranges. */
  private xrefStream(stream: PdfStream): void {
    const w = this.get(stream.dict, 'W');
    const size = this.get(stream.dict, 'Size');
    const index = this.get(stream.dict, 'Index') ?? [0, size ?? 0];
    if (!Array.isArray(w) || w.length < 3 || !w.every((x) => typeof x === 'number')) {
      throw new Error('xref');
    }
    if (!Array.isArray(index)) throw new Error('xref');
    const [tw, ow, gw] = w as number[];
    const bytes = this.bytes(stream);
    let p = 0;
    const field = (width: number, fallback: number): number => {
      if (width === 0) return fallback;
      let v = 0;
      for (let k = 0; k < width; k++) {
        if (p >= bytes.length) throw new Error('xref');
        v = v * 256 + bytes[p++]!;
      }
      return v;
    };
    for (let r = 0; r + 1 < index.length; r += 2) {
      const [first, n] = [index[r], index[r + 1]];
      if (typeof first !== 'number' || typeof n !== 'number') throw new Error('xref');
      for (let i = 0; i < n; i++) {
        const [type, a, b] = [field(tw!, 1), field(ow!, 0), field(gw!, 0)];
        const entry: Entry =
          type === 0
            ? { kind: 'free' }
            : type === 1
              ? a > 0
                ? { kind: 'at', offset: a, gen: b }
                : { kind: 'free' }
              : type === 2
                ? { kind: 'in', stream: a, index: b }
                : unsupported('bad xref entry type');
        this.entries[first + i] ??= entry;
      }
    }
  }

  /**
   * A new cross-reference from the objects in the file, as pdf.js rebuilds it: each `N G obj`
   * outside other objects (a later one of the same number winning), the entries of the xref
   * streams found for objects inside object streams, and the first trailer with a catalog and
   * an /ID, else the last with a catalog.
   */
  private rebuild(): PdfDict {
    this.entries = [];
    this.cache.clear();
    const { data } = this;
    const trailers: PdfDict[] = [];
    const xrefStreams: PdfStream[] = [];
    for (let p = 0; p < data.length; p++) {
      if (p > 0 && !isSpace(data[p - 1])) continue;
      const c = data[p]!;
      if (c >= 0x30 && c <= 0x39) {
        const found = this.objectAt(p);
        if (!found) continue;
        const prev = this.entries[found.num];
        if (prev?.kind === 'at' && prev.gen !== found.gen) return unsupported('two generations');
        this.entries[found.num] = { kind: 'at', offset: p, gen: found.gen };
        if (found.xref) xrefStreams.push(found.xref);
        p = found.end - 1;
      } else if (c === 0x74 && indexOf(data, TRAILER, p, p + TRAILER.length) === p) {
        try {
          const lexer = new Lexer(data, p + TRAILER.length);
          const dict = readObject(lexer, lexer.token(true), true);
          if (dict instanceof PdfDict) trailers.push(dict);
        } catch {
          continue;
        }
      }
    }
    for (const stream of xrefStreams) {
      try {
        this.xrefStream(stream);
        trailers.push(stream.dict);
      } catch {
        continue;
      }
    }
    const pages = (t: PdfDict): PdfDict | null => {
      const root = this.get(t, 'Root');
      const node = root instanceof PdfDict ? this.get(root, 'Pages') : null;
      return node instanceof PdfDict ? node : null;
    };
    const withPages = trailers.filter((t) => pages(t) !== null);
    const best = withPages.find(
      (t) => Number.isInteger(this.get(pages(t)!, 'Count')) && t.raw('ID') !== undefined,
    );
    return best ?? withPages.at(-1) ?? unsupported('no trailer with a catalog');
  }

  /** `N G obj` at `p`: its number, its end (after `endobj`) and, for an xref stream, the stream. */
  private objectAt(p: number): { num: number; gen: number; end: number; xref?: PdfStream } | null {
    const lexer = new Lexer(this.data, p);
    try {
      const [num, gen, obj] = [lexer.token(), lexer.token(), lexer.token()];
      if (typeof num !== 'number' || typeof gen !== 'number' || obj !== PdfOp.of('obj')) {
        return null;
      }
      const close = indexOf(this.data, ENDOBJ, lexer.pos);
      const end = close < 0 ? this.data.length : close + ENDOBJ.length;
      let xref: PdfStream | undefined;
      if (indexOf(this.data, XREF_TYPE, lexer.pos, Math.min(end, lexer.pos + 1024)) >= 0) {
        const value = this.body(lexer);
        if (value instanceof PdfStream) xref = value;
      }
      return { num, gen, end, ...(xref ? { xref } : {}) };
    } catch {
      return null;
    }
  }

  private decode(stream: PdfStream, intact: boolean): Uint8Array {
    const filter = this.get(stream.dict, 'Filter');
    const filters = filter === undefined || filter === null ? [] : [filter].flat();
    const parms = this.get(stream.dict, 'DecodeParms');
    if (!Array.isArray(filter) && Array.isArray(parms)) return unsupported('DecodeParms array');
    let out = stream.encoded;
    filters.forEach((f, i) => {
      const name = this.resolve(f);
      if (!(name instanceof PdfName) || (name.name !== 'FlateDecode' && name.name !== 'Fl')) {
        unsupported(`filter ${name instanceof PdfName ? name.name : '?'}`);
      }
      const p = this.resolve(Array.isArray(parms) ? parms[i] : parms);
      out = this.predict(this.inflate(out, intact), p instanceof PdfDict ? p : null);
    });
    return out;
  }

  /**
   * Zlib data inflated as pdf.js does: the header checked, the checksum not, and a truncated
   * stream giving what it holds; `intact` asks for the whole stream with its checksum.
   */
  private inflate(data: Uint8Array, intact: boolean): Uint8Array {
    if (data.length === 0) return data;
    const [cmf, flg] = [data[0]!, data[1] ?? 0];
    if ((cmf & 0x0f) !== 8 || ((cmf << 8) + flg) % 31 !== 0 || flg & 0x20) {
      return unsupported('bad zlib header');
    }
    // output buffers sized to the data: most streams are small (glyph procedures, CMaps)
    const chunkSize = Math.min(1 << 20, Math.max(1024, 2 ** Math.ceil(Math.log2(data.length * 4))));
    let out: Buffer;
    try {
      out = intact
        ? zlib.inflateSync(data, { maxOutputLength: MAX_STREAM_BYTES, chunkSize })
        : zlib.inflateRawSync(data.subarray(2), {
            finishFlush: zlib.constants.Z_SYNC_FLUSH,
            maxOutputLength: MAX_STREAM_BYTES,
            chunkSize,
          });
    } catch (err) {
      // a stream that inflates past the limit is refused, not handed to pdf.js, which would
      // inflate all of it (a few MB of zeros make gigabytes)
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      return unsupported(`inflate: ${(err as Error).message}`);
    }
    this.inflated += out.length;
    if (this.inflated > MAX_TOTAL_BYTES) throw tooLarge();
    return out;
  }

  /** Undoes a PNG (10–15) or TIFF (2) predictor. */
  private predict(data: Uint8Array, parms: PdfDict | null): Uint8Array {
    const num = (key: string, fallback: number): number => {
      const v = parms ? this.get(parms, key) : undefined;
      return typeof v === 'number' ? v : fallback;
    };
    const predictor = num('Predictor', 1);
    if (predictor <= 1) return data;
    if (predictor !== 2 && (predictor < 10 || predictor > 15)) {
      return unsupported(`predictor ${predictor}`);
    }
    const colors = num('Colors', 1);
    const bits = num('BitsPerComponent', 8);
    const columns = num('Columns', 1);
    const bpp = Math.max(1, (colors * bits + 7) >> 3);
    const rowBytes = (columns * colors * bits + 7) >> 3;
    if (predictor === 2) {
      if (bits !== 8) return unsupported('TIFF predictor with bits other than 8');
      const out = Uint8Array.from(data);
      for (let row = 0; row < out.length; row += rowBytes) {
        for (let i = row + bpp; i < Math.min(row + rowBytes, out.length); i++) {
          out[i] = (out[i]! + out[i - bpp]!) & 0xff;
        }
      }
      return out;
    }
    return png(data, rowBytes, bpp);
  }
}

/** PNG row filters (None, Sub, Up, Average, Paeth), each row led by its filter byte. */
function png(data: Uint8Array, rowBytes: number, bpp: number): Uint8Array {
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowBytes + 1)]!;
    const src = r * (rowBytes + 1) + 1;
    const dst = r * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const raw = data[src + i]!;
      const left = i >= bpp ? out[dst + i - bpp]! : 0;
      const up = r > 0 ? out[dst + i - rowBytes]! : 0;
      const upLeft = r > 0 && i >= bpp ? out[dst + i - rowBytes - bpp]! : 0;
      let v: number;
      if (type === 0) v = raw;
      else if (type === 1) v = raw + left;
      else if (type === 2) v = raw + up;
      else if (type === 3) v = raw + ((left + up) >> 1);
      else if (type === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        v = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      } else return unsupported(`PNG filter ${type}`);
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}

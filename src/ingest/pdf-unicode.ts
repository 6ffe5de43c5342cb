// The text a font's codes stand for, as pdf.js reads it: ToUnicode CMaps, and for simple fonts
// the /Encoding (pdf.js's WinAnsiEncoding and MacRomanEncoding tables through its glyph list, and
// the glyph names a /Differences array commonly uses).
import { EOF, Lexer, PdfOp, unsupported, type Token } from './pdf-syntax.js';

/** Codes whose text differs from the code itself (code:hex code point), per encoding. */
const WIN_ANSI =
  '127:2022 128:20ac 129:2022 130:201a 131:192 132:201e 133:2026 134:2020 135:2021 136:2c6 ' +
  '137:2030 138:160 139:2039 140:152 141:2022 142:17d 143:2022 144:2022 145:2018 146:2019 ' +
  '147:201c 148:201d 149:2022 150:2013 151:2014 152:2dc 153:2122 154:161 155:203a 156:153 ' +
  '157:2022 158:17e 159:178 160:20 173:2d';
const MAC_ROMAN =
  '128:c4 129:c5 130:c7 131:c9 132:d1 133:d6 134:dc 135:e1 136:e0 137:e2 138:e4 139:e3 140:e5 ' +
  '141:e7 142:e9 143:e8 144:ea 145:eb 146:ed 147:ec 148:ee 149:ef 150:f1 151:f3 152:f2 153:f4 ' +
  '154:f6 155:f5 156:fa 157:f9 158:fb 159:fc 160:2020 161:b0 164:a7 165:2022 166:b6 167:df ' +
  '168:ae 170:2122 171:b4 172:a8 173:2260 174:c6 175:d8 176:221e 178:2264 179:2265 180:a5 ' +
  '182:2202 183:2211 184:220f 185:3c0 186:222b 187:aa 188:ba 189:2126 190:e6 191:f8 192:bf ' +
  '193:a1 194:ac 195:221a 196:192 197:2248 198:2206 199:ab 200:bb 201:2026 202:20 203:c0 ' +
  '204:c3 205:d5 206:152 207:153 208:2013 209:2014 210:201c 211:201d 212:2018 213:2019 214:f7 ' +
  '215:25ca 216:ff 217:178 218:2044 219:a4 220:2039 221:203a 222:fb01 223:fb02 224:2021 225:b7 ' +
  '226:201a 227:201e 228:2030 229:c2 230:ca 231:c1 232:cb 233:c8 234:cd 235:ce 236:cf 237:cc ' +
  '238:d3 239:d4 240:f8ff 241:d2 242:da 243:db 244:d9 245:131 246:2c6 247:2dc 248:af 249:2d8 ' +
  '250:2d9 251:2da 252:b8 253:2dd 254:2db 255:2c7';

function table(exceptions: string): string[] {
  const out = Array.from({ length: 256 }, (_, c) => String.fromCharCode(c));
  for (const pair of exceptions.split(' ')) {
    const [code, hex] = pair.split(':');
    out[Number(code)] = String.fromCharCode(parseInt(hex!, 16));
  }
  return out;
}

/** The base encodings whose text does not depend on the font program. */
export const BASE_ENCODINGS: Record<string, string[]> = {
  WinAnsiEncoding: table(WIN_ANSI),
  MacRomanEncoding: table(MAC_ROMAN),
};

/** Glyph names of the Adobe glyph list that /Differences arrays commonly use, with their text. */
const NAMED: Record<string, number> = {
  space: 0x20,
  exclam: 0x21,
  quotedbl: 0x22,
  numbersign: 0x23,
  dollar: 0x24,
  percent: 0x25,
  ampersand: 0x26,
  quotesingle: 0x27,
  parenleft: 0x28,
  parenright: 0x29,
  asterisk: 0x2a,
  plus: 0x2b,
  comma: 0x2c,
  hyphen: 0x2d,
  period: 0x2e,
  slash: 0x2f,
  zero: 0x30,
  one: 0x31,
  two: 0x32,
  three: 0x33,
  four: 0x34,
  five: 0x35,
  six: 0x36,
  seven: 0x37,
  eight: 0x38,
  nine: 0x39,
  colon: 0x3a,
  semicolon: 0x3b,
  less: 0x3c,
  equal: 0x3d,
  greater: 0x3e,
  question: 0x3f,
  at: 0x40,
  bracketleft: 0x5b,
  backslash: 0x5c,
  bracketright: 0x5d,
  asciicircum: 0x5e,
  underscore: 0x5f,
  grave: 0x60,
  braceleft: 0x7b,
  bar: 0x7c,
  braceright: 0x7d,
  asciitilde: 0x7e,
  bullet: 0x2022,
  endash: 0x2013,
  emdash: 0x2014,
  quoteleft: 0x2018,
  quoteright: 0x2019,
  quotedblleft: 0x201c,
  quotedblright: 0x201d,
  ellipsis: 0x2026,
  periodcentered: 0xb7,
  degree: 0xb0,
  plusminus: 0xb1,
  multiply: 0xd7,
  divide: 0xf7,
  section: 0xa7,
  copyright: 0xa9,
  registered: 0xae,
  trademark: 0x2122,
  Euro: 0x20ac,
  yen: 0xa5,
  sterling: 0xa3,
  cent: 0xa2,
};

/**
 * The text pdf.js gives a glyph name of a /Differences array: `null` when it gives none (the code
 * then reads as itself), `undefined` when the name is not known here (pdf.js's glyph list has
 * four thousand names; the fast reader declines). `code === code point` names fall back to the
 * base encoding as in pdf.js.
 */
export function glyphText(
  name: string,
  code: number,
  base: string[] | null,
): string | null | undefined {
  if (name in NAMED) return String.fromCharCode(NAMED[name]!);
  if (/^[A-Za-z]$/u.test(name)) return name;
  let point = 0;
  if (/^uni[0-9A-F]{4}$/u.test(name)) point = parseInt(name.slice(3), 16);
  else if (/^u[0-9A-F]{4,6}$/u.test(name)) point = parseInt(name.slice(1), 16);
  else if (/^G[0-9A-Fa-f]+$/u.test(name))
    point = name.length === 3 ? parseInt(name.slice(1), 16) : 0;
  else if (/^g[0-9A-Fa-f]+$/u.test(name))
    point = name.length === 5 ? parseInt(name.slice(1), 16) : 0;
  else if (/^[Cc]\d+$/u.test(name))
    point = name.length <= 4 && name.length >= 3 ? Number(name.slice(1)) : 0;
  else return undefined;
  if (!(point > 0 && point <= 0x10ffff)) return null;
  if (base && point === code) return base[code]!;
  return String.fromCodePoint(point);
}

/** Largest span of one bfrange, as in pdf.js. */
const MAX_MAP_RANGE = 2 ** 24 - 1;

const bytesToInt = (s: string): number => {
  let a = 0;
  for (let i = 0; i < s.length; i++) a = (a << 8) | s.charCodeAt(i);
  return a >>> 0;
};

/**
 * A ToUnicode CMap: code → text. The destination bytes are UTF-16BE (surrogate pairs and strings
 * of several characters allowed); a bfrange with a string destination counts up its last byte,
 * carrying into the byte before, exactly as pdf.js does.
 */
export function readToUnicode(data: Uint8Array): Map<number, string> {
  const raw = new Map<number, string | number>();
  const lexer = new Lexer(data);
  const next = (): Token => lexer.token();
  const string = (t: Token): string => (typeof t === 'string' ? t : unsupported('bad CMap'));
  for (let t = next(); t !== EOF; t = next()) {
    if (!(t instanceof PdfOp)) continue;
    if (t.op === 'endcmap') break;
    if (t.op === 'usecmap') return unsupported('ToUnicode CMap using another CMap');
    if (t.op === 'begincodespacerange') {
      for (let u = next(); !isOp(u, 'endcodespacerange'); u = next()) string(u);
    } else if (t.op === 'beginbfchar') {
      for (let u = next(); !isOp(u, 'endbfchar'); u = next()) {
        raw.set(bytesToInt(string(u)), string(next()));
      }
    } else if (t.op === 'beginbfrange') {
      for (let u = next(); !isOp(u, 'endbfrange'); u = next()) {
        const [low, high] = [bytesToInt(string(u)), bytesToInt(string(next()))];
        const dst: Token = next();
        if (high - low > MAX_MAP_RANGE) return unsupported('huge bfrange');
        if (typeof dst === 'string' || typeof dst === 'number') {
          mapRange(raw, low, high, typeof dst === 'number' ? String.fromCharCode(dst) : dst);
        } else if (isOp(dst, '[')) {
          let code = low;
          for (let d = next(); !isOp(d, ']'); d = next()) {
            if (typeof d !== 'string' && typeof d !== 'number') return unsupported('bad bfrange');
            if (code <= high) raw.set(code++, d);
          }
        } else return unsupported('bad bfrange');
      }
    } else if (t.op === 'begincidchar' || t.op === 'begincidrange') {
      return unsupported('CID mappings in a ToUnicode CMap');
    }
  }
  const out = new Map<number, string>();
  for (const [code, value] of raw) out.set(code, utf16(value));
  return out;
}

function isOp(t: Token, op: string): boolean {
  if (t === EOF) return unsupported('CMap ends inside a section');
  return t instanceof PdfOp && t.op === op;
}

function mapRange(raw: Map<number, string | number>, low: number, high: number, dst: string): void {
  const last = dst.length - 1;
  while (low <= high) {
    raw.set(low++, dst);
    const next = dst.charCodeAt(last) + 1;
    dst =
      next > 0xff
        ? dst.substring(0, last - 1) + String.fromCharCode(dst.charCodeAt(last - 1) + 1) + '\x00'
        : dst.substring(0, last) + String.fromCharCode(next);
  }
}

/** UTF-16BE bytes as text, with pdf.js's handling of odd lengths and lone surrogates. */
function utf16(token: string | number): string {
  if (typeof token === 'number') return String.fromCodePoint(token);
  if (token.length % 2 !== 0) token = '\u0000' + token;
  const points: number[] = [];
  for (let k = 0; k < token.length; k += 2) {
    const w1 = (token.charCodeAt(k) << 8) | token.charCodeAt(k + 1);
    if ((w1 & 0xf800) !== 0xd800) {
      points.push(w1);
      continue;
    }
    k += 2;
    const w2 = (token.charCodeAt(k) << 8) | token.charCodeAt(k + 1);
    points.push(((w1 & 0x3ff) << 10) + (w2 & 0x3ff) + 0x10000);
  }
  return String.fromCodePoint(...points);
}

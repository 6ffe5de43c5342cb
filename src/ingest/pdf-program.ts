// The little pdf.js takes from an embedded font program for text: what kind it is (by its first
// bytes) and, for Type1 and CFF programs, the font matrix that scales the glyph widths. Programs
// whose reading could change anything else (OpenType, collections, TrueType carrying CFF) are
// Unsupported. Also the first operator of a Type3 glyph procedure (its d0/d1 box).
import { Lexer, PdfOp, unsupported } from './pdf-syntax.js';

const tag = (b: Uint8Array, at: number): string => String.fromCharCode(...b.subarray(at, at + 4));

/** The program's font matrix, or null when it has none of its own (pdf.js keeps 1/1000). */
export function programMatrix(bytes: Uint8Array): number[] | null {
  const head = tag(bytes, 0);
  if (head === '\x00\x01\x00\x00' || head === 'true') {
    const tables = (bytes[4]! << 8) | bytes[5]!;
    for (let i = 0; i < tables; i++) {
      if (tag(bytes, 12 + i * 16) === 'CFF ') return unsupported('TrueType font carrying CFF');
    }
    return null;
  }
  if (head === 'ttcf' || head === 'OTTO') return unsupported(`font program ${head}`);
  if ((bytes[0] === 0x25 && bytes[1] === 0x21) || (bytes[0] === 0x80 && bytes[1] === 0x01)) {
    return type1Matrix(bytes);
  }
  if (bytes[0]! >= 1 && bytes[3]! >= 1 && bytes[3]! <= 4) return cffMatrix(bytes);
  return unsupported('unknown font program');
}

/** /FontMatrix of a Type1 program's clear-text header, its numbers read as pdf.js reads them. */
function type1Matrix(bytes: Uint8Array): number[] | null {
  const text = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 65536))).toString('latin1');
  const eexec = text.indexOf('eexec');
  const header = eexec < 0 ? text : text.slice(0, eexec);
  const found = /\/FontMatrix\s*[[{]([^\]}]*)[\]}]/u.exec(header);
  if (!found) return null;
  const values = found[1]!.trim().split(/\s+/u).map(Number.parseFloat);
  return values.length === 6 && values.every(Number.isFinite)
    ? values
    : unsupported('odd Type1 FontMatrix');
}

/** FontMatrix (operator 12 7) of a CFF program's top dictionary; its default is 1/1000. */
function cffMatrix(bytes: Uint8Array): number[] {
  let pos = bytes[2]!;
  const index = (): [number, number] => {
    const count = (bytes[pos]! << 8) | bytes[pos + 1]!;
    if (count === 0) {
      pos += 2;
      return [pos, pos];
    }
    const size = bytes[pos + 2]!;
    const offset = (k: number): number => {
      let v = 0;
      for (let j = 0; j < size; j++) v = v * 256 + bytes[pos + 3 + k * size + j]!;
      return v;
    };
    const data = pos + 3 + (count + 1) * size - 1;
    const first: [number, number] = [data + offset(0), data + offset(1)];
    pos = data + offset(count);
    return first;
  };
  index(); // names
  const [start, end] = index(); // the first top dictionary
  const operands: number[] = [];
  for (let p = start; p < end;) {
    const b = bytes[p++]!;
    if (b <= 21) {
      const op = b === 12 ? 1200 + bytes[p++]! : b;
      if (op === 1207) return operands.length === 6 ? operands : unsupported('odd CFF FontMatrix');
      operands.length = 0;
    } else if (b === 30) {
      const [value, next] = cffReal(bytes, p);
      operands.push(value);
      p = next;
    } else if (b === 28) {
      operands.push(((bytes[p]! << 24) | (bytes[p + 1]! << 16)) >> 16);
      p += 2;
    } else if (b === 29) {
      operands.push(
        (bytes[p]! << 24) | (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!,
      );
      p += 4;
    } else if (b >= 32 && b <= 246) operands.push(b - 139);
    else if (b >= 247 && b <= 250) operands.push((b - 247) * 256 + bytes[p++]! + 108);
    else if (b >= 251 && b <= 254) operands.push(-(b - 251) * 256 - bytes[p++]! - 108);
    else return unsupported('bad CFF dictionary');
  }
  return [0.001, 0, 0, 0.001, 0, 0];
}

/** A CFF real operand: nibbles spelling a number, read with parseFloat as pdf.js does. */
function cffReal(bytes: Uint8Array, p: number): [number, number] {
  const spell = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', 'E', 'E-', '', '-'];
  let text = '';
  while (p < bytes.length) {
    const b = bytes[p++]!;
    for (const nibble of [b >> 4, b & 15]) {
      if (nibble === 15) return [Number.parseFloat(text), p];
      if (nibble === 13) return unsupported('reserved nibble in a CFF real');
      text += spell[nibble]!;
    }
  }
  return unsupported('CFF real without an end');
}

/** The first operator of a content stream and the numbers before it. */
export function firstOperator(bytes: Uint8Array): { op: string; args: number[] } | null {
  const lexer = new Lexer(bytes);
  const args: number[] = [];
  for (let k = 0; k < 16; k++) {
    const t = lexer.token();
    if (t instanceof PdfOp) return { op: t.op, args };
    if (typeof t !== 'number') return null;
    args.push(t);
  }
  return null;
}

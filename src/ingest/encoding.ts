// Decodes an HTML file's bytes to text: BOM first, then a declared <meta> charset, then sniffing
// (valid UTF-8, else chardet, preferring GB18030 for CJK-looking bytes; never windows-1252 for GBK).
import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import type { Context, Recogniser } from 'chardet/lib/encoding/index.js';
import { ISO_2022_JP } from 'chardet/lib/encoding/iso2022.js';
import { big5, euc_jp, euc_kr, gb_18030, sjis } from 'chardet/lib/encoding/mbcs.js';
import { IngestError } from './errors.js';

export interface Decoded {
  text: string;
  /** The TextDecoder encoding actually used (e.g. 'utf-8', 'gb18030', 'big5'). */
  encoding: string;
  /** bom: byte-order mark; meta: declared in the page; sniffed: guessed from bytes; default: all ASCII. */
  how: 'bom' | 'meta' | 'sniffed' | 'default';
  /** The charset the page declared, when it was overruled by the bytes. */
  overruled?: string;
}

const HEAD_BYTES = 4096;
const SNIFF_BYTES = 16 * 1024;

/** Labels that all mean "some subset of GB18030"; decode them with the superset. */
const GB_LABELS = new Set([
  'gb2312',
  'gbk',
  'x-gbk',
  'gb_2312',
  'gb_2312-80',
  'gb18030',
  'cp936',
  'ms936',
  'windows-936',
  'csgb2312',
  'chinese',
  'euc-cn',
  'iso-ir-58',
]);

/** Labels that TextDecoder maps to windows-1252; a page declaring these may really be GBK. */
const WESTERN_LABELS = new Set([
  'iso-8859-1',
  'latin1',
  'windows-1252',
  'us-ascii',
  'ascii',
  'cp1252',
]);

const CJK_DETECTED = ['GB18030', 'Big5', 'Shift_JIS', 'EUC-JP', 'EUC-KR', 'ISO-2022-JP'];

export function decodeHtml(buf: Buffer): Decoded {
  const bom = bomEncoding(buf);
  if (bom)
    return {
      text: decodeWith(bom.encoding, buf.subarray(bom.length)),
      encoding: bom.encoding,
      how: 'bom',
    };

  const declared = declaredCharset(buf);
  if (declared && !misdeclared(declared, buf)) {
    return { text: decodeWith(declared, buf), encoding: declared, how: 'meta' };
  }

  if (isAscii(buf)) return { text: decodeWith('utf-8', buf), encoding: 'utf-8', how: 'default' };
  const encoding = sniffEncoding(buf);
  const text = decodeWith(encoding, buf);
  assertDecodable(text);
  return declared
    ? { text, encoding, how: 'sniffed', overruled: declared }
    : { text, encoding, how: 'sniffed' };
}

/**
 * A declaration the bytes plainly contradict: "utf-8" over invalid UTF-8, a Western charset over
 * GBK-looking bytes, or a GB charset over a page that was re-saved as valid UTF-8.
 */
function misdeclared(declared: string, buf: Buffer): boolean {
  const high = countHigh(buf);
  if (high === 0) return false;
  if (declared === 'utf-8') return !isValidUtf8(buf);
  if (WESTERN_LABELS.has(declared)) return looksCjk(buf);
  if (declared === 'gb18030') return high >= 6 && isValidUtf8(buf);
  return false;
}

function bomEncoding(buf: Buffer): { encoding: string; length: number } | null {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { encoding: 'utf-8', length: 3 };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** The charset a <meta> in the first 4 KB declares, as a usable TextDecoder label, or null. */
export function declaredCharset(buf: Buffer): string | null {
  const head = buf.subarray(0, HEAD_BYTES).toString('latin1');
  const metaRe = /<meta\b[^>]*>/gi;
  for (const m of head.matchAll(metaRe)) {
    const cs = /charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)/i.exec(m[0]);
    if (!cs?.[1]) continue;
    const label = normaliseLabel(cs[1]);
    if (label) return label;
  }
  return null;
}

function normaliseLabel(raw: string): string | null {
  const label = raw.trim().toLowerCase();
  if (GB_LABELS.has(label)) return 'gb18030';
  if (label === 'utf8' || label === 'utf-8') return 'utf-8';
  // A page whose <meta> we could read as ASCII is not UTF-16; ignore that claim.
  if (label.startsWith('utf-16') || label.startsWith('unicode')) return null;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

/** Guesses the encoding of non-ASCII bytes with no BOM and no usable declaration. */
export function sniffEncoding(buf: Buffer): string {
  if (isValidUtf8(buf)) return 'utf-8';
  const sample = buf.subarray(0, SNIFF_BYTES);
  if (looksCjk(sample)) {
    const matches = cjkMatches(sample);
    const gb = matches.find((m) => m.name === 'GB18030')?.confidence ?? 0;
    const best = matches.find((m) => CJK_DETECTED.includes(m.name));
    // Government forms are overwhelmingly GBK: another CJK encoding must clearly win and decode cleanly.
    if (best && best.name !== 'GB18030' && best.confidence >= gb + 10) {
      const label = decoderLabel(best.name);
      if (label && decodesCleanly(label, sample)) return label;
    }
    return 'gb18030';
  }
  const matches = chardet.analyse(sample);
  const confidence = (name: string): number =>
    matches.find((m) => m.name === name)?.confidence ?? 0;
  const western = matches.filter((m) => m.name !== 'UTF-8' && m.name !== 'ASCII');
  const top = western[0];
  // chardet often splits hairs between Western codepages; windows-1252 is the usual one.
  const latin = Math.max(confidence('windows-1252'), confidence('ISO-8859-1'));
  if (top && latin > 0 && latin + 10 >= top.confidence) return 'windows-1252';
  for (const m of western) {
    const label = decoderLabel(m.name);
    if (label) return label;
  }
  return 'gb18030';
}

/**
 * chardet's CJK recognisers alone, best first: for bytes that look CJK, only they compete, and
 * the single-byte ones it would also run take four fifths of its time.
 */
const CJK_RECOGNISERS: Recogniser[] = [
  new sjis(),
  new big5(),
  new euc_jp(),
  new euc_kr(),
  new gb_18030(),
  new ISO_2022_JP(),
];

function cjkMatches(sample: Uint8Array): { name: string; confidence: number }[] {
  const byteStats = new Array<number>(256).fill(0);
  for (let i = 0; i < sample.length; i++) byteStats[sample[i]!]! += 1;
  const context: Context = {
    byteStats,
    c1Bytes: byteStats.slice(0x80, 0xa0).some((n) => n > 0),
    rawInput: sample,
    rawLen: sample.length,
    inputBytes: sample,
    inputLen: sample.length,
  };
  return CJK_RECOGNISERS.flatMap((r) => r.match(context) ?? []).sort(
    (a, b) => b.confidence - a.confidence,
  );
}

function decoderLabel(chardetName: string): string | null {
  try {
    return new TextDecoder(chardetName.toLowerCase()).encoding;
  } catch {
    return null;
  }
}

function decodeWith(encoding: string, bytes: Uint8Array): string {
  return new TextDecoder(encoding).decode(bytes);
}

function decodesCleanly(encoding: string, bytes: Uint8Array): boolean {
  try {
    // The sample may end mid-character; stream mode tolerates that.
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Valid UTF-8 (checked natively, without decoding into a string). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

function isAscii(bytes: Uint8Array): boolean {
  return countHigh(bytes) === 0;
}

function countHigh(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) n += 1;
  return n;
}

/**
 * True when nearly all high bytes form valid GBK/GB18030 sequences (double-byte: lead 81–FE,
 * trail 40–FE except 7F; four-byte: 81–FE 30–39 81–FE 30–39). Latin-1 text fails this quickly.
 */
export function looksCjk(bytes: Uint8Array): boolean {
  let inPairs = 0;
  let stray = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) continue;
    const t = bytes[i + 1] ?? -1;
    if (b >= 0x81 && b <= 0xfe && t >= 0x40 && t <= 0xfe && t !== 0x7f) {
      inPairs += 2;
      i += 1;
    } else if (b >= 0x81 && b <= 0xfe && t >= 0x30 && t <= 0x39 && i + 3 < bytes.length) {
      inPairs += 4;
      i += 3;
    } else if (i + 1 >= bytes.length) {
      // A sample cut in the middle of a character.
    } else {
      stray += 1;
    }
  }
  return inPairs >= 4 && stray * 20 <= inPairs;
}

/** Text that is mostly replacement characters was not text in that encoding. */
function assertDecodable(text: string): void {
  let bad = 0;
  for (const ch of text) if (ch === '\uFFFD' || ch === '\u0000') bad += 1;
  if (bad > 16 && bad * 10 > text.length) {
    throw new IngestError(
      'undecodable_text',
      `the text could not be decoded (${bad} undecodable characters)`,
    );
  }
}

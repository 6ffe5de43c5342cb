// Decides a file's format from its bytes (magic numbers, zip entry names, OLE2 stream names,
// HTML tags), never from its extension; the extension only names an encrypted OOXML package.
import { isValidUtf8 } from './encoding.js';
import { isMht } from './mht.js';

export type DetectedFormat =
  | 'html'
  | 'docx'
  | 'pdf'
  | 'xlsx'
  | 'xls'
  | 'doc'
  | 'odf'
  | 'ofd'
  | 'zip'
  | 'text'
  | 'empty'
  | 'unknown';

export interface Detected {
  format: DetectedFormat;
  /** Set for password-protected files (an OOXML package inside an OLE2 EncryptedPackage). */
  encrypted?: boolean;
  /**
   * Set for a container too damaged to tell what it holds (a zip with no readable entry, an OLE2
   * file with no workbook or document stream): a file cut short, as a rule.
   */
  damaged?: boolean;
}

/** The Office format a file name claims (for containers too damaged to say for themselves). */
function claimedOffice(fileName: string): DetectedFormat | null {
  const ext = /\.([a-z0-9]+)$/iu.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const byExt: Record<string, DetectedFormat> = {
    docx: 'docx',
    docm: 'docx',
    dotx: 'docx',
    xlsx: 'xlsx',
    xlsm: 'xlsx',
    xltx: 'xlsx',
    xlsb: 'xlsx',
    xls: 'xls',
    doc: 'doc',
  };
  return byExt[ext] ?? null;
}

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL = Buffer.from('PK\x03\x04', 'latin1');
const ZIP_CENTRAL = Buffer.from('PK\x01\x02', 'latin1');
const ZIP_EMPTY = Buffer.from('PK\x05\x06', 'latin1');
const HEAD_BYTES = 4096;

export function detectFormat(buf: Buffer, fileName: string): Detected {
  if (isBlank(buf)) return { format: 'empty' };
  if (isPdf(buf)) return { format: 'pdf' };
  if (buf.subarray(0, 4).equals(ZIP_LOCAL) || buf.subarray(0, 4).equals(ZIP_EMPTY)) {
    const format = zipFormat(zipEntryNames(buf));
    // no end-of-directory record: the package was cut short (what it names may be only a start)
    if (buf.lastIndexOf(ZIP_EMPTY) < 0)
      return {
        format: format === 'zip' ? (claimedOffice(fileName) ?? 'zip') : format,
        damaged: true,
      };
    return { format };
  }
  if (buf.subarray(0, 8).equals(OLE2_MAGIC)) return ole2Format(buf, fileName);
  // the text formats are told by their first 4 KB, decoded once
  const head = headText(buf);
  const office = officeXml(head);
  if (office) return { format: office };
  // a single-file web page (.mht; Word saves them, budget systems name them .doc) holds HTML
  if (isMht(head)) return { format: 'html' };
  if (looksLikeHtml(head)) return { format: 'html' };
  if (looksLikeText(buf, head)) return { format: 'text' };
  return { format: 'unknown' };
}

/** `%PDF-` at the start or after a few leading bytes (a BOM, a stray header) in the first 1 KB. */
function isPdf(buf: Buffer): boolean {
  const at = buf.subarray(0, 1024).indexOf('%PDF-', 0, 'latin1');
  return at >= 0 && !buf.subarray(0, at).includes('<');
}

/** No bytes, or only whitespace (a lone BOM counts as nothing). */
function isBlank(buf: Buffer): boolean {
  let start = 0;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
  else if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) start = 2;
  for (let i = start; i < buf.length; i++) {
    const b = buf[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
  }
  return true;
}

/** Entry names from every local file header and central-directory record in the bytes. */
export function zipEntryNames(buf: Buffer): string[] {
  const names = new Set<string>();
  const collect = (sig: Buffer, lenAt: number, nameAt: number): void => {
    for (let i = buf.indexOf(sig); i >= 0; i = buf.indexOf(sig, i + 4)) {
      if (i + nameAt > buf.length) break;
      const len = buf.readUInt16LE(i + lenAt);
      if (len === 0 || i + nameAt + len > buf.length) continue;
      const name = buf.toString('utf8', i + nameAt, i + nameAt + len);
      if (/^[\x20-\x7e\u00a0-\uffff]+$/.test(name) && !name.includes('\uFFFD')) names.add(name);
    }
  };
  collect(ZIP_LOCAL, 26, 30);
  collect(ZIP_CENTRAL, 28, 46);
  return [...names];
}

export function zipFormat(names: string[]): DetectedFormat {
  const lower = names.map((n) => n.replace(/^\/+/, '').toLowerCase());
  if (lower.includes('word/document.xml')) return 'docx';
  if (lower.includes('xl/workbook.xml') || lower.includes('xl/workbook.bin')) return 'xlsx';
  // Some writers name the main part differently; [Content_Types].xml still places it in word/ or xl/.
  if (lower.some((n) => n.startsWith('word/'))) return 'docx';
  if (lower.some((n) => n.startsWith('xl/'))) return 'xlsx';
  // OpenDocument (.odt, .ods): a mimetype entry and content.xml; OFD (GB/T 33190): OFD.xml
  if (lower.includes('mimetype') && lower.includes('content.xml')) return 'odf';
  if (lower.includes('ofd.xml')) return 'ofd';
  return 'zip';
}

/** Whether an OLE2 directory entry (128-byte aligned, UTF-16LE name) is called `name`. */
function hasOleStream(buf: Buffer, name: string): boolean {
  const needle = Buffer.from(`${name}\0`, 'utf16le');
  for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + 2)) {
    if (i % 128 === 0 && i + 66 <= buf.length && buf.readUInt16LE(i + 64) === needle.length) {
      return true;
    }
  }
  return false;
}

function ole2Format(buf: Buffer, fileName: string): Detected {
  if (hasOleStream(buf, 'EncryptedPackage') || hasOleStream(buf, 'EncryptionInfo')) {
    const claimed = claimedOffice(fileName);
    const ooxml = claimed === 'docx' || claimed === 'xlsx' ? claimed : 'unknown';
    return { format: ooxml, encrypted: true };
  }
  if (hasOleStream(buf, 'Workbook') || hasOleStream(buf, 'Book')) return { format: 'xls' };
  if (hasOleStream(buf, 'WordDocument')) return { format: 'doc' };
  // every compound file's directory names its Root Entry: without one, the file was cut short
  // before its directory. With one, a file named .xls or .doc that lacks their stream is damaged
  // too; another compound file (PowerPoint) is a format this version does not know.
  const claimed = claimedOffice(fileName);
  if (hasOleStream(buf, 'Root Entry') && claimed !== 'xls' && claimed !== 'doc')
    return { format: 'unknown' };
  return { format: claimed ?? 'unknown', damaged: true };
}

/** The first 4 KB as text: UTF-16 when a BOM says so, else latin1 (tags are ASCII in UTF-8 and GBK). */
function headText(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2, HEAD_BYTES).toString('utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    const be = Buffer.from(buf.subarray(2, HEAD_BYTES - (HEAD_BYTES % 2)));
    return be.swap16().toString('utf16le');
  }
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  return buf.subarray(start, HEAD_BYTES).toString('latin1');
}

/** Control characters other than tab, newline, form feed, carriage return and ESC. */
function controlCount(text: string, nul: 'binary' | 'ignored' = 'binary'): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) {
      if (nul === 'binary') return Number.POSITIVE_INFINITY;
      continue;
    }
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d && c !== 0x1b) n += 1;
  }
  return n;
}

/**
 * Office 2003 XML: an Excel "XML Spreadsheet 2003" file (SpreadsheetML, which budget systems
 * export as .xls) is a legacy Excel workbook; a Word 2003 XML document is legacy Word.
 */
function officeXml(head: string): 'xls' | 'doc' | null {
  if (!/^[\s\uFEFF]*<\?xml/u.test(head)) return null;
  if (/progid\s*=\s*["']Excel\.Sheet["']/iu.test(head) || SPREADSHEET_ML.test(head)) return 'xls';
  if (/progid\s*=\s*["']Word\.Document["']/iu.test(head) || WORD_ML.test(head)) return 'doc';
  return null;
}

/** The root element of SpreadsheetML 2003 and of WordprocessingML 2003, with their namespace. */
const SPREADSHEET_ML = /<(?:\w+:)?Workbook\b[^>]*urn:schemas-microsoft-com:office:spreadsheet/u;
const WORD_ML = /<w:wordDocument\b[^>]*schemas\.microsoft\.com\/office\/word\/2003\/wordml/u;

const STRONG_TAGS = /<(?:!doctype\s+html|html|head|body|meta|table|title)[\s>/]/i;
const WEAK_TAGS = /<(?:p|div|span|br|tr|td|font|center|h[1-6])[\s>/]/i;

function looksLikeHtml(head: string): boolean {
  const trimmed = head.replace(/^[\s\uFEFF]+/, '');
  // a page that starts as one may hold a stray NUL or be padded with them (browsers show it)
  const nul = trimmed.startsWith('<') ? 'ignored' : 'binary';
  if (controlCount(head, nul) * 50 > head.length) return false;
  if (STRONG_TAGS.test(head)) {
    // A strong tag must not be buried in binary-looking text.
    return trimmed.startsWith('<') || controlCount(head, nul) === 0;
  }
  return trimmed.startsWith('<') && WEAK_TAGS.test(head);
}

/** Valid UTF-8 or GBK (or UTF-16 with a BOM) without NUL or other binary control bytes. */
function looksLikeText(buf: Buffer, head: string): boolean {
  const utf16 = (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
  if (!utf16 && buf.includes(0)) return false;
  if (controlCount(head) * 100 > Math.min(buf.length, HEAD_BYTES)) return false;
  if (utf16 || isValidUtf8(buf)) return true;
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

// Reads an Excel workbook (.xlsx, and legacy .xls BIFF8) into the document model: one part per
// worksheet (hidden ones flagged, chart sheets skipped), one Table per part with merged ranges
// as spans and the text each cell shows. Nothing is evaluated: formulas give their cached values,
// macros and external links are not read.
import * as XLSX from '@e965/xlsx';
import * as cpexcel from '@e965/xlsx/dist/cpexcel.full.mjs';
import { origin } from '../model/document.js';
import type { Cell, DocumentPart, IngestNote, Origin, SourceDocument } from '../model/document.js';
import { detectFormat } from './detect.js';
import { IngestError } from './errors.js';
import { indexCoveredCells, spreadsheetMlText } from './spreadsheet-ml.js';
import { storedPackage } from './xlsx-zip.js';

// Legacy .xls (BIFF5, and BIFF8 short strings) store text in the file's ANSI codepage (GBK: 936).
XLSX.set_cptable(cpexcel);

/** The most grid positions read from one workbook; a form has a few hundred. */
export const MAX_CELLS = 1_000_000;
/** The most rows parsed per sheet (SheetJS stops reading a sheet there). */
export const MAX_ROWS = 20_000;
/** Formula cells without a stored result that get a note each; more get one note for the sheet. */
const FORMULA_NOTES_PER_SHEET = 10;

/** Row counts of a whole worksheet grid (.xlsx, .xls): a declared size that says nothing. */
const WHOLE_GRID_ROWS = new Set([1_048_576, 65_536]);

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Options that never evaluate or fetch anything: cached values, formats kept for display text.
 * Formulas are read only to tell a formula with no stored result (a file written by a program
 * that does not calculate) from an empty cell; styles only for the hidden rows and columns.
 */
const READ_OPTIONS: XLSX.ParsingOptions = {
  type: 'buffer',
  dense: true,
  cellFormula: true,
  cellHTML: false,
  cellNF: true,
  cellText: true,
  cellDates: false,
  cellStyles: true,
  sheetStubs: false,
  bookVBA: false,
  bookDeps: false,
  bookFiles: false,
  sheetRows: MAX_ROWS,
  WTF: false,
};

/**
 * Excel's built-in short-date formats (ids 14 and 22) follow the reader's locale; SheetJS writes
 * them the en-US way (m/d/yy). A Chinese Excel, where these forms are filled in, shows yyyy/m/d.
 */
const LOCALE_DATE_FORMATS: Record<string, string> = {
  'm/d/yy': 'yyyy/m/d',
  'm/d/yy h:mm': 'yyyy/m/d h:mm',
  // the same short date as LibreOffice in an en-US locale saves it (month first, written out):
  // month-first dates are not how these forms are read, and their text would not parse as a date
  'm/d/yyyy': 'yyyy/m/d',
  'mm/dd/yyyy': 'yyyy/m/d',
  'mm/dd/yy': 'yyyy/m/d',
  'm/d/yyyy h:mm': 'yyyy/m/d h:mm',
};

/** The yyyy/m/d format shown for a month-first short date format, any case (formats recur: memoised). */
const LOCALE_MEMO = new Map<string, string | undefined>();
function localeDate(fmt: string): string | undefined {
  if (!LOCALE_MEMO.has(fmt)) {
    if (LOCALE_MEMO.size > 10_000) LOCALE_MEMO.clear();
    LOCALE_MEMO.set(fmt, LOCALE_DATE_FORMATS[fmt.toLowerCase()]);
  }
  return LOCALE_MEMO.get(fmt);
}

function encryptedError(detail: string): IngestError {
  return new IngestError(
    'encrypted',
    `The workbook is encrypted or password-protected (${detail}).`,
  );
}

/**
 * "encrypt" in UTF-16LE, any case, U+0000 allowed between the letters: both stream names hold it,
 * and the directory entries of an OLE2 file store their names as UTF-16LE in the file's bytes.
 * CFB.find compares names upper-cased with U+0000 dropped, and no other character upper-cases to
 * one of these letters, so a file without this cannot have either stream.
 */
const ENCRYPT_UTF16 =
  /e\0(?:\0\0)*n\0(?:\0\0)*c\0(?:\0\0)*r\0(?:\0\0)*y\0(?:\0\0)*p\0(?:\0\0)*t\0/i;

/** An OLE2 container holding an encrypted OOXML package (EncryptionInfo / EncryptedPackage). */
function isEncryptedOle(buf: Buffer): boolean {
  if (!buf.subarray(0, 8).equals(OLE2_MAGIC)) return false;
  if (!ENCRYPT_UTF16.test(buf.toString('latin1'))) return false; // spares parsing the file twice
  try {
    const cfb = XLSX.CFB.read(buf, { type: 'buffer' }) as unknown;
    const find = XLSX.CFB.find as (c: unknown, path: string) => unknown;
    return find(cfb, '/EncryptionInfo') != null || find(cfb, '/EncryptedPackage') != null;
  } catch {
    return false; // a damaged container is reported by the workbook reader below
  }
}

function readWorkbook(buf: Buffer): XLSX.WorkBook {
  const zip = buf[0] === 0x50 && buf[1] === 0x4b; // PK
  const ole = buf.subarray(0, 8).equals(OLE2_MAGIC);
  // SheetJS would read any bytes as CSV or HTML; only the Excel containers come here (and
  // SpreadsheetML 2003, which detection has told from other XML)
  if (!zip && !ole && detectFormat(buf, 'workbook.xls').format !== 'xls') {
    throw new IngestError(
      'corrupt_container',
      'The file is neither an .xlsx package nor an .xls file.',
    );
  }
  if (isEncryptedOle(buf)) throw encryptedError('an encrypted OOXML package');
  try {
    // A package's parts inflated by node:zlib, stored for SheetJS (its own inflate is slow).
    if (!zip && !ole) {
      const xml = indexCoveredCells(spreadsheetMlText(buf));
      return withoutConsole(() => XLSX.read(xml, { ...READ_OPTIONS, type: 'string' }));
    }
    return withoutConsole(() => XLSX.read((zip && storedPackage(buf)) || buf, READ_OPTIONS));
  } catch (err) {
    if (err instanceof IngestError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (/password|encrypt/i.test(message)) throw encryptedError(message);
    throw new IngestError(
      'corrupt_container',
      `The workbook is damaged or cut short and cannot be read (${message}).`,
    );
  }
}

/**
 * Runs SheetJS with its console chatter silenced (`Missing Info for XLS Record 0xffff` for a
 * record type it does not know, which it skips): the batch's output is the manifest, and --quiet
 * means quiet. The read is synchronous, so nothing else writes to the console meanwhile.
 */
function withoutConsole<T>(read: () => T): T {
  const { error, warn, log } = console;
  console.error = console.warn = console.log = (): void => undefined;
  try {
    return read();
  } finally {
    Object.assign(console, { error, warn, log });
  }
}

/** The text a person sees in the cell: Excel's formatted text, line breaks as \n. */
function cellText(cell: XLSX.CellObject, date1904: boolean): string {
  if (cell.t === 'z' || cell.v === undefined || cell.v === null) return cell.w ?? '';
  let text: string | undefined;
  const fmt = typeof cell.z === 'string' ? cell.z : undefined;
  const localeFmt = fmt !== undefined ? localeDate(fmt) : undefined;
  if (cell.t === 'n' && localeFmt !== undefined) text = format(localeFmt, cell.v, date1904);
  // `!` quotes the next character as `\` does (0!.0000 shows 60000000 as 6000.0000, the trick
  // that shows yuan as 万元); SheetJS prints the `!` instead. LibreOffice saves it as `\!` and
  // still shows 6000.0000
  else if (cell.t === 'n' && fmt?.includes('!'))
    text = format(fmt.replace(/\\?!(.)/gu, '\\$1'), cell.v, date1904);
  text ??= cell.w ?? format(fmt ?? 'General', cell.v, date1904) ?? String(cell.v);
  // an accounting format shows zero as a dash, which elsewhere means "no value": the cell holds
  // 0, shown as the format shows a positive number (0.00)
  if (cell.v === 0 && /^[\s_]*[-—–][\s_]*$/u.test(text)) {
    const shown = fmt === undefined ? undefined : format(fmt.split(';')[0]!, 0, date1904)?.trim();
    return shown && /\d/u.test(shown) ? shown : '0';
  }
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * The text a formula cell was written as when its formula is no formula but text after an equals
 * sign: an HTML form imported into a spreadsheet takes such targets for formulas. Text that is no
 * expression (=20个, =0起, =100％) shows #NAME? or #N/A; a percentage (=100%) shows its value in
 * the format the program chose (100.00%). A formula that calls a function or points at a cell is a
 * real one, and a plain number (=10) is read as its value: null. The old binary format keeps text
 * as a quoted string.
 */
export function textAfterEquals(cell: XLSX.CellObject): string | null {
  if (typeof cell.f !== 'string') return null;
  const f = cell.f.trim();
  if (cell.t === 'n') return /^[+-]?\d+(?:\.\d+)?%$/u.test(f) ? `=${f}` : null;
  if (cell.t !== 'e' || f === '' || f.startsWith('#')) return null;
  const quoted = /^"((?:[^"]|"")*)"$/u.exec(f);
  if (quoted) return `=${quoted[1]!.replace(/""/gu, '"')}`;
  if (/[A-Za-z_][\w.]*\s*\(|\$?\b[A-Za-z]{1,3}\$?\d+(?![\w.])|!|:/u.test(f)) return null;
  return `=${f}`;
}

/**
 * The day a number cell holds when its format shows a date (yyyy"年"m"月" too), counted from 1904
 * when the workbook says so; null for any other cell (a time of day alone is no date).
 */
function dayOf(cell: XLSX.CellObject, date1904: boolean): string | null {
  const fmt = typeof cell.z === 'string' ? cell.z : undefined;
  if (fmt === undefined || typeof cell.v !== 'number' || cell.v < 1) return null;
  if (!(XLSX.SSF.is_date(fmt) as boolean)) return null;
  const d = XLSX.SSF.parse_date_code(cell.v, { date1904 }) as {
    y: number;
    m: number;
    d: number;
  } | null;
  if (!d || d.y < 1900 || d.y > 2200) return null;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.y}-${pad(d.m)}-${pad(d.d)}`;
}

/** A value in a format; dates counted from 1904 when the workbook says so (Mac Excel's system). */
function format(fmt: string, value: unknown, date1904: boolean): string | undefined {
  try {
    return XLSX.SSF.format(fmt, value as number, { date1904 });
  } catch {
    return undefined;
  }
}

/** Key multiplier for (row, column) pairs: more columns than any worksheet can have (16 384). */
const MAX_COLS_KEY = 1 << 15;

interface Span {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** Where a cell of the sheet's grid comes from; `column` holds the letters of column `c`. */
function cellOrigin(sheet: string, r: number, c: number, column: string | undefined): Origin {
  // encode_cell, with the column letters worked out once per sheet column
  const cell = column !== undefined ? column + (r + 1) : XLSX.utils.encode_cell({ r, c });
  return origin({ table: 1, row: r + 1, col: c + 1, sheet, cell });
}

/** One worksheet as a table whose grid starts at the top-left of the used range (`!ref`). */
function sheetTable(
  ws: XLSX.WorkSheet,
  sheet: string,
  budget: { cells: number },
  date1904: boolean,
): {
  cells: Cell[];
  rowCount: number;
  colCount: number;
  truncated: boolean;
  errors: { cell: string; text: string }[];
  /** Cells with text in hidden rows or columns, which were not read. */
  hidden: number;
  /** Formula cells with no stored result: nothing to read. */
  unevaluated: { cell: string; formula: string }[];
  /** Error cells whose formula is text after an equals sign, read as that text. */
  asText: { cell: string; text: string; written: string }[];
} | null {
  const ref = ws['!ref'];
  if (typeof ref !== 'string') return null;
  const start = XLSX.utils.decode_range(ref).s;
  const data = (ws['!data'] ?? []) as (XLSX.CellObject | undefined)[][];

  // Texts of the cells that exist, by grid position (only cells, never the whole used range).
  const texts = new Map<number, string[]>();
  const raws = new Map<number, number | boolean>();
  const days = new Map<number, string>();
  const errors: { cell: string; text: string }[] = [];
  const unevaluated: { cell: string; formula: string }[] = [];
  const asText: { cell: string; text: string; written: string }[] = [];
  // hidden rows and columns (stale rows, helper columns) are not part of what a person sees
  const hiddenRows = ws['!rows']?.map((p) => p?.hidden === true) ?? [];
  const hiddenCols = ws['!cols']?.map((p) => p?.hidden === true) ?? [];
  let hidden = 0;
  let rowCount = 0;
  let colCount = 0;
  for (let r = Math.max(start.r, 0); r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    const y = r - start.r;
    let line: string[] | undefined;
    for (let c = Math.max(start.c, 0); c < row.length; c++) {
      const cell = row[c];
      if (!cell) continue;
      const text = cellText(cell, date1904);
      if (text.trim() === '') {
        if (cell.f && (cell.t === 'z' || cell.v === undefined) && !hiddenRows[r] && !hiddenCols[c])
          unevaluated.push({ cell: XLSX.utils.encode_cell({ r, c }), formula: cell.f });
        continue;
      }
      if (hiddenRows[r] || hiddenCols[c]) {
        hidden++;
        continue;
      }
      let shown = text;
      const written = cell.f === undefined ? null : textAfterEquals(cell);
      if (written !== null) {
        shown = written;
        asText.push({ cell: XLSX.utils.encode_cell({ r, c }), text, written });
      } else if (cell.t === 'e') errors.push({ cell: XLSX.utils.encode_cell({ r, c }), text });
      const x = c - start.c;
      if (!line) {
        line = texts.get(y);
        if (!line) texts.set(y, (line = []));
      }
      line[x] = shown;
      if ((cell.t === 'n' || cell.t === 'b') && typeof cell.v !== 'object') {
        raws.set(y * MAX_COLS_KEY + x, cell.v as number | boolean);
        const day = cell.t === 'n' ? dayOf(cell, date1904) : null;
        if (day !== null) days.set(y * MAX_COLS_KEY + x, day);
      }
      if (y + 1 > rowCount) rowCount = y + 1;
      if (x + 1 > colCount) colCount = x + 1;
    }
  }
  if (rowCount === 0) {
    return {
      cells: [],
      rowCount: 0,
      colCount: 0,
      truncated: false,
      errors,
      hidden,
      unevaluated,
      asText,
    };
  }

  // Trailing rows and columns with no text are dropped; a huge grid is cut to the budget.
  let truncated = false;
  if (rowCount * colCount > budget.cells) {
    rowCount = Math.floor(budget.cells / colCount);
    truncated = true;
  }
  budget.cells -= rowCount * colCount;

  // Merged ranges in grid coordinates, clipped to the kept grid; cells they cover are skipped.
  const spanAt = new Map<number, Span>();
  const covered: Span[][] = Array.from({ length: rowCount }, () => []);
  for (const m of ws['!merges'] ?? []) {
    const span: Span = {
      r0: Math.max(m.s.r - start.r, 0),
      c0: Math.max(m.s.c - start.c, 0),
      r1: Math.min(m.e.r - start.r, rowCount - 1),
      c1: Math.min(m.e.c - start.c, colCount - 1),
    };
    if (span.r0 > span.r1 || span.c0 > span.c1) continue;
    spanAt.set(span.r0 * colCount + span.c0, span);
    for (let y = span.r0; y <= span.r1; y++) covered[y]!.push(span);
  }

  // Column letters of the grid's columns (encode_cell's, for the columns a sheet can have).
  const columns: (string | undefined)[] = [];
  for (let x = 0; x < colCount; x++) {
    const c = x + start.c;
    columns.push(c >= 0 && c < MAX_COLS_KEY ? XLSX.utils.encode_col(c) : undefined);
  }

  const cells: Cell[] = [];
  for (let y = 0; y < rowCount; y++) {
    const line = texts.get(y);
    const spans = covered[y]!;
    const r = y + start.r;
    for (let x = 0; x < colCount; x++) {
      const span = spanAt.size > 0 ? spanAt.get(y * colCount + x) : undefined;
      if (!span && spans.length > 0 && isCovered(spans, x)) continue;
      const c = x + start.c;
      const raw = raws.size > 0 ? raws.get(y * MAX_COLS_KEY + x) : undefined;
      const day = days.size > 0 ? days.get(y * MAX_COLS_KEY + x) : undefined;
      const rowSpan = span ? span.r1 - span.r0 + 1 : 1;
      const colSpan = span ? span.c1 - span.c0 + 1 : 1;
      const text = line?.[x] ?? '';
      const from = cellOrigin(sheet, r, c, columns[x]);
      cells.push(
        raw === undefined
          ? { row: y, col: x, rowSpan, colSpan, text, origin: from }
          : day === undefined
            ? { row: y, col: x, rowSpan, colSpan, text, raw, origin: from }
            : { row: y, col: x, rowSpan, colSpan, text, raw, day, origin: from },
      );
    }
  }
  return { cells, rowCount, colCount, truncated, errors, hidden, unevaluated, asText };
}

function isCovered(spans: Span[], x: number): boolean {
  for (const s of spans) if (x >= s.c0 && x <= s.c1) return true;
  return false;
}

/** Turns an .xlsx or .xls workbook into a SourceDocument with one part per worksheet. */
export function ingestXlsx(buf: Buffer): { doc: SourceDocument } {
  const wb = readWorkbook(buf);
  const parts: DocumentPart[] = [];
  const notes: IngestNote[] = [];
  const budget = { cells: MAX_CELLS };
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name];
    if (!ws || (ws['!type'] !== undefined && ws['!type'] !== 'sheet')) return; // chart, macro sheets
    const hidden = (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0;
    const table = sheetTable(ws, name, budget, date1904);
    // SheetJS stops at MAX_ROWS: a sheet is cut when rows were read up to the limit, or when it
    // declares more rows than were read (!fullref), unless it declares the whole grid: writers
    // declare A1:XFD1048576 (or all 65536 rows of an .xls) for a sheet of 20 rows
    const declared =
      typeof ws['!fullref'] === 'string' ? XLSX.utils.decode_range(ws['!fullref']).e.r + 1 : 0;
    const cut =
      (ws['!data']?.length ?? 0) >= MAX_ROWS ||
      (declared > MAX_ROWS && !WHOLE_GRID_ROWS.has(declared));
    if (cut || table?.truncated) {
      notes.push({
        code: 'truncated_document',
        severity: 'warning',
        message: `Sheet "${name}" is too large to read whole (more than ${MAX_ROWS} rows or ${MAX_CELLS} cells); only its first rows were read.`,
        origin: origin({ sheet: name }),
      });
    }
    for (const e of table?.asText ?? []) {
      notes.push({
        code: 'formula_as_text',
        severity: 'info',
        message: `Cell ${e.cell} of sheet "${name}" shows ${e.text}: its formula is text written after an equals sign (a program took the cell for a formula), read as ${e.written}.`,
        origin: origin({ sheet: name, cell: e.cell }),
      });
    }
    for (const e of table?.errors ?? []) {
      notes.push({
        code: 'cell_error',
        severity: 'warning',
        message: `Cell ${e.cell} of sheet "${name}" shows the spreadsheet error ${e.text}: its formula has no value.`,
        origin: origin({ sheet: name, cell: e.cell }),
      });
    }
    if (table && table.hidden > 0) {
      notes.push({
        code: 'hidden_content_skipped',
        severity: 'info',
        message: `${table.hidden} cell(s) with text in hidden rows or columns of sheet "${name}" were not read.`,
        origin: origin({ sheet: name }),
      });
    }
    // one note per cell, so that each form of the sheet gets its own; past a few, one for the sheet
    const unevaluated = table?.unevaluated ?? [];
    const why = '(the program that wrote the file did not calculate it), so its value is missing';
    if (unevaluated.length <= FORMULA_NOTES_PER_SHEET) {
      for (const u of unevaluated) {
        notes.push({
          code: 'formula_not_evaluated',
          severity: 'warning',
          message: `Formula cell ${u.cell} (=${u.formula}) of sheet "${name}" has no stored result ${why}.`,
          origin: origin({ sheet: name, cell: u.cell }),
        });
      }
    } else {
      const cells = unevaluated.map((u) => `${u.cell} (=${u.formula})`);
      notes.push({
        code: 'formula_not_evaluated',
        severity: 'warning',
        message: `${cells.length} formula cells of sheet "${name}" have no stored result (the program that wrote the file did not calculate them), so their values are missing: ${cells.slice(0, 10).join(', ')}, ….`,
        origin: origin({ sheet: name }),
      });
    }
    if (!table || table.cells.length === 0) return; // a sheet with no text holds no form
    const { cells, rowCount, colCount } = table;
    const block = { kind: 'table' as const, rowCount, colCount, cells };
    parts.push({
      sheet: name,
      hidden,
      blocks: [{ ...block, origin: origin({ table: 1, sheet: name }) }],
    });
  });
  return { doc: { parts, notes } };
}

// One file in, its records and status out: detect the format from content, ingest into the
// document model, find the forms, extract and validate each record against the schema.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { foldCellTables } from './extract/cell-tables.js';
import { extractForm } from './extract/record.js';
import { partLines } from './extract/lines.js';
import { segmentForms, type FormSlice } from './extract/segment.js';
import type { Line } from './extract/lines.js';
import { detectFormat, type Detected, type DetectedFormat } from './ingest/detect.js';
import { ingestDocx } from './ingest/docx.js';
import { IngestError } from './ingest/errors.js';
import { FILE_ERROR_CODES, type FileErrorCode } from './dict/diagnostics.js';
import { ingestHtml } from './ingest/html.js';
import { ingestPdf } from './ingest/pdf.js';
import { archiveEntries, ZIP_LIMITS, type ArchiveEntry } from './ingest/zip.js';
import { ingestXlsx } from './ingest/xlsx.js';
import type { IngestNote, Origin, SourceDocument } from './model/document.js';
import {
  formRecordSchema,
  type Diagnostic,
  type FormRecord,
  type SourceFormat,
} from './normalize/schema.js';
import { failure, type FileError, type FileResult, type FileStatus } from './model/result.js';

export type { FileError, FileResult, FileStatus };

type Ingester = (buf: Buffer) => { doc: SourceDocument } | Promise<{ doc: SourceDocument }>;

/** The largest file read: a form is a few hundred KB; beyond this a page is noise or a dump. */
export const MAX_BYTES = 32 * 2 ** 20;
/** PDFs are larger (fonts, images, a whole budget document with dozens of forms). */
export const MAX_PDF_BYTES = 256 * 2 ** 20;

/** Formats with an ingester in this version; the others are detected and skipped with a code. */
const INGESTERS: Partial<Record<SourceFormat, Ingester>> = {
  html: ingestHtml,
  docx: ingestDocx,
  xlsx: ingestXlsx,
  xls: ingestXlsx,
  pdf: ingestPdf,
};

const UNSUPPORTED: Partial<Record<DetectedFormat, string>> = {
  doc: 'Legacy Word files (.doc, Word 2003 XML) are not read; save them as .docx.',
  odf: 'OpenDocument files (.odt, .ods) are not read; save them as .docx or .xlsx.',
  ofd: 'OFD documents are not read; export them as PDF.',
  zip: 'A zip archive inside a document is not read; archives given as input are opened.',
  text: 'Plain-text files are not a supported form format.',
};

function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** A form's lines with the title's (its lead line, its title line) before them. */
function titleAndLines(slice: FormSlice): Line[] {
  const title = slice.titleLine ? [slice.titleLine] : [];
  return [...(slice.titleLead ? [slice.titleLead] : []), ...title, ...slice.lines];
}

/** Every page a form's lines were read from, ascending; null when the source has no pages. */
function pagesOf(slice: FormSlice): number[] | null {
  const pages = new Set<number>();
  for (const line of titleAndLines(slice)) {
    if (line.origin.page !== null) pages.add(line.origin.page);
    for (const cell of line.cells) if (cell.origin.page !== null) pages.add(cell.origin.page);
  }
  return pages.size > 0 ? [...pages].sort((a, b) => a - b) : null;
}

/** The worksheet rows (1-based, from A1 addresses) a form's lines come from: first and last. */
function sheetRowsOf(slice: FormSlice): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  const lines = titleAndLines(slice);
  for (const line of lines)
    for (const cell of line.cells) {
      const row = rowOfAddress(cell.origin.cell);
      if (row !== null) {
        lo = Math.min(lo, row);
        hi = Math.max(hi, row);
      }
    }
  return lo <= hi ? [lo, hi] : null;
}

const rowOfAddress = (cell: string | null): number | null => {
  const m = cell === null ? null : /^[A-Z]+(\d+)$/u.exec(cell);
  return m ? Number(m[1]) : null;
};

/** A table cell's position (table, row, column), for matching a note to the form holding it. */
const positionOf = (o: Origin | null): string => `${o?.table}:${o?.row}:${o?.col}`;

/** The positions of the table cells a form's lines come from. */
function cellsOf(slice: FormSlice): Set<string> {
  const cells = new Set<string>();
  for (const line of slice.lines) for (const cell of line.cells) cells.add(positionOf(cell.origin));
  return cells;
}

/** A reader's note as a record diagnostic, at the place it names. */
const asDiagnostic = (n: IngestNote): Diagnostic => ({
  code: n.code,
  severity: n.severity,
  message: n.message,
  path: null,
  provenance: n.origin,
});

/** Turns a document into records; each record is parsed by the schema before it leaves. */
export function recordsOf(
  doc: SourceDocument,
  file: string,
  hash: string,
  format: SourceFormat,
): FormRecord[] {
  const notes: Diagnostic[] = doc.notes.map(asDiagnostic);
  const bodies = [];
  for (const source of doc.parts) {
    const { part, notes: folded } = foldCellTables(source);
    const { forms, skipped } = segmentForms(partLines(part));
    // a note about one worksheet belongs to that sheet's forms only
    const partNotes = notes.filter(
      (n) => n.provenance?.sheet == null || n.provenance.sheet === part.sheet,
    );
    const cellNotes = folded.map(asDiagnostic);
    // a note about one cell of a sheet belongs to the form whose rows hold it (when one does)
    const rows = forms.map(sheetRowsOf);
    const holds = (n: Diagnostic, k: number): boolean => {
      const row = rowOfAddress(n.provenance?.cell ?? null);
      if (row === null || !rows.some((r) => r !== null && r[0] <= row && row <= r[1])) return true;
      const own = rows[k];
      return own !== null && own !== undefined && own[0] <= row && row <= own[1];
    };
    for (const [k, slice] of forms.entries()) {
      const body = extractForm(slice, part.sheet);
      const pages = pagesOf(slice);
      // a note about one PDF page belongs to the forms on that page only
      const extra: Diagnostic[] = partNotes.filter(
        (n) =>
          (n.provenance?.page == null || pages === null || pages.includes(n.provenance.page)) &&
          holds(n, k),
      );
      // a note about a table read into a cell belongs to the form holding that cell
      const cells = cellsOf(slice);
      extra.push(...cellNotes.filter((n) => cells.has(positionOf(n.provenance))));
      if (part.hidden) {
        extra.push({
          code: 'hidden_sheet',
          severity: 'info',
          message: `The form is on the hidden worksheet "${part.sheet}".`,
          path: 'source.sheet',
          provenance: null,
        });
      }
      if (k === 0 && skipped.length > 0) {
        extra.push({
          code: 'text_outside_form',
          severity: 'info',
          message: `${skipped.length} line(s) outside the forms (before, between or after them) were not read.`,
          path: null,
          provenance: skipped[0]!.origin,
        });
      }
      body.diagnostics = [...extra, ...body.diagnostics];
      bodies.push({ body, sheet: part.sheet, pages });
    }
  }
  return bodies.map(({ body, sheet, pages }, form_index) => {
    const { schema_version, ...rest } = body;
    return formRecordSchema.parse({
      schema_version,
      source: {
        file,
        format,
        sha256: hash,
        form_index,
        form_count: bodies.length,
        pages: format === 'pdf' ? pages : null,
        sheet,
      },
      ...rest,
    });
  });
}

/** A file being extracted: its manifest entry so far and how to finish it. */
interface Job {
  result: FileResult;
  finish: (status: FileStatus, error: FileError | null) => FileResult;
  /** The ingester to run, or null when the outcome is already known (result finished). */
  ingest: Ingester | null;
  format: SourceFormat;
  buf: Buffer;
  /** The document format the file name claims (docx, xls …), or undefined. */
  claimed: string | undefined;
}

/**
 * Everything before ingest: hash, format detection and the checks that need no parsing. `known`
 * is the detection already made by the caller (extractAll), which then counts in the duration.
 */
function begin(buf: Buffer, file: string, known?: { detected: Detected; started: number }): Job {
  const started = known?.started ?? performance.now();
  const detected = known?.detected ?? detectFormat(buf, file);
  const result: FileResult = {
    file,
    sha256: sha256(buf),
    format: detected.format,
    status: 'ok',
    forms: 0,
    error: null,
    duration_ms: 0,
    records: [],
  };
  const finish = (status: FileStatus, error: FileError | null): FileResult => {
    result.status = status;
    result.error = error;
    result.forms = result.records.length;
    result.duration_ms = Math.round((performance.now() - started) * 10) / 10;
    return result;
  };
  const claimed = /\.(docx?|xlsx?|pdf)$/iu.exec(file)?.[1]?.toLowerCase();
  const format = detected.format as SourceFormat;
  const job: Job = { result, finish, ingest: null, format, buf, claimed };
  const limit = detected.format === 'pdf' ? MAX_PDF_BYTES : MAX_BYTES;
  if (detected.encrypted) {
    finish('failed', {
      code: 'encrypted',
      message: 'The file is encrypted or password-protected.',
    });
  } else if (detected.damaged) {
    finish('failed', {
      code: 'corrupt_container',
      message:
        'The file is an Office or zip container that is damaged or cut short: what it holds cannot be read.',
    });
  } else if (detected.format === 'empty') {
    finish('empty', { code: 'empty_file', message: 'The file is empty.' });
  } else if (detected.format === 'unknown') {
    finish('failed', {
      code: 'unrecognized_format',
      message: 'The content is not HTML, Word, Excel or PDF.',
    });
  } else if (detected.format === 'text' && claimed) {
    finish('failed', {
      code: 'extension_mismatch',
      message: `The file is named .${claimed} but holds plain text, not a ${claimed.toUpperCase()} document.`,
    });
  } else if (buf.length > limit) {
    finish('failed', {
      code: 'file_too_large',
      message: `The file has ${Math.round(buf.length / 2 ** 20)} MiB; forms are read from files up to ${limit / 2 ** 20} MiB.`,
    });
  } else if (!INGESTERS[job.format]) {
    finish('skipped', {
      code: 'format_not_supported',
      message: UNSUPPORTED[detected.format] ?? `Format ${detected.format} is not read.`,
    });
  } else job.ingest = INGESTERS[job.format]!;
  return job;
}

/**
 * Reads a file from disk, unless it is larger than any form can be (see MAX_BYTES, MAX_PDF_BYTES):
 * such a file is refused from its size and first bytes alone (no sha256: hashing gigabytes would
 * take longer than converting a batch), so that it costs neither memory nor time. Errors of the
 * file system are `read_error`.
 *
 * The file is read synchronously, with one descriptor (open, fstat, read, close), on the calling
 * thread: converting its bytes blocks that thread far longer than reading them, and on a worker
 * thread each asynchronous step would be a round trip through libuv's thread pool.
 */
export function readInputFile(abs: string | Buffer, file: string): Buffer | FileResult {
  let fd: number;
  try {
    // without blocking: opening a fifo for reading waits for a writer
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return failure(file, 'read_error', err instanceof Error ? err.message : String(err));
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return failure(file, 'read_error', 'A folder, not a file.');
    if (!stats.isFile()) {
      const message = 'Not a regular file (a fifo, socket or device); not read.';
      return failure(file, 'not_a_file', message, 'skipped');
    }
    const size = stats.size;
    let limit = MAX_BYTES;
    let format: DetectedFormat = 'unknown';
    if (size > MAX_BYTES) {
      const head = Buffer.alloc(4096);
      readSync(fd, head, 0, head.length, 0);
      // what the file is, as far as its first bytes tell (a zip's names, a PDF's header)
      format = detectFormat(head, file).format;
      if (format === 'pdf') limit = MAX_PDF_BYTES;
    }
    const buf = size <= limit ? readAll(fd, size, limit) : null;
    if (buf) return buf;
    // larger than its format's limit, also when it grew while it was read
    return failure(
      file,
      'file_too_large',
      `The file has ${Math.round(Math.max(size, limit + 1) / 2 ** 20)} MiB; forms are read from files up to ${limit / 2 ** 20} MiB.`,
      'failed',
      format === 'empty' ? 'unknown' : format,
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return failure(file, 'read_error', message);
  } finally {
    closeSync(fd);
  }
}

/**
 * The whole content of an open file whose size fstat gave: one read into a buffer a byte larger,
 * so that the read that finds the end needs no buffer of its own; a file that grows meanwhile is
 * read to its end, or null once it has more than `limit` bytes.
 */
function readAll(fd: number, size: number, limit: number): Buffer | null {
  let buf = Buffer.allocUnsafe(size + 1);
  let got = 0;
  for (;;) {
    if (got > limit) return null;
    if (got === buf.length) {
      const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, limit + 1));
      buf.copy(bigger, 0, 0, got);
      buf = bigger;
    }
    const n = readSync(fd, buf, got, buf.length - got, null);
    if (n === 0) return buf.subarray(0, got);
    got += n;
  }
}

/** What each format is, for messages. */
const FORMAT_NAMES: Record<SourceFormat, string> = {
  html: 'an HTML page',
  docx: 'a Word (.docx) document',
  xlsx: 'an Excel (.xlsx) workbook',
  xls: 'an Excel 97-2003 (.xls) workbook',
  pdf: 'a PDF document',
};

/** Everything after ingest: records from the document, or the ingest error as the outcome. */
function complete(job: Job, outcome: { doc: SourceDocument } | { error: unknown }): FileResult {
  const { result, finish } = job;
  if ('error' in outcome) {
    const err = outcome.error;
    if (err instanceof IngestError) {
      const status = FILE_ERROR_CODES[err.code as keyof typeof FILE_ERROR_CODES]?.status;
      return finish(status ?? 'failed', { code: err.code, message: err.message });
    }
    const message = err instanceof Error ? err.message : String(err);
    return finish('failed', { code: 'internal_error', message: `Extraction failed: ${message}` });
  }
  const { doc } = outcome;
  // a file whose name says another format than its content (an HTML page saved as .xls by
  // Excel's "web page" export, or renamed): read as what it holds, and said
  const { claimed } = job;
  if (claimed && claimed !== job.format) {
    doc.notes.push({
      code: 'extension_differs',
      severity: 'info',
      message: `The file is named .${claimed} but holds ${FORMAT_NAMES[job.format]}; it was read as such.`,
      origin: null,
    });
  }
  try {
    result.records = recordsOf(doc, result.file, result.sha256, job.format);
  } catch (err) {
    return complete(job, { error: err });
  }
  if (result.records.length === 0) {
    // With no record to carry them, the reader's warnings (a sheet cut short …) go here; a page
    // that could not be read as text (a scan, a font without Unicode) explains the empty result.
    const warnings = doc.notes.filter((n) => n.severity !== 'info').map((n) => n.message);
    // (a reader's warning that is also a file code: unread pages, a font without Unicode …)
    const cause = doc.notes.find((n) => n.severity !== 'info' && n.code in FILE_ERROR_CODES);
    if (cause) {
      const code = cause.code as FileErrorCode;
      return finish(FILE_ERROR_CODES[code].status, {
        code,
        message: [
          'No performance-target form was found in the readable text.',
          ...warnings.slice(0, 5),
        ].join(' '),
      });
    }
    return finish('empty', {
      code: 'no_form_found',
      message: ['No performance-target form was found in the file.', ...warnings.slice(0, 5)].join(
        ' ',
      ),
    });
  }
  return finish('ok', null);
}

/** Extracts every form of one file held in memory. `file` is the name recorded in `source.file`. */
export async function extractBuffer(buf: Buffer, file: string): Promise<FileResult> {
  return extractJob(begin(buf, file));
}

async function extractJob(job: Job): Promise<FileResult> {
  if (!job.ingest) return job.result;
  try {
    return complete(job, await job.ingest(job.buf));
  } catch (error) {
    return complete(job, { error });
  }
}

/**
 * The same for the formats read synchronously (HTML, Word, Excel); a PDF, which pdf.js reads
 * asynchronously, throws here: use extractBuffer.
 */
export function extractBufferSync(buf: Buffer, file: string): FileResult {
  const job = begin(buf, file);
  if (!job.ingest) return job.result;
  let outcome: { doc: SourceDocument } | Promise<{ doc: SourceDocument }>;
  try {
    outcome = job.ingest(buf);
  } catch (error) {
    return complete(job, { error });
  }
  if (outcome instanceof Promise) {
    outcome.catch(() => undefined);
    throw new Error(`${file}: ${job.format} files are read asynchronously; use extractBuffer.`);
  }
  return complete(job, outcome);
}

/**
 * Every form of one input: a file, or a zip archive whose entries (and archives inside it, up to
 * ZIP_LIMITS.depth) are extracted one by one, each its own result named `a.zip/inner/path`.
 */
export async function extractAll(buf: Buffer, file: string, depth = 0): Promise<FileResult[]> {
  const started = performance.now();
  const detected = detectFormat(buf, file);
  if (detected.format !== 'zip') return [await extractJob(begin(buf, file, { detected, started }))];
  if (depth >= ZIP_LIMITS.depth) {
    return [
      failure(
        file,
        'nested_too_deep',
        `Archives nested more than ${ZIP_LIMITS.depth} deep are not opened.`,
        'failed',
        'zip',
      ),
    ];
  }
  return extractEntries(archiveEntries(buf, file), file, depth);
}

async function extractEntries(
  entries: Iterable<ArchiveEntry>,
  file: string,
  depth: number,
): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const entry of entries) {
    if ('error' in entry) results.push(failure(entry.rel, entry.error.code, entry.error.message));
    else results.push(...(await extractAll(entry.buf, entry.rel, depth + 1)));
  }
  if (results.length === 0) {
    results.push(failure(file, 'empty_archive', 'The zip archive holds no file.', 'empty', 'zip'));
  }
  return results;
}

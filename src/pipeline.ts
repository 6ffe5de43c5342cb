// One file in, its records and status out: detect the format from content, ingest into the
// document model, find the forms, extract and validate each record against the schema.
import { createHash } from 'node:crypto';
import { extractForm } from './extract/record.js';
import { partLines } from './extract/lines.js';
import { segmentForms } from './extract/segment.js';
import { detectFormat, type DetectedFormat } from './ingest/detect.js';
import { ingestDocx } from './ingest/docx.js';
import { IngestError } from './ingest/errors.js';
import { ingestHtml } from './ingest/html.js';
import { ingestXlsx } from './ingest/xlsx.js';
import type { SourceDocument } from './model/document.js';
import {
  formRecordSchema,
  type Diagnostic,
  type FormRecord,
  type SourceFormat,
} from './normalize/schema.js';

export type FileStatus = 'ok' | 'failed' | 'skipped' | 'empty';

export interface FileError {
  code: string;
  message: string;
}

/** The outcome for one input file: its manifest entry and its records. */
export interface FileResult {
  file: string;
  sha256: string;
  format: DetectedFormat;
  status: FileStatus;
  forms: number;
  error: FileError | null;
  duration_ms: number;
  records: FormRecord[];
}

type Ingester = (buf: Buffer) => { doc: SourceDocument };

/** The largest file read: a form is a few hundred KB; beyond this a page is noise or a dump. */
export const MAX_BYTES = 32 * 2 ** 20;

/** Formats with an ingester in this version; the others are detected and skipped with a code. */
const INGESTERS: Partial<Record<SourceFormat, Ingester>> = {
  html: ingestHtml,
  docx: ingestDocx,
  xlsx: ingestXlsx,
  xls: ingestXlsx,
};

const UNSUPPORTED: Partial<Record<DetectedFormat, string>> = {
  pdf: 'PDF forms are not read by this version.',
  doc: 'Legacy Word (.doc) files are not read; save them as .docx.',
  zip: 'Zip archives are not read by this version.',
  text: 'Plain-text files are not a supported form format.',
};

function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** Turns a document into records; each record is parsed by the schema before it leaves. */
export function recordsOf(
  doc: SourceDocument,
  file: string,
  hash: string,
  format: SourceFormat,
): FormRecord[] {
  const notes: Diagnostic[] = doc.notes.map((n) => ({
    code: n.code,
    severity: n.severity,
    message: n.message,
    path: null,
    provenance: n.origin,
  }));
  const bodies = [];
  for (const part of doc.parts) {
    const { forms, skipped } = segmentForms(partLines(part));
    // a note about one worksheet belongs to that sheet's forms only
    const partNotes = notes.filter(
      (n) => n.provenance?.sheet == null || n.provenance.sheet === part.sheet,
    );
    for (const [k, slice] of forms.entries()) {
      const body = extractForm(slice);
      const extra: Diagnostic[] = [...partNotes];
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
      bodies.push({ body, sheet: part.sheet });
    }
  }
  return bodies.map(({ body, sheet }, form_index) => {
    const { schema_version, ...rest } = body;
    return formRecordSchema.parse({
      schema_version,
      source: {
        file,
        format,
        sha256: hash,
        form_index,
        form_count: bodies.length,
        pages: null,
        sheet,
      },
      ...rest,
    });
  });
}

/** Extracts every form of one file held in memory. `file` is the name recorded in `source.file`. */
export function extractBuffer(buf: Buffer, file: string): FileResult {
  const started = performance.now();
  const hash = sha256(buf);
  const detected = detectFormat(buf, file);
  const result: FileResult = {
    file,
    sha256: hash,
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
  if (detected.encrypted)
    return finish('failed', {
      code: 'encrypted',
      message: 'The file is encrypted or password-protected.',
    });
  if (detected.format === 'empty')
    return finish('empty', { code: 'empty_file', message: 'The file is empty.' });
  if (detected.format === 'unknown') {
    return finish('failed', {
      code: 'unrecognized_format',
      message: 'The content is not HTML, Word, Excel or PDF.',
    });
  }
  const claimed = /\.(docx?|xlsx?|pdf)$/iu.exec(file)?.[1]?.toLowerCase();
  if (detected.format === 'text' && claimed) {
    return finish('failed', {
      code: 'extension_mismatch',
      message: `The file is named .${claimed} but holds plain text, not a ${claimed.toUpperCase()} document.`,
    });
  }
  if (buf.length > MAX_BYTES) {
    return finish('failed', {
      code: 'file_too_large',
      message: `The file has ${Math.round(buf.length / 2 ** 20)} MiB; forms are read from files up to ${MAX_BYTES / 2 ** 20} MiB.`,
    });
  }
  const ingest = INGESTERS[detected.format as SourceFormat];
  if (!ingest) {
    return finish('skipped', {
      code: 'format_not_supported',
      message: UNSUPPORTED[detected.format] ?? `Format ${detected.format} is not read.`,
    });
  }
  let warnings: string[] = [];
  try {
    const { doc } = ingest(buf);
    warnings = doc.notes.filter((n) => n.severity !== 'info').map((n) => n.message);
    result.records = recordsOf(doc, file, hash, detected.format as SourceFormat);
  } catch (err) {
    if (err instanceof IngestError)
      return finish('failed', { code: err.code, message: err.message });
    const message = err instanceof Error ? err.message : String(err);
    return finish('failed', { code: 'internal_error', message: `Extraction failed: ${message}` });
  }
  if (result.records.length === 0) {
    return finish('empty', {
      code: 'no_form_found',
      // With no record to carry them, the reader's warnings (a sheet cut short …) go here.
      message: ['No performance-target form was found in the file.', ...warnings.slice(0, 5)].join(
        ' ',
      ),
    });
  }
  return finish('ok', null);
}

// Builds small documents for extractor tests: from HTML (spans) or from a plain grid of
// strings (no merges, as an Excel sheet without merged cells or a tab-separated export gives);
// and the code of the error a reader throws.
import { IngestError } from '../../src/ingest/errors.js';
import { ingestHtml } from '../../src/ingest/html.js';
import { origin, type Block, type Cell, type SourceDocument } from '../../src/model/document.js';
import {
  extractBufferSync as extractBuffer,
  recordsOf,
  type FileResult,
} from '../../src/pipeline.js';
import type { FormRecord } from '../../src/normalize/schema.js';

/** A table block from rows of cell texts; '' is an empty cell. */
export function grid(rows: string[][], table = 1): Block {
  const colCount = Math.max(...rows.map((r) => r.length));
  const cells: Cell[] = [];
  rows.forEach((r, row) =>
    r.forEach((text, col) =>
      cells.push({
        row,
        col,
        rowSpan: 1,
        colSpan: 1,
        text,
        origin: origin({ table, row: row + 1, col: col + 1 }),
      }),
    ),
  );
  return { kind: 'table', rowCount: rows.length, colCount, cells, origin: origin({ table }) };
}

export function para(text: string, n = 1): Block {
  return { kind: 'paragraph', text, origin: origin({ paragraph: n }) };
}

export function docOf(blocks: Block[]): SourceDocument {
  return { parts: [{ sheet: null, hidden: false, blocks }], notes: [] };
}

/** Runs the whole pipeline on an HTML string. */
export function fromHtml(html: string, file = 'test.html'): FileResult {
  return extractBuffer(Buffer.from(html, 'utf8'), file);
}

/** The records of an HTML string; fails the test when the file is not ok. */
export function recordsOfHtml(html: string): FormRecord[] {
  const r = fromHtml(html);
  if (r.status !== 'ok')
    throw new Error(`status ${r.status}: ${r.error?.code} ${r.error?.message}`);
  return r.records;
}

export { ingestHtml };

/** The records of a model-level document (no ingester involved). */
export function recordsOfDoc(blocks: Block[]): FormRecord[] {
  return recordsOf(docOf(blocks), 'test', '0'.repeat(64), 'xlsx');
}

/** The code of the IngestError a reader throws, or undefined when it reads without one. */
export function ingestErrorCode(read: () => unknown): string | undefined {
  try {
    read();
  } catch (err) {
    if (err instanceof IngestError) return err.code;
    throw err;
  }
  return undefined;
}

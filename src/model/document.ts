// The format-blind document model: every ingester turns bytes into a SourceDocument,
// and nothing after ingest knows which format the document came from.
import type { DiagnosticCode } from '../dict/diagnostics.js';
import type { Provenance } from '../normalize/schema.js';

/** Where a block or cell sits in its source; the extractors copy it into the record. */
export type Origin = Provenance;

export interface Paragraph {
  kind: 'paragraph';
  /** Text as the source shows it (line breaks kept as \n), not yet normalised. */
  text: string;
  origin: Origin;
}

/** One cell of a table. A merged cell appears once, at its top-left position. */
export interface Cell {
  /** 0-based row of the top-left corner in the table grid. */
  row: number;
  /** 0-based column of the top-left corner in the table grid. */
  col: number;
  rowSpan: number;
  colSpan: number;
  /** Text as the source shows it (line breaks kept as \n), not yet normalised. */
  text: string;
  /**
   * The value behind the text when the source stores a typed value (a spreadsheet number, date
   * serial or boolean shown through a number format): 0.95 shown as "95%". Absent otherwise.
   */
  raw?: number | boolean;
  /**
   * A spreadsheet date cell's day (YYYY-MM-DD), whatever part of it the number format shows
   * (2025年3月 shows a cell holding 2025-03-01). Absent otherwise.
   */
  day?: string;
  origin: Origin;
}

export interface Table {
  kind: 'table';
  /** Grid size after spans are expanded. */
  rowCount: number;
  colCount: number;
  /** Cells in reading order (by row, then column), each once. */
  cells: Cell[];
  origin: Origin;
  /**
   * For a table written inside a cell of another table (HTML, Word): that cell, by the outer
   * table's number and its 1-based row and column as in provenance. Absent otherwise.
   */
  host?: { table: number; row: number; col: number };
}

export type Block = Paragraph | Table;

/** Facts about one physical part of the document (a worksheet, a page range). */
export interface DocumentPart {
  /** Excel worksheet name; null for other formats. */
  sheet: string | null;
  /** Whether the part is hidden in its source (hidden worksheet). */
  hidden: boolean;
  blocks: Block[];
}

/** A diagnostic raised while reading the file (before any form is recognised). */
export interface IngestNote {
  code: DiagnosticCode;
  severity: 'info' | 'warning' | 'error';
  message: string;
  origin: Origin | null;
}

export interface SourceDocument {
  /** Parts are extracted independently: forms never span two parts. */
  parts: DocumentPart[];
  notes: IngestNote[];
}

/**
 * An origin with the given fields set. Every origin is built by this one literal, whatever the
 * format, so that all of them share one object layout in the engine (the code that reads them
 * sees one shape when a batch mixes formats).
 */
export function origin(fields: Partial<Origin>): Origin {
  return {
    table: fields.table ?? null,
    row: fields.row ?? null,
    col: fields.col ?? null,
    paragraph: fields.paragraph ?? null,
    page: fields.page ?? null,
    sheet: fields.sheet ?? null,
    cell: fields.cell ?? null,
    bbox: fields.bbox ?? null,
  };
}

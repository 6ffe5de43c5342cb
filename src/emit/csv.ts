// The tables as CSV files (RFC 4180: comma, double quotes, CRLF; UTF-8, optionally with a BOM so
// that Excel opens Chinese text correctly), written with csv-stringify, the csv project's writer.
import { closeSync, openSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Table, Value } from './tables.js';

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, or a leading tab or carriage
 * return) gets a leading apostrophe (OWASP's advice against CSV injection). Numbers are written as
 * numbers and never changed; the DuckDB and Parquet tables keep the text as it is.
 */
export function defuse(text: string): string {
  return /^[=+\-@\t\r]/u.test(text) ? `'${text}` : text;
}

function cell(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  return defuse(v);
}

/**
 * CRLF between records; a field holding any line break (\n, \r or \r\n) is quoted, which
 * csv-stringify does not do for a lone \n once the record delimiter is set, unless asked.
 */
const OPTIONS = { record_delimiter: 'windows', quote_record_delimiter: true } as const;

/**
 * Rows written at a time: a small batch is written and dropped before V8 moves it to the old
 * generation. On 10,000 forms, batches of 2,000 rows made the CSV step 30 % slower (8.8–9.2 s
 * against 6.6–6.9 s) and the process larger.
 */
const BATCH = 100;

/** One table's CSV file, written a batch of rows at a time. */
export class CsvWriter {
  private readonly fd: number;
  private rows: string[][] = [];
  constructor(file: string, table: Table, bom: boolean) {
    this.fd = openSync(file, 'w');
    const head = stringify([table.columns.map((c) => c.name)], OPTIONS);
    writeSync(this.fd, (bom ? '\uFEFF' : '') + head);
  }
  add(rows: readonly Value[][]): void {
    for (const r of rows) this.rows.push(r.map(cell));
    if (this.rows.length >= BATCH) this.flush();
  }
  private flush(): void {
    if (this.rows.length === 0) return;
    writeSync(this.fd, stringify(this.rows, OPTIONS));
    this.rows = [];
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

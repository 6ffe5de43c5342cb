// Tables written inside a cell of the form (HTML, Word): a small table of notes or steps in a
// value cell (备注 | 2025年基数 | 12.4%; 项目实施计划 | 阶段 | 内容 | 时间) is that cell's value, read
// into its text; a table that is part of the form (its indicator table, a block of labels) stays
// a table of its own, read where it stands.
import { TITLE_MARKERS } from '../dict/titles.js';
import type { Cell, DocumentPart, IngestNote, Table } from '../model/document.js';
import { labelKey } from '../text/normalize.js';
import { columnRole } from './columns.js';
import { matchLabel } from './label-match.js';

/** Larger tables are kept as tables: a cell's value is a few lines, not a form. */
const MAX_ROWS = 30;
const MAX_COLS = 8;

/** Cell separator and row separator of a table read as text (as for a label over its little table). */
export const CELL_SEPARATOR = ' | ';

/**
 * True when the table reads as the content of one cell: not too large, and no cell of it is a
 * label of the form, a title, or (twice) a header of the indicator table.
 */
function isCellContent(table: Table): boolean {
  if (table.rowCount > MAX_ROWS || table.colCount > MAX_COLS) return false;
  let headers = 0;
  for (const cell of table.cells) {
    if (cell.text === '') continue;
    const key = labelKey(cell.text);
    if (matchLabel(key) !== null) return false;
    if (TITLE_MARKERS.some((m) => key.includes(m))) return false;
    if (columnRole(cell.text) !== null && ++headers >= 2) return false;
  }
  return true;
}

/** The table as text: one line per row, its non-empty cells joined by CELL_SEPARATOR. */
function tableText(table: Table): string {
  const rows: string[][] = Array.from({ length: table.rowCount }, () => []);
  for (const cell of table.cells) {
    const text = cell.text.replace(/\s*\n\s*/gu, ' ').trim();
    if (text !== '') rows[cell.row]!.push(text);
  }
  return rows
    .filter((r) => r.length > 0)
    .map((r) => r.join(CELL_SEPARATOR))
    .join('\n');
}

const positionKey = (table: number | null, row: number | null, col: number | null): string =>
  `${table}:${row}:${col}`;

/**
 * Reads each table that sits in a cell of another and is that cell's content into the cell's
 * text, and drops it as a block. A nested table split around tables of its own is left as it is.
 * Returns the part (a new one when anything changed) and an info note per table read so.
 */
export function foldCellTables(part: DocumentPart): { part: DocumentPart; notes: IngestNote[] } {
  if (!part.blocks.some((b) => b.kind === 'table' && b.host)) return { part, notes: [] };
  const bands = new Map<number, number>();
  for (const b of part.blocks)
    if (b.kind === 'table' && b.origin.table !== null)
      bands.set(b.origin.table, (bands.get(b.origin.table) ?? 0) + 1);
  const blocks = part.blocks.map((b) =>
    b.kind === 'table' ? { ...b, cells: b.cells.map((c) => ({ ...c })) } : b,
  );
  const cells = new Map<string, Cell>();
  const notes: IngestNote[] = [];
  const kept = blocks.filter((block) => {
    if (block.kind !== 'table') return true;
    const host = block.host;
    const holder = host && cells.get(positionKey(host.table, host.row, host.col));
    if (holder && bands.get(block.origin.table ?? -1) === 1 && isCellContent(block)) {
      const text = tableText(block);
      holder.text = holder.text.trim() === '' ? text : `${holder.text}\n${text}`;
      notes.push({
        code: 'table_in_cell',
        severity: 'info',
        message: `A table of ${block.rowCount} row(s) written inside a cell was read as that cell's text (rows on lines, cells joined by "${CELL_SEPARATOR.trim()}").`,
        origin: holder.origin,
      });
      return false;
    }
    for (const c of block.cells)
      cells.set(positionKey(c.origin.table, c.origin.row, c.origin.col), c);
    return true;
  });
  return { part: { ...part, blocks: kept }, notes };
}

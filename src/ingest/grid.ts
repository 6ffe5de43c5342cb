// Grid helpers shared by the table ingesters (HTML, DOCX): padding rows and columns dropped, and
// a band of rows cut out of a table so that nested tables are read where they stand.
import { origin, type Cell, type Table } from '../model/document.js';

export type GridCell = Omit<Cell, 'origin'>;

/**
 * Drops trailing rows and columns in which no cell has text (padding) and clips spans to them. A
 * cell holding a nested table (`hosts`) counts as text.
 */
export function trimPadding(
  cells: GridCell[],
  hosts: ReadonlySet<GridCell> = new Set(),
): {
  rowCount: number;
  colCount: number;
  cells: GridCell[];
} {
  const filled = cells.filter((c) => c.text !== '' || hosts.has(c));
  const rowCount = filled.reduce((m, c) => Math.max(m, c.row + 1), 0);
  const colCount = filled.reduce((m, c) => Math.max(m, c.col + 1), 0);
  const kept = cells
    .filter((c) => c.row < rowCount && c.col < colCount)
    .map((c) => ({
      ...c,
      rowSpan: Math.min(c.rowSpan, rowCount - c.row),
      colSpan: Math.min(c.colSpan, colCount - c.col),
    }))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  return { rowCount, colCount, cells: kept };
}

/**
 * Rows `from`..`to` of a table as a Table block of their own (rows renumbered from 0, provenance
 * keeping the table's number and real rows); null when the band holds no text.
 */
export function bandTable(
  grid: { rowCount: number; colCount: number; cells: GridCell[] },
  table: number,
  from: number,
  to: number,
): Table | null {
  const band = grid.cells.filter((c) => c.row >= from && c.row <= to);
  if (table === 0 || !band.some((c) => c.text !== '')) return null;
  const rows = Math.min(to, grid.rowCount - 1) - from + 1;
  return {
    kind: 'table',
    rowCount: rows,
    colCount: grid.colCount,
    cells: band.map((c) => ({
      ...c,
      row: c.row - from,
      rowSpan: Math.min(c.rowSpan, rows - (c.row - from)),
      origin: origin({ table, row: c.row + 1, col: c.col + 1 }),
    })),
    origin: origin({ table }),
  };
}

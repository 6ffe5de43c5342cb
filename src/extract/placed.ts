// Extra fields and unplaced cells carry their reading position while the extractors run, so
// that the record lists them in document order whichever extractor found them.
import type { Origin } from '../model/document.js';
import type { Diagnostics } from './diagnostics.js';
import type { LineCell } from './lines.js';

export interface ExtraField {
  label: string;
  value: string | null;
  provenance: Origin;
  at: number;
}

export interface UnplacedCell {
  text: string;
  provenance: Origin;
  at: number;
}

/** Keeps a cell that could not be placed, with an unplaced_cell warning (its path is set later). */
export function unplaceCell(
  list: UnplacedCell[],
  diags: Diagnostics,
  cell: LineCell,
  line: number,
  why: string,
): void {
  list.push({ text: cell.text!, provenance: cell.origin, at: at(line, cell.col) });
  diags.warn('unplaced_cell', `Cell "${cell.text}" ${why}; kept in unplaced.`, null, cell.origin);
}

/**
 * Reading position of a cell: its line in the part, then its column, then (for a cell holding
 * several label/value pairs) the pair's place in the cell.
 */
export function at(line: number, col: number, part = 0): number {
  return line * 100_000 + col + part / 1000;
}

/** The items in reading order (stable), without their position. */
export function inReadingOrder<T extends { at: number }>(items: T[]): Omit<T, 'at'>[] {
  return [...items]
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.at - b.item.at || a.i - b.i)
    .map(({ item }) => {
      const { at: _at, ...rest } = item;
      return rest;
    });
}

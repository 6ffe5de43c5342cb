// Flattens a document part into lines: a paragraph is a line of one cell, a table row is a line
// of the cells that cover it (merged cells included, marked as continuing from above).
import {
  origin,
  type Block,
  type Cell,
  type DocumentPart,
  type Origin,
  type Table,
} from '../model/document.js';
import { labelKey, normalizeText } from '../text/normalize.js';
import { YEAR_BEFORE_PAIR, YEAR_ONLY } from './patterns.js';

export interface LineCell {
  /** Normalised text (schema text rules); null when blank. */
  text: string | null;
  /** The source text with only HTML fragments kept as written, for target.raw. */
  source: string;
  /** Compact key for label matching. */
  key: string;
  col: number;
  colSpan: number;
  /** 0-based first and last grid row of the cell. */
  rowStart: number;
  rowEnd: number;
  /** True on the line where the cell starts; false on lines a rowspan carries it into. */
  isStart: boolean;
  /** Identity of the underlying cell: the same object on every line it spans. */
  id: object;
  /** Which piece of its cell this is, when a cell printing several pairs apart is split (else 0). */
  part: number;
  /** A spreadsheet date cell's day (see Cell.day). */
  day?: string;
  origin: Origin;
}

export interface Line {
  /** Position in the part's line stream. */
  index: number;
  /** 0-based block index and, for tables, the 0-based grid row. */
  block: number;
  row: number | null;
  /** Number of grid columns of the table (1 for a paragraph). */
  width: number;
  cells: LineCell[];
  origin: Origin;
}

function toLineCell(
  cell: Cell,
  source: string,
  row: number,
  id: object,
  text: string | null,
  key: string,
  part: number,
): LineCell {
  return {
    text,
    source,
    key,
    col: cell.col,
    colSpan: cell.colSpan,
    rowStart: cell.row,
    rowEnd: cell.row + cell.rowSpan - 1,
    isStart: cell.row === row,
    id,
    part,
    ...(cell.day === undefined ? {} : { day: cell.day }),
    origin: cell.origin,
  };
}

function tableLines(table: Table, blockIndex: number, startIndex: number): Line[] {
  const rows: LineCell[][] = Array.from({ length: table.rowCount }, () => []);
  for (const cell of table.cells) {
    const last = Math.min(cell.row + cell.rowSpan, table.rowCount);
    // a cell printing several "label：value" pairs apart (财务负责人：谭丽    填报日期：…) is
    // read as one cell per pair, in the same column
    for (const [part, piece] of paragraphPieces(cell.text).entries()) {
      const id = {};
      const text = normalizeText(piece);
      const key = labelKey(piece);
      for (let r = cell.row; r < last; r++)
        rows[r]!.push(toLineCell(cell, piece, r, id, text, key, part));
    }
  }
  return rows.map((cells, r) => {
    if (!inColumnOrder(cells)) cells.sort((a, b) => a.col - b.col);
    return {
      index: startIndex + r,
      block: blockIndex,
      row: r,
      width: table.colCount,
      cells,
      origin: origin({ ...table.origin, row: r + 1 }),
    };
  });
}

function inColumnOrder(cells: LineCell[]): boolean {
  for (let i = 1; i < cells.length; i++) if (cells[i - 1]!.col > cells[i]!.col) return false;
  return true;
}

/** Runs of two or more blanks that separate "label：value" pairs printed on one line. */
const PAIR_GAP = /[ \t\u00A0\u3000]{2,}/u;
const LABELLED = /^[^:：]{1,20}[:：]/u;

/**
 * A paragraph such as `财务负责人：谭丽    填报日期：2024年10月28日` holds several pairs; the gap
 * between them is layout that normalisation would erase, so it is split here into cells.
 */
function paragraphPieces(text: string): string[] {
  // a year in brackets printed before a pair on one line, the gap lost (HTML folds blanks, a PDF
  // may print none): （2025年度） 单位：万元
  const lead = YEAR_BEFORE_PAIR.exec(text);
  if (lead && LABELLED.test(lead[2]!)) return [lead[1]!, ...paragraphPieces(lead[2]!)];
  if (!PAIR_GAP.test(text)) return [text];
  const pieces = text.split(PAIR_GAP).filter((p) => p.trim().length > 0);
  if (pieces.length < 2) return [text];
  const labelled = pieces.filter((p) => LABELLED.test(p.trim())).length;
  const years = pieces.filter((p) => YEAR_ONLY.test(normalizeText(p) ?? '')).length;
  return labelled + years >= 2 ? pieces : [text];
}

/** All lines of a part, in reading order. */
export function partLines(part: DocumentPart): Line[] {
  const lines: Line[] = [];
  part.blocks.forEach((block: Block, b) => {
    if (block.kind === 'paragraph') {
      const cells: LineCell[] = paragraphPieces(block.text).map((piece, col) => ({
        text: normalizeText(piece),
        source: piece,
        key: labelKey(piece),
        col,
        colSpan: 1,
        rowStart: 0,
        rowEnd: 0,
        isStart: true,
        id: {},
        part: 0,
        origin: block.origin,
      }));
      if (cells.some((c) => c.text !== null)) {
        lines.push({
          index: lines.length,
          block: b,
          row: null,
          width: cells.length,
          cells,
          origin: block.origin,
        });
      }
    } else {
      lines.push(...tableLines(block, b, lines.length));
    }
  });
  return lines;
}

/** True when the cell covers any grid column from `from` to `to` (inclusive). */
export function overlaps(cell: LineCell, from: number, to: number): boolean {
  return cell.col <= to && cell.col + cell.colSpan - 1 >= from;
}

/** True when the line has no text at all. */
export function isBlankLine(line: Line): boolean {
  return line.cells.every((c) => c.text === null);
}

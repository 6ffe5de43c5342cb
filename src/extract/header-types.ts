// The header reader's vocabulary: label/value assignments, its result, and small helpers on
// lines and cells.
import type { FieldKey, MoneyUnit } from '../dict/labels.js';
import type { Origin } from '../model/document.js';
import type { ItemList } from './items.js';
import type { LabelMatch } from './label-match.js';
import type { Line, LineCell } from './lines.js';
import type { ExtraField, UnplacedCell } from './placed.js';

/** One label with its value, in reading order. */
export interface Assignment {
  key: FieldKey;
  label: string;
  value: string | null;
  /** The value's source text, as written (for raw amounts). */
  source: string | null;
  sub: boolean;
  /** Unit declared by the label itself or by the funding group it sits in. */
  unit: MoneyUnit | null;
  line: number;
  col: number;
  /** The label's place within its cell (piece, then pair; see partOf in fields.ts), else 0. */
  part: number;
  origin: Origin;
  /**
   * An amount in a funding table's column for one year (2024年 | 2025年 | 2026年): the year, and
   * the name the amount keeps (资金总额/2025年) when the year is not the fiscal year.
   */
  year?: { year: number; name: string };
  /**
   * A value written over several rows beside a label spanning them (实施单位 over 甲中心 | 乙中心):
   * the text of each row. Their breaks are the form's own, not wrapping.
   */
  rows?: string[];
  /** The value is a spreadsheet date cell: its day, whatever its format shows (see Cell.day). */
  day?: string;
  /**
   * A range written over cells of its own (项目期限 | start | 至 | end): the value is their text
   * joined, and these are the days of the start and end cells when they are spreadsheet dates.
   */
  cells?: { start: string | undefined; end: string | undefined };
}

export interface HeaderResult {
  assignments: Assignment[];
  items: ItemList[];
  extra: ExtraField[];
  unplaced: UnplacedCell[];
  /** Money units declared anywhere in the header, in order. */
  units: MoneyUnit[];
}

/** A label cell; `match` is null for an unknown label in a row of labels. */
export type Label = {
  cell: LineCell;
  match: LabelMatch | null;
  label: string;
  line: Line;
  /** Which pair of its cell the label is, when the cell holds several (0 otherwise). */
  part?: number;
  /** See Assignment.year. */
  year?: { year: number; name: string };
};

/** A label spanning several rows, collecting the rows beside it as its text. */
export interface SpanBlock {
  label: Label;
  rows: string[];
  /** Each row's cells and line, for rows written as sub-label | value (姓名 | 王磊). */
  parts: { cells: LineCell[]; line: Line }[];
  first: LineCell;
  block: number;
  rowEnd: number;
}

export const FUNDING_TOTAL: LabelMatch = {
  kind: 'field',
  key: 'funding_total',
  sub: false,
  unit: null,
};

/** A row of a label's own little table as one line of text: cells separated by " | ". */
export function rowText(cells: LineCell[]): string {
  return cells.map((c) => c.text).join(' | ');
}

/** A label as recorded: without the colon that closes it (中期资金总额： → 中期资金总额). */
export function labelText(text: string): string {
  return text.replace(/[:：]+$/u, '').trim();
}

/** Start cells of a line that hold text. */
export function textCells(line: Line): LineCell[] {
  return line.cells.filter((c) => c.isStart && c.text !== null);
}

/** True while a rowspan that started on an earlier line still covers `line`. */
export function spansInto(cell: LineCell, from: Line, line: Line): boolean {
  return line.block === from.block && line.row !== null && cell.rowEnd >= line.row;
}

/** A whole-period or annual total (资金总额, 年度资金总额): the amounts below or beside it are its parts. */
export const isTotalKey = (key: string): boolean =>
  key === 'funding_total' || key === 'funding_annual';

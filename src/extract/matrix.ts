// Funding matrices of self-evaluation forms: a header row of amount columns (年初预算数 |
// 全年预算数（A） | 全年执行数（B） | 分值 | 执行率 | 得分) and one row per funding label below it.
import { FUND_MATRIX_COLUMNS } from '../dict/labels.js';
import { labelKey } from '../text/normalize.js';
import { TRAILING_PAREN } from './patterns.js';
import { labelLike } from './header-cells.js';
import { matchLabel, type LabelMatch } from './label-match.js';
import { overlaps, type LineCell } from './lines.js';

export interface MatrixColumn {
  header: string;
  role: 'amount' | 'other';
  rank: number;
  /** An amount column (年初预算数 …) that is not the best-ranked one: the fallback, in rank order. */
  fallback?: boolean;
  from: number;
  to: number;
}

const COLUMNS = new Map(FUND_MATRIX_COLUMNS.map((c) => [labelKey(c.header), c]));

function columnOf(cell: LineCell): (typeof FUND_MATRIX_COLUMNS)[number] | undefined {
  return COLUMNS.get(cell.key) ?? COLUMNS.get(cell.key.replace(TRAILING_PAREN, ''));
}

/** The matrix columns when the cells form a matrix header (two or more known amount headers). */
export function readMatrixHeader(cells: LineCell[]): MatrixColumn[] | null {
  const columns: MatrixColumn[] = [];
  for (const cell of cells) {
    const c = columnOf(cell);
    if (c)
      columns.push({
        header: cell.text!,
        role: c.role,
        rank: c.rank,
        from: cell.col,
        to: cell.col + cell.colSpan - 1,
      });
  }
  // besides the columns: one cell (the block label, 项目资金), or two left of them (the block
  // label and a corner caption: 资金来源, 金额（元）); headers the dictionaries do not know right of
  // the first column (备注, 偏差原因) are columns too, their cells kept as extra fields
  if (columns.length < 2) return null;
  const known = new Set(columns.map((c) => c.from));
  const unknown = cells.filter((c) => !known.has(c.col));
  const leftOfAll = unknown.filter((c) => c.col < columns[0]!.from);
  const right = unknown.filter((c) => c.col > columns[0]!.from);
  if (leftOfAll.length > 2) return null;
  if (right.some((c) => !labelLike(c.text!))) return null;
  for (const cell of right) {
    columns.push({
      header: cell.text!,
      role: 'other',
      rank: Infinity,
      from: cell.col,
      to: cell.col + cell.colSpan - 1,
    });
  }
  columns.sort((a, b) => a.from - b.from);
  // the best-ranked amount column feeds the canonical field; the others are kept as extra fields
  const best = columns.filter((c) => c.role === 'amount').sort((a, b) => a.rank - b.rank)[0];
  for (const c of columns) {
    if (c === best) continue;
    if (c.role === 'amount') c.fallback = true;
    c.role = 'other';
  }
  return columns;
}

/** Splits a matrix row's value cells into the canonical amount and the rest, by column. */
export function matrixValues(
  columns: MatrixColumn[],
  cells: LineCell[],
): {
  amount: LineCell | null;
  /** The column the amount was read from when the best one was blank or dashed. */
  fallback: string | null;
  others: { header: string; cell: LineCell }[];
  loose: LineCell[];
} {
  let amount: LineCell | null = null;
  const others: { header: string; cell: LineCell }[] = [];
  const loose: LineCell[] = [];
  for (const cell of cells) {
    const column = columns.find((c) => overlaps(cell, c.from, c.to));
    if (!column) loose.push(cell);
    else if (column.role === 'amount' && amount === null) amount = cell;
    else others.push({ header: column.header, cell });
  }
  // the best column left blank or dashed (全年预算数（A） | —): the next amount column that has a
  // number feeds the field (年初预算数), and the dash stays visible as an extra field
  if (amount === null || !/\d/u.test(amount.text ?? '')) {
    const fallback = columns
      .filter((c) => c.fallback)
      .sort((a, b) => a.rank - b.rank)
      .map((c) => others.findIndex((o) => o.header === c.header && /\d/u.test(o.cell.text ?? '')))
      .find((k) => k >= 0);
    if (fallback !== undefined) {
      const [taken] = others.splice(fallback, 1);
      if (amount !== null) {
        const best = columns.find((c) => c.role === 'amount')!;
        others.push({ header: best.header, cell: amount });
      }
      return { amount: taken!.cell, fallback: taken!.header, others, loose };
    }
  }
  return { amount, fallback: null, others, loose };
}

export interface MatrixRow {
  first: LineCell;
  /** The funding label of the row; null for a row the dictionaries do not know. */
  match: LabelMatch | null;
  /** The canonical amount (known rows only). */
  amount: LineCell | null;
  /** The column the amount was read from when the best one was blank or dashed. */
  fallback: string | null;
  /** Cells kept as extra fields, named by their column. */
  others: { header: string; cell: LineCell }[];
  loose: LineCell[];
}

/**
 * A row under a matrix header: a funding label with its amounts, or a row the dictionaries do
 * not know (项目支出, 按支出性质分：基本支出) whose cells are all kept; null when the row is neither.
 */
export function readMatrixRow(columns: MatrixColumn[], cells: LineCell[]): MatrixRow | null {
  const first = cells[0]!;
  const match = matchLabel(first.key);
  const { amount, fallback, others, loose } = matrixValues(columns, cells.slice(1));
  if (match?.kind === 'field' && match.key.startsWith('funding_')) {
    return { first, match, amount, fallback, others, loose };
  }
  if (match !== null || !labelLike(first.text!) || loose.length > 0 || cells.length < 2)
    return null;
  const amountHeader = fallback ?? columns.find((c) => c.role === 'amount')?.header ?? '';
  const all = amount ? [{ header: amountHeader, cell: amount }, ...others] : others;
  return { first, match: null, amount: null, fallback: null, others: all, loose: [] };
}

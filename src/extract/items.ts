// Funding-item lists (当年投入资金构成, 年度主要任务 …): a header of columns, then one row per item.
// The name and amount columns are recognised by their headers; other columns are kept as extra fields.
import {
  AMOUNT_NAME_HEADS,
  ANNUAL_ITEM_GROUPS,
  FIELD_LABELS,
  FUNDING_ITEM_COLUMNS,
  type MoneyUnit,
} from '../dict/labels.js';
import type { Origin } from '../model/document.js';
import { labelKey, oneLine } from '../text/normalize.js';
import { matchLabel, unitInLabel, type LabelMatch } from './label-match.js';
import { TRAILING_PAREN } from './patterns.js';
import { overlaps, type Line, type LineCell } from './lines.js';

type Role = 'name' | 'amount' | 'other';

interface ItemColumn {
  role: Role;
  header: string;
  from: number;
  to: number;
  unit: MoneyUnit | null;
}

export interface ItemRow {
  name: string | null;
  raw: string | null;
  unit: MoneyUnit | null;
  origin: Origin;
  /** Line index of the row, for reading order. */
  line: number;
  others: { label: string; value: string; origin: Origin; col: number }[];
  /** Cells that sit under no column header. */
  loose: LineCell[];
}

/** The amount of a list's total row (合计 | 9,500.00), under the list's amount column. */
export interface ItemTotal {
  /** The total row's label and the amount column's header: 合计/预算金额（万元）. */
  label: string;
  raw: string;
  unit: MoneyUnit | null;
  origin: Origin;
  at: number;
}

export class ItemList {
  readonly rows: ItemRow[] = [];
  /** The total row's amount; resolveFunding makes it the year's amount or keeps it as extra. */
  total: ItemTotal | null = null;
  /** The total row's amount under the amount column, whatever the list: its items should add up to it. */
  stated: ItemTotal | null = null;

  constructor(
    readonly label: string,
    readonly columns: ItemColumn[],
    readonly block: number,
    readonly unit: MoneyUnit | null,
    readonly origin: Origin,
  ) {}

  /**
   * A second header row under an amount header spanning several columns (预算金额（万元） over
   * 总额 | 财政拨款 | 其他资金), before any item: the sub-column named as the total is the amount,
   * the others are kept per item. With no total among them (财政拨款 | 其他资金), every sub-column is
   * kept per item and the items have no amount (see hasAmount). False when the cells are not such
   * a row.
   */
  refine(cells: LineCell[]): boolean {
    const amount = this.columns.find((c) => c.role === 'amount' && c.to > c.from);
    if (this.rows.length > 0 || !amount || cells.length < 2) return false;
    if (!cells.every((c) => c.col >= amount.from && c.col + c.colSpan - 1 <= amount.to))
      return false;
    const main = cells.find((c) => AMOUNT_TOTALS.has(c.key));
    const subs = cells.map((c): ItemColumn => ({
      role: c === main ? 'amount' : 'other',
      header: c.text!,
      from: c.col,
      to: c.col + c.colSpan - 1,
      unit: unitInLabel(c.key) ?? amount.unit,
    }));
    this.columns.splice(this.columns.indexOf(amount), 1, ...subs);
    return true;
  }

  private columnOf(cell: LineCell): ItemColumn | undefined {
    return this.columns.find((c) => overlaps(cell, c.from, c.to));
  }

  /** The header of the column that gives each item's amount, if any. */
  amountHeader(): string | null {
    return this.columns.find((c) => c.role === 'amount')?.header ?? null;
  }

  /** Whether a column gives each item's amount. */
  hasAmount(): boolean {
    return this.columns.some((c) => c.role === 'amount');
  }

  /**
   * Each cell with the header of its column (null for a cell under no column), whether that is
   * the amount column, and the money unit the column (or the list) declares.
   */
  headersOf(
    cells: LineCell[],
  ): { header: string | null; amount: boolean; unit: MoneyUnit | null; cell: LineCell }[] {
    return cells.map((cell) => {
      const column = this.columnOf(cell);
      const unit = column?.unit ?? this.unit;
      return { header: column?.header ?? null, amount: column?.role === 'amount', unit, cell };
    });
  }

  /**
   * A budget by kind of spending and source (项目 | 合计 | 财政拨款 | 其他资金, rows 基本支出 |
   * 项目支出 | 合计): its total row is the year's funding, amount and parts.
   */
  bySource = false;

  /** Whether the list breaks down the year's funding (当年投入资金构成, or a budget by source). */
  annual(): boolean {
    return this.bySource || ANNUAL_GROUP_KEYS.has(labelKey(this.label).replace(TRAILING_PAREN, ''));
  }

  /** The funding field a column of the list's total row feeds (a budget by source's parts). */
  partField(header: string): LabelMatch | null {
    if (!this.bySource) return null;
    const match = matchLabel(labelKey(header).replace(TRAILING_PAREN, ''));
    return match?.kind === 'field' && SOURCE_KEYS.has(match.key) ? match : null;
  }

  row(line: Line, cells: LineCell[]): void {
    const item: ItemRow = {
      name: null,
      raw: null,
      line: line.index,
      unit: null,
      origin: line.origin,
      others: [],
      loose: [],
    };
    for (const cell of cells) {
      const column = this.columnOf(cell);
      if (!column) item.loose.push(cell);
      else if (column.role === 'name' && item.name === null) {
        item.name = oneLine(cell.text);
        item.origin = cell.origin;
      } else if (column.role === 'amount' && item.raw === null) {
        item.raw = cell.text;
        item.unit = column.unit ?? this.unit;
        if (item.name === null) item.origin = cell.origin;
      } else
        item.others.push({
          label: column.header,
          value: cell.text!,
          origin: cell.origin,
          col: cell.col,
        });
    }
    this.rows.push(item);
  }
}

const NAME_HEADERS = new Set(FUNDING_ITEM_COLUMNS.name.map(labelKey));
const ANNUAL_GROUP_KEYS = new Set(ANNUAL_ITEM_GROUPS.map(labelKey));
const AMOUNT_TOTALS = new Set(FUNDING_ITEM_COLUMNS.amountTotals.map(labelKey));

const SOURCE_KEYS = new Set<string>(['funding_fiscal', 'funding_other', 'funding_carryover']);
/**
 * Headers that name one source of the money (财政拨款, 其他资金, 上年结转): a part of the item's
 * amount, not the amount (an item list with 财政拨款 | 其他资金 and no total has no item amount;
 * each part is kept per item).
 */
const SOURCE_PARTS = new Set(
  FIELD_LABELS.filter((f) => SOURCE_KEYS.has(f.key)).flatMap((f) => f.labels.map(labelKey)),
);

/**
 * The header row of a budget by kind of spending and source: a caption naming the rows (项目,
 * 类别 … or a word no dictionary knows; not a field label, and not the head of a list of items
 * such as 任务名称, whose list has items), then one total column (合计) and columns of sources
 * only (财政拨款 | 其他资金 …).
 */
export function isSourceMatrixHeader(
  cells: LineCell[],
  labelLike: (text: string) => boolean,
): boolean {
  if (cells.length < 3) return false;
  const [caption, ...heads] = cells;
  const bare = (c: LineCell): string => c.key.replace(TRAILING_PAREN, '');
  if (caption!.text === null || !labelLike(caption!.text)) return false;
  const head = bare(caption!);
  if (NAME_HEADERS.has(head) || LIST_HEADS.has(head)) return false;
  if (matchLabel(caption!.key) !== null && !MATRIX_CAPTIONS.has(head)) return false;
  const totals = heads.filter((c) => AMOUNT_TOTALS.has(bare(c)));
  const parts = heads.filter((c) => SOURCE_PARTS.has(bare(c)));
  return totals.length === 1 && parts.length >= 1 && totals.length + parts.length === heads.length;
}

/** The headers of an item list that name a source of the money (see SOURCE_PARTS). */
export function sourceParts(list: ItemList): string[] {
  return list.columns
    .filter((c) => SOURCE_PARTS.has(labelKey(c.header).replace(TRAILING_PAREN, '')))
    .map((c) => c.header);
}

const LIST_HEADS = new Set(FUNDING_ITEM_COLUMNS.listHeads.map(labelKey));
const MATRIX_CAPTIONS = new Set(AMOUNT_NAME_HEADS.map(labelKey));

/**
 * A header row that opens an item list with no block label before it: it starts with a header
 * that only names items (子项目名称, 任务名称), has a column for the amount, and holds only
 * short labels.
 */
export function isBareItemHeader(cells: LineCell[], labelLike: (text: string) => boolean): boolean {
  if (cells.length < 2) return false;
  const [head, ...rest] = cells;
  return (
    LIST_HEADS.has(head!.key.replace(TRAILING_PAREN, '')) &&
    rest.some((c) => roleOf(c.key, true) === 'amount') &&
    cells.every((c) => labelLike(c.text!))
  );
}

/** True when every cell heads an amount column (对应资金（万元）, 预算金额): the list has no column of names yet. */
export function headsAmountsOnly(cells: LineCell[]): boolean {
  return cells.length > 0 && cells.every((c) => roleOf(c.key, true) === 'amount');
}

function roleOf(key: string, hasName: boolean): Role {
  const bare = key.replace(TRAILING_PAREN, '');
  if (!hasName && NAME_HEADERS.has(bare)) return 'name';
  if (SOURCE_PARTS.has(bare)) return 'other';
  // a total beside the parts (任务名称 | 合计 | 财政拨款 | 其他资金) is the item's amount
  if (AMOUNT_TOTALS.has(bare)) return 'amount';
  if (
    FUNDING_ITEM_COLUMNS.amountHints.some((h) => bare.includes(h)) &&
    !FUNDING_ITEM_COLUMNS.amountText.some((w) => bare.includes(w))
  )
    return 'amount';
  return 'other';
}

/** Builds an item list from its header cells; the first text column names the item when no header does. */
export function readItemHeader(
  label: string,
  headers: LineCell[],
  block: number,
  unit: MoneyUnit | null,
  origin: Origin,
): ItemList {
  const columns: ItemColumn[] = [];
  for (const cell of headers) {
    const role = roleOf(
      cell.key,
      columns.some((c) => c.role === 'name'),
    );
    columns.push({
      role,
      header: cell.text!,
      from: cell.col,
      to: cell.col + cell.colSpan - 1,
      unit: unitInLabel(cell.key),
    });
  }
  // one amount column: this year's, else the first that is not about an earlier year
  const amounts = columns.filter((c) => c.role === 'amount');
  const has = (c: ItemColumn, words: readonly string[]): boolean =>
    words.some((w) => labelKey(c.header).includes(w));
  const amount =
    amounts.find((c) => has(c, FUNDING_ITEM_COLUMNS.amountCurrent)) ??
    amounts.find((c) => !has(c, FUNDING_ITEM_COLUMNS.amountPast)) ??
    amounts[0];
  for (const c of amounts) if (c !== amount) c.role = 'other';
  if (!columns.some((c) => c.role === 'name')) {
    const first = columns.find((c) => c.role === 'other');
    if (first) first.role = 'name';
  }
  const declared = columns.find((c) => c.role === 'amount')?.unit ?? unit;
  return new ItemList(label, columns, block, declared, origin);
}

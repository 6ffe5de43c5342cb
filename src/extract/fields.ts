// Reads the header part of a form: label/value pairs left to right (项目名称 | X | 项目性质 | Y),
// labels with their value in one cell (预算主管单位：…), rows of labels whose values sit in the
// row below, a label spanning several rows over its own little table (项目实施进度计划),
// funding-item lists and matrices, and unknown labels, which go to extra_fields.
import {
  AMOUNT_NAME_HEADS,
  GROUP_VALUE_KEYS,
  SIDE_COLUMN_HEADERS,
  SUB_LABELS,
  type FieldKey,
  type MoneyUnit,
} from '../dict/labels.js';
import { RANGE_SEPARATORS } from '../dict/targets.js';
import { parseAmount } from '../normalize/numbers.js';
import type { Origin } from '../model/document.js';
import type { Diagnostics } from './diagnostics.js';
import { isLabelCell, isLabelRow, labelLike, splitPairs, unitInSentence } from './header-cells.js';
import {
  FUNDING_TOTAL,
  labelText,
  rowText,
  spansInto,
  textCells,
  type HeaderResult,
  isTotalKey,
  type Label,
  type SpanBlock,
} from './header-types.js';
import {
  headsAmountsOnly,
  isBareItemHeader,
  isSourceMatrixHeader,
  readItemHeader,
  sourceParts,
  type ItemList,
  type ItemTotal,
} from './items.js';
import {
  isFundingWord,
  isSubRowKey,
  lineLabel,
  matchLabel,
  unitInLabel,
  type LabelMatch,
} from './label-match.js';
import { labelKey, oneLine } from '../text/normalize.js';
import { overlaps, type Line, type LineCell } from './lines.js';
import { readMatrixHeader, readMatrixRow, type MatrixColumn } from './matrix.js';
import { continuesNotes, headingStyle, noteHeading } from './notes.js';
import { LEADING_YEAR, TRAILING_PAREN, YEAR_COLUMN, YEAR_ONLY } from './patterns.js';
import { at, unplaceCell } from './placed.js';

export type { Assignment, HeaderResult } from './header-types.js';

/** The words and signs between the two dates of a period (至, 到, -). */
const RANGE_WORDS = new Set(RANGE_SEPARATORS.map(labelKey));

/** Headers of a block's column of names (资金来源 › 项目 | 金额（万元）). */
const NAME_COLUMN_HEADS = new Set(AMOUNT_NAME_HEADS.map(labelKey));

/** A label's place in its cell: the piece of a split cell, then the pair within the piece. */
function partOf(label: Label): number {
  return label.cell.part * 10 + (label.part ?? 0);
}

/**
 * A column of a funding table headed by a whole-period or an annual total (中期资金总额 | 年度资金总额),
 * or by one year (2024年 | 2025年 | 2026年 | 合计: the years are annual amounts, 合计 the total).
 */
interface SideColumn {
  label: Label;
  match: LabelMatch;
  from: number;
  to: number;
  year?: number;
}

/** The annual total a year column stands for. */
const FUNDING_ANNUAL: LabelMatch = { kind: 'field', key: 'funding_annual', sub: false, unit: null };

const SIDE_HEADERS = new Map<string, 'funding_total' | 'funding_annual'>([
  ...SIDE_COLUMN_HEADERS.total.map((h) => [labelKey(h), 'funding_total'] as const),
  ...SIDE_COLUMN_HEADERS.annual.map((h) => [labelKey(h), 'funding_annual'] as const),
]);

/**
 * A cell naming a whole-period or annual total, also after a year (2025年度资金), or saying only
 * which side its column is (中期 | 年度, 实施期（万元） | 本年度).
 */
function sideMatch(cell: LineCell): LabelMatch | null {
  const m =
    matchLabel(cell.key) ??
    (LEADING_YEAR.test(cell.text!)
      ? matchLabel(labelKey(cell.text!.replace(LEADING_YEAR, '')))
      : null);
  if (m?.kind === 'field' && isTotalKey(m.key)) return m;
  return bareSide(cell);
}

/** A header saying only which side its column is (中期, 年度（万元）), as the total it stands for. */
function bareSide(cell: LineCell): LabelMatch | null {
  let key = cell.key;
  while (TRAILING_PAREN.test(key)) key = key.replace(TRAILING_PAREN, '');
  const side = SIDE_HEADERS.get(key);
  return side ? { kind: 'field', key: side, sub: false, unit: unitInLabel(cell.key) } : null;
}

/**
 * A header row of a funding table whose columns are the whole-period and the annual totals, with
 * at most a block label (项目资金（万元）) to their left: the columns, or null.
 */
function readSideHeader(
  cells: LineCell[],
  line: Line,
): { columns: SideColumn[]; rest: LineCell[] } | null {
  const columns: SideColumn[] = [];
  const rest: LineCell[] = [];
  const years = cells.filter((c) => YEAR_COLUMN.test(c.text!)).length;
  for (const cell of cells) {
    const to = cell.col + cell.colSpan - 1;
    const year = years >= 2 ? YEAR_COLUMN.exec(cell.text!) : null;
    const total = years >= 2 && matchLabel(cell.key)?.kind === 'total';
    const match = year ? FUNDING_ANNUAL : total ? FUNDING_TOTAL : sideMatch(cell);
    if (match) {
      const label: Label = { cell, match, label: labelText(cell.text!), line };
      const column: SideColumn = { label, match, from: cell.col, to };
      if (year) column.year = Number(year[1]);
      columns.push(column);
    } else rest.push(cell);
  }
  const keys = new Set(columns.map((c) => c.match.kind === 'field' && c.match.key));
  if ((keys.size < 2 && years < 2) || rest.some((c) => c.col > columns[0]!.from)) return null;
  // bare 中期 | 年度 head a funding table only under a block label that speaks of money
  // (资金情况（万元）), not under 绩效目标 (the goals of each side)
  const money = (c: LineCell): boolean => {
    const m = matchLabel(c.key);
    return isFundingWord(c.key) || m?.unit != null || (m?.kind === 'field' && isTotalKey(m.key));
  };
  if (columns.some((c) => bareSide(c.label.cell) !== null) && !rest.some(money)) return null;
  return { columns, rest };
}

const SUB_LABEL_KEYS = new Set(SUB_LABELS.map(labelKey));

/**
 * A row written as sub-label | value under a label spanning rows: the sub-label one of SUB_LABELS
 * (姓名, 名称, 代码 …) or a field label the dictionaries know (联系电话).
 */
function subPair(cells: LineCell[]): boolean {
  const head = cells[0];
  if (cells.length < 2 || !head?.text || cells.slice(1).some(isLabelCell)) return false;
  const match = matchLabel(head.key);
  return (
    SUB_LABEL_KEYS.has(head.key) || (match?.kind === 'field' && !match.key.startsWith('funding_'))
  );
}

class HeaderReader {
  readonly out: HeaderResult = { assignments: [], items: [], extra: [], unplaced: [], units: [] };
  private groupUnit: MoneyUnit | null = null;
  /** Inside a funding block (项目资金（万元） …): a 合计 there is the total amount. */
  private inFunding = false;
  /** A label of this year's budget heading the rows of its block, while those rows are read. */
  private annualBlock: { cell: LineCell; block: number } | null = null;
  private pending: Label[] = [];
  private list: ItemList | null = null;
  private listAwaitingHeader: { unit: MoneyUnit | null; label: string; origin: Origin } | null =
    null;
  private matrix: { columns: MatrixColumn[]; block: number } | null = null;
  /** A funding table with a whole-period and an annual column, and the rows read under it. */
  private sides: { columns: SideColumn[]; block: number; header: Line; rows: number } | null = null;
  private span: SpanBlock | null = null;
  /** Notes being read (注： and the numbered paragraphs after it). */
  private notes: {
    label: string;
    texts: string[];
    cell: LineCell;
    line: Line;
    /** How the notes are numbered (一、, 1.), once one is. */
    style: string | null;
  } | null = null;

  /** The line after the one being read, for a row of labels whose amounts stand below them. */
  private next: Line | null = null;

  constructor(private readonly diags: Diagnostics) {}

  line(line: Line, next?: Line): void {
    this.next = next ?? null;
    const cells = textCells(line);
    if (cells.length === 0) return;
    for (const c of cells) {
      const unit = unitInSentence(c.text!);
      if (unit) this.declare(unit);
    }
    // notes on how to fill the form: one extra field under their heading, never fields
    const heading = noteHeading(line);
    if (heading) {
      this.closeNotes();
      const texts = heading.first ? [heading.first] : [];
      this.notes = { ...heading, texts, line, style: headingStyle(heading) };
      return;
    }
    const style = this.notes ? continuesNotes(line, this.notes.style) : null;
    if (this.notes && style !== null) {
      this.notes.texts.push(rowText(cells));
      this.notes.style = style;
      return;
    }
    this.closeNotes();
    if (this.span) {
      const s = this.span;
      if (
        line.block === s.block &&
        line.row !== null &&
        line.row <= s.rowEnd &&
        // (rows of sub-label | value go on with a sub-label the dictionaries know: 联系电话)
        (!cells.some(isLabelCell) || (subPair(s.parts[0]!.cells) && subPair(cells)))
      ) {
        s.rows.push(rowText(cells));
        s.parts.push({ cells, line });
        return;
      }
      this.closeSpan();
    }
    if (this.listAwaitingHeader) {
      const awaiting = this.listAwaitingHeader;
      this.listAwaitingHeader = null;
      if (!cells.some(isLabelCell)) {
        this.list = this.openList(awaiting.label, awaiting.unit, cells, line, awaiting.origin);
        return;
      }
    }
    if (this.matrix) {
      if (this.matrix.block === line.block && this.matrixRow(cells, line)) return;
      this.matrix = null;
    }
    if (this.sides) {
      if (this.sides.block === line.block && this.sideRow(cells, line)) return;
      // a header with no row of amounts under it: its labels wait for values below, as any
      if (this.sides.rows === 0) this.pending.push(...this.sides.columns.map((c) => c.label));
      this.sides = null;
    }
    const sides = readSideHeader(cells, line);
    if (sides) {
      this.sides = { columns: sides.columns, block: line.block, header: line, rows: 0 };
      // (the head of the column of labels, 资金类别 | 项目期内资金 | 本年度资金, is a heading)
      const rest = sides.rest.filter(
        (c) => !NAME_COLUMN_HEADS.has(c.key.replace(TRAILING_PAREN, '')),
      );
      if (rest.length > 0) this.pairs(rest, line);
      return;
    }
    const header = readMatrixHeader(cells);
    if (header) {
      this.matrix = { columns: header, block: line.block };
      // the block label beside the header (项目资金（万元）) still declares the unit
      this.pairs(
        cells.filter((c) => !header.some((h) => c.col >= h.from && c.col <= h.to)),
        line,
      );
      return;
    }
    if (this.list) {
      if (this.list.block === line.block && !cells.some(isLabelCell)) {
        this.list.row(line, cells);
        return;
      }
      // a 其中 row under an item (设备购置 | 300 / 其中：服务器 | 200) breaks that item down: its
      // cells are kept under the item's name and the list goes on (其中：财政拨款, a known
      // label, is the funding's own breakdown)
      const item = this.list.rows.at(-1);
      if (
        this.list.block === line.block &&
        item?.name &&
        isSubRowKey(cells[0]!.key) &&
        matchLabel(cells[0]!.key) === null
      ) {
        const label = `${item.name}/${labelText(cells[0]!.text!)}`;
        // (each cell named by its column, but for the amount's: 设备购置/其中:服务器/数量)
        for (const { header, amount, cell } of this.list.headersOf(cells.slice(1))) {
          this.out.extra.push({
            label: amount || header === null ? label : `${label}/${oneLine(header)}`,
            value: cell.text,
            provenance: cell.origin,
            at: at(line.index, cell.col),
          });
        }
        if (cells.length === 1) this.unknown(label, null, cells[0]!, line);
        return;
      }
      if (this.list.block === line.block && this.list.refine(cells)) {
        if (!this.list.hasAmount()) {
          const parts = cells.map((c) => c.text!);
          this.partsOnly(this.list.label, parts, cells[0]!.origin);
        }
        return;
      }
      const list = this.list;
      this.list = null;
      // the list's total row (金额合计 | 1,660 | 1,580 | 80): each amount named by its column
      const first = cells[0]!;
      // (not a block of labelled amounts under a total's heading: 金额合计 | 资金总额 | 6,432.60)
      if (
        list.block === line.block &&
        matchLabel(first.key)?.kind === 'total' &&
        cells.length > 1 &&
        !cells.slice(1).some(isLabelCell)
      ) {
        const label = labelText(first.text!);
        for (const { header, amount, unit, cell } of list.headersOf(cells.slice(1))) {
          const total = (): ItemTotal => ({
            label: `${label}/${oneLine(header!)}`,
            raw: cell.text!,
            unit,
            origin: cell.origin,
            at: at(line.index, cell.col),
          });
          if (header !== null && amount && list.stated === null) list.stated = total();
          const part = header === null ? null : list.partField(header);
          if (header === null) this.unplace(cell, 'sits under no column of the list', line);
          else if (part)
            this.assign(
              {
                cell: first,
                match: { ...part, unit: part.unit ?? unit },
                label: `${label}/${oneLine(header)}`,
                line,
              },
              cell,
              line,
            );
          else if (amount && list.annual() && list.total === null)
            // the year's total, perhaps (resolveFunding decides)
            list.total = total();
          else
            this.out.extra.push({
              label: `${label}/${oneLine(header)}`,
              value: cell.text,
              provenance: cell.origin,
              at: at(line.index, cell.col),
            });
        }
        return;
      }
    }
    // a budget by kind of spending and source (部门预算（万元） | 项目 | 合计 | 财政拨款 | 其他资金)
    // (the heading: a group label, or a label of its own spanning the matrix's rows)
    const first = cells[0];
    const caption =
      first &&
      (matchLabel(first.key)?.kind === 'group' ||
        (first.rowEnd > first.rowStart && matchLabel(first.key) === null && labelLike(first.text!)))
        ? first
        : null;
    const matrixCells = caption ? cells.slice(1) : cells;
    if ((caption !== null || this.inFunding) && isSourceMatrixHeader(matrixCells, labelLike)) {
      for (const p of this.pending) this.assign(p, null, line);
      this.pending = [];
      if (caption) this.pairs([caption], line);
      const named = caption ?? matrixCells[0]!;
      const list = this.openList(
        labelText(named.text!),
        unitInLabel(named.key),
        matrixCells,
        line,
        named.origin,
      );
      list.bySource = true;
      this.list = list;
      return;
    }
    if (isBareItemHeader(cells, labelLike)) {
      const head = cells[0]!;
      for (const p of this.pending) this.assign(p, null, line);
      this.pending = [];
      this.list = this.openList(labelText(head.text!), null, cells, line, head.origin);
      return;
    }
    if (this.pending.length > 0) {
      const pending = this.pending;
      this.pending = [];
      if (!cells.some(isLabelCell)) {
        this.valuesBelow(pending, cells, line);
        return;
      }
      // the values behind a caption left of all the labels above (资金来源 | 项目资金总额 | … over
      // 金额 | 186.40 | …): the caption names the row, as 资金来源 the header row
      const [caption, ...values] = cells;
      if (
        values.length > 0 &&
        pending.every((p) => p.cell.col > caption!.col + caption!.colSpan - 1) &&
        labelLike(caption!.text!) &&
        matchLabel(caption!.key)?.kind !== 'field' &&
        !values.some(isLabelCell)
      ) {
        // (a unit the caption declares, 金额（万元）, is the values')
        const unit = unitInLabel(caption!.key);
        if (unit) {
          this.declare(unit);
          this.groupUnit = unit;
        }
        this.valuesBelow(pending, values, line);
        return;
      }
      // a label spanning down (年度资金总额 with rowspan 2 beside 其中 | 财政拨款 …) still waits
      for (const p of pending) {
        if (spansInto(p.cell, p.line, line)) this.pending.push(p);
        else this.assign(p, null, line);
      }
    }
    this.pairs(cells, line);
  }

  finish(): HeaderResult {
    this.closeNotes();
    this.closeSpan();
    for (const p of this.pending) this.assign(p, null, null);
    this.pending = [];
    return this.out;
  }

  /** Reads label/value pairs left to right. */
  private pairs(cells: LineCell[], line: Line): void {
    const head = cells[0];
    if (!head) return; // (a matrix header that fills the whole line leaves no cell beside it)
    const headMatch = matchLabel(head.key);
    const headLabel: Label = { cell: head, match: headMatch, label: labelText(head.text!), line };
    if (cells.length > 1 && !isLabelCell(cells[1]!) && this.opensSpan(headLabel, line)) {
      this.inFundingTotal(headMatch);
      return this.startSpan(headLabel, cells.slice(1), line);
    }
    if (isLabelRow(cells) || this.labelsOverAmounts(cells, line)) {
      for (const cell of cells) {
        const match = matchLabel(cell.key);
        if (match?.unit) this.declare(match.unit);
        if (match?.kind === 'group') this.group(match, cell, cell === cells[0]);
        else if (
          // 年度预算（万元） spanning its block, first in a row of labels whose amounts stand
          // below (资金总额 | 财政拨款 / 3,600.00 | 3,500.00), heads them: no value of its own
          cell === cells[0] &&
          match?.kind === 'field' &&
          match.key === 'funding_annual' &&
          cell.rowEnd > cell.rowStart
        )
          this.annualBlock = { cell, block: line.block };
        else
          this.pending.push({
            cell,
            match: this.inFundingTotal(match),
            label: labelText(cell.text!),
            line,
          });
      }
      return;
    }
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      const next = cells[i + 1];
      const year = YEAR_ONLY.exec(cell.text!);
      // (a bare 年度 with a value beside it is the label of that value: 年度 | 2025)
      const blank = year?.[1] === undefined && !/[()]/u.test(cell.text!);
      if (year && !(blank && next && !isLabelCell(next))) {
        // a cell holding only the year, as printed under or beside a title: （2024年度）
        const match: LabelMatch = { kind: 'field', key: 'fiscal_year', sub: false, unit: null };
        this.assignText(
          { cell, match, label: labelText(cell.text!), line },
          year[1] ?? null,
          line,
          cell,
        );
        continue;
      }
      const found = matchLabel(cell.key);
      if (found) {
        if (found.unit) this.declare(found.unit);
        if (found.kind === 'group') {
          this.group(found, cell, i === 0);
          // a block word or an unlisted money label with a value beside it that is no label
          // (项目总投入（元） | 18,600,000.00) labels that value: keep the pair
          const after = cells[i + 2];
          if (
            next &&
            !isLabelCell(next) &&
            !labelLike(next.text!) &&
            (!after || isLabelCell(after))
          ) {
            const key = groupValueKey(cell.key, next.text!, found.unit);
            const label = labelText(cell.text!);
            if (key) {
              this.diags.info(
                'group_label_value',
                `"${label}" has a value beside it instead of a block of labels below; read as ${key === 'goal_annual' ? 'the annual goal' : 'the annual amount'}.`,
                null,
                cell.origin,
              );
              const match: LabelMatch = { kind: 'field', key, sub: false, unit: found.unit };
              this.assign({ cell, match: this.inFundingTotal(match), label, line }, next, line);
            } else this.unknown(label, next.text, next, line);
            i++;
          }
          continue;
        }
        if (found.kind === 'items') {
          const rest = cells.slice(i + 1);
          // a label on one row beside amount headers only heads the column of names itself
          // (年度主要任务 | 对应资金（万元）, the tasks listed below it)
          const named = cell.rowEnd === cell.rowStart && headsAmountsOnly(rest);
          if (rest.length > 0)
            this.list = this.openList(
              cell.text!,
              found.unit,
              named ? [cell, ...rest] : rest,
              line,
              cell.origin,
            );
          else
            this.listAwaitingHeader = {
              unit: found.unit,
              label: labelText(cell.text!),
              origin: cell.origin,
            };
          return;
        }
        const match = this.inFundingTotal(found);
        const label: Label = { cell, match, label: labelText(cell.text!), line };
        if (next && !isLabelCell(next)) {
          if (this.opensSpan(label, line)) return this.startSpan(label, cells.slice(i + 1), line);
          // a period written over three cells (项目期限 | 2025/1/1 | 至 | 2025/12/31) is read as the
          // range the three make, with raw null (no one cell holds it)
          const [sep, end] = [cells[i + 2], cells[i + 3]];
          if (
            match?.kind === 'field' &&
            (match.key === 'duration' || match.key === 'period') &&
            sep &&
            end &&
            RANGE_WORDS.has(sep.key) &&
            end.text !== null &&
            !isLabelCell(end)
          ) {
            const range = `${next.text}${sep.text}${end.text}`;
            this.push(label, range, range, line, next, undefined, {
              start: next.day,
              end: end.day,
            });
            i += 3;
            continue;
          }
          this.assign(label, next, line);
          i++;
        } else {
          // 年度预算 spanning the rows of its block (资金总额 | … / 其中：财政拨款 | …) heads
          // them: it has no value of its own
          if (
            match?.kind === 'field' &&
            match.key === 'funding_annual' &&
            next &&
            cell.rowEnd > cell.rowStart &&
            cells.slice(i + 2).some((c) => parseAmount(c.text, null).yuan !== null)
          )
            this.annualBlock = { cell, block: line.block };
          else this.pending.push(label);
        }
        continue;
      }
      const inline = splitPairs(cell.text!);
      // 其中：基本支出 beside its amount: a sub-row label the dictionaries do not know, not the
      // group word 其中 holding the text 基本支出 (which would leave the amount with no label)
      if (inline?.length === 1 && inline[0]!.match.kind === 'group' && next && !isLabelCell(next)) {
        this.unknown(labelText(cell.text!), next.text, next, line);
        i++;
        continue;
      }
      if (inline) {
        for (const [part, pair] of inline.entries()) {
          if (pair.match.unit) this.declare(pair.match.unit);
          const match = this.inFundingTotal(pair.match);
          this.assignText({ cell, match, label: pair.label, line, part }, pair.value, line);
        }
        continue;
      }
      // a label on the first line of its cell and the value below it (项目名称 / 普惠托育…),
      // where no value cell follows (else the lines are a label wrapped by hand: 实施单位 / 名称)
      const stacked = lineLabel(cell.text!);
      if (stacked && (!next || isLabelCell(next) || lineLabel(next.text ?? '') !== null)) {
        const match = this.inFundingTotal(stacked.match);
        this.assignText({ cell, match, label: stacked.label, line }, stacked.value, line);
        continue;
      }
      // a pair written in the cell itself (录入日期：2022年11月15日) is whole: the next cell is
      // not its value
      const colon = /^([^:]{1,20}):(.+)$/su.exec(cell.text!);
      if (colon && labelLike(colon[1]!)) {
        this.unknown(colon[1]!.trim(), colon[2]!.trim(), cell, line);
        continue;
      }
      if (next && !isLabelCell(next) && labelLike(cell.text!)) {
        this.unknown(labelText(cell.text!), next.text, next, line);
        i++;
        continue;
      }
      // an unknown heading among headings of this line that wait for their values below
      if (
        (!next || isLabelCell(next)) &&
        labelLike(cell.text!) &&
        this.pending.some((p) => p.line === line)
      ) {
        this.pending.push({ cell, match: null, label: labelText(cell.text!), line });
        continue;
      }
      // the header of a block's column of names beside the header of its amounts (资金来源 ›
      // 项目 | 金额（万元）): a heading, like the amount header beside it
      const beside = next ? matchLabel(next.key) : null;
      if (NAME_COLUMN_HEADS.has(cell.key) && beside?.kind === 'group' && beside.unit) continue;
      if (unitInSentence(cell.text!) === null)
        this.unplace(cell, 'is not a known label and has no label', line);
      else
        this.out.extra.push({
          label: labelText(cell.text!),
          value: null,
          provenance: cell.origin,
          at: at(line.index, cell.col),
        });
    }
  }

  /**
   * A row of short labels the dictionaries may not know (支出合计 | 基本支出 | 项目支出) over a row of
   * amounts in the same columns and nothing else: the labels wait for their amounts below instead
   * of pairing with each other.
   */
  private labelsOverAmounts(cells: LineCell[], line: Line): boolean {
    const next = this.next;
    if (!next || next.block !== line.block || line.row === null || next.row !== line.row + 1)
      return false;
    if (cells.length < 2 || !cells.every((c) => labelLike(c.text!) && !isAmountText(c.text!)))
      return false;
    const below = textCells(next);
    return (
      below.length >= 2 &&
      below.every(
        (b) =>
          isAmountText(b.text!) && cells.some((c) => overlaps(b, c.col, c.col + c.colSpan - 1)),
      )
    );
  }

  /**
   * A group label; one that heads a block (first in its row, or spanning rows) and speaks of
   * money opens a funding block. A money heading inside a row (… | 金额 | 备注) does not.
   */
  private group(match: LabelMatch, cell: LineCell, first: boolean): void {
    if (match.unit) {
      this.declare(match.unit);
      this.groupUnit = match.unit;
    }
    const heads = first || cell.rowEnd > cell.rowStart;
    if (heads) this.inFunding = match.unit !== null || isFundingWord(cell.key);
    else if (!match.unit && !isFundingWord(cell.key)) this.inFunding = false;
  }

  /** Tracks the funding block; a 合计 inside it is the total amount. */
  private inFundingTotal(match: LabelMatch | null): LabelMatch | null {
    if (match?.kind === 'field') this.inFunding = match.key.startsWith('funding_');
    if (match?.kind === 'total' && this.inFunding) return { ...FUNDING_TOTAL, unit: match.unit };
    return match;
  }

  /** A text label spanning several rows with its content beside it, row by row. */
  private opensSpan(label: Label, line: Line): boolean {
    const m = label.match;
    return (
      m?.kind === 'field' &&
      !m.key.startsWith('funding_') &&
      line.row !== null &&
      label.cell.rowEnd > label.cell.rowStart
    );
  }

  private startSpan(label: Label, rest: LineCell[], line: Line): void {
    this.span = {
      label,
      rows: [rowText(rest)],
      parts: [{ cells: rest, line }],
      first: rest[0]!,
      block: line.block,
      rowEnd: label.cell.rowEnd,
    };
  }

  private closeNotes(): void {
    const n = this.notes;
    if (!n) return;
    this.notes = null;
    this.out.extra.push({
      label: n.label,
      value: n.texts.length > 0 ? n.texts.join('\n') : null,
      provenance: n.cell.origin,
      at: at(n.line.index, n.cell.col),
    });
  }

  private closeSpan(): void {
    const s = this.span;
    if (!s) return;
    this.span = null;
    if (this.subPairs(s)) return;
    const rows = s.rows.filter((r) => r.length > 0);
    const text = rows.join('\n');
    this.push(s.label, text.length > 0 ? text : null, text, s.label.line, s.first, rows);
  }

  /**
   * A label spanning rows that each name their value (项目负责人 › 姓名 | 王磊 / 联系电话 | 0371-…;
   * 主管部门 › 名称 | 测试局 / 代码 | 101001): a sub-label the dictionaries know fills its own
   * field, the first other one the spanning label's, the rest are extra fields named
   * label/sub-label. False (nothing read) when the rows are not all sub-label | value.
   */
  private subPairs(s: SpanBlock): boolean {
    const rows = s.parts.filter((p) => p.cells.length > 0);
    if (rows.length < 2 || !rows.every((p) => subPair(p.cells))) return false;
    let main = false;
    for (const { cells, line } of rows) {
      const [head, ...rest] = cells;
      const name = labelText(head!.text!);
      const value = rowText(rest);
      const match = matchLabel(head!.key);
      if (match?.kind === 'field' && !match.key.startsWith('funding_')) {
        this.assignText({ cell: head!, match, label: name, line }, value, line, rest[0]!);
      } else if (!main) {
        main = true;
        this.assignText(s.label, value, line, rest[0]!);
      } else this.unknown(`${s.label.label}/${name}`, value, rest[0]!, line);
    }
    if (!main) this.assignText(s.label, null, s.label.line, s.first);
    return true;
  }

  /** A row of a funding matrix: its label, the canonical amount, and the other columns as extra fields. */
  private matrixRow(cells: LineCell[], line: Line): boolean {
    const row = readMatrixRow(this.matrix!.columns, cells);
    if (!row) return false;
    const name = labelText(row.first.text!);
    if (row.match) {
      this.assign({ cell: row.first, match: row.match, label: name, line }, row.amount, line);
      if (row.fallback !== null && row.amount !== null) {
        this.diags.info(
          'matrix_fallback_column',
          `"${name}" has no amount in the funding table's main column; its amount is read from "${row.fallback}".`,
          null,
          row.amount.origin,
        );
      }
    } else {
      this.diags.warn(
        'unknown_label',
        `Row "${row.first.text}" of the funding table has no canonical field; its cells are kept in extra_fields.`,
        null,
        row.others[0]?.cell.origin ?? row.first.origin,
      );
    }
    for (const o of row.others) {
      this.out.extra.push({
        label: `${name}/${o.header}`,
        value: o.cell.text,
        provenance: o.cell.origin,
        at: at(line.index, o.cell.col),
      });
    }
    for (const c of row.loose) this.unplace(c, 'sits under no column of the funding table', line);
    return true;
  }

  /**
   * A row under a whole-period | annual header: a funding label (资金总额, 其中：财政拨款, 其他资金)
   * left of the columns and its amounts under them. Each amount is assigned in its column, so that
   * it belongs to that column's total; a total row takes the column's own total field.
   */
  private sideRow(cells: LineCell[], line: Line): boolean {
    const s = this.sides!;
    const [first, ...rest] = cells;
    if (!first || first.col >= s.columns[0]!.from) return false;
    if (!rest.every((c) => s.columns.some((col) => overlaps(c, col.from, col.to)))) return false;
    const match = matchLabel(first.key);
    // (a row of totals, 合计 | 1,860.00 | 980.00, holds each column's own total)
    const sum = match?.kind === 'total';
    const funding = sum || (match?.kind === 'field' && match.key.startsWith('funding_'));
    // a row the dictionaries do not know (其中：地方资金) keeps its amounts, named by row and column
    const unknown =
      match === null &&
      rest.length > 0 &&
      labelLike(first.text!) &&
      rest.every((c) => isAmountText(c.text!) || parseAmount(c.text, null).ok);
    if (!funding && !unknown) return false;
    if (s.rows++ === 0) for (const col of s.columns) this.assign(col.label, null, s.header);
    const name = labelText(first.text!);
    if (!funding) {
      this.diags.warn(
        'unknown_label',
        `Row "${first.text}" of the funding table has no canonical field; its amounts are kept in extra_fields.`,
        null,
        rest[0]!.origin,
      );
      for (const col of s.columns) {
        const value = rest.find((c) => overlaps(c, col.from, col.to));
        if (!value) continue;
        this.out.extra.push({
          label: `${name}/${col.label.label}`,
          value: value.text,
          provenance: value.origin,
          at: at(line.index, value.col),
        });
      }
      return true;
    }
    const total = sum || (match?.kind === 'field' && isTotalKey(match.key));
    for (const col of s.columns) {
      const value = rest.find((c) => overlaps(c, col.from, col.to)) ?? null;
      const label: Label = {
        cell: col.label.cell,
        match: total ? col.match : match!,
        label: total ? col.label.label : name,
        line,
      };
      if (col.year !== undefined)
        label.year = { year: col.year, name: `${name}/${col.label.label}` };
      this.assign(label, value, line);
    }
    return true;
  }

  /** Values in the row below a row of labels, matched by column. */
  private valuesBelow(pending: Label[], cells: LineCell[], line: Line): void {
    const used = new Set<LineCell>();
    for (const p of pending) {
      const from = p.cell.col;
      const to = p.cell.col + p.cell.colSpan - 1;
      const below = cells.filter((c) => !used.has(c) && overlaps(c, from, to));
      below.forEach((c) => used.add(c));
      if (below.length > 1)
        this.assignText(p, below.map((c) => c.text).join('\n'), line, below[0]!);
      else this.assign(p, below[0] ?? null, line);
    }
    for (const c of cells) if (!used.has(c)) this.unplace(c, 'sits below no label', line);
  }

  private assign(label: Label, value: LineCell | null, line: Line | null): void {
    this.push(
      label,
      value ? value.text : null,
      value ? value.source : null,
      line,
      value ?? undefined,
    );
  }

  private assignText(label: Label, value: string | null, line: Line, where?: LineCell): void {
    this.push(label, value, value, line, where);
  }

  private push(
    label: Label,
    value: string | null,
    source: string | null,
    line: Line | null,
    where?: LineCell,
    rows?: string[],
    cells?: { start: string | undefined; end: string | undefined },
  ): void {
    const { match, cell } = label;
    const place = where ?? cell;
    const row = (line ?? label.line).index;
    if (match === null) {
      this.unknown(label.label, value, place, line ?? label.line);
      return;
    }
    if (match.kind === 'extra' || match.kind === 'total') {
      this.out.extra.push({
        label: label.label,
        value,
        provenance: place.origin,
        at: at(row, place.col, partOf(label)),
      });
      return;
    }
    if (match.kind !== 'field') {
      if (value !== null) this.unknown(label.label, value, place, line ?? label.line);
      return;
    }
    // the total of a block headed by this year's budget (年度预算 › 资金总额) is this year's
    const inAnnual =
      this.annualBlock !== null &&
      line !== null &&
      line.block === this.annualBlock.block &&
      line.row !== null &&
      line.row <= this.annualBlock.cell.rowEnd &&
      cell.col > this.annualBlock.cell.col;
    const key = match.key === 'funding_total' && inAnnual ? 'funding_annual' : match.key;
    this.out.assignments.push({
      key,
      label: label.label,
      value,
      source,
      sub: match.sub,
      unit: match.unit ?? this.groupUnit,
      // (a label given no value stays on its own line, wherever it was settled)
      line: (value === null ? label.line : (line ?? label.line)).index,
      col: cell.col,
      part: partOf(label),
      origin: place.origin,
      ...(label.year ? { year: label.year } : {}),
      ...(rows && rows.length > 1 ? { rows } : {}),
      ...(where?.day !== undefined && value === where.text ? { day: where.day } : {}),
      ...(cells ? { cells } : {}),
    });
  }

  private openList(
    label: string,
    unit: MoneyUnit | null,
    headers: LineCell[],
    line: Line,
    origin: Origin,
  ): ItemList {
    const list = readItemHeader(label, headers, line.block, unit ?? this.groupUnit, origin);
    if (list.unit) this.declare(list.unit);
    const parts = sourceParts(list);
    if (!list.hasAmount() && parts.length > 0) this.partsOnly(label, parts, origin);
    this.out.items.push(list);
    return list;
  }

  /** An item list whose columns give only parts of each amount: its items have none. */
  private partsOnly(label: string, parts: string[], origin: Origin): void {
    this.diags.warn(
      'item_amount_parts',
      `The list "${label}" gives only parts of each amount (${parts.join(', ')}) and no total; the items have no amount and the parts are kept in extra_fields.`,
      null,
      origin,
    );
  }

  private declare(unit: MoneyUnit): void {
    if (!this.out.units.includes(unit)) this.out.units.push(unit);
  }

  /** An unknown label and its value; provenance is the value's cell. */
  private unknown(label: string, value: string | null, where: LineCell, line: Line): void {
    this.out.extra.push({ label, value, provenance: where.origin, at: at(line.index, where.col) });
    this.diags.warn(
      'unknown_label',
      `Label "${label}" has no canonical field; kept in extra_fields.`,
      null,
      where.origin,
    );
  }

  private unplace(cell: LineCell, why: string, line: Line): void {
    unplaceCell(this.out.unplaced, this.diags, cell, line.index, why);
  }
}

const GROUP_VALUES = new Map(
  GROUP_VALUE_KEYS.flatMap(({ key, labels }) => labels.map((l) => [labelKey(l), key] as const)),
);

/**
 * The field a group label's value beside it fills (GROUP_VALUE_KEYS): a goal when the value is
 * text, the annual amount when it is an amount; null otherwise.
 */
function groupValueKey(key: string, value: string, unit: MoneyUnit | null): FieldKey | null {
  const field = GROUP_VALUES.get(key.replace(TRAILING_PAREN, ''));
  if (field === 'funding_annual') {
    const amount = parseAmount(value, unit);
    return amount.ok && amount.yuan !== null ? field : null;
  }
  return field ?? null;
}

/** An amount as a cell writes it (2,400.00, 120万元), with no label in it. */
function isAmountText(text: string): boolean {
  return parseAmount(text, null).yuan !== null || parseAmount(text, '元').yuan !== null;
}

/** Reads every header line of a form (lines the indicator tables did not use). */
export function extractHeader(lines: Line[], diags: Diagnostics): HeaderResult {
  const reader = new HeaderReader(diags);
  lines.forEach((line, i) => reader.line(line, lines[i + 1]));
  return reader.finish();
}

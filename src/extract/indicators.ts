// Finds the indicator tables of a form: a recognised header row, then its rows, continued across
// a repeated title or header and into a following table of the same width.
import {
  readHeader,
  roleAt,
  unknownHeaders,
  withUnitSubcolumn,
  type ColumnMap,
} from './columns.js';
import type { ColumnRole } from '../dict/columns.js';
import type { FieldKey } from '../dict/labels.js';
import type { Diagnostics } from './diagnostics.js';
import { TableReader, type IndicatorContext, type IndicatorTables } from './indicator-rows.js';
import { matchLabel, splitInlineLabel } from './label-match.js';
import { isBlankLine, type Line } from './lines.js';
import { at } from './placed.js';
import { YEAR_ONLY } from './patterns.js';

export type { CategoryAcc, IndicatorContext, IndicatorTables } from './indicator-rows.js';

/** Finds every indicator table among the form's lines and reads its rows. */
export function extractIndicators(
  lines: Line[],
  ctx: IndicatorContext,
  diags: Diagnostics,
): IndicatorTables {
  const reader = new TableReader(ctx, diags);
  const out = reader.out;
  let map: ColumnMap | null = null;
  let last: ColumnMap | null = null;
  let block = -1;
  const continued = new Set<number>();
  // a table of another width inside the indicator table (a small table nested in a note cell,
  // emitted between the rows before and after it): the indicator table resumes in the block
  // right after it
  let paused: { map: ColumnMap; block: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const read = readHeader(lines, i, ctx.fiscalYear);
    if (read) {
      const after = lines.slice(i + read.startOffset + read.headerLines.length);
      const { map: header, split } = withUnitSubcolumn(read, after);
      // the same header again (a new page, after a repeated title and name) continues the table
      const repeat = last !== null && sameRoles(last, header);
      if (!repeat) reader.resetLevels();
      map = header;
      last = header;
      block = line.block;
      out.found = true;
      const first = i + header.startOffset;
      for (let k = 0; k < header.headerLines.length; k++) out.consumed.add(first + k);
      if (!repeat && split) {
        const cell = header.headerLines.flatMap((l) => l.cells).find((c) => c.col === split.from);
        diags.info(
          'unit_subcolumn',
          `The "${split.header}" header spans two columns and the second holds only units; it was read as the unit column.`,
          null,
          cell?.origin ?? null,
        );
      }
      if (!repeat && header.categoriesIn !== undefined) {
        diags.info(
          'categories_in_column',
          `The "${header.categoriesIn}" column holds category names (数量指标 …); it was read as the level-2 column.`,
          null,
          header.headerLines[0]!.origin,
        );
      }
      if (!repeat && header.otherYears !== undefined) {
        const { skipped, kept } = header.otherYears;
        if (kept !== null) {
          diags.info(
            'value_column_by_year',
            `Columns name different years; "${kept}", the form's year, was read (${skipped.join(', ')} kept in unplaced).`,
            null,
            header.headerLines[0]!.origin,
          );
        } else {
          diags.warn(
            'value_columns_other_years',
            `Columns name different years (${skipped.join(', ')}) and none names the form's year; none was read (their cells are in unplaced).`,
            null,
            header.headerLines[0]!.origin,
          );
        }
      }
      if (!repeat && header.nameInferred !== undefined) {
        diags.info(
          'name_column_inferred',
          header.nameInferred === ''
            ? 'The column between the level-2 and the value columns has no header; it was read as the indicator name column.'
            : `The "${header.nameInferred}" column, between the level-2 and the value columns, was read as the indicator name column.`,
          null,
          header.headerLines[0]!.origin,
        );
      }
      if (!repeat) {
        for (const cell of unknownHeaders(header)) {
          reader.unplace(cell, 'is a column header the dictionaries do not know', lines[first]!);
        }
      }
      i = first + header.headerLines.length - 1;
      continue;
    }
    if (map === null && paused !== null && line.block !== paused.block) {
      const resumes =
        line.block === paused.block + 1 &&
        line.row !== null &&
        line.width === paused.map.width &&
        !ctx.isTitle(line) &&
        ctx.endsTable(line) !== 'end';
      if (resumes) {
        map = paused.map;
        block = line.block;
        continued.add(block);
        diags.info(
          'table_continued',
          'The indicator table continues after a table of another width inside it (a table nested in a cell).',
          null,
          line.origin,
        );
      }
      paused = null;
    } else if (paused !== null && (line.row === null || ctx.isTitle(line))) paused = null;
    if (map === null) continue;
    // a title repeated inside the table (a printed page's head), and the year line under it
    if (ctx.isTitle(line) || isYearLine(line)) {
      out.consumed.add(i);
      continue;
    }
    if (line.block !== block) {
      if (line.row === null || line.width !== map.width || ctx.endsTable(line) === 'end') {
        if (line.row !== null && line.width !== map.width) paused = { map, block: line.block };
        map = null;
        continue;
      }
      block = line.block;
      if (!continued.has(block)) {
        continued.add(block);
        diags.info(
          'table_continued',
          'The indicator table continues in a following table without its header.',
          null,
          line.origin,
        );
      }
    }
    const ends = ctx.endsTable(line);
    if (ends === 'end' && !levelsMergedDown(line, map) && !levelsLeftBlank(line, map)) {
      map = null;
      continue;
    }
    out.consumed.add(i);
    if (ends === 'total') {
      const cells = line.cells.filter((c) => c.isStart && c.text !== null);
      const label = cells[0]!.text!;
      const values = cells.slice(1);
      if (values.length === 0) {
        out.extra.push({
          label,
          value: null,
          provenance: cells[0]!.origin,
          at: at(line.index, cells[0]!.col),
        });
      }
      for (const c of values) {
        // one entry per cell, named by its column (总分/分值 = 100, 总分/得分 = 94), or by its
        // own label when the cell carries one (自评等级：优)
        const inline = splitInlineLabel(c.text!);
        const header = map.columns.find((h) => c.col >= h.from && c.col <= h.to)?.header;
        out.extra.push({
          label: inline ? inline.label : header ? `${label}/${header}` : label,
          value: inline ? inline.value : c.text,
          provenance: c.origin,
          at: at(line.index, c.col),
        });
      }
      continue;
    }
    if (!isBlankLine(line)) reader.row(line, map);
  }
  return out;
}

/**
 * Whether a line whose first text reads as a label (计划完成时间, 项目实施进度: names that are also
 * form labels) is a row of the table: its first text stands under the name or a value, right of
 * the table's first column, and its level cells are merged down from the rows above. (Left
 * blank, they say nothing: the line may be a sign-off block, 填表人 | 王磊, and ends the table.)
 */
function levelsMergedDown(line: Line, map: ColumnMap): boolean {
  const first = line.cells.find((c) => c.isStart && c.text !== null);
  if (!first) return false;
  const left = Math.min(...map.columns.map((c) => c.from));
  const role = roleAt(map, first.col);
  if (first.col <= left || role === null || ['level1', 'level2', 'note'].includes(role))
    return false;
  // a level cell merged down from a row above (not one merged across from the left: a sign-off
  // block printed right of blank cells is the table's end)
  return line.cells.some((c) => {
    const r = roleAt(map, c.col);
    return !c.isStart && c.rowStart < line.row! && (r === 'level1' || r === 'level2');
  });
}

/** The columns that hold an indicator's target. */
const VALUE_ROLES = new Set<ColumnRole>(['value', 'value_midterm', 'value_annual']);

/**
 * Fields whose labels also name an indicator: a time limit (项目完成时间, 完成时间, 实施期限).
 * A sign-off's labels (填报人, 联系电话, 填报日期) never do.
 */
const INDICATOR_LIKE_KEYS = new Set<FieldKey>([
  'duration',
  'duration_start',
  'duration_end',
  'period',
]);

/**
 * An indicator row whose name reads as a field label (项目完成时间 | 2025年12月底前, 实施期限)
 * under blank level cells (the levels of the rows above go on): its name stands in the name
 * column, right of the table's first column, its level cells are there and empty, and a value
 * column holds text.
 */
function levelsLeftBlank(line: Line, map: ColumnMap): boolean {
  const first = line.cells.find((c) => c.isStart && c.text !== null);
  if (!first || roleAt(map, first.col) !== 'name') return false;
  const left = Math.min(...map.columns.map((c) => c.from));
  if (first.col <= left) return false;
  const m = matchLabel(first.key);
  if (m === null || m.kind !== 'field' || !INDICATOR_LIKE_KEYS.has(m.key)) return false;
  const levels = line.cells.filter((c) => {
    const r = roleAt(map, c.col);
    return r === 'level1' || r === 'level2';
  });
  const valued = line.cells.some(
    (c) => c.isStart && c.text !== null && VALUE_ROLES.has(roleAt(map, c.col) ?? 'name'),
  );
  return levels.length > 0 && levels.every((c) => c.isStart && c.text === null) && valued;
}

/** A line holding only a year ((2025年度), 2025年): never an indicator row. */
function isYearLine(line: Line): boolean {
  const cells = line.cells.filter((c) => c.isStart && c.text !== null);
  return cells.length > 0 && cells.every((c) => YEAR_ONLY.exec(c.text!)?.[1] !== undefined);
}

function sameRoles(a: ColumnMap, b: ColumnMap): boolean {
  if (a.columns.length !== b.columns.length || a.width !== b.width) return false;
  return a.columns.every((c, k) => {
    const o = b.columns[k]!;
    return o.role === c.role && o.from === c.from && o.to === c.to;
  });
}

// Finds the header row of an indicator table and maps its columns to roles, whatever the
// wording (一级指标/一级目标, 指标值/指标目标值/年度指标值 …).
import { COLUMN_HEADERS, type ColumnRole } from '../dict/columns.js';
import { fold, isUnitText } from '../normalize/target-grammar.js';
import { labelKey } from '../text/normalize.js';
import { matchLabel } from './label-match.js';
import { level2Info } from './levels.js';
import type { Line, LineCell } from './lines.js';
import { LEADING_YEAR, LEADING_YEAR_WORD, TRAILING_PAREN } from './patterns.js';
import { FISCAL_YEAR_SUFFIX, YEAR_WORD } from '../dict/grammar.js';

export interface HeaderColumn {
  role: ColumnRole;
  /** Grid columns (inclusive) under the header cell. */
  from: number;
  to: number;
  header: string;
  /** The header cell started on the row above (a rowspan header). */
  carried: boolean;
}

export interface ColumnMap {
  /** Columns found in the header; only note and operator columns may repeat a role. */
  columns: HeaderColumn[];
  /** The header line(s) the map was read from. */
  headerLines: Line[];
  /** Where the header starts relative to the line it was found on: -1 when it began a row above. */
  startOffset: 0 | -1;
  /** Grid width of the table the header belongs to. */
  width: number;
  /** The header of an operator column read as the level-2 column from what it holds. */
  categoriesIn?: string;
  /** The header ('' when blank) of the column read as the name column by its place. */
  nameInferred?: string;
  /**
   * Columns of one role naming different years: the headers not read (another year than the
   * form's, or all when none names it) and the one read (the form's year), if any.
   */
  otherYears?: { skipped: string[]; kept: string | null };
}

const HEADER_TABLE = new Map<string, ColumnRole>();
for (const { role, headers } of COLUMN_HEADERS) {
  for (const h of headers) if (!HEADER_TABLE.has(labelKey(h))) HEADER_TABLE.set(labelKey(h), role);
}

/** Roles that several columns may share: 备注 + 指标解释; 指标性质 (定量/定性) + 计算符号 (≥). */
const REPEATABLE = new Set<ColumnRole>(['note', 'operator']);

/** The role of a header cell, or null. Hints such as (150字内), (A) or (50分) are ignored. */
export function columnRole(text: string | null): ColumnRole | null {
  return text === null ? null : roleOfKey(labelKey(text));
}

/** A header key is at most this long; longer text is never a column header. */
const HEADER_MAX = 30;

const MEMO = new Map<string, ColumnRole | null>();

/**
 * The role of a header cell given its label key (memoised: the same headers recur in every form;
 * text too long to be a header is not kept, so the memo holds no narratives).
 */
function roleOfKey(key: string): ColumnRole | null {
  if (key.length === 0 || key.length > HEADER_MAX) return null;
  let hit = MEMO.get(key);
  if (hit === undefined) {
    hit = lookupRole(key);
    if (MEMO.size > 50_000) MEMO.clear();
    MEMO.set(key, hit);
  }
  return hit;
}

function lookupRole(rawKey: string): ColumnRole | null {
  let key = rawKey;
  for (;;) {
    // a header may name the year: 2025年度指标值 (年度指标值), 2025年指标值 (指标值)
    const hit =
      HEADER_TABLE.get(key) ??
      HEADER_TABLE.get(key.replace(LEADING_YEAR, '')) ??
      HEADER_TABLE.get(key.replace(LEADING_YEAR_WORD, ''));
    if (hit) return hit;
    if (!TRAILING_PAREN.test(key)) return null;
    key = key.replace(TRAILING_PAREN, '');
  }
}

/** The year a header names before a header the dictionaries know (2025年指标值 → 2025), or null. */
function namedYear(key: string): string | null {
  if (HEADER_TABLE.has(key)) return null;
  const year =
    LEADING_YEAR.exec(key)?.[0] ?? /^\d{4}/u.exec(LEADING_YEAR_WORD.exec(key)?.[0] ?? '')?.[0];
  return year !== undefined && roleOfKey(key) !== null ? year : null;
}

/**
 * A header that is only a year (2025年, 2025年度), as value columns are headed by year. The year
 * word is required: a bare number (1200, or 2025 as a target) in the row under a header is data.
 */
const BARE_YEAR = new RegExp(`^((?:19|20)\\d{2})${YEAR_WORD}${FISCAL_YEAR_SUFFIX}?$`, 'u');
/** Whether a header key is a bare year (its length and first digit checked before the pattern). */
const isBareYear = (key: string): boolean =>
  key.length >= 5 && key.length <= 6 && (key[0] === '1' || key[0] === '2') && BARE_YEAR.test(key);

/**
 * The role and named year of a header cell: 2025年指标值 is a value column of 2025; a bare year
 * (2025年) is a column of the role `yearRole` gives it (a value column, or the column of the
 * header spanning over it), if any.
 */
function headerOf(
  cell: LineCell,
  yearRole: (cell: LineCell) => ColumnRole | null,
): { role: ColumnRole | null; year: string | null } {
  // (a bare 2025年度 is a year, not the 年度 column of 2025)
  const bare = isBareYear(cell.key) ? BARE_YEAR.exec(cell.key)![1] : undefined;
  const given = bare !== undefined ? yearRole(cell) : null;
  if (given !== null) return { role: given, year: bare! };
  const role = roleOfKey(cell.key);
  return { role, year: role !== null ? namedYear(cell.key) : null };
}

/** Roles of a column of values (targets, or the 实际完成值 of a self-evaluation). */
const VALUE_LIKE = new Set<ColumnRole>(['value', 'value_annual', 'value_midterm', 'actual']);

/**
 * Header columns of a line; with `carried`, also header cells that span down from the row above.
 * Bare years head value columns when nothing else in the line does (一级指标 | … | 2025年 |
 * 2026年), or, given `under`, the columns of the header spanning over them (指标值 over 2024年 |
 * 2025年 | 2026年).
 */
function columnsOf(
  line: Line,
  carried: boolean,
  year: number | null = null,
  skipped: string[] = [],
  kept: string[] = [],
  under: HeaderColumn[] | null = null,
): HeaderColumn[] {
  const columns: HeaderColumn[] = [];
  // (worked out only when a bare year is met: most lines have none)
  let hasValue: boolean | undefined;
  const yearRole = (cell: LineCell): ColumnRole | null => {
    if (under === null) {
      hasValue ??= line.cells.some(
        (c) => !isBareYear(c.key) && VALUE_LIKE.has(roleOfKey(c.key) ?? 'note'),
      );
      return hasValue ? null : 'value';
    }
    const over = under.find((u) => u.from <= cell.col && cell.col <= u.to && u.to > u.from);
    return over && VALUE_LIKE.has(over.role) ? over.role : null;
  };
  // headers of one role naming different years (2024年指标值 | 2025年指标值): the one naming
  // the form's year is read; the others (all, when none names it) are not (their cells unplaced)
  const yearsOf = new Map<ColumnRole, Set<string>>();
  for (const c of line.cells) {
    const { role, year: named } = headerOf(c, yearRole);
    if (named === null || role === null) continue;
    yearsOf.set(role, (yearsOf.get(role) ?? new Set()).add(named));
  }
  for (const cell of line.cells) {
    if ((!cell.isStart && !carried) || cell.text === null) continue;
    const header = headerOf(cell, yearRole);
    const named = header.year;
    if (named !== null && (yearsOf.get(header.role!)?.size ?? 0) > 1) {
      if (named !== String(year)) {
        skipped.push(cell.text);
        continue;
      }
      kept.push(cell.text);
    }
    let role = header.role;
    // a second name column (指标名称 | 指标内容) describes the indicator: it is read as a note
    if (role === 'name' && columns.some((c) => c.role === 'name')) role = 'note';
    if (role && (REPEATABLE.has(role) || !columns.some((c) => c.role === role))) {
      columns.push({
        role,
        from: cell.col,
        to: cell.col + cell.colSpan - 1,
        header: cell.text,
        carried: !cell.isStart,
      });
    }
  }
  return columns;
}

/**
 * A value header over sub-columns of which none is a value column (指标值 over 符号 | 数值 | 单位,
 * or over 符号 | (blank) | 单位): the one sub-cell no known header claims holds the value, and takes
 * the role of the header over it. None when more than one is unclaimed (which one is unknown).
 */
function valueSubcolumns(
  columns: HeaderColumn[],
  more: HeaderColumn[],
  next: Line,
): HeaderColumn[] {
  const found: HeaderColumn[] = [];
  for (const c of columns) {
    if (!VALUE_LIKE.has(c.role) || c.to === c.from) continue;
    const subs = more.filter((m) => m.from >= c.from && m.to <= c.to);
    if (subs.length === 0 || subs.some((m) => VALUE_LIKE.has(m.role))) continue;
    // (a known header is no value, also when it was left out as a repeat: the 单位 under the
    // second of 中期指标值 | 年度指标值)
    const free = next.cells.filter(
      (x) =>
        x.isStart &&
        x.col >= c.from &&
        x.col + x.colSpan - 1 <= c.to &&
        !subs.some((m) => m.from <= x.col && x.col <= m.to) &&
        (x.text === null || roleOfKey(x.key) === null),
    );
    if (free.length !== 1) continue;
    const cell = free[0]!;
    found.push({
      role: c.role,
      from: cell.col,
      to: cell.col + cell.colSpan - 1,
      header: cell.text ?? c.header,
      carried: false,
    });
  }
  return found;
}

function roleSet(columns: HeaderColumn[]): Set<ColumnRole> {
  return new Set(columns.map((c) => c.role));
}

function isHeader(roles: Set<ColumnRole>): boolean {
  const hasName = roles.has('name');
  const hasValue =
    roles.has('value') ||
    roles.has('value_annual') ||
    roles.has('value_midterm') ||
    roles.has('actual');
  const hasLevel = roles.has('level1') || roles.has('level2');
  if (roles.size < 3) return false;
  // 一级指标 | 二级指标 | 三级指标 …, or a flat list: 指标名称 | 指标值 | 权重
  return (
    (hasLevel && (hasName || hasValue) && (hasName || roles.has('level2'))) || (hasName && hasValue)
  );
}

/**
 * Reads an indicator header starting at `lines[i]`. A two-row header (绩效指标 over
 * 一级指标 | 二级指标 | …, or 指标值 over 中期指标值 | 年度指标值) is merged into one map.
 */
export function readHeader(lines: Line[], i: number, year: number | null = null): ColumnMap | null {
  const first = lines[i];
  if (!first || first.row === null) return null;
  const skipped: string[] = [];
  const keptYears: string[] = [];
  const columns = columnsOf(first, true, year, skipped, keptYears);
  if (!columns.some((c) => !c.carried)) return null;
  // header cells spanning down from the row above (指标值 with rowspan 2 over 一级 | 二级 | 三级)
  const above = lines[i - 1];
  const startOffset = columns.some((c) => c.carried) && above?.block === first.block ? -1 : 0;
  const headerLines = startOffset === -1 ? [above!, first] : [first];
  const next = lines[i + 1];
  if (columns.length >= 2 && next && next.block === first.block) {
    // (the row is probed with lists of its own: its years count only when it is a header row)
    const nextSkipped: string[] = [];
    const nextKept: string[] = [];
    const more = columnsOf(next, false, year, nextSkipped, nextKept, columns);
    more.push(...valueSubcolumns(columns, more, next));
    // (year columns left out count: 指标值 over 2024年 | 2025年 | 2026年 keeps one)
    const found = more.length + nextSkipped.length;
    if (found >= 2 && !hasDataBeyond(next, found)) {
      // a second header row refines the first (指标值 over 中期指标值 | 年度指标值): the lower
      // row's columns replace the upper cells they sit under
      const kept = columns.filter((c) => !more.some((m) => m.from >= c.from && m.to <= c.to));
      const merged = [...kept, ...more].sort((a, b) => a.from - b.from);
      if (isHeader(roleSet(merged))) {
        headerLines.push(next);
        skipped.push(...nextSkipped);
        keptYears.push(...nextKept);
        return withNameColumn({
          columns: merged,
          headerLines,
          startOffset,
          width: first.width,
          ...(skipped.length > 0 ? { otherYears: { skipped, kept: keptYears[0] ?? null } } : {}),
        });
      }
    }
  }
  if (!isHeader(roleSet(columns))) return null;
  const categoriesIn = categoriesInOperatorColumn(columns, lines, i + 1);
  return withNameColumn({
    columns,
    headerLines,
    startOffset,
    width: first.width,
    ...(categoriesIn ? { categoriesIn } : {}),
    ...(skipped.length > 0 ? { otherYears: { skipped, kept: keptYears[0] ?? null } } : {}),
  });
}

/**
 * A header with level and value columns but no name column (三级指标 left blank, or worded as
 * the dictionaries do not know: 绩效指标): the grid columns between the level-2 column and the
 * first value column, under no other header, are the name column (`nameInferred` says so).
 */
function withNameColumn(map: ColumnMap): ColumnMap {
  const { columns } = map;
  if (columns.some((c) => c.role === 'name')) return map;
  const level2 = columns.find((c) => c.role === 'level2');
  const value = columns
    .filter((c) => VALUE_ROLES.has(c.role) || c.role === 'actual')
    .sort((a, b) => a.from - b.from)[0];
  if (!level2 || !value || value.from <= level2.to + 1) return map;
  const [from, to] = [level2.to + 1, value.from - 1];
  if (columns.some((c) => c.from <= to && c.to >= from)) return map;
  const header = map.headerLines
    .flatMap((l) => l.cells)
    .filter((c) => c.isStart && c.text !== null && c.col >= from && c.col + c.colSpan - 1 <= to)
    .map((c) => c.text!)
    .join(' ');
  const name: HeaderColumn = { role: 'name', from, to, header, carried: false };
  return {
    ...map,
    columns: [...columns, name].sort((a, b) => a.from - b.from),
    nameInferred: header,
  };
}

/** Data rows looked at to tell what an operator column holds. */
const SAMPLE_ROWS = 12;

/**
 * An operator column whose header also names categories (指标类型 | 指标名称 | 目标值 in a table
 * with no level columns) that holds level-2 names (数量指标, 质量指标 …) in most of its rows is
 * the level-2 column; its header is returned.
 */
function categoriesInOperatorColumn(
  columns: HeaderColumn[],
  lines: Line[],
  from: number,
): string | null {
  if (columns.some((c) => c.role === 'level1' || c.role === 'level2')) return null;
  const block = lines[from - 1]?.block;
  for (const column of columns) {
    if (column.role !== 'operator') continue;
    let filled = 0;
    let categories = 0;
    for (const line of lines.slice(from, from + SAMPLE_ROWS)) {
      if (line.block !== block) break;
      const cell = line.cells.find((c) => c.col === column.from && c.isStart && c.text !== null);
      if (!cell) continue;
      filled++;
      if (level2Info(cell.text!)) categories++;
    }
    if (filled > 0 && categories * 2 > filled) {
      column.role = 'level2';
      return column.header;
    }
  }
  return null;
}

/** True when a line that looks like a header also holds cells that are not headers (data). */
function hasDataBeyond(line: Line, headerCount: number): boolean {
  const textCells = line.cells.filter((c) => c.isStart && c.text !== null).length;
  return textCells > headerCount + 1;
}

/**
 * Header cells with no role (a column the dictionary does not know), leaving out group captions
 * such as 绩效指标 / 年度绩效指标 that sit over the header.
 */
export function unknownHeaders(map: ColumnMap): LineCell[] {
  const cells = map.headerLines.flatMap((l) => l.cells.filter((c) => c.isStart && c.text !== null));
  const inferred =
    map.nameInferred === undefined ? null : map.columns.find((c) => c.role === 'name');
  // a header read as a column's though no dictionary knows it (a bare year 2025年, the 数值 under
  // 指标值), or a year left out as another year's (2026年), is known
  const read = (c: LineCell): boolean =>
    map.columns.some((m) => m.from === c.col && m.header === c.text) ||
    (isBareYear(c.key) && (map.otherYears?.skipped.includes(c.text!) ?? false));
  return cells.filter(
    (c) =>
      roleOfKey(c.key) === null &&
      matchLabel(c.key)?.kind !== 'group' &&
      !read(c) &&
      !(inferred && c.col >= inferred.from && c.col <= inferred.to),
  );
}

/** The header text of the column at grid column `col`, when a header cell with no role covers it. */
export function unknownHeaderAt(map: ColumnMap, col: number): string | null {
  const hit = unknownHeaders(map).find((c) => col >= c.col && col < c.col + c.colSpan);
  return hit?.text ?? null;
}

/** The text of any header cell over grid column `col` (the lowest header row first), or null. */
export function headerAt(map: ColumnMap, col: number): string | null {
  for (const line of [...map.headerLines].reverse()) {
    const hit = line.cells.find(
      (c) => c.isStart && c.text !== null && col >= c.col && col < c.col + c.colSpan,
    );
    if (hit) return hit.text;
  }
  return null;
}

/** The role whose columns contain grid column `col`. */
export function roleAt(map: ColumnMap, col: number): ColumnRole | null {
  for (const c of map.columns) if (col >= c.from && col <= c.to) return c.role;
  return null;
}

export function hasRole(map: ColumnMap, role: ColumnRole): boolean {
  return map.columns.some((c) => c.role === role);
}

/** Roles of a target value column. */
const VALUE_ROLES = new Set<ColumnRole>(['value', 'value_annual', 'value_midterm']);

/** Data rows looked at to decide whether a value header's last column holds units. */
const UNIT_PROBE_ROWS = 60;

/**
 * A value header over two or more grid columns (指标值 over "≥120 | 万人次") whose last column
 * holds nothing but units in the rows below it, in a table with no unit column: that column is
 * the unit column. `rows` are the lines after the header. Returns the map with the value column
 * narrowed and a unit column added (and the column split), or the map unchanged (split null) when
 * any cell of that column is not a unit, or when more than one value column would qualify.
 */
export function withUnitSubcolumn(
  map: ColumnMap,
  rows: Line[],
): { map: ColumnMap; split: HeaderColumn | null } {
  if (hasRole(map, 'unit')) return { map, split: null };
  const block = rows[0]?.block;
  const data = rows.slice(0, UNIT_PROBE_ROWS).filter((l) => l.block === block && l.row !== null);
  const qualifying = map.columns.flatMap((c) => {
    const at = VALUE_ROLES.has(c.role) && c.to > c.from ? unitStart(c, data) : null;
    return at === null ? [] : [{ split: c, at }];
  });
  if (qualifying.length !== 1) return { map, split: null };
  const { split, at } = qualifying[0]!;
  const unit: HeaderColumn = { ...split, role: 'unit', from: at };
  const columns = map.columns
    .flatMap((c) => (c === split ? [{ ...c, to: at - 1 }, unit] : [c]))
    .sort((a, b) => a.from - b.from);
  return { map: { ...map, columns }, split };
}

/**
 * Where the unit part of value column `c` starts: the one grid column at which, in every row that
 * has one, a cell starts after the value and runs to the column's right edge holding a unit; at
 * least two such cells and a value with a digit beside them. Null otherwise.
 */
function unitStart(c: HeaderColumn, data: Line[]): number | null {
  let start: number | null = null;
  let units = 0;
  let values = 0;
  for (const line of data) {
    for (const cell of line.cells) {
      if (!cell.isStart || cell.text === null) continue;
      if (cell.col > c.from && cell.col + cell.colSpan - 1 === c.to) {
        if (!isUnitText(fold(cell.text)) || (start !== null && cell.col !== start)) return null;
        start = cell.col;
        units++;
      } else if (
        cell.col >= c.from &&
        cell.col + cell.colSpan - 1 < c.to &&
        /\d/u.test(cell.text)
      ) {
        values++;
      }
    }
  }
  return units >= 2 && values >= 1 ? start : null;
}

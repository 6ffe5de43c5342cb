// Assembles one form's record (all but `source`) from its lines: title and type, header fields,
// sections, goals, funding, indicator tables, categories and diagnostics.
import { FORM_TYPE_BY_NAME_LABEL } from '../dict/titles.js';
import type { Origin } from '../model/document.js';
import type { FormRecord, FormType } from '../normalize/schema.js';
import { labelKey, oneLine } from '../text/normalize.js';
import { Diagnostics } from './diagnostics.js';
import { extractHeader, type Assignment } from './fields.js';
import { resolveYear, yearIn } from './fiscal-year.js';
import { applyAssignments } from './header-record.js';
import { resolveFunding } from './funding.js';
import { proseLike } from './header-cells.js';
import { extractIndicators, type IndicatorTables } from './indicators.js';
import { level1Code, level2Info } from './levels.js';
import { matchLabel, splitInlineLabel } from './label-match.js';
import type { Line } from './lines.js';
import { at, inReadingOrder, type ExtraField, type UnplacedCell } from './placed.js';
import { ENUMERATOR, YEAR_COLUMN } from './patterns.js';
import {
  besideInTitle,
  cleanTitle,
  formTypeOfTitle,
  leadText,
  titleCell,
  titleOf,
  type FormSlice,
} from './segment.js';

export type FormBody = Omit<FormRecord, 'source'>;

function formTypeOf(title: string | null, assignments: Assignment[]): FormType {
  const named = formTypeOfTitle(title);
  if (named !== null) return named;
  const nameLabel = assignments.find((a) => a.key === 'name');
  if (nameLabel) {
    const key = labelKey(nameLabel.label);
    for (const { type, labels } of FORM_TYPE_BY_NAME_LABEL)
      if (labels.some((l) => labelKey(l) === key)) return type;
  }
  return 'unknown';
}

/** A level-1 or level-2 category label (产出指标, 数量指标 …). */
const isCategory = (text: string): boolean =>
  level1Code(text) !== null || level2Info(text) !== null;

function endsTable(line: Line): 'end' | 'total' | null {
  const first = line.cells.find((c) => c.isStart && c.text !== null);
  if (!first) return null;
  // a footer merged into the table's last row (打印日期：2024-10-15) ends it too
  const m = matchLabel(first.key) ?? splitInlineLabel(first.text!)?.match ?? null;
  if (!m) {
    // …or a sign-off pair printed later in the row (财务负责人：谭丽 | 填报日期：…)
    const later = line.cells.some(
      (c) => c.isStart && c.text !== null && splitInlineLabel(c.text)?.match.kind === 'extra',
    );
    // …or a line of prose alone in the first column, below the table (a web page's footer
    // that a sheet imported from the page holds: 【打印本页】【关闭窗口】主办：…)
    // …or a numbered heading alone there that names no one category (二、效益指标及满意度
    // 指标 over the next table, a paragraph a sheet imported from a page holds in a row)
    const texts = line.cells.filter((c) => c.isStart && c.text !== null);
    const text = oneLine(first.text)!;
    const heading = ENUMERATOR.exec(text);
    const prose =
      texts.length === 1 &&
      first.col === 0 &&
      (proseLike(text) || heading !== null) &&
      !isCategory(heading ? text.slice(heading[0].length) : text);
    return later || prose ? 'end' : null;
  }
  if (m.kind === 'total') return 'total';
  return m.kind === 'group' ? null : 'end';
}

/**
 * The line without its title cell (a line with no title is returned as it is); what the title
 * cell holds after the title (单位：万元) stays, as a cell of its own.
 */
function withoutTitle(line: Line): Line {
  const title = titleCell(line);
  if (!title) return line;
  return { ...line, cells: line.cells.flatMap((c) => (c !== title ? [c] : besideInTitle(c))) };
}

/** Extracts one form. */
/**
 * One form's record body. `sheet` is the worksheet the form is on: a sheet named for a year
 * (2025年) gives the fiscal year of a form that states none.
 */
export function extractForm(slice: FormSlice, sheet: string | null = null): FormBody {
  const diags = new Diagnostics();
  const title = slice.title;
  const titleYear = yearIn(title);
  const lines = slice.lines.filter((l) => l !== slice.titleLine);
  const isTitle = (l: Line): boolean => titleOf(l) !== null;
  const readTables = (year: number | null): { tables: IndicatorTables; d: Diagnostics } => {
    const d = new Diagnostics();
    return { tables: extractIndicators(lines, { fiscalYear: year, isTitle, endsTable }, d), d };
  };
  let pass = readTables(titleYear);
  // a title line may carry the unit or the year beside the title (单位：万元): those cells are read
  const headerLines = [slice.titleLine, ...lines]
    .filter((l, i): l is Line => l !== null && (i === 0 || !pass.tables.consumed.has(i - 1)))
    .map(withoutTitle)
    .filter((l) => l.cells.some((c) => c.text !== null));
  const header = extractHeader(headerLines, diags);
  const a = header.assignments;

  const head = applyAssignments(a, diags);
  const { fields, sections, goals, period } = head;
  const extra: ExtraField[] = [...header.extra, ...head.extra];
  const sheetYear = sheet === null ? null : YEAR_COLUMN.exec(sheet.trim());
  let fiscalYear = resolveYear(titleYear, head.yearField, period, diags);
  if (fiscalYear === null && head.yearRange !== null) {
    const { label, value } = head.yearRange;
    diags.warn(
      'fiscal_year_ambiguous',
      `"${label}" gives several years (${value}) and nothing else states the year; no fiscal year is set.`,
      'fiscal_year',
    );
  }
  if (fiscalYear === null && sheetYear) {
    fiscalYear = Number(sheetYear[1]);
    diags.info(
      'fiscal_year_from_sheet',
      `The form states no year; the fiscal year ${fiscalYear} was taken from its worksheet's name "${sheet}".`,
      'fiscal_year',
    );
  }
  // the fiscal year only matters to deadlines written without a year (12月底前), which the first
  // pass reported as unparsed or inferred, and to value columns naming years: read the tables
  // again only then
  const yearMattered = pass.d.items.some(
    (d) =>
      d.code === 'unparsed_target' ||
      d.code === 'date_year_inferred' ||
      d.code === 'value_columns_other_years',
  );
  if (fiscalYear !== titleYear && yearMattered) pass = readTables(fiscalYear);
  const tables = pass.tables;

  const funding = resolveFunding(a, header.items, header.units, diags, fiscalYear);
  extra.push(...funding.extra);
  const unplaced: UnplacedCell[] = [...header.unplaced];
  for (const list of header.items)
    for (const row of list.rows)
      for (const c of row.loose) {
        unplaced.push({ text: c.text!, provenance: c.origin, at: at(row.line, c.col) });
      }
  unplaced.push(...tables.unplaced);
  extra.push(...tables.extra);

  const all = [...diags.items, ...pass.d.items];
  const categories = tables.categories.map((c, i) => {
    if (c.count === 0) {
      all.push({
        code: 'empty_category',
        severity: 'warning',
        message: `Category "${c.label ?? c.level1Label ?? c.level1}" declares no indicator.`,
        path: `categories[${i}]`,
        provenance: c.origin,
      });
    }
    return {
      level1: c.level1,
      level2: c.level2,
      label: c.label,
      level1_label: c.level1Label,
      indicator_count: c.count,
    };
  });
  if (!tables.found)
    all.push({
      code: 'no_indicator_table',
      severity: 'warning',
      message: 'The form has no indicator table.',
      path: 'indicators',
      provenance: null,
    });
  if (fields.name === null)
    all.push({
      code: 'missing_field',
      severity: 'warning',
      message: 'The form gives no name (no project, policy or department name field).',
      path: 'fields.name',
      provenance: null,
    });
  if (title === null)
    all.push({
      code: 'missing_title',
      severity: 'warning',
      message: 'No form title was found before the form.',
      path: 'title',
      provenance: null,
    });
  const unplacedOut = inReadingOrder(unplaced);
  const extraOut = inReadingOrder(extra).map((e) => ({ ...e, label: oneLine(e.label)! }));
  linkPaths(all, unplacedOut, extraOut);

  return {
    schema_version: '1',
    form_type: formTypeOf(title, a),
    framework: frameworkOf(tables),
    title: slice.titleLine
      ? (slice.titleLead ? leadText(slice.titleLead) : '') + cleanTitle(titleCell(slice.titleLine)!)
      : null,
    fiscal_year: fiscalYear,
    period,
    fields,
    sections,
    goals,
    funding: funding.funding,
    indicators: tables.indicators,
    categories,
    unplaced: unplacedOut,
    extra_fields: extraOut,
    diagnostics: all,
  };
}

function frameworkOf(tables: IndicatorTables): FormBody['framework'] {
  if (!tables.found) return null;
  const level1 = new Set(tables.categories.map((c) => c.level1));
  if (level1.has('input') || level1.has('process')) return 'legacy';
  if (level1.has('cost')) return '2021';
  return 'pre2021';
}

/**
 * Points unplaced_cell and unknown_label diagnostics at their entries: the entry from the same
 * place (one cell or paragraph may give several) that the message names, each entry once.
 */
function linkPaths(
  diags: FormBody['diagnostics'],
  unplaced: { provenance: Origin; text: string }[],
  extra: { provenance: Origin; label: string }[],
): void {
  // the items of each list by the cell they came from (a diagnostic names its item's cell)
  const byCell = (names: { provenance: Origin; name: string }[]) => {
    const map = new Map<Origin, { index: number; name: string }[]>();
    names.forEach(({ provenance, name }, index) => {
      const list = map.get(provenance);
      if (list) list.push({ index, name });
      else map.set(provenance, [{ index, name }]);
    });
    return map;
  };
  const cells = byCell(unplaced.map((u) => ({ provenance: u.provenance, name: u.text })));
  const labels = byCell(extra.map((u) => ({ provenance: u.provenance, name: u.label })));
  const claimed = new Set<object>();
  for (const d of diags) {
    const map = d.code === 'unplaced_cell' ? cells : d.code === 'unknown_label' ? labels : null;
    const list = map && d.provenance ? (map.get(d.provenance) ?? []) : [];
    const free = list.filter((u) => !claimed.has(u));
    const item = free.find((u) => d.message.includes(`"${u.name}"`)) ?? free[0];
    if (!item) continue;
    claimed.add(item);
    const i = item.index;
    d.path = `${d.code === 'unplaced_cell' ? 'unplaced' : 'extra_fields'}[${i}]`;
  }
}

// Assembles one form's record (all but `source`) from its lines: title and type, header fields,
// sections, goals, funding, indicator tables, categories and diagnostics.
import { FIELD_LABELS } from '../dict/labels.js';
import { FORM_TYPE_BY_NAME_LABEL, FORM_TYPE_BY_TITLE } from '../dict/titles.js';
import type { Origin } from '../model/document.js';
import { parseDate, parseDateRange } from '../normalize/dates.js';
import type { DateRange, FormRecord, FormType } from '../normalize/schema.js';
import { labelKey } from '../text/normalize.js';
import { Diagnostics } from './diagnostics.js';
import { extractHeader, type Assignment } from './fields.js';
import { resolveFunding } from './funding.js';
import { extractIndicators, type IndicatorTables } from './indicators.js';
import { matchLabel, splitInlineLabel } from './label-match.js';
import type { Line } from './lines.js';
import { at, inReadingOrder, type ExtraField, type UnplacedCell } from './placed.js';
import { BARE_YEAR, YEAR_WITH_WORD } from './patterns.js';
import { TRAILING_PAREN } from './patterns.js';
import { readOptions } from './options.js';
import { cleanTitle, titleCell, titleOf, type FormSlice } from './segment.js';

export type FormBody = Omit<FormRecord, 'source'>;

type TextField = 'name' | 'authority' | 'implementing_unit' | 'fund_use' | 'category' | 'contact';
type SectionField = 'overview' | 'basis' | 'necessity' | 'safeguards' | 'plan';

function formTypeOf(title: string | null, assignments: Assignment[]): FormType {
  if (title !== null) {
    const key = labelKey(title);
    for (const { type, words } of FORM_TYPE_BY_TITLE)
      if (words.some((w) => key.includes(labelKey(w)))) return type;
  }
  const nameLabel = assignments.find((a) => a.key === 'name');
  if (nameLabel) {
    const key = labelKey(nameLabel.label);
    for (const { type, labels } of FORM_TYPE_BY_NAME_LABEL)
      if (labels.some((l) => labelKey(l) === key)) return type;
  }
  return 'unknown';
}

/** Position of a label in its key's synonym list: lower is the more specific wording. */
function labelRank(key: string, label: string): number {
  const labels = FIELD_LABELS.find((f) => f.key === key)?.labels ?? [];
  const k = labelKey(label).replace(TRAILING_PAREN, '');
  const i = labels.findIndex((l) => labelKey(l) === k);
  return i < 0 ? labels.length : i;
}

function yearIn(text: string | null): number | null {
  const m = text ? (YEAR_WITH_WORD.exec(text) ?? BARE_YEAR.exec(text)) : null;
  return m ? Number(m[1]) : null;
}

function endsTable(line: Line): 'end' | 'total' | null {
  const first = line.cells.find((c) => c.isStart && c.text !== null);
  if (!first) return null;
  // a footer merged into the table's last row (打印日期：2024-10-15) ends it too
  const m = matchLabel(first.key) ?? splitInlineLabel(first.text!)?.match ?? null;
  if (!m) return null;
  if (m.kind === 'total') return 'total';
  return m.kind === 'group' ? null : 'end';
}

/** The line without its title cell (a line with no title is returned as it is). */
function withoutTitle(line: Line): Line {
  const title = titleCell(line);
  return title ? { ...line, cells: line.cells.filter((c) => c !== title) } : line;
}

function stripParens(s: string): string {
  return s.replace(/^\((.*)\)$/su, '$1').trim();
}

/** Extracts one form. */
export function extractForm(slice: FormSlice): FormBody {
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

  const fields: FormBody['fields'] = {
    name: null,
    authority: null,
    implementing_unit: null,
    fund_use: null,
    category: null,
    contact: null,
    duration: null,
  };
  const sections: FormBody['sections'] = {
    overview: null,
    basis: null,
    necessity: null,
    safeguards: null,
    plan: null,
  };
  const goals: FormBody['goals'] = { overall: null, annual: { planned: null, expected: null } };
  const extra: ExtraField[] = [...header.extra];
  const firstLabel = new Map<string, string>();
  let period = null as DateRange | null;
  let yearField: number | null = null;
  let start: string | null = null;
  let end: string | null = null;

  /** Sets a slot once; a second value under the same label is a duplicate, under another label an extra field. */
  const put = (
    slot: string,
    x: Assignment,
    current: unknown,
    set: () => void,
    same = x.value,
  ): void => {
    if (x.value === null) return;
    if (current === null || current === undefined) {
      set();
      firstLabel.set(slot, x.label);
      return;
    }
    if (current === same) return;
    const first = firstLabel.get(slot);
    if (first !== undefined && labelRank(x.key, x.label) < labelRank(x.key, first)) {
      // a more specific label for the same key (项目类别 before 项目性质) takes the field
      const previous = a.find((y) => y.label === first && y.value === current);
      if (previous)
        extra.push({
          label: previous.label,
          value: previous.value,
          provenance: previous.origin,
          at: at(previous.line, previous.col),
        });
      set();
      firstLabel.set(slot, x.label);
      return;
    }
    if (firstLabel.get(slot) === x.label) {
      diags.warn(
        'duplicate_field',
        `"${x.label}" appears twice with different values; the first is kept.`,
        slot,
        x.origin,
      );
    }
    extra.push({ label: x.label, value: x.value, provenance: x.origin, at: at(x.line, x.col) });
  };

  for (const x of a) {
    const v = x.value;
    switch (x.key) {
      case 'name':
      case 'authority':
      case 'implementing_unit':
      case 'fund_use':
      case 'category':
      case 'contact': {
        const read = v === null ? null : readOptions(v);
        if (read?.options && read.value === null) {
          diags.warn(
            'no_option_ticked',
            `"${x.label}" lists options but none is ticked: ${v}`,
            `fields.${x.key}`,
            x.origin,
          );
          break;
        }
        const value = read?.value ?? null;
        put(
          `fields.${x.key}`,
          { ...x, value },
          fields[x.key],
          () => (fields[x.key as TextField] = value),
        );
        break;
      }
      case 'overview':
      case 'basis':
      case 'necessity':
      case 'safeguards':
      case 'plan':
        put(`sections.${x.key}`, x, sections[x.key], () => (sections[x.key as SectionField] = v));
        break;
      case 'goal_overall':
        put('goals.overall', x, goals.overall, () => (goals.overall = v));
        break;
      case 'goal_annual':
      case 'goal_planned':
        put('goals.annual.planned', x, goals.annual.planned, () => (goals.annual.planned = v));
        break;
      case 'goal_expected':
        put('goals.annual.expected', x, goals.annual.expected, () => (goals.annual.expected = v));
        break;
      case 'duration':
        put('fields.duration', x, fields.duration?.raw, () => {
          const r = parseDateRange(v!);
          if (!r)
            diags.warn('date_unparsed', `"${v}" is not a date range.`, 'fields.duration', x.origin);
          fields.duration = { raw: v, start: r?.start ?? null, end: r?.end ?? null };
        });
        break;
      case 'duration_start':
      case 'duration_end': {
        const d = v === null ? null : parseDate(v);
        if (v !== null && d === null)
          diags.warn('date_unparsed', `"${v}" is not a date.`, 'fields.duration', x.origin);
        if (x.key === 'duration_start') start ??= d;
        else end ??= d;
        break;
      }
      case 'period':
        put(
          'period',
          x,
          period?.raw,
          () => {
            const raw = stripParens(v!);
            const r = parseDateRange(raw);
            if (r) period = { raw, start: r.start, end: r.end };
            else yearField ??= yearIn(raw);
          },
          v === null ? null : stripParens(v),
        );
        break;
      case 'fiscal_year':
        if (v !== null) yearField ??= yearIn(v);
        break;
      default:
        break; // funding: below
    }
  }
  if (fields.duration === null && (start !== null || end !== null))
    fields.duration = { raw: null, start, end };

  const fiscalYear = resolveYear(titleYear, yearField, period, diags);
  // the fiscal year only matters to deadlines written without a year (12月底前), which the first
  // pass reported as unparsed or inferred: read the tables again only then
  const yearMattered = pass.d.items.some(
    (d) => d.code === 'unparsed_target' || d.code === 'date_year_inferred',
  );
  if (fiscalYear !== titleYear && yearMattered) pass = readTables(fiscalYear);
  const tables = pass.tables;

  const funding = resolveFunding(a, header.items, header.units, diags);
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
  const extraOut = inReadingOrder(extra);
  linkPaths(all, unplacedOut, extraOut);

  return {
    schema_version: '1',
    form_type: formTypeOf(title, a),
    framework: frameworkOf(tables),
    title: slice.titleLine ? cleanTitle(titleCell(slice.titleLine)!) : null,
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

function resolveYear(
  title: number | null,
  field: number | null,
  period: DateRange | null,
  diags: Diagnostics,
): number | null {
  let fromPeriod: number | null = null;
  if (period?.start && period.end) {
    const s = Number(period.start.slice(0, 4));
    const e = Number(period.end.slice(0, 4));
    if (s === e) fromPeriod = s;
    else if (title === null && field === null) {
      diags.warn(
        'fiscal_year_ambiguous',
        `The period ${period.raw} spans several years; no fiscal year is set.`,
        'fiscal_year',
      );
    }
  }
  const sources = [title, field, fromPeriod].filter((y): y is number => y !== null);
  const year = sources[0] ?? null;
  if (sources.some((y) => y !== year)) {
    diags.warn(
      'fiscal_year_conflict',
      `The form states several years (${[...new Set(sources)].join(', ')}); ${year} is kept.`,
      'fiscal_year',
    );
  }
  return year;
}

function frameworkOf(tables: IndicatorTables): FormBody['framework'] {
  if (!tables.found) return null;
  const level1 = new Set(tables.categories.map((c) => c.level1));
  if (level1.has('input') || level1.has('process')) return 'legacy';
  if (level1.has('cost')) return '2021';
  return 'pre2021';
}

/** Points unplaced_cell and unknown_label diagnostics at their entries. */
function linkPaths(
  diags: FormBody['diagnostics'],
  unplaced: { provenance: Origin }[],
  extra: { provenance: Origin }[],
): void {
  for (const d of diags) {
    const list = d.code === 'unplaced_cell' ? unplaced : d.code === 'unknown_label' ? extra : null;
    if (!list) continue;
    const i = list.findIndex((u) => u.provenance === d.provenance);
    if (i >= 0) d.path = `${d.code === 'unplaced_cell' ? 'unplaced' : 'extra_fields'}[${i}]`;
  }
}

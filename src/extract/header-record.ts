// Turns the header's label/value assignments into the record's fields, sections, goals and
// period: one value per key, the more specific label first, duplicates and extras kept.
import {
  FIELD_LABELS,
  ORGANISATION_ENDINGS,
  TEXT_FIELD_KEYS,
  UNIT_NAME_LABELS,
  type FieldKey,
} from '../dict/labels.js';
import { parseDate, parseDateRange } from '../normalize/dates.js';
import type { DateRange, FormRecord } from '../normalize/schema.js';
import { labelKey, oneLine } from '../text/normalize.js';
import type { Diagnostics } from './diagnostics.js';
import type { Assignment } from './fields.js';
import { yearIn } from './fiscal-year.js';
import { readOptions } from './options.js';
import { TRAILING_PAREN } from './patterns.js';
import { at, type ExtraField } from './placed.js';

type Body = Omit<FormRecord, 'source'>;
/** A contact that starts with a name in Han characters right before a phone number. */
const NAME_THEN_PHONE = /^(\p{Script=Han}{2,6})(?=[+(（]?\d{3,})/u;

type TextField = (typeof TEXT_FIELD_KEYS)[number];
type SectionField = 'overview' | 'basis' | 'necessity' | 'safeguards' | 'plan';

export interface HeaderRecord {
  fields: Body['fields'];
  sections: Body['sections'];
  goals: Body['goals'];
  period: DateRange | null;
  /** A year stated by a year field, a bare year line or a period that is not a range. */
  yearField: number | null;
  /** A label of the year that holds several years (实施年度 | 2024-2026年), kept in extra. */
  yearRange: { label: string; value: string } | null;
  /** Values that lost to another of the same key, kept as extra fields. */
  extra: ExtraField[];
}

/** Position of a label in its key's synonym list: lower is the more specific wording. */
function labelRank(key: string, label: string): number {
  const labels = FIELD_LABELS.find((f) => f.key === key)?.labels ?? [];
  const k = labelKey(label).replace(TRAILING_PAREN, '');
  const i = labels.findIndex((l) => labelKey(l) === k);
  return i < 0 ? labels.length : i;
}

const UNIT_NAMES = new Map(
  UNIT_NAME_LABELS.flatMap(({ key, labels }) => labels.map((l) => [labelKey(l), key] as const)),
);

/** The field a unit-name label (单位名称, 部门名称) stands for, or null for any other label. */
function unitNameKey(label: string): 'implementing_unit' | 'authority' | null {
  return UNIT_NAMES.get(labelKey(label).replace(TRAILING_PAREN, '')) ?? null;
}

/**
 * In a form that names its project or policy, a unit-name label names the unit: 单位名称 beside
 * 项目名称 is the implementing unit, not a second name.
 */
function unitNames(a: Assignment[], diags: Diagnostics): Assignment[] {
  const named = a.some((x) => x.key === 'name' && x.value !== null && !unitNameKey(x.label));
  if (!named) return a;
  return a.map((x) => {
    const key = x.key === 'name' ? unitNameKey(x.label) : null;
    if (!key) return x;
    diags.info(
      'unit_name_label',
      `"${x.label}" beside the project or policy name names the unit; read as ${key}.`,
      `fields.${key}`,
      x.origin,
    );
    return { ...x, key };
  });
}

function stripParens(s: string): string {
  return s.replace(/^\((.*)\)$/su, '$1').trim();
}

/** Applies the assignments in reading order. */
export function applyAssignments(a: Assignment[], diags: Diagnostics): HeaderRecord {
  const fields: Body['fields'] = {
    name: null,
    authority: null,
    implementing_unit: null,
    fund_use: null,
    category: null,
    contact: null,
    duration: null,
  };
  const sections: Body['sections'] = {
    overview: null,
    basis: null,
    necessity: null,
    safeguards: null,
    plan: null,
  };
  const goals: Body['goals'] = { overall: null, annual: { planned: null, expected: null } };
  const extra: ExtraField[] = [];
  /** The assignment (with the value as used) that holds each slot. */
  const holder = new Map<string, Assignment>();
  let period = null as DateRange | null;
  let yearField: number | null = null;
  let yearRange: { label: string; value: string } | null = null;
  let start: string | null = null;
  let end: string | null = null;
  let phone: Assignment | null = null;

  /** Keeps an assignment (or another value of it) as an extra field, where it stands. */
  const keep = (x: Assignment, value = x.value): void => {
    extra.push({ label: x.label, value, provenance: x.origin, at: at(x.line, x.col, x.part) });
  };

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
      holder.set(slot, x);
      return;
    }
    if (current === same) return;
    const first = holder.get(slot);
    if (first !== undefined && labelRank(x.key, x.label) < labelRank(x.key, first.label)) {
      // a more specific label for the same key (项目类别 before 项目性质) takes the field
      keep(first);
      set();
      holder.set(slot, x);
      return;
    }
    if (first?.label === x.label) {
      diags.warn(
        'duplicate_field',
        `"${x.label}" appears twice with different values; the first is kept.`,
        slot,
        x.origin,
      );
    }
    keep(x);
  };

  // a period written in a label's hint (项目总体目标（2024年-2026年）): the duration when the
  // form gives none, else kept beside it
  let hinted: { x: Assignment; raw: string; start: string; end: string } | null = null;
  for (const x of unitNames(a, diags)) {
    const v = x.value;
    const hint = TRAILING_PAREN.exec(x.label)?.[0].slice(1, -1).trim();
    const range = hint && /\d/u.test(hint) ? parseDateRange(hint) : null;
    if (
      hint &&
      range &&
      range.start !== range.end &&
      x.key !== 'duration' &&
      x.key !== 'period' &&
      hinted === null
    )
      hinted = { x, raw: hint, start: range.start, end: range.end };
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
        // a unit field over several rows, or several lines of one cell, each naming an
        // organisation keeps a line per row (two units); other rows and lines are one value
        // wrapped by hand (a name, a contact, 某区住房和城乡 | 建设局)
        const lines = (read?.value ?? '').split('\n').filter((l) => l.trim() !== '');
        const rows = x.rows ?? (lines.length > 1 ? lines : null);
        const value =
          rows && read?.options === false && severalUnits(x.key, rows)
            ? rows.map((r) => oneLine(r)).join('\n')
            : oneLine(read?.value ?? null);
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
        // (compared by the value read, also for a range over cells of its own, whose raw is null)
        put('fields.duration', x, holder.get('fields.duration')?.value, () => {
          // a lone year is a duration of that year (项目期限：2024年度)
          const year = parseDate(v!);
          const r = parseDateRange(v!) ?? (year?.length === 4 ? { start: year, end: year } : null);
          if (!r)
            diags.warn('date_unparsed', `"${v}" is not a date range.`, 'fields.duration', x.origin);
          // (a range over cells of its own has no raw: no one cell holds it; a spreadsheet date
          // cell gives its day)
          fields.duration = {
            raw: x.cells ? null : v,
            start: x.cells?.start ?? r?.start ?? null,
            end: x.cells?.end ?? r?.end ?? null,
          };
        });
        break;
      case 'duration_start':
      case 'duration_end': {
        // a spreadsheet date cell is a day, whatever part of it its format shows
        const d = x.day ?? (v === null ? null : parseDate(v));
        if (v !== null && d === null)
          diags.warn('date_unparsed', `"${v}" is not a date.`, 'fields.duration', x.origin);
        if (x.key === 'duration_start') start ??= d;
        else end ??= d;
        break;
      }
      case 'period':
        put('period', x, period === null ? null : holder.get('period')?.value, () => {
          const raw = stripParens(v!);
          const r = parseDateRange(raw);
          // (a range over cells of its own has no raw: no one cell holds it)
          if (r) period = { raw: x.cells ? null : raw, start: r.start, end: r.end };
          else yearField ??= yearIn(raw);
        });
        break;
      case 'fiscal_year': {
        if (v === null) break;
        // a label of the year holding several (实施年度 | 2024-2026年) gives no year: it is kept
        const range = parseDateRange(v);
        if (range?.start && range.end && range.start.slice(0, 4) !== range.end.slice(0, 4)) {
          keep(x);
          yearRange ??= { label: x.label, value: v };
          break;
        }
        yearField ??= yearIn(v);
        break;
      }
      case 'contact_phone':
        if (v === null) break;
        if (phone === null) phone = { ...x, value: oneLine(v) };
        else keep(x);
        break;
      default:
        break; // funding: below
    }
  }
  // the telephone completes a contact person named without one; else it is kept as it stands
  const person = fields.contact;
  if (phone !== null && (person === null || !/\d/u.test(person))) {
    fields.contact = person === null ? phone.value : `${person} ${phone.value}`;
  } else if (phone !== null) keep(phone);
  // a person and a phone in one cell read as in two (王建国 0571-87654321), also when the file
  // (or a PDF's layout) leaves no space between them: 周文静027-82803316
  if (fields.contact !== null) fields.contact = fields.contact.replace(NAME_THEN_PHONE, '$1 ');
  if (fields.duration === null && (start !== null || end !== null))
    fields.duration = { raw: null, start, end };
  if (hinted !== null && fields.duration === null) {
    fields.duration = { raw: hinted.raw, start: hinted.start, end: hinted.end };
    diags.info(
      'duration_from_label',
      `The period "${hinted.raw}" written in the label "${hinted.x.label}" was read as the duration.`,
      'fields.duration',
      hinted.x.origin,
    );
  } else if (
    hinted !== null &&
    (fields.duration?.start?.slice(0, 4) !== hinted.start.slice(0, 4) ||
      fields.duration?.end?.slice(0, 4) !== hinted.end.slice(0, 4))
  )
    keep(hinted.x, hinted.raw);
  return { fields, sections, goals, period, yearField, yearRange, extra };
}

/** Rows of a unit field that each name an organisation (each ends as one does). */
function severalUnits(key: FieldKey, rows: readonly string[]): boolean {
  if (key !== 'implementing_unit' && key !== 'authority') return false;
  return rows.every((r) => ORGANISATION_ENDINGS.some((e) => (oneLine(r) ?? '').endsWith(e)));
}

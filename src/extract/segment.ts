// Splits a part's lines into forms: a title followed by a new identity field (项目名称 …) starts
// a form; a repeated title without one continues the form before it.
import { MAX_TITLE_LENGTH, TITLE_MARKERS } from '../dict/titles.js';
import { labelKey, normalizeText, oneLine } from '../text/normalize.js';
import { readHeader } from './columns.js';
import { matchLabel, splitInlineLabel } from './label-match.js';
import type { Line, LineCell } from './lines.js';
import {
  NOT_A_TITLE,
  TITLE_END,
  TITLE_NOISE,
  TRAILING_PAREN,
  TITLE_YEAR,
  TRAILING_YEAR,
  YEAR_ONLY,
} from './patterns.js';

export interface FormSlice {
  title: string | null;
  titleLine: Line | null;
  lines: Line[];
}

/** A form being collected: whether it has its identity yet (and which name) and an indicator table. */
interface Building extends FormSlice {
  identity: boolean;
  name: string | null;
  indicators: boolean;
}

function building(title: string | null, titleLine: Line | null): Building {
  return { title, titleLine, lines: [], identity: false, name: null, indicators: false };
}

const MARKERS = TITLE_MARKERS.map(labelKey);

/** True when a cell's text reads as a form title: short, naming a target form. */
function isTitleText(rawKey: string): boolean {
  const key = rawKey.replace(TITLE_NOISE, '');
  if (key.length === 0 || key.length > MAX_TITLE_LENGTH || NOT_A_TITLE.test(key)) return false;
  if (!MARKERS.some((m) => key.includes(m))) return false;
  const core = key.replace(TRAILING_PAREN, '').replace(TRAILING_YEAR, '');
  return TITLE_END.test(core);
}

/**
 * The title cell when the line is a form title: the line's only text, or its only text beside
 * cells that declare the money unit (单位：万元) or the year, as Excel exports print them.
 */
export function titleCell(line: Line): LineCell | null {
  const texts = line.cells.filter((c) => c.isStart && c.text !== null);
  const titles = texts.filter((c) => isTitleText(c.key));
  if (titles.length !== 1) return null;
  const others = texts.filter((c) => c !== titles[0]);
  const beside = (c: LineCell): boolean =>
    matchLabel(c.key)?.kind === 'group' || YEAR_ONLY.test(c.text!);
  return others.every(beside) ? titles[0]! : null;
}

/**
 * The title as recorded: words printed before it in the same cell (打印 返回 …) and a trailing
 * year in brackets (（2026年度）, kept in fiscal_year) removed, so that a title reads the same
 * whether the year sits in its cell or on the next line.
 */
export function cleanTitle(cell: LineCell): string {
  const words = cell.source.split(/[\s\u00A0\u3000]+/u).filter((w) => w.length > 0);
  const first = words.findIndex(
    (w) => isTitleText(labelKey(w)) || MARKERS.some((m) => labelKey(w).includes(m)),
  );
  const kept = first > 0 ? (normalizeText(words.slice(first).join(' ')) ?? cell.text!) : cell.text!;
  const title = oneLine(kept)!;
  return title.replace(TITLE_YEAR, '').trim() || title;
}

/** The title text when the line is a form title. */
export function titleOf(line: Line): string | null {
  return titleCell(line)?.text ?? null;
}

/**
 * The form's identity on this line (项目名称, 政策名称, 部门名称 …): the name written beside the
 * label, '' when the label ends the line with no value, null when the line carries no identity.
 */
export function identityOf(line: Line): string | null {
  const cells = line.cells.filter((c) => c.isStart && c.text !== null);
  if (cells[0] && matchLabel(cells[0].key)?.kind === 'items') return null;
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k]!;
    const direct = matchLabel(c.key);
    if (direct?.kind === 'field' && direct.key === 'name') {
      // a name label followed by another label is a column heading (序号 | 项目名称 | 实施单位 …
      // of a list table), not the form's identity
      const next = cells[k + 1];
      if (!next) return '';
      return matchLabel(next.key) === null ? next.text! : null;
    }
    const inline = direct ? null : splitInlineLabel(c.text!);
    if (inline?.match.kind === 'field' && inline.match.key === 'name') return inline.value ?? '';
  }
  return null;
}

export function hasIdentity(line: Line): boolean {
  return identityOf(line) !== null;
}

/** The name a segment of lines gives, '' for a name label without a value, null for none. */
function segmentIdentity(lines: Line[]): string | null {
  let found: string | null = null;
  for (const l of lines) {
    const id = identityOf(l);
    if (id !== null && (found === null || found === '')) found = id;
  }
  return found;
}

/** A second identity starts a new form unless it repeats the current one (a page header). */
function isNewIdentity(current: { name: string | null; identity: boolean }, name: string): boolean {
  return current.identity && !(name !== '' && name === current.name);
}

function hasFormContent(lines: Line[]): boolean {
  return lines.some((l, i) => hasIdentity(l) || readHeader(lines, i) !== null);
}

/** The forms of one part, in order. Lines before the first form that carry no form content are left out. */
export function segmentForms(lines: Line[]): { forms: FormSlice[]; skipped: Line[] } {
  const titles = lines.map((l, i) => (titleOf(l) !== null ? i : -1)).filter((i) => i >= 0);
  const forms: FormSlice[] = [];
  let skipped: Line[] = [];
  const firstTitle = titles[0] ?? lines.length;
  const preamble = lines.slice(0, firstTitle);
  let current: Building | null = null;
  if (preamble.length > 0) {
    if (hasFormContent(preamble)) {
      current = building(null, null);
      forms.push(current);
      addLines(current, preamble, forms);
      current = forms[forms.length - 1] as typeof current;
    } else skipped = preamble.filter((l) => l.cells.some((c) => c.text !== null));
  }
  titles.forEach((start, t) => {
    const end = titles[t + 1] ?? lines.length;
    const segment = lines.slice(start, end);
    const identity = segmentIdentity(segment);
    if (current === null || (identity !== null && isNewIdentity(current, identity))) {
      current = building(titleOf(lines[start]!), lines[start]!);
      forms.push(current);
    }
    addLines(current, segment, forms);
    current = forms[forms.length - 1] as typeof current;
  });
  return { forms, skipped };
}

/**
 * Appends lines to a form; a second identity field after the form already has its identity and
 * an indicator table starts a new, untitled form (two forms on one sheet without a repeated title).
 */
function addLines(form: Building, segment: Line[], forms: FormSlice[]): void {
  let current = form;
  segment.forEach((line, k) => {
    const id = identityOf(line);
    if (id !== null) {
      if (current.indicators && isNewIdentity(current, id)) {
        current = building(null, null);
        forms.push(current);
      }
      current.identity = true;
      if (current.name === null || current.name === '') current.name = id;
    }
    if (!current.indicators && readHeader(segment, k) !== null) current.indicators = true;
    current.lines.push(line);
  });
}

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

/** True when the line carries the form's identity (项目名称, 政策名称, 部门名称 …). */
export function hasIdentity(line: Line): boolean {
  const first = line.cells.find((c) => c.isStart && c.text !== null);
  if (first && matchLabel(first.key)?.kind === 'items') return false;
  return line.cells.some((c) => {
    if (!c.isStart || c.text === null) return false;
    const m = matchLabel(c.key) ?? splitInlineLabel(c.text)?.match ?? null;
    return m !== null && m.kind === 'field' && m.key === 'name';
  });
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
  let current: (FormSlice & { identity: boolean; indicators: boolean }) | null = null;
  if (preamble.length > 0) {
    if (hasFormContent(preamble)) {
      current = { title: null, titleLine: null, lines: [], identity: false, indicators: false };
      forms.push(current);
      addLines(current, preamble, forms);
      current = forms[forms.length - 1] as typeof current;
    } else skipped = preamble.filter((l) => l.cells.some((c) => c.text !== null));
  }
  titles.forEach((start, t) => {
    const end = titles[t + 1] ?? lines.length;
    const segment = lines.slice(start, end);
    const identity = segment.some(hasIdentity);
    if (current === null || (identity && current.identity)) {
      current = {
        title: titleOf(lines[start]!),
        titleLine: lines[start]!,
        lines: [],
        identity: false,
        indicators: false,
      };
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
function addLines(
  form: FormSlice & { identity: boolean; indicators: boolean },
  segment: Line[],
  forms: FormSlice[],
): void {
  let current = form;
  segment.forEach((line, k) => {
    if (hasIdentity(line)) {
      if (current.identity && current.indicators) {
        current = { title: null, titleLine: null, lines: [], identity: false, indicators: false };
        forms.push(current);
      }
      current.identity = true;
    }
    if (!current.indicators && readHeader(segment, k) !== null) current.indicators = true;
    current.lines.push(line);
  });
}

// Splits a part's lines into forms: a title followed by a new identity field (项目名称 …) starts
// a form; a repeated title without one continues the form before it.
import { FORM_TYPE_BY_TITLE, MAX_TITLE_LENGTH, TITLE_MARKERS } from '../dict/titles.js';
import type { FormType } from '../normalize/schema.js';
import { CHINESE_NUMERALS, ENUMERATION_COMMA, PAGE_WORDS } from '../dict/grammar.js';
import { labelKey, normalizeText, oneLine } from '../text/normalize.js';
import { readHeader } from './columns.js';
import { matchLabel, splitInlineLabel } from './label-match.js';
import { noteLines } from './notes.js';
import type { Line, LineCell } from './lines.js';
import {
  ENUMERATOR,
  NOT_A_TITLE,
  TITLE_CORNER,
  TITLE_END,
  TITLE_NOISE,
  TRAILING_PAREN,
  TITLE_YEAR,
  TRAILING_YEAR,
  YEAR_ONLY,
  YEAR_WITH_WORD,
} from './patterns.js';

export interface FormSlice {
  title: string | null;
  titleLine: Line | null;
  /**
   * The line before the title line that begins the title (厦门市市级财政项目支出 above
   * 绩效目标申报表): the title names the form's type only with it.
   */
  titleLead?: Line;
  lines: Line[];
}

/** A form being collected: whether it has its identity yet (and which name) and an indicator table. */
interface Building extends FormSlice {
  identity: boolean;
  name: string | null;
  indicators: boolean;
  /** A prose section after the indicator table closed the form. */
  closed: boolean;
  /** What the title says: the form type and the year it names (null when it names none). */
  kind: TitleKind;
  /** Body fields (goals, funding, sections) whose labels the form's lines hold. */
  body: Set<string>;
}

/**
 * Fields a page header never repeats: a second label of one of them is a second form. (Not the
 * parts of the funding, whose labels, 其他 or 财政拨款, may also stand in an indicator row.)
 */
const BODY_KEY =
  /^(?:goal_|funding_total$|funding_annual$|overview$|basis$|necessity$|safeguards$|plan$)/u;

/** The body fields labelled on a line (see BODY_KEY). */
function bodyKeys(line: Line): string[] {
  const keys: string[] = [];
  for (const c of line.cells) {
    if (!c.isStart || c.text === null) continue;
    const m = matchLabel(c.key) ?? splitInlineLabel(c.text)?.match ?? null;
    if (m?.kind === 'field' && BODY_KEY.test(m.key)) keys.push(m.key);
  }
  return keys;
}

/**
 * A title segment with the same name as the form before it that labels again a body field the
 * form already has (年度目标, 年度资金总额 …), before any indicator table of its own: the same form
 * submitted twice, or the same project's next form, not a page repeating its header.
 */
function repeatsBody(current: Building, segment: Line[]): boolean {
  if (!current.indicators || current.body.size === 0) return false;
  for (let k = 0; k < segment.length; k++) {
    if (readHeader(segment, k) !== null) return false;
    if (bodyKeys(segment[k]!).some((key) => current.body.has(key))) return true;
  }
  return false;
}

interface TitleKind {
  type: FormType | null;
  year: number | null;
}

/** The form type a title names (项目支出 …申报表, …自评表), or null. */
export function formTypeOfTitle(title: string | null): FormType | null {
  if (title === null) return null;
  const key = labelKey(title);
  for (const { type, words } of FORM_TYPE_BY_TITLE)
    if (words.some((w) => key.includes(labelKey(w)))) return type;
  return null;
}

/** The title's form type and the year on its line, or on the next line when that holds only a year. */
function titleKind(lines: Line[], at: number): TitleKind {
  const line = lines[at]!;
  const yearIn = (l: Line | undefined): number | null => {
    for (const c of l?.cells ?? []) {
      const m = c.text === null ? null : YEAR_WITH_WORD.exec(c.text);
      if (m) return Number(m[1]);
    }
    return null;
  };
  const next = lines[at + 1];
  const yearLine = next?.cells.every((c) => c.text === null || YEAR_ONLY.test(c.text));
  return {
    type: formTypeOfTitle(titleOf(line)),
    year: yearIn(line) ?? (yearLine ? yearIn(next) : null),
  };
}

/**
 * A title naming another form type (申报表 after 自评表) or another year than the form before it,
 * which has its identity already: a new form, even with the same name (the same project's target
 * form and self-evaluation, or the same policy's forms of two years).
 */
function isOtherForm(current: Building, kind: TitleKind): boolean {
  if (!current.identity) return false;
  const a = current.kind;
  return (
    (a.type !== null && kind.type !== null && a.type !== kind.type) ||
    (a.year !== null && kind.year !== null && a.year !== kind.year)
  );
}

function building(
  title: string | null,
  titleLine: Line | null,
  kind: TitleKind = { type: null, year: null },
): Building {
  return {
    title,
    titleLine,
    lines: [],
    identity: false,
    name: null,
    indicators: false,
    closed: false,
    kind,
    body: new Set(),
  };
}

/** A name compared across pages: one line, no spaces (…改造工程<br>（二期） = …改造工程（二期））. */
function nameKey(name: string): string {
  return labelKey(oneLine(name));
}

const PROSE_HEADING = new RegExp(
  `^(?:[${CHINESE_NUMERALS}]+${ENUMERATION_COMMA}|\\([${CHINESE_NUMERALS}]+\\))`,
  'u',
);
/** Page furniture of a printout: 第1页/共3页, 第 2 页 共 3 页. */
const PAGE_MARK = new RegExp(
  `^(?:${PAGE_WORDS.nth}\\d+${PAGE_WORDS.page})?/?(?:${PAGE_WORDS.total}\\d+${PAGE_WORDS.page})?$`,
  'u',
);

const MARKERS = TITLE_MARKERS.map(labelKey);

/** True when a cell's text reads as a form title: short, naming a target form. */
function isTitleText(rawKey: string): boolean {
  const key = rawKey.replace(TITLE_NOISE, '');
  if (key.length === 0 || key.length > MAX_TITLE_LENGTH || NOT_A_TITLE.test(key)) return false;
  // a numbered heading (七、项目支出绩效目标申报表) names the form; it is not its title
  if (ENUMERATOR.test(key)) return false;
  if (!MARKERS.some((m) => key.includes(m))) return false;
  const core = key.replace(TRAILING_PAREN, '').replace(TRAILING_YEAR, '');
  return TITLE_END.test(core);
}

/** Text printed beside a title: the money unit (单位：万元), the year (（2024年度）), 附表3-2. */
function isBesideTitle(text: string): boolean {
  const key = labelKey(text);
  return matchLabel(key)?.kind === 'group' || YEAR_ONLY.test(text) || TITLE_CORNER.test(key);
}

/** The words of a cell's text, as split by its spaces and line breaks. */
function wordsOf(source: string): string[] {
  return source.split(/\s+/u).filter((w) => w.length > 0);
}

/**
 * A cell's words without those at its end that are printed beside a title (项目支出绩效目标申报表
 * （2020年度） 单位：万元 in one cell, as a sheet imported from a web page holds the lines above
 * its table).
 */
function withoutTrailingBeside(source: string): string[] {
  const words = wordsOf(source);
  let end = words.length;
  // a word is set apart only whole: not the end of a bracket opened before it (申报表（ 年度）)
  const opens = (ws: string[]): boolean => {
    const t = normalizeText(ws.join('')) ?? '';
    return (t.match(/\(/gu)?.length ?? 0) > (t.match(/\)/gu)?.length ?? 0);
  };
  while (
    end > 1 &&
    isBesideTitle(normalizeText(words[end - 1]!) ?? '') &&
    !opens(words.slice(0, end - 1))
  )
    end--;
  return words.slice(0, end);
}

/**
 * The money unit a title cell declares after the title (单位：万元), as cells of their own; the
 * year printed there is the title's (see titleKind).
 */
export function besideInTitle(cell: LineCell): LineCell[] {
  const kept = withoutTrailingBeside(cell.source).length;
  return wordsOf(cell.source)
    .slice(kept)
    .flatMap((source, k) => {
      const text = normalizeText(source);
      if (text === null || matchLabel(labelKey(text))?.kind !== 'group') return [];
      return [{ ...cell, source, text, key: labelKey(text), part: cell.part + k + 1 }];
    });
}

/** True when the cell reads as a form title, once the unit and year printed after it are set apart. */
function isTitleCell(c: LineCell): boolean {
  if (isTitleText(c.key)) return true;
  const words = withoutTrailingBeside(c.source);
  return words.length < wordsOf(c.source).length && isTitleText(labelKey(words.join('')));
}

/**
 * The title cell when the line is a form title: the line's only text, or its only text beside
 * cells that declare the money unit (单位：万元) or the year, as Excel exports print them.
 */
export function titleCell(line: Line): LineCell | null {
  const texts = line.cells.filter((c) => c.isStart && c.text !== null);
  const titles = texts.filter(isTitleCell);
  if (titles.length !== 1) return null;
  const others = texts.filter((c) => c !== titles[0]);
  return others.every((c) => isBesideTitle(c.text!)) ? titles[0]! : null;
}

/**
 * The title as recorded: words printed before it in the same cell (打印 返回 …) and a trailing
 * year in brackets (（2026年度）, kept in fiscal_year) removed, so that a title reads the same
 * whether the year sits in its cell or on the next line.
 */
export function cleanTitle(cell: LineCell): string {
  const words = withoutTrailingBeside(cell.source);
  let first = words.findIndex(
    (w) => isTitleText(labelKey(w)) || MARKERS.some((m) => labelKey(w).includes(m)),
  );
  // a title that names no form type is the end of one written on two lines (上海市财政政策<br>
  // 绩效目标申报表): the word before it, which names the type, belongs to it (附件2 or 打印 before
  // 项目支出绩效目标申报表 does not)
  if (first > 0) {
    const rest = words.slice(first).join('');
    const joined = words[first - 1]! + rest;
    if (formTypeOfTitle(rest) === null && formTypeOfTitle(joined) !== null) first--;
  }
  // (no word naming the form alone: a title spaced out letter by letter, 项 目 支 出 … 表)
  first = Math.max(first, 0);
  const cut = first > 0 || words.length < wordsOf(cell.source).length;
  const kept = cut ? (normalizeText(words.slice(first).join(' ')) ?? cell.text!) : cell.text!;
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
  if (NOTE_LINES.has(line)) return null;
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
      return matchLabel(next.key) === null && isName(next.text!) ? next.text! : null;
    }
    const inline = direct ? null : splitInlineLabel(c.text!);
    if (inline?.match.kind === 'field' && inline.match.key === 'name') {
      return inline.value === null ? '' : isName(inline.value) ? inline.value : null;
    }
  }
  return null;
}

/**
 * Lines of notes on how to fill the form (注： / 一、项目名称：按…填写), marked by segmentForms:
 * they name no form, whatever labels they quote.
 */
const NOTE_LINES = new WeakSet<Line>();

/** A name, not an instruction (按照…中的项目名称填写。) or prose. */
function isName(text: string): boolean {
  return text.length <= NAME_MAX && !text.includes('。');
}

const NAME_MAX = 80;

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
  return current.identity && !(name !== '' && nameKey(name) === current.name);
}

function hasFormContent(lines: Line[]): boolean {
  return lines.some((l, i) => hasIdentity(l) || readHeader(lines, i) !== null);
}

/** The forms of one part, in order. Lines before the first form that carry no form content are left out. */
export function segmentForms(lines: Line[]): { forms: FormSlice[]; skipped: Line[] } {
  for (const line of noteLines(lines)) NOTE_LINES.add(line);
  const titles = lines.map((l, i) => (titleOf(l) !== null ? i : -1)).filter((i) => i >= 0);
  const built: Building[] = [];
  const skipped: Line[] = [];
  const firstTitle = titles[0] ?? lines.length;
  const preamble = lines.slice(0, firstTitle);
  let current: Building | null = null;
  if (preamble.length > 0) {
    if (hasFormContent(preamble)) {
      current = building(null, null);
      built.push(current);
      current = addLines(current, preamble, built, skipped);
    } else skipped.push(...preamble);
  }
  titles.forEach((start, t) => {
    const end = titles[t + 1] ?? lines.length;
    const segment = lines.slice(start, end);
    const identity = segmentIdentity(segment);
    // a title starts a form when it brings a new identity, or when the form before it has no
    // content yet (a heading or a contents line that merely names the form)
    const empty = current !== null && !current.identity && !current.indicators;
    const kind = titleKind(lines, start);
    if (
      current === null ||
      empty ||
      (identity !== null && isNewIdentity(current, identity)) ||
      isOtherForm(current, kind) ||
      (identity !== null && repeatsBody(current, segment))
    ) {
      const lead = titleLead(lines, start, skipped);
      const title = titleOf(lines[start]!);
      current = building(lead ? leadText(lead) + title : title, lines[start]!, kind);
      if (lead) {
        current.titleLead = lead;
        skipped.splice(skipped.indexOf(lead), 1);
        current.kind = { ...kind, type: formTypeOfTitle(current.title) };
      }
      built.push(current);
    } else if (current.title === null && current.titleLine === null && !current.indicators) {
      // a cover page naming the project (项目名称：…, 申报单位（盖章）：…) before the titled form:
      // the form's title is this one
      current.title = titleOf(lines[start]!);
      current.titleLine = lines[start]!;
      current.kind = kind;
    }
    current = addLines(current, segment, built, skipped);
  });
  // a title with neither a name nor indicators (a notice naming the form) is not a form
  const forms = built.filter((f) => {
    if (f.identity || f.indicators) return true;
    skipped.push(...f.lines, ...(f.titleLine ? [f.titleLine] : []));
    return false;
  });
  return { forms, skipped: skipped.filter((l) => l.cells.some((c) => c.text !== null)) };
}

/** The text of a title's lead line (its one text cell, on one line). */
export function leadText(line: Line): string {
  return oneLine(line.cells.find((c) => c.isStart && c.text !== null)!.text)!;
}

/**
 * The line before the title at `start` when it begins the title: a line of one short text that
 * no form has taken (it was left out, `skipped`), with which the title names a form type it
 * does not name alone (厦门市市级财政项目支出 / 绩效目标申报表).
 */
function titleLead(lines: Line[], start: number, skipped: Line[]): Line | undefined {
  const prev = lines[start - 1];
  const title = titleOf(lines[start]!);
  if (!prev || title === null || formTypeOfTitle(title) !== null || !skipped.includes(prev)) {
    return undefined;
  }
  const texts = prev.cells.filter((c) => c.isStart && c.text !== null);
  if (texts.length !== 1 || texts[0]!.text!.length > MAX_TITLE_LENGTH) return undefined;
  return formTypeOfTitle(leadText(prev) + title) !== null ? prev : undefined;
}

/**
 * Appends lines to a form and returns the form the next lines go to. A second identity after the
 * form's indicator table starts a new, untitled form (two forms on one sheet); a numbered prose
 * heading after the indicator table (一、项目概述 of the next project) closes the form, unless an
 * indicator table's header follows it, and what follows up to the next form is not read.
 */
function addLines(form: Building, segment: Line[], built: Building[], skipped: Line[]): Building {
  let current = form;
  segment.forEach((line, k) => {
    const id = identityOf(line);
    if (id !== null) {
      if ((current.indicators || current.closed) && isNewIdentity(current, id)) {
        current = building(null, null);
        built.push(current);
      }
      current.identity = true;
      current.closed = false;
      if (current.name === null || current.name === '') current.name = nameKey(id);
    }
    // (a numbered note under 注： is not a prose section: it stays with its form, and nor is a
    // numbered caption over the next part of the indicators: 二、效益指标及满意度指标 above a
    // table with its own header)
    if (
      !current.closed &&
      current.indicators &&
      line.row === null &&
      isProseHeading(line) &&
      !NOTE_LINES.has(line) &&
      readHeader(segment, k + 1) === null
    ) {
      current.closed = true;
    }
    if (current.closed || isPageMark(line)) {
      skipped.push(line);
      return;
    }
    if (!current.indicators && readHeader(segment, k) !== null) current.indicators = true;
    for (const key of bodyKeys(line)) current.body.add(key);
    current.lines.push(line);
  });
  return current;
}

/** A line holding only page numbering. */
function isPageMark(line: Line): boolean {
  const cells = line.cells.filter((c) => c.text !== null);
  return cells.length > 0 && cells.every((c) => /\d/u.test(c.key) && PAGE_MARK.test(c.key));
}

/** A paragraph that opens a numbered prose section (一、项目概述 / 二、立项依据). */
function isProseHeading(line: Line): boolean {
  const first = line.cells.find((c) => c.text !== null);
  return first !== undefined && line.cells.length === 1 && PROSE_HEADING.test(first.text!);
}

// Dates as forms write them: single dates and ranges with the precision written (YYYY, YYYY-MM,
// YYYY-MM-DD), and deadline targets (2024年12月底前). Nothing is guessed: unclear text gives null.
import {
  DATE_MARKS,
  DEADLINE_FILLERS,
  DEADLINE_WORDS,
  QUARTER,
  RANGE_FILLERS,
  RANGE_SEPARATORS,
  type DeadlineWord,
} from '../dict/targets.js';
import { FISCAL_YEAR_SUFFIX } from '../dict/grammar.js';
import { escapeRegExp } from '../text/normalize.js';

interface DateParts {
  y: number | null;
  m: number | null;
  d: number | null;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

const compact = (raw: string): string => raw.normalize('NFKC').replace(/\s+/gu, '');

/** 第三季度 (or 3季度) before 末/底: the quarter's last month, 9月, which the deadline grammar reads. */
const QUARTER_END = new RegExp(
  `${QUARTER.ordinal}?([${QUARTER.numerals.join('')}1-4])${QUARTER.word}(?=${QUARTER.ends.join('|')})`,
  'u',
);
function quarterAsMonth(s: string): string {
  return s.replace(QUARTER_END, (_, q: string) => {
    const n = QUARTER.numerals.indexOf(q as (typeof QUARTER.numerals)[number]) + 1 || Number(q);
    return `${n * 3}${DATE_MARKS.find((m) => m.part === 'm')!.text}`;
  });
}
const pad = (n: number): string => String(n).padStart(2, '0');

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validParts(p: DateParts): boolean {
  if (p.y != null && (p.y < MIN_YEAR || p.y > MAX_YEAR)) return false;
  if (p.m != null && (p.m < 1 || p.m > 12)) return false;
  if (p.d != null) {
    if (p.m == null || p.d < 1) return false;
    if (p.d > (p.y == null ? 31 : daysInMonth(p.y, p.m))) return false;
  }
  return true;
}

function formatParts(p: DateParts): string | null {
  if (p.y == null) return null;
  if (p.m == null) return String(p.y);
  return p.d == null ? `${p.y}-${pad(p.m)}` : `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

const num = (s: string | undefined): number | null => (s == null || s === '' ? null : Number(s));

const marks = (part: 'y' | 'm' | 'd'): string =>
  DATE_MARKS.filter((m) => m.part === part)
    .map((m) => m.text)
    .sort((a, b) => b.length - a.length)
    .join('|');
const [Y, M, D] = [marks('y'), marks('m'), marks('d')];
/** 年/月/日 dates: 2024年度, 2024年6月(份), 2024年12月31日 (the year may be missing: 12月31日). */
const WRITTEN_DATES: RegExp[] = [
  new RegExp(`^(\\d{4})(?:${Y})${FISCAL_YEAR_SUFFIX}?$`, 'u'),
  new RegExp(`^(?:(\\d{4})(?:${Y}))?(\\d{1,2})(?:${M})$`, 'u'),
  new RegExp(`^(?:(\\d{4})(?:${Y}))?(\\d{1,2})(?:${M})(\\d{1,2})(?:${D})$`, 'u'),
];

/** The parts of one date; the year may be missing only in the 年/月/日 style (12月31日). */
function dateParts(s: string): DateParts | null {
  const patterns: RegExp[] = [
    ...WRITTEN_DATES,
    /^(\d{4})[-./](\d{1,2})$/u,
    /^(\d{4})-(\d{1,2})-(\d{1,2})$/u,
    /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/u,
    /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/u,
    // month and day with no year: only ever the end of a range (2024.01.01-12.31)
    /^()(\d{1,2})[./](\d{1,2})$/u,
    /^(\d{4})(\d{2})(\d{2})$/u,
    /^(\d{4})$/u,
  ];
  for (const re of patterns) {
    const m = re.exec(s);
    if (!m) continue;
    const p = { y: num(m[1]), m: num(m[2]), d: num(m[3]) };
    return validParts(p) ? p : null;
  }
  return null;
}

/** A single date with the precision written: "2026/1/1" → "2026-01-01", "2024年6月" → "2024-06". */
export function parseDate(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const p = dateParts(stripBrackets(compact(raw)));
  return p ? formatParts(p) : null;
}

function stripBrackets(s: string): string {
  return s.replace(/^[([【]+/u, '').replace(/[)\]】]+$/u, '');
}

const RANGE_SEPARATOR = new RegExp(
  [...new Set(RANGE_SEPARATORS.map(compact))]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|'),
  'gu',
);

/**
 * A date range written in one cell ("2017-01至2023-12", "2024-2026年"); null unless exactly one
 * split of the text gives two dates in order. An end without a year takes the start's year.
 */
export function parseDateRange(
  raw: string | null | undefined,
): { start: string; end: string } | null {
  if (raw == null) return null;
  const s = withoutFillers(stripBrackets(compact(raw)));
  const found: { start: string; end: string }[] = [];
  for (const m of s.matchAll(RANGE_SEPARATOR)) {
    const a = dateParts(s.slice(0, m.index));
    if (!a || a.y == null) continue;
    const b = dateParts(s.slice(m.index + m[0].length));
    if (!b || (b.y == null && a.m == null)) continue;
    const end = formatParts({ ...b, y: b.y ?? a.y });
    const start = formatParts(a);
    if (!start || !end) continue;
    const n = Math.min(start.length, end.length);
    if (start.slice(0, n) > end.slice(0, n)) continue;
    found.push({ start, end });
  }
  return found.length === 1 ? (found[0] ?? null) : null;
}

const SEPARATOR_AHEAD = `(?=${RANGE_SEPARATOR.source})`;
const RANGE_FILLER_RES = RANGE_FILLERS.map((f) =>
  f.position === 'end'
    ? new RegExp(`${f.text}$`, 'u')
    : new RegExp(`${f.text}${SEPARATOR_AHEAD}`, 'u'),
);

function withoutFillers(s: string): string {
  return RANGE_FILLER_RES.reduce((out, re) => out.replace(re, ''), s);
}

export interface Deadline {
  /** YYYY-MM-DD */
  date: string;
  /** The text says "before" (前/之前/以前/底前): the target is on or before the date. */
  before: boolean;
  /** The year was missing and came from the fiscal year. */
  yearInferred: boolean;
}

export type DeadlineResult = { ok: true; deadline: Deadline } | { ok: false; reason: 'no_year' };

type Token =
  { t: 'num'; v: string } | { t: 'mark'; part: 'y' | 'm' | 'd' } | { t: 'word'; w: DeadlineWord };

const LEXICON = [
  ...DATE_MARKS.map((m) => ({ key: m.text, tok: { t: 'mark', part: m.part } as Token })),
  ...DEADLINE_WORDS.map((w) => ({ key: compact(w.text), tok: { t: 'word', w } as Token })),
].sort((a, b) => b.key.length - a.key.length);
const FILLERS = DEADLINE_FILLERS.map((f) => ({ ...f, key: compact(f.text) }));

function lex(s: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const digits = /^\d+/.exec(s.slice(i));
    if (digits) {
      out.push({ t: 'num', v: digits[0] });
      i += digits[0].length;
      continue;
    }
    const hit = LEXICON.find((e) => s.startsWith(e.key, i));
    if (!hit) return null;
    out.push(hit.tok);
    i += hit.key.length;
  }
  return out;
}

function stripFillers(s: string): string {
  let out = s;
  for (const f of FILLERS) {
    if (f.position === 'prefix' && out.startsWith(f.key)) out = out.slice(f.key.length);
    if (f.position === 'suffix' && out.endsWith(f.key)) out = out.slice(0, -f.key.length);
  }
  return out;
}

interface DeadlineShape {
  parts: DateParts;
  endOf: 'year' | 'month' | 'named' | null;
  before: boolean;
}

/** Reads number+mark pairs, then at most one end-of-period word and one "before" word. */
function readShape(tokens: Token[], start: DateParts): DeadlineShape | null {
  const shape: DeadlineShape = { parts: { ...start }, endOf: null, before: false };
  const order = ['y', 'm', 'd'] as const;
  let last = start.d != null ? 2 : start.m != null ? 1 : start.y != null ? 0 : -1;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (!tok || shape.before) return null; // nothing may follow a "before" word
    if (tok.t === 'num') {
      if (shape.endOf != null) return null; // a number after 底/年底 …
      const next = tokens[++i];
      let part: 'y' | 'm' | 'd' | null = null;
      if (next?.t === 'mark') part = next.part;
      else if (next?.t === 'word' && (next.w.endOf === 'year' || next.w.endOf === 'month')) {
        // 2024年底, 12月底: the word carries the number's mark
        part = next.w.endOf === 'year' ? 'y' : 'm';
        shape.endOf = next.w.endOf;
        shape.before = next.w.before;
      }
      if (part == null || order.indexOf(part) <= last) return null;
      if (part === 'y' && tok.v.length !== 4) return null;
      if (part !== 'y' && tok.v.length > 2) return null;
      shape.parts[part] = Number(tok.v);
      last = order.indexOf(part);
    } else if (tok.t === 'word') {
      if (tok.w.endOf != null) {
        if (shape.endOf != null) return null;
        shape.endOf = tok.w.endOf;
      }
      shape.before = shape.before || tok.w.before;
    } else {
      return null;
    }
  }
  return shape;
}

/** Turns a deadline shape into one day, or says why it cannot. */
function resolve(shape: DeadlineShape, fiscalYear: number | null): DeadlineResult | null {
  const { parts } = shape;
  if (parts.d != null && parts.m == null) return null;
  let end: 'year' | 'month' | null;
  switch (shape.endOf) {
    case 'named': // 底/末/底前: the end of whatever was named last
      if (parts.d != null) return null;
      if (parts.m != null) end = 'month';
      else if (parts.y != null) end = 'year';
      else return null;
      break;
    case 'year':
      if (parts.m != null || parts.d != null) return null;
      end = 'year';
      break;
    case 'month':
      if (parts.m == null || parts.d != null) return null;
      end = 'month';
      break;
    default: // no end-of-period word: only a written day is a date (2024年12月前 is not)
      if (parts.d == null) return null;
      end = null;
  }
  const yearInferred = parts.y == null;
  const y = parts.y ?? fiscalYear;
  if (y == null) return { ok: false, reason: 'no_year' };
  const m = end === 'year' ? 12 : (parts.m ?? 12);
  const d = end == null ? (parts.d ?? 0) : daysInMonth(y, m);
  const full = { y, m, d };
  if (!validParts(full)) return null;
  const date = formatParts(full);
  return date ? { ok: true, deadline: { date, before: shape.before, yearInferred } } : null;
}

/**
 * A deadline target: "2024年12月底前" → 2024-12-31 before; "2024年6月30日前"; "2024年年底前";
 * "12月底前" takes the fiscal year (yearInferred). Null when the text is not a deadline.
 */
export function parseDeadline(raw: string, fiscalYear?: number | null): DeadlineResult | null {
  const fy =
    Number.isInteger(fiscalYear) && validParts({ y: fiscalYear ?? null, m: null, d: null })
      ? (fiscalYear ?? null)
      : null;
  const s = quarterAsMonth(stripFillers(compact(raw)));
  if (s === '') return null;
  const iso = /^(\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?|\d{8})(.*)$/u.exec(s);
  let start: DateParts = { y: null, m: null, d: null };
  let rest = s;
  if (iso) {
    const p = dateParts(iso[1] ?? '');
    if (!p) return null;
    start = p;
    rest = iso[2] ?? '';
  }
  const tokens = lex(rest);
  if (!tokens) return null;
  if (iso && tokens.some((t) => t.t !== 'word')) return null;
  if (!iso && !tokens.some((t) => t.t === 'num' || (t.t === 'word' && t.w.endOf === 'year'))) {
    return null;
  }
  const shape = readShape(tokens, start);
  return shape ? resolve(shape, fy) : null;
}

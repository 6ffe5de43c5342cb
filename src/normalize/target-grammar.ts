// The quantity part of the target-value grammar: [operator] number [scale word] [unit] [operator
// word], and ranges (90%-95%). Works on NFKC text without whitespace; the words come from the dict.
import { INVISIBLE } from '../text/normalize.js';
import {
  OPERATORS,
  PERCENT_FORMS,
  PLACEHOLDER_PATTERNS,
  RANGE_SEPARATORS,
  SCALE_WORDS,
  UNIT_STOP_WORDS,
  type OperatorEntry,
  type ScaleEntry,
} from '../dict/targets.js';
import {
  CHINESE_NUMERALS,
  DATE_MARKS,
  GRADE_CHARACTERS,
  MEASURE_CHARACTERS,
  PERCENT_WORD,
  WORD_UNITS,
} from '../dict/targets.js';
import type { Op } from './schema.js';
import { normalizeDecimal, shiftDecimal, decimalToNumber } from './numbers.js';

/** NFKC and no whitespace: the form in which cells and dictionary entries are compared. */
export const fold = (s: string): string =>
  s.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/gu, '');

const byLength = <T extends { key: string }>(xs: T[]): T[] =>
  xs.sort((a, b) => b.key.length - a.key.length);

export type KeyedOperator = OperatorEntry & { key: string };
const keyed = OPERATORS.map((e) => ({ ...e, key: fold(e.text) }));
const PREFIX_OPS = byLength(keyed.filter((e) => e.position === 'prefix'));
const SUFFIX_OPS = byLength(keyed.filter((e) => e.position === 'suffix'));
const SCALES = byLength(SCALE_WORDS.map((e) => ({ ...e, key: fold(e.text) })));
const PERCENT = new Map(PERCENT_FORMS.map((p) => [fold(p.text), p.unit]));
const SEPARATORS = byLength(RANGE_SEPARATORS.map((s) => ({ key: fold(s) })));
const STOP_WORDS = UNIT_STOP_WORDS.map(fold);
const GRADE = new RegExp(`[A-Za-z${GRADE_CHARACTERS}]`, 'u');
const NUMBER_MASKS = PLACEHOLDER_PATTERNS.filter((p) => p.slot === 'number').map((p) => p.pattern);

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/;
/** Characters that never belong to a unit: punctuation, operators, brackets, separators. */
const NOT_IN_UNIT = /[,;:!?。、<>=≥≤≧≦⩾⩽~〜()[\]{}"'*.\-—–_#]/u;
const UNIT_MAX_LENGTH = 8;

/** The operator that an operator column or a cell holds as its whole text, if any. */
export function operatorOf(text: string): KeyedOperator | null {
  const s = fold(text);
  return [...PREFIX_OPS, ...SUFFIX_OPS].find((e) => e.key === s) ?? null;
}

export function matchPrefixOp(s: string, at = 0): KeyedOperator | null {
  return PREFIX_OPS.find((e) => s.startsWith(e.key, at)) ?? null;
}

function matchSuffixOp(s: string): KeyedOperator | null {
  return SUFFIX_OPS.find((e) => s.endsWith(e.key) && s.length > e.key.length) ?? null;
}

/** A scale word at the start of s, unless it begins a unit (千米). */
export function matchScale(s: string): (ScaleEntry & { key: string }) | null {
  return (
    SCALES.find(
      (e) => s.startsWith(e.key) && !e.notBefore.some((h) => s.startsWith(h, e.key.length)),
    ) ?? null
  );
}

/** "/10万", "/1000", "/万": per a power of ten (10 or more) or a scale word, or both. */
const SCALE_ALTERNATIVES = SCALE_WORDS.map((e) => e.text).join('|');
const PER_COUNT = new RegExp(
  `^/(?:10+(?:${SCALE_ALTERNATIVES})?|(?:${SCALE_ALTERNATIVES}))(?=\\D|$)`,
  'u',
);

/** The second term of a ratio after its first number (:1, :10, :0.5); not a clock time (8:05). */
const RATIO_TERM = /^:(?!0\d)\d{1,6}(?:\.\d+)?$/u;

/** Text made of measure words only (个, 人次, 台). */
const UNIT_CHARACTERS = new RegExp(`^[${MEASURE_CHARACTERS}]+$`, 'u');

/**
 * The unit written after a number: '' → null; percent forms mapped; "(个)" unwrapped.
 * Undefined when the text is not a unit (prose, punctuation, another number).
 */
export function cleanUnit(s: string): string | null | undefined {
  if (s === '') return null;
  const percent = PERCENT.get(s);
  if (percent) return percent;
  const wrapped = /^\(([^()]+)\)$/u.exec(s);
  if (wrapped) return cleanUnit(wrapped[1] ?? '');
  // a measure word with another in brackets after it, the one or the other: 台(套), 人(次)
  // (not a note on the period, %(年度))
  const either = /^([^()]+)\((.)\)$/u.exec(s);
  if (either && UNIT_CHARACTERS.test(either[1]!) && UNIT_CHARACTERS.test(either[2]!)) return s;
  // a ratio (1:10, 1:0.5): the second term is the unit, as a per-count divisor is
  if (RATIO_TERM.test(s)) return s;
  if (s.length > UNIT_MAX_LENGTH || NOT_IN_UNIT.test(s)) return undefined;
  // a percentage followed by words (%不合格, %未覆盖) says more than its number: no unit
  if (/^[%‰]/u.test(s) && !s.startsWith('/', 1)) return undefined;
  // a rate per a round number (280/10万, 5/1000人): the divisor is part of the unit
  const per = PER_COUNT.exec(s);
  if (per) {
    const rest = s.slice(per[0].length);
    return rest === '' || cleanUnit(rest) !== undefined ? s : undefined;
  }
  if (/(?:^|[^A-Za-z])\d/u.test(s) || !/[\p{L}%‰]/u.test(s)) return undefined;
  if (STOP_WORDS.some((w) => s.includes(w))) return undefined;
  if (SEPARATORS.some((p) => s.includes(p.key)) || matchScale(s)) return undefined;
  if (SUFFIX_OPS.some((e) => s.endsWith(e.key)) || matchPrefixOp(s)) return undefined;
  return s;
}

const MEASURE = new RegExp(`^(?:[${MEASURE_CHARACTERS}]+|[A-Za-z]+[23]?|[%‰℃°])+$`, 'u');

/**
 * Whether folded text is a unit standing on its own, with or without a scale word (%, 个, 万人次,
 * 万元, 元/人份, km): a unit the grammar accepts, written only with measure characters.
 */
export function isUnitText(s: string): boolean {
  const scale = matchScale(s);
  const rest = scale ? s.slice(scale.key.length) : s;
  const unit = cleanUnit(rest);
  if (unit === undefined || unit === null) return false;
  return rest.split(/[/·]/u).every((part) => MEASURE.test(part));
}

/** One quantity: a number (canonical decimal string), its scale exponent, and its unit. */
export interface Quantity {
  dec: string;
  exponent: number;
  unit: string | null;
}

const YEAR_UNIT = DATE_MARKS.find((m) => m.part === 'y')!.text;
const MONTH_UNITS = new Set(DATE_MARKS.filter((m) => m.part === 'm').map((m) => m.text));

/**
 * A "number" that is a date: a year followed by 年… (2025年, 2024年第四季度, 2024年度), a bare
 * year.month (2024.06) or a month (10月). Such text is not a quantity (2025年 is no count of
 * 2025 years).
 */
function looksLikeDate(dec: string, scaled: number, unit: string | null): boolean {
  // a month of the year (10月, 9月份) is no count of months (that is 个月)
  if (!scaled && unit !== null && MONTH_UNITS.has(unit) && /^(?:[1-9]|1[0-2])$/u.test(dec)) {
    return true;
  }
  const m = /^((?:19|20|21)\d{2})(?:\.(\d{1,2}))?$/u.exec(dec);
  if (!m || scaled) return false;
  if (m[2] === undefined) return unit !== null && unit.startsWith(YEAR_UNIT);
  const month = Number(m[2]);
  return unit === null && month >= 1 && month <= 12;
}

const NUMERAL_DIGIT = new Map<string, number>([
  ...CHINESE_NUMERALS.digits.map((d, i): [string, number] => [d, i + 1]),
  [CHINESE_NUMERALS.two, 2],
]);
const NUMERAL_ZERO = new Set<string>(CHINESE_NUMERALS.zero);
const NUMERAL_PLACE = new Map<string, number>(
  CHINESE_NUMERALS.places.map((p) => [p.text, p.value]),
);

/**
 * A Chinese numeral at the start of s, below 10 000 (两, 十二, 一百零五, 三千): its value and
 * length. Places must fall (千 before 百 before 十); 十 alone at the start is 10. Null when s does
 * not start with one.
 */
function chineseNumeral(s: string): { value: number; length: number } | null {
  let total = 0;
  let digit: number | null = null;
  let lastPlace = Infinity;
  let i = 0;
  for (; i < s.length; i++) {
    const ch = s[i]!;
    const d = NUMERAL_DIGIT.get(ch);
    if (d !== undefined) {
      if (digit !== null) break; // 一二: two digits in a row are no numeral
      digit = d;
      continue;
    }
    if (NUMERAL_ZERO.has(ch) && digit === null && total > 0) continue; // 一百零五
    const place = NUMERAL_PLACE.get(ch);
    if (place === undefined || place >= lastPlace) break;
    if (digit === null && !(place === 10 && i === 0)) break;
    total += (digit ?? 1) * place;
    digit = null;
    lastPlace = place;
  }
  if (digit !== null) total += digit;
  // a trailing 零 is not part of the numeral
  while (i > 0 && NUMERAL_ZERO.has(s[i - 1]!)) i--;
  return i > 0 && total > 0 ? { value: total, length: i } : null;
}

/**
 * A count written with a Chinese numeral and a measure word (两次, 三个, 十二万人次), the whole of s:
 * the unit must be made of measure characters, so 一般 or 三年行动 are no counts.
 */
function numeralQuantity(s: string): Quantity | null {
  const n = chineseNumeral(s);
  if (!n) return null;
  let rest = s.slice(n.length);
  let value = n.value;
  let scale = matchScale(rest);
  if (scale) {
    rest = rest.slice(scale.key.length);
    // 一万两千人: the numeral goes on below the scale word (12 000, not 10 000 两千人)
    const more = scale.exponent >= 4 ? chineseNumeral(rest) : null;
    if (more && more.value < 10 ** scale.exponent) {
      value = n.value * 10 ** scale.exponent + more.value;
      rest = rest.slice(more.length);
      scale = null;
    }
  }
  if (!UNIT_CHARACTERS.test(rest) && !WORD_UNITS.includes(rest)) return null;
  if (CHINESE_NUMERALS.ordinalUnits.some((u) => rest.startsWith(u))) return null;
  const unit = cleanUnit(rest);
  const dec = String(value);
  if (unit == null || looksLikeDate(dec, scale ? 1 : 0, unit)) return null;
  return { dec, exponent: scale?.exponent ?? 0, unit };
}

/** 百分之九十五 / 百分之95 / 百分之百 written as 95% / 100%; other text unchanged. */
export function percentWritten(s: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const at = s.indexOf(PERCENT_WORD, i);
    if (at < 0) return out + s.slice(i);
    out += s.slice(i, at);
    const from = at + PERCENT_WORD.length;
    const rest = s.slice(from);
    const digits = /^\d+(?:\.\d+)?/u.exec(rest)?.[0];
    let numeral = digits === undefined ? chineseNumeral(rest) : null;
    // 百分之九十五点五: a decimal written out is not read (the cell stays text)
    if (numeral && rest[numeral.length] === CHINESE_NUMERALS.decimalPoint) numeral = null;
    if (digits !== undefined) [out, i] = [`${out}${digits}%`, from + digits.length];
    else if (numeral) [out, i] = [`${out}${numeral.value}%`, from + numeral.length];
    else if (rest.startsWith(HUNDRED)) [out, i] = [`${out}100%`, from + HUNDRED.length];
    else [out, i] = [out + PERCENT_WORD, from];
  }
}

const HUNDRED = CHINESE_NUMERALS.places.find((p) => p.value === 100)!.text;

/** number [scale] [unit], the whole of s. */
function quantity(s: string): Quantity | null {
  const m = NUMBER.exec(s);
  if (!m) return numeralQuantity(s);
  const dec = normalizeDecimal(m[0]);
  if (dec == null) return null;
  let rest = s.slice(m[0].length);
  const scale = matchScale(rest);
  if (scale) rest = rest.slice(scale.key.length);
  const unit = cleanUnit(rest);
  if (unit === undefined || looksLikeDate(dec, scale ? 1 : 0, unit)) return null;
  return { dec, exponent: scale?.exponent ?? 0, unit };
}

export const valueOf = (q: Quantity): number => decimalToNumber(shiftDecimal(q.dec, q.exponent));

export interface NumericParse {
  kind: 'numeric';
  op: Op | null;
  source: 'symbol' | 'word' | null;
  q: Quantity;
}
export interface RangeParse {
  kind: 'range';
  low: Quantity;
  high: Quantity;
}
export type QuantityParse = NumericParse | RangeParse | { kind: 'placeholder' };

/** [operator] number [scale] [unit] [operator word]; a masked number (≥**%) is a placeholder. */
export function parseNumeric(s: string): NumericParse | { kind: 'placeholder' } | null {
  const pre = matchPrefixOp(s);
  let body = pre ? s.slice(pre.key.length) : s;
  const post = matchSuffixOp(body);
  if (post) body = body.slice(0, -post.key.length);
  const mask = NUMBER_MASKS.map((re) => re.exec(body)).find((m) => m != null);
  if (mask) {
    const rest = body.slice(mask[0].length);
    const scale = matchScale(rest);
    return cleanUnit(scale ? rest.slice(scale.key.length) : rest) === undefined
      ? null
      : { kind: 'placeholder' };
  }
  // "≥%", "≥个", "≥": a template whose number was never filled in (not a grade: ≥Ⅲ类, ≥二级;
  // nor a level named in words: ≥上年, ≥全市平均水平, which are text)
  if (
    pre?.source === 'symbol' &&
    !NUMBER.test(body) &&
    !GRADE.test(body) &&
    cleanUnit(body) !== undefined &&
    (body === '' || isUnitText(body))
  ) {
    return { kind: 'placeholder' };
  }
  const q = quantity(body);
  if (!q) return null;
  let op: OperatorEntry | null = pre ?? post;
  // 达到95%以上: a prefix "=" word yields to the suffix; any other disagreement is unreadable.
  if (pre && post && pre.op !== post.op) {
    if (pre.op === '=' && pre.source === 'word') op = post;
    else return null;
  }
  return { kind: 'numeric', op: op?.op ?? null, source: op?.source ?? null, q };
}

/** low SEP high, units on either or both sides (90%-95%, 90～95%, 3-5次, 1-2万人). */
export function parseRange(s: string): RangeParse | null {
  const m = NUMBER.exec(s);
  if (!m) return null;
  for (let i = m[0].length; i < s.length; i++) {
    const sep = SEPARATORS.find((p) => s.startsWith(p.key, i));
    if (!sep) continue;
    const high = quantity(s.slice(i + sep.key.length));
    const low = quantity(s.slice(0, i));
    if (!high || !low) continue;
    if (low.unit != null && high.unit != null && low.unit !== high.unit) return null;
    const unit = high.unit ?? low.unit;
    // 1-2万人: a bare lower bound takes the upper bound's scale word.
    const exponent = low.unit == null && low.exponent === 0 ? high.exponent : low.exponent;
    const lo = { dec: low.dec, exponent, unit };
    const hi = { ...high, unit };
    return valueOf(lo) <= valueOf(hi) ? { kind: 'range', low: lo, high: hi } : null;
  }
  return null;
}

// Small judgements about header cells: is it a label, does it read like one, is a whole row a
// row of labels (values below), does a cell declare the money unit in a sentence.
import type { FieldKey, MoneyUnit } from '../dict/labels.js';
import { DECLARED_MONEY_UNITS, TEXT_FIELD_KEYS } from '../dict/labels.js';
import { matchLabel, splitInlineLabel } from './label-match.js';
import type { LineCell } from './lines.js';
import { UNIT_SENTENCE } from './patterns.js';

const LABEL_LIKE_MAX = 20;
const SENTENCE = /[。;!?]/u;
const NUMBER_LIKE = /^[\d\s,.%+\-=<>≥≤()]+$/u;
const HAN = /\p{Script=Han}/u;

/** A known label, or a known label with its value in the same cell. */
export function isLabelCell(cell: LineCell): boolean {
  return matchLabel(cell.key) !== null || splitInlineLabel(cell.text ?? '') !== null;
}

/** Short text that reads as a label (no sentence punctuation, not a number). */
export function labelLike(text: string): boolean {
  return (
    text.length <= LABEL_LIKE_MAX &&
    !SENTENCE.test(text) &&
    !NUMBER_LIKE.test(text) &&
    HAN.test(text)
  );
}

/** Text too long for a label, or with sentence punctuation: prose, a footer, a note. */
export function proseLike(text: string): boolean {
  return text.length > LABEL_LIKE_MAX || SENTENCE.test(text);
}

/**
 * A row of labels whose values sit in the row below, even with a label the dictionaries do not
 * know (年度资金总额 | 其中：一般公共预算拨款 | 某某专项拨款 | 上年结转 | 其他资金): at least three
 * known labels, at most one unknown label-like cell in four, and no number.
 */
export function isLabelRow(cells: LineCell[]): boolean {
  const counted = cells.filter((c) => matchLabel(c.key)?.kind !== 'group');
  const known = counted.filter((c) => {
    const kind = matchLabel(c.key)?.kind;
    return kind === 'field' || kind === 'extra' || kind === 'total';
  });
  const unknown = counted.filter((c) => !known.includes(c));
  return (
    known.length >= 3 &&
    unknown.length <= Math.floor(counted.length / 4) &&
    unknown.every((c) => labelLike(c.text!) && splitInlineLabel(c.text!) === null)
  );
}

/** The unit a short note declares for the form's amounts: 注：本表金额单位为万元. */
export function unitInSentence(text: string): MoneyUnit | null {
  if (text.length > 40) return null;
  const m = UNIT_SENTENCE.exec(text);
  return m ? (DECLARED_MONEY_UNITS.find((u) => u === m[1]) ?? null) : null;
}

/** Keys whose values are short: a second "label：" inside such a value starts another pair. */
const SHORT_KEYS = new Set<FieldKey>([
  ...TEXT_FIELD_KEYS,
  'contact_phone',
  'duration',
  'duration_start',
  'duration_end',
  'period',
  'fiscal_year',
  'funding_total',
  'funding_annual',
  'funding_fiscal',
  'funding_carryover',
  'funding_other',
]);
const PAIR_LABEL_MAX = 12;

type Pair = NonNullable<ReturnType<typeof splitInlineLabel>>;

function shortPair(p: Pair): boolean {
  return p.match.kind === 'extra' || (p.match.kind === 'field' && SHORT_KEYS.has(p.match.key));
}

/**
 * The label/value pairs of one cell that holds several (项目属性：一次性项目项目期限：2024-01至2024-12,
 * printed from spans with no space between them); null when the cell starts with no known label.
 */
export function splitPairs(text: string): Pair[] | null {
  let current = splitInlineLabel(text);
  if (!current) return null;
  const pairs: Pair[] = [];
  while (current) {
    const value: string = current.value ?? '';
    let next: Pair | null = null;
    let cut = -1;
    if (shortPair(current)) {
      for (const m of value.matchAll(/[:：]/gu)) {
        for (let start = Math.max(1, m.index - PAIR_LABEL_MAX); start < m.index && !next; start++) {
          const candidate = splitInlineLabel(value.slice(start));
          if (
            candidate &&
            shortPair(candidate) &&
            value.slice(start, m.index).trim() === candidate.label
          ) {
            next = candidate;
            cut = start;
          }
        }
        if (next) break;
      }
    }
    if (!next) {
      pairs.push(current);
      break;
    }
    const head = value.slice(0, cut).trim();
    pairs.push({ ...current, value: head.length > 0 ? head : null });
    current = next;
  }
  return pairs;
}

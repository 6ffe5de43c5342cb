// The target-value grammar (schema.md `target`, domain-notes §5): one 指标值 cell becomes a typed
// Target, annotation marks become flags, and every doubt becomes a note. Words live in dict/targets.
import type { DiagnosticCode } from '../dict/diagnostics.js';
import {
  ACTION_QUALIFIERS,
  ANNOTATIONS,
  CANONICAL_OPERATOR_TEXT,
  DEADLINE_WORDS,
  PLACEHOLDER_PATTERNS,
  PLACEHOLDER_TEXTS,
  BOUND_JOINERS,
  FOOTNOTE_NUMBER_CHARACTERS,
  FOOTNOTE_SIGN_CHARACTERS,
  FOOTNOTE_WORD,
  INCLUSIVE_NOTE_WORD,
  RATE_NAME_ENDINGS,
  RELATIVE_TARGET_WORDS,
  TARGET_SCOPE_WORDS,
  TARGET_TRAILING_NOISE,
  MEASURE_CHARACTERS,
  MORE_THAN_WORDS,
  OPERATORS,
  SCALE_WORDS,
  TRAILING_TARGET_WORDS,
  UNIT_ONLY_PLACEHOLDERS,
} from '../dict/targets.js';
import { ENUMERATION_COMMA } from '../dict/grammar.js';
import { escapeRegExp, normalizeRaw, normalizeText } from '../text/normalize.js';
import { parseDeadline } from './dates.js';
import { toPlainString } from './numbers.js';
import type { Target } from './schema.js';
import {
  cleanUnit,
  fold,
  matchPrefixOp,
  matchScale,
  operatorOf,
  parseNumeric,
  parseRange,
  percentWritten,
  valueOf,
  type NumericParse,
  type Quantity,
  type RangeParse,
} from './target-grammar.js';

export interface TargetContext {
  /** The row's 计量单位 column text, if the table has one. */
  unitColumn?: string | null;
  /** The row's 计算符号/指标性质 column when it holds ≥ ≤ = > < (not 定量/定性). */
  opColumn?: string | null;
  /** Unit in parentheses at the end of the indicator name (完成加装电梯数量（台）→ 台). */
  nameUnit?: string | null;
  /** For deadlines without a year (12月底前). */
  fiscalYear?: number | null;
}
export interface TargetNote {
  code: DiagnosticCode;
  severity: 'warning' | 'error' | 'info';
  message: string;
}
export type TargetFlag = 'new' | 'core';
export interface TargetResult {
  target: Target;
  flags: TargetFlag[];
  notes: TargetNote[];
}

const FLAG_ORDER: readonly TargetFlag[] = ['new', 'core'];
const PLACEHOLDERS = new Set(PLACEHOLDER_TEXTS.map((t) => fold(t).toLowerCase()));
const CELL_PLACEHOLDERS = PLACEHOLDER_PATTERNS.filter((p) => p.slot === 'cell');
const ANNOTATION_FLAGS = new Map(ANNOTATIONS.map((a) => [fold(a.text), a.flag]));
const ANNOTATION_RE = new RegExp(
  [...ANNOTATION_FLAGS.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => [...k].map(escapeRegExp).join('\\s*'))
    .join('|'),
  'gu',
);
const RELATIVE = RELATIVE_TARGET_WORDS.map(fold);
const BEFORE_WORD = DEADLINE_WORDS.find((w) => w.before && w.endOf == null)?.text ?? '';

function blank(raw: string | null): Target {
  return {
    raw,
    kind: 'empty',
    op: null,
    op_source: null,
    value: null,
    value_max: null,
    unit: null,
    date: null,
    text: null,
  };
}

const note = (code: DiagnosticCode, message: string): TargetNote => ({
  code,
  severity: 'warning',
  message,
});

const NUMBER_MARK = `[${FOOTNOTE_NUMBER_CHARACTERS}]`;
const MARK = `[${FOOTNOTE_NUMBER_CHARACTERS}${FOOTNOTE_SIGN_CHARACTERS}]`;
/** Footnote marks after the target: a run of mark characters, or 注 / (注1) / [1] after a number. */
const FOOTNOTE_AFTER = new RegExp(
  `(?:\\s*${MARK})+\\s*$|(?<=[\\d%％‰])\\s*(?:[(（\\[［【]\\s*${FOOTNOTE_WORD}?\\s*\\d{1,2}\\s*[)）\\]］】]|${FOOTNOTE_WORD}\\s*\\d{0,2})\\s*$`,
  'u',
);
/** Footnote marks before it (a superscript a PDF put in front: ① ≥95%). */
const FOOTNOTE_BEFORE = new RegExp(`^\\s*(?:${NUMBER_MARK}\\s*)+`, 'u');
const ONLY_MARKS = new RegExp(`^(?:\\s|${MARK})*$`, 'u');

/**
 * The cell without footnote marks, which NFKC would otherwise fold into the number (① → 1); the
 * raw text keeps them. A cell of marks only (*, a placeholder) is left as it is.
 */
function withoutFootnotes(raw: string | null): string | null {
  if (raw == null) return raw;
  const out = raw.replace(FOOTNOTE_BEFORE, '').replace(FOOTNOTE_AFTER, '');
  return out === raw || ONLY_MARKS.test(out) ? raw : out;
}

const NOISE = TARGET_TRAILING_NOISE.map(fold).sort((a, b) => b.length - a.length);

/** The folded target without trailing punctuation or inclusive marks (≥98%。 → ≥98%). */
const INCLUSIVE_NOTE = new RegExp(`\\(${fold(INCLUSIVE_NOTE_WORD)}[^()]*\\)$`, 'u');
const JOINERS = [...new Set(BOUND_JOINERS.map(fold))].sort((a, b) => b.length - a.length);

/** A lower and an upper bound joined into one cell (≥95%且≤100%) read as a range. */
function parseBounds(s: string): RangeParse | null {
  for (const j of JOINERS) {
    const parts = s.split(j);
    if (parts.length !== 2) continue;
    const [a, b] = parts.map((p) => parseNumeric(p));
    if (a?.kind !== 'numeric' || b?.kind !== 'numeric') continue;
    const lower = (p: NumericParse) => p.op === '>=' || p.op === '>';
    const upper = (p: NumericParse) => p.op === '<=' || p.op === '<';
    const [low, high] =
      lower(a) && upper(b) ? [a, b] : lower(b) && upper(a) ? [b, a] : [null, null];
    if (!low || !high) continue;
    return { kind: 'range', low: { ...low.q, unit: low.q.unit ?? high.q.unit }, high: high.q };
  }
  return null;
}

function withoutTrailingNoise(s: string): string {
  let out = s.replace(INCLUSIVE_NOTE, '');
  for (let again = true; again;) {
    again = false;
    for (const n of NOISE) {
      if (out.length > n.length && out.endsWith(n)) {
        out = out.slice(0, -n.length);
        again = true;
      }
    }
  }
  return out;
}

/** The longest target cell read for a value (real values are a few dozen characters at most). */
const MAX_TARGET_CHARS = 500;

/**
 * A list label and the blank after it in front of a one-line cell (1. 100%, (2) ≥90%, a. 达标:
 * an automatically numbered paragraph of Word or an <ol> item as read): the text after it.
 */
const LIST_LABEL = new RegExp(
  `^(?:\\d{1,2}[.)${ENUMERATION_COMMA}]|\\(\\d{1,2}\\)|[a-zA-Z][.)])\\s+(?=\\S)`,
  'u',
);

function afterListLabel(raw: string | null): string | null {
  const text = normalizeText(raw);
  if (text === null || text.includes('\n')) return null;
  const label = LIST_LABEL.exec(text);
  return label ? text.slice(label[0].length) : null;
}

/** Parses one target cell; never throws, never returns NaN. */
export function parseTarget(raw: string | null, ctx: TargetContext = {}): TargetResult {
  // a value after a list label is that value (1. 100% is not 1.1 %); the raw text keeps the label
  const listed = afterListLabel(raw);
  if (listed !== null) {
    const inner = parseTarget(listed, ctx);
    const kind = inner.target.kind;
    if (kind !== 'text' && kind !== 'empty') {
      return { ...inner, target: { ...inner.target, raw: normalizeRaw(raw)! } };
    }
  }
  const result = parseCell(raw, ctx);
  const kind = result.target.kind;
  const col = ctx.opColumn ? operatorOf(ctx.opColumn) : null;
  // an operator the target cannot carry (text, a range) is said, not dropped
  if (col && (kind === 'text' || kind === 'range')) {
    result.notes.push({
      code: 'operator_unused',
      severity: 'warning',
      message: `the operator column says ${col.op}, but target "${result.target.raw}" is ${kind}: the operator is not kept in the target`,
    });
  }
  return result;
}

function parseCell(raw: string | null, ctx: TargetContext): TargetResult {
  const notes: TargetNote[] = [];
  const found = new Set<TargetFlag>();
  const normalized = normalizeText(withoutFootnotes(raw));
  const stripped = (normalized ?? '').replace(ANNOTATION_RE, (m) => {
    const flag = ANNOTATION_FLAGS.get(fold(m));
    if (flag) found.add(flag);
    return '';
  });
  const flags = FLAG_ORDER.filter((f) => found.has(f));
  // normalised text stays as it is when normalised again; only a cell that lost a mark needs it
  const text = stripped === normalized ? normalized : normalizeText(stripped);
  const target = blank(normalizeRaw(raw));
  if (text == null) return { target, flags, notes };
  const s = percentWritten(withoutTrailingNoise(fold(text)));

  const asText = (message: string | null): TargetResult => {
    if (message != null && /\d/.test(s)) {
      if (RELATIVE.some((w) => s.includes(w))) {
        notes.push({
          code: 'relative_target',
          severity: 'info',
          message: `target "${text}" is relative to another period; kept as text`,
        });
      } else notes.push(note('unparsed_target', message));
    }
    return { target: { ...target, kind: 'text', text }, flags, notes };
  };

  if (isPlaceholder(s)) return placeholder(target, flags, notes);
  // a narrative is not a value: a cell this long is text (and the grammar's cost grows with it)
  if (s.length > MAX_TARGET_CHARS) {
    notes.push(
      note(
        'unparsed_target',
        `a target of ${s.length} characters is too long to be read as a value`,
      ),
    );
    return { target: { ...target, kind: 'text', text }, flags, notes };
  }

  // the action the number counts, after its unit (≥95%合格, ≤3天办结, 12月底前完成验收): the
  // target is read from what comes before it
  const action = actionAfter(s);
  const body = action ? withoutTrailingNoise(s.slice(0, -action.length)) : s;
  const withAction = (): void => {
    if (action) {
      notes.push(
        note('target_with_text', `target "${text}" holds text after the value ("${action}")`),
      );
    }
  };

  const deadline = parseDeadline(body, ctx.fiscalYear);
  if (deadline && !deadline.ok) {
    notes.push(note('unparsed_target', `deadline "${text}" has no year and no fiscal year`));
    return { target: { ...target, kind: 'text', text }, flags, notes };
  }
  if (deadline?.ok) {
    const { date, before, yearInferred } = deadline.deadline;
    if (yearInferred) {
      notes.push(note('date_year_inferred', `year of "${text}" taken from fiscal year`));
    }
    const dated: Target = { ...target, kind: 'date', date, op: before ? '<=' : '=' };
    dated.op_source = before ? 'word' : 'implied';
    withAction();
    applyOpColumn(dated, ctx, notes);
    return { target: dated, flags, notes };
  }

  let parsed: NumericParse | RangeParse | { kind: 'placeholder' } | null =
    moreThan(body) ?? movedOp(body) ?? parseNumeric(body) ?? parseRange(body) ?? parseBounds(body);
  if (parsed != null) withAction();
  if (parsed == null) {
    const fused = splitFusedName(s) ?? afterScopeWord(s);
    if (fused) {
      notes.push(note('target_with_text', `target "${text}" holds text before "${fused.tail}"`));
      parsed = fused.parse;
    }
  }
  // a unit with no number (%, 人次): the template's number was never filled in
  if (parsed == null && UNIT_ONLY.has(s)) return placeholder(target, flags, notes);
  if (parsed == null) return asText(`target "${text}" does not fit the target grammar`);
  if (parsed.kind === 'placeholder') return placeholder(target, flags, notes);

  const out = parsed.kind === 'numeric' ? numeric(target, parsed, ctx) : range(target, parsed, ctx);
  if (out == null) return asText(`target "${text}" has a value out of range`);
  if (out.kind === 'numeric') applyOpColumn(out, ctx, notes);
  return { target: out, flags, notes };
}

/** A cell left as the template had it (——, *, 待填写), whatever column it stands in. */
export function isPlaceholderText(raw: string): boolean {
  return isPlaceholder(fold(raw).replace(/\s+/gu, ''));
}

function isPlaceholder(s: string): boolean {
  return PLACEHOLDERS.has(s.toLowerCase()) || CELL_PLACEHOLDERS.some((p) => p.pattern.test(s));
}

function placeholder(target: Target, flags: TargetFlag[], notes: TargetNote[]): TargetResult {
  notes.push(note('placeholder_target', `target "${target.raw}" is a template placeholder`));
  return { target: { ...target, kind: 'placeholder' }, flags, notes };
}

/** "足额保障率=100%": an indicator name fused with its comparison; the name has no digits. */
const SCOPE_WORDS = TARGET_SCOPE_WORDS.map(fold).sort((a, b) => b.length - a.length);

const TRAILING_WORDS = [...TRAILING_TARGET_WORDS].map(fold).sort((a, b) => b.length - a.length);
const SUFFIX_WORDS = OPERATORS.filter((o) => o.position === 'suffix')
  .map((o) => fold(o.text))
  .sort((a, b) => b.length - a.length);
const MEASURE = new Set(MEASURE_CHARACTERS);
const QUALIFIERS = ACTION_QUALIFIERS.map(fold);
const BEFORE_WORDS = DEADLINE_WORDS.filter((w) => w.before).map((w) => fold(w.text));

/**
 * The action word ending a target after its number and unit (≥95%合格, ≤3天办结, 30天内办结),
 * or null: the word must follow a digit, %, a unit character or an operator word (不合格,
 * 基本合格, 验收合格 stay whole: the text says more than the number).
 */
function actionAfter(s: string): string | null {
  const word = TRAILING_WORDS.find((w) => s.endsWith(w) && s.length > w.length);
  if (!word) return null;
  const before = s.slice(0, -word.length);
  if (QUALIFIERS.some((q) => before.endsWith(q))) return null;
  const last = before.at(-1)!;
  const fits =
    /[\d%‰]/u.test(last) ||
    MEASURE.has(last) ||
    SUFFIX_WORDS.some((w) => before.endsWith(w)) ||
    BEFORE_WORDS.some((w) => before.endsWith(w)) ||
    withoutTrailingNoise(before) !== before;
  return fits && /\d/u.test(before) ? word : null;
}

/** Cells that are a unit and nothing else: the template's number was never filled in. */
const UNIT_ONLY = new Set(UNIT_ONLY_PLACEHOLDERS.map(fold));

const SCALE_TEXTS = SCALE_WORDS.map((w) => w.text).sort((a, b) => b.length - a.length);
const MORE_THAN = new RegExp(
  `^(\\d[\\d,]*(?:\\.\\d+)?)(${SCALE_TEXTS.join('|')})?(${MORE_THAN_WORDS.join('|')})`,
  'u',
);

/** 10余个, 100多人, 1万余人: more than the number (">" from a word). */
function moreThan(s: string): NumericParse | null {
  const m = MORE_THAN.exec(s);
  if (!m) return null;
  const parse = parseNumeric(m[1]! + (m[2] ?? '') + s.slice(m[0].length));
  return parse?.kind === 'numeric' && parse.op === null
    ? { ...parse, op: '>', source: 'word' }
    : null;
}

const MOVED_OP = new RegExp(
  `^(.*\\d.*?)(${SUFFIX_WORDS.map(escapeRegExp).join('|')})(/[^/]+)$`,
  'u',
);

/** 2次以上/年, 5个以内/年: the operator word before the unit's denominator. */
function movedOp(s: string): NumericParse | null {
  const m = MOVED_OP.exec(s);
  if (!m) return null;
  const parse = parseNumeric(m[1]! + m[3]! + m[2]!);
  return parse?.kind === 'numeric' ? parse : null;
}

/** A bare quantity after a word setting its scope (全年4次 → 4 次). */
function afterScopeWord(s: string): { tail: string; parse: NumericParse } | null {
  const word = SCOPE_WORDS.find((w) => s.startsWith(w) && /^\d/u.test(s.slice(w.length)));
  if (!word) return null;
  const parse = parseNumeric(s.slice(word.length));
  return parse?.kind === 'numeric' ? { tail: s.slice(word.length), parse } : null;
}

/**
 * An indicator name written before its target in the cell: with an operator (足额保障率=100%,
 * 资金到位率达到100%), or a rate name before a bare number (完成率100%).
 */
function splitFusedName(s: string): { tail: string; parse: NumericParse } | null {
  for (let i = 1; i < s.length; i++) {
    if (/\d/.test(s[i - 1]!)) return null;
    const op = matchPrefixOp(s, i);
    const rate = !op && /\d/u.test(s[i]!) && RATE_NAME_ENDINGS.includes(s[i - 1]!);
    if (!rate && !op?.afterName) continue;
    const parse = parseNumeric(s.slice(i));
    if (parse?.kind === 'numeric') return { tail: s.slice(i), parse };
  }
  return null;
}

/** The unit (and scale) a 计量单位 column or the name's parentheses give: 万元 → 元 × 10^4. */
function contextUnit(ctx: TargetContext): { unit: string | null; exponent: number } | null {
  for (const source of [ctx.unitColumn, ctx.nameUnit]) {
    const s = fold(normalizeText(source) ?? '').replace(/^\((.*)\)$/u, '$1');
    if (s === '') continue;
    const scale = matchScale(s);
    const rest = scale ? s.slice(scale.key.length) : s;
    const unit = cleanUnit(rest);
    return { unit: unit === undefined ? rest : unit, exponent: scale?.exponent ?? 0 };
  }
  return null;
}

/** The cell's unit wins; else the context's unit, whose scale applies unless the cell has one. */
function withContextUnit(q: Quantity, ctx: TargetContext): Quantity {
  if (q.unit != null) return q;
  const c = contextUnit(ctx);
  if (!c) return q;
  return { dec: q.dec, exponent: q.exponent === 0 ? c.exponent : q.exponent, unit: c.unit };
}

function numeric(target: Target, p: NumericParse, ctx: TargetContext): Target | null {
  const q = withContextUnit(p.q, ctx);
  const value = valueOf(q);
  if (!Number.isFinite(value)) return null;
  return {
    ...target,
    kind: 'numeric',
    op: p.op ?? '=',
    op_source: p.source ?? 'implied',
    value,
    unit: q.unit,
  };
}

function range(target: Target, p: RangeParse, ctx: TargetContext): Target | null {
  const low = withContextUnit(p.low, ctx);
  const high = withContextUnit(p.high, ctx);
  const [value, max] = [valueOf(low), valueOf(high)];
  if (!Number.isFinite(value) || !Number.isFinite(max)) return null;
  return { ...target, kind: 'range', value, value_max: max, unit: high.unit };
}

/** An implied operator gives way to the operator column; a written one wins over it. */
function applyOpColumn(t: Target, ctx: TargetContext, notes: TargetNote[]): void {
  const col = ctx.opColumn ? operatorOf(ctx.opColumn) : null;
  if (!col) return;
  if (t.op_source === 'implied') {
    t.op = col.op;
    t.op_source = 'column';
  } else if (t.op !== col.op) {
    notes.push({
      code: 'operator_conflict',
      severity: 'warning',
      message: `target "${t.raw}" says ${t.op} but the operator column says ${col.op}`,
    });
  }
}

/** Re-prints a target in canonical text, which parseTarget reads back to the same fields. */
export function formatTarget(t: Target): string {
  const num = (n: number | null): string => (n == null ? '' : toPlainString(n));
  switch (t.kind) {
    case 'numeric': {
      let op = '';
      if (t.op != null && !(t.op === '=' && t.op_source === 'implied')) {
        const forms = CANONICAL_OPERATOR_TEXT[t.op];
        op = t.op_source === 'word' ? forms.word : forms.symbol;
      }
      return `${op}${num(t.value)}${t.unit ?? ''}`;
    }
    case 'range':
      return `${num(t.value)}~${num(t.value_max)}${t.unit ?? ''}`;
    case 'date':
      return `${t.date ?? ''}${t.op === '<=' ? BEFORE_WORD : ''}`;
    case 'text':
      return t.text ?? '';
    case 'placeholder':
      return t.raw ?? '';
    case 'empty':
      return '';
  }
}

// One test per entry of the target-value dictionary (src/dict/targets.ts): adding a row adds a
// test, so every word a domain expert writes down is shown to be recognised by the parser.
import { describe, expect, it } from 'vitest';
import {
  ANNOTATIONS,
  CANONICAL_OPERATOR_TEXT,
  DEADLINE_FILLERS,
  DEADLINE_WORDS,
  KILO_UNIT_HEADS,
  MONEY_UNITS,
  OPERATORS,
  PERCENT_FORMS,
  PLACEHOLDER_PATTERNS,
  PLACEHOLDER_TEXTS,
  RANGE_SEPARATORS,
  SCALE_WORDS,
  UNIT_STOP_WORDS,
} from '../src/dict/targets.js';
import { parseAmount } from '../src/normalize/numbers.js';
import { parseTarget } from '../src/normalize/target.js';

describe('operators', () => {
  it.each(OPERATORS.map((e) => [e.text, e] as const))('%s', (_, e) => {
    const cell = e.position === 'prefix' ? `${e.text}95%` : `95%${e.text}`;
    const { target, notes } = parseTarget(cell);
    expect(target).toMatchObject({ kind: 'numeric', op: e.op, op_source: e.source });
    expect(target).toMatchObject({ value: 95, unit: '%', raw: cell });
    expect(notes).toEqual([]);
  });

  it.each(OPERATORS.filter((e) => e.afterName).map((e) => [e.text, e] as const))(
    'after a fused name: 合格率%s90%%',
    (_, e) => {
      const { target, notes } = parseTarget(`合格率${e.text}90%`);
      expect(target).toMatchObject({ kind: 'numeric', op: e.op, value: 90, unit: '%' });
      expect(notes.map((n) => n.code)).toEqual(['target_with_text']);
    },
  );

  it.each(Object.entries(CANONICAL_OPERATOR_TEXT))('canonical forms of %s are entries', (op, f) => {
    const texts = OPERATORS.filter((e) => e.op === op).map((e) => e.text);
    expect(texts).toContain(f.word);
    if (op !== 'approx') expect(texts).toContain(f.symbol);
  });
});

describe('scale words', () => {
  it.each(SCALE_WORDS.map((e) => [e.text, e] as const))('%s', (_, e) => {
    const { target } = parseTarget(`≥12.5${e.text}人次`);
    expect(target).toMatchObject({ kind: 'numeric', op: '>=', unit: '人次' });
    expect(target.value).toBe(Number(`12.5e${e.exponent}`));
  });

  it.each(KILO_UNIT_HEADS.map((h) => [h] as const))('千%s is a unit, not a scale', (head) => {
    const { target } = parseTarget(`≤5千${head}`);
    expect(target).toMatchObject({ kind: 'numeric', op: '<=', value: 5, unit: `千${head}` });
  });
});

describe('money units', () => {
  it.each(MONEY_UNITS.map((e) => [e.text, e] as const))('%s', (_, e) => {
    const { target } = parseTarget(`12.34${e.text}`);
    expect(target).toMatchObject({ kind: 'numeric', unit: e.unit });
    expect(target.value).toBe(Number(`12.34e${e.exponent}`));
  });

  it.each(MONEY_UNITS.filter((e) => e.unit === '元').map((e) => [e.text, e] as const))(
    'parseAmount reads a cell written in %s',
    (_, e) => {
      expect(parseAmount(`1,234.5${e.text}`, null)).toEqual({
        yuan: Number(`1234.5e${e.exponent}`),
        ok: true,
      });
    },
  );
});

describe('percent forms', () => {
  it.each(PERCENT_FORMS.map((e) => [e.text, e] as const))('%s', (_, e) => {
    const { target } = parseTarget(`≥90.00${e.text}`);
    expect(target).toMatchObject({ kind: 'numeric', op: '>=', value: 90, unit: e.unit });
  });
});

describe('range separators', () => {
  it.each(RANGE_SEPARATORS.map((s) => [s] as const))('90%s95%%', (sep) => {
    const { target } = parseTarget(`90${sep}95%`);
    expect(target).toMatchObject({ kind: 'range', op: null, value: 90, value_max: 95 });
    expect(target.unit).toBe('%');
  });
});

describe('placeholders', () => {
  const expectPlaceholder = (cell: string): void => {
    const { target, notes } = parseTarget(cell);
    expect(target).toMatchObject({ kind: 'placeholder', raw: cell, op: null, value: null });
    expect(target).toMatchObject({ unit: null, text: null });
    expect(notes.map((n) => n.code)).toEqual(['placeholder_target']);
  };

  it.each(PLACEHOLDER_TEXTS.map((t) => [t] as const))('%s', (text) => expectPlaceholder(text));

  const examples = PLACEHOLDER_PATTERNS.flatMap((p) => p.examples.map((x) => [p.name, x] as const));
  it.each(examples)('%s: %s', (_, example) => expectPlaceholder(example));
});

describe('annotations', () => {
  it.each(ANNOTATIONS.map((e) => [e.text, e] as const))('%s on a text target', (_, e) => {
    const cell = `正常运转${e.text}`;
    const { target, flags } = parseTarget(cell);
    expect(target).toMatchObject({ kind: 'text', text: '正常运转', raw: cell });
    expect(flags).toEqual([e.flag]);
  });

  it.each(ANNOTATIONS.map((e) => [e.text, e] as const))('%s on a numeric target', (_, e) => {
    const { target, flags } = parseTarget(`${e.text}≥95%`);
    expect(target).toMatchObject({ kind: 'numeric', op: '>=', value: 95, unit: '%' });
    expect(flags).toEqual([e.flag]);
  });
});

describe('deadline words', () => {
  /** A cell that uses the word, built from the kind of period the word ends. */
  const cellFor = (w: (typeof DEADLINE_WORDS)[number]): string => {
    if (w.endOf === 'year') return `2024年${w.text}`;
    if (w.endOf === 'month') return `2024年6${w.text}`;
    if (w.endOf === 'named') return `2024年6月${w.text}`;
    return `2024年6月30日${w.text}`;
  };

  it.each(DEADLINE_WORDS.map((w) => [w.text, w] as const))('%s', (_, w) => {
    const cell = cellFor(w);
    const { target, notes } = parseTarget(cell);
    const date = w.endOf === 'year' ? '2024-12-31' : '2024-06-30';
    expect(target).toMatchObject({ kind: 'date', date, value: null, unit: null });
    expect(target.op).toBe(w.before ? '<=' : '=');
    expect(target.op_source).toBe(w.before ? 'word' : 'implied');
    expect(notes).toEqual([]);
  });

  it.each(DEADLINE_FILLERS.map((f) => [f.text, f] as const))('filler %s', (_, f) => {
    const cell = f.position === 'prefix' ? `${f.text}2024年12月底前` : `2024年12月底前${f.text}`;
    const { target } = parseTarget(cell);
    expect(target).toMatchObject({ kind: 'date', date: '2024-12-31', op: '<=' });
  });
});

describe('unit stop words', () => {
  it.each(UNIT_STOP_WORDS.map((w) => [w] as const))('"5%s" after a number is prose', (w) => {
    const { target, notes } = parseTarget(`5个${w}项目`);
    expect(target.kind).toBe('text');
    expect(notes.map((n) => n.code)).toEqual(['unparsed_target']);
  });
});

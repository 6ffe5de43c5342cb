// Laws of the target grammar: generated cells parse to the value they state, targets re-print
// to text that parses back to the same target, any string parses safely, and scaling is exact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPERATORS, SCALE_WORDS } from '../src/dict/targets.js';
import { scaleDecimal } from '../src/normalize/numbers.js';
import { targetSchema, type Target } from '../src/normalize/schema.js';
import { formatTarget, parseTarget } from '../src/normalize/target.js';

const SYMBOLS = OPERATORS.filter((e) => e.source === 'symbol');
const WORDS = OPERATORS.filter((e) => e.source === 'word');
/** Units as written → unit expected in the target. */
const UNITS: [string, string | null][] = [
  ['', null],
  ['%', '%'],
  ['％', '%'],
  ['(%)', '%'],
  ['人次', '人次'],
  ['家', '家'],
  ['篇', '篇'],
  ['个工作日', '个工作日'],
  ['元/人·月', '元/人·月'],
  ['元', '元'],
  ['千米', '千米'],
  ['m2', 'm2'],
];

/** Groups an integer's digits by three with the given separator. */
const group = (int: string, sep: string): string => int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);

const numberText = fc
  .record({
    int: fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String),
    frac: fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: undefined }),
    sep: fc.constantFrom('', '', ',', '，'),
  })
  .map(({ int, frac, sep }) => ({
    written: group(int, sep) + (frac ? `.${frac}` : ''),
    plain: int + (frac ? `.${frac}` : ''),
  }));

const comparable = (t: Target) => ({
  kind: t.kind,
  op: t.op,
  op_source: t.op_source,
  value: t.value,
  value_max: t.value_max,
  unit: t.unit,
  date: t.date,
});

describe('target grammar laws', () => {
  it('operator × number × scale × unit gives the stated op, value and unit', () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...SYMBOLS, ...WORDS.filter((w) => w.position === 'prefix'))),
        numberText,
        fc.option(fc.constantFrom(...SCALE_WORDS)),
        fc.constantFrom(...UNITS),
        (op, n, scale, [unitText, unit]) => {
          const cell = `${op?.text ?? ''}${n.written}${scale?.text ?? ''}${unitText}`;
          const { target, notes } = parseTarget(cell);
          expect(notes).toEqual([]);
          expect(target.kind).toBe('numeric');
          expect(target.op).toBe(op?.op ?? '=');
          expect(target.op_source).toBe(op?.source ?? 'implied');
          expect(target.value).toBe(Number(`${n.plain}e${scale?.exponent ?? 0}`));
          expect(target.unit).toBe(unit);
        },
      ),
    );
  });

  it('number × unit × suffix word gives the suffix operator', () => {
    const suffixes = WORDS.filter((w) => w.position === 'suffix');
    fc.assert(
      fc.property(
        numberText,
        fc.constantFrom(...UNITS.slice(1)),
        fc.constantFrom(...suffixes),
        (n, [u, unit], s) => {
          const { target } = parseTarget(`${n.written}${u}${s.text}`);
          expect(target).toMatchObject({ kind: 'numeric', op: s.op, op_source: 'word', unit });
          expect(target.value).toBe(Number(n.plain));
        },
      ),
    );
  });

  it('formatTarget re-prints a target that parses back to the same fields', () => {
    const generated = fc
      .tuple(
        fc.option(fc.constantFrom(...OPERATORS.filter((o) => o.position === 'prefix'))),
        numberText,
        fc.option(fc.constantFrom(...SCALE_WORDS)),
        fc.constantFrom(...UNITS),
        fc.option(numberText),
      )
      .map(([op, n, scale, [u], high]) =>
        high
          ? `${n.written}${u}-${high.written}${scale?.text ?? ''}${u}`
          : `${op?.text ?? ''}${n.written}${scale?.text ?? ''}${u}`,
      );
    const anyCell = fc.oneof(generated, fc.string(), fc.string({ unit: 'grapheme' }));
    fc.assert(
      fc.property(anyCell, (cell) => {
        const first = parseTarget(cell).target;
        if (first.kind !== 'numeric' && first.kind !== 'range') return;
        const again = parseTarget(formatTarget(first)).target;
        expect(comparable(again)).toEqual(comparable(first));
        expect(formatTarget(again)).toBe(formatTarget(first));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws and always returns a valid target, for any string', () => {
    const ctx = fc.record({
      unitColumn: fc.option(fc.string()),
      opColumn: fc.option(fc.constantFrom('≥', '≤', '=', '定量', '')),
      nameUnit: fc.option(fc.string({ unit: 'grapheme' })),
      fiscalYear: fc.option(fc.integer({ min: -5, max: 99999 })),
    });
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.string({
        unit: fc.constantFrom(
          ...'≥≤=<>～~-—至万亿千%％()（）年月日底前内以上1234567890.,，*/ 新增★元人次',
        ),
      }),
    );
    fc.assert(
      fc.property(text, ctx, (cell, c) => {
        const r = parseTarget(cell, c);
        expect(() => targetSchema.parse(r.target)).not.toThrow();
        expect(Number.isNaN(r.target.value)).toBe(false);
        for (const f of r.flags) expect(['new', 'core']).toContain(f);
      }),
      { numRuns: 2000 },
    );
  });

  it('scales by 万 exactly: d × 10^4 equals the integer arithmetic result', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 900_000_000_000n }),
        fc.integer({ min: 0, max: 4 }),
        (n, k) => {
          const digits = n.toString().padStart(k + 1, '0');
          const d = k === 0 ? digits : `${digits.slice(0, -k)}.${digits.slice(-k)}`;
          const expected = Number(n * 10n ** BigInt(4 - k));
          expect(scaleDecimal(d, 4)).toBe(expected);
          expect(parseTarget(`${d}万`).target.value).toBe(expected);
        },
      ),
    );
  });
});

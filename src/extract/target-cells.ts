// Value cells that hold more than one line: an annual and a mid-term value (年度：60辆 / 中期：
// 180辆), or a value followed by a remark (≥95% / （上年实际94.2%）).
import { TARGET_LINE_LABELS } from '../dict/columns.js';
import { parseTarget } from '../normalize/target.js';
import { labelKey, normalizeText } from '../text/normalize.js';

export interface TargetCell {
  /** Text to read the target from (the whole cell unless it was split). */
  main: string | null;
  /** A mid-term value written in the same cell. */
  midterm: string | null;
  /** Lines that are not the value (remarks), for the note. */
  rest: string[];
  split: boolean;
}

const WHICH = new Map<string, 'annual' | 'midterm'>();
for (const { which, labels } of TARGET_LINE_LABELS)
  for (const l of labels) WHICH.set(labelKey(l), which);
const LINE_LABEL = /^([^:：]{1,8})[:：]\s*(.+)$/su;

/**
 * A remark written after the value on the same line: in brackets (≥95%（上年实际94.2%）, also
 * after a slash), or after a slash, semicolon or comma when it starts with CJK text (≥95%；上年
 *实际94.2%). Null unless the value alone reads as a target and the whole line does not.
 */
const BRACKETED_REMARK = /^(.+?)\s*(?:[/;,]\s*)?(\([^()]*\p{Script=Han}[^()]*\))$/u;
const SEPARATED_REMARK = /^(.+?)\s*[/;,、]\s*(\p{Script=Han}.*)$/u;

function remarkAfter(line: string): TargetCell | null {
  const m = BRACKETED_REMARK.exec(line) ?? SEPARATED_REMARK.exec(line);
  if (!m) return null;
  if (parseTarget(m[1]!).target.kind === 'text' || parseTarget(line).target.kind !== 'text') {
    return null;
  }
  return { main: m[1]!, midterm: null, rest: [m[2]!], split: true };
}

/** Splits a value cell into its value, a mid-term value and remarks. */
export function splitTargetCell(source: string | null): TargetCell {
  const whole: TargetCell = { main: source, midterm: null, rest: [], split: false };
  const lines = (normalizeText(source) ?? '').split('\n').filter((l) => l.length > 0);
  if (lines.length === 1) return remarkAfter(lines[0]!) ?? whole;
  if (lines.length < 2) return whole;
  const labelled = lines.map((l) => {
    const m = LINE_LABEL.exec(l);
    const which = m ? WHICH.get(labelKey(m[1])) : undefined;
    return which ? { which, value: m![2]!.trim() } : null;
  });
  if (labelled.some((l) => l !== null)) {
    const annual = labelled.find((l) => l?.which === 'annual')?.value ?? null;
    const midterm = labelled.find((l) => l?.which === 'midterm')?.value ?? null;
    const rest = lines.filter((_, k) => labelled[k] === null);
    return { main: annual ?? rest.shift() ?? null, midterm, rest, split: true };
  }
  // a value line followed by remarks: the first line reads as a target, the whole cell does not
  if (parseTarget(lines[0]!).target.kind !== 'text' && parseTarget(source).target.kind === 'text') {
    return { main: lines[0]!, midterm: null, rest: lines.slice(1), split: true };
  }
  return whole;
}

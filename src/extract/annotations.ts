// Small readers for indicator cells: annotation marks on names (（新增）, ★) turned into flags,
// a unit in parentheses ending a name (完成加装电梯数量（台）), and loose numbers (权重 20%, 10分).
import { ANNOTATIONS, OPERATORS } from '../dict/targets.js';
import { parseNumber } from '../normalize/numbers.js';
import { oneLine } from '../text/normalize.js';
import { ENUMERATOR, LOOSE_NUMBER, NAME_NUMBERING, NOT_A_UNIT } from './patterns.js';

/** Word list numbering left in front of a name (① folds to 1): "1 新建急救站点数". */
const LIST_NUMBER = /^\d{1,2}\s+(?=\p{Script=Han})/u;

type Flag = 'new' | 'core';

const MARKS = ANNOTATIONS.map((a) => ({ text: a.text.normalize('NFKC'), flag: a.flag })).sort(
  (a, b) => b.text.length - a.text.length,
);

/** Removes annotation marks from a normalised name; the marks become flags. */
export function stripAnnotations(text: string | null): { text: string | null; flags: Flag[] } {
  if (text === null) return { text: null, flags: [] };
  const flags = new Set<Flag>();
  let s = text;
  for (const m of MARKS) {
    if (s.includes(m.text)) {
      s = s.split(m.text).join('');
      flags.add(m.flag);
    }
  }
  s = s.replace(/\s+/gu, ' ').trim();
  return { text: s.length > 0 ? s : null, flags: [...flags] };
}

/** An indicator name without numbering (指标1：培训人数, 1. 培训人数 → 培训人数) and annotation marks. */
export function cleanName(text: string | null): { text: string | null; flags: Flag[] } {
  const named = stripAnnotations(oneLine(text));
  const text_ = named.text
    ?.replace(NAME_NUMBERING, '')
    .replace(ENUMERATOR, '')
    .replace(LIST_NUMBER, '')
    .trim();
  return { ...named, text: text_ ? text_ : null };
}

const UNIT_IN_NAME = /\(([^()\d]{1,6})\)$/u;

/** The unit written in parentheses at the end of an indicator name, if it reads as a unit. */
export function nameUnit(name: string | null): string | null {
  if (name === null) return null;
  const m = UNIT_IN_NAME.exec(name);
  if (!m) return null;
  const unit = m[1]!.trim();
  return unit.length > 0 && !NOT_A_UNIT.test(unit) ? unit : null;
}

/** A number in a weight or score cell: "20", "20%", "20分", "20.5". */
export function parseLooseNumber(text: string): number | null {
  const m = LOOSE_NUMBER.exec(text);
  return m ? parseNumber(m[1]!) : null;
}

const SYMBOLS = OPERATORS.filter((o) => o.source === 'symbol')
  .map((o) => o.text.normalize('NFKC'))
  .sort((a, b) => b.length - a.length);

/**
 * A name cell that also holds the target (足额保障率=100%, 结余率≤5%) when the value cell is
 * empty: the name before the first comparison symbol, the target from the symbol on.
 */
export function splitNameTarget(name: string | null): { name: string; target: string } | null {
  if (name === null) return null;
  for (let i = 1; i < name.length; i++) {
    const symbol = SYMBOLS.find((s) => name.startsWith(s, i));
    if (!symbol) continue;
    const head = name.slice(0, i).trim();
    const tail = name.slice(i);
    return head.length > 0 && /\d/u.test(tail) ? { name: head, target: tail } : null;
  }
  return null;
}

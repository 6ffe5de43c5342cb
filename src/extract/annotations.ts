// Small readers for indicator cells: annotation marks on names (（新增）, ★) turned into flags,
// a unit in parentheses ending a name (完成加装电梯数量（台）), and loose numbers (权重 20%, 10分).
import { ANNOTATIONS } from '../dict/targets.js';
import { parseNumber } from '../normalize/numbers.js';
import { LOOSE_NUMBER, NAME_NUMBERING, NOT_A_UNIT } from './patterns.js';

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

/** An indicator name without template numbering (指标1：培训人数 → 培训人数) and annotation marks. */
export function cleanName(text: string | null): { text: string | null; flags: Flag[] } {
  const named = stripAnnotations(text);
  return { ...named, text: named.text?.replace(NAME_NUMBERING, '') ?? null };
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

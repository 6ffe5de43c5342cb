// Maps level-1 and level-2 cells to their canonical codes (产出指标 → output, 数量指标 → quantity),
// tolerant of inner spaces, PDF line breaks and score suffixes such as (50分).
import { LEVEL1_LABELS, LEVEL2_LABELS, LEVEL2_UNCODED } from '../dict/levels.js';
import type { Level1Code, Level2Code } from '../normalize/schema.js';
import { labelKey } from '../text/normalize.js';
import { ENUMERATOR, SCORE_SUFFIX, TRAILING_PAREN } from './patterns.js';

const L1 = new Map<string, Exclude<Level1Code, 'other'>>();
for (const { code, labels } of LEVEL1_LABELS) for (const l of labels) L1.set(labelKey(l), code);

const L2 = new Map<string, { code: Level2Code; parent: Level1Code | null }>();
for (const { code, parent, labels } of LEVEL2_LABELS) {
  for (const l of labels) L2.set(labelKey(l), { code, parent });
}
for (const { parent, labels } of LEVEL2_UNCODED) {
  for (const l of labels) if (!L2.has(labelKey(l))) L2.set(labelKey(l), { code: 'other', parent });
}

function candidates(text: string): string[] {
  let key = labelKey(text).replace(ENUMERATOR, '');
  const keys = [key];
  while (TRAILING_PAREN.test(key)) {
    key = key.replace(TRAILING_PAREN, '');
    keys.push(key);
  }
  // 产出指标50分 / 产出指标：50分 without brackets
  const bare = key.replace(SCORE_SUFFIX, '');
  if (bare !== key) keys.push(bare);
  return keys;
}

export function level1Code(text: string): Level1Code | null {
  for (const k of candidates(text)) {
    const hit = L1.get(k);
    if (hit) return hit;
  }
  return null;
}

export function level2Info(text: string): { code: Level2Code; parent: Level1Code | null } | null {
  for (const k of candidates(text)) {
    const hit = L2.get(k);
    if (hit) return hit;
  }
  return null;
}

/** Level-2 code in the context of its level 1: 成本指标 under 成本指标 is economic cost's parent, etc. */
export function level2Code(text: string, level1: Level1Code | null): Level2Code | null {
  const info = level2Info(text);
  if (!info) return null;
  if (info.code === 'cost' && level1 === 'cost') return 'cost';
  return info.code;
}

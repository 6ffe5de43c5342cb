// Recognises header labels: folds spacing, colons, enumerators and hints such as （450字内）,
// reads a money unit declared in the label (资金情况（万元）), and looks the rest up in the dictionaries.
import {
  FIELD_LABELS,
  FUNDING_GROUP_WORDS,
  FUNDING_ITEM_GROUPS,
  GROUP_LABELS,
  KNOWN_EXTRA_LABELS,
  LABEL_NOUN_SUFFIXES,
  DECLARED_MONEY_UNITS,
  SUB_ROW_PREFIXES,
  TEXT_FIELD_KEYS,
  TOTAL_ROW_LABELS,
  type FieldKey,
  type MoneyUnit,
} from '../dict/labels.js';
import { labelKey } from '../text/normalize.js';
import { ENUMERATOR, TRAILING_PAREN, UNIT_DECLARATION_REST, UNIT_IN_LABEL } from './patterns.js';

export type LabelMatch =
  | { kind: 'field'; key: FieldKey; sub: boolean; unit: MoneyUnit | null }
  | { kind: 'group'; unit: MoneyUnit | null }
  | { kind: 'items'; unit: MoneyUnit | null }
  | { kind: 'extra'; unit: MoneyUnit | null }
  | { kind: 'total'; unit: MoneyUnit | null };

type Entry = { kind: 'field'; key: FieldKey } | { kind: 'group' | 'items' | 'extra' | 'total' };

const TABLE = new Map<string, Entry>();
for (const l of KNOWN_EXTRA_LABELS) TABLE.set(labelKey(l), { kind: 'extra' });
for (const l of TOTAL_ROW_LABELS) TABLE.set(labelKey(l), { kind: 'total' });
for (const l of GROUP_LABELS) TABLE.set(labelKey(l), { kind: 'group' });
for (const l of FUNDING_ITEM_GROUPS) TABLE.set(labelKey(l), { kind: 'items' });
for (const { key, labels } of FIELD_LABELS) {
  for (const l of labels)
    if (!TABLE.has(labelKey(l))) TABLE.set(labelKey(l), { kind: 'field', key });
}

const SUB_PREFIXES = SUB_ROW_PREFIXES.map((p) => labelKey(p)).sort((a, b) => b.length - a.length);
const FUNDING_WORDS = new RegExp(`(?:${FUNDING_GROUP_WORDS.join('|')})`, 'u');

/** True when a block label speaks of money (资金来源, 预算情况, 经费 …). */
export function isFundingWord(key: string): boolean {
  return FUNDING_WORDS.test(key);
}

/** The money unit a label declares, such as 资金情况(万元) or 预算金额(元). */
export function unitInLabel(key: string): MoneyUnit | null {
  const m = UNIT_IN_LABEL.exec(key);
  if (!m) return null;
  return DECLARED_MONEY_UNITS.find((u) => u === m[1]) ?? null;
}

function lookup(key: string): Entry | undefined {
  const direct = TABLE.get(key);
  if (direct) return direct;
  let stripped = key;
  while (TRAILING_PAREN.test(stripped)) {
    stripped = stripped.replace(TRAILING_PAREN, '');
    const hit = TABLE.get(stripped);
    if (hit) return hit;
  }
  // 实施单位名称, 负责人姓名: a known label of a unit or contact field and a word that adds nothing
  for (const { suffix, keys } of NOUN_SUFFIXES) {
    if (!stripped.endsWith(suffix) || stripped.length <= suffix.length) continue;
    const hit = TABLE.get(stripped.slice(0, -suffix.length));
    if (hit?.kind === 'field' && keys.includes(hit.key)) return hit;
  }
  return undefined;
}

const NOUN_SUFFIXES = LABEL_NOUN_SUFFIXES.map((s) => ({ ...s, suffix: labelKey(s.suffix) }));

/** A label written before a colon is at most this long. */
const INLINE_LABEL_MAX = 30;

/** A label key is at most this long; longer text (a narrative cell) is never a label. */
const LABEL_MAX = 40;

// Only keys that can be labels are memoised: a memo of every cell's text would hold the
// narratives of thousands of forms in a worker's heap.
const MEMO = new Map<string, LabelMatch | null>();
const MEMO_LIMIT = 50_000;

/** Looks up a label given its compact key (labelKey). Null when the text is not a known label. */
export function matchLabel(rawKey: string): LabelMatch | null {
  if (rawKey.length === 0 || rawKey.length > LABEL_MAX) return null;
  const hit = MEMO.get(rawKey);
  if (hit !== undefined) return hit;
  const result = lookupLabel(rawKey);
  if (MEMO.size >= MEMO_LIMIT) MEMO.clear();
  MEMO.set(rawKey, result);
  return result;
}

/** Whether a label key starts with a sub-row mark (其中：财政拨款, 含：…). */
export function isSubRowKey(key: string): boolean {
  return SUB_PREFIXES.some((p) => p !== '' && key.startsWith(p));
}

function lookupLabel(rawKey: string): LabelMatch | null {
  let key = rawKey.replace(ENUMERATOR, '').replace(/[:]+$/u, '');
  const unit = unitInLabel(key);
  let sub = false;
  for (const p of SUB_PREFIXES) {
    if (key.startsWith(p) && key.length > p.length) {
      key = key.slice(p.length).replace(/^:/u, '');
      sub = true;
      break;
    }
  }
  const entry = lookup(key);
  if (!entry) {
    // an unlisted block label that declares a money unit: 年度预算情况（万元）, 经费安排（元）
    // (not a label with its value after a colon: 项目资金总额（万元）：860.00)
    if (unit && !key.includes(':') && FUNDING_WORDS.test(key.replace(TRAILING_PAREN, '')))
      return { kind: 'group', unit };
    // a cell that only declares the unit: 单位：万元 / （金额单位：元）
    const rest = key.replace(UNIT_IN_LABEL, '').replace(/[():]/gu, '');
    if (unit && UNIT_DECLARATION_REST.test(rest)) return { kind: 'group', unit };
    return null;
  }
  if (entry.kind === 'field') return { kind: 'field', key: entry.key, sub, unit };
  return { kind: entry.kind, unit };
}

/**
 * Splits a cell holding a label and its value (预算主管单位：上海市…, 其中：财政拨款：1200) at
 * the colon after the longest known label; a field label wins over other kinds. Null otherwise.
 */
export function splitInlineLabel(
  text: string,
): { label: string; match: LabelMatch; value: string | null } | null {
  let best: { label: string; match: LabelMatch; rest: string } | null = null;
  const end = Math.min(text.length, INLINE_LABEL_MAX + 1);
  for (let at = 0; at < end; at++) {
    const ch = text.charCodeAt(at);
    if (ch !== 0x3a && ch !== 0xff1a) continue; // ':' or '：'
    if (at === 0) break;
    const label = text.slice(0, at);
    const match = matchLabel(labelKey(label));
    if (!match) continue;
    if (best && best.match.kind === 'field' && match.kind !== 'field') continue;
    best = { label, match, rest: text.slice(at + 1) };
  }
  if (!best) return null;
  const value = best.rest.trim();
  return { label: best.label.trim(), match: best.match, value: value.length > 0 ? value : null };
}

/** Fields whose label may stand on a line of its own above the value, in one cell. */
const LINE_LABEL_FIELDS = new Set<FieldKey>(TEXT_FIELD_KEYS);

/**
 * A cell holding a label on its first line and the value below it, with no colon (项目名称 /
 * 普惠托育服务体系建设项目): only for the name, unit, use, category and contact fields, and not
 * when the lines below are a hint in parentheses (（全称）) or another label. The caller reads it
 * so only where no value cell follows (实施单位 / 名称 | 临江市水利局 is a label wrapped by hand).
 */
export function lineLabel(
  text: string,
): { label: string; match: LabelMatch; value: string } | null {
  const nl = text.indexOf('\n');
  if (nl <= 0 || nl > INLINE_LABEL_MAX) return null;
  const label = text.slice(0, nl).trim();
  const value = text.slice(nl + 1).trim();
  if (value === '' || /^[(（][^]*[)）]$/u.test(value)) return null;
  const match = matchLabel(labelKey(label));
  if (match?.kind !== 'field' || match.sub || !LINE_LABEL_FIELDS.has(match.key)) return null;
  if (matchLabel(labelKey(value)) !== null) return null;
  return { label, match, value };
}

// What the PDF readers know of the forms' wording: the category names of indicator tables, by
// which a label cut in two (wrapped in a narrow column, across a row or page boundary) is known,
// and the forms' titles.
import { TITLE_ENDINGS, UNIT_WORD } from '../dict/grammar.js';
import { FIELD_LABELS, GROUP_LABELS } from '../dict/labels.js';
import { LEVEL1_LABELS, LEVEL2_LABELS, LEVEL2_UNCODED } from '../dict/levels.js';
import { TITLE_MARKERS } from '../dict/titles.js';
import { escapeRegExp, labelKey } from '../text/normalize.js';

/** The category names of indicator tables (产出指标, 服务对象满意度指标 …), as label keys. */
const CATEGORY_KEYS = new Set(
  [...LEVEL1_LABELS, ...LEVEL2_LABELS, ...LEVEL2_UNCODED].flatMap((e) => e.labels.map(labelKey)),
);

/**
 * Whether two parts of one column are one category label cut in two: a label merged down over
 * rows, wrapped in a narrow column, goes on in the next row or on the next page (满意度指 | 标).
 * Together they are a category name; the lower part alone is none.
 */
export function cutCategory(upper: string, lower: string): boolean {
  return CATEGORY_KEYS.has(labelKey(upper + lower)) && !CATEGORY_KEYS.has(labelKey(lower));
}

/** Whether a text is a category name of indicator tables (产出指标, 数量指标 …). */
export function isCategory(text: string): boolean {
  return CATEGORY_KEYS.has(labelKey(text));
}

const TITLE_END = new RegExp(
  `(?:${TITLE_MARKERS.map(escapeRegExp).join('|')})(?:${TITLE_ENDINGS.map(escapeRegExp).join('|')})?$`,
  'u',
);
/** Bracketed notes (（2025年度）, （表一）, 《…》 marks) and a unit note after a title. */
const TITLE_NOTES = /[(（【〔][^()（）【】〔〕]*[)）】〕]|[《》]/gu;
const UNIT_NOTE = new RegExp(`${escapeRegExp(UNIT_WORD)}[:：].*$`, 'u');

/**
 * A line that reads as a form's title: ending with a marker (绩效目标申报表) once its bracketed
 * notes and a unit note are set aside; a header line naming the binder the forms are in
 * (…绩效目标申报材料汇编) does not.
 */
export function readsAsTitle(folded: string): boolean {
  return TITLE_END.test(folded.replace(TITLE_NOTES, '').replace(UNIT_NOTE, '').trim());
}

/** A line holding a label and its value after a colon (单位：万元, 填报单位：…). */
export function labelWithValue(text: string): boolean {
  return /[:：]/u.test(text);
}

/** A line that is only a bracketed note: the year line under a title (（2025年度）). */
export function onlyNote(folded: string): boolean {
  return folded !== '' && folded.replace(TITLE_NOTES, '').trim() === '';
}

/** The labels of a form's fields and groups (项目名称, 主管部门, 项目资金 …), as label keys. */
const FIELD_KEYS = new Set([
  ...FIELD_LABELS.flatMap((e) => e.labels.map(labelKey)),
  ...GROUP_LABELS.map(labelKey),
]);
/** A label's key without a bracketed note after it (项目资金（万元）). */
const fieldKey = (text: string): string => labelKey(text).replace(/[(（][^()（）]*[)）]$/u, '');

/**
 * Whether two lines of one column are one field label broken in two (项目 | 名称, 项目负责人 |
 * 及电话: a line break typed in the label): together they are a label the dictionaries know,
 * the second part alone is none.
 */
export function cutLabel(upper: string, lower: string): boolean {
  return FIELD_KEYS.has(fieldKey(upper + lower)) && !FIELD_KEYS.has(fieldKey(lower));
}

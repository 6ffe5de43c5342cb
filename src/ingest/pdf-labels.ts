// What the PDF readers know of the forms' wording: the category names of indicator tables, by
// which a label cut in two (wrapped in a narrow column, across a row or page boundary) is known.
import { LEVEL1_LABELS, LEVEL2_LABELS, LEVEL2_UNCODED } from '../dict/levels.js';
import { labelKey } from '../text/normalize.js';

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

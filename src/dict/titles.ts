// Form titles: what marks a line as a form title, and which form type each wording means.
import type { FormType } from '../normalize/schema.js';

/** A title line contains one of these (after removing spaces). */
export const TITLE_MARKERS: readonly string[] = [
  '绩效目标申报表',
  '绩效目标表',
  '绩效目标填报表',
  '目标填报表',
  '绩效自评表',
  '绩效目标自评表',
  '自评表',
  '绩效目标申报',
  '绩效目标批复表',
  '绩效监控表',
  '区域绩效目标表',
];

/** Checked in order: the first wording found in the title decides the form type. */
export const FORM_TYPE_BY_TITLE: ReadonlyArray<{ type: FormType; words: readonly string[] }> = [
  { type: 'self_evaluation', words: ['自评'] },
  { type: 'department', words: ['部门整体', '部门(单位)整体', '单位整体', '部门预算整体'] },
  { type: 'policy', words: ['政策'] },
  { type: 'project', words: ['项目'] },
];

/** When a form has no title, its identity label tells the type. */
export const FORM_TYPE_BY_NAME_LABEL: ReadonlyArray<{ type: FormType; labels: readonly string[] }> =
  [
    { type: 'policy', labels: ['政策名称'] },
    { type: 'project', labels: ['项目名称', '一级项目名称', '二级项目名称'] },
    { type: 'department', labels: ['部门名称', '部门(单位)名称', '单位名称', '部门单位名称'] },
  ];

/** A title longer than this (characters, spaces removed) is prose, not a title. */
export const MAX_TITLE_LENGTH = 48;

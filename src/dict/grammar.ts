// Small words of the forms' grammar that the extractors build their patterns from: numerals
// of enumerators, year and score words, and the prefixes that mark a line as a note, not a title.

/** Chinese numerals that open an enumerator (一、 / （二）). */
export const CHINESE_NUMERALS = '一二三四五六七八九十';

/** The enumerator comma (一、项目名称). */
export const ENUMERATION_COMMA = '、';

/** 年 and 年度 as written after a year (2024年 / （2024年度）). */
export const YEAR_WORD = '年';
export const FISCAL_YEAR_SUFFIX = '度';

/** Points in a level label or weight cell: 产出指标（50分）, 10分. */
export const SCORE_WORD = '分';

/** A money unit may be introduced by this word inside a label: 金额（单位：万元）. */
export const UNIT_WORD = '单位';

/** A line starting with these is a reference or a note, never a form title (详见…绩效目标表). */
export const NOT_TITLE_PREFIXES: readonly string[] = [
  '详见',
  '见',
  '附',
  '注',
  '说明',
  '参见',
  '填报说明',
];

/** A title (spaces removed, trailing year removed) ends with one of these. */
export const TITLE_ENDINGS: readonly string[] = ['表', '申报', '目标'];

/** A cell that only declares the money unit: 单位：万元, 金额单位：元, （单位：万元）. */
export const UNIT_DECLARATION_WORDS: readonly string[] = [
  '单位',
  '金额单位',
  '资金单位',
  '货币单位',
  '金额',
];

/** A sentence declaring the unit of the form's amounts: 本表金额单位为万元, 单位是元. */
export const UNIT_SENTENCE_WORDS = { unit: '单位', copulas: ['为', '是'] } as const;

/** Page numbering printed on each page: 第1页 / 共3页. */
export const PAGE_WORDS = { nth: '第', page: '页', total: '共' } as const;

/** The same in an English printout (a Calc or browser footer): Page 2, Page 2 of 3. */
export const PAGE_WORDS_LATIN = { page: 'Page', of: 'of' } as const;

/** Prefixes of a title line in a bigger document: 附件2：…申报表, 附表1 …. */
export const TITLE_NOISE_PREFIXES: readonly string[] = ['附件', '附表'];

/** Template numbering in front of an indicator name: 指标1：培训人数, 目标2:…. */
export const NAME_NUMBERING_WORDS: readonly string[] = ['指标', '目标'];

/** Ticked and empty tick-boxes in option cells (□新增项目 ☑延续项目). */
export const CHECKED_BOXES = '☑☒■▣√✓✔';
export const EMPTY_BOXES = '□☐○';

/** Words in parentheses ending an indicator name that are not a unit (（新增）, （含税）, （累计）…). */
export const NOT_UNIT_WORDS: readonly string[] = [
  '指标',
  '新增',
  '核心',
  '含',
  '不含',
  '计算',
  '说明',
  '注',
  '公式',
  '以上',
  '以下',
  '累计',
  '年度',
  '全年',
];

/**
 * Line-breaking rules of printed Chinese (kinsoku): punctuation that may not end a line (opening
 * brackets and quotes) and that may not start one (closing brackets, stops, commas, %).
 */
export const NO_LINE_END = '([{（［｛〔【《〈「『“‘';
export const NO_LINE_START = ')]},.;:!?%）］｝〕】》〉」』”’，。、；：！？…％';

// Regular expressions built once from the grammar dictionary (src/dict/grammar.ts).
import {
  CHINESE_NUMERALS,
  ENUMERATION_COMMA,
  FISCAL_YEAR_SUFFIX,
  NOT_TITLE_PREFIXES,
  NOT_UNIT_WORDS,
  SCORE_WORD,
  TITLE_ENDINGS,
  UNIT_WORD,
  YEAR_WORD,
  UNIT_DECLARATION_WORDS,
  UNIT_SENTENCE_WORDS,
  TITLE_NOISE_PREFIXES,
  NAME_NUMBERING_WORDS,
  CHECKED_BOXES,
  EMPTY_BOXES,
} from '../dict/grammar.js';
import { DECLARED_MONEY_UNITS } from '../dict/labels.js';

const Y = YEAR_WORD;
/** Longest first, so that 万元 is not read as 元. */
const MONEY_ALTERNATIVES = [...DECLARED_MONEY_UNITS].sort((a, b) => b.length - a.length).join('|');
const D = FISCAL_YEAR_SUFFIX;

/** A leading enumerator: 一、 / 1、 / 1. / (一) / (1). Labels are NFKC-folded, so brackets are ASCII. */
export const ENUMERATOR = new RegExp(
  `^(?:[${CHINESE_NUMERALS}]+[${ENUMERATION_COMMA}.]|\\d{1,2}[${ENUMERATION_COMMA}.](?!\\d)|\\([${CHINESE_NUMERALS}\\d]{1,2}\\))`,
  'u',
);

/** A year written in text: 2024年 / 2024年度, else a bare 2024. */
export const YEAR_WITH_WORD = new RegExp(`((?:19|20)\\d{2})\\s*${Y}${D}?`, 'u');
export const BARE_YEAR = /\b((?:19|20)\d{2})\b/u;

/** A cell that holds only a year: （2024年度）, （ 2024 年度）, 2024年度, or the blank template （ 年度）. */
export const YEAR_ONLY = new RegExp(`^\\(?\\s*((?:19|20)\\d{2})?\\s*${Y}${D}?\\s*\\)?$`, 'u');

/** A bracketed year that starts a line ((2025年度)) and the rest of the line after it. */
export const YEAR_BEFORE_PAIR = new RegExp(
  `^\\s*([(（]\\s*(?:19|20)\\d{2}\\s*${Y}${D}?\\s*[)）])[ \\t\\u00A0\\u3000]*(\\S.*)$`,
  'su',
);

/** A funding column headed by one year: 2024年, 2025年度, 2026 (no brackets, unlike YEAR_ONLY). */
export const YEAR_COLUMN = new RegExp(`^((?:19|20)\\d{2})(?:${Y}${D}?)?$`, 'u');

/** A bracketed year ending a title: …申报表（2026年度） (text already NFKC-folded). */
export const TITLE_YEAR = new RegExp(`\\s*\\(\\s*(?:(?:19|20)\\d{2})?\\s*${Y}${D}?\\s*\\)$`, 'u');

/** A year leading a label, before 年度 (2025年度资金 → 年度资金). */
export const LEADING_YEAR = new RegExp(`^(?:19|20)\\d{2}(?=${Y}${D})`, 'u');

/** A year and its 年 leading a label, not before 度 (2025年指标值 → 指标值). */
export const LEADING_YEAR_WORD = new RegExp(`^(?:19|20)\\d{2}${Y}(?!${D})`, 'u');

/** A trailing year on a title key: …申报表2024年度. */
export const TRAILING_YEAR = new RegExp(`\\d{4}${Y}${D}?$`, 'u');

/** A trailing score: 产出指标50分 / 产出指标:50分. */
export const SCORE_SUFFIX = new RegExp(`:?\\d+(?:\\.\\d+)?${SCORE_WORD}$`, 'u');

/** A weight or score cell: "20", "20%", "20分", "20.5". */
export const LOOSE_NUMBER = new RegExp(
  `^\\s*([+-]?[\\d,]+(?:\\.\\d+)?)\\s*(?:%|${SCORE_WORD})?\\s*$`,
  'u',
);

/** A money unit declared inside a label: (万元) / 单位:万元. */
export const UNIT_IN_LABEL = new RegExp(
  `(?:\\(|${UNIT_WORD}:|${UNIT_WORD})(${MONEY_ALTERNATIVES})\\)?`,
  'u',
);

export const NOT_A_TITLE = new RegExp(`^(?:${NOT_TITLE_PREFIXES.join('|')})`, 'u');
export const TITLE_END = new RegExp(`(?:${TITLE_ENDINGS.join('|')})$`, 'u');
export const NOT_A_UNIT = new RegExp(NOT_UNIT_WORDS.join('|'), 'u');

/** A unit declared in a sentence: …单位为万元 / 单位：元. */
export const UNIT_SENTENCE = new RegExp(
  `${UNIT_SENTENCE_WORDS.unit}(?:${UNIT_SENTENCE_WORDS.copulas.join('|')})?:?\\s*(${MONEY_ALTERNATIVES})`,
  'u',
);

/** What is left of a unit-declaring cell once the unit is removed: nothing, or 单位/金额单位. */
export const UNIT_DECLARATION_REST = new RegExp(`^(?:${UNIT_DECLARATION_WORDS.join('|')})?$`, 'u');

/** 附件2： / 附表1 in front of a title. */
export const TITLE_NOISE = new RegExp(`^(?:${TITLE_NOISE_PREFIXES.join('|')})\\d*[:.、]?`, 'u');

/** A corner cell printed beside a title: 附表3-2, 附件1. */
export const TITLE_CORNER = new RegExp(`^(?:${TITLE_NOISE_PREFIXES.join('|')})[\\d-]*$`, 'u');

/** 指标1： / 目标2. / 指标1 (a space) in front of an indicator name. */
export const NAME_NUMBERING = new RegExp(
  `^(?:${NAME_NUMBERING_WORDS.join('|')})\\d{1,2}(?:\\s*[:.、]|\\s)\\s*(?=\\S)`,
  'u',
);

export const CHECKED = new RegExp(`[${CHECKED_BOXES}]`, 'u');
/** Any tick-box, ticked or not. */
export const ANY_BOX = new RegExp(`[${CHECKED_BOXES}${EMPTY_BOXES}]`, 'gu');

/** A tick written in brackets after an option, or the empty brackets: 新增项目(√) 延续项目( ). */
export const BRACKETED_BOX = new RegExp(`\\(\\s*([${CHECKED_BOXES}${EMPTY_BOXES}]?)\\s*\\)`, 'gu');

/** One trailing parenthesised hint: (450字内), (万元), (A). */
export const TRAILING_PAREN = /\([^()]*\)$/u;

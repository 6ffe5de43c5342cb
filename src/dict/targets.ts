// The target-value grammar as data (domain-notes §5): operators, scale words, money units, percent
// forms, placeholders, annotation marks and deadline words. The parser NFKC-folds every entry.
import type { Op } from '../normalize/schema.js';

/** Where an operator is written: before the number (不低于95%) or after it (95%以上). */
export type OperatorPosition = 'prefix' | 'suffix';

export interface OperatorEntry {
  text: string;
  op: Op;
  source: 'symbol' | 'word';
  position: OperatorPosition;
  /** May follow an indicator name fused into the same cell (足额保障率=100%). */
  afterName: boolean;
}

const symbol = (text: string, op: Op): OperatorEntry => ({
  text,
  op,
  source: 'symbol',
  position: 'prefix',
  afterName: true,
});
const word = (text: string, op: Op, afterName = true): OperatorEntry => ({
  text,
  op,
  source: 'word',
  position: 'prefix',
  afterName,
});
const suffix = (text: string, op: Op): OperatorEntry => ({
  text,
  op,
  source: 'word',
  position: 'suffix',
  afterName: false,
});

/** Comparison operators. Single-character and approximate words never split a fused name. */
export const OPERATORS: readonly OperatorEntry[] = [
  symbol('≥', '>='),
  symbol('≧', '>='),
  symbol('⩾', '>='),
  symbol('>=', '>='),
  symbol('＞=', '>='),
  symbol('>', '>'),
  symbol('＞', '>'),
  symbol('≤', '<='),
  symbol('≦', '<='),
  symbol('⩽', '<='),
  symbol('<=', '<='),
  symbol('＜=', '<='),
  symbol('<', '<'),
  symbol('＜', '<'),
  symbol('≯', '<='),
  symbol('≮', '>='),
  symbol('≈', 'approx'),
  symbol('=', '='),
  symbol('＝', '='),
  symbol('==', '='),
  word('不低于', '>='),
  word('不少于', '>='),
  word('至少', '>='),
  word('不小于', '>='),
  word('大于等于', '>='),
  word('大于或等于', '>='),
  word('高于', '>'),
  word('超过', '>'),
  word('大于', '>'),
  word('多于', '>'),
  word('不高于', '<='),
  word('不超过', '<='),
  word('不大于', '<='),
  word('不多于', '<='),
  word('小于等于', '<='),
  word('小于或等于', '<='),
  word('至多', '<='),
  word('控制在', '<='),
  word('最多', '<='),
  word('低于', '<'),
  word('小于', '<'),
  word('少于', '<'),
  word('达到', '='),
  word('稳定在', '='),
  word('保持在', '='),
  word('维持在', '='),
  word('保持', '='),
  word('达', '=', false),
  word('等于', '='),
  word('约', 'approx', false),
  word('大约', 'approx', false),
  word('近', 'approx', false),
  word('约为', 'approx', false),
  suffix('以上', '>='),
  suffix('及以上', '>='),
  suffix('以上（含）', '>='),
  suffix('（含）以上', '>='),
  suffix('以下', '<='),
  suffix('及以下', '<='),
  suffix('以下（含）', '<='),
  suffix('（含）以下', '<='),
  suffix('以内', '<='),
  suffix('之内', '<='),
  suffix('内', '<='),
  suffix('左右', 'approx'),
  suffix('上下', 'approx'),
];

/**
 * Words after a number that say it is exceeded (10余个, 100多人, 1万余人: more than the number).
 * Read as the operator ">" from a word.
 */
export const MORE_THAN_WORDS: readonly string[] = ['余', '多'];

/**
 * What a target may say after its number and unit, which is no part of the unit: the action the
 * number counts or the state it reaches (≥95%合格, 12次全覆盖, ≤3天办结, 2小时内响应). The
 * target is read from the number before it, with target_with_text.
 */
export const TRAILING_TARGET_WORDS: readonly string[] = [
  '合格',
  '达标',
  '满意',
  '全覆盖',
  '覆盖',
  '按时',
  '参加',
  '参与',
  '办结',
  '响应',
  '到位',
  '到达',
  '处置',
  '处理',
  '解决',
  '受理',
  '答复',
  '验收',
  '投入使用',
  '建成',
  '开展',
  '落实',
  '执行',
];

/** How formatTarget prints an operator: by its symbol, or by one canonical word. */
export const CANONICAL_OPERATOR_TEXT: Readonly<Record<Op, { symbol: string; word: string }>> = {
  '>=': { symbol: '≥', word: '不低于' },
  '>': { symbol: '>', word: '高于' },
  '<=': { symbol: '≤', word: '不高于' },
  '<': { symbol: '<', word: '低于' },
  '=': { symbol: '=', word: '达到' },
  approx: { symbol: '≈', word: '约' },
};

export interface ScaleEntry {
  text: string;
  /** The value is multiplied by 10 to this power. */
  exponent: number;
  /** Unit heads that make the word part of a unit instead (千米 is a unit, 5千人 is 5000 人). */
  notBefore: readonly string[];
}

/** Unit heads that 千 (kilo) joins: 千米, 千克, 千瓦(时), 千帕, 千伏, 千卡, 千字节 … */
export const KILO_UNIT_HEADS: readonly string[] = [
  '米',
  '克',
  '瓦',
  '帕',
  '伏',
  '卡',
  '字节',
  '焦',
  '赫',
  '升',
  '比特',
  '安',
  '欧',
];

export const SCALE_WORDS: readonly ScaleEntry[] = [
  { text: '千', exponent: 3, notBefore: KILO_UNIT_HEADS },
  { text: '万', exponent: 4, notBefore: [] },
  { text: '十万', exponent: 5, notBefore: [] },
  { text: '百万', exponent: 6, notBefore: [] },
  { text: '千万', exponent: 7, notBefore: [] },
  { text: '亿', exponent: 8, notBefore: [] },
  { text: '万亿', exponent: 12, notBefore: [] },
];

export interface MoneyUnitEntry {
  text: string;
  /** The unit after scaling to yuan. */
  unit: string;
  exponent: number;
}

/** Money units: amounts become yuan (元), rates keep their denominator (万元/年 → 元/年). */
export const MONEY_UNITS: readonly MoneyUnitEntry[] = [
  { text: '元', unit: '元', exponent: 0 },
  { text: '千元', unit: '元', exponent: 3 },
  { text: '万元', unit: '元', exponent: 4 },
  { text: '百万元', unit: '元', exponent: 6 },
  { text: '亿元', unit: '元', exponent: 8 },
  { text: '元/年', unit: '元/年', exponent: 0 },
  { text: '万元/年', unit: '元/年', exponent: 4 },
  { text: '万元/人', unit: '元/人', exponent: 4 },
  { text: '元/人·月', unit: '元/人·月', exponent: 0 },
];

/** Ways to write a percentage, and the unit each becomes (百分比 is kept as written). */
export const PERCENT_FORMS: readonly { text: string; unit: string }[] = [
  { text: '%', unit: '%' },
  { text: '％', unit: '%' },
  { text: '(%)', unit: '%' },
  { text: '（%）', unit: '%' },
  { text: '（％）', unit: '%' },
  { text: '百分比', unit: '百分比' },
  { text: '‰', unit: '‰' },
];

/** Separators between the two bounds of a range (90%-95%, 90～95%, 90%至95%). */
export const RANGE_SEPARATORS: readonly string[] = [
  '-',
  '－',
  '~',
  '～',
  '〜',
  '——',
  '—',
  '–',
  '至',
  '到',
];

/** Cells that are template leftovers as a whole (compared without whitespace, ASCII case-blind). */
export const PLACEHOLDER_TEXTS: readonly string[] = [
  '*',
  '**',
  '***',
  '/',
  '/ / /',
  '-',
  '—',
  '——',
  '⸺',
  '⸻',
  '-—',
  '―',
  '?',
  '？',
  '??',
  '？？',
  'X',
  'x',
  '…',
  '……',
  'XX',
  'xx',
  'TBD',
  'N/A',
  'NA',
  '待填写',
  '请填写',
  '待定',
  '(略)',
  '（略）',
  '略',
];

export interface PlaceholderPattern {
  name: string;
  /** 'cell': the whole cell matches; 'number': stands where the number goes (≥**%). */
  slot: 'cell' | 'number';
  pattern: RegExp;
  examples: readonly string[];
}

export const PLACEHOLDER_PATTERNS: readonly PlaceholderPattern[] = [
  {
    name: 'filler marks only',
    slot: 'cell',
    pattern: /^[*/\\\-—–⸺⸻_.~·×]+$/u,
    examples: ['----', '*/*', '//', '—-—'],
  },
  {
    name: 'template indicator name',
    slot: 'cell',
    pattern: /^(?:指标|目标|指标值|目标值|三级指标|指标名称)[0-9一二三四五六七八九十]*$/u,
    examples: ['指标1', '指标2', '目标1', '目标2', '指标名称', '指标值'],
  },
  {
    name: 'fill-in prompt',
    slot: 'cell',
    pattern: /^(?:请|待)(?:填写|输入|选择|补充|填报|确定)/u,
    examples: ['请输入指标值', '待补充', '请填写目标值'],
  },
  {
    name: 'masked number',
    slot: 'number',
    pattern: /^(?:\*+|[Xx]{2,}|[Xx](?=[%％‰]|$)|×+|\.{2,}|_+|#+|○+|□+|[?？]+)/u,
    examples: ['≥**%', '≥**人次', '**元/人·月', '**人', 'XX%', '≥××个', '≤__天', 'X%', '≥?%'],
  },
];

/** Marks that annotate an indicator rather than state its value; they become record flags. */
export const ANNOTATIONS: readonly { text: string; flag: 'new' | 'core' }[] = [
  { text: '（新增）', flag: 'new' },
  { text: '(新增)', flag: 'new' },
  { text: '【新增】', flag: 'new' },
  { text: '[新增]', flag: 'new' },
  { text: '（新增指标）', flag: 'new' },
  { text: '【新增指标】', flag: 'new' },
  { text: '★', flag: 'core' },
  { text: '☆', flag: 'core' },
  { text: '（核心指标）', flag: 'core' },
  { text: '(核心指标)', flag: 'core' },
  { text: '【核心指标】', flag: 'core' },
  { text: '（核心）', flag: 'core' },
  { text: '(核心)', flag: 'core' },
  { text: '【核心】', flag: 'core' },
];

export interface DeadlineWord {
  text: string;
  /** The word names the end of a period: of the year, the month, or whichever was named last. */
  endOf: 'year' | 'month' | 'named' | null;
  /** "Before" (前): the target is "on or before" the date. */
  before: boolean;
}

/** Words of a deadline target (2024年12月底前, 2024年6月30日前, 年底前). */
export const DEADLINE_WORDS: readonly DeadlineWord[] = [
  { text: '底前', endOf: 'named', before: true },
  { text: '前', endOf: null, before: true },
  { text: '之前', endOf: null, before: true },
  { text: '以前', endOf: null, before: true },
  { text: '底', endOf: 'named', before: false },
  { text: '末', endOf: 'named', before: false },
  { text: '月底', endOf: 'month', before: false },
  { text: '月末', endOf: 'month', before: false },
  { text: '年底', endOf: 'year', before: false },
  { text: '年末', endOf: 'year', before: false },
  { text: '年内', endOf: 'year', before: true },
  { text: '年度内', endOf: 'year', before: true },
];

/**
 * A quarter in a deadline (2025年第三季度末, 三季度底前): 季度 after 第 and a numeral; ending the
 * quarter (末, 底) it reads as the end of its last month. A bare 第三季度前 stays text, like 6月前
 * (before the quarter or by its end: the form does not say).
 */
export const QUARTER = {
  word: '季度',
  ordinal: '第',
  numerals: ['一', '二', '三', '四'],
  ends: ['末', '底'],
} as const;

/** Marks after the numbers of a date (2024年6月30日). */
export const DATE_MARKS: readonly { text: string; part: 'y' | 'm' | 'd' }[] = [
  { text: '年', part: 'y' },
  { text: '月份', part: 'm' },
  { text: '月', part: 'm' },
  { text: '日', part: 'd' },
  { text: '号', part: 'd' },
];

/** Words around a deadline that add nothing to it (预计2025年12月底前完成). */
export const DEADLINE_FILLERS: readonly { text: string; position: OperatorPosition }[] = [
  { text: '预计', position: 'prefix' },
  { text: '于', position: 'prefix' },
  { text: '在', position: 'prefix' },
  { text: '完成', position: 'suffix' },
  { text: '完工', position: 'suffix' },
  { text: '办结', position: 'suffix' },
];

/**
 * Characters that units and measure words are written with (人次, 万人次, 元/人份, 平方米, 学时,
 * 个百分点 …): a cell made only of these (and Latin units, %, ‰, ℃) is a unit cell, as in a
 * column of units under the value header. 见附表 or 完成 are not.
 */
export const MEASURE_CHARACTERS =
  '个人次家所项件台套辆座处篇份本册场期批户村镇乡街亩公顷里米平方立吨千克斤两元角天日月年季度' +
  '时小分钟秒周起例张条名支头只株棵间床栋幢层位部班课节学轮宗笔单趟车船架艘盏根块片箱袋瓶盒剂' +
  '升毫厘寸尺组双对校园院馆站室点首集幅版页字卷百倍级类星辆门';

/** Words that never occur inside a unit: text after the number that holds one is prose. */
export const UNIT_STOP_WORDS: readonly string[] = [
  '的',
  '了',
  '和',
  '与',
  '或',
  '为',
  '是',
  '在',
  '并',
  '将',
  '对',
  '把',
  '被',
  '且',
  '率',
  '较',
  '前',
  '达',
  '完成',
  '提高',
  '增长',
  '减少',
  '降低',
];

/** Trailing marks that add nothing to a target: sentence punctuation and "inclusive" notes (≥90%（含）). */
export const TARGET_TRAILING_NOISE: readonly string[] = [
  '。',
  '；',
  ';',
  '，',
  ',',
  '、',
  '（含）',
  '(含)',
  '（含本数）',
  '(含本数)',
  '完成',
];

/**
 * Marks that point to a footnote, written after a target (≥95%①, ≥98%*, 100%注, ≥95%（注1）) or, in
 * a PDF where the superscript moved, before it (① ≥95%). They are read off before the target is
 * parsed (NFKC would turn ① into the digit 1): circled and parenthesised numbers (also before the
 * target), asterisks and reference marks (after it only: **元 is a masked number), the word 注 with
 * an optional number, and a bracketed note number ([1], （注1）).
 */
export const FOOTNOTE_NUMBER_CHARACTERS = '\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf';
export const FOOTNOTE_SIGN_CHARACTERS = '*＊※†‡';
export const FOOTNOTE_WORD = '注';

/**
 * Characters that make a number-less target a grade or class (≥Ⅲ类, ≥二级, ≥AAA级, 甲级) rather
 * than a template whose number was never filled in (≥%): Chinese numerals and the ten stems'
 * first four; Latin letters (and Roman numerals, which NFKC turns into them) are checked as well.
 */
export const GRADE_CHARACTERS = '一二三四五六七八九十两〇零甲乙丙丁';

/**
 * Chinese numerals written before a measure word (两次, 三个, 十二家, 一百二十人): the digits 1–9
 * (两 is 2) and the place words. Such a count is read as its number when the rest is a unit.
 */
export const CHINESE_NUMERALS = {
  digits: ['一', '二', '三', '四', '五', '六', '七', '八', '九'],
  two: '两',
  zero: ['零', '〇'],
  places: [
    { text: '千', value: 1000 },
    { text: '百', value: 100 },
    { text: '十', value: 10 },
  ],
  /**
   * Units after which a numeral names a period, a grade or a word, not a count (一季度 is the
   * first quarter, 二期 the second phase, ≥二级 a grade, 三类 a class, 十分 "very", 十点 a time).
   */
  ordinalUnits: ['季度', '季', '级', '类', '星', '等', '期', '点', '分'],
  /** The decimal point of a number written out (九十五点五). */
  decimalPoint: '点',
} as const;

/**
 * A target cell holding only one of these units is a template whose number was never filled in
 * (%, 人次). Other unit-like words stand as targets of their own (季度, 次日, 乡镇, AAA).
 */
export const UNIT_ONLY_PLACEHOLDERS: readonly string[] = [
  '%',
  '％',
  '‰',
  '(%)',
  '（%）',
  '人次',
  '万人次',
  '个',
  '人',
  '次',
  '户',
  '家',
  '项',
  '元',
  '万元',
  '个工作日',
];

/** Units of more than measure characters that a Chinese-numeral count may take (三个工作日). */
export const WORD_UNITS: readonly string[] = ['个工作日', '工作日', '个自然日', '自然日'];

/** 百分之九十五, 百分之95: a percentage written out (95%). */
export const PERCENT_WORD = '百分之';

/**
 * Words before an action word that change what the number says (≥90%不达标, ≥95%基本合格): such
 * a target is not read from its number alone.
 */
export const ACTION_QUALIFIERS: readonly string[] = ['不', '未', '没', '非', '无', '基本', '部分'];

/** A bracketed note saying the bound is included (90%以上（含90%）): it adds nothing. */
export const INCLUSIVE_NOTE_WORD = '含';

/** Words joining a lower and an upper bound into a range (≥95%且≤100%, ≥60%,≤80%). */
export const BOUND_JOINERS: readonly string[] = [
  '并且',
  '而且',
  '且',
  '同时',
  ',',
  '，',
  ';',
  '；',
  '、',
];

/** Words framing a date range that add nothing to it: 2024年1月1日起至2024年12月31日止. */
export const RANGE_FILLERS: readonly { text: string; position: 'before-separator' | 'end' }[] = [
  { text: '起', position: 'before-separator' },
  { text: '开始', position: 'before-separator' },
  { text: '止', position: 'end' },
  { text: '结束', position: 'end' },
];

/**
 * Words that make a target relative to another period (较上年提高5个百分点, 同比下降10%): the
 * grammar has no place for the comparison, so such a target is text, said with an info note.
 */
export const RELATIVE_TARGET_WORDS: readonly string[] = [
  '较上年',
  '比上年',
  '较去年',
  '比去年',
  '与上年相比',
  '同比',
  '环比',
  '较基期',
  '较上期',
  '比上期',
  // the level of an earlier year (不低于2022年水平, 保持上年度水平, 不低于上年同期)
  '年水平',
  '年度水平',
  '上年同期',
  '同期水平',
];

/**
 * Endings of an indicator name fused with a bare rate before it (完成率100%, 满意度95%): the
 * target is the number after the name, with the warning target_with_text.
 */
export const RATE_NAME_ENDINGS: readonly string[] = ['率', '度'];

/**
 * Words that set the scope of a bare quantity without changing it (全年4次, 累计10个, 全市5所):
 * the target is the quantity after them, with the warning target_with_text; the raw text keeps
 * the word. (人均, 平均 and the like change what is counted and are not among them.)
 */
export const TARGET_SCOPE_WORDS: readonly string[] = [
  '全年',
  '年度',
  '当年',
  '本年',
  '每年',
  '年均',
  '每季度',
  '每月',
  '累计',
  '共计',
  '合计',
  '总计',
  '全市',
  '全区',
  '全县',
  '全省',
];

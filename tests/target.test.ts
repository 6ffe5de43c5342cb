// Target cells as forms write them (the seed form, domain-notes §5), read into schema.md targets;
// plus the exact-number, amount and date helpers the grammar is built on.
import { describe, expect, it } from 'vitest';
import { parseDate, parseDateRange, parseDeadline } from '../src/normalize/dates.js';
import {
  normalizeDecimal,
  parseAmount,
  parseNumber,
  scaleDecimal,
  shiftDecimal,
  toPlainString,
} from '../src/normalize/numbers.js';
import { targetSchema, type Target } from '../src/normalize/schema.js';
import { formatTarget, parseTarget, type TargetContext } from '../src/normalize/target.js';
import { isUnitText } from '../src/normalize/target-grammar.js';

type Row = [cell: string, expected: Partial<Target>, codes?: string[], flags?: string[]];
const num = (op: Target['op'], opSource: Target['op_source'], value: number, unit: string | null) =>
  ({ kind: 'numeric', op, op_source: opSource, value, value_max: null, unit }) as const;
const range = (value: number, max: number, unit: string | null) =>
  ({ kind: 'range', op: null, op_source: null, value, value_max: max, unit }) as const;
const text = (t: string) => ({ kind: 'text', text: t, op: null, value: null, unit: null }) as const;
const date = (d: string, before: boolean) =>
  ({
    kind: 'date',
    date: d,
    op: before ? '<=' : '=',
    op_source: before ? 'word' : 'implied',
  }) as const;
const PH = { kind: 'placeholder', op: null, value: null, unit: null, text: null } as const;

const SEED_ROWS: Row[] = [
  ['≥25000', num('>=', 'symbol', 25000, null)],
  ['>15次', num('>', 'symbol', 15, '次')],
  ['125家', num('=', 'implied', 125, '家')],
  ['≥1300篇', num('>=', 'symbol', 1300, '篇')],
  ['≥15次', num('>=', 'symbol', 15, '次')],
  ['100%', num('=', 'implied', 100, '%')],
  ['>=95%', num('>=', 'symbol', 95, '%')],
  ['>=90%', num('>=', 'symbol', 90, '%')],
  ['正常运转（新增）', { ...text('正常运转'), raw: '正常运转（新增）' }, [], ['new']],
  ['形成专题调研报告报市领导决策参考', text('形成专题调研报告报市领导决策参考')],
  ['提高', text('提高')],
  ['≥16万人次', num('>=', 'symbol', 160000, '人次')],
  ['=0', num('=', 'symbol', 0, null)],
];

const WILD_ROWS: Row[] = [
  ['1.2亿元', num('=', 'implied', 120000000, '元')],
  ['10606.7522万元', num('=', 'implied', 106067522, '元')],
  ['≤90万元', num('<=', 'symbol', 900000, '元')],
  ['3，518.85万元', num('=', 'implied', 35188500, '元')],
  ['=100.00(%)', num('=', 'symbol', 100, '%')],
  ['≥90.00(%)', num('>=', 'symbol', 90, '%')],
  ['≧90%', num('>=', 'symbol', 90, '%')],
  ['＞＝95％', num('>=', 'symbol', 95, '%')],
  ['≤30个工作日', num('<=', 'symbol', 30, '个工作日')],
  ['≤10次', num('<=', 'symbol', 10, '次')],
  ['985米', num('=', 'implied', 985, '米')],
  ['43.2', num('=', 'implied', 43.2, null)],
  ['≥100百分比', num('>=', 'symbol', 100, '百分比')],
  // a unit with another in brackets after it, the one or the other
  ['≥20台（套）', num('>=', 'symbol', 20, '台(套)')],
  ['≥5人(次)', num('>=', 'symbol', 5, '人(次)')],
  ['800元/人·月', num('=', 'implied', 800, '元/人·月')],
  ['50万元/年', num('=', 'implied', 500000, '元/年')],
  ['95%以上', num('>=', 'word', 95, '%')],
  ['90%及以上', num('>=', 'word', 90, '%')],
  ['不低于95%', num('>=', 'word', 95, '%')],
  ['不少于15场', num('>=', 'word', 15, '场')],
  ['至少70家', num('>=', 'word', 70, '家')],
  ['低于5.5%', num('<', 'word', 5.5, '%')],
  ['达到95%以上', num('>=', 'word', 95, '%')],
  ['约5000人', num('approx', 'word', 5000, '人')],
  ['5000人左右', num('approx', 'word', 5000, '人')],
  ['30日内', num('<=', 'word', 30, '日')],
  ['5千米', num('=', 'implied', 5, '千米')],
  ['≥ 95 %', num('>=', 'symbol', 95, '%')],
  ['★≥95%', num('>=', 'symbol', 95, '%'), [], ['core']],
  ['≥95%（新增）★', num('>=', 'symbol', 95, '%'), [], ['new', 'core']],
  ['90%-95%', range(90, 95, '%')],
  ['90～95%', range(90, 95, '%')],
  ['90%至95%', range(90, 95, '%')],
  ['90%~95%', range(90, 95, '%')],
  ['3-5次', range(3, 5, '次')],
  ['1-2万人', range(10000, 20000, '人')],
  ['2024年12月底前', date('2024-12-31', true)],
  ['2024年6月30日前', date('2024-06-30', true)],
  ['2024年底前', date('2024-12-31', true)],
  ['2024年年底前', date('2024-12-31', true)],
  ['2023年12月31日前', date('2023-12-31', true)],
  ['预计2025年12月底前', date('2025-12-31', true)],
  ['2024年年底', date('2024-12-31', false)],
  ['2026.1.1', date('2026-01-01', false)],
  ['2023-12-31之前', date('2023-12-31', true)],
  ['可控', text('可控')],
  ['及时', text('及时')],
  ['达标', text('达标')],
  ['在项目计划完成时间内完成', text('在项目计划完成时间内完成')],
  ['≥95%；≥90%', text('≥95%;≥90%'), ['unparsed_target']],
  ['较上年提高5%', text('较上年提高5%'), ['relative_target']],
  ['95%-90%', text('95%-90%'), ['unparsed_target']],
  ['100%的项目按期完成', text('100%的项目按期完成'), ['unparsed_target']],
  ['2024年12月前', text('2024年12月前'), ['unparsed_target']],
  ['节约10万元', text('节约10万元'), ['unparsed_target']],
  ['足额保障率=100%', num('=', 'symbol', 100, '%'), ['target_with_text']],
  ['结余率(计算方法为:结余数/预算数)≤5%', num('<=', 'symbol', 5, '%'), ['target_with_text']],
  ['资金到位率达到100%', num('=', 'word', 100, '%'), ['target_with_text']],
  ['完成率100%', num('=', 'implied', 100, '%'), ['target_with_text']],
  ['满意度90%以上', num('>=', 'word', 90, '%'), ['target_with_text']],
  ['2025年完成率100%', text('2025年完成率100%'), ['unparsed_target']],
  // a word setting the scope of a bare quantity; 人均 changes what is counted and stays text
  ['全年4次', num('=', 'implied', 4, '次'), ['target_with_text']],
  ['累计10个', num('=', 'implied', 10, '个'), ['target_with_text']],
  ['全年不少于4次', num('>=', 'word', 4, '次'), ['target_with_text']],
  ['人均4次', text('人均4次'), ['unparsed_target']],
  ['**元/人·月', PH, ['placeholder_target']],
  ['≥**%', PH, ['placeholder_target']],
  ['≥**人次', PH, ['placeholder_target']],
  ['/ / /', PH, ['placeholder_target']],
  ['——', PH, ['placeholder_target']],
  ['指标2', PH, ['placeholder_target']],
  ['≥', PH, ['placeholder_target']],
  ['≥%', PH, ['placeholder_target']],
  ['≥人次', PH, ['placeholder_target']],
  ['≥元/人', PH, ['placeholder_target']],
  // a level named in words after the operator is text, no template left unfilled
  ['≥上年', text('≥上年')],
  ['≥全市平均水平', text('≥全市平均水平')],
  // a grade or class is not a number left blank
  ['≥Ⅲ类', text('≥III类')],
  ['≤Ⅱ级', text('≤II级')],
  ['≥二级', text('≥二级')],
  ['≥AAA级', text('≥AAA级')],
  ['≥3类', num('>=', 'symbol', 3, '类')],
  // counts written with Chinese numerals and a measure word; not periods, grades or prose
  ['两次', num('=', 'implied', 2, '次')],
  ['不少于三个', num('>=', 'word', 3, '个')],
  ['≥十二家', num('>=', 'symbol', 12, '家')],
  ['一百零五人', num('=', 'implied', 105, '人')],
  ['三万人次', num('=', 'implied', 30000, '人次')],
  ['两个月', num('=', 'implied', 2, '个月')],
  ['一般', text('一般')],
  ['一次性', text('一次性')],
  ['三年行动', text('三年行动')],
  ['一季度前', text('一季度前')],
  ['十月', text('十月')],
  ['三类', text('三类')],
  ['千家万户', text('千家万户')],
  ['一二次', text('一二次')],
  ['二十', text('二十')],
  // footnote marks are not part of the number (NFKC would make ① the digit 1); raw keeps them
  ['≥95%①', num('>=', 'symbol', 95, '%')],
  ['① ≥95%', num('>=', 'symbol', 95, '%')],
  ['≥98%*', num('>=', 'symbol', 98, '%')],
  ['≥98%※', num('>=', 'symbol', 98, '%')],
  ['100%注', num('=', 'implied', 100, '%')],
  ['≥95%（注1）', num('>=', 'symbol', 95, '%')],
  ['≥95%[2]', num('>=', 'symbol', 95, '%')],
  ['提高①', text('提高')],
  ['持续关注', text('持续关注')],
  ['≥500m²', num('>=', 'symbol', 500, 'm2')],
  ['*', PH, ['placeholder_target']],
  // a rate per a round number keeps its divisor in the unit
  ['≤280/10万', num('<=', 'symbol', 280, '/10万')],
  ['5/1000人', num('=', 'implied', 5, '/1000人')],
  ['12/5', text('12/5'), ['unparsed_target']],
  ['5/1', text('5/1'), ['unparsed_target']],
  // a ratio: the second term is the unit, as a per-count divisor is; a clock time is not one
  ['≥1:1', num('>=', 'symbol', 1, ':1')],
  ['≥ 1：10', num('>=', 'symbol', 1, ':10')],
  ['1:0.5', num('=', 'implied', 1, ':0.5')],
  ['不低于1:1', num('>=', 'word', 1, ':1')],
  ['8:05前', text('8:05前'), ['unparsed_target']],
  // words around the number: 控制在…以内, （含）以上
  ['控制在180元/吨以内', num('<=', 'word', 180, '元/吨')],
  ['控制在5%', num('<=', 'word', 5, '%')],
  ['95%（含）以上', num('>=', 'word', 95, '%')],
  // a target relative to another period is text, said with an info note (not unparsed_target)
  ['较上年提高5个百分点', text('较上年提高5个百分点'), ['relative_target']],
  ['同比下降10%', text('同比下降10%'), ['relative_target']],
  ['不低于2022年水平', text('不低于2022年水平'), ['relative_target']],
  ['保持2023年度水平', text('保持2023年度水平'), ['relative_target']],
  // a month of the year is no count of months
  ['10月', text('10月'), ['unparsed_target']],
  ['9月份', text('9月份'), ['unparsed_target']],
  ['≤3个月', num('<=', 'symbol', 3, '个月')],
  // a year is no count of years
  ['2025年', text('2025年'), ['unparsed_target']],
  ['≥3年', num('>=', 'symbol', 3, '年')],
  // a deadline at the end of a quarter
  ['2025年第三季度末', date('2025-09-30', false)],
  ['2025年三季度底前', date('2025-09-30', true)],
  ['2025年第三季度前', text('2025年第三季度前'), ['unparsed_target']],
  // the action the number counts, after its unit, is no part of the unit
  ['≥95%合格', num('>=', 'symbol', 95, '%'), ['target_with_text']],
  ['≥500人参加', num('>=', 'symbol', 500, '人'), ['target_with_text']],
  ['30天内办结', num('<=', 'word', 30, '天'), ['target_with_text']],
  ['2小时内响应', num('<=', 'word', 2, '小时'), ['target_with_text']],
  // more than the number (余, 多), about it (上下), an operator word before a denominator
  ['10余个', num('>', 'word', 10, '个')],
  ['1万余人', num('>', 'word', 10000, '人')],
  ['100多人', num('>', 'word', 100, '人')],
  ['100人上下', num('approx', 'word', 100, '人')],
  ['2次以上/年', num('>=', 'word', 2, '次/年')],
  ['5个以内/年', num('<=', 'word', 5, '个/年')],
  // symbols of "not more than", "not less than", "about"
  ['≯5%', num('<=', 'symbol', 5, '%')],
  ['≮95%', num('>=', 'symbol', 95, '%')],
  ['≈100人', num('approx', 'symbol', 100, '人')],
  // a Chinese numeral going on below its scale word
  ['一万两千人', num('=', 'implied', 12000, '人')],
  ['两万五千元', num('=', 'implied', 25000, '元')],
  ['不超过三个工作日', num('<=', 'word', 3, '个工作日')],
  ['两门', num('=', 'implied', 2, '门')],
  // a percentage written out
  ['不低于百分之九十五', num('>=', 'word', 95, '%')],
  ['百分之百', num('=', 'implied', 100, '%')],
  // template leftovers: a masked or missing number, a question mark
  ['≥X%', PH, ['placeholder_target']],
  ['？', PH, ['placeholder_target']],
  ['―', PH, ['placeholder_target']],
  ['⸺', PH, ['placeholder_target']],
  ['人次', PH, ['placeholder_target']],
  ['%', PH, ['placeholder_target']],
  ['X射线', text('X射线')],
  // words made of unit characters that are targets of their own
  ['季度', text('季度')],
  ['次日', text('次日')],
  ['乡镇', text('乡镇')],
  ['AAA', text('AAA')],
  // an action after a deadline; a qualified action is not read from the number alone
  ['2025年12月底前完成验收', date('2025-12-31', true), ['target_with_text']],
  ['2025年6月30日前投入使用', date('2025-06-30', true), ['target_with_text']],
  ['≥90%不达标', text('≥90%不达标'), ['unparsed_target']],
  ['100%未覆盖', text('100%未覆盖'), ['unparsed_target']],
  ['≥90%满意', num('>=', 'symbol', 90, '%'), ['target_with_text']],
  // a decimal written out is not read
  ['百分之九十五点五以上', text('百分之九十五点五以上')],
  ['', { kind: 'empty', raw: null, op: null, value: null, text: null }],
  ['  \n ', { kind: 'empty', raw: null }],
  ['（新增）', { kind: 'empty', raw: '（新增）' }, [], ['new']],
];

describe('parseTarget: real-world cells', () => {
  it.each([...SEED_ROWS, ...WILD_ROWS])('%s', (cell, expected, codes = [], flags = []) => {
    const r = parseTarget(cell);
    expect(r.target).toMatchObject(expected);
    expect(r.notes.map((n) => n.code)).toEqual(codes);
    expect(r.flags).toEqual(flags);
    expect(() => targetSchema.parse(r.target)).not.toThrow();
    if (expected.kind !== 'empty') expect(r.target.raw).toBe(cell.replace(/\s+/g, ' ').trim());
  });

  it('keeps the characters as written in raw, whitespace-normalised only', () => {
    expect(parseTarget('  ＞＝ 95％ （新增）').target.raw).toBe('＞＝ 95％ （新增）');
    expect(parseTarget(null).target).toMatchObject({ kind: 'empty', raw: null });
  });
});

describe('unit cells', () => {
  it('tells a cell holding only a unit from one holding words', () => {
    const units = [
      '%',
      '个',
      '万人次',
      '元/人份',
      '小时',
      '起',
      'km',
      'm2',
      '平方米',
      '个百分点',
      '万元',
    ];
    expect(units.filter((u) => !isUnitText(u))).toEqual([]);
    const words = ['见附表', '完成', '持续完善', '≥90', '', '2024年', '按期', '无'];
    expect(words.filter((w) => isUnitText(w))).toEqual([]);
  });
});

describe('parseTarget: context columns', () => {
  const cases: [string, TargetContext, Partial<Target>, string[]][] = [
    ['500', { unitColumn: '万元' }, num('=', 'implied', 5000000, '元'), []],
    ['1.5', { unitColumn: '亿元' }, num('=', 'implied', 150000000, '元'), []],
    ['12', { unitColumn: '万人次' }, num('=', 'implied', 120000, '人次'), []],
    ['95', { unitColumn: '%' }, num('=', 'implied', 95, '%'), []],
    ['16万', { unitColumn: '人次' }, num('=', 'implied', 160000, '人次'), []],
    ['95%', { unitColumn: '个' }, num('=', 'implied', 95, '%'), []],
    ['20', { nameUnit: '台' }, num('=', 'implied', 20, '台'), []],
    ['20', { unitColumn: '部', nameUnit: '台' }, num('=', 'implied', 20, '部'), []],
    ['90-95', { unitColumn: '%' }, range(90, 95, '%'), []],
    ['95%', { opColumn: '≥' }, num('>=', 'column', 95, '%'), []],
    ['95', { opColumn: '≥', unitColumn: '%' }, num('>=', 'column', 95, '%'), []],
    ['95%', { opColumn: '定量' }, num('=', 'implied', 95, '%'), []],
    ['≥95%', { opColumn: '≥' }, num('>=', 'symbol', 95, '%'), []],
    ['≤5%', { opColumn: '≥' }, num('<=', 'symbol', 5, '%'), ['operator_conflict']],
    ['1:1', { opColumn: '≥' }, num('>=', 'column', 1, ':1'), []],
    // an operator a text or a range cannot carry is said, not dropped
    ['持续改善', { opColumn: '≥' }, text('持续改善'), ['operator_unused']],
    ['90%-95%', { opColumn: '≥' }, range(90, 95, '%'), ['operator_unused']],
    ['12月底前', { fiscalYear: 2024 }, date('2024-12-31', true), ['date_year_inferred']],
    ['年底前', { fiscalYear: 2023 }, date('2023-12-31', true), ['date_year_inferred']],
    ['12月底前', {}, text('12月底前'), ['unparsed_target']],
    [
      '2024年12月31日',
      { opColumn: '≤' },
      { ...date('2024-12-31', false), op: '<=', op_source: 'column' },
      [],
    ],
  ];
  it.each(cases)('%s with %o', (cell, ctx, expected, codes) => {
    const r = parseTarget(cell, ctx);
    expect(r.target).toMatchObject(expected);
    expect(r.notes.map((n) => n.code)).toEqual(codes);
    for (const n of r.notes) expect(n.severity).toBe('warning');
  });
});

describe('formatTarget', () => {
  it.each([
    ['≥16万人次', '≥160000人次'],
    ['不低于95%', '不低于95%'],
    ['125家', '125家'],
    ['=0', '=0'],
    ['90%-95%', '90~95%'],
    ['2024年12月底前', '2024-12-31前'],
    ['提高', '提高'],
  ])('%s → %s', (cell, printed) => {
    expect(formatTarget(parseTarget(cell).target)).toBe(printed);
  });
});

describe('numbers', () => {
  it.each([
    ['1,250.00', 1250],
    ['3，518.85', 3518.85],
    ['771,325,800.00', 771325800],
    ['１２３.５', 123.5],
    ['0', 0],
    ['-0.00', 0],
    ['1,25', null],
    ['12a', null],
    ['', null],
  ])('parseNumber(%s) = %s', (raw, expected) => expect(parseNumber(raw)).toBe(expected));

  it.each([
    ['12.34', 4, 123400],
    ['0.0001', 8, 10000],
    ['10606.7522', 4, 106067522],
    ['1.2', 8, 120000000],
    ['123', -2, 1.23],
    ['0.1', 1, 1],
  ])('scaleDecimal(%s, %i) = %s exactly', (raw, exp, expected) => {
    expect(scaleDecimal(raw, exp)).toBe(expected);
  });

  it('shifts decimal strings without floating point', () => {
    expect(shiftDecimal('12.34', 4)).toBe('123400');
    expect(shiftDecimal('-0.05', 1)).toBe('-0.5');
    expect(shiftDecimal('5', -3)).toBe('0.005');
    expect(normalizeDecimal('007.500')).toBe('7.5');
    expect(toPlainString(1e21)).toBe('1000000000000000000000');
    expect(toPlainString(1.5e-7)).toBe('0.00000015');
  });

  it.each([
    ['1,250.00', '元', { yuan: 1250, ok: true }],
    ['12.00', '万元', { yuan: 120000, ok: true }],
    ['10606.7522', '万元', { yuan: 106067522, ok: true }],
    ['0.0001', '亿元', { yuan: 10000, ok: true }],
    ['771,325,800.00', null, { yuan: 771325800, ok: true }],
    ['0', '万元', { yuan: 0, ok: true }],
    ['0.00', '元', { yuan: 0, ok: true }],
    ['-', '万元', { yuan: null, ok: true }],
    ['——', '元', { yuan: null, ok: true }],
    ['', '元', { yuan: null, ok: true }],
    ['12.5万元', '元', { yuan: 125000, ok: true }],
    ['见附件', '元', { yuan: null, ok: false }],
  ] as const)('parseAmount(%s, %s)', (raw, unit, expected) => {
    expect(parseAmount(raw, unit)).toEqual(expected);
  });
});

describe('dates', () => {
  it.each([
    ['2017-01至2023-12', '2017-01', '2023-12'],
    ['2023年01月-2023年12月', '2023-01', '2023-12'],
    ['（2023年01月-2023年12月）', '2023-01', '2023-12'],
    ['2024年1月1日至2024年12月31日', '2024-01-01', '2024-12-31'],
    ['2024.01-2024.12', '2024-01', '2024-12'],
    ['2026/1/1-2026/12/31', '2026-01-01', '2026-12-31'],
    ['20190101-20191231', '2019-01-01', '2019-12-31'],
    ['2024年-2026年', '2024', '2026'],
    ['2024-2026年', '2024', '2026'],
    ['2023年01月-12月', '2023-01', '2023-12'],
    ['2024 年 1 月 ～ 2024 年 6 月', '2024-01', '2024-06'],
  ])('parseDateRange(%s)', (raw, start, end) => {
    expect(parseDateRange(raw)).toEqual({ start, end });
  });

  it.each([
    '2024年',
    '2023-12至2023-01',
    '2024年13月-2024年14月',
    '26-05',
    '全年',
    '',
    '12月-2024年1月',
  ])('parseDateRange(%s) is null', (raw) => expect(parseDateRange(raw)).toBeNull());

  it.each([
    ['2026/1/1', '2026-01-01'],
    ['2024-01', '2024-01'],
    ['2024年6月', '2024-06'],
    ['20190101', '2019-01-01'],
    ['2024.1.1', '2024-01-01'],
    ['2024年6月30日', '2024-06-30'],
    ['2024年度', '2024'],
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', null],
    ['26-05', null],
    ['12月', null],
    ['2024-1/1', null],
    ['abc', null],
  ])('parseDate(%s) = %s', (raw, expected) => expect(parseDate(raw)).toBe(expected));

  it('reads deadlines and says when the year is missing', () => {
    expect(parseDeadline('2024年2月底前')).toEqual({
      ok: true,
      deadline: { date: '2024-02-29', before: true, yearInferred: false },
    });
    expect(parseDeadline('12月底前')).toEqual({ ok: false, reason: 'no_year' });
    expect(parseDeadline('提高')).toBeNull();
    expect(parseDeadline('2024年6月')).toBeNull();
    expect(parseDeadline('30日前')).toBeNull();
  });
});

describe('parseTarget: very long cells', () => {
  it('keeps a cell too long to be a value (a pasted narrative) as text, saying why', () => {
    for (const raw of [
      '≥' + '完成 1 项'.repeat(20_000),
      '9'.repeat(40_000) + '人',
      `较上年提高${'5个百分点'.repeat(200)}`,
    ]) {
      const r = parseTarget(raw);
      expect(r.target.kind).toBe('text');
      expect(r.notes).toHaveLength(1);
      expect(r.notes[0]!.message).toMatch(/^a target of \d+ characters is too long to be read/u);
    }
    // up to 500 characters a cell is read: a long qualitative target is text without a note
    expect(parseTarget('稳步提高'.repeat(120)).notes).toEqual([]);
  });
});

describe('parseTarget: a value after a list label', () => {
  it('reads the value after 1. / (2) / 3、 and a blank (a numbered paragraph or <ol> item), keeping raw', () => {
    for (const [raw, value, op] of [
      ['1. 100%', 100, '='],
      ['2. ≥90%', 90, '>='],
      ['(3) ≤5天', 5, '<='],
    ] as const) {
      const { target } = parseTarget(raw);
      expect(target).toMatchObject({ kind: 'numeric', value, op, raw });
    }
    // no blank after the point: a decimal number
    expect(parseTarget('1.5%').target).toMatchObject({ kind: 'numeric', value: 1.5 });
    // a label before text stays part of the text
    expect(parseTarget('a. 达标').target).toMatchObject({ kind: 'text', text: 'a. 达标' });
  });
});

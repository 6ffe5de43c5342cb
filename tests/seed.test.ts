// The seed form (shared/seeds), rebuilt as the budget system's HTML export: the facts a person
// checked against the submitted form, stated one by one (the golden test compares the whole record).
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractFile, type FormRecord } from '../src/index.js';

let r: FormRecord;
beforeAll(async () => {
  const result = await extractFile(path.resolve('fixtures/forms/seed-policy-2023.html'));
  expect(result.status).toBe('ok');
  expect(result.records).toHaveLength(1);
  r = result.records[0]!;
});

describe('the seed form', () => {
  it('is one 2023 policy form in the pre-2021 framework', () => {
    expect(r.form_type).toBe('policy');
    expect(r.framework).toBe('pre2021');
    expect(r.fiscal_year).toBe(2023);
    expect(r.period).toEqual({ raw: '2023年01月-2023年12月', start: '2023-01', end: '2023-12' });
    expect(r.fields.duration).toEqual({
      raw: '2017-01至2023-12',
      start: '2017-01',
      end: '2023-12',
    });
    expect(r.fields.authority).toBe('上海市人力资源和社会保障局');
  });

  it('has 16 indicators: 数量 5, 质量 4, 社会效益 5, 服务对象满意度 2', () => {
    const count = (code: string) => r.indicators.filter((i) => i.level2?.code === code).length;
    expect(r.indicators).toHaveLength(16);
    expect([
      count('quantity'),
      count('quality'),
      count('social_benefit'),
      count('satisfaction'),
    ]).toEqual([5, 4, 5, 2]);
  });

  it('keeps the empty categories 时效指标, 成本指标 (under output) and 可持续影响指标', () => {
    const empty = r.categories.filter((c) => c.indicator_count === 0);
    expect(empty.map((c) => [c.level1, c.level2, c.label])).toEqual([
      ['output', 'timeliness', '时效指标'],
      ['output', 'cost', '成本指标'],
      ['benefit', 'sustainability', '可持续影响指标'],
    ]);
    expect(r.diagnostics.filter((d) => d.code === 'empty_category')).toHaveLength(3);
  });

  it('puts the orphan 培训及时性 in unplaced, with a diagnostic', () => {
    expect(r.unplaced.map((u) => u.text)).toEqual(['培训及时性']);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'unplaced_cell', path: 'unplaced[0]' }),
    );
  });

  it('parses ≥16万人次, 125家 and 正常运转（新增）', () => {
    const byName = (name: string) => r.indicators.find((i) => i.name === name)!;
    expect(byName('乐业上海微信平台粉丝数').target).toMatchObject({
      op: '>=',
      value: 160000,
      unit: '人次',
    });
    expect(byName('市级创业孵化示范基地评估').target).toMatchObject({
      op: '=',
      op_source: 'implied',
      value: 125,
    });
    const daily = byName('公共实训基地实训室日常运作情况');
    expect(daily.flags).toEqual(['new']);
    expect(daily.target).toMatchObject({ kind: 'text', text: '正常运转', raw: '正常运转（新增）' });
  });

  it('reads the HTML fragments of long cells as paragraphs', () => {
    expect(r.sections.plan!.split('\n')).toHaveLength(5);
    expect(r.goals.annual.expected!.split('\n')).toHaveLength(4);
    expect(r.sections.plan).not.toMatch(/<\/?p>/);
  });
});

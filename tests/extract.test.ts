// Extractor behaviour on small documents: segmentation, fill-down, inference, column layouts.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { grid, para, recordsOfDoc, recordsOfHtml } from './helpers/build.js';
import { tempDirs } from './helpers/temp.js';

const tempDir = tempDirs('shenbao-extract-');

const HEADER = ['一级指标', '二级指标', '三级指标', '指标值'];

describe('segmentation', () => {
  it('a repeated title without a new identity field continues the form', () => {
    const records = recordsOfDoc([
      para('项目支出绩效目标申报表'),
      grid([['项目名称', '甲项目']], 1),
      para('项目支出绩效目标申报表', 2),
      grid([HEADER, ['产出指标', '数量指标', '培训人数', '≥100人']], 2),
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]!.fields.name).toBe('甲项目');
    expect(records[0]!.indicators).toHaveLength(1);
  });

  it('a title followed by a new identity field starts a new form', () => {
    const records = recordsOfDoc([
      para('项目支出绩效目标申报表'),
      grid([['项目名称', '甲项目'], HEADER, ['产出指标', '数量指标', '培训人数', '≥100人']], 1),
      para('项目支出绩效目标申报表', 2),
      grid([['项目名称', '乙项目'], HEADER, ['产出指标', '质量指标', '合格率', '100%']], 2),
    ]);
    expect(records.map((r) => r.fields.name)).toEqual(['甲项目', '乙项目']);
    expect(records.map((r) => r.source.form_index)).toEqual([0, 1]);
    expect(records.every((r) => r.source.form_count === 2)).toBe(true);
  });

  it('a page that repeats the title and the same name continues the form', () => {
    const records = recordsOfDoc([
      para('项目支出绩效目标申报表'),
      grid([['项目名称', '甲项目'], HEADER, ['产出指标', '数量指标', '培训人数', '≥100人']], 1),
      para('项目支出绩效目标申报表', 2),
      grid([['项目名称', '甲项目'], HEADER, ['效益指标', '社会效益指标', '满意度', '≥90%']], 2),
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]!.indicators.map((i) => i.name)).toEqual(['培训人数', '满意度']);
  });

  it('a second identity after an indicator table starts an untitled form', () => {
    const records = recordsOfDoc([
      grid([
        ['项目名称', '甲项目'],
        HEADER,
        ['产出指标', '数量指标', '培训人数', '≥100人'],
        ['项目名称', '乙项目'],
        HEADER,
        ['产出指标', '数量指标', '走访户数', '≥50户'],
      ]),
    ]);
    expect(records.map((r) => r.fields.name)).toEqual(['甲项目', '乙项目']);
    expect(records[1]!.diagnostics.map((d) => d.code)).toContain('missing_title');
  });

  it('a document without any form gives no record', () => {
    expect(
      recordsOfDoc([
        grid([
          ['站序', '站名'],
          ['1', '上海虹桥'],
        ]),
      ]),
    ).toEqual([]);
  });
});

describe('indicator tables', () => {
  it('fills merged level cells down when they are written once (no merge information)', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目名称', '甲'],
        HEADER,
        ['产出指标', '数量指标', 'A', '1个'],
        ['', '', 'B', '2个'],
        ['', '质量指标', 'C', '100%'],
        ['效益指标', '社会效益指标', 'D', '提高'],
        ['', '', 'E', '提升'],
      ]),
    ]);
    expect(r!.indicators.map((i) => [i.level1?.code, i.level2?.code, i.name])).toEqual([
      ['output', 'quantity', 'A'],
      ['output', 'quantity', 'B'],
      ['output', 'quality', 'C'],
      ['benefit', 'social_benefit', 'D'],
      ['benefit', 'social_benefit', 'E'],
    ]);
  });

  it('infers a missing level 1 from its level 2, also when a previous level 1 would fill down', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目名称', '甲'],
        HEADER,
        ['产出指标', '数量指标', 'A', '1个'],
        ['', '生态环境成本指标', 'B', '可控'],
      ]),
    ]);
    expect(r!.indicators[1]!.level1).toEqual({ code: 'cost', label: null });
    expect(r!.indicators[1]!.level2).toEqual({
      code: 'ecological_cost',
      label: '生态环境成本指标',
    });
    expect(r!.diagnostics.filter((d) => d.code === 'level1_inferred')).toHaveLength(1);
    expect(r!.framework).toBe('2021');
  });

  it('keeps empty categories and puts orphan cells in unplaced', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目名称', '甲'],
        HEADER,
        ['产出指标', '数量指标', 'A', '1个'],
        ['', '', '', '孤立'],
        ['', '时效指标', '', ''],
      ]),
    ]);
    expect(r!.indicators).toHaveLength(1);
    expect(r!.unplaced.map((u) => u.text)).toEqual(['孤立']);
    expect(r!.categories.map((c) => [c.level2, c.indicator_count])).toEqual([
      ['quantity', 1],
      ['timeliness', 0],
    ]);
    const codes = r!.diagnostics.map((d) => `${d.code}@${d.path}`);
    expect(codes).toContain('unplaced_cell@unplaced[0]');
    expect(codes).toContain('empty_category@categories[1]');
  });

  it('reads unit, operator, weight, note and nature columns', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目名称', '甲'],
        [
          '一级指标',
          '二级指标',
          '三级指标',
          '指标性质',
          '计算符号',
          '年度指标值',
          '计量单位',
          '权重(%)',
          '备注',
          '指标解释',
        ],
        ['产出指标', '数量指标', '培训人数', '定量', '≥', '1.2', '万人次', '20', '注一', '解释一'],
        ['', '', '加装电梯数量（台）', '定量', '', '24', '', '10分', '', ''],
      ]),
    ]);
    const [a, b] = r!.indicators;
    expect(a!.target).toMatchObject({
      kind: 'numeric',
      op: '>=',
      op_source: 'column',
      value: 12000,
      unit: '人次',
    });
    expect(a).toMatchObject({
      unit: '万人次',
      nature: 'quantitative',
      weight: 20,
      note: '注一\n解释一',
    });
    expect(b!.name).toBe('加装电梯数量(台)');
    expect(b!.target).toMatchObject({ op: '=', op_source: 'implied', value: 24, unit: '台' });
    expect(b!.weight).toBe(10);
  });

  it('reads a two-row header with 中期指标值 and 年度指标值 under 指标值', () => {
    const html = `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=4>甲</td></tr>
      <tr><td rowspan=2>一级指标</td><td rowspan=2>二级指标</td><td rowspan=2>三级指标</td><td colspan=2>指标值</td></tr>
      <tr><td>中期指标值</td><td>年度指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥300人</td><td>≥100人</td></tr></table>`;
    const [r] = recordsOfHtml(html);
    expect(r!.indicators[0]!.target.value).toBe(100);
    expect(r!.indicators[0]!.target_midterm?.value).toBe(300);
  });

  it('reads bare 中期 | 年度 (实施期 | 本年度) headers as the two value columns', () => {
    for (const [mid, year] of [
      ['中期', '年度'],
      ['实施期', '本年度'],
    ]) {
      for (const header of [
        `<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>${mid}</td><td>${year}</td></tr>`,
        `<tr><td rowspan=2>一级指标</td><td rowspan=2>二级指标</td><td rowspan=2>三级指标</td><td colspan=2>指标值</td></tr>
        <tr><td>${mid}</td><td>${year}</td></tr>`,
      ]) {
        const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
          <tr><td>项目名称</td><td colspan=4>甲</td></tr>${header}
          <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥300人</td><td>≥100人</td></tr></table>`);
        expect(r!.indicators.map((i) => [i.target.value, i.target_midterm?.value])).toEqual([
          [100, 300],
        ]);
        expect(r!.unplaced).toEqual([]);
      }
    }
  });

  it('strips （新增） and ★ from names into flags', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目名称', '甲'],
        HEADER,
        ['产出指标', '数量指标', '★培训人数（新增）', '正常运转（新增）'],
      ]),
    ]);
    const i = r!.indicators[0]!;
    expect(i.name).toBe('培训人数');
    expect(i.flags).toEqual(['core', 'new']);
    expect(i.target).toMatchObject({ raw: '正常运转（新增）', kind: 'text', text: '正常运转' });
  });
});

describe('header fields', () => {
  it('reads labels with inner spaces, colons, length hints and inline values; unknown labels go to extra_fields', () => {
    const [r] = recordsOfDoc([
      para('财政支出项目绩效目标申报表（2026年度）'),
      grid([
        ['项 目 名 称：', '甲项目', '主管部门:XX市教育局', ''],
        ['项目总目标（450字内）', '完成改造', '自定义栏目', '某值'],
        ['资金情况（万元）', '年度资金总额', '12.34', ''],
        ['', '其中：财政拨款', '10', ''],
      ]),
    ]);
    expect(r!.fields.name).toBe('甲项目');
    expect(r!.fields.authority).toBe('XX市教育局');
    expect(r!.goals.overall).toBe('完成改造');
    expect(r!.fiscal_year).toBe(2026);
    expect(r!.funding).toMatchObject({
      unit_declared: '万元',
      annual_yuan: 123400,
      annual_fiscal_yuan: 100000,
    });
    expect(r!.extra_fields).toMatchObject([{ label: '自定义栏目', value: '某值' }]);
    expect(r!.diagnostics.map((d) => d.code)).toContain('unknown_label');
  });

  it('tells the whole-period side from the annual side by position', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目名称', '甲', '', '', ''],
        ['项目资金（元）', '项目资金总额', '1,000', '年度资金申请总额', '400'],
        ['', '其中：财政资金', '900', '其中：当年财政拨款', '300'],
        ['', '其他资金', '100', '其他资金', '100'],
      ]),
    ]);
    expect(r!.funding).toMatchObject({
      unit_declared: '元',
      total_yuan: 1000,
      total_fiscal_yuan: 900,
      annual_yuan: 400,
      annual_fiscal_yuan: 300,
      other_yuan: 100,
    });
    expect(r!.extra_fields).toMatchObject([{ label: '项目资金总额/其他资金', value: '100' }]);
  });

  it('warns when amounts have no declared unit and keeps them', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目名称', '甲'],
        ['年度资金总额', '100'],
      ]),
    ]);
    expect(r!.funding.annual_yuan).toBeNull();
    expect(r!.extra_fields).toMatchObject([{ label: '年度资金总额', value: '100' }]);
    expect(r!.diagnostics.map((d) => d.code)).toContain('amount_unit_unknown');
  });

  it('reads the start and end of a duration from two cells', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目名称', '甲', '', ''],
        ['计划开始日期', '2026/1/1', '计划完成日期', '2026/12/31'],
      ]),
    ]);
    expect(r!.fields.duration).toEqual({ raw: null, start: '2026-01-01', end: '2026-12-31' });
  });
});

describe('layouts seen in exports', () => {
  it('reads a title with an 附件 prefix and the unit printed beside it', () => {
    const [r] = recordsOfDoc([
      grid([
        ['附件2：项目支出绩效目标申报表', '', '单位：万元'],
        ['项目名称', '甲', ''],
        ['年度资金总额', '12.5', ''],
      ]),
    ]);
    expect(r!.title).toBe('附件2:项目支出绩效目标申报表');
    expect(r!.funding).toMatchObject({ unit_declared: '万元', annual_yuan: 125000 });
    expect(r!.unplaced).toEqual([]);
  });

  it('reads a header whose value column spans down beside 一级 | 二级 | 三级', () => {
    const html = `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td colspan=3>绩效指标</td><td rowspan=2>指标值</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥100人</td></tr></table>`;
    const [r] = recordsOfHtml(html);
    expect(r!.indicators.map((i) => [i.name, i.target.value])).toEqual([['培训人数', 100]]);
    expect(r!.unplaced).toEqual([]);
  });

  it('reads a flat indicator list without level columns', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目名称', '甲', ''],
        ['指标名称', '目标值', '权重'],
        ['指标1：培训人数', '≥100人', '50'],
        ['合格率', '100%', '50'],
      ]),
    ]);
    expect(r!.indicators.map((i) => [i.level1, i.name, i.target.value, i.weight])).toEqual([
      [null, '培训人数', 100, 50],
      [null, '合格率', 100, 50],
    ]);
  });

  it('reads tick-box options as the ticked option', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目名称', '甲'],
        ['项目属性', '□新增项目 ☑延续项目'],
      ]),
    ]);
    expect(r!.fields.category).toBe('延续项目');
    const [none] = recordsOfDoc([
      grid([
        ['项目名称', '甲'],
        ['项目属性', '□新增项目 □延续项目'],
      ]),
    ]);
    expect(none!.fields.category).toBeNull();
    expect(none!.diagnostics.map((d) => d.code)).toContain('no_option_ticked');
  });
});

describe('fiscal year', () => {
  it('dates a deadline without a year from the period when the title has no year', () => {
    const [r] = recordsOfDoc([
      para('财政政策绩效目标申报表'),
      grid([
        ['评价时段：（2023年01月-2023年12月）', ''],
        ['政策名称', '甲'],
      ]),
      grid([HEADER, ['产出指标', '时效指标', '完成时间', '12月底前']], 2),
    ]);
    expect(r!.fiscal_year).toBe(2023);
    expect(r!.indicators[0]!.target).toMatchObject({ kind: 'date', date: '2023-12-31' });
    expect(r!.diagnostics.map((d) => d.code)).toContain('date_year_inferred');
  });

  it('warns when the title and the period disagree, keeping the title', () => {
    const [r] = recordsOfDoc([
      para('项目支出绩效目标申报表（2024年度）'),
      grid([
        ['评价时段', '2023年01月-2023年12月'],
        ['项目名称', '甲'],
      ]),
    ]);
    expect(r!.fiscal_year).toBe(2024);
    expect(r!.diagnostics.map((d) => d.code)).toContain('fiscal_year_conflict');
  });
});

describe('layouts found by testing unseen forms', () => {
  it('reads a label spanning rows over its own little table as text', () => {
    const html = `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td>项目期限</td><td colspan=3>2024年1月1日起至2024年12月31日止</td></tr>
      <tr><td rowspan=3>项目实施进度计划</td><td>项目实施内容</td><td>开始时间</td><td>完成时间</td></tr>
      <tr><td>设备采购</td><td>2024年3月</td><td>2024年5月</td></tr>
      <tr><td>验收</td><td>2024年10月</td><td>2024年11月</td></tr></table>`;
    const [r] = recordsOfHtml(html);
    expect(r!.sections.plan).toBe(
      '项目实施内容 | 开始时间 | 完成时间\n设备采购 | 2024年3月 | 2024年5月\n验收 | 2024年10月 | 2024年11月',
    );
    expect(r!.fields.duration).toMatchObject({ start: '2024-01-01', end: '2024-12-31' });
    expect(r!.extra_fields).toEqual([]);
    expect(r!.unplaced).toEqual([]);
  });

  it('reads a row of labels with one unknown label, and a spanning label waiting for its value', () => {
    const html = `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=5>甲</td></tr>
      <tr><td rowspan=3>资金情况（万元）</td><td rowspan=2>年度资金总额</td><td colspan=3>其中</td><td rowspan=2>某某专项拨款</td></tr>
      <tr><td>财政拨款</td><td>上年结转</td><td>其他资金</td></tr>
      <tr><td>500.00</td><td>400.00</td><td>50.00</td><td>50.00</td><td>0.00</td></tr></table>`;
    const [r] = recordsOfHtml(html);
    expect(r!.funding).toMatchObject({
      unit_declared: '万元',
      annual_yuan: 5000000,
      annual_fiscal_yuan: 4000000,
      carryover_yuan: 500000,
      other_yuan: 500000,
    });
    expect(r!.extra_fields).toMatchObject([{ label: '某某专项拨款', value: '0.00' }]);
    expect(r!.unplaced).toEqual([]);
  });

  it('reads 合计 in a funding block, inline labels with two colons and a unit declared in a note', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目名称', '甲'],
        ['资金来源', '金额'],
        ['合计', '1,000.00'],
        ['其中：财政拨款：800', ''],
        ['注：本表金额单位为万元', ''],
      ]),
    ]);
    expect(r!.funding).toMatchObject({
      unit_declared: '万元',
      annual_yuan: 10000000,
      annual_fiscal_yuan: 8000000,
    });
  });

  it('reads tick marks written after options and keeps the option that lost to a more specific label', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目名称', '甲'],
        ['项目性质', '一次性项目□ 经常性项目□ 阶段性项目☑'],
        ['项目类别', '特定目标类'],
      ]),
    ]);
    expect(r!.fields.category).toBe('特定目标类');
    expect(r!.extra_fields).toMatchObject([{ label: '项目性质', value: '阶段性项目' }]);
  });

  it('reads direction, core and index columns, and keeps unknown columns visible', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目名称', '甲', '', '', '', '', '', ''],
        [
          '序号',
          '一级指标',
          '二级指标',
          '三级指标',
          '指标方向',
          '指标值',
          '是否核心指标',
          '数据来源',
        ],
        ['1', '产出指标', '数量指标', '培训人数', '正向', '1200', '是', '台账'],
        ['2', '', '成本指标', '人均成本', '反向', '500元', '否', '财务'],
      ]),
    ]);
    const [a, b] = r!.indicators;
    expect(a!.target).toMatchObject({ op: '>=', op_source: 'column', value: 1200 });
    expect(a!.flags).toEqual(['core']);
    expect(b!.target).toMatchObject({ op: '<=', op_source: 'column', value: 500, unit: '元' });
    expect(b!.flags).toEqual([]);
    expect(r!.unplaced.map((u) => u.text)).toEqual(['数据来源', '台账', '财务']);
  });

  it('joins names wrapped by a line break and reads a target written in the name cell', () => {
    const html = `<p>项目支出绩效目标申报表（ 年度）</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出<br>指标</td><td>数量指标</td><td>完成老旧小区<br>改造数量</td><td>≥12个</td></tr>
      <tr><td></td><td>质量指标</td><td>足额保障率=100%</td><td></td></tr></table>`;
    const [r] = recordsOfHtml(html);
    expect(r!.title).toBe('项目支出绩效目标申报表');
    expect(r!.indicators.map((i) => [i.level1?.label, i.name, i.target.value])).toEqual([
      ['产出指标', '完成老旧小区改造数量', 12],
      ['产出指标', '足额保障率', 100],
    ]);
    expect(r!.diagnostics.map((d) => d.code)).toContain('target_in_name');
  });
});

describe('a value header over the value and its unit', () => {
  const table = (rows: string) => `<p>项目支出绩效目标申报表</p><table>
    <tr><td>项目名称</td><td colspan=5>甲</td></tr>
    <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td colspan=2>指标值</td><td>分值</td></tr>
    ${rows}</table>`;

  it('reads the second column under 指标值 as the unit column when it holds only units', () => {
    const [r] = recordsOfHtml(
      table(`<tr><td rowspan=3>产出指标</td><td rowspan=3>数量指标</td>
        <td>检测人次</td><td>≥120</td><td>万人次</td><td>10</td></tr>
        <tr><td>监测点数</td><td>36</td><td>个</td><td>5</td></tr>
        <tr><td>采样频次</td><td>≥2次/月</td><td></td><td>5</td></tr>
        <tr><td>效益指标</td><td>可持续影响指标</td><td>预警体系</td><td colspan=2>持续完善</td><td>5</td></tr>`),
    );
    expect(r!.indicators.map((i) => [i.name, i.target.value, i.target.unit, i.unit])).toEqual([
      ['检测人次', 1200000, '人次', '万人次'],
      ['监测点数', 36, '个', '个'],
      ['采样频次', 2, '次/月', null],
      ['预警体系', null, null, null],
    ]);
    expect(r!.indicators.map((i) => i.weight)).toEqual([10, 5, 5, 5]);
    expect(r!.unplaced).toEqual([]);
    expect(r!.diagnostics.map((d) => [d.code, d.severity])).toContainEqual([
      'unit_subcolumn',
      'info',
    ]);
    expect(r!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('leaves the column alone when one of its cells is not a unit', () => {
    const [r] = recordsOfHtml(
      table(`<tr><td rowspan=2>产出指标</td><td rowspan=2>数量指标</td>
        <td>检测人次</td><td>≥120</td><td>万人次</td><td>10</td></tr>
        <tr><td>监测点数</td><td>36</td><td>见附表</td><td>5</td></tr>`),
    );
    expect(r!.indicators.map((i) => i.target.unit)).toEqual([null, null]);
    expect(r!.unplaced.map((u) => u.text)).toEqual(['万人次', '见附表']);
    expect(r!.diagnostics.map((d) => d.code)).not.toContain('unit_subcolumn');
  });
});

describe('a list of tasks with their amounts', () => {
  it('reads each task as an item and a 金额合计 row as the total, not as one more task', () => {
    const [r] = recordsOfHtml(`<p>部门整体支出绩效目标申报表</p><table>
      <tr><td>部门名称</td><td colspan=3>某街道办事处</td></tr>
      <tr><td rowspan=4>年度主要任务</td><td>任务名称</td><td>主要内容</td><td>预算金额（万元）</td></tr>
      <tr><td>城市精细化管理</td><td>背街小巷整治</td><td>860.00</td></tr>
      <tr><td>民生保障</td><td>困难群众救助</td><td>180.00</td></tr>
      <tr><td>金额合计</td><td></td><td>1,040.00</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>整治小巷</td><td>≥20条</td></tr></table>`);
    expect(r!.funding.items.map((i) => [i.name, i.amount_yuan])).toEqual([
      ['城市精细化管理', 8600000],
      ['民生保障', 1800000],
    ]);
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toContainEqual([
      '金额合计/预算金额(万元)',
      '1,040.00',
    ]);
  });

  it('reads a two-row header: the sub-column 总额 is the amount, the others are kept per task', () => {
    const [r] = recordsOfHtml(`<p>部门整体支出绩效目标申报表</p><table>
      <tr><td>部门名称</td><td colspan=4>某街道办事处</td></tr>
      <tr><td rowspan=5>年度主要任务</td><td rowspan=2>任务名称</td><td colspan=3>预算金额（万元）</td></tr>
      <tr><td>总额</td><td>财政拨款</td><td>其他资金</td></tr>
      <tr><td>城市精细化管理</td><td>860.00</td><td>800.00</td><td>60.00</td></tr>
      <tr><td>民生保障</td><td>180.00</td><td>180.00</td><td>0.00</td></tr>
      <tr><td>金额合计</td><td>1,040.00</td><td>980.00</td><td>60.00</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td colspan=2>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>整治小巷</td><td colspan=2>≥20条</td></tr></table>`);
    expect(r!.funding.items.map((i) => [i.name, i.amount_yuan])).toEqual([
      ['城市精细化管理', 8600000],
      ['民生保障', 1800000],
    ]);
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['城市精细化管理/财政拨款', '800.00'],
      ['城市精细化管理/其他资金', '60.00'],
      ['民生保障/财政拨款', '180.00'],
      ['民生保障/其他资金', '0.00'],
      ['金额合计/总额', '1,040.00'],
      ['金额合计/财政拨款', '980.00'],
      ['金额合计/其他资金', '60.00'],
    ]);
    expect(r!.unplaced).toEqual([]);
    expect(r!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('two name columns', () => {
  it('reads 指标内容 beside 指标名称 as the note of the indicator', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=4>甲</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>指标名称</td><td>指标内容</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>覆盖率</td><td>已覆盖机构数/机构总数</td><td>100%</td></tr></table>`);
    expect(r!.indicators.map((i) => [i.name, i.note, i.target.value])).toEqual([
      ['覆盖率', '已覆盖机构数/机构总数', 100],
    ]);
    expect(r!.unplaced).toEqual([]);
  });
});

describe('a funding table with a whole-period and an annual column', () => {
  const form = (header: string, rows: string) => `<p>项目支出绩效目标申报表</p><table>
    <tr><td>项目名称</td><td colspan=4>甲</td></tr>
    <tr><td rowspan=4>项目资金（万元）</td>${header}</tr>${rows}
    <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td colspan=2>指标值</td></tr>
    <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td colspan=2>5人</td></tr></table>`;

  it('reads each amount in its column: 中期资金总额 | 2025年度资金 by 资金总额, 财政拨款, 其他资金', () => {
    const [r] = recordsOfHtml(
      form(
        '<td colspan=2></td><td>中期资金总额（2024-2026年）</td><td>2025年度资金</td>',
        `<tr><td colspan=2>资金总额</td><td>3,600.00</td><td>1,280.50</td></tr>
        <tr><td colspan=2>其中：财政拨款</td><td>3,200.00</td><td>1,100.00</td></tr>
        <tr><td colspan=2>其他资金</td><td>400.00</td><td>180.50</td></tr>`,
      ),
    );
    expect(r!.funding).toMatchObject({
      unit_declared: '万元',
      total_yuan: 36000000,
      total_fiscal_yuan: 32000000,
      annual_yuan: 12805000,
      annual_fiscal_yuan: 11000000,
      other_yuan: 1805000,
    });
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['中期资金总额(2024-2026年)/其他资金', '400.00'],
    ]);
    expect(r!.unplaced).toEqual([]);
    expect(r!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('still reads the two totals as labels over their values when no row of amounts follows', () => {
    const [r] = recordsOfHtml(
      form(
        '<td>中期资金总额</td><td colspan=3>年度资金总额</td>',
        '<tr><td>3,600.00</td><td colspan=3>1,280.50</td></tr>',
      ),
    );
    expect(r!.funding).toMatchObject({ total_yuan: 36000000, annual_yuan: 12805000 });
    expect(r!.unplaced).toEqual([]);
  });
});

describe('a task list whose amount header gives only parts', () => {
  it('keeps 财政拨款 | 其他资金 per task, gives no item an amount, and says so', () => {
    const [r] = recordsOfHtml(`<p>部门整体支出绩效目标申报表</p><table>
      <tr><td>部门名称</td><td colspan=3>某街道办事处</td></tr>
      <tr><td rowspan=4>年度主要任务</td><td rowspan=2>任务名称</td><td colspan=2>预算金额（万元）</td></tr>
      <tr><td>财政拨款</td><td>其他资金</td></tr>
      <tr><td>城市精细化管理</td><td>800.00</td><td>60.00</td></tr>
      <tr><td>民生保障</td><td>180.00</td><td>0.00</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>整治小巷</td><td>≥20条</td></tr></table>`);
    expect(r!.funding.items.map((i) => [i.name, i.amount_yuan])).toEqual([
      ['城市精细化管理', null],
      ['民生保障', null],
    ]);
    expect(r!.funding).toMatchObject({ annual_fiscal_yuan: null, other_yuan: null });
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['城市精细化管理/财政拨款', '800.00'],
      ['城市精细化管理/其他资金', '60.00'],
      ['民生保障/财政拨款', '180.00'],
      ['民生保障/其他资金', '0.00'],
    ]);
    expect(r!.unplaced).toEqual([]);
    expect(r!.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code)).toEqual([
      'item_amount_parts',
    ]);
  });
});

describe('a sub-row label the dictionaries do not know', () => {
  it('keeps 其中：基本支出 with its amount instead of reading 其中 as a label holding 基本支出', () => {
    const [r] = recordsOfHtml(`<p>部门整体支出绩效目标申报表</p><table>
      <tr><td>部门名称</td><td colspan=3>某街道办事处</td></tr>
      <tr><td>合计</td><td>4,860.00</td><td>其中：基本支出</td><td>3,200.00</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>整治小巷</td><td>≥20条</td></tr></table>`);
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toContainEqual([
      '其中:基本支出',
      '3,200.00',
    ]);
    expect(r!.unplaced).toEqual([]);
    expect(r!.diagnostics.map((d) => d.code)).toContain('unknown_label');
  });

  it('keeps a group word written with a value (资金来源渠道：区级财政预算安排) instead of dropping it', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td colspan=4>资金来源渠道：区级财政预算安排</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['资金来源渠道', '区级财政预算安排'],
    ]);
    expect(r!.diagnostics.map((d) => d.code)).toContain('unknown_label');
  });
});

describe('several label/value pairs in one cell', () => {
  it('keep the order they are written in, in a paragraph, a table cell or with one space', () => {
    const signOff = (where: 'p' | 'cell', gap: string) => {
      const text = `填报单位（盖章）：泰顺县教育局${gap}填报日期：2024年11月8日`;
      return `<p>项目支出绩效目标申报表</p>${where === 'p' ? `<p>${text}</p>` : ''}<table>
        ${where === 'cell' ? `<tr><td colspan=4>${text}</td></tr>` : ''}
        <tr><td>项目名称</td><td colspan=3>甲</td></tr>
        <tr><td>项目单位</td><td colspan=3>乙</td></tr>
        <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
        <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`;
    };
    const wide = '&nbsp;'.repeat(6);
    for (const html of [
      signOff('p', wide),
      signOff('cell', wide),
      signOff('p', ' '),
      signOff('cell', ' '),
    ]) {
      const [r] = recordsOfHtml(html);
      expect(r!.fields.implementing_unit).toBe('乙');
      expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
        ['填报单位(盖章)', '泰顺县教育局'],
        ['填报日期', '2024年11月8日'],
      ]);
    }
  });
});

describe('more layouts found by testing unseen forms', () => {
  it('ignores required-field marks on labels and column headers', () => {
    const html = `<p>项目支出绩效目标自评表</p><table>
      <tr><th>*项目名称</th><td colspan=3>甲</td></tr>
      <tr><th>主管部门★</th><td colspan=3>乙局</td></tr>
      <tr><th>*一级指标</th><th>*二级指标</th><th>*三级指标</th><th>*指标值</th></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>1. 培训人数</td><td>≥100人</td></tr></table>`;
    const [r] = recordsOfHtml(html);
    expect(r!.form_type).toBe('self_evaluation');
    expect(r!.fields).toMatchObject({ name: '甲', authority: '乙局' });
    expect(r!.indicators.map((i) => i.name)).toEqual(['培训人数']);
  });

  it('skips hidden rows with a note, and zero-width spaces do not break labels or amounts', () => {
    const html = `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td>甲</td></tr>
      <tr><td>主管&#8203;部门</td><td>乙局</td></tr>
      <tr style="display:none"><td>模板行</td><td>请输入</td></tr>
      <tr><td>年度资金总额（万元）</td><td>1,&#8203;800.00</td></tr></table>`;
    const [r] = recordsOfHtml(html);
    expect(r!.fields.authority).toBe('乙局');
    expect(r!.funding.annual_yuan).toBe(18000000);
    expect(r!.unplaced).toEqual([]);
    expect(r!.diagnostics.map((d) => d.code)).toContain('hidden_content_skipped');
  });

  it('splits several label:value pairs printed in one cell', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目名称', '甲'],
        ['项目属性:一次性项目项目期限:2024-01至2024-12', ''],
      ]),
    ]);
    expect(r!.fields.category).toBe('一次性项目');
    expect(r!.fields.duration).toMatchObject({ start: '2024-01', end: '2024-12' });
  });

  it('reads a value cell holding the annual and the mid-term value, and a value with a remark', () => {
    const html = `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>购置车辆</td><td>年度：60辆<br>中期：180辆</td></tr>
      <tr><td></td><td>质量指标</td><td>合格率</td><td>≥95%<br>（上年实际94.2%）</td></tr></table>`;
    const [r] = recordsOfHtml(html);
    const [a, b] = r!.indicators;
    expect(a!.target).toMatchObject({ value: 60, unit: '辆', raw: '年度：60辆 中期：180辆' });
    expect(a!.target_midterm).toMatchObject({ value: 180, unit: '辆' });
    expect(b!.target).toMatchObject({ op: '>=', value: 95 });
    expect(b!.note).toBe('(上年实际94.2%)');
    expect(r!.diagnostics.map((d) => d.code)).toContain('target_with_note');
  });

  it('reads a remark written after the value on the same line', () => {
    const html = `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>质量指标</td><td>合格率</td><td>≥95% / （上年实际94.2%）</td></tr>
      <tr><td></td><td></td><td>达标率</td><td>≥90%；较上年提高2个百分点</td></tr>
      <tr><td></td><td></td><td>完成数</td><td>12个（其中新建3个）</td></tr></table>`;
    const [r] = recordsOfHtml(html);
    const [a, b, c] = r!.indicators;
    expect(a!.target).toMatchObject({ kind: 'numeric', op: '>=', value: 95, unit: '%' });
    expect(a!.target.raw).toBe('≥95% / （上年实际94.2%）');
    expect(a!.note).toBe('(上年实际94.2%)');
    expect(b!.target).toMatchObject({ kind: 'numeric', op: '>=', value: 90 });
    expect(b!.note).toBe('较上年提高2个百分点');
    expect(c!.target).toMatchObject({ kind: 'numeric', value: 12, unit: '个' });
    expect(c!.note).toBe('(其中新建3个)');
    const notes = r!.diagnostics.filter((d) => d.code === 'target_with_note');
    expect(notes).toHaveLength(3);
  });

  it('reads 实施期 wording as the whole period (funding, goal and value column)', () => {
    const html = `<p>财政政策绩效目标申报表</p><p>（2024年度）</p><table>
      <tr><td>政策名称</td><td colspan=4>甲</td></tr>
      <tr><td rowspan=3>资金情况（万元）</td><td>实施期资金总额</td><td>36,000.00</td><td>年度资金总额</td><td>12,500.00</td></tr>
      <tr><td>其中：财政资金</td><td>33,000.00</td><td>其中：财政拨款</td><td>11,000.00</td></tr>
      <tr><td>其他资金</td><td>3,000.00</td><td>其他资金</td><td>1,500.00</td></tr>
      <tr><td>实施期目标</td><td colspan=2>到2026年累计支持3600家。</td><td>年度目标</td><td>2024年支持1200家。</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实施期指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>支持企业数量</td><td>≥1200家</td><td>≥3600家</td></tr></table>`;
    const [r] = recordsOfHtml(html);
    expect(r!.funding).toMatchObject({
      total_yuan: 360000000,
      total_fiscal_yuan: 330000000,
      annual_yuan: 125000000,
      annual_fiscal_yuan: 110000000,
      other_yuan: 15000000,
    });
    expect(r!.goals.overall).toBe('到2026年累计支持3600家。');
    expect(r!.goals.annual.planned).toBe('2024年支持1200家。');
    expect(r!.indicators[0]!.target).toMatchObject({ value: 1200 });
    expect(r!.indicators[0]!.target_midterm).toMatchObject({ value: 3600, unit: '家' });
    expect(r!.unplaced).toEqual([]);
  });

  it('reads 单位名称 beside 项目名称 as the implementing unit, 部门名称 as the authority', () => {
    const project = `<p>项目支出绩效目标申报表</p><table>
      <tr><td>单位名称</td><td>某福利院</td><td>项目名称</td><td>长者食堂运营补贴</td></tr>
      <tr><td>部门名称</td><td colspan=3>某区民政局</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>食堂数量</td><td>≥30家</td></tr></table>`;
    const [p] = recordsOfHtml(project);
    expect(p!.fields).toMatchObject({
      name: '长者食堂运营补贴',
      implementing_unit: '某福利院',
      authority: '某区民政局',
    });
    expect(p!.extra_fields).toEqual([]);
    expect(p!.diagnostics.filter((d) => d.code === 'unit_name_label')).toHaveLength(2);
    // a department's own form: 单位名称 is its name
    const dept = `<p>部门整体支出绩效目标申报表</p><table>
      <tr><td>单位名称</td><td colspan=3>某区民政局</td></tr>
      <tr><td>整体绩效目标</td><td colspan=3>全年不发生重大安全事故。</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>食堂数量</td><td>≥30家</td></tr></table>`;
    const [d] = recordsOfHtml(dept);
    expect(d!.fields).toMatchObject({ name: '某区民政局', implementing_unit: null });
    expect(d!.goals.overall).toBe('全年不发生重大安全事故。');
  });

  it('reads parts that add up to another total than the one above them as its parts', () => {
    const html = `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td>项目总金额（元）</td><td>18,600,000.00</td><td>本年度预算（元）</td><td>6,200,000.00</td></tr>
      <tr><td>其中：财政拨款（元）</td><td>6,000,000.00</td><td>自筹资金（元）</td><td>200,000.00</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>运维站点数</td><td>126座</td></tr></table>`;
    const [r] = recordsOfHtml(html);
    expect(r!.funding).toMatchObject({
      unit_declared: '元',
      total_yuan: 18600000,
      total_fiscal_yuan: null,
      annual_yuan: 6200000,
      annual_fiscal_yuan: 6000000,
      other_yuan: 200000,
    });
    expect(r!.diagnostics.map((d) => d.code)).toContain('funding_parts_sum');
    expect(r!.unplaced).toEqual([]);
  });

  it('splits a note line of pairs with unknown labels, each diagnostic pointing at its own entry', () => {
    const gap = '\u3000\u3000';
    const html = `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td>甲</td><td>经办人</td><td>李四</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>数量</td><td>≥30家</td></tr></table>
      <p>填表人：张敏${gap}联系电话：0816-2255318${gap}录入日期：2022年11月15日${gap}复核意见：同意</p>`;
    const [r] = recordsOfHtml(html);
    // the one who filled in the form, with a telephone, is the contact
    expect(r!.fields.contact).toBe('张敏 0816-2255318');
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['经办人', '李四'],
      ['录入日期', '2022年11月15日'],
      ['复核意见', '同意'],
    ]);
    const unknown = r!.diagnostics.filter((d) => d.code === 'unknown_label');
    expect(unknown.map((d) => d.path)).toEqual([
      'extra_fields[0]',
      'extra_fields[1]',
      'extra_fields[2]',
    ]);
  });

  it('reads a department budget block split into income and expenditure halves', () => {
    const html = `<p>部门整体支出绩效目标申报表</p><table>
      <tr><td>部门名称</td><td colspan=4>某街道办事处</td></tr>
      <tr><td rowspan=4>年度预算申请（万元）</td><td colspan=2>按收入性质分</td><td colspan=2>按支出性质分</td></tr>
      <tr><td>合计</td><td>4,860.00</td><td>合计</td><td>4,860.00</td></tr>
      <tr><td>其中：一般公共预算拨款</td><td>4,500.00</td><td>其中：基本支出</td><td>3,200.00</td></tr>
      <tr><td>其他资金</td><td>360.00</td><td>项目支出</td><td>1,660.00</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td colspan=2>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>整治背街小巷</td><td colspan=2>25条</td></tr></table>`;
    const [r] = recordsOfHtml(html);
    expect(r!.funding).toMatchObject({
      unit_declared: '万元',
      annual_yuan: 48600000,
      annual_fiscal_yuan: 45000000,
      other_yuan: 3600000,
    });
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['其中:基本支出', '3,200.00'],
      ['项目支出', '1,660.00'],
    ]);
    expect(r!.unplaced).toEqual([]);
  });

  it('reads the indicator rows after a small table nested in a note cell', () => {
    const html = `<p>项目支出绩效目标申报表</p><table border=1>
      <tr><td>项目名称</td><td colspan=4>甲</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td><td>备注</td></tr>
      <tr><td rowspan=2>效益指标</td><td rowspan=2>社会效益指标</td><td>漏损率</td><td>≤10%</td>
        <td><table border=1><tr><td>2025年基数</td><td>12.4%</td></tr></table></td></tr>
      <tr><td>水质达标率</td><td>100%</td><td></td></tr>
      <tr><td>满意度指标</td><td>服务对象满意度指标</td><td>用水户满意度</td><td>≥92%</td><td></td></tr></table>`;
    const [r] = recordsOfHtml(html);
    expect(r!.indicators.map((i) => [i.level2?.code, i.name, i.target.raw, i.note])).toEqual([
      ['social_benefit', '漏损率', '≤10%', '2025年基数 | 12.4%'],
      ['social_benefit', '水质达标率', '100%', null],
      ['satisfaction', '用水户满意度', '≥92%', null],
    ]);
    // the nested table is the note cell's text, not a table of its own
    expect(r!.diagnostics.map((d) => d.code)).toContain('table_in_cell');
    expect(r!.extra_fields).toEqual([]);
    expect(r!.unplaced).toEqual([]);
  });

  it('reads a funding table with a column per year: the fiscal year, the 合计, the other years', () => {
    const form = (year: string) => `<p>财政政策绩效目标申报表</p><p>${year}</p><table>
      <tr><td>政策名称</td><td colspan=5>甲</td></tr>
      <tr><td>政策资金（万元）</td><td></td><td>2024年</td><td>2025年</td><td>2026年</td><td>合计</td></tr>
      <tr><td></td><td>资金总额</td><td>5,000.00</td><td>6,000.00</td><td>6,000.00</td><td>17,000.00</td></tr>
      <tr><td></td><td>其中：财政资金</td><td>4,000.00</td><td>5,000.00</td><td>5,000.00</td><td>14,000.00</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td colspan=3>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>发放消费券金额</td><td colspan=3>1.2亿元</td></tr></table>`;
    const [r] = recordsOfHtml(form('（2025年度）'));
    expect(r!.funding).toMatchObject({
      total_yuan: 170000000,
      total_fiscal_yuan: 140000000,
      annual_yuan: 60000000,
      annual_fiscal_yuan: 50000000,
    });
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['资金总额/2024年', '5,000.00'],
      ['资金总额/2026年', '6,000.00'],
      ['其中:财政资金/2024年', '4,000.00'],
      ['其中:财政资金/2026年', '5,000.00'],
    ]);
    expect(r!.unplaced).toEqual([]);
    // no year of the form among the columns: no year's amounts are taken as the annual ones
    const [n] = recordsOfHtml(form('（2023年度）'));
    expect(n!.funding).toMatchObject({ annual_yuan: null, total_yuan: 170000000 });
    expect(n!.extra_fields).toHaveLength(6);
    expect(n!.diagnostics.map((d) => d.code)).toContain('funding_year_unknown');
  });

  it('takes the amount column of this year in an item list, not of last year or a text column', () => {
    const html = `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=4>甲</td></tr>
      <tr><td colspan=5>项目支出内容及明细预算（万元）</td></tr>
      <tr><td>资金测算依据及说明</td><td>支出内容</td><td>上年度预算安排</td><td>上年度实际执行</td><td>本年度申请金额</td></tr>
      <tr><td>按市场询价</td><td>设备购置</td><td>50</td><td>48</td><td>60</td></tr>
      <tr><td>按合同</td><td>运维服务</td><td>20</td><td>20</td><td>25</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td colspan=2>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>设备数量</td><td colspan=2>10台</td></tr></table>`;
    const [r] = recordsOfHtml(html);
    expect(r!.funding.items.map((i) => [i.name, i.amount_yuan, i.raw])).toEqual([
      ['设备购置', 600000, '60'],
      ['运维服务', 250000, '25'],
    ]);
    expect(r!.extra_fields.map((e) => e.label)).toEqual([
      '设备购置/资金测算依据及说明',
      '设备购置/上年度预算安排',
      '设备购置/上年度实际执行',
      '运维服务/资金测算依据及说明',
      '运维服务/上年度预算安排',
      '运维服务/上年度实际执行',
    ]);
  });

  it('reads the name column by its place when its header is blank or unknown, and year-named value headers', () => {
    const form = (nameHeader: string, valueHeader: string): string =>
      `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目全称</td><td colspan=3>甲</td></tr>
      <tr><td>预算部门</td><td colspan=3>某市水务局</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>${nameHeader}</td><td>${valueHeader}</td></tr>
      <tr><td rowspan=2>产出指标</td><td rowspan=2>数量指标</td><td>渠道防渗改造长度</td><td>38公里</td></tr>
      <tr><td>新增节水灌溉面积</td><td>2.6万亩</td></tr></table>`;
    for (const [name, value, note] of [
      ['', '2025年度指标值', 'has no header'],
      ['绩效指标', '2025年指标值', '"绩效指标" column'],
      ['三级绩效指标', '绩效指标值', null],
      ['三级指标', '预期目标', null],
    ] as const) {
      const [r] = recordsOfHtml(form(name, value));
      expect(r!.fields.name).toBe('甲');
      expect(r!.fields.authority).toBe('某市水务局');
      expect(r!.indicators.map((i) => [i.name, i.target.value, i.target.unit])).toEqual([
        ['渠道防渗改造长度', 38, '公里'],
        ['新增节水灌溉面积', 26000, '亩'],
      ]);
      expect(r!.unplaced).toEqual([]);
      const inferred = r!.diagnostics.filter((d) => d.code === 'name_column_inferred');
      if (note === null) expect(inferred).toEqual([]);
      else expect(inferred.map((d) => d.message)).toEqual([expect.stringContaining(note)]);
    }
  });

  it('reads the value column naming the form’s year; of columns naming others, none', () => {
    const form = (year: string): string => `<p>项目支出绩效目标申报表</p>${year}<table>
      <tr><td>项目名称</td><td colspan=4>甲</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>2024年指标值</td><td>2025年指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>改造户数</td><td>1000户</td><td>1500户</td></tr></table>`;
    const codes = (x: { diagnostics: { code: string }[] }) => x.diagnostics.map((d) => d.code);
    const [r] = recordsOfHtml(form(''));
    expect(r!.indicators.map((i) => [i.name, i.target.kind])).toEqual([['改造户数', 'empty']]);
    expect(r!.unplaced.map((u) => u.text)).toEqual(expect.arrayContaining(['1000户', '1500户']));
    expect(codes(r!)).toContain('value_columns_other_years');
    // the year in a label, read after the table's first pass, chooses too
    for (const year of ['<p>（2025年度）</p>', '<p>年度：2025</p>']) {
      const [y] = recordsOfHtml(form(year));
      expect(y!.indicators.map((i) => i.target.raw)).toEqual(['1500户']);
      expect(y!.unplaced.map((u) => u.text)).toEqual(['1000户']);
      expect(codes(y!)).toContain('value_column_by_year');
    }
    // years on columns of different roles are no conflict: last year's actual, this year's target
    const [s] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=4>甲</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>2024年实际完成值</td><td>2025年指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>改造户数</td><td>1000户</td><td>1500户</td></tr></table>`);
    expect(s!.indicators.map((i) => [i.target.raw, i.actual])).toEqual([['1500户', '1000户']]);
  });

  it('reads label and value variants of real forms (year lines, ticks in brackets, synonyms)', () => {
    const html = `<p>项目支出绩效目标申报表</p><p>（ 2025 年度）</p><table>
      <tr><td>项目名称</td><td>甲</td><td>项目属性</td><td>新增项目（√） 延续项目（ ）</td></tr>
      <tr><td>编制部门</td><td>某市卫生健康委员会</td><td>编制单位（盖章）</td><td>某市疾控中心</td></tr>
      <tr><td>项目负责人</td><td>王建国</td><td>联系电话</td><td>0571-87654321</td></tr>
      <tr><td rowspan=3>资金情况（万元）</td><td>年度资金总额</td><td colspan=2>500.00</td></tr>
      <tr><td>其中：财政拨款</td><td colspan=2>376.55</td></tr>
      <tr><td>事业收入</td><td colspan=2>123.45</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td><td>是否分解到项目</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>指标1 培训人数</td><td>≥100人</td><td>是</td></tr></table>`;
    const [r] = recordsOfHtml(html);
    expect(r!.fiscal_year).toBe(2025);
    expect(r!.fields).toMatchObject({
      category: '新增项目',
      authority: '某市卫生健康委员会',
      implementing_unit: '某市疾控中心',
      contact: '王建国 0571-87654321',
    });
    expect(r!.funding).toMatchObject({
      annual_yuan: 5000000,
      annual_fiscal_yuan: 3765500,
      other_yuan: 1234500,
    });
    expect(r!.indicators[0]).toMatchObject({ name: '培训人数', note: '是' });
    expect(r!.extra_fields).toEqual([]);
    expect(r!.unplaced).toEqual([]);
    // 年度 | 2025: the label of a bare year
    const [y] = recordsOfHtml(
      html
        .replace('<p>（ 2025 年度）</p>', '')
        .replace('<td>项目名称</td><td>甲</td>', '<td>年度</td><td>2025</td>'),
    );
    expect(y!.fiscal_year).toBe(2025);
    expect(y!.unplaced).toEqual([]);
  });

  it('reads a period written in a label as the duration when the form gives none', () => {
    const html = (extra: string) => `<p>项目支出绩效目标申报表</p><p>（2024年度）</p><table>
      <tr><td>项目名称</td><td>甲</td></tr>${extra}
      <tr><td>项目总体目标（2024 年-2026 年）</td><td>三年内完成全部改造任务。</td></tr></table>`;
    const [r] = recordsOfHtml(html(''));
    expect(r!.fields.duration).toEqual({ raw: '2024 年-2026 年', start: '2024', end: '2026' });
    expect(r!.goals.overall).toBe('三年内完成全部改造任务。');
    expect(r!.diagnostics.map((d) => d.code)).toContain('duration_from_label');
    // a form with another duration keeps the label's period beside it
    const [d] = recordsOfHtml(html('<tr><td>项目期限</td><td>2024年1月-12月</td></tr>'));
    expect(d!.fields.duration).toMatchObject({ start: '2024-01', end: '2024-12' });
    expect(d!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['项目总体目标(2024 年-2026 年)', '2024 年-2026 年'],
    ]);
  });

  it('reads amounts written with their label and unit in one cell, and fiscal funds in parts', () => {
    const inline = `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称：测试项目</td><td>主管部门：某局</td></tr>
      <tr><td>项目资金总额（万元）：860.00</td><td>其中：财政资金（万元）：800.00</td></tr>
      <tr><td>其他资金（万元）：60.00</td><td>其中：自筹资金（万元）：60.00</td></tr></table>
      <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥100人</td></tr></table>`;
    const [r] = recordsOfHtml(inline);
    expect(r!.funding).toMatchObject({
      unit_declared: '万元',
      annual_yuan: 8600000,
      annual_fiscal_yuan: 8000000,
      other_yuan: 600000,
    });
    // the same amount under another label is kept beside it
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['其中:自筹资金(万元)', '60.00'],
    ]);
    const parts = (last: string) => `<p>财政政策绩效目标申报表（2024年度）</p><table>
      <tr><td>政策名称</td><td colspan=2>测试政策</td></tr>
      <tr><td rowspan=5>政策资金（万元）</td><td>年度资金总额</td><td>12,450.00</td></tr>
      <tr><td>其中：中央财政资金</td><td>7,470.00</td></tr>
      <tr><td>省级财政资金</td><td>2,490.00</td></tr>
      <tr><td>市级财政资金</td><td>1,245.00</td></tr>
      <tr><td>县级财政资金</td><td>${last}</td></tr></table>
      <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>受益人数</td><td>≥100人</td></tr></table>`;
    const [summed] = recordsOfHtml(parts('1,245.00'));
    expect(summed!.funding.annual_fiscal_yuan).toBe(124500000);
    expect(summed!.extra_fields).toHaveLength(3);
    expect(summed!.diagnostics.map((d) => d.code)).toContain('fiscal_parts_summed');
    const [apart] = recordsOfHtml(parts('1,000.00'));
    expect(apart!.funding.annual_fiscal_yuan).toBe(74700000);
    expect(apart!.diagnostics.map((d) => d.code)).toContain('fiscal_parts');
  });

  it('keeps an unlisted money label with its amount beside it', () => {
    const html = `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td>项目经费总投入（元）</td><td>18,600,000.00</td><td>年度资金总额</td><td>6,200,000.00</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>运维站点数</td><td>126座</td></tr></table>`;
    const [r] = recordsOfHtml(html);
    expect(r!.extra_fields).toMatchObject([
      { label: '项目经费总投入(元)', value: '18,600,000.00' },
    ]);
    expect(r!.funding).toMatchObject({ unit_declared: '元', annual_yuan: 6200000 });
    expect(r!.diagnostics.map((d) => d.code)).toContain('unknown_label');
    expect(r!.unplaced).toEqual([]);
  });

  it('keeps every cell of a funding-matrix row the dictionaries do not know', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目名称', '甲', '', ''],
        ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数'],
        ['年度资金总额', '100', '120', '110'],
        ['项目支出', '80', '90', '85'],
      ]),
    ]);
    expect(r!.funding.annual_yuan).toBe(1200000);
    expect(
      r!.extra_fields.filter((e) => e.label.startsWith('项目支出/')).map((e) => e.value),
    ).toEqual(['80', '90', '85']);
    expect(r!.unplaced).toEqual([]);
  });
});

describe('pages that frame the form in a layout table', () => {
  it('reads rows after the framed form after it', () => {
    const html = `<table><tr><td>某某市预算管理一体化系统</td></tr>
      <tr><td><p>项目支出绩效目标申报表</p><table>
        <tr><td>项目名称</td><td>甲</td></tr>
        <tr><td>年度资金总额（万元）</td><td>10</td></tr></table></td></tr>
      <tr><td>填报日期：2024年1月1日</td></tr></table>`;
    const [r] = recordsOfHtml(html);
    expect(r!.fields.name).toBe('甲');
    expect(r!.extra_fields).toMatchObject([{ label: '填报日期', value: '2024年1月1日' }]);
    const outside = r!.diagnostics.find((d) => d.code === 'text_outside_form');
    expect(outside?.message).toMatch(/^1 line/);
  });
});

describe('a list table after the form', () => {
  it('does not start a new form at its 项目名称 column heading', () => {
    const records = recordsOfDoc([
      para('项目支出绩效目标申报表'),
      grid([['项目名称', '甲'], HEADER, ['产出指标', '数量指标', '培训人数', '≥100人']], 1),
      grid(
        [
          ['序号', '项目名称', '实施单位', '金额'],
          ['1', '子项目一', '乙单位', '10'],
        ],
        2,
      ),
    ]);
    expect(records).toHaveLength(1);
  });
});

describe('documents holding forms among other material', () => {
  it('skips a numbered heading naming the form, page numbers, and the next project’s prose', () => {
    const records = recordsOfDoc([
      para('七、项目支出绩效目标申报表', 1),
      grid([['收入合计', '1,000,000']], 1),
      para('财政项目支出绩效目标申报表（2025年度）', 2),
      grid(
        [
          ['项目名称', '甲'],
          ['项目资金（元）', ''],
          ['年度资金总额', '100'],
          HEADER,
          ['产出指标', '数量指标', '培训人数', '≥100人'],
        ],
        2,
      ),
      para('第1页/共2页', 3),
      para('(二)乙项目', 4),
      para('一、项目概述', 5),
      para('乙项目用于……', 6),
    ]);
    expect(records).toHaveLength(1);
    const [r] = records;
    expect(r!.title).toBe('财政项目支出绩效目标申报表');
    expect(r!.fiscal_year).toBe(2025);
    expect(r!.funding.annual_yuan).toBe(100);
    expect(r!.unplaced).toEqual([]);
    const outside = r!.diagnostics.find((d) => d.code === 'text_outside_form');
    expect(outside?.message).toMatch(/^6 line/);
  });

  it('reads the year and the unit printed on one line under the title', () => {
    const [r] = recordsOfDoc([
      para('项目支出绩效目标申报表', 1),
      para('（2025年度）　　　　单位：万元', 2),
      grid(
        [
          ['项目名称', '甲'],
          ['年度资金总额', '6,200.00'],
        ],
        1,
      ),
    ]);
    expect(r!.fiscal_year).toBe(2025);
    expect(r!.funding).toMatchObject({ unit_declared: '万元', annual_yuan: 62000000 });
  });

  it('a notice that only names the form holds no form', () => {
    expect(
      recordsOfDoc([
        para('附件：2024年度项目支出绩效目标申报表'),
        para('请各单位于3月底前报送。', 2),
      ]),
    ).toEqual([]);
  });
});

describe('indicator rows whose names read as field labels', () => {
  const table = (rows: string): string =>
    `<p>项目支出绩效目标申报表</p><table><tr><td>项目名称</td><td colspan="3">测试项目</td></tr></table>
    <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
    <tr><td>产出指标</td><td>时效指标</td><td>故障响应时间</td><td>≤2小时</td></tr>${rows}
    <tr><td></td><td>质量指标</td><td>验收合格率</td><td>100%</td></tr></table>`;

  it('a time limit under blank level cells is an indicator, and the table goes on', () => {
    const [r] = recordsOfHtml(
      table('<tr><td></td><td></td><td>项目完成时间</td><td>2025年12月底前</td></tr>'),
    );
    expect(r!.indicators.map((i) => [i.level2?.label, i.name, i.target.raw])).toEqual([
      ['时效指标', '故障响应时间', '≤2小时'],
      ['时效指标', '项目完成时间', '2025年12月底前'],
      ['质量指标', '验收合格率', '100%'],
    ]);
    expect(r!.fields.duration).toBeNull();
    expect(r!.extra_fields).toEqual([]);
  });

  it('a sign-off under blank level cells still ends the table', () => {
    const [r] = recordsOfHtml(
      table('<tr><td></td><td></td><td>填报人</td><td>王磊</td></tr>').replace(
        '<tr><td></td><td>质量指标</td><td>验收合格率</td><td>100%</td></tr>',
        '',
      ),
    );
    expect(r!.indicators.map((i) => i.name)).toEqual(['故障响应时间']);
    expect(r!.fields.contact).toBe('王磊');
  });
});

describe('limits', () => {
  it('refuses a file larger than any form with file_too_large', async () => {
    const { extractBuffer } = await import('../src/index.js');
    const big = Buffer.concat([
      Buffer.from('<html><body><table>'),
      Buffer.alloc(33 * 2 ** 20, 'x'),
    ]);
    const result = await extractBuffer(big, { file: 'big.html' });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'file_too_large' }, forms: 0 });
  });

  it('reads a file through the library API, and never waits on a fifo or reads a folder', async () => {
    const { extractFile } = await import('../src/index.js');
    const dir = await tempDir();
    const page = path.join(dir, 'form.html');
    writeFileSync(page, '<table><tr><td>项目名称</td><td>甲</td></tr></table>');
    expect(await extractFile(page)).toMatchObject({ file: 'form.html', status: 'ok', forms: 1 });
    expect(await extractFile(dir)).toMatchObject({
      status: 'failed',
      error: { code: 'read_error' },
    });
    const fifo = path.join(dir, 'pipe.html');
    execFileSync('mkfifo', [fifo]);
    // opening a fifo for reading would wait for a writer for ever
    expect(await extractFile(fifo)).toMatchObject({
      status: 'skipped',
      error: { code: 'not_a_file' },
      forms: 0,
    });
  });
});

describe('labels and layouts of a sixth round of unseen forms', () => {
  const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

  it('reads a block label with one value beside it as that value: the goal, the annual amount', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><p>（2019年度）</p><table>
      <tr><td>项目名称</td><td>校舍维修改造</td></tr>
      <tr><td>项目资金（万元）</td><td>2,350.00</td></tr>
      <tr><td>绩效目标</td><td>完成36所学校校舍维修改造，工程合格率100%。</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>维修学校数</td><td>36所</td></tr></table>`);
    expect(r!.goals.annual.planned).toBe('完成36所学校校舍维修改造,工程合格率100%。');
    expect(r!.funding).toMatchObject({ unit_declared: '万元', annual_yuan: 23500000 });
    expect(r!.extra_fields).toEqual([]);
    expect(codes(r!).filter((c) => c === 'group_label_value')).toHaveLength(2);
  });

  it('keeps a block label with text that is no amount beside it as an extra field', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td>甲</td></tr>
      <tr><td>项目资金（万元）</td><td>≈2,000</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>维修学校数</td><td>36所</td></tr></table>`);
    expect(r!.funding.annual_yuan).toBeNull();
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([['项目资金(万元)', '≈2,000']]);
  });

  it('knows more wordings of the header labels', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>社区养老服务</td></tr>
      <tr><td>项目主管部门</td><td>某区民政局</td><td>项目执行单位</td><td>某区养老服务中心</td></tr>
      <tr><td>项目起止年限</td><td>2025年1月-2025年12月</td><td>项目分类</td><td>经常性项目</td></tr>
      <tr><td>经办人及电话</td><td>王芳 0571-88001234</td><td>填报年度</td><td>2025</td></tr>
      <tr><td>申请金额（万元）</td><td colspan=3>120.00</td></tr>
      <tr><td>中长期绩效目标</td><td colspan=3>三年内建成15分钟养老服务圈。</td></tr>
      <tr><td>本年度绩效目标</td><td colspan=3>新建社区助餐点10个。</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>新建助餐点</td><td>10个</td></tr></table>`);
    expect(r!.fields).toMatchObject({
      authority: '某区民政局',
      implementing_unit: '某区养老服务中心',
      category: '经常性项目',
      contact: '王芳 0571-88001234',
      duration: { raw: '2025年1月-2025年12月', start: '2025-01', end: '2025-12' },
    });
    expect(r!.fiscal_year).toBe(2025);
    expect(r!.funding.annual_yuan).toBe(1200000);
    expect(r!.goals).toEqual({
      overall: '三年内建成15分钟养老服务圈。',
      annual: { planned: '新建社区助餐点10个。', expected: null },
    });
    expect(r!.extra_fields).toEqual([]);
  });

  it('reads the totals of a block headed by this year’s budget as this year’s', () => {
    const [r] = recordsOfHtml(`<p>2025年部门整体绩效目标申报表</p><p>金额单位：元</p><table>
      <tr><td>部门名称</td><td colspan=2>某区卫生健康局</td></tr>
      <tr><td rowspan=4>年度预算</td><td>资金总额</td><td>86,420,000.00</td></tr>
      <tr><td>其中：基本支出</td><td>52,300,000.00</td></tr>
      <tr><td>项目支出</td><td>34,120,000.00</td></tr>
      <tr><td>其中：财政拨款</td><td>80,000,000.00</td></tr>
      <tr><td rowspan=2>部门职能</td><td colspan=2>负责辖区卫生健康事业发展规划。</td></tr>
      <tr><td colspan=2>统筹辖区医疗卫生资源配置。</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>建档率 ≥90%</td></tr></table>`);
    expect(r!.funding).toMatchObject({
      total_yuan: null,
      total_fiscal_yuan: null,
      annual_yuan: 86420000,
      annual_fiscal_yuan: 80000000,
    });
    expect(r!.sections.overview).toBe('负责辖区卫生健康事业发展规划。\n统筹辖区医疗卫生资源配置。');
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['其中:基本支出', '52,300,000.00'],
      ['项目支出', '34,120,000.00'],
    ]);
    expect(r!.unplaced).toEqual([]);
  });

  it('gives the items of a task list with only source columns (财政拨款 | 其他资金) no amount', () => {
    const [r] = recordsOfHtml(`<p>部门整体支出绩效目标申报表</p><p>金额单位：元</p><table>
      <tr><td>部门名称</td><td colspan=3>某区卫生健康局</td></tr>
      <tr><td rowspan=3>年度主要任务</td><td>任务名称</td><td>财政拨款</td><td>其他资金</td></tr>
      <tr><td>基本公共卫生服务</td><td>18,500,000.00</td><td>1,200,000.00</td></tr>
      <tr><td>家庭医生签约服务</td><td>9,800,000.00</td><td>0.00</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>签约人数</td><td>≥5000人</td></tr></table>`);
    expect(r!.funding.items.map((i) => [i.name, i.amount_yuan])).toEqual([
      ['基本公共卫生服务', null],
      ['家庭医生签约服务', null],
    ]);
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['基本公共卫生服务/财政拨款', '18,500,000.00'],
      ['基本公共卫生服务/其他资金', '1,200,000.00'],
      ['家庭医生签约服务/财政拨款', '9,800,000.00'],
      ['家庭医生签约服务/其他资金', '0.00'],
    ]);
    expect(codes(r!)).toContain('item_amount_parts');
  });

  it('reads a 指标类型 column holding category names as the level-2 column', () => {
    const [r] = recordsOfHtml(`<p>2024年项目支出绩效目标表</p><table>
      <tr><td>项目名称</td><td colspan=3>滇池水质监测</td></tr>
      <tr><td>指标类型</td><td>指标名称</td><td>目标值</td><td>计量单位</td></tr>
      <tr><td>数量指标</td><td>监测断面数量</td><td>48</td><td>个</td></tr>
      <tr><td>质量指标</td><td>监测数据有效率</td><td>≥95</td><td>%</td></tr>
      <tr><td>满意度指标</td><td>主管部门满意度</td><td>≥90</td><td>%</td></tr></table>`);
    expect(r!.indicators.map((i) => [i.level1?.code, i.level2?.code, i.name, i.note])).toEqual([
      ['output', 'quantity', '监测断面数量', null],
      ['output', 'quality', '监测数据有效率', null],
      ['satisfaction', 'satisfaction', '主管部门满意度', null],
    ]);
    expect(codes(r!)).not.toContain('unparsed_operator');
    expect(codes(r!)).toContain('categories_in_column');
  });

  it('reads a dash in the 计算符号 column as nothing, not as a note', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=4>甲</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>计算符号</td><td>指标值</td></tr>
      <tr><td rowspan=2>产出指标</td><td>数量指标</td><td>改造长度</td><td>≥</td><td>38公里</td></tr>
      <tr><td>时效指标</td><td>完工时间</td><td>——</td><td>2025年10月底前</td></tr></table>`);
    expect(r!.indicators.map((i) => [i.name, i.target.op, i.note])).toEqual([
      ['改造长度', '>=', null],
      ['完工时间', '<=', null],
    ]);
    expect(codes(r!)).not.toContain('unparsed_operator');
  });

  it('still reads a 指标类型 column of 定量/定性 as the nature', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=4>甲</td></tr>
      <tr><td>二级指标</td><td>指标类型</td><td>指标名称</td><td>目标值</td></tr>
      <tr><td>数量指标</td><td>定量</td><td>监测断面数量</td><td>48个</td></tr></table>`);
    expect(r!.indicators.map((i) => [i.level2?.code, i.nature])).toEqual([
      ['quantity', 'quantitative'],
    ]);
  });
});

describe('level-2 names of the evaluation frameworks without a code of their own', () => {
  it('reads them as known categories, code other, inferring their level 1', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=2>甲</td></tr>
      <tr><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>组织实施</td><td>政府采购执行率</td><td>100%</td></tr>
      <tr><td>数量指标</td><td>维修学校数</td><td>36所</td></tr></table>`);
    expect(r!.categories.map((c) => [c.level1, c.level2, c.label])).toEqual([
      ['process', 'other', '组织实施'],
      ['output', 'quantity', '数量指标'],
    ]);
    expect(r!.diagnostics.map((d) => d.code)).not.toContain('unknown_level2');
  });
});

describe('a category label repeated on each of its rows', () => {
  it('says once that it is unknown', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>过程指标</td><td>工作开展</td><td>政府采购执行率</td><td>100%</td></tr>
      <tr><td>过程指标</td><td>工作开展</td><td>工程监理到位率</td><td>100%</td></tr></table>`);
    expect(r!.categories).toHaveLength(1);
    expect(r!.categories[0]!.indicator_count).toBe(2);
    const unknown = r!.diagnostics.filter((d) => d.code === 'unknown_level2');
    expect(unknown.map((d) => d.path)).toEqual(['categories[0]']);
  });
});

describe('amounts whose unit is written in their cells', () => {
  const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);
  const form = (
    cells: [string, string, string, string],
  ): string => `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>社区养老服务补贴</td></tr>
      <tr><td>年度资金总额</td><td>${cells[0]}</td><td>其中：财政拨款</td><td>${cells[1]}</td></tr>
      <tr><td>子项目名称</td><td>预算金额</td><td>实施内容</td><td></td></tr>
      <tr><td>助餐补贴</td><td>${cells[2]}</td><td>老年助餐</td><td></td></tr>
      <tr><td>日间照料</td><td>${cells[3]}</td><td>照料中心运营</td><td></td></tr>
      <tr><td>年度目标</td><td colspan=3>完成助餐服务10万人次</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>助餐人次</td><td>≥10万人次</td></tr></table>`;

  it('takes the one unit all cells write as the declared unit, and reads a list headed by 子项目名称 alone', () => {
    const [r] = recordsOfHtml(form(['120万元', '100万元', '70万元', '50万元']));
    expect(r!.funding.unit_declared).toBe('万元');
    expect(r!.funding.annual_yuan).toBe(1_200_000);
    expect(r!.funding.annual_fiscal_yuan).toBe(1_000_000);
    expect(r!.funding.items.map((i) => [i.name, i.amount_yuan, i.raw])).toEqual([
      ['助餐补贴', 700_000, '70万元'],
      ['日间照料', 500_000, '50万元'],
    ]);
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['助餐补贴/实施内容', '老年助餐'],
      ['日间照料/实施内容', '照料中心运营'],
    ]);
    expect(r!.goals.annual.planned).toBe('完成助餐服务10万人次');
    expect(r!.unplaced).toEqual([]);
    expect(codes(r!)).toContain('amount_unit_in_cells');
    expect(r!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('leaves unit_declared null when the cells write different units, each amount in its own', () => {
    const [r] = recordsOfHtml(form(['1,200,000元', '100万元', '70万元', '500,000元']));
    expect(r!.funding.unit_declared).toBeNull();
    expect(r!.funding.annual_yuan).toBe(1_200_000);
    expect(r!.funding.annual_fiscal_yuan).toBe(1_000_000);
    expect(r!.funding.items.map((i) => i.amount_yuan)).toEqual([700_000, 500_000]);
    expect(r!.diagnostics.find((d) => d.code === 'amount_unit_in_cells')?.message).toContain(
      '元, 万元',
    );
  });

  it('takes the unit from the cells when another amount is a dash', () => {
    const [r] = recordsOfHtml(form(['120万元', '—', '70万元', '50万元']));
    expect(r!.funding.unit_declared).toBe('万元');
    expect(r!.funding.annual_yuan).toBe(1_200_000);
    expect(r!.funding.annual_fiscal_yuan).toBeNull();
    expect(r!.extra_fields).toEqual([
      expect.objectContaining({ label: '助餐补贴/实施内容' }),
      expect.objectContaining({ label: '日间照料/实施内容' }),
    ]);
    expect(codes(r!)).not.toContain('amount_unit_unknown');
  });

  it('declares no unit when some amount cell writes none', () => {
    const [r] = recordsOfHtml(form(['120万元', '100', '70万元', '50万元']));
    expect(r!.funding.unit_declared).toBeNull();
    expect(r!.funding.annual_yuan).toBe(1_200_000);
    expect(r!.funding.annual_fiscal_yuan).toBeNull();
    expect(codes(r!)).toContain('amount_unit_unknown');
    expect(codes(r!)).not.toContain('amount_unit_in_cells');
  });

  it('still warns about bare numbers when nothing states a unit', () => {
    const [r] = recordsOfHtml(form(['120', '100', '70', '50']));
    expect(r!.funding.unit_declared).toBeNull();
    expect(r!.funding.items.map((i) => [i.name, i.amount_yuan])).toEqual([
      ['助餐补贴', null],
      ['日间照料', null],
    ]);
    expect(codes(r!)).toContain('amount_unit_unknown');
    expect(codes(r!)).not.toContain('amount_unit_in_cells');
  });
});

describe('a table written inside a cell', () => {
  const form = (cell: string): string => `<p>项目支出绩效目标申报表</p><table border=1>
      <tr><td>项目名称</td><td colspan=3>社区养老服务补贴</td></tr>
      <tr><td>项目实施计划</td><td colspan=3>${cell}</td></tr>
      <tr><td>年度目标</td><td colspan=3>完成助餐服务10万人次</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>助餐人次</td><td>≥10万人次</td></tr></table>`;

  it('is the text of the value cell it sits in: rows on lines, cells joined by |', () => {
    const [r] = recordsOfHtml(
      form(`分三阶段实施：<table border=1><tr><td>阶段</td><td>内容</td><td>时间</td></tr>
        <tr><td>一</td><td>招标</td><td>3月</td></tr><tr><td>二</td><td>实施</td><td>4-11月</td></tr></table>`),
    );
    expect(r!.sections.plan).toBe(
      '分三阶段实施:\n阶段 | 内容 | 时间\n一 | 招标 | 3月\n二 | 实施 | 4-11月',
    );
    expect(r!.goals.annual.planned).toBe('完成助餐服务10万人次');
    expect(r!.indicators.map((i) => [i.name, i.target.raw])).toEqual([['助餐人次', '≥10万人次']]);
    expect(r!.extra_fields).toEqual([]);
    expect(r!.unplaced).toEqual([]);
    const note = r!.diagnostics.find((d) => d.code === 'table_in_cell');
    expect(note?.provenance).toMatchObject({ table: 1, row: 2, col: 2 });
  });

  it('is said in the record of the form holding the cell only', () => {
    const form = (name: string, note: string): string => `
      <tr><td colspan=4>项目支出绩效目标申报表</td></tr>
      <tr><td>项目名称</td><td colspan=3>${name}</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>备注</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>${note}</td></tr>`;
    const records = recordsOfHtml(
      `<table border=1>${form('甲', '<table><tr><td>基数</td><td>12</td></tr></table>')}${form('乙', '无')}</table>`,
    );
    expect(
      records.map((r) => [r.fields.name, r.diagnostics.some((d) => d.code === 'table_in_cell')]),
    ).toEqual([
      ['甲', true],
      ['乙', false],
    ]);
  });

  it('stays a table of its own when it holds labels of the form (a funding block) or an indicator header', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table border=1>
      <tr><td>项目名称</td><td>社区养老服务补贴</td></tr>
      <tr><td>项目资金</td><td><table border=1>
        <tr><td>年度资金总额（万元）</td><td>120</td></tr>
        <tr><td>其中：财政拨款</td><td>100</td></tr></table></td></tr>
      <tr><td>绩效指标</td><td><table border=1>
        <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
        <tr><td>产出指标</td><td>数量指标</td><td>助餐人次</td><td>≥10万人次</td></tr></table></td></tr></table>`);
    expect(r!.funding.annual_yuan).toBe(1_200_000);
    expect(r!.funding.annual_fiscal_yuan).toBe(1_000_000);
    expect(r!.indicators.map((i) => [i.level2?.code, i.name, i.target.value])).toEqual([
      ['quantity', '助餐人次', 100_000],
    ]);
    expect(r!.diagnostics.map((d) => d.code)).not.toContain('table_in_cell');
  });
});

describe('a funding-matrix header that fills its whole line', () => {
  it('does not stop the file (no label beside the header), and keeps the row of values visible', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效自评表</p><table>
      <tr><td>项目名称</td><td colspan=5>甲</td></tr>
      <tr><td>年初预算数</td><td>全年预算数（A）</td><td>全年执行数（B）</td><td>分值</td><td>执行率（B/A）</td><td>得分</td></tr>
      <tr><td>100</td><td>100</td><td>90</td><td>10</td><td>90%</td><td>9</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>得分</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td><td>5人</td><td>10</td></tr></table>`);
    expect(r!.form_type).toBe('self_evaluation');
    expect(r!.indicators.map((i) => [i.name, i.actual, i.score])).toEqual([['人数', '5人', 10]]);
    expect(r!.unplaced.map((u) => u.text)).toEqual(['100', '100', '90', '10', '90%', '9']);
  });
});

describe('forms of the same name one after another', () => {
  const form = (
    title: string,
    year: string,
    target: string,
  ): string => `<p>${title}</p><p>${year}</p><table>
      <tr><td>项目名称</td><td colspan=3>社区养老服务补贴</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>助餐人次</td><td>${target}</td></tr></table>`;

  it('starts a new form when the title names another form type or another year', () => {
    const records = recordsOfHtml(
      form('项目支出绩效目标申报表', '（2025年度）', '≥10万人次') +
        form('项目支出绩效自评表', '（2025年度）', '≥8万人次') +
        form('项目支出绩效目标申报表', '（2026年度）', '≥12万人次'),
    );
    expect(
      records.map((r) => [r.form_type, r.fiscal_year, r.indicators.map((i) => i.target.value)]),
    ).toEqual([
      ['project', 2025, [100_000]],
      ['self_evaluation', 2025, [80_000]],
      ['project', 2026, [120_000]],
    ]);
  });

  it('starts a new form when the same form follows again, body and all (submitted twice)', () => {
    const twice = (target: string): string => `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>社区养老服务补贴</td></tr>
      <tr><td>年度目标</td><td colspan=3>完成助餐服务</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>助餐人次</td><td>${target}</td></tr></table>`;
    const records = recordsOfHtml(twice('≥10万人次') + twice('≥12万人次'));
    expect(records.map((r) => r.indicators.map((i) => i.target.value))).toEqual([
      [100_000],
      [120_000],
    ]);
    expect(records.flatMap((r) => r.diagnostics.map((d) => d.code))).not.toContain(
      'duplicate_field',
    );
  });

  it('continues the form when a page repeats its title (with or without the year) and its name', () => {
    const records = recordsOfHtml(
      form('项目支出绩效目标申报表', '（2025年度）', '≥10万人次') +
        form('项目支出绩效目标申报表', '', '≥11万人次'),
    );
    expect(records.map((r) => r.indicators.length)).toEqual([2]);
  });
});

describe("a department's budget block of income and expenditure", () => {
  it('reads 收入合计 as the annual amount, its sources by label, and keeps the expenditure side', () => {
    const [r] = recordsOfHtml(`<p>部门整体支出绩效目标申报表</p><table>
      <tr><td>部门名称</td><td colspan=5>某市林业局</td></tr>
      <tr><td rowspan=4>部门预算整体情况（万元）</td><td>收入合计</td><td>一般公共预算拨款</td><td>政府性基金预算拨款</td><td>上年结转</td><td>其他收入</td></tr>
      <tr><td>28,650.00</td><td>25,300.00</td><td>1,200.00</td><td>1,650.00</td><td>500.00</td></tr>
      <tr><td>支出合计</td><td>基本支出</td><td>项目支出</td><td colspan=2></td></tr>
      <tr><td>28,650.00</td><td>9,850.00</td><td>18,800.00</td><td colspan=2></td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td colspan=3>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>完成营造林面积</td><td colspan=3>≥120万亩</td></tr></table>`);
    expect(r!.funding).toMatchObject({
      unit_declared: '万元',
      annual_yuan: 286_500_000,
      annual_fiscal_yuan: 265_000_000,
      carryover_yuan: 16_500_000,
      other_yuan: 5_000_000,
    });
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['政府性基金预算拨款', '1,200.00'],
      ['支出合计', '28,650.00'],
      ['基本支出', '9,850.00'],
      ['项目支出', '18,800.00'],
    ]);
    expect(r!.unplaced).toEqual([]);
    // the expenditure side has no canonical field: its labels are said, not dropped
    expect(r!.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code)).toEqual([
      'unknown_label',
      'unknown_label',
      'unknown_label',
    ]);
  });
});

describe('a self-evaluation with the deviation reason and the remedy in two columns', () => {
  it('joins both into the note', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效自评表</p><table>
      <tr><td>项目名称</td><td colspan=6>农村公路养护</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>偏差原因分析</td><td>改进措施</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>养护里程</td><td>≥1200公里</td><td>1150公里</td><td>雨季水毁严重</td><td>加强汛前预防性养护</td></tr></table>`);
    expect(r!.indicators.map((i) => [i.name, i.actual, i.note])).toEqual([
      ['养护里程', '1150公里', '雨季水毁严重\n加强汛前预防性养护'],
    ]);
    expect(r!.unplaced).toEqual([]);
  });
});

describe('a year and a unit printed on one line', () => {
  it('still splits the pairs after the year', () => {
    const [r] =
      recordsOfHtml(`<p>部门整体支出绩效目标申报表</p><p>（2025年度）&nbsp;&nbsp;单位：万元&nbsp;&nbsp;&nbsp;&nbsp;填报日期：2025年1月10日</p><table>
      <tr><td>部门名称</td><td colspan=3>某市林业局</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>造林面积</td><td>≥120万亩</td></tr></table>`);
    expect([r!.fiscal_year, r!.funding.unit_declared]).toEqual([2025, '万元']);
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([['填报日期', '2025年1月10日']]);
  });

  it('reads the year and the unit, with one blank between them or none', () => {
    for (const line of ['（2025年度）                单位：万元', '（2025年度）单位：万元']) {
      const [r] = recordsOfHtml(`<p>部门整体支出绩效目标申报表</p><p>${line}</p><table>
        <tr><td>部门名称</td><td colspan=3>某市林业局</td></tr>
        <tr><td>年度资金总额</td><td colspan=3>1,200.00</td></tr>
        <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
        <tr><td>产出指标</td><td>数量指标</td><td>造林面积</td><td>≥120万亩</td></tr></table>`);
      expect([r!.fiscal_year, r!.funding.unit_declared, r!.funding.annual_yuan]).toEqual([
        2025,
        '万元',
        12_000_000,
      ]);
      expect(r!.extra_fields).toEqual([]);
    }
  });
});

describe('a title and its year repeated inside the indicator table (a printed page in a sheet)', () => {
  it('skips both instead of reading the year as a category', () => {
    const [r] = recordsOfDoc([
      grid([
        ['项目支出绩效目标申报表', '', '', ''],
        ['（2025年度）', '', '', ''],
        ['项目名称', '甲', '', ''],
        ['一级指标', '二级指标', '三级指标', '指标值'],
        ['产出指标', '数量指标', '人数', '5人'],
        ['项目支出绩效目标申报表', '', '', ''],
        ['（2025年度）', '', '', ''],
        ['', '质量指标', '合格率', '100%'],
      ]),
    ]);
    expect(r!.categories.map((c) => c.label)).toEqual(['数量指标', '质量指标']);
    expect(r!.indicators.map((i) => [i.level1?.code, i.level2?.code, i.name])).toEqual([
      ['output', 'quantity', '人数'],
      ['output', 'quality', '合格率'],
    ]);
    expect(r!.fiscal_year).toBe(2025);
  });
});

describe('a self-evaluation funding matrix whose 全年预算数 is dashed', () => {
  it('reads 年初预算数 instead, and keeps the dash visible', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效自评表</p><table>
      <tr><td>项目名称</td><td colspan=6>甲</td></tr>
      <tr><td>项目资金（万元）</td><td>年初预算数</td><td>全年预算数（A）</td><td>全年执行数（B）</td><td>分值</td><td>执行率（B/A）</td><td>得分</td></tr>
      <tr><td>年度资金总额</td><td>650.00</td><td>—</td><td>589.00</td><td>10</td><td>90.62%</td><td>9</td></tr>
      <tr><td>其中：当年财政拨款</td><td>650.00</td><td>—</td><td>589.00</td><td>—</td><td>—</td><td>—</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td><td>5人</td><td>10</td><td>10</td></tr></table>`);
    expect([r!.funding.annual_yuan, r!.funding.annual_fiscal_yuan]).toEqual([6_500_000, 6_500_000]);
    expect(r!.diagnostics.filter((d) => d.code === 'matrix_fallback_column').length).toBe(2);
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toContainEqual([
      '年度资金总额/全年预算数(A)',
      '—',
    ]);
  });

  it('reads a matrix whose corner cell holds a caption (金额（元）) beside the block label', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效自评表</p><table>
      <tr><td>项目名称</td><td colspan=7>甲</td></tr>
      <tr><td rowspan=3>项目资金</td><td>金额（元）</td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td><td>分值</td><td>执行率</td><td>得分</td></tr>
      <tr><td>年度资金总额</td><td>2,600,000.00</td><td>2,750,000.00</td><td>2,695,000.00</td><td>10</td><td>98.00%</td><td>9.8</td></tr>
      <tr><td>其中：财政拨款</td><td>2,600,000.00</td><td>2,600,000.00</td><td>2,548,000.00</td><td>—</td><td>98.00%</td><td>—</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td colspan=2>得分</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td><td>5人</td><td>10</td><td colspan=2>10</td></tr></table>`);
    expect(r!.funding.unit_declared).toBe('元');
    expect([r!.funding.annual_yuan, r!.funding.annual_fiscal_yuan]).toEqual([2_750_000, 2_600_000]);
    expect(r!.unplaced).toEqual([]);
    expect(r!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('an indicator named like a form label (计划完成时间, 项目实施进度)', () => {
  it('is a row of the table when its levels are merged down from above, not its end', () => {
    for (const levels of [
      '<td rowspan=3>产出指标</td><td rowspan=3>时效指标</td>',
      '<td rowspan=3>产出指标</td>',
    ]) {
      const level2 = levels.includes('时效') ? '<td>二级指标</td>' : '';
      const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
        <tr><td>项目名称</td><td colspan=3>甲</td></tr>
        <tr><td>一级指标</td>${level2}<td>三级指标</td><td>指标值</td></tr>
        <tr>${levels}<td>开工时间</td><td>2025年6月30日前</td></tr>
        <tr><td>计划完成时间</td><td>2025年12月底前</td></tr>
        <tr><td>项目实施进度</td><td>按时完成</td></tr>
        <tr><td>满意度指标</td>${level2 ? '<td>服务对象满意度指标</td>' : ''}<td>群众满意度</td><td>≥90%</td></tr>
        <tr><td>填报人</td><td colspan=3>王磊</td></tr></table>`);
      expect(r!.indicators.map((i) => [i.name, i.target.raw])).toEqual([
        ['开工时间', '2025年6月30日前'],
        ['计划完成时间', '2025年12月底前'],
        ['项目实施进度', '按时完成'],
        ['群众满意度', '≥90%'],
      ]);
      expect(r!.sections.plan).toBeNull();
      expect(r!.fields.contact).toBe('王磊');
      expect(r!.unplaced).toEqual([]);
    }
    // a sign-off block printed right of blank cells (a sheet), or right of cells merged across,
    // still ends the table
    for (const lead of ['<td></td><td></td>', '<td colspan=2></td>']) {
      const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
        <tr><td>项目名称</td><td colspan=3>甲</td></tr>
        <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
        <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥300人</td></tr>
        <tr>${lead}<td>填表人</td><td>王磊</td></tr>
        <tr>${lead}<td>联系电话</td><td>13800000000</td></tr></table>`);
      expect(r!.indicators.map((i) => i.name)).toEqual(['培训人数']);
      expect(r!.fields.contact).toBe('王磊 13800000000');
    }
  });
});

describe("a block of this year's budget over a row of labels and a row of amounts", () => {
  it('gives the annual amounts (年度预算 | 本年度预算 | 年度资金 over 资金总额 | 财政拨款 | 其他资金)', () => {
    for (const block of ['年度预算（万元）', '本年度预算（万元）', '年度资金（万元）']) {
      const [r] = recordsOfHtml(`<p>部门整体支出绩效目标申报表</p><table>
        <tr><td>部门名称</td><td colspan=3>测试局</td></tr>
        <tr><td rowspan=2>${block}</td><td>资金总额</td><td>财政拨款</td><td>其他资金</td></tr>
        <tr><td>3,600.00</td><td>3,500.00</td><td>100.00</td></tr>
        <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
        <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥300人</td></tr></table>`);
      expect(r!.funding).toMatchObject({
        unit_declared: '万元',
        total_yuan: null,
        annual_yuan: 36_000_000,
        annual_fiscal_yuan: 35_000_000,
        other_yuan: 1_000_000,
      });
      expect(r!.extra_fields).toEqual([]);
    }
  });
});

describe('a label spanning rows of sub-label | value', () => {
  it('gives each value its own place (项目负责人 › 姓名 | 联系电话; 主管部门 › 名称 | 代码)', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td rowspan=2>项目负责人</td><td>姓名</td><td colspan=2>王磊</td></tr>
      <tr><td>联系电话</td><td colspan=2>0371-67891234</td></tr>
      <tr><td rowspan=2>主管部门</td><td>名称</td><td colspan=2>某市城市管理局</td></tr>
      <tr><td>代码</td><td colspan=2>101001</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥300人</td></tr></table>`);
    expect(r!.fields).toMatchObject({ contact: '王磊 0371-67891234', authority: '某市城市管理局' });
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([['主管部门/代码', '101001']]);
    expect(r!.unplaced).toEqual([]);
  });

  it('keeps rows of its own little table as its text (第一季度 | 完成招标 …)', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td rowspan=2>项目实施进度计划</td><td>第一季度</td><td colspan=2>完成招标</td></tr>
      <tr><td>第二季度</td><td colspan=2>完成采购</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥300人</td></tr></table>`);
    expect(r!.sections.plan).toBe('第一季度 | 完成招标\n第二季度 | 完成采购');
    expect(r!.extra_fields).toEqual([]);
  });
});

describe('notes on how to fill the form after it (注： / 填报说明：)', () => {
  const form = (notes: string, fields = '<tr><td>主管部门</td><td colspan=3>测试局</td></tr>') =>
    `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>测试项目</td></tr>${fields}
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥300人</td></tr></table>${notes}
      <p>填报人：王磊</p>`;

  it('are one extra field, never a second form nor the fields they quote', () => {
    const rs = recordsOfHtml(
      form(
        '<p>注：</p><p>一、项目名称：按预算管理一体化系统填写</p><p>二、主管部门：填写一级预算单位</p>',
      ),
    );
    expect(rs).toHaveLength(1);
    expect(rs[0]!.fields).toMatchObject({ name: '测试项目', authority: '测试局', contact: '王磊' });
    expect(rs[0]!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['注', '一、项目名称:按预算管理一体化系统填写\n二、主管部门:填写一级预算单位'],
    ]);
    const [r] = recordsOfHtml(
      form(
        '<p>填报说明：1.项目名称：按系统填写。</p><p>2.主管部门：填写一级预算单位全称。</p>',
        '',
      ),
    );
    expect(r!.fields.authority).toBeNull();
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['填报说明', '1.项目名称:按系统填写。\n2.主管部门:填写一级预算单位全称。'],
    ]);
    // a worksheet: the notes are rows of one cell under the form's table
    const [x] = recordsOfDoc([
      para('项目支出绩效目标申报表'),
      grid([
        ['项目名称', '测试项目', '', ''],
        ['一级指标', '二级指标', '三级指标', '指标值'],
        ['产出指标', '数量指标', '培训人数', '≥300人'],
        ['注：', '', '', ''],
        ['一、项目名称：按预算管理一体化系统填写', '', '', ''],
        ['二、主管部门：填写一级预算单位', '', '', ''],
      ]),
    ]);
    expect(x!.fields).toMatchObject({ name: '测试项目', authority: null });
    expect(x!.extra_fields.map((e) => e.label)).toEqual(['注']);
    // numbered otherwise than the notes (一、 after 1.), the lines are the form's own again
    const [y] =
      recordsOfHtml(`<p>项目支出绩效目标申报表</p><p>说明：</p><p>1.本表金额单位为万元。</p>
      <p>一、项目名称：测试项目</p><p>二、主管部门：测试局</p><table>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥300人</td></tr></table>`);
    expect(y!.fields).toMatchObject({ name: '测试项目', authority: '测试局' });
    expect(y!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['说明', '1.本表金额单位为万元。'],
    ]);
  });
});

describe('a column headed 定量/定性', () => {
  it('gives each indicator its nature', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=4>甲</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>定量/定性</td><td>指标值</td></tr>
      <tr><td rowspan=2>产出指标</td><td>数量指标</td><td>培训人数</td><td>定量</td><td>≥300人</td></tr>
      <tr><td>质量指标</td><td>培训质量</td><td>定性</td><td>提高</td></tr></table>`);
    expect(r!.indicators.map((i) => [i.name, i.nature])).toEqual([
      ['培训人数', 'quantitative'],
      ['培训质量', 'qualitative'],
    ]);
    expect(r!.unplaced).toEqual([]);
  });
});

describe('a cover page naming the project before the titled form', () => {
  it('gives the form the title that follows it', () => {
    const rs = recordsOfHtml(`<p>项目名称：测试项目</p><p>申报日期：2025年1月10日</p>
      <p>项目支出绩效目标申报表</p><p>（2025年度）</p><table>
      <tr><td>项目名称</td><td colspan=3>测试项目</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥300人</td></tr></table>`);
    expect(rs.map((r) => [r.title, r.fiscal_year, r.fields.name])).toEqual([
      ['项目支出绩效目标申报表', 2025, '测试项目'],
    ]);
    expect(rs[0]!.diagnostics.map((d) => d.code)).not.toContain('missing_title');
  });
});

describe('a title written on two lines of its cell', () => {
  it('keeps both lines (上海市财政政策<br>绩效目标申报表)', () => {
    const [r] = recordsOfHtml(`<table><tr><td colspan=4>上海市财政政策<br>绩效目标申报表</td></tr>
      <tr><td>政策名称</td><td colspan=3>甲</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥300人</td></tr></table>`);
    expect(r!.title).toBe('上海市财政政策绩效目标申报表');
    expect(r!.form_type).toBe('policy');
    // …and on two paragraphs, the first naming the type
    const [z] = recordsOfHtml(`<p>厦门市市级财政项目支出</p><p>绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥300人</td></tr></table>`);
    expect([z!.title, z!.form_type]).toEqual(['厦门市市级财政项目支出绩效目标申报表', 'project']);
    expect(z!.diagnostics.map((d) => d.code)).not.toContain('text_outside_form');
    // a line above a title that names its type is no part of it
    for (const above of ['附件2', '打印']) {
      const [x] =
        recordsOfHtml(`<table><tr><td colspan=4>${above}<br>项目支出绩效目标申报表</td></tr>
        <tr><td>项目名称</td><td colspan=3>甲</td></tr>
        <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
        <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥300人</td></tr></table>`);
      expect(x!.title).toBe('项目支出绩效目标申报表');
    }
  });
});

describe('a funding matrix with a column the dictionaries do not know (备注)', () => {
  it('reads 全年预算数, and keeps the 备注 cells as extra fields under their column', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效自评表</p><table>
      <tr><td>项目名称</td><td colspan=8>甲</td></tr>
      <tr><td rowspan=4>项目资金（万元）</td><td></td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td><td>分值</td><td>执行率</td><td>得分</td><td>备注</td></tr>
      <tr><td>年度资金总额</td><td>640.00</td><td>700.00</td><td>686.00</td><td>10</td><td>98.00%</td><td>9.8</td><td></td></tr>
      <tr><td>其中：当年财政拨款</td><td>640.00</td><td>660.00</td><td>646.80</td><td>—</td><td>98.00%</td><td>—</td><td>年中追加20万元</td></tr>
      <tr><td>上年结转资金</td><td>0.00</td><td>40.00</td><td>39.20</td><td>—</td><td>98.00%</td><td>—</td><td></td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td colspan=3>得分</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td><td>5人</td><td>10</td><td colspan=3>10</td></tr></table>`);
    expect(r!.funding).toMatchObject({
      annual_yuan: 7_000_000,
      annual_fiscal_yuan: 6_600_000,
      carryover_yuan: 400_000,
    });
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toContainEqual([
      '其中:当年财政拨款/备注',
      '年中追加20万元',
    ]);
    expect(r!.unplaced).toEqual([]);
    expect(r!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('a funding matrix headed by 年度预算执行情况', () => {
  it('reads the block label as the heading it is, not as a cell it cannot place', () => {
    const [r] = recordsOfHtml(`<p>部门整体支出绩效自评表</p><table>
      <tr><td>部门名称</td><td colspan=4>甲</td></tr>
      <tr><td rowspan=3>年度预算执行情况（元）</td><td></td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td></tr>
      <tr><td>年度资金总额</td><td>12,350,000.00</td><td>13,100,000.00</td><td>12,576,000.00</td></tr>
      <tr><td>其中：财政拨款</td><td>12,350,000.00</td><td>12,800,000.00</td><td>12,288,000.00</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td><td>5人</td></tr></table>`);
    expect(r!.funding).toMatchObject({ annual_yuan: 13_100_000, annual_fiscal_yuan: 12_800_000 });
    expect(r!.unplaced).toEqual([]);
    expect(r!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('a funding table whose columns say only their side (中期 | 年度)', () => {
  const form = (header: string, rows: string) => `<p>项目支出绩效目标申报表</p><table>
    <tr><td>项目名称</td><td colspan=4>甲</td></tr>
    <tr><td rowspan=5>资金情况（万元）</td>${header}</tr>${rows}
    <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td colspan=2>指标值</td></tr>
    <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td colspan=2>5人</td></tr></table>`;
  const rows = (a: string[], b: string[]) => `
    <tr><td colspan=2>资金总额</td><td>${a[0]}</td><td>${b[0]}</td></tr>
    <tr><td colspan=2>其中：财政拨款</td><td>${a[1]}</td><td>${b[1]}</td></tr>
    <tr><td colspan=2>其中：地方资金</td><td>${a[2]}</td><td>${b[2]}</td></tr>
    <tr><td colspan=2>其他资金</td><td>${a[3]}</td><td>${b[3]}</td></tr>`;
  const whole = ['4,500.00', '4,000.00', '300.00', '500.00'];
  const year = ['1,500.00', '1,300.00', '100.00', '200.00'];

  it('reads each column as its side, in either order, and keeps a row it does not know', () => {
    for (const [left, right, a, b] of [
      ['中期', '年度', whole, year],
      ['实施期', '本年度', whole, year],
      ['年度', '中期', year, whole],
    ] as const) {
      const [r] = recordsOfHtml(
        form(`<td colspan=2></td><td>${left}</td><td>${right}</td>`, rows([...a], [...b])),
      );
      expect(r!.funding).toMatchObject({
        total_yuan: 45_000_000,
        total_fiscal_yuan: 40_000_000,
        annual_yuan: 15_000_000,
        annual_fiscal_yuan: 13_000_000,
        other_yuan: 2_000_000,
      });
      expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual(
        expect.arrayContaining([
          [`其中:地方资金/${left}`, a[2]],
          [`其中:地方资金/${right}`, b[2]],
          [`${left === '年度' ? right : left}/其他资金`, '500.00'],
        ]),
      );
      expect(r!.unplaced).toEqual([]);
      expect(r!.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code)).toEqual([
        'unknown_label',
      ]);
    }
  });
});

describe("a department's other income in several rows", () => {
  const form = (other: string) => `<p>部门整体支出绩效目标申报表</p><table>
    <tr><td>部门名称</td><td colspan=3>某市市场监督管理局</td></tr>
    <tr><td rowspan=4>部门收入（万元）</td><td>收入合计</td><td colspan=2>1,000.00</td></tr>
    <tr><td>一般公共预算拨款</td><td colspan=2>700.00</td></tr>
    <tr><td>事业收入</td><td colspan=2>200.00</td></tr>
    <tr><td>其他收入</td><td colspan=2>${other}</td></tr>
    <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
    <tr><td>产出指标</td><td>数量指标</td><td>抽检批次</td><td>≥5000批次</td></tr></table>`;

  it('sums them when they add up, with the fiscal funds, to the total', () => {
    const [r] = recordsOfHtml(form('100.00'));
    expect(r!.funding).toMatchObject({
      annual_yuan: 10_000_000,
      annual_fiscal_yuan: 7_000_000,
      other_yuan: 3_000_000,
    });
    expect(r!.diagnostics.map((d) => d.code)).toContain('other_parts_summed');
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([['其他收入', '100.00']]);
  });

  it('keeps the first when they do not', () => {
    const [r] = recordsOfHtml(form('150.00'));
    expect(r!.funding.other_yuan).toBe(2_000_000);
    expect(r!.diagnostics.map((d) => d.code)).not.toContain('other_parts_summed');
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([['其他收入', '150.00']]);
  });
});

describe("a policy's 当年投入资金构成 with a total row", () => {
  const form = (more: string) => `<p>财政政策绩效目标申报表</p><table>
    <tr><td>政策名称</td><td colspan=3>甲</td></tr>${more}
    <tr><td rowspan=4>当年投入资金构成</td><td colspan=2>子项目名称</td><td>预算金额（万元）</td></tr>
    <tr><td colspan=2>稳岗补贴</td><td>6,000.00</td></tr>
    <tr><td colspan=2>培训补贴</td><td>3,500.00</td></tr>
    <tr><td colspan=2>合计</td><td>9,500.00</td></tr>
    <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
    <tr><td>产出指标</td><td>数量指标</td><td>补贴人数</td><td>≥5000人</td></tr></table>`;

  it("gives the year's amount when the form states it nowhere else", () => {
    const [r] = recordsOfHtml(form(''));
    expect(r!.funding.annual_yuan).toBe(95_000_000);
    expect(r!.funding.items.map((i) => i.amount_yuan)).toEqual([60_000_000, 35_000_000]);
    expect(r!.extra_fields).toEqual([]);
    expect(r!.diagnostics.map((d) => d.code)).toContain('annual_from_item_total');
  });

  it('stays an extra field beside a stated annual amount', () => {
    const [r] = recordsOfHtml(
      form('<tr><td>年度资金总额（万元）</td><td colspan=3>9,800.00</td></tr>'),
    );
    expect(r!.funding.annual_yuan).toBe(98_000_000);
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['合计/预算金额(万元)', '9,500.00'],
    ]);
    expect(r!.diagnostics.map((d) => d.code)).not.toContain('annual_from_item_total');
  });
});

describe('a 其中 row beside its total, under another total', () => {
  it('belongs to the total on its own line, not to the one above it', () => {
    const [r] = recordsOfHtml(`<p>财政政策绩效目标申报表</p><p>（2025年度）</p><table>
      <tr><td>政策名称</td><td>充电设施建设补贴</td><td>主管部门</td><td>某市发展和改革委员会</td></tr>
      <tr><td>政策日期</td><td>2025年1月1日至2027年12月31日</td><td>资金总额（亿元）</td><td>6.5</td></tr>
      <tr><td>年度资金总额（亿元）</td><td>2.3</td><td>其中：财政资金</td><td>2.3</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>充电桩数量</td><td>≥5000个</td></tr></table>`);
    expect(r!.funding).toMatchObject({
      total_yuan: 650_000_000,
      total_fiscal_yuan: null,
      annual_yuan: 230_000_000,
      annual_fiscal_yuan: 230_000_000,
    });
  });
});

describe('a contact cell with the person and the phone written together', () => {
  it('reads them as two cells would give them, with a space between', () => {
    for (const written of ['周文静027-82803316', '周文静 027-82803316']) {
      const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
        <tr><td>项目名称</td><td colspan=3>甲</td></tr>
        <tr><td>项目负责人及电话</td><td colspan=3>${written}</td></tr>
        <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
        <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
      expect(r!.fields.contact).toBe('周文静 027-82803316');
    }
  });
});

describe('a value written over several rows beside a label spanning them', () => {
  it('keeps a line per row (two units), and a name over two rows is one name', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td rowspan=2>项目名称</td><td colspan=3>城区老旧小区</td></tr>
      <tr><td colspan=3>改造项目</td></tr>
      <tr><td rowspan=2>实施单位</td><td colspan=3>市政工程管理中心</td></tr>
      <tr><td colspan=3>城区园林绿化中心</td></tr>
      <tr><td>主管部门</td><td colspan=3>某区住房和城乡建设局</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>改造小区数</td><td>5个</td></tr></table>`);
    expect(r!.fields).toMatchObject({
      name: '城区老旧小区改造项目',
      implementing_unit: '市政工程管理中心\n城区园林绿化中心',
      authority: '某区住房和城乡建设局',
    });
  });

  it('joins rows that are one value wrapped by hand: a unit name, a contact', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td rowspan=2>主管部门</td><td colspan=3>某区住房和城乡</td></tr>
      <tr><td colspan=3>建设局</td></tr>
      <tr><td rowspan=2>项目负责人及电话</td><td colspan=3>王建国</td></tr>
      <tr><td colspan=3>0571-87654321</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>改造小区数</td><td>5个</td></tr></table>`);
    expect(r!.fields).toMatchObject({
      authority: '某区住房和城乡建设局',
      contact: '王建国 0571-87654321',
    });
  });
});

describe('value columns headed by bare years', () => {
  const rows =
    '<tr><td>产出指标</td><td>数量指标</td><td>培训人次</td><td>≥600人次</td><td>≥650人次</td><td>≥700人次</td></tr>' +
    '<tr><td>效益指标</td><td>社会效益指标</td><td>覆盖率</td><td>≥90%</td><td>≥95%</td><td>100%</td></tr></table>';
  const form = (header: string): string =>
    `<p>2025年度项目支出绩效目标申报表</p><table><tr><td>项目名称</td><td colspan=5>甲</td></tr>${header}${rows}`;
  it('reads the form year’s column of 一级指标 | … | 2024年 | 2025年 | 2026年, the others unplaced', () => {
    for (const header of [
      '<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>2024年</td><td>2025年</td><td>2026年</td></tr>',
      '<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>2024年度</td><td>2025年度</td><td>2026年度</td></tr>',
      '<tr><td rowspan=2>一级指标</td><td rowspan=2>二级指标</td><td rowspan=2>三级指标</td><td colspan=3>指标值</td></tr>' +
        '<tr><td>2024年</td><td>2025年度</td><td>2026年</td></tr>',
    ]) {
      const [r] = recordsOfHtml(form(header));
      expect(r!.indicators.map((i) => i.target.raw)).toEqual(['≥650人次', '≥95%']);
      expect(r!.unplaced.map((u) => u.text)).toEqual(['≥600人次', '≥700人次', '≥90%', '100%']);
      const codes = r!.diagnostics.map((d) => d.code);
      expect(codes).toContain('value_column_by_year');
      expect(r!.diagnostics.filter((d) => d.message.includes('dictionaries do not know'))).toEqual(
        [],
      );
    }
  });
});

describe('amounts that cannot all be right', () => {
  const form = (money: string, tasks = ''): string =>
    `<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>${money}${tasks}
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`;
  const warnings = (html: string): string[] =>
    recordsOfHtml(html)[0]!
      .diagnostics.filter((d) => d.code === 'funding_sum_mismatch')
      .map((d) => d.message);

  it('warns when the year’s parts add up to more than its total, or one part is larger', () => {
    expect(
      warnings(
        form(`<tr><td>年度资金总额（万元）</td><td>100</td><td>其中：财政拨款</td><td>90</td></tr>
          <tr><td>上年结转</td><td>5</td><td>其他资金</td><td>20</td></tr>`),
      ),
    ).toEqual([
      "The parts of the year's funding (annual_fiscal_yuan 900000, carryover_yuan 50000, other_yuan 200000) add up to more than its total (annual_yuan 1000000), even without the carry-over; all are kept as written.",
    ]);
    expect(
      warnings(
        form(
          `<tr><td>年度资金总额（万元）</td><td>100</td><td>其中：财政拨款</td><td>120</td></tr>`,
        ),
      ),
    ).toHaveLength(1);
  });

  it('says nothing when the parts add up to the total, or to less (a part kept under another label)', () => {
    for (const money of [
      `<tr><td>年度资金总额（万元）</td><td>100</td><td>其中：财政拨款</td><td>90</td></tr>
        <tr><td>上年结转</td><td>5</td><td>其他资金</td><td>10</td></tr>`,
      `<tr><td>年度资金总额（万元）</td><td>100</td><td>其中：财政拨款</td><td>90</td></tr>
        <tr><td>上年结转</td><td>5</td><td>其他资金</td><td>5</td></tr>`,
      `<tr><td>年度资金总额（万元）</td><td>100</td><td>其中：财政拨款</td><td>80</td></tr>
        <tr><td>财政专户管理资金</td><td>15</td><td>其他资金</td><td>5</td></tr>`,
    ])
      expect(warnings(form(money))).toEqual([]);
  });

  it('warns when a list’s items do not add up to its 合计', () => {
    const tasks = (total: string): string => `
      <tr><td rowspan=4>年度主要任务</td><td>任务名称</td><td>主要内容</td><td>预算金额（万元）</td></tr>
      <tr><td>城市精细化管理</td><td>背街小巷整治</td><td>860.00</td></tr>
      <tr><td>民生保障</td><td>困难群众救助</td><td>180.00</td></tr>
      <tr><td>金额合计</td><td></td><td>${total}</td></tr>`;
    expect(warnings(form('', tasks('1,040.00')))).toEqual([]);
    // items written to 0.01 万元 add up to their rounded total
    const thirds = `
      <tr><td rowspan=5>年度主要任务</td><td>任务名称</td><td>主要内容</td><td>预算金额（万元）</td></tr>
      <tr><td>甲</td><td>一</td><td>33.33</td></tr><tr><td>乙</td><td>二</td><td>33.33</td></tr>
      <tr><td>丙</td><td>三</td><td>33.33</td></tr><tr><td>金额合计</td><td></td><td>100.00</td></tr>`;
    expect(warnings(form('', thirds))).toEqual([]);
    // a list with a subtotal row, or with rows of two levels, is not summed
    const nested = (rows: string): string => `
      <tr><td rowspan=6>年度主要任务</td><td>任务名称</td><td>主要内容</td><td>预算金额（万元）</td></tr>${rows}`;
    expect(
      warnings(
        form(
          '',
          nested(`<tr><td>城市管理</td><td></td><td>60</td></tr><tr><td>绿化</td><td></td><td>40</td></tr>
            <tr><td>小计</td><td></td><td>100</td></tr><tr><td>民生</td><td></td><td>50</td></tr>
            <tr><td>金额合计</td><td></td><td>150</td></tr>`),
        ),
      ),
    ).toEqual([]);
    expect(
      warnings(
        form(
          '',
          nested(`<tr><td>一、基础设施</td><td></td><td>100</td></tr><tr><td>1.道路</td><td></td><td>60</td></tr>
            <tr><td>2.桥梁</td><td></td><td>40</td></tr><tr><td>金额合计</td><td></td><td>100</td></tr>`),
        ),
      ),
    ).toEqual([]);
    expect(warnings(form('', tasks('1,100.00')))).toEqual([
      'The items of "年度主要任务" add up to 10400000 yuan, not to their stated total "1,100.00" (11000000 yuan); both are kept as written.',
    ]);
  });
});

describe('numbers under a value header that spans two columns', () => {
  it('are data, not years heading columns: no year diagnostic', () => {
    for (const [a, b] of [
      ['1200', '1500'],
      ['2024', '2025'],
    ]) {
      const [r] = recordsOfHtml(`<p>2025年度项目支出绩效目标申报表</p><table>
        <tr><td>项目名称</td><td colspan=4>甲</td></tr>
        <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td colspan=2>指标值</td></tr>
        <tr><td>产出指标</td><td>数量指标</td><td>培训人次</td><td>${a}</td><td>${b}</td></tr></table>`);
      const codes = r!.diagnostics.map((d) => d.code);
      expect(codes).not.toContain('value_columns_other_years');
      expect(codes).not.toContain('value_column_by_year');
      expect(r!.indicators[0]!.target.raw).toBe(a);
    }
  });
});

describe('the header of a column of names beside the header of the amounts', () => {
  it('is a heading (资金来源 › 项目 | 金额（万元）), while 项目 | 甲工程建设 stays a pair', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=2>甲</td></tr>
      <tr><td>项目</td><td colspan=2>甲工程建设</td></tr>
      <tr><td rowspan=4>资金来源</td><td>项目</td><td>金额（万元）</td></tr>
      <tr><td>财政拨款</td><td>1,500.00</td></tr>
      <tr><td>其他资金</td><td>200.00</td></tr>
      <tr><td>合计</td><td>1,700.00</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.unplaced).toEqual([]);
    expect(r!.funding).toMatchObject({
      annual_yuan: 17_000_000,
      annual_fiscal_yuan: 15_000_000,
      other_yuan: 2_000_000,
    });
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toContainEqual(['项目', '甲工程建设']);
  });
});

describe('a label of the year that holds several years', () => {
  const form = (title: string, year: string): string => `<p>${title}</p><table>
    <tr><td>项目名称</td><td>甲</td><td>实施年度</td><td>${year}</td></tr>
    <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
    <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`;
  it('gives the year when it holds one, and none (kept, with a warning) when it holds a range', () => {
    expect(recordsOfHtml(form('项目支出绩效目标申报表', '2025'))[0]!.fiscal_year).toBe(2025);
    const [r] = recordsOfHtml(form('项目支出绩效目标申报表', '2024-2026年'));
    expect(r!.fiscal_year).toBeNull();
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toContainEqual([
      '实施年度',
      '2024-2026年',
    ]);
    expect(r!.diagnostics.map((d) => d.code)).toContain('fiscal_year_ambiguous');
    const [t] = recordsOfHtml(form('2025年度项目支出绩效目标申报表', '2024-2026年'));
    expect(t!.fiscal_year).toBe(2025);
    expect(t!.diagnostics.map((d) => d.code)).not.toContain('fiscal_year_ambiguous');
  });
});

describe('a period written over three cells', () => {
  it('reads 项目期限 | start | 至 | end as one period', () => {
    for (const sep of ['至', '-', '到']) {
      const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
        <tr><td>项目名称</td><td colspan=3>甲</td></tr>
        <tr><td>项目期限</td><td>2025/1/1</td><td>${sep}</td><td>2025/12/31</td></tr>
        <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
        <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
      // raw is null: start and end come from two cells, no one cell holds the range
      expect(r!.fields.duration).toEqual({ raw: null, start: '2025-01-01', end: '2025-12-31' });
      expect(r!.extra_fields).toEqual([]);
      expect(r!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    }
  });

  it('keeps a second, different duration after it, not in its place', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td>项目期限</td><td>2025年1月</td><td>至</td><td>2025年12月</td></tr>
      <tr><td>项目期限</td><td colspan=3>2024年-2026年</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.fields.duration).toEqual({ raw: null, start: '2025-01', end: '2025-12' });
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([['项目期限', '2024年-2026年']]);
  });

  it('reads the three cells as one range: an end without its year, 起 and 止', () => {
    for (const [start, end, want] of [
      ['2024年1月', '12月', { start: '2024-01', end: '2024-12' }],
      ['2025年1月1日起', '2025年12月31日止', { start: '2025-01-01', end: '2025-12-31' }],
    ] as const) {
      const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
        <tr><td>项目名称</td><td colspan=3>甲</td></tr>
        <tr><td>项目期限</td><td>${start}</td><td>至</td><td>${end}</td></tr>
        <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
        <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
      expect(r!.fields.duration).toEqual({ raw: null, ...want });
      expect(r!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    }
  });
});

describe('a value header over 符号 | 数值 | 单位', () => {
  const form = (sub: string): string => `<p>项目支出绩效目标申报表</p><table>
    <tr><td>项目名称</td><td>甲</td></tr></table><table>
    <tr><td rowspan=2>一级指标</td><td rowspan=2>二级指标</td><td rowspan=2>三级指标</td><td colspan=3>指标值</td></tr>
    <tr><td>符号</td>${sub}<td>单位</td></tr>
    <tr><td>产出指标</td><td>数量指标</td><td>新建场地</td><td>≥</td><td>30</td><td>处</td></tr>
    <tr><td>效益指标</td><td>社会效益指标</td><td>满意度</td><td>≥</td><td>90</td><td>%</td></tr></table>`;

  it('reads the one sub-column no header claims as the value column', () => {
    for (const sub of ['<td>数值</td>', '<td>值</td>', '<td></td>']) {
      const [r] = recordsOfHtml(form(sub));
      expect(
        r!.indicators.map((i) => [i.name, i.target.kind, i.target.op, i.target.value, i.unit]),
      ).toEqual([
        ['新建场地', 'numeric', '>=', 30, '处'],
        ['满意度', 'numeric', '>=', 90, '%'],
      ]);
      expect(r!.unplaced).toEqual([]);
      expect(r!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    }
  });

  it('reads 中期指标值 and 年度指标值 each over 符号 | 数值 | 单位, each with its own operator', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td>甲</td></tr></table><table>
      <tr><td rowspan=2>一级指标</td><td rowspan=2>二级指标</td><td rowspan=2>三级指标</td><td colspan=3>中期指标值</td><td colspan=3>年度指标值</td></tr>
      <tr><td>符号</td><td>数值</td><td>单位</td><td>符号</td><td>数值</td><td>单位</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>新建场地</td><td>≤</td><td>90</td><td>处</td><td>≥</td><td>30</td><td>处</td></tr></table>`);
    const [i] = r!.indicators;
    expect([i!.target.op, i!.target.value, i!.target.unit]).toEqual(['>=', 30, '处']);
    expect([i!.target_midterm?.op, i!.target_midterm?.value]).toEqual(['<=', 90]);
    // the second 单位 repeats the first's meaning: its cell is kept, said
    expect(r!.unplaced.map((u) => u.text)).toEqual(['处']);
  });

  it('does not guess when two sub-columns are unclaimed', () => {
    const [r] = recordsOfHtml(form('<td>数值</td>').replace('<td>单位</td>', '<td>口径</td>'));
    expect(r!.indicators.map((i) => [i.name, i.target.kind])).toEqual([
      ['新建场地', 'empty'],
      ['满意度', 'empty'],
    ]);
    expect(r!.unplaced.map((u) => u.text)).toEqual(
      expect.arrayContaining(['数值', '口径', '30', '处']),
    );
  });
});

describe('an item list with a total column beside the parts', () => {
  it('stays a list of items inside a funding block', () => {
    const [r] = recordsOfHtml(`<p>部门整体支出绩效目标申报表</p><table>
      <tr><td>部门名称</td><td colspan=3>甲局</td></tr>
      <tr><td>年度资金总额（万元）</td><td colspan=3>2,100.00</td></tr>
      <tr><td>任务名称</td><td>合计</td><td>财政拨款</td><td>其他资金</td></tr>
      <tr><td>森林资源保护</td><td>1,200.00</td><td>1,100.00</td><td>100.00</td></tr>
      <tr><td>国土绿化</td><td>900.00</td><td>850.00</td><td>50.00</td></tr></table>
      <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.funding.annual_yuan).toBe(21_000_000);
    expect(r!.funding.items.map((i) => [i.name, i.amount_yuan])).toEqual([
      ['森林资源保护', 12_000_000],
      ['国土绿化', 9_000_000],
    ]);
  });

  it('reads 合计 as each item amount, the parts kept per item', () => {
    const [r] = recordsOfHtml(`<p>部门整体支出绩效目标申报表</p><p>单位：万元</p><table>
      <tr><td>部门名称</td><td colspan=4>甲局</td></tr>
      <tr><td rowspan=3>年度主要任务</td><td>任务名称</td><td>合计</td><td>财政拨款</td><td>其他资金</td></tr>
      <tr><td>森林资源保护</td><td>1,200.00</td><td>1,100.00</td><td>100.00</td></tr>
      <tr><td>国土绿化</td><td>900.00</td><td>850.00</td><td>50.00</td></tr></table>
      <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.funding.items.map((i) => [i.name, i.amount_yuan, i.raw])).toEqual([
      ['森林资源保护', 12_000_000, '1,200.00'],
      ['国土绿化', 9_000_000, '900.00'],
    ]);
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['森林资源保护/财政拨款', '1,100.00'],
      ['森林资源保护/其他资金', '100.00'],
      ['国土绿化/财政拨款', '850.00'],
      ['国土绿化/其他资金', '50.00'],
    ]);
    expect(r!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('a unit cell with a line per organisation', () => {
  const form = (cell: string): string => `<p>项目支出绩效目标申报表</p><table>
    <tr><td>项目名称</td><td>甲</td></tr><tr><td>实施单位</td><td>${cell}</td></tr></table>
    <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
    <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`;

  it('keeps a line per unit when every line names an organisation', () => {
    for (const cell of [
      '临江市河道管理所<br>临江市水利工程建设中心',
      '<p>临江市河道管理所</p><p>临江市水利工程建设中心</p>',
    ]) {
      const [r] = recordsOfHtml(form(cell));
      expect(r!.fields.implementing_unit).toBe('临江市河道管理所\n临江市水利工程建设中心');
    }
  });

  it('joins a name wrapped by hand', () => {
    const [r] = recordsOfHtml(form('临江市住房和城乡<br>建设局'));
    expect(r!.fields.implementing_unit).toBe('临江市住房和城乡建设局');
  });
});

describe('a label on the first line of a cell and its value below', () => {
  const form = (row: string): string => `<p>项目支出绩效目标申报表</p><table>${row}</table>
    <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
    <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`;

  it('reads the name and unit fields so written', () => {
    const [r] = recordsOfHtml(
      form(
        '<tr><td>项目名称<br>普惠托育服务项目</td><td>主管部门<br>临江市卫生健康委员会</td></tr>',
      ),
    );
    expect([r!.fields.name, r!.fields.authority]).toEqual([
      '普惠托育服务项目',
      '临江市卫生健康委员会',
    ]);
    expect(r!.extra_fields).toEqual([]);
  });

  it('leaves a label wrapped by hand beside its value alone', () => {
    const [r] = recordsOfHtml(
      form('<tr><td>项目名称</td><td>甲</td></tr><tr><td>负责人<br>姓名</td><td>王磊</td></tr>'),
    );
    // (负责人姓名 is 负责人 with a word that adds nothing)
    expect(r!.fields.contact).toBe('王磊');
    expect(r!.extra_fields).toEqual([]);
  });

  it('leaves a hint in parentheses under a label alone', () => {
    const [r] = recordsOfHtml(
      form('<tr><td>项目名称<br>（全称）</td><td>普惠托育服务项目</td></tr>'),
    );
    expect(r!.fields.name).toBe('普惠托育服务项目');
  });
});

describe('whole-period and annual columns named 项目总资金 | 本年度资金', () => {
  it('reads each column into its own fields', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=4>甲</td></tr>
      <tr><td rowspan=3>项目资金（万元）</td><td>项目总资金</td><td>4,800.00</td><td>本年度资金</td><td>1,650.00</td></tr>
      <tr><td>其中：财政资金</td><td>4,500.00</td><td>其中：财政拨款</td><td>1,500.00</td></tr>
      <tr><td>其他资金</td><td>300.00</td><td>其他资金</td><td>150.00</td></tr></table>
      <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.funding).toMatchObject({
      total_yuan: 48_000_000,
      total_fiscal_yuan: 45_000_000,
      annual_yuan: 16_500_000,
      annual_fiscal_yuan: 15_000_000,
      other_yuan: 1_500_000,
    });
    expect(r!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('fiscal and other funds both given in parts', () => {
  it('sums each side when together they make the total', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=2>甲</td></tr>
      <tr><td rowspan=6>资金情况（万元）</td><td>年度资金总额</td><td>3,600.00</td></tr>
      <tr><td>其中：一般公共预算拨款</td><td>2,800.00</td></tr>
      <tr><td>政府性基金预算拨款</td><td>500.00</td></tr>
      <tr><td>上年结转</td><td>100.00</td></tr>
      <tr><td>事业收入</td><td>150.00</td></tr>
      <tr><td>其他收入</td><td>50.00</td></tr></table>
      <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.funding).toMatchObject({
      annual_yuan: 36_000_000,
      annual_fiscal_yuan: 33_000_000,
      carryover_yuan: 1_000_000,
      other_yuan: 2_000_000,
    });
    const codes = r!.diagnostics.map((d) => d.code).filter((c) => c !== 'encoding_sniffed');
    expect(codes.sort()).toEqual(['fiscal_parts_summed', 'other_parts_summed']);
  });

  it('sums fiscal parts named by level of government', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td>甲</td></tr>
      <tr><td>年度资金总额（万元）</td><td>1,000.00</td></tr>
      <tr><td>其中：中央补助</td><td>600.00</td></tr>
      <tr><td>省级补助</td><td>300.00</td></tr>
      <tr><td>市级配套</td><td>100.00</td></tr></table>
      <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.funding.annual_fiscal_yuan).toBe(10_000_000);
    const codes = r!.diagnostics.map((d) => d.code).filter((c) => c !== 'encoding_sniffed');
    expect(codes).toEqual(['fiscal_parts_summed']);
  });
});

describe('a funding label with no value after the amount of its line', () => {
  it('is kept with a warning, not dropped', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=2>甲</td></tr>
      <tr><td>资金类别</td><td>金额（万元）</td><td>备注</td></tr>
      <tr><td>年度资金总额</td><td>1,500.00</td><td></td></tr>
      <tr><td>其中：财政拨款</td><td>1,200.00</td><td></td></tr>
      <tr><td>其他资金</td><td>300.00</td><td>单位自筹</td></tr></table>
      <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.funding.other_yuan).toBe(3_000_000);
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toContainEqual(['单位自筹', null]);
    expect(r!.diagnostics.map((d) => d.code)).toContain('label_without_value');
  });

  it('is kept also on a row above others', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=2>甲</td></tr>
      <tr><td>资金类别</td><td>金额（万元）</td><td>备注</td></tr>
      <tr><td>年度资金总额</td><td>1,500.00</td><td></td></tr>
      <tr><td>其他资金</td><td>300.00</td><td>单位自筹</td></tr>
      <tr><td>其中：财政拨款</td><td>1,200.00</td><td></td></tr></table>
      <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toContainEqual(['单位自筹', null]);
    expect(r!.diagnostics.map((d) => d.code)).toContain('label_without_value');
  });

  it('says nothing of a 其中 label the template left blank', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td>年度资金总额（万元）</td><td>300.00</td><td></td><td></td></tr>
      <tr><td>其他资金</td><td>300.00</td><td>其中：自筹资金</td><td></td></tr></table>
      <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.diagnostics.map((d) => d.code)).not.toContain('label_without_value');
  });
});

describe('a 其中 row under an item of a list', () => {
  it('keeps the breakdown under the item and goes on with the list', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=2>甲</td></tr>
      <tr><td rowspan=6>当年投入资金构成</td><td>子项目名称</td><td>预算金额（万元）</td></tr>
      <tr><td>设备购置</td><td>300.00</td></tr>
      <tr><td>其中：服务器</td><td>200.00</td></tr>
      <tr><td>软件开发</td><td>500.00</td></tr>
      <tr><td>运维服务</td><td>200.00</td></tr>
      <tr><td>合计</td><td>1,000.00</td></tr></table>
      <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.funding.items.map((i) => [i.name, i.amount_yuan])).toEqual([
      ['设备购置', 3_000_000],
      ['软件开发', 5_000_000],
      ['运维服务', 2_000_000],
    ]);
    expect(r!.funding.annual_yuan).toBe(10_000_000);
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['设备购置/其中:服务器', '200.00'],
    ]);
  });

  it('names each other cell of the row by its column', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td rowspan=4>当年投入资金构成</td><td>子项目名称</td><td>预算金额（万元）</td><td>数量</td></tr>
      <tr><td>设备购置</td><td>300.00</td><td>20台</td></tr>
      <tr><td>其中：服务器</td><td>200.00</td><td>10台</td></tr>
      <tr><td>软件开发</td><td>500.00</td><td>1套</td></tr></table>
      <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.funding.items.map((i) => i.name)).toEqual(['设备购置', '软件开发']);
    expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
      ['设备购置/数量', '20台'],
      ['设备购置/其中:服务器', '200.00'],
      ['设备购置/其中:服务器/数量', '10台'],
      ['软件开发/数量', '1套'],
    ]);
  });
});

describe('a row of amounts behind a caption, under a row of labels', () => {
  it('takes the unit the caption declares', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td>资金来源</td><td>项目资金总额</td><td>年度资金总额</td><td>其中：财政拨款</td></tr>
      <tr><td>金额（万元）</td><td>186.40</td><td>12.35</td><td>8.00</td></tr></table>
      <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.funding).toMatchObject({
      unit_declared: '万元',
      total_yuan: 1_864_000,
      annual_yuan: 123_500,
      annual_fiscal_yuan: 80_000,
    });
  });

  it('reads each amount under its label', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=5>甲</td></tr>
      <tr><td>资金来源</td><td>项目资金总额（亿元）</td><td>年度资金总额（亿元）</td><td>其中：财政拨款（亿元）</td><td>上年结转（亿元）</td><td>其他资金（亿元）</td></tr>
      <tr><td>金额</td><td>186.40</td><td>12.35</td><td>8.00</td><td>0.35</td><td>4.00</td></tr></table>
      <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.funding).toMatchObject({
      total_yuan: 18_640_000_000,
      annual_yuan: 1_235_000_000,
      annual_fiscal_yuan: 800_000_000,
      carryover_yuan: 35_000_000,
      other_yuan: 400_000_000,
    });
    expect(r!.unplaced).toEqual([]);
  });
});

describe('a budget by kind of spending and source', () => {
  const form = (heading: string): string => `<p>部门整体支出绩效目标申报表</p><table>
    <tr><td>部门名称</td><td colspan=4>甲局</td></tr>
    <tr><td rowspan=4>${heading}</td><td>项目</td><td>合计</td><td>财政拨款</td><td>其他资金</td></tr>
    <tr><td>基本支出</td><td>300.00</td><td>280.00</td><td>20.00</td></tr>
    <tr><td>项目支出</td><td>700.00</td><td>650.00</td><td>50.00</td></tr>
    <tr><td>合计</td><td>1,000.00</td><td>930.00</td><td>70.00</td></tr></table>
    <table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
    <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`;

  it('reads the total row as the year funding, the kinds as extra fields', () => {
    for (const heading of ['部门预算（万元）', '收支预算安排（万元）']) {
      const [r] = recordsOfHtml(form(heading));
      expect(r!.funding).toMatchObject({
        unit_declared: '万元',
        annual_yuan: 10_000_000,
        annual_fiscal_yuan: 9_300_000,
        other_yuan: 700_000,
      });
      // (the kinds of spending are no items: the year's tasks are)
      expect(r!.funding.items).toEqual([]);
      expect(r!.extra_fields.map((e) => [e.label, e.value])).toEqual([
        ['基本支出/合计', '300.00'],
        ['基本支出/财政拨款', '280.00'],
        ['基本支出/其他资金', '20.00'],
        ['项目支出/合计', '700.00'],
        ['项目支出/财政拨款', '650.00'],
        ['项目支出/其他资金', '50.00'],
      ]);
      expect(r!.unplaced).toEqual([]);
      expect(r!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    }
  });
});

describe('forms of a blind corpus: wordings and layouts', () => {
  const INDICATORS = `<table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
    <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`;

  it('reads a title cell that also holds the year and the unit (a sheet made from a web page)', () => {
    const [r] = recordsOfHtml(`<table>
      <tr><td colspan=4>项目支出绩效目标申报表 （2020年度） 单位：万元</td></tr>
      <tr><td>项目全称</td><td colspan=3>甲</td></tr>
      <tr><td>年度资金总额</td><td>12.50</td><td>起止时间</td><td>2020.01-2021.06</td></tr></table>${INDICATORS}`);
    expect(r!.title).toBe('项目支出绩效目标申报表');
    expect(r!.form_type).toBe('project');
    expect(r!.fiscal_year).toBe(2020);
    expect(r!.funding).toMatchObject({ unit_declared: '万元', annual_yuan: 125_000 });
    expect(r!.fields.duration).toEqual({
      raw: '2020.01-2021.06',
      start: '2020-01',
      end: '2021-06',
    });
    expect(r!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('reads amounts labelled under a 金额合计 heading after a list of tasks as the funding', () => {
    const [r] = recordsOfHtml(`<p>部门整体绩效目标申报表</p><p>单位：万元</p><table>
      <tr><td>部门名称</td><td colspan=3>甲局</td></tr>
      <tr><td rowspan=3>年度主要任务</td><td>任务名称</td><td>主要内容</td><td>预算金额</td></tr>
      <tr><td>文物保护</td><td>修缮。</td><td>1,250.00</td></tr>
      <tr><td>旅游宣传</td><td>推介。</td><td>210.00</td></tr>
      <tr><td rowspan=3>金额合计</td><td colspan=2>资金总额</td><td>6,432.60</td></tr>
      <tr><td colspan=2>其中：财政拨款</td><td>6,102.60</td></tr>
      <tr><td colspan=2>其他资金</td><td>330.00</td></tr></table>${INDICATORS}`);
    expect(r!.funding).toMatchObject({
      annual_yuan: 64_326_000,
      annual_fiscal_yuan: 61_026_000,
      other_yuan: 3_300_000,
    });
    expect(r!.funding.items.map((i) => i.name)).toEqual(['文物保护', '旅游宣传']);
    expect(r!.diagnostics.map((d) => d.code)).not.toContain('funding_sum_mismatch');
  });

  it('reads a 资金分配 list (资金用途 | 金额 | 占比) and a 收入预算合计 row', () => {
    const [r] = recordsOfHtml(`<p>专项资金绩效目标申报表</p><p>单位：万元</p><table>
      <tr><td>专项资金名称</td><td colspan=3>甲资金</td></tr>
      <tr><td rowspan=3>资金分配</td><td>资金用途</td><td>金额</td><td>占比</td></tr>
      <tr><td>景区提质</td><td>900.00</td><td>60%</td></tr>
      <tr><td>宣传营销</td><td>600.00</td><td>40%</td></tr></table>${INDICATORS}`);
    expect(r!.funding.items.map((i) => [i.name, i.amount_yuan])).toEqual([
      ['景区提质', 9_000_000],
      ['宣传营销', 6_000_000],
    ]);
    const [d] = recordsOfHtml(`<p>部门整体绩效目标申报表</p><p>单位：万元</p><table>
      <tr><td>部门名称</td><td colspan=2>甲局</td></tr>
      <tr><td rowspan=3>部门收入预算</td><td>收入预算合计</td><td>3,420.00</td></tr>
      <tr><td>一般公共预算拨款</td><td>3,100.00</td></tr>
      <tr><td>事业收入</td><td>320.00</td></tr></table>${INDICATORS}`);
    expect(d!.funding).toMatchObject({
      annual_yuan: 34_200_000,
      annual_fiscal_yuan: 31_000_000,
      other_yuan: 3_200_000,
    });
  });

  it('reads indicators under a numbered caption as the same form', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr></table>
      <p>一、产出指标</p><table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>
      <p>二、效益指标及满意度指标</p><table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>满意度指标</td><td>服务对象满意度指标</td><td>群众满意度</td><td>≥90%</td></tr></table>`);
    expect(r!.indicators.map((i) => i.name)).toEqual(['人数', '群众满意度']);
  });

  it('ends an indicator table at a numbered heading in a row of its own (a sheet made from a page)', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr>
      <tr><td>二、效益指标及满意度指标</td><td></td><td></td><td></td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>满意度指标</td><td>服务对象满意度指标</td><td>群众满意度</td><td>≥90%</td></tr></table>`);
    expect(r!.indicators.map((i) => i.name)).toEqual(['人数', '群众满意度']);
    expect(r!.categories.map((c) => c.label)).toEqual(['数量指标', '服务对象满意度指标']);
  });

  it('keeps a title spaced out letter by letter whole when a year follows it', () => {
    const [r] = recordsOfHtml(`<p>项 目 支 出 绩 效 目 标 申 报 表 （2024年度）</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr></table>${INDICATORS}`);
    expect(r!.title).toBe('项目支出绩效目标申报表');
    expect(r!.fiscal_year).toBe(2024);
  });

  it('reads a 合计 row of a funding grid headed 项目资金总额 | 年度资金总额 as each column total', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td rowspan=4>项目资金（万元）</td><td></td><td>项目资金总额</td><td>年度资金总额</td></tr>
      <tr><td>合计</td><td>1,860.00</td><td>980.00</td></tr>
      <tr><td>其中：财政拨款</td><td>1,700.00</td><td>900.00</td></tr>
      <tr><td>其他资金</td><td>160.00</td><td>80.00</td></tr></table>${INDICATORS}`);
    expect(r!.funding).toMatchObject({
      total_yuan: 18_600_000,
      total_fiscal_yuan: 17_000_000,
      annual_yuan: 9_800_000,
      annual_fiscal_yuan: 9_000_000,
      other_yuan: 800_000,
    });
    expect(r!.unplaced).toEqual([]);
    expect(r!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('reads a funding grid whose columns are 项目期内资金 | 本年度资金', () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><p>（金额单位：元）</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td rowspan=4>项目资金</td><td>资金类别</td><td>项目期内资金</td><td>本年度资金</td></tr>
      <tr><td>资金总额</td><td>54,000,000.00</td><td>18,600,000.00</td></tr>
      <tr><td>其中：财政拨款</td><td>54,000,000.00</td><td>18,000,000.00</td></tr>
      <tr><td>上年结转</td><td>—</td><td>600,000.00</td></tr></table>${INDICATORS}`);
    expect(r!.funding).toMatchObject({
      total_yuan: 54_000_000,
      total_fiscal_yuan: 54_000_000,
      annual_yuan: 18_600_000,
      annual_fiscal_yuan: 18_000_000,
      carryover_yuan: 600_000,
    });
    expect(r!.unplaced).toEqual([]);
  });

  it("reads a department's budget total, its 年度履职目标 and a list of 年度重点工作", () => {
    const [r] = recordsOfHtml(`<p>部门整体绩效目标申报表</p><table>
      <tr><td>部门名称</td><td colspan=4>甲局</td></tr>
      <tr><td rowspan=3>年度重点工作</td><td>重点工作</td><td colspan=2>工作内容</td><td>预算金额（万元）</td></tr>
      <tr><td>食品安全抽检</td><td colspan=2>完成监督抽检。</td><td>860.00</td></tr>
      <tr><td>基本支出</td><td colspan=2>保障机关运转。</td><td>5,010.00</td></tr>
      <tr><td>部门预算总额（万元）</td><td colspan=4>5,870.00</td></tr>
      <tr><td>年度履职目标</td><td colspan=4>守牢食品安全底线。</td></tr></table>${INDICATORS}`);
    expect(r!.funding.annual_yuan).toBe(58_700_000);
    expect(r!.funding.items.map((i) => [i.name, i.amount_yuan])).toEqual([
      ['食品安全抽检', 8_600_000],
      ['基本支出', 50_100_000],
    ]);
    expect(r!.goals.annual.planned).toBe('守牢食品安全底线。');
    expect(r!.extra_fields.map((e) => e.label)).toEqual([
      '食品安全抽检/工作内容',
      '基本支出/工作内容',
    ]);
  });

  it('takes an item list label beside amount headers only as the head of the names', () => {
    const [r] = recordsOfHtml(`<p>部门整体绩效目标申报表</p><table>
      <tr><td>部门名称</td><td colspan=3>甲局</td></tr>
      <tr><td colspan=3>年度主要任务</td><td>对应资金（万元）</td></tr>
      <tr><td colspan=3>旅游宣传推广</td><td>180.00</td></tr>
      <tr><td colspan=3>机关运行及人员经费</td><td>612.30</td></tr></table>${INDICATORS}`);
    expect(r!.funding.items.map((i) => [i.name, i.amount_yuan])).toEqual([
      ['旅游宣传推广', 1_800_000],
      ['机关运行及人员经费', 6_123_000],
    ]);
  });

  it("ends the indicator table at a web page's footer line in its first column", () => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr>
      <tr><td></td><td>成本指标</td><td></td><td></td></tr>
      <tr><td>【打印本页】 【关闭窗口】 主办：某市人民政府办公室 备案号XXXXXXXX号</td><td></td><td></td><td></td></tr></table>`);
    expect(r!.categories.map((c) => c.label)).toEqual(['数量指标', '成本指标']);
    expect(r!.diagnostics.map((d) => d.code)).not.toContain('unknown_level1');
  });
});

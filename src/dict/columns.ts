// Column headers of the indicator table and the role of each (domain-notes §4.1).
// Headers are matched after removing spaces, line breaks and hints such as (150字内) or （A）.

export type ColumnRole =
  | 'level1'
  | 'level2'
  | 'name'
  | 'value'
  | 'value_midterm'
  | 'value_annual'
  | 'unit'
  | 'operator'
  | 'weight'
  | 'note'
  | 'actual'
  | 'score'
  | 'core'
  | 'index';

export const COLUMN_HEADERS: ReadonlyArray<{ role: ColumnRole; headers: readonly string[] }> = [
  {
    role: 'level1',
    headers: [
      '一级指标',
      '一级目标',
      '评价内容',
      '一级指标名称',
      '指标类别',
      '一级',
      '一级绩效指标',
    ],
  },
  { role: 'level2', headers: ['二级指标', '二级目标', '二级指标名称', '二级', '二级绩效指标'] },
  {
    role: 'name',
    headers: [
      '三级指标',
      '三级目标',
      '三级指标名称',
      '指标内容',
      '指标名称',
      '具体指标',
      '绩效内容',
      '三级',
      '绩效指标名称',
      '三级绩效指标',
    ],
  },
  {
    role: 'value_midterm',
    // (bare 中期 | 年度 beside each other in an indicator header are the two value columns)
    headers: [
      '中期指标值',
      '中期目标值',
      '项目期指标值',
      '实施期指标值',
      '实施期目标值',
      '中期',
      '实施期',
    ],
  },
  { role: 'value_annual', headers: ['年度指标值', '年度目标值', '本年度指标值', '年度', '本年度'] },
  {
    role: 'value',
    headers: [
      '指标值',
      '指标目标值',
      '目标值',
      '目标值(标准)',
      '绩效目标值',
      '本年度计划水平',
      '年度(/项目)指标值',
      '年度(项目)指标值',
      '指标值(标准)',
      '预期指标值',
      '预期目标值',
      '计划指标值',
      '标准值',
      '绩效指标值',
      '预期目标',
    ],
  },
  { role: 'unit', headers: ['计量单位', '度量单位', '单位', '指标单位'] },
  {
    role: 'operator',
    headers: [
      '计算符号',
      '指标性质',
      '指标类型',
      '指标方向',
      '指标方向性',
      '符号',
      '比较符号',
      // a column headed by what it holds (定量 or 定性)
      '定量/定性',
      '定性/定量',
      '定量或定性',
    ],
  },
  {
    role: 'weight',
    headers: ['权重', '分值', '权重设定值', '权重比例', '权重(%)', '指标权重', '权重分值'],
  },
  {
    role: 'note',
    headers: [
      '备注',
      '指标解释',
      '指标说明',
      '评分细则',
      '评分标准',
      '评(扣)分标准',
      '评扣分标准',
      '扣分标准',
      '参考标准',
      '偏差原因分析及改进措施',
      '偏差原因分析',
      '未完成原因分析',
      '指标内容/计算公式',
      '计算公式',
      '完成可能性分析',
      '偏差原因说明',
      '改进措施',
      '整改措施',
      '原因分析',
      '上年度实际水平',
      '是否分解到项目',
    ],
  },
  {
    role: 'actual',
    headers: ['实际完成值', '实际完成情况', '当前完成值', '全年实际完成值', '实际值'],
  },
  { role: 'score', headers: ['得分', '自评得分', '评分'] },
  { role: 'core', headers: ['是否核心指标', '核心指标', '是否为核心指标'] },
  { role: 'index', headers: ['序号', '编号', '行次'] },
];

/** Line labels inside one value cell that holds both values (年度：60辆 / 中期：180辆). */
export const TARGET_LINE_LABELS: ReadonlyArray<{
  which: 'annual' | 'midterm';
  labels: readonly string[];
}> = [
  { which: 'annual', labels: ['年度', '年度指标值', '年度目标', '年度目标值', '本年度', '当年'] },
  {
    which: 'midterm',
    labels: [
      '中期',
      '中期指标值',
      '中期目标',
      '中期目标值',
      '项目期',
      '长期',
      '实施期',
      '实施期指标值',
    ],
  },
];

/** Cells of a 是否核心指标 column that mark a core indicator. */
export const CORE_YES: readonly string[] = ['是', '√', '✓', '★', 'Y', 'YES', '核心'];

/** Cells of a 指标方向 column: the direction stands for an operator (正向 = higher is better). */
export const DIRECTION_VALUES: ReadonlyArray<{
  op: '>=' | '<=';
  symbol: string;
  values: readonly string[];
}> = [
  { op: '>=', symbol: '≥', values: ['正向', '正向指标', '越大越好', '越高越好'] },
  { op: '<=', symbol: '≤', values: ['反向', '反向指标', '越小越好', '越低越好'] },
];

/** Cells of a 指标性质 column that give the nature rather than an operator. */
export const NATURE_VALUES: ReadonlyArray<{
  nature: 'quantitative' | 'qualitative';
  values: readonly string[];
}> = [
  { nature: 'quantitative', values: ['定量', '定量指标'] },
  { nature: 'qualitative', values: ['定性', '定性指标'] },
];

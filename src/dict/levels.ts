// Level-1 and level-2 indicator categories and their canonical codes (schema.md "Codes").
// Labels are matched after removing spaces, line breaks and score suffixes such as (50分).
import type { Level1Code, Level2Code } from '../normalize/schema.js';

export const LEVEL1_LABELS: ReadonlyArray<{
  code: Exclude<Level1Code, 'other'>;
  labels: readonly string[];
}> = [
  { code: 'output', labels: ['产出指标', '产出目标', '产出', '产出(工作量)指标', '产出绩效指标'] },
  {
    code: 'benefit',
    labels: ['效益指标', '效果指标', '效益目标', '效益', '效果目标', '效益绩效指标'],
  },
  { code: 'satisfaction', labels: ['满意度指标', '满意度目标', '满意度', '满意度绩效指标'] },
  { code: 'cost', labels: ['成本指标', '成本目标'] },
  { code: 'input', labels: ['投入指标', '投入目标', '投入'] },
  { code: 'process', labels: ['过程指标', '过程目标', '过程'] },
];

/** Level-2 labels; `parent` is the only level 1 the category can belong to, when there is one. */
export const LEVEL2_LABELS: ReadonlyArray<{
  code: Exclude<Level2Code, 'other'>;
  parent: Exclude<Level1Code, 'other'> | null;
  labels: readonly string[];
}> = [
  { code: 'quantity', parent: 'output', labels: ['数量指标', '数量目标', '数量'] },
  { code: 'quality', parent: 'output', labels: ['质量指标', '质量目标', '质量'] },
  {
    code: 'timeliness',
    parent: null,
    labels: ['时效指标', '进度指标', '时效目标', '时效', '进度目标'],
  },
  { code: 'cost', parent: null, labels: ['成本指标', '成本目标', '成本'] },
  { code: 'economic_cost', parent: 'cost', labels: ['经济成本指标', '经济成本'] },
  { code: 'social_cost', parent: 'cost', labels: ['社会成本指标', '社会成本'] },
  {
    code: 'ecological_cost',
    parent: 'cost',
    labels: ['生态环境成本指标', '生态成本指标', '环境成本指标', '生态环境成本'],
  },
  {
    code: 'economic_benefit',
    parent: 'benefit',
    labels: ['经济效益指标', '经济效益', '经济效益目标'],
  },
  {
    code: 'social_benefit',
    parent: 'benefit',
    labels: ['社会效益指标', '社会效益', '社会效益目标'],
  },
  {
    code: 'ecological_benefit',
    parent: 'benefit',
    labels: [
      '生态效益指标',
      '环境效益指标',
      '生态效益',
      '生态环境效益指标',
      '环境效益',
      '生态效益目标',
    ],
  },
  {
    code: 'sustainability',
    parent: 'benefit',
    labels: ['可持续影响指标', '可持续影响', '可持续发展指标', '可持续影响目标'],
  },
  {
    code: 'satisfaction',
    parent: 'satisfaction',
    labels: [
      '服务对象满意度指标',
      '社会公众或服务对象满意度指标',
      '满意度指标',
      '服务对象满意度',
      '社会公众满意度指标',
      '群众满意度指标',
      '满意度',
    ],
  },
];

/** Canonical labels used in messages when a level 1 is inferred. */
export const LEVEL1_NAMES: Record<Level1Code, string> = {
  output: '产出指标',
  benefit: '效益指标',
  satisfaction: '满意度指标',
  cost: '成本指标',
  input: '投入指标',
  process: '过程指标',
  other: '其他',
};

/**
 * Level-2 names of the evaluation frameworks that have no code of their own (财预〔2020〕10号:
 * 决策 › 项目立项 / 绩效目标 / 资金投入, 过程 › 资金管理 / 组织实施; the earlier framework's
 * 投入 › 资金落实, 过程 › 业务管理 / 财务管理): known categories, code `other`, with the level 1
 * they belong to when it has a code.
 */
export const LEVEL2_UNCODED: ReadonlyArray<{
  parent: Exclude<Level1Code, 'other'> | null;
  labels: readonly string[];
}> = [
  { parent: null, labels: ['项目立项', '绩效目标', '资金投入'] },
  { parent: 'input', labels: ['资金落实', '预算执行'] },
  { parent: 'process', labels: ['资金管理', '组织实施', '业务管理', '财务管理'] },
];

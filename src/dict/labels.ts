// Header labels of the forms and the canonical key each one fills (domain-notes §3).
// Labels are matched after labelKey() folding and removing hints such as （450字内） or （万元）.

/** Where a label's value goes in the record. */
export type FieldKey =
  // fields.*
  | 'name'
  | 'authority'
  | 'implementing_unit'
  | 'fund_use'
  | 'category'
  | 'contact'
  | 'contact_phone'
  | 'duration'
  | 'duration_start'
  | 'duration_end'
  // record-level
  | 'period'
  | 'fiscal_year'
  // sections.*
  | 'overview'
  | 'basis'
  | 'necessity'
  | 'safeguards'
  | 'plan'
  // goals.*
  | 'goal_overall'
  | 'goal_annual'
  | 'goal_planned'
  | 'goal_expected'
  // funding.*
  | 'funding_total'
  | 'funding_annual'
  | 'funding_fiscal'
  | 'funding_carryover'
  | 'funding_other';

/**
 * Words a label may end with that add nothing to it, for the fields they fit: 实施单位名称 is
 * 实施单位, 负责人姓名 is 负责人 (the label without the word must be one of those fields').
 */
export const LABEL_NOUN_SUFFIXES: readonly { suffix: string; keys: readonly FieldKey[] }[] = [
  { suffix: '名称', keys: ['authority', 'implementing_unit'] },
  { suffix: '姓名', keys: ['contact'] },
];

/** The text fields of a record's `fields` (names, units, use, category, contact): short values. */
export const TEXT_FIELD_KEYS = [
  'name',
  'authority',
  'implementing_unit',
  'fund_use',
  'category',
  'contact',
] as const satisfies readonly FieldKey[];

/** Labels whose value is a field. Order inside a row of labels is the priority when several fill one key. */
export const FIELD_LABELS: ReadonlyArray<{ key: FieldKey; labels: readonly string[] }> = [
  {
    key: 'name',
    labels: [
      '项目名称',
      '政策名称',
      '部门名称',
      '部门(单位)名称',
      '单位名称',
      '部门单位名称',
      '专项名称',
      '专项资金名称',
      '资金名称',
      '一级项目名称',
      '二级项目名称',
      '项目全称',
      '预算项目名称',
    ],
  },
  {
    key: 'authority',
    labels: [
      '预算主管单位',
      '主管部门',
      '主管单位',
      '主管预算部门',
      '预算主管部门',
      '主管部门名称',
      '主管部门及代码',
      '市级主管部门',
      '主管部门(单位)',
      '业务主管部门',
      '编制部门',
      '项目主管部门',
      '项目主管单位',
      '归口管理部门',
      '归口部门',
      '预算部门',
      '主管预算单位',
      '一级预算单位',
    ],
  },
  {
    key: 'implementing_unit',
    labels: [
      '实施单位',
      '项目实施单位',
      '项目单位',
      '申报单位',
      '申报单位名称',
      '项目用款单位',
      '用款单位',
      '填报单位',
      '预算单位',
      '项目承担单位',
      '实施主体',
      '政策实施单位',
      '编制单位',
      '执行单位',
      '项目执行单位',
      '具体实施单位',
      '项目实施主体',
      '项目单位名称',
    ],
  },
  { key: 'fund_use', labels: ['资金用途', '资金使用方向'] },
  {
    key: 'category',
    labels: [
      '项目类别',
      '项目类型',
      '项目属性',
      '项目性质',
      '政策类别',
      '政策类型',
      '资金性质',
      '项目分类',
      '支出类型',
    ],
  },
  {
    key: 'contact',
    labels: [
      '项目负责人及电话',
      '项目负责人及联系电话',
      '联系人及电话',
      '联系人及联系电话',
      '填报人及联系电话',
      '项目负责人',
      '部门负责人',
      '联系人',
      '项目联系人',
      '负责人',
      '填报人',
      '填表人',
      '单位负责人',
      '经办人及电话',
      '经办人及联系电话',
    ],
  },
  {
    // a telephone number completing the contact person (项目负责人 | 王建国 | 联系电话 | 0571-…)
    key: 'contact_phone',
    labels: ['联系电话', '电话', '联系方式', '手机', '手机号码', '办公电话', '联系人电话'],
  },
  {
    key: 'duration',
    labels: [
      '政策日期',
      '政策期限',
      '政策实施期限',
      '政策实施期',
      '政策执行期',
      '政策执行期限',
      '政策实施周期',
      '政策有效期',
      '政策起止时间',
      '项目期限',
      '项目期',
      '项目起止时间',
      '项目起止日期',
      '项目实施期限',
      '项目实施期',
      '实施期限',
      '实施期',
      '项目计划实施时间',
      '项目周期',
      '执行期限',
      '项目起止年限',
      '起止年限',
      '项目实施周期',
      '实施周期',
      '执行期',
      '起止时间',
      '起止日期',
      '起止期限',
      '实施起止时间',
      '项目实施时间',
      '实施时间',
      '政策实施时间',
      '政策执行期间',
      '项目执行期',
      '项目执行期限',
      '建设期限',
      '项目建设期',
      '项目建设期限',
    ],
  },
  {
    key: 'duration_start',
    labels: ['计划开始日期', '计划开始时间', '开始日期', '开始时间', '项目开始时间', '起始时间'],
  },
  {
    key: 'duration_end',
    labels: [
      '计划完成日期',
      '计划完成时间',
      '计划结束日期',
      '结束日期',
      '结束时间',
      '完成时间',
      '项目完成时间',
    ],
  },
  { key: 'period', labels: ['评价时段', '评价期间', '申报时段', '绩效目标时段', '评价周期'] },
  {
    key: 'fiscal_year',
    labels: ['年度', '预算年度', '申报年度', '所属年度', '评价年度', '填报年度', '实施年度'],
  },
  {
    key: 'overview',
    labels: [
      '政策概况',
      '项目概况',
      '项目概述',
      '项目简介',
      '政策概述',
      '部门职能职责概述',
      '单位职能概述',
      '职能概述',
      '部门职能概述',
      '部门职能',
      '部门职责',
      '单位职能',
      '部门主要职能',
      '职能职责',
      '政策内容',
      '政策主要内容',
    ],
  },
  {
    key: 'basis',
    labels: ['立项依据', '项目立项的依据', '项目立项依据', '政策依据', '政策立项依据', '设立依据'],
  },
  {
    key: 'necessity',
    labels: [
      '政策设立的必要性',
      '项目设立的必要性',
      '项目申报的必要性',
      '立项必要性',
      '项目必要性',
      '必要性',
    ],
  },
  {
    key: 'safeguards',
    labels: [
      '保证政策实施的制度、措施',
      '保证项目实施的制度、措施',
      '保障措施',
      '保障绩效目标实现的措施',
      '项目实施的保障措施',
      '实施保障措施',
      '制度措施',
    ],
  },
  {
    key: 'plan',
    labels: [
      '政策实施计划',
      '项目实施计划',
      '实施进度',
      '项目实施进度计划',
      '实施计划',
      '项目实施进度',
      '进度安排',
    ],
  },
  {
    key: 'goal_overall',
    labels: [
      '总目标',
      '项目总目标',
      '总体目标',
      '项目总体目标',
      '长期目标',
      '中期目标',
      '总体绩效目标',
      '长期绩效目标',
      '中长期目标',
      '政策总目标',
      '部门总体目标',
      '实施期目标',
      '实施期总目标',
      '实施期绩效目标',
      '整体绩效目标',
      '部门整体绩效目标',
      '中长期绩效目标',
      '中期绩效目标',
      '实施期总体目标',
    ],
  },
  {
    key: 'goal_annual',
    labels: [
      '年度目标',
      '本年度目标',
      '年度总体目标',
      '阶段性目标',
      '年度绩效目标',
      '当年目标',
      '年度预期目标',
      '年度总体绩效目标',
      '部门年度目标',
      '当年绩效目标',
      '本年度绩效目标',
      '年度部门整体绩效目标',
      '部门年度绩效目标',
      '年度整体绩效目标',
      '年度履职目标',
      '部门年度履职目标',
      '年度工作目标',
    ],
  },
  { key: 'goal_planned', labels: ['年初设定目标', '预期目标', '年度预期目标值'] },
  {
    key: 'goal_expected',
    labels: ['全年预计完成情况', '实际完成情况', '预计完成情况', '全年实际完成情况'],
  },
  {
    key: 'funding_total',
    labels: [
      '项目资金总额',
      '资金总额',
      '中期资金总额',
      '实施期资金总额',
      '项目总金额',
      '项目总预算',
      '总额',
      '项目总投资',
      '总投资',
      '政策资金总额',
      '项目总资金',
      '总资金',
      '项目资金总计',
      '资金总计',
      '项目总经费',
      '总经费',
      '项目总投入',
      '总投入',
    ],
  },
  {
    key: 'funding_annual',
    labels: [
      '年度资金总额',
      '年度资金申请总额',
      '本年度资金总额',
      '年度资金',
      '当年资金总额',
      '年度预算资金',
      '年度预算总额',
      '本年度预算',
      '本年度预算资金',
      '年度预算',
      '本年预算',
      '当年预算',
      '本年预算数',
      '年度预算数',
      '申请金额',
      '申请资金',
      '项目申请金额',
      '年度资金需求总额',
      // a department's budget for the year
      '部门预算总额',
      '收入预算合计',
      '部门收入预算合计',
      '收入预算总额',
      '预算收入合计',
      '年度部门预算总额',
      '部门年度预算总额',
      '单位预算总额',
      '本年度资金',
      '本年资金',
      '当年资金',
      '本年度申请资金',
      '年度申请资金',
      '本年度经费',
      '年度经费',
      // a department's budget: the income total is the year's funding
      '收入合计',
      '收入总计',
      '部门收入合计',
    ],
  },
  {
    key: 'funding_fiscal',
    labels: [
      '财政拨款',
      '财政资金',
      '当年财政拨款',
      '本年财政拨款',
      '市财政资金',
      '申请市财政资金',
      '本级财政拨款',
      '财政性资金',
      '一般公共预算拨款',
      '一般公共预算资金',
      '政府性基金预算拨款',
      '国有资本经营预算拨款',
      '财政专户拨款',
      '上级财政拨款',
      '中央财政资金',
      '中央补助资金',
      '中央补助',
      '上级补助资金',
      '省级财政资金',
      '市级财政资金',
      '区级财政资金',
      '县级财政资金',
      '本级财政资金',
      '市县配套资金',
      '一般公共预算',
      // the levels of government a project's fiscal money comes from (中央补助 | 省级补助 | 市级配套)
      '上级补助',
      '省级补助',
      '省级补助资金',
      '市级补助',
      '市级补助资金',
      '省级资金',
      '市级资金',
      '县级资金',
      '区级资金',
      '省级配套',
      '省级配套资金',
      '市级配套',
      '市级配套资金',
      '县级配套',
      '县级配套资金',
      '区级配套',
      '区级配套资金',
      '地方配套资金',
      '地方财政配套资金',
    ],
  },
  {
    key: 'funding_carryover',
    labels: ['上年结转资金', '上年结转', '上年结余收入', '结转资金', '上年结余', '以前年度结转'],
  },
  {
    key: 'funding_other',
    labels: [
      '其他资金',
      '其他',
      '自有资金',
      '自筹资金',
      '其他来源资金',
      '单位自筹',
      '事业收入',
      '经营性收入',
      '经营收入',
      '纳入财政专户管理的收入',
      '未纳入财政专户管理的收入',
      '事业基金弥补差额',
      '其他收入',
      '社会资金',
      '社会投入资金',
    ],
  },
];

/**
 * Name labels (see `name` above) that name a unit, not a project or policy. In a form that also
 * names its project or policy (项目名称 | … | 单位名称 | …), they name the unit instead: 单位名称
 * the implementing unit, 部门名称 the authority.
 */
export const UNIT_NAME_LABELS: ReadonlyArray<{
  key: 'implementing_unit' | 'authority';
  labels: readonly string[];
}> = [
  { key: 'implementing_unit', labels: ['单位名称', '部门(单位)名称', '部门单位名称'] },
  { key: 'authority', labels: ['部门名称'] },
];

/**
 * How the names of organisations end (某区住房和城乡建设局, 市政工程管理中心): a unit field written
 * over several rows keeps a line per row only when every row ends so (two units, not one name
 * wrapped by hand).
 */
export const ORGANISATION_ENDINGS: readonly string[] = [
  '局',
  '委',
  '委员会',
  '中心',
  '办公室',
  '办',
  '院',
  '所',
  '站',
  '处',
  '厅',
  '部',
  '会',
  '公司',
  '学校',
  '学院',
  '大学',
  '小学',
  '中学',
  '幼儿园',
  '医院',
  '馆',
  '队',
  '署',
  '社',
  '室',
  '科',
  '园',
  '台',
  '街道',
  '办事处',
  '政府',
  '集团',
  '协会',
  '基金会',
  '研究院',
  '研究所',
  '联合会',
];

/**
 * Headers of the column of names in a block of amounts, when the header of the amounts stands
 * beside them (资金来源 › 项目 | 金额（万元）); only there are they headings, not labels.
 */
export const AMOUNT_NAME_HEADS: readonly string[] = [
  '项目',
  '资金项目',
  '来源项目',
  '资金类别',
  '类别',
];

/** Group labels: they head a block and carry no value of their own (a unit hint may ride on them). */
export const GROUP_LABELS: readonly string[] = [
  '其中',
  '来源',
  '资金来源渠道',
  '金额',
  '预算金额',
  '收入来源',
  '资金数额',
  '政策目标',
  '绩效目标',
  '项目绩效目标',
  '资金情况',
  '项目资金',
  '政策资金',
  '项目资金申请',
  '项目预算',
  '资金来源',
  '资金构成',
  '预算情况',
  '年度预算情况',
  '预算执行情况',
  '年度预算执行情况',
  '资金执行情况',
  '项目资金执行情况',
  '年度资金执行情况',
  '部门预算整体情况',
  '部门预算',
  '部门预算情况',
  '部门整体预算',
  '预算整体情况',
  '部门收支预算',
  '部门收入预算',
  '收入预算',
  '按收入性质分',
  '按支出性质分',
  '按收入来源分',
  '按支出用途分',
  '按支出功能分类',
  '按支出经济分类',
  '预算整体情况',
  '基本信息',
  '项目基本情况',
  '项目基本信息',
  '政策基本信息',
  '绩效指标',
  '年度绩效指标',
  '长期绩效指标',
  '中期绩效指标',
  '实施期绩效指标',
  '本年度绩效指标',
  '项目年度绩效目标衡量指标',
  '年度绩效目标衡量指标',
];

/**
 * Group labels that, with one value beside them instead of a block of labels below, label that
 * value: a goal label the form gives without a period (绩效目标 | 完成36所学校…) is the annual
 * goal, as the form is a declaration for one budget year; a money heading with an amount
 * (项目资金（万元） | 2,350.00) is the form's one undifferentiated total, its annual amount.
 */
export const GROUP_VALUE_KEYS: ReadonlyArray<{ key: FieldKey; labels: readonly string[] }> = [
  { key: 'goal_annual', labels: ['绩效目标', '项目绩效目标', '政策目标'] },
  {
    key: 'funding_annual',
    labels: [
      '项目资金',
      '政策资金',
      '项目预算',
      '预算金额',
      '资金情况',
      '项目资金申请',
      '预算情况',
    ],
  },
];

/** Words that make an unlisted label carrying a money unit (…（万元）) a funding block label. */
export const FUNDING_GROUP_WORDS: readonly string[] = [
  '资金',
  '预算',
  '经费',
  '金额',
  '投入',
  '投资',
  '支出',
  '收入',
];

/**
 * Item lists that break down the year's funding (当年投入资金构成): their total row (合计) states
 * the year's amount when the form gives it nowhere else.
 */
export const ANNUAL_ITEM_GROUPS: readonly string[] = [
  '当年投入资金构成',
  '本年度投入资金构成',
  '年度投入资金构成',
  '当年资金构成',
];

/** Labels that head a list of funding items (one row each below a header of columns). */
export const FUNDING_ITEM_GROUPS: readonly string[] = [
  ...ANNUAL_ITEM_GROUPS,
  '年度主要任务完成情况',
  '主要任务完成情况',
  '年度重点工作任务完成情况',
  '年度主要任务',
  '年度重点工作任务',
  '年度重点工作',
  '重点工作任务',
  '资金分配',
  '资金分配情况',
  '资金分配方案',
  '资金安排',
  '资金使用计划',
  '年度主要工作任务',
  '年度重点任务',
  '项目支出内容及明细预算',
  '资金投入构成',
  '子项目构成',
  '主要支出内容',
];

/** Column headers inside a funding-item list: which holds the item name and which the amount. */
export const FUNDING_ITEM_COLUMNS = {
  name: [
    '子项目名称',
    '任务名称',
    '名称',
    '项目名称',
    '支出内容',
    '主要任务',
    '明细项目',
    '支出项目',
    '重点工作',
    '工作任务',
    '工作名称',
    '重点任务',
    '资金用途',
    '用途',
    '分配方向',
    '资金投向',
  ],
  /**
   * Name headers that open a list on their own, with no block label before them (子项目名称 |
   * 预算金额 as a header row): they name items and nothing else.
   */
  listHeads: [
    '子项目名称',
    '子项目',
    '任务名称',
    '主要任务',
    '重点任务',
    '明细项目',
    '支出项目',
    '支出明细',
  ],
  amountHints: ['金额', '资金', '预算数', '预算'],
  /**
   * Among several amount columns (上年度预算安排 | 上年度实际执行 | 本年度申请金额), the item's amount
   * is one about this year (a header with a `amountCurrent` word), never one about an earlier
   * year or what was spent (`amountPast`), unless no other column is left.
   */
  amountCurrent: ['本年度', '本年', '当年', '今年', '申请'],
  amountPast: ['上年度', '上年', '以前年度', '去年', '往年', '执行', '实际'],
  /** Words that make a column with an amount word a text column (资金测算依据, 资金来源). */
  amountText: ['依据', '说明', '测算', '用途', '内容', '来源', '方式', '标准'],
  /**
   * Sub-headers under a multi-column amount header (预算金额 over 总额 | 财政拨款 | 其他资金): the
   * one that is the item's whole amount. Without one, every sub-column is a part of the amount.
   */
  amountTotals: ['总额', '合计', '小计', '总计', '金额合计', '资金总额'],
} as const;

/** Labels with a known meaning but no canonical key: kept in extra_fields without a warning. */
export const KNOWN_EXTRA_LABELS: readonly string[] = [
  '主管部门审核意见',
  '第三方机构审核意见',
  '财政部门审核意见',
  '市财政局审核意见',
  '业务科室审核意见',
  '审核意见',
  '填报日期',
  '打印日期',
  '打印时间',
  '制表日期',
  '填表日期',
  '日期',
  '其他说明的问题',
  '其他需完成的任务',
  '财政供养人员数',
  '下属二级单位数',
  '部门预算支出',
  '项目申报的可行性',
  '项目申请原因',
  '以前年度项目绩效情况',
  '主管部门编码',
  '部门编码',
  '部门代码',
  '单位代码',
  '单位编码',
  '项目编码',
  '项目代码',
  '总分',
  '总计',
  '得分',
  '自评得分',
  '填表说明',
  '自评等级',
  '评价等级',
  '自评结论',
  '审核人',
  '复核人',
  '填报说明',
  '说明',
  '备注',
  '注',
];

/**
 * Sub-labels that split a label spanning rows into its parts (项目负责人 › 姓名 | 王磊 / 联系电话 |
 * …; 主管部门 › 名称 | … / 代码 | …); with field labels the dictionaries know, the only ones that
 * do (第一季度 | 完成招标 under 实施进度 is the label's text, row by row).
 */
export const SUB_LABELS: readonly string[] = [
  '姓名',
  '名称',
  '全称',
  '代码',
  '编码',
  '编号',
  '职务',
  '邮箱',
  '电子邮箱',
];

/**
 * A paragraph holding only one of these (注：, 填报说明：), or one followed by a numbered note
 * (注：1.…), heads notes on how to fill the form; the numbered paragraphs after it (一、项目名称：按…
 * 填写) are its text, never fields of the form nor the start of another.
 */
export const NOTE_HEADINGS: readonly string[] = [
  '注',
  '说明',
  '填报说明',
  '填表说明',
  '填写说明',
  '备注说明',
  '附注',
];

/** Rows that close a table with a total; never indicators. */
export const TOTAL_ROW_LABELS: readonly string[] = [
  '合计',
  '总计',
  '金额合计',
  '合计金额',
  '总分',
  '合计得分',
  '自评得分',
];

/** Money units a form may declare for its amounts (conversion factors: MONEY_UNITS in targets.ts). */
export const DECLARED_MONEY_UNITS = ['元', '万元', '亿元'] as const;
export type MoneyUnit = (typeof DECLARED_MONEY_UNITS)[number];

/**
 * Column headers of a funding matrix (self-evaluation: 年初预算数 | 全年预算数（A） | 全年执行数（B） …).
 * The `amount` column feeds the canonical *_yuan field; every other cell is kept as an extra field.
 */
export const FUND_MATRIX_COLUMNS: ReadonlyArray<{
  header: string;
  role: 'amount' | 'other';
  rank: number;
}> = [
  { header: '全年预算数', role: 'amount', rank: 0 },
  { header: '调整后预算数', role: 'amount', rank: 1 },
  { header: '年初预算数', role: 'amount', rank: 2 },
  { header: '预算数', role: 'amount', rank: 3 },
  { header: '全年执行数', role: 'other', rank: 9 },
  { header: '执行数', role: 'other', rank: 9 },
  { header: '执行率', role: 'other', rank: 9 },
  { header: '分值', role: 'other', rank: 9 },
  { header: '得分', role: 'other', rank: 9 },
];

/**
 * Column headers of a funding table that say only which side a column is (中期 | 年度, 实施期 |
 * 本年度) beside the rows of amounts (资金总额 | 其中：财政拨款 …): the whole period's, or the year's.
 */
export const SIDE_COLUMN_HEADERS: {
  readonly total: readonly string[];
  readonly annual: readonly string[];
} = {
  total: [
    '中期',
    '实施期',
    '项目期',
    '中期资金',
    '实施期资金',
    '项目期资金',
    '整个实施期',
    '项目周期',
    '项目期内',
    '项目期内资金',
    '实施期内',
    '实施期内资金',
    '项目期间',
    '项目全周期',
    '全周期',
    '全周期资金',
  ],
  annual: [
    '年度',
    '本年度',
    '当年',
    '本年',
    '当年度',
    '年度资金',
    '本年度资金',
    '当年资金',
    '本年资金',
    '当年度资金',
    '本年度内',
  ],
};

/** Whole-period wording in a total's label: such a total never stands in for the annual one. */
export const WHOLE_PERIOD_WORDS: readonly string[] = ['中期', '实施期', '总投资', '项目期'];

/** Words of a subtotal row inside a list (小计): a list holding one is not summed against its 合计. */
export const SUBTOTAL_WORDS: readonly string[] = ['小计'];

/** Prefixes that mark a sub-row ("其中：财政拨款"). */
export const SUB_ROW_PREFIXES: readonly string[] = ['其中:', '其中', '含:', '包括:'];

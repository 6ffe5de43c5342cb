// The canonical form record (contract v1, shared/schema.md): the only definition of its shape.
// Types are inferred from it, the JSON Schema and the README's field table are generated from it,
// and every record is parsed by it before it leaves the pipeline.
import { z } from 'zod';

const text = (description: string) => z.string().nullable().describe(description);
const yuan = (description: string) => z.number().nullable().describe(description);
/** A date with the precision the form writes: YYYY, YYYY-MM or YYYY-MM-DD. */
const partialDate = (description: string) =>
  z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    .nullable()
    .describe(description);

export const provenanceSchema = z
  .strictObject({
    table: z.int().positive().nullable().describe('table number in the document (1-based)'),
    row: z.int().positive().nullable().describe('row in that table (1-based)'),
    col: z.int().positive().nullable().describe('column in that table (1-based)'),
    paragraph: z
      .int()
      .positive()
      .nullable()
      .describe('paragraph number, for text outside tables (1-based)'),
    page: z.int().positive().nullable().describe('PDF page (1-based)'),
    sheet: text('Excel worksheet name'),
    cell: text('Excel cell address (A1)'),
    bbox: z
      .tuple([z.number(), z.number(), z.number(), z.number()])
      .nullable()
      .describe('PDF bounding box [x0, y0, x1, y1] in points'),
  })
  .describe('where a value was read; excluded from cross-format comparison');

export const formatSchema = z.enum(['html', 'docx', 'pdf', 'xlsx', 'xls']);

export const sourceSchema = z
  .strictObject({
    file: z.string().describe('path relative to the input root given on the command line'),
    format: formatSchema.describe('html | docx | pdf | xlsx | xls'),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('sha256 of the whole input file'),
    form_index: z.int().nonnegative().describe('0-based position of this form in the file'),
    form_count: z.int().positive().describe('forms found in the file'),
    pages: z
      .array(z.int().positive())
      .nullable()
      .describe('PDF: every page the form spans; null otherwise'),
    sheet: text('Excel worksheet name; null otherwise'),
  })
  .describe('where the form came from');

export const dateRangeSchema = z.strictObject({
  raw: text('the cell as written; null when start and end come from two cells'),
  start: partialDate('YYYY, YYYY-MM or YYYY-MM-DD'),
  end: partialDate('YYYY, YYYY-MM or YYYY-MM-DD'),
});

export const opSchema = z.enum(['>=', '>', '<=', '<', '=', 'approx']);
export const targetKindSchema = z.enum([
  'numeric',
  'range',
  'date',
  'text',
  'placeholder',
  'empty',
]);

export const targetSchema = z
  .strictObject({
    raw: text('the cell as written, whitespace-normalised only, annotations kept'),
    kind: targetKindSchema.describe('numeric | range | date | text | placeholder | empty'),
    op: opSchema
      .nullable()
      .describe('>= | > | <= | < | = | approx; null for range, text, placeholder, empty'),
    op_source: z
      .enum(['symbol', 'word', 'column', 'implied'])
      .nullable()
      .describe('symbol (≥) | word (不低于, 以上) | column (计算符号) | implied (bare number)'),
    value: z
      .number()
      .nullable()
      .describe('scaled number (16万 → 160000; 万元 → yuan); range: lower bound'),
    value_max: z.number().nullable().describe('range: upper bound'),
    unit: text('unit after the number, without scale word; money becomes 元'),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .describe('kind date: YYYY-MM-DD (…底前 gives the last day)'),
    text: text('kind text: the qualitative target without annotations'),
  })
  .describe('a parsed target value');

export const level1CodeSchema = z.enum([
  'output',
  'benefit',
  'satisfaction',
  'cost',
  'input',
  'process',
  'other',
]);
export const level2CodeSchema = z.enum([
  'quantity',
  'quality',
  'timeliness',
  'cost',
  'economic_cost',
  'social_cost',
  'ecological_cost',
  'economic_benefit',
  'social_benefit',
  'ecological_benefit',
  'sustainability',
  'satisfaction',
  'other',
]);

export const indicatorSchema = z.strictObject({
  level1: z
    .strictObject({ code: level1CodeSchema, label: text('as written; null when inferred') })
    .nullable()
    .describe('level-1 category (一级指标)'),
  level2: z
    .strictObject({ code: level2CodeSchema, label: text('as written') })
    .nullable()
    .describe('level-2 category (二级指标)'),
  name: text('level-3 indicator name (三级指标), annotations removed'),
  target: targetSchema.describe('the target value (指标值 / 年度指标值)'),
  target_midterm: targetSchema
    .nullable()
    .describe('中期指标值 when the table has both mid-term and annual values'),
  actual: text('self-evaluation: 实际完成值 as written'),
  score: z.number().nullable().describe('self-evaluation: 得分'),
  unit: text('a separate 计量单位 column, as written'),
  nature: z
    .enum(['quantitative', 'qualitative'])
    .nullable()
    .describe('from a 指标性质 column holding 定量 / 定性'),
  weight: z.number().nullable().describe('权重 / 分值 column'),
  note: text('备注 / 指标解释 / 偏差原因 columns, joined with \\n'),
  flags: z.array(z.enum(['new', 'core'])).describe('new for （新增）, core for ★ / 核心指标'),
  provenance: provenanceSchema,
});

export const categorySchema = z.strictObject({
  level1: level1CodeSchema.nullable(),
  level2: level2CodeSchema.nullable(),
  label: text('the level-2 label as written'),
  level1_label: text('the level-1 label as written; null when inferred (additive field)'),
  indicator_count: z.int().nonnegative().describe('indicators in the category; 0 for an empty one'),
});

export const fundingItemSchema = z.strictObject({
  name: text('item name (子项目名称 / 任务名称)'),
  amount_yuan: yuan('amount in yuan'),
  raw: text('amount as written'),
  provenance: provenanceSchema,
});

export const severitySchema = z.enum(['info', 'warning', 'error']);

export const diagnosticSchema = z.strictObject({
  code: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .describe('stable snake_case code (README lists them)'),
  severity: severitySchema.describe(
    'info: physical layout of one file; warning/error: about the form',
  ),
  message: z.string(),
  path: text('JSON path in the record the doubt is about'),
  provenance: provenanceSchema.nullable(),
});

export const formTypeSchema = z.enum([
  'policy',
  'project',
  'department',
  'self_evaluation',
  'unknown',
]);

export const formRecordSchema = z
  .strictObject({
    schema_version: z.literal('1').describe('contract version'),
    source: sourceSchema,
    form_type: formTypeSchema.describe('policy | project | department | self_evaluation | unknown'),
    framework: z
      .enum(['legacy', '2021', 'pre2021'])
      .nullable()
      .describe(
        'legacy (投入/过程 level 1) | 2021 (成本指标 level 1) | pre2021; null without indicators',
      ),
    title: text(
      'form title as written, without words printed before it and a bracketed year after it',
    ),
    fiscal_year: z
      .int()
      .nullable()
      .describe('from the title (2023年度), a year field or the period'),
    period: dateRangeSchema.nullable().describe('declaration or evaluation period (评价时段)'),
    fields: z
      .strictObject({
        name: text('政策名称 | 项目名称 | 部门名称'),
        authority: text('预算主管单位 | 主管部门'),
        implementing_unit: text('实施单位 | 项目单位'),
        fund_use: text('资金用途'),
        category: text('项目类别 | 项目类型 | 项目属性 | 项目性质'),
        contact: text('项目负责人及电话 | 联系人'),
        duration: dateRangeSchema.nullable().describe('政策日期 | 项目期限 | 计划开始/完成日期'),
      })
      .describe('header fields'),
    sections: z
      .strictObject({
        overview: text('政策概况 | 项目概况'),
        basis: text('立项依据'),
        necessity: text('…设立的必要性'),
        safeguards: text('保证…实施的制度、措施'),
        plan: text('…实施计划'),
      })
      .describe('long free-text cells'),
    goals: z
      .strictObject({
        overall: text('总目标 | 总体目标 | 长期目标'),
        annual: z
          .strictObject({
            planned: text('年度目标 / 年初设定目标'),
            expected: text('全年预计完成情况 / 实际完成情况'),
          })
          .describe('annual goals'),
      })
      .describe('goals'),
    funding: z
      .strictObject({
        unit_declared: z
          .enum(['元', '万元', '亿元'])
          .nullable()
          .describe('money unit the form declares'),
        total_yuan: yuan('whole-period amount (项目资金总额 | 中期资金总额)'),
        total_fiscal_yuan: yuan('its fiscal part (其中：财政资金)'),
        annual_yuan: yuan('this year (年度资金总额); a lone undifferentiated total'),
        annual_fiscal_yuan: yuan('其中：财政拨款 | 当年财政拨款'),
        carryover_yuan: yuan('上年结转资金'),
        other_yuan: yuan('其他资金 | 自筹资金'),
        items: z.array(fundingItemSchema).describe('当年投入资金构成 / 年度主要任务 rows'),
      })
      .describe('amounts in yuan'),
    indicators: z.array(indicatorSchema).describe('indicator rows in document order'),
    categories: z
      .array(categorySchema)
      .describe('every level1/level2 pair declared, empty ones included'),
    unplaced: z
      .array(z.strictObject({ text: z.string(), provenance: provenanceSchema }))
      .describe('cells inside the form that could not be placed'),
    extra_fields: z
      .array(
        z.strictObject({
          label: z.string(),
          value: text('as written'),
          provenance: provenanceSchema,
        }),
      )
      .describe('label/value pairs with no canonical key'),
    diagnostics: z.array(diagnosticSchema).describe('every doubt, with where it arose'),
  })
  .describe('Canonical form record, contract v1');

export type Provenance = z.infer<typeof provenanceSchema>;
export type SourceFormat = z.infer<typeof formatSchema>;
export type Target = z.infer<typeof targetSchema>;
export type Op = z.infer<typeof opSchema>;
export type Level1Code = z.infer<typeof level1CodeSchema>;
export type Level2Code = z.infer<typeof level2CodeSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type Category = z.infer<typeof categorySchema>;
export type FundingItem = z.infer<typeof fundingItemSchema>;
export type Diagnostic = z.infer<typeof diagnosticSchema>;
export type Severity = z.infer<typeof severitySchema>;
export type FormType = z.infer<typeof formTypeSchema>;
export type FormRecord = z.infer<typeof formRecordSchema>;
export type DateRange = z.infer<typeof dateRangeSchema>;

/** The record's JSON Schema (draft 2020-12), as printed by `shenbao schema`. */
export function recordJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(formRecordSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}

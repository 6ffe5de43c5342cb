// The canonical form record (contract v1, shared/schema.md): the only definition of its shape.
// Types are inferred from it, the JSON Schema is exported from it, and every record is parsed by it.
import { z } from 'zod';

const nullableString = z.string().nullable();
/** A date with the precision the form writes: YYYY, YYYY-MM or YYYY-MM-DD. */
const partialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
  .nullable();

export const provenanceSchema = z
  .strictObject({
    table: z.int().positive().nullable().describe('1-based table number in the document'),
    row: z.int().positive().nullable().describe('1-based row in that table'),
    col: z.int().positive().nullable().describe('1-based column in that table'),
    paragraph: z
      .int()
      .positive()
      .nullable()
      .describe('1-based paragraph number, for text outside tables'),
    page: z.int().positive().nullable().describe('PDF page (1-based)'),
    sheet: nullableString.describe('Excel worksheet name'),
    cell: nullableString.describe('Excel A1 cell address'),
    bbox: z
      .tuple([z.number(), z.number(), z.number(), z.number()])
      .nullable()
      .describe('PDF bounding box [x0, y0, x1, y1] in points'),
  })
  .describe('Where a value was read');

export const formatSchema = z.enum(['html', 'docx', 'pdf', 'xlsx', 'xls']);

export const sourceSchema = z.strictObject({
  file: z.string().describe('path relative to the input root'),
  format: formatSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  form_index: z.int().nonnegative(),
  form_count: z.int().positive(),
  pages: z.array(z.int().positive()).nullable(),
  sheet: nullableString,
});

export const dateRangeSchema = z.strictObject({
  raw: nullableString,
  start: partialDate,
  end: partialDate,
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

export const targetSchema = z.strictObject({
  raw: nullableString.describe('the cell as written, whitespace-normalised only'),
  kind: targetKindSchema,
  op: opSchema.nullable(),
  op_source: z.enum(['symbol', 'word', 'column', 'implied']).nullable(),
  value: z.number().nullable(),
  value_max: z.number().nullable(),
  unit: nullableString,
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  text: nullableString,
});

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
  level1: z.strictObject({ code: level1CodeSchema, label: nullableString }).nullable(),
  level2: z.strictObject({ code: level2CodeSchema, label: nullableString }).nullable(),
  name: nullableString,
  target: targetSchema,
  target_midterm: targetSchema.nullable(),
  actual: nullableString,
  score: z.number().nullable(),
  unit: nullableString,
  nature: z.enum(['quantitative', 'qualitative']).nullable(),
  weight: z.number().nullable(),
  note: nullableString,
  flags: z.array(z.enum(['new', 'core'])),
  provenance: provenanceSchema,
});

export const categorySchema = z.strictObject({
  level1: level1CodeSchema.nullable(),
  level2: level2CodeSchema.nullable(),
  label: nullableString.describe('the level-2 label as written'),
  level1_label: nullableString.describe('the level-1 label as written (additive)'),
  indicator_count: z.int().nonnegative(),
});

export const fundingItemSchema = z.strictObject({
  name: nullableString,
  amount_yuan: z.number().nullable(),
  raw: nullableString,
  provenance: provenanceSchema,
});

export const severitySchema = z.enum(['info', 'warning', 'error']);

export const diagnosticSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  severity: severitySchema,
  message: z.string(),
  path: nullableString,
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
    schema_version: z.literal('1'),
    source: sourceSchema,
    form_type: formTypeSchema,
    framework: z.enum(['legacy', '2021', 'pre2021']).nullable(),
    title: nullableString,
    fiscal_year: z.int().nullable(),
    period: dateRangeSchema.nullable(),
    fields: z.strictObject({
      name: nullableString,
      authority: nullableString,
      implementing_unit: nullableString,
      fund_use: nullableString,
      category: nullableString,
      contact: nullableString,
      duration: dateRangeSchema.nullable(),
    }),
    sections: z.strictObject({
      overview: nullableString,
      basis: nullableString,
      necessity: nullableString,
      safeguards: nullableString,
      plan: nullableString,
    }),
    goals: z.strictObject({
      overall: nullableString,
      annual: z.strictObject({ planned: nullableString, expected: nullableString }),
    }),
    funding: z.strictObject({
      unit_declared: z.enum(['元', '万元', '亿元']).nullable(),
      total_yuan: z.number().nullable(),
      total_fiscal_yuan: z.number().nullable(),
      annual_yuan: z.number().nullable(),
      annual_fiscal_yuan: z.number().nullable(),
      carryover_yuan: z.number().nullable(),
      other_yuan: z.number().nullable(),
      items: z.array(fundingItemSchema),
    }),
    indicators: z.array(indicatorSchema),
    categories: z.array(categorySchema),
    unplaced: z.array(z.strictObject({ text: z.string(), provenance: provenanceSchema })),
    extra_fields: z.array(
      z.strictObject({ label: z.string(), value: nullableString, provenance: provenanceSchema }),
    ),
    diagnostics: z.array(diagnosticSchema),
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

// The warehouse tables: the records flattened into one row per form, indicator, category,
// funding item, diagnostic, unplaced cell and extra field, plus one row per input file. One
// definition serves the CSV files, the DuckDB database and the Parquet files, so the three
// always have the same columns, in the same order, with the same types.
import { createHash } from 'node:crypto';
import type { FormRecord, Provenance, Target } from '../normalize/schema.js';
import type { ManifestEntry } from './manifest.js';

export type ColumnType = 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN';
export type Value = string | number | boolean | null;

export interface Column {
  name: string;
  type: ColumnType;
}

export interface Table {
  name: TableName;
  columns: Column[];
}

export type TableName =
  | 'files'
  | 'forms'
  | 'indicators'
  | 'categories'
  | 'funding_items'
  | 'diagnostics'
  | 'unplaced'
  | 'extra_fields';

const col = (name: string, type: ColumnType = 'VARCHAR'): Column => ({ name, type });

/** Where a value was read, flattened; bbox as four numbers. */
const PROVENANCE: Column[] = [
  col('page', 'INTEGER'),
  col('sheet'),
  col('cell'),
  col('table_no', 'INTEGER'),
  col('row_no', 'INTEGER'),
  col('col_no', 'INTEGER'),
  col('paragraph_no', 'INTEGER'),
  col('bbox_x0', 'DOUBLE'),
  col('bbox_y0', 'DOUBLE'),
  col('bbox_x1', 'DOUBLE'),
  col('bbox_y1', 'DOUBLE'),
];

function provenance(p: Provenance | null): Value[] {
  return [
    p?.page ?? null,
    p?.sheet ?? null,
    p?.cell ?? null,
    p?.table ?? null,
    p?.row ?? null,
    p?.col ?? null,
    p?.paragraph ?? null,
    ...(p?.bbox ?? [null, null, null, null]),
  ];
}

const TARGET = (prefix: string): Column[] => [
  col(`${prefix}_raw`),
  col(`${prefix}_kind`),
  col(`${prefix}_op`),
  col(`${prefix}_op_source`),
  col(`${prefix}_value`, 'DOUBLE'),
  col(`${prefix}_value_max`, 'DOUBLE'),
  col(`${prefix}_unit`),
  col(`${prefix}_date`),
  col(`${prefix}_text`),
];

function target(t: Target | null): Value[] {
  return [
    t?.raw ?? null,
    t?.kind ?? null,
    t?.op ?? null,
    t?.op_source ?? null,
    t?.value ?? null,
    t?.value_max ?? null,
    t?.unit ?? null,
    t?.date ?? null,
    t?.text ?? null,
  ];
}

export const TABLES: Table[] = [
  {
    name: 'files',
    columns: [
      col('file'),
      col('sha256'),
      col('format'),
      col('status'),
      col('forms', 'INTEGER'),
      col('error_code'),
      col('error_message'),
      col('duration_ms', 'DOUBLE'),
    ],
  },
  {
    name: 'forms',
    columns: [
      col('form_id'),
      col('file'),
      col('format'),
      col('sha256'),
      col('form_index', 'INTEGER'),
      col('form_count', 'INTEGER'),
      col('pages'),
      col('sheet'),
      col('form_type'),
      col('framework'),
      col('title'),
      col('fiscal_year', 'INTEGER'),
      col('period_raw'),
      col('period_start'),
      col('period_end'),
      col('name'),
      col('authority'),
      col('implementing_unit'),
      col('fund_use'),
      col('category'),
      col('contact'),
      col('duration_raw'),
      col('duration_start'),
      col('duration_end'),
      col('overview'),
      col('basis'),
      col('necessity'),
      col('safeguards'),
      col('plan'),
      col('goal_overall'),
      col('goal_annual_planned'),
      col('goal_annual_expected'),
      col('unit_declared'),
      col('total_yuan', 'DOUBLE'),
      col('total_fiscal_yuan', 'DOUBLE'),
      col('annual_yuan', 'DOUBLE'),
      col('annual_fiscal_yuan', 'DOUBLE'),
      col('carryover_yuan', 'DOUBLE'),
      col('other_yuan', 'DOUBLE'),
      col('indicator_count', 'INTEGER'),
      col('category_count', 'INTEGER'),
      col('empty_category_count', 'INTEGER'),
      col('funding_item_count', 'INTEGER'),
      col('unplaced_count', 'INTEGER'),
      col('extra_field_count', 'INTEGER'),
      col('warning_count', 'INTEGER'),
      col('error_count', 'INTEGER'),
    ],
  },
  {
    name: 'indicators',
    columns: [
      col('form_id'),
      col('indicator_no', 'INTEGER'),
      col('level1_code'),
      col('level1_label'),
      col('level2_code'),
      col('level2_label'),
      col('name'),
      ...TARGET('target'),
      ...TARGET('midterm'),
      col('actual'),
      col('score', 'DOUBLE'),
      col('unit'),
      col('nature'),
      col('weight', 'DOUBLE'),
      col('note'),
      col('flags'),
      col('is_new', 'BOOLEAN'),
      col('is_core', 'BOOLEAN'),
      ...PROVENANCE,
    ],
  },
  {
    name: 'categories',
    columns: [
      col('form_id'),
      col('category_no', 'INTEGER'),
      col('level1_code'),
      col('level2_code'),
      col('level1_label'),
      col('label'),
      col('indicator_count', 'INTEGER'),
    ],
  },
  {
    name: 'funding_items',
    columns: [
      col('form_id'),
      col('item_no', 'INTEGER'),
      col('name'),
      col('amount_yuan', 'DOUBLE'),
      col('raw'),
      ...PROVENANCE,
    ],
  },
  {
    name: 'diagnostics',
    columns: [
      col('form_id'),
      col('diagnostic_no', 'INTEGER'),
      col('code'),
      col('severity'),
      col('message'),
      col('path'),
      ...PROVENANCE,
    ],
  },
  {
    name: 'unplaced',
    columns: [col('form_id'), col('unplaced_no', 'INTEGER'), col('text'), ...PROVENANCE],
  },
  {
    name: 'extra_fields',
    columns: [
      col('form_id'),
      col('field_no', 'INTEGER'),
      col('label'),
      col('value'),
      ...PROVENANCE,
    ],
  },
];

/**
 * A form's key in every table: the same form (same file contents, same position in the file)
 * gets the same id in every run and on every machine, wherever the file lies. 16 hex digits.
 */
export function formId(sha256: string, formIndex: number): string {
  return createHash('sha256').update(`${sha256}:${formIndex}`).digest('hex').slice(0, 16);
}

export type Rows = Record<Exclude<TableName, 'files'>, Value[][]>;

/** The rows one record contributes to each table (1-based item numbers, document order). */
export function recordRows(r: FormRecord): Rows {
  const id = formId(r.source.sha256, r.source.form_index);
  const severities = (s: string): number => r.diagnostics.filter((d) => d.severity === s).length;
  const form: Value[] = [
    id,
    r.source.file,
    r.source.format,
    r.source.sha256,
    r.source.form_index,
    r.source.form_count,
    r.source.pages?.join(',') ?? null,
    r.source.sheet,
    r.form_type,
    r.framework,
    r.title,
    r.fiscal_year,
    r.period?.raw ?? null,
    r.period?.start ?? null,
    r.period?.end ?? null,
    r.fields.name,
    r.fields.authority,
    r.fields.implementing_unit,
    r.fields.fund_use,
    r.fields.category,
    r.fields.contact,
    r.fields.duration?.raw ?? null,
    r.fields.duration?.start ?? null,
    r.fields.duration?.end ?? null,
    r.sections.overview,
    r.sections.basis,
    r.sections.necessity,
    r.sections.safeguards,
    r.sections.plan,
    r.goals.overall,
    r.goals.annual.planned,
    r.goals.annual.expected,
    r.funding.unit_declared,
    r.funding.total_yuan,
    r.funding.total_fiscal_yuan,
    r.funding.annual_yuan,
    r.funding.annual_fiscal_yuan,
    r.funding.carryover_yuan,
    r.funding.other_yuan,
    r.indicators.length,
    r.categories.length,
    r.categories.filter((c) => c.indicator_count === 0).length,
    r.funding.items.length,
    r.unplaced.length,
    r.extra_fields.length,
    severities('warning'),
    severities('error'),
  ];
  return {
    forms: [form],
    indicators: r.indicators.map((x, i) => [
      id,
      i + 1,
      x.level1?.code ?? null,
      x.level1?.label ?? null,
      x.level2?.code ?? null,
      x.level2?.label ?? null,
      x.name,
      ...target(x.target),
      ...target(x.target_midterm),
      x.actual,
      x.score,
      x.unit,
      x.nature,
      x.weight,
      x.note,
      x.flags.length > 0 ? x.flags.join(',') : null,
      x.flags.includes('new'),
      x.flags.includes('core'),
      ...provenance(x.provenance),
    ]),
    categories: r.categories.map((c, i) => [
      id,
      i + 1,
      c.level1,
      c.level2,
      c.level1_label,
      c.label,
      c.indicator_count,
    ]),
    funding_items: r.funding.items.map((f, i) => [
      id,
      i + 1,
      f.name,
      f.amount_yuan,
      f.raw,
      ...provenance(f.provenance),
    ]),
    diagnostics: r.diagnostics.map((d, i) => [
      id,
      i + 1,
      d.code,
      d.severity,
      d.message,
      d.path,
      ...provenance(d.provenance),
    ]),
    unplaced: r.unplaced.map((u, i) => [id, i + 1, u.text, ...provenance(u.provenance)]),
    extra_fields: r.extra_fields.map((e, i) => [
      id,
      i + 1,
      e.label,
      e.value,
      ...provenance(e.provenance),
    ]),
  };
}

/** The files table's row for one manifest entry. */
export function fileRow(m: ManifestEntry): Value[] {
  return [
    m.file,
    m.sha256,
    m.format,
    m.status,
    m.forms,
    m.error?.code ?? null,
    m.error?.message ?? null,
    m.duration_ms,
  ];
}

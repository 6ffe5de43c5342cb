// Every diagnostic code the pipeline raises, with its severity and meaning (stable, snake_case;
// the README's table is checked against this list). Manifest error codes follow below.

export const DIAGNOSTIC_CODES = {
  // about the form (warnings agree across formats)
  empty_category: {
    severity: 'warning',
    meaning: 'a level-1/level-2 category declares no indicator',
  },
  unplaced_cell: {
    severity: 'warning',
    meaning: 'a cell inside the form could not be placed; it is in `unplaced`',
  },
  missing_name: {
    severity: 'warning',
    meaning: 'an indicator row has values but no indicator name',
  },
  placeholder_name: {
    severity: 'warning',
    meaning: 'an indicator name is a template leftover (指标2, ……)',
  },
  unparsed_target: {
    severity: 'warning',
    meaning: 'a target with numbers that does not fit the grammar; kept as text',
  },
  relative_target: {
    severity: 'info',
    meaning: 'a target relative to another period (较上年提高5个百分点, 同比下降10%); kept as text',
  },
  placeholder_target: {
    severity: 'warning',
    meaning: 'a target is a template placeholder (*, **, /, ≥**%)',
  },
  empty_target: { severity: 'warning', meaning: 'an indicator has no target value' },
  unit_subcolumn: {
    severity: 'info',
    meaning:
      'the value header spans two columns and the second holds only units: it was read as the unit column',
  },
  target_with_text: {
    severity: 'warning',
    meaning:
      'a target cell also holds text (足额保障率=100%, 全年4次); the comparison or quantity was read',
  },
  unparsed_operator: {
    severity: 'warning',
    meaning: 'an operator-column cell that is no operator, direction or 定量/定性; kept in `note`',
  },
  target_in_name: {
    severity: 'warning',
    meaning: 'the value cell is empty and the name cell holds the target (足额保障率=100%)',
  },
  target_with_note: {
    severity: 'warning',
    meaning:
      'a value cell holds a remark besides the value (≥95% / （上年实际94.2%））; kept in `note`',
  },
  operator_conflict: {
    severity: 'warning',
    meaning: 'the cell and the 计算符号 column give different operators',
  },
  operator_unused: {
    severity: 'warning',
    meaning: 'the 计算符号 column gives an operator that a text or range target cannot carry',
  },
  date_year_inferred: {
    severity: 'warning',
    meaning: 'a deadline without a year (12月底前) took the fiscal year',
  },
  unknown_label: {
    severity: 'warning',
    meaning: 'a label with no canonical key; kept in `extra_fields`',
  },
  funding_year_unknown: {
    severity: 'warning',
    meaning:
      'a funding table has a column per year and none is the fiscal year; every amount is kept in `extra_fields`',
  },
  fiscal_parts: {
    severity: 'warning',
    meaning:
      'fiscal funds given in several rows (中央 / 省级 … 财政资金) do not add up to the total; the first is kept',
  },
  fiscal_parts_summed: {
    severity: 'info',
    meaning:
      'fiscal funds given in several rows add up, with the other funds, to the total; the fiscal amount is their sum',
  },
  annual_from_item_total: {
    severity: 'info',
    meaning:
      "the form states the year's funding only as the total row (合计) of its 当年投入资金构成 list; that total is annual_yuan",
  },
  other_parts_summed: {
    severity: 'info',
    meaning:
      'other funds given in several rows (事业收入, 其他收入 …) add up, with the fiscal funds, to the total; the other amount is their sum',
  },
  funding_sum_mismatch: {
    severity: 'warning',
    meaning:
      "amounts that cannot all be right: the year's parts (财政拨款, 其他资金) adding up to more than its total even without 上年结转, a part larger than its total, the whole period's fiscal funds above its total, or the items of a one-level list (no 小计, 其中 or second numbering) not adding up to its 合计 beyond their rounding; all are kept as written",
  },
  funding_parts_sum: {
    severity: 'info',
    meaning:
      'amounts on one line add up to a total other than the one they stand under; they were read as its parts',
  },
  duration_from_label: {
    severity: 'info',
    meaning:
      'the form gives no duration field; the period written in a label (项目总体目标（2024年-2026年）) was read as the duration',
  },
  fiscal_year_from_sheet: {
    severity: 'info',
    meaning: 'the form states no year; the fiscal year was taken from the worksheet name (2025年)',
  },
  categories_in_column: {
    severity: 'info',
    meaning:
      'a column whose header could name operators (指标类型) holds category names (数量指标 …) and was read as the level-2 column',
  },
  label_placed_in_column: {
    severity: 'info',
    meaning:
      "a PDF page prints a label in a table column where it draws no cell (a level-1 cell merged down over pages, printed again on a later page): the label was read as that column's cell",
  },
  value_column_by_year: {
    severity: 'info',
    meaning:
      "columns of one meaning name different years (2025年指标值 | 2026年指标值): the one naming the form's year was read, the others kept in unplaced",
  },
  value_columns_other_years: {
    severity: 'warning',
    meaning:
      "columns of one meaning name different years and none names the form's year (or it is not known): none was read, their cells kept in unplaced",
  },
  name_column_inferred: {
    severity: 'info',
    meaning:
      'an indicator table has no name column the dictionaries know: the column between the level-2 and the value columns (blank header, or a header such as 绩效指标) was read as the name column',
  },
  clipped_text: {
    severity: 'info',
    meaning:
      'a PDF page draws text outside its clipping area (not shown by a viewer: a merged cell cut by a page break, drawn again); it was not read',
  },
  group_label_value: {
    severity: 'info',
    meaning:
      'a block label (绩效目标, 项目资金（万元）) had one value beside it instead of labels below; read as the annual goal or the annual amount',
  },
  unit_name_label: {
    severity: 'info',
    meaning:
      'a unit-name label (单位名称, 部门名称) beside a project or policy name was read as the implementing unit or the authority',
  },
  unknown_level1: {
    severity: 'warning',
    meaning: 'a level-1 label that is not a known category; code `other`',
  },
  unknown_level2: {
    severity: 'warning',
    meaning: 'a level-2 label that is not a known category; code `other`',
  },
  level1_inferred: {
    severity: 'warning',
    meaning: 'a missing level-1 cell was inferred from its level 2',
  },
  label_without_value: {
    severity: 'warning',
    meaning:
      'a funding label with no value stands after the amount of another label of the same funds on its line (a note on it?); kept in `extra_fields`',
  },
  duplicate_field: {
    severity: 'warning',
    meaning: 'the same label appears twice with different values; the first is kept',
  },
  amount_unit_unknown: {
    severity: 'warning',
    meaning: 'an amount with no declared unit (元/万元/亿元); not converted',
  },
  amount_unit_mixed: { severity: 'warning', meaning: 'the form declares several money units' },
  matrix_fallback_column: {
    severity: 'info',
    meaning:
      'a funding-matrix row left its main column (全年预算数) blank or dashed; its amount was read from the next amount column (年初预算数)',
  },
  amount_unit_in_cells: {
    severity: 'info',
    meaning:
      'no label declares the money unit; the unit written in the amount cells (120万元) is taken as declared when they all agree',
  },
  item_amount_parts: {
    severity: 'warning',
    meaning:
      'a task list gives only parts of each amount (财政拨款 | 其他资金) and no total: the items have no amount, the parts are in extra_fields',
  },
  amount_unparsed: {
    severity: 'warning',
    meaning: 'an amount cell that is not a number; kept in `extra_fields`',
  },
  unparsed_number: { severity: 'warning', meaning: 'a weight or score cell that is not a number' },
  date_unparsed: {
    severity: 'warning',
    meaning: 'a duration or date cell that does not parse; raw kept',
  },
  fiscal_year_conflict: {
    severity: 'warning',
    meaning: 'title, year field and period state different years',
  },
  fiscal_year_ambiguous: {
    severity: 'warning',
    meaning: 'the period spans several years and nothing else states the year',
  },
  no_indicator_table: { severity: 'warning', meaning: 'the form has no indicator table' },
  missing_field: {
    severity: 'warning',
    meaning: 'the form gives no name (项目名称/政策名称/部门名称)',
  },
  no_option_ticked: {
    severity: 'warning',
    meaning: 'a field lists tick-box options (□新增项目 □延续项目) but none is ticked',
  },
  missing_title: { severity: 'warning', meaning: 'no form title before the form' },
  formula_not_evaluated: {
    severity: 'warning',
    meaning:
      'spreadsheet formula cells have no stored result (not calculated by the program that wrote the file); their values are missing',
  },
  formula_as_text: {
    severity: 'info',
    meaning:
      'a spreadsheet formula cell holds text after an equals sign (=20个, =100%), read as that text',
  },
  cell_error: {
    severity: 'warning',
    meaning: 'a spreadsheet cell shows an error (#VALUE!, #REF! …) instead of a value',
  },
  truncated_document: {
    severity: 'warning',
    meaning: 'the file ends inside a table, or is too large to read whole; rows may be missing',
  },
  no_text_layer: {
    severity: 'warning',
    meaning: 'a PDF page is an image (a scan) with no text; it was not read (no OCR)',
  },
  unmapped_font: {
    severity: 'warning',
    meaning:
      'PDF text in a font with no usable Unicode mapping was left out rather than read as garbage',
  },
  // about one file's physical layout (info: excluded from cross-format comparison)
  encoding_sniffed: { severity: 'info', meaning: 'the text encoding was guessed, not declared' },
  undecodable_bytes: {
    severity: 'warning',
    meaning:
      'characters of an HTML page could not be decoded in its encoding (a page saved half in one encoding, half in another); the text near them may be garbled',
  },
  table_continued: {
    severity: 'info',
    meaning: 'the indicator table continues in a following table without its header',
  },
  table_columns_aligned: {
    severity: 'info',
    meaning:
      'PDF rows drawn as a table of their own under their header row, at other column widths, were placed on its columns',
  },
  tables_nested_deep: {
    severity: 'info',
    meaning:
      'tables nested inside each other deeper than 64 levels (no form does that): the deeper ones were read as paragraphs of their text',
  },
  table_in_cell: {
    severity: 'info',
    meaning:
      "a small table written inside a cell (a note, a plan of steps) was read as that cell's text, rows on lines and cells joined by |",
  },
  hidden_content_skipped: {
    severity: 'info',
    meaning:
      'hidden rows, cells or blocks of a page (display:none), hidden rows and columns of a sheet, hidden text of a Word document, were not read',
  },
  placeholder_text_skipped: {
    severity: 'info',
    meaning:
      'content controls of a Word document showing their placeholder prompt (单击或点击此处输入文字) were read as empty',
  },
  extension_differs: {
    severity: 'info',
    meaning:
      'the file name says another format than the content (an HTML page named .xls); read as what it holds',
  },
  hidden_sheet: { severity: 'info', meaning: 'the form is on a hidden worksheet' },
  page_furniture_dropped: {
    severity: 'info',
    meaning:
      'header or footer lines in the page margins (page numbers, printing date, file path) were not read',
  },
  table_from_text_alignment: {
    severity: 'info',
    meaning:
      'a PDF table has no ruling lines; its cells were rebuilt from the alignment of the text',
  },
  table_joined_across_pages: {
    severity: 'info',
    meaning: 'a PDF table continued on the next page; the parts were joined into one table',
  },
  page_continues_right: {
    severity: 'info',
    meaning:
      'a sheet printed wider than its paper: a page holding the columns that did not fit was read beside the page it continues',
  },

  text_outside_form: { severity: 'info', meaning: 'text before the first form belongs to no form' },
} as const satisfies Record<string, { severity: 'info' | 'warning' | 'error'; meaning: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Codes of the manifest's `error` for a file that is not ok. */
export const FILE_ERROR_CODES = {
  empty_file: { status: 'empty', meaning: 'the file has no bytes, or only whitespace' },
  no_form_found: { status: 'empty', meaning: 'the document holds no performance-target form' },
  unrecognized_format: { status: 'failed', meaning: 'the content is not HTML, Word, Excel or PDF' },
  format_not_supported: {
    status: 'skipped',
    meaning: 'a recognised format this version does not read',
  },
  encrypted: { status: 'failed', meaning: 'the file is encrypted or password-protected' },
  undecodable_text: {
    status: 'failed',
    meaning: 'the bytes decode as text in no plausible encoding',
  },
  corrupt_container: {
    status: 'failed',
    meaning: 'the container is damaged (truncated zip, broken workbook or PDF)',
  },
  no_text_layer: {
    status: 'empty',
    meaning:
      'no form was found and the PDF has pages that are images (a scan) or text turned into outlines; no OCR is done',
  },
  unmapped_font: {
    status: 'failed',
    meaning: 'no form was found and the PDF has text in fonts with no usable Unicode mapping',
  },
  extension_mismatch: {
    status: 'failed',
    meaning: 'the name says Word, Excel or PDF but the content is plain text',
  },
  file_too_large: {
    status: 'failed',
    meaning: 'the file is larger than 32 MiB (PDF: 256 MiB), far beyond any form; not read',
  },
  read_error: {
    status: 'failed',
    meaning: 'the file (or a folder given or found) could not be read from disk',
  },
  not_a_file: {
    status: 'skipped',
    meaning: 'a fifo, socket or device, or a link to a folder that holds it (a loop); not read',
  },
  unsafe_path: {
    status: 'failed',
    meaning:
      'an archive entry whose name leads out of the archive (../, an absolute path); not read',
  },
  zip_bomb: {
    status: 'failed',
    meaning:
      'an archive entry or archive that would inflate beyond the limits (256 MiB an entry, 1 GiB an archive)',
  },
  nested_too_deep: { status: 'failed', meaning: 'an archive nested more than 3 archives deep' },
  stream_too_large: {
    status: 'failed',
    meaning:
      "a PDF stream inflates beyond 64 MiB (all streams: 256 MiB), or a workbook's parts beyond 256 MiB, far beyond any form (a decompression bomb); not read",
  },
  empty_archive: { status: 'empty', meaning: 'a zip archive with no file in it' },
  timeout: {
    status: 'failed',
    meaning: 'extraction took longer than the per-file limit (--timeout) and was stopped',
  },
  out_of_memory: {
    status: 'failed',
    meaning: "extraction needed more than a worker's heap limit (--max-heap) and was stopped",
  },
  internal_error: {
    status: 'failed',
    meaning: 'extraction failed unexpectedly (a bug: please report the file)',
  },
} as const;

export type FileErrorCode = keyof typeof FILE_ERROR_CODES;

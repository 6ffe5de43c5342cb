// Reads the rows of an indicator table: merged level-1/level-2 cells filled down, a missing
// level 1 inferred from its level 2, empty categories kept, orphan cells unplaced.
import { CORE_YES, DIRECTION_VALUES, NATURE_VALUES } from '../dict/columns.js';
import { operatorOf } from '../normalize/target-grammar.js';
import { LEVEL1_NAMES } from '../dict/levels.js';
import type { Origin } from '../model/document.js';
import type { Indicator, Level1Code, Level2Code } from '../normalize/schema.js';
import { isPlaceholderText, parseTarget, type TargetContext } from '../normalize/target.js';
import { labelKey, normalizeRaw, oneLine } from '../text/normalize.js';
import { cleanName, nameUnit, parseLooseNumber, splitNameTarget } from './annotations.js';
import { splitTargetCell } from './target-cells.js';
import { hasRole, headerAt, roleAt, unknownHeaderAt, type ColumnMap } from './columns.js';
import type { Diagnostics } from './diagnostics.js';
import { level1Code, level2Code, level2Info } from './levels.js';
import type { Line, LineCell } from './lines.js';
import { unplaceCell, type ExtraField, type UnplacedCell } from './placed.js';
import type { ColumnRole } from '../dict/columns.js';

interface Level {
  code: Level1Code | Level2Code;
  label: string | null;
}

export interface CategoryAcc {
  level1: Level1Code | null;
  level1Label: string | null;
  level2: Level2Code | null;
  label: string | null;
  count: number;
  origin: Origin;
}

export interface IndicatorTables {
  indicators: Indicator[];
  categories: CategoryAcc[];
  unplaced: UnplacedCell[];
  extra: ExtraField[];
  /** Indexes (in the form's line list) of the lines the tables used. */
  consumed: Set<number>;
  found: boolean;
}

export interface IndicatorContext {
  fiscalYear: number | null;
  isTitle: (line: Line) => boolean;
  /** True when a line starts with a header label (审核意见, 填报人 …) that ends the table. */
  endsTable: (line: Line) => 'end' | 'total' | null;
}

const DIRECTION = new Map<string, string>();
for (const { symbol, values } of DIRECTION_VALUES)
  for (const v of values) DIRECTION.set(labelKey(v), symbol);
const CORE = new Set(CORE_YES.map((v) => labelKey(v).toUpperCase()));

const NATURE = new Map<string, 'quantitative' | 'qualitative'>();
for (const { nature, values } of NATURE_VALUES)
  for (const v of values) NATURE.set(labelKey(v), nature);

/** Template leftovers used as names (指标2, ……, **) are short; longer names are not checked. */
const PLACEHOLDER_NAME_MAX = 8;

const INFER_PARENT: Partial<Record<Level2Code, Level1Code>> = {
  timeliness: 'output',
  cost: 'cost',
};

export class TableReader {
  readonly out: IndicatorTables = {
    indicators: [],
    categories: [],
    unplaced: [],
    extra: [],
    consumed: new Set(),
    found: false,
  };
  private l1: Level | null = null;
  private l1Id: object | null = null;
  private l2: Level | null = null;
  private l2Id: object | null = null;
  private category: CategoryAcc | null = null;

  constructor(
    private readonly ctx: IndicatorContext,
    private readonly diags: Diagnostics,
  ) {}

  resetLevels(): void {
    this.l1 = this.l2 = null;
    this.l1Id = this.l2Id = null;
    this.category = null;
  }

  row(line: Line, map: ColumnMap): void {
    const byRole = new Map<ColumnRole, LineCell>();
    const notes: string[] = [];
    const operators: { text: string; col: number }[] = [];
    for (const cell of line.cells) {
      const role = roleAt(map, cell.col);
      if (role === null) {
        if (cell.isStart && cell.text !== null) {
          const header = unknownHeaderAt(map, cell.col);
          const repeated = header === null ? headerAt(map, cell.col) : null;
          const year = repeated !== null && map.otherYears?.skipped.includes(repeated);
          const why = header
            ? `is in the column "${header}", which has no known meaning`
            : year
              ? `is in the column "${repeated}", which names another year`
              : repeated
                ? `is in the column "${repeated}", which repeats the meaning of an earlier column`
                : 'is in a column with no header';
          this.unplace(cell, why, line);
        }
        continue;
      }
      if (role === 'note' || role === 'operator') {
        if (cell.isStart && cell.text !== null) {
          if (role === 'note') notes.push(cell.text);
          else operators.push({ text: cell.text, col: cell.col });
        }
        if (!byRole.has(role) || cell.text !== null) byRole.set(role, cell);
        continue;
      }
      const prev = byRole.get(role);
      if (!prev || (prev.text === null && cell.text !== null)) byRole.set(role, cell);
      else if (cell.isStart && cell.text !== null && prev !== cell) {
        this.unplace(cell, `shares the ${role} column with another cell`, line);
      }
    }
    const { l1New, l2New } = this.levels(byRole.get('level1'), byRole.get('level2'), line);
    const hasLevel2 = hasRole(map, 'level2');
    const nameCell = byRole.get('name');
    const name = nameCell?.text ?? null;
    const dataRoles: ColumnRole[] = [
      'value',
      'value_annual',
      'value_midterm',
      'unit',
      'operator',
      'weight',
      'note',
      'actual',
      'score',
    ];
    const dataCells = dataRoles
      .map((r) => byRole.get(r))
      .filter((c): c is LineCell => c !== undefined && c.isStart && c.text !== null);
    const nameIsNew =
      nameCell !== undefined && name !== null && (nameCell.isStart || dataCells.length > 0);
    if (nameIsNew || (dataCells.length > 0 && (l2New || (l1New && !hasLevel2)))) {
      this.indicator(byRole, notes, operators, line);
    } else if (dataCells.length > 0) {
      for (const cell of dataCells)
        this.unplace(cell, 'has no indicator name and no new category', line);
    }
  }

  private levels(
    c1: LineCell | undefined,
    c2: LineCell | undefined,
    line: Line,
  ): { l1New: boolean; l2New: boolean } {
    let l1New = false;
    let l2New = false;
    const l1Given = c1 !== undefined && c1.text !== null;
    const notes: {
      code: 'unknown_level1' | 'unknown_level2' | 'level1_inferred';
      message: string;
      cell: LineCell;
    }[] = [];
    if (c1 && c1.text !== null && c1.id !== this.l1Id) {
      const code = level1Code(c1.text);
      if (code === null) {
        notes.push({
          code: 'unknown_level1',
          message: `Level-1 category "${c1.text}" is not a known one; kept as "other".`,
          cell: c1,
        });
      }
      this.l1 = { code: code ?? 'other', label: oneLine(c1.text) };
      this.l1Id = c1.id;
      this.l2 = null;
      this.l2Id = null;
      l1New = true;
    }
    if (c2 && c2.text !== null && c2.id !== this.l2Id) {
      const info = level2Info(c2.text);
      if (info && !l1Given && (this.l1 === null || (info.parent && info.parent !== this.l1.code))) {
        const parent = info.parent ?? INFER_PARENT[info.code] ?? null;
        if (parent) {
          this.l1 = { code: parent, label: null };
          this.l1Id = null;
          notes.push({
            code: 'level1_inferred',
            message: `No level-1 cell for "${c2.text}"; level 1 inferred as ${LEVEL1_NAMES[parent]} (${parent}).`,
            cell: c2,
          });
        }
      }
      const code = level2Code(c2.text, (this.l1?.code as Level1Code | undefined) ?? null);
      if (code === null) {
        notes.push({
          code: 'unknown_level2',
          message: `Level-2 category "${c2.text}" is not a known one; kept as "other".`,
          cell: c2,
        });
      }
      this.l2 = { code: code ?? 'other', label: oneLine(c2.text) };
      this.l2Id = c2.id;
      l2New = true;
    }
    if (l1New || l2New) {
      // a category met again (its label repeated on a later row, not merged) was said once
      if (this.openCategory(l2New ? c2! : c1!, line)) {
        const path = `categories[${this.out.categories.indexOf(this.category!)}]`;
        for (const n of notes) this.diags.warn(n.code, n.message, path, n.cell.origin);
      }
    }
    return { l1New, l2New };
  }

  /** Opens the category of the current levels; true when it is new to the form. */
  private openCategory(cell: LineCell, line: Line): boolean {
    const level1 = (this.l1?.code as Level1Code | undefined) ?? null;
    const level2 = (this.l2?.code as Level2Code | undefined) ?? null;
    const existing = this.out.categories.find(
      (c) =>
        c.level1 === level1 &&
        c.level1Label === (this.l1?.label ?? null) &&
        c.level2 === level2 &&
        c.label === (this.l2?.label ?? null),
    );
    this.category = existing ?? {
      level1,
      level1Label: this.l1?.label ?? null,
      level2,
      label: this.l2?.label ?? null,
      count: 0,
      origin: cell.origin ?? line.origin,
    };
    if (!existing) this.out.categories.push(this.category);
    return !existing;
  }

  private indicator(
    byRole: Map<ColumnRole, LineCell>,
    notes: string[],
    operators: { text: string; col: number }[],
    line: Line,
  ): void {
    const index = this.out.indicators.length;
    const path = `indicators[${index}]`;
    const nameCell = byRole.get('name');
    const named = cleanName(nameCell?.text ?? null);
    const flags = new Set(named.flags);
    const text = (role: ColumnRole): string | null => {
      const c = byRole.get(role);
      return c && c.isStart ? c.text : null;
    };
    /** The operator columns' operators (a direction word read as one), left to right. */
    const ops: { op: string; col: number }[] = [];
    let nature: Indicator['nature'] = null;
    const unreadOps: string[] = [];
    for (const { text: opText, col } of operators) {
      const key = labelKey(opText);
      const n = NATURE.get(key);
      const direction = DIRECTION.get(key);
      if (n) nature ??= n;
      else if (direction) ops.push({ op: direction, col });
      else if (operatorOf(opText)) ops.push({ op: opText, col });
      else if (!isPlaceholderText(opText)) unreadOps.push(opText); // —— says nothing
    }
    // a value column's operator: the nearest operator column left of it (中期 符号 | 数值 …
    // 年度 符号 | 数值 each have their own), else the first
    const opFor = (value: LineCell | undefined): string | null =>
      (value ? ops.filter((o) => o.col < value.col).at(-1) : undefined)?.op ?? ops[0]?.op ?? null;
    for (const op of unreadOps) {
      notes.push(op);
      this.diags.warn(
        'unparsed_operator',
        `"${op}" in the operator column is not an operator, a direction or 定量/定性; kept in note.`,
        `${path}.note`,
        byRole.get('operator')?.origin ?? null,
      );
    }
    const core = byRole.get('core');
    if (core?.isStart && core.text !== null && CORE.has(labelKey(core.text).toUpperCase()))
      flags.add('core');
    const annualCell = byRole.get('value_annual') ?? byRole.get('value');
    const midCell = byRole.get('value_midterm');
    const mainCell = annualCell ?? midCell;
    const mainRaw = mainCell?.isStart ? mainCell.source : null;
    // a name cell that also holds the target, beside an empty value cell: 足额保障率=100%
    const fused = mainCell?.isStart && mainCell.text !== null ? null : splitNameTarget(named.text);
    if (fused) {
      named.text = fused.name;
      this.diags.warn(
        'target_in_name',
        `The target "${fused.target}" is written in the name cell; it was read from there.`,
        `${path}.target`,
        nameCell?.origin ?? null,
      );
    }
    const ctx: TargetContext = {
      unitColumn: text('unit'),
      opColumn: opFor(fused ? undefined : mainCell),
      nameUnit: nameUnit(named.text),
      fiscalYear: this.ctx.fiscalYear,
    };
    // one cell holding two values (年度：60辆 / 中期：180辆) or a value and a remark
    const cell = fused ? null : splitTargetCell(mainRaw);
    const main = this.target(
      fused ? fused.target : (cell?.main ?? null),
      fused ? nameCell : mainCell,
      ctx,
      `${path}.target`,
      flags,
    );
    if (cell?.split) {
      main.raw = normalizeRaw(mainRaw);
      for (const remark of cell.rest) notes.push(remark);
      if (cell.rest.length > 0) {
        this.diags.warn(
          'target_with_note',
          `The value cell also holds "${cell.rest.join(' ')}"; it was kept in note.`,
          `${path}.note`,
          mainCell?.origin ?? null,
        );
      }
    }
    const mid =
      annualCell && midCell
        ? this.target(
            midCell.isStart ? midCell.source : null,
            midCell,
            { ...ctx, opColumn: opFor(midCell) },
            `${path}.target_midterm`,
            flags,
          )
        : cell?.midterm
          ? this.target(cell.midterm, mainCell, ctx, `${path}.target_midterm`, flags)
          : null;
    if (main.kind === 'empty') {
      this.diags.warn(
        'empty_target',
        `Indicator "${named.text ?? ''}" has no target value.`,
        `${path}.target`,
        (mainCell ?? nameCell)?.origin ?? line.origin,
      );
    }
    if (named.text === null) {
      this.diags.warn(
        'missing_name',
        'An indicator row has a value but no indicator name.',
        path,
        (mainCell ?? line.cells[0])?.origin ?? line.origin,
      );
    } else if (
      named.text.length <= PLACEHOLDER_NAME_MAX &&
      parseTarget(named.text).target.kind === 'placeholder'
    ) {
      this.diags.warn(
        'placeholder_name',
        `Indicator name "${named.text}" is a template placeholder.`,
        `${path}.name`,
        nameCell?.origin ?? null,
      );
    }
    this.out.indicators.push({
      level1: this.l1 ? { code: this.l1.code as Level1Code, label: this.l1.label } : null,
      level2: this.l2 ? { code: this.l2.code as Level2Code, label: this.l2.label } : null,
      name: named.text,
      target: main,
      target_midterm: mid,
      actual: text('actual'),
      score: this.number(byRole.get('score'), `${path}.score`),
      unit: oneLine(text('unit')),
      nature,
      weight: this.number(byRole.get('weight'), `${path}.weight`),
      note: notes.length > 0 ? notes.join('\n') : null,
      flags: [...flags].sort() as Indicator['flags'],
      provenance: (nameCell ?? mainCell)?.origin ?? line.origin,
    });
    if (!this.category) this.openCategory(nameCell ?? line.cells[0]!, line);
    this.category!.count++;
  }

  private target(
    raw: string | null,
    cell: LineCell | undefined,
    ctx: TargetContext,
    path: string,
    flags: Set<string>,
  ): Indicator['target'] {
    const result = parseTarget(raw, ctx);
    for (const f of result.flags) flags.add(f);
    for (const n of result.notes)
      this.diags.add(n.code, n.severity, n.message, path, cell?.origin ?? null);
    return result.target;
  }

  private number(cell: LineCell | undefined, path: string): number | null {
    if (!cell || !cell.isStart || cell.text === null) return null;
    const n = parseLooseNumber(cell.text);
    if (n === null)
      this.diags.warn('unparsed_number', `"${cell.text}" is not a number.`, path, cell.origin);
    return n;
  }

  unplace(cell: LineCell, why: string, line: Line): void {
    unplaceCell(this.out.unplaced, this.diags, cell, line.index, why);
  }
}

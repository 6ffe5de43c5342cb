// Funding block: amounts converted to yuan from the unit the form declares, the whole-period and
// annual sides told apart by position (其中：财政资金 belongs to the total above or left of it).
import {
  DECLARED_MONEY_UNITS,
  SUBTOTAL_WORDS,
  WHOLE_PERIOD_WORDS,
  type MoneyUnit,
} from '../dict/labels.js';
import { labelKey } from '../text/normalize.js';
import { parseAmount } from '../normalize/numbers.js';
import type { FormRecord } from '../normalize/schema.js';
import type { Diagnostics } from './diagnostics.js';
import type { Assignment } from './fields.js';
import { isTotalKey } from './header-types.js';
import type { ItemList } from './items.js';
import { isSubRowKey, matchLabel } from './label-match.js';
import { headingStyle } from './notes.js';
import { at, type ExtraField } from './placed.js';

type Funding = FormRecord['funding'];
type AmountField = Exclude<keyof Funding, 'unit_declared' | 'items'>;
type Side = 'total' | 'annual';

/** Two amounts in yuan that are the same to the fen. */
const sameYuan = (a: number, b: number): boolean => Math.abs(a - b) < 0.005;
/** Labels that name a whole-period amount explicitly; such a total never stands in for the annual one. */
const WHOLE_PERIOD = new RegExp(WHOLE_PERIOD_WORDS.join('|'), 'u');

export interface FundingResult {
  funding: Funding;
  extra: ExtraField[];
}

/** A money unit written in the amount cell itself (3,600万元). */
function writtenUnit(value: string): MoneyUnit | null {
  const v = value.normalize('NFKC').replace(/\s+/gu, '');
  return (
    [...DECLARED_MONEY_UNITS].sort((x, y) => y.length - x.length).find((u) => v.endsWith(u)) ?? null
  );
}

function fieldFor(a: Assignment, side: Side): AmountField | null {
  switch (a.key) {
    case 'funding_total':
      return 'total_yuan';
    case 'funding_annual':
      return 'annual_yuan';
    case 'funding_fiscal':
      return side === 'total' ? 'total_fiscal_yuan' : 'annual_fiscal_yuan';
    case 'funding_carryover':
      return side === 'annual' ? 'carryover_yuan' : null;
    case 'funding_other':
      return side === 'annual' ? 'other_yuan' : null;
    default:
      return null;
  }
}

const isFiscal = (field: AmountField): boolean =>
  field === 'annual_fiscal_yuan' || field === 'total_fiscal_yuan';

/**
 * Fiscal funds written as several rows (其中：中央财政资金 | 省级财政资金 | 市级财政资金): when
 * they, with the side's other parts, add up to the side's total, the fiscal amount is their sum;
 * otherwise the first stands and a warning says the others were not added.
 */
function sumFiscalParts(
  funding: Funding,
  field: AmountField,
  parts: { a: Assignment; yuan: number }[],
  diags: Diagnostics,
): void {
  const annual = field === 'annual_fiscal_yuan';
  const total = annual ? funding.annual_yuan : funding.total_yuan;
  const rest = annual ? (funding.other_yuan ?? 0) + (funding.carryover_yuan ?? 0) : 0;
  const sum = parts.reduce((n, p) => n + p.yuan, 0);
  const named = parts.map((p) => `${p.a.label} ${p.a.value}`).join(', ');
  // (parts of nothing beside the first change nothing: 政府性基金预算拨款 0.00)
  if (sameYuan(sum, parts[0]!.yuan)) return;
  if (total !== null && sameYuan(sum + rest, total)) {
    funding[field] = Math.round(sum * 100) / 100;
    diags.info(
      'fiscal_parts_summed',
      `The fiscal funds are given in parts (${named}) that, with the other funds, add up to the total; the fiscal amount is their sum (the parts after the first stay in extra_fields).`,
      `funding.${field}`,
      parts[0]!.a.origin,
    );
    return;
  }
  diags.warn(
    'fiscal_parts',
    `The fiscal funds are given in parts (${named}) that do not add up to the total; the first is kept and the others are in extra_fields.`,
    `funding.${field}`,
    parts[1]!.a.origin,
  );
}

/**
 * The year's other funds given under several labels (收入合计 | 一般公共预算拨款 | 事业收入 |
 * 其他收入): when they, with the fiscal funds and the carry-over, add up to the year's total, the
 * other amount is their sum; else the first stays, the others being in extra_fields.
 */
function sumOtherParts(
  funding: Funding,
  parts: { a: Assignment; yuan: number }[],
  diags: Diagnostics,
): void {
  const total = funding.annual_yuan;
  const sum = parts.reduce((n, p) => n + p.yuan, 0);
  const rest = (funding.annual_fiscal_yuan ?? 0) + (funding.carryover_yuan ?? 0);
  if (total === null || sameYuan(sum, parts[0]!.yuan)) return;
  if (!sameYuan(sum + rest, total)) return;
  funding.other_yuan = Math.round(sum * 100) / 100;
  const named = parts.map((p) => `${p.a.label} ${p.a.value}`).join(', ');
  diags.info(
    'other_parts_summed',
    `The other funds are given in parts (${named}) that, with the fiscal funds, add up to the total; the other amount is their sum (the parts after the first stay in extra_fields).`,
    'funding.other_yuan',
    parts[0]!.a.origin,
  );
}

/**
 * The year's fiscal funds and its other funds each given in several rows (一般公共预算拨款 |
 * 政府性基金预算拨款 … 事业收入 | 其他收入): when both sums, with the carry-over, add up to the
 * year's total, each amount is its sum (info for each). False, changing nothing, otherwise.
 */
function sumBothSides(
  funding: Funding,
  fiscal: { a: Assignment; yuan: number }[],
  others: { a: Assignment; yuan: number }[],
  diags: Diagnostics,
): boolean {
  const total = funding.annual_yuan;
  const sumOf = (parts: { yuan: number }[]): number => parts.reduce((n, p) => n + p.yuan, 0);
  const [f, o] = [sumOf(fiscal), sumOf(others)];
  if (total === null || !sameYuan(f + o + (funding.carryover_yuan ?? 0), total)) return false;
  const named = (parts: { a: Assignment }[]): string =>
    parts.map((p) => `${p.a.label} ${p.a.value}`).join(', ');
  funding.annual_fiscal_yuan = Math.round(f * 100) / 100;
  funding.other_yuan = Math.round(o * 100) / 100;
  diags.info(
    'fiscal_parts_summed',
    `The fiscal funds are given in parts (${named(fiscal)}) that, with the other funds given in parts too, add up to the total; the fiscal amount is their sum (the parts after the first stay in extra_fields).`,
    'funding.annual_fiscal_yuan',
    fiscal[0]!.a.origin,
  );
  diags.info(
    'other_parts_summed',
    `The other funds are given in parts (${named(others)}) that, with the fiscal funds given in parts too, add up to the total; the other amount is their sum (the parts after the first stay in extra_fields).`,
    'funding.other_yuan',
    others[0]!.a.origin,
  );
  return true;
}

/** An amount in yuan, or null when it has no unit or is not a number. */
function yuanOf(a: Assignment, declared: MoneyUnit | null): number | null {
  if (a.value === null) return null;
  const unit = a.unit ?? declared ?? writtenUnit(a.value);
  if (unit === null) return null;
  const parsed = parseAmount(a.source ?? a.value, unit);
  return parsed.ok ? parsed.yuan : null;
}

/**
 * Parts written on one line (其中：财政拨款 | 6,000,000.00 | 自筹资金 | 200,000.00) whose amounts add
 * up to exactly one total of the form belong to that total, wherever they stand: the sum is
 * stronger evidence than the column. Lines whose parts add up to no total, or to two totals of
 * the same amount, keep their places.
 */
function partsBySum(
  money: Assignment[],
  yuan: (a: Assignment) => number | null,
): Map<number, Assignment> {
  const owners = new Map<number, Assignment>();
  const totals = money.filter((a) => isTotalKey(a.key));
  const lines = new Set(money.filter((a) => !isTotalKey(a.key)).map((a) => a.line));
  for (const line of lines) {
    const parts = money.filter((a) => a.line === line && !isTotalKey(a.key) && a.value !== null);
    if (parts.length < 2) continue;
    const amounts = parts.map(yuan);
    if (amounts.some((x) => x === null)) continue;
    const sum = amounts.reduce((n, x) => n! + x!, 0)!;
    const match = totals.filter((t) => {
      const y = t.line === line ? null : yuan(t);
      return y !== null && sameYuan(y, sum);
    });
    if (match.length === 1) owners.set(line, match[0]!);
  }
  return owners;
}

export function resolveFunding(
  assignments: Assignment[],
  lists: ItemList[],
  units: MoneyUnit[],
  diags: Diagnostics,
  fiscalYear: number | null = null,
): FundingResult {
  const funding: Funding = {
    unit_declared: units[0] ?? null,
    total_yuan: null,
    total_fiscal_yuan: null,
    annual_yuan: null,
    annual_fiscal_yuan: null,
    carryover_yuan: null,
    other_yuan: null,
    items: [],
  };
  const extra: FundingResult['extra'] = [];
  /** Units written in the amount cells themselves (120万元) when no label or block declares one. */
  const inCells = new Set<MoneyUnit>();
  /** Whether an amount cell writes no unit (then the cells' unit is not the form's). */
  let bare = false;
  if (units.length > 1) {
    diags.warn(
      'amount_unit_mixed',
      `The form declares several money units (${units.join(', ')}); each amount uses the unit of its own label or block.`,
      'funding.unit_declared',
    );
  }
  // a table with one column per year: the fiscal year's column is the year's funding, the other
  // years' amounts are kept under their row and year (资金总额/2025年)
  const years = assignments.filter((a) => a.year !== undefined && a.value !== null);
  const inYear = (a: Assignment): boolean => a.year === undefined || a.year.year === fiscalYear;
  if (years.length > 0 && !years.some(inYear)) {
    const named = [...new Set(years.map((a) => `${a.year!.year}`))].join(', ');
    diags.warn(
      'funding_year_unknown',
      `The funding table has a column per year (${named}) and none is the fiscal year${fiscalYear === null ? ' (unknown)' : ` ${fiscalYear}`}; each year's amounts are kept in extra_fields.`,
      null,
      years[0]!.origin,
    );
  }
  for (const a of years) {
    if (inYear(a)) continue;
    extra.push({
      label: a.year!.name,
      value: a.value,
      provenance: a.origin,
      at: at(a.line, a.col),
    });
  }
  const money = assignments.filter((a) => a.key.startsWith('funding_') && inYear(a));
  // a form with one undifferentiated total (no annual amount, no explicit whole-period label)
  // states the year's funding: everything goes to the annual side
  const undifferentiated =
    !money.some((a) => a.key === 'funding_annual') &&
    !money.some((a) => a.key === 'funding_total' && WHOLE_PERIOD.test(a.label));
  const byLine = partsBySum(money, (a) => yuanOf(a, funding.unit_declared));
  const sideByCol = new Map<number, Assignment>();
  let lastTotal: Assignment | null = null;
  const holder = new Map<AmountField, string>();
  /** Fiscal amounts under several labels of one side (中央财政资金, 省级财政资金 …). */
  const fiscal = new Map<AmountField, { a: Assignment; yuan: number }[]>();
  /** The year's other funds under several labels (事业收入, 其他收入 …). */
  const others: { a: Assignment; yuan: number }[] = [];
  for (const a of money) {
    // the total (whole-period or annual) this amount belongs to: to its left on the same line
    // (年度资金总额 | 2.3 | 其中：财政资金 | 2.3), else in the same column above, else the last one seen
    let owner: Assignment | null;
    if (isTotalKey(a.key)) {
      owner = a;
      sideByCol.set(a.col, a);
      lastTotal = a;
    } else {
      const left = money
        .filter((b) => b.line === a.line && b.col < a.col && isTotalKey(b.key))
        .pop();
      const placed = left ?? sideByCol.get(a.col) ?? lastTotal;
      const summed = byLine.get(a.line);
      owner = summed ?? placed;
      if (summed && summed !== placed && a.value !== null) {
        diags.info(
          'funding_parts_sum',
          `"${a.label}" stands under or beside "${placed?.label ?? ''}", but the parts on its line add up to "${summed.label}"; read as a part of "${summed.label}".`,
          null,
          a.origin,
        );
      }
    }
    const side: Side = undifferentiated || owner?.key !== 'funding_total' ? 'annual' : 'total';
    if (a.value === null) {
      // a label of the same funds after another's amount on its line, with no value of its own
      // (其他资金 | 300.00 | 单位自筹 under a 备注 header): text about that amount, not a blank
      // template label; it is kept, not dropped
      // (not a 其中 sub-label left blank by the template: 其他资金 | 300 | 其中：自筹资金 | )
      const before = a.sub
        ? undefined
        : money.find(
            (b) => b.line === a.line && b.col < a.col && b.key === a.key && b.value !== null,
          );
      if (before) {
        extra.push({ label: a.label, value: null, provenance: a.origin, at: at(a.line, a.col) });
        diags.warn(
          'label_without_value',
          `"${a.label}" stands after the amount of "${before.label}" on its line with no value of its own (a note on it?); kept in extra_fields.`,
          null,
          a.origin,
        );
      }
      continue;
    }
    const field = undifferentiated && a.key === 'funding_total' ? 'annual_yuan' : fieldFor(a, side);
    const unit = a.unit ?? funding.unit_declared ?? writtenUnit(a.value);
    if (funding.unit_declared === null && a.unit === null && unit !== null) inCells.add(unit);
    const keep = (label: string, why: 'unit' | 'parse' | null): void => {
      extra.push({ label, value: a.value, provenance: a.origin, at: at(a.line, a.col) });
      if (why === 'unit') {
        diags.warn(
          'amount_unit_unknown',
          `Amount "${a.value}" of "${a.label}" has no declared unit (元/万元/亿元); not converted, kept in extra_fields.`,
          null,
          a.origin,
        );
      } else if (why === 'parse') {
        diags.warn(
          'amount_unparsed',
          `Amount "${a.value}" of "${a.label}" is not a number; kept in extra_fields.`,
          null,
          a.origin,
        );
      }
    };
    // a dash or 无 in place of an amount needs no unit (and says nothing of the others')
    const none = parseAmount(a.value, null);
    if (unit === null && none.ok && none.yuan === null) continue;
    if (unit === null) {
      bare = true;
      keep(a.label, 'unit');
      continue;
    }
    const parsed = parseAmount(a.source ?? a.value, unit);
    if (!parsed.ok) {
      keep(a.label, 'parse');
      continue;
    }
    if (field === null) {
      // a part of the whole-period total with no field of its own: named after its total
      keep(owner && owner !== a ? `${owner.label}/${a.label}` : a.label, null);
      continue;
    }
    if (funding[field] !== null) {
      // (the same amount under another label, 其他资金 | 其中：自筹资金, is kept beside it)
      if (funding[field] !== parsed.yuan || holder.get(field) !== a.label) {
        if (holder.get(field) === a.label) {
          diags.warn(
            'duplicate_field',
            `"${a.label}" appears again with another amount (${a.value}); the first is kept.`,
            `funding.${field}`,
            a.origin,
          );
        }
        keep(a.label, null);
        if (holder.get(field) !== a.label && parsed.yuan !== null) {
          if (isFiscal(field)) fiscal.get(field)?.push({ a, yuan: parsed.yuan });
          if (field === 'other_yuan') others.push({ a, yuan: parsed.yuan });
        }
      }
      continue;
    }
    funding[field] = parsed.yuan;
    holder.set(field, a.label);
    if (isFiscal(field) && parsed.yuan !== null) fiscal.set(field, [{ a, yuan: parsed.yuan }]);
    if (field === 'other_yuan' && parsed.yuan !== null) others.push({ a, yuan: parsed.yuan });
  }
  // the year's fiscal and other funds both given in parts: they add up to the total together
  // (each side's check alone would take the other side's first part for the whole of it)
  const annualFiscal = fiscal.get('annual_fiscal_yuan') ?? [];
  if (
    annualFiscal.length > 1 &&
    others.length > 1 &&
    sumBothSides(funding, annualFiscal, others, diags)
  ) {
    fiscal.delete('annual_fiscal_yuan');
    others.length = 0;
  }
  for (const [field, parts] of fiscal) {
    if (parts.length < 2) continue;
    sumFiscalParts(funding, field, parts, diags);
  }
  if (others.length > 1) sumOtherParts(funding, others, diags);
  // the total row of a list breaking down the year's funding (当年投入资金构成 … 合计) is the
  // year's amount when the form states it nowhere else; else it stays an extra field
  const noAmounts = funding.annual_yuan === null && funding.total_yuan === null;
  /** Each list's stated total in yuan, to check its items against. */
  const listTotals = new Map<ItemList, number>();
  for (const list of lists) {
    const stated = list.stated;
    const statedUnit =
      stated === null ? null : (stated.unit ?? funding.unit_declared ?? writtenUnit(stated.raw));
    const statedYuan = statedUnit === null ? null : parseAmount(stated!.raw, statedUnit);
    if (statedYuan?.ok && statedYuan.yuan !== null) listTotals.set(list, statedYuan.yuan);
    const total = list.total;
    if (total === null) continue;
    const unit = total.unit ?? funding.unit_declared ?? writtenUnit(total.raw);
    const parsed = unit === null ? null : parseAmount(total.raw, unit);
    if (noAmounts && parsed?.ok && parsed.yuan !== null && funding.annual_yuan === null) {
      funding.annual_yuan = parsed.yuan;
      diags.info(
        'annual_from_item_total',
        `The form states the year's funding only as the total of "${list.label}" ("${total.raw}"); it was read as the annual amount.`,
        'funding.annual_yuan',
        total.origin,
      );
    } else {
      extra.push({ label: total.label, value: total.raw, provenance: total.origin, at: total.at });
    }
  }
  for (const list of lists) {
    const amounts: (number | null)[] = [];
    for (const row of list.rows) {
      const unit =
        row.unit ?? funding.unit_declared ?? (row.raw === null ? null : writtenUnit(row.raw));
      let amount: number | null = null;
      if (row.raw !== null) {
        if (unit === null) {
          bare = true;
          diags.warn(
            'amount_unit_unknown',
            `Item amount "${row.raw}" has no declared unit; not converted.`,
            null,
            row.origin,
          );
        } else {
          if (funding.unit_declared === null && row.unit === null) inCells.add(unit);
          const parsed = parseAmount(row.raw, unit);
          if (parsed.ok) amount = parsed.yuan;
          else
            diags.warn(
              'amount_unparsed',
              `Item amount "${row.raw}" is not a number.`,
              null,
              row.origin,
            );
        }
      }
      // a budget by kind of spending and source (基本支出 | 项目支出 | 合计) gives the year's funding
      // by its total row; its rows are no items (the tasks of the year are), each is kept as an
      // extra field named row/column like its parts
      if (list.bySource) {
        if (row.raw !== null)
          extra.push({
            label: `${row.name ?? list.label}/${list.amountHeader() ?? ''}`,
            value: row.raw,
            provenance: row.origin,
            at: at(row.line, 0),
          });
      } else
        funding.items.push({
          name: row.name,
          amount_yuan: amount,
          raw: row.raw,
          provenance: row.origin,
        });
      amounts.push(amount);
      // the item's other columns, named item/column like matrix cells (高标准农田建设/主要实施内容)
      for (const o of row.others)
        extra.push({
          label: row.name ? `${row.name}/${o.label}` : o.label,
          value: o.value,
          provenance: o.origin,
          at: at(row.line, o.col),
        });
    }
    const total = listTotals.get(list);
    if (
      total !== undefined &&
      flatList(list) &&
      amounts.length >= 2 &&
      amounts.every((x) => x !== null)
    ) {
      const sum = amounts.reduce((n, x) => n! + x!, 0)!;
      // each written amount is rounded to its last digit: the sum may be off by their halves
      const slack =
        list.rows.reduce((n, r, k) => n + rounding(r.raw!, amounts[k]!), 0) +
        rounding(list.stated!.raw, total);
      if (Math.abs(sum - total) > slack) {
        diags.warn(
          'funding_sum_mismatch',
          `The items of "${list.label}" add up to ${yuanText(sum)} yuan, not to their stated total "${list.stated!.raw}" (${yuanText(total)} yuan); both are kept as written.`,
          null,
          list.stated!.origin,
        );
      }
    }
  }
  checkAnnualParts(funding, diags);
  if (!bare) declareFromCells(funding, inCells, diags);
  return { funding, extra };
}

/**
 * A list whose rows are all items of one level, so that they should add up to its 合计: no sub-row
 * (其中：…), no subtotal or total row (小计), no rows numbered in two styles (一、基础设施 over
 * 1.道路 | 2.桥梁).
 */
function flatList(list: ItemList): boolean {
  const styles = new Set<string>();
  for (const r of list.rows) {
    const key = labelKey(r.name ?? '');
    if (isSubRowKey(key)) return false;
    if (SUBTOTAL_WORDS.some((w) => key.includes(w)) || matchLabel(key)?.kind === 'total') {
      return false;
    }
    const style = headingStyle({ first: r.name });
    if (style !== null) styles.add(style);
  }
  return styles.size <= 1;
}

/** Half a unit of the last digit an amount is written to, in yuan (33.33 万元: 50 yuan). */
function rounding(raw: string, yuan: number): number {
  const m = /(\d[\d,，]*)(?:\.(\d+))?/u.exec(raw);
  if (!m) return 0.005;
  const written = Number(`${m[1]!.replace(/[,，]/gu, '')}.${m[2] ?? '0'}`);
  const scale = written === 0 ? 1 : Math.abs(yuan / written);
  return Math.max(0.005, 0.5 * 10 ** -(m[2]?.length ?? 0) * scale);
}
const yuanText = (y: number): string => String(Math.round(y * 100) / 100);

/**
 * The year's total against its parts (财政拨款, 上年结转, 其他资金): a part larger than the total,
 * or parts adding up to more than it even without the carry-over (forms count it inside the
 * fiscal funds or beside them), cannot be right whatever else the form names. Parts adding up to
 * less are not flagged: a part under a label no field takes (财政专户管理资金, 地方资金) is kept in
 * extra_fields and makes up the rest. The whole period's fiscal funds larger than its total are
 * flagged too.
 */
function checkAnnualParts(funding: Funding, diags: Diagnostics): void {
  const total = funding.annual_yuan;
  const parts: [string, number | null][] = [
    ['annual_fiscal_yuan', funding.annual_fiscal_yuan],
    ['carryover_yuan', funding.carryover_yuan],
    ['other_yuan', funding.other_yuan],
  ];
  const stated = parts.filter((p): p is [string, number] => p[1] !== null);
  if (total !== null && stated.length > 0) {
    // (amounts written to 0.01 万元 are off by up to 50 yuan each: a ten-thousandth is allowed)
    const slack = 0.005 + total * 1e-4;
    const over = stated.find(([, y]) => y > total + slack);
    const withoutCarryover = stated
      .filter(([k]) => k !== 'carryover_yuan')
      .reduce((n, [, y]) => n + y, 0);
    const named = stated.map(([k, y]) => `${k} ${yuanText(y)}`).join(', ');
    if (over) {
      diags.warn(
        'funding_sum_mismatch',
        `A part of the year's funding (${over[0]} ${yuanText(over[1])}) is larger than its total (annual_yuan ${yuanText(total)}); both are kept as written.`,
        `funding.${over[0]}`,
      );
    } else if (stated.length >= 2 && withoutCarryover > total + slack) {
      diags.warn(
        'funding_sum_mismatch',
        `The parts of the year's funding (${named}) add up to more than its total (annual_yuan ${yuanText(total)}), even without the carry-over; all are kept as written.`,
        'funding.annual_yuan',
      );
    }
  }
  const whole = funding.total_yuan;
  const wholeFiscal = funding.total_fiscal_yuan;
  if (whole !== null && wholeFiscal !== null && wholeFiscal > whole + 0.005) {
    diags.warn(
      'funding_sum_mismatch',
      `The whole period's fiscal funds (total_fiscal_yuan ${yuanText(wholeFiscal)}) are more than its total (total_yuan ${yuanText(whole)}); both are kept as written.`,
      'funding.total_fiscal_yuan',
    );
  }
}

/**
 * A form that declares no unit in a label or block but writes one in every amount cell (120万元)
 * states its unit there: it becomes unit_declared. Cells in different units leave it null.
 */
function declareFromCells(funding: Funding, inCells: Set<MoneyUnit>, diags: Diagnostics): void {
  if (funding.unit_declared !== null || inCells.size === 0) return;
  const units = [...inCells];
  if (units.length === 1) {
    funding.unit_declared = units[0]!;
    diags.info(
      'amount_unit_in_cells',
      `No label declares the money unit; the amount cells write ${units[0]}, taken as the declared unit.`,
      'funding.unit_declared',
    );
  } else {
    diags.info(
      'amount_unit_in_cells',
      `No label declares the money unit and the amount cells write several (${units.join(', ')}); each amount uses its own, unit_declared stays null.`,
      'funding.unit_declared',
    );
  }
}

// The form's fiscal year: from the title (（2023年度）), a year field or line, or the period;
// sources that disagree are reported, the title winning.
import type { DateRange } from '../normalize/schema.js';
import type { Diagnostics } from './diagnostics.js';
import { BARE_YEAR, YEAR_WITH_WORD } from './patterns.js';

export function yearIn(text: string | null): number | null {
  const m = text ? (YEAR_WITH_WORD.exec(text) ?? BARE_YEAR.exec(text)) : null;
  return m ? Number(m[1]) : null;
}

export function resolveYear(
  title: number | null,
  field: number | null,
  period: DateRange | null,
  diags: Diagnostics,
): number | null {
  let fromPeriod: number | null = null;
  if (period?.start && period.end) {
    const s = Number(period.start.slice(0, 4));
    const e = Number(period.end.slice(0, 4));
    if (s === e) fromPeriod = s;
    else if (title === null && field === null) {
      diags.warn(
        'fiscal_year_ambiguous',
        `The period ${period.raw} spans several years; no fiscal year is set.`,
        'fiscal_year',
      );
    }
  }
  const sources = [title, field, fromPeriod].filter((y): y is number => y !== null);
  const year = sources[0] ?? null;
  if (sources.some((y) => y !== year)) {
    diags.warn(
      'fiscal_year_conflict',
      `The form states several years (${[...new Set(sources)].join(', ')}); ${year} is kept.`,
      'fiscal_year',
    );
  }
  return year;
}

// One test per dictionary entry: every label, level, column header and title wording is
// recognised as written, with distributed spaces, with a colon, and with a hint in brackets.
import { describe, expect, it } from 'vitest';
import { COLUMN_HEADERS } from '../src/dict/columns.js';
import { DIAGNOSTIC_CODES } from '../src/dict/diagnostics.js';
import {
  ANNUAL_ITEM_GROUPS,
  FIELD_LABELS,
  LABEL_NOUN_SUFFIXES,
  ORGANISATION_ENDINGS,
  AMOUNT_NAME_HEADS,
  FUNDING_ITEM_GROUPS,
  GROUP_LABELS,
  KNOWN_EXTRA_LABELS,
  NOTE_HEADINGS,
  SIDE_COLUMN_HEADERS,
  SUB_LABELS,
} from '../src/dict/labels.js';
import { LEVEL1_LABELS, LEVEL2_LABELS } from '../src/dict/levels.js';
import {
  COUNTING_DIGITS,
  EARTHLY_BRANCHES,
  HEAVENLY_STEMS,
  LEGAL_DIGITS,
} from '../src/dict/numbering.js';
import { formatNumber } from '../src/ingest/list-numbers.js';
import { FORM_TYPE_BY_TITLE, TITLE_MARKERS } from '../src/dict/titles.js';
import { columnRole } from '../src/extract/columns.js';
import { matchLabel } from '../src/extract/label-match.js';
import { level1Code, level2Info } from '../src/extract/levels.js';
import { labelKey } from '../src/text/normalize.js';
import { recordsOfDoc, recordsOfHtml, grid, para } from './helpers/build.js';

/** 项目名称 → 项 目 名 称 (distributed alignment). */
const spaced = (s: string): string => [...s].join(' ');

/** Each dictionary lists a wording once, so that a label has exactly one meaning. */
function duplicates(words: readonly string[]): string[] {
  const seen = new Set<string>();
  return words.map(labelKey).filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
}

it('no wording is listed twice in a dictionary', () => {
  expect(duplicates(FIELD_LABELS.flatMap((f) => f.labels))).toEqual([]);
  expect(duplicates(LEVEL2_LABELS.flatMap((f) => f.labels))).toEqual([]);
  expect(duplicates(LEVEL1_LABELS.flatMap((f) => f.labels))).toEqual([]);
  expect(duplicates(COLUMN_HEADERS.flatMap((f) => f.headers))).toEqual([]);
});

describe('field labels', () => {
  const rows = FIELD_LABELS.flatMap(({ key, labels }) => labels.map((label) => ({ key, label })));
  it.each(rows)('$label → $key', ({ key, label }) => {
    for (const written of [
      label,
      spaced(label),
      `${label}：`,
      `${label}:`,
      `${label}（450字内）`,
    ]) {
      expect(matchLabel(labelKey(written)), written).toMatchObject({ kind: 'field', key });
    }
  });

  it.each(['其中：财政拨款', '其中:当年财政拨款', '其中财政资金'])(
    '%s is a sub-row of funding',
    (label) => {
      expect(matchLabel(labelKey(label))).toMatchObject({
        kind: 'field',
        key: 'funding_fiscal',
        sub: true,
      });
    },
  );

  // a word that adds nothing after a unit or contact label: every such label of the dictionary
  const nouns = LABEL_NOUN_SUFFIXES.flatMap(({ suffix, keys }) =>
    rows.filter((r) => keys.includes(r.key)).map((r) => ({ key: r.key, label: r.label + suffix })),
  );
  it.each(nouns)('$label → $key', ({ key, label }) => {
    expect(matchLabel(labelKey(label))).toMatchObject({ kind: 'field', key });
  });
  it.each(['项目名称名称', '名称', '姓名', '联系电话姓名'])('%s is no label', (label) => {
    expect(matchLabel(labelKey(label))).toBeNull();
  });

  it.each([
    ['资金情况（万元）', '万元'],
    ['项目资金\n（元）', '元'],
    ['预算金额（单位：亿元）', '亿元'],
    ['经费安排（万元）', '万元'],
  ])('%s declares %s', (label, unit) => {
    expect(matchLabel(labelKey(label))?.unit).toBe(unit);
  });
});

describe('group, item-list and known extra labels', () => {
  it.each(GROUP_LABELS.map((l) => [l]))('%s is a group label', (label) => {
    expect(matchLabel(labelKey(label))?.kind).toBe('group');
  });
  it.each(FUNDING_ITEM_GROUPS.map((l) => [l]))('%s heads an item list', (label) => {
    expect(matchLabel(labelKey(spaced(label)))?.kind).toBe('items');
  });
  it.each(KNOWN_EXTRA_LABELS.map((l) => [l]))('%s is a known extra label', (label) => {
    expect(['extra', 'total']).toContain(matchLabel(labelKey(label))?.kind);
  });
});

describe('funding, notes and sub-label wordings', () => {
  const indicators = `<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
    <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥300人</td></tr>`;
  const sides = [
    ...SIDE_COLUMN_HEADERS.total.map((h) => ({ h, total: true })),
    ...SIDE_COLUMN_HEADERS.annual.map((h) => ({ h, total: false })),
  ];
  it.each(sides)('a funding column headed $h is the whole period: $total', ({ h, total }) => {
    const other = total ? '年度' : '中期';
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td rowspan=2>资金情况（万元）</td><td></td><td>${h}</td><td>${other}</td></tr>
      <tr><td>资金总额</td><td>300</td><td>100</td></tr>${indicators}</table>`);
    expect(r!.funding).toMatchObject(
      total
        ? { total_yuan: 3_000_000, annual_yuan: 1_000_000 }
        : { annual_yuan: 3_000_000, total_yuan: 1_000_000 },
    );
  });
  it.each(ANNUAL_ITEM_GROUPS.map((l) => [l]))("%s's total row is the year's amount", (label) => {
    const [r] = recordsOfHtml(`<p>财政政策绩效目标申报表</p><table>
      <tr><td>政策名称</td><td colspan=3>甲</td></tr>
      <tr><td rowspan=3>${label}</td><td colspan=2>子项目名称</td><td>预算金额（万元）</td></tr>
      <tr><td colspan=2>稳岗补贴</td><td>60</td></tr><tr><td colspan=2>合计</td><td>60</td></tr>
      ${indicators}</table>`);
    expect(r!.funding.annual_yuan).toBe(600_000);
  });
  it.each(NOTE_HEADINGS.map((l) => [l]))('%s： heads notes on filling in the form', (heading) => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>${indicators}</table>
      <p>${heading}：</p><p>一、主管部门：填写一级预算单位</p>`);
    expect(r!.fields.authority).toBeNull();
    expect(r!.extra_fields.map((e) => e.value)).toEqual(['一、主管部门:填写一级预算单位']);
  });
  it.each(SUB_LABELS.map((l) => [l]))('%s splits a label spanning rows into its parts', (sub) => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td rowspan=2>主管部门</td><td>${sub}</td><td colspan=2>某市城市管理局</td></tr>
      <tr><td>联系电话</td><td colspan=2>0531-1234567</td></tr>${indicators}</table>`);
    expect(r!.fields.authority).toBe('某市城市管理局');
  });
});

describe('indicator levels', () => {
  const l1 = LEVEL1_LABELS.flatMap(({ code, labels }) => labels.map((label) => ({ code, label })));
  it.each(l1)('level 1 $label → $code', ({ code, label }) => {
    for (const written of [label, spaced(label), `${label}(50分)`, `${label}（30分）`]) {
      expect(level1Code(written), written).toBe(code);
    }
  });
  const l2 = LEVEL2_LABELS.flatMap(({ code, labels }) => labels.map((label) => ({ code, label })));
  it.each(l2)('level 2 $label → $code', ({ code, label }) => {
    const wrapped = label.length > 3 ? `${label.slice(0, 3)}\n${label.slice(3)}` : label;
    for (const written of [label, spaced(label), wrapped])
      expect(level2Info(written)?.code, written).toBe(code);
  });
});

describe('indicator column headers', () => {
  const rows = COLUMN_HEADERS.flatMap(({ role, headers }) =>
    headers.map((header) => ({ role, header })),
  );
  it.each(rows)('$header → $role', ({ role, header }) => {
    for (const written of [header, spaced(header), `${header}（150字内）`]) {
      expect(columnRole(written), written).toBe(role);
    }
  });
});

describe('titles', () => {
  it.each(TITLE_MARKERS.map((m) => [m]))('a line reading …%s starts a form', (marker) => {
    const records = recordsOfDoc([para(`某某${marker}（2025年度）`), grid([['项目名称', '甲']])]);
    expect(records).toHaveLength(1);
    expect(records[0]!.title).toBe(`某某${marker}`);
    expect(records[0]!.fiscal_year).toBe(2025);
  });
  const types = FORM_TYPE_BY_TITLE.flatMap(({ type, words }) =>
    words.map((word) => ({ type, word })),
  );
  it.each(types)('a title with $word is a $type form', ({ type, word }) => {
    const [r] = recordsOfDoc([para(`${word}支出绩效目标申报表`), grid([['项目名称', '甲']])]);
    expect(r!.form_type).toBe(type);
  });
});

describe('headers of a column of names in a block of amounts', () => {
  it.each(AMOUNT_NAME_HEADS.map((h) => [h]))('%s beside 金额（万元） is a heading', (h) => {
    const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=2>甲</td></tr>
      <tr><td rowspan=3>资金来源</td><td>${h}</td><td>金额（万元）</td></tr>
      <tr><td>财政拨款</td><td>1,500.00</td></tr>
      <tr><td>合计</td><td>1,500.00</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
    expect(r!.unplaced).toEqual([]);
    expect(r!.funding.annual_fiscal_yuan).toBe(15_000_000);
  });
});

describe('organisation endings', () => {
  it.each(ORGANISATION_ENDINGS.map((e) => [e]))(
    'two units ending in %s over two rows stay apart',
    (e) => {
      const [r] = recordsOfHtml(`<p>项目支出绩效目标申报表</p><table>
      <tr><td>项目名称</td><td colspan=3>甲</td></tr>
      <tr><td rowspan=2>实施单位</td><td colspan=3>第一${e}</td></tr>
      <tr><td colspan=3>第二${e}</td></tr>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`);
      expect(r!.fields.implementing_unit).toBe(`第一${e}\n第二${e}`);
    },
  );
});

describe('list numbering characters', () => {
  // each digit at its number; ten and the hundreds written with their units
  for (const [i, d] of [...COUNTING_DIGITS].entries()) {
    if (i === 0) continue;
    it(`counting ${d} is ${i}, and ${i * 10 + i} is written with it`, () => {
      expect(formatNumber(i, 'chineseCounting')).toBe(d);
      const tens = i === 1 ? '' : d;
      expect(formatNumber(i * 10 + i, 'chineseCounting')).toBe(`${tens}十${d}`);
    });
  }
  it('counting writes a zero inside a number and the hundreds', () => {
    expect(formatNumber(105, 'chineseCounting')).toBe('一百零五');
    expect(formatNumber(20, 'chineseCounting')).toBe('二十');
  });
  for (const [i, d] of [...LEGAL_DIGITS].entries()) {
    if (i === 0) continue;
    it(`financial ${d} is ${i}`, () => expect(formatNumber(i, 'chineseLegalSimplified')).toBe(d));
  }
  for (const [i, d] of [...HEAVENLY_STEMS].entries()) {
    it(`stem ${d} is ${i + 1}, and again ${i + 11}`, () => {
      expect(formatNumber(i + 1, 'ideographTraditional')).toBe(d);
      expect(formatNumber(i + 11, 'ideographTraditional')).toBe(d);
    });
  }
  for (const [i, d] of [...EARTHLY_BRANCHES].entries()) {
    it(`branch ${d} is ${i + 1}`, () => expect(formatNumber(i + 1, 'ideographZodiac')).toBe(d));
  }
});

describe('diagnostic codes', () => {
  it.each(Object.entries(DIAGNOSTIC_CODES))('%s is snake_case with a meaning', (code, d) => {
    expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(d.meaning.length).toBeGreaterThan(10);
  });
});

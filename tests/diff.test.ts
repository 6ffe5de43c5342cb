// `shenbao diff`: a run against itself, against a run where one target and one indicator row were
// edited in the source form, pairing by name across renamed files, single record files, the
// JSON and HTML reports, colour rules and exit codes.
import { appendFile, cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { useColour } from '../src/cli/inspect.js';
import { diffRecords, type DiffResult } from '../src/inspect/diff.js';
import { textReport } from '../src/inspect/diff-report.js';
import type { FormRecord } from '../src/normalize/schema.js';
import { tempDirs } from './helpers/temp.js';

const tmp = tempDirs('shenbao-diff-');

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The seed form with one target edited and one indicator row inserted (rowspans adjusted). */
function edited(seed: string): string {
  const edits: [string, string][] = [
    ['<td>≥25000</td>', '<td>≥30000</td>'],
    ['rowspan=13>产出指标', 'rowspan=14>产出指标'],
    ['rowspan=5>数量指标', 'rowspan=6>数量指标'],
    [
      '<td>&gt;15次</td>\n</tr>',
      '<td>&gt;15次</td>\n</tr>\n<tr>\n  <td>创业沙龙场次</td>\n  <td>≥8场</td>\n</tr>',
    ],
  ];
  return edits.reduce((text, [from, to]) => {
    if (text.split(from).length !== 2) throw new Error(`the seed fixture changed: ${from}`);
    return text.replace(from, to);
  }, seed);
}

describe('shenbao diff', () => {
  let a: string;
  let b: string;
  beforeAll(async () => {
    const input = await tmp();
    await cp('fixtures/forms/seed-policy-2023.html', path.join(input, 'seed.html'));
    await cp('fixtures/forms/office/three-forms.calc.xlsx', path.join(input, 'three.xlsx'));
    a = path.join(input, 'a');
    b = path.join(input, 'b');
    expect((await run(['convert', input, '--out', a, '--jobs', '1', '--no-warehouse'])).code).toBe(
      0,
    );
    const seed = await readFile(path.join(input, 'seed.html'), 'utf8');
    await writeFile(path.join(input, 'seed.html'), edited(seed));
    expect((await run(['convert', input, '--out', b, '--jobs', '1', '--no-warehouse'])).code).toBe(
      0,
    );
  }, 60_000);

  it('exits 0 with "no changes" for a run against itself', async () => {
    const { code, stdout } = await run(['diff', a, a]);
    expect(code).toBe(0);
    expect(stdout).toContain('no changes');
  });

  it('reports exactly the edited target and the inserted indicator, and exits 1', async () => {
    const { code, stdout } = await run(['diff', a, b, '--json']);
    expect(code).toBe(1);
    const r = JSON.parse(stdout) as DiffResult;
    expect(r.counts).toEqual({ target_changed: 1, indicator_added: 1 });
    expect(r.forms.map((f) => f.key)).toEqual(['seed.html#0']);
    const [added, target] = [...r.forms[0]!.changes].sort((x, y) => (x.kind < y.kind ? -1 : 1));
    expect(added).toMatchObject({
      kind: 'indicator_added',
      path: 'indicators[2]',
      label: '产出指标 › 数量指标 › 创业沙龙场次',
    });
    expect(target).toMatchObject({
      kind: 'target_changed',
      path: 'indicators[0].target',
      label: '产出指标 › 数量指标 › 调查样本数量',
      before: { raw: '≥25000', value: 25000 },
      after: { raw: '≥30000', value: 30000 },
    });
    // the terminal summary says the same, with the raw text and the parsed value
    const text = await run(['diff', a, b]);
    expect(text.stdout).toContain('2 change(s) in 1 form(s)');
    expect(text.stdout).toContain('"≥25000" (numeric >= 25000) → "≥30000" (numeric >= 30000)');
    expect(text.stdout).not.toContain('\x1b['); // not a terminal: no colour
  });

  it('compares two single record files, and writes a self-contained HTML report', async () => {
    const html = path.join(await tmp(), 'diff.html');
    const { code, stdout } = await run([
      'diff',
      path.join(a, 'forms', 'seed.html.json'),
      path.join(b, 'forms', 'seed.html.json'),
      '--html',
      html,
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('target_changed 1');
    const page = await readFile(html, 'utf8');
    expect(page).toContain('创业沙龙场次');
    expect(page).toContain('script-src &#39;none&#39;'); // the CSP, attribute-escaped
    expect(page).not.toMatch(/<script|https?:\/\//u);
  });

  it('pairs by name and fiscal year with --key name, across renamed files', async () => {
    const renamed = path.join(await tmp(), 'forms.jsonl');
    const lines = (await readFile(path.join(a, 'forms.jsonl'), 'utf8')).replaceAll(
      '"file":"seed.html"',
      '"file":"2023/促进就业.html"',
    );
    await writeFile(renamed, lines);
    const byFile = JSON.parse(
      (await run(['diff', path.join(a, 'forms.jsonl'), renamed, '--json'])).stdout,
    ) as DiffResult;
    expect(byFile.counts).toEqual({ form_added: 1, form_removed: 1 });
    const byName = JSON.parse(
      (await run(['diff', path.join(a, 'forms.jsonl'), renamed, '--json', '--key', 'name'])).stdout,
    ) as DiffResult;
    expect(byName.counts).toEqual({ field_changed: 1 });
    expect(byName.forms[0]!.changes[0]).toMatchObject({
      path: 'source.file',
      before: 'seed.html',
      after: '2023/促进就业.html',
    });
  });

  it('ignores provenance unless --with-provenance', async () => {
    const plain = JSON.parse((await run(['diff', a, b, '--json'])).stdout) as DiffResult;
    const full = JSON.parse(
      (await run(['diff', a, b, '--json', '--with-provenance'])).stdout,
    ) as DiffResult;
    const total = (r: DiffResult): number => Object.values(r.counts).reduce((x, y) => x + y, 0);
    expect(total(full)).toBeGreaterThan(total(plain)); // rows below the insertion moved
    expect(full.counts.field_changed).toBeGreaterThan(0);
    expect(plain.counts.field_changed).toBeUndefined();
  });

  it('review says how many lines it left out of an interrupted run', async () => {
    const dir = await tmp();
    await cp(a, dir, { recursive: true });
    await appendFile(path.join(dir, 'forms.jsonl'), '{"schema_version":"1","sour');
    const html = path.join(dir, 'review.html');
    const { code, stderr } = await run(['review', dir, '--html', html]);
    expect(code).toBe(0);
    expect(stderr).toContain('1 line(s) cut short or unreadable were left out');
    expect(await readFile(html, 'utf8')).toContain('1 line(s) of the output cut short');
  });

  it('exits 2 when a side cannot be read', async () => {
    expect((await run(['diff', a, path.join(a, 'nope')])).code).toBe(2);
    const junk = path.join(await tmp(), 'x.json');
    await writeFile(junk, '{"not": "a record"}');
    expect((await run(['diff', a, junk])).code).toBe(2);
  });
});

describe('diff details', () => {
  const base = async (): Promise<FormRecord> =>
    JSON.parse(
      await readFile('fixtures/expected/seed-policy-2023.html.json', 'utf8'),
    ) as FormRecord;

  it('reports a renamed indicator with an unchanged target as one change', async () => {
    const x = await base();
    const y = await base();
    y.indicators[3]!.name = '发布就业服务信息数';
    expect(diffRecords(x, y, { provenance: false })).toEqual([
      {
        kind: 'indicator_renamed',
        path: 'indicators[3].name',
        label: '产出指标 › 数量指标 › 发布就业服务信息数',
        before: '发布就业服务信息推文数',
        after: '发布就业服务信息数',
      },
    ]);
  });

  it('reports a removed indicator and a changed header field', async () => {
    const x = await base();
    const y = await base();
    y.indicators.splice(5, 1);
    y.fields.authority = '上海市财政局';
    const kinds = diffRecords(x, y, { provenance: false }).map((c) => [c.kind, c.path]);
    expect(kinds).toEqual([
      ['field_changed', 'fields.authority'],
      ['indicator_removed', 'indicators[5]'],
    ]);
  });

  it('colours only on a terminal and never with NO_COLOR', () => {
    const r: DiffResult = {
      a: 'a',
      b: 'b',
      formsA: 1,
      formsB: 1,
      equal: false,
      counts: { field_changed: 1 },
      notes: [],
      forms: [
        {
          key: 'k',
          status: 'changed',
          a: 'k',
          b: 'k',
          changes: [{ kind: 'field_changed', path: 'title', label: null, before: 'x', after: 'y' }],
        },
      ],
    };
    expect(textReport(r, true)).toContain('\x1b[33m');
    expect(textReport(r, false)).not.toContain('\x1b[');
    const tty = { isTTY: true } as NodeJS.WriteStream;
    const saved = process.env.NO_COLOR;
    try {
      delete process.env.NO_COLOR;
      expect(useColour(tty)).toBe(true);
      process.env.NO_COLOR = '1';
      expect(useColour(tty)).toBe(false);
      expect(useColour({ isTTY: false } as NodeJS.WriteStream)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = saved;
    }
  });
});

// Reading record lines back for the output steps: the head of a record (file, form index, form
// count) is read from the start of its line without parsing the whole record, and must always be
// what parsing the whole line gives.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectInputs } from '../src/cli/inputs.js';
import { readJsonl, rewriteJsonl } from '../src/emit/jsonl.js';
import { readRecordHead } from '../src/emit/output.js';
import type { FormRecord } from '../src/normalize/schema.js';
import { tempDirs } from './helpers/temp.js';

const tmp = tempDirs('shenbao-jsonl-');

const expected = await Promise.all(
  (await collectInputs([path.resolve('fixtures/expected')])).map(
    async (f) => JSON.parse(await readFile(f.abs, 'utf8')) as FormRecord,
  ),
);

/** The record under another file name, serialised the way forms.jsonl lines are. */
function lineOf(record: FormRecord, file: string, formIndex = record.source.form_index): string {
  return JSON.stringify({ ...record, source: { ...record.source, file, form_index: formIndex } });
}

const headOf = (r: FormRecord) => ({
  file: r.source.file,
  form_index: r.source.form_index,
  form_count: r.source.form_count,
});

const NAMES = [
  'a.html',
  'dept/2024/项目 申报表（新增）.xlsx',
  'quote"in name.pdf',
  'back\\slash\\name.docx',
  'archive.zip/inner/控制\u0001字符\ttab.html',
  'emoji 🧾 and \u2028 separator.html',
  '',
];

describe('record heads read from forms.jsonl lines', () => {
  it('equal the heads of the fully parsed records, for every expected record and odd names', () => {
    expect(expected.length).toBeGreaterThan(50);
    let checked = 0;
    for (const record of expected) {
      for (const name of [record.source.file, ...NAMES]) {
        const line = lineOf(record, name);
        const full = JSON.parse(line) as FormRecord;
        const head = readRecordHead(line)!;
        expect(headOf(head as FormRecord)).toEqual(headOf(full));
        // read from the line's start, not parsed: the head holds nothing else
        expect(Object.keys(head)).toEqual(['source']);
        checked++;
      }
    }
    expect(checked).toBe(expected.length * (NAMES.length + 1));
  });

  it('falls back to parsing a line written in another key order, and drops a line cut short', () => {
    const record = expected[0]!;
    const { source, ...rest } = record;
    const reordered = JSON.stringify({ source: { ...source, file: 'z.html' }, ...rest });
    expect(headOf(readRecordHead(reordered) as FormRecord)).toEqual({
      ...headOf(record),
      file: 'z.html',
    });
    const line = lineOf(record, 'cut.html');
    expect(readRecordHead(line.slice(0, -1))).toBeUndefined();
    expect(readRecordHead(line.slice(0, 300))).toBeUndefined();
  });

  it('orders a forms.jsonl file by file and form index, keeping every line byte for byte', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'forms.jsonl');
    const record = expected[0]!;
    const lines = [
      lineOf(record, 'b.html', 1),
      lineOf(record, 'quote"in name.pdf', 0),
      lineOf(record, 'b.html', 0),
      lineOf(record, 'a.zip/x.html', 10),
      lineOf(record, 'a.zip/x.html', 2),
    ];
    await writeFile(file, lines.join('\n') + '\n' + lines[0]!.slice(0, 50));
    const result = rewriteJsonl(
      file,
      () => true,
      (r) => [r.source.file, r.source.form_index],
      readRecordHead,
    );
    expect(result).toEqual({ kept: 5, dropped: 1 });
    const order = [4, 3, 2, 0, 1].map((i) => lines[i]!);
    expect(await readFile(file, 'utf8')).toBe(order.join('\n') + '\n');
  });

  it('reads lines longer than one read, and characters split between reads, byte for byte', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'long.jsonl');
    // 3-byte characters put read boundaries (every 1 MiB) inside a character; lines of 0.5 to
    // 5 MiB cross one or several reads
    const lines = [1, 2_000_000, 3, 350_000, 1_700_000, 5].map((n, i) =>
      JSON.stringify({ i, s: '中'.repeat(n) + 'x'.repeat(i) }),
    );
    await writeFile(file, lines.map((l) => l + '\n').join('') + '{"i":');
    const bad = { count: 0 };
    const read = [...readJsonl<{ i: number }>(file, bad)];
    expect(read.map((l) => l.text)).toEqual(lines);
    expect(read.map((l) => l.value.i)).toEqual([0, 1, 2, 3, 4, 5]);
    let offset = 0;
    for (const [k, l] of read.entries()) {
      expect(l.offset).toBe(offset);
      offset += Buffer.byteLength(lines[k]!) + 1;
    }
    expect(bad.count).toBe(1);
  });
});

// The command line end to end: outputs, manifest codes, exit codes, JSON Schema validity,
// and the promise that input files are never modified.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { tempDirs } from './helpers/temp.js';

const tmp = tempDirs('shenbao-test-');

async function lines(file: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function quietly<T>(fn: () => Promise<T>): Promise<{ value: T; stdout: string }> {
  let stdout = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { value: await fn(), stdout };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = path.join(e.parentPath, e.name);
    out[path.relative(dir, p)] = createHash('sha256')
      .update(await readFile(p))
      .digest('hex');
  }
  return out;
}

describe('shenbao convert on the valid fixtures', () => {
  let out: string;
  let code: number;
  beforeAll(async () => {
    out = await tmp();
    code = (await quietly(() => main(['convert', 'fixtures/forms', '--out', out]))).value;
  }, 120_000);

  it('exits 0 and lists every input as ok', async () => {
    expect(code).toBe(0);
    const manifest = await lines(path.join(out, 'manifest.jsonl'));
    expect(manifest.length).toBeGreaterThanOrEqual(8);
    expect(manifest.every((m) => m.status === 'ok' && m.error === null)).toBe(true);
  });

  it('writes records that all pass the exported JSON Schema', async () => {
    const { stdout } = await quietly(() => main(['schema']));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(stdout));
    const records = await lines(path.join(out, 'forms.jsonl'));
    expect(records.length).toBeGreaterThanOrEqual(9);
    for (const r of records) {
      const ok = validate(r);
      expect(ok, JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('orders records by file and form index and writes one JSON per form', async () => {
    const records = await lines(path.join(out, 'forms.jsonl'));
    const keys = records.map((r) => {
      const s = r.source as { file: string; form_index: number };
      return `${s.file}#${s.form_index}`;
    });
    expect(keys).toEqual([...keys].sort());
    const files = await readdir(path.join(out, 'forms'), { recursive: true });
    expect(files).toContain('two-projects.html#0.json');
    expect(files).toContain('two-projects.html#1.json');
    expect(files).toContain('seed-policy-2023.html.json');
  });
});

describe('shenbao convert on worker threads', () => {
  it('writes the same outputs with --jobs 2 as in one thread, in the same order', async () => {
    const input = await tmp();
    await cp('fixtures/bad', path.join(input, 'bad'), { recursive: true });
    for (const f of [
      'seed-policy-2023.html',
      'office/three-forms.calc.xlsx',
      'pdf/two-projects.writer.pdf',
    ])
      await cp(path.join('fixtures/forms', f), path.join(input, f));
    const one = await tmp();
    const two = await tmp();
    const codes = [
      (await quietly(() => main(['convert', input, '--out', one, '--jobs', '1']))).value,
      (await quietly(() => main(['convert', input, '--out', two, '--jobs', '2']))).value,
    ];
    expect(codes).toEqual([1, 1]);
    expect(await readFile(path.join(two, 'forms.jsonl'), 'utf8')).toBe(
      await readFile(path.join(one, 'forms.jsonl'), 'utf8'),
    );
    const manifest = async (dir: string) =>
      (await lines(path.join(dir, 'manifest.jsonl'))).map(({ duration_ms: _, ...m }) => m);
    expect(await manifest(two)).toEqual(await manifest(one));
  }, 60_000);

  it('refuses --jobs 0 and a timeout that is not a whole number', async () => {
    const out = await tmp();
    expect((await quietly(() => main(['convert', out, '--jobs', '0']))).value).toBe(2);
    expect((await quietly(() => main(['convert', out, '--timeout', 'soon']))).value).toBe(2);
  });
});

describe('shenbao convert on bad input', () => {
  it('lists each bad file with a code, goes on, and exits 1', async () => {
    const input = await tmp();
    await cp('fixtures/bad', path.join(input, 'bad'), { recursive: true });
    await cp('fixtures/forms/seed-policy-2023.html', path.join(input, 'seed.html'));
    const before = await hashes(input);
    const out = await tmp();
    const { value: code } = await quietly(() => main(['convert', input, '--out', out]));
    expect(code).toBe(1);
    const manifest = await lines(path.join(out, 'manifest.jsonl'));
    const byFile = Object.fromEntries(manifest.map((m) => [m.file, m]));
    expect(byFile['bad/empty.html']).toMatchObject({
      status: 'empty',
      error: { code: 'empty_file' },
    });
    expect(byFile['bad/random.html']).toMatchObject({
      status: 'failed',
      error: { code: 'unrecognized_format' },
    });
    expect(byFile['bad/really-a-pdf.html']).toMatchObject({
      format: 'pdf',
      status: 'empty',
      error: { code: 'no_form_found' },
    });
    const codes = (names: string[]): unknown =>
      names.map((n) => [n, byFile[`bad/${n}`]?.status, byFile[`bad/${n}`]?.error?.code]);
    expect(
      codes([
        'encrypted.calc.xls',
        'encrypted.pdf',
        'scanned.pdf',
        'truncated.pdf',
        'truncated.docx',
        'truncated.xlsx',
        'unmapped-font.pdf',
        'renamed-text.docx',
        'no-form.xlsx',
      ]),
    ).toEqual([
      ['encrypted.calc.xls', 'failed', 'encrypted'],
      ['encrypted.pdf', 'failed', 'encrypted'],
      ['scanned.pdf', 'empty', 'no_text_layer'],
      ['truncated.pdf', 'failed', 'corrupt_container'],
      ['truncated.docx', 'failed', 'corrupt_container'],
      ['truncated.xlsx', 'failed', 'corrupt_container'],
      ['unmapped-font.pdf', 'failed', 'unmapped_font'],
      ['renamed-text.docx', 'failed', 'extension_mismatch'],
      ['no-form.xlsx', 'empty', 'no_form_found'],
    ]);
    expect(byFile['bad/no-form.html']).toMatchObject({
      status: 'empty',
      error: { code: 'no_form_found' },
    });
    expect(byFile['seed.html']).toMatchObject({ status: 'ok', forms: 1 });
    const truncated = (await lines(path.join(out, 'forms.jsonl'))).find(
      (r) => (r.source as { file: string }).file === 'bad/truncated.html',
    ) as { diagnostics: { code: string }[] };
    expect(truncated.diagnostics.map((d) => d.code)).toContain('truncated_document');
    expect(await hashes(input)).toEqual(before);
  });

  it('exits 2 on usage errors and on a missing input', async () => {
    expect((await quietly(() => main(['convert']))).value).toBe(2);
    expect((await quietly(() => main(['frobnicate']))).value).toBe(2);
    const out = await tmp();
    expect(
      (await quietly(() => main(['convert', path.join(out, 'nope'), '--out', out]))).value,
    ).toBe(2);
  });

  it('reads linked folders once, and lists a link loop and a fifo instead of reading them', async () => {
    const root = await tmp();
    const input = path.join(root, 'in');
    await cp('fixtures/forms/seed-policy-2023.html', path.join(input, 'sub', 'b.html'));
    await cp('fixtures/forms/seed-policy-2023.html', path.join(root, 'other', 'a.html'));
    await symlink(path.join(root, 'other'), path.join(input, 'linked'));
    await symlink(input, path.join(input, 'sub', 'loop'));
    execFileSync('mkfifo', [path.join(input, 'pipe.html')]);
    const out = path.join(root, 'out');
    expect((await quietly(() => main(['convert', input, '--out', out]))).value).toBe(0);
    const manifest = await lines(path.join(out, 'manifest.jsonl'));
    expect(
      manifest.map((m) => [m.file, m.status, (m.error as { code: string } | null)?.code ?? null]),
    ).toEqual([
      ['linked/a.html', 'ok', null],
      ['pipe.html', 'skipped', 'not_a_file'],
      ['sub/b.html', 'ok', null],
      ['sub/loop', 'skipped', 'not_a_file'],
    ]);
  });

  it('never removes what it did not write, and refuses inputs where it writes', async () => {
    // the user's own forms/ folder given as input, with --out its parent: refused, nothing lost
    const work = await tmp();
    await cp('fixtures/forms/seed-policy-2023.html', path.join(work, 'forms', 'a.html'));
    const before = await hashes(work);
    expect(
      (await quietly(() => main(['convert', path.join(work, 'forms'), '--out', work]))).value,
    ).toBe(2);
    expect(await hashes(work)).toEqual(before);
    // files of the user's beside this tool's in an output folder outlive two runs
    const out = await tmp();
    await writeFile(path.join(out, 'notes.txt'), 'mine');
    await cp('fixtures/forms/seed-policy-2023.html', path.join(out, 'forms', 'mine.html'));
    await mkdir(path.join(out, 'tables'));
    await writeFile(path.join(out, 'tables', 'budget.csv'), 'a,b\n');
    // the output folder may be the input folder: its inputs are read, its results are not
    const both = await tmp();
    await cp('fixtures/forms/seed-policy-2023.html', path.join(both, 'a.html'));
    for (let run = 0; run < 2; run++) {
      expect(
        (await quietly(() => main(['convert', both, '--out', both, '--no-warehouse']))).value,
      ).toBe(0);
      expect((await lines(path.join(both, 'manifest.jsonl'))).map((m) => m.file)).toEqual([
        'a.html',
      ]);
    }
    const mine = await hashes(out);
    for (let run = 0; run < 2; run++) {
      const args = ['convert', 'fixtures/forms/seed-policy-2023.html', '--out', out];
      expect((await quietly(() => main([...args, '--no-warehouse']))).value).toBe(0);
    }
    const after = await hashes(out);
    for (const [file, hash] of Object.entries(mine)) expect(after[file]).toBe(hash);
    expect(Object.keys(after)).toContain(path.join('forms', 'seed-policy-2023.html.json'));
  });

  it('keeps source.file relative to the input root and never writes outside --out', async () => {
    const input = await tmp();
    await writeFile(
      path.join(input, 'x..evil.html'),
      await readFile('fixtures/forms/seed-policy-2023.html'),
    );
    const out = await tmp();
    await quietly(() => main(['convert', input, '--out', out]));
    const files = await readdir(out, { recursive: true });
    expect(files.some((f) => f.includes('evil'))).toBe(true);
    expect(files.every((f) => !path.relative(out, path.resolve(out, f)).startsWith('..'))).toBe(
      true,
    );
  });
});

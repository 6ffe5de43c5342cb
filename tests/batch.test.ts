// Batch conversion at archive scale: a mixed folder with nested and hostile archives, resuming a
// run killed half-way, shards merged back, and the warehouse tables (CSV, DuckDB, Parquet) with
// the README's example queries.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  appendFile,
  cp,
  mkdir,
  readdir,
  readFile,
  symlink,
  truncate,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { shardOf } from '../src/cli/convert.js';
import { defuse } from '../src/emit/csv.js';
import { recordPath } from '../src/emit/output.js';
import { TABLES } from '../src/emit/tables.js';
import { tempDirs } from './helpers/temp.js';

const tmp = tempDirs('shenbao-batch-');
const zip = (files: Record<string, Uint8Array>): Buffer =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, {}]]))));

async function quietly(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: await main(args), stderr };
  } finally {
    err.mockRestore();
  }
}

async function jsonl(file: string): Promise<Record<string, unknown>[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The manifest without the timing, which differs from run to run. */
async function manifest(dir: string): Promise<Record<string, unknown>[]> {
  return (await jsonl(path.join(dir, 'manifest.jsonl'))).map(({ duration_ms: _, ...m }) => m);
}

/** Complete units in an output folder's journal (inputs.jsonl). */
async function journalLines(out: string): Promise<number> {
  const journal = path.join(out, 'inputs.jsonl');
  return existsSync(journal) ? (await readFile(journal, 'utf8')).split('\n').length - 1 : 0;
}

/** Waits until a run writing into `out` has completed `n` units. */
async function journalReaches(out: string, n: number): Promise<void> {
  while ((await journalLines(out)) < n) await new Promise((r) => setTimeout(r, 5));
}

/** One conversion with one job and no warehouse, in this process. */
const convertOnce = (input: string, out: string) =>
  quietly(['convert', input, '--out', out, '--jobs', '1', '--no-warehouse']);

/** The same conversion again with --resume, in this process. */
const resume = (input: string, out: string) =>
  quietly(['convert', input, '--out', out, '--jobs', '1', '--resume', '--no-warehouse']);

/** A folder of many small inputs of every format (names varied so shards split them). */
async function mixedFolder(copies: number): Promise<string> {
  const input = await tmp();
  const sources = [
    'seed-policy-2023.html',
    'office/project-units-weights.calc.xlsx',
    'office/project-units-weights.calc.xls',
    'office/seed-policy-2023.writer.docx',
    'pdf/project-units-weights.writer.pdf',
  ];
  for (let k = 0; k < copies; k++) {
    const name = `batch-${String(k).padStart(2, '0')}`;
    if (k % 4 === 3) {
      // every fourth batch is an archive, whose entries are units of their own
      const entries = Object.fromEntries(
        sources.map((s) => [path.basename(s), readFileSync(path.join('fixtures/forms', s))]),
      );
      await writeFile(path.join(input, `${name}.zip`), zip(entries));
      continue;
    }
    const dir = path.join(input, name);
    await mkdir(dir, { recursive: true });
    for (const s of sources) {
      await cp(path.join('fixtures/forms', s), path.join(dir, path.basename(s)));
    }
  }
  return input;
}

describe('a folder with nested zips, broken files, a zip-slip entry and a zip bomb', () => {
  it('lists every input in the manifest, writes nothing outside --out, and exits 1', async () => {
    const root = await tmp();
    const input = path.join(root, 'in');
    await mkdir(path.join(input, 'deep'), { recursive: true });
    const seed = readFileSync('fixtures/forms/seed-policy-2023.html');
    const xlsx = readFileSync('fixtures/forms/office/three-forms.calc.xlsx');
    await writeFile(
      path.join(input, 'deep', 'outer.zip'),
      zip({ 'a/seed.html': seed, 'inner.zip': zip({ 'book.xlsx': xlsx, 'b/seed.html': seed }) }),
    );
    await writeFile(
      path.join(input, 'slip.zip'),
      zip({ '../../escaped.html': seed, 'ok.html': seed }),
    );
    await writeFile(
      path.join(input, 'bomb.zip'),
      zip({ 'zeros.html': new Uint8Array(64 * 2 ** 20) }),
    );
    await writeFile(
      path.join(input, 'truncated.docx'),
      readFileSync('fixtures/forms/office/seed-policy-2023.writer.docx').subarray(0, 900),
    );
    await writeFile(path.join(input, 'garbage.pdf'), strToU8('%PDF-1.7\nnot really'));
    await writeFile(path.join(input, 'empty.html'), '');
    const out = path.join(root, 'out');
    const before = await readdir(root, { recursive: true });
    const { code } = await quietly(['convert', input, '--out', out, '--no-warehouse']);
    expect(code).toBe(1);
    const rows = (await manifest(out)).map((m) => [
      m.file,
      m.status,
      (m.error as { code: string } | null)?.code ?? null,
    ]);
    expect(rows).toEqual([
      ['bomb.zip/zeros.html', 'failed', 'zip_bomb'],
      ['deep/outer.zip/a/seed.html', 'ok', null],
      ['deep/outer.zip/inner.zip/b/seed.html', 'ok', null],
      ['deep/outer.zip/inner.zip/book.xlsx', 'ok', null],
      ['empty.html', 'empty', 'empty_file'],
      ['garbage.pdf', 'failed', 'corrupt_container'],
      ['slip.zip/../../escaped.html', 'failed', 'unsafe_path'],
      ['slip.zip/ok.html', 'ok', null],
      ['truncated.docx', 'failed', 'corrupt_container'],
    ]);
    const records = await jsonl(path.join(out, 'forms.jsonl'));
    expect(records).toHaveLength(1 + 1 + 3 + 1);
    // only the output folder is new; nothing landed beside the input or the output
    const after = await readdir(root, { recursive: true });
    expect(after.filter((f) => !f.startsWith('out')).sort()).toEqual(before.sort());
    expect(after.some((f) => f.includes('escaped'))).toBe(false);
  }, 60_000);
});

describe('isolation of each input', () => {
  /**
   * A page of 250 000 table rows (24 MB): about 20 s of work and 2 GB of memory, far beyond a
   * 3 s limit or a 64 MiB heap, which the small inputs behind it (a new worker included) stay within.
   */
  async function heavyFolder(): Promise<string> {
    const input = await tmp();
    const rows = Array.from(
      { length: 250_000 },
      (_, i) => `<tr><td>指标${i}</td><td>数量指标</td><td>≥${i}个</td><td>说明${i}</td></tr>`,
    ).join('');
    await writeFile(
      path.join(input, 'a-heavy.html'),
      `<html><body><table>${rows}</table></body></html>`,
    );
    for (const name of ['b.html', 'c.html', 'd.html']) {
      await cp('fixtures/forms/seed-policy-2023.html', path.join(input, name));
    }
    return input;
  }

  const rows = async (out: string) =>
    (await manifest(out)).map((m) => [
      m.file,
      m.status,
      (m.error as { code: string } | null)?.code ?? null,
    ]);
  const after = (code: string) => [
    ['a-heavy.html', 'failed', code],
    ['b.html', 'ok', null],
    ['c.html', 'ok', null],
    ['d.html', 'ok', null],
  ];

  it('stops an input past --timeout, also with one job, and the inputs queued behind it convert', async () => {
    const input = await heavyFolder();
    for (const jobs of ['1', '2']) {
      const out = await tmp();
      const args = ['convert', input, '--out', out, '--jobs', jobs, '--timeout', '3'];
      const { code } = await quietly([...args, '--no-warehouse']);
      expect(code).toBe(1);
      // the time limit runs from when a worker takes an input, not while it waits in the queue
      expect(await rows(out)).toEqual(after('timeout'));
      // what failed is still known by its bytes (for the manifest and --resume)
      const [heavy] = await manifest(out);
      const bytes = await readFile(path.join(input, 'a-heavy.html'));
      expect([heavy!.sha256, heavy!.format]).toEqual([
        createHash('sha256').update(bytes).digest('hex'),
        'html',
      ]);
    }
  }, 60_000);

  it('stops an input past --max-heap and replaces the worker', async () => {
    const input = await heavyFolder();
    const out = await tmp();
    const args = ['convert', input, '--out', out, '--jobs', '1', '--max-heap', '64'];
    const { code } = await quietly([...args, '--no-warehouse']);
    expect(code).toBe(1);
    expect(await rows(out)).toEqual(after('out_of_memory'));
  }, 60_000);
});

describe('inputs and outputs on disk', () => {
  it('reads no output folder inside an input folder, lists a dangling link, skips system files', async () => {
    const input = await tmp();
    await cp('fixtures/forms/seed-policy-2023.html', path.join(input, 'a.html'));
    await symlink(path.join(input, 'gone.html'), path.join(input, 'b-link.html'));
    await writeFile(path.join(input, 'Thumbs.db'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    const lock = new Uint8Array([0x01, 0x02]);
    await writeFile(
      path.join(input, 'c.zip'),
      zip({
        'd.html': strToU8(await readFile('fixtures/forms/seed-policy-2023.html', 'utf8')),
        '~$d.docx': lock,
        'Thumbs.db': lock,
        'desktop.ini': lock,
      }),
    );
    const out = path.join(input, 'output');
    for (let run = 0; run < 2; run++) {
      const { code } = await convertOnce(input, out);
      expect(code).toBe(1);
      expect(
        (await manifest(out)).map((m) => [
          m.file,
          m.status,
          (m.error as { code: string } | null)?.code ?? null,
        ]),
      ).toEqual([
        ['a.html', 'ok', null],
        ['b-link.html', 'failed', 'read_error'],
        ['c.zip/d.html', 'ok', null],
      ]);
    }
  });

  it('reads files and folders whose names are GBK bytes, not UTF-8 (copied from Chinese Windows)', async () => {
    const input = await tmp();
    // the GBK bytes of 财政局 (folder) and 项目支出.html (file), written by their bytes
    const folder = Buffer.from([0xb2, 0xc6, 0xd5, 0xfe, 0xbe, 0xd6]);
    const file = Buffer.concat([
      Buffer.from([0xcf, 0xee, 0xc4, 0xbf, 0xd6, 0xa7, 0xb3, 0xf6]),
      Buffer.from('.html'),
    ]);
    const sep = Buffer.from(path.sep);
    const dir = Buffer.concat([Buffer.from(input), sep, folder]);
    await mkdir(dir);
    const html = await readFile('fixtures/forms/seed-policy-2023.html');
    await writeFile(Buffer.concat([dir, sep, file]), html);
    await writeFile(
      Buffer.concat([dir, sep, Buffer.from('b.zip')]),
      zip({ 'c.html': new Uint8Array(html) }),
    );
    const out = await tmp();
    for (const run of [convertOnce, resume]) {
      const { code } = await run(input, out);
      expect(code).toBe(0);
      expect((await manifest(out)).map((m) => [m.file, m.status])).toEqual([
        ['财政局/b.zip/c.html', 'ok'],
        ['财政局/项目支出.html', 'ok'],
      ]);
      const records = await jsonl(path.join(out, 'forms.jsonl'));
      expect(records.map((r) => (r.source as { file: string }).file)).toEqual([
        '财政局/b.zip/c.html',
        '财政局/项目支出.html',
      ]);
    }
  });

  it('shortens a record file name too long for the file system, and keeps the record', async () => {
    const input = await tmp();
    // 252 bytes: a name the file system takes, but not with .json after it
    const name = `${'项目支出绩效目标申报表'.repeat(7)}abcdefghijklmnop.html`;
    expect(Buffer.byteLength(name)).toBe(252);
    await cp('fixtures/forms/seed-policy-2023.html', path.join(input, name));
    const out = await tmp();
    const { code } = await convertOnce(input, out);
    expect(code).toBe(0);
    expect((await manifest(out)).map((m) => [m.file, m.status])).toEqual([[name, 'ok']]);
    const [file] = await readdir(path.join(out, 'forms'));
    expect(Buffer.byteLength(file!)).toBeLessThanOrEqual(255);
    expect(file).toMatch(/^项目支出绩效目标申报表.*~[0-9a-f]{8}\.json$/u);
    const record = JSON.parse(await readFile(path.join(out, 'forms', file!), 'utf8'));
    expect(record.source.file).toBe(name);
  });

  it('refuses a file larger than any form from its size, without reading it', async () => {
    const input = await tmp();
    const big = path.join(input, 'big.html');
    await writeFile(big, '<html><body><table>');
    await truncate(big, 600 * 2 ** 20); // sparse: 600 MiB that take no disk space
    const pdf = path.join(input, 'big.pdf');
    await writeFile(pdf, '%PDF-1.4\n');
    await truncate(pdf, 300 * 2 ** 20);
    const xlsx = path.join(input, 'big.xlsx');
    await writeFile(
      xlsx,
      readFileSync('fixtures/forms/office/two-projects.calc.xlsx').subarray(0, 4096),
    );
    await truncate(xlsx, 40 * 2 ** 20);
    const out = await tmp();
    const { code } = await convertOnce(input, out);
    expect(code).toBe(1);
    expect(
      (await manifest(out)).map((m) => [m.file, m.format, (m.error as { code: string }).code]),
    ).toEqual([
      // (its first bytes are a page padded with NULs: HTML)
      ['big.html', 'html', 'file_too_large'],
      ['big.pdf', 'pdf', 'file_too_large'],
      ['big.xlsx', 'xlsx', 'file_too_large'],
    ]);
  }, 60_000);
});

describe('hashes', () => {
  it('records the sha256 of each file and archive entry', async () => {
    const input = await tmp();
    const seed = readFileSync('fixtures/forms/seed-policy-2023.html');
    const other = Buffer.concat([seed, Buffer.from('<!-- another -->')]);
    await writeFile(path.join(input, 'a.html'), seed);
    await writeFile(path.join(input, 'b.html'), other);
    await writeFile(
      path.join(input, 'c.zip'),
      zip({ 'inner.html': seed, 'notes.txt': strToU8('x') }),
    );
    const out = await tmp();
    await convertOnce(input, out);
    const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
    const files = Object.fromEntries((await manifest(out)).map((m) => [m.file, m.sha256]));
    expect(files).toEqual({
      'a.html': sha(seed),
      'b.html': sha(other),
      'c.zip/inner.html': sha(seed),
      'c.zip/notes.txt': sha(strToU8('x')),
    });
    const inputs = await jsonl(path.join(out, 'inputs.jsonl'));
    expect(Object.fromEntries(inputs.map((e) => [e.input, e.sha256]))).toEqual(files);
  }, 60_000);
});

describe('--resume after a run killed half-way', () => {
  it('ends with the same forms.jsonl as a run that was never interrupted', async () => {
    const input = await mixedFolder(12);
    const whole = await tmp();
    expect(
      (await quietly(['convert', input, '--out', whole, '--jobs', '1', '--no-warehouse'])).code,
    ).toBe(0);

    const out = await tmp();
    const child = spawn(
      process.execPath,
      ['bin/shenbao.js', 'convert', input, '--out', out, '--jobs', '1', '--no-warehouse', '-q'],
      { stdio: 'ignore' },
    );
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // killed (SIGKILL: no chance to clean up) once a few inputs are complete
    await journalReaches(out, 8);
    child.kill('SIGKILL');
    await exited;
    const completed = await journalLines(out);
    expect(completed).toBeLessThan(60); // it was stopped before the end
    expect(existsSync(path.join(out, 'tables'))).toBe(false);
    // and a write cut short by the kill: a last line without its end
    await appendFile(path.join(out, 'forms.jsonl'), '{"schema_version":"1","source":{"fi');

    const { code, stderr } = await resume(input, out);
    expect(code).toBe(0);
    expect(stderr).toMatch(new RegExp(`${completed} input\\(s\\) kept from the earlier run`));
    expect(await readFile(path.join(out, 'forms.jsonl'), 'utf8')).toBe(
      await readFile(path.join(whole, 'forms.jsonl'), 'utf8'),
    );
    expect(await manifest(out)).toEqual(await manifest(whole));
    // a second --resume has nothing left to do and changes nothing
    const again = await resume(input, out);
    expect(again.stderr).toMatch(/60 input\(s\) kept/u);
    // the summary times each step (the benchmark reads this line)
    expect(again.stderr).toMatch(
      /time: converting \d+\.\d\d s, sorting \d+\.\d\d s, CSV tables \d+\.\d\d s, warehouse \d+\.\d\d s/u,
    );
    expect(await readFile(path.join(out, 'forms.jsonl'), 'utf8')).toBe(
      await readFile(path.join(whole, 'forms.jsonl'), 'utf8'),
    );
  }, 120_000);

  it('stops cleanly on Ctrl-C (exit 130, whole lines, no tables) and resumes from there', async () => {
    const input = await mixedFolder(12);
    const out = await tmp();
    const child = spawn(
      process.execPath,
      ['bin/shenbao.js', 'convert', input, '--out', out, '--jobs', '2', '--no-warehouse'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    await journalReaches(out, 5);
    child.kill('SIGINT');
    expect(await code).toBe(130);
    expect(stderr).toMatch(/interrupted: \d+ of 60 unit\(s\) converted .* --resume/u);
    for (const f of ['forms.jsonl', 'manifest.jsonl', 'inputs.jsonl']) {
      const text = await readFile(path.join(out, f), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      for (const line of text.split('\n').filter((l) => l !== ''))
        expect(() => JSON.parse(line)).not.toThrow();
    }
    expect(existsSync(path.join(out, 'tables'))).toBe(false);
    const { code: resumed, stderr: said } = await resume(input, out);
    expect(resumed).toBe(0);
    expect(said).toMatch(/input\(s\) kept from the earlier run/u);
    expect((await manifest(out)).length).toBe(60);
  }, 120_000);

  it('converts again an input that changed or failed since the earlier run', async () => {
    const input = await tmp();
    await cp('fixtures/forms/seed-policy-2023.html', path.join(input, 'a.html'));
    await writeFile(path.join(input, 'b.docx'), 'not a docx');
    const out = await tmp();
    expect((await convertOnce(input, out)).code).toBe(1);
    await cp('fixtures/forms/office/seed-policy-2023.writer.docx', path.join(input, 'b.docx'));
    const { code, stderr } = await resume(input, out);
    expect(code).toBe(0);
    expect(stderr).toMatch(/1 input\(s\) kept/u);
    expect((await manifest(out)).map((m) => [m.file, m.status])).toEqual([
      ['a.html', 'ok'],
      ['b.docx', 'ok'],
    ]);
  }, 60_000);
});

describe('--shard k/n and merge', () => {
  it('two shards merged equal the unsharded run', async () => {
    const input = await mixedFolder(4);
    const whole = await tmp();
    const parts = [await tmp(), await tmp()];
    const merged = await tmp();
    expect((await quietly(['convert', input, '--out', whole, '--jobs', '1'])).code).toBe(0);
    for (const [k, dir] of parts.entries()) {
      expect(
        (await quietly(['convert', input, '--out', dir, '--jobs', '1', '--shard', `${k + 1}/2`]))
          .code,
      ).toBe(0);
    }
    const sizes = await Promise.all(parts.map(async (d) => (await manifest(d)).length));
    expect(sizes.every((n) => n > 0)).toBe(true);
    expect(sizes[0]! + sizes[1]!).toBe((await manifest(whole)).length);
    expect((await quietly(['merge', ...parts, '--out', merged])).code).toBe(0);
    expect(await readFile(path.join(merged, 'forms.jsonl'), 'utf8')).toBe(
      await readFile(path.join(whole, 'forms.jsonl'), 'utf8'),
    );
    expect(await manifest(merged)).toEqual(await manifest(whole));
    for (const t of TABLES.filter((t) => t.name !== 'files')) {
      expect(await readFile(path.join(merged, 'tables', `${t.name}.csv`), 'utf8')).toBe(
        await readFile(path.join(whole, 'tables', `${t.name}.csv`), 'utf8'),
      );
    }
    expect((await readdir(path.join(merged, 'forms'), { recursive: true })).sort()).toEqual(
      (await readdir(path.join(whole, 'forms'), { recursive: true })).sort(),
    );
  }, 120_000);

  it('puts every input in exactly one shard, the same one every time', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `dir/${i}.pdf`);
    const counts = [0, 0, 0, 0];
    for (const n of names) counts[shardOf(n, 4) - 1]!++;
    expect(counts.every((c) => c > 200 && c < 300)).toBe(true);
    // pinned: machines running different versions must agree on the slices
    const pinned = ['a.html', 'dir/0.pdf', '2023/就业/促进就业.pdf', 'batch.zip'];
    expect(pinned.map((n) => shardOf(n, 4))).toEqual([4, 1, 3, 1]);
  });

  it('says what it left out of a shard folder that an interrupted run wrote', async () => {
    const input = await tmp();
    await cp('fixtures/forms/seed-policy-2023.html', path.join(input, 'a.html'));
    await cp('fixtures/forms/seed-policy-2023.html', path.join(input, 'b.html'));
    const shard = await tmp();
    await quietly(['convert', input, '--out', shard, '--jobs', '1', '--no-warehouse']);
    // b.html's journal line never written (the run was killed), and a cut last line
    const journal = path.join(shard, 'inputs.jsonl');
    const lines = (await readFile(journal, 'utf8')).split('\n').filter((l) => l.includes('a.html'));
    await writeFile(journal, lines.join('\n') + '\n{"input":"c.ht');
    const merged = await tmp();
    const { code, stderr } = await quietly([
      'merge',
      shard,
      '--out',
      merged,
      '-q',
      '--no-warehouse',
    ]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/1 line\(s\) cut short and 2 line\(s\) of units not completed/u);
    expect((await manifest(merged)).map((m) => m.file)).toEqual(['a.html']);
  });

  it('refuses a folder that is not an output folder, and a bad --shard', async () => {
    const dir = await tmp();
    expect((await quietly(['merge', dir, '--out', await tmp()])).code).toBe(2);
    expect((await quietly(['convert', dir, '--shard', '3/2'])).code).toBe(2);
    expect((await quietly(['convert', dir, '--shard', 'half'])).code).toBe(2);
  });
});

describe('warehouse tables', () => {
  let out: string;
  beforeAll(async () => {
    const input = await tmp();
    await cp('fixtures/forms', input, { recursive: true });
    // a cell a spreadsheet would run as a formula
    const seed = await readFile('fixtures/forms/seed-policy-2023.html', 'utf8');
    await writeFile(
      path.join(input, 'planted.html'),
      seed.replace('促进就业专项资金', '=HYPERLINK("http://x")'),
    );
    out = await tmp();
    await quietly(['convert', input, '--out', out, '--bom']);
  }, 120_000);

  async function query<T>(sql: string): Promise<T[]> {
    const db = await DuckDBInstance.create(path.join(out, 'shenbao.duckdb'), {
      access_mode: 'READ_ONLY',
    });
    const c = await db.connect();
    try {
      return (await c.runAndReadAll(sql)).getRowObjectsJson() as T[];
    } finally {
      c.closeSync();
      db.closeSync();
    }
  }

  it('has the same rows in the CSV files, the DuckDB tables and the Parquet files', async () => {
    for (const t of TABLES) {
      const csv = path.join(out, 'tables', `${t.name}.csv`);
      const parquet = path.join(out, 'parquet', `${t.name}.parquet`);
      const [row] = await query<{ db: string; pq: string; csv: string }>(
        `SELECT (SELECT count(*) FROM ${t.name}) AS db,
                (SELECT count(*) FROM read_parquet('${parquet}')) AS pq,
                (SELECT count(*) FROM read_csv('${csv}', header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')) AS csv`,
      );
      expect(row!.db).toBe(row!.pq);
      expect(row!.db).toBe(row!.csv);
    }
    const [counts] = await query<{ forms: string; indicators: string }>(
      'SELECT (SELECT count(*) FROM forms) AS forms, (SELECT count(*) FROM indicators) AS indicators',
    );
    const records = await jsonl(path.join(out, 'forms.jsonl'));
    expect(Number(counts!.forms)).toBe(records.length);
    expect(Number(counts!.indicators)).toBe(
      records.reduce((n, r) => n + (r.indicators as unknown[]).length, 0),
    );
  });

  it('keys forms by a form_id stable across runs and shared by every table', async () => {
    const rows = await query<{ orphans: string; ids: string; forms: string }>(
      `SELECT (SELECT count(*) FROM indicators WHERE form_id NOT IN (SELECT form_id FROM forms)) AS orphans,
              (SELECT count(DISTINCT (form_id, file)) FROM forms) AS ids,
              (SELECT count(*) FROM forms) AS forms`,
    );
    expect(rows[0]!.orphans).toBe('0');
    expect(rows[0]!.ids).toBe(rows[0]!.forms);
  });

  it('writes RFC 4180 CSV with a BOM, and defuses cells that would run as formulas', async () => {
    const forms = await readFile(path.join(out, 'tables', 'forms.csv'));
    expect([...forms.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = forms.toString('utf8');
    expect(text).toContain('\r\n');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/mu);
    const [row] = await query<{ name: string }>(
      `SELECT name FROM forms WHERE file = 'planted.html'`,
    );
    expect(row!.name).toBe('=HYPERLINK("http://x")');
    expect(defuse('-5')).toBe("'-5");
    expect(defuse('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(defuse('5')).toBe('5');
  });

  it('runs the example queries of the README', async () => {
    const readme = await readFile('README.md', 'utf8');
    const queries = [...readme.matchAll(/```sql\n([\s\S]*?)```/gu)].map((m) => m[1]!);
    expect(queries.length).toBeGreaterThanOrEqual(3);
    for (const sql of queries) {
      const rows = await query<Record<string, unknown>>(sql.replaceAll('output/', `${out}/`));
      expect(rows.length, sql).toBeGreaterThan(0);
    }
  });
});

describe('record file names', () => {
  it("never give one file's record the name of another file's form", () => {
    const at = (file: string, form_index: number, form_count: number) =>
      recordPath({ source: { file, form_index, form_count } });
    expect(at('two.html', 1, 2)).toBe('forms/two.html#1.json');
    expect(at('two.html#1', 0, 1)).toBe('forms/two.html%231.json');
    expect(at('two.html%231', 0, 1)).toBe('forms/two.html%25231.json');
    expect(at('dir#1/a.html', 0, 1)).toBe('forms/dir#1/a.html.json');
  });
});

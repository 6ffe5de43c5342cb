// Zip archives as input: entries read in memory and named archive.zip/inner/path, nested
// archives, GBK entry names, and the archives that are refused (zip-slip names, bombs, depth).
import { strToU8, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { archiveEntries } from '../src/ingest/zip.js';
import { extractAll, extractBufferSync } from '../src/pipeline.js';
import { comparable } from './helpers/comparable.js';
import { tempDirs } from './helpers/temp.js';

const tmp = tempDirs('shenbao-zip-');

const seed = readFileSync('fixtures/forms/seed-policy-2023.html');
const workbook = readFileSync('fixtures/forms/office/project-units-weights.calc.xlsx');
const zip = (files: Record<string, Uint8Array>): Buffer =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, {}]]))));

describe('zip archives as input', () => {
  it('extracts every entry, nested archives too, each named by its path in the archive', async () => {
    const inner = zip({ 'units.xlsx': workbook });
    const outer = zip({
      'dir/seed.html': seed,
      'inner.zip': inner,
      'notes/readme.txt': strToU8('说明'),
    });
    const results = await extractAll(outer, 'batch.zip');
    expect(results.map((r) => [r.file, r.status, r.error?.code ?? null])).toEqual([
      ['batch.zip/dir/seed.html', 'ok', null],
      ['batch.zip/inner.zip/units.xlsx', 'ok', null],
      ['batch.zip/notes/readme.txt', 'skipped', 'format_not_supported'],
    ]);
    // the same records as the files themselves, apart from source.file
    expect(comparable(results[0]!.records[0]!)).toEqual(
      comparable(extractBufferSync(seed, 'seed.html').records[0]!),
    );
    expect(results[1]!.records[0]!.source.file).toBe('batch.zip/inner.zip/units.xlsx');
  });

  it('inflates the entries a group at a time, giving the same bytes in the same order', () => {
    const files = Object.fromEntries(
      ['e.html', 'a.html', 'c/d.html', 'b.html'].map((n, k) => [n, strToU8(`<p>${n} ${k}</p>`)]),
    );
    const names = (groupBytes?: number) =>
      [...archiveEntries(zip(files), 'z.zip', groupBytes)].map((e) =>
        'buf' in e ? `${e.rel}=${e.buf.toString()}` : `${e.rel}!`,
      );
    expect(names(1)).toEqual(names());
    expect(names()).toEqual([
      'z.zip/a.html=<p>a.html 1</p>',
      'z.zip/b.html=<p>b.html 3</p>',
      'z.zip/c/d.html=<p>c/d.html 2</p>',
      'z.zip/e.html=<p>e.html 0</p>',
    ]);
  });

  it('reads entry names written in GBK by Chinese Windows', async () => {
    const name = '申报表.html';
    const gbk = Buffer.from([0xc9, 0xea, 0xb1, 0xa8, 0xb1, 0xed, ...Buffer.from('.html')]);
    const placeholder = 'x'.repeat(gbk.length);
    const buf = zip({ [placeholder]: seed });
    // fflate writes ASCII names without the UTF-8 flag: put the GBK bytes in their place
    for (let i = buf.indexOf(placeholder); i >= 0; i = buf.indexOf(placeholder, i + 1))
      gbk.copy(buf, i);
    const results = await extractAll(buf, 'a.zip');
    expect(results.map((r) => [r.file, r.status])).toEqual([[`a.zip/${name}`, 'ok']]);
  });

  it('refuses names leading out of the archive, bombs and archives nested too deep', async () => {
    const slip = zip({ '../evil.html': seed, 'ok.html': seed });
    expect((await extractAll(slip, 's.zip')).map((r) => [r.file, r.error?.code ?? null])).toEqual([
      ['s.zip/../evil.html', 'unsafe_path'],
      ['s.zip/ok.html', null],
    ]);
    const bomb = zip({ 'zeros.html': new Uint8Array(40 * 2 ** 20) });
    expect(bomb.length).toBeLessThan(200_000);
    expect((await extractAll(bomb, 'b.zip')).map((r) => [r.file, r.error?.code])).toEqual([
      ['b.zip/zeros.html', 'zip_bomb'],
    ]);
    let deep = zip({ 'seed.html': seed });
    for (let k = 0; k < 3; k++) deep = zip({ [`level${k}.zip`]: deep });
    expect((await extractAll(deep, 'd.zip')).map((r) => [r.file, r.error?.code])).toEqual([
      ['d.zip/level2.zip/level1.zip/level0.zip', 'nested_too_deep'],
    ]);
    // an entry declaring a smaller size than its content (inflating would stop there)
    const lie = zip({ 'a.html': seed });
    lie.writeUInt32LE(100, lie.indexOf('PK\x03\x04', 0, 'latin1') + 22);
    lie.writeUInt32LE(100, lie.indexOf('PK\x01\x02', 0, 'latin1') + 24);
    expect((await extractAll(lie, 'l.zip')).map((r) => [r.file, r.error?.code])).toEqual([
      ['l.zip/a.html', 'corrupt_container'],
    ]);
    expect((await extractAll(zip({}), 'e.zip')).map((r) => [r.status, r.error?.code])).toEqual([
      ['empty', 'empty_archive'],
    ]);
  });

  it('lists every entry in the manifest and writes nothing outside --out', async () => {
    const input = await tmp();
    await writeFile(
      path.join(input, 'batch.zip'),
      zip({ '../../evil.html': seed, 'a/seed.html': seed }),
    );
    const out = await tmp('shenbao-zip-out-');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await main(['convert', input, '--out', out]).finally(() => err.mockRestore());
    expect(code).toBe(1);
    const manifest = (await readFile(path.join(out, 'manifest.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; status: string });
    expect(manifest.map((m) => [m.file, m.status])).toEqual([
      ['batch.zip/../../evil.html', 'failed'],
      ['batch.zip/a/seed.html', 'ok'],
    ]);
    const written = await readdir(out, { recursive: true });
    expect(written.every((f) => !path.relative(out, path.resolve(out, f)).startsWith('..'))).toBe(
      true,
    );
    expect(await readdir(path.dirname(input))).not.toContain('evil.html');
  });

  it('keeps two entries of the same name apart, the second named with (2)', async () => {
    const input = await tmp('shenbao-zip-dup-');
    const other = readFileSync('fixtures/forms/two-projects.html');
    // fflate cannot write one name twice: write two names, then make the second the first
    const bytes = zip({ 'form.html': seed, 'form.htmX': other });
    const twice = Buffer.from(
      bytes.toString('latin1').replaceAll('form.htmX', 'form.html'),
      'latin1',
    );
    await writeFile(path.join(input, 'batch.zip'), twice);
    const out = await tmp('shenbao-zip-out-');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await main(['convert', input, '--out', out, '--no-warehouse']).finally(() =>
      err.mockRestore(),
    );
    expect(code).toBe(0);
    const manifest = (await readFile(path.join(out, 'manifest.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; forms: number });
    expect(manifest.map((m) => [m.file, m.forms])).toEqual([
      ['batch.zip/form (2).html', 2],
      ['batch.zip/form.html', 1],
    ]);
  });

  it('keeps two entries of the same name apart inside an archive inside an archive too', async () => {
    const other = readFileSync('fixtures/forms/two-projects.html');
    // (an entry of its own is named form (2).html: the second form.html becomes form (3).html)
    const bytes = zip({ 'form.html': seed, 'form.htmX': other, 'form (2).html': seed });
    const twice = Buffer.from(
      bytes.toString('latin1').replaceAll('form.htmX', 'form.html'),
      'latin1',
    );
    const results = await extractAll(zip({ 'inner.zip': twice }), 'batch.zip');
    expect(results.map((r) => [r.file, r.status, r.forms])).toEqual([
      ['batch.zip/inner.zip/form (2).html', 'ok', 1],
      ['batch.zip/inner.zip/form (3).html', 'ok', 2],
      ['batch.zip/inner.zip/form.html', 'ok', 1],
    ]);
    // each entry's own bytes: the first is the seed form, the second the two projects
    expect(results[2]!.sha256).toBe(createHash('sha256').update(seed).digest('hex'));
    expect(results[1]!.sha256).toBe(createHash('sha256').update(other).digest('hex'));
    // stored (not deflated) entries too
    const stored = Buffer.from(
      Buffer.from(
        zipSync({ 'form.html': [seed, { level: 0 }], 'form.htmX': [other, { level: 0 }] }),
      )
        .toString('latin1')
        .replaceAll('form.htmX', 'form.html'),
      'latin1',
    );
    const names = [...archiveEntries(stored, 'z.zip')].map((e) =>
      'buf' in e ? [e.rel, e.buf.length] : [e.rel, e.error.code],
    );
    expect(names).toEqual([
      ['z.zip/form (2).html', other.length],
      ['z.zip/form.html', seed.length],
    ]);
  });

  it('reads an archive on disk entry by entry, with the results of reading it whole', async () => {
    const dir = await tmp('shenbao-zip-stream-');
    const gbk = Buffer.from([0xc9, 0xea, 0xb1, 0xa8, 0xb1, 0xed, ...Buffer.from('.html')]);
    const placeholder = 'x'.repeat(gbk.length);
    const archive = zip({
      [placeholder]: seed,
      'b/units.xlsx': workbook,
      'inner.zip': zip({ 'c/seed.html': seed }),
      '../up.html': seed,
      'zeros.html': new Uint8Array(40 * 2 ** 20),
      'damaged.html': seed,
      '.hidden/x.html': seed,
      'empty/': new Uint8Array(0),
    });
    for (let i = archive.indexOf(placeholder); i >= 0; i = archive.indexOf(placeholder, i + 1))
      gbk.copy(archive, i);
    // a flipped byte inside the damaged entry's data: its checksum no longer matches
    const at = archive.indexOf('damaged.html') + 'damaged.html'.length + 40;
    archive[at] = archive[at]! ^ 0xff;
    await writeFile(path.join(dir, 'big.zip'), archive);
    // through the command line: the archive is read from disk, entry by entry
    const out = path.join(dir, 'out');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await main([
      'convert',
      dir,
      '--out',
      out,
      '--jobs',
      '2',
      '--no-warehouse',
    ]).finally(() => err.mockRestore());
    expect(code).toBe(1);
    const manifest = (await readFile(path.join(out, 'manifest.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { file: string; status: string; error: { code: string } | null },
      );
    const view = manifest.map((m) => [m.file, m.status, m.error?.code ?? null]);
    expect(view).toEqual([
      ['big.zip/../up.html', 'failed', 'unsafe_path'],
      ['big.zip/b/units.xlsx', 'ok', null],
      ['big.zip/damaged.html', 'failed', 'corrupt_container'],
      ['big.zip/inner.zip/c/seed.html', 'ok', null],
      ['big.zip/zeros.html', 'failed', 'zip_bomb'],
      ['big.zip/申报表.html', 'ok', null],
    ]);
    // the same as the archive read whole, in memory
    const whole = await extractAll(archive, 'big.zip');
    expect(whole.map((r) => [r.file, r.status, r.error?.code ?? null])).toEqual(view);
    const lines = (await readFile(path.join(out, 'forms.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toEqual(whole.flatMap((r) => r.records).map((r) => JSON.stringify(r)));
  });
});

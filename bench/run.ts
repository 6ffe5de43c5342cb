// Benchmark: converts a synthetic batch built from the fixture forms (HTML, Word, Excel, PDF), in
// this process, and prints one JSON object (forms/s overall and per format, p50/p95 ms per file
// overall and per format, peak RSS). When poppler's pdftotext is installed, the same PDF files
// are also run through `pdftotext -layout` (a separate process per file, as a batch would call
// it) for comparison. `npm run bench -- --forms 5000`.
import { spawnSync } from 'node:child_process';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { collectInputs } from '../src/cli/inputs.js';
import { extractBuffer } from '../src/pipeline.js';

const { values } = parseArgs({ options: { forms: { type: 'string', default: '2000' } } });
const target = Number(values.forms);
if (!Number.isInteger(target) || target <= 0)
  throw new Error('--forms takes a positive whole number');

const files = await collectInputs([path.resolve('fixtures/forms')]);
const inputs = await Promise.all(
  files.map(async (f) => ({ rel: f.rel, buf: await readFile(f.abs) })),
);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

// warm-up: the first files pay for module set-up and JIT
for (const i of inputs) await extractBuffer(i.buf, i.rel);

const times: number[] = [];
const perFormat = new Map<string, { forms: number; ms: number; files: number; times: number[] }>();
let forms = 0;
let filesDone = 0;
const started = performance.now();
while (forms < target) {
  const input = inputs[filesDone % inputs.length]!;
  // vary the bytes so that no two files are the same document
  const buf = Buffer.concat([input.buf, Buffer.from(`\n<!-- copy ${filesDone} -->\n`)]);
  const t = performance.now();
  const result = await extractBuffer(buf, `copy-${filesDone}/${input.rel}`);
  const ms = performance.now() - t;
  times.push(ms);
  forms += result.forms;
  const f = perFormat.get(result.format) ?? { forms: 0, ms: 0, files: 0, times: [] };
  f.times.push(ms);
  perFormat.set(result.format, {
    forms: f.forms + result.forms,
    ms: f.ms + ms,
    files: f.files + 1,
    times: f.times,
  });
  filesDone++;
  if (filesDone % 200 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const pctOf = (list: number[], p: number): number => {
  const sorted = [...list].sort((a, b) => a - b);
  return (
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 100) / 100
  );
};
const pct = (p: number): number => pctOf(times, p);

// The same PDF files through poppler's pdftotext -layout, one process per file.
let pdftotext: Record<string, number> | null = null;
const pdfs = inputs.filter((i) => i.rel.endsWith('.pdf'));
const pdfStats = perFormat.get('pdf');
if (pdfs.length > 0 && pdfStats && spawnSync('pdftotext', ['-v']).status === 0) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shenbao-bench-'));
  const paths = await Promise.all(
    pdfs.map(async (p, k) => {
      const file = path.join(dir, `${k}.pdf`);
      await writeFile(file, p.buf);
      return file;
    }),
  );
  const rounds = Math.max(1, Math.ceil(pdfStats.files / pdfs.length));
  const t = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const file of paths) spawnSync('pdftotext', ['-layout', file, '-'], { stdio: 'ignore' });
  }
  const perFile = (performance.now() - t) / (rounds * paths.length);
  await rm(dir, { recursive: true, force: true });
  const ours = pdfStats.ms / pdfStats.files;
  pdftotext = {
    shenbao_ms_per_pdf: Math.round(ours * 10) / 10,
    pdftotext_layout_ms_per_pdf: Math.round(perFile * 10) / 10,
    ratio: Math.round((ours / perFile) * 10) / 10,
  };
}
console.log(
  JSON.stringify(
    {
      jobs: 1,
      files: filesDone,
      forms,
      seconds: Math.round(seconds * 100) / 100,
      forms_per_s: Math.round(forms / seconds),
      ms_per_file: { p50: pct(0.5), p95: pct(0.95) },
      by_format: Object.fromEntries(
        [...perFormat].map(([format, f]) => [
          format,
          {
            files: f.files,
            forms: f.forms,
            forms_per_s: Math.round(f.forms / (f.ms / 1000)),
            ms_per_file: { p50: pctOf(f.times, 0.5), p95: pctOf(f.times, 0.95) },
          },
        ]),
      ),
      peak_rss_mb: Math.round(peakRss / 1024 / 1024),
      pdf_vs_pdftotext: pdftotext,
      node: process.version,
    },
    null,
    2,
  ),
);

// Benchmark: converts a synthetic batch built from the fixture forms (HTML and Excel), in this
// process, and prints one JSON object (forms/s overall and per format, p50/p95 ms per file, peak
// RSS). `npm run bench -- --forms 5000`.
import { readFile } from 'node:fs/promises';
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
const perFormat = new Map<string, { forms: number; ms: number; files: number }>();
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
  const f = perFormat.get(result.format) ?? { forms: 0, ms: 0, files: 0 };
  perFormat.set(result.format, {
    forms: f.forms + result.forms,
    ms: f.ms + ms,
    files: f.files + 1,
  });
  filesDone++;
  if (filesDone % 200 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

times.sort((a, b) => a - b);
const pct = (p: number): number =>
  Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 100) / 100;
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
          { files: f.files, forms: f.forms, forms_per_s: Math.round(f.forms / (f.ms / 1000)) },
        ]),
      ),
      peak_rss_mb: Math.round(peakRss / 1024 / 1024),
      node: process.version,
    },
    null,
    2,
  ),
);

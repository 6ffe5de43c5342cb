// Benchmark: builds a synthetic archive from the fixture forms, converts it with the real command
// line (`shenbao convert`, the compiled build, in a child process) once with --jobs 1 and once
// with --jobs 2, and prints one JSON object: forms/s overall (wall clock) and per format (from
// the manifest's per-file times), p50/p95 ms per file per format, peak RSS of the converting
// process (worker threads included), the seconds of each step (converting; then sorting the
// files, CSV tables and warehouse, from the summary's time line), the CPU seconds of the process
// by thread (main, each worker, V8's and libuv's helper threads; Linux) and how many cores the run
// kept busy on average, and the speed-up from one job to two, overall and of the converting step
// alone. With both runs it also measures the speed-up two independent processes get on this
// machine (parallelCeiling), the most --jobs 2 could reach. When poppler's pdftotext is
// installed, the fixture PDFs are also run through `pdftotext -layout` for comparison.
//
//   npm run bench                        # 2,000 forms
//   npm run bench -- --forms 10000       # 10,000 forms
//   npm run bench -- --jobs 2            # only one run, with two jobs
//
// The archive: the fixture files (every format, 118 forms in 96 files) copied over and over into
// department/year folders, every file's bytes made unique (so no two copies are the same file);
// every fifth batch is a .zip, and every twentieth of those holds a zip inside. It is written to
// a temporary folder that is removed at the end.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';
import { collectInputs, pathText } from '../src/cli/inputs.js';
import { extractBuffer } from '../src/pipeline.js';
import type { ManifestEntry } from '../src/emit/manifest.js';
import { V8_FLAGS } from '../src/cli/pool.js';

const { values } = parseArgs({
  options: {
    forms: { type: 'string', default: '2000' },
    jobs: { type: 'string' },
    'keep-archive': { type: 'boolean', default: false },
  },
});
const target = Number(values.forms);
if (!Number.isInteger(target) || target <= 0) throw new Error('--forms takes a positive number');
const jobList = values.jobs ? [Number(values.jobs)] : [1, 2];

/**
 * A copy of a fixture with bytes of its own: a trailing comment or padding after the end. In an
 * HTML copy every long cell (a narrative) also gets a mark of its copy, so that the texts of the
 * archive vary as a real archive's do (the bytes are edited as Latin-1, which leaves UTF-8 and GBK
 * text as it was; the mark is ASCII).
 */
function unique(buf: Buffer, rel: string, k: number): Buffer {
  if (!rel.endsWith('.html')) return Buffer.concat([buf, Buffer.from(`\n% copy ${k}\n`)]);
  let cell = 0;
  const text = buf
    .toString('latin1')
    .replace(
      /(?<=>)([^<>]{60,})(?=<\/(?:td|th|p|span|font|div|li|b|u|i)>)/gu,
      (t: string) => `${t} [copy ${k}.${cell++}]`,
    );
  return Buffer.concat([Buffer.from(text, 'latin1'), Buffer.from(`\n<!-- copy ${k} -->\n`)]);
}

async function buildArchive(dir: string): Promise<{ files: number; forms: number }> {
  const fixtures = await collectInputs([path.resolve('fixtures/forms')]);
  const sources = await Promise.all(
    fixtures.map(async (f) => {
      const buf = await readFile(f.abs);
      return { rel: f.rel, buf, forms: (await extractBuffer(buf, f.rel)).forms };
    }),
  );
  let forms = 0;
  let files = 0;
  for (let batch = 0; forms < target; batch++) {
    const entries: Record<string, Uint8Array> = {};
    for (const s of sources) {
      if (forms >= target) break;
      entries[s.rel] = unique(s.buf, s.rel, batch);
      forms += s.forms;
      files++;
    }
    const folder = path.join(dir, `dept-${batch % 7}`, String(2021 + (batch % 4)));
    await mkdir(folder, { recursive: true });
    if (batch % 5 === 4) {
      // a zip of the batch; every twentieth zip nests half of its files in an inner zip
      const names = Object.keys(entries);
      const packed: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
      const inner: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
      names.forEach((n, i) => {
        const into = batch % 20 === 19 && i % 2 === 1 ? inner : packed;
        into[n] = [entries[n]!, { level: 6 }];
      });
      if (Object.keys(inner).length > 0) packed['inner.zip'] = [zipSync(inner), { level: 0 }];
      await writeFile(path.join(folder, `batch-${batch}.zip`), zipSync(packed));
    } else {
      for (const [rel, buf] of Object.entries(entries)) {
        const file = path.join(folder, `batch-${batch}`, rel);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, buf);
      }
    }
  }
  return { files, forms };
}

interface Run {
  jobs: number;
  seconds: number;
  forms: number;
  files: number;
  failed: number;
  peakRssMb: number;
  /** Seconds of each step, from the summary's time line. */
  steps: { converting: number; sorting: number; csv_tables: number; warehouse: number };
  /** CPU seconds of the converting process by thread (Linux only), see threadCpu. */
  cpu: ThreadCpu | null;
  manifest: ManifestEntry[];
}

/**
 * CPU seconds (user + system) of a process's threads, read from /proc/<pid>/task/<tid>/stat at
 * each sample; the last reading of each thread is kept (a thread's count only grows). Linux only.
 */
class ThreadSampler {
  private readonly ticks = new Map<number, number>();
  constructor(private readonly pid: number) {}

  sample(): void {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${this.pid}/task`);
    } catch {
      return;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${this.pid}/task/${tid}/stat`, 'utf8');
        // the fields after the parenthesised name: state is the 1st, utime the 12th, stime the 13th
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        this.ticks.set(Number(tid), Number(fields[11]) + Number(fields[12]));
      } catch {
        // the thread ended between the listing and the read
      }
    }
  }

  /**
   * The main thread is the one whose id is the process's. The conversion workers are the `jobs`
   * busiest of the others (each does far more than any helper thread); the rest are V8's compiler
   * and garbage-collector threads and libuv's pool.
   */
  result(jobs: number): ThreadCpu | null {
    if (this.ticks.size === 0) return null;
    const hz = 100; // USER_HZ, the unit of /proc's times on Linux
    const main = (this.ticks.get(this.pid) ?? 0) / hz;
    const others = [...this.ticks]
      .filter(([tid]) => tid !== this.pid)
      .map(([, t]) => t / hz)
      .sort((a, b) => b - a);
    const workers = others.slice(0, jobs);
    const sum = (list: number[]): number => list.reduce((n, x) => n + x, 0);
    return {
      main: round(main, 2),
      workers: workers.map((w) => round(w, 2)),
      other_threads: round(sum(others.slice(jobs)), 2),
      total: round(main + sum(others), 2),
    };
  }
}

interface ThreadCpu {
  main: number;
  workers: number[];
  other_threads: number;
  total: number;
}

/**
 * The output folders of the runs. They are removed at the end, not after each run: ext4 passes
 * over the inodes of files deleted less than about half a minute before when it makes new files,
 * and the next run, making thousands of record files, would pay for the last run's clean-up
 * (measured: 0.9 against 0.2 ms per record file opened, strace -T).
 */
const outputs: string[] = [];

/** Converts the archive with the command line in a child process and reads its outputs. */
async function convert(archive: string, jobs: number): Promise<Run> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'shenbao-bench-out-'));
  outputs.push(out);
  const main = path.resolve('dist/cli/main.js');
  const script = `
    const { main } = await import(${JSON.stringify(main)});
    const code = await main(process.argv.slice(1));
    process.stdout.write(JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS }));
  `;
  // not --quiet: the summary's time line tells conversion from the steps after it
  const args = ['convert', archive, '--out', out, '--jobs', String(jobs)];
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, '--', ...args]);
  const sampler = new ThreadSampler(child.pid!);
  const timer = setInterval(() => sampler.sample(), 100);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  if (status !== 0) throw new Error(`convert failed: ${stderr}`);
  const time =
    /time: converting ([\d.]+) s, sorting ([\d.]+) s, CSV tables ([\d.]+) s, warehouse ([\d.]+) s/.exec(
      stderr,
    );
  if (!time) throw new Error(`no time line in the summary: ${stderr.slice(-2000)}`);
  const [convertS, sortS, tablesS, warehouseS] = time.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const { maxRssKb } = JSON.parse(stdout) as { code: number; maxRssKb: number };
  const manifest = (await readFile(path.join(out, 'manifest.jsonl'), 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ManifestEntry);
  return {
    jobs,
    seconds,
    forms: manifest.reduce((n, m) => n + m.forms, 0),
    files: manifest.length,
    failed: manifest.filter((m) => m.status === 'failed').length,
    peakRssMb: Math.round(maxRssKb / 1024),
    steps: { converting: convertS, sorting: sortS, csv_tables: tablesS, warehouse: warehouseS },
    cpu: sampler.result(jobs),
    manifest,
  };
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

function percentile(list: number[], p: number): number {
  const sorted = [...list].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0, 2);
}

/** Per format: forms/s of conversion time (one worker's view) and p50/p95 ms per file. */
function byFormat(manifest: ManifestEntry[]): Record<string, unknown> {
  const groups = new Map<string, ManifestEntry[]>();
  for (const m of manifest) groups.set(m.format, [...(groups.get(m.format) ?? []), m]);
  return Object.fromEntries(
    [...groups].map(([format, list]) => {
      const ms = list.reduce((n, m) => n + m.duration_ms, 0);
      const forms = list.reduce((n, m) => n + m.forms, 0);
      const times = list.map((m) => m.duration_ms);
      return [
        format,
        {
          files: list.length,
          forms,
          forms_per_s: round(forms / (ms / 1000)),
          ms_per_file: { p50: percentile(times, 0.5), p95: percentile(times, 0.95) },
        },
      ];
    }),
  );
}

/**
 * How much a second core can give on this machine at best: the fixture files converted in a loop
 * by one process alone, then by two processes at once, each on its own main thread with the
 * workers' V8 flags (no pool, no messages, no output). Two such processes share nothing, so the
 * speed-up 2 × alone / together bounds what --jobs 2 can reach over --jobs 1: the host's cores,
 * caches and memory bandwidth, and V8's compiler and collector threads beside each process, are
 * the only limits.
 */
async function parallelCeiling(rounds: number): Promise<Record<string, number>> {
  const pipeline = path.resolve('dist/pipeline.js');
  const inputs = path.resolve('dist/cli/inputs.js');
  const script = `
    const { readFileSync } = await import('node:fs');
    const { extractBuffer } = await import(${JSON.stringify(pipeline)});
    const { collectInputs } = await import(${JSON.stringify(inputs)});
    const files = (await collectInputs([${JSON.stringify(path.resolve('fixtures/forms'))}]))
      .map((f) => ({ rel: f.rel, buf: readFileSync(f.abs) }));
    const t = performance.now();
    for (let r = 0; r < ${rounds}; r++) for (const f of files) await extractBuffer(f.buf, f.rel);
    process.stdout.write(String((performance.now() - t) / 1000));
  `;
  const once = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [...V8_FLAGS, '--input-type=module', '-e', script]);
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.on('close', (code) =>
        code === 0 ? resolve(Number(out)) : reject(new Error(`ceiling run failed (${code})`)),
      );
    });
  // alternately, twice, keeping the faster of each: the host's speed drifts from minute to minute
  const alones: number[] = [];
  const togethers: number[] = [];
  for (let i = 0; i < 2; i++) {
    alones.push(await once());
    togethers.push(Math.max(...(await Promise.all([once(), once()]))));
  }
  const alone = Math.min(...alones);
  const together = Math.min(...togethers);
  return {
    rounds_of_fixtures: rounds,
    one_process_seconds: round(alone, 2),
    two_processes_seconds: round(together, 2),
    speedup: round((2 * alone) / together, 2),
  };
}

/** The fixture PDFs through poppler's pdftotext -layout, one process per file. */
async function pdftotext(): Promise<number | null> {
  if (spawnSync('pdftotext', ['-v']).status !== 0) return null;
  const pdfs = (await collectInputs([path.resolve('fixtures/forms')])).filter((f) =>
    f.rel.endsWith('.pdf'),
  );
  const t = performance.now();
  const rounds = 5;
  for (let r = 0; r < rounds; r++) {
    for (const f of pdfs)
      spawnSync('pdftotext', ['-layout', pathText(f.abs), '-'], { stdio: 'ignore' });
  }
  return (performance.now() - t) / (rounds * pdfs.length);
}

const archive = await mkdtemp(path.join(os.tmpdir(), 'shenbao-bench-'));
try {
  const built = await buildArchive(archive);
  const runs: Run[] = [];
  for (const jobs of jobList) runs.push(await convert(archive, jobs));
  const first = runs[0]!;
  const pdf = byFormat(first.manifest).pdf as { files: number } | undefined;
  const pdfMs = first.manifest
    .filter((m) => m.format === 'pdf')
    .reduce((n, m) => n + m.duration_ms / (pdf?.files ?? 1), 0);
  const poppler = pdf ? await pdftotext() : null;
  const ceiling = runs.length === 2 ? await parallelCeiling(10) : null;
  console.log(
    JSON.stringify(
      {
        archive: { files: built.files, forms: built.forms },
        runs: runs.map((r) => ({
          jobs: r.jobs,
          seconds: round(r.seconds, 2),
          files: r.files,
          forms: r.forms,
          failed: r.failed,
          forms_per_s: round(r.forms / r.seconds),
          peak_rss_mb: r.peakRssMb,
          seconds_by_step: r.steps,
          cpu_seconds_by_thread: r.cpu,
          cores_busy: r.cpu ? round(r.cpu.total / r.seconds, 2) : null,
        })),
        speedup_jobs_1_to_2_converting:
          runs.length === 2
            ? round(runs[0]!.steps.converting / runs[1]!.steps.converting, 2)
            : null,
        speedup_jobs_1_to_2:
          runs.length === 2 ? round(runs[0]!.seconds / runs[1]!.seconds, 2) : null,
        speedup_ceiling_two_processes: ceiling,
        by_format: byFormat(first.manifest),
        by_format_jobs: first.jobs,
        pdf_vs_pdftotext: poppler
          ? {
              shenbao_ms_per_pdf: round(pdfMs),
              pdftotext_layout_ms_per_pdf: round(poppler),
              ratio: round(pdfMs / poppler),
            }
          : null,
        node: process.version,
        cores: os.availableParallelism(),
      },
      null,
      2,
    ),
  );
} finally {
  for (const out of outputs) await rm(out, { recursive: true, force: true });
  if (!values['keep-archive']) await rm(archive, { recursive: true, force: true });
  else console.error(`archive kept in ${archive}`);
}

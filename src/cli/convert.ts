// `shenbao convert`: converts files and folders, writes the outputs, prints a summary, and
// returns the exit code (0 all ok, 1 some file failed).
import { readFile } from 'node:fs/promises';
import { writeOutputs } from '../emit/output.js';
import { extractAll, type FileResult } from '../pipeline.js';
import { collectInputs } from './inputs.js';
import { failure } from './failure.js';
import { runPool } from './pool.js';

export interface ConvertOptions {
  out: string;
  quiet: boolean;
  /** Worker threads; 1 converts in this thread. */
  jobs?: number;
  /** Per-file time limit in seconds (worker threads only). */
  timeout?: number;
  /** Heap limit of each worker thread in MiB. */
  maxHeap?: number;
}

export async function convert(
  inputs: string[],
  opts: ConvertOptions,
  log: (s: string) => void,
): Promise<number> {
  const files = await collectInputs(inputs);
  const started = performance.now();
  const report = (result: FileResult): void => {
    if (!opts.quiet && result.status !== 'ok')
      log(`${result.status}: ${result.file} (${result.error?.code}: ${result.error?.message})`);
  };
  const jobs = Math.min(opts.jobs ?? 1, files.length);
  let results: FileResult[];
  if (jobs > 1) {
    results = await runPool(
      files,
      { jobs, timeoutMs: (opts.timeout ?? 60) * 1000, heapMb: opts.maxHeap ?? 1024 },
      report,
    );
  } else {
    results = [];
    for (const f of files) {
      let batch: FileResult[];
      try {
        batch = await extractAll(await readFile(f.abs), f.rel);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        batch = [failure(f.rel, 'read_error', message)];
      }
      results.push(...batch);
      batch.forEach(report);
    }
  }
  await writeOutputs(opts.out, results);
  const seconds = (performance.now() - started) / 1000;
  const count = (s: FileResult['status']): number => results.filter((r) => r.status === s).length;
  const forms = results.reduce((n, r) => n + r.forms, 0);
  if (!opts.quiet) {
    log(
      `${results.length} files, ${forms} forms: ${count('ok')} ok, ${count('failed')} failed, ` +
        `${count('empty')} empty, ${count('skipped')} skipped in ${seconds.toFixed(2)} s → ${opts.out}`,
    );
  }
  return count('failed') > 0 ? 1 : 0;
}

// Converts input files on a pool of worker threads (piscina), one per core by default. Results
// come back in input order whatever the timing; a file that throws, exceeds the per-file timeout
// or the worker's heap limit becomes a failed result with a code, and its worker is replaced.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { FileResult } from '../pipeline.js';
import type { InputFile } from './inputs.js';
import type { Task } from './worker.js';
import { failure } from './failure.js';

export interface PoolOptions {
  jobs: number;
  /** Per-file time limit in milliseconds. */
  timeoutMs: number;
  /** Heap limit of each worker in MiB (the memory guard). */
  heapMb: number;
}

/**
 * The worker module, always the compiled JavaScript (dist/cli/worker.js, built by `npm ci`):
 * worker threads cannot load TypeScript, so code run from src/ under tsx uses the build too.
 */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.ts')
    ? path.join(path.dirname(here), '..', '..', 'dist', 'cli', 'worker.js')
    : path.join(path.dirname(here), 'worker.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first.`);
  return file;
}

/** Runs every file through the pool; `onResult` is called as each finishes (any order). */
export async function runPool(
  files: InputFile[],
  opts: PoolOptions,
  onResult: (r: FileResult) => void,
): Promise<FileResult[]> {
  // an input (an archive) gives one result per entry; inputs stay in order
  const pool = new Piscina({
    filename: workerFile(),
    minThreads: opts.jobs,
    maxThreads: opts.jobs,
    // a bounded queue is not needed here: tasks hold paths, not file contents
    resourceLimits: { maxOldGenerationSizeMb: opts.heapMb },
  });
  try {
    return await Promise.all(
      files.map(async (f) => {
        const signal = AbortSignal.timeout(opts.timeoutMs);
        let result: FileResult;
        try {
          const results = (await pool.run({ abs: f.abs, rel: f.rel } satisfies Task, {
            signal,
          })) as FileResult[];
          results.forEach(onResult);
          return results;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          if (signal.aborted) {
            result = failure(
              f.rel,
              'timeout',
              `Extraction took longer than ${opts.timeoutMs / 1000} s and was stopped.`,
            );
          } else if (/ERR_WORKER_OUT_OF_MEMORY|heap/iu.test(message)) {
            result = failure(
              f.rel,
              'out_of_memory',
              `Extraction needed more than the ${opts.heapMb} MiB a worker may use and was stopped.`,
            );
          } else {
            result = failure(f.rel, 'internal_error', `The worker failed: ${message}`);
          }
        }
        onResult(result);
        return [result];
      }),
    ).then((all) => all.flat());
  } finally {
    await pool.destroy();
  }
}

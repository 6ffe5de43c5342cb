// Converts inputs on a pool of worker threads (piscina). A file that throws, exceeds the per-file
// timeout or the worker's heap limit becomes a failed result with a code, and piscina replaces the
// worker. How many inputs are prepared at once is decided by the caller (back-pressure); the pool
// hands piscina no more inputs than it has workers (p-limit), so that an input's time limit runs
// from when a worker takes it, not while it waits behind a slow one.
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import pLimit, { type LimitFunction } from 'p-limit';
import { Piscina } from 'piscina';
import { emitResults, type Converted } from '../emit/output.js';
import { detectFormat } from '../ingest/detect.js';
import { failure } from '../model/result.js';
import type { Task } from './run.js';
import { hashFile } from './units.js';
import type { FsPath } from './inputs.js';

/** Bytes of an input kept to tell its format when the worker could not finish it. */
export const HEAD_BYTES = 64 * 1024;

export interface PoolOptions {
  jobs: number;
  /** Per-input time limit in milliseconds. */
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

/**
 * V8 tuning for the conversion workers. Every worker is an isolate of its own that compiles the
 * hot code again with the optimising compiler, on the same cores that convert: with the defaults,
 * that compiling is about as much CPU as the conversion itself, and two workers gain little over
 * one. A function is optimised only after four times the default amount of work (the budget is in
 * bytecodes run) and inlines less into itself, which cuts the CPU of a two-worker run by about a
 * fifth; a one-worker run takes as long within the noise, its files 5–9 % longer each early on
 * (bench/run.ts, 2 000 forms; README, Worker threads). V8's flags are those of the process, so
 * they are set once, before the first worker starts.
 */
export const V8_FLAGS = ['--interrupt-budget=270336', '--max-inlined-bytecode-size-cumulative=200'];
let tuned = false;

function tuneV8(): void {
  if (tuned) return;
  tuned = true;
  for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
}

export class Pool {
  private readonly pool: Piscina;
  private readonly limit: LimitFunction;
  constructor(private readonly opts: PoolOptions) {
    this.limit = pLimit(opts.jobs);
    tuneV8();
    this.pool = new Piscina({
      filename: workerFile(),
      minThreads: opts.jobs,
      maxThreads: opts.jobs,
      resourceLimits: { maxOldGenerationSizeMb: opts.heapMb },
    });
  }

  /** How many worker threads the pool has. */
  get jobs(): number {
    return this.opts.jobs;
  }

  run(task: Task): Promise<Converted> {
    return this.limit(() => this.runNow(task));
  }

  private async runNow(task: Task): Promise<Converted> {
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    try {
      const transferList = task.bytes ? [task.bytes.buffer as ArrayBuffer] : undefined;
      return (await this.pool.run(task, { signal, transferList })) as Converted;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (signal.aborted) {
        const s = this.opts.timeoutMs / 1000;
        return await failed(task, 'timeout', `Extraction took longer than ${s} s and was stopped.`);
      }
      if (/ERR_WORKER_OUT_OF_MEMORY|heap/iu.test(message)) {
        const mb = this.opts.heapMb;
        return await failed(
          task,
          'out_of_memory',
          `Extraction needed more than the ${mb} MiB a worker may use and was stopped.`,
        );
      }
      return await failed(task, 'internal_error', `The worker failed: ${message}`);
    }
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}

/**
 * The result of an input the worker could not finish: with the sha256 and format of its bytes
 * (an archive entry's were taken before its bytes went to the worker; a file is read again, in
 * chunks), so that the manifest and --resume know what failed.
 */
async function failed(task: Task, code: string, message: string): Promise<Converted> {
  let sha256 = task.sha256 ?? '';
  let head = task.head;
  if (task.abs) {
    sha256 = (await hashFile(task.abs)) ?? '';
    head = await readHead(task.abs);
  }
  const format = head ? detectFormat(head, task.rel).format : 'unknown';
  const result = failure(task.rel, code, message, 'failed', format);
  result.sha256 = sha256;
  return emitResults(task.out, sha256, [result]);
}

/** The first bytes of a file (enough to tell its format), or undefined when it cannot be read. */
async function readHead(abs: FsPath): Promise<Buffer | undefined> {
  try {
    const fd = await open(abs, 'r');
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await fd.read(buf, 0, HEAD_BYTES, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fd.close();
    }
  } catch {
    return undefined;
  }
}

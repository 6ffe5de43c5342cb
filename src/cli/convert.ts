// `shenbao convert`: converts files, folders and archives into an output folder, showing progress,
// and returns the exit code (0 all ok, 1 some file failed, 130 interrupted).
import { createHash } from 'node:crypto';
import {
  emitResults,
  inputInOutput,
  OutputWriter,
  ownedPaths,
  type Totals,
} from '../emit/output.js';
import { writeReview } from '../inspect/review.js';
import { failure } from '../model/result.js';
import { collectInputs, pathText, type InputFile } from './inputs.js';
import { HEAD_BYTES, Pool, type PoolOptions } from './pool.js';
import { Progress } from './progress.js';
import type { Converted, Task } from './run.js';
import { Archives, entrySha256, expandInputs, hashFile, type Unit } from './units.js';

/** A run that cannot start: the message says why (the command line exits 2). */
export class ConvertError extends Error {}

export interface Shard {
  /** 1-based. */
  k: number;
  n: number;
}

export interface ConvertOptions {
  out: string;
  quiet: boolean;
  /** Worker threads converting the inputs (default 1). */
  jobs?: number;
  /** Per-input time limit in seconds (default 60). */
  timeout?: number;
  /** Heap limit of each worker thread in MiB. */
  maxHeap?: number;
  /** Keep the results of inputs an earlier run into `out` converted without failure. */
  resume?: boolean;
  /** Convert only this deterministic slice of the inputs. */
  shard?: Shard | null;
  /** CSV files start with a UTF-8 byte-order mark. */
  bom?: boolean;
  /** Write shenbao.duckdb and Parquet files (default true). */
  warehouse?: boolean;
  /** Progress display; default: a bar on a terminal, plain lines otherwise. */
  progress?: 'bar' | 'lines' | 'none';
  /** Also write the review page of the finished run to this file. */
  html?: string;
  /** Stops the run early (SIGINT); what is written stays valid for --resume. */
  signal?: AbortSignal;
}

/** The shard an input belongs to: a hash of its path, so shards stay put when inputs are added. */
export function shardOf(rel: string, n: number): number {
  return (createHash('sha256').update(rel).digest().readUInt32BE(0) % n) + 1;
}

/**
 * Runs `run` over `items` with at most `limit` in flight, handing results to `emit` in the order
 * of `items` whatever order they finish in. Stops launching when `signal` aborts and returns at
 * once, leaving results still in flight unused.
 */
async function inOrder<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<R>,
  emit: (item: T, result: R) => void,
  signal?: AbortSignal,
): Promise<void> {
  const done = new Map<number, R>();
  let next = 0;
  let launched = 0;
  let active = 0;
  await new Promise<void>((resolve, reject) => {
    const stop = (): void => resolve();
    signal?.addEventListener('abort', stop, { once: true });
    const pump = (): void => {
      if (signal?.aborted) return;
      while (active < limit && launched < items.length) {
        const i = launched++;
        active++;
        run(items[i]!).then((r) => {
          active--;
          if (signal?.aborted) return;
          done.set(i, r);
          try {
            while (done.has(next)) {
              const result = done.get(next)!;
              done.delete(next);
              emit(items[next]!, result);
              next++;
            }
          } catch (err) {
            reject(err);
            return;
          }
          pump();
        }, reject);
      }
      if (active === 0 && next === items.length) {
        signal?.removeEventListener('abort', stop);
        resolve();
      }
    };
    pump();
  });
}

export async function convert(
  inputs: string[],
  opts: ConvertOptions,
  log: (s: string) => void,
): Promise<number> {
  const started = performance.now();
  // the output folder is never read as input (convert . --out output)
  // (and when the output folder is an input folder, what it writes there is not read)
  let files = await collectInputs(inputs, [opts.out, ...ownedPaths(opts.out)]);
  if (opts.shard) {
    const { k, n } = opts.shard;
    files = files.filter((f) => shardOf(f.rel, n) === k);
  }
  // an input where the output folder writes (its forms/, tables/ …) would be overwritten
  const clash = inputInOutput(
    opts.out,
    files.map((f) => pathText(f.abs)),
  );
  if (clash !== null) {
    throw new ConvertError(
      `the input ${clash} lies where the output folder ${opts.out} writes its results (forms/, tables/, parquet/ and the .jsonl files); choose another --out`,
    );
  }
  let writer: OutputWriter;
  try {
    writer = OutputWriter.open(opts.out, { resume: opts.resume ?? false });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ConvertError(`cannot write the output folder ${opts.out}: ${message}`);
  }
  // the workers load their readers (most of a second) while this thread lists the archives and,
  // with --resume, hashes the inputs; how many units there are is known only then (an archive's
  // name says it may hold many)
  const maxJobs = Math.max(1, opts.jobs ?? 1);
  const poolOptions = (jobs: number): PoolOptions => ({
    jobs,
    timeoutMs: (opts.timeout ?? 60) * 1000,
    heapMb: opts.maxHeap ?? 1024,
  });
  const mayHoldMany = files.some((f) => /\.zip$/iu.test(f.rel));
  const early = mayHoldMany ? maxJobs : Math.min(maxJobs, files.length);
  let pool: Pool | null = early > 0 ? new Pool(poolOptions(early)) : null;
  let todo: Unit[];
  let kept: number;
  try {
    ({ todo, kept } = await unitsToConvert(files, writer, opts.resume ?? false));
  } catch (err) {
    await pool?.destroy();
    throw err;
  }

  const mode = opts.quiet ? 'none' : (opts.progress ?? (process.stderr.isTTY ? 'bar' : 'lines'));
  const progress = new Progress(todo.length, mode, log);
  if (kept > 0) progress.note(`resuming: ${kept} input(s) kept from the earlier run`);
  // every input is converted on a worker thread, also with one job: this thread only reads
  // archives and writes, each input has its time and heap limit, and what conversion held in
  // memory goes with the workers before the tables are written
  const jobs = Math.max(1, Math.min(maxJobs, todo.length));
  if (todo.length === 0) {
    await pool?.destroy();
    pool = null;
  } else if (!pool || pool.jobs < jobs) {
    // an archive without the .zip name: as many workers as it holds units
    await pool?.destroy();
    pool = new Pool(poolOptions(jobs));
  }
  const archives = new Archives(todo);
  const convertTask = (task: Task): Promise<Converted> => pool!.run(task);
  const run = async (u: Unit): Promise<Converted> => {
    if (u.kind === 'refused') return emitResults(opts.out, '', [u.result]);
    if (u.kind === 'file') return convertTask({ abs: u.abs, rel: u.rel, out: opts.out });
    // an archive entry is inflated here and its bytes handed to the worker (moved, not copied)
    const read = await archives.read(u);
    if ('error' in read) {
      return emitResults(opts.out, '', [failure(u.rel, read.error.code, read.error.message)]);
    }
    // its hash and first bytes stay here, for the manifest if the worker cannot finish it
    const sha256 = createHash('sha256').update(read.buf).digest('hex');
    const head = Buffer.from(read.buf.subarray(0, HEAD_BYTES));
    return convertTask({ bytes: ownBytes(read.buf), rel: u.rel, out: opts.out, sha256, head });
  };
  let converted = 0;
  try {
    // a few units per worker in flight keep every worker busy; the rest wait on disk, so memory
    // stays flat however large the batch
    await inOrder(
      todo,
      jobs * 3,
      run,
      (u, done) => {
        writer.add(u.rel, done);
        converted++;
        const failed = done.manifest.filter((m) => m.status === 'failed');
        for (const m of failed) {
          progress.note(`failed: ${m.file} (${m.error?.code}: ${m.error?.message})`);
        }
        progress.tick(done.manifest.length, done.lines.length, failed.length);
      },
      opts.signal,
    );
  } finally {
    progress.stop();
    archives.closeAll();
    await pool?.destroy();
  }
  if (opts.signal?.aborted) {
    writer.close();
    log(
      `interrupted: ${converted} of ${todo.length} unit(s) converted and written to ${opts.out}; ` +
        'run the same command with --resume to finish',
    );
    return 130;
  }
  const convertSeconds = (performance.now() - started) / 1000;
  const totals = await writer.finish({ bom: opts.bom ?? false, warehouse: opts.warehouse ?? true });
  if (opts.html) writeReview(opts.out, opts.html);
  const seconds = (performance.now() - started) / 1000;
  if (!opts.quiet) {
    log(summary(totals, seconds, { inputs: files.length, kept, out: opts.out, convertSeconds }));
  }
  if (opts.html && !opts.quiet) log(`  review page: ${opts.html}`);
  return totals.status.failed > 0 ? 1 : 0;
}

/**
 * The units to convert: every unit of the inputs; with `resume`, those an earlier run into the
 * output folder converted without failure and that are unchanged since (same sha256) are kept
 * instead (the writer keeps their lines) and counted in `kept`.
 */
async function unitsToConvert(
  files: readonly InputFile[],
  writer: OutputWriter,
  resume: boolean,
): Promise<{ todo: Unit[]; kept: number }> {
  const units = await expandInputs(files);
  if (!resume) return { todo: units, kept: 0 };
  const keep = new Set<string>();
  const todo: Unit[] = [];
  const candidates = units.filter((u) => {
    const before = writer.journal.get(u.rel);
    return u.kind !== 'refused' && before !== undefined && before.failed === 0;
  });
  const hashing = new Archives(candidates);
  try {
    for (const u of units) {
      const before = writer.journal.get(u.rel);
      const sha =
        u.kind === 'refused' || !before || before.failed > 0
          ? null
          : u.kind === 'file'
            ? await hashFile(u.abs)
            : await entrySha256(hashing, u);
      if (sha !== null && sha === before?.sha256) keep.add(u.rel);
      else todo.push(u);
    }
  } finally {
    hashing.closeAll();
  }
  writer.keepOnly(keep);
  return { todo, kept: keep.size };
}

/** Bytes in an ArrayBuffer of their own, which can be moved to a worker thread. */
function ownBytes(buf: Buffer): Uint8Array {
  return buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength
    ? new Uint8Array(buf.buffer)
    : new Uint8Array(buf);
}

/** The closing lines: files and forms by status and code, and the rate. */
export function summary(
  t: Totals,
  seconds: number,
  run: { inputs: number; kept: number; out: string; convertSeconds?: number },
): string {
  const lines = [
    `${run.inputs} input(s), ${t.files} file(s), ${t.forms} form(s) in ${seconds.toFixed(2)} s ` +
      `(${(t.forms / Math.max(seconds, 0.001)).toFixed(1)} forms/s) → ${run.out}`,
    `  ok ${t.status.ok}, failed ${t.status.failed}, empty ${t.status.empty}, skipped ${t.status.skipped}` +
      (run.kept > 0 ? `; ${run.kept} input(s) kept from the earlier run (--resume)` : ''),
  ];
  for (const status of ['failed', 'empty', 'skipped'] as const) {
    const codes = [...t.codes]
      .filter(([k]) => k.startsWith(`${status}:`))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([k, n]) => `${k.slice(status.length + 1)} ${n}`);
    if (codes.length > 0) lines.push(`  ${status}: ${codes.join(', ')}`);
  }
  if (t.cutLines > 0) {
    lines.push(`  ${t.cutLines} line(s) cut short by an interrupted run were left out`);
  }
  if (run.convertSeconds !== undefined) {
    const s = t.seconds;
    lines.push(
      `  time: converting ${run.convertSeconds.toFixed(2)} s, sorting ${s.sort.toFixed(2)} s, ` +
        `CSV tables ${s.tables.toFixed(2)} s, warehouse ${s.warehouse.toFixed(2)} s`,
    );
  }
  return lines.join('\n');
}

// The `shenbao` command line: convert, merge, diff, review, schema. Exit codes: 0 ok, 1 some
// input failed (diff: the runs differ), 2 usage or an unusable input, 130 interrupted.
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { recordJsonSchema } from '../normalize/schema.js';
import { convert, ConvertError, type Shard } from './convert.js';
import { diffCommand, InspectError, reviewCommand } from './inspect.js';
import { merge, MergeError } from './merge.js';

/** A commander parser for a whole number ≥ 1. */
function positive(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) {
      throw new InvalidArgumentError(`${name} takes a whole number of at least 1.`);
    }
    return n;
  };
}

/** `k/n` with 1 ≤ k ≤ n. */
function shard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/u.exec(value);
  const [k, n] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || n < 1 || k < 1 || k > n) {
    throw new InvalidArgumentError('--shard takes k/n with 1 ≤ k ≤ n, e.g. 2/8.');
  }
  return { k, n };
}

/**
 * The first Ctrl-C (or SIGTERM) stops the run cleanly: no new input is started, what is written
 * stays whole and --resume goes on from there. A second one ends the process at once.
 */
function interruptible(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('shenbao')
    .description(
      'Convert performance-target declaration forms (绩效目标申报表) into canonical JSON records.',
    )
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const cores = availableParallelism();
  program
    .command('convert')
    .description(
      'convert files, folders (recursively) and .zip archives into forms.jsonl, manifest.jsonl, ' +
        'forms/*.json and the warehouse tables (tables/*.csv, shenbao.duckdb, parquet/*.parquet)',
    )
    .argument('<inputs...>', 'files, folders or .zip archives')
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('-q, --quiet', 'print nothing but errors', false)
    .option(
      '-j, --jobs <n>',
      `worker threads converting the inputs (default: one per core, ${cores} here)`,
      positive('--jobs'),
      cores,
    )
    .option('--timeout <seconds>', 'time limit per input', positive('--timeout'), 60)
    .option('--max-heap <MiB>', 'heap limit of each worker thread', positive('--max-heap'), 1024)
    .option(
      '--resume',
      'keep what an earlier, interrupted run into --out converted without failure; convert the rest',
      false,
    )
    .option('--shard <k/n>', 'convert only the k-th of n deterministic slices of the inputs', shard)
    .option('--bom', 'start the CSV files with a UTF-8 byte-order mark (for Excel)', false)
    .option('--no-warehouse', 'write the CSV tables only: no shenbao.duckdb, no Parquet files')
    .option('--html <file>', 'also write the review page of the run (as shenbao review does)')
    .action(
      async (
        inputs: string[],
        opts: {
          out: string;
          quiet: boolean;
          jobs: number;
          timeout: number;
          maxHeap: number;
          resume: boolean;
          shard?: Shard;
          bom: boolean;
          warehouse: boolean;
          html?: string;
        },
      ) => {
        const { signal, release } = interruptible();
        try {
          code = await convert(inputs, { ...opts, signal }, (s) => process.stderr.write(s + '\n'));
        } finally {
          release();
        }
      },
    );

  program
    .command('merge')
    .description('combine the output folders of shard runs (--shard k/n) into one')
    .argument('<dirs...>', 'output folders of convert')
    .requiredOption('-o, --out <dir>', 'output folder of the merged result')
    .option('-q, --quiet', 'print nothing but errors', false)
    .option('--bom', 'start the CSV files with a UTF-8 byte-order mark (for Excel)', false)
    .option('--no-warehouse', 'write the CSV tables only: no shenbao.duckdb, no Parquet files')
    .action(
      async (
        dirs: string[],
        opts: { out: string; quiet: boolean; bom: boolean; warehouse: boolean },
      ) => {
        code = await merge(dirs, opts, (s) => process.stderr.write(s + '\n'));
      },
    );

  program
    .command('diff')
    .description(
      'field-level differences between two runs: output folders, forms.jsonl files or record JSON files ' +
        '(exit 0 equal, 1 different, 2 error)',
    )
    .argument('<a>', 'the earlier run')
    .argument('<b>', 'the later run')
    .option(
      '--key <key>',
      'pair records by "file" (source.file + form_index) or "name" (fields.name + fiscal_year)',
      (v: string) => {
        if (v !== 'file' && v !== 'name')
          throw new InvalidArgumentError('--key takes file or name.');
        return v;
      },
      'file',
    )
    .option('--with-provenance', 'compare provenance and source.sha256 too', false)
    .option('--json', 'print the differences as JSON', false)
    .option('--html <file>', 'also write a self-contained HTML report')
    .action(
      (
        a: string,
        b: string,
        opts: { key: 'file' | 'name'; withProvenance: boolean; json: boolean; html?: string },
      ) => {
        code = diffCommand(a, b, opts);
      },
    );

  program
    .command('review')
    .description('write one self-contained HTML page for spot-checking an output folder')
    .argument('<dir>', 'output folder of convert')
    .requiredOption('--html <file>', 'the page to write')
    .action((dir: string, opts: { html: string }) => {
      code = reviewCommand(dir, opts.html);
    });

  program
    .command('schema')
    .description('print the JSON Schema of the canonical record')
    .action(() => {
      process.stdout.write(JSON.stringify(recordJsonSchema(), null, 2) + '\n');
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof MergeError || err instanceof InspectError || err instanceof ConvertError) {
      process.stderr.write(`shenbao: ${err.message}\n`);
      return 2;
    }
    if (err instanceof Error && 'code' in err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(
        `shenbao: no such file or folder: ${(err as NodeJS.ErrnoException).path}\n`,
      );
      return 2;
    }
    throw err;
  }
  return code;
}

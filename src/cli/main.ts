// The `shenbao` command line: convert, schema. Exit codes: 0 ok, 1 some input failed, 2 usage.
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { recordJsonSchema } from '../normalize/schema.js';
import { convert } from './convert.js';

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

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('shenbao')
    .description(
      'Convert performance-target declaration forms (绩效目标申报表) into canonical JSON records.',
    )
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('convert')
    .description(
      'convert files and folders (recursively) into forms.jsonl, manifest.jsonl and forms/*.json',
    )
    .argument('<inputs...>', 'files or folders')
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('-q, --quiet', 'print nothing but errors', false)
    .option(
      '-j, --jobs <n>',
      `worker threads (1: convert in this thread; this machine has ${availableParallelism()} cores)`,
      positive('--jobs'),
      1,
    )
    .option('--timeout <seconds>', 'time limit per file', positive('--timeout'), 60)
    .option('--max-heap <MiB>', 'heap limit of each worker thread', positive('--max-heap'), 1024)
    .action(
      async (
        inputs: string[],
        opts: { out: string; quiet: boolean; jobs: number; timeout: number; maxHeap: number },
      ) => {
        code = await convert(inputs, opts, (s) => process.stderr.write(s + '\n'));
      },
    );

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

// The `shenbao` command line: convert, schema. Exit codes: 0 ok, 1 some input failed, 2 usage.
import { Command, CommanderError } from 'commander';
import { recordJsonSchema } from '../normalize/schema.js';
import { convert } from './convert.js';

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
    .action(async (inputs: string[], opts: { out: string; quiet: boolean }) => {
      code = await convert(inputs, opts, (s) => process.stderr.write(s + '\n'));
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

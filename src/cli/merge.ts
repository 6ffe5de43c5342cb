// `shenbao merge <dir…> --out <dir>`: combines the output folders of shard runs (or of any runs
// over different inputs) into one, as if one run had converted all their inputs. An input found
// in more than one folder is taken from the first folder that has it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FormRecord } from '../normalize/schema.js';
import { readJsonl } from '../emit/jsonl.js';
import { ownerOf, type InputEntry, type ManifestEntry } from '../emit/manifest.js';
import { FORMS, INPUTS, MANIFEST, OutputWriter } from '../emit/output.js';
import { summary } from './convert.js';

export interface MergeOptions {
  out: string;
  quiet: boolean;
  bom?: boolean;
  warehouse?: boolean;
}

export class MergeError extends Error {}

export async function merge(
  dirs: string[],
  opts: MergeOptions,
  log: (s: string) => void,
): Promise<number> {
  const started = performance.now();
  const out = path.resolve(opts.out);
  for (const dir of dirs) {
    if (path.resolve(dir) === out) throw new MergeError(`${dir} is also the --out folder.`);
    if (!existsSync(path.join(dir, INPUTS))) {
      throw new MergeError(`${dir} is not a shenbao output folder (it has no ${INPUTS}).`);
    }
  }
  const writer = OutputWriter.open(opts.out, { resume: false });
  const taken = new Set<string>();
  let duplicates = 0;
  // lines cut short by an interrupted write, and lines of units the folder's journal does not
  // list as complete (a shard run that was stopped): left out, and said so
  const cut = { count: 0 };
  let incomplete = 0;
  for (const dir of dirs) {
    // the inputs this folder completed and no earlier folder had
    const entries = new Map<string, InputEntry>();
    for (const { value } of readJsonl<InputEntry>(path.join(dir, INPUTS), cut)) {
      if (taken.has(value.input)) duplicates++;
      else entries.set(value.input, value);
    }
    // lines are streamed one at a time: finish() puts everything in order at the end
    const mine = new Set(entries.keys());
    for (const { value } of readJsonl<FormRecord>(path.join(dir, FORMS), cut)) {
      if (ownerOf(value.source.file, mine) !== null) writer.appendRecords([value]);
      else if (ownerOf(value.source.file, taken) === null) incomplete++;
    }
    for (const { value } of readJsonl<ManifestEntry>(path.join(dir, MANIFEST), cut)) {
      if (ownerOf(value.file, mine) !== null) writer.appendManifest([value]);
      else if (ownerOf(value.file, taken) === null) incomplete++;
    }
    writer.appendInputs([...entries.values()]);
    for (const input of mine) taken.add(input);
  }
  const totals = await writer.finish({ bom: opts.bom ?? false, warehouse: opts.warehouse ?? true });
  if (!opts.quiet) {
    const seconds = (performance.now() - started) / 1000;
    log(summary(totals, seconds, { inputs: taken.size, kept: 0, out: opts.out }));
    if (duplicates > 0) {
      log(`  ${duplicates} input(s) found in more than one folder were taken from the first`);
    }
  }
  if (cut.count + incomplete > 0) {
    // printed even with --quiet: the merged folder lacks something the shard folders hold
    log(
      `shenbao merge: ${cut.count} line(s) cut short and ${incomplete} line(s) of units not ` +
        'completed were left out; run those shards again with --resume, then merge again',
    );
  }
  return totals.status.failed > 0 ? 1 : 0;
}

// `shenbao diff` and `shenbao review`: spot-checking what a run produced and what changed.
import { writeFileSync } from 'node:fs';
import { diffRuns, type PairKey } from '../inspect/diff.js';
import { htmlReport, jsonReport, textReport } from '../inspect/diff-report.js';
import { InspectError, loadRun } from '../inspect/load.js';
import { writeReview } from '../inspect/review.js';

export interface DiffCliOptions {
  key: PairKey;
  withProvenance: boolean;
  json: boolean;
  html?: string;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColour(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
}

/** Exit code: 0 equal, 1 different, 2 error (thrown as InspectError). */
export function diffCommand(a: string, b: string, opts: DiffCliOptions): number {
  const result = diffRuns(loadRun(a), loadRun(b), {
    key: opts.key,
    provenance: opts.withProvenance,
  });
  if (opts.html) writeFileSync(opts.html, htmlReport(result));
  process.stdout.write(
    (opts.json ? jsonReport(result) : textReport(result, useColour(process.stdout))) + '\n',
  );
  return result.equal ? 0 : 1;
}

export function reviewCommand(dir: string, html: string): number {
  const { unreadable } = writeReview(dir, html);
  process.stderr.write(`review page written to ${html}\n`);
  if (unreadable > 0) {
    process.stderr.write(`${unreadable} line(s) cut short or unreadable were left out of it\n`);
  }
  return 0;
}

export { InspectError };

// Progress of a convert run on stderr: a live bar with counts, rate and ETA on a terminal
// (cli-progress, the common choice for Node CLIs), a plain line every few seconds otherwise
// (CI logs, a redirect to a file), nothing with --quiet.
import { SingleBar } from 'cli-progress';

/** Seconds between the plain lines printed when stderr is not a terminal. */
const LOG_EVERY_S = 5;

export interface ProgressCounts {
  inputs: number;
  files: number;
  forms: number;
  failed: number;
}

export class Progress {
  private readonly bar: SingleBar | null;
  private readonly started = performance.now();
  private lastLog = performance.now();
  private readonly counts: ProgressCounts = { inputs: 0, files: 0, forms: 0, failed: 0 };

  constructor(
    private readonly total: number,
    private readonly mode: 'bar' | 'lines' | 'none',
    private readonly log: (s: string) => void,
  ) {
    this.bar =
      mode === 'bar'
        ? new SingleBar({
            format:
              'converting |{bar}| {value}/{total} inputs | {forms} forms, {failed} failed | {rate} forms/s | ETA {eta_formatted}',
            hideCursor: true,
            clearOnComplete: true,
            etaBuffer: 200,
          })
        : null;
    this.bar?.start(total, 0, { forms: 0, failed: 0, rate: '0.0' });
  }

  /** Forms per second since the start. */
  rate(): number {
    return this.counts.forms / Math.max(0.001, (performance.now() - this.started) / 1000);
  }

  tick(files: number, forms: number, failed: number): void {
    this.counts.inputs++;
    this.counts.files += files;
    this.counts.forms += forms;
    this.counts.failed += failed;
    const rate = this.rate().toFixed(1);
    this.bar?.update(this.counts.inputs, {
      forms: this.counts.forms,
      failed: this.counts.failed,
      rate,
    });
    const now = performance.now();
    if (
      this.mode === 'lines' &&
      (now - this.lastLog >= LOG_EVERY_S * 1000 || this.counts.inputs === this.total)
    ) {
      this.lastLog = now;
      const left = this.total - this.counts.inputs;
      const perInput = (now - this.started) / 1000 / this.counts.inputs;
      this.log(
        `${this.counts.inputs}/${this.total} inputs (${((100 * this.counts.inputs) / this.total).toFixed(0)}%), ` +
          `${this.counts.forms} forms, ${this.counts.failed} failed, ${rate} forms/s, ETA ${Math.ceil(left * perInput)} s`,
      );
    }
  }

  /** A message that must not be drawn over by the bar. */
  note(s: string): void {
    if (this.mode === 'none') return;
    if (this.bar) {
      // cli-progress redraws on the next update; a line above the bar stays readable
      process.stderr.write('\r\x1b[K');
    }
    this.log(s);
  }

  stop(): void {
    this.bar?.stop();
  }
}

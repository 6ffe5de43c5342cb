// JSON Lines files written a line at a time and read back safely: a run stopped by a kill can
// leave a last line cut short, which readers skip (and count) instead of failing on it.
import { closeSync, openSync, readSync, renameSync, writeSync } from 'node:fs';

/** Lines read from a file, each parsed; a cut or unparsable line is counted, not returned. */
export interface JsonlLine<T> {
  value: T;
  text: string;
  offset: number;
}

const CHUNK = 1 << 20;

/** Reads a JSON Lines file line by line in 1 MiB reads (memory stays flat for large files). */
export function* readJsonl<T>(
  file: string,
  bad: { count: number } = { count: 0 },
  read: (text: string) => T | undefined = parse,
): Generator<JsonlLine<T>> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    // one buffer, reused: the unfinished line left at its end moves to its start before the next
    // read, and it only grows for a line longer than itself (no allocation per chunk)
    let buf = Buffer.allocUnsafe(CHUNK);
    let held = 0; // bytes of buf in use: the unfinished line
    let base = 0; // file offset of buf[0]
    for (;;) {
      if (held === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, held);
        buf = bigger;
      }
      const n = readSync(fd, buf, held, buf.length - held, null);
      if (n === 0) break;
      const end = held + n;
      const filled = buf.subarray(0, end);
      let start = 0;
      for (let nl = filled.indexOf(10, held); nl !== -1; nl = filled.indexOf(10, nl + 1)) {
        const text = filled.toString('utf8', start, nl);
        const parsed = read(text);
        if (parsed === undefined) bad.count++;
        else yield { value: parsed, text, offset: base + start };
        start = nl + 1;
      }
      buf.copy(buf, 0, start, end);
      held = end - start;
      base += start;
    }
    // a last line without its newline was cut short by an interrupted write
    if (held > 0) bad.count++;
  } finally {
    closeSync(fd);
  }
}

/** A line parsed as JSON; undefined for a blank or unparsable line. */
export function parse<T>(text: string): T | undefined {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** An append-only JSON Lines file; each call writes whole lines with one write. */
export class JsonlWriter {
  private readonly fd: number;
  constructor(
    readonly file: string,
    flags: 'a' | 'w' = 'a',
  ) {
    this.fd = openSync(file, flags);
  }
  write(values: readonly unknown[]): void {
    if (values.length === 0) return;
    writeSync(this.fd, values.map((v) => JSON.stringify(v) + '\n').join(''));
  }
  writeText(lines: readonly string[]): void {
    if (lines.length === 0) return;
    writeSync(this.fd, lines.map((l) => l + '\n').join(''));
  }
  close(): void {
    closeSync(this.fd);
  }
}

/**
 * Rewrites a JSON Lines file keeping the lines `keep` accepts, ordered by `key` (stable), through
 * a temporary file in the same folder renamed over the original: a reader sees the old file or the
 * new one, never half of each. Only keys and offsets are held in memory. `read` turns a line into
 * what `keep` and `key` look at (default: the whole line parsed).
 */
export function rewriteJsonl<T>(
  file: string,
  keep: (value: T) => boolean,
  key?: (value: T) => readonly (string | number)[],
  read?: (text: string) => T | undefined,
): { kept: number; dropped: number } {
  const bad = { count: 0 };
  const lines: {
    key: readonly (string | number)[];
    offset: number;
    length: number;
    seq: number;
  }[] = [];
  let dropped = 0;
  for (const line of readJsonl<T>(file, bad, read)) {
    if (!keep(line.value)) {
      dropped++;
      continue;
    }
    lines.push({
      key: key ? key(line.value) : [],
      offset: line.offset,
      length: Buffer.byteLength(line.text),
      seq: lines.length,
    });
  }
  if (key) lines.sort((a, b) => compareKeys(a.key, b.key) || a.seq - b.seq);
  const tmp = `${file}.tmp`;
  const out = openSync(tmp, 'w');
  let fd: number | null = null;
  try {
    fd = lines.length > 0 ? openSync(file, 'r') : null;
    for (const l of lines) {
      const buf = Buffer.alloc(l.length + 1);
      readSync(fd!, buf, 0, l.length, l.offset);
      buf[l.length] = 10;
      writeSync(out, buf);
    }
  } finally {
    closeSync(out);
    if (fd !== null) closeSync(fd);
  }
  renameSync(tmp, file);
  return { kept: lines.length, dropped: dropped + bad.count };
}

/** Orders keys part by part: strings by code unit (as file paths are sorted), numbers by value. */
export function compareKeys(
  a: readonly (string | number)[],
  b: readonly (string | number)[],
): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

// The output folder of a run. While the run goes, each input's results are appended as soon as
// they are ready, in input order: forms.jsonl (one record per line), manifest.jsonl (one line per
// file), forms/<file>.json (each record pretty-printed), and last inputs.jsonl, the journal line
// that says the input is complete. A run stopped half-way thus leaves whole lines and a journal
// that `--resume` trusts. At the end the files are put in their final order (source.file, then
// form_index) and the warehouse tables are written: tables/*.csv, shenbao.duckdb and
// parquet/*.parquet. Nothing is written outside the folder.
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FileResult } from '../model/result.js';
import type { FormRecord } from '../normalize/schema.js';
import { CsvWriter } from './csv.js';
import { JsonlWriter, parse, readJsonl, rewriteJsonl } from './jsonl.js';
import { manifestEntry, ownerOf, type InputEntry, type ManifestEntry } from './manifest.js';
import { TABLES, fileRow, recordRows, type TableName } from './tables.js';
import { DATABASE, Warehouse } from './warehouse.js';

export const FORMS = 'forms.jsonl';
export const MANIFEST = 'manifest.jsonl';
export const INPUTS = 'inputs.jsonl';
const RECORD_DIR = 'forms';
const TABLE_DIR = 'tables';
const PARQUET_DIR = 'parquet';

/** What the output steps need of a record to order it and name its file. */
export interface RecordHead {
  source: Pick<FormRecord['source'], 'file' | 'form_index' | 'form_count'>;
}

/**
 * The start of a record line as this tool writes it: schema_version, then source with file,
 * format, sha256, form_index and form_count, in the schema's order.
 */
const RECORD_START =
  /^\{"schema_version":"[^"\\]*","source":\{"file":("(?:[^"\\]|\\.)*"),"format":"[^"\\]*","sha256":"[^"\\]*","form_index":(\d+),"form_count":(\d+),/u;

/**
 * The head of a forms.jsonl line, read from the start of the line without parsing the whole
 * record (sorting 10,000 records parsed each in full cost seconds and a heap of garbage). A line
 * that starts otherwise is parsed in full; one that does not parse is undefined (cut short).
 */
export function readRecordHead(text: string): RecordHead | undefined {
  const m = RECORD_START.exec(text);
  if (m && text.endsWith('}')) {
    const file = JSON.parse(m[1]!) as string;
    return { source: { file, form_index: Number(m[2]), form_count: Number(m[3]) } };
  }
  return parse<FormRecord>(text);
}

/** Bytes a file name may take (ext4, APFS, NTFS: 255); longer names are shortened. */
const NAME_BYTES = 255;

/**
 * A name that fits in NAME_BYTES with its ending: kept whole when it fits, else cut on a
 * character boundary and marked with `~` and 8 hex digits of the whole name's sha256, so that two
 * long names that share their start stay apart.
 */
function fitName(name: string, ending: string): string {
  if (Buffer.byteLength(name + ending) <= NAME_BYTES) return name + ending;
  const mark = `~${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
  const room = NAME_BYTES - Buffer.byteLength(mark + ending);
  let cut = '';
  for (const ch of name) {
    if (Buffer.byteLength(cut + ch) > room) break;
    cut += ch;
  }
  return cut + mark + ending;
}

/**
 * The path of a record's own JSON file, relative to the output folder: forms/<file>.json, each
 * part of a path that is too long for a file name shortened (see fitName).
 */
export function recordPath(record: RecordHead): string {
  const suffix = record.source.form_count > 1 ? `#${record.source.form_index}` : '';
  const parts = record.source.file
    .split(/[\\/]+/u)
    .filter((seg) => seg !== '' && seg !== '.' && seg !== '..');
  // a name's own % and # are escaped (%25, %23), so that no file's name reads as another file's
  // form (a file named two.html#1 beside the second form of two.html)
  const escape = (seg: string): string => seg.replace(/%/gu, '%25').replace(/#/gu, '%23');
  const last = escape(parts.pop() ?? '');
  const safe = [...parts.map((p) => fitName(p, '')), fitName(last, `${suffix}.json`)];
  return path.posix.join(RECORD_DIR, ...safe);
}

/** Resolves `rel` inside `root`, refusing anything that would land outside it. */
function inside(root: string, rel: string): string {
  const full = path.resolve(root, rel);
  const base = path.resolve(root);
  if (full !== base && !full.startsWith(base + path.sep)) {
    throw new Error(`refusing to write outside the output folder: ${rel}`);
  }
  return full;
}

/**
 * Writes a record's own pretty-printed JSON file inside the output folder. Its folder is made
 * only when the write finds it missing: most records go beside others, and a folder made first
 * each time would be one more system call per record.
 */
export function writeRecordFile(dir: string, record: FormRecord): void {
  const file = inside(dir, recordPath(record));
  const text = JSON.stringify(record, null, 2) + '\n';
  try {
    writeFileSync(file, text);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/**
 * One input converted, ready to append: the sha256 of the input file, its manifest lines and its
 * records as forms.jsonl lines. Worker threads send this (strings are cheap to pass between
 * threads, record objects are not), after writing the record files themselves.
 */
export interface Converted {
  sha256: string;
  manifest: ManifestEntry[];
  lines: string[];
}

/** Writes the record files of an input's results and serialises the rest for `add`. */
export function emitResults(
  dir: string,
  sha256: string,
  results: readonly FileResult[],
): Converted {
  const lines: string[] = [];
  for (const r of results) {
    for (const record of r.records) {
      writeRecordFile(dir, record);
      lines.push(JSON.stringify(record));
    }
  }
  return { sha256, manifest: results.map(manifestEntry), lines };
}

export interface FinishOptions {
  /** Start each CSV file with a UTF-8 byte-order mark (for Excel). */
  bom: boolean;
  /** Write shenbao.duckdb and parquet/*.parquet beside the CSV files. */
  warehouse: boolean;
}

/** What the finished folder holds, counted from its manifest. */
export interface Totals {
  files: number;
  forms: number;
  status: Record<FileResult['status'], number>;
  /** `status:code` → files, for every file that is not ok. */
  codes: Map<string, number>;
  /** Lines of an interrupted run that were cut short and left out. */
  cutLines: number;
  /** Wall-clock seconds of the steps after conversion (sorting the files; CSV tables; warehouse). */
  seconds: { sort: number; tables: number; warehouse: number };
}

/**
 * Removes the table files this tool writes (tables/<table>.csv, parquet/<table>.parquet), and
 * the two folders when nothing else is left in them.
 */
function removeTables(tableDir: string, parquetDir: string): void {
  for (const t of TABLES) {
    rmSync(path.join(tableDir, `${t.name}.csv`), { force: true });
    rmSync(path.join(parquetDir, `${t.name}.parquet`), { force: true });
  }
  pruneEmpty(tableDir);
  pruneEmpty(parquetDir);
}

/** Removes the folders under `dir` (and `dir`) that hold nothing, deepest first. */
function pruneEmpty(dir: string): void {
  if (!existsSync(dir)) return;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) if (e.isDirectory()) pruneEmpty(path.join(dir, e.name));
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}

/**
 * The paths in an output folder that a run writes and removes: an input there would be lost, so
 * `convert` refuses one (see inputInOutput).
 */
export function ownedPaths(dir: string): string[] {
  return [
    ...[FORMS, MANIFEST, INPUTS, DATABASE, `${DATABASE}.wal`].map((n) => path.resolve(dir, n)),
    ...[RECORD_DIR, TABLE_DIR, PARQUET_DIR, `${DATABASE}.tmp`].map((n) => path.resolve(dir, n)),
  ];
}

/** The first of `files` that lies in a path the output folder `dir` writes, or null. */
export function inputInOutput(dir: string, files: readonly string[]): string | null {
  const owned = ownedPaths(dir);
  return files.find((f) => owned.some((o) => f === o || f.startsWith(o + path.sep))) ?? null;
}

export class OutputWriter {
  private forms: JsonlWriter;
  private manifest: JsonlWriter;
  private inputs: JsonlWriter;
  /** Inputs completed by an earlier run into this folder (journal), by input path. */
  readonly journal = new Map<string, InputEntry>();
  private cutLines = 0;

  private constructor(readonly dir: string) {
    const bad = { count: 0 };
    for (const { value } of readJsonl<InputEntry>(this.file(INPUTS), bad)) {
      this.journal.set(value.input, value);
    }
    this.cutLines += bad.count;
    this.forms = new JsonlWriter(this.file(FORMS));
    this.manifest = new JsonlWriter(this.file(MANIFEST));
    this.inputs = new JsonlWriter(this.file(INPUTS));
  }

  /**
   * Opens an output folder. Without `resume`, the outputs of an earlier run are removed first
   * (only the files and folders this tool writes; anything else in the folder is left alone).
   */
  static open(dir: string, opts: { resume: boolean }): OutputWriter {
    mkdirSync(dir, { recursive: true });
    if (!opts.resume) {
      // the record files the earlier run listed, before its list goes; a forms/ folder of files
      // this tool did not write (the user's own) is left as it is
      const bad = { count: 0 };
      for (const { value } of readJsonl(inside(dir, FORMS), bad, readRecordHead)) {
        rmSync(inside(dir, recordPath(value)), { force: true });
      }
      pruneEmpty(inside(dir, RECORD_DIR));
      for (const name of [FORMS, MANIFEST, INPUTS, DATABASE, `${DATABASE}.wal`]) {
        rmSync(inside(dir, name), { force: true });
      }
      rmSync(inside(dir, `${DATABASE}.tmp`), { recursive: true, force: true });
      removeTables(inside(dir, TABLE_DIR), inside(dir, PARQUET_DIR));
    }
    return new OutputWriter(dir);
  }

  private file(name: string): string {
    return inside(this.dir, name);
  }

  /**
   * Keeps only what belongs to `inputs` (the inputs a resumed run skips): every other line of
   * forms.jsonl, manifest.jsonl and inputs.jsonl is dropped, with the record files of dropped
   * records, so that the inputs converted again are not there twice.
   */
  keepOnly(inputs: ReadonlySet<string>): void {
    this.closeWriters();
    const owned = (file: string): boolean => ownerOf(file, inputs) !== null;
    const bad = { count: 0 };
    for (const { value } of readJsonl(this.file(FORMS), bad, readRecordHead)) {
      if (!owned(value.source.file)) rmSync(this.file(recordPath(value)), { force: true });
    }
    this.cutLines += bad.count;
    rewriteJsonl(this.file(FORMS), (r) => owned(r.source.file), undefined, readRecordHead);
    rewriteJsonl<ManifestEntry>(this.file(MANIFEST), (m) => owned(m.file));
    rewriteJsonl<InputEntry>(this.file(INPUTS), (e) => inputs.has(e.input));
    for (const input of [...this.journal.keys()]) {
      if (!inputs.has(input)) this.journal.delete(input);
    }
    this.forms = new JsonlWriter(this.file(FORMS));
    this.manifest = new JsonlWriter(this.file(MANIFEST));
    this.inputs = new JsonlWriter(this.file(INPUTS));
  }

  /**
   * Appends one converted input: its records' lines (already serialised, their record files
   * already written by whoever converted it), its manifest lines, then its journal line.
   */
  add(input: string, converted: Converted): void {
    this.forms.writeText(converted.lines);
    this.appendManifest(converted.manifest);
    this.appendInputs([
      {
        input,
        sha256: converted.sha256,
        files: converted.manifest.length,
        forms: converted.lines.length,
        failed: converted.manifest.filter((m) => m.status === 'failed').length,
      },
    ]);
  }

  /** Appends records: their lines in forms.jsonl and their own JSON files. */
  appendRecords(records: readonly FormRecord[]): void {
    this.forms.write(records);
    for (const record of records) writeRecordFile(this.dir, record);
  }

  appendManifest(entries: readonly ManifestEntry[]): void {
    this.manifest.write(entries);
  }

  /** Journal lines: written last, once everything of the input is written. */
  appendInputs(entries: readonly InputEntry[]): void {
    this.inputs.write(entries);
    for (const e of entries) this.journal.set(e.input, e);
  }

  /** Closes the files as they are (an interrupted run): whole lines, ready for `--resume`. */
  close(): void {
    this.closeWriters();
  }

  private closeWriters(): void {
    this.forms.close();
    this.manifest.close();
    this.inputs.close();
  }

  /** Puts the files in their final order and writes the tables; returns the folder's totals. */
  async finish(opts: FinishOptions): Promise<Totals> {
    const started = performance.now();
    this.closeWriters();
    const byFile = (m: ManifestEntry): string[] => [m.file];
    rewriteJsonl(
      this.file(FORMS),
      () => true,
      (r) => [r.source.file, r.source.form_index],
      readRecordHead,
    );
    rewriteJsonl<ManifestEntry>(this.file(MANIFEST), () => true, byFile);
    rewriteJsonl<InputEntry>(
      this.file(INPUTS),
      () => true,
      (e) => [e.input],
    );
    const sort = (performance.now() - started) / 1000;
    const totals = await this.writeTables(opts);
    totals.seconds.sort = sort;
    return totals;
  }

  private async writeTables(opts: FinishOptions): Promise<Totals> {
    const tableDir = this.file(TABLE_DIR);
    const parquetDir = this.file(PARQUET_DIR);
    removeTables(tableDir, parquetDir);
    mkdirSync(tableDir, { recursive: true });
    const csv = new Map<TableName, CsvWriter>(
      TABLES.map((t) => [t.name, new CsvWriter(path.join(tableDir, `${t.name}.csv`), t, opts.bom)]),
    );
    let warehouse: Warehouse | null = null;
    if (opts.warehouse) {
      mkdirSync(parquetDir, { recursive: true });
      warehouse = await Warehouse.create(this.dir, TABLES);
    }
    let warehouseMs = 0;
    const started = performance.now();
    const add = (table: TableName, rows: Parameters<CsvWriter['add']>[0]): void => {
      csv.get(table)!.add(rows);
      if (!warehouse) return;
      const t = performance.now();
      warehouse.add(table, rows);
      warehouseMs += performance.now() - t;
    };
    const totals: Totals = {
      files: 0,
      forms: 0,
      status: { ok: 0, failed: 0, empty: 0, skipped: 0 },
      codes: new Map(),
      cutLines: this.cutLines,
      seconds: { sort: 0, tables: 0, warehouse: 0 },
    };
    try {
      for (const { value: m } of readJsonl<ManifestEntry>(this.file(MANIFEST))) {
        add('files', [fileRow(m)]);
        totals.files++;
        totals.status[m.status]++;
        if (m.status !== 'ok' && m.error) {
          const key = `${m.status}:${m.error.code}`;
          totals.codes.set(key, (totals.codes.get(key) ?? 0) + 1);
        }
      }
      for (const { value: r } of readJsonl<FormRecord>(this.file(FORMS))) {
        totals.forms++;
        for (const [table, rows] of Object.entries(recordRows(r))) add(table as TableName, rows);
      }
    } catch (err) {
      warehouse?.close();
      throw err;
    } finally {
      for (const w of csv.values()) w.close();
    }
    const finishing = performance.now();
    totals.seconds.tables = (finishing - started - warehouseMs) / 1000;
    await warehouse?.finish(parquetDir);
    totals.seconds.warehouse = (warehouseMs + performance.now() - finishing) / 1000;
    return totals;
  }
}

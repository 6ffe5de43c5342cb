// The tables in an embedded analytical database (DuckDB, `shenbao.duckdb`, queryable at once with
// the duckdb CLI or any DuckDB client) and as Parquet files exported from it (parquet/*.parquet),
// which any warehouse loads. @duckdb/node-api is DuckDB's own Node client; its native library
// comes as a prebuilt platform package from the npm registry (no build, no download at run time).
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Column, Table, TableName, Value } from './tables.js';

export const DATABASE = 'shenbao.duckdb';

/**
 * Rows, and characters of text, appended to a table between two flushes: what an appender holds
 * cannot leave memory, so it is bounded by size as well as by rows (a table of long narratives
 * reaches the size first).
 */
const FLUSH_ROWS = 10_000;
const FLUSH_CHARS = 1_000_000;

/**
 * DuckDB's memory cap while the tables are appended, and while they are exported to Parquet.
 * Appended rows are written to the database file as they are checkpointed, and the cap makes
 * DuckDB evict them from memory instead of keeping the whole database there; the export scans
 * one table at a time and holds one row group, which needs more room, but not more as the tables
 * grow. Measured on output folders of 2,000 / 10,000 / 30,000 forms (the steps after conversion:
 * sorting, CSV and warehouse): peak 186 / 245 / 282 MB, against 185 / 262 / 395 MB with a cap of
 * 1 GB for both; a cap of 64 MB for the export as well failed at 30,000 forms.
 */
const APPEND_MEMORY = '64MB';
const EXPORT_MEMORY = '256MB';

interface Slot {
  appender: DuckDBAppender;
  columns: Column[];
  pending: number;
  /** Characters of text appended since the last flush. */
  chars: number;
}

/** An SQL identifier or string literal, quoted. */
const ident = (s: string): string => `"${s.replace(/"/gu, '""')}"`;
const literal = (s: string): string => `'${s.replace(/'/gu, "''")}'`;

export class Warehouse {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly appenders: Map<TableName, Slot>,
  ) {}

  /** A new database file in `dir` (an old one is replaced) with every table created empty. */
  static async create(dir: string, tables: Table[]): Promise<Warehouse> {
    const file = path.join(dir, DATABASE);
    for (const f of [file, `${file}.wal`]) rmSync(f, { force: true });
    const { DuckDBInstance } = await import('@duckdb/node-api');
    // nothing is fetched: extensions are neither installed nor loaded automatically; memory is
    // capped (APPEND_MEMORY), and spill files go next to the database, inside the output folder.
    // Memory that DuckDB frees in bulk (an appender's flushed rows, a finished row group) goes
    // back to the system at once instead of staying with the C allocator; one thread keeps a
    // single Parquet row group in memory at a time. Measured on one 10,000-form output folder
    // (the steps after conversion alone): peak 305–336 MB with DuckDB's defaults (512 MiB
    // threshold, two threads), 256–260 MB with this threshold, 239–243 MB with one thread as well
    // (and 32,768-row Parquet row groups, below); the warehouse step took 5.3–6.3 s against
    // 6.3–6.4 s. Periodic checkpoints while appending were tried too: they did not lower the peak.
    const instance = await DuckDBInstance.create(file, {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      memory_limit: APPEND_MEMORY,
      allocator_bulk_deallocation_flush_threshold: '256KB',
      threads: '1',
      temp_directory: path.join(dir, `${DATABASE}.tmp`),
    });
    const connection = await instance.connect();
    const appenders = new Map<TableName, Slot>();
    for (const t of tables) {
      const cols = t.columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
      await connection.run(`CREATE TABLE ${ident(t.name)} (${cols})`);
      appenders.set(t.name, {
        appender: await connection.createAppender(t.name),
        columns: t.columns,
        pending: 0,
        chars: 0,
      });
    }
    return new Warehouse(instance, connection, appenders);
  }

  add(table: TableName, rows: readonly Value[][]): void {
    const slot = this.appenders.get(table)!;
    for (const row of rows) {
      slot.columns.forEach((c, i) => {
        const v = row[i] ?? null;
        if (typeof v === 'string') slot.chars += v.length;
        append(slot.appender, c, v);
      });
      slot.appender.endRow();
    }
    // rows still in an appender cannot leave memory; flushed, they are committed to the table
    // and DuckDB can write them out under its memory cap
    slot.pending += rows.length;
    if (slot.pending >= FLUSH_ROWS || slot.chars >= FLUSH_CHARS) {
      slot.appender.flushSync();
      slot.pending = 0;
      slot.chars = 0;
    }
  }

  /** Writes what was appended, exports each table to parquet/<table>.parquet, and closes. */
  async finish(parquetDir: string | null): Promise<void> {
    try {
      for (const { appender } of this.appenders.values()) appender.closeSync();
      if (parquetDir !== null) {
        await this.connection.run(`SET memory_limit = ${literal(EXPORT_MEMORY)}`);
        for (const name of this.appenders.keys()) {
          const file = path.join(parquetDir, `${name}.parquet`);
          // dictionaries only for columns with few distinct values (kinds, levels, formats):
          // building one per free-text column grew with the table (measured on 10,000 forms:
          // peak 360–397 MB with DuckDB's default, 311–346 MB with this limit, and the files a
          // little smaller). Row groups of 32,768 rows instead of 122,880: the writer holds one
          // row group, so the largest table's export no longer costs more as the archive grows
          // (10,000 forms: 1.42 MB of Parquet files against 1.32 MB).
          await this.connection.run(
            `COPY ${ident(name)} TO ${literal(file)} ` +
              '(FORMAT parquet, COMPRESSION zstd, DICTIONARY_SIZE_LIMIT 1000, ROW_GROUP_SIZE 32768)',
          );
        }
      }
      await this.connection.run('CHECKPOINT');
    } finally {
      this.close();
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function append(a: DuckDBAppender, c: Column, v: Value): void {
  if (v === null) a.appendNull();
  else if (c.type === 'VARCHAR') a.appendVarchar(String(v));
  else if (c.type === 'INTEGER') a.appendInteger(Number(v));
  else if (c.type === 'BIGINT') a.appendBigInt(BigInt(v as number));
  else if (c.type === 'DOUBLE') a.appendDouble(Number(v));
  else a.appendBoolean(Boolean(v));
}

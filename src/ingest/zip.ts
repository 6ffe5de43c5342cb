// Opens .zip archives given as input: every entry becomes an input of its own, named
// `archive.zip/inner/path` (nested archives as `a.zip/b.zip/c.html`). Nothing is written to disk.
// Entry names in UTF-8 or, as Chinese Windows zips write them, in GBK. Refused, each with a code
// in the manifest: names that climb out of the archive (`../`, absolute paths), entries or
// archives that would inflate beyond the limits (zip bombs), archives nested too deep.
import { inflateSync, unzipSync } from 'fflate';
import { crc32 } from 'node:zlib';
import { notAnInput } from './names.js';

/** One entry of an archive to extract, or the reason it is not read. */
export type ArchiveEntry =
  { rel: string; buf: Buffer } | { rel: string; error: { code: string; message: string } };

export const ZIP_LIMITS = {
  /** Archives inside archives inside archives: deeper is refused. */
  depth: 3,
  /** Largest entry inflated (a form is far smaller; PDFs allowed up to this in a folder too). */
  entryBytes: 256 * 2 ** 20,
  /** All entries of one archive together. */
  archiveBytes: 1024 * 2 ** 20,
  /** Inflated size over compressed size beyond which a large entry is a bomb. */
  ratio: 200,
  entries: 100_000,
} as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gbk = new TextDecoder('gbk');

/** The entry name as written: fflate reads names without the UTF-8 flag as Latin-1 bytes. */
function entryName(raw: string): string {
  if ([...raw].some((c) => c.charCodeAt(0) > 0xff)) return raw; // already decoded as UTF-8
  return decodeName(Buffer.from(raw, 'latin1'));
}

/** Name bytes as UTF-8 when they are valid UTF-8, else as GBK (Chinese Windows zips). */
export function decodeName(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return gbk.decode(bytes);
  }
}

/** A name that would land outside the archive if it were extracted. */
function unsafe(name: string): boolean {
  return /^([/\\]|[A-Za-z]:)/u.test(name) || name.split(/[/\\]+/u).some((seg) => seg === '..');
}

/** Folders, and entries any part of whose path is not an input (see notAnInput): skipped. */
export function skippedEntry(name: string): boolean {
  return name.endsWith('/') || name.split('/').some((s) => s !== '..' && notAnInput(s));
}

/**
 * Why an entry is refused before anything is inflated, from its name and declared sizes: a
 * name leading out of the archive, or an entry that would inflate beyond the limits.
 */
export function refusal(
  name: string,
  size: number,
  compressed: number,
): { code: string; message: string } | null {
  if (unsafe(name)) {
    return {
      code: 'unsafe_path',
      message: `The entry name "${name}" leads out of the archive; it was not read.`,
    };
  }
  const ratio = size / Math.max(1, compressed);
  if (size > ZIP_LIMITS.entryBytes || (ratio > ZIP_LIMITS.ratio && size > 10 * 2 ** 20)) {
    return {
      code: 'zip_bomb',
      message: `The entry would inflate to ${Math.round(size / 2 ** 20)} MiB from ${Math.round(compressed / 1024)} KiB; it was not read.`,
    };
  }
  return null;
}

export const TOO_MUCH = `The archive would inflate to more than ${ZIP_LIMITS.archiveBytes / 2 ** 20} MiB or ${ZIP_LIMITS.entries} entries; the rest was not read.`;

export const CRC_MISMATCH =
  'The entry does not match its checksum (a damaged or altered archive); it was not read.';

/** What the central directory says of one entry. */
export interface DirectoryEntry {
  /** The name as fflate reports it (UTF-8 when the entry says so, else Latin-1). */
  name: string;
  crc: number;
  method: number;
  compressed: number;
  size: number;
  /** Where its local header starts. */
  offset: number;
}

/**
 * The central directory's entries in its order. Empty for a ZIP64 archive or one whose directory
 * is not where its end record says (the entries are then not checked against their CRC-32).
 */
export function centralDirectory(buf: Buffer): DirectoryEntry[] {
  const entries: DirectoryEntry[] = [];
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > buf.length) return entries;
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  if (at === 0xffffffff) return entries;
  for (let k = 0; k < count; k++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return [];
    const flags = buf.readUInt16LE(at + 8);
    const nameLength = buf.readUInt16LE(at + 28);
    const skip = nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    entries.push({
      name: buf.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength),
      crc: buf.readUInt32LE(at + 16),
      method: buf.readUInt16LE(at + 10),
      compressed: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      offset: buf.readUInt32LE(at + 42),
    });
    at += 46 + skip;
  }
  return entries;
}

/**
 * One entry inflated from its local header, for the entries fflate's unzipSync cannot give apart
 * (it keys what it inflates by name, so of two entries of one name it keeps the last).
 */
function inflateAt(buf: Buffer, entry: DirectoryEntry): Uint8Array {
  const at = entry.offset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) {
    throw new Error('the local header is not where the directory says');
  }
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + entry.compressed);
  if (entry.method === 0) return new Uint8Array(data);
  // inflated into the size declared, no further (what does not fit fails its CRC-32)
  if (entry.method === 8) return inflateSync(data, { out: new Uint8Array(entry.size) });
  throw new Error(`compression method ${entry.method} is not supported`);
}

/**
 * Gives each entry of one archive a name of its own, in place and in directory order: a name
 * as given, or, for the second and later entries of the same name (a zip may hold two), the name
 * with ` (2)`, ` (3)` … before its extension, skipping numbers that another entry's own name
 * already has (a.html, a.html, a (2).html: the second becomes a (3).html).
 */
export function renameDuplicates(items: readonly { rel: string }[]): void {
  const taken = new Set(items.map((i) => i.rel));
  const used = new Set<string>();
  for (const item of items) {
    let name = item.rel;
    if (used.has(name)) {
      const dot = name.lastIndexOf('.');
      const cut = dot > name.lastIndexOf('/') ? dot : name.length;
      let n = 2;
      do name = `${item.rel.slice(0, cut)} (${n++})${item.rel.slice(cut)}`;
      while (used.has(name) || taken.has(name));
    }
    used.add(name);
    item.rel = name;
  }
}

/** Entries inflated at a time: an archive's entries are held in memory a group at a time. */
const GROUP_BYTES = 64 * 2 ** 20;

/**
 * Entries of one archive, sorted by name; `rel` is the archive's own name in the batch. The
 * directory is read first (every entry's name and declared sizes; nothing inflated), then the
 * entries are inflated a group of up to 64 MiB at a time as the caller goes through them, so
 * memory holds the archive and one group, whatever the archive's size.
 */
export function* archiveEntries(
  buf: Buffer,
  rel: string,
  groupBytes = GROUP_BYTES,
): Generator<ArchiveEntry> {
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const refused: ArchiveEntry[] = [];
  // nth: which of the directory's entries of that name (a zip may hold one name twice)
  const accepted: { raw: string; rel: string; size: number; nth: number }[] = [];
  const occurrences = new Map<string, number>();
  const inOrder: { rel: string }[] = [];
  let total = 0;
  let bomb: string | null = null;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        const nth = occurrences.get(f.name) ?? 0;
        occurrences.set(f.name, nth + 1);
        const name = entryName(f.name);
        if (skippedEntry(name)) return false;
        const inner = `${rel}/${name.replace(/\\/gu, '/')}`;
        const error = refusal(name, f.originalSize, f.size);
        if (error) {
          const entry = { rel: inner, error };
          refused.push(entry);
          inOrder.push(entry);
          return false;
        }
        total += f.originalSize;
        if (total > ZIP_LIMITS.archiveBytes || accepted.length >= ZIP_LIMITS.entries) {
          bomb ??= TOO_MUCH;
          return false;
        }
        const entry = { raw: f.name, rel: inner, size: f.originalSize, nth };
        accepted.push(entry);
        inOrder.push(entry);
        return false; // the directory pass inflates nothing
      },
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    yield {
      rel,
      error: { code: 'corrupt_container', message: `The zip archive cannot be read: ${message}` },
    };
    return;
  }
  renameDuplicates(inOrder);
  const byName = (a: { rel: string }, b: { rel: string }): number =>
    a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0;
  accepted.sort(byName);
  const all: (
    | { kind: 'entry'; index: number; rel: string }
    | { kind: 'refused'; entry: ArchiveEntry; rel: string }
  )[] = [
    ...accepted.map((e, index) => ({ kind: 'entry' as const, index, rel: e.rel })),
    ...refused.map((entry) => ({ kind: 'refused' as const, entry, rel: entry.rel })),
  ].sort(byName);
  let loaded = new Map<string, Uint8Array>();
  const directory = centralDirectory(buf);
  const crcs = new Map(directory.map((d) => [d.name, d.crc]));
  const twice = new Set([...occurrences].filter(([, n]) => n > 1).map(([name]) => name));
  for (const item of all) {
    if (item.kind === 'refused') {
      yield item.entry;
      continue;
    }
    const entry = accepted[item.index]!;
    let data: Uint8Array | undefined;
    let declared: number | undefined;
    if (twice.has(entry.raw)) {
      // one of two entries of one name: inflated from its own local header
      const own = directory.filter((d) => d.name === entry.raw)[entry.nth];
      try {
        if (!own) throw new Error('the central directory does not list it');
        data = inflateAt(buf, own);
        declared = own.crc;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        yield {
          rel: entry.rel,
          error: { code: 'corrupt_container', message: `The entry cannot be inflated: ${message}` },
        };
        continue;
      }
    } else if (!loaded.has(entry.raw)) {
      // the next group: this entry and the following ones up to GROUP_BYTES
      const group = new Set<string>();
      let size = 0;
      for (let k = item.index; k < accepted.length; k++) {
        const e = accepted[k]!;
        if (twice.has(e.raw)) continue;
        if (group.size > 0 && size + e.size > groupBytes) break;
        group.add(e.raw);
        size += e.size;
      }
      try {
        loaded = new Map(Object.entries(unzipSync(bytes, { filter: (f) => group.has(f.name) })));
      } catch {
        // one damaged entry fails the whole group: this entry alone, then the next ones again
        try {
          loaded = new Map(
            Object.entries(unzipSync(bytes, { filter: (f) => f.name === entry.raw })),
          );
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          yield {
            rel: entry.rel,
            error: {
              code: 'corrupt_container',
              message: `The entry cannot be inflated: ${message}`,
            },
          };
          continue;
        }
      }
    }
    if (!twice.has(entry.raw)) {
      data = loaded.get(entry.raw);
      declared = crcs.get(entry.raw);
      loaded.delete(entry.raw);
    }
    if (!data) {
      yield {
        rel: entry.rel,
        error: { code: 'corrupt_container', message: 'The entry cannot be inflated.' },
      };
    } else if (declared !== undefined && crc32(data) !== declared) {
      // a damaged entry, or one whose declared size is smaller than its content (inflating
      // stops at the declared size): its bytes are not what the archive says
      yield {
        rel: entry.rel,
        error: { code: 'corrupt_container', message: CRC_MISMATCH },
      };
    } else
      yield { rel: entry.rel, buf: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
  }
  if (bomb) yield { rel, error: { code: 'zip_bomb', message: bomb } };
}

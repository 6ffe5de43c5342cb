// Opens .zip archives given as input: every entry becomes an input of its own, named
// `archive.zip/inner/path` (nested archives as `a.zip/b.zip/c.html`). Nothing is written to disk.
// Entry names in UTF-8 or, as Chinese Windows zips write them, in GBK. Refused, each with a code
// in the manifest: names that climb out of the archive (`../`, absolute paths), entries or
// archives that would inflate beyond the limits (zip bombs), archives nested too deep.
import { unzipSync } from 'fflate';

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
  const bytes = Buffer.from(raw, 'latin1');
  if ([...raw].some((c) => c.charCodeAt(0) > 0xff)) return raw; // already decoded as UTF-8
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
  const accepted: { raw: string; rel: string; size: number }[] = [];
  let total = 0;
  let bomb: string | null = null;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        const name = entryName(f.name);
        if (
          name.endsWith('/') ||
          name.split('/').some((s) => (s.startsWith('.') && s !== '..') || s === '__MACOSX')
        )
          return false;
        const inner = `${rel}/${name.replace(/\\/gu, '/')}`;
        if (unsafe(name)) {
          refused.push({
            rel: inner,
            error: {
              code: 'unsafe_path',
              message: `The entry name "${name}" leads out of the archive; it was not read.`,
            },
          });
          return false;
        }
        const ratio = f.originalSize / Math.max(1, f.size);
        if (
          f.originalSize > ZIP_LIMITS.entryBytes ||
          (ratio > ZIP_LIMITS.ratio && f.originalSize > 10 * 2 ** 20)
        ) {
          refused.push({
            rel: inner,
            error: {
              code: 'zip_bomb',
              message: `The entry would inflate to ${Math.round(f.originalSize / 2 ** 20)} MiB from ${Math.round(f.size / 1024)} KiB; it was not read.`,
            },
          });
          return false;
        }
        total += f.originalSize;
        if (total > ZIP_LIMITS.archiveBytes || accepted.length >= ZIP_LIMITS.entries) {
          bomb ??= `The archive would inflate to more than ${ZIP_LIMITS.archiveBytes / 2 ** 20} MiB or ${ZIP_LIMITS.entries} entries; the rest was not read.`;
          return false;
        }
        accepted.push({ raw: f.name, rel: inner, size: f.originalSize });
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
  for (const item of all) {
    if (item.kind === 'refused') {
      yield item.entry;
      continue;
    }
    const entry = accepted[item.index]!;
    if (!loaded.has(entry.raw)) {
      // the next group: this entry and the following ones up to GROUP_BYTES
      const group = new Set<string>();
      let size = 0;
      for (let k = item.index; k < accepted.length; k++) {
        const e = accepted[k]!;
        if (group.size > 0 && size + e.size > groupBytes) break;
        group.add(e.raw);
        size += e.size;
      }
      try {
        loaded = new Map(Object.entries(unzipSync(bytes, { filter: (f) => group.has(f.name) })));
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        yield {
          rel: entry.rel,
          error: { code: 'corrupt_container', message: `The entry cannot be inflated: ${message}` },
        };
        continue;
      }
    }
    const data = loaded.get(entry.raw);
    if (data)
      yield { rel: entry.rel, buf: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
    else
      yield {
        rel: entry.rel,
        error: { code: 'corrupt_container', message: 'The entry cannot be inflated.' },
      };
    loaded.delete(entry.raw);
  }
  if (bomb) yield { rel, error: { code: 'zip_bomb', message: bomb } };
}

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

/** Entries of one archive (sorted by name); `rel` is the archive's own name in the batch. */
export function openArchive(buf: Buffer, rel: string): ArchiveEntry[] {
  const out: ArchiveEntry[] = [];
  let total = 0;
  let count = 0;
  let bomb: string | null = null;
  const wanted = new Map<string, string>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), {
      filter: (f) => {
        const name = entryName(f.name);
        if (
          name.endsWith('/') ||
          name.split('/').some((s) => (s.startsWith('.') && s !== '..') || s === '__MACOSX')
        )
          return false;
        const inner = `${rel}/${name.replace(/\\/gu, '/')}`;
        if (unsafe(name)) {
          out.push({
            rel: inner,
            error: {
              code: 'unsafe_path',
              message: `The entry name "${name}" leads out of the archive; it was not read.`,
            },
          });
          return false;
        }
        count++;
        total += f.originalSize;
        const ratio = f.originalSize / Math.max(1, f.size);
        if (
          f.originalSize > ZIP_LIMITS.entryBytes ||
          (ratio > ZIP_LIMITS.ratio && f.originalSize > 10 * 2 ** 20)
        ) {
          out.push({
            rel: inner,
            error: {
              code: 'zip_bomb',
              message: `The entry would inflate to ${Math.round(f.originalSize / 2 ** 20)} MiB from ${Math.round(f.size / 1024)} KiB; it was not read.`,
            },
          });
          return false;
        }
        if (total > ZIP_LIMITS.archiveBytes || count > ZIP_LIMITS.entries) {
          bomb ??= `The archive would inflate to more than ${ZIP_LIMITS.archiveBytes / 2 ** 20} MiB or ${ZIP_LIMITS.entries} entries; the rest was not read.`;
          return false;
        }
        wanted.set(f.name, inner);
        return true;
      },
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return [
      {
        rel,
        error: { code: 'corrupt_container', message: `The zip archive cannot be read: ${message}` },
      },
    ];
  }
  for (const [raw, data] of Object.entries(files)) {
    const inner = wanted.get(raw);
    if (inner)
      out.push({ rel: inner, buf: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });
  }
  if (bomb) out.push({ rel, error: { code: 'zip_bomb', message: bomb } });
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

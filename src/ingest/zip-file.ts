// Large .zip archives read from disk as a stream (yauzl: random access to the central directory,
// one entry inflated at a time through node:zlib), so that an archive of any size costs the
// memory of its largest entry, not of the archive. The rules are those of zip.ts: entries sorted
// by name, the same refusals (unsafe_path, zip_bomb, corrupt_container), names in UTF-8 or GBK.
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { zipFormat } from './detect.js';
import {
  CRC_MISMATCH,
  TOO_MUCH,
  ZIP_LIMITS,
  decodeName,
  refusal,
  skippedEntry,
  type ArchiveEntry,
} from './zip.js';

/** The format of a zip container on disk from its entry names: zip, docx or xlsx. */
export async function zipFileFormat(abs: string): Promise<ReturnType<typeof zipFormat> | null> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(abs, { decodeStrings: false, autoClose: false });
  } catch {
    return null;
  }
  try {
    const names: string[] = [];
    for await (const entry of zip.eachEntry()) {
      names.push(decodeName(entry.fileNameRaw));
      if (names.length >= 1000) break;
    }
    return zipFormat(names);
  } catch {
    return null;
  } finally {
    zip.close();
  }
}

/** Reads one entry whole, up to its declared size (yauzl checks the size it inflates to). */
async function inflate(zip: ZipFile, entry: Entry): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Entries of an archive on disk, sorted by name; `rel` is the archive's name in the batch. */
export async function* archiveFileEntries(abs: string, rel: string): AsyncGenerator<ArchiveEntry> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(abs, {
      decodeStrings: false,
      autoClose: false,
      validateEntrySizes: true,
    });
  } catch (err) {
    yield {
      rel,
      error: {
        code: 'corrupt_container',
        message: `The zip archive cannot be read: ${(err as Error).message}`,
      },
    };
    return;
  }
  try {
    // the directory first: names and declared sizes, nothing inflated
    const listed: { rel: string; entry: Entry | null; error: ArchiveEntry | null }[] = [];
    let total = 0;
    let tooMuch = false;
    try {
      for await (const entry of zip.eachEntry()) {
        const name = decodeName(entry.fileNameRaw).replace(/\\/gu, '/');
        if (skippedEntry(name)) continue;
        const inner = `${rel}/${name}`;
        const error = refusal(name, entry.uncompressedSize, entry.compressedSize);
        if (error) {
          listed.push({ rel: inner, entry: null, error: { rel: inner, error } });
          continue;
        }
        total += entry.uncompressedSize;
        if (total > ZIP_LIMITS.archiveBytes || listed.length >= ZIP_LIMITS.entries) {
          tooMuch = true;
          break;
        }
        listed.push({ rel: inner, entry, error: null });
      }
    } catch (err) {
      yield {
        rel,
        error: {
          code: 'corrupt_container',
          message: `The zip archive cannot be read: ${(err as Error).message}`,
        },
      };
      return;
    }
    listed.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
    for (const item of listed) {
      if (item.error) {
        yield item.error;
        continue;
      }
      const entry = item.entry!;
      if (entry.isEncrypted()) {
        yield {
          rel: item.rel,
          error: { code: 'encrypted', message: 'The archive entry is encrypted; it was not read.' },
        };
        continue;
      }
      let data: Buffer;
      try {
        data = await inflate(zip, entry);
      } catch (err) {
        yield {
          rel: item.rel,
          error: {
            code: 'corrupt_container',
            message: `The entry cannot be inflated: ${(err as Error).message}`,
          },
        };
        continue;
      }
      if (crc32(data) !== entry.crc32) {
        yield { rel: item.rel, error: { code: 'corrupt_container', message: CRC_MISMATCH } };
        continue;
      }
      yield { rel: item.rel, buf: data };
    }
    if (tooMuch) yield { rel, error: { code: 'zip_bomb', message: TOO_MUCH } };
  } finally {
    zip.close();
  }
}

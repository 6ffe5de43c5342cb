// Zip archives read from disk (yauzl: random access to the central directory, one entry inflated
// at a time through node:zlib), so that an archive of any size costs the memory of the entries
// being converted, not of the archive. The rules are those of zip.ts: entries sorted by name, the
// same refusals (unsafe_path, zip_bomb, corrupt_container), names in UTF-8 or GBK.
import { open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { zipFormat } from './detect.js';
import {
  CRC_MISMATCH,
  TOO_MUCH,
  ZIP_LIMITS,
  decodeName,
  renameDuplicates,
  refusal,
  skippedEntry,
  type ArchiveEntry,
} from './zip.js';

type Refused = Extract<ArchiveEntry, { error: unknown }>;

/** An archive's directory: the entries to read and those refused, in name order. */
export interface ArchiveListing {
  items: ({ rel: string; entry: Entry } | Refused)[];
}

/** Opens an archive on disk; its path may be bytes (a name that is not UTF-8). */
export function openArchive(abs: string | Buffer): Promise<ZipFile> {
  // yauzl opens the path with fs.open, which takes a path's bytes as well as a string
  return yauzl.openPromise(abs as string, {
    decodeStrings: false,
    autoClose: false,
    validateEntrySizes: true,
  });
}

/**
 * Whether a file on disk is a zip archive of files (not a .docx/.xlsx package, which is a zip
 * too): the zip signature, then the entry names. False when it cannot be read; whoever reads it
 * next reports why.
 */
export async function isZipArchive(abs: string | Buffer): Promise<boolean> {
  try {
    const handle = await open(abs, 'r');
    try {
      const head = Buffer.alloc(4);
      const { bytesRead } = await handle.read(head, 0, 4, 0);
      if (bytesRead < 4 || head.toString('latin1') !== 'PK\x03\x04') return false;
    } finally {
      await handle.close();
    }
    const zip = await openArchive(abs);
    try {
      const names: string[] = [];
      for await (const entry of zip.eachEntry()) {
        names.push(decodeName(entry.fileNameRaw));
        if (names.length >= 1000) break;
      }
      return zipFormat(names) === 'zip';
    } finally {
      zip.close();
    }
  } catch {
    return false;
  }
}

const corrupt = (rel: string, err: unknown): Refused => ({
  rel,
  error: {
    code: 'corrupt_container',
    message: `The zip archive cannot be read: ${err instanceof Error ? err.message : String(err)}`,
  },
});

/** Reads an archive's directory (nothing inflated) and applies the refusals. */
export async function listArchive(abs: string | Buffer, rel: string): Promise<ArchiveListing> {
  let zip: ZipFile;
  try {
    zip = await openArchive(abs);
  } catch (err) {
    return { items: [corrupt(rel, err)] };
  }
  const items: ArchiveListing['items'] = [];
  let total = 0;
  let accepted = 0;
  let tooMuch = false;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = decodeName(entry.fileNameRaw).replace(/\\/gu, '/');
      if (skippedEntry(name)) continue;
      const inner = `${rel}/${name}`;
      const error = refusal(name, entry.uncompressedSize, entry.compressedSize);
      if (error) {
        items.push({ rel: inner, error });
        continue;
      }
      total += entry.uncompressedSize;
      if (total > ZIP_LIMITS.archiveBytes || accepted >= ZIP_LIMITS.entries) {
        tooMuch = true;
        break;
      }
      accepted++;
      items.push({ rel: inner, entry });
    }
  } catch (err) {
    return { items: [corrupt(rel, err)] };
  } finally {
    zip.close();
  }
  renameDuplicates(items);
  items.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  if (tooMuch) items.push({ rel, error: { code: 'zip_bomb', message: TOO_MUCH } });
  return { items };
}

/** One entry inflated and checked against the CRC-32 its directory declares. */
export async function readArchiveEntry(
  zip: ZipFile,
  rel: string,
  entry: Entry,
): Promise<ArchiveEntry> {
  if (entry.isEncrypted()) {
    return {
      rel,
      error: { code: 'encrypted', message: 'The archive entry is encrypted; it was not read.' },
    };
  }
  let data: Buffer;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    data = Buffer.concat(chunks);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      rel,
      error: { code: 'corrupt_container', message: `The entry cannot be inflated: ${message}` },
    };
  }
  if (crc32(data) !== entry.crc32) {
    return { rel, error: { code: 'corrupt_container', message: CRC_MISMATCH } };
  }
  return { rel, buf: data };
}

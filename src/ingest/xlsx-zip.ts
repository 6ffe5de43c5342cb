// SheetJS unzips an .xlsx package with its own JavaScript inflate, which takes about a quarter of
// the time it spends on a form. `storedPackage` inflates the parts with node:zlib instead and
// hands SheetJS the same package with every part stored (not compressed): SheetJS then copies the
// parts out as they are and sees exactly the entries, names, order, dates and bytes it would have
// unzipped itself. The zip structures are read the way SheetJS reads them (last end-of-directory
// record, central directory order, local headers, data descriptors); a package that is anything
// but plain (zip64, encryption, sizes that disagree …) is left to SheetJS, so how it is read, and
// how it fails, does not change. A part that zlib cannot inflate, or whose bytes fail their CRC-32,
// is damage: the workbook is refused (SheetJS checks neither).
import { crc32, inflateRawSync } from 'node:zlib';
import { IngestError } from './errors.js';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const DESCRIPTOR = 0x08074b50;
const END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** Zip flags SheetJS refuses (encryption, strong encryption, masked headers). */
const ENCRYPTED = 0x2041;
/** Zip flag: sizes and CRC follow the data in a data descriptor. */
const HAS_DESCRIPTOR = 0x0008;
/** Sizes at or beyond 2^31 are not plain (and no form comes near). */
const MAX_SIZE = 0x7fffffff;
/** Parts inflated here in all; beyond, the workbook is refused (stream_too_large). */
const MAX_INFLATED = 256 * 2 ** 20;

/** Whether the extra fields in [from, to) hold a zip64 record, read as SheetJS walks them. */
function hasZip64(buf: Buffer, from: number, to: number): boolean {
  let at = from;
  while (at <= to - 4) {
    if (buf.readUInt16LE(at) === 0x0001) return true;
    at += 4 + buf.readUInt16LE(at + 2);
  }
  return false;
}

interface Inflated {
  buffer: Buffer;
  engine: { bytesWritten: number };
}

/**
 * A raw deflate stream at `from` (to the end of the file, as SheetJS reads it), or null; `limit`
 * is the size it should inflate to, so that zlib fills one buffer (with room to spare), not a chain
 * of 16 KB chunks joined at the end.
 */
function inflateAt(buf: Buffer, from: number, limit: number): Inflated | null {
  try {
    const options = { info: true, maxOutputLength: Math.max(limit, 1), chunkSize: limit + 64 };
    return inflateRawSync(buf.subarray(from), options) as unknown as Inflated;
  } catch {
    return null;
  }
}

/** A part whose data does not inflate or does not match its checksum: the file is damaged. */
export class DamagedPart extends Error {}

const tooLarge = (part: string): IngestError =>
  new IngestError(
    'stream_too_large',
    `The workbook's part ${part} inflates beyond ${MAX_INFLATED / 2 ** 20} MiB (with the parts before it), far beyond any form; it was not read.`,
  );

/**
 * The package with every part stored, for SheetJS to read in place of `buf`; null when SheetJS
 * should read `buf` itself because the package is not plain. Throws DamagedPart for a part whose
 * deflate stream zlib rejects or whose bytes fail the CRC-32 the directory gives (SheetJS checks
 * neither: a changed digit would be read as it stands, and a broken stream can keep its inflate
 * looping until the time limit).
 */
export function storedPackage(buf: Buffer): Buffer | null {
  try {
    return repack(buf);
  } catch (err) {
    if (err instanceof DamagedPart || err instanceof IngestError) throw err;
    return null; // every read is bounds-checked; whatever slips through is SheetJS's to read
  }
}

/** The name of the part whose central directory entry starts at `at`. */
function partName(buf: Buffer, at: number): string {
  return buf.toString('utf8', at + 46, at + 46 + buf.readUInt16LE(at + 28));
}

function repack(buf: Buffer): Buffer | null {
  // SheetJS reads a file as a zip when it starts PK and two bytes below 9.
  if (buf.length < 22 || buf[0] !== 0x50 || buf[1] !== 0x4b || buf[2]! >= 9 || buf[3]! >= 9) {
    return null;
  }
  const end = buf.lastIndexOf(END_OF_DIRECTORY);
  if (end < 0 || end + 20 > buf.length) return null;
  const count = buf.readUInt16LE(end + 8);
  let at = buf.readUInt32LE(end + 16);
  if (count === 0) return null;

  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  let inflated = 0;
  for (let n = 0; n < count; n++) {
    // Central directory entry: sizes, name and extra field lengths, local header offset.
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL_HEADER) return null;
    const csz = buf.readUInt32LE(at + 20);
    const usz = buf.readUInt32LE(at + 24);
    const entryEnd = at + 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30);
    const next = entryEnd + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    if (entryEnd > buf.length || hasZip64(buf, at + 46 + buf.readUInt16LE(at + 28), entryEnd)) {
      return null;
    }
    // Local header: what SheetJS trusts for flags, method and the sizes it inflates to.
    if (local + 30 > buf.length) return null;
    // the directory names a part where none starts: the bytes there were overwritten
    if (buf.readUInt32LE(local) !== LOCAL_HEADER) {
      throw new DamagedPart(`part ${partName(buf, at)} has no header where the directory puts it`);
    }
    const flags = buf.readUInt16LE(local + 6);
    const method = buf.readUInt16LE(local + 8);
    const lcsz = buf.readUInt32LE(local + 18);
    const lusz = buf.readUInt32LE(local + 22);
    const extra = local + 30 + buf.readUInt16LE(local + 26);
    const start = extra + buf.readUInt16LE(local + 28);
    if (start > buf.length) {
      throw new DamagedPart(`part ${partName(buf, at)} has a header that runs past the file`);
    }
    if ((flags & ENCRYPTED) !== 0 || hasZip64(buf, extra, start)) return null;
    // a part larger, compressed, than the whole file: its header was overwritten
    if (lcsz > buf.length || csz > buf.length) {
      throw new DamagedPart(`part ${partName(buf, at)} has sizes its file cannot hold`);
    }
    if (csz > MAX_SIZE || usz > MAX_SIZE || lcsz > MAX_SIZE || lusz > MAX_SIZE) return null;

    let data: Buffer;
    let dataEnd: number;
    if (method === 0 && (flags & HAS_DESCRIPTOR) === 0) {
      dataEnd = start + lcsz;
      if (dataEnd > buf.length) return null;
      data = buf.subarray(start, dataEnd);
    } else if (method === 8) {
      // SheetJS inflates into a buffer of the local header's size when it gives one.
      const limit = lusz > 0 ? lusz : usz;
      // (beyond it, refused: SheetJS would inflate a bomb of a part whole)
      if (inflated + limit > MAX_INFLATED) throw tooLarge(partName(buf, at));
      const out = inflateAt(buf, start, limit);
      if (!out) throw new DamagedPart(`part ${partName(buf, at)} does not inflate`);
      if (lusz > 0 && out.buffer.length !== lusz) return null;
      data = out.buffer;
      dataEnd = start + out.engine.bytesWritten;
      inflated += data.length;
    } else {
      return null;
    }

    // The sizes SheetJS checks against the central directory: descriptor's, else local header's.
    if ((flags & HAS_DESCRIPTOR) !== 0) {
      let d = dataEnd;
      if (d + 12 > buf.length) return null;
      if (buf.readUInt32LE(d) === DESCRIPTOR) {
        d += 4;
        if (d + 12 > buf.length) return null;
      }
      if (buf.readUInt32LE(d + 4) !== csz || buf.readUInt32LE(d + 8) !== usz) return null;
    } else if (lcsz !== csz || lusz !== usz) {
      return null;
    }

    if (crc32(data) >>> 0 !== buf.readUInt32LE(at + 16)) {
      throw new DamagedPart(`part ${partName(buf, at)} fails its checksum`);
    }
    const header = Buffer.from(buf.subarray(local, start));
    header.writeUInt16LE(flags & ~HAS_DESCRIPTOR, 6);
    header.writeUInt16LE(0, 8);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    const entry = Buffer.from(buf.subarray(at, entryEnd));
    entry.writeUInt16LE(flags & ~HAS_DESCRIPTOR, 8);
    entry.writeUInt16LE(0, 10);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(0, 32);
    entry.writeUInt32LE(offset, 42);
    parts.push(header, data);
    directory.push(entry);
    offset += header.length + data.length;
    at = next;
  }

  const dirSize = directory.reduce((sum, e) => sum + e.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(END_OF_DIRECTORY.readUInt32LE(0), 0);
  eocd.writeUInt16LE(count, 8);
  eocd.writeUInt16LE(count, 10);
  eocd.writeUInt32LE(dirSize, 12);
  eocd.writeUInt32LE(offset, 16);
  const out = Buffer.concat([...parts, ...directory, eocd]);
  // SheetJS takes the last end-of-directory signature: it must be this one.
  return out.lastIndexOf(END_OF_DIRECTORY) === out.length - 22 ? out : null;
}

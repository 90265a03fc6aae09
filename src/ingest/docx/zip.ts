/**
 * A guarded zip reader for DOCX files. It reads the central directory itself, refuses archives whose declared
 * uncompressed size is over the limit before anything is inflated, and then inflates every entry with an output
 * cap, so an entry whose header lies about its size cannot expand past the limit either. The inflated entries can
 * be written back as a stored (uncompressed) zip, which is what mammoth gets: it never inflates anything itself.
 */
import { crc32 as zlibCrc32, inflateRawSync } from 'node:zlib';
import { DocumentError } from '../../errors.ts';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** More entries than any Word document has; guards against archives of millions of empty entries. */
const MAX_ENTRIES = 20_000;

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

function invalid(path: string, reason: string): DocumentError {
  return new DocumentError('DOCX_INVALID', `${path}: not a valid Word document (${reason})`);
}

function tooLarge(path: string, reason: string): DocumentError {
  return new DocumentError('DOCX_TOO_LARGE', `${path}: ${reason}`);
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

/** Reads the central directory. Throws DOCX_INVALID when the bytes are not a readable zip archive. */
export function readCentralDirectory(buf: Buffer, path: string): ZipEntry[] {
  // The end-of-central-directory record is 22 bytes plus a comment of at most 65535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid(path, 'no zip end-of-central-directory record; the file is truncated or not a zip archive');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator stands just before the end-of-central-directory record.
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== SIG_ZIP64_LOCATOR) throw invalid(path, 'broken ZIP64 end-of-central-directory locator');
    const z = u64(buf, loc + 8);
    if (z + 56 > buf.length || buf.readUInt32LE(z) !== SIG_ZIP64_EOCD) throw invalid(path, 'broken ZIP64 end-of-central-directory record');
    count = u64(buf, z + 32);
    cdSize = u64(buf, z + 40);
    cdOffset = u64(buf, z + 48);
  }
  if (count > MAX_ENTRIES) throw tooLarge(path, `the archive declares ${count} entries (limit ${MAX_ENTRIES})`);
  if (cdOffset + cdSize > buf.length) throw invalid(path, 'the central directory lies outside the file; the file is truncated');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) throw invalid(path, `central directory entry ${n + 1} is damaged`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > buf.length) throw invalid(path, `central directory entry ${n + 1} is damaged`);
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      // ZIP64 extended information extra field (0x0001): only the fields that overflowed are present, in order.
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      let found = false;
      while (e + 4 <= end) {
        const id = buf.readUInt16LE(e);
        const len = buf.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          const take = () => {
            if (q + 8 > e + 4 + len) throw invalid(path, `ZIP64 field of ${name} is damaged`);
            const v = u64(buf, q);
            q += 8;
            return v;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = take();
          if (compressedSize === 0xffffffff) compressedSize = take();
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
          found = true;
          break;
        }
        e += 4 + len;
      }
      if (!found) throw invalid(path, `entry ${name} has no ZIP64 size field`);
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The compressed bytes of one entry, located through its local header. */
function entryData(buf: Buffer, e: ZipEntry, path: string): Buffer {
  const h = e.localHeaderOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== SIG_LOCAL) throw invalid(path, `the local header of ${e.name} is missing; the file is truncated or damaged`);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  if (start + e.compressedSize > buf.length) throw invalid(path, `the data of ${e.name} runs past the end of the file; the file is truncated`);
  return buf.subarray(start, start + e.compressedSize);
}

/** XML parts (document, styles, numbering, relationships ...) are needed; a damaged one makes the file invalid. */
const isXmlPart = (name: string) => /\.(xml|rels)$/i.test(name);

/**
 * Reads and inflates the entries of a DOCX with a bound on the total uncompressed size.
 * DOCX_TOO_LARGE when the declared or the actual size is over maxBytes; DOCX_INVALID for a damaged archive.
 * Other entries (images, embedded files) that cannot be read are left out and named in `skipped`.
 */
export function readZipEntries(buf: Buffer, path: string, maxBytes: number, skipped: string[] = []): Map<string, Buffer> {
  const entries = readCentralDirectory(buf, path);
  const declared = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (declared > maxBytes)
    throw tooLarge(path, `the archive expands to ${declared} bytes, more than the limit of ${maxBytes} (zip bomb?)`);
  const out = new Map<string, Buffer>();
  let total = 0;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue; // a directory
    if (e.flags & 0x1) throw invalid(path, `${e.name} is encrypted`);
    const data = entryData(buf, e, path);
    const room = maxBytes - total;
    let bytes: Buffer;
    if (e.method === 0) {
      bytes = data;
    } else if (e.method === 8) {
      try {
        // One byte more than the room left: reaching it means the entry is larger than it may be.
        bytes = inflateRawSync(data, { maxOutputLength: Math.max(1, room + 1) });
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw tooLarge(path, `${e.name} expands past the limit of ${maxBytes} bytes although it declares ${e.uncompressedSize} (zip bomb?)`);
        if (!isXmlPart(e.name)) {
          skipped.push(`${e.name} (${(err as Error).message})`);
          continue;
        }
        throw invalid(path, `${e.name} cannot be inflated: ${(err as Error).message}`);
      }
    } else {
      // Word only writes stored and deflated entries.
      if (isXmlPart(e.name)) throw invalid(path, `${e.name} uses compression method ${e.method}, which is not supported`);
      skipped.push(`${e.name} (compression method ${e.method})`);
      continue;
    }
    if (bytes.length > room)
      throw tooLarge(path, `the archive expands past the limit of ${maxBytes} bytes although it declares ${declared} (zip bomb?)`);
    total += bytes.length;
    out.set(e.name, bytes);
  }
  return out;
}

function crc32(b: Buffer): number {
  return zlibCrc32(b) >>> 0;
}

/** Writes entries as a zip archive without compression. */
export function writeStoredZip(files: Map<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(SIG_CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(SIG_EOCD, 0);
  eocd.writeUInt16LE(files.size, 8);
  eocd.writeUInt16LE(files.size, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

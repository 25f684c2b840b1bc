/**
 * The ZIP central directory of a DOCX, read without inflating anything: names, methods and the
 * sizes each entry declares, so a decompression bomb is refused before it is opened. Entries are
 * inflated with the declared size as a hard cap (a lying header gets an error, not the memory).
 */
import { inflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** Declared uncompressed size; 0xffffffff marks ZIP64 (more than 4 GB). */
  size: number;
  /** Offset of the local header. */
  local: number;
}

/** The entries of the central directory; undefined when there is none or it is damaged. */
export function zipEntries(zip: Buffer): ZipEntry[] | undefined {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) return undefined;
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return undefined;
    const nameLen = zip.readUInt16LE(at + 28);
    out.push({
      name: zip.toString("utf8", at + 46, at + 46 + nameLen),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      local: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

/** Reads one entry (stored or deflated); undefined when absent, unreadable or larger than declared. */
export function unzipEntry(zip: Buffer, name: string): Buffer | undefined {
  const e = zipEntries(zip)?.find((x) => x.name === name);
  if (!e || e.local + 30 > zip.length) return undefined;
  const start = e.local + 30 + zip.readUInt16LE(e.local + 26) + zip.readUInt16LE(e.local + 28);
  const data = zip.subarray(start, start + e.compressedSize);
  try {
    return e.method === 0 ? data : e.method === 8 ? inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) }) : undefined;
  } catch {
    return undefined;
  }
}

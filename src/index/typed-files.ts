/** Typed arrays to and from files: the index loads by reading bytes, with no parsing. */
import { readFileSync, writeFileSync } from "node:fs";

type Typed = Uint32Array | Uint8Array | Float32Array;

export function writeTyped(file: string, array: Typed): void {
  writeFileSync(file, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
}

function readBytes(file: string): ArrayBuffer {
  const buf = readFileSync(file);
  // A large file gets its own ArrayBuffer: use it as is. A small one may sit in Node's shared
  // pool at an unaligned offset: copy it out.
  if (buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength) return buf.buffer as ArrayBuffer;
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

export const readU32 = (file: string) => new Uint32Array(readBytes(file));
export const readU8 = (file: string) => new Uint8Array(readBytes(file));
export const readF32 = (file: string) => new Float32Array(readBytes(file));

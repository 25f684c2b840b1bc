/**
 * Hostile DOCX files built byte by byte: a small ZIP whose word/document.xml inflates to hundreds
 * of MB (streamed through deflate, never held whole), declaring its true size or lying about it.
 */
import { constants, crc32, createDeflateRaw } from "node:zlib";

interface Part {
  name: string;
  data: Buffer;
  crc: number;
  size: number;
  /** What the directory says (a liar declares less). */
  declared: number;
  method: 0 | 8;
}

function stored(name: string, text: string): Part {
  const data = Buffer.from(text);
  return { name, data, crc: crc32(data), size: data.length, declared: data.length, method: 0 };
}

/** Deflates `repeat` copies of `chunk` without materialising them. */
async function deflated(name: string, head: string, chunk: string, repeat: number, tail: string): Promise<Part> {
  const z = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  z.on("data", (b: Buffer) => out.push(b));
  const ended = new Promise((r) => z.on("end", r));
  let crc = 0;
  let size = 0;
  const write = async (s: string) => {
    const b = Buffer.from(s);
    crc = crc32(b, crc);
    size += b.length;
    if (!z.write(b)) await new Promise((r) => z.once("drain", r));
  };
  await write(head);
  const block = chunk.repeat(Math.max(1, Math.floor((1 << 20) / chunk.length)));
  const blocks = Math.ceil((chunk.length * repeat) / block.length);
  for (let i = 0; i < blocks; i++) await write(block);
  await write(tail);
  z.end();
  await ended;
  return { name, data: Buffer.concat(out), crc, size, declared: size, method: 8 };
}

function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(p.method, 8);
    h.writeUInt32LE(p.crc >>> 0, 14);
    h.writeUInt32LE(p.data.length, 18);
    h.writeUInt32LE(p.declared, 22);
    h.writeUInt16LE(name.length, 26);
    locals.push(h, name, p.data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(p.method, 10);
    c.writeUInt32LE(p.crc >>> 0, 16);
    c.writeUInt32LE(p.data.length, 20);
    c.writeUInt32LE(p.declared, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + p.data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/**
 * A DOCX whose document.xml is `mb` MB of paragraphs. `lie`: the ZIP directory declares 1 KB, so
 * only the reader's memory cap stands between it and the heap.
 */
export async function docxBomb(mb: number, lie = false): Promise<Buffer> {
  const para = "<w:p><w:r><w:t>Điều khoản lặp lại vô hạn của tệp bom giải nén.</w:t></w:r></w:p>";
  const doc = await deflated(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`,
    para,
    Math.ceil((mb * 1024 * 1024) / Buffer.byteLength(para)),
    "</w:body></w:document>",
  );
  if (lie) doc.declared = 1024;
  return zip([stored("[Content_Types].xml", CONTENT_TYPES), stored("_rels/.rels", RELS), doc]);
}

/** A DOCX of many tiny entries (the entry-count limit). */
export function docxManyEntries(n: number): Buffer {
  const parts = [stored("[Content_Types].xml", CONTENT_TYPES), stored("_rels/.rels", RELS)];
  for (let i = 0; i < n; i++) parts.push(stored(`word/media/x${i}.txt`, "x"));
  return zip(parts);
}

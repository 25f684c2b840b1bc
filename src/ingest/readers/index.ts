/**
 * Turns a source file (PDF — scanned pages by OCR —, DOCX, Word 97 DOC, HTML, TXT, Markdown) into clean
 * Unicode text for the structure parser, or a ReadError whose Vietnamese message tells the user what to do.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { normalizeText } from "../../text/normalize.js";
import { DEFAULT_OCR, ReadError, type RawRead, type ReadResult, type SourceFormat } from "./types.js";
import { detectLegacyEncoding, detectMojibake, repairMojibake } from "./legacy.js";
import { readPdf } from "./pdf.js";
import { readDocx } from "./docx.js";
import { readDoc } from "./doc.js";
import type { OcrOptions } from "../ocr/index.js";
import { readHtml } from "./html.js";
import { readText } from "./text.js";

export { ReadError, type ReadErrorCode, type ReadResult, type SourceFormat } from "./types.js";
export { detectLegacyEncoding, detectMojibake } from "./legacy.js";
export { hasImages } from "./pdf.js";

/** Default size limit: larger files are almost always scans or bundles, not one legal text. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export interface ReadOptions {
  maxBytes?: number;
  /** OCR of scanned PDF pages; false turns it off. Default: on, Vietnamese, no cache. */
  ocr?: OcrOptions | false;
}

export { DEFAULT_OCR };

const EXTENSIONS: Record<string, SourceFormat> = {
  ".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".html": "html", ".htm": "html", ".txt": "txt", ".md": "md", ".markdown": "md",
};

export function formatOf(fileName: string): SourceFormat | undefined {
  return EXTENSIONS[path.extname(fileName).toLowerCase()];
}

const startsWith = (buf: Uint8Array, ...bytes: number[]): boolean => bytes.every((b, i) => buf[i] === b);
const isOle = (buf: Uint8Array): boolean => startsWith(buf, 0xd0, 0xcf, 0x11, 0xe0);
const isZip = (buf: Uint8Array): boolean => startsWith(buf, 0x50, 0x4b, 0x03, 0x04);
/** PDF readers accept junk before the header, within the first KB. */
const isPdf = (buf: Uint8Array): boolean => Buffer.from(buf.subarray(0, 1024)).includes("%PDF-");

/** Content that does not match its extension: say what it really is when we can tell. */
function checkMagic(buf: Uint8Array, format: SourceFormat, file: string): void {
  if (format === "pdf" && !isPdf(buf)) {
    throw new ReadError("corrupt", file, "tệp không phải PDF hợp lệ (thiếu phần đầu %PDF) — có thể bị hỏng hoặc đặt sai đuôi");
  }
  if (format === "docx" && !isZip(buf) && !isOle(buf)) {
    if (startsWith(buf, 0x7b, 0x5c, 0x72, 0x74, 0x66)) throw new ReadError("unsupported", file, "tệp RTF đặt đuôi .docx — hãy lưu lại thành .docx");
    throw new ReadError("corrupt", file, "tệp DOCX hỏng (không phải tệp nén ZIP của Word)");
  }
  if (format === "doc" && !isOle(buf)) {
    if (isZip(buf)) throw new ReadError("unsupported", file, "là tệp .docx đặt đuôi .doc — hãy đổi đuôi thành .docx");
    throw new ReadError("corrupt", file, "tệp DOC hỏng (không phải tệp Word 97–2003)");
  }
  if (format === "txt" || format === "md" || format === "html") {
    const kind = isPdf(buf.subarray(0, 8)) ? "PDF" : isZip(buf) ? "DOCX/ZIP" : isOle(buf) ? "Word .doc" : undefined;
    if (kind) throw new ReadError("unsupported", file, `nội dung là tệp ${kind}, không phải văn bản thuần — hãy đặt đúng đuôi tệp`);
  }
}

/** Common clean-up: NFC and normalizeText's character fixes, "\n" line ends, no control characters,
 *  no trailing spaces, no runs of blank lines, no blank lines at either end. */
function tidy(text: string): string {
  return normalizeText(text)
    .replace(/\r\n?|\f|\v|[\u2028\u2029\u0085]/g, "\n")
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, "")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
}

const LEGACY_HINT = "hãy chuyển sang Unicode (ví dụ bằng Unikey) rồi nạp lại";

/** Reads an in-memory file (e.g. a chat upload); the format comes from fileName's extension. */
export async function readBuffer(buf: Uint8Array, fileName: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const format = formatOf(fileName);
  if (!format) {
    const ext = path.extname(fileName).toLowerCase();
    throw new ReadError("unsupported", fileName, `chưa hỗ trợ định dạng ${ext || "không có đuôi"} — hãy dùng PDF, DOCX, DOC, HTML, TXT hoặc MD`);
  }
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (buf.length > maxBytes) throw tooLarge(fileName, buf.length, maxBytes);
  if (buf.length === 0) throw new ReadError("empty", fileName, "tệp rỗng");
  checkMagic(buf, format, fileName);
  const data = Buffer.from(buf.buffer, buf.byteOffset, buf.length);
  let raw: RawRead;
  if (format === "pdf") raw = await readPdf(data, fileName, opts.ocr === false ? undefined : (opts.ocr ?? DEFAULT_OCR));
  else if (format === "docx" && isOle(data)) {
    // A Word 97 file renamed .docx (or a .docx with a password, which readDoc refuses).
    raw = await readDoc(data, fileName);
    raw.warnings.unshift("tệp đặt đuôi .docx nhưng là Word 97–2003 (.doc): đã đọc theo định dạng .doc");
  } else if (format === "docx") raw = await readDocx(data, fileName);
  else if (format === "doc") raw = await readDoc(data, fileName);
  else if (format === "html") raw = readHtml(data);
  else raw = readText(data, format === "md");

  const warnings = [...raw.warnings];
  let text = raw.text;
  // Before normalizeText, which would erase some of the legacy-font evidence (see legacy.ts).
  // Mojibake first: its "á»" pairs also look like TCVN3 codes.
  const mojibake = detectMojibake(text);
  const repaired = mojibake ? repairMojibake(text) : undefined;
  if (repaired !== undefined) {
    text = repaired;
    warnings.push("văn bản bị lỗi mã hoá (UTF-8 bị đọc thành Latin-1) và đã được sửa tự động — hãy kiểm tra lại dấu");
  }
  const legacy = detectLegacyEncoding(text);
  if (legacy) {
    const name = legacy === "tcvn3" ? "TCVN3/ABC, phông .VnTime" : "VNI, phông VNI-Times";
    throw new ReadError("legacy_encoding", fileName, `văn bản dùng phông chữ cũ TCVN3/VNI — ${LEGACY_HINT} (nhận ra bảng mã ${name})`);
  }
  if (mojibake && repaired === undefined) {
    throw new ReadError("legacy_encoding", fileName, `văn bản bị lỗi mã hoá (UTF-8 bị đọc thành Latin-1, chữ có dấu thành dạng "á»", "Ã©") — hãy mở bằng trình soạn thảo, lưu lại dạng UTF-8 rồi nạp lại`);
  }
  text = tidy(text);
  if (!/\p{L}|\p{N}/u.test(text)) throw new ReadError("empty", fileName, "không có chữ nào sau khi đọc tệp");
  return { text, format, warnings, ...(raw.pages === undefined ? {} : { pages: raw.pages }), ...(raw.ocr ? { ocr: raw.ocr } : {}) };
}

function tooLarge(file: string, size: number, max: number): ReadError {
  const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
  return new ReadError("too_large", file, `tệp quá lớn (${mb(size)} MB, giới hạn ${mb(max)} MB)`);
}

/** Reads a file from disk; the size limit is checked before the file is loaded. */
export async function readDocument(filePath: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const { size } = await stat(filePath);
  if (size > maxBytes) throw tooLarge(filePath, size, maxBytes);
  return readBuffer(await readFile(filePath), filePath, opts);
}

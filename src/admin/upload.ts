/**
 * Puts an uploaded document into the corpus folder without ever damaging what is there: the
 * bytes are checked first (size, PDF/DOCX/DOC only, readable text, read in a capped child
 * process), written to a
 * dot-file (ingest skips dot-files) and renamed over the target in one step. A document with the
 * same name stem ("nd73.docx" for "nd73.pdf") is replaced; its file is kept in .replaced/ so a
 * rejected replacement can be undone.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { loadManifest } from "../ingest/manifest.js";
import { DEFAULT_PARSE_LIMITS, ParseWorker, type ParseLimits } from "../ingest/parse-worker.js";
import { formatOf, hasImages, ReadError, type ReadResult } from "../ingest/readers/index.js";

/** What an admin may upload from a chat. */
export const UPLOAD_FORMATS = new Set(["pdf", "docx", "doc"]);
export const BACKUP_DIR = ".replaced";

/** An upload refused for where it would go, not for its content; the message is for the admin. */
export class UploadError extends Error {}

export interface SavedUpload {
  /** File name inside the corpus folder. */
  file: string;
  /** Files of the same document that were replaced (now in .replaced/). */
  replaced: string[];
  read: ReadResult;
  /** Removes the upload and puts the replaced files back. */
  restore(): void;
}

/** File names are limited to 255 bytes (ext4 and most others); keep room for .replaced/ stamps. */
const MAX_NAME_BYTES = 200;

/** The longest prefix of `s` within `bytes` UTF-8 bytes, never cutting a character in two. */
function clipBytes(s: string, bytes: number): string {
  let out = "";
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > bytes) break;
    out += ch;
  }
  return out;
}

/**
 * A safe corpus file name from a user-supplied one: no folders, no leading dot, letters (with
 * accents), digits and . _ - ( ) only, a lower-case extension, short enough for any file system.
 */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, "/")).normalize("NFC");
  const ext = path.extname(base).toLowerCase();
  const stem = base
    .slice(0, base.length - ext.length)
    .replace(/[^\p{L}\p{M}\p{N}._() -]+/gu, "_")
    .replace(/\s+/g, " ")
    .replace(/^[\s._-]+|[\s._-]+$/g, "");
  const safeExt = clipBytes(ext.replace(/[^.\p{L}\p{N}]+/gu, ""), 16);
  const clipped = clipBytes(stem, MAX_NAME_BYTES - Buffer.byteLength(safeExt)).replace(/[\s._-]+$/, "");
  return `${clipped || `van-ban-${Date.now()}`}${safeExt}`;
}

/**
 * Throws ReadError (Vietnamese, for the admin) for anything that is not a readable PDF/DOCX/DOC.
 * The file is read in a child process: a bomb or a huge PDF costs it, never the chats being
 * answered. A scan is accepted unread: OCR takes a while, so it runs once, in the background
 * ingest, which reports its progress and refuses the file there if nothing is readable.
 */
export async function checkUpload(bytes: Uint8Array, fileName: string, maxBytes: number, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Promise<ReadResult> {
  const format = formatOf(fileName);
  if (!format || !UPLOAD_FORMATS.has(format))
    throw new ReadError("unsupported", fileName, "qua chat chỉ nhận tệp PDF, DOCX hoặc DOC (các định dạng khác: chép vào thư mục văn bản trên máy chủ)");
  const worker = new ParseWorker(limits);
  try {
    return await worker.read(fileName, { bytes, maxBytes, ocr: false });
  } catch (err) {
    if (err instanceof ReadError && err.code === "scanned_pdf" && hasImages(bytes)) return { text: "", format, warnings: ["bản scan: chữ sẽ được nhận dạng (OCR) khi nạp"] };
    throw err;
  } finally {
    worker.close();
  }
}

/** Written and flushed to disk before the rename makes it visible. */
function writeDurable(file: string, bytes: Uint8Array): void {
  const fd = openSync(file, "w");
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const stemOf = (f: string) => f.slice(0, f.length - path.extname(f).length);
const stemKey = (f: string) => stemOf(f).normalize("NFC").toLowerCase();

export async function saveUpload(corpusDir: string, originalName: string, bytes: Uint8Array, maxBytes: number, limits?: ParseLimits): Promise<SavedUpload> {
  const file = safeFileName(originalName);
  const read = await checkUpload(bytes, file, maxBytes, limits);
  mkdirSync(corpusDir, { recursive: true });
  const replaced = readdirSync(corpusDir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith(".") && formatOf(e.name) && stemKey(e.name) === stemKey(file))
    .map((e) => e.name);
  checkManifest(corpusDir, file, replaced);
  const tmp = path.join(corpusDir, `.upload-${randomBytes(6).toString("hex")}.tmp`);
  const target = path.join(corpusDir, file);
  const backupDir = path.join(corpusDir, BACKUP_DIR);
  const stamp = `${Date.now()}-${randomBytes(3).toString("hex")}`;
  const backups = replaced.map((name) => ({ name, backup: path.join(backupDir, `${stamp}-${name}`) }));
  try {
    writeDurable(tmp, bytes);
    if (backups.length) mkdirSync(backupDir, { recursive: true });
    for (const b of backups) copyFileSync(path.join(corpusDir, b.name), b.backup);
    renameSync(tmp, target);
  } finally {
    // Disk full, a name the file system refuses …: leave nothing half-written behind.
    rmSync(tmp, { force: true });
  }
  for (const b of backups) if (b.name !== file) rmSync(path.join(corpusDir, b.name), { force: true });
  return {
    file,
    replaced,
    read,
    restore() {
      rmSync(target, { force: true });
      for (const b of backups) if (existsSync(b.backup)) copyFileSync(b.backup, path.join(corpusDir, b.name));
    },
  };
}

/**
 * A manifest entry naming the replaced file ("file": "nd73.pdf") would no longer find its document
 * under another name ("nd73.docx"), and the document would lose its metadata: refuse, saying how.
 */
function checkManifest(corpusDir: string, file: string, replaced: string[]): void {
  let entries: ReturnType<typeof loadManifest>;
  try {
    entries = loadManifest(corpusDir);
  } catch {
    return; // an invalid manifest stops the ingest itself, with its own message
  }
  for (const old of replaced) {
    const bound = old !== file && entries.find((e) => e.file === old && e.id !== stemOf(file));
    if (bound)
      throw new UploadError(`«${old}» được khai báo trong manifest.json cho văn bản ${bound.id}: hãy gửi tệp cùng định dạng (${path.extname(old)}), hoặc sửa manifest.json trên máy chủ`);
  }
}

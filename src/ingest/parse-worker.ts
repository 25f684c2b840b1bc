/**
 * Untrusted files are read and parsed in a child process with its own heap cap and a time limit
 * (PARSE_MEMORY_MB, PARSE_TIMEOUT_SECONDS), so a decompression bomb or a 10,000-page PDF costs
 * that process, never the bot answering chats or the rest of an ingest: the file is refused with
 * a Vietnamese message and the next one gets a fresh child. One child serves a run's files in
 * turn and exits when closed.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Layout, ParsedDocument } from "../model/document.js";
import { readHeaderMeta } from "../structure/header.js";
import { parseStructure } from "../structure/index.js";
import { ReadError, type ReadErrorCode, type ReadResult } from "./readers/types.js";
import { markLowConfidence } from "./ocr/confidence.js";
import type { OcrOptions } from "./ocr/index.js";

export const DEFAULT_PARSE_LIMITS: ParseLimits = { memoryMb: 768, timeoutMs: 120_000 };

/** The limits the configuration asks for. */
export function parseLimitsFrom(config: { PARSE_MEMORY_MB: number; PARSE_TIMEOUT_SECONDS: number }): ParseLimits {
  return { memoryMb: config.PARSE_MEMORY_MB, timeoutMs: config.PARSE_TIMEOUT_SECONDS * 1000 };
}

export interface ParseLimits {
  /** Heap cap of the child (--max-old-space-size). */
  memoryMb: number;
  /** Longest time one file may take. */
  timeoutMs: number;
}

/** What OCR did for a scanned file: pages read, their mean confidence, the pages read with low confidence. */
export interface OcrReport {
  pages: number;
  meanConfidence: number;
  lowPages: number[];
}

/** A file's structure as ingest keeps it (and caches it by content hash). */
export interface ParsedFile {
  layout: Layout;
  units: ParsedDocument["units"];
  warnings: string[];
  header: ReturnType<typeof readHeaderMeta>;
  ocr?: OcrReport;
}

/** OCR settings a job carries to the child (no callbacks: progress comes back as messages). */
export type JobOcr = Omit<OcrOptions, "onPage"> | false;

/** How ingest asks for one file. */
export interface ParseOptions {
  maxBytes?: number;
  /** Forces a layout (a manifest's choice). */
  layout?: Layout;
  /** OCR of scanned pages (default: on, Vietnamese); false refuses scans. */
  ocr?: JobOcr;
  /** Each recognised page. Every page renews the time limit: a long scan is slow, not stuck. */
  onOcrPage?: (done: number, total: number) => void;
}

export interface ParseJob {
  id: number;
  /** The file's path, or its name when `bytes` are given. */
  name: string;
  bytes?: Uint8Array;
  maxBytes?: number;
  /** Also parse the structure (ingest); otherwise only read (upload check). */
  structure?: boolean;
  /** List the supported files below the folder `name` instead. */
  list?: boolean;
  layout?: Layout;
  ocr?: JobOcr;
}

export type ParseReply =
  | { id: number; ok: true; read?: ReadResult; parsed?: ParsedFile; files?: string[] }
  | { id: number; ok: false; error: { code?: ReadErrorCode; file?: string; message: string } }
  | { id: number; progress: { done: number; total: number } };

/**
 * Structure and header of a read file; `layout` forces one (a manifest's choice). Units read from
 * a low-confidence scanned page are marked, so answers quoting them say so.
 */
export function parseFileText(read: ReadResult, file: string, layout?: Layout): ParsedFile {
  const structure = parseStructure(read.text, layout ? { layout } : undefined);
  if (read.ocr) markLowConfidence(structure.units, read.ocr.lowText);
  return {
    layout: structure.layout,
    units: structure.units,
    warnings: [...read.warnings, ...structure.warnings],
    header: readHeaderMeta(read.text, path.basename(file).replace(/\.[^.]+$/, "")),
    ...(read.ocr ? { ocr: { pages: read.ocr.pages.length, meanConfidence: read.ocr.meanConfidence, lowPages: read.ocr.lowPages } } : {}),
  };
}

const CHILD = fileURLToPath(new URL("./parse-worker-main.ts", import.meta.url));
/** The TypeScript loader the child starts with, resolved from here (any working directory). */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Longest wait for a new child to load its readers. */
const START_TIMEOUT_MS = 60_000;

export class ParseWorker {
  private child?: { process: ChildProcess; ready: Promise<void> };
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly limits: ParseLimits = DEFAULT_PARSE_LIMITS) {}

  /** Reads a file's text (format checks included), as readBuffer/readDocument would. */
  read(name: string, opts: { bytes?: Uint8Array; maxBytes?: number; ocr?: JobOcr } = {}): Promise<ReadResult> {
    return this.run({ name, ...opts }).then((r) => r.read!);
  }

  /** The files ingest reads below a folder (sources.ts): asked here, so only this child loads the readers. */
  list(dir: string): Promise<string[]> {
    return this.run({ name: dir, list: true }).then((r) => r.files!);
  }

  /** Reads and parses a file's structure. */
  parse(file: string, opts: ParseOptions = {}): Promise<ParsedFile> {
    const { onOcrPage, ...job } = opts;
    return this.run({ name: file, structure: true, ...job }, onOcrPage).then((r) => r.parsed!);
  }

  /** Ends the child; a later job starts a new one. */
  close(): void {
    this.child?.process.kill("SIGKILL");
    this.child = undefined;
  }

  /** One job at a time: a file's limits are its own. */
  private run(job: Omit<ParseJob, "id">, onProgress?: (done: number, total: number) => void): Promise<Extract<ParseReply, { ok: true }>> {
    const next = this.queue.catch(() => {}).then(() => this.once({ ...job, id: this.nextId++ }, onProgress));
    this.queue = next;
    return next;
  }

  private spawn(): { process: ChildProcess; ready: Promise<void> } {
    const child = fork(CHILD, [], {
      execArgv: ["--import", TSX, `--max-old-space-size=${this.limits.memoryMb}`],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "ignore", "ipc"],
    });
    child.unref();
    child.channel?.unref();
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the file reader process did not start")), START_TIMEOUT_MS);
      child.once("message", () => (clearTimeout(timer), resolve()));
      child.once("exit", () => (clearTimeout(timer), reject(new Error("the file reader process exited at start"))));
    });
    return { process: child, ready };
  }

  private async once(job: ParseJob, onProgress?: (done: number, total: number) => void): Promise<Extract<ParseReply, { ok: true }>> {
    this.child ??= this.spawn();
    const { process: child, ready } = this.child;
    try {
      await ready;
    } catch (err) {
      this.close();
      throw err;
    }
    const file = job.name;
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
      };
      const onMessage = (reply: ParseReply) => {
        if (reply.id !== job.id) return;
        if ("progress" in reply) {
          timer.refresh();
          onProgress?.(reply.progress.done, reply.progress.total);
          return;
        }
        done();
        if (reply.ok) return resolve(reply);
        const { code, message } = reply.error;
        reject(code ? new ReadError(code, file, message.replace(`${path.basename(file)}: `, "")) : new Error(message));
      };
      const onExit = () => {
        done();
        if (this.child?.process === child) this.child = undefined;
        reject(new ReadError("too_large", file, `đọc tệp cần hơn ${this.limits.memoryMb} MB bộ nhớ — tệp quá lớn hoặc bất thường (có thể là tệp nén «bom»), đã bỏ qua`));
      };
      const timer = setTimeout(() => {
        done();
        this.close();
        reject(new ReadError("too_large", file, `đọc tệp mất quá ${Math.round(this.limits.timeoutMs / 1000)} giây — tệp quá lớn hoặc bất thường, hãy tách thành tệp nhỏ hơn`));
      }, this.limits.timeoutMs);
      child.on("message", onMessage);
      child.once("exit", onExit);
      child.send(job);
    });
  }
}

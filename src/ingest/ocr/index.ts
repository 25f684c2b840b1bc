/**
 * OCR of the PDF pages that have no text layer: render (readers/pdf-worker.ts), recognise (recognise.ts), and
 * cache the raw result by the file's SHA-256 and language, so a re-ingest (or a changed parser)
 * never recognises the same page twice. Pages are rendered one at a time and handed to the
 * workers as they come, with at most two per worker waiting, which bounds memory.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PdfPages } from "../readers/pdf-worker.js";
import { createRecogniser } from "./recognise.js";

/** Bump when rendering or recognition changes, so cached pages are redone. */
const OCR_VERSION = 1;

/** A page whose mean word confidence is below this is reported, and quotes from it are marked. */
export const LOW_CONFIDENCE = 80;

export interface OcrOptions {
  /** Tesseract language(s): "vie", "vie+eng". */
  lang: string;
  /** Folder for cached results; none means no cache. */
  cacheDir?: string;
  workers?: number;
  /** Mean word confidence under which a page counts as read with low confidence (default LOW_CONFIDENCE). */
  lowConfidence?: number;
  /** Called after each recognised page (cached pages count as done at once). */
  onPage?: (done: number, total: number) => void;
}

export interface OcrPage {
  num: number;
  /** Tesseract's text as recognised (cleaning happens later, so it can change without a re-OCR). */
  text: string;
  confidence: number;
}

function cacheFile(opts: OcrOptions, data: Uint8Array): string | undefined {
  if (!opts.cacheDir) return undefined;
  const sha = createHash("sha256").update(data).digest("hex");
  return path.join(opts.cacheDir, `${sha}-ocr${OCR_VERSION}-${opts.lang.replace(/[^a-z_+]/gi, "")}.json`);
}

function readCache(file: string | undefined): Map<number, OcrPage> {
  if (!file || !existsSync(file)) return new Map();
  try {
    const pages = JSON.parse(readFileSync(file, "utf8")) as OcrPage[];
    return new Map(pages.map((p) => [p.num, p]));
  } catch {
    return new Map(); // a damaged cache is redone, never trusted
  }
}

function writeCache(file: string | undefined, pages: Map<number, OcrPage>): void {
  if (!file) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify([...pages.values()].sort((a, b) => a.num - b.num)));
  renameSync(tmp, file);
}

/** Recognised text of `pages` (1-based) of a PDF (its bytes, for the cache, and its renderer), in page order. */
export async function ocrPdfPages(data: Uint8Array, renderer: Pick<PdfPages, "render">, pages: number[], opts: OcrOptions): Promise<OcrPage[]> {
  const file = cacheFile(opts, data);
  const done = readCache(file);
  const todo = pages.filter((n) => !done.has(n));
  let count = pages.length - todo.length;
  opts.onPage?.(count, pages.length);
  if (todo.length) {
    const workers = Math.min(todo.length, opts.workers ?? os.availableParallelism());
    const recogniser = await createRecogniser(opts.lang, workers);
    const limit = 2 * workers;
    const running = new Set<Promise<void>>();
    try {
      for (const num of todo) {
        const image = await renderer.render(num);
        const job: Promise<void> = recogniser.recognise(image).then((r) => {
          done.set(num, { num, text: r.text, confidence: r.confidence });
          opts.onPage?.(++count, pages.length);
        });
        running.add(job);
        void job.catch(() => undefined).finally(() => running.delete(job));
        if (running.size >= limit) await Promise.race(running);
      }
      await Promise.all(running);
    } finally {
      await Promise.allSettled(running);
      await recogniser.close();
    }
    writeCache(file, done);
  }
  return pages.map((n) => done.get(n)!);
}

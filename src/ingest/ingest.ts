/**
 * Ingest: read every supported file of a folder, parse its structure, merge manifest metadata,
 * embed, and publish a new index version atomically. Unchanged files (same SHA-256) are taken from
 * the parse cache instead of being read and parsed again; a failing file is reported and skipped.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync, statSync } from "node:fs";
import path from "node:path";
import type { DocMeta, Layout, ParsedDocument, UnitType } from "../model/document.js";
// Not readers/index.js: the readers (pdf.js alone is ~140 MB resident) load only in the worker.
import { DEFAULT_OCR, ReadError } from "./readers/types.js";
import type { OcrOptions } from "./ocr/index.js";
import { DEFAULT_PARSE_LIMITS, ParseWorker, type ParsedFile, type ParseLimits, type ParseOptions } from "./parse-worker.js";
import { entryForFile, entryMeta, loadManifest, type ManifestEntry } from "./manifest.js";
import { indexedBlockText, listBlocks } from "../index/corpus-index.js";
import type { Embedder } from "../index/embeddings/embedder.js";
import type { CorpusEmbeddings } from "../index/embeddings/corpus.js";
import { currentInfo, INDEX_FORMAT, writeVersion, type IndexInfo } from "../index/store.js";
import { withIngestLock } from "./lock.js";

/** Bump when parsing changes, so cached parses are redone. */
const PARSER_VERSION = 8;

export interface FileReport {
  file: string;
  status: "ok" | "cached" | "failed";
  docId?: string;
  kind?: string;
  layout?: Layout;
  units?: Partial<Record<UnitType, number>>;
  /** For a scan: pages read by OCR, their mean confidence, the pages read with low confidence. */
  ocr?: OcrReport;
  warnings: string[];
  error?: string;
}

export interface OcrReport {
  pages: number;
  meanConfidence: number;
  lowPages: number[];
}

export interface IngestResult {
  version: string;
  /** Nothing changed since the current version, which stays as it was. */
  unchanged: boolean;
  reports: FileReport[];
  catalog: IndexInfo["catalog"];
  durationMs: number;
}

export interface IngestOptions {
  /** The folder of documents (PDF, DOCX, HTML, TXT, MD), with an optional manifest.json. */
  from: string;
  /** Where index versions are published; the engine reads the current one. */
  indexDir: string;
  /** Vectors for the blocks, or null for a lexical index only (the default). */
  embedder: Embedder | null;
  /** Larger files are reported as failed without being read. */
  maxBytes?: number;
  /** Memory and time allowed to read one file (parse-worker.ts). */
  parseLimits?: ParseLimits;
  onProgress?: (done: number, total: number, file: string) => void;
  /** OCR of scanned PDF pages ({ lang: "vie" } by default); false turns it off. */
  ocr?: Pick<OcrOptions, "lang" | "lowConfidence" | "workers"> | false;
  /** Progress of OCR inside one file, page by page. */
  onOcrPage?: (file: string, done: number, total: number) => void;
}

type CachedParse = ParsedFile;

/** How many units of each type: the report per file. */
export function countUnits(units: ParsedDocument["units"]): Partial<Record<UnitType, number>> {
  const counts: Partial<Record<UnitType, number>> = {};
  for (const u of units) counts[u.type] = (counts[u.type] ?? 0) + 1;
  return counts;
}

async function parseFile(worker: ParseWorker, file: string, cacheDir: string, sha: string, opts: ParseOptions): Promise<{ parsed: CachedParse; cached: boolean }> {
  // A PDF read without OCR, or in another language, is another parse (the default keeps the plain name).
  const ocrKey = opts.ocr === false ? "-noocr" : opts.ocr && opts.ocr.lang !== DEFAULT_OCR.lang ? `-${opts.ocr.lang.replace(/[^a-z_+]/gi, "")}` : "";
  const cacheFile = path.join(cacheDir, `${sha}-p${PARSER_VERSION}${ocrKey}.json`);
  if (existsSync(cacheFile)) return { parsed: JSON.parse(readFileSync(cacheFile, "utf8")), cached: true };
  const parsed = await worker.parse(file, opts);
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(parsed));
  renameSync(tmp, cacheFile);
  return { parsed, cached: false };
}

/** Metadata: the manifest's facts win; the file's own header fills what the manifest lacks. */
function mergeMeta(id: string, fileName: string, header: CachedParse["header"], entry?: ManifestEntry): DocMeta {
  if (entry) return { ...entryMeta(entry), file: fileName };
  return {
    id,
    number: header.number,
    kind: header.kind,
    issuer: header.issuer,
    date: header.date,
    title: header.title,
    aliases: [],
    status: "unknown",
    file: fileName,
  };
}

/** Ids from file stems; a stem seen twice (same name in two folders) is prefixed by its folder. */
function fileIds(files: string[], root: string): string[] {
  const stems = files.map((f) => path.basename(f).replace(/\.[^.]+$/, ""));
  return files.map((f, i) =>
    stems.indexOf(stems[i]) === stems.lastIndexOf(stems[i]) ? stems[i] : path.relative(root, f).replace(/\.[^.]+$/, "").replace(/[\\/]/g, "__"),
  );
}

async function embedBlocks(docs: ParsedDocument[], embedder: Embedder, cacheDir: string): Promise<{ vectors: number[][]; dimensions: number; learnt?: CorpusEmbeddings }> {
  const { blocks } = listBlocks(docs);
  const texts = blocks.map((b) => indexedBlockText(docs[b.doc], b.unit).slice(0, 6000));
  if (embedder.learn) {
    const learnt = embedder.learn(texts);
    return { vectors: await learnt.embedDocuments(texts), dimensions: learnt.dimensions, learnt };
  }
  if (!embedder.remote) {
    const vectors = await embedder.model.embedDocuments(texts);
    return { vectors, dimensions: embedder.dimensions };
  }
  // Remote embedders: reuse vectors of unchanged texts (cost, time, and what leaves the machine).
  const cacheFile = path.join(cacheDir, `vectors-${createHash("sha1").update(embedder.id).digest("hex")}.json`);
  const cache: Record<string, number[]> = existsSync(cacheFile) ? JSON.parse(readFileSync(cacheFile, "utf8")) : {};
  const keys = texts.map((t) => createHash("sha1").update(t).digest("hex"));
  const missing = [...new Set(keys.filter((k) => !cache[k]))];
  const missingTexts = missing.map((k) => texts[keys.indexOf(k)]);
  for (let i = 0; i < missing.length; i += 64) {
    const batch = await embedder.model.embedDocuments(missingTexts.slice(i, i + 64));
    batch.forEach((v, j) => (cache[missing[i + j]] = v));
  }
  if (missing.length) writeFileSync(cacheFile, JSON.stringify(cache));
  const vectors = keys.map((k) => cache[k]);
  return { vectors, dimensions: vectors[0]?.length ?? 0 };
}

/**
 * Builds a new index version from a folder and makes it current, or keeps the current one when
 * nothing changed. One ingest at a time per index (a lock shared by processes); a file that cannot
 * be read or parsed is reported (`status: "failed"`) and the others are indexed all the same. Throws
 * only when the folder does not exist.
 *
 * @example
 * ```ts
 * const r = await ingest({ from: "corpus", indexDir: "data/index", embedder: null });
 * console.log(formatReport(r)); // one line per file, then "Đã nạp 5/5 tệp (0 lỗi), thành phiên bản …"
 * const engine = Engine.open({ indexDir: "data/index" });
 * ```
 */
export async function ingest(opts: IngestOptions): Promise<IngestResult> {
  const started = Date.now();
  if (!existsSync(opts.from) || !statSync(opts.from).isDirectory()) throw new Error(`Không tìm thấy thư mục văn bản: ${opts.from}`);
  const manifest = loadManifest(opts.from);
  return withIngestLock(opts.indexDir, async () => {
    const cacheDir = path.join(opts.indexDir, "cache");
    mkdirSync(cacheDir, { recursive: true });
    const worker = new ParseWorker(opts.parseLimits ?? DEFAULT_PARSE_LIMITS);
    const reports: FileReport[] = [];
    const docs: ParsedDocument[] = [];
    const fileRecords: IndexInfo["files"] = [];
    try {
      const files = await worker.list(opts.from);
      const ids = fileIds(files, opts.from);
      for (let i = 0; i < files.length; i++) {
        const file = files[i];
        const rel = path.relative(opts.from, file);
        opts.onProgress?.(i, files.length, rel);
        try {
          const bytes = readFileSync(file);
          const sha = createHash("sha256").update(bytes).digest("hex");
          const parseOpts: ParseOptions = {
            maxBytes: opts.maxBytes,
            ocr: opts.ocr === false ? false : { ...(opts.ocr ?? DEFAULT_OCR), cacheDir },
            onOcrPage: (done, total) => opts.onOcrPage?.(rel, done, total),
          };
          const { parsed, cached } = await parseFile(worker, file, cacheDir, sha, parseOpts);
          const entry = entryForFile(manifest, file);
          const meta = mergeMeta(entry?.id ?? ids[i], path.basename(file), parsed.header, entry);
          // A manifest layout overrides detection only when it differs: re-parse from the cache-free text.
          const layout = entry?.layout ?? parsed.layout;
          // (OCR'd pages come from the OCR cache.)
          const units = layout === parsed.layout ? parsed.units : (await worker.parse(file, { ...parseOpts, layout })).units;
          if (docs.some((d) => d.meta.id === meta.id)) throw new Error(`id "${meta.id}" đã dùng cho một tệp khác`);
          docs.push({ meta, layout, units, warnings: parsed.warnings });
          fileRecords.push({ file: rel, sha256: sha, docId: meta.id });
          reports.push({ file: rel, status: cached ? "cached" : "ok", docId: meta.id, kind: meta.kind, layout, units: countUnits(units), ...(parsed.ocr ? { ocr: parsed.ocr } : {}), warnings: parsed.warnings });
        } catch (e) {
          const message = e instanceof ReadError ? e.message : `${rel}: ${(e as Error).message}`;
          reports.push({ file: rel, status: "failed", warnings: [], error: message });
        }
      }
      opts.onProgress?.(files.length, files.length, "");
    } finally {
      worker.close();
    }
    const loadedIds = new Set(docs.map((d) => d.meta.id));
    const catalog: IndexInfo["catalog"] = [
      ...manifest.map((e) => ({ ...entryMeta(e), loaded: loadedIds.has(e.id) })),
      ...docs.filter((d) => !manifest.some((e) => e.id === d.meta.id)).map((d) => ({ ...d.meta, loaded: true })),
    ];
    // Same files, manifest, embedder and parser as the current version: nothing to rebuild.
    const source = path.resolve(opts.from);
    const failed = reports.filter((r) => r.status === "failed").map((r) => r.file);
    const fingerprint = createHash("sha256")
      .update(JSON.stringify([INDEX_FORMAT, PARSER_VERSION, opts.embedder?.id ?? null, source, catalog, fileRecords, failed]))
      .digest("hex");
    const current = currentInfo(opts.indexDir);
    if (current?.fingerprint === fingerprint) return { version: current.version, reports, catalog, durationMs: Date.now() - started, unchanged: true };

    let vectors: number[][] | undefined;
    let learnt: CorpusEmbeddings | undefined;
    let embedderInfo: IndexInfo["embedder"] = null;
    if (opts.embedder && docs.length) {
      const embedded = await embedBlocks(docs, opts.embedder, cacheDir);
      ({ vectors, learnt } = embedded);
      embedderInfo = { id: opts.embedder.id, dimensions: embedded.dimensions };
    }
    const version = writeVersion(opts.indexDir, { docs, vectors, learnt, info: { embedder: embedderInfo, source, catalog, files: fileRecords, fingerprint } });
    return { version, reports, catalog, durationMs: Date.now() - started, unchanged: false };
  });
}

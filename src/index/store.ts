/**
 * On-disk index versions. Each ingest writes a complete new version directory, then swaps the
 * CURRENT pointer with an atomic rename: a crash at any moment leaves the previous version
 * answering, and running instances can pick up the new one by watching CURRENT.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, openSync, fsyncSync, closeSync, writeSync } from "node:fs";
import path from "node:path";
import type { DocMeta, ParsedDocument } from "../model/document.js";
import { buildBlockIndex, buildPassageIndex, CorpusIndex, listBlocks, type Expander } from "./corpus-index.js";
import { loadLexical, saveLexical } from "./lexical.js";
import { VectorIndex } from "./vector.js";
import { CorpusEmbeddings } from "./embeddings/corpus.js";

/** Corpus vectors' term model, stored with the version whose blocks it embedded. */
const LEARNT_FILE = "embedder.bin";

export const CURRENT = "CURRENT";
/** Bump when the on-disk layout changes: an index of another format is rebuilt, never misread. */
export const INDEX_FORMAT = 2;
const KEEP_VERSIONS = 2;

/** What a version records about how it was built. */
export interface IndexInfo {
  format: number;
  version: string;
  builtAt: string;
  /** Embedder the vectors were made with; a different configured embedder requires re-ingest. */
  embedder: { id: string; dimensions: number } | null;
  /** The folder the documents were ingested from, so a rebuild reads the same corpus. */
  source: string;
  /** Documents listed in the manifest, loaded or not ("chưa nạp"). */
  catalog: Array<DocMeta & { loaded: boolean }>;
  files: Array<{ file: string; sha256: string; docId: string }>;
  /** Hash of everything the version was built from: an ingest with the same one has nothing to do. */
  fingerprint: string;
}

/** Build information of the current version, or undefined when nothing was ingested. */
export function currentInfo(indexDir: string): IndexInfo | undefined {
  const v = currentVersion(indexDir);
  return v ? (JSON.parse(readFileSync(path.join(indexDir, "versions", v, "info.json"), "utf8")) as IndexInfo) : undefined;
}

/**
 * The one answer to "which folder is this index built from": the source recorded in the current
 * version; `configured` (CORPUS_DIR) only when there is no index yet or that folder is gone.
 * Start-up, /reload, uploads and the index watcher all ask here.
 */
export function corpusSource(indexDir: string, configured: string): string {
  const source = currentInfo(indexDir)?.source;
  return source && existsSync(source) ? source : configured;
}

export function currentVersion(indexDir: string): string | undefined {
  const file = path.join(indexDir, CURRENT);
  if (!existsSync(file)) return undefined;
  const v = readFileSync(file, "utf8").trim();
  return v && existsSync(path.join(indexDir, "versions", v)) ? v : undefined;
}

/** Writes the pieces one after another and syncs: a large file is never one string in memory. */
function writeDurable(file: string, pieces: Iterable<string>): void {
  const fd = openSync(file, "w");
  try {
    for (const piece of pieces) {
      const bytes = Buffer.from(piece);
      // write(2) may take fewer bytes than given: go on from where it stopped.
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** `JSON.stringify(items)` (the same bytes), one item at a time. */
function* jsonArray(items: readonly unknown[]): Generator<string> {
  yield "[";
  for (let i = 0; i < items.length; i++) yield (i ? "," : "") + JSON.stringify(items[i]);
  yield "]";
}

export interface VersionContent {
  docs: ParsedDocument[];
  info: Omit<IndexInfo, "format" | "version" | "builtAt">;
  vectors?: number[][];
  /** An embedder learnt from these documents (corpus vectors): saved so questions are embedded alike. */
  learnt?: CorpusEmbeddings;
}

/** Writes a new version and makes it current. Returns the version name. */
export function writeVersion(indexDir: string, content: VersionContent): string {
  const version = `v${Date.now()}-${process.pid}`;
  const tmp = path.join(indexDir, "versions", `${version}.tmp`);
  mkdirSync(tmp, { recursive: true });
  const { blocks, passages } = listBlocks(content.docs);
  // One index in memory at a time: built, saved, let go.
  saveLexical(buildBlockIndex(content.docs, blocks), tmp, "blocks");
  saveLexical(buildPassageIndex(content.docs, blocks, passages), tmp, "passages");
  if (content.vectors && content.info.embedder) VectorIndex.build(content.vectors, content.info.embedder.dimensions).save(path.join(tmp, "vectors.hnsw"));
  content.learnt?.save(path.join(tmp, LEARNT_FILE));
  writeDurable(path.join(tmp, "docs.json"), jsonArray(content.docs));
  const info: IndexInfo = { format: INDEX_FORMAT, version, builtAt: new Date().toISOString(), ...content.info };
  writeDurable(path.join(tmp, "info.json"), [JSON.stringify(info, null, 1)]);
  const final = path.join(indexDir, "versions", version);
  renameSync(tmp, final);
  const pointer = path.join(indexDir, `${CURRENT}.tmp`);
  writeDurable(pointer, [version]);
  renameSync(pointer, path.join(indexDir, CURRENT));
  pruneVersions(indexDir, version);
  return version;
}

/** Removes old versions and leftovers of interrupted ingests, keeping the newest few. */
function pruneVersions(indexDir: string, current: string): void {
  const dir = path.join(indexDir, "versions");
  const names = readdirSync(dir).sort();
  const complete = names.filter((n) => !n.endsWith(".tmp"));
  const keep = new Set([current, ...complete.slice(-KEEP_VERSIONS)]);
  for (const n of names) if (!keep.has(n)) rmSync(path.join(dir, n), { recursive: true, force: true });
}

export interface LoadedIndex {
  index: CorpusIndex;
  info: IndexInfo;
}

export class IndexMissingError extends Error {}

/**
 * Loads the current version; throws IndexMissingError when nothing was ingested yet. `expander`
 * makes the query expander for the folder the version was ingested from (its thesaurus file).
 */
export function loadCurrent(
  indexDir: string,
  opts: { embedQuery?: (t: string) => Promise<number[]>; expander?: (source: string) => Expander | undefined } = {},
): LoadedIndex {
  const version = currentVersion(indexDir);
  if (!version) throw new IndexMissingError(`Chưa có chỉ mục trong ${indexDir} — hãy chạy: npm run ingest`);
  const dir = path.join(indexDir, "versions", version);
  const info = JSON.parse(readFileSync(path.join(dir, "info.json"), "utf8")) as IndexInfo;
  if (info.format !== INDEX_FORMAT)
    throw new IndexMissingError(`Chỉ mục trong ${indexDir} có định dạng cũ (${info.format ?? 1}, cần ${INDEX_FORMAT}) — hãy chạy: npm run ingest`);
  const docs = JSON.parse(readFileSync(path.join(dir, "docs.json"), "utf8")) as ParsedDocument[];
  const { blocks, passages } = listBlocks(docs);
  const vectorFile = path.join(dir, "vectors.hnsw");
  const vectors = info.embedder && existsSync(vectorFile) ? VectorIndex.load(vectorFile, info.embedder.dimensions) : undefined;
  // Vectors learnt from these documents embed questions with the same model.
  const learntFile = path.join(dir, LEARNT_FILE);
  const learnt = vectors && existsSync(learntFile) ? CorpusEmbeddings.load(learntFile) : undefined;
  const index = new CorpusIndex({
    docs,
    blocks,
    passages,
    blockIndex: loadLexical(dir, "blocks"),
    passageIndex: loadLexical(dir, "passages"),
    vectors,
    embedQuery: learnt ? async (t) => learnt.embed(t) : opts.embedQuery,
    expand: opts.expander?.(info.source),
  });
  return { index, info };
}

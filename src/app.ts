/** Wiring shared by every command: configuration, embedder, ingest and the engine. */
import cliProgress from "cli-progress";
import type { Config } from "./config/env.js";
import { Engine, readInfo } from "./engine/engine.js";
import { corpusSource, INDEX_FORMAT } from "./index/store.js";
import { DEFAULT_SEARCH } from "./index/corpus-index.js";
import { embedderFromConfig } from "./index/embeddings/embedder.js";
import { ingest, type IngestResult } from "./ingest/ingest.js";
import { parseLimitsFrom } from "./ingest/parse-worker.js";
import { llmFromConfig } from "./llm/from-config.js";
import { createLogger } from "./log.js";

export async function runIngest(config: Config, from: string, opts: { quiet?: boolean } = {}): Promise<IngestResult> {
  const bar = !opts.quiet && process.stderr.isTTY ? new cliProgress.SingleBar({ format: "Nạp văn bản [{bar}] {value}/{total} {file}", stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
  let started = false;
  try {
    return await ingest({
      from,
      indexDir: config.INDEX_DIR,
      embedder: embedderFromConfig(config),
      maxBytes: config.MAX_FILE_MB * 1024 * 1024,
      parseLimits: parseLimitsFrom(config),
      ocr: config.OCR ? { lang: config.OCR_LANG } : false,
      onProgress: (done, total, file) => {
        if (!bar) return;
        if (!started) bar.start(total, 0, { file });
        started = true;
        bar.update(done, { file: file.slice(-40) });
      },
      // A scan takes seconds a page: the same bar says which page OCR is on.
      onOcrPage: (file, done, total) => bar?.update({ file: `${file.slice(-30)} — OCR ${done}/${total} trang` }),
    });
  } finally {
    bar?.stop();
  }
}

/**
 * Opens the engine. With no index yet (first run) the corpus is ingested first; an index built with
 * another embedder than the configured one is rebuilt, so vectors of two models never mix.
 */
export async function openEngine(config: Config, log: (msg: string) => void = (m) => console.error(m)): Promise<Engine> {
  const embedder = embedderFromConfig(config);
  const built = readInfo(config.INDEX_DIR);
  const reason = !built
    ? `Chưa có chỉ mục trong ${config.INDEX_DIR}`
    : built.format !== INDEX_FORMAT
      ? `Chỉ mục có định dạng cũ`
      : (built.embedder?.id ?? null) !== (embedder?.id ?? null)
        ? `Chỉ mục được dựng với bộ nhúng ${built.embedder?.id ?? "không có"}, cấu hình hiện là ${embedder?.id ?? "không có"}`
        : undefined;
  if (reason) {
    // Rebuild from the folder the index was made from; the configured corpus on first run.
    const from = corpusSource(config.INDEX_DIR, config.CORPUS_DIR);
    log(`${reason}: nạp các văn bản trong ${from}…`);
    const r = await runIngest(config, from);
    const failed = r.reports.filter((f) => f.status === "failed").length;
    log(`Đã nạp ${r.reports.length - failed} tệp${failed ? `, ${failed} tệp lỗi (xem: npm run ingest)` : ""}.`);
  }
  // With LLM_MODEL (and not OFFLINE_ONLY) answers are phrased by the model and verified; else extractive.
  const llm = llmFromConfig(config, createLogger(config.LOG_LEVEL));
  // Hashing vectors measured no better than lexical search alone (README): they weigh 0 by default;
  // corpus vectors lightly (they cost ALQAC a little and did not help everyday questions: README).
  const vectorWeight = config.VECTOR_WEIGHT ?? (config.EMBEDDER === "openai" ? 0.3 : config.EMBEDDER === "corpus" ? 0.1 : 0);
  return Engine.open({
    indexDir: config.INDEX_DIR,
    // Corpus vectors embed questions with the model stored in the index (src/index/store.ts).
    embedQuery: embedder && !embedder.learn ? (t) => embedder.model.embedQuery(t) : undefined,
    search: { ...DEFAULT_SEARCH, vectorWeight },
    writer: llm?.writer,
    rewriter: llm?.rewriter,
  });
}

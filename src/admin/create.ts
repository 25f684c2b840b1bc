/**
 * The admin service as `start` runs it: uploads go to, and /reload reads, the folder the running
 * index was built from (corpusSource: an index built with `--from DIR` keeps DIR); ingests write
 * INDEX_DIR.
 */
import { AccessPolicy } from "../access/policy.js";
import type { Config } from "../config/env.js";
import type { Engine } from "../engine/engine.js";
import { embedderFromConfig } from "../index/embeddings/embedder.js";
import { ingest } from "../ingest/ingest.js";
import { parseLimitsFrom } from "../ingest/parse-worker.js";
import { corpusSource } from "../index/store.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/store.js";
import { Admin } from "./admin.js";
import { Reindexer } from "./reindex.js";

export function createAdmin(config: Config, engine: Engine, store: Store, log: Logger): Admin {
  const maxBytes = config.MAX_FILE_MB * 1024 * 1024;
  const parseLimits = parseLimitsFrom(config);
  // The same embedder as the running index (openEngine rebuilt it if the configuration changed).
  const embedder = embedderFromConfig(config);
  const reindexer = new Reindexer({
    engine,
    store,
    log,
    ingest: (onProgress) => {
      let files = { done: 0, total: 0 };
      return ingest({
        from: corpusSource(config.INDEX_DIR, config.CORPUS_DIR),
        indexDir: config.INDEX_DIR,
        embedder,
        maxBytes,
        parseLimits,
        ocr: config.OCR ? { lang: config.OCR_LANG } : false,
        onProgress: (done, total) => onProgress((files = { done, total }).done, total),
        onOcrPage: (file, done, total) => onProgress(files.done, files.total, { file, done, total }),
      });
    },
  });
  return new Admin({
    access: new AccessPolicy(config),
    engine,
    store,
    log,
    reindexer,
    // Asked at each upload: an ingest from another folder (CLI, another instance) moves it.
    get corpusDir() {
      return corpusSource(config.INDEX_DIR, config.CORPUS_DIR);
    },
    maxBytes,
    parseLimits,
    logUnanswered: config.LOG_UNANSWERED,
  });
}

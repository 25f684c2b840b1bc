/** An engine over a temporary corpus folder, built by the real ingest. */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Engine } from "../../src/engine/engine.js";
import { ingest, type IngestResult } from "../../src/ingest/ingest.js";
import { tempDir } from "./files.js";
import { REPO_ROOT } from "./shared.js";

export interface TestCorpus {
  corpusDir: string;
  indexDir: string;
  result: IngestResult;
  engine: Engine;
}

/**
 * Writes `files` (name → content) into a fresh corpus folder, optionally with the shipped guide and
 * manifest, ingests it into a fresh index and opens the engine.
 */
export async function buildCorpus(files: Record<string, string | Buffer>, opts: { withGuide?: boolean } = {}): Promise<TestCorpus> {
  const corpusDir = tempDir("hvb-corpus-");
  const indexDir = tempDir("hvb-index-");
  mkdirSync(corpusDir, { recursive: true });
  if (opts.withGuide) {
    for (const f of ["huong-dan-su-dung.md", "manifest.json"]) copyFileSync(path.join(REPO_ROOT, "corpus", f), path.join(corpusDir, f));
  }
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(corpusDir, name), content);
  const result = await ingest({ from: corpusDir, indexDir, embedder: null });
  return { corpusDir, indexDir, result, engine: Engine.open({ indexDir }) };
}

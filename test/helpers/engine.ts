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

/** The label of the first citation's unit of `type` ("dieu", "muc") when the engine answers, else undefined. */
export async function firstCited(engine: Engine, question: string, type = "dieu"): Promise<string | undefined> {
  const r = await engine.ask(question);
  return r.status === "answer" ? r.citations[0]?.path.find((p) => p.type === type)?.label : undefined;
}

/**
 * Of `cases` (question, wanted label), how many the corpus's engine cites first, how many the same
 * index does with no thesaurus, and the misses ("question → dieu 4 (want 5)") for the failure message.
 */
export async function citedFirst(c: TestCorpus, cases: Array<[string, string]>, type = "dieu"): Promise<{ hit: number; hitPlain: number; missed: string[] }> {
  const plain = Engine.open({ indexDir: c.indexDir, thesaurus: null });
  let hit = 0;
  let hitPlain = 0;
  const missed: string[] = [];
  for (const [q, wanted] of cases) {
    const got = await firstCited(c.engine, q, type);
    if (got === wanted) hit++;
    else missed.push(`${q} → ${type} ${got ?? "—"} (want ${wanted})`);
    if ((await firstCited(plain, q, type)) === wanted) hitPlain++;
  }
  return { hit, hitPlain, missed };
}

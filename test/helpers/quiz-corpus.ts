/** The invented quiz documents (test/fixtures/quiz and test/fixtures/scenario) in one corpus, ingested into a temporary index. */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Engine } from "../../src/engine/engine.js";
import { ingest } from "../../src/ingest/ingest.js";
import { REPO_ROOT } from "./shared.js";

/** Builds `dir/corpus` (both folders' files, one manifest) and `dir/index`; returns the engine. */
export async function quizCorpus(dir: string): Promise<Engine> {
  const corpus = path.join(dir, "corpus");
  await mkdir(corpus);
  const documents = [];
  for (const folder of ["quiz", "scenario"]) {
    const from = path.join(REPO_ROOT, "test/fixtures", folder);
    for (const d of JSON.parse(await readFile(path.join(from, "manifest.json"), "utf8")).documents) {
      documents.push(d);
      if (d.file) await copyFile(path.join(from, d.file), path.join(corpus, d.file));
    }
  }
  await writeFile(path.join(corpus, "manifest.json"), JSON.stringify({ documents }));
  await ingest({ from: corpus, indexDir: path.join(dir, "index"), embedder: null });
  return Engine.open({ indexDir: path.join(dir, "index") });
}

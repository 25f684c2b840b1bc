/**
 * An engine over the invented talking-points and quiz fixtures together (test/fixtures/points and
 * test/fixtures/quiz: "Chỉ thị 98-CT/TEST", "Quy định 97-QĐ/TEST", "Quy định 999-QĐ/TEST", …), built
 * by the real ingest, for the chat tests of /dancuong and /quiz. Their manifests are merged.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildCorpus, type TestCorpus } from "../helpers/engine.js";
import { REPO_ROOT } from "../helpers/shared.js";

export async function buildToolsCorpus(): Promise<TestCorpus> {
  const files: Record<string, string> = {};
  const documents: object[] = [];
  for (const set of ["points", "quiz"]) {
    const dir = path.join(REPO_ROOT, "test/fixtures", set);
    for (const name of readdirSync(dir)) {
      const text = readFileSync(path.join(dir, name), "utf8");
      if (name === "manifest.json") documents.push(...(JSON.parse(text) as { documents: object[] }).documents);
      else files[name] = text;
    }
  }
  files["manifest.json"] = JSON.stringify({ documents });
  const corpus = await buildCorpus(files);
  const failed = corpus.result.reports.filter((r) => r.status === "failed");
  if (failed.length) throw new Error(`ingest failed: ${failed.map((f) => f.error).join("; ")}`);
  return corpus;
}

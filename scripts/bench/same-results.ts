/**
 * Whether this code answers exactly as another checkout does (e.g. `git archive <commit>` unpacked,
 * with node_modules linked), for work meant to change speed only: both engines over the same
 * index in one process, every question of ALQAC 2022 (also without tone marks, and asked as
 * statements, choices and stories), the everyday sets and the other-domain sets through `ask`,
 * `searchBlocks` and `explain`; ranked ids, scores, quotes, answers, status and explanations are
 * compared as JSON (numbers exactly). Prints the number of differences and the first few.
 * `npx tsx scripts/bench/same-results.ts OTHER_ROOT INDEX_DIR`
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Engine } from "../../src/engine/engine.js";
import type { Citation } from "../../src/model/citation.js";
import { readQuestions } from "../../src/cli/eval.js";
import { foldKey } from "../../src/text/normalize.js";
import { askedForms } from "./split.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SHARED = process.env.HVB_SHARED_DIR ?? path.resolve(ROOT, "../shared");
const [otherRoot, indexDir] = process.argv.slice(2);
const other = (await import(pathToFileURL(path.resolve(otherRoot, "src/engine/engine.ts")).href)) as { Engine: typeof Engine };
const engines = [Engine.open({ indexDir }), other.Engine.open({ indexDir })];

const alqac = readQuestions(path.join(SHARED, "bench/alqac2022/questions.jsonl"));
const questions = [...alqac.map((q) => q.question), ...alqac.map((q) => foldKey(q.question)), ...askedForms(alqac)];
for (const file of [path.join(ROOT, "bench/colloquial-dev.jsonl"), path.join(SHARED, "bench/colloquial/questions.jsonl")])
  if (existsSync(file)) questions.push(...readQuestions(file).map((q) => q.question));
for (const file of ["offtopic-questions.txt", "other-domain-questions.txt", "other-domain-questions-2.txt"]) {
  const p = path.join(ROOT, "bench", file);
  if (existsSync(p)) questions.push(...readFileSync(p, "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#")));
}

const cite = (c: Citation) => ({ doc: c.doc.id, unit: c.unit, score: c.score, quote: c.quote, leadIn: c.leadIn, path: c.path });
/** Everything a question yields that a user or a caller can see, as one string. */
async function results(engine: Engine, q: string): Promise<string> {
  const r = await engine.ask(q);
  const blocks = await engine.searchBlocks(q);
  return JSON.stringify({
    ask: { status: r.status, reason: r.reason, answer: r.answer, citations: r.citations.map(cite), related: r.related.map(cite), focus: r.focus, warnings: r.warnings },
    blocks: blocks.map((b) => ({ ...cite(b.citation), sentence: b.sentence, block: b.block, coverage: b.coverage })),
    explain: await engine.explain(q),
  });
}

let differ = 0;
for (const q of questions) {
  const [ours, theirs] = [await results(engines[0], q), await results(engines[1], q)];
  if (ours === theirs) continue;
  if (++differ <= 5) console.log(`differs: ${q}\n  ours:   ${ours.slice(0, 400)}\n  theirs: ${theirs.slice(0, 400)}`);
}
console.log(`${questions.length} questions, ${differ} with different results`);

/**
 * Query cost of the thesaurus, for `farm-bench` (CPU time of the whole process, paired runs):
 * asks every ALQAC and colloquial question 3 times over an index built beforehand in INDEX.
 * THESAURUS=0 asks without the thesaurus. `npx tsx scripts/bench/latency-colloquial.ts` with
 * INDEX=dir (ingest the ALQAC corpus there first).
 */
import path from "node:path";
import { Engine } from "../../src/engine/engine.js";
import { readQuestions } from "../../src/cli/eval.js";

const shared = process.env.HVB_SHARED_DIR ?? path.resolve(import.meta.dirname, "../../../shared");
const questions = [
  ...readQuestions(path.join(shared, "bench/alqac2022/questions.jsonl")),
  ...readQuestions(path.join(shared, "bench/colloquial/questions.jsonl")),
].map((q) => q.question);
const engine = Engine.open({ indexDir: process.env.INDEX!, ...(process.env.THESAURUS === "0" && { thesaurus: null }) });
for (let round = 0; round < 3; round++) for (const q of questions) await engine.ask(q);

/**
 * Query latency of this code beside another checkout's (e.g. `git archive <commit>` unpacked,
 * with node_modules linked), both over the same index in one process, the questions asked of each
 * in alternating order: load on a shared machine falls on both alike. Questions are article
 * headings (every 40th article), as in the bench's "at scale" section, or those of a questions file
 * (e.g. ALQAC's). Besides wall time, the process's CPU time during each question: on a loaded
 * machine it moves far less than wall time does.
 * `npx tsx scripts/bench/latency-ab.ts OTHER_ROOT INDEX_DIR [QUESTIONS.jsonl]`
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Engine } from "../../src/engine/engine.js";
import { percentile, readQuestions } from "../../src/cli/eval.js";

const [otherRoot, indexDir, questionsFile] = process.argv.slice(2);
const other = (await import(pathToFileURL(path.resolve(otherRoot, "src/engine/engine.ts")).href)) as { Engine: typeof Engine };
const engines = { ours: Engine.open({ indexDir }), other: other.Engine.open({ indexDir }) };
const questions: string[] = [];
if (questionsFile) questions.push(...readQuestions(questionsFile).map((q) => q.question));
else {
  let i = 0;
  for (const doc of engines.ours.docs()) for (const u of doc.units) if (u.type === "dieu" && u.heading && i++ % 40 === 0) questions.push(u.heading);
}
for (const q of questions.slice(0, 40)) for (const e of Object.values(engines)) await e.ask(q); // warm-up
const wall = { ours: [] as number[], other: [] as number[] };
const cpu = { ours: [] as number[], other: [] as number[] };
for (let round = 0; round < 3; round++)
  for (const [k, q] of questions.entries()) {
    const order = (k + round) % 2 ? (["ours", "other"] as const) : (["other", "ours"] as const);
    for (const name of order) {
      const c = process.cpuUsage();
      const t = performance.now();
      await engines[name].ask(q);
      wall[name].push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu[name].push((used.user + used.system) / 1000);
    }
  }
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
for (const name of ["ours", "other"] as const)
  console.log(
    `${name}: ${questions.length} questions × 3, p50 ${percentile(wall[name], 50).toFixed(2)} ms, p95 ${percentile(wall[name], 95).toFixed(2)} ms; ` +
      `CPU per question p50 ${percentile(cpu[name], 50).toFixed(2)} ms, mean ${mean(cpu[name]).toFixed(2)} ms`,
  );

/**
 * Query latency of this code beside another checkout's (e.g. `git archive <commit>` unpacked,
 * with node_modules linked), both over the same index in one process, the questions asked of each
 * in alternating order: load on a shared machine falls on both alike. Questions are article
 * headings (every 40th article), as in the bench's "at scale" section.
 * `npx tsx scripts/bench/latency-ab.ts OTHER_ROOT INDEX_DIR`
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Engine } from "../../src/engine/engine.js";
import { percentile } from "../../src/cli/eval.js";

const [otherRoot, indexDir] = process.argv.slice(2);
const other = (await import(pathToFileURL(path.resolve(otherRoot, "src/engine/engine.ts")).href)) as { Engine: typeof Engine };
const engines = { ours: Engine.open({ indexDir }), other: other.Engine.open({ indexDir }) };
const questions: string[] = [];
let i = 0;
for (const doc of engines.ours.docs()) for (const u of doc.units) if (u.type === "dieu" && u.heading && i++ % 40 === 0) questions.push(u.heading);
for (const q of questions.slice(0, 40)) for (const e of Object.values(engines)) await e.ask(q); // warm-up
const times = { ours: [] as number[], other: [] as number[] };
for (let round = 0; round < 3; round++)
  for (const [k, q] of questions.entries()) {
    const order = (k + round) % 2 ? (["ours", "other"] as const) : (["other", "ours"] as const);
    for (const name of order) {
      const t = performance.now();
      await engines[name].ask(q);
      times[name].push(performance.now() - t);
    }
  }
for (const name of ["ours", "other"] as const)
  console.log(`${name}: ${questions.length} questions × 3, p50 ${percentile(times[name], 50).toFixed(2)} ms, p95 ${percentile(times[name], 95).toFixed(2)} ms`);

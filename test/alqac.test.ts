/**
 * Retrieval quality guard on the real ALQAC 2022 benchmark (skipped without ../shared): the
 * targets of the engine issue, measured exactly as `npm run eval` measures them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Engine } from "../src/engine/engine.js";
import { ingest } from "../src/ingest/ingest.js";
import { evaluate, readQuestions } from "../src/cli/eval.js";
import { tempDir } from "./helpers/files.js";
import { REPO_ROOT, sharedPath } from "./helpers/shared.js";

const alqac = sharedPath("bench", "alqac2022");

describe.skipIf(!alqac)("ALQAC 2022 retrieval", () => {
  it("meets the targets and refuses plainly off-topic questions", async () => {
    const indexDir = tempDir();
    await ingest({ from: path.join(alqac!, "corpus"), indexDir, embedder: null });
    const engine = Engine.open({ indexDir });
    const f = await evaluate(engine, readQuestions(path.join(alqac!, "questions.jsonl")));
    expect(f.n).toBe(520);
    expect(f.mrr10).toBeGreaterThanOrEqual(0.95);
    expect(f.r1).toBeGreaterThanOrEqual(0.93);
    expect(f.r5).toBeGreaterThanOrEqual(0.98);

    const offtopic = readFileSync(path.join(REPO_ROOT, "bench/offtopic-questions.txt"), "utf8").split("\n").filter((l) => l.trim());
    let answered = 0;
    for (const q of offtopic) if ((await engine.ask(q)).status === "answer") answered++;
    expect(answered / offtopic.length).toBeLessThanOrEqual(0.1);
  });
});

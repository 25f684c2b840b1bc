/**
 * Quality guard on members' own words (../shared/bench/colloquial, skipped when absent): everyday
 * questions over the ALQAC 2022 codes reach the right article through the thesaurus, and are not
 * refused, while the same engine without the thesaurus misses them. The set is held out: no
 * constant was chosen on it.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Engine } from "../src/engine/engine.js";
import { ingest } from "../src/ingest/ingest.js";
import { evaluate, readQuestions } from "../src/cli/eval.js";
import { tempDir } from "./helpers/files.js";
import { sharedPath } from "./helpers/shared.js";

const alqac = sharedPath("bench", "alqac2022");
const colloquial = sharedPath("bench", "colloquial", "questions.jsonl");

describe.skipIf(!alqac || !colloquial)("everyday questions (colloquial set)", () => {
  it("reach the right article and are answered, far better than without the thesaurus", async () => {
    const indexDir = tempDir();
    await ingest({ from: path.join(alqac!, "corpus"), indexDir, embedder: null });
    const questions = readQuestions(colloquial!);
    const engine = Engine.open({ indexDir });
    const f = await evaluate(engine, questions);
    let refused = 0;
    for (const q of questions) if ((await engine.ask(q.question)).status === "not_found") refused++;
    expect(f.n).toBe(24);
    expect(f.r1 * f.n).toBeGreaterThanOrEqual(11);
    expect(f.r5 * f.n).toBeGreaterThanOrEqual(19);
    expect(refused).toBeLessThanOrEqual(2);

    const plain = await evaluate(Engine.open({ indexDir, thesaurus: null }), questions);
    expect(f.r5 - plain.r5).toBeGreaterThanOrEqual(6 / 24);
  });
});

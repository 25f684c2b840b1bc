/**
 * The promise of every answer, as a property over all real questions in ../shared, each asked in four
 * forms (as written, without tone marks, with chat markup, in capitals): every quote is a verbatim
 * substring of the unit it cites, every lead-in a substring of an enclosing unit, every extractive
 * answer sentence is contained in each unit it is credited to — and the engine's own guard never
 * had to drop anything (a drop would mean a wrong citation was about to be shown).
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../src/engine/engine.js";
import { citationViolations, enforceCitations } from "../src/engine/invariants.js";
import type { Citation } from "../src/model/citation.js";
import { ingest } from "../src/ingest/ingest.js";
import { readQuestions } from "../src/cli/eval.js";
import { unitFullText, unitPath } from "../src/model/document.js";
import type { AskResult } from "../src/engine/types.js";
import { foldDiacritics } from "../src/text/normalize.js";
import { tempDir } from "./helpers/files.js";
import { sharedPath } from "./helpers/shared.js";

const alqac = sharedPath("bench", "alqac2022");
const colloquial = sharedPath("bench", "colloquial", "questions.jsonl");

const FORMS: Array<[string, (q: string) => string]> = [
  ["as written", (q) => q],
  ["without tone marks", (q) => foldDiacritics(q)],
  ["with markup", (q) => `<b>${q.split(" ").slice(0, 2).join(" ")}</b> **${q.split(" ").slice(2).join(" ")}** 🙏`],
  ["in capitals", (q) => q.toLocaleUpperCase("vi")],
];

/** Every broken promise in one result, described. */
function violations(engine: Engine, r: AskResult): string[] {
  const out: string[] = [];
  const byId = new Map(engine.docs().map((d) => [d.meta.id, d]));
  const check = (c: AskResult["citations"][number], where: string) => {
    const doc = byId.get(c.doc.id)!;
    const text = unitFullText(doc, c.unit);
    if (!text.includes(c.quote)) out.push(`${where}: quote not in ${c.unitId}: «${c.quote.slice(0, 80)}»`);
    if (c.leadIn && !unitPath(doc, c.unit).slice(0, -1).some((u) => u.text.includes(c.leadIn!) || u.heading?.includes(c.leadIn!))) out.push(`${where}: lead-in not in an enclosing unit of ${c.unitId}`);
  };
  r.citations.forEach((c, i) => check(c, `citation ${i}`));
  r.related.forEach((c, i) => check(c, `related ${i}`));
  for (const s of r.answer)
    for (const i of s.citations) {
      const c = r.citations[i];
      if (!unitFullText(byId.get(c.doc.id)!, c.unit).includes(s.text)) out.push(`answer sentence credited to ${c.unitId} it is not in: «${s.text.slice(0, 80)}»`);
    }
  return out;
}

describe.skipIf(!alqac)("no wrong citation, on every question set in ../shared, in four forms", () => {
  let engine: Engine;
  beforeAll(async () => {
    const indexDir = tempDir();
    await ingest({ from: path.join(alqac!, "corpus"), indexDir, embedder: null });
    engine = Engine.open({ indexDir });
  });

  it("holds for every question", async () => {
    const questions = [...readQuestions(path.join(alqac!, "questions.jsonl")), ...(colloquial ? readQuestions(colloquial) : [])];
    const before = citationViolations();
    const broken: string[] = [];
    let answered = 0;
    for (const q of questions)
      for (const [form, make] of FORMS) {
        const r = await engine.ask(make(q.question));
        if (r.status === "answer") answered++;
        for (const v of violations(engine, r)) broken.push(`${q.id} (${form}): ${v}`);
      }
    expect(broken.slice(0, 10)).toEqual([]);
    expect(citationViolations() - before).toBe(0);
    // The property is about answers: most questions must have been answered for it to mean anything.
    expect(answered).toBeGreaterThan(questions.length * FORMS.length * 0.9);
  });

  it("answers a question with markup exactly as the same words without it", async () => {
    const plain = await engine.ask("viên chức không được làm gì");
    const marked = await engine.ask("<i>viên chức</i> **không được** làm `gì` 🤔");
    expect(marked.citations.map((c) => c.unitId)).toEqual(plain.citations.map((c) => c.unitId));
  });
});

describe("the guard where results leave the engine", () => {
  const doc = { id: "qc-mau", kind: "Quy chế", title: "mẫu (hư cấu)", status: "in_force" as const };
  const cite = (unit: number, quote: string, leadIn?: string): Citation => ({ doc, path: [], unit, unitId: `u-${unit}`, quote, score: 1, ...(leadIn && { leadIn }) });
  const units = ["Cây non được tưới hai lần mỗi ngày.", "Cây già được tưới một lần mỗi ngày."];
  const source = { unit: (c: Citation) => units[c.unit], context: () => "Lịch tưới cây gồm:" };

  it("keeps only the citations whose unit holds the sentence credited to them, and counts the rest", () => {
    const before = citationViolations();
    const r = enforceCitations(
      {
        answer: [{ text: "Cây non được tưới hai lần mỗi ngày.", citations: [0, 1] }],
        citations: [cite(0, "Cây non được tưới hai lần mỗi ngày.", "Lịch tưới cây gồm:"), cite(1, "Cây già được tưới một lần mỗi ngày.")],
        related: [],
      },
      source,
    );
    // Only the sentence's second citation is wrong: nothing else changes, and it must still go.
    expect(r.answer).toEqual([{ text: "Cây non được tưới hai lần mỗi ngày.", citations: [0] }]);
    expect(r.citations.map((c) => c.unit)).toEqual([0, 1]);
    expect(citationViolations() - before).toBe(1);
    const related = enforceCitations({ answer: [], citations: [], related: [cite(1, "Cây non được tưới ba lần.")] }, source);
    expect(related.related).toEqual([]);
  });

  it("drops a quote or a lead-in its unit does not hold, renumbering what stays", () => {
    const r = enforceCitations(
      {
        answer: [{ text: "Cây già được tưới một lần mỗi ngày.", citations: [1] }],
        citations: [cite(0, "Cây non được tưới ba lần."), cite(1, "Cây già được tưới một lần mỗi ngày.", "Không có câu dẫn này:")],
        related: [],
      },
      { ...source, context: () => "Lịch tưới cây gồm:" },
    );
    expect(r.citations).toEqual([]);
    expect(r.answer).toEqual([]);
  });
});

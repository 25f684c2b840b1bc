/**
 * Quiz generation on invented documents (test/fixtures/quiz: a regulation, a guideline and a
 * directive, all plainly marked as fake) whose facts are known: time limits, amounts, percentages,
 * a date of effect, the four grading levels, responsible bodies, a list of conditions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Engine } from "../src/engine/engine.js";
import { ingest } from "../src/ingest/ingest.js";
import { generateQuiz, KAHOOT_LIMITS, parseQuizRequest, QuizError, verifyQuestion, type QuizDraft, type QuizQuestion, type QuizWriter } from "../src/quiz/index.js";
import { LEVELS } from "../src/quiz/facts.js";
import { comparable, quantities, stated } from "../src/quiz/compare.js";
import { parseQuizReply } from "../src/quiz/llm.js";
import { REPO_ROOT } from "./helpers/shared.js";
import { blocksOf, checkQuiz } from "./quiz-check.js";

const FIXTURES = path.join(REPO_ROOT, "test/fixtures/quiz");
let dir = "";
let engine: Engine;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "hvb-quiz-"));
  await ingest({ from: FIXTURES, indexDir: path.join(dir, "index"), embedder: null });
  engine = Engine.open({ indexDir: path.join(dir, "index") });
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Every question of many seeds, to look for one that breaks a rule. */
async function manySeeds(docIds: string[], count = 20): Promise<QuizQuestion[][]> {
  const out: QuizQuestion[][] = [];
  for (let seed = 1; seed <= 12; seed++) out.push(await generateQuiz(engine, { docIds, count, seed }));
  return out;
}

describe("quiz on synthetic documents", () => {
  it("keeps every invariant over many seeds, for each document and for all together", async () => {
    for (const docIds of [["qd-999-test"], ["hd-998-test"], ["ct-997-test"], ["qd-999-test", "hd-998-test", "ct-997-test"]]) {
      for (const quiz of await manySeeds(docIds)) {
        expect(quiz.length, docIds.join()).toBeGreaterThanOrEqual(docIds.length > 1 ? 20 : 5);
        checkQuiz(engine, quiz);
        for (const q of quiz) expect(docIds).toContain(q.citation.doc.id);
      }
    }
  });

  it("asks about each kind of fact, taking distractors of the same kind", async () => {
    const all = (await manySeeds(["qd-999-test"])).flat();
    const kinds = new Set(all.map((q) => q.fact));
    for (const k of ["duration", "percent", "money", "date", "level", "body", "list-item"] as const) expect(kinds, k).toContain(k);
    for (const q of all.filter((x) => x.kind === "mcq")) {
      if (q.fact === "level") for (const o of q.options) expect(LEVELS).toContain(o.toLowerCase());
      if (q.fact === "duration") for (const o of q.options) expect(quantities(comparable(o))[0]?.unit, o).toBe("days");
      if (q.fact === "percent") for (const o of q.options) expect(o).toMatch(/^\d+(?:,\d+)?%$/);
      if (q.fact === "money") for (const o of q.options) expect(o).toMatch(/đồng$/);
      if (q.fact === "date") for (const o of q.options) expect(o).toMatch(/^\d{1,2} tháng \d{1,2} năm \d{4}$/);
    }
  });

  it("grading levels: the other three levels are the distractors, never the level of the sentence", async () => {
    const levels = (await manySeeds(["qd-999-test"])).flat().filter((q) => q.fact === "level" && q.kind === "mcq");
    expect(levels.length).toBeGreaterThan(0);
    for (const q of levels) {
      expect(q.options.map((o) => o.toLowerCase()).sort()).toEqual([...LEVELS].sort());
      expect(q.stem).toContain("……");
    }
  });

  it("never offers a number the unit states in words: «mười lăm ngày» rules out 15 ngày", async () => {
    const all = (await manySeeds(["qd-999-test", "hd-998-test"], 30)).flat();
    const reassessment = all.filter((q) => q.quote.startsWith("Thời hạn thẩm định lại hồ sơ mẫu"));
    expect(reassessment.length).toBeGreaterThan(0);
    for (const q of reassessment) {
      for (const o of q.kind === "mcq" ? q.options : [q.swapped ?? ""]) expect(comparable(o)).not.toMatch(/^15 ngay/);
    }
  });

  it("spreads questions over the articles and sections (round-robin)", async () => {
    const quiz = await generateQuiz(engine, { docIds: ["qd-999-test"], count: 6, seed: 3 });
    expect(quiz).toHaveLength(6);
    expect(new Set(blocksOf(quiz)).size).toBe(6);
  });

  it("is reproducible from its seed and differs with another", async () => {
    const a = await generateQuiz(engine, { docIds: ["qd-999-test"], count: 8, seed: "lop-1" });
    const b = await generateQuiz(engine, { docIds: ["qd-999-test"], count: 8, seed: "lop-1" });
    const c = await generateQuiz(engine, { docIds: ["qd-999-test"], count: 8, seed: "lop-2" });
    expect(b).toEqual(a);
    expect(c.map((q) => q.id)).not.toEqual(a.map((q) => q.id));
  });

  it("true/false only: half true, half false, false ones with a same-type fact swapped in", async () => {
    const quiz = await generateQuiz(engine, { docIds: ["qd-999-test", "hd-998-test"], count: 10, kinds: ["truefalse"], seed: 4 });
    expect(quiz.length).toBe(10);
    checkQuiz(engine, quiz);
    expect(quiz.filter((q) => q.correct === 0)).toHaveLength(5);
    for (const q of quiz.filter((x) => x.correct === 1)) {
      expect(stated(comparable(q.stem), q.swapped!)).toBe(true);
      expect(q.explanation).toContain(`văn bản ghi: ${q.answer}`);
    }
  });

  it("fits Kahoot's tighter limits when asked", async () => {
    const quiz = await generateQuiz(engine, { docIds: ["qd-999-test", "hd-998-test"], count: 15, seed: 5, limits: KAHOOT_LIMITS });
    expect(quiz.length).toBeGreaterThan(5);
    checkQuiz(engine, quiz, KAHOOT_LIMITS);
  });

  it("a topic keeps to the matching articles; a part keeps to its unit", async () => {
    const topic = await generateQuiz(engine, { topic: "xếp loại đơn vị thử nghiệm", count: 4, seed: 1 });
    expect(topic.length).toBeGreaterThan(0);
    checkQuiz(engine, topic);
    for (const q of topic) expect(`${q.citation.doc.id}#${q.citation.unitId}`).toMatch(/^qd-999-test#dieu-6/);
    const part = await generateQuiz(engine, { docIds: ["qd-999-test"], part: "dieu-2", count: 5, seed: 1 });
    expect(part.length).toBeGreaterThan(0);
    for (const q of part) expect(q.citation.unitId).toMatch(/^dieu-2(\/|$)/);
  });

  it("explains clearly what it cannot do", async () => {
    await expect(generateQuiz(engine, { docIds: ["khong-co"], count: 5 })).rejects.toThrow(/Không có văn bản mã "khong-co".*qd-999-test/);
    await expect(generateQuiz(engine, { docIds: ["kl-996-test"], count: 5 })).rejects.toThrow(/chưa được nạp toàn văn/);
    await expect(generateQuiz(engine, { docIds: ["qd-999-test"], count: 0 })).rejects.toThrow(QuizError);
    await expect(generateQuiz(engine, { docIds: ["qd-999-test"], count: 201 })).rejects.toThrow(/từ 1 đến 200/);
    await expect(generateQuiz(engine, { topic: "tàu vũ trụ sao hỏa", count: 3 })).rejects.toThrow(/^Không đủ căn cứ trong văn bản đã nạp/);
    await expect(generateQuiz(engine, { docIds: ["qd-999-test"], part: "dieu-99", count: 3 })).rejects.toThrow(/Không có phần "dieu-99"/);
    await expect(generateQuiz(engine, { docIds: ["qd-999-test"], part: "dieu-2", topic: "thời hạn", count: 3 })).rejects.toThrow(/không chọn cả hai/);
  });
});

describe("verifyQuestion", () => {
  async function sample(): Promise<QuizQuestion> {
    const quiz = await generateQuiz(engine, { docIds: ["qd-999-test"], count: 10, kinds: ["mcq"], seed: 2 });
    return quiz.find((q) => q.fact === "duration")!;
  }

  it("accepts a generated question and rejects each way of breaking one", async () => {
    const q = await sample();
    expect(verifyQuestion(engine, q).ok).toBe(true);
    const wrong = q.options.findIndex((_, i) => i !== q.correct);
    const bad = (patch: Partial<QuizQuestion>) => verifyQuestion(engine, { ...q, ...patch }).problems.join("; ");
    // A distractor equal to the answer in other words, and one the unit itself states.
    const paraphrase = q.answer.replace(/ làm việc$/, "") === q.answer ? `${q.answer} làm việc` : q.answer.replace(/ làm việc$/, "");
    expect(bad({ options: q.options.map((o, i) => (i === wrong ? paraphrase : o)) })).toMatch(/equals or paraphrases/);
    const inUnit = q.quote.replace(q.answer, "").split(/[,.;]/)[0].trim().split(" ").slice(0, 3).join(" ");
    expect(bad({ options: q.options.map((o, i) => (i === wrong ? inUnit : o)) })).toMatch(/stated in the cited unit/);
    // A correct option the unit does not state, a stem giving the answer away, a stem too long.
    expect(bad({ options: q.options.map((o, i) => (i === q.correct ? "99 ngày" : o)), answer: "99 ngày" })).toMatch(/not found in the cited unit/);
    expect(bad({ stem: `${q.stem} (${q.answer})` })).toMatch(/visible in the stem/);
    expect(bad({ stem: "x".repeat(301) })).toMatch(/stem length/);
    expect(bad({ explanation: "a\nb\nc\nd" })).toMatch(/line breaks/);
    expect(bad({ citation: { ...q.citation, unitId: "dieu-77" } })).toMatch(/not found/);
  });
});

describe("QuizWriter seam (an LLM's drafts)", () => {
  /** A writer that proposes one good question and two bad ones for the unit it is given. */
  const writer: QuizWriter = {
    async draft(source) {
      const unit = source.units.find((u) => u.text.includes("12 ngày làm việc"));
      if (!unit) return [];
      const base = { kind: "mcq" as const, docId: source.docId, unitId: unit.unitId, quote: unit.text, correct: 0 };
      const drafts: QuizDraft[] = [
        { ...base, stem: "Sở Tư pháp thẩm định hồ sơ mẫu và gửi ý kiến trong bao lâu?", options: ["20 ngày", "12 ngày làm việc", "36 tháng", "45 ngày"] },
        { ...base, stem: "Sở Tư pháp phải gửi ý kiến trong bao lâu?", options: ["12 ngày làm việc", "10 ngày", "7 ngày", "5 ngày"], unitId: "dieu-4/khoan-1" },
        { ...base, stem: "Sở Tư pháp thẩm định hồ sơ mẫu trong bao lâu kể từ khi nhận đủ hồ sơ?", options: ["12 ngày làm việc", "30 ngày", "24 tháng", "60 ngày"] },
        { ...base, stem: "Sở Tư pháp thẩm định trong bao lâu?", options: ["12 ngày làm việc", "30 ngày", "24 tháng", "Sở Tư pháp"] },
      ];
      return drafts;
    },
  };

  it("reads a model's JSON reply (in a code fence) into drafts, and rejects other shapes", () => {
    const reply = '```json\n{"questions": [{"kind": "mcq", "unit": "dieu-2/khoan-1", "stem": "Bao lâu?", "options": ["12 ngày làm việc", "30 ngày", "24 tháng", "60 ngày"], "correct": 0, "quote": "x"}]}\n```';
    expect(parseQuizReply(reply, "qd-999-test")).toEqual([
      { kind: "mcq", docId: "qd-999-test", unitId: "dieu-2/khoan-1", stem: "Bao lâu?", options: ["12 ngày làm việc", "30 ngày", "24 tháng", "60 ngày"], correct: 0, quote: "x" },
    ]);
    expect(() => parseQuizReply('{"answer": 1}', "qd-999-test")).toThrow(/unexpected JSON shape/);
    expect(() => parseQuizReply("không có", "qd-999-test")).toThrow(/no JSON object/);
    // Cut off by the token limit after a complete first question: malformed, never half-read.
    const cut = '{"questions": [{"kind": "mcq", "unit": "dieu-2/khoan-1", "stem": "Bao lâu?", "options": ["a", "b", "c", "d"], "correct": 0, "quote": "x"}, {"kind": "mcq", "stem": "Ai {';
    expect(() => parseQuizReply(cut, "qd-999-test")).toThrow(expect.objectContaining({ fault: "malformed_output" }));
    // A remark with a brace after the JSON does not spoil it.
    expect(parseQuizReply(`${reply.replace(/```/g, "")}\nGhi chú: {hết}`, "qd-999-test")).toHaveLength(1);
  });

  it("keeps only drafts that name a given unit and pass verification; the rest is offline", async () => {
    const quiz = await generateQuiz(engine, { docIds: ["qd-999-test"], part: "dieu-2", count: 3, kinds: ["mcq"], seed: 1, writer });
    checkQuiz(engine, quiz.filter((q) => q.fact !== "written"));
    const written = quiz.filter((q) => q.fact === "written");
    // Rejected: a correct option the unit does not state ("20 ngày"), a unit the writer was not given,
    // a distractor the unit states ("Sở Tư pháp"). Kept: the third draft.
    expect(written).toHaveLength(1);
    expect(written[0].stem).toBe("Sở Tư pháp thẩm định hồ sơ mẫu trong bao lâu kể từ khi nhận đủ hồ sơ?");
    expect(written[0].options[written[0].correct]).toBe("12 ngày làm việc");
    expect(written[0].citation.unitId).toBe("dieu-2/khoan-1");
    expect(verifyQuestion(engine, written[0]).ok).toBe(true);
    expect(quiz.length).toBe(3);
  });
});

describe("/quiz in chat: what was asked for", () => {
  it("reads a document name, a topic and a count", () => {
    expect(parseQuizRequest(engine, "Quy định 999 10")).toEqual({ docIds: ["qd-999-test"], topic: undefined, count: 10 });
    expect(parseQuizRequest(engine, "QĐ 999 về xếp loại đơn vị 5 câu")).toEqual({ docIds: ["qd-999-test"], topic: "xếp loại đơn vị", count: 5 });
    expect(parseQuizRequest(engine, "thời hạn chấm điểm")).toEqual({ docIds: undefined, topic: "thời hạn chấm điểm", count: 10 });
    expect(parseQuizRequest(engine, "Chỉ thị 997 40")).toEqual({ error: "Số câu phải từ 1 đến 30." });
    expect(parseQuizRequest(engine, "  ")).toMatchObject({ error: expect.stringMatching(/Hãy nêu văn bản hoặc chủ đề/) });
  });
});

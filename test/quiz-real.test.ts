/**
 * Quizzes on real legal texts from ../shared/corpora/vn-legal-texts (Luật Quốc tịch Việt Nam 2008,
 * Luật Bảo vệ quyền lợi người tiêu dùng 2010, Nghị định 19/2019/NĐ-CP): every invariant holds on
 * real, messy text (editorial notes in brackets, near-identical sentences across articles), the
 * questions spread over the articles, and distractors never fill a slot the text fills elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Engine } from "../src/engine/engine.js";
import { ingest } from "../src/ingest/ingest.js";
import { comparable, stated } from "../src/quiz/compare.js";
import { generateQuiz, KAHOOT_LIMITS } from "../src/quiz/index.js";
import { sharedPath } from "./helpers/shared.js";
import { blocksOf, checkQuiz } from "./quiz-check.js";

const SOURCE = sharedPath("corpora", "vn-legal-texts", "dan_su");
const FILES = ["Luật_Quốc_tịch_Việt_Nam_2008.txt", "Luật_bảo_vệ_quyền_lợi_người_tiêu_dùng_2010.txt", "Nghị_định_19_2019_NĐ-CP.txt"];
const [QT, BVNTD, ND19] = FILES.map((f) => f.replace(/\.txt$/, ""));
let dir = "";
let engine: Engine;

beforeAll(async () => {
  if (!SOURCE) return;
  dir = await mkdtemp(path.join(os.tmpdir(), "hvb-quiz-real-"));
  const corpus = path.join(dir, "corpus");
  await mkdir(corpus);
  for (const f of FILES) await copyFile(path.join(SOURCE, f), path.join(corpus, f));
  await ingest({ from: corpus, indexDir: path.join(dir, "index"), embedder: null });
  engine = Engine.open({ indexDir: path.join(dir, "index") });
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!SOURCE)("quiz on real legal texts", () => {
  it("20 questions from the nationality law, over several seeds: every invariant, one question per article", async () => {
    for (const seed of [1, 2, 3, 4]) {
      const quiz = await generateQuiz(engine, { docIds: [QT], count: 20, seed });
      expect(quiz, `seed ${seed}`).toHaveLength(20);
      checkQuiz(engine, quiz);
      // Spread: no article asked twice before every article that can be asked was asked once.
      const perArticle = new Map<string, number>();
      for (const b of blocksOf(quiz)) perArticle.set(b, (perArticle.get(b) ?? 0) + 1);
      expect(perArticle.size, "spread over articles").toBeGreaterThanOrEqual(15);
      expect(Math.max(...perArticle.values())).toBeLessThanOrEqual(2);
      const tf = quiz.filter((q) => q.kind === "truefalse").length;
      expect(tf).toBeGreaterThanOrEqual(3);
      expect(tf).toBeLessThanOrEqual(5);
    }
  });

  it("a law with fewer hard facts (consumer protection) still gives a sound, spread quiz", async () => {
    for (const seed of [1, 2, 3, 4]) {
      const quiz = await generateQuiz(engine, { docIds: [BVNTD], count: 20, seed });
      // Whole sentences naming the law, distractors from the same law: fewer, but usable as they are.
      expect(quiz.length, `seed ${seed}`).toBeGreaterThanOrEqual(10);
      checkQuiz(engine, quiz);
      const perArticle = new Map<string, number>();
      for (const b of blocksOf(quiz)) perArticle.set(b, (perArticle.get(b) ?? 0) + 1);
      expect(Math.max(...perArticle.values()), "at most one round more than the rest").toBeLessThanOrEqual(2);
      // Lists are the easier questions: at most a third of the quiz.
      expect(quiz.filter((q) => q.fact === "list-item").length).toBeLessThanOrEqual(7);
    }
  });

  it("a short decree gives what it can, and a quiz over three documents draws from each", async () => {
    const nd = await generateQuiz(engine, { docIds: [ND19], count: 20, seed: 1 });
    expect(nd.length).toBeGreaterThanOrEqual(5);
    checkQuiz(engine, nd);
    const all = await generateQuiz(engine, { docIds: [QT, BVNTD, ND19], count: 30, seed: 1 });
    expect(all).toHaveLength(30);
    checkQuiz(engine, all);
    for (const id of [QT, BVNTD, ND19]) expect(all.filter((q) => q.citation.doc.id === id).length, id).toBeGreaterThanOrEqual(5);
  });

  it("Kahoot's limits hold on real sentences too", async () => {
    const quiz = await generateQuiz(engine, { docIds: [QT], count: 15, seed: 1, limits: KAHOOT_LIMITS });
    // Whole sentences only, never cut: fewer fit 120 characters than Telegram's 300.
    expect(quiz.length).toBeGreaterThanOrEqual(5);
    checkQuiz(engine, quiz, KAHOOT_LIMITS);
  });

  it("the same sentence with another time limit in another article is never a distractor's source", async () => {
    // Luật Quốc tịch repeats "Trong thời hạn …, kể từ ngày nhận được đề nghị của Thủ tướng Chính phủ, Chủ tịch nước
    // xem xét, quyết định." with 20 or 30 days depending on the procedure: whichever is asked, the other is not offered.
    const texts = engine.docs().find((d) => d.meta.id === QT)!.units.map((u) => u.text);
    const values = new Set(texts.flatMap((t) => [...t.matchAll(/thời hạn (\d+ ngày), kể từ ngày nhận được đề nghị của Thủ tướng Chính phủ, Chủ tịch nước xem xét/g)].map((m) => m[1])));
    expect(values.size).toBeGreaterThan(1);
    const asked = [];
    for (let seed = 1; seed <= 15; seed++) {
      for (const q of await generateQuiz(engine, { docIds: [QT], count: 40, seed, kinds: ["mcq"] })) {
        if (!q.quote.includes("kể từ ngày nhận được đề nghị của Thủ tướng Chính phủ, Chủ tịch nước xem xét") || q.fact !== "duration") continue;
        asked.push(q);
        for (const v of values) if (v !== q.answer) expect(q.options.some((o) => stated(comparable(o), v)), `${v} offered for ${q.answer}`).toBe(false);
      }
    }
    expect(asked.length).toBeGreaterThan(0);
  });

  it("a topic keeps to the articles about it", async () => {
    const quiz = await generateQuiz(engine, { topic: "thôi quốc tịch Việt Nam", count: 6, seed: 1 });
    expect(quiz.length).toBeGreaterThanOrEqual(3);
    checkQuiz(engine, quiz);
    for (const q of quiz) expect(q.citation.doc.id).toBe(QT);
  });
});

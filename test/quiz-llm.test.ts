/**
 * Quizzes with a language model, against the fake OpenAI-compatible server: the model may tell a
 * scenario's situation in its own words and propose a shorter stem for one over Kahoot's limit;
 * each proposal is kept only when it passes the checks (the condition's words and actor kept,
 * nothing of the answer told, no word added, the blank and its neighbours kept, `verifyQuestion`).
 * The key, the options and the citation stay the engine's; any failure leaves the offline quiz.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Engine } from "../src/engine/engine.js";
import { generateQuiz, KAHOOT_LIMITS, quizWriterFromConfig, verifyQuestion, type QuizQuestion } from "../src/quiz/index.js";
import { QUIZ_SYSTEM_PROMPT, SHORTEN_SYSTEM_PROMPT, SITUATION_SYSTEM_PROMPT } from "../src/quiz/prompt.js";
import { FakeOpenAIServer, type ChatRequest, type ChatReply } from "./fakes/openai-server.js";
import { llmConfig, memoryLogger } from "./fakes/llm-corpus.js";
import { quizCorpus } from "./helpers/quiz-corpus.js";
import { checkQuiz } from "./quiz-check.js";

let fake: FakeOpenAIServer;
let dir = "";
let engine: Engine;

beforeAll(async () => {
  fake = await new FakeOpenAIServer().start();
  dir = await mkdtemp(path.join(os.tmpdir(), "hvb-quiz-llm-"));
  engine = await quizCorpus(dir);
});
afterAll(async () => {
  await fake.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.chatRequests.length = 0;
});

const system = (req: ChatRequest) => req.messages[0].content;
const user = (req: ChatRequest) => req.messages[1].content;
const tag = (req: ChatRequest, name: string) => user(req).match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1] ?? "";

/** The situations the scripted model tells, by condition: one good, three that break a rule each. */
function situationReply(req: ChatRequest): ChatReply {
  const condition = tag(req, "condition");
  const actor = tag(req, "actor");
  if (condition === "tưới cây giống quá lượng nước quy định") return { content: `Sáng thứ Hai, ${actor} tưới cây giống quá lượng nước quy định tại vườn ươm.` };
  if (condition === "tự ý mang cây giống ra khỏi vườn ươm") return { content: `${actor} tự ý mang cây giống ra khỏi vườn ươm và bị đình chỉ việc nhận cây giống trong một mùa vụ.` };
  if (condition === "phát hiện sâu bệnh trên cây giống") return { content: `${actor} phát hiện sâu bệnh trên 3 cây giống.` };
  return { content: `${actor} có mặt ở vườn ươm.` };
}

async function withModel(script: (req: ChatRequest) => ChatReply, opts: Parameters<typeof generateQuiz>[1]) {
  fake.script = (req) => (system(req) === QUIZ_SYSTEM_PROMPT ? { content: '{"questions": []}' } : script(req));
  const { log, records } = memoryLogger();
  const writer = quizWriterFromConfig(llmConfig(fake.baseURL), log)!;
  return { quiz: await generateQuiz(engine, { ...opts, writer }), records };
}

const scenarioOpts = { docIds: ["qc-995-test"], count: 12, kinds: ["scenario" as const], seed: 4 };

describe("quiz with an LLM", () => {
  it("a scenario's situation in the model's words only when it keeps the condition and tells nothing more; key and citation stay", async () => {
    const offline = await generateQuiz(engine, scenarioOpts);
    const { quiz, records } = await withModel((req) => (system(req) === SITUATION_SYSTEM_PROMPT ? situationReply(req) : { status: 500 }), scenarioOpts);
    checkQuiz(engine, quiz.filter((q) => !q.stem.startsWith("Tình huống: Sáng thứ Hai")));
    expect(quiz.map((q) => [q.id, q.options, q.correct, q.citation, q.quote])).toEqual(offline.map((q) => [q.id, q.options, q.correct, q.citation, q.quote]));
    const changed = quiz.filter((q, i) => q.stem !== offline[i].stem);
    expect(changed.map((q) => q.stem)).toEqual(["Tình huống: Sáng thứ Hai, Anh A tưới cây giống quá lượng nước quy định tại vườn ươm. Theo Điều 3 Quy chế 995-QC/TEST, Anh A ……"]);
    expect(verifyQuestion(engine, changed[0]).ok).toBe(true);
    // Asked once per rule scenario with an actor; the rules went as system message, the condition as data.
    const asked = fake.chatRequests.filter((r) => system(r) === SITUATION_SYSTEM_PROMPT);
    expect(asked.length).toBe(offline.filter((q) => q.fact === "consequence" && !q.stem.startsWith("Tình huống: Xảy ra")).length);
    for (const r of asked) expect(offline.some((q) => q.stem.includes(tag(r, "condition")) && q.stem.includes(tag(r, "actor")))).toBe(true);
    expect(records.filter((r) => r.llm === "quiz" && r.msg === "llm quiz situation").length).toBe(asked.length);
    // Drafts are asked for as the kinds a writer can draft (multiple choice, true/false), never as scenarios.
    const drafts = fake.chatRequests.filter((r) => system(r) === QUIZ_SYSTEM_PROMPT);
    expect(drafts.length).toBeGreaterThan(0);
    for (const r of drafts) expect(user(r)).toMatch(/of kind (?:mcq|truefalse) from these units/);
  });

  it("falls back to the rule's own words when the model fails", async () => {
    const offline = await generateQuiz(engine, scenarioOpts);
    for (const reply of [{ status: 500 }, { content: "" }, { status: 429 }] as ChatReply[]) {
      const { quiz, records } = await withModel(() => reply, scenarioOpts);
      expect(quiz).toEqual(offline);
      expect(records.some((r) => r.llm === "quiz" && r.msg === "llm quiz situation not used: the rule's own words")).toBe(true);
    }
  });

  it("a stem over Kahoot's limit comes back in the model's fewer words only when no word is added and the blank's words stay", async () => {
    const opts = { docIds: ["qd-999-test"], count: 20, kinds: ["mcq" as const], seed: 2, limits: KAHOOT_LIMITS };
    const offline = await generateQuiz(engine, opts);
    const long = "Theo Quy định 999-QĐ/TEST, Trong thời hạn ……, kể từ ngày nhận đủ hồ sơ mẫu hợp lệ, Sở Tư pháp có trách nhiệm thẩm định và gửi ý kiến bằng văn bản cho đơn vị thử nghiệm.";
    const short = "Theo Quy định 999-QĐ/TEST, Trong thời hạn ……, kể từ ngày nhận đủ hồ sơ mẫu hợp lệ, Sở Tư pháp có trách nhiệm thẩm định.";
    expect(offline.some((q) => q.stem === short || q.stem === long)).toBe(false);
    const shorten = (req: ChatRequest): ChatReply => {
      const stem = tag(req, "question");
      if (stem === long) return { content: short };
      // Elsewhere the model adds a word ("phải"), or drops the words around the blank: both refused.
      return { content: stem.includes("……") ? stem.replace(/\S+ ……/u, "……").slice(0, 110) : `${stem.slice(0, 100)} phải` };
    };
    const report = { rephrased: 0, skipped: 0 };
    const { quiz, records } = await withModel((req) => (system(req) === SHORTEN_SYSTEM_PROMPT ? shorten(req) : { status: 500 }), { ...opts, report });
    checkQuiz(engine, quiz, KAHOOT_LIMITS);
    const added = quiz.filter((q: QuizQuestion) => q.stem === short);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ rephrased: true, answer: "12 ngày làm việc", citation: { unitId: "dieu-2/khoan-1" } });
    expect(quiz.length).toBe(offline.length + 1);
    expect(report.rephrased).toBe(quiz.filter((q) => q.rephrased).length);
    expect(fake.chatRequests.filter((r) => system(r) === SHORTEN_SYSTEM_PROMPT).length).toBeGreaterThan(1);
    expect(records.some((r) => r.llm === "quiz" && r.msg === "llm quiz stem shortened")).toBe(true);
  });
});

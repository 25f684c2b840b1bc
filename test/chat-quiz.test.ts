/**
 * Chat quizzes without a platform: the conversation's /quiz, /ketqua, /dunglai and /xuatquiz over
 * ChatQuiz with a recording presenter, on the invented quiz fixtures. The timer loop (ask, reveal,
 * leaderboard), who may stop a quiz, typed answers, poll votes (late binding, stale polls), the
 * question bank as DOCX, and resuming after a restart. Waits are on events, never on durations.
 */
import { rmSync } from "node:fs";
import mammoth from "mammoth";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { Conversation } from "../src/chat/conversation.js";
import { ChatQuiz } from "../src/chat/quiz.js";
import type { QuizPresenter } from "../src/chat/quiz-runner.js";
import { quizTexts } from "../src/chat/texts.js";
import type { Incoming, Reply } from "../src/chat/types.js";
import { loadConfig } from "../src/config/env.js";
import { QuizSessions, type Leaderboard } from "../src/quiz/index.js";
import { renderText } from "../src/render/text.js";
import { MemoryStore } from "../src/store/memory.js";
import type { Store } from "../src/store/store.js";
import { captureLogger } from "./fakes/telegram-bot.js";
import { buildToolsCorpus } from "./fakes/tools-corpus.js";
import type { TestCorpus } from "./helpers/engine.js";
import { until } from "./helpers/wait.js";

let corpus: TestCorpus;
beforeAll(async () => {
  corpus = await buildToolsCorpus();
});
afterAll(() => {
  for (const dir of [corpus?.corpusDir, corpus?.indexDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

type Event = { type: "ask" | "reveal" | "finished"; chatId: string; index?: number; pollId?: string; board?: Leaderboard };

/** A presenter that records what the quiz showed; `polls` makes it hand out poll ids. */
function recorder(polls: boolean) {
  const events: Event[] = [];
  let n = 0;
  const presenter: QuizPresenter = {
    polls,
    async ask(chatId, step) {
      const pollId = polls ? `poll-${++n}` : undefined;
      events.push({ type: "ask", chatId, index: step.index, pollId });
      return pollId;
    },
    async reveal(chatId, q) {
      events.push({ type: "reveal", chatId, index: q.correct });
    },
    async finished(chatId, board) {
      events.push({ type: "finished", chatId, board });
    },
  };
  return { presenter, events };
}


const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

async function setup(o: { polls?: boolean; seconds?: number; leadMs?: number; store?: Store } = {}) {
  const store = o.store ?? new MemoryStore();
  const { log } = captureLogger();
  const quiz = new ChatQuiz({ engine: corpus.engine, store, log, questionSeconds: o.seconds ?? 30, leadMs: o.leadMs ?? 0 });
  const conv = new Conversation({ engine: corpus.engine, store, log, config: loadConfig({ ADMIN_IDS: "admin" }), quiz });
  const rec = recorder(o.polls ?? false);
  await quiz.attach("test", rec.presenter);
  stops.push(() => quiz.detach("test"));
  const say = async (text: string, m: Partial<Incoming> = {}) =>
    renderText((await conv.handle({ channel: "test", chatId: "c1", userId: "u1", chatType: "group", text, addressed: true, ...m }))[0].blocks);
  return { quiz, conv, store, say, ...rec, sessions: new QuizSessions(store) };
}

const origin = (userId: string, chatId = "c1", chatType: "group" | "private" = "group") => ({ channel: "test", chatId, userId, chatType });
const shown = (r: Reply[] | undefined) => r && r.map((x) => renderText(x.blocks)).join("\n");

describe("/quiz requests", () => {
  test("usage, unknown scope, count out of range, a quiz already running", async () => {
    const { say } = await setup();
    expect(await say("/quiz")).toBe(quizTexts.usage);
    expect(await say("/quiz nuôi cá sấu trên sao hỏa")).toContain("Không đủ căn cứ trong văn bản đã nạp: không có nội dung về «nuôi cá sấu trên sao hỏa»");
    expect(await say("/quiz Quy định 999 99")).toContain("Số câu phải từ 1 đến 30.");
    expect(await say("/quiz Quy định 999 3")).toContain("🏁 Bắt đầu cuộc thi: Bộ câu hỏi — Quy định 999-QĐ/TEST — 3 câu, mỗi câu 30 giây.");
    expect(await say("/quiz Chỉ thị 997 3", { userId: "u2" })).toBe(quizTexts.running);
  });

  test("/xuatquiz and '/quiz … xuất file' send the bank as DOCX; 'sản xuất' is a topic, not an export", async () => {
    const { conv } = await setup();
    const ask = async (text: string) => (await conv.handle({ ...origin("u1", "c2", "private"), text, addressed: true }))[0];
    const bank = await ask("/xuatquiz Hướng dẫn 998 4");
    expect(renderText(bank.blocks)).toContain("Bộ câu hỏi — Hướng dẫn 998-HD/TEST: 4 câu");
    expect(bank.files?.[0].name).toBe("bo-cau-hoi-huong-dan-998-hd-test.docx");
    const text = (await mammoth.extractRawText({ buffer: bank.files![0].data })).value;
    expect(text).toContain("Bộ câu hỏi — Hướng dẫn 998-HD/TEST");
    expect((await ask("/quiz Chỉ thị 997 3 xuất file")).files).toHaveLength(1);
    expect((await ask("/quiz Chỉ thị 997 2 xuất")).files).toHaveLength(1);
    const topic = await ask("/quiz sản xuất");
    expect(topic.files).toBeUndefined();
    expect(renderText(topic.blocks)).toContain("«sản xuất»");
  });
});

describe("a running quiz", () => {
  test("typed answers score once; /ketqua ranks; only the starter or an admin may /dunglai", async () => {
    const { quiz, say, events, sessions } = await setup();
    await say("/quiz Quy định 999 3");
    await until(() => events.some((e) => e.type === "ask"), "question 1");
    const q = (await sessions.get("test:c1"))!.questions[0];
    const right = "ABCD"[q.correct];
    const wrong = "abcd"[(q.correct + 1) % q.options.length];
    expect(await quiz.answer(origin("u2"), `${wrong}.`, "Bình")).toEqual([]);
    expect(await quiz.answer(origin("u1"), right, "An")).toEqual([]);
    expect(await quiz.answer(origin("u1"), wrong, "An")).toEqual([]);
    expect(await quiz.answer(origin("u3"), "câu này hỏi gì?", "Chi")).toBeUndefined();

    const board = await say("/ketqua");
    expect(board).toMatch(/^Kết quả tạm thời: Bộ câu hỏi — Quy định 999-QĐ\/TEST \(3 câu\)\n🥇 An — 1\/3 câu đúng\n🥈 Bình — 0\/3 câu đúng$/);
    expect(await say("/dunglai", { userId: "u2" })).toBe(quizTexts.onlyStarter);
    const stopped = await say("/dunglai");
    expect(stopped).toContain(quizTexts.stopped);
    expect(stopped).toContain("Kết quả: Bộ câu hỏi — Quy định 999-QĐ/TEST (3 câu)\n🥇 An — 1/3 câu đúng");
    expect(await say("/dunglai")).toBe(quizTexts.noneRunning);
    // After the stop, "A" is an ordinary message again.
    expect(await quiz.answer(origin("u3"), "A", "Chi")).toBeUndefined();
    expect(events.some((e) => e.type === "finished")).toBe(false);
  });

  test("an admin may stop anyone's quiz; in a private chat the answer is acknowledged", async () => {
    const { quiz, say, events, sessions } = await setup();
    await say("/quiz Chỉ thị 997 2", { chatId: "p1", chatType: "private" });
    await until(() => events.some((e) => e.type === "ask"), "question 1");
    const q = (await sessions.get("test:p1"))!.questions[0];
    expect(shown(await quiz.answer(origin("u1", "p1", "private"), "ABCD"[q.correct], "An"))).toBe(quizTexts.recorded("ABCD"[q.correct]));
    expect(shown(await quiz.answer(origin("u1", "p1", "private"), "ABCD"[q.correct], "An"))).toBe(quizTexts.again);
    await say("/quiz Chỉ thị 997 2", { userId: "u1" });
    expect(await say("/dunglai", { userId: "admin" })).toContain(quizTexts.stopped);
  });

  test("the timer asks every question, reveals each after its time, then posts the leaderboard once", async () => {
    const { say, events } = await setup({ seconds: 1 });
    await say("/quiz Hướng dẫn 998 2");
    await until(() => events.some((e) => e.type === "finished"), "the leaderboard");
    expect(events.map((e) => `${e.type}${e.type === "ask" ? e.index : ""}`)).toEqual(["ask0", "reveal", "ask1", "reveal", "finished"]);
    expect(events.at(-1)!.board!.finished).toBe(true);
    expect(await say("/ketqua")).toMatch(/^Kết quả: .*\nChưa có ai trả lời\.$/);
  });
});

describe("poll votes", () => {
  test("a vote scores its poll's question; a poll from an earlier quiz in the chat scores nothing", async () => {
    const { quiz, say, events, sessions } = await setup({ polls: true });
    await say("/quiz Quy định 999 2");
    await until(() => events.some((e) => e.pollId), "poll 1");
    const first = events.find((e) => e.pollId)!.pollId!;
    const q = (await sessions.get("test:c1"))!.questions[0];
    await quiz.pollAnswer(first, "u1", "An", [q.correct]);
    await quiz.pollAnswer(first, "u1", "An", [(q.correct + 1) % q.options.length]);
    await quiz.pollAnswer(first, "u2", "Bình", []);
    expect((await sessions.leaderboard("test:c1")).rows.map((r) => [r.name, r.correct, r.answered])).toEqual([["An", 1, 1]]);

    await say("/dunglai");
    await say("/quiz Quy định 999 2");
    await until(() => events.filter((e) => e.pollId).length === 2, "the new quiz's poll");
    await quiz.pollAnswer(first, "u2", "Bình", [0]);
    expect((await sessions.leaderboard("test:c1")).rows).toEqual([]);
  });
});

describe("restart", () => {
  test("a quiz left running resumes when the channel attaches again; detaching stops its timer", async () => {
    const store = new MemoryStore();
    const before = await setup({ store, leadMs: 60_000 });
    await before.say("/quiz Chỉ thị 997 2");
    await before.quiz.detach("test");
    expect(before.events).toEqual([]);

    const after = await setup({ store });
    await until(() => after.events.some((e) => e.type === "ask"), "question 1 after the restart");
    expect(after.events[0]).toMatchObject({ type: "ask", chatId: "c1", index: 0 });
    expect(before.events).toEqual([]);
  });
});

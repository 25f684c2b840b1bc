/**
 * Playing a quiz in a chat, channel-neutral: questions asked in turn with deadlines, answers
 * recorded once per user and question, late answers refused, a leaderboard, and everything kept
 * across a restart (a new SqliteStore on the same file). Also the chat renderings: text with
 * A/B/C/D for Zalo, typed answers read back, Telegram quiz-poll parameters within limits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MemoryStore } from "../src/store/memory.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { leaderboardText, parseAnswer, pollParams, QuizSessions, questionText, RESULTS_LOG, revealText, type QuizQuestion } from "../src/quiz/index.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "hvb-quiz-session-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function question(n: number, correct: number, kind: QuizQuestion["kind"] = "mcq"): QuizQuestion {
  const options = kind === "mcq" ? [`${n}0 ngày`, `${n}1 ngày`, `${n}2 ngày`, `${n}3 ngày`] : ["Đúng", "Sai"];
  return {
    id: `q${n}`,
    kind,
    stem: `Câu mẫu ${n}: trong thời hạn …… kể từ ngày nhận hồ sơ?`,
    options,
    correct,
    explanation: `Đáp án: ${options[correct]}\nĐiều ${n} — Quy định 999-QĐ/TEST`,
    citation: { doc: { id: "qd-999-test", number: "999-QĐ/TEST", kind: "Quy định", title: "mẫu", status: "in_force" }, path: [{ type: "dieu", label: String(n) }], unit: n, unitId: `dieu-${n}`, quote: "", score: 1 },
    quote: `Trong thời hạn ${options[correct]} kể từ ngày nhận hồ sơ.`,
    answer: options[correct],
    fact: "duration",
  level: "vua",
  };
}

const QUESTIONS = [question(1, 2), question(2, 0), question(3, 1, "truefalse")];

/** A clock the test moves by hand. */
function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("quiz sessions", () => {
  it("asks each question in turn, waits for its deadline, then finishes", async () => {
    const c = clock();
    const s = new QuizSessions(new MemoryStore(), c.now);
    expect(await s.next("chat-1")).toEqual({ type: "none" });
    await s.start("chat-1", QUESTIONS, { title: "Hội thi thử", questionSeconds: 20 });
    const first = await s.next("chat-1");
    expect(first).toMatchObject({ type: "ask", index: 0, total: 3, deadline: c.now() + 20_000 });
    expect(await s.next("chat-1")).toEqual({ type: "wait", until: c.now() + 20_000 });
    c.advance(20_000);
    expect(await s.next("chat-1")).toMatchObject({ type: "ask", index: 1 });
    c.advance(20_000);
    expect(await s.next("chat-1")).toMatchObject({ type: "ask", index: 2 });
    c.advance(20_000);
    const end = await s.next("chat-1");
    expect(end.type).toBe("finished");
    expect(await s.next("chat-1")).toMatchObject({ type: "finished" });
  });

  it("records the first answer of each user once, refuses late and invalid ones, and ranks", async () => {
    const c = clock();
    const store = new MemoryStore();
    const s = new QuizSessions(store, c.now);
    await s.start("g", QUESTIONS, { questionSeconds: 30 });
    expect(await s.recordAnswer("g", { userId: "u1", name: "An", option: 2 })).toEqual({ status: "closed" }); // nothing asked yet
    await s.next("g");
    c.advance(4000);
    expect(await s.recordAnswer("g", { userId: "u1", name: "An", option: 2 })).toEqual({ status: "recorded", correct: true, correctOption: 2 });
    // Telegram re-sends an update, or the user types again: the first answer stands.
    expect(await s.recordAnswer("g", { userId: "u1", name: "An", option: 0 })).toEqual({ status: "duplicate", correct: true, correctOption: 2 });
    c.advance(1000);
    expect(await s.recordAnswer("g", { userId: "u2", name: "Bình", option: 2 })).toMatchObject({ status: "recorded", correct: true });
    expect(await s.recordAnswer("g", { userId: "u3", name: "Chi", option: 1 })).toMatchObject({ status: "recorded", correct: false });
    expect(await s.recordAnswer("g", { userId: "u3", name: "Chi", option: 7 })).toEqual({ status: "invalid" });
    expect(await s.recordAnswer("g", { userId: "u3", name: "Chi", question: 1, option: 0 })).toEqual({ status: "closed" }); // not asked yet
    c.advance(30_000);
    await s.next("g");
    c.advance(40_000); // past the deadline and its grace
    expect(await s.recordAnswer("g", { userId: "u2", name: "Bình", option: 0 })).toEqual({ status: "closed" });
    const board = await s.leaderboard("g");
    expect(board.rows.map((r) => [r.rank, r.name, r.correct, r.answered])).toEqual([
      [1, "An", 1, 1], // faster than Bình on the same score
      [2, "Bình", 1, 1],
      [3, "Chi", 0, 1],
    ]);
    expect(board.finished).toBe(false);
    expect(leaderboardText(board)).toBe("Kết quả tạm thời: Câu hỏi trắc nghiệm (3 câu)\n🥇 An — 1/3 câu đúng\n🥈 Bình — 1/3 câu đúng\n🥉 Chi — 0/3 câu đúng");
    const final = await s.finish("g");
    expect(final.finished).toBe(true);
    // A stopped quiz takes no more answers, even to a question still within its time.
    expect(await s.recordAnswer("g", { userId: "u4", name: "Dũng", question: 1, option: 0 })).toEqual({ status: "closed" });
    await s.finish("g");
    expect(await store.recent(RESULTS_LOG, 10)).toHaveLength(1); // logged once
  });

  it("maps Telegram polls to their question and survives a restart on the same SQLite file", async () => {
    const file = path.join(dir, "quiz.db");
    const c = clock();
    let store = new SqliteStore(file);
    let s = new QuizSessions(store, c.now);
    await s.start("-100123", QUESTIONS, { title: "Hội thi tìm hiểu Quy định 999", questionSeconds: 60, startedBy: "trainer" });
    const ask = await s.next("-100123");
    expect(ask.type).toBe("ask");
    await s.bindPoll("-100123", 0, "poll-abc");
    const target = await s.pollTarget("poll-abc");
    expect(target).toEqual({ chatId: "-100123", question: 0 });
    expect(await s.recordAnswer(target!.chatId, { userId: "42", name: "Dũng", question: target!.question, option: 2 })).toMatchObject({ status: "recorded", correct: true });
    await store.close();

    // The bot restarts: a new store on the same file knows the quiz, the poll and the answer.
    store = new SqliteStore(file);
    s = new QuizSessions(store, c.now);
    expect(await s.pollTarget("poll-abc")).toEqual({ chatId: "-100123", question: 0 });
    expect(await s.recordAnswer("-100123", { userId: "42", name: "Dũng", question: 0, option: 1 })).toMatchObject({ status: "duplicate", correct: true });
    expect(await s.next("-100123")).toMatchObject({ type: "wait" });
    c.advance(60_000);
    expect(await s.next("-100123")).toMatchObject({ type: "ask", index: 1 });
    expect((await s.leaderboard("-100123")).rows).toMatchObject([{ userId: "42", name: "Dũng", correct: 1 }]);
    // Which chats to resume after the restart; a finished quiz is not one.
    expect(await s.active()).toEqual(["-100123"]);
    await s.finish("-100123");
    expect(await s.active()).toEqual([]);
    await store.close();
  });

  it("a question is handed out once even when two timers ask at the same moment", async () => {
    const c = clock();
    const s = new QuizSessions(new MemoryStore(), c.now);
    await s.start("z", QUESTIONS);
    const steps = await Promise.all([s.next("z"), s.next("z")]);
    expect(steps.filter((x) => x.type === "ask")).toHaveLength(1);
  });
});

describe("quiz in chat: text, typed answers, polls", () => {
  it("renders a question with letters and reads typed answers back", () => {
    const q = QUESTIONS[0];
    expect(questionText(q, 0, 3, 30)).toBe(`Câu 1/3: ${q.stem}\nA. 10 ngày\nB. 11 ngày\nC. 12 ngày\nD. 13 ngày\nTrả lời: gõ A, B, C hoặc D (trong 30 giây).`);
    expect(questionText(QUESTIONS[2], 2, 3)).toMatch(/A\. Đúng\nB\. Sai\nTrả lời: gõ A hoặc B\.$/);
    expect(["b", " B. ", "đáp án B", "b)", "11 ngày"].map((t) => parseAnswer(t, q))).toEqual([1, 1, 1, 1, 1]);
    expect(["e", "bb", "", "hello"].map((t) => parseAnswer(t, q))).toEqual([undefined, undefined, undefined, undefined]);
    expect(parseAnswer("c", QUESTIONS[2])).toBeUndefined();
    expect(parseAnswer("sai", QUESTIONS[2])).toBe(1);
    expect(revealText(q)).toBe("Đáp án: C. 12 ngày\nNguồn: Điều 1 — Quy định 999-QĐ/TEST\n«Trong thời hạn 12 ngày kể từ ngày nhận hồ sơ.»");
  });

  it("gives Telegram's sendPoll a native quiz within its limits", () => {
    const p = pollParams(QUESTIONS[1], 45);
    expect(p).toEqual({
      question: QUESTIONS[1].stem,
      options: QUESTIONS[1].options.map((text) => ({ text })),
      other: { type: "quiz", correct_option_ids: [0], explanation: QUESTIONS[1].explanation, is_anonymous: false, open_period: 45 },
    });
    expect(pollParams(QUESTIONS[1], 2).other.open_period).toBe(5);
    expect(pollParams(QUESTIONS[1], 5000).other.open_period).toBe(600);
  });

  it("says when there is no quiz to report", async () => {
    expect(leaderboardText(await new QuizSessions(new MemoryStore()).leaderboard("none"))).toBe("Chưa có cuộc thi nào trong cuộc trò chuyện này.");
  });
});

/**
 * Talking points and quizzes on the real Zalo channel against the fake Zalo Bot API (which
 * refuses texts over 2000 characters), over the invented points and quiz fixtures. Zalo has no
 * polls: questions come as text, answers are typed letters — in a group too, without a command —
 * scored once; the answer is revealed after each question's time and the leaderboard closes it.
 */
import { rmSync } from "node:fs";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Conversation } from "../src/chat/conversation.js";
import { ChatPoints } from "../src/chat/points.js";
import { ChatQuiz } from "../src/chat/quiz.js";
import { quizTexts } from "../src/chat/texts.js";
import { WebhookServer } from "../src/channels/webhooks.js";
import { startZalo } from "../src/channels/zalo/start.js";
import { zaloTexts } from "../src/channels/zalo/texts.js";
import { loadConfig } from "../src/config/env.js";
import { NOT_ENOUGH_BASIS } from "../src/points/index.js";
import { QuizSessions } from "../src/quiz/index.js";
import { MemoryStore } from "../src/store/memory.js";
import { FakeZaloServer, mentionUpdate, textUpdate } from "./fakes/zalo-server.js";
import { buildToolsCorpus } from "./fakes/tools-corpus.js";
import type { TestCorpus } from "./helpers/engine.js";
import { until } from "./helpers/wait.js";

const log = pino({ level: "silent" });
const fast = { baseMs: 1, maxMs: 5 };

let corpus: TestCorpus;
beforeAll(async () => {
  corpus = await buildToolsCorpus();
});
afterAll(() => {
  for (const dir of [corpus?.corpusDir, corpus?.indexDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});


/** The Zalo channel with points and quizzes; `seconds` per question. */
async function run(seconds = 30) {
  const fake = await new FakeZaloServer().start();
  const config = loadConfig({ ZALO_BOT_TOKEN: fake.token, ZALO_API_ROOT: fake.apiRoot, LOG_LEVEL: "silent" });
  const store = new MemoryStore();
  const engine = corpus.engine;
  const quiz = new ChatQuiz({ engine, store, log, questionSeconds: seconds, leadMs: 0 });
  const conversation = new Conversation({ engine, store, log, config, points: new ChatPoints(engine), quiz });
  const webhooks = new WebhookServer(0, log);
  const channel = (await startZalo({ config, conversation, log, webhooks, store }, { apiBackoff: fast, pollBackoff: fast, setupBackoff: fast, pollMinGapMs: 10 }))!;
  cleanups.push(async () => {
    await channel.stop();
    await fake.stop();
  });
  const sent = (chatId: string) => fake.sent.filter((s) => s.chat_id === chatId).map((s) => s.text);
  /** A user's message (named, for the leaderboard); resolves once a sent text satisfies `done`. */
  const say = async (text: string, o: { chatId: string; userId?: string; name?: string; group?: boolean }, done: (t: string) => boolean = () => true) => {
    const before = sent(o.chatId).length;
    // In a group the platform passes on only messages that tag the bot (or reply to it).
    const who = { chatId: o.chatId, userId: o.userId ?? "u-1" };
    fake.push(withName(o.group ? mentionUpdate(fake, text, who) : textUpdate(text, who), o.name ?? "Người dùng thử"));
    await until(() => sent(o.chatId).slice(before).some(done), `a reply to «${text}»`);
    return sent(o.chatId).slice(before);
  };
  return { fake, store, sent, say, sessions: new QuizSessions(store) };
}

describe("talking points on Zalo", () => {
  it("/dancuong: the outline as text under 2000 characters a message, and where to get the DOCX", async () => {
    const bot = await run();
    const texts = await bot.say("/dancuong trách nhiệm của người đứng đầu | số ý: 5 | độ dài: dài", { chatId: "p1" }, (t) => t.includes(zaloTexts.noFiles));
    expect(texts[0]).toMatch(/^Đối với đảng viên: 5 ý chính về trách nhiệm của người đứng đầu/);
    for (let i = 1; i <= 5; i++) expect(texts.join("\n")).toMatch(new RegExp(`^${i}\\. `, "m"));
    expect(texts.every((t) => t.length >= 1 && t.length <= 2000)).toBe(true);
    expect(bot.fake.callsOf("sendMessage").length).toBe(bot.fake.sent.length);
  });

  it("'dàn ý …' in a private chat and '/dancuong' in a group; an uncovered topic gets the verdict", async () => {
    const bot = await run();
    const typed = await bot.say("dàn ý sổ theo dõi mượn trả sách mẫu", { chatId: "p2" }, (t) => t.includes(zaloTexts.noFiles));
    expect(typed[0]).toMatch(/^Đối với đảng viên: \d ý chính về sổ theo dõi mượn trả sách mẫu/);
    const grouped = await bot.say("/dancuong nuôi cá sấu trên sao hỏa", { chatId: "g0", group: true });
    expect(grouped[0].startsWith(NOT_ENOUGH_BASIS)).toBe(true);
    expect(grouped.join("\n")).not.toContain(zaloTexts.noFiles);
  });
});

describe("quizzes on Zalo", () => {
  it("in a group: letters typed in reply (or with @tên) scored once, /ketqua in order, /dunglai by the starter", async () => {
    const bot = await run();
    const g = { chatId: "g1", group: true };
    const intro = await bot.say("/quiz Quy định 999 3", { ...g, userId: "trainer", name: "Giảng viên" }, (t) => t.startsWith("Câu 1/3: "));
    expect(intro.join("\n")).toContain("🏁 Bắt đầu cuộc thi: Bộ câu hỏi — Quy định 999-QĐ/TEST — 3 câu, mỗi câu 30 giây.");
    const question = intro.find((t) => t.startsWith("Câu 1/3: "))!;
    expect(question).toMatch(/\nA\. .+\nB\. .+/);
    expect(question.endsWith(zaloTexts.groupAnswer(bot.fake.botName))).toBe(true);

    const q = (await bot.sessions.get("zalo:g1"))!.questions[0];
    const wrong = (q.correct + 1) % q.options.length;
    // A reply to the question reaches the bot untagged; a tagged letter too.
    const replyTo = bot.fake.botId;
    bot.fake.push(withName(textUpdate("ABCD"[q.correct], { chatId: "g1", userId: "u-an", group: true, replyTo }), "An"));
    bot.fake.push(withName(mentionUpdate(bot.fake, `${"abcd"[wrong]}.`, { chatId: "g1", userId: "u-binh" }), "Bình"));
    bot.fake.push(withName(textUpdate("ABCD"[wrong], { chatId: "g1", userId: "u-an", group: true, replyTo }), "An"));
    const board = await bot.say("/ketqua", g, (t) => t.startsWith("Kết quả tạm thời") && t.includes("Bình"));
    expect(board.at(-1)).toBe("Kết quả tạm thời: Bộ câu hỏi — Quy định 999-QĐ/TEST (3 câu)\n🥇 An — 1/3 câu đúng\n🥈 Bình — 0/3 câu đúng");
    // Answers in a group are not acknowledged one by one.
    expect(bot.sent("g1").some((t) => t.startsWith("Đã ghi nhận"))).toBe(false);

    expect((await bot.say("/dunglai", { ...g, userId: "u-binh" })).at(-1)).toBe(quizTexts.onlyStarter);
    const stopped = (await bot.say("/dunglai", { ...g, userId: "trainer" })).join("\n");
    expect(stopped).toContain(`${quizTexts.stopped}\n\nKết quả: Bộ câu hỏi — Quy định 999-QĐ/TEST (3 câu)\n🥇 An — 1/3 câu đúng`);
  });

  it("in a private chat: the answer acknowledged, revealed after its time, then the leaderboard", async () => {
    const bot = await run(1);
    const p = { chatId: "p3", userId: "u-p", name: "Phương" };
    const asked = await bot.say("/quiz Hướng dẫn 998 1", p, (t) => t.startsWith("Câu 1/1: "));
    expect(asked.join("\n")).not.toContain("Trong nhóm");
    const q = (await bot.sessions.get("zalo:p3"))!.questions[0];
    const letter = "abcd"[q.correct];
    expect(await bot.say(letter, p)).toEqual([quizTexts.recorded(letter.toUpperCase())]);
    await until(() => bot.sent("p3").some((t) => t.startsWith("Kết quả: ")), "the leaderboard");
    const end = bot.sent("p3");
    const reveal = end.findIndex((t) => t.startsWith(`Đáp án: ${letter.toUpperCase()}. `));
    expect(reveal).toBeGreaterThan(0);
    expect(end.at(-1)).toBe("Kết quả: Bộ câu hỏi — Hướng dẫn 998-HD/TEST (1 câu)\n🥇 Phương — 1/1 câu đúng");
    // The quiz is over: "a" is an ordinary question again.
    expect((await bot.say("a", p)).join("\n")).not.toContain("Đã ghi nhận");
  });

  it("/xuatquiz on Zalo says where to get the file", async () => {
    const bot = await run();
    const texts = await bot.say("/xuatquiz Chỉ thị 997 3", { chatId: "p4" }, (t) => t.includes(zaloTexts.noFiles));
    expect(texts.join("\n")).toContain("Bộ câu hỏi — Chỉ thị 997-CT/TEST: 3 câu");
  });
});

/** The update as sent by a user with this display name (what the leaderboard shows). */
function withName<T extends { message?: Record<string, unknown> }>(update: T, name: string): T {
  (update.message!.from as { display_name?: string }).display_name = name;
  return update;
}

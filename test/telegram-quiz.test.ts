/**
 * Talking points and quizzes on the real Telegram channel, end to end against the fake Bot API on
 * 127.0.0.1 (which rejects what Telegram would: HTML, lengths, poll limits, uploads), over the
 * invented points and quiz fixtures: /dancuong with its DOCX read back, /quiz as native quiz polls
 * answered through poll_answer updates, /ketqua, /dunglai, the timer loop to the leaderboard,
 * /xuatquiz, and a quiz resumed by a restarted bot. No call may be rejected; no timing is asserted.
 */
import { rmSync } from "node:fs";
import type { Chat, User } from "grammy/types";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Conversation } from "../src/chat/conversation.js";
import { ChatPoints } from "../src/chat/points.js";
import { ChatQuiz } from "../src/chat/quiz.js";
import { quizTexts, texts } from "../src/chat/texts.js";
import { startTelegram } from "../src/channels/telegram/start.js";
import { WebhookServer } from "../src/channels/webhooks.js";
import { loadConfig } from "../src/config/env.js";
import { NOT_ENOUGH_BASIS } from "../src/points/index.js";
import { QuizSessions } from "../src/quiz/index.js";
import { MemoryStore } from "../src/store/memory.js";
import type { Store } from "../src/store/store.js";
import { captureLogger } from "./fakes/telegram-bot.js";
import { FakeTelegram, parseTelegramHtml, type FakeCall } from "./fakes/telegram-server.js";
import { buildToolsCorpus } from "./fakes/tools-corpus.js";
import type { TestCorpus } from "./helpers/engine.js";
import { until } from "./helpers/wait.js";

let corpus: TestCorpus;
let fake: FakeTelegram;
let bot: QuizBot;
beforeAll(async () => {
  corpus = await buildToolsCorpus();
  fake = await new FakeTelegram().start();
  bot = await startQuizBot(fake, new MemoryStore(), { seconds: 30 });
});
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  for (const dir of [corpus?.corpusDir, corpus?.indexDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

interface QuizBot {
  store: Store;
  stop(): Promise<void>;
}

/** The real channel with points and quizzes; `seconds` per question, `leadMs` before question 1. */
async function startQuizBot(server: FakeTelegram, store: Store, o: { seconds: number; leadMs?: number }): Promise<QuizBot> {
  const config = loadConfig({ TELEGRAM_BOT_TOKEN: server.token, TELEGRAM_API_ROOT: server.apiRoot, ADMIN_IDS: "1" });
  const { log } = captureLogger();
  const engine = corpus.engine;
  const quiz = new ChatQuiz({ engine, store, log, questionSeconds: o.seconds, leadMs: o.leadMs ?? 0 });
  const conversation = new Conversation({ engine, store, log, config, points: new ChatPoints(engine), quiz });
  const running = await startTelegram({ engine, config, store, log, conversation, webhooks: new WebhookServer(0, log) }, { botInfo: server.botInfo });
  if (!running) throw new Error("telegram channel did not start");
  return { store, stop: () => running.stop() };
}

let nextUser = 5000;
const user = (first_name: string): User => ({ id: nextUser++, is_bot: false, first_name });
const dm = (u: User): Chat.PrivateChat => ({ id: u.id, type: "private", first_name: u.first_name });
const group = (id: number): Chat.SupergroupChat => ({ id, type: "supergroup", title: "Chi bộ thử nghiệm" });
const plain = (c: FakeCall) => parseTelegramHtml(c.body.text);
const docx = async (c: FakeCall) => (await mammoth.extractRawText({ buffer: c.body.document.data })).value;

/** Sends a message; resolves with all the bot sent to that chat in answer (a sentinel command closes the exchange). */
let sentinels = 0;
async function exchange(server: FakeTelegram, chat: Chat.PrivateChat | Chat.SupergroupChat, from: User, text: string) {
  const since = server.calls.length;
  const sent = server.send({ chat, from, text });
  const command = `ping_${++sentinels}`;
  server.send({ chat, from, text: `/${command}@HoiVanBanBot` });
  const done = await server.waitFor((c) => c.method === "sendMessage" && c.body.chat_id === chat.id && plain(c) === texts.unknownCommand(command), since);
  const calls = server.calls.slice(since).filter((c) => c !== done && c.body.chat_id === chat.id && !c.error && c.method !== "sendChatAction");
  return { sent, calls, messages: calls.filter((c) => c.method === "sendMessage"), documents: calls.filter((c) => c.method === "sendDocument") };
}

/** Waits for what the bot brings about (no timing is asserted). */

const polls = (chatId: number, since = 0) => fake.calls.slice(since).filter((c) => c.method === "sendPoll" && c.body.chat_id === chatId && !c.error);

describe("start-up", () => {
  test("the command menu has the new commands; getUpdates asks for poll_answer", async () => {
    const poll = await fake.waitFor((c) => c.method === "getUpdates");
    expect(poll.body.allowed_updates).toContain("poll_answer");
    const menu = fake.calls.find((c) => c.method === "setMyCommands")!.body.commands.map((c: { command: string }) => c.command);
    expect(menu).toEqual(expect.arrayContaining(["dancuong", "quiz", "ketqua", "dunglai", "xuatquiz"]));
  });
});

describe("/dancuong", () => {
  test("the outline in valid HTML messages, then its DOCX (same points) and Markdown", async () => {
    const u = user("Tuyên giáo");
    const { messages, documents } = await exchange(fake, dm(u), u, "/dancuong trách nhiệm của người đứng đầu | số ý: 4 | đối tượng: đảng viên");
    const text = messages.map(plain).join("\n");
    expect(text).toMatch(/^Đối với đảng viên: 4 ý chính về trách nhiệm của người đứng đầu/);
    const statements = [...text.matchAll(/^[1-4]\. (.+)$/gmu)].map((m) => m[1]);
    expect(statements).toHaveLength(4);
    expect(messages.every((c) => c.body.parse_mode === "HTML" && plain(c).length <= 4096)).toBe(true);

    expect(documents.map((d) => d.body.document.file_name)).toEqual(["dan-y-trach-nhiem-cua-nguoi-dung-dau.docx", "dan-y-trach-nhiem-cua-nguoi-dung-dau.md"]);
    const word = await docx(documents[0]);
    for (const s of statements) expect(word).toContain(s);
    expect(documents[1].body.document.data.toString("utf8")).toContain("# Đối với đảng viên: 4 ý chính");
    expect(fake.rejected()).toEqual([]);
  });

  test("in a group the outline and its files reply to the command", async () => {
    const u = user("Báo cáo viên");
    const chat = group(-100500);
    const { sent, messages, documents } = await exchange(fake, chat, u, "/dancuong@HoiVanBanBot sổ theo dõi mượn trả sách mẫu | ngắn");
    expect(messages[0].body.reply_parameters.message_id).toBe(sent.message_id);
    expect(documents).toHaveLength(2);
    for (const d of documents) expect(d.body.reply_parameters.message_id).toBe(sent.message_id);
  });

  test("a topic the documents do not cover: the verdict and no file; a bad option: its error", async () => {
    const u = user("Tuyên giáo");
    const none = await exchange(fake, dm(u), u, "/dancuong nuôi cá sấu trên sao hỏa");
    expect(plain(none.messages[0]).startsWith(NOT_ENOUGH_BASIS)).toBe(true);
    expect(none.documents).toEqual([]);
    const bad = await exchange(fake, dm(u), u, "/dancuong sổ theo dõi | độ dài: rất dài");
    expect(plain(bad.messages[0])).toContain("Độ dài «rất dài» không hợp lệ");
    expect(bad.documents).toEqual([]);
  });
});

describe("/quiz in a group", () => {
  test("quiz polls checked by the fake, votes scored once, /ketqua in order, /dunglai by the starter only", async () => {
    const trainer = user("Giảng viên");
    const an = user("An");
    const binh = user("Bình");
    const chat = group(-100600);
    const since = fake.calls.length;
    const intro = await exchange(fake, chat, trainer, "/quiz Quy định 999 3");
    expect(plain(intro.messages[0])).toContain("🏁 Bắt đầu cuộc thi: Bộ câu hỏi — Quy định 999-QĐ/TEST — 3 câu, mỗi câu 30 giây.");

    const poll = await fake.waitFor((c) => c.method === "sendPoll" && c.body.chat_id === chat.id, since);
    expect(poll.error).toBeUndefined();
    expect(poll.body).toMatchObject({ type: "quiz", is_anonymous: false, open_period: 30 });
    expect(poll.body.question).toMatch(/^Câu 1\/3: /);
    const right: number = poll.body.correct_option_ids[0];
    const pollId: string = poll.result.poll.id;

    fake.vote(an, pollId, [right]);
    fake.vote(binh, pollId, [(right + 1) % poll.body.options.length]);
    fake.vote(an, pollId, [(right + 1) % poll.body.options.length]);
    const sessions = new QuizSessions(bot.store);
    const key = `telegram:${chat.id}`;
    await until(async () => (await sessions.leaderboard(key)).rows.reduce((n, r) => n + r.answered, 0) === 2, "two votes counted");

    const board = plain((await exchange(fake, chat, binh, "/ketqua")).messages[0]);
    expect(board).toBe("Kết quả tạm thời: Bộ câu hỏi — Quy định 999-QĐ/TEST (3 câu)\n🥇 An — 1/3 câu đúng\n🥈 Bình — 0/3 câu đúng");
    expect(plain((await exchange(fake, chat, binh, "/dunglai")).messages[0])).toBe(quizTexts.onlyStarter);
    const stopped = (await exchange(fake, chat, trainer, "/dunglai")).messages.map(plain).join("\n");
    expect(stopped).toContain(quizTexts.stopped);
    expect(stopped).toContain("Kết quả: Bộ câu hỏi — Quy định 999-QĐ/TEST (3 câu)\n🥇 An — 1/3 câu đúng\n🥈 Bình — 0/3 câu đúng");
    expect(polls(chat.id, since)).toHaveLength(1);
    expect(fake.rejected()).toEqual([]);
  });

  test("the timer asks every question as a poll, then posts the leaderboard by itself", async () => {
    const fast = await new FakeTelegram().start();
    const quick = await startQuizBot(fast, new MemoryStore(), { seconds: 1 });
    try {
      const trainer = user("Giảng viên");
      const chat = group(-100700);
      await exchange(fast, chat, trainer, "/quiz Hướng dẫn 998 2");
      const board = await fast.waitFor((c) => c.method === "sendMessage" && c.body.chat_id === chat.id && plain(c).startsWith("Kết quả: "));
      expect(plain(board)).toBe("Kết quả: Bộ câu hỏi — Hướng dẫn 998-HD/TEST (2 câu)\nChưa có ai trả lời.");
      const asked = fast.calls.filter((c) => c.method === "sendPoll");
      expect(asked.map((c) => c.body.question.slice(0, 8))).toEqual(["Câu 1/2:", "Câu 2/2:"]);
      expect(fast.rejected()).toEqual([]);
    } finally {
      await quick.stop();
      await fast.close();
    }
  });
});

describe("/xuatquiz", () => {
  test("sends the question bank with its answer key as a DOCX", async () => {
    const u = user("Giảng viên");
    const { messages, documents } = await exchange(fake, dm(u), u, "/xuatquiz Chỉ thị 997 4");
    expect(plain(messages[0])).toContain("Bộ câu hỏi — Chỉ thị 997-CT/TEST: 4 câu");
    expect(documents).toHaveLength(1);
    expect(documents[0].body.document.file_name).toBe("bo-cau-hoi-chi-thi-997-ct-test.docx");
    expect(await docx(documents[0])).toContain("Bộ câu hỏi — Chỉ thị 997-CT/TEST");
    expect(fake.rejected()).toEqual([]);
  });
});

describe("restart", () => {
  test("a quiz left running is resumed by the restarted bot, which also counts the votes", async () => {
    const first = await new FakeTelegram().start();
    const store = new MemoryStore();
    const trainer = user("Giảng viên");
    const chat = group(-100800);
    // A long lead: the bot is stopped before question 1 is asked.
    const before = await startQuizBot(first, store, { seconds: 30, leadMs: 600_000 });
    await exchange(first, chat, trainer, "/quiz Chỉ thị 997 2");
    await before.stop();
    await first.close();
    expect(first.calls.filter((c) => c.method === "sendPoll")).toEqual([]);

    const second = await new FakeTelegram(1000).start();
    const after = await startQuizBot(second, store, { seconds: 30 });
    try {
      const poll = await second.waitFor((c) => c.method === "sendPoll" && c.body.chat_id === chat.id);
      expect(poll.body.question).toMatch(/^Câu 1\/2: /);
      second.vote(trainer, poll.result.poll.id, poll.body.correct_option_ids);
      const sessions = new QuizSessions(store);
      await until(async () => (await sessions.leaderboard(`telegram:${chat.id}`)).rows.length > 0, "the vote counted");
      expect((await sessions.leaderboard(`telegram:${chat.id}`)).rows).toMatchObject([{ name: "Giảng viên", correct: 1 }]);
    } finally {
      await after.stop();
      await second.close();
    }
  });
});

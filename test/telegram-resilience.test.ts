/**
 * The Telegram bot when things go wrong: 429s and 500s from the server, an engine that throws,
 * shutdown while a question is in flight (in process, and `npm start` receiving SIGTERM), and
 * webhook mode with its secret token.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, expect, test, vi } from "vitest";
import type { Chat, User } from "grammy/types";
import { texts } from "../src/chat/texts.js";
import type { ChatEngine } from "../src/chat/types.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { buildChatCorpus, type ChatCorpus } from "./fakes/chat-corpus.js";
import { REPO_ROOT } from "./helpers/shared.js";
import { startTestBot, type TestBot, type TestBotOptions } from "./fakes/telegram-bot.js";
import { FakeTelegram, parseTelegramHtml, type FakeCall } from "./fakes/telegram-server.js";

let corpus: ChatCorpus;
beforeAll(async () => {
  corpus = await buildChatCorpus();
});
afterAll(() => corpus?.cleanup());

const running: Array<{ fake: FakeTelegram; bot?: TestBot }> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const { fake, bot } of running.splice(0)) {
    await bot?.stop().catch(() => undefined);
    await fake.close();
  }
});

async function setup(o: Partial<TestBotOptions> = {}) {
  const fake = await new FakeTelegram().start();
  const entry: { fake: FakeTelegram; bot?: TestBot } = { fake };
  running.push(entry);
  entry.bot = await startTestBot(fake, { engine: corpus.engine, ...o });
  return { fake, bot: entry.bot };
}

const alice: User = { id: 42, is_bot: false, first_name: "An" };
const chat: Chat.PrivateChat = { id: 42, type: "private", first_name: "An" };
const QUESTION = "luống xương rồng được tưới mấy lần?";
const isAnswer = (c: FakeCall) => c.method === "sendMessage" && !c.error && parseTelegramHtml(c.body.text).includes("Luống xương rồng được tưới một lần mỗi tuần.");

test("a 429 is retried after retry_after (auto-retry), and the answer arrives", async () => {
  const { fake } = await setup();
  fake.fail("sendMessage", 1, { status: 429, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
  fake.send({ chat, from: alice, text: QUESTION });
  await fake.waitFor(isAnswer);
  const attempts = fake.calls.filter((c) => c.method === "sendMessage");
  expect(attempts.map((c) => c.error)).toEqual(["injected 429", undefined]);
});

test("500s from getUpdates and sendMessage are retried with backoff; the answer arrives", async () => {
  const { fake } = await setup();
  // auto-retry waits 3 s, then 6 s, between attempts: on a fake clock, advanced while real I/O runs.
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  fake.fail("getUpdates", 1, { status: 502, error_code: 502, description: "Bad Gateway" });
  fake.fail("sendMessage", 1, { status: 500, error_code: 500, description: "Internal Server Error" });
  fake.send({ chat, from: alice, text: QUESTION });
  let answered = false;
  const answer = fake.waitFor(isAnswer, 0, 3_600_000).finally(() => (answered = true));
  const realEnd = Date.now() + 30_000;
  while (!answered && Date.now() < realEnd) {
    await vi.advanceTimersByTimeAsync(100);
    await new Promise((r) => setImmediate(r));
  }
  await answer;
  expect(fake.calls.filter((c) => c.method === "getUpdates").map((c) => c.error)).toContain("injected 502");
  expect(fake.calls.filter((c) => c.method === "sendMessage").map((c) => c.error)).toEqual(["injected 500", undefined]);
});

test("a server that keeps failing: the error is logged with the update id, the user told, the bot keeps running", async () => {
  const { fake, bot } = await setup({ retry: { maxRetryAttempts: 0 } });
  fake.fail("sendMessage", 1, { status: 500, error_code: 500, description: "Internal Server Error" });
  const updateId = fake.push({ message: { message_id: 9001, date: 0, chat, from: alice, text: "luống rau mầm tưới mấy lần?" } });
  await fake.waitFor((c) => c.method === "sendMessage" && !c.error && c.body.text === texts.error);
  expect(bot.logs.find((l) => l.msg === "telegram handler failed")).toMatchObject({ level: 50, updateId });

  fake.send({ chat, from: alice, text: QUESTION });
  await fake.waitFor(isAnswer);
  expect(fake.rejected()).toEqual([]);
});

test("an engine error: logged with the update id, the user hears «đã có lỗi», the next question is answered", async () => {
  const chatEngine: ChatEngine = {
    ask: async (q, o) => {
      if (q.includes("nổ")) throw new Error("engine exploded");
      return corpus.engine.ask(q, o);
    },
    catalog: () => corpus.engine.catalog(),
    unitText: (d, u) => corpus.engine.unitText(d, u),
  };
  const { fake, bot } = await setup({ chatEngine });
  const group: Chat.SupergroupChat = { id: -500, type: "supergroup", title: "Nhóm" };
  const m = fake.send({ chat: group, from: alice, text: "/hoi câu hỏi làm nổ máy" });
  const reply = await fake.waitFor((c) => c.method === "sendMessage" && c.body.text === texts.error);
  expect(reply.body.reply_parameters.message_id).toBe(m.message_id);
  expect(texts.error).toContain("đã có lỗi");
  expect(bot.logs.find((l) => l.msg === "telegram handler failed")).toMatchObject({ updateId: expect.any(Number), err: { message: "engine exploded" } });
  fake.send({ chat, from: alice, text: QUESTION });
  await fake.waitFor(isAnswer);
});

test("shutdown while a question is in flight: the answer is sent, then polling stops", async () => {
  const { fake, bot } = await setup();
  const typing = fake.hold("sendChatAction");
  fake.send({ chat, from: alice, text: QUESTION });
  await typing.arrived;
  const stopping = bot.stop();
  typing.release();
  await stopping;
  // stop() resolved only after the in-flight answer was delivered.
  expect(fake.calls.some(isAnswer)).toBe(true);
  running[running.length - 1].bot = undefined;
});

test("webhook mode: secret token checked, update acknowledged, answer sent; setWebhook registered", async () => {
  const secret = "hooks-secret-123";
  const { fake, bot } = await setup({ env: { TELEGRAM_MODE: "webhook", TELEGRAM_WEBHOOK_SECRET: secret, TELEGRAM_WEBHOOK_URL: "https://bot.example.org/tg-hook" } });
  expect(fake.calls.find((c) => c.method === "setWebhook")?.body).toMatchObject({ url: "https://bot.example.org/tg-hook", secret_token: secret });
  expect(fake.calls.some((c) => c.method === "getUpdates")).toBe(false);
  const update = { update_id: 1, message: { message_id: 1, date: 0, chat, from: alice, text: QUESTION } };
  const post = (token?: string) =>
    fetch(`http://127.0.0.1:${bot.webhookPort}/tg-hook`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { "x-telegram-bot-api-secret-token": token } : {}) },
      body: JSON.stringify(update),
    });
  expect((await post("wrong")).status).toBe(401);
  expect((await post(secret)).status).toBe(200);
  await fake.waitFor(isAnswer);
  // Telegram re-sends an update it thinks was lost: answered once only.
  expect((await post(secret)).status).toBe(200);
  await bot.stop();
  running[running.length - 1].bot = undefined;
  expect(fake.calls.filter(isAnswer)).toHaveLength(1);
});

test("`npm start` with a token: SIGTERM lets the in-flight answer go out, then the process exits cleanly", async () => {
  const fake = await new FakeTelegram().start();
  running.push({ fake });
  const storePath = path.join(path.dirname(corpus.indexDir), "store.db");
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "start"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      INDEX_DIR: corpus.indexDir,
      CORPUS_DIR: corpus.corpusDir,
      STORE_PATH: storePath,
      EMBEDDER: "none",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await fake.waitFor((c) => c.method === "getUpdates", 0, 30_000);
  expect(fake.calls.find((c) => c.method === "setMyCommands")).toBeDefined();

  const typing = fake.hold("sendChatAction");
  fake.send({ chat, from: alice, text: QUESTION });
  await typing.arrived;
  child.kill("SIGTERM");
  typing.release();
  expect(await exited).toBe(0);
  expect(fake.calls.some(isAnswer)).toBe(true);
  expect(stderr).toContain("shutting down");
  // The store was closed cleanly and kept the question log.
  const store = new SqliteStore(storePath);
  expect((await store.recent("questions", 5)).length).toBe(1);
  await store.close();
}, 60_000);

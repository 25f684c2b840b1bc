/**
 * Throughput and latency of the whole Telegram bot (runner, conversation, offline engine, SQLite
 * store, HTML rendering, HTTP) against the fake Bot API server on 127.0.0.1. The fake runs in a
 * worker thread (this same file), as Telegram would run elsewhere, so the bot's thread does only
 * the bot's work. N chats ask at once, each sending its next question when the previous answer
 * arrived; latency runs from the update being available to the server receiving the answer.
 * `npx tsx scripts/bench/telegram.ts [chats] [perChat]`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { UserFromGetMe } from "grammy/types";
import { pino } from "pino";
import { Conversation } from "../../src/chat/conversation.js";
import { startTelegram } from "../../src/channels/telegram/start.js";
import { WebhookServer } from "../../src/channels/webhooks.js";
import { loadConfig } from "../../src/config/env.js";
import type { Engine } from "../../src/engine/engine.js";
import { SqliteStore } from "../../src/store/sqlite.js";
import { buildChatCorpus, SAMPLE_QUESTIONS as QUESTIONS } from "../../test/fakes/chat-corpus.js";
import { FakeTelegram } from "../../test/fakes/telegram-server.js";


export interface TelegramBenchOptions {
  chats?: number;
  questionsPerChat?: number;
  /** An engine to use; by default the chat tests' corpus (user guide + invented regulation). */
  engine?: Engine;
}

export interface TelegramBenchResult extends Record<string, number> {
  chats: number;
  answers: number;
  seconds: number;
  answersPerSecond: number;
  p50Ms: number;
  p95Ms: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

export async function runTelegramBench(o: TelegramBenchOptions = {}): Promise<TelegramBenchResult> {
  const chats = o.chats ?? 50;
  const perChat = o.questionsPerChat ?? 20;
  const corpus = o.engine ? undefined : await buildChatCorpus();
  const engine = o.engine ?? corpus!.engine;
  const dir = mkdtempSync(path.join(os.tmpdir(), "hvb-bench-tg-"));
  const fake = await startFakeWorker();
  const config = loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, RATE_LIMIT_PER_MINUTE: "1000000" });
  // Production-like: one info line per question, written (to /dev/null) synchronously.
  const log = pino({ level: "info", base: undefined }, pino.destination({ dest: "/dev/null", sync: true }));
  const store = new SqliteStore(path.join(dir, "store.db"));
  const conversation = new Conversation({ engine, store, log, config });
  const channel = await startTelegram({ engine, config, store, log, conversation, webhooks: new WebhookServer(0, log) }, { botInfo: fake.botInfo });
  if (!channel) throw new Error("telegram did not start");

  // Warm-up: JIT, sockets, SQLite statements.
  await Promise.all(Array.from({ length: Math.min(chats, 10) }, (_, i) => fake.ask(1_000_000 + i, QUESTIONS[i % QUESTIONS.length])));

  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: chats }, async (_, c) => {
      for (let q = 0; q < perChat; q++) latencies.push(await fake.ask(c + 1, QUESTIONS[(c + q) % QUESTIONS.length]));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await channel.stop();
  await store.close();
  await fake.close();
  corpus?.cleanup();
  rmSync(dir, { recursive: true, force: true });

  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (x: number) => Number(x.toFixed(2));
  return { chats, answers: sorted.length, seconds: round(seconds), answersPerSecond: round(sorted.length / seconds), p50Ms: round(percentile(sorted, 0.5)), p95Ms: round(percentile(sorted, 0.95)) };
}

interface FakeWorker {
  token: string;
  apiRoot: string;
  botInfo: UserFromGetMe;
  /** Pushes a question; resolves with the ms until the server received the answer. */
  ask(chatId: number, text: string): Promise<number>;
  close(): Promise<void>;
}

async function startFakeWorker(): Promise<FakeWorker> {
  // Loader hooks do not reach worker threads in Node 20: the worker registers tsx itself.
  const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { role: "fake-telegram" } });
  const pending = new Map<number, (ms: number) => void>();
  const ready = await new Promise<{ token: string; apiRoot: string; botInfo: UserFromGetMe }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  worker.on("message", (m: { chatId: number; ms: number }) => {
    pending.get(m.chatId)?.(m.ms);
    pending.delete(m.chatId);
  });
  return {
    ...ready,
    ask: (chatId, text) =>
      new Promise((resolve) => {
        pending.set(chatId, resolve);
        worker.postMessage({ chatId, text });
      }),
    close: async () => void (await worker.terminate()),
  };
}

/** The worker side: a FakeTelegram that times each chat's update → first message sent back. */
async function serveFake(): Promise<void> {
  const fake = await new FakeTelegram().start();
  const asked = new Map<number, number>();
  fake.subscribe((c) => {
    const at = c.method === "sendMessage" && !c.error ? asked.get(c.body.chat_id) : undefined;
    if (at === undefined) return;
    asked.delete(c.body.chat_id);
    parentPort!.postMessage({ chatId: c.body.chat_id, ms: performance.now() - at });
  });
  parentPort!.on("message", ({ chatId, text }: { chatId: number; text: string }) => {
    asked.set(chatId, performance.now());
    fake.send({ chat: { id: chatId, type: "private", first_name: "B" }, from: { id: chatId, is_bot: false, first_name: "B" }, text });
  });
  parentPort!.postMessage({ token: fake.token, apiRoot: fake.apiRoot, botInfo: fake.botInfo });
}

if (!isMainThread && workerData?.role === "fake-telegram") await serveFake();
else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [chats, perChat] = process.argv.slice(2).map(Number);
  console.log(JSON.stringify(await runTelegramBench({ chats: chats || undefined, questionsPerChat: perChat || undefined })));
}

/**
 * A quiz survives a store outage: the real Telegram channel over a real redis-server (kept on disk,
 * so a restart has its data back) runs a two-question quiz; Redis is killed before question 1's
 * deadline and restarted after it. The quiz goes on to question 2 and its leaderboard, and the
 * group can start the next quiz — no silent stall.
 */
import type { Chat, User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Conversation } from "../src/chat/conversation.js";
import { ChatQuiz } from "../src/chat/quiz.js";
import { startTelegram } from "../src/channels/telegram/start.js";
import { WebhookServer } from "../src/channels/webhooks.js";
import { loadConfig } from "../src/config/env.js";
import { FallbackStore } from "../src/store/fallback.js";
import { MemoryStore } from "../src/store/memory.js";
import { RedisStore } from "../src/store/redis.js";
import { captureLogger } from "./fakes/telegram-bot.js";
import { FakeTelegram, parseTelegramHtml } from "./fakes/telegram-server.js";
import { buildToolsCorpus } from "./fakes/tools-corpus.js";
import { tempDir } from "./helpers/files.js";
import type { TestCorpus } from "./helpers/engine.js";
import { redisInstalled, RedisServer } from "./helpers/redis.js";

const SECONDS = 5;

describe.skipIf(!redisInstalled)("a Redis outage across a quiz question's deadline", () => {
  let corpus: TestCorpus;
  let fake: FakeTelegram;
  let redis: RedisServer;
  let stop: () => Promise<void>;
  let logs: Array<Record<string, any>>;

  beforeAll(async () => {
    [corpus, fake, redis] = await Promise.all([buildToolsCorpus(), new FakeTelegram().start(), RedisServer.start({ dataDir: tempDir("hvb-redis-") })]);
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot });
    const captured = captureLogger();
    logs = captured.logs;
    const log = captured.log;
    const store = new FallbackStore(await RedisStore.connect(redis.url, { log }), new MemoryStore(), log);
    const engine = corpus.engine;
    const quiz = new ChatQuiz({ engine, store, log, questionSeconds: SECONDS, leadMs: 0 });
    const conversation = new Conversation({ engine, store, log, config, quiz });
    const running = await startTelegram({ engine, config, store, log, conversation, webhooks: new WebhookServer(0, log) }, { botInfo: fake.botInfo });
    stop = async () => {
      await running?.stop();
      await store.close();
    };
  });
  afterAll(async () => {
    await stop?.();
    await fake?.close();
    await redis?.stop();
  });

  it("goes on to the next question and the leaderboard once Redis is back; the next /quiz is accepted", async () => {
    const chat: Chat.SupergroupChat = { id: -100900, type: "supergroup", title: "Chi bộ thử nghiệm" };
    const trainer: User = { id: 6001, is_bot: false, first_name: "Giảng viên" };
    const since = fake.calls.length;
    fake.send({ chat, from: trainer, text: "/quiz@HoiVanBanBot Chỉ thị 997 2" });
    const first = await fake.waitFor((c) => c.method === "sendPoll" && c.body.chat_id === chat.id, since, 30_000);
    expect(first.body.question).toMatch(/^Câu 1\/2: /);
    await redis.kill();
    // The timer fires at the deadline while Redis is down: it must keep waiting, not give up.
    const down = logs.length;
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (logs.slice(down).some((l) => l.msg?.startsWith("quiz session unreadable"))) clearInterval(check), resolve();
      }, 50);
    });
    await redis.restart();
    const second = await fake.waitFor((c) => c.method === "sendPoll" && c.body.chat_id === chat.id && /^Câu 2\/2: /.test(c.body.question), since, 60_000);
    expect(second.error).toBeUndefined();
    await fake.waitFor((c) => c.method === "sendMessage" && c.body.chat_id === chat.id && parseTelegramHtml(c.body.text).startsWith("Kết quả: "), since, 60_000);
    const again = fake.calls.length;
    fake.send({ chat, from: trainer, text: "/quiz@HoiVanBanBot Chỉ thị 997 1" });
    const next = await fake.waitFor((c) => c.method === "sendMessage" && c.body.chat_id === chat.id, again, 30_000);
    expect(parseTelegramHtml(next.body.text)).toMatch(/^🏁 Bắt đầu cuộc thi/);
  }, 120_000);
});

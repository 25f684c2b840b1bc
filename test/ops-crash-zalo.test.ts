/**
 * No Zalo message is lost to a crash either: a real `main.ts start` process (Zalo webhook mode,
 * Redis) stores each event before its 200, is killed with SIGKILL mid-burst and started again;
 * what it acknowledged but had not answered is taken over from the inbox, and what it never
 * acknowledged the platform sends again. Every message gets its answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_WEBHOOK_PATH } from "../src/channels/zalo/start.js";
import { buildChatCorpus, type ChatCorpus } from "./fakes/chat-corpus.js";
import { FakeZaloServer, textUpdate, type FakeUpdate } from "./fakes/zalo-server.js";
import { startInstance, type Instance } from "./helpers/instances.js";
import { redisInstalled, RedisServer } from "./helpers/redis.js";
import { until } from "./helpers/wait.js";

const SECRET = "zalo-crash-secret-123";
const QUESTIONS = ["luống xương rồng được tưới mấy lần?", "/vanban", "sổ theo dõi ghi những gì?", "/help"];

let corpus: ChatCorpus;
beforeAll(async () => {
  corpus = await buildChatCorpus();
});
afterAll(() => corpus?.cleanup());

/** POSTs an event to the instance's Zalo webhook as the platform does [docs]: wrapped, with the secret header. */
async function post(port: number, update: FakeUpdate): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}${DEFAULT_WEBHOOK_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-bot-api-secret-token": SECRET },
    body: JSON.stringify({ ok: true, result: update }),
  });
  await res.text();
  return res.status;
}

describe("kill -9 under load loses no Zalo message", () => {
  it.skipIf(!redisInstalled)("webhooks with Redis: every acknowledged event is answered; unacknowledged ones come again", async () => {
    const [fake, redis] = await Promise.all([new FakeZaloServer().start(), RedisServer.start()]);
    const env = {
      ZALO_BOT_TOKEN: fake.token,
      ZALO_API_ROOT: fake.apiRoot,
      ZALO_MODE: "webhook",
      ZALO_WEBHOOK_SECRET: SECRET,
      REDIS_URL: redis.url,
      INDEX_DIR: corpus.indexDir,
      CORPUS_DIR: corpus.corpusDir,
      RATE_LIMIT_PER_MINUTE: "100000",
    };
    // One private chat per message: a chat that got a reply is a message answered.
    const updates = Array.from({ length: 150 }, (_, i) => textUpdate(QUESTIONS[i % QUESTIONS.length], { userId: `zu-${i}`, id: `zm-${i}` }));
    const chats = updates.map((u) => (u.message!.chat as { id: string }).id);
    const answered = () => new Set(fake.sent.map((m) => m.chat_id));
    let bot: Instance | undefined;
    try {
      bot = await startInstance(env);
      const acked = new Set<number>();
      const port = bot.port;
      const posting = Promise.all(updates.map((u, i) => post(port, u).then((s) => void (s === 200 && acked.add(i)), () => undefined)));
      await until(() => answered().size >= 30, "the first answers", 60_000);
      await bot.kill();
      await posting;
      expect(answered().size).toBeLessThan(updates.length);
      bot = await startInstance(env);
      // The platform sends again what got no 200, and may send an acknowledged event twice.
      for (const [i, u] of updates.entries()) if (!acked.has(i)) expect(await post(bot.port, u)).toBe(200);
      for (const u of updates.slice(0, 20)) expect(await post(bot.port, u)).toBe(200);
      await until(() => chats.every((c) => answered().has(c)), "every message answered", 120_000);
      console.log(`zalo webhook: ${acked.size} of ${chats.length} acknowledged before the kill, all answered after the restart`);
    } finally {
      await bot?.kill();
      await Promise.allSettled([fake.stop(), redis.stop()]);
    }
  }, 240_000);
});

/**
 * Scale-out, proven with real processes: two `main.ts start` instances in Telegram webhook mode
 * sharing a real redis-server and one index directory, the fake Bot API on 127.0.0.1 receiving
 * their answers. A request without the secret is refused; a duplicate delivery is answered once
 * whichever instance gets it; a flood from
 * one user is limited across instances while others are served; a follow-up may land on the other
 * instance; Redis killed and restarted under load costs no answer and no process; a kill -9 during
 * an ingest leaves the instances answering, and the completed ingest reaches both without restart.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../src/ingest/ingest.js";
import { currentVersion } from "../src/index/store.js";
import { buildChatCorpus, type ChatCorpus } from "./fakes/chat-corpus.js";
import { FakeTelegram, type FakeCall } from "./fakes/telegram-server.js";
import { deliver, instanceEnv, startInstance, textUpdate, type Instance } from "./helpers/instances.js";
import { redisInstalled, RedisServer } from "./helpers/redis.js";
import { REPO_ROOT } from "./helpers/shared.js";

const RATE_LIMIT = 5;

describe.skipIf(!redisInstalled)("several instances sharing Redis (webhook mode)", () => {
  let corpus: ChatCorpus;
  let redis: RedisServer;
  let fake: FakeTelegram;
  let a: Instance;
  let b: Instance;
  let nextUser = 5000;
  const user = () => nextUser++;

  beforeAll(async () => {
    [corpus, redis, fake] = await Promise.all([buildChatCorpus(), RedisServer.start(), new FakeTelegram().start()]);
    const env = instanceEnv(fake, redis, corpus, RATE_LIMIT);
    [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
  });

  afterAll(async () => {
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await Promise.allSettled([fake?.close(), redis?.stop()]);
    corpus?.cleanup();
  });

  const toUser = (id: number) => (c: FakeCall) => c.method === "sendMessage" && !c.error && c.body.chat_id === id;
  const messagesTo = (id: number) => fake.calls.filter(toUser(id));

  /** Delivers a question to an instance and resolves with the (first) message answering it. */
  async function ask(to: Instance, userId: number, text: string): Promise<FakeCall> {
    const since = fake.calls.length;
    expect(await deliver(to.port, textUpdate(fake, userId, text))).toBe(200);
    return fake.waitFor(toUser(userId), since);
  }

  it("answers a duplicate delivery once, whichever instance receives it", async () => {
    const u = user();
    const update = textUpdate(fake, u, "/vanban");
    const statuses = await Promise.all([deliver(a.port, update), deliver(b.port, update), deliver(a.port, update), deliver(b.port, update)]);
    expect(statuses).toEqual([200, 200, 200, 200]);
    // Each instance handles a chat's updates in order: once its later /help is answered, its
    // copies of the duplicate have been dealt with too.
    await ask(a, u, "/help");
    await ask(b, u, "/help");
    expect(messagesTo(u).filter((c) => c.result.text.startsWith("Danh mục văn bản"))).toHaveLength(1);
  });

  it("refuses a webhook request without the right secret", async () => {
    const u = user();
    expect(await deliver(a.port, textUpdate(fake, u, "/help"), "sai-bi-mat")).toBe(401);
    // The same chat's next genuine message is the only one answered.
    await ask(a, u, "/vanban");
    expect(messagesTo(u)).toHaveLength(1);
  });

  it("limits a flooding user across instances while other users are served", async () => {
    const flooder = user();
    const others = [user(), user(), user()];
    const flood = Array.from({ length: 20 }, (_, i) => deliver(i % 2 ? a.port : b.port, textUpdate(fake, flooder, "/help")));
    const served = others.map((u, i) => ask(i % 2 ? a : b, u, "/help"));
    await Promise.all([...flood, ...served]);
    for (const u of others) expect(messagesTo(u)).toHaveLength(1);
    // All 20 were counted (shared counter) before checking that only 5 answers and one notice went out.
    const client = new Redis(redis.url);
    for (let i = 0; i < 300 && Number(await client.get(`rl:telegram:${flooder}`)) < 20; i++) await new Promise((r) => setTimeout(r, 50));
    expect(Number(await client.get(`rl:telegram:${flooder}`))).toBe(20);
    client.disconnect();
    await fake.waitFor((c) => toUser(flooder)(c) && c.result.text.startsWith("Bạn hỏi hơi nhanh"));
    const got = messagesTo(flooder).map((c) => c.result.text as string);
    expect(got.filter((t) => t.startsWith("Cách hỏi"))).toHaveLength(RATE_LIMIT);
    expect(got.filter((t) => t.startsWith("Bạn hỏi hơi nhanh"))).toHaveLength(1);
    expect(got).toHaveLength(RATE_LIMIT + 1);
  });

  it("shares the conversation: a follow-up can land on the other instance", async () => {
    const u = user();
    const first = await ask(a, u, "luống xương rồng được tưới mấy lần?");
    expect(first.result.text).toMatch(/Điều 4/);
    const next = await ask(b, u, "còn khoản 3 thì sao?");
    expect(next.result.text).toMatch(/Khoản 3 Điều 4/i);
    expect(next.result.text).toMatch(/trời mưa liên tục ba ngày/);
  });

  it("keeps answering while Redis is killed and restarted under load, then shares state again", async () => {
    const errors: string[] = [];
    let answered = 0;
    let stop = false;
    // Eight clients each ask, wait for the answer and ask again, alternating instances; every
    // question from a new user, so the rate limit stays out of the picture.
    const load = Array.from({ length: 8 }, async (_, i) => {
      for (let n = 0; !stop; n++) {
        const reply = await ask((i + n) % 2 ? a : b, user(), "/help");
        if (!reply.result.text.startsWith("Cách hỏi")) errors.push(reply.result.text);
        answered++;
      }
    });
    const until = async (n: number) => {
      while (answered < n) await new Promise((r) => setTimeout(r, 20));
    };
    // Phases are driven by answers received, not by time.
    await until(20);
    await redis.kill();
    const down = answered;
    await until(down + 30);
    await redis.restart();
    const reconnected = (i: Instance) => i.logs.some((l) => l.msg === "redis reconnected");
    while (!reconnected(a) || !reconnected(b)) await new Promise((r) => setTimeout(r, 50));
    const up = answered;
    await until(up + 30);
    stop = true;
    await Promise.all(load);

    expect(errors).toEqual([]);
    expect(a.proc.exitCode).toBeNull();
    expect(b.proc.exitCode).toBeNull();
    for (const i of [a, b]) expect(i.logs.some((l) => l.msg?.startsWith("shared store unavailable"))).toBe(true);
    // Answers during the outage came from per-instance state; now the shared store is used again.
    const u = user();
    const update = textUpdate(fake, u, "/vanban");
    await Promise.all([deliver(a.port, update), deliver(b.port, update)]);
    await ask(a, u, "/help");
    await ask(b, u, "/help");
    expect(messagesTo(u).filter((c) => c.result.text.startsWith("Danh mục văn bản"))).toHaveLength(1);
    for (const i of [a, b]) expect(i.logs.some((l) => l.msg === "shared store back: using it again")).toBe(true);
  });

  it("keeps answering through a kill -9 during ingest; the completed ingest reaches every instance", async () => {
    const before = currentVersion(corpus.indexDir);
    const big = path.join(corpus.corpusDir, "big");
    mkdirSync(big);
    for (let i = 0; i < 120; i++) writeFileSync(path.join(big, `quy-dinh-${i}.txt`), syntheticRegulation(i));
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "ingest", "--from", corpus.corpusDir, "--index", corpus.indexDir], { cwd: REPO_ROOT, stdio: "ignore" });
    const lock = path.join(corpus.indexDir, "ingest.lock");
    while (!existsSync(lock) && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    // Answers while the ingest runs…
    expect((await ask(a, user(), "luống xương rồng được tưới mấy lần?")).result.text).toMatch(/Điều 4/);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(currentVersion(corpus.indexDir)).toBe(before);
    // …and after it was killed, from the old version.
    expect((await ask(b, user(), "luống xương rồng được tưới mấy lần?")).result.text).toMatch(/Điều 4/);

    const done = await ingest({ from: corpus.corpusDir, indexDir: corpus.indexDir, embedder: null });
    expect(done.reports.filter((r) => r.status === "failed")).toEqual([]);
    // Both instances switch by themselves (index watcher); ask each until it knows the new text.
    for (const i of [a, b]) {
      for (let n = 0; ; n++) {
        const reply = await ask(i, user(), "đơn vị mẫu số 77 phải nộp báo cáo quý trong thời hạn bao lâu");
        if (/Quy định mẫu số 77|quy-dinh-77|77\/2099/i.test(reply.result.text)) break;
        if (n > 100) throw new Error(`instance never switched: ${reply.result.text}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(i.logs.some((l) => l.msg === "index reloaded" && l.to === done.version)).toBe(true);
    }
  });
});

/** An invented regulation whose article names its own number, so each is findable. */
function syntheticRegulation(i: number): string {
  const articles = Array.from(
    { length: 40 },
    (_, k) => `Điều ${k + 1}. Nghĩa vụ thứ ${k + 1}\nĐơn vị mẫu số ${i} phải nộp báo cáo quý loại ${k + 1} trong thời hạn ${k + 5} ngày kể từ ngày kết thúc quý.`,
  );
  return `QUY ĐỊNH MẪU SỐ ${i}\nSố: ${i}/2099/QĐ-MẪU\n\n${articles.join("\n\n")}\n`;
}

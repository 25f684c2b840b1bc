/**
 * Privacy by default, against the real `main.ts` processes: the SQLite store and a fresh index are
 * private to their owner (0600 files, 0700 folders); a failed Bot API call and the question log
 * hold no question or answer text and no chat or user id; /chuatraloi shows an unanswered question
 * with its phone number, e-mail and name masked (and the store never held them); `npm run forget`
 * erases what the store keeps about a user; with Redis every key but the logs carries an expiry.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildChatCorpus, type ChatCorpus } from "./fakes/chat-corpus.js";
import { FakeTelegram } from "./fakes/telegram-server.js";
import { tempDir } from "./helpers/files.js";
import { deliver, pollingEnv, startInstance, textUpdate, type Instance } from "./helpers/instances.js";
import { redisInstalled, RedisServer } from "./helpers/redis.js";
import { REPO_ROOT } from "./helpers/shared.js";

const ADMIN = 313131;
const USER = 918273645;
const QUESTION = "Đồng chí Nguyễn Văn Bình (0912 345 678, binh.nv@example.vn) hỏi chế độ nuôi cá sấu trên sao hỏa";
const SECRETS = ["0912", "345 678", "Bình", "binh.nv", "example.vn", "cá sấu", "sao hỏa", String(USER)];

const mode = (p: string) => statSync(p).mode & 0o777;
const cli = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: REPO_ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, encoding: "utf8" });

describe("with the embedded SQLite store", () => {
  let corpus: ChatCorpus;
  let fake: FakeTelegram;
  let bot: Instance;
  let storePath: string;

  beforeAll(async () => {
    [corpus, fake] = await Promise.all([buildChatCorpus(), new FakeTelegram().start()]);
    storePath = path.join(tempDir("hvb-privacy-"), "data", "store.db");
    bot = await startInstance(pollingEnv(fake, corpus, { STORE_PATH: storePath, ADMIN_IDS: String(ADMIN) }));
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    corpus?.cleanup();
  });

  const chat = (id: number) => ({ id, type: "private" as const, first_name: "X" });
  const person = (id: number) => ({ id, is_bot: false, first_name: "Bình" });
  const replyTo = (id: number, since: number) => fake.waitFor((c) => c.method === "sendMessage" && !c.error && c.body.chat_id === id, since, 30_000);

  it("creates the database private: 0600, in a 0700 folder", () => {
    expect(mode(storePath)).toBe(0o600);
    expect(mode(path.dirname(storePath))).toBe(0o700);
  });

  it("logs a failed Bot API call and the question without their text or ids", async () => {
    fake.fail("sendMessage", 1, { status: 400, error_code: 400, description: "Bad Request: message to be replied not found" });
    const since = fake.calls.length;
    fake.send({ chat: chat(USER), from: person(USER), text: QUESTION });
    await fake.waitFor((c) => c.method === "sendMessage" && c.error !== undefined && c.body.chat_id === USER, since);
    await replyTo(USER, since);
    await new Promise((r) => setTimeout(r, 300));
    const failed = bot.logs.find((l) => l.msg === "telegram handler failed");
    expect(failed?.err).toMatchObject({ name: "GrammyError", method: "sendMessage", code: 400 });
    expect(bot.logs.some((l) => l.msg === "question")).toBe(true);
    const all = JSON.stringify(bot.logs);
    for (const s of SECRETS) expect(all).not.toContain(s);
  });

  it("/chuatraloi masks the phone number, e-mail and name; the store never held them", async () => {
    const since = fake.calls.length;
    fake.send({ chat: chat(ADMIN), from: person(ADMIN), text: "/chuatraloi" });
    const text = (await replyTo(ADMIN, since)).result.text as string;
    expect(text).toContain("Đồng chí [tên] ([số điện thoại], [email]) hỏi chế độ nuôi cá sấu trên sao hỏa");
    const db = new Database(storePath, { readonly: true, fileMustExist: true });
    const rows = JSON.stringify(db.prepare("SELECT record FROM log").all());
    db.close();
    for (const s of ["0912", "Bình", "binh.nv"]) expect(rows).not.toContain(s);
  });

  it("`forget <user id>` erases what the store keeps about that user", async () => {
    const db = new Database(storePath, { readonly: true, fileMustExist: true });
    const mine = () => (db.prepare("SELECT key FROM kv").all() as Array<{ key: string }>).map((r) => r.key).filter((k) => k.split(":").includes(String(USER)));
    expect(mine().length).toBeGreaterThan(0);
    const run = cli(["forget", String(USER)], { STORE_PATH: storePath });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Đã xoá \d+ mục/);
    expect(mine()).toEqual([]);
    db.close();
  });

  it("a new index is private too: 0700 folders, 0600 files", () => {
    const index = path.join(tempDir("hvb-private-index-"), "index");
    const run = cli(["ingest", "--from", corpus.corpusDir, "--index", index], {});
    expect(run.status, run.stderr).toBe(0);
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [path.join(d, e.name), ...walk(path.join(d, e.name))] : [path.join(d, e.name)]));
    const entries = [index, ...walk(index)];
    for (const p of entries) expect([p, mode(p)]).toEqual([p, statSync(p).isDirectory() ? 0o700 : 0o600]);
  });
});

describe.skipIf(!redisInstalled)("with Redis", () => {
  it("every key the bot writes, except logs and the inbox, expires (EXPIRE/PX)", async () => {
    const [corpus, fake, redis] = await Promise.all([buildChatCorpus(), new FakeTelegram().start(), RedisServer.start()]);
    let bot: Instance | undefined;
    try {
      bot = await startInstance({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, REDIS_URL: redis.url, INDEX_DIR: corpus.indexDir, CORPUS_DIR: corpus.corpusDir });
      const since = fake.calls.length;
      expect(await deliver(bot.port, textUpdate(fake, USER, "luống xương rồng được tưới mấy lần?"))).toBe(200);
      await fake.waitFor((c) => c.method === "sendMessage" && c.body.chat_id === USER, since);
      const client = new Redis(redis.url);
      const keys = await client.keys("*");
      const lasting = [];
      for (const k of keys) if ((await client.pttl(k)) === -1) lasting.push(k);
      client.disconnect();
      expect(keys.some((k) => k.startsWith("ctx:") || k.startsWith("rl:"))).toBe(true);
      expect(lasting.filter((k) => !/^(log:|inbox)/.test(k))).toEqual([]);
    } finally {
      await bot?.stop();
      await Promise.allSettled([fake.close(), redis.stop()]);
      corpus.cleanup();
    }
  }, 120_000);
});

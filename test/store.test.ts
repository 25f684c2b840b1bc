/**
 * One contract for every Store: MemoryStore, SqliteStore (a file, WAL) and RedisStore (a real
 * redis-server on a free 127.0.0.1 port). Then what only some promise: SQLite persists across
 * instances and a kill -9; Redis is shared by instances, fails fast while down and recovers;
 * FallbackStore keeps serving through the outage.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FallbackStore } from "../src/store/fallback.js";
import { MemoryStore } from "../src/store/memory.js";
import { LOG_MAX_LEN, RedisStore } from "../src/store/redis.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { StoreUnavailableError, type Store } from "../src/store/store.js";
import { captureLogger } from "./fakes/telegram-bot.js";
import { tempDir } from "./helpers/files.js";
import { REPO_ROOT } from "./helpers/shared.js";
import { redisInstalled, RedisServer } from "./helpers/redis.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: RedisServer | undefined;
beforeAll(async () => {
  if (redisInstalled) redis = await RedisServer.start();
});
afterAll(async () => {
  await redis?.stop();
});

async function flushRedis(): Promise<void> {
  const client = new Redis(redis!.url);
  await client.flushall();
  client.disconnect();
}

const backends: Array<{ name: string; skip?: boolean; open: () => Promise<Store> }> = [
  { name: "MemoryStore", open: async () => new MemoryStore() },
  { name: "SqliteStore", open: async () => new SqliteStore(path.join(tempDir("hvb-store-"), "store.db")) },
  {
    name: "RedisStore",
    skip: !redisInstalled,
    open: async () => {
      await flushRedis();
      return RedisStore.connect(redis!.url);
    },
  },
];

describe.each(backends)("Store contract: $name", ({ skip, open }) => {
  const test = it.skipIf(!!skip);
  let store: Store;
  const fresh = async () => {
    await store?.close();
    store = await open();
    return store;
  };
  afterAll(() => store?.close());

  test("round-trips JSON values; a missing key is undefined", async () => {
    const s = await fresh();
    expect(await s.get("missing")).toBeUndefined();
    const value = { focus: { docId: "nd-73", unit: 12 }, list: [1, "hai", null], text: "Điều 5 <b>&amp;" };
    await s.set("ctx:telegram:1", value);
    expect(await s.get("ctx:telegram:1")).toEqual(value);
    await s.set("n", 42);
    await s.set("str", "chuỗi");
    expect(await s.get("n")).toBe(42);
    expect(await s.get("str")).toBe("chuỗi");
    await s.set("n", 43);
    expect(await s.get("n")).toBe(43);
    await s.delete("n");
    expect(await s.get("n")).toBeUndefined();
  });

  test("expires values after their ttl", async () => {
    const s = await fresh();
    await s.set("short", 1, 40);
    await s.set("long", 2, 60_000);
    await s.set("forever", 3);
    await sleep(120);
    expect(await s.get("short")).toBeUndefined();
    expect(await s.get("long")).toBe(2);
    expect(await s.get("forever")).toBe(3);
  });

  test("setIfAbsent: exactly one of many concurrent callers wins; free again after expiry", async () => {
    const s = await fresh();
    const wins = await Promise.all(Array.from({ length: 20 }, () => s.setIfAbsent("update:telegram:7", 1, 60)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await s.setIfAbsent("update:telegram:7", 1, 60)).toBe(false);
    await sleep(150);
    expect(await s.setIfAbsent("update:telegram:7", 1)).toBe(true);
    expect(await s.setIfAbsent("update:telegram:7", 1)).toBe(false);
  });

  test("incr counts atomically, and the first increment starts the window", async () => {
    const s = await fresh();
    const counts = await Promise.all(Array.from({ length: 30 }, () => s.incr("rl:telegram:5", 80)));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await s.get("rl:telegram:5")).toBe(30);
    await sleep(200);
    expect(await s.incr("rl:telegram:5", 80)).toBe(1);
    expect(await s.incr("no-ttl")).toBe(1);
    expect(await s.incr("no-ttl")).toBe(2);
  });

  test("logs: newest first, limited, filtered by time, separate by name, `at` added", async () => {
    const s = await fresh();
    for (let i = 0; i < 5; i++) await s.append("questions", { i, status: i % 2 ? "answer" : "not_found" });
    await s.append("feedback", { value: "up" });
    const before = Date.now();
    const all = await s.recent<{ i: number }>("questions", 10);
    expect(all.map((r) => r.i)).toEqual([4, 3, 2, 1, 0]);
    expect(all.every((r) => typeof r.at === "number" && r.at <= before && r.at > before - 10_000)).toBe(true);
    expect((await s.recent<{ i: number }>("questions", 2)).map((r) => r.i)).toEqual([4, 3]);
    expect(await s.recent("questions", 10, before + 60_000)).toEqual([]);
    expect(await s.recent("feedback", 10)).toEqual([expect.objectContaining({ value: "up" })]);
    expect(await s.recent("nothing", 10)).toEqual([]);
  });

  test("inbox: an id is enqueued once per window, kept in order until dequeued, claimed by one owner", async () => {
    const s = await fresh();
    const results = await Promise.all([1, 2, 3, 2, 1].map((n) => s.enqueue("tg:1", String(n), { update_id: n, text: "câu hỏi" }, "a", 60_000)));
    expect(results).toEqual([true, true, true, false, false]);
    expect((await s.pending<{ update_id: number }>("tg:1", 10)).map((e) => [e.id, e.value.update_id, e.owner])).toEqual([["1", 1, "a"], ["2", 2, "a"], ["3", 3, "a"]]);
    expect(await s.pending("other", 10)).toEqual([]);
    // Two live processes race for an abandoned entry: one gets it.
    expect(await Promise.all([s.claim("tg:1", "2", "a", "b"), s.claim("tg:1", "2", "a", "c")])).toEqual([true, false]);
    expect((await s.pending("tg:1", 10)).find((e) => e.id === "2")?.owner).toBe("b");
    await s.dequeue("tg:1", "1");
    expect((await s.pending("tg:1", 1)).map((e) => e.id)).toEqual(["2"]);
    // Dequeued is still seen: a re-delivery within the window is dropped…
    expect(await s.enqueue("tg:1", "1", {}, "a", 60_000)).toBe(false);
    // …and accepted again after it.
    expect(await s.enqueue("tg:1", "9", {}, "a", 40)).toBe(true);
    await s.dequeue("tg:1", "9");
    await sleep(80);
    expect(await s.enqueue("tg:1", "9", {}, "a", 40)).toBe(true);
  });
});

describe("SqliteStore on a file", () => {
  it("deletes expired rows from the file on its periodic sweep, not only hides them", async () => {
    const file = path.join(tempDir("hvb-store-"), "store.db");
    const s = new SqliteStore(file, 30);
    await s.set("ctx:telegram:42", { question: "câu hỏi của người dùng" }, 20);
    await s.incr("rl:telegram:42", 20);
    await s.set("keep", 1);
    const rows = () => {
      const raw = new Database(file, { readonly: true });
      const keys = (raw.prepare("SELECT key FROM kv").all() as Array<{ key: string }>).map((r) => r.key);
      raw.close();
      return keys;
    };
    expect(rows()).toHaveLength(3);
    for (let i = 0; i < 100 && rows().length > 1; i++) await sleep(20);
    expect(rows()).toEqual(["keep"]);
    await s.close();
  });

  it("keeps everything across instances, in WAL mode", async () => {
    const file = path.join(tempDir("hvb-store-"), "store.db");
    const a = new SqliteStore(file);
    await a.set("ctx:zalo:9", { answerId: "abc" }, 60_000);
    await a.incr("votes:x:up");
    await a.append("feedback", { value: "down" });
    await a.close();
    const b = new SqliteStore(file);
    expect(await b.get("ctx:zalo:9")).toEqual({ answerId: "abc" });
    expect(await b.incr("votes:x:up")).toBe(2);
    expect((await b.recent<{ value: string }>("feedback", 5)).map((r) => r.value)).toEqual(["down"]);
    await b.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
  });

  it("loses nothing it acknowledged when the process is killed with -9", async () => {
    const file = path.join(tempDir("hvb-store-"), "store.db");
    // A child writes, says so, and is killed before it could close the database.
    const script = `
      import { SqliteStore } from "./src/store/sqlite.ts";
      const s = new SqliteStore(${JSON.stringify(file)});
      for (let i = 0; i < 200; i++) await s.append("questions", { i });
      await s.set("last", 199);
      console.log("written");
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (c: Buffer) => c.toString().includes("written") && resolve());
      child.once("exit", (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const s = new SqliteStore(file);
    expect(await s.get("last")).toBe(199);
    expect(await s.recent("questions", 1000)).toHaveLength(200);
    await s.close();
  });
});

describe.skipIf(!redisInstalled)("RedisStore against a real redis-server", () => {
  it("is shared by instances: one de-dup winner and one counter across them", async () => {
    await flushRedis();
    const [a, b] = await Promise.all([RedisStore.connect(redis!.url), RedisStore.connect(redis!.url)]);
    const wins = await Promise.all([a, b, a, b].map((s) => s.setIfAbsent("update:zalo:m1", 1, 60_000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    await Promise.all([a.incr("rl:zalo:u", 60_000), b.incr("rl:zalo:u", 60_000)]);
    expect(await a.incr("rl:zalo:u", 60_000)).toBe(3);
    await a.set("ctx:zalo:c", { focus: { docId: "d", unit: 1 } });
    expect(await b.get("ctx:zalo:c")).toEqual({ focus: { docId: "d", unit: 1 } });
    await a.append("questions", { from: "a" });
    expect(await b.recent("questions", 5)).toEqual([expect.objectContaining({ from: "a" })]);
    await Promise.all([a.close(), b.close()]);
  });

  it("caps a log's length and pages long reads", async () => {
    await flushRedis();
    const s = await RedisStore.connect(redis!.url);
    const client = new Redis(redis!.url);
    // XADD MAXLEN ~ trims whole nodes: fill well past the cap in one pipeline, then check the bound.
    const pipe = client.pipeline();
    for (let i = 0; i < LOG_MAX_LEN + 5000; i++) pipe.xadd("log:questions", "*", "r", "{}");
    await pipe.exec();
    await s.append("questions", { last: true });
    const len = await client.xlen("log:questions");
    expect(len).toBeLessThan(LOG_MAX_LEN + 1000);
    expect(len).toBeGreaterThanOrEqual(LOG_MAX_LEN);
    expect((await s.recent("questions", 1))[0]).toEqual(expect.objectContaining({ last: true }));
    // A long read is paged (several XREVRANGE calls) and still returns exactly what was asked.
    const many = await s.recent("questions", 12_345);
    expect(many).toHaveLength(12_345);
    expect(many[0]).toEqual(expect.objectContaining({ last: true }));
    client.disconnect();
    await s.close();
  });

  it("refuses to start against an unreachable server, naming it (password hidden)", async () => {
    const err = await RedisStore.connect("redis://:hunter2@127.0.0.1:1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as Error).message).toMatch(/127\.0\.0\.1:1/);
    expect((err as Error).message).not.toMatch(/hunter2/);
  });

  it("fails fast while Redis is down, reconnects by itself, and FallbackStore serves meanwhile", async () => {
    await flushRedis();
    const { log, logs } = captureLogger();
    const primary = await RedisStore.connect(redis!.url, { log });
    const store = new FallbackStore(primary, new MemoryStore(), log);
    await store.set("before", 1);

    await redis!.kill();
    // Every call fails at once (no offline queue), whatever its kind.
    const failures = await Promise.all([primary.get("before"), primary.incr("x", 1000), primary.append("q", {}), primary.setIfAbsent("y", 1)].map((p) => p.catch((e: unknown) => e)));
    expect(failures.every((e) => e instanceof StoreUnavailableError)).toBe(true);
    // The fallback keeps working: a counter, de-dup, context, a log record.
    expect(await store.incr("rl:telegram:1", 60_000)).toBe(1);
    expect(await store.setIfAbsent("update:telegram:1", 1)).toBe(true);
    expect(await store.setIfAbsent("update:telegram:1", 1)).toBe(false);
    await store.append("questions", { during: "outage" });
    expect(store.isDegraded).toBe(true);
    expect(logs.filter((l) => l.msg.startsWith("shared store unavailable"))).toHaveLength(1);

    await redis!.restart();
    // Reconnection is in the background; wait for it without asserting how long it takes.
    for (let i = 0; i < 200 && (await primary.get("ping").then(() => false, () => true)); i++) await sleep(100);
    await store.set("after", 2);
    expect(await primary.get("after")).toBe(2);
    expect(store.isDegraded).toBe(false);
    expect(logs.some((l) => l.msg === "shared store back: using it again")).toBe(true);
    expect(logs.some((l) => l.msg === "redis reconnected")).toBe(true);
    await store.close();
  });
});

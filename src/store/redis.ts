/**
 * The shared store for several bot instances: Redis through ioredis. Values are JSON strings;
 * counters are one Lua script (INCR and its first PEXPIRE cannot be separated by a crash); logs
 * are streams capped at LOG_MAX_LEN, whose ids give every instance one clock. While Redis is
 * unreachable nothing is queued: every call fails at once with StoreUnavailableError and the
 * client keeps reconnecting with backoff in the background.
 */
import { Redis } from "ioredis";
import type { Logger } from "../log.js";
import { keyMentions, recordMentions, StoreUnavailableError, type PendingEntry, type Store } from "./store.js";

/** Records kept per log (questions, feedback, …); older ones are trimmed. */
export const LOG_MAX_LEN = 100_000;

const INCR_SCRIPT = `local n = redis.call('INCR', KEYS[1])
if n == 1 and tonumber(ARGV[1]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

// An inbox is two hashes, id → JSON {value, seq} and id → owner, beside a "seen" key per id.
const ENQUEUE_SCRIPT = `if not redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'NX') then return 0 end
local seq = redis.call('INCR', KEYS[4])
redis.call('HSET', KEYS[2], ARGV[2], cjson.encode({v = ARGV[3], s = seq}))
redis.call('HSET', KEYS[3], ARGV[2], ARGV[4])
return 1`;

const CLAIM_SCRIPT = `if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1`;

/** Log records fetched per command by `recent`. */
const RECENT_PAGE = 5000;

/** Longest wait for one command on a connected but unresponsive server. */
const COMMAND_TIMEOUT_MS = 2000;

/** Reconnect delays: 200 ms doubling to at most 5 s, forever (an outage is waited out). */
const reconnectDelay = (attempt: number): number => Math.min(100 * 2 ** Math.min(attempt, 6), 5000);

export class RedisStore implements Store {
  private down = false;

  private constructor(
    private readonly redis: Redis,
    private readonly where: string,
    private readonly log?: Logger,
  ) {
    // Without an error listener ioredis prints every failed reconnect; log the outage once instead.
    const lost = (why: string) => {
      if (this.down) return;
      this.down = true;
      this.log?.error({ err: why, redis: this.where }, "redis unreachable: reconnecting");
    };
    redis.on("error", (err: Error) => lost(err.message));
    redis.on("close", () => lost("connection closed"));
    redis.on("ready", () => {
      if (!this.down) return;
      this.down = false;
      this.log?.info({ redis: this.where }, "redis reconnected");
    });
  }

  /** Connects, or throws StoreUnavailableError naming the server (a wrong REDIS_URL stops start-up). */
  static async connect(url: string, opts: { log?: Logger } = {}): Promise<RedisStore> {
    const where = redactUrl(url);
    const redis = new Redis(url, {
      lazyConnect: true,
      // Fail fast while disconnected instead of queueing, and never replay a command on reconnect.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 5000,
      retryStrategy: reconnectDelay,
    });
    const store = new RedisStore(redis, where, opts.log);
    try {
      await redis.connect();
      await redis.ping();
    } catch (err) {
      redis.disconnect();
      throw new StoreUnavailableError(`Không kết nối được Redis ${where}: ${(err as Error).message}`);
    }
    return store;
  }

  /** Connection failures become StoreUnavailableError; Redis's own replies (bugs) pass through. */
  private async run<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if ((err as Error).name === "ReplyError") throw err;
      throw new StoreUnavailableError(`Redis ${this.where}: ${(err as Error).message}`);
    }
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.run(() => this.redis.get(key));
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    const json = JSON.stringify(value);
    await this.run(() => (ttlMs ? this.redis.set(key, json, "PX", whole(ttlMs)) : this.redis.set(key, json)));
  }

  async setIfAbsent<T>(key: string, value: T, ttlMs?: number): Promise<boolean> {
    const json = JSON.stringify(value);
    const r = await this.run(() => (ttlMs ? this.redis.set(key, json, "PX", whole(ttlMs), "NX") : this.redis.set(key, json, "NX")));
    return r === "OK";
  }

  async delete(key: string): Promise<void> {
    await this.run(() => this.redis.del(key));
  }

  async incr(key: string, ttlMs?: number): Promise<number> {
    return Number(await this.run(() => this.redis.eval(INCR_SCRIPT, 1, key, ttlMs ? whole(ttlMs) : 0)));
  }

  async append(log: string, record: object): Promise<void> {
    await this.run(() => this.redis.xadd(`log:${log}`, "MAXLEN", "~", LOG_MAX_LEN, "*", "r", JSON.stringify(record)));
  }

  /** Read in pages, so a long read (/thongke over a busy week) never outlasts the command timeout. */
  async recent<T extends object>(log: string, limit: number, since = 0): Promise<Array<T & { at: number }>> {
    const out: Array<T & { at: number }> = [];
    let end = "+";
    while (out.length < limit) {
      const count = Math.min(RECENT_PAGE, limit - out.length);
      const page = await this.run(() => this.redis.xrevrange(`log:${log}`, end, String(since), "COUNT", count));
      for (const [id, fields] of page) out.push({ ...(JSON.parse(fields[1]) as T), at: Number(id.split("-")[0]) });
      if (page.length < count) break;
      end = `(${page[page.length - 1][0]}`;
    }
    return out;
  }

  async enqueue<T>(queue: string, id: string, value: T, owner: string, seenTtlMs: number): Promise<boolean> {
    const keys = [`seen:${queue}:${id}`, `inbox:${queue}`, `inbox-owner:${queue}`, `inbox-seq:${queue}`];
    return Number(await this.run(() => this.redis.eval(ENQUEUE_SCRIPT, keys.length, ...keys, whole(seenTtlMs), id, JSON.stringify(value), owner))) === 1;
  }

  async pending<T>(queue: string, limit: number): Promise<Array<PendingEntry<T>>> {
    const [values, owners] = await this.run(() => Promise.all([this.redis.hgetall(`inbox:${queue}`), this.redis.hgetall(`inbox-owner:${queue}`)]));
    return Object.entries(values)
      .map(([id, raw]) => {
        const { v, s } = JSON.parse(raw) as { v: string; s: number };
        return { id, seq: s, value: JSON.parse(v) as T, owner: owners[id] ?? "" };
      })
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map(({ id, value, owner }) => ({ id, value, owner }));
  }

  async claim(queue: string, id: string, from: string, to: string): Promise<boolean> {
    return Number(await this.run(() => this.redis.eval(CLAIM_SCRIPT, 1, `inbox-owner:${queue}`, id, from, to))) === 1;
  }

  async dequeue(queue: string, id: string): Promise<void> {
    await this.run(() => this.redis.multi().hdel(`inbox:${queue}`, id).hdel(`inbox-owner:${queue}`, id).exec());
  }

  /** SCAN, never KEYS: the server keeps serving while a person is erased. */
  async forget(id: string): Promise<number> {
    let n = 0;
    for (const pattern of [`*:${id}`, `*:${id}:*`]) {
      let cursor = "0";
      do {
        const [next, keys] = await this.run(() => this.redis.scan(cursor, "MATCH", pattern, "COUNT", 1000));
        cursor = next;
        const mine = keys.filter((k) => !k.startsWith("log:") && keyMentions(k, id));
        if (mine.length) n += await this.run(() => this.redis.del(...mine));
      } while (cursor !== "0");
    }
    let cursor = "0";
    do {
      const [next, logs] = await this.run(() => this.redis.scan(cursor, "MATCH", "log:*", "COUNT", 1000));
      cursor = next;
      for (const log of logs) {
        let start = "-";
        for (;;) {
          const page = await this.run(() => this.redis.xrange(log, start, "+", "COUNT", RECENT_PAGE));
          const ids = page.filter(([, f]) => recordMentions(f[1], id)).map(([entry]) => entry);
          if (ids.length) n += await this.run(() => this.redis.xdel(log, ...ids));
          if (page.length < RECENT_PAGE) break;
          start = `(${page[page.length - 1][0]}`;
        }
      }
    } while (cursor !== "0");
    return n;
  }

  async close(): Promise<void> {
    this.redis.removeAllListeners();
    this.redis.on("error", () => {});
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** PX takes whole milliseconds (a ttl from fractional minutes may not be one). */
const whole = (ms: number): number => Math.max(1, Math.round(ms));

/** The URL without its password, for logs and messages. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(REDIS_URL không hợp lệ)";
  }
}

/**
 * The store the configuration asks for: embedded SQLite unless REDIS_URL is set. Redis (shared by
 * several instances) is wrapped so that an outage degrades to per-instance state, never a crash.
 */
import type { Config } from "../config/env.js";
import type { Logger } from "../log.js";
import { FallbackStore } from "./fallback.js";
import { MemoryStore } from "./memory.js";
import { RedisStore } from "./redis.js";
import { SqliteStore } from "./sqlite.js";
import type { Store } from "./store.js";

export async function openStore(config: Pick<Config, "STORE_PATH" | "REDIS_URL">, log: Logger): Promise<Store> {
  if (!config.REDIS_URL) return new SqliteStore(config.STORE_PATH);
  const redis = await RedisStore.connect(config.REDIS_URL, { log });
  return new FallbackStore(redis, new MemoryStore(), log);
}

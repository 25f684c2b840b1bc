/** The store the configuration asks for: embedded SQLite unless REDIS_URL is set. */
import type { Config } from "../config/env.js";
import { SqliteStore } from "./sqlite.js";
import type { Store } from "./store.js";

export async function openStore(config: Pick<Config, "STORE_PATH" | "REDIS_URL">): Promise<Store> {
  if (config.REDIS_URL) throw new Error("REDIS_URL: Redis store not available in this build");
  return new SqliteStore(config.STORE_PATH);
}

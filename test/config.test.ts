import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config/env.js";

describe("configuration", () => {
  it("runs offline with nothing set", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ EMBEDDER: "none", TELEGRAM_MODE: "polling", ACCESS_MODE: "open", OFFLINE_ONLY: false, LLM_TIMEOUT_MS: 8000 });
    expect(c.LLM_MODEL).toBeUndefined();
  });

  it("treats empty variables as unset, as in a copied .env.example", () => {
    const c = loadConfig({ LLM_TIMEOUT_MS: "", VECTOR_WEIGHT: "", ALLOWED_CHATS: "", REDIS_URL: "" });
    expect(c.LLM_TIMEOUT_MS).toBe(8000);
    expect(c.VECTOR_WEIGHT).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
  });

  it("parses lists and flags", () => {
    const c = loadConfig({ ADMIN_IDS: "1, 2 ,3", LOG_QUESTIONS: "yes", OFFLINE_ONLY: "1" });
    expect(c.ADMIN_IDS).toEqual(["1", "2", "3"]);
    expect(c.LOG_QUESTIONS).toBe(true);
    expect(c.OFFLINE_ONLY).toBe(true);
  });

  it("names the variable that is wrong", () => {
    expect(() => loadConfig({ TELEGRAM_MODE: "carrier-pigeon" })).toThrow(/TELEGRAM_MODE/);
    expect(() => loadConfig({ WEBHOOK_PORT: "99999" })).toThrow(ConfigError);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "x", TELEGRAM_MODE: "webhook" })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    expect(() => loadConfig({ ZALO_BOT_TOKEN: "x", ZALO_MODE: "webhook", ZALO_WEBHOOK_SECRET: "short" })).toThrow(/ZALO_WEBHOOK_SECRET/);
  });
});

/** Starts the real Telegram channel (startTelegram) against a FakeTelegram, with logs captured. */
import { pino } from "pino";
import { Conversation } from "../../src/chat/conversation.js";
import type { ChatEngine } from "../../src/chat/types.js";
import { startTelegram } from "../../src/channels/telegram/start.js";
import type { RunningChannel } from "../../src/channels/start.js";
import { WebhookServer } from "../../src/channels/webhooks.js";
import { loadConfig } from "../../src/config/env.js";
import type { Engine } from "../../src/engine/engine.js";
import type { Logger } from "../../src/log.js";
import { MemoryStore } from "../../src/store/memory.js";
import type { Store } from "../../src/store/store.js";
import type { FakeTelegram } from "./telegram-server.js";

export interface TestBot {
  running: RunningChannel;
  store: Store;
  logs: Array<Record<string, any>>;
  /** Bound port of the webhook server (webhook mode). */
  webhookPort?: number;
  stop(): Promise<void>;
}

export interface TestBotOptions {
  engine: Engine;
  /** The engine the conversation uses, when it must differ (a failing one). */
  chatEngine?: ChatEngine;
  env?: Record<string, string>;
  store?: Store;
  retry?: { maxRetryAttempts?: number };
}

export function captureLogger(): { log: Logger; logs: Array<Record<string, any>> } {
  const logs: Array<Record<string, any>> = [];
  const log = pino({ level: "info", base: undefined }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  return { log, logs };
}

export async function startTestBot(fake: FakeTelegram, o: TestBotOptions): Promise<TestBot> {
  const config = loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...o.env });
  const { log, logs } = captureLogger();
  const store = o.store ?? new MemoryStore();
  const conversation = new Conversation({ engine: o.chatEngine ?? o.engine, store, log, config });
  const webhooks = new WebhookServer(0, log);
  const running = await startTelegram({ engine: o.engine, config, store, log, conversation, webhooks }, { botInfo: fake.botInfo, retry: o.retry });
  if (!running) throw new Error("telegram channel did not start");
  const webhookPort = await webhooks.listen("127.0.0.1");
  return {
    running,
    store,
    logs,
    webhookPort,
    stop: async () => {
      await webhooks.close();
      await running.stop();
      await store.close();
    },
  };
}

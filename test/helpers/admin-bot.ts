/**
 * The Telegram channel as `start` wires it (conversation, admin service, real ingest), in this
 * process against the fake Bot API, for the admin and abuse tests: polling mode, an in-memory store.
 */
import type { Document, User } from "grammy/types";
import { createAdmin } from "../../src/admin/create.js";
import type { Admin } from "../../src/admin/admin.js";
import { Conversation } from "../../src/chat/conversation.js";
import { startTelegram } from "../../src/channels/telegram/start.js";
import { WebhookServer } from "../../src/channels/webhooks.js";
import { loadConfig } from "../../src/config/env.js";
import { Engine } from "../../src/engine/engine.js";
import { MemoryStore } from "../../src/store/memory.js";
import type { Store } from "../../src/store/store.js";
import type { ChatCorpus } from "../fakes/chat-corpus.js";
import { captureLogger } from "../fakes/telegram-bot.js";
import { FakeTelegram, type FakeCall } from "../fakes/telegram-server.js";

export const ADMIN = 900001;
export const MEMBER = 900002;
export const STRANGER = 900003;
export const person = (id: number): User => ({ id, is_bot: false, first_name: `Người ${id}` });

export interface Bot {
  fake: FakeTelegram;
  admin: Admin;
  engine: Engine;
  store: Store;
  logs: Array<Record<string, any>>;
  /** Sends a message and resolves with the first reply to that chat. */
  say(from: number, text: string): Promise<FakeCall>;
  /** Sends a document (bytes under a file name); resolves with the first reply. */
  upload(from: number, bytes: Uint8Array, name: string, declared?: Partial<Document>): Promise<FakeCall>;
  stop(): Promise<void>;
}

export async function startBot(corpus: ChatCorpus, env: Record<string, string> = {}): Promise<Bot> {
  const fake = await new FakeTelegram().start();
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    CORPUS_DIR: corpus.corpusDir,
    INDEX_DIR: corpus.indexDir,
    ADMIN_IDS: String(ADMIN),
    ...env,
  });
  const { log, logs } = captureLogger();
  const store = new MemoryStore();
  const engine = Engine.open({ indexDir: corpus.indexDir });
  const admin = createAdmin(config, engine, store, log);
  const conversation = new Conversation({ engine, store, log, config, admin });
  const running = await startTelegram({ engine, config, store, log, conversation, webhooks: new WebhookServer(0, log) }, { botInfo: fake.botInfo });
  if (!running) throw new Error("telegram did not start");
  const reply = (from: number, since: number) => fake.waitFor((c) => c.method === "sendMessage" && !c.error && c.body.chat_id === from, since);
  const chat = (id: number) => ({ id, type: "private" as const, first_name: "X" });
  return {
    fake,
    admin,
    engine,
    store,
    logs,
    say(from, text) {
      const since = fake.calls.length;
      fake.send({ chat: chat(from), from: person(from), text });
      return reply(from, since);
    },
    upload(from, bytes, name, declared = {}) {
      const since = fake.calls.length;
      fake.send({ chat: chat(from), from: person(from), extra: { document: { ...fake.addFile(bytes, name), ...declared } } });
      return reply(from, since);
    },
    async stop() {
      await running.stop();
      await admin.idle();
      await fake.close();
    },
  };
}

/** Every message the bot sent to a chat from call index `since` on, as the user reads them. */
export const textsTo = (fake: FakeTelegram, chatId: number, since = 0) => fake.sent(chatId, since).map((c) => c.result.text as string);

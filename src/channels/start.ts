/**
 * Starts every chat channel that has a token configured, sharing one store, one conversation
 * layer and one webhook server, and stops them all gracefully on SIGINT/SIGTERM. A new channel is
 * one more entry in STARTERS.
 */
import type { Config } from "../config/env.js";
import type { Engine } from "../engine/engine.js";
import { createAdmin } from "../admin/create.js";
import type { Conversation } from "../chat/conversation.js";
import { createConversation } from "../chat/create.js";
import { watchIndex } from "../engine/watch.js";
import { corpusSource } from "../index/store.js";
import { createLogger, errorSummary, type Logger } from "../log.js";
import { openStore } from "../store/open.js";
import type { Store } from "../store/store.js";
import { startTelegram } from "./telegram/start.js";
import { WebhookServer } from "./webhooks.js";
import { startZalo } from "./zalo/start.js";

export interface ChannelDeps {
  engine: Engine;
  config: Config;
  store: Store;
  log: Logger;
  conversation: Conversation;
  /** Register a path here in webhook mode; the server listens once all channels started. */
  webhooks: WebhookServer;
}

export interface RunningChannel {
  name: string;
  /** Stops receiving, then resolves once in-flight answers are sent. */
  stop(): Promise<void>;
}

/** Starts a channel, or returns undefined when it is not configured (no token). */
export type ChannelStarter = (deps: ChannelDeps) => Promise<RunningChannel | undefined>;

const STARTERS: ChannelStarter[] = [startTelegram, startZalo];

/**
 * True when some channel started; the process then runs until SIGINT/SIGTERM. It follows new
 * index versions (index watcher) and serves admins (uploads, /reload, /thongke, /chuatraloi).
 */
export async function startChannels(engine: Engine, config: Config): Promise<boolean> {
  // No token, no channel: return before opening the store or a port.
  if (!config.TELEGRAM_BOT_TOKEN && !config.ZALO_BOT_TOKEN) return false;
  const log = createLogger(config.LOG_LEVEL);
  const store = await openStore(config, log);
  const webhooks = new WebhookServer(config.WEBHOOK_PORT, log);
  const admin = createAdmin(config, engine, store, log);
  const conversation = createConversation({ engine, config, store, log, admin });
  const deps: ChannelDeps = { engine, config, store, log, conversation, webhooks };
  const running: RunningChannel[] = [];
  const failures: unknown[] = [];
  try {
    for (const start of STARTERS) {
      // One channel failing to start (bad token, platform down) must not keep the others off.
      const ch = await start(deps).catch((err: unknown) => {
        failures.push(err);
        log.error({ err: errorSummary(err) }, "channel failed to start");
        return undefined;
      });
      if (ch) running.push(ch);
    }
    if (!running.length && failures.length) throw failures[0];
    await webhooks.listen();
  } catch (err) {
    await Promise.allSettled(running.map((c) => c.stop()));
    await webhooks.close();
    await store.close();
    throw err;
  }
  if (!running.length) {
    await store.close();
    return false;
  }
  const watcher = watchIndex(engine, config.INDEX_DIR, log);
  log.info({ channels: running.map((c) => c.name), index: engine.version, documents: corpusSource(config.INDEX_DIR, config.CORPUS_DIR) }, "channels started");
  onShutdown(log, async () => {
    watcher.stop();
    await webhooks.close();
    await Promise.allSettled(running.map((c) => c.stop()));
    // An upload's ingest finishes (and releases the shared ingest lock) before the store closes.
    await admin.idle();
    await store.close();
  });
  return true;
}

function onShutdown(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    // A second signal while finishing in-flight answers means "now".
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, "shutting down: finishing in-flight answers");
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err: errorSummary(err) }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}

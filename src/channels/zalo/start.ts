/**
 * The Zalo channel, started when ZALO_BOT_TOKEN is set. Long polling by default; with
 * ZALO_MODE=webhook the shared webhook server gets a route and the platform is told the URL and
 * secret. The platform serves one or the other, so polling first removes any webhook. Set-up calls
 * are retried in the background: an unreachable Zalo API never fails start-up or other channels.
 */
import { randomUUID } from "node:crypto";
import { firstDelivery } from "../../access/dedupe.js";
import { ConfigError } from "../../config/env.js";
import { errorSummary } from "../../log.js";
import { Inbox } from "../inbox.js";
import type { ChannelDeps, RunningChannel } from "../start.js";
import { WebhookServer } from "../webhooks.js";
import { ZaloApi, type ZaloUpdate } from "./api.js";
import { retryUntil, type BackoffOptions } from "./backoff.js";
import { ZaloBot } from "./bot.js";
import { pollUpdates } from "./poller.js";
import { zaloQuizPresenter } from "./quiz.js";
import { zaloWebhookHandler } from "./webhook.js";

export const DEFAULT_WEBHOOK_PATH = "/zalo/webhook";

/** Timing knobs; the defaults suit production, tests shorten them. */
export interface ZaloTuning {
  apiBackoff?: BackoffOptions;
  pollBackoff?: BackoffOptions;
  setupBackoff?: BackoffOptions;
}

export async function startZalo(
  deps: Pick<ChannelDeps, "config" | "conversation" | "log" | "webhooks"> & Partial<Pick<ChannelDeps, "store">>,
  tuning: ZaloTuning = {},
): Promise<RunningChannel | undefined> {
  const { config, conversation, webhooks } = deps;
  const token = config.ZALO_BOT_TOKEN;
  if (!token) return undefined;
  const log = deps.log.child({ channel: "zalo" });
  const api = new ZaloApi({ token, apiRoot: config.ZALO_API_ROOT, backoff: tuning.apiBackoff, log });
  // Re-delivered messages (webhook retries, another instance) are answered once.
  const store = deps.store;
  const quiz = conversation.quiz;
  const bot = new ZaloBot({ api, conversation, log, quiz, firstDelivery: store && ((id) => firstDelivery(store, "zalo", id)) });
  // Quizzes as text; those a restart interrupted go on from their current question.
  await quiz?.attach("zalo", zaloQuizPresenter(api));
  const onUpdate = (update: ZaloUpdate) => bot.handleUpdate(update);
  const stop = new AbortController();
  // getMe first: a wrong token then shows in the log as such, and a working one by the bot's name.
  const setUp = (call: () => Promise<unknown>) =>
    retryUntil(
      async () => {
        const me = await api.getMe();
        await call();
        log.info({ bot: me.account_name, mode: config.ZALO_MODE }, "zalo: connected");
      },
      stop.signal,
      (err, retryInMs) => log.error({ err: errorSummary(err), retryInMs: Math.round(retryInMs) }, "zalo: set-up failed"),
      tuning.setupBackoff,
    );

  let running: Promise<unknown>;
  let stopInbox = async () => {};
  if (config.ZALO_MODE === "webhook") {
    const url = config.ZALO_WEBHOOK_URL;
    const secret = config.ZALO_WEBHOOK_SECRET;
    if (!secret) throw new ConfigError("ZALO_MODE=webhook needs ZALO_WEBHOOK_SECRET");
    const path = WebhookServer.pathOf(url, DEFAULT_WEBHOOK_PATH);
    // Stored before the 200; an entry leaves the inbox once the chat queues have caught up (the
    // bot's own de-duplication drops a replayed message it already took).
    const inbox = store && new Inbox<ZaloUpdate>({ store, queue: "zalo", log, handle: (u) => (bot.handleUpdate(u), bot.idle()) });
    await inbox?.start();
    stopInbox = async () => void (await inbox?.stop());
    const receive = (u: ZaloUpdate) => (inbox ? inbox.receive(u.message?.message_id ?? randomUUID(), u) : onUpdate(u));
    webhooks.route(path, zaloWebhookHandler({ secret, onUpdate: receive, log }));
    // Without a URL the webhook is registered by hand (Zalo Bot Creator), with the same secret.
    if (!url) log.warn({ path }, "ZALO_WEBHOOK_URL not set: register the webhook URL and secret in Zalo Bot Creator");
    running = setUp(() => (url ? api.setWebhook(url, secret) : Promise.resolve()));
  } else {
    running = (async () => {
      if (await setUp(() => api.deleteWebhook())) await pollUpdates(api, onUpdate, { signal: stop.signal, backoff: tuning.pollBackoff, log });
    })();
  }
  // Nothing above should reject; if it ever does, it is logged rather than left unhandled.
  running = running.catch((err: unknown) => log.error({ err: errorSummary(err) }, "zalo: channel loop failed"));
  log.info({ mode: config.ZALO_MODE }, "zalo channel started");
  return {
    name: "zalo",
    async stop() {
      stop.abort();
      await running;
      await bot.idle();
      await stopInbox();
      await quiz?.detach("zalo");
    },
  };
}

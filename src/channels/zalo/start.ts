/**
 * The Zalo channel, started when ZALO_BOT_TOKEN is set. Long polling by default; with
 * ZALO_MODE=webhook the shared webhook server gets a route and the platform is told the URL and
 * secret. The platform serves one or the other, so polling first removes any webhook ("there is
 * none", a 404, counts as removed). Set-up calls run in the background, retried with backoff and
 * logged once per backoff step: an unreachable or odd Zalo API never holds up start-up or the
 * other channels, and polling starts as soon as set-up is through.
 */
import { randomUUID } from "node:crypto";
import { firstDelivery } from "../../access/dedupe.js";
import { BOT_NAME } from "../../chat/texts.js";
import { ConfigError } from "../../config/env.js";
import { errorSummary } from "../../log.js";
import { Inbox } from "../inbox.js";
import type { ChannelDeps, RunningChannel } from "../start.js";
import { WebhookServer } from "../webhooks.js";
import { ZaloApi, type ZaloBotInfo, type ZaloUpdate } from "./api.js";
import { retryUntil, type BackoffOptions } from "./backoff.js";
import { ZaloBot, type ZaloIdentity } from "./bot.js";
import { pollUpdates } from "./poller.js";
import { zaloQuizPresenter } from "./quiz.js";
import { ZaloSender } from "./send.js";
import { zaloWebhookHandler } from "./webhook.js";

export const DEFAULT_WEBHOOK_PATH = "/zalo/webhook";

/** Timing knobs; the defaults suit production, tests shorten them. */
export interface ZaloTuning {
  apiBackoff?: BackoffOptions;
  pollBackoff?: BackoffOptions;
  setupBackoff?: BackoffOptions;
  /** Least gap between polls that brought nothing (see poller.ts). */
  pollMinGapMs?: number;
}

/** The names members may tag the bot by; the first (shown in hints) is the configured or displayed one. */
export function botIdentity(configured: string | undefined, me?: ZaloBotInfo & { name?: string }): ZaloIdentity {
  const shown = configured ?? me?.display_name ?? me?.name ?? BOT_NAME;
  const others = [me?.display_name, me?.name, me?.account_name, BOT_NAME].filter((n): n is string => !!n && n !== shown);
  return { id: me?.id, names: [shown, ...others] };
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
  const sender = new ZaloSender({ api, monthly: config.ZALO_MONTHLY_MESSAGES, store, log });
  let identity = botIdentity(config.ZALO_BOT_NAME);
  // With webhooks and a store, the inbox de-duplicates and keeps an event until its reply is handled
  // (so a crashed process's events are taken over); otherwise the bot's own first-delivery check does.
  const inboxed = config.ZALO_MODE === "webhook" && !!store;
  const dedupe = store && !inboxed ? (id: string) => firstDelivery(store, "zalo", id) : undefined;
  const bot = new ZaloBot({ sender, api, conversation, log, quiz, identity: () => identity, firstDelivery: dedupe });
  // Quizzes as text; those a restart interrupted go on from their current question.
  await quiz?.attach("zalo", zaloQuizPresenter(sender, (chatId) => bot.groupName(chatId)));
  const onUpdate = (update: ZaloUpdate) => void bot.handleUpdate(update);
  const stop = new AbortController();
  // getMe first: a wrong token then shows in the log as such, a working one by the bot's name,
  // and the bot learns the id and names it is tagged by in groups.
  const setUp = (call: () => Promise<unknown>) =>
    retryUntil(
      async () => {
        const me = await api.getMe();
        identity = botIdentity(config.ZALO_BOT_NAME, me);
        await call();
        log.info({ bot: me.account_name, name: identity.names[0], mode: config.ZALO_MODE }, "zalo: connected");
      },
      stop.signal,
      (err, attempt, upToMs) => log.error({ err: errorSummary(err), attempt, retryUpToMs: upToMs }, "zalo: set-up failed, retrying"),
      tuning.setupBackoff,
    );

  let running: Promise<unknown>;
  let stopInbox = async () => {};
  if (config.ZALO_MODE === "webhook") {
    const url = config.ZALO_WEBHOOK_URL;
    const secret = config.ZALO_WEBHOOK_SECRET;
    if (!secret) throw new ConfigError("ZALO_MODE=webhook needs ZALO_WEBHOOK_SECRET");
    const path = WebhookServer.pathOf(url, DEFAULT_WEBHOOK_PATH);
    // Stored before the 200; an entry leaves the inbox once its own reply has been handled.
    const inbox = store && new Inbox<ZaloUpdate>({ store, queue: "zalo", log, handle: (u) => bot.handleUpdate(u) });
    await inbox?.start();
    stopInbox = async () => void (await inbox?.stop());
    const receive = (u: ZaloUpdate) => (inbox ? inbox.receive(u.message?.message_id ?? randomUUID(), u) : onUpdate(u));
    webhooks.route(path, zaloWebhookHandler({ secret, onUpdate: receive, log }));
    // Without a URL the webhook is registered by hand (Zalo Bot Creator), with the same secret.
    if (!url) log.warn({ path }, "ZALO_WEBHOOK_URL not set: register the webhook URL and secret in Zalo Bot Creator");
    running = setUp(() => (url ? api.setWebhook(url, secret) : Promise.resolve()));
  } else {
    running = (async () => {
      if (await setUp(() => api.deleteWebhook())) await pollUpdates(api, onUpdate, { signal: stop.signal, backoff: tuning.pollBackoff, minGapMs: tuning.pollMinGapMs, log });
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

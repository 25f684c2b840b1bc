/**
 * Runs the Telegram channel: long polling by default, or a webhook (secret token checked) on the
 * shared webhook server. Either way an update is stored in the inbox before Telegram is told it
 * arrived, and handled from there (sequential per chat, concurrent across chats).
 */
import type { AutoRetryOptions } from "@grammyjs/auto-retry";
import type { Update, UserFromGetMe } from "grammy/types";
import { menuCommands } from "../../chat/commands.js";
import { errorSummary } from "../../log.js";
import { Inbox } from "../inbox.js";
import type { ChannelDeps, RunningChannel } from "../start.js";
import { WebhookServer } from "../webhooks.js";
import { ALLOWED_UPDATES, createTelegramBot } from "./bot.js";
import { CHANNEL } from "./context.js";
import { pollTelegram } from "./polling.js";
import { telegramQuizPresenter } from "./quiz.js";
import { telegramWebhook } from "./webhook.js";

export interface TelegramOverrides {
  botInfo?: UserFromGetMe;
  retry?: Partial<AutoRetryOptions>;
}

export async function startTelegram(deps: ChannelDeps, overrides: TelegramOverrides = {}): Promise<RunningChannel | undefined> {
  const { config, log } = deps;
  if (!config.TELEGRAM_BOT_TOKEN) return undefined;
  const webhook = config.TELEGRAM_MODE === "webhook";
  const bot = createTelegramBot({
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    conversation: deps.conversation,
    log,
    ...overrides,
  });
  await bot.init();
  // The command menu is a nicety: a failure is logged, the bot still starts.
  await bot.api.setMyCommands(menuCommands()).catch((err: unknown) => log.warn({ err: errorSummary(err) }, "setMyCommands failed"));
  // Quizzes as native polls; those a restart interrupted go on from their current question.
  const quiz = deps.conversation.quiz;
  await quiz?.attach(CHANNEL, telegramQuizPresenter(bot.api));
  // Update ids are per bot: one queue per bot, shared by the instances serving it.
  const inbox = new Inbox<Update>({ store: deps.store, queue: `${CHANNEL}:${bot.botInfo.id}`, log, handle: (u) => bot.handleUpdate(u) });
  // Updates a crash or a stop left unanswered are answered first.
  await inbox.start();

  if (webhook) {
    deps.webhooks.route(WebhookServer.pathOf(config.TELEGRAM_WEBHOOK_URL, "/telegram"), telegramWebhook(config.TELEGRAM_WEBHOOK_SECRET!, inbox));
    if (config.TELEGRAM_WEBHOOK_URL)
      await bot.api.setWebhook(config.TELEGRAM_WEBHOOK_URL, { secret_token: config.TELEGRAM_WEBHOOK_SECRET, allowed_updates: ALLOWED_UPDATES });
    else log.warn("TELEGRAM_WEBHOOK_URL not set: the webhook must be registered with Telegram by other means");
    log.info({ bot: bot.botInfo.username, mode: "webhook" }, "telegram started");
    // The shared server stops accepting first (start.ts); then the acknowledged updates finish.
    return {
      name: "telegram",
      stop: async () => {
        await inbox.stop();
        await quiz?.detach(CHANNEL);
      },
    };
  }

  // getUpdates is refused while a webhook is set.
  await bot.api.deleteWebhook();
  const stopping = new AbortController();
  const polling = pollTelegram(bot.api, inbox, stopping.signal, log);
  log.info({ bot: bot.botInfo.username, mode: "polling" }, "telegram started");
  return {
    name: "telegram",
    stop: async () => {
      stopping.abort();
      await polling;
      await inbox.stop();
      // After the handlers: a /quiz still being answered could otherwise start a timer.
      await quiz?.detach(CHANNEL);
    },
  };
}

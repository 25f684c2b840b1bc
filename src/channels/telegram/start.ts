/**
 * Runs the Telegram channel: long polling with @grammyjs/runner (sequential per chat, concurrent
 * across chats) by default, or a webhook (secret token checked) on the shared webhook server.
 */
import type { AutoRetryOptions } from "@grammyjs/auto-retry";
import { run } from "@grammyjs/runner";
import { webhookCallback } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { menuCommands } from "../../chat/commands.js";
import type { ChannelDeps, RunningChannel } from "../start.js";
import { WebhookServer } from "../webhooks.js";
import { ALLOWED_UPDATES, createTelegramBot } from "./bot.js";
import { CHANNEL } from "./context.js";
import { telegramQuizPresenter } from "./quiz.js";

export interface TelegramOverrides {
  botInfo?: UserFromGetMe;
  retry?: Partial<AutoRetryOptions>;
}

export async function startTelegram(deps: ChannelDeps, overrides: TelegramOverrides = {}): Promise<RunningChannel | undefined> {
  const { config, log } = deps;
  if (!config.TELEGRAM_BOT_TOKEN) return undefined;
  const webhook = config.TELEGRAM_MODE === "webhook";
  const { bot, inFlight } = createTelegramBot({
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    conversation: deps.conversation,
    store: deps.store,
    log,
    defer: webhook,
    ...overrides,
  });
  await bot.init();
  // The command menu is a nicety: a failure is logged, the bot still starts.
  await bot.api.setMyCommands(menuCommands()).catch((err: unknown) => log.warn({ err }, "setMyCommands failed"));
  // Quizzes as native polls; those a restart interrupted go on from their current question.
  const quiz = deps.conversation.quiz;
  await quiz?.attach(CHANNEL, telegramQuizPresenter(bot.api));

  if (webhook) {
    deps.webhooks.route(
      WebhookServer.pathOf(config.TELEGRAM_WEBHOOK_URL, "/telegram"),
      webhookCallback(bot, "http", { secretToken: config.TELEGRAM_WEBHOOK_SECRET }),
    );
    if (config.TELEGRAM_WEBHOOK_URL)
      await bot.api.setWebhook(config.TELEGRAM_WEBHOOK_URL, { secret_token: config.TELEGRAM_WEBHOOK_SECRET, allowed_updates: ALLOWED_UPDATES });
    else log.warn("TELEGRAM_WEBHOOK_URL not set: the webhook must be registered with Telegram by other means");
    log.info({ bot: bot.botInfo.username, mode: "webhook" }, "telegram started");
    // The shared server stops accepting first (start.ts); then the acknowledged updates finish.
    return {
      name: "telegram",
      stop: async () => {
        await inFlight.drain();
        await quiz?.detach(CHANNEL);
      },
    };
  }

  // getUpdates is refused while a webhook is set.
  await bot.api.deleteWebhook();
  const runner = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
  log.info({ bot: bot.botInfo.username, mode: "polling" }, "telegram started");
  return {
    name: "telegram",
    stop: async () => {
      if (runner.isRunning()) await runner.stop();
      await inFlight.drain();
      // After the handlers: a /quiz still being answered could otherwise start a timer.
      await quiz?.detach(CHANNEL);
    },
  };
}

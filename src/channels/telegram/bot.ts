/**
 * The Telegram bot as composable middleware: dependencies on the context, in-flight tracking
 * (deferred in webhook mode so the webhook is acknowledged at once), one update at a time per
 * chat, de-duplication of re-delivered updates, then the handlers inside an error boundary.
 */
import { autoRetry, type AutoRetryOptions } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Conversation } from "../../chat/conversation.js";
import { texts } from "../../chat/texts.js";
import type { Logger } from "../../log.js";
import type { Store } from "../../store/store.js";
import { callbacks } from "./callbacks.js";
import type { BotContext } from "./context.js";
import { InFlight } from "./in-flight.js";
import { inline } from "./inline.js";
import { messages } from "./messages.js";

export interface TelegramBotOptions {
  token: string;
  apiRoot: string;
  conversation: Conversation;
  store: Store;
  log: Logger;
  /** Known bot identity: skips the getMe call at start (tests). */
  botInfo?: UserFromGetMe;
  /** Webhook mode: handle updates after the middleware returns, so the HTTP reply is immediate. */
  defer?: boolean;
  retry?: Partial<AutoRetryOptions>;
}

/** Update types the bot handles (getUpdates / setWebhook). */
export const ALLOWED_UPDATES = ["message", "callback_query", "inline_query"] as const;

/** Telegram re-delivers updates after a restart or a slow webhook; remember ids this long. */
const DEDUPE_TTL_MS = 24 * 3600 * 1000;

export function createTelegramBot(o: TelegramBotOptions): { bot: Bot<BotContext>; inFlight: InFlight } {
  const bot = new Bot<BotContext>(o.token, { client: { apiRoot: o.apiRoot }, botInfo: o.botInfo });
  // 429: wait retry_after; 5xx and network errors: exponential backoff from 3 s.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, ...o.retry }));
  const inFlight = new InFlight(o.log);

  bot.use((ctx, next) => {
    ctx.conversation = o.conversation;
    ctx.log = o.log;
    const work = inFlight.track(next());
    return o.defer ? undefined : work;
  });
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.use(async (ctx, next) => {
    if (await o.store.setIfAbsent(`upd:telegram:${ctx.me.id}:${ctx.update.update_id}`, 1, DEDUPE_TTL_MS)) await next();
  });
  bot.errorBoundary(reportError, messages, callbacks, inline);
  bot.catch(reportError);
  return { bot, inFlight };
}

/** Logs with the update id, tells the user something went wrong; the bot keeps running. */
async function reportError(err: BotError<BotContext>): Promise<void> {
  const { ctx } = err;
  (ctx.log ?? console).error({ err: err.error, updateId: ctx.update.update_id }, "telegram handler failed");
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: texts.error });
    else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 });
    else if (ctx.chat) await ctx.reply(texts.error, ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {});
  } catch (e) {
    (ctx.log ?? console).warn({ err: e, updateId: ctx.update.update_id }, "could not tell the user about the error");
  }
}

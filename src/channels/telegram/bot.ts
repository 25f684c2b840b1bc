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
import { firstDelivery } from "../../access/dedupe.js";
import { texts } from "../../chat/texts.js";
import type { Logger } from "../../log.js";
import type { Store } from "../../store/store.js";
import { callbacks } from "./callbacks.js";
import { CHANNEL, type BotContext } from "./context.js";
import { InFlight } from "./in-flight.js";
import { inline } from "./inline.js";
import { messages } from "./messages.js";
import { pollAnswers } from "./quiz.js";

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

/** Update types the bot handles (getUpdates / setWebhook); poll_answer carries quiz votes. */
export const ALLOWED_UPDATES = ["message", "callback_query", "inline_query", "poll_answer"] as const;

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
    if (await firstDelivery(o.store, CHANNEL, `${ctx.me.id}:${ctx.update.update_id}`)) await next();
  });
  bot.errorBoundary(reportError, messages, callbacks, inline, pollAnswers);
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

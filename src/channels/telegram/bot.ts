/**
 * The Telegram bot as composable middleware: dependencies on the context, one update at a time
 * per chat, then the handlers inside an error boundary. Updates come from the inbox (inbox.ts),
 * which stored them first and drops re-deliveries.
 */
import { autoRetry, type AutoRetryOptions } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Conversation } from "../../chat/conversation.js";
import { texts } from "../../chat/texts.js";
import { errorSummary, type Logger } from "../../log.js";
import { callbacks } from "./callbacks.js";
import type { BotContext } from "./context.js";
import { inline } from "./inline.js";
import { messages } from "./messages.js";
import { pollAnswers } from "./quiz.js";

export interface TelegramBotOptions {
  token: string;
  apiRoot: string;
  conversation: Conversation;
  log: Logger;
  /** Known bot identity: skips the getMe call at start (tests). */
  botInfo?: UserFromGetMe;
  retry?: Partial<AutoRetryOptions>;
}

/** Update types the bot handles (getUpdates / setWebhook); poll_answer carries quiz votes. */
export const ALLOWED_UPDATES = ["message", "callback_query", "inline_query", "poll_answer"] as const;

export function createTelegramBot(o: TelegramBotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(o.token, { client: { apiRoot: o.apiRoot }, botInfo: o.botInfo });
  // 429: wait retry_after; 5xx and network errors: exponential backoff from 3 s.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, ...o.retry }));

  bot.use((ctx, next) => {
    ctx.conversation = o.conversation;
    ctx.log = o.log;
    return next();
  });
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.errorBoundary(reportError, messages, callbacks, inline, pollAnswers);
  bot.catch(reportError);
  return bot;
}

/** Logs with the update id, tells the user something went wrong; the bot keeps running. */
async function reportError(err: BotError<BotContext>): Promise<void> {
  const { ctx } = err;
  (ctx.log ?? console).error({ err: errorSummary(err.error), updateId: ctx.update.update_id }, "telegram handler failed");
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: texts.error });
    else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 });
    else if (ctx.chat) await ctx.reply(texts.error, ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {});
  } catch (e) {
    (ctx.log ?? console).warn({ err: errorSummary(e), updateId: ctx.update.update_id }, "could not tell the user about the error");
  }
}

/** Buttons under an answer: "Nguyên văn", "Văn bản liên quan", 👍 / 👎. */
import { Composer } from "grammy";
import { decodeAction } from "../../chat/actions.js";
import { texts } from "../../chat/texts.js";
import { CHANNEL, type BotContext } from "./context.js";
import { chatTypeOf } from "./incoming.js";
import { withVotes } from "./keyboard.js";
import { sendReplies } from "./send.js";

export const callbacks = new Composer<BotContext>();

callbacks.on("callback_query:data", async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  const msg = ctx.callbackQuery.message;
  const chatType = msg && chatTypeOf(msg.chat);
  if (!action || !msg || !chatType) return void (await ctx.answerCallbackQuery({ text: texts.staleButton }));
  const origin = { channel: CHANNEL, chatId: String(msg.chat.id), userId: String(ctx.from.id), chatType };
  const result = await ctx.conversation.act(origin, action);
  await ctx.answerCallbackQuery(result.toast ? { text: result.toast } : undefined);
  if (result.votes && "reply_markup" in msg && msg.reply_markup)
    await ctx.editMessageReplyMarkup({ reply_markup: withVotes(msg.reply_markup, result.votes) });
  await sendReplies(ctx, result.replies, chatType === "group" ? msg.message_id : undefined);
});

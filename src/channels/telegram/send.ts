/**
 * Sends the conversation's replies: Telegram HTML, split between blocks, keyboard on the last part,
 * then the reply's files as documents.
 */
import type { Reply } from "../../chat/types.js";
import { renderTelegram } from "../../render/telegram-html.js";
import { sendFiles } from "./attachments.js";
import type { BotContext } from "./context.js";
import { keyboardFor } from "./keyboard.js";

/** In groups `replyTo` is the message that called the bot: the answer is threaded under it. */
export async function sendReplies(ctx: BotContext, replies: Reply[], replyTo?: number): Promise<void> {
  for (const r of replies) {
    const parts = renderTelegram(r.blocks);
    for (const [i, html] of parts.entries()) {
      await ctx.reply(html, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(i === 0 && replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
        ...(i === parts.length - 1 && r.actions.length ? { reply_markup: keyboardFor(r.actions) } : {}),
      });
    }
    if (r.files?.length) await sendFiles(ctx, r.files, replyTo);
  }
}

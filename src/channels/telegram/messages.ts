/**
 * Messages: private chats get an answer to everything; groups only when the bot is addressed,
 * and the answer replies to the calling message. "typing…" goes out while the engine works.
 */
import { Composer } from "grammy";
import type { Reply } from "../../chat/types.js";
import { errorSummary } from "../../log.js";
import type { BotContext } from "./context.js";
import { uploadedFile } from "./files.js";
import { toIncoming } from "./incoming.js";
import { sendReplies } from "./send.js";

export const messages = new Composer<BotContext>();

messages.on("message", async (ctx) => {
  const incoming = toIncoming(ctx.message, ctx.me);
  if (!incoming || (incoming.chatType === "group" && !incoming.addressed)) return;
  // "typing…" is only cosmetic: its failure must not cost the answer.
  const typing = ctx.replyWithChatAction("typing").catch((err: unknown) => ctx.log.debug({ err: errorSummary(err) }, "typing action failed"));
  const replyTo = incoming.chatType === "group" ? ctx.message.message_id : undefined;
  // Replies after the first (an admin's ingest progress and report) arrive in the same chat.
  const later = (r: Reply) => sendReplies(ctx, [r], replyTo);
  const doc = ctx.message.document;
  const replies = doc ? await ctx.conversation.upload(incoming, uploadedFile(ctx, doc), later) : await ctx.conversation.handle(incoming, later);
  await typing;
  await sendReplies(ctx, replies, replyTo);
});

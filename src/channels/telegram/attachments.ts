/** A reply's files as Telegram documents (sendDocument, uploaded from memory), after its text. */
import { InputFile } from "grammy";
import type { ReplyFile } from "../../chat/types.js";
import type { BotContext } from "./context.js";

/** In groups `replyTo` threads each file under the message that asked for it, like the text. */
export async function sendFiles(ctx: BotContext, files: ReplyFile[], replyTo?: number): Promise<void> {
  for (const f of files) {
    await ctx.replyWithDocument(new InputFile(f.data, f.name), {
      ...(replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
    });
  }
}

/**
 * Zalo events → the shared conversation → Zalo messages. This file only translates: commands,
 * context, rate limits and logging live in src/chat. Zalo has no buttons, so the answer's actions
 * come back as typed commands ("nguyên văn 1", "liên quan"). Work is queued per chat and every
 * failure is caught here: a broken Zalo API costs Zalo replies, never the process.
 */
import { parseCommand, type Conversation } from "../../chat/conversation.js";
import type { ChatQuiz } from "../../chat/quiz.js";
import { texts } from "../../chat/texts.js";
import type { Action, Media, Origin, Reply } from "../../chat/types.js";
import { errorSummary, type Logger } from "../../log.js";
import type { ZaloApi, ZaloMessage, ZaloUpdate } from "./api.js";
import { outlineCommand, parseTypedCommand, type TypedCommand } from "./commands.js";
import { ChatQueue } from "./queue.js";
import { renderReply } from "./render.js";
import { GROUP_COMMAND, zaloTexts } from "./texts.js";

export const TEXT_EVENT = "message.text.received";

/** Non-text events; anything else that carries a message (files, links, …) is "other". */
const MEDIA: Record<string, Media> = {
  "message.image.received": "photo",
  "message.sticker.received": "sticker",
  // Not in the platform's documentation, but reported by integrators.
  "message.voice.received": "voice",
};

export interface ZaloBotDeps {
  api: Pick<ZaloApi, "sendMessage" | "sendChatAction">;
  conversation: Pick<Conversation, "handle" | "act" | "lastAnswerId">;
  log: Logger;
  /** Claims a message id in the shared store: false for a re-delivered message (answered already). */
  firstDelivery?: (messageId: string) => Promise<boolean>;
  /** Scores typed quiz answers ("A", "b."); Zalo has no polls. */
  quiz?: Pick<ChatQuiz, "answer">;
}

const notice = (text: string): Reply => ({ blocks: [{ kind: "notice", text }], actions: [] });

export class ZaloBot {
  private readonly queue: ChatQueue;

  constructor(private readonly deps: ZaloBotDeps) {
    this.queue = new ChatQueue((err) => deps.log.error({ err: errorSummary(err) }, "zalo: reply failed"));
  }

  /** Takes one event from the poller or the webhook; returns at once, the reply follows. */
  handleUpdate(update: ZaloUpdate): void {
    const m = update.message;
    // Some events (e.g. from protected users) carry no message, hence no chat to answer in.
    if (!m?.chat?.id || !m.from?.id) return void this.deps.log.debug({ event: update.event_name }, "zalo: event without a chat, ignored");
    if (m.from.is_bot) return;
    this.queue.run(m.chat.id, () => this.process(update.event_name, m));
  }

  /** Resolves when every queued reply has been sent. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async process(event: string, m: ZaloMessage): Promise<void> {
    if (this.deps.firstDelivery && m.message_id && !(await this.deps.firstDelivery(m.message_id))) return;
    const origin: Origin = { channel: "zalo", chatId: m.chat.id, userId: m.from.id, chatType: m.chat.chat_type === "GROUP" ? "group" : "private" };
    const prefix = origin.chatType === "group" ? `${GROUP_COMMAND} ` : "";
    const send = async (reply: Reply) => {
      for (const text of renderReply(reply, prefix)) await this.deps.api.sendMessage(m.chat.id, text);
    };
    let replies: Reply[];
    try {
      replies = await this.respond(event, m, origin, send);
    } catch (err) {
      this.deps.log.error({ err: errorSummary(err) }, "zalo: conversation failed");
      replies = [notice(texts.error)];
    }
    for (const reply of replies) await send(reply);
  }

  /** `later` sends replies that come after these (an admin command's background results). */
  private async respond(event: string, m: ZaloMessage, origin: Origin, later: (r: Reply) => Promise<void>): Promise<Reply[]> {
    const group = origin.chatType === "group";
    if (event !== TEXT_EVENT) return this.deps.conversation.handle({ ...origin, text: "", addressed: !group, media: MEDIA[event] ?? "other" });
    const text = (m.text ?? "").trim();
    const cmd = parseCommand(text);
    // What was said outside a command ("/hoi x" says x).
    const said = cmd ? (cmd.name === "hoi" ? cmd.args : "") : text;
    // While a quiz runs in the chat, "A" or "b." answers it — in a group too, command or not.
    const scored = said ? await this.deps.quiz?.answer(origin, said, m.from.display_name ?? zaloTexts.player(m.from.id)) : undefined;
    if (scored) return scored;
    // The platform says nothing of mentions, so in a group only a command addresses the bot.
    if (group && !cmd) return [];
    await this.typing(m.chat.id);
    const typed = parseTypedCommand(said);
    if (typed) return this.act(origin, typed);
    const replies = await this.deps.conversation.handle({ ...origin, text: outlineCommand(text) ?? text, addressed: true }, later);
    return cmd?.name === "help" ? [...replies, notice(zaloTexts.help)] : replies;
  }

  private async act(origin: Origin, typed: TypedCommand): Promise<Reply[]> {
    const answerId = await this.deps.conversation.lastAnswerId(origin);
    if (!answerId) return [notice(zaloTexts.noAnswerYet)];
    const action: Action = typed.kind === "full" ? { kind: "full", answerId, n: typed.n } : { kind: "related", answerId };
    return (await this.deps.conversation.act(origin, action)).replies;
  }

  /** "Typing…" while the answer is prepared; cosmetic, so a failure is only logged. */
  private async typing(chatId: string): Promise<void> {
    try {
      await this.deps.api.sendChatAction(chatId);
    } catch (err) {
      this.deps.log.warn({ err: errorSummary(err) }, "zalo: sendChatAction failed");
    }
  }
}

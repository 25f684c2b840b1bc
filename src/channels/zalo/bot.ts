/**
 * Zalo events → the shared conversation → Zalo messages. This file only translates: commands,
 * context, rate limits and logging live in src/chat. Zalo has no buttons, so the answer's actions
 * come back as typed commands ("nguyên văn 1", "liên quan"). In a group the platform hands the
 * bot only messages that tag it or reply to it (see mention.ts), so each is addressed to the
 * bot; its @mention is removed before the conversation reads it. Work is queued per chat and
 * every failure is caught here: a broken Zalo API costs Zalo replies, never the process.
 */
import { aliasCommand, helpLines, parseCommand } from "../../chat/commands.js";
import type { Conversation } from "../../chat/conversation.js";
import type { ChatQuiz } from "../../chat/quiz.js";
import { texts } from "../../chat/texts.js";
import type { Action, Media, Origin, Reply } from "../../chat/types.js";
import { errorSummary, type Logger } from "../../log.js";
import type { ZaloMessage, ZaloUpdate } from "./api.js";
import { parseTypedCommand, type TypedCommand } from "./commands.js";
import { stripMention, type BotIdentity } from "./mention.js";
import { ChatQueue } from "./queue.js";
import { renderReply } from "./render.js";
import type { ZaloSender } from "./send.js";
import { zaloTexts } from "./texts.js";

export const TEXT_EVENT = "message.text.received";

/** Non-text events; anything else that carries a message (files, links, …) is "other". */
const MEDIA: Record<string, Media> = {
  "message.image.received": "photo",
  "message.sticker.received": "sticker",
  // Not in the platform's documentation, but reported by integrators.
  "message.voice.received": "voice",
};

/** Who the bot is: its id and the names members tag it by, the first being the one shown in hints. */
export interface ZaloIdentity extends BotIdentity {
  names: [string, ...string[]];
}

export interface ZaloBotDeps {
  sender: Pick<ZaloSender, "send">;
  api: { sendChatAction(chatId: string): Promise<unknown> };
  conversation: Pick<Conversation, "handle" | "act" | "lastAnswerId">;
  log: Logger;
  /** The bot's identity as known now (getMe may answer after the first webhook event). */
  identity: () => ZaloIdentity;
  /** Claims a message id in the shared store: false for a re-delivered message (answered already). */
  firstDelivery?: (messageId: string) => Promise<boolean>;
  /** Scores typed quiz answers ("A", "b."); Zalo has no polls. */
  quiz?: Pick<ChatQuiz, "answer">;
}

const notice = (text: string): Reply => ({ blocks: [{ kind: "notice", text }], actions: [] });

/** A mention data field, should the platform send one (not in the documented update). */
type WithMentions = ZaloMessage & { mentions?: unknown };

export class ZaloBot {
  private readonly queue: ChatQueue;
  private warnedName = false;
  /** Chats seen to be groups (their quiz questions say how to answer there). */
  private readonly groups = new Set<string>();

  constructor(private readonly deps: ZaloBotDeps) {
    this.queue = new ChatQueue((err) => deps.log.error({ err: errorSummary(err) }, "zalo: reply failed"));
  }

  /**
   * Takes one event from the poller or the webhook and queues its reply; the promise settles when
   * that reply has been handled (the inbox keeps the event until then), and callers that need not
   * wait (the poller) do not.
   */
  handleUpdate(update: ZaloUpdate): Promise<void> {
    const m = update.message;
    // Some events (e.g. from protected users) carry no message, hence no chat to answer in.
    if (!m?.chat?.id || !m.from?.id) return (this.deps.log.debug({ event: update.event_name }, "zalo: event without a chat, ignored"), Promise.resolve());
    if (m.from.is_bot) return Promise.resolve();
    if (m.chat.chat_type === "GROUP") this.groups.add(m.chat.id);
    return this.queue.run(m.chat.id, () => this.process(update.event_name, m));
  }

  /** The bot's name in a chat seen to be a group, else undefined. */
  groupName(chatId: string): string | undefined {
    return this.groups.has(chatId) ? this.deps.identity().names[0] : undefined;
  }

  /** Resolves when every queued reply has been sent. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async process(event: string, m: ZaloMessage): Promise<void> {
    if (this.deps.firstDelivery && m.message_id && !(await this.deps.firstDelivery(m.message_id))) return;
    const origin: Origin = { channel: "zalo", chatId: m.chat.id, userId: m.from.id, chatType: m.chat.chat_type === "GROUP" ? "group" : "private" };
    // In a group a hint must tag the bot, or the platform would not pass the command on.
    const prefix = origin.chatType === "group" ? `@${this.deps.identity().names[0]} ` : "";
    const send = async (reply: Reply) => {
      if (!(await this.deps.sender.send(m.chat.id, renderReply(reply, prefix)))) this.deps.log.warn({ chat: m.chat.id }, "zalo: reply not sent (monthly quota)");
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
    // Delivered at all means addressed: in a group the platform filters (mention or reply).
    if (event !== TEXT_EVENT) return this.deps.conversation.handle({ ...origin, text: "", addressed: true, media: MEDIA[event] ?? "other" });
    const text = this.question(m, origin);
    const cmd = parseCommand(text);
    // What was said outside a command ("/hoi x" says x).
    const said = cmd ? (cmd.name === "hoi" ? cmd.args : "") : text;
    // While a quiz runs in the chat, "A" or "b." answers it.
    const scored = said ? await this.deps.quiz?.answer(origin, said, m.from.display_name ?? zaloTexts.player(m.from.id)) : undefined;
    if (scored) return scored;
    await this.typing(m.chat.id);
    const typed = parseTypedCommand(said);
    if (typed) return this.act(origin, typed);
    const replies = await this.deps.conversation.handle({ ...origin, text: aliasCommand(text) ?? text, addressed: true }, later);
    return cmd?.name === "help" ? replies.map((r) => this.zaloHelp(r)) : replies;
  }

  /** The message's text as the conversation should read it: without the bot's @mention in a group. */
  private question(m: WithMentions, origin: Origin): string {
    const text = (m.text ?? "").trim();
    if (origin.chatType !== "group") return text;
    const found = stripMention(text, this.deps.identity(), m.mentions);
    if (found.mentioned || !text.startsWith("@")) return found.text;
    // Tagged under a name we do not know (the bot was renamed): a command after the tag is the
    // command; otherwise drop the tag's first word at least.
    if (!this.warnedName) this.deps.log.warn({ known: this.deps.identity().names }, "zalo: a group message tags the bot by a name it does not know; set ZALO_BOT_NAME to its display name");
    this.warnedName = true;
    const command = /^@[^\n/]{1,80}?\s(\/[A-Za-z0-9_][\s\S]*)$/u.exec(text);
    return command ? command[1] : text.replace(/^@\S*\s*/u, "");
  }

  /** The shared help speaks of buttons and /hoi in groups: Zalo's own lines replace it, admin lines stay. */
  private zaloHelp(reply: Reply): Reply {
    const shared = new Set<string>(helpLines(false));
    const kept = reply.blocks.filter((b) => !(b.kind === "notice" && shared.has(b.text)));
    if (kept.length === reply.blocks.length) return reply;
    return { ...reply, blocks: [...zaloTexts.help(this.deps.identity().names[0]).map((text) => ({ kind: "notice" as const, text })), ...kept] };
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

/**
 * Telegram message → the conversation's normalised Incoming. Decides whether a group message
 * addresses the bot (its command, an @mention, a reply to one of its messages) and removes the
 * mention from the question.
 */
import type { Chat, Message, UserFromGetMe } from "grammy/types";
import { menuCommands } from "../../chat/commands.js";
import type { ChatType, Incoming, Media } from "../../chat/types.js";
import { CHANNEL } from "./context.js";

/** Private chats and groups are served; channels (broadcast) are not. */
export function chatTypeOf(chat: Chat): ChatType | undefined {
  if (chat.type === "private") return "private";
  return chat.type === "group" || chat.type === "supergroup" ? "group" : undefined;
}

/** What kind of non-text content a message carries; undefined for text and service messages. */
export function mediaOf(m: Message): Media | undefined {
  if (m.sticker) return "sticker";
  if (m.photo) return "photo";
  if (m.voice || m.video_note) return "voice";
  if (m.audio) return "audio";
  if (m.video || m.animation) return "video";
  if (m.document) return "document";
  if (m.location || m.venue || m.contact || m.poll || m.dice || m.game || m.story) return "other";
  return undefined;
}

const OWN_COMMANDS = new Set(menuCommands().map((c) => c.command));

export function toIncoming(m: Message, me: UserFromGetMe): Incoming | undefined {
  const chatType = chatTypeOf(m.chat);
  const media = mediaOf(m);
  if (!chatType || !m.from || (m.text === undefined && !media)) return undefined;
  const text = m.text ?? m.caption ?? "";
  const entities = m.entities ?? m.caption_entities ?? [];
  const name = `@${me.username}`.toLowerCase();
  const spans = (e: (typeof entities)[number]) => text.slice(e.offset, e.offset + e.length);
  const mentions = entities.filter((e) => (e.type === "mention" && spans(e).toLowerCase() === name) || (e.type === "text_mention" && e.user.id === me.id));
  const command = entities.find((e) => e.type === "bot_command" && e.offset === 0);
  const [cmdName, target] = command ? spans(command).slice(1).split("@") : [];
  // "/lệnh" without a bot name is ours only if we have that command (groups may have other bots).
  const commandForMe = !!command && (target ? `@${target}`.toLowerCase() === name : OWN_COMMANDS.has(cmdName.toLowerCase()));
  const repliedToMe = m.reply_to_message?.from?.id === me.id;
  // Cut the mentions out from the end so earlier offsets stay valid.
  let question = text;
  for (const e of [...mentions].sort((a, b) => b.offset - a.offset)) question = question.slice(0, e.offset) + " " + question.slice(e.offset + e.length);
  return {
    channel: CHANNEL,
    chatId: String(m.chat.id),
    userId: String(m.from.id),
    chatType,
    text: question.replace(/\s+/g, " ").trim(),
    addressed: chatType === "private" || mentions.length > 0 || commandForMe || repliedToMe,
    ...(media ? { media } : {}),
  };
}

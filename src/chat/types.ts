/**
 * The channel-agnostic conversation layer's data: what a channel (Telegram, Zalo, …) hands in after
 * normalising a platform message, and what it gets back to render. No platform types here.
 */
import type { Engine } from "../engine/engine.js";
import type { AskResult } from "../engine/types.js";
import type { Config } from "../config/env.js";
import type { Block } from "../render/plan.js";

export type ChatType = "private" | "group";

/** Who is talking where: keys context (per channel+chat) and rate limits (per channel+user). */
export interface Origin {
  /** "telegram", "zalo", … — namespaces every stored key. */
  channel: string;
  chatId: string;
  userId: string;
  chatType: ChatType;
}

/** Non-text content; the conversation answers it with a polite explanation. */
export type Media = "sticker" | "photo" | "voice" | "audio" | "video" | "document" | "other";

export interface Incoming extends Origin {
  /**
   * The message text with the bot's own @mention removed. A leading "/lệnh" (optionally
   * "/lệnh@tên_bot") is parsed as a command by the conversation.
   */
  text: string;
  /**
   * In groups: the bot was called (command, @mention, reply to one of its messages). Unaddressed
   * group messages get no reply at all. Ignored in private chats.
   */
  addressed: boolean;
  /** Set for stickers, photos, voice messages, files …; `text` is then the caption, if any. */
  media?: Media;
}

/**
 * Something the user can do with an answer. Channels with buttons turn each into one (its data
 * via `encodeAction`, label via `actionLabel`); others may offer them as text or leave them out.
 */
export type Action =
  /** Send the full text of citation n (1-based) of the answer. */
  | { kind: "full"; answerId: string; n: number }
  /** Send the other passages that matched ("Văn bản liên quan"). */
  | { kind: "related"; answerId: string }
  | { kind: "feedback"; answerId: string; value: "up" | "down" };

export interface Reply {
  /** Render with the channel's markup; split messages only between blocks. */
  blocks: Block[];
  /** Offered under the reply (on its last message). */
  actions: Action[];
  /** The engine's result when the reply answers a question. */
  result?: AskResult;
  /** Documents sent after the text (outline DOCX, question bank); channels without files say so instead. */
  files?: ReplyFile[];
}

export interface ReplyFile {
  /** ASCII file name, extension included. */
  name: string;
  data: Buffer;
  mime: string;
}

export interface Votes {
  up: number;
  down: number;
}

/** What an action produced: replies to send, and a short toast (Telegram: answerCallbackQuery). */
export interface ActResult {
  replies: Reply[];
  toast?: string;
  /** A new vote was counted: a channel with buttons relabels 👍/👎 with the tally (acknowledgement). */
  votes?: Votes;
}

/** Sends a reply after the first ones (progress, results of background work). */
export type Later = (reply: Reply) => Promise<void>;

/** A file a user sent; the channel downloads it only once it is known to be worth it. */
export interface UploadedFile {
  name: string;
  /** As declared by the platform, checked before downloading. */
  size?: number;
  download(): Promise<Uint8Array>;
}

/**
 * Uploads and the admin commands, served by src/admin (which checks ADMIN_IDS itself as well).
 * The conversation only routes to it; without one (the terminal) both are refused.
 */
export interface AdminService {
  /** Replies to an admin command (name without "/"); what comes after goes through `later`. */
  command(o: Origin, name: string, later: Later): Promise<Reply[]>;
  /** An uploaded document: rejected with its reason, or saved and ingested in the background. */
  upload(o: Origin, file: UploadedFile, later: Later): Promise<Reply[]>;
}

/** The engine methods the conversation uses (tests may substitute a failing one). */
export type ChatEngine = Pick<Engine, "ask" | "catalog" | "unitText">;

export type ChatConfig = Pick<
  Config,
  "RATE_LIMIT_PER_MINUTE" | "CONTEXT_TTL_MINUTES" | "LOG_QUESTIONS" | "LOG_UNANSWERED" | "ACCESS_MODE" | "ALLOWED_CHATS" | "ADMIN_IDS"
>;

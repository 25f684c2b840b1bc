/** The bot's context type: grammY's Context plus what every handler needs. */
import type { Context } from "grammy";
import type { Conversation } from "../../chat/conversation.js";
import type { Logger } from "../../log.js";

export interface AppFlavor {
  conversation: Conversation;
  log: Logger;
}

export type BotContext = Context & AppFlavor;

/** Namespaces this channel's keys in the shared Store and conversation. */
export const CHANNEL = "telegram";

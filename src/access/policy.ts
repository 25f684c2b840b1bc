/**
 * Who may use the bot. ACCESS_MODE=open serves everyone; restricted serves only the chats or
 * users listed in ALLOWED_CHATS (internal documents). Admins (ADMIN_IDS, user ids) are always
 * served and alone may upload documents and use the admin commands. Ids are compared as strings,
 * namespaced by nothing: list Telegram and Zalo ids side by side.
 */
import type { Config } from "../config/env.js";

export type AccessConfig = Pick<Config, "ACCESS_MODE" | "ALLOWED_CHATS" | "ADMIN_IDS">;

/** Who writes from where, as every channel's message carries it (the chat layer's Origin). */
export interface Writer {
  chatId: string;
  userId: string;
}

export class AccessPolicy {
  private readonly allowedIds: Set<string>;
  private readonly adminIds: Set<string>;

  constructor(private readonly config: AccessConfig) {
    this.allowedIds = new Set(config.ALLOWED_CHATS);
    this.adminIds = new Set(config.ADMIN_IDS);
  }

  isAdmin(o: Pick<Writer, "userId">): boolean {
    return this.adminIds.has(o.userId);
  }

  /** A chat listed (a whole group), or a user listed (wherever they write from), or an admin. */
  allows(o: Writer): boolean {
    return this.config.ACCESS_MODE === "open" || this.allowedIds.has(o.chatId) || this.allowedIds.has(o.userId) || this.isAdmin(o);
  }
}

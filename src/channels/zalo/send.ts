/**
 * Sending within the platform's limits. Each message is 1–2000 characters (callers split); the
 * free plan allows 3,000 messages a month (ZALO_MONTHLY_MESSAGES; 0 for no cap), counted here in
 * the shared store per calendar month (UTC) so every instance draws on one budget. A reply that
 * would not fit whole in what is left is not started: half an answer without its citation is
 * worse than none. Reaching the cap is logged once a month; the platform refusing a message (a
 * quota of its own, a blocked user) costs that reply only, logged, and the channel carries on.
 */
import type { Logger } from "../../log.js";
import type { Store } from "../../store/store.js";
import type { ZaloApi } from "./api.js";

/** A month's counter outlives the month a little, then goes. */
const KEEP_MS = 40 * 24 * 3600_000;

export interface SenderOptions {
  api: Pick<ZaloApi, "sendMessage">;
  /** Messages a month; 0 for no cap. */
  monthly: number;
  store?: Pick<Store, "get" | "incr" | "setIfAbsent">;
  log: Logger;
  now?: () => Date;
}

export class ZaloSender {
  /** Used when no shared store is given (one process). */
  private local = new Map<string, number>();

  constructor(private readonly opts: SenderOptions) {}

  /** Sends the parts of one reply in order; false when the monthly budget cannot take them all. */
  async send(chatId: string, parts: string[]): Promise<boolean> {
    if (!parts.length) return true;
    const key = `zalo:sent:${(this.opts.now?.() ?? new Date()).toISOString().slice(0, 7)}`;
    const { monthly, log } = this.opts;
    if (monthly > 0 && (await this.count(key)) + parts.length > monthly) {
      if (await this.firstTime(`${key}:full`)) log.error({ monthly }, "zalo: monthly message quota reached; replies stop until next month (ZALO_MONTHLY_MESSAGES)");
      return false;
    }
    for (const text of parts) {
      await this.opts.api.sendMessage(chatId, text);
      await this.add(key);
    }
    return true;
  }

  private async count(key: string): Promise<number> {
    return this.opts.store ? Number((await this.opts.store.get<number>(key)) ?? 0) : (this.local.get(key) ?? 0);
  }

  private async add(key: string): Promise<void> {
    if (this.opts.store) await this.opts.store.incr(key, KEEP_MS);
    else this.local.set(key, (this.local.get(key) ?? 0) + 1);
  }

  private async firstTime(key: string): Promise<boolean> {
    if (this.opts.store) return this.opts.store.setIfAbsent(key, 1, KEEP_MS);
    if (this.local.has(key)) return false;
    this.local.set(key, 1);
    return true;
  }
}

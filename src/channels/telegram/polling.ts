/**
 * Long polling that confirms an update only once it is stored. Telegram counts an update as
 * confirmed when getUpdates is called with a higher offset; the offset here moves past an update
 * only after the inbox has stored it, so a crash at any point leaves every update either in the
 * store or still at Telegram. The inbox hands them to the handlers.
 */
import type { Api } from "grammy";
import type { Update } from "grammy/types";
import { errorSummary, type Logger } from "../../log.js";
import type { Inbox } from "../inbox.js";
import { ALLOWED_UPDATES } from "./bot.js";

const POLL_TIMEOUT_S = 30;
const MAX_BACKOFF_MS = 30_000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });

/** Polls until `signal` aborts. */
export async function pollTelegram(api: Api, inbox: Inbox<Update>, signal: AbortSignal, log: Logger): Promise<void> {
  let offset: number | undefined;
  let failures = 0;
  while (!signal.aborted) {
    // Back-pressure: fetch more only when the handlers have room.
    await inbox.room();
    try {
      const updates = await api.getUpdates({ offset, limit: 100, timeout: POLL_TIMEOUT_S, allowed_updates: [...ALLOWED_UPDATES] }, signal as Parameters<Api["getUpdates"]>[1]);
      for (const u of updates) {
        await inbox.receive(String(u.update_id), u);
        offset = u.update_id + 1;
      }
      failures = 0;
    } catch (err) {
      if (signal.aborted) break;
      // Network, Telegram or store trouble: the unstored updates stay unconfirmed and come again.
      const wait = Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures++);
      log.warn({ err: errorSummary(err), retryInMs: wait }, "telegram: getUpdates failed");
      await sleep(wait, signal);
    }
  }
}

/**
 * Long polling: getUpdates returns ONE update per call (there is no offset; the platform dequeues
 * what it returns) or error 408 when the poll ran out with nothing, in which case we poll again at
 * once. Any other failure waits with growing backoff, so a broken token or an outage costs a
 * request every half minute, never a crash. Stops when the signal aborts.
 */
import { errorSummary, type Logger } from "../../log.js";
import type { ZaloApi, ZaloUpdate } from "./api.js";
import { backoffDelay, sleep, type BackoffOptions } from "./backoff.js";

export interface PollOptions {
  signal: AbortSignal;
  /** Seconds the platform holds a poll open (sent as the string the API expects). */
  timeoutSec?: number;
  backoff?: BackoffOptions;
  log?: Logger;
}

/** Runs until `signal` aborts; `onUpdate` gets each update and must hand the work off quickly. */
export async function pollUpdates(api: ZaloApi, onUpdate: (update: ZaloUpdate) => void, opts: PollOptions): Promise<void> {
  const { signal, timeoutSec = 30, backoff = { baseMs: 1000, maxMs: 30_000 }, log } = opts;
  let failures = 0;
  while (!signal.aborted) {
    let update: ZaloUpdate | undefined;
    try {
      update = await api.getUpdates(timeoutSec, signal);
      failures = 0;
    } catch (e) {
      if (signal.aborted) break;
      const wait = backoffDelay(failures++, backoff);
      log?.error({ err: errorSummary(e), retryInMs: Math.round(wait) }, "zalo: getUpdates failed");
      await sleep(wait, signal);
      continue;
    }
    if (!update) continue;
    try {
      onUpdate(update);
    } catch (e) {
      log?.error({ err: errorSummary(e) }, "zalo: update handler failed");
    }
  }
}

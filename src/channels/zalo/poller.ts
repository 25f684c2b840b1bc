/**
 * Long polling: getUpdates returns ONE update per call (there is no offset; the platform dequeues
 * what it returns) or error 408 when the poll ran out with nothing. The platform holds an idle
 * poll for its timeout, but nothing guarantees it: a 408 (or any failure) that comes back fast is
 * followed by a pause of at least `minGapMs`, so a platform answering at once never makes the bot
 * spin. Failures wait with growing backoff, logged once per backoff step, so a broken token or an
 * outage costs a request every half minute and a log line per step, never a crash. Stops when the
 * signal aborts.
 */
import { errorSummary, type Logger } from "../../log.js";
import type { ZaloApi, ZaloUpdate } from "./api.js";
import { backoffCeiling, backoffDelay, newBackoffStep, sleep, type BackoffOptions } from "./backoff.js";

export interface PollOptions {
  signal: AbortSignal;
  /** Seconds the platform holds a poll open (sent as the string the API expects). */
  timeoutSec?: number;
  backoff?: BackoffOptions;
  /** Least time from the start of one poll to the start of the next when it brought nothing. */
  minGapMs?: number;
  log?: Logger;
}

/** Runs until `signal` aborts; `onUpdate` gets each update and must hand the work off quickly. */
export async function pollUpdates(api: Pick<ZaloApi, "getUpdates">, onUpdate: (update: ZaloUpdate) => void, opts: PollOptions): Promise<void> {
  const { signal, timeoutSec = 30, backoff = { baseMs: 1000, maxMs: 30_000 }, minGapMs = 1000, log } = opts;
  let failures = 0;
  while (!signal.aborted) {
    const started = Date.now();
    let update: ZaloUpdate | undefined;
    try {
      update = await api.getUpdates(timeoutSec, signal);
      if (failures) log?.info({ failures }, "zalo: getUpdates works again");
      failures = 0;
    } catch (e) {
      if (signal.aborted) break;
      if (newBackoffStep(failures, backoff))
        log?.error({ err: errorSummary(e), attempt: failures + 1, retryUpToMs: backoffCeiling(failures, backoff) }, "zalo: getUpdates failed");
      const wait = Math.max(backoffDelay(failures++, backoff), minGapMs - (Date.now() - started));
      await sleep(wait, signal);
      continue;
    }
    if (!update) {
      await sleep(minGapMs - (Date.now() - started), signal);
      continue;
    }
    try {
      onUpdate(update);
    } catch (e) {
      log?.error({ err: errorSummary(e) }, "zalo: update handler failed");
    }
  }
}

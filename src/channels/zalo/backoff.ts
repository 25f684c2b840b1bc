/** Waiting between attempts: exponential delays with jitter, and a sleep that an abort cuts short. */

export interface BackoffOptions {
  /** First delay in ms; each further failure doubles it. */
  baseMs: number;
  /** Longest delay in ms. */
  maxMs: number;
}

/** Delay before retry `attempt` (0-based): half fixed, half random, so many clients don't retry in step. */
export function backoffDelay(attempt: number, { baseMs, maxMs }: BackoffOptions): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Resolves after `ms`, or at once (without throwing) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Calls `fn` until it succeeds or `signal` aborts, waiting with backoff between failures; never
 * rejects. For set-up calls (setWebhook, deleteWebhook) that must not fail the process when the
 * platform is down at start.
 */
export async function retryUntil(fn: () => Promise<unknown>, signal: AbortSignal, onError: (err: unknown, retryInMs: number) => void, backoff: BackoffOptions = { baseMs: 1000, maxMs: 60_000 }): Promise<boolean> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      await fn();
      return true;
    } catch (err) {
      if (signal.aborted) break;
      const wait = backoffDelay(attempt, backoff);
      onError(err, wait);
      await sleep(wait, signal);
    }
  }
  return false;
}

/** Waiting between attempts: exponential delays with jitter, and a sleep that an abort cuts short. */

export interface BackoffOptions {
  /** First delay in ms; each further failure doubles it. */
  baseMs: number;
  /** Longest delay in ms. */
  maxMs: number;
}

/** The longest delay before retry `attempt` (0-based): doubles from baseMs up to maxMs. */
export function backoffCeiling(attempt: number, { baseMs, maxMs }: BackoffOptions): number {
  return Math.min(maxMs, baseMs * 2 ** attempt);
}

/** Delay before retry `attempt` (0-based): half fixed, half random, so many clients don't retry in step. */
export function backoffDelay(attempt: number, opts: BackoffOptions): number {
  const ceiling = backoffCeiling(attempt, opts);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * True when failure `attempt` starts a new backoff step (its ceiling differs from the one
 * before): logging only then says "still failing, now waiting up to N s" once per step, never
 * once per attempt, so a long outage does not flood the log.
 */
export function newBackoffStep(attempt: number, opts: BackoffOptions): boolean {
  return attempt === 0 || backoffCeiling(attempt, opts) !== backoffCeiling(attempt - 1, opts);
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
 * rejects. For set-up calls (getMe, setWebhook, deleteWebhook) that must not fail the process or
 * hold up other channels when the platform is down at start. `onError` is called once per
 * backoff step (see newBackoffStep) with the attempt number and the step's longest wait.
 */
export async function retryUntil(
  fn: () => Promise<unknown>,
  signal: AbortSignal,
  onError: (err: unknown, attempt: number, upToMs: number) => void,
  backoff: BackoffOptions = { baseMs: 1000, maxMs: 60_000 },
): Promise<boolean> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      await fn();
      return true;
    } catch (err) {
      if (signal.aborted) break;
      if (newBackoffStep(attempt, backoff)) onError(err, attempt + 1, backoffCeiling(attempt, backoff));
      await sleep(backoffDelay(attempt, backoff), signal);
    }
  }
  return false;
}

/**
 * Update de-duplication across instances: Telegram re-delivers a webhook update it thinks was not
 * received, Zalo may too, and behind a load balancer the copy can reach another instance. The
 * first instance to claim `update:<channel>:<id>` in the shared store answers; the others drop it.
 */
import type { Store } from "../store/store.js";

/** Platforms re-deliver within hours; a day is a safe memory. */
export const DEDUPE_TTL_MS = 24 * 3600 * 1000;

export function firstDelivery(store: Store, channel: string, updateId: string | number): Promise<boolean> {
  return store.setIfAbsent(`update:${channel}:${updateId}`, 1, DEDUPE_TTL_MS);
}

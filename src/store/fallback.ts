/**
 * Keeps the bots answering through an outage of the shared store. While the primary (Redis)
 * reports StoreUnavailableError, every operation goes to an in-process store instead: context,
 * rate limits and de-duplication then hold per instance, and log records written meanwhile stay
 * in that instance. The switch and the recovery are each logged once; other errors pass through.
 */
import type { Logger } from "../log.js";
import { StoreUnavailableError, type PendingEntry, type Store } from "./store.js";

export class FallbackStore implements Store {
  private degraded = false;

  constructor(
    private readonly primary: Store,
    private readonly local: Store,
    private readonly log: Logger,
  ) {}

  /** True while operations are served by the local store. */
  get isDegraded(): boolean {
    return this.degraded;
  }

  private async use<T>(op: (s: Store) => Promise<T>): Promise<T> {
    try {
      const r = await op(this.primary);
      if (this.degraded) {
        this.degraded = false;
        this.log.info("shared store back: using it again");
      }
      return r;
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      if (!this.degraded) {
        this.degraded = true;
        this.log.error({ err: err.message }, "shared store unavailable: answering with per-instance state until it is back");
      }
      return op(this.local);
    }
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.use((s) => s.get<T>(key));
  }

  set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    return this.use((s) => s.set(key, value, ttlMs));
  }

  setIfAbsent<T>(key: string, value: T, ttlMs?: number): Promise<boolean> {
    return this.use((s) => s.setIfAbsent(key, value, ttlMs));
  }

  delete(key: string): Promise<void> {
    return this.use((s) => s.delete(key));
  }

  incr(key: string, ttlMs?: number): Promise<number> {
    return this.use((s) => s.incr(key, ttlMs));
  }

  append(log: string, record: object): Promise<void> {
    return this.use((s) => s.append(log, record));
  }

  recent<T extends object>(log: string, limit: number, since?: number): Promise<Array<T & { at: number }>> {
    return this.use((s) => s.recent<T>(log, limit, since));
  }

  enqueue<T>(queue: string, id: string, value: T, owner: string, seenTtlMs: number): Promise<boolean> {
    return this.use((s) => s.enqueue(queue, id, value, owner, seenTtlMs));
  }

  pending<T>(queue: string, limit: number): Promise<Array<PendingEntry<T>>> {
    return this.use((s) => s.pending<T>(queue, limit));
  }

  claim(queue: string, id: string, from: string, to: string): Promise<boolean> {
    return this.use((s) => s.claim(queue, id, from, to));
  }

  /** From both: what was kept during an outage too. */
  async forget(id: string): Promise<number> {
    return (await this.local.forget(id)) + (await this.use((s) => s.forget(id)));
  }

  /** Also from the local store: an entry enqueued during an outage may be handled after it. */
  async dequeue(queue: string, id: string): Promise<void> {
    await this.local.dequeue(queue, id);
    return this.use((s) => s.dequeue(queue, id));
  }

  async close(): Promise<void> {
    await Promise.all([this.primary.close(), this.local.close()]);
  }
}

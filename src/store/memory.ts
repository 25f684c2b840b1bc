/** In-process store: for tests and single-process runs that need no persistence. */
import { keyMentions, recordMentions, type PendingEntry, type Store } from "./store.js";

export class MemoryStore implements Store {
  private values = new Map<string, { value: unknown; expires: number }>();
  private logs = new Map<string, Array<{ at: number } & object>>();
  private queues = new Map<string, Map<string, PendingEntry<unknown>>>();

  private live(key: string) {
    const e = this.values.get(key);
    if (e && e.expires && e.expires <= Date.now()) {
      this.values.delete(key);
      return undefined;
    }
    return e;
  }

  // Values are copied in and out, as the SQLite and Redis stores (JSON) do: a caller that changes
  // what it read must not change what is stored.
  async get<T>(key: string): Promise<T | undefined> {
    const value = this.live(key)?.value;
    return value === undefined ? undefined : (structuredClone(value) as T);
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.values.set(key, { value: structuredClone(value), expires: ttlMs ? Date.now() + ttlMs : 0 });
  }

  async setIfAbsent<T>(key: string, value: T, ttlMs?: number): Promise<boolean> {
    if (this.live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }

  async incr(key: string, ttlMs?: number): Promise<number> {
    const e = this.live(key);
    const n = ((e?.value as number | undefined) ?? 0) + 1;
    this.values.set(key, { value: n, expires: e?.expires ?? (ttlMs ? Date.now() + ttlMs : 0) });
    return n;
  }

  async append(log: string, record: object): Promise<void> {
    let list = this.logs.get(log);
    if (!list) this.logs.set(log, (list = []));
    list.push({ ...structuredClone(record), at: Date.now() });
  }

  async recent<T extends object>(log: string, limit: number, since = 0): Promise<Array<T & { at: number }>> {
    return ((this.logs.get(log) ?? []).filter((r) => r.at >= since).slice(-limit).reverse()) as Array<T & { at: number }>;
  }

  async enqueue<T>(queue: string, id: string, value: T, owner: string, seenTtlMs: number): Promise<boolean> {
    if (!(await this.setIfAbsent(`seen:${queue}:${id}`, 1, seenTtlMs))) return false;
    let q = this.queues.get(queue);
    if (!q) this.queues.set(queue, (q = new Map()));
    q.set(id, { id, value: structuredClone(value), owner });
    return true;
  }

  async pending<T>(queue: string, limit: number): Promise<Array<PendingEntry<T>>> {
    return [...(this.queues.get(queue)?.values() ?? [])].slice(0, limit).map((e) => structuredClone(e) as PendingEntry<T>);
  }

  async claim(queue: string, id: string, from: string, to: string): Promise<boolean> {
    const e = this.queues.get(queue)?.get(id);
    if (e?.owner !== from) return false;
    e.owner = to;
    return true;
  }

  async dequeue(queue: string, id: string): Promise<void> {
    this.queues.get(queue)?.delete(id);
  }

  async forget(id: string): Promise<number> {
    let n = 0;
    for (const key of [...this.values.keys()]) if (keyMentions(key, id)) (this.values.delete(key), n++);
    for (const [name, list] of this.logs) {
      const kept = list.filter((r) => !recordMentions(JSON.stringify(r), id));
      n += list.length - kept.length;
      this.logs.set(name, kept);
    }
    return n;
  }

  async close(): Promise<void> {}
}

/**
 * One small store for everything the bots remember: chat context, rate-limit counters, update
 * de-duplication, the question log, feedback and quiz results. Embedded SQLite by default (no
 * server); Redis when several bot instances share state. Values are JSON: what is read back is a
 * copy, never the object that was stored. Every backend passes the same contract suite
 * (test/store.test.ts).
 *
 * @example
 * ```ts
 * const store = await openStore(config, log); // SqliteStore, or Redis behind a FallbackStore
 * await store.set("ctx:telegram:42", { focus: { docId: "nd-73", unit: 12 } }, 30 * 60_000);
 * if (await store.setIfAbsent("update:telegram:9001", 1, 86_400_000)) {
 *   // first delivery of update 9001: answer it
 * }
 * const asked = await store.incr("rl:telegram:42", 60_000); // questions this minute
 * await store.append("questions", { channel: "telegram", status: "answer" });
 * const lastDay = await store.recent<{ status: string }>("questions", 100, Date.now() - 86_400_000);
 * await store.close();
 * ```
 */
export interface Store {
  /** True while an outage has the store answering from a stand-in: what is missing may be back later. */
  readonly isDegraded?: boolean;
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a value; with ttlMs it expires after that long. */
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  /** Sets only when absent; true when this call set it (de-duplication, locks). */
  setIfAbsent<T>(key: string, value: T, ttlMs?: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Atomically increments a counter; the first increment starts its ttl window. */
  incr(key: string, ttlMs?: number): Promise<number>;
  /** Appends a record to a named log (questions, feedback, quiz answers). */
  append(log: string, record: object): Promise<void>;
  /** The newest records of a log, newest first; `since` (ms epoch) filters older ones out. */
  recent<T extends object>(log: string, limit: number, since?: number): Promise<Array<T & { at: number }>>;
  /**
   * Inbox of received updates (see channels/inbox.ts). Adds `id` to `queue` as pending, owned by
   * `owner`, unless that id was enqueued within `seenTtlMs` (a re-delivery): false then.
   */
  enqueue<T>(queue: string, id: string, value: T, owner: string, seenTtlMs: number): Promise<boolean>;
  /** Pending entries of a queue, oldest first. */
  pending<T>(queue: string, limit: number): Promise<Array<PendingEntry<T>>>;
  /** Hands a pending entry from `from` to `to`; false when another owner took it first. */
  claim(queue: string, id: string, from: string, to: string): Promise<boolean>;
  /** Removes a handled entry (its id stays "seen" until seenTtlMs passes). */
  dequeue(queue: string, id: string): Promise<void>;
  /**
   * Erases a person: every key with `id` as one of its ":"-separated parts (their private chat's
   * context, rate limit, votes, quiz answers) and every log record holding `id` as a value (their
   * quiz answers, the quiz results they appear in). Returns how many keys and records went.
   */
  forget(id: string): Promise<number>;
  close(): Promise<void>;
}

/** True when `key` has `id` as one of its ":"-separated parts. */
export const keyMentions = (key: string, id: string): boolean => key.split(":").includes(id);

/** True when a JSON record holds `id` as a string value (user ids are stored as strings). */
export const recordMentions = (json: string, id: string): boolean => json.includes(`:${JSON.stringify(id)}`);

export interface PendingEntry<T> {
  id: string;
  value: T;
  owner: string;
}

/**
 * The store's server cannot be reached (Redis down or restarting). Thrown at once rather than
 * after a long wait, so callers can degrade (see FallbackStore) instead of hanging.
 */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
}
